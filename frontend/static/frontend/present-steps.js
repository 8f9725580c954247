// What present mode shows, worked out without the page (node's tests call these): a lesson from the
// lessons API turned into steps, and the step a link asks for.

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

// A step's evidence as the API sends it: a list of citations, one passage, or nothing.
function _evidence(evidence) {
  if (!evidence) return [];
  if (typeof evidence === "string") return [{ evidence }];
  return evidence.map((item) => (typeof item === "string" ? { evidence: item } : item));
}

/**
 * The steps of `lesson` ({slug, title, languages?, steps: [...]}, the shape of /api/v1/lessons/<slug>/) and
 * a notice for the class when the lesson as a whole has a problem. `say(key, params)` words a message.
 */
export function lessonSteps(lesson, lang, say) {
  const raw = Array.isArray(lesson?.steps) ? lesson.steps : [];
  const untranslated =
    (Array.isArray(lesson?.languages) && !lesson.languages.includes(lang)) ||
    (raw.length > 0 && raw.every((step) => !step.title && !step.summary));
  const steps = raw.map((step, i) => {
    const view = step.view || step.map_view || null;
    return {
      event: step.event || null,
      // An event unpublished or deleted since the lesson was written: the API says so or sends no title.
      gone: Boolean(step.event_missing || step.missing || (step.event && !step.title && !untranslated)),
      title: step.title || say("stepUntitled", { n: i + 1 }),
      dateText: step.date_text || step.date_wording || "",
      summary: step.summary || "",
      caption: step.caption || "",
      note: step.note || "",
      evidence: _evidence(step.evidence),
      view: view && Number.isFinite(view.lat) && Number.isFinite(view.lon) ? view : null,
      route: step.route || null,
      area: step.area || null,
      places: step.places || [],
      date: step.date || null,
    };
  });
  const notices = [];
  if (!raw.length) notices.push(say("lessonEmpty", { title: lesson?.title || lesson?.slug || "" }));
  if (untranslated) notices.push(say("lessonUntranslated"));
  return { steps, notice: notices.join(" ") };
}
