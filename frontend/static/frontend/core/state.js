// The page's one state: a small store holding everything a link should restore, mirrored in the URL so any
// view can be shared (a teacher's link opens on the same event, in the same language) and Back steps through
// choices; the search's filters, which a link leaves out; and the selection's rules (createSelection), so
// every change of the selected event, place or day goes through one place and the URL, the timeline, the map
// and the panel can never disagree.

import { steppedPosition } from "./atlas-index.js";
import { parseDay } from "./dates.js";

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

/**
 * A store: get() the state, set(patch, {history}) to change it, subscribe(fn) to hear of changes. Besides
 * the URL's keys it holds `filters` ({category, route, place, person}: slugs, "" for any), which narrow what
 * the search finds and are not written to the URL.
 */
export function createStore(initial) {
  let state = { filters: {}, ...initial };
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

/** The day an event stands on the map: its start, else its end (ISO), or null. */
export function eventDay(event) {
  return event.start || event.end || null;
}

/**
 * The selection's rules on the loaded data (`data()`: atlas-index.js's indexAtlas, or null before it
 * arrives): which event is selected, the list the keys step along (the chosen place's events, or all of them
 * in time order), and the map's day. `viewDay()` is the latest day with events on the timeline's screen;
 * `onSelect()` is told when the visitor selects an event (a phone brings its sheet up).
 */
export function createSelection(store, data, { viewDay = () => null, onSelect = () => {} } = {}) {
  /** The position of the event `slug` names in the loaded data, or -1 (none named, or not loaded). */
  function indexOf(slug) {
    const loaded = data();
    return slug && loaded?.bySlug.has(slug) ? loaded.bySlug.get(slug) : -1;
  }

  function eventOf(slug) {
    const index = indexOf(slug);
    return index >= 0 ? data().events[index] : null;
  }

  /** The events the keys step along: the chosen place's, or all in time order (positions in data().events). */
  function list(state) {
    return state.place ? data().byPlace.get(state.place) || [] : data().sequence;
  }

  function selectEvent(index, history = "push") {
    const loaded = data();
    if (!loaded) return;
    const state = store.get();
    const event = loaded.events[index];
    // Keep the chosen place while stepping through its events; leave it when the visitor picks another.
    const place = state.place && event.places.includes(state.place) ? state.place : null;
    // Selecting an event sets the map's date to it.
    store.set({ event: event.slug, place, on: eventDay(event) }, { history });
    onSelect();
  }

  function selectSlug(slug) {
    const index = indexOf(slug);
    if (index >= 0) selectEvent(index);
  }

  function selectPlace(slug) {
    const loaded = data();
    const events = loaded?.byPlace.get(slug) || [];
    const event = events.length ? loaded.events[events[0]] : null;
    store.set({ place: slug, event: event?.slug ?? null, ...(event && { on: eventDay(event) }) }, { history: "push" });
  }

  /** Select the event `delta` steps along the current list (a number, "first" or "last"). */
  function step(delta, history) {
    if (!data()) return;
    const state = store.get();
    const events = list(state);
    if (!events.length) return;
    const current = events.indexOf(indexOf(state.event));
    const position = steppedPosition(events, current, delta);
    if (position !== current) selectEvent(events[position], history);
  }

  /** The map's day: the one chosen (slider, link), else the selected event's, else the latest day on screen. */
  function day(state) {
    if (parseDay(state.on)) return state.on;
    const event = eventOf(state.event);
    return event ? eventDay(event) : viewDay();
  }

  /** Narrow the search by filter `name` (a slug, "" for any). */
  function setFilter(name, value) {
    store.set({ filters: { ...store.get().filters, [name]: value } }, { history: "none" });
  }

  return { indexOf, eventOf, list, selectEvent, selectSlug, selectPlace, step, day, setFilter };
}
