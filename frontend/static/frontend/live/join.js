// The join page (frontend/live_pages.py): shows the live class's current step and follows the teacher
// through the class's event stream (live/stream.py). EventSource reconnects by itself after a dropped
// connection; the server's first message is then the current step, so the phone never stays behind.
// A step's quick question is answered here, once per phone: the server counts a phone by a random token
// kept in localStorage (follow.js's deviceToken), and the phone remembers its answer to show after a reload.
import { formatDate } from "../core/dates.js";
import { useStrings } from "../core/i18n.js";
import { answerKey, deviceToken, exploreLink, parseState, stepView, transition } from "./follow.js";

const config = JSON.parse(document.getElementById("join-config").textContent);
const strings = JSON.parse(document.getElementById("join-strings").textContent);
useStrings(JSON.parse(document.getElementById("atlas-strings").textContent), config.defaultLang);

const say = (key, params = {}) => strings[key].replace(/\{(\w+)\}/g, (match, name) => params[name] ?? match);
const $ = (id) => document.getElementById(id);
const LESSON_RETRY_MS = 2000;

let lesson = null;
let shown = null;
let source = null;
let questionStep = null; // the step whose question the choices are drawn for

function _storage() {
  try {
    return globalThis.localStorage;
  } catch {
    return null; // refused (a private window, a strict setting): the page still works, it forgets on reload
  }
}
const storage = _storage();
const device = deviceToken(storage);

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
  drawQuestion(state, view.question);
  document.title = `${view.position} · ${view.title}`;
  // For the browser tests and anyone checking what the phone shows.
  Object.assign(document.body.dataset, { step: state.step, version: state.version, released: state.released });
}

function answerStatus(text, problem = false) {
  $("live-answer-status").textContent = text;
  $("live-answer-status").dataset.kind = problem ? "problem" : "info";
}

function rememberedAnswer(step) {
  try {
    return Number(storage?.getItem(answerKey(config.code, step))) || null;
  } catch {
    return null;
  }
}

function remember(step, choice) {
  try {
    storage?.setItem(answerKey(config.code, step), String(choice));
  } catch {
    // Not kept: after a reload the server still refuses a second answer, and says so.
  }
}

function markChoice(choice) {
  for (const button of $("live-choices").querySelectorAll("button")) {
    button.setAttribute("aria-pressed", String(Number(button.dataset.choice) === choice));
    button.disabled = Boolean(choice);
  }
}

function drawQuestion(state, question) {
  $("live-question").hidden = !question || state.ended;
  if (!question) {
    questionStep = null;
    return;
  }
  // A release or a recall redraws the step: what the student picked stays as it is.
  if (questionStep === state.step) return;
  questionStep = state.step;
  $("live-question-prompt").textContent = question.prompt;
  $("live-choices").replaceChildren(
    ...question.choices.map((text, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = text;
      button.dataset.choice = String(index + 1);
      button.addEventListener("click", () => answer(state.step, index + 1, question));
      return button;
    }),
  );
  const answered = rememberedAnswer(state.step);
  markChoice(answered);
  const picked = question.choices[(answered || 0) - 1];
  answerStatus(picked ? say("answered", { choice: picked }) : "");
}

async function answer(step, choice, question) {
  for (const button of $("live-choices").querySelectorAll("button")) button.disabled = true;
  let response = null;
  let body = null;
  try {
    response = await fetch(config.answers, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": config.lang },
      body: JSON.stringify({ step, choice, device }),
    });
    body = await response.json().catch(() => null);
  } catch {
    // The network: said below, and the student may try again.
  }
  if (response?.ok) remember(step, choice); // counted, even if the class has moved on meanwhile
  if (questionStep !== step) return; // the class moved on while the answer was on its way: nothing to draw
  if (response?.ok) {
    markChoice(choice);
    answerStatus(say("answerSent", { choice: question.choices[choice - 1] }));
    return;
  }
  if (response && response.status < 500 && body?.detail) {
    // Refused (answered already, the class moved on or ended): sending again would be refused again.
    answerStatus(body.detail, true);
    return;
  }
  answerStatus(say("answerFailed"), true);
  markChoice(null);
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
    if (response.status === 429) {
      // Too many wrong codes from this network (live/guessing.py): say so, and follow again once allowed.
      status(body.detail, true);
      setTimeout(connect, Number(response.headers.get("Retry-After") || 60) * 1000);
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
