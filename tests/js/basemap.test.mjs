// The basemap drawn in slices: every polygon and line drawn once, in order, none cut, each slice small.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { landPolygons, slices } from "../../frontend/static/frontend/map/basemap.js";

// The page's own copies (frontend/node_modules), as the page loads them.
const require = createRequire(new URL("../../frontend/package.json", import.meta.url));
const topojson = require("topojson-client");

test("slices keep every part once and in order, within the budget unless one part alone exceeds it", () => {
  const parts = [3, 4, 2, 9, 1];
  const groups = slices(parts, (n) => n, 6);
  assert.deepEqual(groups.flat(), parts);
  assert.deepEqual(groups, [[3], [4, 2], [9], [1]]); // 9 alone: over the budget, not cut
  assert.deepEqual(
    slices([], (n) => n, 6),
    [],
  );
});

test("Natural Earth 1:50m: the slices hold all the land, each small enough to paint in one short task", () => {
  const topology = require("world-atlas/countries-50m.json");
  const polygons = landPolygons(topology);
  const whole = topojson.feature(topology, topology.objects.land);
  const wholePolygons = whole.features.flatMap((f) => f.geometry.coordinates);
  assert.equal(polygons.length, wholePolygons.length);
  const groups = slices(polygons, (p) => p.points);
  assert.ok(groups.length > 3, "the land is cut into several slices");
  for (const group of groups) assert.ok(group.length === 1 || group.reduce((sum, p) => sum + p.points, 0) <= 8000);
  // Converted slice by slice, the land is the same polygons, in the same order, as converted whole.
  const sliced = groups.flatMap(
    (group) =>
      topojson.feature(topology, { type: "MultiPolygon", arcs: group.map((p) => p.arcs) }).geometry.coordinates,
  );
  assert.deepEqual(sliced, wholePolygons);
});
