import assert from "node:assert/strict";
import { test } from "node:test";
import {
  forgetLiveClass,
  LiveClassError,
  liveClassFor,
  tallyRows,
} from "../../frontend/static/frontend/live/teacher.js";

/** A fake server: the calls it got, and its answers by "METHOD url". */
function server(answers) {
  const calls = [];
  const fetcher = async (url, options) => {
    calls.push({
      url,
      method: options.method,
      body: options.body && JSON.parse(options.body),
      auth: options.headers.Authorization,
    });
    const [status, body] = answers[`${options.method} ${url}`] || [404, { detail: "no" }];
    return { ok: status < 400, status, json: async () => body };
  };
  return { calls, fetcher };
}

function memory() {
  const items = new Map();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => items.set(k, v),
    removeItem: (k) => items.delete(k),
  };
}

const STARTED = {
  code: "AC3DEF",
  token: "t0k",
  step: 1,
  released: false,
  ended: false,
  version: 1,
  join_url: "http://x/join/AC3DEF/",
};

test("a class is started once per tab and lesson, and its moves carry the token", async () => {
  const storage = memory();
  const { calls, fetcher } = server({
    "POST /api/v1/live/": [201, STARTED],
    "GET /api/v1/live/AC3DEF/": [200, { ...STARTED, token: undefined }],
    "POST /api/v1/live/AC3DEF/step/": [200, { ...STARTED, step: 3, version: 2 }],
  });
  const live = await liveClassFor("road", { storage, fetcher, lang: "en" });
  assert.deepEqual(calls[0].body, { lesson: "road", step: 1, lang: "en" });
  assert.equal(live.joinUrl, "http://x/join/AC3DEF/");
  assert.equal((await live.step(3)).step, 3);
  assert.equal(calls[1].auth, "Bearer t0k");
  const again = await liveClassFor("road", { storage, fetcher });
  assert.equal(again.code, "AC3DEF");
  assert.equal(calls.filter((c) => c.method === "POST" && c.url === "/api/v1/live/").length, 1);
  forgetLiveClass("road", storage);
  await liveClassFor("road", { storage, fetcher });
  assert.equal(calls.filter((c) => c.url === "/api/v1/live/").length, 2);
});

test("an ended class kept by the tab is replaced by a new one; a refusal says what the server said", async () => {
  const storage = memory();
  storage.setItem("chronoatlas.live.road", JSON.stringify({ code: "OLD111", token: "x" }));
  const { fetcher } = server({
    "GET /api/v1/live/OLD111/": [410, { detail: "This live class has ended." }],
    "POST /api/v1/live/": [201, STARTED],
    "POST /api/v1/live/AC3DEF/step/": [400, { detail: "This lesson has 10 steps; there is no step 11." }],
  });
  const live = await liveClassFor("road", { storage, fetcher });
  assert.equal(live.code, "AC3DEF");
  await assert.rejects(
    live.step(11),
    (error) => error instanceof LiveClassError && error.status === 400 && /no step 11/.test(error.message),
  );
});

test("the tally is asked for with the teacher's token and read as one row a choice", async () => {
  const tally = { step: 2, version: 3, question: { prompt: "Where?", choices: ["Moscow", "Kars", "Baku"] } };
  const answered = { ...tally, counts: [2, 0, 1], total: 3 };
  const { calls, fetcher } = server({
    "POST /api/v1/live/": [201, STARTED],
    "GET /api/v1/live/AC3DEF/answers/": [200, answered],
  });
  const live = await liveClassFor("road", { storage: memory(), fetcher });
  assert.deepEqual(await live.tally(), answered);
  assert.equal(calls.at(-1).auth, "Bearer t0k");
  assert.deepEqual(tallyRows(answered), [
    { choice: "Moscow", count: 2, percent: 67 },
    { choice: "Kars", count: 0, percent: 0 },
    { choice: "Baku", count: 1, percent: 33 },
  ]);
  // Nobody has answered yet: no division by nothing; a step without a question: no rows.
  assert.deepEqual(
    tallyRows({ ...tally, counts: [0, 0, 0], total: 0 }).map((row) => row.percent),
    [0, 0, 0],
  );
  assert.deepEqual(tallyRows({ step: 1, question: null, counts: [], total: 0 }), []);
});
