// The aid box: the chart of Soviet aid in numbers (aid-chart.js), drawn when the visitor opens the box, its
// event links selecting on the page. `page` is what main.js lends its features (main.js's `page`).

import { loadNames } from "../core/api.js";
import { indexNames } from "../core/atlas-index.js";
import { createAidChart } from "./aid-chart.js";

/** The aid box: its chart drawn when opened, its event links selecting on the page. */
export function createAidBox(page) {
  const box = document.getElementById("aid-box");
  const chartElement = document.getElementById("aid-chart");
  const chart = createAidChart(chartElement, { lang: page.store.get().lang, endpoints: page.config.api });

  function load(lang) {
    // Sources and donors are named from the names list; until it arrives the chart shows their slugs.
    const label = (map) => (slug) => map?.get(slug) || slug;
    const labels = (names = page.names()) => {
      return {
        source: label(names?.lang === lang ? names.sources : null),
        actor: label(names?.lang === lang ? names.actors : null),
        event: (slug) => page.data()?.lookup.events.get(slug)?.title || slug,
      };
    };
    chart.setLang(lang, labels());
    chart.show();
    loadNames(page.config.api, lang).then(
      (raw) => {
        if (page.store.get().lang !== lang || !box.open) return;
        chart.setLang(lang, labels(indexNames(raw, lang)));
        chart.show();
      },
      () => {},
    );
  }
  box.addEventListener("toggle", () => box.open && load(page.store.get().lang));
  chartElement.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-event]");
    const data = page.data();
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || !data?.bySlug.has(link.dataset.event)) return;
    event.preventDefault();
    page.selectEvent(data.bySlug.get(link.dataset.event));
  });
  return {
    /** Draw the chart again in `lang` if the box is open (after the data or the names changed). */
    refresh: (lang) => box.open && load(lang),
    setWindow: (left, right) => chart.setWindow(left, right),
  };
}
