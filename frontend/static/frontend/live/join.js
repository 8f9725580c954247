// The join page (frontend/live_pages.py): shows the live class's current step and follows the teacher
// through the class's event stream (live/stream.py). EventSource reconnects by itself after a dropped
// connection; the server's first message is then the current step, so the phone never stays behind.
import { formatDate } from "../core/dates.js";
import { useStrings } from "../core/i18n.js";
import { exploreLink, parseState, stepView, transition } from "./follow.js";

const config = JSON.parse(document.getElementById("join-config").textContent);
const strings = JSON.parse(document.getElementById("join-strings").textContent);
useStrings(JSON.parse(document.getElementById("atlas-strings").textContent), config.defaultLang);

const say = (key, params = {}) => strings[key].replace(/\{(\w+)\}/g, (match, name) => params[name] ?? match);
const $ = (id) => document.getElementById(id);
const LESSON_RETRY_MS = 2000;

let lesson = null;
let shown = null;
let source = null;

function status(text, problem = false) {
  $("live-status").textContent = text;
  $("live-status").dataset.kind = problem ? "problem" : "info";
}

async function loadLesson() {
  while (!lesson) {
    try {
      const response = await fetch(`${config.lessonApi}?lang=${encodeURIComponent(config.lang)}`);
      if (!response.ok) throw new Error(`lessons API: ${response.status}`);
      lesson = await response.json();
    } catch {
      status(say("lessonFailed"), true);
      await new Promise((resolve) => setTimeout(resolve, LESSON_RETRY_MS));
    }
  }
  return lesson;
}

function draw(state) {
  const view = stepView(lesson, state.step, formatDate, config.lang, say);
  $("live-position").textContent = view.position;
  $("live-title").textContent = view.title;
  $("live-date").textContent = view.date;
  $("live-caption").textContent = view.caption;
  $("live-notice").textContent = view.notice;
  $("live-notice").hidden = !view.notice;
  $("live-explore-link").href = exploreLink(config.lessonPage, state.step, config.lang);
  $("live-explore").hidden = !state.released || state.ended;
  document.title = `${view.position} · ${view.title}`;
  // For the browser tests and anyone checking what the phone shows.
  Object.assign(document.body.dataset, { step: state.step, version: state.version, released: state.released });
}

async function receive(event) {
  const state = parseState(event.data);
  if (!state) {
    status(say("malformed"), true);
    return;
  }
  const next = transition(shown, state);
  if (next === "ignore") return;
  shown = state;
  await loadLesson();
  if (shown !== state) return; // a newer message came while the lesson loaded
  draw(state);
  status(say(next));
  if (state.ended) {
    document.body.dataset.ended = "true";
    source?.close();
  }
}

// EventSource stops trying after an answer that is not a stream (the class ended, the code is gone): the
// state URL says why, in the page's language.
async function explain() {
  try {
    const response = await fetch(`${config.state}?lang=${encodeURIComponent(config.lang)}`, {
      headers: { "Accept-Language": config.lang },
    });
    const body = await response.json();
    if (response.ok && !body.ended) {
      setTimeout(connect, LESSON_RETRY_MS); // a passing outage: try again
      return;
    }
    status(response.ok ? say("ended") : body.detail, true);
    $("live-explore").hidden = true;
    document.body.dataset.ended = "true";
  } catch {
    status(say("reconnecting"), true);
    setTimeout(connect, LESSON_RETRY_MS);
  }
}

function connect() {
  source = new EventSource(config.events);
  source.addEventListener("step", receive);
  source.addEventListener("ended", receive);
  source.addEventListener("error", () => {
    if (document.body.dataset.ended) return;
    if (source.readyState === EventSource.CLOSED) explain();
    else status(say("reconnecting"), true);
  });
}

loadLesson();
connect();
