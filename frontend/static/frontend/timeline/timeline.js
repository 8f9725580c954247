// A canvas timeline, written by hand rather than taken from a library, because the atlas must be
// interactive in under 1.5 s with 10,000 events and DOM-per-event timelines cannot be. Measured:
// TimelineJS draws 1,000 events in 1.6 s and 10,000 in 15 s; vis-timeline 10,000 in ~6 s (~2 s clustered);
// Leaflet itself draws 10,000 circles in 0.5 s on canvas against 2.5 s as DOM markers. A canvas redraws
// only what is on screen, from typed arrays, so panning and zooming cost the same at 100 or 10,000 events.
//
// This module holds the state and the view; timeline-layout.js packs events into lanes so nothing overlaps
// (when the lanes are full, key events keep their place and the rest are counted in a row at the bottom;
// clicking a count zooms in) and hit-tests with binary searches over the sorted starts; timeline-axis.js
// and timeline-draw.js draw; timeline-input.js listens. The canvas is hidden from assistive technology: a
// focusable element takes the keys and a live region says what was selected.

import { formatYear, monthStart } from "../core/dates.js";
import { t } from "../core/i18n.js";
import { drawAxis } from "./axis.js";
import { categoriesInUse, categoryCodes, categoryColours, renderCategoryLegend } from "./categories.js";
import { drawEdgeLabel, drawEvent, drawOverflow, readTheme } from "./draw.js";
import { drawEras, eraBands } from "./eras.js";
import { attachInput } from "./input.js";
import {
  AXIS_HEIGHT,
  BAR_HEIGHT,
  eventArrays,
  GAP,
  HIT_SLOP,
  hitTest,
  LANE_HEIGHT,
  labelOffset,
  likeliestDay,
  lowerBound,
  MORE_HEIGHT,
  packLanes,
  TICK_WIDTH,
  upperBound,
} from "./layout.js";

const LABEL_MAX = 220;
const MAX_PX_PER_DAY = 120;
const DEFAULT_EXTENT = [monthStart(1917, 1), monthStart(1925, 1)];

/**
 * Build a timeline in `element`. Callbacks: onSelect(index), onStep(delta | "first" | "last"), and
 * onView({left, right}) after a frame that moved the view (days since 1970). `categories` (the page
 * config's) colour the events; `legend`, a <ul>, lists those the events use; `eras` (the collection's:
 * {title, start, end}) are drawn as bands behind the events.
 */
export function createTimeline(
  element,
  { lang, onSelect, onStep, onView = () => {}, categories = [], legend = null, eras = [] },
) {
  element.classList.add("timeline");
  element.innerHTML = `
    <div class="timeline-tools">
      <button type="button" data-zoom="out" data-i18n-aria-label="zoomOut" data-i18n-title="zoomOut">−</button>
      <button type="button" data-zoom="in" data-i18n-aria-label="zoomIn" data-i18n-title="zoomIn">+</button>
      <button type="button" data-zoom="all" data-i18n="showAll"></button>
    </div>
    <div class="timeline-stage" tabindex="0" role="group">
      <canvas aria-hidden="true"></canvas>
      <p class="timeline-hint" aria-hidden="true" hidden></p>
    </div>
    <p class="visually-hidden timeline-help"></p>
    <div class="visually-hidden" aria-live="polite" aria-atomic="true"></div>`;
  const stage = element.querySelector(".timeline-stage");
  const canvas = stage.querySelector("canvas");
  const hint = stage.querySelector(".timeline-hint");
  const help = element.querySelector(".timeline-help");
  const live = element.querySelector("[aria-live]");
  help.id = `timeline-help-${Math.random().toString(36).slice(2, 8)}`;
  stage.setAttribute("aria-describedby", help.id);
  const ctx = canvas.getContext("2d");
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  const codes = categoryCodes(categories);
  let used = []; // the categories the events have, listed by the legend
  let arrays = eventArrays([]); // the events, indexed as the caller's list
  let extent = DEFAULT_EXTENT;
  let labelWidths = new Float32Array(0); // titles' full widths, measured lazily: most are never needed
  let fitted = new Map(); // i -> {room, text}: titles cut to the room they have
  let layout = null; // valid for one scale, lane count, pinned event and highlight
  let layoutKey = "";
  let layoutDirty = true;

  let view = { left: extent[0], k: 1 }; // day at the left edge, pixels per day
  let size = { width: 0, height: 0, ratio: 1 };
  let selected = -1;
  let pinned = -1; // the selection, placed whatever the density when it did not fit; only while selected
  let highlighted = null;
  let edges = { before: 0, after: 0 }; // events off screen to the left and right, as last drawn
  let theme = null;
  let frame = 0;
  let drawnOnce = false;
  let eventsSet = false;
  let animation = 0;
  let hintTimer = 0;
  let reported = { left: Number.NaN, k: Number.NaN }; // the view last told to onView
  const bands = eraBands(eras);
  let drawnLabels = { axis: [], eras: [] }; // what the last frame wrote, for the page's tests and tools

  function _labelWidth(i) {
    if (Number.isNaN(labelWidths[i])) {
      ctx.font = arrays.significance[i] >= 3 ? `600 ${theme.colors.font}` : theme.colors.font;
      labelWidths[i] = ctx.measureText(arrays.titles[i]).width;
    }
    return Math.min(LABEL_MAX, labelWidths[i]);
  }

  // The title cut with an ellipsis to `room` pixels (cached: the same room comes back every frame).
  function _fitText(i, room) {
    _labelWidth(i);
    const title = arrays.titles[i];
    if (labelWidths[i] <= room + 1) return title; // room is computed in floats: allow for rounding
    const cached = fitted.get(i);
    if (cached && Math.abs(cached.room - room) < 2) return cached.text;
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
    // Small enough for the universe's 13.8 billion years (5 × 10^12 days) on a phone's width.
    return Math.max(1e-12, (size.width || 600) / (span * 1.5));
  }

  function _clampView(next) {
    const k = Math.min(MAX_PX_PER_DAY, Math.max(_minScale(), next.k));
    const visible = (size.width || 600) / k;
    const margin = visible * 0.5;
    const left = Math.min(extent[1] - visible + margin, Math.max(extent[0] - margin, next.left));
    return { left, k };
  }

  // ---- layout: the pinned selection first, then the highlighted, then by significance ----------------
  function _tierOf(i) {
    if (i === pinned) return 0;
    if (highlighted?.has(i)) return 1;
    return 5 - arrays.significance[i]; // 2 (key) … 4 (detail)
  }

  // Lanes are laid out again only when the scale, the height or the emphasis changes, never on a pan or
  // a selection that is already on screen, so events do not jump around under the pointer.
  function _ensureLayout() {
    const key = `${view.k}|${_laneCount()}`;
    if (!layoutDirty && key === layoutKey) return;
    layout = packLanes(arrays, { k: view.k, lanes: _laneCount(), tierOf: _tierOf, labelWidth: _labelWidth });
    layoutKey = key;
    layoutDirty = false;
  }

  // ---- drawing -------------------------------------------------------------------------------------
  function _schedule() {
    if (!frame) frame = requestAnimationFrame(_draw);
  }

  function _x(day) {
    return (day - view.left) * view.k;
  }

  function _eventBox(i) {
    const x0 = _x(arrays.starts[i]);
    const x1 = Math.max(_x(arrays.ends[i]), x0 + TICK_WIDTH);
    const pointX = _x(likeliestDay(arrays, i) + 0.5);
    const y = AXIS_HEIGHT + 4 + layout.lane[i] * LANE_HEIGHT + (LANE_HEIGHT - BAR_HEIGHT) / 2;
    return { x0, x1, pointX, y };
  }

  function _drawOne(i, isSelected) {
    const box = _eventBox(i);
    const labelX = box.x0 + labelOffset(arrays, i);
    const room = layout.occupiedEnd[i] - view.left * view.k - GAP - labelX;
    const label = layout.labelled[i] ? _fitText(i, room) : "";
    const dim = Boolean(highlighted && !highlighted.has(i));
    drawEvent(ctx, arrays, i, { box, ...theme, dim, selected: isSelected, label, labelX });
  }

  // A guide line from the axis down, so the eye finds the selection's date.
  function _drawGuide(height) {
    const x = Math.round(_x(likeliestDay(arrays, selected) + (arrays.flags[selected] & 32 ? 0.5 : 0))) + 0.5;
    ctx.strokeStyle = theme.colors.selected;
    ctx.globalAlpha = 0.5;
    ctx.beginPath();
    ctx.moveTo(x, AXIS_HEIGHT - 8);
    ctx.lineTo(x, height - MORE_HEIGHT);
    ctx.stroke();
    ctx.globalAlpha = 1;
  }

  function _draw() {
    frame = 0;
    const { width, height, ratio } = size;
    if (!width || !height) {
      // Hidden (a page opened in present mode hides it from the first paint): nothing to draw, so nothing
      // for the page to wait for; it draws when it is shown (_resize).
      _reportDrawn();
      return;
    }
    _ensureLayout();
    const { colors } = theme;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = colors.background;
    ctx.fillRect(0, 0, width, height);
    const months = t(lang, "months");
    const year = (value, step) => formatYear(lang, value, step);
    const axis = drawAxis(ctx, { view, width, height, colors, months, shortMonths: t(lang, "monthsShort"), year });
    const drawnEras = drawEras(ctx, { bands, view, width, height, top: AXIS_HEIGHT, colors, lang });
    drawnLabels = { axis, eras: drawnEras.map((era) => era.title) };
    const shown = selected >= 0 && layout.lane[selected] >= 0;
    if (shown) _drawGuide(height);
    const leftPx = view.left * view.k;
    const lo = lowerBound(layout.prefixEnd, leftPx - HIT_SLOP);
    const hi = upperBound(arrays.sortedStarts, view.left + width / view.k);
    for (let position = lo; position < hi; position++) {
      const i = arrays.order[position];
      if (layout.lane[i] < 0 || i === selected || layout.occupiedEnd[i] < leftPx) continue;
      _drawOne(i, false);
    }
    if (shown) _drawOne(selected, true);
    drawOverflow(ctx, { buckets: layout.buckets, leftPx, width, height, colors });
    // Events beyond the left and right edges, counted at the ends of the bottom row.
    edges = { before: lowerBound(layout.prefixEnd, leftPx), after: arrays.order.length - hi };
    if (edges.before) drawEdgeLabel(ctx, { text: `‹ ${edges.before}`, x: 4, height, align: "left", colors });
    if (edges.after) drawEdgeLabel(ctx, { text: `${edges.after} ›`, x: width - 4, height, align: "right", colors });
    if (reported.left !== view.left || reported.k !== view.k) {
      reported = { ...view };
      onView({ left: view.left, right: view.left + width / view.k });
    }
    _reportDrawn();
  }

  // Drawn once the events have come (even if none has a date to draw at): the page can call itself ready.
  function _reportDrawn() {
    if (!eventsSet || drawnOnce) return;
    drawnOnce = true;
    performance.mark("atlas:timeline-drawn");
    element.dispatchEvent(new CustomEvent("timeline:drawn"));
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
    const centre = (v) => v.left + size.width / v.k / 2;
    const step = (now) => {
      const progress = Math.min(1, (now - begin) / duration);
      const ease = 1 - (1 - progress) ** 3;
      // Interpolate the scale geometrically so zooming feels even.
      const k = from.k * (goal.k / from.k) ** ease;
      const middle = centre(from) + (centre(goal) - centre(from)) * ease;
      _setView({ k, left: middle - size.width / k / 2 });
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
    const count = arrays.order.length;
    if (count < 20) return extent;
    const cut = Math.floor(count * 0.02);
    const sortedEnds = Float64Array.from(arrays.order, (i) => arrays.ends[i]).sort();
    return [arrays.sortedStarts[cut], sortedEnds[count - 1 - cut]];
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

  // Moving the window to a screen of another pixel density changes no size: only a media query on the
  // current resolution hears it, and it must be asked again for the new one.
  function _watchPixelRatio() {
    const query = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    query.addEventListener(
      "change",
      () => {
        _resize();
        _watchPixelRatio();
      },
      { once: true },
    );
  }

  function _wheelRefused() {
    hint.hidden = false;
    clearTimeout(hintTimer);
    hintTimer = setTimeout(() => (hint.hidden = true), 1500);
  }

  attachInput(stage, {
    view: () => view,
    size: () => size,
    setView: _setView,
    animateTo: _animateTo,
    zoomAt: _zoomAt,
    stop: () => cancelAnimationFrame(animation),
    hit: (x, y) => {
      _ensureLayout();
      return hitTest(arrays, layout, { ...view, ...size }, x, y, edges);
    },
    showAll: () => api.showAll(),
    onSelect,
    onStep,
    wheelRefused: _wheelRefused,
  });
  element.querySelector(".timeline-tools").addEventListener("click", (event) => {
    const zoom = event.target.closest("button")?.dataset.zoom;
    if (zoom === "in") _animateTo({ k: view.k * 2, left: view.left + size.width / view.k / 4 });
    else if (zoom === "out") _animateTo({ k: view.k / 2, left: view.left - size.width / view.k / 2 });
    else if (zoom === "all") api.showAll();
  });

  const api = {
    /**
     * Replace the events (the API's list; `days`: their day columns, atlas-data.js); the view is kept when
     * `keepView` (same events, new language).
     */
    setEvents(events, { keepView = false, days = null } = {}) {
      arrays = eventArrays(events, days, codes);
      used = categoriesInUse(categories, events);
      if (legend) renderCategoryLegend(legend, used, lang);
      eventsSet = true;
      extent = arrays.extent || DEFAULT_EXTENT;
      labelWidths = new Float32Array(arrays.n).fill(Number.NaN);
      fitted = new Map();
      layoutDirty = true;
      pinned = -1;
      if (!keepView && size.width) _fit(_core(), false);
      _schedule();
    },
    /** Switch the axis language (titles come with setEvents). */
    setLang(next) {
      lang = next;
      help.textContent = t(lang, "timelineHelp");
      hint.textContent = t(lang, "wheelHint");
      stage.setAttribute("aria-label", t(lang, "timeline"));
      stage.setAttribute("aria-roledescription", t(lang, "timeline").toLocaleLowerCase(lang));
      if (legend) {
        legend.setAttribute("aria-label", t(lang, "categoryLegend"));
        renderCategoryLegend(legend, used, lang);
      }
      _schedule();
    },
    /** Mark event `index` selected (-1 for none) and say so to screen readers with `announcement`. */
    setSelected(index, announcement = "") {
      selected = index;
      if (pinned >= 0 && pinned !== index) {
        pinned = -1; // a selection that has moved on gives back the room it was given
        layoutDirty = true;
      }
      _ensureLayout();
      if (index >= 0 && layout.lane[index] < 0 && !Number.isNaN(arrays.starts[index])) {
        pinned = index;
        layoutDirty = true;
      }
      if (announcement) live.textContent = announcement;
      _schedule();
    },
    /** Dim every event not in `indices` (a Set), or nothing when null. */
    setHighlighted(indices) {
      const next = indices?.size ? indices : null;
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
      if (index < 0 || index >= arrays.n || Number.isNaN(arrays.starts[index])) return;
      const [start, end] = [arrays.starts[index], arrays.ends[index]];
      const visible = size.width / view.k;
      if (start >= view.left && end <= view.left + visible) return;
      let k = view.k;
      if (end - start > visible * 0.8) k = size.width / ((end - start) * 1.5);
      const target = { k, left: (start + end) / 2 - size.width / k / 2 };
      if (animate) _animateTo(target);
      else _setView(target);
    },
    /** Scroll so `day` (days since 1970) is on screen, centred if it was off it; the scale stays. */
    revealDay(day, { animate = true } = {}) {
      const visible = size.width / view.k;
      if (!size.width || (day >= view.left && day <= view.left + visible)) return;
      const target = { k: view.k, left: day - visible / 2 };
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
      theme = readTheme(element, ctx, categoryColours(categories));
      labelWidths.fill(Number.NaN); // the theme may change the font
      fitted.clear();
      layoutDirty = true;
      _schedule();
    },
    /** Where event `index` is drawn (its point, for a window), in viewport CSS pixels, or null if not drawn. */
    positionOf(index) {
      if (index < 0 || index >= arrays.n) return null;
      _ensureLayout();
      if (layout.lane[index] < 0) return null;
      const { x0, x1, pointX, y } = _eventBox(index);
      const rect = stage.getBoundingClientRect();
      const x = arrays.flags[index] & 32 ? pointX : x0 + Math.min(6, Math.max(2, (x1 - x0) / 2));
      return x < 0 || x > size.width ? null : { x: rect.left + x, y: rect.top + y + BAR_HEIGHT / 2 };
    },
    /** The texts the last frame wrote: {axis: the axis's labels, eras: the names of the eras in view}. */
    drawn: () => drawnLabels,
    /** The visible window as [first day, last day] (days since 1970) and the scale. */
    view: () => ({ left: view.left, right: view.left + size.width / view.k, k: view.k }),
    /** Focus the keyboard element. */
    focus: () => stage.focus(),
  };

  theme = readTheme(element, ctx, categoryColours(categories));
  api.setLang(lang);
  new ResizeObserver(_resize).observe(stage);
  _watchPixelRatio();
  return api;
}
