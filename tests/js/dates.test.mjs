// Date wording (dates.js) against the table of cases the server's frontend/dates.py is tested on too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  dayToIso,
  dayToParts,
  formatDate,
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
