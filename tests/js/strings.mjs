// The page's strings as the server sends them, for node's tests: strings.json, and month names in place
// of the ones the server takes from common/calendars.py (tests/frontend checks the same table of date
// wordings against those, so the two cannot drift apart unnoticed).
import { readFileSync } from "node:fs";
import { useStrings } from "../../frontend/static/frontend/core/i18n.js";

const STRINGS_FILE = new URL("../../frontend/static/frontend/core/strings.json", import.meta.url);

export function pageStrings() {
  const strings = JSON.parse(readFileSync(STRINGS_FILE, "utf-8"));
  for (const block of Object.values(strings)) {
    const format = new Intl.DateTimeFormat(block.locale, { month: "long", timeZone: "UTC" });
    block.months = Array.from({ length: 12 }, (_, month) => format.format(Date.UTC(2001, month, 15)));
  }
  return strings;
}

/** Load the page's strings into i18n.js, Turkish the default as on the server. */
export function loadStrings() {
  useStrings(pageStrings(), "tr");
}
