// One search box over events, places (any name they bore: "gumru" finds Gümrü, Alexandropol, Leninakan,
// Gyumri), people and sources, through /api/v1/search/ (case, diacritics and the Turkish i folded). This
// box is an ARIA combobox, so the keyboard and screen readers can use it as they would a native one. A
// query the API refuses (too long, punctuation only) shows the API's own sentence saying what to write.

import { ApiError, apiURL } from "../core/api.js";
import { formatDate } from "../core/dates.js";
import { t } from "../core/i18n.js";

const DELAY = 200; // ms after the last keystroke: one request per pause, not per letter

const KINDS = ["events", "places", "people", "sources"];

// One search result as {kind, slug, label, detail}: what an option shows, whatever its kind.
function _options(body, nameOf, lang) {
  const label = {
    events: (item) => item.title,
    places: (item) => nameOf(item) || item.name,
    people: (item) => item.name,
    sources: (item) => item.label,
  };
  const detail = {
    events: (item) => formatDate(lang, item),
    places: (item) => {
      const shown = label.places(item);
      const others = [...new Set([item.name, ...item.names])].filter((name) => name && name !== shown);
      return others.length ? t(lang, "alsoNamed", { names: others.join(", ") }) : "";
    },
    people: () => "",
    sources: (item) => item.title || "",
  };
  return KINDS.flatMap((kind) =>
    (body[kind] || []).map((item) => ({ kind, slug: item.slug, label: label[kind](item), detail: detail[kind](item) })),
  );
}

/**
 * Build the search box in `element`. `endpoint` is the search URL; filters() gives the chosen filters
 * ({category, theme, route, …}: slugs, empty for none), which the page's state keeps, and onFilter(name, slug)
 * asks it to change one (the page then calls refresh()); nameOf(place) is the name to show for a place (the
 * one in use on the day being looked at, or null); onPick({kind, slug}) is called with the chosen result.
 */
export function createSearch(element, { endpoint, lang, nameOf, onPick, filters, onFilter }) {
  const id = `place-search-${Math.random().toString(36).slice(2, 8)}`;
  element.classList.add("place-search");
  element.innerHTML = `
    <label class="visually-hidden" for="${id}"></label>
    <input id="${id}" type="search" role="combobox" autocomplete="off" spellcheck="false"
      aria-autocomplete="list" aria-expanded="false" aria-controls="${id}-list">
    <ul id="${id}-list" role="listbox" hidden></ul>
    <p class="search-message" aria-live="polite" aria-atomic="true"></p>
    <details class="search-filters"><summary></summary><div class="search-filter-fields"></div></details>`;
  const label = element.querySelector("label");
  const input = element.querySelector("input");
  const list = element.querySelector("ul");
  const live = element.querySelector("[aria-live]");
  const filterSummary = element.querySelector(".search-filters summary");
  const filterFields = element.querySelector(".search-filter-fields");
  let filtersWanted = () => {}; // what the page loads once the visitor reaches for the filters
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

  function _render(found) {
    results = found;
    list.replaceChildren(
      ...found.map((result, i) => {
        const option = document.createElement("li");
        option.id = `${id}-${i}`;
        option.setAttribute("role", "option");
        option.dataset.kind = result.kind;
        option.dataset.slug = result.slug;
        const kind = document.createElement("span");
        kind.className = "search-kind";
        kind.textContent = `${t(lang, `searchKind.${result.kind}`)} · `;
        const strong = document.createElement("strong");
        strong.textContent = result.label;
        option.append(kind, strong);
        if (result.detail) {
          const also = document.createElement("span");
          also.className = "place-search-also";
          also.textContent = result.detail;
          option.append(" ", also);
        }
        return option;
      }),
    );
    _open(found.length > 0);
    live.textContent = found.length ? t(lang, "searchResults", { count: found.length }) : t(lang, "searchNone");
  }

  function _url(query) {
    const params = new URLSearchParams({ q: query });
    for (const [name, value] of Object.entries(filters())) if (value) params.set(name, value);
    return `${apiURL(endpoint, lang)}&${params}`;
  }

  async function _search(query) {
    const url = _url(query);
    if (cache.has(url)) return _render(cache.get(url));
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(url, { signal: controller.signal });
      if (response.status === 400) {
        // The API says what is wrong with the query (or a filter) and what to write instead.
        const problems = Object.values(await response.json()).flat();
        _open(false);
        live.textContent = problems.join(" ");
        return;
      }
      if (!response.ok) throw new ApiError(`HTTP ${response.status}`);
      const found = _options(await response.json(), nameOf, lang);
      cache.set(url, found);
      if (input.value.trim() === query) _render(found);
    } catch (error) {
      if (error.name === "AbortError") return;
      _open(false);
      live.textContent = t(lang, "searchFailed", { detail: error instanceof ApiError ? error.message : "network" });
    }
  }

  function _pick(index) {
    const result = results[index];
    if (!result) return;
    input.value = result.label;
    _open(false);
    live.textContent = "";
    onPick({ kind: result.kind, slug: result.slug });
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
  // The pointer on the summary is a few hundred ms ahead of the click: what the filters need starts then.
  filterSummary.addEventListener("pointerenter", () => filtersWanted());
  filterSummary.parentElement.addEventListener("toggle", () => filterSummary.parentElement.open && filtersWanted());
  filterFields.addEventListener("change", (event) => {
    const select = event.target.closest("select[data-filter]");
    if (!select) return;
    onFilter(select.dataset.filter, select.value);
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
    /**
     * Offer filters: {category: [[slug, label], …], theme: …, person: …, place: …, route: …}; each a
     * select whose choice narrows the events found.
     */
    setFilterOptions(options) {
      filterSummary.textContent = t(lang, "searchFilters");
      // Options arriving later (people) must not take the keyboard away from the select being used.
      const focused = filterFields.contains(document.activeElement) ? document.activeElement.dataset.filter : null;
      filterFields.replaceChildren(
        ...Object.entries(options).map(([name, choices]) => {
          const label = document.createElement("label");
          const select = document.createElement("select");
          select.dataset.filter = name;
          const any = new Option(t(lang, "filterAny"), "");
          select.append(any, ...choices.map(([value, text]) => new Option(text, value)));
          select.value = filters()[name] || "";
          label.append(`${t(lang, `filter${name[0].toUpperCase()}${name.slice(1)}`)} `, select);
          return label;
        }),
      );
      if (focused) filterFields.querySelector(`select[data-filter="${focused}"]`)?.focus();
    },
    /** Call `load` once the visitor reaches for the filters (now, if they are open); it may be called again. */
    whenFiltersWanted(load) {
      filtersWanted = load;
      if (filterSummary.parentElement.open) load();
    },
    /** Search again with the current text (after a filter changed). */
    refresh() {
      const query = input.value.trim();
      if (query) _search(query);
    },
  };
  api.setLang(lang);
  return api;
}
