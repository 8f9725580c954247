// The events on the timeline's screen as a table: the same selection as the timeline and the map, text a
// screen reader can walk with its table commands, sortable by date or title, and printable (visitors.css
// prints it alone). Rebuilt only when the window or the language changes; selecting only moves a mark.

import { formatDate, isoToDay } from "../core/dates.js";
import { t } from "../core/i18n.js";

// More rows than anyone reads, and the point where building the table starts to cost a frame.
const MAX_ROWS = 500;

/** Whether `event` ({start, end}: ISO or null) overlaps the days [left, right] (days since 1970). */
export function inWindow(event, left, right) {
  const start = event.start ? isoToDay(event.start) : Number.NEGATIVE_INFINITY;
  const end = event.end ? isoToDay(event.end) : Number.POSITIVE_INFINITY;
  if (!event.start && !event.end) return false;
  return start <= right && end >= left;
}

/** inWindow for days since 1970 (NaN where open): the start and the last day of an event. */
export function daysInWindow(start, end, left, right) {
  if (Number.isNaN(start) && Number.isNaN(end)) return false;
  return (Number.isNaN(start) || start <= right) && (Number.isNaN(end) || end >= left);
}

/**
 * Build the list in `element` (a <section>). onSelect(index) is called with the chosen event's index in
 * the events given to show().
 */
export function createEventList(element, { lang, onSelect }) {
  let events = [];
  let days = null;
  let sequence = [];
  let shown = [];
  let sort = { key: "date", descending: false };
  let selected = -1;
  let window = { left: Number.NEGATIVE_INFINITY, right: Number.POSITIVE_INFINITY };

  const heading = document.createElement("h2");
  heading.id = "event-list-heading";
  const table = document.createElement("table");
  table.className = "event-list-table";
  table.setAttribute("aria-labelledby", heading.id);
  const caption = document.createElement("caption");
  const head = document.createElement("thead");
  const body = document.createElement("tbody");
  table.append(caption, head, body);
  element.replaceChildren(heading, table);

  element.addEventListener("click", (event) => {
    const sorter = event.target.closest("button[data-sort]");
    if (sorter) {
      const key = sorter.dataset.sort;
      sort = { key, descending: sort.key === key ? !sort.descending : false };
      _build();
      element.querySelector(`button[data-sort="${key}"]`)?.focus();
      return;
    }
    const link = event.target.closest("a[data-index]");
    if (link && !(event.ctrlKey || event.metaKey || event.shiftKey || event.button)) {
      event.preventDefault();
      onSelect(Number(link.dataset.index));
    }
  });

  function _header() {
    const row = document.createElement("tr");
    for (const [key, label] of [
      ["date", "columnDate"],
      ["title", "columnTitle"],
      [null, "columnCategory"],
    ]) {
      const cell = document.createElement("th");
      cell.scope = "col";
      if (!key) cell.textContent = t(lang, label);
      else {
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.sort = key;
        button.textContent = t(lang, label);
        button.title = t(lang, "sortBy", { column: t(lang, label) });
        cell.append(button);
        cell.setAttribute("aria-sort", sort.key === key ? (sort.descending ? "descending" : "ascending") : "none");
      }
      row.append(cell);
    }
    head.replaceChildren(row);
  }

  function _ordered() {
    // With day columns, 100,000 events are filtered without reading an ISO date.
    const inView = days
      ? sequence.filter((i) => daysInWindow(days.starts[i], days.ends[i], window.left, window.right))
      : sequence.filter((i) => inWindow(events[i], window.left, window.right));
    if (sort.key === "title") {
      const collator = new Intl.Collator(lang);
      inView.sort((a, b) => collator.compare(events[a].title, events[b].title));
    }
    if (sort.descending) inView.reverse();
    return inView;
  }

  function _build() {
    heading.textContent = t(lang, "eventList");
    _header();
    const ordered = _ordered();
    shown = ordered.slice(0, MAX_ROWS);
    caption.textContent = t(lang, "eventListCaption", { count: ordered.length });
    body.replaceChildren(
      ...shown.map((index) => {
        const event = events[index];
        const row = document.createElement("tr");
        row.dataset.slug = event.slug;
        const date = document.createElement("td");
        date.textContent = formatDate(lang, event);
        const title = document.createElement("th");
        title.scope = "row";
        const link = document.createElement("a");
        link.href = `?event=${encodeURIComponent(event.slug)}&lang=${encodeURIComponent(lang)}`;
        link.dataset.index = String(index);
        link.textContent = event.title;
        title.append(link);
        const category = document.createElement("td");
        category.textContent = t(lang, `category.${event.category}`);
        row.append(date, title, category);
        return row;
      }),
    );
    _mark();
  }

  function _mark() {
    for (const row of body.children) {
      const current = selected >= 0 && row.dataset.slug === events[selected]?.slug;
      row.classList.toggle("is-selected", current);
      const link = row.querySelector("a");
      if (current) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    }
  }

  return {
    /** The events (as the timeline has them), their time order (indexes) and their day columns, if any. */
    setEvents(next, order, columns = null) {
      events = next;
      sequence = order;
      days = columns;
      _build();
    },
    /** Show the events overlapping the days [left, right] (days since 1970). */
    setWindow(left, right) {
      if (left === window.left && right === window.right) return;
      window = { left, right };
      _build();
    },
    setSelected(index) {
      selected = index;
      _mark();
    },
    setLang(next) {
      lang = next;
    },
    /** The slugs listed, in their order (for the tests and the console). */
    slugs: () => shown.map((i) => events[i].slug),
  };
}
