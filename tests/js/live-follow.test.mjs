import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { formatDate } from "../../frontend/static/frontend/core/dates.js";
import {
  deviceToken,
  exploreLink,
  parseState,
  stepView,
  transition,
} from "../../frontend/static/frontend/live/follow.js";
import { loadStrings } from "./strings.mjs";

loadStrings();
const { lesson } = JSON.parse(readFileSync(new URL("../cases/lesson_api.json", import.meta.url), "utf-8"));
const say = (key, params = {}) => `${key}${JSON.stringify(params)}`;
const state = { code: "AC3DEF", lesson: "l", lang: "en", step: 2, released: false, version: 4, ended: false };

test("a live message is read only when it is a whole state; anything else is not taken for a step", () => {
  assert.deepEqual(parseState(JSON.stringify(state)), state);
  for (const bad of ["", "not json", "null", "[]", '{"step": 2}', JSON.stringify({ ...state, step: 0 })]) {
    assert.equal(parseState(bad), null, bad);
  }
  assert.equal(parseState(JSON.stringify({ ...state, step: "2" })), null);
  assert.equal(parseState(JSON.stringify({ ...state, released: "yes" })), null);
});

test("an older or repeated message is ignored; release, recall and the end are told apart", () => {
  assert.equal(transition(null, state), "following");
  assert.equal(transition(state, state), "ignore");
  assert.equal(transition(state, { ...state, version: 3, step: 1 }), "ignore");
  const released = { ...state, version: 5, released: true };
  assert.equal(transition(state, released), "released");
  assert.equal(transition(released, { ...released, version: 6, released: false }), "recalled");
  assert.equal(transition(released, { ...released, version: 6, ended: true }), "ended");
});

test("a step shows its event's title, its date in words and its caption; a step beyond the lesson says its number", () => {
  const view = stepView(lesson, 1, formatDate, "en", say);
  const step = lesson.steps[0];
  assert.equal(view.title, step.event.title);
  assert.equal(view.date, formatDate("en", step.event));
  assert.equal(view.caption, step.caption);
  assert.equal(view.position, `position${JSON.stringify({ n: 1, count: lesson.steps.length })}`);
  assert.equal(stepView(lesson, 99, formatDate, "en", say).title, 'untitled{"n":99}');
});

test("explore freely opens the lesson's page at the class's step in the class's language", () => {
  assert.equal(exploreLink("/lessons/road/", 3, "en"), "/lessons/road/?step=3&lang=en");
});

test("a step's quick question reaches the phone; a step without one shows none", () => {
  assert.deepEqual(stepView(lesson, 1, formatDate, "en", say).question, lesson.steps[0].question);
  assert.equal(stepView(lesson, 2, formatDate, "en", say).question, null);
  assert.equal(stepView(lesson, 99, formatDate, "en", say).question, null);
});

test("a phone keeps one answer token across reloads, and still gets one where storage is refused", () => {
  const kept = new Map();
  const storage = { getItem: (key) => kept.get(key) ?? null, setItem: (key, value) => kept.set(key, value) };
  const first = deviceToken(storage);
  assert.match(first, /^[0-9a-f]{32}$/);
  assert.equal(deviceToken(storage), first);
  const refusing = {
    getItem() {
      throw new Error("SecurityError");
    },
    setItem() {
      throw new Error("SecurityError");
    },
  };
  assert.match(deviceToken(refusing), /^[0-9a-f]{32}$/);
  assert.notEqual(deviceToken(refusing), deviceToken(refusing));
});
