import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  groupQuotes,
  lessonSteps,
  mapDay,
  parseStep,
  sourcesText,
  stageImage,
  stageQuote,
  studentLink,
} from "../../frontend/static/frontend/present/steps.js";
import { loadStrings } from "./strings.mjs";

loadStrings();
// The lessons API's shape, the same file tests/lessons checks the API against.
const { lesson } = JSON.parse(readFileSync(new URL("../cases/lesson_api.json", import.meta.url), "utf-8"));
const say = (key, params = {}) => `${key}${JSON.stringify(params)}`;

test("a link's step is counted from 1, clamped to the last with a reason, and unreadable steps start over", () => {
  assert.deepEqual(parseStep("3", 5), { index: 2, problem: null });
  assert.deepEqual(parseStep(null, 5), { index: 0, problem: null });
  assert.deepEqual(parseStep("9", 5), { index: 4, problem: "stepBeyond" });
  assert.deepEqual(parseStep("two", 5), { index: 0, problem: "stepUnreadable" });
  assert.deepEqual(parseStep("0", 5), { index: 0, problem: "stepUnreadable" });
});

test("a step shows its event's title, the date in words, its caption, text, note and evidence", () => {
  const [first] = lessonSteps(lesson, "en", say).steps;
  assert.equal(first.title, "The letter");
  assert.equal(first.dateText, "26 April 1920");
  assert.equal(first.written.text, "26 Nisan 1336");
  assert.equal(first.summary, "Ankara asks for help.");
  assert.equal(first.caption, "Ankara writes.");
  assert.equal(first.note, "Ask why.");
  assert.deepEqual(
    first.evidence.map((c) => c.evidence),
    ["yardım istendi"],
  ); // the event's citations when the step cites none of its own
  assert.equal(first.view, null);
  assert.deepEqual(first.places, ["ankara"]);
  assert.equal(first.date, "1920-04-26");
  assert.equal(lessonSteps(lesson, "tr", say).steps[0].dateText, "26 Nisan 1920");
});

test("a step's own view, route, citations and date win over its event's", () => {
  const second = lessonSteps(lesson, "en", say).steps[1];
  assert.deepEqual(second.view, { center: [55.75, 37.62], zoom: 5 });
  assert.deepEqual(second.routes, ["ankara-moscow"]);
  assert.deepEqual(
    second.evidence.map((c) => c.label),
    ["Step source"],
  );
  assert.equal(second.date, "1921-03-01"); // a month's map day is its first
});

test("a step whose event is gone says why, in the server's words, and is still a step", () => {
  const third = lessonSteps(lesson, "en", say).steps[2];
  assert.equal(third.gone, true);
  assert.equal(third.event, "hidden");
  assert.equal(third.title, 'stepUntitled{"n":3}');
  assert.match(third.message, /not published/);
});

test("an empty lesson and a lesson read in another language are explained", () => {
  assert.match(lessonSteps(lesson, "en", say).notice, /not written in this language/);
  const empty = { ...lesson, steps: [], fallback_message: "", message: "This lesson has no steps yet." };
  assert.deepEqual(lessonSteps(empty, "en", say), { steps: [], notice: "This lesson has no steps yet." });
  assert.match(lessonSteps({ title: "Boş", steps: [] }, "en", say).notice, /^lessonEmpty/);
});

test("a map day comes from the step's EDTF date, else its event's first day", () => {
  assert.equal(mapDay("1920-11-05", null), "1920-11-05");
  assert.equal(mapDay("1920-08/1920-09", null), "1920-08-01");
  assert.equal(mapDay("1920", { start: "1920-01-01" }), "1920-01-01");
  assert.equal(mapDay("", { start: "1921-03-16" }), "1921-03-16");
  assert.equal(mapDay("", null), null);
});

test("a student's link is the lesson page at the step, in the teacher's language", () => {
  const link = studentLink("http://10.0.0.2:8000", "/lessons/SLUG/", "road", 4, "tr");
  assert.equal(link, "http://10.0.0.2:8000/lessons/road/?step=4&lang=tr");
});

test("citations of one passage are one quote with every source; the projected quote is the first with words", () => {
  const quotes = groupQuotes([
    { label: "A", locator: "p. 1", evidence: "", source: "a" },
    { label: "B", locator: "p. 2", evidence: " aynı cümle ", evidence_translation: "the same sentence" },
    { label: "C", locator: "", evidence: "aynı cümle" },
  ]);
  assert.deepEqual(
    quotes.map((q) => [q.evidence, q.sources.map((s) => s.label)]),
    [
      ["", ["A"]],
      ["aynı cümle", ["B", "C"]],
    ],
  );
  assert.equal(quotes[1].evidence_translation, "the same sentence");
  assert.equal(stageQuote(quotes), quotes[1]);
  assert.equal(stageQuote([quotes[0]]), quotes[0]); // sources without a passage still say where it comes from
  assert.equal(stageQuote([]), null);
  assert.equal(sourcesText(quotes[1].sources), "B, p. 2; C");
});

test("a projected step shows its event's first stored image; links to other sites stay off the wall", () => {
  const link = { kind: "video", uploaded: false, url: "https://vimeo.com/1" };
  const photo = { kind: "image", uploaded: true, url: "/media/events/a.jpg", alt: "A photo" };
  const withMedia = {
    ...lesson,
    steps: [{ ...lesson.steps[0], event: { ...lesson.steps[0].event, media: [link, photo] } }],
  };
  const [step] = lessonSteps(withMedia, "en", say).steps;
  assert.deepEqual(step.media, [link, photo]);
  assert.equal(stageImage(step.media), photo);
  assert.equal(stageImage([link]), null);
  assert.deepEqual(lessonSteps(lesson, "en", say).steps[0].media, []);
});
