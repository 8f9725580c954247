// The search's filters and what a chosen result selects on the page. `page` is what main.js lends its
// features: {store, config, data(), selectSlug, selectPlace}.

import { loadNames } from "../core/api.js";
import { t } from "../core/i18n.js";

/**
 * A search result chosen: an event or a place is selected; a person or a source selects the first event
 * they take part in or that cites it.
 */
export async function pickFound(page, kind, slug) {
  if (kind === "events") return page.selectSlug(slug);
  if (kind === "places") return page.selectPlace(slug);
  const filter = `${kind === "people" ? "person" : "source"}=${encodeURIComponent(slug)}`;
  const response = await fetch(`${page.config.api.events.split("?")[0]}?fields=slug&${filter}`);
  const first = response.ok ? (await response.json())[0] : null;
  if (first) page.selectSlug(first.slug);
}

/** The search's filters: categories of the loaded events, routes and places by name, then people. */
export function offerFilters(page, search, lang) {
  const data = page.data();
  const sorted = (map, label) =>
    [...map].map(([slug, item]) => [slug, label(item)]).sort((a, b) => a[1].localeCompare(b[1], lang));
  const codes = new Set();
  for (const event of data.events) codes.add(event.category);
  const options = {
    category: [...codes].map((c) => [c, t(lang, `category.${c}`)]),
    route: sorted(data.lookup.routes, (route) => route.name),
    place: sorted(data.lookup.places, (place) => place.name),
  };
  search.setFilterOptions(options);
  // People's names are a request of their own (with sources and actors): made only once the visitor
  // reaches for the filters, not at start, where it was the last response of the page's load.
  let offered = false;
  search.whenFiltersWanted(() => {
    if (offered) return;
    offered = true;
    loadNames(page.config.api, lang).then(
      (raw) => {
        if (page.store.get().lang !== lang) return;
        const people = raw.people.map((person) => [person.slug, person.name]);
        search.setFilterOptions({ ...options, person: people.sort((a, b) => a[1].localeCompare(b[1], lang)) });
      },
      () => (offered = false), // asked again the next time the filters are opened
    );
  });
}
