// Names through time: a place is labelled with the name it bore on the day being looked at (Alexandropol
// in 1920, Leninakan from 1924). The server resolves which name a reader of each language meets in each
// period (name_periods); here a day is only looked up in them.

import { isoToDay } from "./dates.js";

/** The name `place` (a place feature's properties) bore on `day` (ISO), or its `name` without a day or period. */
export function nameOn(place, day) {
  if (!place) return "";
  if (day) {
    // Compared as day numbers (ISO days before the common era do not sort as text); null is an open side.
    const at = isoToDay(day);
    for (const period of place.name_periods || []) {
      if ((!period.start || isoToDay(period.start) <= at) && (!period.end || at <= isoToDay(period.end)))
        return period.name;
    }
  }
  return place.name;
}

/** Every other name the place has borne, in any language or period, without `current`; each once, oldest first. */
export function otherNames(place, current) {
  if (!place) return [];
  // In the order they came into use (undated ones, such as a language's own name, first), not as stored.
  const since = (item) => (item.start ? isoToDay(item.start) : -Infinity);
  const names = [...(place.names || [])].sort((a, b) => since(a) - since(b) || a.name.localeCompare(b.name));
  const all = [...names.map((item) => item.name), ...(place.name_periods || []).map((p) => p.name)];
  return [...new Set([...all, place.name])].filter((name) => name && name !== current);
}
