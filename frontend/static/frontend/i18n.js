// The page's UI strings in every language it speaks live in strings.json: one dictionary, read by this
// module and by the server (frontend/views.py) alike, so a third language is one more block there.
// Content (titles, summaries, place names) is not there: the API sends it in the chosen language.
import STRINGS from "./strings.json" with { type: "json" };

export const LANGUAGES = Object.keys(STRINGS);
export const DEFAULT_LANGUAGE = "tr";

/** The language to use: `lang` if the page speaks it, else the default. */
export function supported(lang) {
  return LANGUAGES.includes(lang) ? lang : DEFAULT_LANGUAGE;
}

/** The string `key` (a dotted path such as "category.treaty") in `lang`, with {name} placeholders filled. */
export function t(lang, key, params = {}) {
  let value = key.split(".").reduce((node, part) => node?.[part], STRINGS[supported(lang)]);
  if (value === undefined) value = key.split(".").reduce((node, part) => node?.[part], STRINGS[DEFAULT_LANGUAGE]);
  if (typeof value !== "string") return value ?? key;
  return value.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** A number as the language writes it (33.275 in Turkish, 33,275 in English). */
export function formatNumber(lang, value) {
  return new Intl.NumberFormat(supported(lang) === "tr" ? "tr-TR" : "en-GB").format(value);
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
