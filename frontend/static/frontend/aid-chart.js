// Aid in numbers: totals of the aid lines by kind and unit, for the whole period and for the window on
// screen, summed here from the events' own lines (never typed in). Each bar carries its figure in words
// and a pattern of its own, so colour is never the only difference; each opens the lines behind it, with
// their events and sources.

import { inWindow } from "./event-list.js";
import { formatNumber, t } from "./i18n.js";

/** Totals of `events`' aid lines per kind and unit: [{kind, unit, total, approximate, lines: [{event, line}]}]. */
export function aidTotals(events) {
  const groups = new Map();
  for (const event of events) {
    for (const line of event.aid || []) {
      const key = `${line.kind}|${line.unit}`;
      if (!groups.has(key))
        groups.set(key, { kind: line.kind, unit: line.unit, total: 0, approximate: false, lines: [] });
      const group = groups.get(key);
      group.total += line.quantity;
      group.approximate ||= line.approximate;
      group.lines.push({ event, line });
    }
  }
  return [...groups.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.unit.localeCompare(b.unit));
}

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

/** Build the chart in `element` (a <section>); sourceLabel(slug) names a source. */
export function createAidChart(element, { lang, sourceLabel = (slug) => slug }) {
  let events = [];
  let window = { left: Number.NEGATIVE_INFINITY, right: Number.POSITIVE_INFINITY };

  function _amount(group) {
    return `${group.approximate ? "≈ " : ""}${formatNumber(lang, group.total)} ${group.unit}`;
  }

  function _figure(group, widest) {
    const kind = t(lang, `aidKind.${group.kind}`);
    const share = widest ? Math.max(2, Math.round((100 * group.total) / widest)) : 0;
    const bar = h("span", { class: `aid-bar aid-pattern-${group.kind}` });
    bar.style.inlineSize = `${share}%`; // CSSOM, not a style attribute: the CSP allows no inline styles
    const lines = h(
      "ul",
      { class: "aid-lines" },
      ...group.lines.map(({ event, line }) =>
        h(
          "li",
          {},
          h("a", {
            href: `?event=${encodeURIComponent(event.slug)}&lang=${encodeURIComponent(lang)}`,
            "data-event": event.slug,
            text: event.title,
          }),
          `: ${line.approximate ? "≈ " : ""}${formatNumber(lang, line.quantity)} ${line.unit} · `,
          h("cite", { text: `${sourceLabel(line.source)}${line.locator ? `, ${line.locator}` : ""}` }),
        ),
      ),
    );
    return h(
      "li",
      { class: "aid-figure", "data-kind": group.kind, "data-unit": group.unit, "data-total": String(group.total) },
      h(
        "details",
        {},
        h(
          "summary",
          {},
          h("span", { class: "aid-label", text: `${kind}: ${_amount(group)}` }),
          h("span", { class: "aid-track", "aria-hidden": "true" }, bar),
          h("span", { class: "aid-count", text: t(lang, "aidLines", { count: group.lines.length }) }),
        ),
        lines,
      ),
    );
  }

  function _block(scope, title, groups) {
    const widest = Math.max(0, ...groups.map((group) => group.total));
    const list = groups.length
      ? h("ul", { class: "aid-figures" }, ...groups.map((group) => _figure(group, widest)))
      : h("p", { class: "panel-muted", text: t(lang, "aidNone") });
    return h("section", { class: `aid-block aid-${scope}`, "data-scope": scope }, h("h3", { text: title }), list);
  }

  function _build() {
    const inView = events.filter((event) => inWindow(event, window.left, window.right));
    element.replaceChildren(
      h("h2", { text: t(lang, "aidTotals") }),
      h("p", { class: "panel-muted", text: t(lang, "aidNoDonor") }),
      _block("whole", t(lang, "aidWhole"), aidTotals(events)),
      _block("window", t(lang, "aidWindow"), aidTotals(inView)),
    );
  }

  return {
    /** Events with {slug, title, start, end, aid}. */
    setEvents(next) {
      events = next;
      _build();
    },
    setWindow(left, right) {
      if (left === window.left && right === window.right) return;
      window = { left, right };
      if (events.length) _build();
    },
    setLang(next, label) {
      lang = next;
      if (label) sourceLabel = label;
    },
  };
}
