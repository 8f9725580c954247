// Present mode, the presenter view and a lesson's bar are for a class: their code (present.js) and styles
// load only once a lesson or present mode is asked for, so a visitor exploring the atlas never fetches them.
// The server already links them in a page opened on a lesson or in present mode (frontend/views.py).

import { loadEvent } from "../core/api.js";
import { formatDate } from "../core/dates.js";
import { eventDay } from "../core/state.js";
import { mapDay } from "./steps.js";

const MODES = new Set(["present", "presenter"]);

// A stylesheet linked once; resolves when it has applied (or failed: the step still shows, unstyled).
function _stylesheet(href) {
  const linked = document.querySelector(`link[rel="stylesheet"][href="${CSS.escape(href)}"]`);
  if (linked?.sheet) return Promise.resolve();
  const link = linked || Object.assign(document.createElement("link"), { rel: "stylesheet", href });
  const applied = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  if (!linked) document.head.append(link);
  return applied;
}

/**
 * Start present mode's code when the state asks for it (a lesson, ?mode=present or presenter, or a "present"
 * button); without a lesson it steps through the events the list shows (the window, the filter). `page` is
 * what main.js lends its features.
 */
export function wirePresent(page, { map, eventList }) {
  const { store, config } = page;
  let present = null; // present.js's handle, once loaded
  let livePanel = null; // the live class's panel (live-panel.js), loaded with it
  let loading = null;

  function _load() {
    loading ??= Promise.all([import("./present.js"), import("./live-panel.js")]).then(
      ([{ createPresent }, { createLivePanel }]) => {
        livePanel = createLivePanel({ store, config });
        present = createPresent({
          store,
          config,
          map,
          eventDetail: (lang, slug) => loadEvent(config.api, lang, slug),
          eventRow: (slug) => page.data()?.lookup.events.get(slug),
          eventSteps: (lang, slugs) => _eventSteps(lang, slugs),
          placePoints: (places, routes) => _placePoints(places, routes),
        });
        return present;
      },
    );
    return loading;
  }

  // GeoJSON's [lng, lat] of the named places and the routes' lines, as [lat, lng] for Leaflet.
  function _placePoints(places, routes) {
    const raw = page.data()?.raw;
    if (!raw) return [];
    const wanted = (collection, slugs) =>
      collection.features.filter((feature) => slugs.includes(feature.properties.slug) && feature.geometry);
    const points = [];
    for (const feature of wanted(raw.places, places)) points.push(feature.geometry.coordinates);
    for (const feature of wanted(raw.routes, routes))
      if (feature.geometry.type === "LineString") points.push(...feature.geometry.coordinates);
    return points.map(([lng, lat]) => [lat, lng]);
  }

  // The steps of `slugs` (the other window's, in step with it), else of the events the list shows.
  function _eventSteps(lang, slugs = null) {
    const data = page.data();
    if (!data) return [];
    const listed = eventList.slugs().length ? eventList.slugs() : data.sequence.map((i) => data.events[i].slug);
    return (slugs || listed)
      .filter((slug) => data.lookup.events.has(slug))
      .map((slug) => {
        const event = data.lookup.events.get(slug);
        return {
          ...event,
          event: slug,
          dateText: formatDate(lang, event),
          date: eventDay(event),
          evidence: [],
          quotes: [],
          summary: "",
        };
      });
  }

  async function _follow(state) {
    const presenting = MODES.has(state.mode);
    if (!presenting && !state.lesson) return;
    const styles = [presenting && config.styles.present, state.lesson && config.styles.lessonBar].filter(Boolean);
    const first = !present;
    // The step is drawn once its styles apply: a projected screen never flashes the unstyled page.
    await Promise.all([_load(), ...styles.map(_stylesheet)]);
    // Loaded now, present.js follows the store itself; it draws the state it was loaded for once.
    if (first) present.render();
  }

  store.subscribe((state) => {
    if (!present || MODES.has(state.mode)) _follow(state);
  });
  // "Present" in the header and "present from here" on a lesson's bar: the mode is set here, where it works
  // before present.js has loaded; the stage takes the keyboard's focus when it first draws.
  document.addEventListener("click", (event) => {
    if (!event.target.closest?.('[data-present="start"]')) return;
    const state = store.get();
    store.set({ mode: "present", step: (state.lesson && state.step) || "1" }, { history: "push" });
  });
  _follow(store.get());

  return {
    /** Draw present mode again (the data arrived), if it has loaded. */
    render: () => present?.render(),
    /** present.js's handle for the tests and the console, or null while it has not been needed. */
    handle: () => present,
    /** The running live class's join code, or null. */
    liveCode: () => livePanel?.code() ?? null,
  };
}

/**
 * `fromURL` with what a lesson link (/lessons/<slug>/?step=N, ?lesson=…) leaves out filled from the lesson
 * the server sent with the page: the lesson, its step, the step's event (explore mode opens on it) and
 * the map's day.
 */
export function lessonLink(fromURL) {
  const sent = document.getElementById("lesson-data");
  if (!sent) return fromURL;
  const lesson = JSON.parse(sent.textContent);
  // Back and Forward keep this page: the lesson is filled in only where the URL names it (its own path
  // or ?lesson=), not on the atlas's plain URL a reader who closed the lesson went back to.
  const named = fromURL.lesson === lesson.slug || location.pathname.endsWith(`/lessons/${lesson.slug}/`);
  if (!named) return fromURL;
  const step = lesson.steps[lesson.current_step - 1];
  return {
    ...fromURL,
    lesson: fromURL.lesson || lesson.slug,
    step: fromURL.step || (step ? String(step.number) : null),
    event: fromURL.event || step?.event?.slug || null,
    on: fromURL.on || (step ? mapDay(step.date, step.event) : null),
  };
}
