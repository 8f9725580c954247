// The size of each file in the "Data to download" box, asked for when a visitor opens it (/api/v1/downloads/):
// measuring them means building every file, which the page's own build must not wait for.

import { apiURL } from "../core/api.js";
import { formatNumber } from "../core/i18n.js";

const UNITS = ["B", "kB", "MB", "GB"];

/** A size as people read it: "412 B", "16.0 kB", "1.2 MB" (decimal units, the page's number format). */
export function sizeText(lang, bytes) {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  const number = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${unit === 0 ? formatNumber(lang, value) : number.format(value)} ${UNITS[unit]}`;
}

/** Fill the box's sizes the first time it is opened (again after a language switch). */
export function wireDownloadSizes(box, { endpoint, lang: currentLang }) {
  let filledFor = null;
  async function fill() {
    const lang = currentLang();
    if (!box.open || filledFor === lang) return;
    filledFor = lang;
    try {
      const response = await fetch(apiURL(endpoint, lang));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const rows = new Map((await response.json()).map((row) => [row.url.split("?")[0], row]));
      for (const span of box.querySelectorAll("[data-size-of]")) {
        // The lesson's own file is measured by the page itself (data-size): the collection's list lacks it.
        const row = rows.get(span.dataset.sizeOf.split("?")[0]) ?? { size: Number(span.dataset.size) };
        span.textContent = Number.isFinite(row?.size) ? sizeText(lang, row.size) : "";
        // A file written in one language (KML, TimelineJS) is the page's language's once it is switched.
        const link = span.parentElement.querySelector("a[download]");
        if (row.url && link) {
          link.setAttribute("href", row.url);
          span.dataset.sizeOf = row.url;
        }
      }
    } catch (error) {
      filledFor = null; // asked again the next time the box is opened
      console.warn("download sizes not loaded", error);
    }
  }
  box.addEventListener("toggle", fill);
  return { refresh: fill };
}
