// The events index (/api/v1/event-index/, chronology/index_api.py) decoded for the page. The server sends
// columns, days as numbers since 1970 and places and routes as positions in slug tables, so at 100,000
// events the browser parses 9 MB instead of 29 MB and converts no ISO date to a number. The page still
// reads events as records ({slug, title, date, start, end, …}, the shape the events API has): they are
// built here once, sharing the columns' strings, and the typed arrays go to the timeline and the list.

// Bits of the index's `flags` (index_api.py).
export const APPROXIMATE = 1;
export const UNCERTAIN = 2;
export const DISPUTED = 4;
export const WINDOW = 8;

const _iso = new Map(); // day -> ISO text: a corpus has far fewer distinct days than events

/** Days since 1970-01-01 as ISO 8601 ("1920-11-05", "-0043-03-15"), without a Date (proleptic Gregorian). */
export function isoOfDay(day) {
  let text = _iso.get(day);
  if (text !== undefined) return text;
  // Howard Hinnant's civil_from_days: exact for every day, negative years included.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (value, width) => String(value).padStart(width, "0");
  text = `${year < 0 ? "-" : ""}${pad(Math.abs(year), 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`;
  if (_iso.size < 200_000) _iso.set(day, text);
  return text;
}

// One empty list shared by every event with no place in a role, no place or no route: most events have
// most of their five role lists empty, and 100,000 events' own empty arrays were megabytes of the heap.
// Frozen, so nothing can fill it for everyone.
const NONE = Object.freeze([]);

function _slices(table, offsets, refs, i) {
  const from = offsets[i];
  const to = offsets[i + 1];
  if (from === to) return NONE;
  const slugs = new Array(to - from);
  for (let k = from; k < to; k++) slugs[k - from] = table[refs[k]];
  return slugs;
}

// What each role of a place (chronology's PlaceRole) makes of it on the map: a pin where the event
// happened, a journey's end or stop, or a place the event is only about, which the map does not pin.
const ROLE_KEYS = {
  at: "pinned",
  signed_at: "pinned",
  departed_from: "from",
  arrived_at: "to",
  via: "via",
  concerns: "concerns",
};

/** Links [{place, role}] as {pinned, from, to, via, concerns} (arrays of slugs, in the links' order). */
export function groupRoles(links) {
  const where = { pinned: [], from: [], to: [], via: [], concerns: [] };
  // A role this page does not know yet is read as a pin: the place is shown rather than lost.
  for (const { place, role } of links) where[ROLE_KEYS[role] || "pinned"].push(place);
  return where;
}

/**
 * Where an event is on the map, from whichever shape it comes in: an index record (its own role arrays),
 * an event from the events API (`place_roles`), or one without roles (every place a pin, as `at`).
 */
export function whereOf(event) {
  if (!event) return groupRoles([]);
  if (event.pinned)
    return { pinned: event.pinned, from: event.from, to: event.to, via: event.via, concerns: event.concerns };
  if (event.place_roles) return groupRoles(event.place_roles);
  return groupRoles((event.places || []).map((place) => ({ place, role: "at" })));
}

/** The places the map pins for an event: where it happened and its journey's ends and stops, not concerns. */
export function pinsOf(event) {
  const where = whereOf(event);
  return [...new Set([...where.pinned, ...where.from, ...where.via, ...where.to])];
}

// Grouped straight from the columns: at 100,000 events an object per link would be garbage for nothing.
function _where(index, keys, i) {
  const where = { pinned: NONE, from: NONE, to: NONE, via: NONE, concerns: NONE };
  for (let k = index.placeOffsets[i]; k < index.placeOffsets[i + 1]; k++) {
    const key = keys[index.placeRoles?.[k]] || "pinned";
    if (where[key] === NONE) where[key] = [];
    where[key].push(index.places[index.placeRefs[k]]);
  }
  return where;
}

/** Check the body is an index this page reads; the message says what is wrong. */
function _check(index) {
  if (!index || typeof index !== "object") throw new Error("events index unreadable: not an object");
  if (index.format !== 1) throw new Error(`events index unreadable: format ${index.format}, this page reads 1`);
  const short = ["slug", "title", "date", "start", "end", "flags"].find((name) => index[name]?.length !== index.count);
  if (short) throw new Error(`events index unreadable: column ${short} does not hold ${index.count} values`);
  if (index.placeRoles && index.placeRoles.length !== index.placeRefs.length)
    throw new Error("events index unreadable: placeRoles does not run parallel to placeRefs");
}

/**
 * The index as {events (records), columns}: columns.starts and columns.ends are days since 1970 (the
 * last day inclusive; NaN where open), significance, category (codes into CATEGORIES of the timeline),
 * flags (this module's bits). Each record has its places (`places`, all of them) and, by their role in
 * the event, `pinned` (at, signed at), `from`, `to`, `via` and `concerns`. Throws on a body of another shape.
 */
export function decodeIndex(index) {
  _check(index);
  const n = index.count;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const flags = Uint8Array.from(index.flags);
  const significance = Uint8Array.from(index.significance);
  const events = new Array(n);
  // A body from before roles (no placeRoles) has every place where the event happened.
  const roleKeys = (index.roles || []).map((role) => ROLE_KEYS[role] || "pinned");
  for (let i = 0; i < n; i++) {
    const start = index.start[i];
    const end = index.end[i];
    starts[i] = start ?? Number.NaN;
    ends[i] = end ?? Number.NaN;
    const bits = flags[i];
    const places = _slices(index.places, index.placeOffsets, index.placeRefs, i);
    const where = _where(index, roleKeys, i);
    // Every place where the event happened (the usual case): the same list, kept once.
    if (where.pinned.length === places.length) where.pinned = places;
    events[i] = {
      slug: index.slug[i],
      title: index.title[i],
      date: index.date[i],
      start: start === null ? null : isoOfDay(start),
      end: end === null ? null : isoOfDay(end),
      precision: index.precisions[index.precision[i]],
      approximate: Boolean(bits & APPROXIMATE),
      uncertain: Boolean(bits & UNCERTAIN),
      category: index.categories[index.category[i]],
      significance: significance[i],
      places,
      ...where,
      routes: _slices(index.routes, index.routeOffsets, index.routeRefs, i),
      disputed: Boolean(bits & DISPUTED),
      window: Boolean(bits & WINDOW),
      // The source's own words for the date ("Late 1940s"), said instead of the atlas's (dates.js).
      ...(index.dateWords?.[i] ? { date_words: index.dateWords[i] } : {}),
    };
  }
  return { events, columns: { starts, ends, flags, significance } };
}
