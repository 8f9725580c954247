// What a student's phone makes of the live class's messages, without the page (node's tests call these).
// The messages are live/stream.py's: {code, lesson, lang, step, released, version, ended}.

/** The state in a message's data, or null when it is not one (the page then says so and waits). */
export function parseState(data) {
  let state;
  try {
    state = JSON.parse(data);
  } catch {
    return null;
  }
  const whole = (n) => Number.isInteger(n) && n >= 1;
  if (!state || typeof state !== "object" || !whole(state.step) || !whole(state.version)) return null;
  if (typeof state.released !== "boolean" || typeof state.ended !== "boolean") return null;
  return state;
}

/**
 * What follows from `next` after `shown` (null before the first): "ignore" an older or repeated message,
 * else what the status line says: "ended", "released", "recalled" (released before, not now) or "following".
 */
export function transition(shown, next) {
  if (shown && next.version <= shown.version && next.ended === shown.ended) return "ignore";
  if (next.ended) return "ended";
  if (next.released) return "released";
  if (shown?.released) return "recalled";
  return "following";
}

/** The step `number` (1-based) of a lesson as the lessons API sends it: what the phone shows of it. */
export function stepView(lesson, number, formatDate, lang, say) {
  const step = lesson?.steps?.[number - 1];
  const count = lesson?.steps?.length || 0;
  const position = say("position", { n: number, count });
  if (!step)
    return { position, title: say("untitled", { n: number }), date: "", caption: "", notice: "", question: null };
  return {
    position,
    title: step.event?.title || say("untitled", { n: number }),
    date: step.event ? formatDate(lang, step.event) : "",
    caption: step.caption || "",
    notice: step.message || "",
    question: step.question?.choices?.length ? step.question : null,
  };
}

/** The atlas at the class's step, in explore mode: where "explore freely" leads. */
export function exploreLink(lessonPage, number, lang) {
  const params = new URLSearchParams({ step: String(number), lang });
  return `${lessonPage}?${params}`;
}

const DEVICE_KEY = "chronoatlas.live.device";

/**
 * This phone's answer token: random, made once and kept in `storage` (localStorage), so that a reload
 * still counts as the same phone. It names nothing; the server keeps only a hash of it. Where storage is
 * refused (a private window) the token lasts as long as the page.
 */
export function deviceToken(storage, random = (bytes) => crypto.getRandomValues(bytes)) {
  try {
    const kept = storage?.getItem(DEVICE_KEY);
    if (kept && /^[0-9a-f]{32}$/.test(kept)) return kept;
  } catch {
    // Storage refused: a token for this page only.
  }
  const token = Array.from(random(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
  try {
    storage?.setItem(DEVICE_KEY, token);
  } catch {
    // As above.
  }
  return token;
}

/** Where the phone remembers its answer to class `code`'s step `step` (the choice's number). */
export function answerKey(code, step) {
  return `chronoatlas.live.answer.${code}.${step}`;
}
