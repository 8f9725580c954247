// The route panel, over the map: a route's stops (named as on the map's day), geodesic length, mode and
// purpose, its status through time and the aid that moved on it with quantities and sources. Built from
// nodes: every text is curators' data, never markup.

import { formatDate } from "../core/dates.js";
import { formatNumber, t } from "../core/i18n.js";

function _node(tag, { text, className, ...attributes } = {}, children = []) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function _section(title, body) {
  return _node("section", { className: "route-section" }, [_node("h3", { text: title }), body]);
}

/**
 * The panel in `element`. Callbacks: onEvent(slug) for a shipment's event, onFollow(slug | null) to have
 * playback follow the route, onClose().
 */
export function createRoutePanel(element, { onEvent, onFollow, onClose }) {
  element.classList.add("route-panel");
  element.hidden = true;
  let following = null;

  element.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
    }
  });

  return {
    /**
     * Show `route` (a route feature's properties) in `lang`; `placeName(slug)` names its stops and
     * `stopEvents(slug)` lists the events on this route at a stop ({slug, text}), which date it.
     */
    show({ lang, route, placeName, stopEvents, followed }) {
      function _eventLink({ slug, text }) {
        const link = _node("a", { href: `?event=${encodeURIComponent(slug)}`, text });
        link.addEventListener("click", (event) => {
          event.preventDefault();
          onEvent(slug);
        });
        return link;
      }
      following = followed;
      const close = _node("button", {
        type: "button",
        className: "route-close",
        "aria-label": t(lang, "closeRoute"),
        text: "×",
      });
      close.addEventListener("click", onClose);
      const follow = _node("button", {
        type: "button",
        className: "route-follow",
        "aria-pressed": String(following === route.slug),
        text: t(lang, following === route.slug ? "stopFollowing" : "followRoute"),
      });
      follow.addEventListener("click", () => onFollow(following === route.slug ? null : route.slug));

      const facts = _node("p", {
        className: "route-facts",
        text: [
          t(lang, `mode.${route.mode}`),
          t(lang, `purpose.${route.purpose}`),
          t(lang, "routeLength", { km: route.length_km }),
          route.date ? formatDate(lang, route) : "",
        ]
          .filter(Boolean)
          .join(" · "),
      });
      const stops = _node(
        "ol",
        { className: "route-stops" },
        route.stops.map((slug, index) => {
          const item = _node("li", { "data-place": slug }, [placeName(slug) || slug]);
          const reached = route.stop_dates?.[index];
          if (reached)
            item.append(" ", _node("span", { className: "route-stop-date", text: formatDate(lang, reached) }));
          const dated = stopEvents(slug);
          if (dated.length) item.append(" — ", ...dated.flatMap((event, i) => [i ? ", " : "", _eventLink(event)]));
          return item;
        }),
      );
      const statuses = route.statuses.length
        ? _node(
            "ul",
            { className: "route-statuses plain" },
            route.statuses.map((status) =>
              _node("li", { "data-status": status.status }, [
                _node("strong", { text: `${t(lang, `routeStatus.${status.status}`)}: ` }),
                formatDate(lang, status),
                status.note ? ` — ${status.note}` : "",
              ]),
            ),
          )
        : _node("p", { text: t(lang, "routeNoStatuses") });
      const shipments = route.aid.length
        ? _node(
            "ul",
            { className: "route-aid plain" },
            route.aid.map((line) => {
              const link = _eventLink({ slug: line.event, text: formatDate(lang, { date: line.date }) });
              const amount = `${line.approximate ? `${t(lang, "approximate")} ` : ""}${formatNumber(lang, line.quantity)} ${line.unit}`;
              const source = `${line.source_label}${line.locator ? `, ${line.locator}` : ""}`;
              return _node("li", {}, [
                _node("strong", { text: `${t(lang, `aidKind.${line.kind}`)}: ` }),
                `${amount} (`,
                link,
                ") — ",
                _node("cite", { text: source }),
              ]);
            }),
          )
        : _node("p", { text: t(lang, "routeNoShipments") });

      element.replaceChildren(
        _node("header", { className: "route-head" }, [_node("h2", { text: route.name, id: "route-title" }), close]),
        facts,
        follow,
        _section(t(lang, "routeStops"), stops),
        _section(t(lang, "routeStatuses"), statuses),
        _section(t(lang, "routeShipments"), shipments),
      );
      element.setAttribute("aria-labelledby", "route-title");
      element.dataset.route = route.slug;
      element.hidden = false;
    },
    hide() {
      element.hidden = true;
      delete element.dataset.route;
    },
    /** Move the keyboard into the panel (after a click on the map opened it). */
    focus: () => element.querySelector(".route-close")?.focus(),
  };
}
