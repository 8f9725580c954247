// The map at a date, as pure functions (tested under node): which areas and routes stand on a day, how a
// route stood that day, whether the day given in a link is a real day, and how heavily a route is drawn.
// Days are ISO strings ("1920-11-05"), which compare correctly as text; a null bound is an open side.

/** True when a dated record ({start, end}, either null for open) stands on `day`; undated ones always do. */
export function standsOn(record, day) {
  if (!day) return true;
  return (!record.start || record.start <= day) && (!record.end || day <= record.end);
}

/**
 * How a route stood on `day`: {status, note, uncertain} from its dated statuses (the latest that began
 * on or before the day wins where two overlap), "unknown" when none covers the day, or null when the
 * route itself did not exist then.
 */
export function routeStatusOn(route, day) {
  if (!standsOn(route, day)) return null;
  let found = null;
  for (const status of route.statuses || []) {
    if (!standsOn(status, day)) continue;
    if (!found || (status.start || "") >= (found.start || "")) found = status;
  }
  if (!found) return { status: "unknown", note: "", uncertain: false };
  return { status: found.status, note: found.note || "", uncertain: isUncertain(found.date) };
}

/** True for an EDTF date that admits doubt (approximate "~", uncertain "?", or both "%"). */
export function isUncertain(edtf) {
  return /[~?%]/.test(edtf || "");
}

/** A day written YYYY-MM-DD that exists in the calendar, as ISO; null for anything else. */
export function parseDay(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec((text || "").trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // years below 100 are not 19xx
  const ok = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return ok ? match[0] : null;
}

/**
 * The day the map can show for `text` within the corpus's [first, last] days: {day, problem} where
 * problem is null, "unreadable" (not a day: the map shows `fallback`) or "outside" (moved to the
 * nearest end of the corpus).
 */
export function resolveDay(text, [first, last], fallback) {
  const day = parseDay(text);
  if (!day) return { day: fallback, problem: "unreadable" };
  if (first && day < first) return { day: first, problem: "outside" };
  if (last && day > last) return { day: last, problem: "outside" };
  return { day, problem: null };
}

/**
 * A route's line weight: the base, plus one step per aid line that moved on it, to a maximum. Lines,
 * not quantities: rubles, rifles and rounds cannot be added up into one number.
 */
export function routeWeight(route, weight) {
  const lines = (route.aid || []).length;
  return Math.min(weight.max, weight.base + weight.perAidLine * lines);
}

/** Where a traveller on `route` stands on `day`, as [lon, lat], moving evenly over its dated period; or null. */
export function travellerOn(route, coordinates, day) {
  if (!route.start || !route.end || coordinates.length < 2 || !standsOn(route, day)) return null;
  const span = Date.parse(route.end) - Date.parse(route.start);
  const progress = span > 0 ? (Date.parse(day) - Date.parse(route.start)) / span : 1;
  const position = Math.min(1, Math.max(0, progress)) * (coordinates.length - 1);
  const leg = Math.min(coordinates.length - 2, Math.floor(position));
  const along = position - leg;
  const [a, b] = [coordinates[leg], coordinates[leg + 1]];
  return [a[0] + (b[0] - a[0]) * along, a[1] + (b[1] - a[1]) * along];
}
