// The map at a date, as pure functions (tested under node): which areas and routes stand on a day, how a
// route stood that day, and how heavily a route is drawn.
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

/**
 * A route's line weight: the base, plus one step per aid line that moved on it, to a maximum. Lines,
 * not quantities: rubles, rifles and rounds cannot be added up into one number.
 */
export function routeWeight(route, weight) {
  const lines = (route.aid || []).length;
  return Math.min(weight.max, weight.base + weight.perAidLine * lines);
}

function _moment(record) {
  // A stop dated to a month or a span is placed at its middle: as near the truth as the source allows.
  if (!record?.start && !record?.end) return null;
  const start = Date.parse(record.start || record.end);
  const end = Date.parse(record.end || record.start);
  return (start + end) / 2;
}

/**
 * When the traveller is at each stop (ms), or null when fewer than two moments are known. Dated stops
 * (`route.stop_dates`, aligned with the stops) keep their dates; an undated first or last stop takes the
 * route's start or end; undated stops between are spaced evenly between their dated neighbours.
 */
export function stopMoments(route, count) {
  const moments = Array.from({ length: count }, (_, i) => _moment(route.stop_dates?.[i]));
  if (moments[0] === null && route.start) moments[0] = Date.parse(route.start);
  if (moments[count - 1] === null && route.end) moments[count - 1] = Date.parse(route.end);
  const known = moments.flatMap((moment, i) => (moment === null ? [] : [i]));
  if (known.length < 2) return null;
  for (let k = 0; k + 1 < known.length; k++) {
    const [a, b] = [known[k], known[k + 1]];
    for (let i = a + 1; i < b; i++) moments[i] = moments[a] + ((moments[b] - moments[a]) * (i - a)) / (b - a);
  }
  // Before the first or after the last known stop the traveller waits there.
  for (let i = 0; i < known[0]; i++) moments[i] = moments[known[0]];
  for (let i = known.at(-1) + 1; i < count; i++) moments[i] = moments[known.at(-1)];
  // A source that dates a later stop earlier cannot send the traveller back: time only runs forward.
  for (let i = 1; i < count; i++) moments[i] = Math.max(moments[i], moments[i - 1]);
  return moments;
}

/**
 * Where a traveller on `route` stands on `day`, as [lon, lat]: between its dated stops by their dates,
 * evenly over the route's period where stops are undated; null when the route has no time to travel in
 * or does not stand that day.
 */
export function travellerOn(route, coordinates, day) {
  if (coordinates.length < 2 || !standsOn(route, day)) return null;
  const moments = stopMoments(route, coordinates.length);
  if (!moments) return null;
  const now = Date.parse(day);
  if (now <= moments[0]) return coordinates[0];
  if (now >= moments.at(-1)) return coordinates.at(-1);
  let leg = 0;
  while (leg < coordinates.length - 2 && now >= moments[leg + 1]) leg++;
  const span = moments[leg + 1] - moments[leg];
  const along = span > 0 ? (now - moments[leg]) / span : 1;
  const [a, b] = [coordinates[leg], coordinates[leg + 1]];
  return [a[0] + (b[0] - a[0]) * along, a[1] + (b[1] - a[1]) * along];
}
