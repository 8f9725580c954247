// Wires the page together: one store, the timeline, the map and the panel all follow it, and every change
// of selection goes through it so the URL, the timeline and the map can never disagree.

import { loadAtlas, loadBasemap, loadEvent, loadNames } from "./api.js";
import { dayToIso, formatDate, isoToDay } from "./dates.js";
import { supported, t, translateDocument, useStrings } from "./i18n.js";
import { createMap } from "./map.js";
import { nameOn } from "./names.js";
import { createPanel } from "./panel.js";
import { createPlaceSearch } from "./search.js";
import { createStore, stateFromURL } from "./store.js";
import { createTimeline } from "./timeline.js";

const config = JSON.parse(document.getElementById("atlas-config").textContent);
useStrings(JSON.parse(document.getElementById("atlas-strings").textContent), config.defaultLang);
const root = document.documentElement;
const prefersContrast = window.matchMedia("(prefers-contrast: more)");

// A theme the link names wins; without one, the reader's system setting decides.
function _initialState(fromURL) {
  const theme = ["contrast", "normal"].includes(fromURL.theme) ? fromURL.theme : null;
  return {
    lang: supported(fromURL.lang || config.lang),
    event: fromURL.event,
    place: fromURL.place,
    theme: theme || (prefersContrast.matches ? "contrast" : "normal"),
  };
}

const store = createStore(_initialState(stateFromURL(location.href)));
store.followHistory((fromURL) => _initialState(fromURL));

let data = null; // the current language's data and its indexes
let rendered = { event: undefined, lang: undefined };
const details = new Map(); // "lang|slug" -> the event in full, once fetched
let names = null; // {lang, people, sources}: Maps of names and labels by slug, for the panel

const panelElement = document.getElementById("panel");
const panel = createPanel(panelElement, {
  onStep: (delta) => step(delta, "push"),
  onPlace: (slug) => selectPlace(slug),
  onEvent: (slug) => data?.bySlug.has(slug) && selectEvent(data.bySlug.get(slug)),
  onClearPlace: () => store.set({ place: null }, { history: "push" }),
  onRetry: () => load(store.get().lang),
});
const timeline = createTimeline(document.getElementById("timeline"), {
  lang: store.get().lang,
  onSelect: (index) => selectEvent(index),
  onStep: (delta) => step(delta, "replace"),
  onView: (view) => _viewed(view),
});
const map = createMap(document.getElementById("map"), {
  lang: store.get().lang,
  view: config.view, // the server computed where a linked event or place is: no second basemap draw
  onPlaceClick: (slug) => selectPlace(slug),
});
const search = createPlaceSearch(document.getElementById("place-search"), {
  endpoint: config.api.places,
  lang: store.get().lang,
  nameOf: (place) => nameOn(place, _day(store.get())),
  onPick: (slug) => selectPlace(slug),
});

// ---- data -------------------------------------------------------------------------------------------
function _index(raw) {
  const events = raw.events;
  // Time order as the timeline draws it: by start, an open start counting as its end. Compared as day
  // numbers: ISO days before the common era ("-0043-03-15") do not sort as text.
  const keys = events.map((event) => (event.start || event.end ? isoToDay(event.start || event.end) : -Infinity));
  const sequence = events.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
  const bySlug = new Map(events.map((event, i) => [event.slug, i]));
  // Extent of the events, for the day whose place names the map shows when nothing is selected.
  const lastDay = events.reduce(
    (last, event) => (event.end && (!last || isoToDay(event.end) > isoToDay(last)) ? event.end : last),
    "",
  );
  const byPlace = new Map();
  for (const i of sequence) {
    for (const slug of events[i].places) {
      if (!byPlace.has(slug)) byPlace.set(slug, []);
      byPlace.get(slug).push(i);
    }
  }
  const properties = (collection) =>
    new Map(collection.features.map((feature) => [feature.properties.slug, feature.properties]));
  return {
    raw,
    events,
    sequence,
    bySlug,
    byPlace,
    counts: new Map([...byPlace].map(([slug, list]) => [slug, list.length])),
    lastDay,
    lookup: {
      places: properties(raw.places),
      routes: properties(raw.routes),
      events: new Map(events.map((event) => [event.slug, event])),
    },
  };
}

function _loadNames(lang) {
  loadNames(config.api, lang).then(
    (raw) => {
      if (store.get().lang !== lang) return;
      names = {
        lang,
        people: new Map(raw.people.map((person) => [person.slug, person])),
        sources: new Map(raw.sources.map((source) => [source.slug, source.label])),
      };
      _refreshPanel();
    },
    (error) => console.warn("names not loaded", error),
  );
}

let firstLoad = true;
async function load(lang) {
  if (!data && !panelElement.querySelector(".panel-event")) panel.loading(lang);
  // Names are for the panel only: on the first load they wait until the page is interactive, so the
  // server spends its time on the events list first (one process answers all these requests).
  if (firstLoad) interactive.then(() => _loadNames(lang));
  else _loadNames(lang);
  let raw;
  try {
    raw = await loadAtlas(config.api, lang);
  } catch (error) {
    console.error(error);
    if (store.get().lang === lang) panel.error(lang, error.message);
    // The page has settled, in its error state: let the basemap draw and the tests see it.
    root.dataset.state = "error";
    ready.data();
    ready.map();
    ready.timeline();
    return;
  }
  if (store.get().lang !== lang) return; // the visitor switched language while this one loaded
  delete root.dataset.state;
  data = _index(raw);
  timeline.setEvents(data.events, { keepView: !firstLoad });
  map.setData(raw, data.counts);
  firstLoad = false;
  render(store.get());
  ready.data();
  requestAnimationFrame(() => ready.map());
}

// ---- selection --------------------------------------------------------------------------------------
function _list(state) {
  return state.place ? data.byPlace.get(state.place) || [] : data.sequence;
}

function selectEvent(index, history = "push") {
  if (!data) return;
  const state = store.get();
  const slug = data.events[index].slug;
  // Keep the chosen place while stepping through its events; leave it when the visitor picks another.
  const place = state.place && data.events[index].places.includes(state.place) ? state.place : null;
  store.set({ event: slug, place }, { history });
}

function selectPlace(slug) {
  const list = data?.byPlace.get(slug) || [];
  store.set({ place: slug, event: list.length ? data.events[list[0]].slug : null }, { history: "push" });
}

// The position in `list` one step (`delta`: a number, "first" or "last") from `current` (-1: none).
function _steppedPosition(list, current, delta) {
  if (delta === "first") return 0;
  if (delta === "last") return list.length - 1;
  if (current < 0) return delta > 0 ? 0 : list.length - 1;
  return Math.min(list.length - 1, Math.max(0, current + delta));
}

function _currentPosition(state, list) {
  return state.event ? list.indexOf(data.bySlug.get(state.event)) : -1;
}

/** Select the event `delta` steps along the current list (the place's events, or all). */
function step(delta, history) {
  if (!data) return;
  const state = store.get();
  const list = _list(state);
  if (!list.length) return;
  const current = _currentPosition(state, list);
  const position = _steppedPosition(list, current, delta);
  if (position !== current) selectEvent(list[position], history);
}

// ---- names through time -----------------------------------------------------------------------------
let viewDay = null; // the latest day on the timeline's screen that has events (ISO)
let viewTimer = 0;

/** The day whose place names are shown: the selected event's, else the latest day on screen. */
function _day(state) {
  const event = state.event && data?.bySlug.has(state.event) ? data.events[data.bySlug.get(state.event)] : null;
  return event ? event.start || event.end : viewDay;
}

function _viewed({ right }) {
  // Panning changes the names only between frames' worth of motion: relabel once the view rests.
  clearTimeout(viewTimer);
  viewTimer = setTimeout(() => {
    const day = Math.floor(right) - 1;
    viewDay = data?.lastDay && isoToDay(data.lastDay) < day ? data.lastDay : dayToIso(day);
    if (!store.get().event) map.setDate(viewDay);
  }, 150);
}

// ---- rendering --------------------------------------------------------------------------------------
function _applyChrome(state) {
  root.lang = state.lang;
  root.dataset.theme = state.theme;
  translateDocument(state.lang);
  for (const button of document.querySelectorAll("[data-lang]"))
    button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
  const toggle = document.querySelector("[data-action='theme']");
  if (toggle) toggle.setAttribute("aria-pressed", String(state.theme === "contrast"));
}

function render(state) {
  if (!data) return;
  const index = state.event ? (data.bySlug.get(state.event) ?? -1) : -1;
  const event = index >= 0 ? data.events[index] : null;
  const list = _list(state);
  const position = index >= 0 ? list.indexOf(index) + 1 : 0;
  const cold = rendered.event === undefined;
  const eventChanged = rendered.event !== state.event || rendered.place !== state.place;

  timeline.setHighlighted(state.place ? new Set(list) : null);
  timeline.setSelected(index, event && eventChanged ? _announcement(state.lang, event, position, list.length) : "");
  map.setDate(_day(state));
  if (event && eventChanged) timeline.reveal(index, { animate: !cold });

  map.setHighlight({
    places: new Set(event ? event.places : []),
    routes: new Set(event ? event.routes : []),
    place: state.place,
  });
  // Opened cold, the map already stands where the server said (config.view).
  if (eventChanged && !cold) {
    const shown = event && map.show({ places: event.places, routes: event.routes });
    if (!shown && state.place) map.show({ places: [state.place] });
  }

  _renderPanel(state, { event, position, count: list.length });
  document.title = event ? `${event.title} · Chronoatlas` : "Chronoatlas";
  rendered = { event: state.event, place: state.place, lang: state.lang };
  // Stepping with the keys (or a presentation clicker) should not wait for the network.
  if (event)
    for (const next of [list[position], list[position - 2]])
      if (next !== undefined) _detail(state.lang, data.events[next].slug);
}

// What a screen reader hears on selecting: the title, the date as the panel says it, where in the list.
function _announcement(lang, event, position, count) {
  const date = formatDate(lang, event);
  const spoken = event.disputed ? t(lang, "dateDisputed", { date }) : date;
  return t(lang, "announce", { title: event.title, date: spoken, n: position, count });
}

function _detail(lang, slug) {
  const key = `${lang}|${slug}`;
  if (details.has(key)) return details.get(key);
  loadEvent(config.api, lang, slug).then(
    (full) => {
      details.set(key, full);
      if (store.get().event === slug && store.get().lang === lang) _refreshPanel();
    },
    (error) => console.warn(`event ${slug} not loaded`, error),
  );
  return null;
}

function _refreshPanel() {
  if (!data) return;
  const state = store.get();
  const index = state.event ? (data.bySlug.get(state.event) ?? -1) : -1;
  const list = _list(state);
  _renderPanel(state, {
    event: index >= 0 ? data.events[index] : null,
    position: list.indexOf(index) + 1,
    count: list.length,
  });
}

function _renderPanel(state, { event, position, count }) {
  const named = names?.lang === state.lang;
  const fetched = event ? _detail(state.lang, event.slug) : null;
  const full = named ? fetched : null;
  // The server already rendered a linked event's text: keep it until the full record arrives.
  if (event && !full && panelElement.querySelector(`.panel-event[data-event="${event.slug}"]`)) return;
  panel.show({
    lang: state.lang,
    event: full ? { ...event, ...full } : event,
    pending: Boolean(event && !full),
    position,
    count,
    place: state.place,
    notFound: state.event && !event ? state.event : null,
    lookup: { ...data.lookup, ...(named ? names : { people: new Map(), sources: new Map() }) },
    placeName: (slug) => nameOn(data.lookup.places.get(slug), _day(state)),
    total: data.events.length,
  });
}

store.subscribe((state, previous) => {
  if (state.theme !== previous.theme) {
    root.dataset.theme = state.theme;
    timeline.refreshTheme();
    map.refreshTheme();
  }
  if (state.lang !== previous.lang) {
    _applyChrome(state);
    timeline.setLang(state.lang);
    map.setLang(state.lang);
    search.setLang(state.lang);
    load(state.lang); // the old language's data stays usable until the new one arrives
    return;
  }
  _applyChrome(state);
  render(state);
});

// ---- chrome -----------------------------------------------------------------------------------------
document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.dataset.lang) store.set({ lang: supported(button.dataset.lang) }, { history: "replace" });
  else if (button.dataset.action === "theme")
    store.set({ theme: store.get().theme === "contrast" ? "normal" : "contrast" });
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && store.get().place) store.set({ place: null }, { history: "push" });
});

// "Interactive" is when the timeline and the map's places and routes are drawn (atlas:interactive, read by
// benchmarks/page_load.py); "ready" is when the basemap is drawn too (html[data-ready], read by the tests).
const ready = {};
const [dataDone, mapDone, timelineDone, basemapDone] = ["data", "map", "timeline", "basemap"].map(
  (name) => new Promise((resolve) => (ready[name] = resolve)),
);
const interactive = Promise.all([dataDone, mapDone, timelineDone]).then(() => performance.mark("atlas:interactive"));
Promise.all([interactive, basemapDone]).then(() => (root.dataset.ready = "true"));
document.getElementById("timeline").addEventListener("timeline:drawn", () => ready.timeline(), { once: true });

_applyChrome(store.get());
root.dataset.theme = store.get().theme;
timeline.refreshTheme();
map.refreshTheme();
// The basemap costs ~0.3 s of main thread (projecting and drawing Natural Earth 1:50m); it waits until
// the events and places are on screen, so the page answers clicks first and the land fills in after.
const basemap = loadBasemap(config.basemap);
basemap.catch(() => {}); // handled below, once the page is interactive
load(store.get().lang)
  .then(() => interactive)
  .then(() => basemap)
  .then((topology) => {
    map.setBasemap(topology);
    requestAnimationFrame(() => ready.basemap());
  })
  .catch((error) => {
    console.warn("basemap not loaded", error);
    ready.basemap();
  });

root.dataset.started = "true"; // the start-up watchdog in the page stands down

// A handle for the browser tests and for poking around in the console.
window.chronoatlas = {
  store,
  timeline,
  map: map.leaflet,
  /** Where the event `slug` is drawn on the timeline (viewport CSS px), or null. */
  positionOf: (slug) => (data?.bySlug.has(slug) ? timeline.positionOf(data.bySlug.get(slug)) : null),
  /** The event slugs in time order. */
  sequence: () => (data ? data.sequence.map((i) => data.events[i].slug) : []),
};
