// Date wording (dates.js) against the table of cases the server's frontend/dates.py is tested on too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  dayToIso,
  dayToParts,
  formatDate,
  formatDay,
  formatYear,
  htmlDatetime,
  isoToDay,
  isWindow,
  monthStart,
} from "../../frontend/static/frontend/core/dates.js";
import { loadStrings } from "./strings.mjs";

loadStrings();
const { cases } = JSON.parse(readFileSync(new URL("../cases/date_wording.json", import.meta.url), "utf-8"));

for (const { lang, record, text } of cases) {
  test(`${lang} ${JSON.stringify(record)} is said "${text}"`, () => {
    assert.equal(formatDate(lang, record), text);
  });
}

test("only the server's window flag makes a window, however far apart the bounds are", () => {
  assert.equal(isWindow({ start: "1920-11-07", end: "1920-12-03", precision: "range", date: "" }), false);
  assert.equal(isWindow({ start: "1920-11-07", end: "1920-12-03", window: true }), true);
});

test("HTML's datetime is given only for the forms HTML can say", () => {
  assert.equal(htmlDatetime("1921-10"), "1921-10");
  assert.equal(htmlDatetime("1921-21"), "");
  assert.equal(htmlDatetime("1920-05-11/1920-07-19"), "");
});

test("days before the common era and in years 0–99 keep their place on the timeline's scale", () => {
  // Date.UTC would read year 44 as 1944; the Ides of March 44 BC is astronomical -43.
  assert.equal(dayToIso(isoToDay("-0043-03-15")), "-0043-03-15");
  assert.equal(dayToIso(isoToDay("0044-03-15")), "0044-03-15");
  assert.equal(isoToDay("0001-01-01") - isoToDay("0000-12-31"), 1);
  assert.equal(isoToDay("-0044-03-01") - isoToDay("-0044-02-28"), 2); // 45 BC: a proleptic Gregorian leap year
  assert.equal(isoToDay("-0043-03-01") - isoToDay("-0043-02-28"), 1);
  assert.equal(monthStart(-43, 13), isoToDay("-0042-01-01"));
  assert.deepEqual(dayToParts(isoToDay("-0043-03-15")), { year: -43, month: 3, day: 15 });
  assert.equal(isoToDay("1970-01-01"), 0);
});

test("years before 1 are counted back from it in each language, with no year 0", () => {
  assert.equal(formatYear("en", -43), "44 BC");
  assert.equal(formatYear("tr", -43), "MÖ 44");
  assert.equal(formatYear("en", 0), "1 BC");
  assert.equal(formatYear("en", 1), "1");
  assert.equal(htmlDatetime("-0043-03-15"), "");
  assert.equal(htmlDatetime("0000"), "");
});

test("deep time keeps its days where a JavaScript Date cannot reach: the Big Bang, the young Earth", () => {
  for (const iso of ["-13800000000-01-01", "-4600000000-12-31", "-315200-02-29", "170000002-06-15"]) {
    assert.equal(dayToIso(isoToDay(iso)), iso);
  }
  // 13.8 billion years of 365.2425 days, give or take the days of the years since 1970.
  assert.equal(Math.round(-isoToDay("-13800000000-01-01") / 365.2425), 13800001970);
  assert.ok(isoToDay("-13800000000-01-01") < isoToDay("-4600000000-01-01"));
});

test("the axis's years in deep time read in billions, millions and grouped thousands", () => {
  assert.equal(formatYear("en", -4600000000), "4.6 billion years ago");
  assert.equal(formatYear("tr", -4600000000), "4,6 milyar yıl önce");
  assert.equal(formatYear("en", -170000000), "170 million years ago");
  assert.equal(formatYear("tr", -300000), "MÖ 300.000");
  // Marks a million years apart near the Big Bang are told apart by their decimals…
  assert.equal(formatYear("en", -13801000000, 1e6), "13.801 billion years ago");
  // …and marks closer than a thousandth of a billion fall back to the years themselves.
  assert.equal(formatYear("en", -13800002000, 1000), "13,800.002 million years ago");
  assert.equal(formatYear("en", -13800000002, 2), "13,800,000,002 BC");
});

test("a day of deep time is said by its year: no one knows the 1st of January 538.8 million years ago", () => {
  assert.equal(formatDay("en", "-538800000-01-01"), "538.8 million years ago");
  assert.equal(formatDay("tr", "1920-04-23"), "23 Nisan 1920");
});
