// The page's extras around the timeline, the map and the panel, split from main.js (which wires those):
// the search's filters, the aid box, the "download this map" link and present mode's wiring. Each reads
// the page's current data through `page` ({store, config, data(), names(), selectEvent, selectSlug, selectPlace, day(state),
// interactive(): a promise, resolved once the timeline and the map are drawn}).

import { createAidChart } from "./aid-chart.js";
import { loadEvent, loadNames } from "./api.js";
import { formatDate } from "./dates.js";
import { t } from "./i18n.js";
import { createPresent } from "./present.js";

/** People, sources and actors (the names API) as Maps by slug, for the panel and the aid chart. */
export function indexNames(raw, lang) {
  return {
    lang,
    people: new Map(raw.people.map((person) => [person.slug, person])),
    sources: new Map(raw.sources.map((source) => [source.slug, source.label])),
    sourceNotes: new Map(raw.sources.filter((source) => source.note).map((source) => [source.slug, source.note])),
    actors: new Map(raw.actors.map((actor) => [actor.slug, actor.name])),
  };
}

/**
 * A search result chosen: an event or a place is selected; a person or a source selects the first event
 * they take part in or that cites it.
 */
export async function pickFound(page, kind, slug) {
  if (kind === "events") return page.selectSlug(slug);
  if (kind === "places") return page.selectPlace(slug);
  const filter = `${kind === "people" ? "person" : "source"}=${encodeURIComponent(slug)}`;
  const response = await fetch(`${page.config.api.events.split("?")[0]}?fields=slug&${filter}`);
  const first = response.ok ? (await response.json())[0] : null;
  if (first) page.selectSlug(first.slug);
}

/** The search's filters: categories of the loaded events, routes and places by name, then people. */
export function offerFilters(page, search, lang) {
  const data = page.data();
  const sorted = (map, label) =>
    [...map].map(([slug, item]) => [slug, label(item)]).sort((a, b) => a[1].localeCompare(b[1], lang));
  const codes = new Set();
  for (const event of data.events) codes.add(event.category);
  const options = {
    category: [...codes].map((c) => [c, t(lang, `category.${c}`)]),
    route: sorted(data.lookup.routes, (route) => route.name),
    place: sorted(data.lookup.places, (place) => place.name),
  };
  search.setFilterOptions(options);
  // People's names are a request of their own (with sources and actors): made only once the visitor
  // reaches for the filters, not at start, where it was the last response of the page's load.
  let offered = false;
  search.whenFiltersWanted(() => {
    if (offered) return;
    offered = true;
    loadNames(page.config.api, lang).then(
      (raw) => {
        if (page.store.get().lang !== lang) return;
        const people = raw.people.map((person) => [person.slug, person.name]);
        search.setFilterOptions({ ...options, person: people.sort((a, b) => a[1].localeCompare(b[1], lang)) });
      },
      () => (offered = false), // asked again the next time the filters are opened
    );
  });
}

/** The aid box: its chart drawn when opened, its event links selecting on the page. */
export function createAidBox(page) {
  const box = document.getElementById("aid-box");
  const chartElement = document.getElementById("aid-chart");
  const chart = createAidChart(chartElement, { lang: page.store.get().lang, endpoints: page.config.api });

  function load(lang) {
    // Sources and donors are named from the names list; until it arrives the chart shows their slugs.
    const label = (map) => (slug) => map?.get(slug) || slug;
    const labels = (names = page.names()) => {
      return {
        source: label(names?.lang === lang ? names.sources : null),
        actor: label(names?.lang === lang ? names.actors : null),
        event: (slug) => page.data()?.lookup.events.get(slug)?.title || slug,
      };
    };
    chart.setLang(lang, labels());
    chart.show();
    loadNames(page.config.api, lang).then(
      (raw) => {
        if (page.store.get().lang !== lang || !box.open) return;
        chart.setLang(lang, labels(indexNames(raw, lang)));
        chart.show();
      },
      () => {},
    );
  }
  box.addEventListener("toggle", () => box.open && load(page.store.get().lang));
  chartElement.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-event]");
    const data = page.data();
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || !data?.bySlug.has(link.dataset.event)) return;
    event.preventDefault();
    page.selectEvent(data.bySlug.get(link.dataset.event));
  });
  return {
    /** Draw the chart again in `lang` if the box is open (after the data or the names changed). */
    refresh: (lang) => box.open && load(lang),
    setWindow: (left, right) => chart.setWindow(left, right),
  };
}

/** "Download this map": the selected event's day (or the latest day in view) and, with one route, that route. */
export function setDownloadLink(page, state, event) {
  const link = document.getElementById("download-map");
  const params = new URLSearchParams({ lang: state.lang });
  const day = page.day(state);
  if (day) params.set("on", day);
  if (event?.routes.length === 1) params.set("route", event.routes[0]);
  link.href = `${page.config.api.export}?${params}`;
  link.textContent = t(state.lang, event?.routes.length === 1 ? "downloadRoute" : "download");
}

/** Present mode; without a lesson it steps through the events the list shows (the window, the filter). */
export function wirePresent(page, { map, eventList }) {
  const { store, config } = page;
  return createPresent({
    store,
    config,
    map,
    eventDetail: (lang, slug) => loadEvent(config.api, lang, slug),
    eventRow: (slug) => page.data()?.lookup.events.get(slug),
    eventSteps: (lang) => {
      const data = page.data();
      if (!data) return [];
      const slugs = eventList.slugs().length ? eventList.slugs() : data.sequence.map((i) => data.events[i].slug);
      return slugs.map((slug) => {
        const event = data.lookup.events.get(slug);
        const dateText = formatDate(lang, event);
        const date = event.start || event.end || null;
        return { ...event, event: slug, dateText, date, evidence: [], summary: "" };
      });
    },
  });
}
