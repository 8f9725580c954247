// The teacher's side of a live class, for present mode to call (live/api.py has the API it speaks).
// The class's code and token are kept in this tab's sessionStorage, per lesson: a reload of present mode
// goes on with the same class instead of stranding the phones on the old one.

const KEY = "chronoatlas.live.";

export class LiveClassError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function _call(fetcher, url, { method = "POST", body, token } = {}) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetcher(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  } catch (error) {
    throw new LiveClassError(String(error?.message || error), 0);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // A proxy's error page: no JSON to read.
  }
  if (!response.ok) throw new LiveClassError(data?.detail || `HTTP ${response.status}`, response.status);
  return data;
}

/**
 * A live class for `lesson`: the one this tab already runs if it is still running, else a new one at
 * `step`. Resolves to a LiveClass; rejects with a LiveClassError whose message says what to fix.
 * `base` is the API's root ("/api/v1/live/"); `storage` and `fetcher` default to the browser's.
 */
export async function liveClassFor(lesson, { step = 1, lang, base = "/api/v1/live/", storage, fetcher } = {}) {
  const store = storage ?? globalThis.sessionStorage;
  const request = fetcher ?? globalThis.fetch.bind(globalThis);
  const kept = JSON.parse(store?.getItem(KEY + lesson) || "null");
  if (kept?.code && kept?.token) {
    try {
      const state = await _call(request, `${base}${kept.code}/`, { method: "GET" });
      if (!state.ended) return new LiveClass({ ...state, token: kept.token }, base, request);
    } catch (error) {
      if (error.status === 0) throw error; // the server is unreachable: do not start a second class
    }
  }
  const started = await _call(request, base, { body: { lesson, step, ...(lang ? { lang } : {}) } });
  store?.setItem(KEY + lesson, JSON.stringify({ code: started.code, token: started.token }));
  return new LiveClass(started, base, request);
}

/** A running class: its `code`, `join_url` (for the QR code: /qr.svg?url=…) and last known `state`. */
export class LiveClass {
  constructor(started, base, fetcher) {
    this.code = started.code;
    this.joinUrl = started.join_url;
    this.state = started;
    this._token = started.token;
    this._base = base;
    this._fetch = fetcher;
  }

  async _move(action, body) {
    this.state = await _call(this._fetch, `${this._base}${this.code}/${action}/`, { body, token: this._token });
    return this.state;
  }

  step(number) {
    return this._move("step", { step: number });
  }

  release() {
    return this._move("release");
  }

  recall() {
    return this._move("recall");
  }

  end() {
    return this._move("end");
  }

  /** The current step's question and its answers so far ({step, question, counts, total}): the teacher's only. */
  tally() {
    return _call(this._fetch, `${this._base}${this.code}/answers/`, { method: "GET", token: this._token });
  }
}

/** A tally's rows, one a choice, in order: {choice, count, percent} (whole percent of the answers given). */
export function tallyRows(tally) {
  const choices = tally?.question?.choices ?? [];
  const total = tally?.total || 0;
  return choices.map((choice, index) => {
    const count = tally.counts?.[index] ?? 0;
    return { choice, count, percent: total ? Math.round((100 * count) / total) : 0 };
  });
}

/** Forget the class this tab ran for `lesson` (after ending it). */
export function forgetLiveClass(lesson, storage) {
  (storage ?? globalThis.sessionStorage)?.removeItem(KEY + lesson);
}
