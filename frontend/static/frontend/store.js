// One small store holding everything a link should restore, mirrored in the URL so any view can be
// shared (a teacher's link opens on the same event, in the same language) and Back steps through choices.

// Keys kept in the URL, each with the value left out of links to keep them short. `lang` has none here,
// so it is always written: a shared link opens in the language it was made in.
// `on` is the map's day (YYYY-MM-DD); `route` the route whose panel is open; `mode` is "present" or
// "presenter" (present.js), `lesson` the lesson stepped through and `step` its step, counted from 1.
const URL_KEYS = {
  event: null,
  place: null,
  on: null,
  route: null,
  lang: null,
  theme: "normal",
  mode: null,
  lesson: null,
  step: null,
};

/**
 * The state a URL's query string describes: only known keys, null for each the URL does not give (the
 * caller decides what that means: no theme in the link lets the reader's system settings choose).
 */
export function stateFromURL(url) {
  const params = new URL(url, "http://x").searchParams;
  const state = {};
  for (const key of Object.keys(URL_KEYS)) state[key] = params.get(key) || null;
  return state;
}

/** The query string (with "?", or "" for nothing) that stands for `state`. */
export function queryFromState(state) {
  const params = new URLSearchParams();
  for (const [key, fallback] of Object.entries(URL_KEYS)) {
    const value = state[key];
    if (value === null || value === undefined || value === fallback) continue;
    params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * The path a state's URL is written on. A lesson's own link (/lessons/<slug>/) names the lesson in its path:
 * once the reader leaves the lesson, the URL goes back to the atlas's own page, or a reload would bring the
 * lesson back.
 */
export function pathFor(pathname, state) {
  return state.lesson ? pathname : pathname.replace(/lessons\/[^/]+\/$/, "");
}

/** A store: get() the state, set(patch, {history}) to change it, subscribe(fn) to hear of changes. */
export function createStore(initial) {
  let state = { ...initial };
  const listeners = new Set();

  function _writeURL(mode) {
    if (mode === "none") return;
    const url = `${pathFor(location.pathname, state)}${queryFromState(state)}${location.hash}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (mode === "push") history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  return {
    /** The current state (do not mutate it; use set). */
    get: () => state,
    /** Merge `patch` into the state, write the URL (history: "push" | "replace" | "none"), notify. */
    set(patch, { history: mode = "replace" } = {}) {
      const previous = state;
      const next = { ...state, ...patch };
      if (Object.keys(next).every((key) => next[key] === previous[key])) return;
      state = next;
      _writeURL(mode);
      for (const listener of listeners) listener(state, previous);
    },
    /** Write the current state to the URL now (after changes made with history "none", e.g. playback). */
    writeURL: (mode = "replace") => _writeURL(mode),
    /** Call `listener(state, previous)` after every change; returns an unsubscribe function. */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Keep the state in step with Back/Forward; `normalize` fills what the URL leaves out. */
    followHistory(normalize = (value) => value) {
      window.addEventListener("popstate", () => this.set(normalize(stateFromURL(location.href)), { history: "none" }));
    },
  };
}
