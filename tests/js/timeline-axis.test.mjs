// The timeline's year band across the start of the common era: labels as readers count years, no year 0.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatYear } from "../../frontend/static/frontend/core/dates.js";
import { yearMarks, yearStep } from "../../frontend/static/frontend/timeline/axis.js";
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

test("an axis across the universe's history marks billions of years, a few marks to the view", () => {
  const marks = yearMarks(-14e9, 2026, 2e9);
  assert.deepEqual(
    marks.map((year) => formatYear("en", year, 2e9)),
    [
      "14 billion years ago",
      "12 billion years ago",
      "10 billion years ago",
      "8 billion years ago",
      "6 billion years ago",
      "4 billion years ago",
      "2 billion years ago",
    ],
  );
});

test("zoomed in near the Big Bang, only the marks in view are made", () => {
  const marks = yearMarks(-13800000010, -13799999990, 5);
  assert.deepEqual(marks, [-13800000010, -13800000005, -13800000000, -13799999995, -13799999990]);
});

test("the step grows with the span: years for a decade, billions for the universe", () => {
  const width = 1000;
  const pxYear = (years) => width / years;
  assert.equal(yearStep(pxYear(10)), 2);
  assert.equal(yearStep(pxYear(13.8e9), 170), 5e9);
  assert.equal(yearStep(pxYear(300000), 170), 100000);
});
