// Reads the atlas's data from the read API, once per language: switching back to a language the
// visitor has already seen costs nothing.

import { decodeIndex } from "./atlas-data.js";

const _cache = new Map();

/** An error whose message a visitor can read ("HTTP 500", "network"). */
export class ApiError extends Error {}

/** The URL of an endpoint in a language (the same string the page preloads, so the preload is reused). */
export function apiURL(base, lang) {
  return `${base}${base.includes("?") ? "&" : "?"}lang=${encodeURIComponent(lang)}`;
}

async function _json(url) {
  let response;
  try {
    // No custom headers: the request must match the page's <link rel="preload"> to reuse it.
    response = await fetch(url);
  } catch {
    throw new ApiError("network");
  }
  if (!response.ok) throw new ApiError(`HTTP ${response.status}`);
  return response.json();
}

function _all(endpoints, names, lang, mark, decode = (values) => values) {
  const key = `${lang}|${names}`;
  if (!_cache.has(key)) {
    const request = Promise.all(names.map((name) => _json(apiURL(endpoints[name], lang)))).then((values) => {
      if (mark) performance.mark(mark);
      return decode(Object.fromEntries(names.map((name, i) => [name, values[i]])));
    });
    request.catch(() => _cache.delete(key)); // a failed load is retried next time, not remembered
    _cache.set(key, request);
  }
  return _cache.get(key);
}

/**
 * What the page draws, in `lang`: {events (index fields only), columns (atlas-data.js), places, routes,
 * areas}, from the columnar events index and the map's layers. Rejects with ApiError.
 */
export function loadAtlas(endpoints, lang) {
  return _all(endpoints, ["index", "places", "routes", "areas"], lang, `atlas:data-${lang}`, (raw) => {
    let decoded;
    try {
      decoded = decodeIndex(raw.index);
    } catch (error) {
      throw new ApiError(error.message);
    }
    return { ...decoded, places: raw.places, routes: raw.routes, areas: raw.areas };
  });
}

/** What only the panel needs, in `lang`: {people, sources, actors} (names, labels and notes by slug). */
export function loadNames(endpoints, lang) {
  return _all(endpoints, ["people", "sources", "actors"], lang, "");
}

/** One event in full (summary, note, people, aid, sources) in `lang`; the list has only what is drawn. */
export function loadEvent(endpoints, lang, slug) {
  const url = apiURL(endpoints.event.replace("SLUG", encodeURIComponent(slug)), lang);
  if (!_cache.has(url)) {
    const request = _json(url);
    request.catch(() => _cache.delete(url));
    _cache.set(url, request);
  }
  return _cache.get(url);
}

/** Threads to follow from one event (/related/): {places, routes, people, relations, previous, next}. */
export function loadRelated(endpoints, lang, slug) {
  return loadEvent({ event: endpoints.related }, lang, slug);
}

/** The basemap (a TopoJSON file shipped by the world-atlas npm package), fetched once. */
export function loadBasemap(url) {
  if (!_cache.has(url)) {
    const request = _json(url);
    request.catch(() => _cache.delete(url));
    _cache.set(url, request);
  }
  return _cache.get(url);
}
