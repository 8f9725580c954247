// What present mode shows, worked out without the page (node's tests call these): a lesson as the lessons
// API sends it (/api/v1/lessons/<slug>/, lessons/api.py's LessonSerializer; the page gets the same dict
// as the json_script "lesson-data") turned into the steps present.js draws, and the step a link asks for.
import { formatDate, parseEdtf } from "../core/dates.js";

/**
 * The step index (0-based) for the URL's `step` ("1" is the first) among `count` steps, and the problem to
 * tell the class about, if any: "stepBeyond" (past the end: the last is shown) or "stepUnreadable".
 */
export function parseStep(step, count) {
  if (step === null || step === undefined || step === "") return { index: 0, problem: null };
  const n = Number(step);
  if (!Number.isInteger(n) || n < 1) return { index: 0, problem: "stepUnreadable" };
  if (n > count && count > 0) return { index: count - 1, problem: "stepBeyond" };
  return { index: n - 1, problem: null };
}

const pad = (n, width = 2) => String(Math.abs(n)).padStart(width, "0");

/**
 * The day (ISO, "1920-11-05") the map shows for a step: its EDTF date's first day ("1921-03" is
 * 1 March 1921), else its event's first day; null when neither says.
 */
export function mapDay(edtf, event) {
  const side = parseEdtf(edtf)?.start;
  if (side?.month) return `${side.year < 0 ? "-" : ""}${pad(side.year, 4)}-${pad(side.month)}-${pad(side.day || 1)}`;
  return event?.start || event?.end || null;
}

/**
 * `citations` ({evidence, evidence_translation?, label, locator, …}) grouped by passage, in the order first
 * cited, as lessons/selectors.py's `quotes` does: several works cited through one sentence of the article
 * are one quote with every source, so a class reads the passage once.
 */
export function groupQuotes(citations = []) {
  const grouped = new Map();
  for (const citation of citations) {
    const passage = (citation.evidence || "").trim();
    if (!grouped.has(passage)) {
      const quote = { evidence: passage, sources: [] };
      if (citation.evidence_translation) quote.evidence_translation = citation.evidence_translation;
      grouped.set(passage, quote);
    }
    const { evidence, evidence_translation, ...source } = citation;
    grouped.get(passage).sources.push(source);
  }
  return [...grouped.values()];
}

/** The quote a projected step shows: the first with a passage, else the first (sources only), else null. */
export function stageQuote(quotes = []) {
  return quotes.find((quote) => quote.evidence) || quotes[0] || null;
}

/** The medium a projected step shows: its event's first stored image (a link card means nothing on a wall). */
export function stageImage(media = []) {
  return media.find((medium) => medium.uploaded && medium.kind === "image") || null;
}

/** A quote's sources as one line: "Bayur, 1991, p. 12; Gürün, 1991, p. 40". */
export function sourcesText(sources = []) {
  return sources
    .filter((source) => source.label)
    .map((source) => (source.locator ? `${source.label}, ${source.locator}` : source.label))
    .join("; ");
}

/**
 * One step as present.js draws it. Steps made from the events in view (main.js) have the same fields:
 * {event (slug or null), gone, message, title, dateText, written, summary, caption, note, evidence,
 *  quotes ([{evidence, evidence_translation?, sources}]), view ({center, zoom} or null), points, places, routes, date (ISO day for the map),
 *  media (the event's, as the events API sends them)}.
 */
function _step(step, lang, say) {
  const event = step.event;
  const map = step.map || {};
  const citations = step.citations?.length ? step.citations : event?.citations || [];
  return {
    number: step.number,
    event: event?.slug || step.event_slug || null,
    // The server says why a step has no event (removed, unpublished): the class reads that instead.
    gone: !event,
    message: step.message || "",
    title: event?.title || say("stepUntitled", { n: step.number }),
    dateText: event ? formatDate(lang, event) : "",
    written: event?.written?.text ? event.written : null,
    summary: event?.summary || "",
    caption: step.caption || "",
    note: step.teacher_note || "",
    evidence: citations.filter((c) => c.evidence || c.label),
    // The server groups the step's own citations by passage; the event's (a step citing none) are grouped here.
    quotes: step.citations?.length && step.quotes?.length ? step.quotes : groupQuotes(citations),
    view: Array.isArray(map.center) && Number.isFinite(map.zoom) ? { center: map.center, zoom: map.zoom } : null,
    points: map.points || [],
    places: event?.places || [],
    routes: [...new Set([map.route, ...(event?.routes || [])])].filter(Boolean),
    date: mapDay(step.date, event),
    media: event?.media || [],
  };
}

/**
 * The steps of `lesson` and the notice the class reads when the lesson as a whole has a problem (no steps,
 * not written in this language): the server words those (`message`, `fallback_message`) in the lesson's
 * language. `say(key, params)` words the page's own strings.
 */
export function lessonSteps(lesson, lang, say) {
  const raw = Array.isArray(lesson?.steps) ? lesson.steps : [];
  const steps = raw.map((step) => _step(step, lang, say));
  const notices = [lesson?.message, lesson?.fallback_message].filter(Boolean);
  if (!raw.length && !lesson?.message) notices.push(say("lessonEmpty", { title: lesson?.title || "" }));
  return { steps, notice: notices.join(" ") };
}

/**
 * The link a student's phone opens for a step: the lesson page in explore mode at that step (the server
 * renders the step's event), in the teacher's language. `pattern` is the lesson page's URL with "SLUG".
 */
export function studentLink(origin, pattern, slug, number, lang) {
  const params = new URLSearchParams({ step: String(number), lang });
  return `${origin}${pattern.replace("SLUG", encodeURIComponent(slug))}?${params}`;
}
