// A canvas timeline, written by hand rather than taken from a library, because the atlas must be
// interactive in under 1.5 s with 10,000 events and DOM-per-event timelines cannot be. Measured:
// TimelineJS draws 1,000 events in 1.6 s and 10,000 in 15 s; vis-timeline 10,000 in ~6 s (~2 s clustered);
// Leaflet itself draws 10,000 circles in 0.5 s on canvas against 2.5 s as DOM markers. A canvas redraws
// only what is on screen, from typed arrays, so panning and zooming cost the same at 100 or 10,000 events.
//
// What it draws: an axis (years; months or days as the zoom allows), each event as a tick (day precision)
// or a bar over its bounds (month, season, year, span), soft-edged when approximate and hatched when
// uncertain; a window left between other events (after X, before Y) is hatched between brackets, and a
// disputed date carries a diamond on its start. Events are packed into lanes so nothing overlaps. When the lanes are full, key events (significance 3)
// keep their place and the rest are counted in a row at the bottom; clicking a count zooms in.
// Hit-testing is a binary search over the sorted starts. The canvas is hidden from assistive technology;
// a focusable element takes the keys and a live region says what was selected.

import { dayToParts, isWindow, isoToDay, monthStart } from "./dates.js";
import { t } from "./i18n.js";

const AXIS_HEIGHT = 40;
const LANE_HEIGHT = 22;
const BAR_HEIGHT = 16;
const MORE_HEIGHT = 20;
const TICK_WIDTH = 4;
const GAP = 4;
const LABEL_PAD = 8;
const LABEL_MAX = 220;
const MIN_LABEL = 64; // narrower than this, a title would be a syllable and an ellipsis
const BUCKET = 36;
const MAX_PX_PER_DAY = 120;
const HIT_SLOP = 4;
const CATEGORIES = ["treaty", "diplomacy", "mission", "military", "aid", "politics", "report"];

function _upperBound(sorted, value) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function _lowerBound(sorted, value) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Build a timeline in `element`. Callbacks: onSelect(index), onStep(delta | "first" | "last"), and
 * onView({left, right}) after a frame that moved the view (days since 1970).
 */
export function createTimeline(element, { lang, onSelect, onStep, onView = () => {} }) {
  element.classList.add("timeline");
  element.innerHTML = `
    <div class="timeline-tools">
      <button type="button" data-zoom="out" data-i18n-aria-label="zoomOut" data-i18n-title="zoomOut">−</button>
      <button type="button" data-zoom="in" data-i18n-aria-label="zoomIn" data-i18n-title="zoomIn">+</button>
      <button type="button" data-zoom="all" data-i18n="showAll"></button>
    </div>
    <div class="timeline-stage" tabindex="0" role="group">
      <canvas aria-hidden="true"></canvas>
    </div>
    <p class="visually-hidden timeline-help"></p>
    <div class="visually-hidden" aria-live="polite" aria-atomic="true"></div>`;
  const stage = element.querySelector(".timeline-stage");
  const canvas = stage.querySelector("canvas");
  const help = element.querySelector(".timeline-help");
  const live = element.querySelector("[aria-live]");
  help.id = `timeline-help-${Math.random().toString(36).slice(2, 8)}`;
  stage.setAttribute("aria-describedby", help.id);
  const ctx = canvas.getContext("2d");
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  // Events, indexed as the caller's list; `order` sorts them by start for the binary searches.
  let n = 0;
  let starts = new Float64Array(0); // days since 1970
  let ends = new Float64Array(0); // exclusive: the day after the last day
  let significance = new Uint8Array(0);
  // 1 approximate, 2 uncertain, 4 point, 8 open start, 16 open end, 32 window between events, 64 disputed
  let flags = new Uint8Array(0);
  let category = new Uint8Array(0);
  let titles = [];
  let labelWidths = new Float32Array(0); // titles' full widths, measured lazily: most are never needed
  let fitted = new Map(); // i -> {room, text}: titles cut to the room they have
  let order = new Int32Array(0);
  let sortedStarts = new Float64Array(0);
  let extent = [monthStart(1917, 1), monthStart(1925, 1)];

  // The layout, valid for one scale, lane count, selection and highlight.
  let lane = new Int16Array(0);
  let labelled = new Uint8Array(0);
  let occupiedEnd = new Float64Array(0); // px at layout scale, by event
  let prefixEnd = new Float64Array(0); // running max of occupiedEnd in start order: bounds the searches
  let buckets = new Map(); // bucket (BUCKET px of the timeline) -> how many events did not fit there
  let layoutKey = "";

  let view = { left: extent[0], k: 1 }; // day at the left edge, pixels per day
  let size = { width: 0, height: 0, ratio: 1 };
  let selected = -1;
  let pinned = -1; // an event the layout must place whatever the density (the selection, if it did not fit)
  let highlighted = null;
  let layoutDirty = true;
  let edges = { before: 0, after: 0 }; // events off screen to the left and right, as last drawn
  let colors = null;
  let hatch = null;
  let frame = 0;
  let drawnOnce = false;
  let animation = 0;
  let reported = { left: Number.NaN, k: Number.NaN }; // the view last told to onView

  function _readTheme() {
    const style = getComputedStyle(element);
    const value = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    colors = {
      background: value("--tl-bg", "#fff"),
      axis: value("--tl-axis-bg", "#f2efe8"),
      text: value("--tl-fg", "#1d1d1b"),
      muted: value("--tl-muted", "#6b665c"),
      grid: value("--tl-grid", "#e4dfd4"),
      gridStrong: value("--tl-grid-strong", "#c9c1b1"),
      selected: value("--tl-selected", "#c0392b"),
      disputed: value("--tl-disputed", "#b7410e"),
      more: value("--tl-more", "#8a8477"),
      category: CATEGORIES.map((name) => value(`--cat-${name}`, "#555")),
      font: value("--tl-font", "12px system-ui, sans-serif"),
    };
    const tile = document.createElement("canvas");
    tile.width = tile.height = 8;
    const tileContext = tile.getContext("2d");
    tileContext.strokeStyle = colors.text;
    tileContext.globalAlpha = 0.45;
    tileContext.lineWidth = 1.5;
    tileContext.beginPath();
    tileContext.moveTo(-2, 10);
    tileContext.lineTo(10, -2);
    tileContext.moveTo(6, 10);
    tileContext.lineTo(10, 6);
    tileContext.moveTo(-2, 2);
    tileContext.lineTo(2, -2);
    tileContext.stroke();
    hatch = ctx.createPattern(tile, "repeat");
  }

  // Where a title starts after its event's start: past the tick, and past the arrow of an open end.
  function _labelOffset(i) {
    return LABEL_PAD + (flags[i] & 16 && ends[i] - starts[i] <= 1 ? 10 : 0);
  }

  function _labelWidth(i) {
    if (Number.isNaN(labelWidths[i])) {
      ctx.font = significance[i] >= 3 ? `600 ${colors.font}` : colors.font;
      labelWidths[i] = ctx.measureText(titles[i]).width;
    }
    return Math.min(LABEL_MAX, labelWidths[i]);
  }

  // The title cut with an ellipsis to `room` pixels (cached: the same room comes back every frame).
  function _fitText(i, room) {
    _labelWidth(i);
    if (labelWidths[i] <= room + 1) return titles[i]; // room is computed in floats: allow for rounding
    const cached = fitted.get(i);
    if (cached && Math.abs(cached.room - room) < 2) return cached.text;
    const title = titles[i];
    let lo = 0;
    let hi = title.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (ctx.measureText(`${title.slice(0, mid).trimEnd()}…`).width <= room) lo = mid;
      else hi = mid - 1;
    }
    const text = lo ? `${title.slice(0, lo).trimEnd()}…` : "";
    fitted.set(i, { room, text });
    return text;
  }

  function _laneCount() {
    return Math.max(1, Math.floor((size.height - AXIS_HEIGHT - MORE_HEIGHT - 6) / LANE_HEIGHT));
  }

  function _minScale() {
    const span = Math.max(30, extent[1] - extent[0]);
    return Math.max(1e-4, (size.width || 600) / (span * 1.5));
  }

  function _clampView(next) {
    const k = Math.min(MAX_PX_PER_DAY, Math.max(_minScale(), next.k));
    const visible = (size.width || 600) / k;
    const margin = visible * 0.5;
    const left = Math.min(extent[1] - visible + margin, Math.max(extent[0] - margin, next.left));
    return { left, k };
  }

  // ---- layout: pack events into lanes, most important first, at the current scale --------------------
  function _priority(i) {
    if (i === pinned) return 0;
    if (highlighted && highlighted.has(i)) return 1;
    return 5 - significance[i]; // 2 (key) … 4 (detail)
  }

  // Pack every event into a lane at the current scale, most important tier first; within a tier in start
  // order, which keeps each lane's intervals sorted and the packing linear. With `withLabels`, an event
  // takes room for its title too when some lane has it. Returns how many events found no lane.
  function _pack(withLabels) {
    const k = view.k;
    const lanes = _laneCount();
    lane.fill(-1);
    labelled.fill(0);
    buckets = new Map();
    let overflow = 0;
    const tiers = [[], [], [], [], []];
    for (let position = 0; position < n; position++) tiers[_priority(order[position])].push(order[position]);
    let previous = Array.from({ length: lanes }, () => []); // flat [a0, b0, i0, a1, b1, i1, …] sorted by a

    for (const tier of tiers) {
      if (!tier.length) continue;
      const pointer = new Int32Array(lanes);
      const current = Array.from({ length: lanes }, () => []);
      const currentEnd = new Float64Array(lanes).fill(-Infinity);
      const fits = (l, a, b) => {
        const placed = previous[l];
        let p = pointer[l];
        while (p < placed.length && placed[p + 1] + GAP <= a) p += 3;
        pointer[l] = p;
        if (p < placed.length && placed[p] < b + GAP) return false;
        return currentEnd[l] + GAP <= a;
      };
      for (const i of tier) {
        const a = starts[i] * k;
        const b = Math.max(ends[i] * k, a + TICK_WIDTH);
        let chosen = -1;
        let end = b;
        for (let l = 0; l < lanes && chosen < 0; l++) if (fits(l, a, b)) chosen = l;
        // Measure the title only for an event that fits at all.
        if (chosen >= 0 && withLabels) {
          const withLabel = Math.max(b, a + _labelOffset(i) + _labelWidth(i) + GAP);
          for (let l = 0; l < lanes; l++) {
            if (fits(l, a, withLabel)) {
              [chosen, end] = [l, withLabel];
              labelled[i] = 1;
              break;
            }
          }
        }
        occupiedEnd[i] = end;
        if (chosen < 0) {
          overflow++;
          const key = Math.floor(a / BUCKET);
          buckets.set(key, (buckets.get(key) || 0) + 1);
          continue;
        }
        lane[i] = chosen;
        current[chosen].push(a, end, i);
        currentEnd[chosen] = end;
      }
      previous = previous.map((placed, l) => {
        const added = current[l];
        if (!added.length) return placed;
        const merged = [];
        let x = 0;
        let y = 0;
        while (x < placed.length || y < added.length) {
          if (y >= added.length || (x < placed.length && placed[x] <= added[y]))
            merged.push(placed[x++], placed[x++], placed[x++]);
          else merged.push(added[y++], added[y++], added[y++]);
        }
        return merged;
      });
    }
    return { overflow, lanes: previous };
  }

  // Titles in the gaps a dense packing leaves: each may run up to the next event in its lane.
  function _labelGaps(lanes) {
    for (const placed of lanes) {
      for (let p = 0; p < placed.length; p += 3) {
        const [a, b, i] = [placed[p], placed[p + 1], placed[p + 2]];
        const next = p + 3 < placed.length ? placed[p + 3] : Infinity;
        const room = next - GAP - a - _labelOffset(i);
        if (room < MIN_LABEL) continue;
        labelled[i] = 1;
        occupiedEnd[i] = Math.max(b, a + _labelOffset(i) + Math.min(room, _labelWidth(i) + GAP));
      }
    }
  }

  // Packing with titles reads best while everything fits; once events would be left out, packing them
  // bare shows as many as the lanes can hold, and titles fill whatever room is left between them.
  function _layout() {
    const packed = _pack(true);
    if (packed.overflow > 0) _labelGaps(_pack(false).lanes);
    let running = -Infinity;
    for (let position = 0; position < n; position++) {
      running = Math.max(running, occupiedEnd[order[position]]);
      prefixEnd[position] = running;
    }
    layoutKey = `${view.k}|${_laneCount()}`;
    layoutDirty = false;
  }

  // Lanes are laid out again only when the scale, the height or the emphasis changes, never on a pan or
  // a selection that is already on screen, so events do not jump around under the pointer.
  function _ensureLayout() {
    if (layoutDirty || `${view.k}|${_laneCount()}` !== layoutKey) _layout();
  }

  // ---- drawing -------------------------------------------------------------------------------------
  function _schedule() {
    if (!frame) frame = requestAnimationFrame(_draw);
  }

  function _x(day) {
    return (day - view.left) * view.k;
  }

  function _drawAxis() {
    const { width, height } = size;
    const k = view.k;
    const first = dayToParts(view.left);
    const lastDay = view.left + width / k;
    const pxMonth = 30.4 * k;
    ctx.fillStyle = colors.axis;
    ctx.fillRect(0, 0, width, AXIS_HEIGHT);
    ctx.font = colors.font;
    ctx.textBaseline = "middle";
    const months = t(lang, "months");
    const shortMonths = t(lang, "monthsShort");
    const line = (x, top, style) => {
      ctx.strokeStyle = style;
      ctx.beginPath();
      ctx.moveTo(Math.round(x) + 0.5, top);
      ctx.lineTo(Math.round(x) + 0.5, height - MORE_HEIGHT);
      ctx.stroke();
    };
    // A segment's label sticks to the left edge while the segment is on screen.
    const label = (text, x0, x1, y, bold) => {
      ctx.font = bold ? `600 ${colors.font}` : colors.font;
      const w = ctx.measureText(text).width;
      if (x1 - Math.max(x0, 0) < w + 8) return;
      const x = Math.min(Math.max(x0 + 4, 4), x1 - w - 4);
      ctx.fillStyle = bold ? colors.text : colors.muted;
      ctx.fillText(text, x, y);
    };

    if (k >= 14) {
      // Days: months (with year) on the top band, day numbers below.
      for (let y = first.year, m = first.month; monthStart(y, m) <= lastDay; m++) {
        const x0 = _x(monthStart(y, m));
        const x1 = _x(monthStart(y, m + 1));
        line(x0, 0, colors.gridStrong);
        label(`${months[(m - 1) % 12]} ${y + Math.floor((m - 1) / 12)}`, x0, x1, 11, true);
      }
      const step = k >= 22 ? 1 : k >= 16 ? 2 : 5;
      for (let day = Math.floor(view.left); day <= lastDay; day++) {
        const parts = dayToParts(day);
        const x = _x(day);
        if (parts.day !== 1) line(x, 22, colors.grid);
        if ((parts.day - 1) % step === 0 && parts.day < 31) label(String(parts.day), x, x + k * step, 30, false);
      }
    } else {
      const pxYear = 365.25 * k;
      const yearStep = pxYear >= 44 ? 1 : pxYear >= 20 ? 2 : pxYear >= 8 ? 5 : 10;
      for (let y = first.year - (first.year % yearStep); monthStart(y, 1) <= lastDay; y += yearStep) {
        const x0 = _x(monthStart(y, 1));
        const x1 = _x(monthStart(y + yearStep, 1));
        line(x0, 0, colors.gridStrong);
        label(String(y), x0, x1, 11, true);
      }
      if (pxMonth >= 14) {
        const names = pxMonth >= 80 ? months : pxMonth >= 30 ? shortMonths : null;
        for (let y = first.year, m = first.month; monthStart(y, m) <= lastDay; m++) {
          const x0 = _x(monthStart(y, m));
          if ((m - 1) % 12 !== 0) line(x0, 22, colors.grid);
          if (names) label(names[(m - 1) % 12], x0, _x(monthStart(y, m + 1)), 30, false);
        }
      }
    }
    ctx.strokeStyle = colors.gridStrong;
    ctx.beginPath();
    ctx.moveTo(0, AXIS_HEIGHT - 0.5);
    ctx.lineTo(width, AXIS_HEIGHT - 0.5);
    ctx.stroke();
  }

  function _eventBox(i) {
    const x0 = _x(starts[i]);
    const x1 = Math.max(_x(ends[i]), x0 + TICK_WIDTH);
    const y = AXIS_HEIGHT + 4 + lane[i] * LANE_HEIGHT + (LANE_HEIGHT - BAR_HEIGHT) / 2;
    return { x0, x1, y };
  }

  function _drawEvent(i, isSelected) {
    const { x0, x1, y } = _eventBox(i);
    const color = colors.category[category[i]];
    const approximate = flags[i] & 1;
    const uncertain = flags[i] & 2;
    const point = flags[i] & 4;
    ctx.globalAlpha = highlighted && !highlighted.has(i) && !isSelected ? 0.25 : 1;
    if (point) {
      const w = TICK_WIDTH + (significance[i] - 2);
      if (approximate || uncertain) {
        // A halo says "about here": soft for approximate, hatched for uncertain.
        ctx.fillStyle = uncertain ? hatch : color;
        if (!uncertain) ctx.globalAlpha *= 0.3;
        ctx.fillRect(x0 - 4, y, w + 8, BAR_HEIGHT);
        ctx.globalAlpha = highlighted && !highlighted.has(i) && !isSelected ? 0.25 : 1;
      }
      ctx.fillStyle = color;
      ctx.fillRect(x0, y, w, BAR_HEIGHT);
    } else if (flags[i] & 32) {
      // A window between events: the event is somewhere inside it, so it is hatched between brackets.
      const w = x1 - x0;
      ctx.fillStyle = color;
      ctx.globalAlpha *= 0.18;
      ctx.fillRect(x0, y, w, BAR_HEIGHT);
      ctx.globalAlpha = highlighted && !highlighted.has(i) && !isSelected ? 0.25 : 1;
      ctx.fillStyle = hatch;
      ctx.fillRect(x0, y, w, BAR_HEIGHT);
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (const [x, dir] of [
        [x0 + 1, 1],
        [x1 - 1, -1],
      ]) {
        ctx.moveTo(x + 4 * dir, y + 1);
        ctx.lineTo(x, y + 1);
        ctx.lineTo(x, y + BAR_HEIGHT - 1);
        ctx.lineTo(x + 4 * dir, y + BAR_HEIGHT - 1);
      }
      ctx.stroke();
      ctx.lineWidth = 1;
    } else {
      const w = x1 - x0;
      if (approximate) {
        const gradient = ctx.createLinearGradient(x0, 0, x1, 0);
        const fade = Math.min(0.3, 12 / Math.max(w, 1));
        gradient.addColorStop(0, "transparent");
        gradient.addColorStop(fade, color);
        gradient.addColorStop(1 - fade, color);
        gradient.addColorStop(1, "transparent");
        ctx.fillStyle = gradient;
      } else {
        ctx.fillStyle = color;
      }
      ctx.globalAlpha *= 0.35;
      ctx.fillRect(x0, y, w, BAR_HEIGHT);
      ctx.globalAlpha = highlighted && !highlighted.has(i) && !isSelected ? 0.25 : 1;
      if (uncertain) {
        ctx.fillStyle = hatch;
        ctx.fillRect(x0, y, w, BAR_HEIGHT);
      }
      if (!approximate) {
        ctx.fillStyle = color;
        ctx.fillRect(x0, y, 3, BAR_HEIGHT);
      }
    }
    // An open side ("1920-11/..", "../1920") gets an arrowhead pointing the way the date runs on.
    if (flags[i] & 24) {
      ctx.fillStyle = color;
      ctx.beginPath();
      if (flags[i] & 16) {
        const x = Math.max(x1, x0 + TICK_WIDTH) + 2;
        ctx.moveTo(x, y + 2);
        ctx.lineTo(x + 6, y + BAR_HEIGHT / 2);
        ctx.lineTo(x, y + BAR_HEIGHT - 2);
      } else {
        ctx.moveTo(x0 - 2, y + 2);
        ctx.lineTo(x0 - 8, y + BAR_HEIGHT / 2);
        ctx.lineTo(x0 - 2, y + BAR_HEIGHT - 2);
      }
      ctx.fill();
    }
    if (flags[i] & 64) {
      // Disputed: a diamond on the start's top edge (the panel lists the other readings).
      ctx.fillStyle = colors.disputed;
      ctx.strokeStyle = colors.background;
      ctx.beginPath();
      ctx.moveTo(x0 + 2, y - 4);
      ctx.lineTo(x0 + 6, y);
      ctx.lineTo(x0 + 2, y + 4);
      ctx.lineTo(x0 - 2, y);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
    if (labelled[i]) {
      const textX = x0 + _labelOffset(i);
      const room = occupiedEnd[i] - view.left * view.k - GAP - textX;
      ctx.font = significance[i] >= 3 ? `600 ${colors.font}` : colors.font;
      ctx.fillStyle = colors.text;
      ctx.textBaseline = "middle";
      ctx.fillText(_fitText(i, room), textX, y + BAR_HEIGHT / 2 + 0.5);
    }
    ctx.globalAlpha = 1;
    if (isSelected) {
      ctx.strokeStyle = colors.selected;
      ctx.lineWidth = 2.5;
      ctx.strokeRect(x0 - 3, y - 3, Math.max(x1 - x0, TICK_WIDTH) + 6, BAR_HEIGHT + 6);
      ctx.lineWidth = 1;
    }
  }

  function _visibleRange() {
    const leftPx = view.left * view.k;
    const lo = _lowerBound(prefixEnd, leftPx - HIT_SLOP);
    const hi = _upperBound(sortedStarts, view.left + size.width / view.k);
    return [lo, hi];
  }

  function _draw() {
    frame = 0;
    const { width, height, ratio } = size;
    if (!width || !height) return;
    _ensureLayout();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = colors.background;
    ctx.fillRect(0, 0, width, height);
    _drawAxis();

    if (selected >= 0 && lane[selected] >= 0) {
      // A guide line from the axis down, so the eye finds the selection's date.
      const x = _x(starts[selected]);
      ctx.strokeStyle = colors.selected;
      ctx.globalAlpha = 0.5;
      ctx.beginPath();
      ctx.moveTo(Math.round(x) + 0.5, AXIS_HEIGHT - 8);
      ctx.lineTo(Math.round(x) + 0.5, height - MORE_HEIGHT);
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    const [lo, hi] = _visibleRange();
    const leftPx = view.left * view.k;
    for (let position = lo; position < hi; position++) {
      const i = order[position];
      if (lane[i] < 0 || i === selected || occupiedEnd[i] < leftPx) continue;
      _drawEvent(i, false);
    }
    if (selected >= 0 && lane[selected] >= 0) _drawEvent(selected, true);

    // Events that did not fit: a count per bucket in the bottom row.
    const top = height - MORE_HEIGHT;
    ctx.fillStyle = colors.axis;
    ctx.fillRect(0, top, width, MORE_HEIGHT);
    if (buckets.size) {
      ctx.font = colors.font;
      ctx.textBaseline = "middle";
      const firstKey = Math.floor(leftPx / BUCKET);
      const lastKey = Math.floor((leftPx + width) / BUCKET);
      for (let key = firstKey; key <= lastKey; key++) {
        const count = buckets.get(key);
        if (!count) continue;
        const x = key * BUCKET - leftPx;
        ctx.fillStyle = colors.more;
        ctx.globalAlpha = Math.min(1, 0.35 + Math.log10(count + 1) / 3);
        ctx.fillRect(x + 1, top + 3, BUCKET - 2, MORE_HEIGHT - 6);
        ctx.globalAlpha = 1;
        ctx.fillStyle = colors.background;
        const text = count > 999 ? `${Math.round(count / 1000)}k` : `+${count}`;
        ctx.fillText(text, x + 4, top + MORE_HEIGHT / 2 + 0.5);
      }
    }
    // Events beyond the left and right edges, counted at the ends of the bottom row.
    const before = _lowerBound(prefixEnd, leftPx);
    const after = n - _upperBound(sortedStarts, view.left + width / view.k);
    ctx.font = colors.font;
    ctx.fillStyle = colors.text;
    ctx.textBaseline = "middle";
    edges = { before, after };
    if (before) _edgeLabel(`‹ ${before}`, 4, top, "left");
    if (after) _edgeLabel(`${after} ›`, width - 4, top, "right");
    if (reported.left !== view.left || reported.k !== view.k) {
      reported = { ...view };
      onView({ left: view.left, right: view.left + width / view.k });
    }
    if (n && !drawnOnce) {
      drawnOnce = true;
      performance.mark("atlas:timeline-drawn");
      element.dispatchEvent(new CustomEvent("timeline:drawn"));
    }
  }

  function _edgeLabel(text, x, top, align) {
    const w = ctx.measureText(text).width + 10;
    const x0 = align === "left" ? x : x - w;
    ctx.fillStyle = colors.background;
    ctx.fillRect(x0, top + 2, w, MORE_HEIGHT - 4);
    ctx.strokeStyle = colors.gridStrong;
    ctx.strokeRect(x0 + 0.5, top + 2.5, w - 1, MORE_HEIGHT - 5);
    ctx.fillStyle = colors.text;
    ctx.textAlign = "left";
    ctx.fillText(text, x0 + 5, top + MORE_HEIGHT / 2 + 0.5);
  }

  // ---- hit-testing ----------------------------------------------------------------------------------
  function _hit(x, y) {
    if (y >= size.height - MORE_HEIGHT) {
      if (edges.before && x < 48) return { edge: "before" };
      if (edges.after && x > size.width - 48) return { edge: "after" };
      const key = Math.floor((view.left * view.k + x) / BUCKET);
      return buckets.has(key) ? { bucket: key } : null;
    }
    const laneIndex = Math.floor((y - AXIS_HEIGHT - 4) / LANE_HEIGHT);
    if (laneIndex < 0) return null;
    const px = view.left * view.k + x;
    const lo = _lowerBound(prefixEnd, px - HIT_SLOP);
    const hi = _upperBound(sortedStarts, (px + HIT_SLOP) / view.k);
    let best = -1;
    let bestDistance = Infinity;
    for (let position = lo; position < hi; position++) {
      const i = order[position];
      if (lane[i] !== laneIndex) continue;
      const a = starts[i] * view.k;
      const b = Math.max(occupiedEnd[i], a + TICK_WIDTH);
      if (px < a - HIT_SLOP || px > b + HIT_SLOP) continue;
      const distance = px < a ? a - px : px > b ? px - b : 0;
      if (distance < bestDistance) [best, bestDistance] = [i, distance];
    }
    return best >= 0 ? { index: best } : null;
  }

  // ---- view changes ---------------------------------------------------------------------------------
  function _setView(next) {
    view = _clampView(next);
    _schedule();
  }

  function _animateTo(target, duration = 350) {
    cancelAnimationFrame(animation);
    const goal = _clampView(target);
    if (reducedMotion.matches || !drawnOnce) {
      _setView(goal);
      return;
    }
    const from = { ...view };
    const begin = performance.now();
    const step = (now) => {
      const progress = Math.min(1, (now - begin) / duration);
      const ease = 1 - (1 - progress) ** 3;
      // Interpolate the scale geometrically so zooming feels even.
      const k = from.k * (goal.k / from.k) ** ease;
      const centre =
        from.left +
        size.width / from.k / 2 +
        (goal.left + size.width / goal.k / 2 - from.left - size.width / from.k / 2) * ease;
      _setView({ k, left: centre - size.width / k / 2 });
      if (progress < 1) animation = requestAnimationFrame(step);
    };
    animation = requestAnimationFrame(step);
  }

  // Show [from, to] (days), leaving room on the right for the last events' titles.
  function _fit([from, to], animate) {
    const span = Math.max(30, to - from);
    const k = Math.max(_minScale(), (size.width - Math.min(160, size.width * 0.25)) / span);
    const target = { k, left: from - 12 / k };
    if (animate) _animateTo(target);
    else _setView(target);
  }

  // Where the events are: the first view leaves out the earliest and latest 2% when there are many, so
  // one background event decades away (a treaty of 1878 in a corpus of 1917–1924) does not squash the rest.
  // The edge counts and "Show all" lead to them.
  function _core() {
    if (n < 20) return extent;
    const cut = Math.floor(n * 0.02);
    const sortedEnds = Float64Array.from(ends).sort();
    return [sortedStarts[cut], sortedEnds[n - 1 - cut]];
  }

  function _zoomAt(factor, x = size.width / 2) {
    const day = view.left + x / view.k;
    const k = view.k * factor;
    _setView({ k, left: day - x / Math.min(MAX_PX_PER_DAY, Math.max(_minScale(), k)) });
  }

  function _resize() {
    const rect = stage.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    const wasEmpty = !size.width;
    size = { width: Math.round(rect.width), height: Math.round(rect.height), ratio };
    canvas.width = Math.round(size.width * ratio);
    canvas.height = Math.round(size.height * ratio);
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
    if (wasEmpty) _fit(_core(), false);
    else _setView(view);
    _draw();
  }

  // ---- input ----------------------------------------------------------------------------------------
  const pointers = new Map();
  let drag = null;

  stage.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 && event.pointerType === "mouse") return;
    stage.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, { x: event.offsetX, y: event.offsetY });
    cancelAnimationFrame(animation);
    if (pointers.size === 1) drag = { x: event.offsetX, y: event.offsetY, left: view.left, moved: false };
    else if (pointers.size === 2) {
      const [p, q] = [...pointers.values()];
      drag = { pinch: Math.hypot(p.x - q.x, p.y - q.y), k: view.k, left: view.left, mid: (p.x + q.x) / 2, moved: true };
    }
  });
  stage.addEventListener("pointermove", (event) => {
    if (!pointers.has(event.pointerId) || !drag) return;
    pointers.set(event.pointerId, { x: event.offsetX, y: event.offsetY });
    if (drag.pinch && pointers.size === 2) {
      const [p, q] = [...pointers.values()];
      const factor = Math.hypot(p.x - q.x, p.y - q.y) / Math.max(1, drag.pinch);
      const day = drag.left + drag.mid / drag.k;
      const k = drag.k * factor;
      _setView({ k, left: day - drag.mid / k });
    } else if (!drag.pinch) {
      const dx = event.offsetX - drag.x;
      if (Math.abs(dx) > 4 || Math.abs(event.offsetY - drag.y) > 4) drag.moved = true;
      if (drag.moved) _setView({ k: view.k, left: drag.left - dx / view.k });
    }
  });
  const release = (event) => {
    if (!pointers.has(event.pointerId)) return;
    pointers.delete(event.pointerId);
    if (event.type === "pointerup" && drag && !drag.moved && pointers.size === 0) {
      const hit = _hit(event.offsetX, event.offsetY);
      if (hit?.index !== undefined) onSelect(hit.index);
      else if (hit?.edge) api.showAll();
      else if (hit?.bucket !== undefined)
        _animateTo({ k: view.k * 3, left: view.left + event.offsetX / view.k - event.offsetX / (view.k * 3) });
    }
    if (pointers.size === 0) drag = null;
  };
  stage.addEventListener("pointerup", release);
  stage.addEventListener("pointercancel", release);
  stage.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      cancelAnimationFrame(animation);
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? size.width : 1;
      if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        _setView({ k: view.k, left: view.left + (event.deltaX * unit) / view.k });
      } else {
        _zoomAt(Math.exp((-event.deltaY * unit) / (event.ctrlKey ? 100 : 400)), event.offsetX);
      }
    },
    { passive: false },
  );
  stage.addEventListener("dblclick", (event) =>
    _animateTo({ k: view.k * 2, left: view.left + event.offsetX / view.k - event.offsetX / (view.k * 2) }),
  );
  stage.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const keys = {
      ArrowLeft: () => onStep(-1),
      ArrowRight: () => onStep(1),
      PageUp: () => onStep(-1),
      PageDown: () => onStep(1),
      Home: () => onStep("first"),
      End: () => onStep("last"),
      "+": () => _zoomAt(1.5),
      "=": () => _zoomAt(1.5),
      "-": () => _zoomAt(1 / 1.5),
      0: () => api.showAll(),
    };
    if (!keys[event.key]) return;
    event.preventDefault();
    keys[event.key]();
  });
  element.querySelector(".timeline-tools").addEventListener("click", (event) => {
    const zoom = event.target.closest("button")?.dataset.zoom;
    if (zoom === "in") _animateTo({ k: view.k * 2, left: view.left + size.width / view.k / 4 });
    else if (zoom === "out") _animateTo({ k: view.k / 2, left: view.left - size.width / view.k / 2 });
    else if (zoom === "all") api.showAll();
  });

  const api = {
    /** Replace the events (the API's list); the view is kept when `keepView` (same events, new language). */
    setEvents(events, { keepView = false } = {}) {
      n = events.length;
      starts = new Float64Array(n);
      ends = new Float64Array(n);
      significance = new Uint8Array(n);
      flags = new Uint8Array(n);
      category = new Uint8Array(n);
      titles = new Array(n);
      events.forEach((event, i) => {
        const start = event.start ? isoToDay(event.start) : null;
        const end = event.end ? isoToDay(event.end) + 1 : null;
        starts[i] = start ?? end - 1;
        ends[i] = end ?? start + 1;
        significance[i] = Math.min(3, Math.max(1, event.significance || 2));
        flags[i] =
          (event.approximate ? 1 : 0) |
          (event.uncertain ? 2 : 0) |
          (ends[i] - starts[i] <= 1 ? 4 : 0) |
          (start === null ? 8 : 0) |
          (end === null ? 16 : 0) |
          (event.precision === "range" || isWindow(event) ? 32 : 0) |
          (event.disputed ? 64 : 0);
        category[i] = Math.max(0, CATEGORIES.indexOf(event.category));
        titles[i] = event.title || event.slug;
      });
      labelWidths = new Float32Array(n).fill(Number.NaN);
      fitted = new Map();
      order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => starts[a] - starts[b] || a - b);
      sortedStarts = Float64Array.from(order, (i) => starts[i]);
      lane = new Int16Array(n);
      labelled = new Uint8Array(n);
      occupiedEnd = new Float64Array(n);
      prefixEnd = new Float64Array(n);
      layoutDirty = true;
      pinned = -1;
      if (n) {
        let last = -Infinity;
        for (let i = 0; i < n; i++) last = Math.max(last, ends[i]);
        extent = [sortedStarts[0], last];
      }
      if (!keepView && size.width) _fit(_core(), false);
      _schedule();
    },
    /** Switch the axis language (titles come with setEvents). */
    setLang(next) {
      lang = next;
      help.textContent = t(lang, "timelineHelp");
      stage.setAttribute("aria-label", t(lang, "timeline"));
      stage.setAttribute("aria-roledescription", t(lang, "timeline").toLocaleLowerCase(lang));
      _schedule();
    },
    /** Mark event `index` selected (-1 for none) and say so to screen readers with `announcement`. */
    setSelected(index, announcement = "") {
      selected = index;
      _ensureLayout();
      if (index >= 0 && lane[index] < 0) {
        pinned = index;
        layoutDirty = true;
      }
      if (announcement) live.textContent = announcement;
      _schedule();
    },
    /** Dim every event not in `indices` (a Set), or nothing when null. */
    setHighlighted(indices) {
      const next = indices && indices.size ? indices : null;
      const same =
        next === highlighted ||
        (next && highlighted && next.size === highlighted.size && [...next].every((i) => highlighted.has(i)));
      if (same) return;
      highlighted = next;
      layoutDirty = true;
      _schedule();
    },
    /** Scroll so event `index` is on screen (centred if it was off it). */
    reveal(index, { animate = true } = {}) {
      if (index < 0 || index >= n) return;
      const visible = size.width / view.k;
      const inView = starts[index] >= view.left && ends[index] <= view.left + visible;
      if (inView) return;
      let k = view.k;
      if (ends[index] - starts[index] > visible * 0.8) k = size.width / ((ends[index] - starts[index]) * 1.5);
      const target = { k, left: (starts[index] + ends[index]) / 2 - size.width / k / 2 };
      if (animate) _animateTo(target);
      else _setView(target);
    },
    /** Zoom out to the whole extent of the events. */
    showAll({ animate = true } = {}) {
      _fit(extent, animate);
    },
    /** Zoom by `factor` around the centre. */
    zoom(factor) {
      _zoomAt(factor);
    },
    /** Re-read the colours from CSS custom properties (after a theme change). */
    refreshTheme() {
      _readTheme();
      labelWidths.fill(Number.NaN); // the theme may change the font
      fitted.clear();
      layoutDirty = true;
      _schedule();
    },
    /** Where event `index` is drawn, in CSS pixels relative to the viewport, or null if not drawn. */
    positionOf(index) {
      _ensureLayout();
      if (index < 0 || index >= n || lane[index] < 0) return null;
      const { x0, x1, y } = _eventBox(index);
      const rect = stage.getBoundingClientRect();
      const x = x0 + Math.min(6, Math.max(2, (x1 - x0) / 2));
      return x < 0 || x > size.width ? null : { x: rect.left + x, y: rect.top + y + BAR_HEIGHT / 2 };
    },
    /** The visible window as [first day, last day] (days since 1970) and the scale. */
    view: () => ({ left: view.left, right: view.left + size.width / view.k, k: view.k }),
    /** Focus the keyboard element. */
    focus: () => stage.focus(),
  };

  _readTheme();
  api.setLang(lang);
  new ResizeObserver(_resize).observe(stage);
  return api;
}
