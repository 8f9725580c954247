// Wires the page together: one state (core/state.js), which the timeline, the map, the panel, the list, the
// search and present mode all follow; every change of selection goes through its rules, so the URL, the
// timeline and the map can never disagree. Each feature lives in its folder; this file only connects them.

import { createAidBox } from "./aid/aid-box.js";
import { loadAtlas, loadBasemap, loadEvent, loadNames, loadRelated } from "./core/api.js";
import { announcement, indexAtlas, indexNames } from "./core/atlas-index.js";
import { dayToIso, formatDate, formatDay, isoToDay, parseDay, resolveDay } from "./core/dates.js";
import { supported, t, translateDocument, useStrings } from "./core/i18n.js";
import { nameOn } from "./core/names.js";
import { createReadiness, nextTask } from "./core/readiness.js";
import { createSelection, createStore, eventDay, stateFromURL } from "./core/state.js";
import { wireEmbedBox } from "./embed/copy.js";
import { createEventList } from "./list/event-list.js";
import { setDownloadLink } from "./map/download.js";
import { wireDownloadSizes } from "./map/download-sizes.js";
import { createMap } from "./map/map.js";
import { createRoutePanel } from "./map/route-panel.js";
import { createPanel } from "./panel/panel.js";
import { createSheet } from "./panel/sheet.js";
import { lessonLink, wirePresent } from "./present/launch.js";
import { offerFilters, pickFound } from "./search/filters.js";
import { createSearch } from "./search/search.js";
import { applyCategoryColours } from "./timeline/categories.js";
import { createTimeControl } from "./timeline/time-control.js";
import { createTimeline } from "./timeline/timeline.js";

const config = JSON.parse(document.getElementById("atlas-config").textContent);
useStrings(JSON.parse(document.getElementById("atlas-strings").textContent), config.defaultLang);
const root = document.documentElement;
applyCategoryColours(root, config.categories);
const prefersContrast = window.matchMedia("(prefers-contrast: more)");

// A theme the link names wins; without one, the reader's system setting decides.
function _initialState(fromURL) {
  const theme = ["contrast", "normal"].includes(fromURL.theme) ? fromURL.theme : null;
  return {
    lang: supported(fromURL.lang || config.lang),
    event: fromURL.event,
    place: fromURL.place,
    on: fromURL.on, // checked against the corpus once it has loaded (_checkDay)
    route: fromURL.route,
    theme: theme || (prefersContrast.matches ? "contrast" : "normal"),
    mode: fromURL.mode,
    lesson: fromURL.lesson,
    step: fromURL.step,
  };
}

const store = createStore(_initialState(lessonLink(stateFromURL(location.href))));
store.followHistory((fromURL) => _initialState(lessonLink(fromURL)));

let data = null; // the current language's data and its indexes
let rendered = { event: undefined, lang: undefined };
const details = new Map(); // "lang|slug" -> the event in full, once fetched
let names = null; // {lang, people, sources}: Maps of names and labels by slug, for the panel
let viewDay = null; // the latest day on the timeline's screen that has events (ISO)

const panelElement = document.getElementById("panel");
const sheet = createSheet(document.getElementById("sheet"), document.getElementById("sheet-handle"));
const selection = createSelection(store, () => data, { viewDay: () => viewDay, onSelect: () => sheet.open() });
const { selectEvent, selectPlace, selectSlug, step } = selection;
const panel = createPanel(panelElement, {
  onStep: (delta) => step(delta, "push"),
  onPlace: (slug) => selectPlace(slug),
  onEvent: (slug) => selectSlug(slug),
  onClearPlace: () => store.set({ place: null }, { history: "push" }),
  onRetry: () => load(store.get().lang),
  categories: config.categories,
});
const timeline = createTimeline(document.getElementById("timeline"), {
  lang: store.get().lang,
  onSelect: (index) => selectEvent(index),
  onStep: (delta) => step(delta, "replace"),
  onView: (view) => _viewed(view),
  categories: config.categories,
  legend: document.getElementById("category-legend"),
  eras: config.collection?.eras || [],
});
const map = createMap(document.getElementById("map"), {
  lang: store.get().lang,
  view: config.view, // the server computed where a linked event or place is: no second basemap draw
  styles: config.mapStyles,
  onPlaceClick: (slug) => selectPlace(slug),
  onRouteClick: (slug) => store.set({ route: slug }, { history: "push" }),
});
const timeControl = createTimeControl(document.getElementById("time-control"), {
  lang: store.get().lang,
  // Playback moves many days a second: the URL is written when it stops, not on every frame.
  onChange: (day, { playing, final }) => {
    timeControl.setMessage(""); // a link's bad date is answered once the visitor picks a day
    store.set({ on: day }, { history: playing ? "none" : "replace" });
    if (final) store.writeURL("replace");
  },
});
let followed = null; // the route whose traveller playback moves
const routePanel = createRoutePanel(document.getElementById("route-panel"), {
  onEvent: (slug) => selectSlug(slug),
  onFollow: (slug) => {
    followed = slug;
    map.follow(slug);
    _renderRoute(store.get());
    if (slug && !timeControl.isPlaying()) timeControl.play();
  },
  onClose: () => store.set({ route: null }, { history: "push" }),
});
const search = createSearch(document.getElementById("place-search"), {
  endpoint: config.api.search,
  lang: store.get().lang,
  nameOf: (place) => nameOn(data?.lookup.places.get(place.slug), selection.day(store.get())) || place.name,
  onPick: ({ kind, slug }) => pickFound(page, kind, slug),
  filters: () => store.get().filters,
  onFilter: (name, value) => selection.setFilter(name, value),
});
const eventList = createEventList(document.getElementById("event-list"), {
  lang: store.get().lang,
  onSelect: (index) => selectEvent(index),
  categories: config.categories,
});
// What the features built on the page (the aid box, the search's filters, present mode) read of it.
const page = {
  store,
  config,
  data: () => data,
  names: () => names,
  selectEvent: (index) => selectEvent(index),
  selectSlug: (slug) => selectSlug(slug),
  selectPlace: (slug) => selectPlace(slug),
  day: (state) => selection.day(state),
  interactive: () => interactive,
};
const aidBox = createAidBox(page);
wireDownloadSizes(document.getElementById("downloads-box"), {
  endpoint: config.api.downloads,
  lang: () => store.get().lang,
});
wireEmbedBox(document.getElementById("embed-box"));

// ---- data -------------------------------------------------------------------------------------------
let namesAsked = null; // the language whose names are on their way (the request itself is cached in api.js)
// People, sources and actors are for the panel's event (and the aid chart, the search's person filter):
// asked for only when an event is shown, never at start, where they were the page's last responses.
function _askNames(lang) {
  if (namesAsked === lang) return;
  namesAsked = lang;
  // A linked event is shown before the page is interactive: the names wait for it, so the server and the
  // connections serve the events index and the map's layers first.
  interactive
    .then(() => loadNames(config.api, lang))
    .then(
      (raw) => {
        if (namesAsked === lang) namesAsked = null;
        if (store.get().lang !== lang) return;
        names = indexNames(raw, lang);
        _refreshPanel();
        aidBox.refresh(lang);
      },
      (error) => {
        if (namesAsked === lang) namesAsked = null; // asked again by the next event shown
        console.warn("names not loaded", error);
      },
    );
}

let firstLoad = true;
async function load(lang) {
  if (!data && !panelElement.querySelector(".panel-event, .panel-status")) panel.loading(lang);
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
  // Decoding, indexing, the timeline and the map's markers were one task of 80-300 ms: each is a task of
  // its own now, so a click or a frame can come between (the timeline may paint before the markers exist).
  // `data` is set only once all are ready: until then a click on the timeline selects nothing.
  await nextTask();
  if (store.get().lang !== lang) return; // the visitor switched language while this one loaded
  const next = indexAtlas(raw);
  timeline.setEvents(next.events, { keepView: !firstLoad, days: next.columns });
  await nextTask();
  if (store.get().lang !== lang) return;
  map.setData(config.collection ? _collectionsLayers(raw, next) : raw, next.counts);
  await nextTask();
  if (store.get().lang !== lang) return;
  delete root.dataset.state;
  data = next;
  if (data.firstDay && data.lastDay) timeControl.setExtent(data.firstDay, data.lastDay);
  _checkDay();
  eventList.setLang(lang);
  eventList.setEvents(data.events, data.sequence, data.columns);
  offerFilters(page, search, lang);
  aidBox.refresh(lang);
  firstLoad = false;
  render(store.get());
  present.render();
  ready.data();
  requestAnimationFrame(() => ready.map());
}

// Places, routes and areas are shared by every collection of the site: another collection's page draws the
// places and routes its own events use, and no areas (fronts and zones belong to no event).
function _collectionsLayers(raw, indexed) {
  const places = new Set(indexed.events.flatMap((event) => event.places));
  const routes = new Set(indexed.events.flatMap((event) => event.routes));
  const only = (layer, used) => ({ ...layer, features: layer.features.filter((f) => used.has(f.properties.slug)) });
  return {
    ...raw,
    places: only(raw.places, places),
    routes: only(raw.routes, routes),
    areas: only(raw.areas, new Set()),
  };
}

// ---- names through time -----------------------------------------------------------------------------
let viewTimer = 0;

// A day from a link that is not a day, or outside the corpus: say so and show a day that exists.
function _checkDay() {
  const state = store.get();
  if (!state.on || !data?.firstDay) return timeControl.setMessage("");
  const event = selection.eventOf(state.event);
  const fallback = (event && eventDay(event)) || data.firstDay;
  const { day, problem } = resolveDay(state.on, [data.firstDay, data.lastDay], fallback);
  if (!problem) return timeControl.setMessage("");
  const words = {
    text: state.on,
    day: formatDay(state.lang, day),
    first: formatDay(state.lang, data.firstDay),
    last: formatDay(state.lang, data.lastDay),
  };
  timeControl.setMessage(t(state.lang, problem === "unreadable" ? "dateUnreadable" : "dateOutside", words));
  store.set({ on: day }, { history: "replace" });
}

function _viewed({ left, right }) {
  eventList.setWindow(left, right);
  aidBox.setWindow(left, right);
  // Panning changes the names only between frames' worth of motion: relabel once the view rests.
  clearTimeout(viewTimer);
  viewTimer = setTimeout(() => {
    const iso = dayToIso(Math.floor(right) - 1);
    viewDay = data?.lastDay && isoToDay(data.lastDay) < isoToDay(iso) ? data.lastDay : iso;
    const state = store.get();
    if (!state.event && !state.on) _renderDay(state);
    // The timeline moved away from the map's day: the day follows, to the nearest edge of the window.
    // Not while presenting: the timeline is hidden then, and the step decides the day.
    else if (parseDay(state.on) && !timeControl.isPlaying() && !state.mode) {
      const { left, right } = timeline.view();
      const day = isoToDay(state.on);
      const inside = Math.min(Math.floor(right) - 1, Math.max(Math.ceil(left), day));
      if (inside !== day) store.set({ on: dayToIso(inside) }, { history: "replace" });
    }
  }, 150);
}

// ---- rendering --------------------------------------------------------------------------------------
function _applyChrome(state) {
  root.lang = state.lang;
  root.dataset.theme = state.theme;
  translateDocument(state.lang);
  for (const button of document.querySelectorAll("[data-lang]"))
    button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
  // The lessons page opens in the language the reader switched to.
  for (const link of document.querySelectorAll("a.lessons-link")) link.search = `?lang=${state.lang}`;
  const toggle = document.querySelector("[data-action='theme']");
  if (toggle) toggle.setAttribute("aria-pressed", String(state.theme === "contrast"));
}

function render(state) {
  if (!data) return;
  const index = selection.indexOf(state.event);
  const event = index >= 0 ? data.events[index] : null;
  const list = selection.list(state);
  const position = index >= 0 ? list.indexOf(index) + 1 : 0;
  const cold = rendered.event === undefined;
  const eventChanged = rendered.event !== state.event || rendered.place !== state.place;

  timeline.setHighlighted(state.place ? new Set(list) : null);
  timeline.setSelected(index, event && eventChanged ? announcement(state.lang, event, position, list.length) : "");
  _renderDay(state);
  _renderRoute(state);
  eventList.setSelected(index);
  setDownloadLink(page, state, event);
  if (event && eventChanged) timeline.reveal(index, { animate: !cold });

  // The map reads the event's places by role: pins, journey, places it only concerns (not pinned).
  map.setHighlight({
    event,
    routes: new Set(event ? event.routes : []),
    place: state.place,
  });
  // Opened cold, the map already stands where the server said (config.view).
  if (eventChanged && !cold) {
    const shown = event && map.show({ event, routes: event.routes });
    if (!shown && state.place) map.show({ places: [state.place] });
  }

  _renderPanel(state, { event, position, count: list.length });
  document.title = event ? `${event.title} · Chronoatlas` : "Chronoatlas";
  rendered = { event: state.event, place: state.place, lang: state.lang, route: state.route };
  // Stepping with the keys (or a presentation clicker) should not wait for the network.
  if (event)
    for (const next of [list[position], list[position - 2]])
      if (next !== undefined) _detail(state.lang, data.events[next].slug);
}

// The map and the time control at the state's day; the timeline brings a chosen day on screen.
function _renderDay(state) {
  const day = selection.day(state);
  map.setDate(day);
  timeControl.setDay(day);
  if (state.on && day) timeline.revealDay(isoToDay(day), { animate: false });
}

function _renderRoute(state) {
  const route = state.route && data?.lookup.routes.get(state.route);
  if (!route) return routePanel.hide();
  const wasHidden = document.getElementById("route-panel").hidden;
  routePanel.show({
    lang: state.lang,
    route,
    followed,
    placeName: (slug) => nameOn(data.lookup.places.get(slug), selection.day(state)),
    // Stops carry no dates of their own: the events on this route at a stop date it.
    stopEvents: (slug) =>
      (data.byPlace.get(slug) || [])
        .map((i) => data.events[i])
        .filter((event) => event.routes.includes(route.slug))
        .map((event) => ({ slug: event.slug, text: formatDate(state.lang, event) })),
  });
  if (wasHidden && rendered.route !== state.route && rendered.event !== undefined) routePanel.focus();
}

function _detail(lang, slug) {
  const key = `${lang}|${slug}`;
  if (details.has(key)) return details.get(key);
  // The event and its threads (related events) arrive together: the panel is drawn once, not twice.
  Promise.all([loadEvent(config.api, lang, slug), loadRelated(config.api, lang, slug).catch(() => null)]).then(
    ([full, related]) => {
      details.set(key, { ...full, related });
      if (store.get().event === slug && store.get().lang === lang) _refreshPanel();
    },
    (error) => console.warn(`event ${slug} not loaded`, error),
  );
  return null;
}

function _refreshPanel() {
  if (!data) return;
  const state = store.get();
  const index = selection.indexOf(state.event);
  const list = selection.list(state);
  _renderPanel(state, {
    event: index >= 0 ? data.events[index] : null,
    position: list.indexOf(index) + 1,
    count: list.length,
  });
}

function _renderPanel(state, { event, position, count }) {
  const named = names?.lang === state.lang;
  if (event && !named) _askNames(state.lang);
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
    lookup: {
      ...data.lookup,
      ...(named ? names : { people: new Map(), sources: new Map() }),
      evidenceLang: config.evidenceLang,
    },
    placeName: (slug) => nameOn(data.lookup.places.get(slug), selection.day(state)),
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
    timeControl.setLang(state.lang);
    eventList.setLang(state.lang);
    map.setLang(state.lang);
    search.setLang(state.lang);
    load(state.lang); // the old language's data stays usable until the new one arrives
    return;
  }
  // Playback and the slider change only the day: the cheap path, so 30 frames a second hold.
  // A presented step is present.js's to draw: here only its day.
  const changed = Object.keys(state).filter((key) => key !== "step" && state[key] !== previous[key]);
  if (!changed.length) return;
  if (changed.length === 1 && changed[0] === "filters") return search.refresh();
  if (changed.length === 1 && changed[0] === "on") return _renderDay(state);
  _applyChrome(state);
  render(state);
});

// Present mode: present.js draws it; without a lesson it steps through the events the list shows.
const present = wirePresent(page, { map, eventList });

// ---- chrome -----------------------------------------------------------------------------------------
document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.dataset.lang) store.set({ lang: supported(button.dataset.lang) }, { history: "replace" });
  else if (button.dataset.action === "theme")
    store.set({ theme: store.get().theme === "contrast" ? "normal" : "contrast" });
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && store.get().route) store.set({ route: null }, { history: "push" });
  else if (event.key === "Escape" && store.get().place) store.set({ place: null }, { history: "push" });
});

const { done: ready, interactive } = createReadiness(root);
document.getElementById("timeline").addEventListener("timeline:drawn", () => ready.timeline(), { once: true });

_applyChrome(store.get());
root.dataset.theme = store.get().theme;
timeline.refreshTheme();
map.refreshTheme();
// The basemap costs 0.15–0.3 s of main thread at 1:50m (converting, projecting and painting Natural Earth);
// it waits until the events and places are on screen, and is drawn in slices (basemap.js), so the page
// answers clicks first and between slices while the land fills in. The file is the coarsest fit for the
// map's zoom (config.basemaps, frontend/views.py); zooming past it draws the finer one, once.
const _basemapFor = (zoom) => config.basemaps.find(({ maxZoom }) => maxZoom == null || zoom <= maxZoom);
let basemapShown = null; // the entry of config.basemaps drawn or being drawn
function _drawBasemap() {
  const wanted = _basemapFor(map.leaflet.getZoom());
  // Never back to a coarser file: the finer one is right at every zoom, and drawing costs more than keeping.
  if (basemapShown && config.basemaps.indexOf(wanted) <= config.basemaps.indexOf(basemapShown)) return null;
  basemapShown = wanted;
  return loadBasemap(wanted.url)
    .then((topology) => map.setBasemap(topology))
    .then((drawn) => {
      // Which file the land was drawn from: for the tests, and for anyone asking why a coast looks coarse.
      if (drawn) document.getElementById("map").dataset.basemap = wanted.url.split("/").pop();
    });
}
const firstBasemap = loadBasemap(_basemapFor(map.leaflet.getZoom()).url);
firstBasemap.catch(() => {}); // handled below, once the page is interactive
load(store.get().lang)
  .then(() => interactive)
  .then(() => _drawBasemap())
  .then(() => ready.basemap())
  .catch((error) => {
    console.warn("basemap not loaded", error);
    basemapShown = null; // the next zoom tries again
    ready.basemap();
  })
  .then(() =>
    map.leaflet.on("zoomend", () => _drawBasemap()?.catch((error) => console.warn("basemap not loaded", error))),
  );

root.dataset.started = "true"; // the start-up watchdog in the page stands down

// A handle for the browser tests and for poking around in the console.
window.chronoatlas = {
  store,
  timeline,
  map: map.leaflet,
  timeControl,
  /** What the map shows on its day: {day, areas (slugs), routes ({slug: status or null}), arrows, traveller}. */
  mapState: () => map.state(),
  /** Where the event `slug` is drawn on the timeline (viewport CSS px), or null. */
  positionOf: (slug) => (selection.indexOf(slug) >= 0 ? timeline.positionOf(selection.indexOf(slug)) : null),
  /** The event slugs the list view shows, in its order. */
  listed: () => eventList.slugs(),
  /** The event slugs in time order. */
  sequence: () => (data ? data.sequence.map((i) => data.events[i].slug) : []),
};
