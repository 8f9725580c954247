// Finding a place by any name it bore: "gumru" finds Gümrü (Alexandropol, Leninakan, Gyumri). The API
// matches every name, diacritics folded (?q=); this box is an ARIA combobox, so the keyboard and screen
// readers can use it as they would a native one.

import { ApiError, apiURL } from "./api.js";
import { t } from "./i18n.js";
import { otherNames } from "./names.js";

const DELAY = 200; // ms after the last keystroke: one request per pause, not per letter

/**
 * Build the search box in `element`. `endpoint` is the places URL; nameOf(properties) is the name to show
 * (the one in use on the day being looked at); onPick(slug) is called with the chosen place.
 */
export function createPlaceSearch(element, { endpoint, lang, nameOf, onPick }) {
  const id = `place-search-${Math.random().toString(36).slice(2, 8)}`;
  element.classList.add("place-search");
  element.innerHTML = `
    <label class="visually-hidden" for="${id}"></label>
    <input id="${id}" type="search" role="combobox" autocomplete="off" spellcheck="false"
      aria-autocomplete="list" aria-expanded="false" aria-controls="${id}-list">
    <ul id="${id}-list" role="listbox" hidden></ul>
    <div class="visually-hidden" aria-live="polite" aria-atomic="true"></div>`;
  const label = element.querySelector("label");
  const input = element.querySelector("input");
  const list = element.querySelector("ul");
  const live = element.querySelector("[aria-live]");
  const cache = new Map(); // "lang|query" -> features
  let results = [];
  let active = -1;
  let timer = 0;
  let controller = null;

  function _open(open) {
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (!open) _activate(-1);
  }

  function _activate(index) {
    active = index;
    for (const [i, option] of [...list.children].entries()) option.setAttribute("aria-selected", String(i === index));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", list.children[index].id);
      list.children[index].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  function _render(features) {
    results = features;
    list.replaceChildren(
      ...features.map((feature, i) => {
        const option = document.createElement("li");
        option.id = `${id}-${i}`;
        option.setAttribute("role", "option");
        option.dataset.slug = feature.properties.slug;
        const name = nameOf(feature.properties);
        const strong = document.createElement("strong");
        strong.textContent = name;
        option.append(strong);
        const others = otherNames(feature.properties, name);
        if (others.length) {
          const also = document.createElement("span");
          also.className = "place-search-also";
          also.textContent = t(lang, "alsoNamed", { names: others.join(", ") });
          option.append(" ", also);
        }
        return option;
      }),
    );
    _open(features.length > 0);
    live.textContent = features.length ? t(lang, "searchResults", { count: features.length }) : t(lang, "searchNone");
  }

  async function _search(query) {
    const key = `${lang}|${query}`;
    if (cache.has(key)) return _render(cache.get(key));
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`${apiURL(endpoint, lang)}&q=${encodeURIComponent(query)}`, {
        signal: controller.signal,
      });
      if (!response.ok) throw new ApiError(`HTTP ${response.status}`);
      const features = (await response.json()).features;
      cache.set(key, features);
      if (input.value.trim() === query) _render(features);
    } catch (error) {
      if (error.name === "AbortError") return;
      _open(false);
      live.textContent = t(lang, "searchFailed", { detail: error instanceof ApiError ? error.message : "network" });
    }
  }

  function _pick(index) {
    const feature = results[index];
    if (!feature) return;
    input.value = nameOf(feature.properties);
    _open(false);
    onPick(feature.properties.slug);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query) {
      _open(false);
      live.textContent = "";
      return;
    }
    timer = setTimeout(() => _search(query), DELAY);
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden && results.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!open) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      _activate((active + step + results.length) % results.length);
    } else if (event.key === "Enter") {
      if (!open) return;
      event.preventDefault();
      _pick(Math.max(active, 0));
    } else if (event.key === "Escape" && open) {
      event.stopPropagation(); // close the list; the page's Escape (clear the place) waits for a second press
      _open(false);
    }
  });
  input.addEventListener("blur", () => setTimeout(() => _open(false), 150));
  // mousedown, not click: picked before the input's blur closes the list.
  list.addEventListener("mousedown", (event) => {
    const option = event.target.closest("[role=option]");
    if (!option) return;
    event.preventDefault();
    _pick([...list.children].indexOf(option));
  });

  const api = {
    /** Switch the box's language (results are fetched again in it). */
    setLang(next) {
      lang = next;
      label.textContent = t(lang, "findPlace");
      input.placeholder = t(lang, "findPlaceHint");
      _open(false);
    },
  };
  api.setLang(lang);
  return api;
}
