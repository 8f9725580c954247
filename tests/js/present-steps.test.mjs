import assert from "node:assert/strict";
import { test } from "node:test";
import { lessonSteps, parseStep } from "../../frontend/static/frontend/present-steps.js";

const say = (key, params = {}) => `${key}${JSON.stringify(params)}`;

test("a link's step is counted from 1, clamped to the last with a reason, and unreadable steps start over", () => {
  assert.deepEqual(parseStep("3", 5), { index: 2, problem: null });
  assert.deepEqual(parseStep(null, 5), { index: 0, problem: null });
  assert.deepEqual(parseStep("9", 5), { index: 4, problem: "stepBeyond" });
  assert.deepEqual(parseStep("two", 5), { index: 0, problem: "stepUnreadable" });
  assert.deepEqual(parseStep("0", 5), { index: 0, problem: "stepUnreadable" });
});

test("a lesson's steps keep their text, view and note; a step whose event is gone says so", () => {
  const lesson = {
    slug: "l",
    title: "L",
    steps: [
      {
        event: "a",
        title: "A",
        date_text: "5 Kasım 1920",
        summary: "s",
        view: { lat: 40, lon: 33, zoom: 6 },
        note: "n",
      },
      { event: "b", title: "", summary: "" },
    ],
  };
  const { steps, notice } = lessonSteps(lesson, "tr", say);
  assert.equal(notice, "");
  assert.equal(steps[0].dateText, "5 Kasım 1920");
  assert.deepEqual(steps[0].view, { lat: 40, lon: 33, zoom: 6 });
  assert.equal(steps[0].note, "n");
  assert.equal(steps[0].gone, false);
  assert.equal(steps[1].gone, true);
  assert.equal(steps[1].title, 'stepUntitled{"n":2}');
});

test("an empty lesson and a lesson without the reader's language are explained", () => {
  assert.match(lessonSteps({ title: "Boş", steps: [] }, "en", say).notice, /^lessonEmpty/);
  const turkishOnly = { title: "T", languages: ["tr"], steps: [{ event: "a", title: "A" }] };
  assert.match(lessonSteps(turkishOnly, "en", say).notice, /lessonUntranslated/);
  assert.equal(lessonSteps(turkishOnly, "en", say).steps[0].gone, false);
});
