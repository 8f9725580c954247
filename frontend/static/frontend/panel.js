// The detail panel: what happened, when (as precisely as the sources say), where, who, what aid moved,
// and which sources say so. Content is set with textContent only: titles and notes are curators' text,
// never markup.

import { formatDate, formatDay, htmlDatetime } from "./dates.js";
import { formatNumber, t } from "./i18n.js";

function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

function _section(lang, key, ...content) {
  return h("section", { class: `panel-section panel-section-${key}` }, h("h3", { text: t(lang, key) }), ...content);
}

// A UI string with a node where its {name} placeholder is ("after {event}" with a link for the event).
function _withNode(text, name, node) {
  const [before, after = ""] = text.split(`{${name}}`);
  return [before, node, after].filter((part) => part !== "");
}

function _citation(citation) {
  return h("li", {}, h("cite", { text: citation.label }), citation.locator ? `, ${citation.locator}` : "");
}

// Two Gregorian readings of one written day: "20 January 1920 or 1921" when only the year differs.
function _readings(lang, readings) {
  const or = ` ${t(lang, "or")} `;
  const sameDay = readings.every((iso) => iso.slice(4) === readings[0].slice(4));
  if (sameDay) return `${formatDay(lang, readings[0])}${or}${readings.slice(1).map((iso) => iso.slice(0, 4)).join(or)}`;
  return readings.map((iso) => formatDay(lang, iso)).join(or);
}

// How the source dated it (as written, in its calendar) and the same day in the calendars of the period.
function _calendarLines(lang, event) {
  const lines = [];
  const written = event.written;
  if (written?.text) {
    const calendar = t(lang, `calendar.${written.calendar}`);
    let text = t(lang, "written", { date: `${written.text} (${calendar})` });
    if (written.readings?.length === 1 && written.calendar !== "gregorian")
      text += ` = ${formatDay(lang, written.readings[0])}`;
    lines.push(h("p", { class: "panel-written", text }));
    if (written.readings?.length > 1) {
      const readings = _readings(lang, written.readings);
      lines.push(h("p", { class: "panel-ambiguous", text: t(lang, "ambiguousYear", { readings }) }));
    }
  }
  const others = Object.entries(event.calendars || {})
    .filter(([calendar]) => calendar !== written?.calendar)
    .map(([, text]) => text);
  if (others.length)
    lines.push(h("p", { class: "panel-calendars", text: t(lang, "otherCalendars", { dates: others.join(" · ") }) }));
  return lines;
}

/**
 * Build the panel in `element`. Callbacks: onStep(delta), onPlace(slug), onEvent(slug), onClearPlace(),
 * onRetry().
 */
export function createPanel(element, { onStep, onPlace, onEvent, onClearPlace, onRetry }) {
  element.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-event]");
    if (link && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button)) {
      event.preventDefault();
      onEvent(link.dataset.event);
      return;
    }
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.step) onStep(Number(button.dataset.step));
    else if (button.dataset.place) onPlace(button.dataset.place);
    else if (button.dataset.action === "alternatives") {
      const heading = element.querySelector(".panel-section-alternatives h3");
      heading?.scrollIntoView({ block: "start", behavior: "smooth" });
      heading?.focus({ preventScroll: true });
    }
    else if (button.dataset.action === "clear-place") onClearPlace();
    else if (button.dataset.action === "retry") onRetry();
  });

  function _replace(...children) {
    element.replaceChildren(...children);
    element.removeAttribute("aria-busy");
  }

  function _stepper(lang, position, count, label) {
    return h(
      "nav",
      { class: "panel-stepper", "aria-label": label },
      h(
        "button",
        {
          type: "button",
          "data-step": "-1",
          "aria-label": t(lang, "previous"),
          title: t(lang, "previous"),
          disabled: position <= 1,
        },
        "‹",
      ),
      h("span", {
        class: "panel-position",
        text: t(lang, "position", { n: formatNumber(lang, position), count: formatNumber(lang, count) }),
      }),
      h(
        "button",
        {
          type: "button",
          "data-step": "1",
          "aria-label": t(lang, "next"),
          title: t(lang, "next"),
          disabled: position >= count,
        },
        "›",
      ),
    );
  }

  return {
    /** Say the atlas is loading. */
    loading(lang) {
      element.setAttribute("aria-busy", "true");
      element.replaceChildren(h("p", { class: "panel-status", text: t(lang, "loading") }));
    },
    /** Say the data could not be loaded, with a retry button. */
    error(lang, detail) {
      _replace(
        h(
          "div",
          { class: "panel-status panel-error", role: "alert" },
          h("p", { text: t(lang, "error", { detail }) }),
          h("button", { type: "button", "data-action": "retry", text: t(lang, "retry") }),
        ),
      );
    },
    /**
     * Show the selection. `view` is {lang, event, position, count, place, notFound, lookup, placeName},
     * where lookup has Maps of places, people, routes and events by slug (their GeoJSON properties /
     * records) and placeName(slug) is the name a place bore on the day being looked at.
     */
    show({ lang, event, pending, position, count, place, notFound, lookup, total, placeName }) {
      const parts = [];
      const nameOf = (slug) => placeName?.(slug) || lookup.places.get(slug)?.name || slug;
      if (notFound)
        parts.push(h("p", { class: "panel-notice", role: "status", text: t(lang, "notFound", { slug: notFound }) }));
      if (place) {
        const name = nameOf(place);
        parts.push(
          h(
            "div",
            { class: "panel-place" },
            h("strong", { text: t(lang, "placeEvents", { place: name, count: formatNumber(lang, count) }) }),
            h(
              "button",
              {
                type: "button",
                class: "panel-clear",
                "data-action": "clear-place",
                "aria-label": t(lang, "clearPlace"),
                title: t(lang, "clearPlace"),
              },
              "×",
            ),
          ),
        );
      }
      if (!event) {
        parts.push(h("p", { class: "panel-status", text: total ? t(lang, "pick") : t(lang, "empty") }));
        _replace(...parts);
        return;
      }
      parts.push(
        _stepper(
          lang,
          position,
          count,
          place ? t(lang, "showPlace", { place: nameOf(place) }) : t(lang, "timeline"),
        ),
      );

      const datetime = htmlDatetime(event.date);
      const article = h(
        "article",
        { class: "panel-event", "data-event": event.slug },
        h("p", { class: `panel-category category-${event.category}`, text: t(lang, `category.${event.category}`) }),
        h("h2", { class: "panel-title", id: "panel-title", text: event.title }),
        h(
          "p",
          { class: "panel-date" },
          h("time", { datetime: datetime || null, text: formatDate(lang, event) }),
          // The badge leads to the other readings, listed after the supported reading's sources.
          event.disputed && pending ? h("span", { class: "panel-badge", text: t(lang, "disputed") }) : null,
          event.disputed && !pending
            ? h("button", {
                type: "button",
                class: "panel-badge",
                "data-action": "alternatives",
                text: t(lang, "disputed"),
              })
            : null,
        ),
      );
      if (pending) {
        // The list has only what the timeline draws; the rest of the event is on its way.
        article.append(h("p", { class: "panel-status", text: t(lang, "loading") }));
        article.setAttribute("aria-busy", "true");
        parts.push(article);
        _replace(...parts);
        return;
      }
      // Placed relative to other events: each one named, and a click away.
      if (event.relations?.length) {
        article.append(
          h(
            "p",
            { class: "panel-relations" },
            event.relations.flatMap((relation, i) => {
              const other = lookup.events?.get(relation.event);
              // A real link (it can be opened in a new tab or copied); a plain click selects in place.
              const href = `?event=${encodeURIComponent(relation.event)}&lang=${encodeURIComponent(lang)}`;
              const node = other
                ? h("a", { href, "data-event": relation.event, text: other.title })
                : h("span", { text: relation.event });
              return [i ? ", " : "", ..._withNode(t(lang, relation.kind), "event", node)];
            }),
          ),
        );
      }
      article.append(..._calendarLines(lang, event));
      article.append(h("p", { class: "panel-summary", text: event.summary }));
      if (event.note) {
        article.append(
          h("aside", { class: "panel-note" }, h("h3", { text: t(lang, "note") }), h("p", { text: event.note })),
        );
      }
      if (event.places.length) {
        article.append(
          _section(
            lang,
            "places",
            h(
              "ul",
              { class: "chips" },
              event.places.map((slug) =>
                h(
                  "li",
                  {},
                  h("button", {
                    type: "button",
                    "data-place": slug,
                    text: nameOf(slug),
                    "aria-pressed": String(place === slug),
                  }),
                ),
              ),
            ),
          ),
        );
      } else {
        article.append(h("p", { class: "panel-muted", text: t(lang, "noPlace") }));
      }
      if (event.people.length) {
        article.append(
          _section(
            lang,
            "people",
            h(
              "ul",
              { class: "plain" },
              event.people.map((slug) => h("li", { text: lookup.people.get(slug)?.name || slug })),
            ),
          ),
        );
      }
      if (event.routes.length) {
        article.append(
          _section(
            lang,
            "routes",
            h(
              "ul",
              { class: "plain" },
              event.routes.map((slug) => {
                const route = lookup.routes.get(slug);
                if (!route) return h("li", { text: slug });
                return h("li", {
                  text: `${route.name} (${t(lang, `purpose.${route.purpose}`)} · ${t(lang, `mode.${route.mode}`)})`,
                });
              }),
            ),
          ),
        );
      }
      if (event.aid?.length) {
        article.append(
          _section(
            lang,
            "aid",
            h(
              "ul",
              { class: "plain panel-aid" },
              event.aid.map((line) => {
                const via = line.route
                  ? ` — ${t(lang, "via", { route: lookup.routes.get(line.route)?.name || line.route })}`
                  : "";
                const amount = `${line.approximate ? `${t(lang, "approximate")} ` : ""}${formatNumber(lang, line.quantity)} ${line.unit}`;
                const source = lookup.sources.get(line.source) || line.source;
                return h(
                  "li",
                  {},
                  h("strong", { text: `${t(lang, `aidKind.${line.kind}`)}: ` }),
                  `${amount}${via}`,
                  h("span", { class: "panel-cite", text: ` · ${source}${line.locator ? `, ${line.locator}` : ""}` }),
                );
              }),
            ),
          ),
        );
      }
      article.append(
        _section(
          lang,
          "sources",
          h(
            "ol",
            { class: "panel-sources" },
            event.citations.map(_citation),
          ),
        ),
      );
      // Other readings after the supported one's sources, each with its own date, the curator's word on
      // it and its own sources, so no one takes them for the date the atlas gives.
      if (event.alternatives?.length) {
        article.append(
          h(
            "section",
            { class: "panel-section panel-section-alternatives" },
            h("h3", { text: t(lang, "alternatives"), tabindex: "-1" }),
            h("p", { class: "panel-muted", text: t(lang, "alternativesHelp") }),
            h(
              "ul",
              { class: "plain panel-alternatives" },
              event.alternatives.map((reading) => {
                const when = reading.date || reading.start ? formatDate(lang, reading) : "";
                const where = reading.place ? nameOf(reading.place) : "";
                return h(
                  "li",
                  { class: "panel-alternative" },
                  h(
                    "p",
                    { class: "panel-alternative-reading" },
                    when ? h("time", { datetime: htmlDatetime(reading.date) || null, text: when }) : null,
                    when && where ? " · " : "",
                    where,
                  ),
                  reading.note ? h("p", { class: "panel-alternative-note", text: reading.note }) : null,
                  reading.citations?.length
                    ? h(
                        "ul",
                        { class: "panel-alternative-sources", "aria-label": t(lang, "alternativeSources") },
                        reading.citations.map(_citation),
                      )
                    : null,
                );
              }),
            ),
          ),
        );
      }
      parts.push(article);
      _replace(...parts);
    },
  };
}
