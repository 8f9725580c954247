// The timeline's pure parts: the events as typed arrays, lane packing and hit-testing. No DOM, no canvas:
// they take numbers (and a function measuring a title) and return numbers, so node's tests run them.

import { isoToDay, isWindow } from "../core/dates.js";

export const AXIS_HEIGHT = 40;
export const LANE_HEIGHT = 22;
export const BAR_HEIGHT = 16;
export const MORE_HEIGHT = 20;
export const TICK_WIDTH = 4;
export const GAP = 4;
export const LABEL_PAD = 8;
export const BUCKET = 36;
export const HIT_SLOP = 4;
const MIN_LABEL = 64; // narrower than this, a title would be a syllable and an ellipsis
export const CATEGORIES = ["treaty", "diplomacy", "mission", "military", "aid", "politics", "report"];

// Bits of an event's `flags`.
export const APPROXIMATE = 1;
export const UNCERTAIN = 2;
export const POINT = 4;
export const OPEN_START = 8;
export const OPEN_END = 16;
export const WINDOW = 32; // somewhere in [start, end): drawn as a point at its likeliest day, the range faint
export const DISPUTED = 64;

/** The first index of `sorted` whose value is > `value`. */
export function upperBound(sorted, value) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index of `sorted` whose value is >= `value`. */
export function lowerBound(sorted, value) {
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
 * The API's events as the timeline's arrays (days since 1970; ends exclusive). An event with neither
 * bound has no place on the axis: it is left out of `order` (what is drawn, by start) and of the extent.
 * `days` ({starts, ends}: days since 1970, last day inclusive, NaN where open; atlas-data.js) spares
 * reading every ISO date again.
 */
export function eventArrays(events, days = null) {
  const n = events.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const significance = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const category = new Uint8Array(n);
  const titles = new Array(n);
  const drawn = [];
  for (let i = 0; i < n; i++) {
    const event = events[i];
    let start;
    let end;
    if (days) {
      start = Number.isNaN(days.starts[i]) ? null : days.starts[i];
      end = Number.isNaN(days.ends[i]) ? null : days.ends[i] + 1;
    } else {
      start = event.start ? isoToDay(event.start) : null;
      end = event.end ? isoToDay(event.end) + 1 : null;
    }
    titles[i] = event.title || event.slug;
    significance[i] = Math.min(3, Math.max(1, event.significance || 2));
    category[i] = Math.max(0, CATEGORIES.indexOf(event.category));
    if (start === null && end === null) {
      starts[i] = ends[i] = Number.NaN;
      continue;
    }
    starts[i] = start ?? end - 1;
    ends[i] = end ?? start + 1;
    const window = isWindow(event);
    flags[i] =
      (event.approximate ? APPROXIMATE : 0) |
      (event.uncertain ? UNCERTAIN : 0) |
      (ends[i] - starts[i] <= 1 ? POINT : 0) |
      (start === null ? OPEN_START : 0) |
      (end === null ? OPEN_END : 0) |
      (window ? WINDOW : 0) |
      (event.disputed ? DISPUTED : 0);
    drawn.push(i);
  }
  const order = Int32Array.from(drawn).sort((a, b) => starts[a] - starts[b] || a - b);
  const sortedStarts = Float64Array.from(order, (i) => starts[i]);
  let last = -Infinity;
  for (const i of order) last = Math.max(last, ends[i]);
  const extent = order.length ? [sortedStarts[0], last] : null;
  return { n, starts, ends, significance, flags, category, titles, order, sortedStarts, extent };
}

/** The day a window event is most likely on (its midpoint), or its start for any other event. */
export function likeliestDay(arrays, i) {
  if (!(arrays.flags[i] & WINDOW)) return arrays.starts[i];
  return Math.floor((arrays.starts[i] + arrays.ends[i] - 1) / 2);
}

/** Where a title starts after its event's start: past the tick, and past the arrow of an open end. */
export function labelOffset(arrays, i) {
  const { flags, starts, ends } = arrays;
  return LABEL_PAD + (flags[i] & OPEN_END && ends[i] - starts[i] <= 1 ? 10 : 0);
}

/**
 * Pack the drawn events into `lanes` lanes at `k` pixels a day, most important tier first (`tierOf(i)`,
 * 0 first … 4 last); within a tier in start order, which keeps each lane's intervals sorted and the packing
 * linear. With `labelWidth(i)` (a title's width in px), an event takes room for its title too when some
 * lane has it. Returns {lane, labelled, occupiedEnd, prefixEnd, buckets, overflow}: lane -1 for an event
 * that found no room, counted in `buckets` (BUCKET px of the timeline → how many).
 */
export function packLanes(arrays, { k, lanes, tierOf, labelWidth = null }) {
  const layout = _packOnce(arrays, { k, lanes, tierOf, labelWidth });
  // Titles read best while everything fits; once events would be left out, packing them bare shows as
  // many as the lanes hold, and titles fill whatever room is left between them.
  if (layout.overflow > 0 && labelWidth) {
    const bare = _packOnce(arrays, { k, lanes, tierOf, labelWidth: null });
    _labelGaps(arrays, bare, labelWidth);
    Object.assign(layout, bare);
  }
  const { order } = arrays;
  layout.prefixEnd = new Float64Array(order.length);
  let running = -Infinity;
  for (let position = 0; position < order.length; position++) {
    running = Math.max(running, layout.occupiedEnd[order[position]]);
    layout.prefixEnd[position] = running;
  }
  return layout;
}

function _packOnce(arrays, { k, lanes, tierOf, labelWidth }) {
  const { n, starts, ends, order } = arrays;
  const lane = new Int16Array(n).fill(-1);
  const labelled = new Uint8Array(n);
  const occupiedEnd = new Float64Array(n).fill(-Infinity);
  const buckets = new Map();
  let overflow = 0;
  const tiers = [[], [], [], [], []];
  for (const i of order) tiers[tierOf(i)].push(i);
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
      if (chosen >= 0 && labelWidth) {
        const withLabel = Math.max(b, a + labelOffset(arrays, i) + labelWidth(i) + GAP);
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
    previous = previous.map((placed, l) => _merge(placed, current[l]));
  }
  return { lane, labelled, occupiedEnd, buckets, overflow, placed: previous };
}

// Two flat [a, b, i, …] lists, each sorted by a, as one.
function _merge(placed, added) {
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
}

// Titles in the gaps a dense packing leaves: each may run up to the next event in its lane.
function _labelGaps(arrays, layout, labelWidth) {
  for (const placed of layout.placed) {
    for (let p = 0; p < placed.length; p += 3) {
      const [a, b, i] = [placed[p], placed[p + 1], placed[p + 2]];
      const next = p + 3 < placed.length ? placed[p + 3] : Infinity;
      const offset = labelOffset(arrays, i);
      const room = next - GAP - a - offset;
      if (room < MIN_LABEL) continue;
      layout.labelled[i] = 1;
      layout.occupiedEnd[i] = Math.max(b, a + offset + Math.min(room, labelWidth(i) + GAP));
    }
  }
}

/**
 * What is at (x, y) (CSS px in the stage) for a view {left (day), k (px a day), width, height}: {index}
 * of an event, {bucket} of a count of events left out, {edge: "before" | "after"}, or null.
 */
export function hitTest(arrays, layout, view, x, y, edges = { before: 0, after: 0 }) {
  if (y >= view.height - MORE_HEIGHT) {
    if (edges.before && x < 48) return { edge: "before" };
    if (edges.after && x > view.width - 48) return { edge: "after" };
    const key = Math.floor((view.left * view.k + x) / BUCKET);
    return layout.buckets.has(key) ? { bucket: key } : null;
  }
  const laneIndex = Math.floor((y - AXIS_HEIGHT - 4) / LANE_HEIGHT);
  if (laneIndex < 0) return null;
  const px = view.left * view.k + x;
  const lo = lowerBound(layout.prefixEnd, px - HIT_SLOP);
  const hi = upperBound(arrays.sortedStarts, (px + HIT_SLOP) / view.k);
  let best = -1;
  let bestDistance = Infinity;
  for (let position = lo; position < hi; position++) {
    const i = arrays.order[position];
    if (layout.lane[i] !== laneIndex) continue;
    const a = arrays.starts[i] * view.k;
    const b = Math.max(layout.occupiedEnd[i], a + TICK_WIDTH);
    if (px < a - HIT_SLOP || px > b + HIT_SLOP) continue;
    const distance = px < a ? a - px : px > b ? px - b : 0;
    if (distance < bestDistance) [best, bestDistance] = [i, distance];
  }
  return best >= 0 ? { index: best } : null;
}
