// The page's pure parts that need no DOM: indexing the loaded data, stepping along a list, what a screen
// reader hears. Split from main.js, which wires the page together; tests/js runs these under node.
import { formatDate, isoToDay } from "./dates.js";
import { t } from "./i18n.js";

/** The atlas's data with the indexes the page reads: time order, by slug, by place, extent, lookups. */
export function indexAtlas(raw) {
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
  const firstDay = events.reduce(
    (first, event) => (event.start && (!first || isoToDay(event.start) < isoToDay(first)) ? event.start : first),
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
    firstDay,
    lookup: {
      places: properties(raw.places),
      routes: properties(raw.routes),
      events: new Map(events.map((event) => [event.slug, event])),
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
