// "Download this map": the map as a standalone HTML file (frontend/exports.py) at the page's day.

import { t } from "../core/i18n.js";

/** "Download this map": the selected event's day (or the latest day in view) and, with one route, that route. */
export function setDownloadLink(page, state, event) {
  const link = document.getElementById("download-map");
  const params = new URLSearchParams({ lang: state.lang });
  const day = page.day(state);
  if (day) params.set("on", day);
  if (event?.routes.length === 1) params.set("route", event.routes[0]);
  link.href = `${page.config.api.export}?${params}`;
  link.textContent = t(state.lang, event?.routes.length === 1 ? "downloadRoute" : "download");
}
