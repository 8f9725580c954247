// The page's UI strings in every language it speaks come from the server, which reads them from
// strings.json (and the month names from common/calendars.py) and sends them in the page with json_script:
// one dictionary for the server's first paint and the scripts, and no JSON import (a syntax error in
// Firefox ESR 128 and Safari < 17.2). Content (titles, summaries, place names) is not there: the API sends
// it in the chosen language. Node's tests hand the strings over with useStrings() too.

let STRINGS = {};
export let LANGUAGES = [];
export let DEFAULT_LANGUAGE = "";

/** Take `strings` ({lang: {key: value}}) as the page's dictionary and `defaultLanguage` as its fallback. */
export function useStrings(strings, defaultLanguage) {
  STRINGS = strings;
  LANGUAGES = Object.keys(strings);
  DEFAULT_LANGUAGE = LANGUAGES.includes(defaultLanguage) ? defaultLanguage : LANGUAGES[0];
}

/** The language to use: `lang` if the page speaks it, else the default. */
export function supported(lang) {
  return LANGUAGES.includes(lang) ? lang : DEFAULT_LANGUAGE;
}

function _locale(lang) {
  return STRINGS[supported(lang)]?.locale || supported(lang);
}

function _lookup(lang, key) {
  return key.split(".").reduce((node, part) => node?.[part], STRINGS[lang]);
}

// A string with plural forms is an object keyed by Intl.PluralRules categories ("one", "other", …).
function _pluralForm(lang, forms, count) {
  if (typeof count !== "number") return forms.other;
  return forms[_cached(_plurals, Intl.PluralRules, _locale(lang)).select(count)] ?? forms.other;
}

// Building an Intl object costs ~10 µs (locale data lookup); the timeline's labels and the map's counts
// ask for thousands at 10,000 events, so one per locale is kept.
const _plurals = new Map();
const _numbers = new Map();
function _cached(cache, Kind, locale) {
  if (!cache.has(locale)) cache.set(locale, new Kind(locale));
  return cache.get(locale);
}

/**
 * The string `key` (a dotted path such as "category.treaty") in `lang`, with {name} placeholders filled.
 * Numbers are written as the language writes them; a `count` also picks the plural form.
 */
export function t(lang, key, params = {}) {
  const language = supported(lang);
  let value = _lookup(language, key);
  if (value === undefined) value = _lookup(DEFAULT_LANGUAGE, key);
  if (value && typeof value === "object" && "other" in value) value = _pluralForm(language, value, params.count);
  if (typeof value !== "string") return value ?? key;
  return value.replace(/\{(\w+)\}/g, (match, name) => {
    if (!(name in params)) return match;
    const param = params[name];
    return typeof param === "number" ? formatNumber(language, param) : String(param);
  });
}

/** A number as the language writes it (33.275 in Turkish, 33,275 in English). */
export function formatNumber(lang, value) {
  return _cached(_numbers, Intl.NumberFormat, _locale(lang)).format(value);
}

/** Fill every element carrying data-i18n (text) or data-i18n-<attr> (attribute) under `root`. */
export function translateDocument(lang, root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(lang, node.dataset.i18n);
  for (const attr of ["title", "aria-label"]) {
    const key = `i18n${attr === "title" ? "Title" : "AriaLabel"}`;
    for (const node of root.querySelectorAll(`[data-i18n-${attr}]`))
      node.setAttribute(attr, t(lang, node.dataset[key]));
  }
}
