// The detail panel: what happened, when (as precisely as the sources say), where, who, what aid moved,
// and which sources say so. Content is set with textContent only: titles and notes are curators' text,
// never markup.

import { whereOf } from "../core/atlas-data.js";
import { formatDate, formatDay, htmlDatetime } from "../core/dates.js";
import { formatNumber, t } from "../core/i18n.js";
import { categoryName } from "../timeline/categories.js";

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

// Where a page is named in a locator ("s. 193", "p. 12"); the last one when a locator names several works.
const PAGE = /^(.*)\b((?:s|p|pp)\.\s*\d)/s;

/** A locator as shown: an estimated page says so where the page is named ("atıf: Tekinsoy 2025, ≈ s. 192"). */
export function locatorText(locator, estimated) {
  if (!locator || !estimated) return locator || "";
  return PAGE.test(locator) ? locator.replace(PAGE, "$1≈ $2") : `≈ ${locator}`;
}

function _locator(lang, locator, estimated) {
  if (!locator) return null;
  const text = locatorText(locator, estimated);
  return estimated ? h("span", { class: "panel-locator-estimated", title: t(lang, "locatorEstimated"), text }) : text;
}

// The source's own words, quoted in the language they were written in, not the reader's.
function _evidence(lang, evidence, evidenceLang) {
  if (!evidence) return null;
  return h("q", { class: "panel-evidence", lang: evidenceLang, "aria-label": t(lang, "evidence"), text: evidence });
}

// A citation: the work, where in it, and the passage that supports the claim. A work's note (how much of
// its details come from outside the article) is shown once per panel, at its first citation.
function _citations(lang, lookup, shownNotes = new Set()) {
  return (citation) => {
    const note = lookup.sourceNotes?.get(citation.source);
    const showNote = note && !shownNotes.has(citation.source);
    if (showNote) shownNotes.add(citation.source);
    return h(
      "li",
      { class: "panel-citation" },
      h("cite", { text: citation.label }),
      citation.locator ? ", " : "",
      _locator(lang, citation.locator, citation.locator_estimated),
      _evidence(lang, citation.evidence, lookup.evidenceLang),
      showNote ? h("p", { class: "panel-source-note", text: note }) : null,
    );
  };
}

// Two Gregorian readings of one written day: "20 January 1920 or 1921" when only the year differs.
function _readings(lang, readings) {
  const or = ` ${t(lang, "or")} `;
  const sameDay = readings.every((iso) => iso.slice(4) === readings[0].slice(4));
  if (sameDay)
    return `${formatDay(lang, readings[0])}${or}${readings
      .slice(1)
      .map((iso) => iso.slice(0, 4))
      .join(or)}`;
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

// ---- the parts of a shown event, each a node (or nothing) ---------------------------------------------

function _placeHeader(lang, { place, count, nameOf }) {
  return h(
    "div",
    { class: "panel-place" },
    h("strong", { text: t(lang, "placeEvents", { place: nameOf(place), count }) }),
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
  );
}

function _stepButton(lang, delta, disabled) {
  const label = t(lang, delta < 0 ? "previous" : "next");
  return h(
    "button",
    { type: "button", "data-step": String(delta), "aria-label": label, title: label, disabled },
    delta < 0 ? "‹" : "›",
  );
}

function _stepper(lang, { position, count, place, nameOf }) {
  const label = place ? t(lang, "showPlace", { place: nameOf(place) }) : t(lang, "timeline");
  return h(
    "nav",
    { class: "panel-stepper", "aria-label": label },
    _stepButton(lang, -1, position <= 1),
    h("span", { class: "panel-position", text: t(lang, "position", { n: position, count }) }),
    _stepButton(lang, 1, position >= count),
  );
}

function _heading(lang, event, pending, categories) {
  const category = h("p", { class: "panel-category", text: categoryName(categories, event.category, lang) });
  // The colour is the category's own (timeline/categories.js sets --cat-<slug> from the data), so a category a
  // curator adds is coloured too; a slug the page was not sent falls back to the text's colour.
  category.style.setProperty("color", `var(--cat-${event.category}, inherit)`);
  return [
    category,
    h("h2", { class: "panel-title", id: "panel-title", text: event.title }),
    h(
      "p",
      { class: "panel-date" },
      h("time", { datetime: htmlDatetime(event.date) || null, text: formatDate(lang, event) }),
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
  ];
}

// Placed relative to other events: each one named, and a click away.
function _relations(lang, event, lookup) {
  if (!event.relations?.length) return null;
  return h(
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
  );
}

function _places(lang, event, { place, nameOf }) {
  const where = whereOf(event);
  const chip = (slug) =>
    h(
      "li",
      {},
      h("button", { type: "button", "data-place": slug, text: nameOf(slug), "aria-pressed": String(place === slug) }),
    );
  const chips = (slugs) => h("ul", { class: "chips" }, slugs.map(chip));
  const parts = [];
  if (where.pinned.length) parts.push(chips(where.pinned));
  // A journey is read as the map draws it: from → by way of → to.
  if (where.from.length || where.to.length || where.via.length) {
    const leg = (key, slugs) =>
      slugs.length ? [h("span", { class: "panel-role", text: t(lang, key) }), chips(slugs)] : [];
    parts.push(
      h(
        "div",
        { class: "panel-journey" },
        ...leg("journeyFrom", where.from),
        ...leg("journeyVia", where.via),
        ...leg("journeyTo", where.to),
      ),
    );
  }
  if (!parts.length) parts.push(h("p", { class: "panel-muted", text: t(lang, "noPlace") }));
  // Places the event is about but did not happen at: links to choose them, no pin on the map.
  if (where.concerns.length) {
    const links = where.concerns.map((slug, i) => [
      i ? ", " : "",
      h("button", { type: "button", class: "link", "data-place": slug, text: nameOf(slug) }),
    ]);
    parts.push(h("p", { class: "panel-concerns" }, t(lang, "alsoConcerns"), " ", ...links.flat()));
  }
  if (event.place_note) parts.push(h("p", { class: "panel-place-note", text: event.place_note }));
  if (!event.places.length && !event.place_note) return parts[0];
  return _section(lang, "places", ...parts);
}

function _people(lang, event, lookup) {
  if (!event.people.length) return null;
  const items = event.people.map((slug) => h("li", { text: lookup.people.get(slug)?.name || slug }));
  return _section(lang, "people", h("ul", { class: "plain" }, items));
}

function _routes(lang, event, lookup) {
  if (!event.routes.length) return null;
  const item = (slug) => {
    const route = lookup.routes.get(slug);
    if (!route) return h("li", { text: slug });
    return h("li", {
      text: `${route.name} (${t(lang, `purpose.${route.purpose}`)} · ${t(lang, `mode.${route.mode}`)})`,
    });
  };
  return _section(lang, "routes", h("ul", { class: "plain" }, event.routes.map(item)));
}

function _aid(lang, event, lookup) {
  if (!event.aid?.length) return null;
  const item = (line) => {
    const via = line.route ? ` — ${t(lang, "via", { route: lookup.routes.get(line.route)?.name || line.route })}` : "";
    const amount = `${line.approximate ? `${t(lang, "approximate")} ` : ""}${formatNumber(lang, line.quantity)} ${line.unit}`;
    const actor = (slug) => lookup.actors?.get(slug) || slug;
    const flow =
      line.donor && line.recipient
        ? t(lang, "aidFlow", { donor: actor(line.donor), recipient: actor(line.recipient) })
        : "";
    const status = [t(lang, `aidStatus.${line.status}`), line.derived ? t(lang, "derived") : ""].filter(Boolean);
    const source = lookup.sources.get(line.source) || line.source;
    return h(
      "li",
      { class: "panel-aid-line", "data-status": line.status },
      h("strong", { text: `${t(lang, `aidKind.${line.kind}`)}: ` }),
      `${amount}${via}`,
      h("span", { class: "panel-aid-status", text: ` (${status.join(", ")})` }),
      flow ? h("span", { class: "panel-aid-flow", text: ` · ${flow}` }) : null,
      line.note ? h("span", { class: "panel-aid-note", text: ` — ${line.note}` }) : null,
      h(
        "span",
        { class: "panel-cite" },
        ` · ${source}`,
        line.locator ? ", " : "",
        _locator(lang, line.locator, line.locator_estimated),
      ),
      _evidence(lang, line.evidence, lookup.evidenceLang),
    );
  };
  return _section(lang, "aid", h("ul", { class: "plain panel-aid" }, event.aid.map(item)));
}

// Other readings after the supported one's sources, each with its own date, the curator's word on it and
// its own sources, so no one takes them for the date the atlas gives.
function _alternatives(lang, event, nameOf, lookup) {
  if (!event.alternatives?.length) return null;
  const item = (reading) => {
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
            reading.citations.map(_citations(lang, lookup)),
          )
        : null,
    );
  };
  return h(
    "section",
    { class: "panel-section panel-section-alternatives" },
    h("h3", { text: t(lang, "alternatives"), tabindex: "-1" }),
    h("p", { class: "panel-muted", text: t(lang, "alternativesHelp") }),
    h("ul", { class: "plain panel-alternatives" }, event.alternatives.map(item)),
  );
}

// Where the sources, or one source with itself, disagree about this event: what disagrees and which reading
// the atlas follows, with every passage that disagrees quoted beside it, so a reader can weigh them.
function _discrepancies(lang, event, lookup) {
  if (!event.discrepancies?.length) return null;
  const item = (discrepancy) =>
    h(
      "li",
      { class: "panel-discrepancy" },
      h("p", { class: "panel-discrepancy-note", text: discrepancy.note }),
      h(
        "ol",
        { class: "panel-discrepancy-passages", "aria-label": t(lang, "discrepancyPassages") },
        discrepancy.citations.map(_citations(lang, lookup)),
      ),
    );
  return h(
    "section",
    { class: "panel-section panel-section-discrepancies" },
    h("h3", { text: t(lang, "discrepancies") }),
    h("p", { class: "panel-muted", text: t(lang, "discrepanciesHelp") }),
    h("ul", { class: "plain panel-discrepancies" }, event.discrepancies.map(item)),
  );
}

/** An address a link card may open: http(s) only, whatever the data says (a javascript: link would run). */
export function safeHref(url, base = "http://localhost/") {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function _credit(lang, medium) {
  return medium.credit
    ? h("span", { class: "panel-media-credit", text: t(lang, "mediaCredit", { credit: medium.credit }) })
    : null;
}

// An image the atlas stores: the phone's or the panel's size, as the browser finds fits, leading to the whole.
function _figure(lang, medium) {
  const sources = [medium.phone && `${medium.phone} 400w`, medium.panel && `${medium.panel} 720w`].filter(Boolean);
  const image = h("img", {
    src: medium.panel || medium.url,
    srcset: sources.length ? sources.join(", ") : null,
    sizes: "(max-width: 700px) 100vw, 360px",
    alt: medium.alt,
    width: medium.width,
    height: medium.height,
    loading: "lazy",
    decoding: "async",
  });
  const caption =
    medium.caption || medium.credit
      ? h(
          "figcaption",
          {},
          medium.caption ? h("span", { class: "panel-media-caption", text: medium.caption }) : null,
          medium.caption && medium.credit ? " " : null,
          _credit(lang, medium),
        )
      : null;
  return h(
    "figure",
    { class: "panel-media-image" },
    h("a", { href: medium.url, title: t(lang, "mediaFull") }, image),
    caption,
  );
}

// Anything held elsewhere (a video, a sound, a document, a page, another site's picture) as a card that links
// to it: never embedded, as the site's CSP loads nothing from other hosts, and it works offline as text.
function _linkCard(lang, medium) {
  const href = safeHref(medium.url, document.baseURI);
  if (!href) return null;
  const host = new URL(href).hostname.replace(/^www\./, "");
  return h(
    "div",
    { class: "panel-media-card", "data-kind": medium.kind },
    h(
      "a",
      { href, rel: "noopener noreferrer", target: "_blank", title: t(lang, "mediaElsewhere") },
      h("span", { class: "panel-media-kind", text: t(lang, `mediaKind.${medium.kind}`) }),
      h("span", { class: "panel-media-caption", text: medium.caption || host }),
      h("span", { class: "panel-media-host", text: host }),
    ),
    _credit(lang, medium),
  );
}

/** The event's media, each an image or a link card; null when it has none. Also used by present mode. */
export function mediaNodes(lang, media) {
  return (media || [])
    .map((medium) => (medium.uploaded ? _figure(lang, medium) : _linkCard(lang, medium)))
    .filter(Boolean);
}

function _media(lang, event) {
  const nodes = mediaNodes(lang, event.media);
  return nodes.length ? _section(lang, "media", ...nodes) : null;
}

// Threads to follow (server-side, /related/): the events at the same places, on the same routes, with the
// same people, linked by relations, and just before and after in time. Each a real link.
function _related(lang, related) {
  if (!related) return null;
  const link = (item) =>
    h(
      "li",
      {},
      h("a", {
        href: `?event=${encodeURIComponent(item.slug)}&lang=${encodeURIComponent(lang)}`,
        "data-event": item.slug,
        text: item.title,
      }),
      h("span", { class: "panel-muted", text: ` · ${formatDate(lang, item)}` }),
    );
  const groups = [
    ["relatedPrevious", related.previous ? [related.previous] : []],
    ["relatedNext", related.next ? [related.next] : []],
    ["relatedRelations", related.relations],
    ["relatedPlaces", related.places],
    ["relatedRoutes", related.routes],
    ["relatedPeople", related.people],
  ].filter(([, items]) => items?.length);
  if (!groups.length) return null;
  return _section(
    lang,
    "related",
    ...groups.map(([key, items]) =>
      h(
        "div",
        { class: "panel-thread" },
        h("h4", { text: t(lang, key) }),
        h("ul", { class: "plain" }, items.map(link)),
      ),
    ),
  );
}

function _article(lang, event, { pending, place, lookup, nameOf, categories }) {
  const article = h(
    "article",
    { class: "panel-event", "data-event": event.slug },
    ..._heading(lang, event, pending, categories),
  );
  if (pending) {
    // The list has only what the timeline draws; the rest of the event is on its way.
    article.append(h("p", { class: "panel-status", text: t(lang, "loading") }));
    article.setAttribute("aria-busy", "true");
    return article;
  }
  const note = event.note
    ? h("aside", { class: "panel-note" }, h("h3", { text: t(lang, "note") }), h("p", { text: event.note }))
    : null;
  const sources = _section(
    lang,
    "sources",
    h("ol", { class: "panel-sources" }, event.citations.map(_citations(lang, lookup))),
  );
  for (const part of [
    _relations(lang, event, lookup),
    ..._calendarLines(lang, event),
    h("p", { class: "panel-summary", text: event.summary }),
    _media(lang, event),
    note,
    _places(lang, event, { place, nameOf }),
    _people(lang, event, lookup),
    _routes(lang, event, lookup),
    _aid(lang, event, lookup),
    sources,
    _alternatives(lang, event, nameOf, lookup),
    _discrepancies(lang, event, lookup),
    _related(lang, event.related),
  ])
    if (part) article.append(part);
  return article;
}

// What identifies a control across a rebuild of the panel (the same step button, the same place chip).
function _controlKey(node) {
  for (const name of ["step", "action", "place", "event"])
    if (node?.dataset?.[name] !== undefined) return `[data-${name}="${CSS.escape(node.dataset[name])}"]`;
  return null;
}

/**
 * Build the panel in `element`. Callbacks: onStep(delta), onPlace(slug), onEvent(slug), onClearPlace(),
 * onRetry().
 */
export function createPanel(element, { onStep, onPlace, onEvent, onClearPlace, onRetry, categories = [] }) {
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
    } else if (button.dataset.action === "clear-place") onClearPlace();
    else if (button.dataset.action === "retry") onRetry();
  });

  // Rebuilding the panel would drop the keyboard focus of a reader stepping with its buttons: the same
  // control in the new panel takes it (or, where that one is now disabled, the panel itself).
  function _replace(...children) {
    const focused = element.contains(document.activeElement) ? _controlKey(document.activeElement) : null;
    element.replaceChildren(...children);
    element.removeAttribute("aria-busy");
    if (!focused) return;
    const again = element.querySelector(focused);
    if (again && !again.disabled) again.focus({ preventScroll: true });
    else element.focus({ preventScroll: true });
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
     * Show the selection. `view` is {lang, event, pending, position, count, place, notFound, lookup,
     * total, placeName}, where lookup has Maps of places, people, routes and events by slug (their GeoJSON
     * properties / records) and placeName(slug) is the name a place bore on the day being looked at.
     */
    show({ lang, event, pending, position, count, place, notFound, lookup, total, placeName }) {
      const nameOf = (slug) => placeName?.(slug) || lookup.places.get(slug)?.name || slug;
      const parts = [];
      if (notFound)
        parts.push(h("p", { class: "panel-notice", role: "status", text: t(lang, "notFound", { slug: notFound }) }));
      if (place) parts.push(_placeHeader(lang, { place, count, nameOf }));
      if (!event) parts.push(h("p", { class: "panel-status", text: total ? t(lang, "pick") : t(lang, "empty") }));
      else {
        parts.push(_stepper(lang, { position, count, place, nameOf }));
        parts.push(_article(lang, event, { pending, place, lookup, nameOf, categories }));
      }
      _replace(...parts);
    },
  };
}
