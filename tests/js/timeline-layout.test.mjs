// Lane packing and hit-testing, the timeline's pure parts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isoToDay } from "../../frontend/static/frontend/core/dates.js";
import {
  AXIS_HEIGHT,
  eventArrays,
  hitTest,
  LANE_HEIGHT,
  likeliestDay,
  MORE_HEIGHT,
  POINT,
  packLanes,
  WINDOW,
} from "../../frontend/static/frontend/timeline/layout.js";

const event = (slug, start, end = start, extra = {}) => ({ slug, title: slug, start, end, significance: 2, ...extra });
const bySignificance = (arrays) => (i) => 5 - arrays.significance[i];

test("events that overlap go to different lanes; those that do not share one", () => {
  const arrays = eventArrays([
    event("a", "1920-01-01", "1920-03-31"),
    event("b", "1920-02-01", "1920-02-28"),
    event("c", "1920-06-01", "1920-06-30"),
  ]);
  const layout = packLanes(arrays, { k: 2, lanes: 3, tierOf: bySignificance(arrays) });

  assert.equal(layout.overflow, 0);
  assert.notEqual(layout.lane[0], layout.lane[1]);
  assert.equal(layout.lane[2], layout.lane[0]);
});

test("when lanes run out, key events keep their place and the rest are counted in buckets", () => {
  const arrays = eventArrays([
    event("detail", "1920-01-01", "1920-01-31", { significance: 1 }),
    event("key", "1920-01-01", "1920-01-31", { significance: 3 }),
  ]);
  const layout = packLanes(arrays, { k: 2, lanes: 1, tierOf: bySignificance(arrays) });

  assert.equal(layout.lane[1], 0);
  assert.equal(layout.lane[0], -1);
  assert.equal(layout.overflow, 1);
  assert.equal(
    [...layout.buckets.values()].reduce((a, b) => a + b),
    1,
  );
});

test("a title takes room in its lane when there is some", () => {
  const arrays = eventArrays([event("a", "1920-01-01"), event("b", "1920-01-11")]);
  const layout = packLanes(arrays, { k: 2, lanes: 2, tierOf: () => 2, labelWidth: () => 100 });

  assert.deepEqual([layout.labelled[0], layout.labelled[1]], [1, 1]);
  assert.notEqual(layout.lane[0], layout.lane[1]); // 100 px of title do not fit in 10 days at 2 px a day
});

test("an event with neither bound is listed but left off the axis and out of the extent", () => {
  const arrays = eventArrays([event("dated", "1920-05-01"), { slug: "undated", start: null, end: null }]);

  assert.deepEqual([...arrays.order], [0]);
  assert.deepEqual(arrays.extent, [isoToDay("1920-05-01"), isoToDay("1920-05-01") + 1]);
  const layout = packLanes(arrays, { k: 2, lanes: 2, tierOf: () => 2 });
  assert.equal(layout.lane[1], -1);
});

test("a window is flagged from the server's field and its likeliest day is its middle", () => {
  const arrays = eventArrays([
    event("window", "1920-11-07", "1920-12-03", { window: true }),
    event("span", "1920-11-07", "1920-12-03"),
    event("day", "1920-11-07"),
  ]);

  assert.ok(arrays.flags[0] & WINDOW);
  assert.ok(!(arrays.flags[1] & WINDOW));
  assert.ok(arrays.flags[2] & POINT);
  assert.equal(likeliestDay(arrays, 0), isoToDay("1920-11-20"));
  assert.equal(likeliestDay(arrays, 1), isoToDay("1920-11-07"));
});

test("hit-testing finds the event under the pointer, a count in the bottom row, or nothing", () => {
  const arrays = eventArrays([event("a", "1920-01-01", "1920-01-10"), event("b", "1920-03-01", "1920-03-10")]);
  const k = 4;
  const layout = packLanes(arrays, { k, lanes: 3, tierOf: () => 2 });
  const view = { left: isoToDay("1919-12-01"), k, width: 800, height: 300 };
  const laneY = (lane) => AXIS_HEIGHT + 4 + lane * LANE_HEIGHT + LANE_HEIGHT / 2;
  const xOf = (iso) => (isoToDay(iso) - view.left) * k;

  assert.deepEqual(hitTest(arrays, layout, view, xOf("1920-01-05"), laneY(layout.lane[0])), { index: 0 });
  assert.deepEqual(hitTest(arrays, layout, view, xOf("1920-03-05"), laneY(layout.lane[1])), { index: 1 });
  assert.equal(hitTest(arrays, layout, view, xOf("1920-02-10"), laneY(0)), null);
  assert.equal(hitTest(arrays, layout, view, xOf("1920-01-05"), 10), null); // the axis
  assert.equal(hitTest(arrays, layout, view, 10, view.height - MORE_HEIGHT / 2), null); // nothing left out
  assert.deepEqual(hitTest(arrays, layout, view, 10, view.height - 5, { before: 3, after: 0 }), { edge: "before" });
});
