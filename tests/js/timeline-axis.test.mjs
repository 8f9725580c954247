// The timeline's year band across the start of the common era: labels as readers count years, no year 0.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatYear } from "../../frontend/static/frontend/core/dates.js";
import { yearMarks } from "../../frontend/static/frontend/timeline/axis.js";
import { loadStrings } from "./strings.mjs";

loadStrings();

test("decades across the era are marked 30 BC, 20 BC, 10 BC, 10, 20", () => {
  const labels = yearMarks(-30, 20, 10).map((year) => formatYear("en", year));
  assert.deepEqual(labels, ["30 BC", "20 BC", "10 BC", "10", "20"]);
});

test("year by year, 1 BC is followed by AD 1 and no year 0 is written", () => {
  const labels = yearMarks(-2, 2, 1).map((year) => formatYear("tr", year));
  assert.deepEqual(labels, ["MÖ 3", "MÖ 2", "MÖ 1", "1", "2"]);
  assert.ok(!labels.includes("0"));
});

test("years of the common era are marked on their step as before", () => {
  assert.deepEqual(yearMarks(1913, 1926, 5), [1915, 1920, 1925]);
});
