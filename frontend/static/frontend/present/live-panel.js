// A live class from present mode: the teacher starts it, the projected screen shows the join code and a QR
// code of the join page, and every step the class moves to reaches the students' phones (live/teacher.js
// speaks the API). The panel sits beside the stage, not in it: the stage is redrawn on every step.
// A step's quick question: the projected tab reads the tally every TALLY_MS with the class's token and shows
// the class only how many have answered until the teacher asks for the answers (then bars); the presenter
// view, which has no token, is sent every tally over a BroadcastChannel and shows the bars all along, with
// the same show/hide control.

import { t } from "../core/i18n.js";
import { forgetLiveClass, liveClassFor, tallyRows } from "../live/teacher.js";
import { fill, h } from "./dom.js";

const TALLY_CHANNEL = "chronoatlas-live";
const TALLY_MS = 1000;

export function createLivePanel({ store, config }) {
  const panel = h("aside", { class: "live-panel", id: "live-panel", "aria-live": "polite", hidden: "" });
  document.body.append(panel);
  let live = null; // the running LiveClass
  let problem = "";
  let busy = false;
  let sent = null; // the step the phones were last sent
  let moving = Promise.resolve(); // the moves sent so far, one after another
  let tally = null; // the current step's question and answers, as last read (projected tab)
  let answersShown = false; // the projected screen shows the current step's answers
  let tallyTimer = 0;
  let remote = null; // what the projected tab last sent (presenter view): {tally, shown}
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(TALLY_CHANNEL) : null;

  const presenting = (state) => state.mode === "present" && Boolean(state.lesson);

  let shownCode = null; // what the map was last framed around (present.js frames clear of the panel)

  function draw(state = store.get()) {
    _drawNow(state);
    _tellTheMap();
  }

  function _drawNow(state) {
    if (state.mode === "presenter") {
      _drawRemote(state);
      return;
    }
    panel.hidden = !presenting(state);
    if (panel.hidden) return;
    const lang = state.lang;
    const button = (label, action, disabled = false) =>
      h("button", { type: "button", "data-live": action, disabled: disabled || busy, text: t(lang, label) });
    if (!live) {
      fill(
        panel,
        button("liveStart", "start"),
        problem ? h("p", { class: "live-problem", role: "alert", text: problem }) : null,
      );
      return;
    }
    const qr = `${config.api.qr}?${new URLSearchParams({ url: live.joinUrl })}`;
    panel.classList.toggle("live-panel-answers", Boolean(answersShown && tally?.question));
    fill(
      panel,
      h("p", { class: "live-join", text: t(lang, "liveJoin", { url: live.joinUrl.replace(/\/[^/]+\/?$/, "/") }) }),
      h("p", { class: "live-code", "aria-label": t(lang, "liveCodeLabel"), text: live.code }),
      // The answers take the QR code's place: by then the class has joined.
      answersShown && tally?.question
        ? null
        : h("img", { class: "live-qr", src: qr, alt: t(lang, "liveQrAlt", { code: live.code }) }),
      _question(lang, tally, answersShown, button),
      h(
        "p",
        { class: "live-controls" },
        live.state.released ? button("liveRecall", "recall") : button("liveRelease", "release"),
        button("liveEnd", "end"),
      ),
      live.state.released ? h("p", { class: "live-status", text: t(lang, "liveReleased") }) : null,
      problem ? h("p", { class: "live-problem", role: "alert", text: problem }) : null,
    );
  }

  // The step's question, how many have answered, and the bars when `shown`; null for a step without one.
  function _question(lang, read, shown, button) {
    if (!read?.question) return null;
    return h(
      "section",
      { class: "live-question" },
      h("p", { class: "live-question-prompt", text: read.question.prompt }),
      h("p", { class: "live-answer-count", text: t(lang, "liveAnswerCount", { count: read.total }) }),
      shown ? _bars(lang, read) : null,
      shown ? button("liveHideAnswers", "hide") : button("liveShowAnswers", "show"),
    );
  }

  function _bars(lang, read) {
    return h(
      "ol",
      { class: "live-tally" },
      tallyRows(read).map((row) => {
        const bar = h("span", { class: "live-bar" });
        bar.style.width = `${row.percent}%`; // the CSSOM: the page's CSP refuses style attributes
        return h(
          "li",
          {},
          h("span", { class: "live-choice", text: row.choice }),
          h("span", {
            class: "live-choice-count",
            text: t(lang, "liveChoiceTally", { count: row.count, percent: row.percent }),
          }),
          h("span", { class: "live-bar-track", "aria-hidden": "true" }, bar),
        );
      }),
    );
  }

  // The presenter view: the tally the projected tab sent, bars included, for the teacher's eyes only.
  function _drawRemote(state) {
    panel.hidden = !remote?.tally?.question;
    if (panel.hidden) return;
    const lang = state.lang;
    const button = (label, action) => h("button", { type: "button", "data-live": action, text: t(lang, label) });
    fill(
      panel,
      h("p", { class: "live-tally-heading", text: t(lang, remote.shown ? "liveTallyShown" : "liveTallyPrivate") }),
      h(
        "section",
        { class: "live-question" },
        h("p", { class: "live-question-prompt", text: remote.tally.question.prompt }),
        h("p", { class: "live-answer-count", text: t(lang, "liveAnswerCount", { count: remote.tally.total }) }),
        _bars(lang, remote.tally),
        remote.shown ? button("liveHideAnswers", "hide") : button("liveShowAnswers", "show"),
      ),
    );
  }

  function _broadcast() {
    channel?.postMessage({ kind: "tally", tally: live && tally?.question ? tally : null, shown: answersShown });
  }

  async function _pollTally() {
    clearTimeout(tallyTimer);
    if (!live || !presenting(store.get())) return;
    const asked = live;
    try {
      const read = await asked.tally();
      // A tally of the step before a move is not this step's.
      if (asked === live && read.step === sent) {
        const changed = JSON.stringify(read) !== JSON.stringify(tally);
        tally = read;
        if (changed) draw();
        _broadcast();
      }
    } catch {
      // A lost answer: the next one comes in a second. An ended class stops the polling below.
    }
    if (live === asked) tallyTimer = setTimeout(_pollTally, TALLY_MS);
  }

  function _showAnswers(shown) {
    answersShown = shown;
    draw();
    _broadcast();
  }

  async function act(action) {
    if (action === "show" || action === "hide") {
      // In the presenter view the projected tab holds the class: it is asked to show them.
      if (store.get().mode === "presenter") channel?.postMessage({ kind: "show", shown: action === "show" });
      else _showAnswers(action === "show");
      return;
    }
    const state = store.get();
    busy = true;
    problem = "";
    draw();
    try {
      if (action === "start") {
        live = await liveClassFor(state.lesson, {
          step: Number(state.step) || 1,
          lang: state.lang,
          base: config.api.live,
        });
        sent = Number(state.step) || 1;
        // A class kept from before a reload may stand at another step: the phones follow this screen.
        if (live.state.step !== sent) await live.step(sent);
        _pollTally();
      } else if (action === "end") {
        await live.end();
        forgetLiveClass(state.lesson);
        live = null;
        tally = null;
        answersShown = false;
        clearTimeout(tallyTimer);
        _broadcast();
      } else await live[action]();
    } catch (error) {
      problem = t(state.lang, "liveFailed", { reason: error.message });
    }
    busy = false;
    draw();
  }

  // The panel is small with only its button and large with a class's code: the map is framed again when
  // that changes.
  function _tellTheMap() {
    const now = panel.hidden ? null : (live?.code ?? "");
    if (now === shownCode) return;
    shownCode = now;
    document.dispatchEvent(new CustomEvent("live:panel"));
  }

  panel.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-live]");
    if (button) act(button.dataset.live);
  });

  store.subscribe((state, previous) => {
    // The class follows the projected screen only: a presenter window or an explore view moves nobody.
    if (live && presenting(state) && state.step !== previous.step && Number(state.step) !== sent) {
      sent = Number(state.step);
      tally = null;
      answersShown = false;
      _broadcast();
      // One move at a time, in the order the clicker made them: two sent at once could arrive the other way
      // round and leave the phones a step behind the screen.
      const step = sent;
      moving = moving
        .then(() => live?.step(step))
        .then(
          () => {
            draw();
            if (live && step === sent) _pollTally(); // at once: the new step's question, without a second's wait
          },
          (error) => {
            problem = t(state.lang, "liveFailed", { reason: error.message });
            draw();
          },
        );
    }
    if (["mode", "lesson", "lang"].some((key) => state[key] !== previous[key])) {
      draw(state);
      if (live && state.mode !== previous.mode) _pollTally(); // back to present mode: read again
    }
  });
  channel?.addEventListener("message", ({ data }) => {
    if (data?.kind === "tally" && store.get().mode === "presenter") {
      remote = data;
      draw();
    } else if (data?.kind === "show" && live && presenting(store.get())) _showAnswers(Boolean(data.shown));
  });
  draw();
  return { draw: () => draw(), code: () => live?.code ?? null };
}
