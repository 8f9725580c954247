// Date wording (dates.js) against the table of cases the server's frontend/dates.py is tested on too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { formatDate, htmlDatetime, isWindow } from "../../frontend/static/frontend/dates.js";
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
