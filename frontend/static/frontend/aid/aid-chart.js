// Aid in numbers: totals per donor, kind, status (requested, promised, delivered) and unit, for the whole
// period and for the window on screen. The sums come from the server (/api/v1/aid/totals/, which knows how
// a derived line avoids counting a ruble twice): one request for the whole period, one per window (cached).
// Each figure opens the aid lines behind it (/api/v1/aid/, fetched once), with their events and sources.
// A figure says its status and amount in words and its bar has a pattern per kind and a fill per status,
// so colour is never the only difference.

import { apiURL } from "../core/api.js";
import { dayToParts } from "../core/dates.js";
import { formatNumber, t } from "../core/i18n.js";

const STATUS_ORDER = ["delivered", "promised", "requested"];
const WINDOW_SETTLE_MS = 250; // panning moves the window every frame: ask the server once it rests

function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function _iso(days) {
  const { year, month, day } = dayToParts(Math.floor(days));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The key a total and its lines share. */
export function aidKey(row) {
  return [row.donor ?? "", row.kind, row.status, row.unit].join("|");
}

/** Whether an aid line's event overlaps [after, before] (ISO days), as the API's date filter decides. */
export function lineInWindow(line, after, before) {
  return (!line.end || line.end >= after) && (!line.start || line.start <= before);
}

async function _fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/**
 * Build the chart in `element` (a <section>). `endpoints` has `aid` and `aidTotals` URLs; sourceLabel(slug)
 * actorLabel(slug) and eventTitle(slug) name sources, donors and events.
 */
export function createAidChart(
  element,
  { lang, endpoints, sourceLabel = (s) => s, actorLabel = (s) => s, eventTitle = (s) => s },
) {
  const cache = new Map(); // url → Promise of JSON; a failed request is forgotten so it is retried
  let window = null; // {after, before} ISO days, or null before the timeline reports
  let shown = false;
  let timer = 0;

  function _get(url) {
    if (!cache.has(url)) {
      const request = _fetchJson(url);
      request.catch(() => cache.delete(url));
      cache.set(url, request);
    }
    return cache.get(url);
  }

  function _totalsURL(range) {
    const base = apiURL(endpoints.aidTotals, lang);
    return range ? `${base}&date_after=${range.after}&date_before=${range.before}` : base;
  }

  function _amount(row) {
    return `${formatNumber(lang, row.total)} ${row.unit}`;
  }

  function _lineItem(line) {
    return h(
      "li",
      {},
      h("a", {
        href: `?event=${encodeURIComponent(line.event)}&lang=${encodeURIComponent(lang)}`,
        "data-event": line.event,
        text: eventTitle(line.event),
      }),
      `: ${line.approximate ? "≈ " : ""}${formatNumber(lang, line.quantity)} ${line.unit}`,
      line.derived ? ` (${t(lang, "derived")})` : "",
      " · ",
      h("cite", { text: `${sourceLabel(line.source)}${line.locator ? `, ${line.locator}` : ""}` }),
    );
  }

  function _figure(row, widest, lines) {
    const kind = t(lang, `aidKind.${row.kind}`);
    const status = t(lang, `aidStatus.${row.status}`);
    const approximate = lines.some((line) => line.approximate);
    const share = widest ? Math.max(2, Math.round((100 * row.total) / widest)) : 0;
    const bar = h("span", { class: `aid-bar aid-pattern-${row.kind} aid-status-${row.status}` });
    bar.style.inlineSize = `${share}%`; // CSSOM, not a style attribute: the CSP allows no inline styles
    return h(
      "li",
      {
        class: "aid-figure",
        "data-donor": row.donor ?? "",
        "data-kind": row.kind,
        "data-status": row.status,
        "data-unit": row.unit,
        "data-total": String(row.total),
      },
      h(
        "details",
        {},
        h(
          "summary",
          {},
          h("span", {
            class: "aid-label",
            text: `${kind}, ${status}: ${approximate ? "≈ " : ""}${_amount(row)}`,
          }),
          h("span", { class: "aid-track", "aria-hidden": "true" }, bar),
          h("span", { class: "aid-count", text: t(lang, "aidLines", { count: row.lines }) }),
        ),
        h("ul", { class: "aid-lines" }, ...lines.map(_lineItem)),
      ),
    );
  }

  function _block(scope, title, totals, lines) {
    const section = h("section", { class: `aid-block aid-${scope}`, "data-scope": scope }, h("h3", { text: title }));
    if (!totals.length) {
      section.append(h("p", { class: "panel-muted", text: t(lang, "aidNone") }));
      return section;
    }
    const byKey = new Map();
    for (const line of lines) {
      const key = aidKey(line);
      if (!byKey.has(key)) byKey.set(key, []);
      byKey.get(key).push(line);
    }
    // Bars compare like with like: the widest figure of the same unit sets the scale.
    const widest = new Map();
    for (const row of totals) widest.set(row.unit, Math.max(widest.get(row.unit) || 0, row.total));
    const donors = [...new Set(totals.map((row) => row.donor ?? ""))];
    for (const donor of donors) {
      const rows = totals
        .filter((row) => (row.donor ?? "") === donor)
        .sort(
          (a, b) =>
            a.kind.localeCompare(b.kind) ||
            STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
            a.unit.localeCompare(b.unit),
        );
      section.append(
        h("h4", { class: "aid-donor", text: donor ? actorLabel(donor) : t(lang, "aidDonorUnknown") }),
        h(
          "ul",
          { class: "aid-figures", "data-donor": donor },
          ...rows.map((row) => _figure(row, widest.get(row.unit), byKey.get(aidKey(row)) || [])),
        ),
      );
    }
    return section;
  }

  async function _build() {
    const range = window;
    const built = lang;
    let whole;
    let inView;
    let lines;
    try {
      [whole, inView, lines] = await Promise.all([
        _get(_totalsURL(null)),
        range ? _get(_totalsURL(range)) : Promise.resolve(null),
        _get(apiURL(endpoints.aid, lang)),
      ]);
    } catch (error) {
      element.replaceChildren(h("p", { class: "panel-muted", text: t(lang, "error", { detail: error.message }) }));
      return;
    }
    if (range !== window || built !== lang) return; // a newer window or language is on its way
    const blocks = [h("h2", { text: t(lang, "aidTotals") }), _block("whole", t(lang, "aidWhole"), whole, lines)];
    if (inView) {
      const windowLines = lines.filter((line) => lineInWindow(line, range.after, range.before));
      blocks.push(_block("window", t(lang, "aidWindow"), inView, windowLines));
    }
    element.replaceChildren(...blocks);
    element.dataset.window = range ? `${range.after}/${range.before}` : "";
  }

  return {
    /** Start loading and drawing (the chart is fetched only once the visitor opens it). */
    show() {
      shown = true;
      return _build();
    },
    /** The timeline's window in days (fractional); the request waits until the window rests. */
    setWindow(left, right) {
      if (!Number.isFinite(left) || !Number.isFinite(right)) return;
      const next = { after: _iso(left), before: _iso(right) };
      if (window && next.after === window.after && next.before === window.before) return;
      window = next;
      if (!shown) return;
      clearTimeout(timer);
      timer = setTimeout(_build, WINDOW_SETTLE_MS);
    },
    setLang(next, labels = {}) {
      lang = next;
      if (labels.source) sourceLabel = labels.source;
      if (labels.actor) actorLabel = labels.actor;
      if (labels.event) eventTitle = labels.event;
    },
  };
}
