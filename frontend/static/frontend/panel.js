// The detail panel: what happened, when (as precisely as the sources say), where, who, what aid moved,
// and which sources say so. Content is set with textContent only: titles and notes are curators' text,
// never markup.

import { formatDate, htmlDatetime } from "./dates.js";
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

/** Build the panel in `element`. Callbacks: onStep(delta), onPlace(slug), onClearPlace(), onRetry(). */
export function createPanel(element, { onStep, onPlace, onClearPlace, onRetry }) {
  element.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.step) onStep(Number(button.dataset.step));
    else if (button.dataset.place) onPlace(button.dataset.place);
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
     * Show the selection. `view` is {lang, event, position, count, place, placeCount, notFound, lookup},
     * where lookup has Maps of places, people and routes by slug (their GeoJSON properties / records).
     */
    show({ lang, event, pending, position, count, place, notFound, lookup, total }) {
      const parts = [];
      if (notFound)
        parts.push(h("p", { class: "panel-notice", role: "status", text: t(lang, "notFound", { slug: notFound }) }));
      if (place) {
        const name = lookup.places.get(place)?.name || place;
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
          place ? t(lang, "showPlace", { place: lookup.places.get(place)?.name || place }) : t(lang, "timeline"),
        ),
      );

      const datetime = htmlDatetime(event.date);
      const article = h(
        "article",
        { class: "panel-event", "data-event": event.slug },
        h("p", { class: `panel-category category-${event.category}`, text: t(lang, `category.${event.category}`) }),
        h("h2", { class: "panel-title", id: "panel-title", text: event.title }),
        h("p", { class: "panel-date" }, h("time", { datetime: datetime || null, text: formatDate(lang, event) })),
      );
      if (pending) {
        // The list has only what the timeline draws; the rest of the event is on its way.
        article.append(h("p", { class: "panel-status", text: t(lang, "loading") }));
        article.setAttribute("aria-busy", "true");
        parts.push(article);
        _replace(...parts);
        return;
      }
      // How the sources dated it: as written, and the same day in the calendars of the period.
      const dated = [
        event.written ? t(lang, "written", { date: event.written }) : "",
        ...Object.values(event.calendars || {}),
      ].filter(Boolean);
      if (dated.length) article.append(h("p", { class: "panel-calendars", text: dated.join(" · ") }));
      article.append(h("p", { class: "panel-summary", text: event.summary }));
      if (event.alternatives?.length) {
        article.append(
          _section(
            lang,
            "alternatives",
            h(
              "ul",
              { class: "plain panel-alternatives" },
              event.alternatives.map((reading) =>
                h(
                  "li",
                  {},
                  h("strong", {
                    text: [reading.date ? formatDate(lang, reading) : "", lookup.places.get(reading.place)?.name || ""]
                      .filter(Boolean)
                      .join(", "),
                  }),
                  reading.note ? ` — ${reading.note}` : "",
                  h("span", {
                    class: "panel-cite",
                    text: (reading.citations || [])
                      .map((citation) => ` · ${citation.label}${citation.locator ? `, ${citation.locator}` : ""}`)
                      .join(""),
                  }),
                ),
              ),
            ),
          ),
        );
      }
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
                    text: lookup.places.get(slug)?.name || slug,
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
            event.citations.map((citation) =>
              h("li", {}, h("cite", { text: citation.label }), citation.locator ? `, ${citation.locator}` : ""),
            ),
          ),
        ),
      );
      parts.push(article);
      _replace(...parts);
    },
  };
}
