// The DOM side of present mode that needs no state: building elements, the clock's wording, and filling in
// what a lesson link leaves out from the lesson the server sent with the page.
import { mapDay } from "./present-steps.js";

/** An element: `attrs` set (text as its textContent; null, undefined and false left out), `children` appended. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

// replaceChildren would write a null child as the text "null": left-out parts are dropped first.
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

/**
 * `fromURL` with what a lesson link (/lessons/<slug>/?step=N, ?lesson=…) leaves out filled from the lesson
 * the server sent with the page: the lesson, its step, the step's event (explore mode opens on it) and
 * the map's day.
 */
export function lessonLink(fromURL) {
  const sent = document.getElementById("lesson-data");
  if (!sent) return fromURL;
  const lesson = JSON.parse(sent.textContent);
  // Back and Forward keep this page: the lesson is filled in only where the URL names it (its own path
  // or ?lesson=), not on the atlas's plain URL a reader who closed the lesson went back to.
  const named = fromURL.lesson === lesson.slug || location.pathname.endsWith(`/lessons/${lesson.slug}/`);
  if (!named) return fromURL;
  const step = lesson.steps[lesson.current_step - 1];
  return {
    ...fromURL,
    lesson: fromURL.lesson || lesson.slug,
    step: fromURL.step || (step ? String(step.number) : null),
    event: fromURL.event || step?.event?.slug || null,
    on: fromURL.on || (step ? mapDay(step.date, step.event) : null),
  };
}

/** The time of day as a presenter's clock shows it ("14:05"), in `lang`'s form. */
export function clockText(lang, now = new Date()) {
  return new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" }).format(now);
}
