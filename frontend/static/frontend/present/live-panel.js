// A live class from present mode: the teacher starts it, the projected screen shows the join code and a QR
// code of the join page, and every step the class moves to reaches the students' phones (live/teacher.js
// speaks the API). The panel sits beside the stage, not in it: the stage is redrawn on every step.

import { t } from "../core/i18n.js";
import { forgetLiveClass, liveClassFor } from "../live/teacher.js";
import { fill, h } from "./dom.js";

export function createLivePanel({ store, config }) {
  const panel = h("aside", { class: "live-panel", id: "live-panel", "aria-live": "polite", hidden: "" });
  document.body.append(panel);
  let live = null; // the running LiveClass
  let problem = "";
  let busy = false;
  let sent = null; // the step the phones were last sent
  let moving = Promise.resolve(); // the moves sent so far, one after another

  const presenting = (state) => state.mode === "present" && Boolean(state.lesson);

  let shownCode = null; // what the map was last framed around (present.js frames clear of the panel)

  function draw(state = store.get()) {
    _drawNow(state);
    _tellTheMap();
  }

  function _drawNow(state) {
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
    fill(
      panel,
      h("p", { class: "live-join", text: t(lang, "liveJoin", { url: live.joinUrl.replace(/\/[^/]+\/?$/, "/") }) }),
      h("p", { class: "live-code", "aria-label": t(lang, "liveCodeLabel"), text: live.code }),
      h("img", { class: "live-qr", src: qr, alt: t(lang, "liveQrAlt", { code: live.code }) }),
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

  async function act(action) {
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
      } else if (action === "end") {
        await live.end();
        forgetLiveClass(state.lesson);
        live = null;
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
      // One move at a time, in the order the clicker made them: two sent at once could arrive the other way
      // round and leave the phones a step behind the screen.
      const step = sent;
      moving = moving
        .then(() => live?.step(step))
        .then(
          () => draw(),
          (error) => {
            problem = t(state.lang, "liveFailed", { reason: error.message });
            draw();
          },
        );
    }
    if (["mode", "lesson", "lang"].some((key) => state[key] !== previous[key])) draw(state);
  });
  draw();
  return { draw: () => draw(), code: () => live?.code ?? null };
}
