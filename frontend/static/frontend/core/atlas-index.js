// The page's pure parts that need no DOM: indexing the loaded data, stepping along a list, what a screen
// reader hears. Split from main.js, which wires the page together; tests/js runs these under node.
import { pinsOf } from "./atlas-data.js";
import { formatDate, isoToDay } from "./dates.js";
import { t } from "./i18n.js";

/** An events list in the events API's shape as the index's day columns (atlas-data.js), for data without them. */
export function columnsOf(events) {
  const day = (iso) => (iso ? isoToDay(iso) : Number.NaN);
  return {
    starts: Float64Array.from(events, (event) => day(event.start)),
    ends: Float64Array.from(events, (event) => day(event.end)),
  };
}

/**
 * The atlas's data with the indexes the page reads: time order, by slug, by place, extent, lookups.
 * `raw.columns` (atlas-data.js) gives the days as numbers; without it they are read from the ISO dates.
 */
export function indexAtlas(raw) {
  const events = raw.events;
  const columns = raw.columns || columnsOf(events);
  const { starts, ends } = columns;
  // Time order as the timeline draws it: by start, an open start counting as its end. Compared as day
  // numbers: ISO days before the common era ("-0043-03-15") do not sort as text.
  const keys = new Float64Array(events.length);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < events.length; i++) {
    keys[i] = Number.isNaN(starts[i]) ? (Number.isNaN(ends[i]) ? Number.NEGATIVE_INFINITY : ends[i]) : starts[i];
    if (starts[i] < first) first = starts[i]; // NaN compares false: open bounds take no part
    if (ends[i] > last) last = ends[i];
  }
  const sequence = events.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  const bySlug = new Map();
  for (let i = 0; i < events.length; i++) bySlug.set(events[i].slug, i);
  // Extent of the events, for the day whose place names the map shows when nothing is selected.
  const firstDay = Number.isFinite(first) ? events[starts.indexOf(first)].start : "";
  const lastDay = Number.isFinite(last) ? events[ends.indexOf(last)].end : "";
  const byPlace = new Map();
  for (const i of sequence) {
    for (const slug of events[i].places) {
      const list = byPlace.get(slug);
      if (list) list.push(i);
      else byPlace.set(slug, [i]);
    }
  }
  // A marker's size says how much happened there: an event only about a place does not grow its circle,
  // though choosing the place still lists it (byPlace).
  const counts = new Map();
  for (const event of events) for (const slug of pinsOf(event)) counts.set(slug, (counts.get(slug) || 0) + 1);
  const properties = (collection) =>
    new Map(collection.features.map((feature) => [feature.properties.slug, feature.properties]));
  return {
    raw,
    events,
    columns,
    sequence,
    bySlug,
    byPlace,
    counts,
    lastDay,
    firstDay,
    lookup: {
      places: properties(raw.places),
      routes: properties(raw.routes),
      // By slug without a second map of every event: bySlug already holds where each one is.
      events: {
        get: (slug) => (bySlug.has(slug) ? events[bySlug.get(slug)] : undefined),
        has: (slug) => bySlug.has(slug),
      },
    },
  };
}

// The position in `list` one step (`delta`: a number, "first" or "last") from `current` (-1: none).
export function steppedPosition(list, current, delta) {
  if (delta === "first") return 0;
  if (delta === "last") return list.length - 1;
  if (current < 0) return delta > 0 ? 0 : list.length - 1;
  return Math.min(list.length - 1, Math.max(0, current + delta));
}

// What a screen reader hears on selecting: the title, the date as the panel says it, where in the list.
export function announcement(lang, event, position, count) {
  const date = formatDate(lang, event);
  const spoken = event.disputed ? t(lang, "dateDisputed", { date }) : date;
  return t(lang, "announce", { title: event.title, date: spoken, n: position, count });
}
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
