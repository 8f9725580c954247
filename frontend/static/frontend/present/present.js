// Present mode (?mode=present) and the presenter view (?mode=presenter): a lesson, or the events in the
// current window, one step at a time for a projector, stepped with the keys a presentation clicker sends.
// The step lives in the store (and so the URL: every step has its own link); the two windows keep each
// other in step through a BroadcastChannel, as presentation software does.

import { apiURL } from "../core/api.js";
import { LANGUAGES, t } from "../core/i18n.js";
import { mediaNodes } from "../panel/panel.js";
import { clockText, fill, h } from "./dom.js";
import { groupQuotes, lessonSteps, parseStep, sourcesText, stageImage, stageQuote, studentLink } from "./steps.js";

const CHANNEL = "chronoatlas-present";
const SINGLE_PLACE_ZOOM = 5;
const JUMP_TIMEOUT = 3000; // ms a typed step number waits for Enter
const NEXT_KEYS = new Set(["ArrowRight", "PageDown", " ", "ArrowDown"]);
const PREVIOUS_KEYS = new Set(["ArrowLeft", "PageUp", "ArrowUp"]);
const FLIGHT = 0.8; // s: long enough to see where the map goes, short enough not to keep the class waiting
// Type on the projected screen, in px at 1080 lines (scaled to the screen's own): the body starts at BODY
// and steps down by FIT_STEP while the step does not fit, never below FLOOR; beneath it the quote goes
// to a second page.
const BODY = 38;
const FLOOR = 28;
const FIT_STEP = 2;

/**
 * Wire present mode and the presenter view to `store`. `eventSteps(lang, slugs?)` gives the steps of the events
 * in the current window when no lesson is named; `eventDetail(lang, slug)` a Promise of one event in full;
 * `eventRow(slug)` the event's index row (places, routes) or undefined; `placePoints(places, routes)` the
 * [lat, lng] of those places and routes' stops.
 */
export function createPresent({ store, config, map, eventSteps, eventDetail, eventRow, placePoints }) {
  const root = document.documentElement;
  const stage = document.getElementById("present");
  const presenter = document.getElementById("presenter");
  const blank = document.getElementById("present-blank");
  const live = document.getElementById("present-live");
  const bar = document.getElementById("lesson-bar");
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;
  const lessons = new Map(); // "lang|slug" -> Promise of {lesson, problem}
  let current = { key: "", steps: [], notice: "" };
  let typed = "";
  let typedTimer = 0;
  let shownStep = null;
  let focused = false;
  let qrShown = false;
  let pages = { key: "", count: 1, page: 0 }; // the shown step's pages (2 when it does not fit on one)
  let lastNotice = "";
  let greeted = false; // a presenter view asks the projected screen where it is, once

  function _mode(state = store.get()) {
    return ["present", "presenter"].includes(state.mode) ? state.mode : null;
  }

  // The lesson the page was opened on came with it ("lesson-data", the API's own dict): no second request,
  // and a room with a flaky network starts at once. Other languages are fetched on switching.
  const sent = document.getElementById("lesson-data");
  if (sent) {
    const lesson = JSON.parse(sent.textContent);
    lessons.set(`${lesson.language}|${lesson.slug}`, Promise.resolve({ lesson }));
  }

  function _loadLesson(lang, slug) {
    const key = `${lang}|${slug}`;
    if (!lessons.has(key)) {
      const url = apiURL(`${config.api.lessons}${encodeURIComponent(slug)}/`, lang);
      const request = fetch(url).then(
        async (response) => {
          if (response.status === 404) return { problem: t(lang, "lessonNotFound", { slug }) };
          if (!response.ok) return { problem: t(lang, "lessonFailed"), retry: true };
          return { lesson: await response.json() };
        },
        () => ({ problem: t(lang, "lessonFailed"), retry: true }),
      );
      request.then((result) => result.retry && lessons.delete(key));
      lessons.set(key, request);
    }
    return lessons.get(key);
  }

  // The steps to show and any message the lesson as a whole needs (no steps, not in this language).
  async function _steps(state) {
    if (!state.lesson) {
      const steps = eventSteps(state.lang);
      return { steps, notice: steps.length ? "" : t(state.lang, "presentNoEvents") };
    }
    const { lesson, problem } = await _loadLesson(state.lang, state.lesson);
    if (problem) return { steps: [], notice: problem };
    return { title: lesson.title, ...lessonSteps(lesson, state.lang, (key, params) => t(state.lang, key, params)) };
  }

  async function render(state) {
    const mode = _mode(state);
    root.dataset.mode = mode || "explore";
    const key = `${state.lang}|${state.lesson || ""}`;
    if (!mode) {
      stage.hidden = true;
      presenter.hidden = true;
      blank.hidden = true;
      shownStep = null;
      return _drawLessonBar(state, key);
    }
    bar.hidden = true;
    // Steps are fixed on entering: the window moving under a selected event must not renumber them.
    if (current.key !== key || (!state.lesson && !current.steps.length)) current = { key, ...(await _steps(state)) };
    if (store.get() !== state) return; // a newer state is rendering
    const count = current.steps.length;
    const { index, problem } = parseStep(state.step, count);
    const step = current.steps[index] || null;
    const notices = [current.notice, problem && t(state.lang, problem, { step: state.step, count })];
    if (step?.gone) notices.push(step.message || t(state.lang, "stepEventGone", { slug: step.event || "" }));
    const notice = notices.filter(Boolean).join(" ");
    lastNotice = notice;
    // Shown before drawing: the step's text is measured to fit (_fit).
    stage.hidden = mode !== "present";
    presenter.hidden = mode !== "presenter";
    if (mode === "present") _drawStage(state, step, index, count, notice);
    else _drawPresenter(state, step, index, count, notice);
    if (mode === "presenter" && !greeted && count) {
      greeted = true;
      channel?.postMessage({ type: "hello", lesson: state.lesson || "" });
    }
    if (step && shownStep !== `${key}|${index}`) {
      const first = shownStep === null;
      shownStep = `${key}|${index}`;
      live.textContent = t(state.lang, "stepAnnounce", { n: index + 1, count, title: step.title });
      if (mode === "present") _showOnMap(step, { animate: !first });
    }
    // Focus the stage once on entering, so the keys (and a screen reader) start there.
    if (mode === "present" && !focused) {
      focused = true;
      stage.focus();
    }
  }

  // Redrawing replaces the buttons: the one that had the keyboard's focus gets it back (or the stage, when
  // it is now disabled, e.g. "Next" on the last step), so keyboard users are never thrown to the page top.
  function _keepFocus(container, draw) {
    const active = container.contains(document.activeElement) ? document.activeElement : null;
    const selector = active?.dataset.present
      ? `[data-present="${active.dataset.present}"]`
      : active?.dataset.lang
        ? `[data-lang="${active.dataset.lang}"]`
        : null;
    draw();
    if (!selector) return;
    const again = container.querySelector(selector);
    if (again && !again.disabled) again.focus();
    else if (container.hasAttribute("tabindex")) container.focus();
  }

  function _drawStage(state, step, index, count, notice) {
    _keepFocus(stage, () => _drawStageNow(state, step, index, count, notice));
  }

  function _drawStageNow(state, step, index, count, notice) {
    const lang = state.lang;
    const paged = step && pages.key === shownKey(state, index) ? pages : { key: "", count: 1, page: 0 };
    fill(
      stage,
      h(
        "div",
        { class: "present-text", "data-page": paged.count > 1 ? String(paged.page + 1) : null },
        notice ? h("p", { class: "present-notice", role: "status", text: notice }) : null,
        step ? _stageStep(lang, step, paged) : null,
        paged.count > 1
          ? h("p", { class: "present-page", text: t(lang, "presentPage", { n: paged.page + 1, count: paged.count }) })
          : null,
        typed ? h("p", { class: "present-jump", role: "status", text: t(lang, "jumpTo", { n: typed }) }) : null,
      ),
      h(
        "nav",
        { class: "present-controls", "aria-label": t(lang, "presentControls") },
        _button(lang, "stepPrevious", "previous", index <= 0 && paged.page === 0),
        _button(lang, "stepNext", "next", index >= count - 1 && paged.page >= paged.count - 1),
        _button(lang, "presenterOpen", "presenter"),
        _button(lang, "qrShow", "qr", false, qrShown),
        _button(lang, "presentLeave", "leave"),
        _languageButtons(lang),
      ),
      _qr(lang, index),
      _strip(lang, index, count),
    );
    if (step && !step.filled && !step.summary && step.event && !step.gone) _fillFromEvent(state, step);
    if (step && paged.key !== shownKey(state, index)) _fit(state, index);
  }

  // The presenter's copy of the step, at arm's length: everything, every quote.
  function _stepBody(lang, step) {
    const written = step.written
      ? t(lang, "written", { date: `${step.written.text} (${t(lang, `calendar.${step.written.calendar}`)})` })
      : "";
    return h(
      "article",
      { class: "present-step", "data-step-event": step.event || "" },
      h("h3", { class: "present-title", text: step.title }),
      step.dateText ? h("p", { class: "present-date", text: step.dateText }) : null,
      written ? h("p", { class: "present-written", text: written }) : null,
      step.caption ? h("p", { class: "present-caption", text: step.caption }) : null,
      step.summary ? h("p", { class: "present-summary", text: step.summary }) : null,
      step.media?.length ? h("div", { class: "present-media" }, mediaNodes(lang, step.media)) : null,
      (step.quotes || []).map((quote) => _quote(lang, quote)),
    );
  }

  const shownKey = (state, index) => `${state.lang}|${state.lesson || ""}|${index}`;

  // The projected step: its title, date, caption (or, stepping through events, the event's text) and one
  // quote with every source cited through it; on a second page when the whole does not fit at FLOOR.
  function _stageStep(lang, step, paged) {
    const written = step.written
      ? t(lang, "written", { date: `${step.written.text} (${t(lang, `calendar.${step.written.calendar}`)})` })
      : "";
    const text = step.caption || step.summary;
    const quote = stageQuote(step.quotes);
    const image = stageImage(step.media);
    const head = paged.count < 2 || paged.page === 0;
    const tail = paged.count < 2 || paged.page === 1;
    return h(
      "article",
      { class: "present-step", "data-step-event": step.event || "" },
      h("h1", { class: "present-title", id: "present-title", text: step.title }),
      step.dateText ? h("p", { class: "present-date", text: step.dateText }) : null,
      written && head ? h("p", { class: "present-written", text: written }) : null,
      text && head ? h("p", { class: step.caption ? "present-caption" : "present-summary", text }) : null,
      image && head ? h("div", { class: "present-media" }, mediaNodes(lang, [image])) : null,
      quote && tail ? _quote(lang, quote) : null,
    );
  }

  // The article's words in its own language; in a lesson read in another, the curator's translation under
  // them, said to be one.
  function _quote(lang, quote) {
    const evidenceLang = config.evidenceLang;
    const translation = lang !== evidenceLang && quote.evidence_translation;
    const sources = sourcesText(quote.sources);
    return h(
      "figure",
      { class: "present-quote", "aria-label": t(lang, "evidence") },
      quote.evidence
        ? h("blockquote", { class: "present-evidence", lang: evidenceLang }, h("q", { text: quote.evidence }))
        : null,
      translation
        ? h(
            "p",
            { class: "present-translation", lang },
            h("span", { class: "present-translation-label", text: `${t(lang, "evidenceTranslation")}: ` }),
            h("span", { text: translation }),
          )
        : null,
      sources ? h("figcaption", {}, h("cite", { text: sources })) : null,
    );
  }

  // The class's place in the lesson: a tick per step on a line from the first step's day to the last's,
  // the current one marked, "Step n of N" beside it.
  function _strip(lang, index, count) {
    if (!count) return h("div", { class: "present-strip" }, h("p", { class: "present-progress", text: "" }));
    const days = current.steps.map((step) => (step.date ? Date.parse(step.date) : Number.NaN));
    const known = days.filter(Number.isFinite);
    const first = Math.min(...known);
    const last = Math.max(...known);
    const byDay = known.length === count && last > first;
    const at = (i) => (byDay ? (days[i] - first) / (last - first) : count > 1 ? i / (count - 1) : 0);
    const [from, to] = [first, last].map((day) => new Date(day).getUTCFullYear());
    const span = from === to ? String(from) : `${from} – ${to}`;
    return h(
      "div",
      { class: "present-strip" },
      h("p", { class: "present-progress", text: t(lang, "stepOf", { n: index + 1, count }) }),
      h(
        "div",
        {
          class: "present-track",
          role: "progressbar",
          "aria-valuemin": "1",
          "aria-valuemax": String(count),
          "aria-valuenow": String(index + 1),
          "aria-label": t(lang, "stepOf", { n: index + 1, count }),
        },
        current.steps.map((_, i) => {
          const kind = i === index ? " present-tick-now" : i < index ? " present-tick-done" : "";
          const tick = h("span", { class: `present-tick${kind}` });
          tick.style.left = `${(at(i) * 100).toFixed(2)}%`; // the CSSOM: the page's CSP refuses style attributes
          return tick;
        }),
      ),
      h("p", { class: "present-span", "aria-hidden": "true", text: byDay ? span : "" }),
    );
  }

  // Long captions: the type steps down until the step fits its box (never a cut line), to FLOOR at 1080
  // lines scaled to this screen; if it still does not fit, the quote goes to a second page.
  function _fit(state, index) {
    const box = stage.querySelector(".present-text");
    if (!box) return;
    const scale = Math.min(window.innerHeight / 1080, window.innerWidth / 1440);
    const fits = () => box.scrollHeight <= box.clientHeight + 1;
    let size = BODY;
    stage.style.setProperty("--present-body", `${(size * scale).toFixed(1)}px`);
    while (!fits() && size - FIT_STEP >= FLOOR) {
      size -= FIT_STEP;
      stage.style.setProperty("--present-body", `${(size * scale).toFixed(1)}px`);
    }
    const key = shownKey(state, index);
    if (pages.key === key) return;
    pages = { key, count: fits() ? 1 : 2, page: 0 };
    if (pages.count === 1) return;
    _drawStageNow(state, current.steps[index], index, current.steps.length, lastNotice);
    // Each page alone is short; a caption too long even for a page of its own still is never cut.
    while (!fits() && size > 12) {
      size -= FIT_STEP;
      stage.style.setProperty("--present-body", `${(size * scale).toFixed(1)}px`);
    }
  }

  /** Next and Previous turn a step's second page before moving on; true when they did. */
  function _turnPage(delta) {
    const key = shownKey(store.get(), _position());
    const page = pages.page + delta;
    if (pages.key !== key || page < 0 || page >= pages.count) return false;
    pages = { ...pages, page };
    render(store.get());
    return true;
  }

  // A QR code of the step's student link, made by the server (/qr.svg): no outside service sees it.
  function _qr(lang, index) {
    const state = store.get();
    const step = current.steps[index];
    if (!qrShown || !step) return null;
    const link = state.lesson
      ? studentLink(location.origin, config.api.lessonPage, state.lesson, index + 1, lang)
      : `${location.origin}${location.pathname}?${new URLSearchParams({ event: step.event, lang })}`;
    return h(
      "figure",
      { class: "present-qr" },
      h("img", { src: `${config.api.qr}?${new URLSearchParams({ url: link })}`, alt: t(lang, "qrAlt") }),
      h("figcaption", {}, h("a", { href: link, text: link })),
    );
  }

  // The header is hidden while presenting: the language can still be switched, keeping the step.
  function _languageButtons(lang) {
    return LANGUAGES.map((code) =>
      h("button", {
        type: "button",
        "data-lang": code,
        lang: code,
        "aria-pressed": String(code === lang),
        text: code.toLocaleUpperCase(code),
      }),
    );
  }

  function _button(lang, label, action, disabled = false, pressed = null) {
    const attrs = { type: "button", "data-present": action, disabled, text: t(lang, label) };
    if (pressed !== null) attrs["aria-pressed"] = String(pressed);
    return h("button", attrs);
  }

  // Steps built from events carry the index row only: the summary and evidence arrive with the event.
  function _fillFromEvent(state, step) {
    step.filled = true; // once: an event with no summary must not be asked for on every render
    eventDetail(state.lang, step.event).then(
      (full) => {
        step.summary = full.summary || "";
        step.media = full.media || [];
        step.evidence = (full.citations || []).map((c) => ({
          label: c.label,
          locator: c.locator,
          evidence: c.evidence,
        }));
        step.quotes = groupQuotes(full.citations || []);
        pages = { key: "", count: 1, page: 0 }; // fitted again with the text that came
        if (store.get() === state) render(state);
      },
      () => {},
    );
  }

  function _drawPresenter(state, step, index, count, notice) {
    _keepFocus(presenter, () => _drawPresenterNow(state, step, index, count, notice));
    if (step && !step.filled && !step.summary && step.event && !step.gone) _fillFromEvent(state, step);
  }

  function _drawPresenterNow(state, step, index, count, notice) {
    const lang = state.lang;
    const next = index + 1 < count ? current.steps[index + 1] : null;
    fill(
      presenter,
      h("h1", { class: "presenter-heading", text: t(lang, "presenterView") }),
      h("p", { class: "present-progress", text: count ? t(lang, "stepOf", { n: index + 1, count }) : "" }),
      h("p", { class: "presenter-clock", "aria-hidden": "true", text: clockText(lang) }),
      notice ? h("p", { class: "present-notice", role: "status", text: notice }) : null,
      h(
        "section",
        { class: "presenter-current", "aria-labelledby": "presenter-now" },
        h("h2", { id: "presenter-now", text: t(lang, "presenterCurrent") }),
        step ? _stepBody(lang, step) : null,
      ),
      h(
        "section",
        { class: "presenter-notes", "aria-labelledby": "presenter-notes-heading" },
        h("h2", { id: "presenter-notes-heading", text: t(lang, "presenterNotes") }),
        h("p", { text: step?.note || t(lang, "presenterNoNotes") }),
      ),
      h(
        "section",
        { class: "presenter-next", "aria-labelledby": "presenter-next-heading" },
        h("h2", { id: "presenter-next-heading", text: t(lang, "presenterNext") }),
        h("p", { text: next ? next.title : t(lang, "presenterEnd") }),
      ),
      h(
        "nav",
        { class: "present-controls", "aria-label": t(lang, "presentControls") },
        _button(lang, "stepPrevious", "previous", index <= 0),
        _button(lang, "stepNext", "next", index >= count - 1),
        _button(lang, "blankScreen", "blank"),
      ),
    );
  }

  // The step's places and routes (a lesson's: the points the server worked out), else the author's view,
  // framed in the part of the map the text leaves free.
  function _showOnMap(step, { animate }) {
    const leaflet = map.leaflet;
    leaflet.invalidateSize({ animate: false });
    const motion = animate && !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const text = stage.querySelector(".present-text");
    const covered = text ? Math.min(text.getBoundingClientRect().right, leaflet.getSize().x / 2) : 0;
    // A live class's join code stands over the map's right side: the places are framed clear of it too.
    const live = document.getElementById("live-panel");
    const coveredRight =
      live && !live.hidden ? Math.min(live.getBoundingClientRect().width, leaflet.getSize().x / 4) : 0;
    const margin = 40;
    // The step's places first: an author's view set before the places were drawn may leave one out.
    const points = _points(step);
    if (!points.length && step.view) {
      // The author's centre, moved right by half the text's width so it stands in the free part.
      const zoom = step.view.zoom;
      const shift = [(covered - coveredRight) / 2, 0];
      const center = leaflet.unproject(leaflet.project(step.view.center, zoom).subtract(shift), zoom);
      if (motion) leaflet.flyTo(center, zoom, { duration: FLIGHT });
      else leaflet.setView(center, zoom, { animate: false });
      return;
    }
    if (!points.length) return;
    const bounds = window.L.latLngBounds(points);
    const options = {
      paddingTopLeft: [covered + margin, margin],
      paddingBottomRight: [coveredRight + margin, margin],
      maxZoom: 7,
    };
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      // One place: close enough to see it, far enough for the class to see where it is (the basemap is land
      // and sea only, so a closer view is an empty plain).
      const zoom = SINGLE_PLACE_ZOOM;
      const shift = [(covered - coveredRight) / 2, 0];
      const center = leaflet.unproject(leaflet.project(bounds.getCenter(), zoom).subtract(shift), zoom);
      if (motion) leaflet.flyTo(center, zoom, { duration: FLIGHT });
      else leaflet.setView(center, zoom, { animate: false });
    } else if (motion) leaflet.flyToBounds(bounds, { ...options, duration: FLIGHT });
    else leaflet.fitBounds(bounds, { ...options, animate: false });
  }

  // Where a step is: the server's points for a lesson's step, else its places' and routes' own.
  function _points(step) {
    if (step.points?.length) return step.points;
    const row = (step.event && eventRow(step.event)) || {};
    const places = step.places?.length ? step.places : row.places || [];
    const routes = step.routes?.length ? step.routes : row.routes || [];
    return placePoints(places, routes);
  }

  // A lesson opened in explore mode (a student's link, /lessons/<slug>/?step=N): which lesson and step this
  // is, the step's caption, and buttons to the steps either side; the panel and map show the step's event.
  async function _drawLessonBar(state, key) {
    if (!state.lesson) {
      bar.hidden = true;
      return;
    }
    if (current.key !== key) current = { key, ...(await _steps(state)) };
    if (store.get() !== state || _mode(state)) return;
    const lang = state.lang;
    const count = current.steps.length;
    const { index } = parseStep(state.step, count);
    const step = current.steps[index];
    _keepFocus(bar, () =>
      fill(
        bar,
        h(
          "p",
          { class: "lesson-bar-title" },
          h("strong", { text: t(lang, "lessonBar", { title: current.title || "" }) }),
        ),
        count ? h("p", { class: "lesson-bar-progress", text: t(lang, "stepOf", { n: index + 1, count }) }) : null,
        current.notice ? h("p", { class: "present-notice", text: current.notice }) : null,
        step?.gone && step.message ? h("p", { class: "present-notice", text: step.message }) : null,
        step?.caption ? h("p", { class: "lesson-bar-caption", text: step.caption }) : null,
        h(
          "p",
          { class: "lesson-bar-controls" },
          _button(lang, "stepPrevious", "bar-previous", index <= 0),
          _button(lang, "stepNext", "bar-next", index >= count - 1),
          _button(lang, "presentFromHere", "start", !count),
          _button(lang, "lessonBarClose", "bar-close"),
        ),
      ),
    );
    bar.hidden = false;
  }

  // In explore mode a step is its event, selected as a click on the timeline would: panel, map, URL.
  function _exploreStep(index) {
    const step = current.steps[Math.min(current.steps.length - 1, Math.max(0, index))];
    if (!step) return;
    const event = step.event && !step.gone ? { event: step.event } : {};
    store.set({ step: String(step.number), ...event, ...(step.date && { on: step.date }) }, { history: "push" });
  }

  // ---- moving ---------------------------------------------------------------------------------------
  /** Go to step `index` (0-based, clamped), tell the other window unless it told us. */
  function go(index, { tell = true } = {}) {
    const count = current.steps.length;
    if (!count) return;
    const target = Math.min(count - 1, Math.max(0, index));
    const step = current.steps[target];
    blank.hidden = true;
    // Only the step and the day: the explore view's selection (timeline, panel) is hidden while presenting
    // and costs more than a step may; it takes the step's event on leaving.
    store.set({ step: String(target + 1), ...(step.date && { on: step.date }) }, { history: "replace" });
    if (tell) _tellStep(target);
  }

  // Without a lesson the steps are the events each window lists, which its own window and filter decide:
  // the message carries them, so the other window steps through the same events, not just the same number.
  function _tellStep(index) {
    const lesson = store.get().lesson || "";
    const events = lesson ? undefined : current.steps.map((step) => step.event);
    channel?.postMessage({ type: "step", lesson, step: index + 1, events });
  }

  function _adopt(events) {
    if (!Array.isArray(events) || events.join(" ") === current.steps.map((step) => step.event).join(" ")) return;
    current = { ...current, steps: eventSteps(store.get().lang, events), notice: "" };
    pages = { key: "", count: 1, page: 0 };
    shownStep = null;
  }

  function _position() {
    return parseStep(store.get().step, current.steps.length).index;
  }

  function toggleBlank({ tell = true } = {}) {
    if (_mode() === "present") blank.hidden = !blank.hidden;
    if (tell) channel?.postMessage({ type: "blank", lesson: store.get().lesson || "" });
  }

  function leave() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    focused = false;
    const step = current.steps[_position()];
    const event = step?.event && !step.gone ? { event: step.event } : {};
    store.set({ mode: null, lesson: null, step: null, ...event }, { history: "push" });
  }

  function openPresenter() {
    const params = new URLSearchParams(location.search);
    params.set("mode", "presenter");
    params.set("step", String(_position() + 1));
    window.open(`${location.pathname}?${params}`, "chronoatlas-presenter", "popup,width=1100,height=760");
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else root.requestFullscreen?.().catch(() => {});
  }

  function _act(action) {
    if (action === "next") _turnPage(1) || go(_position() + 1);
    else if (action === "previous") _turnPage(-1) || go(_position() - 1);
    else if (action === "first") go(0);
    else if (action === "last") go(current.steps.length - 1);
    else if (action === "blank") toggleBlank();
    else if (action === "leave") leave();
    else if (action === "presenter") openPresenter();
    else if (action === "fullscreen") toggleFullscreen();
    else if (action === "bar-previous") _exploreStep(_position() - 1);
    else if (action === "bar-next") _exploreStep(_position() + 1);
    else if (action === "bar-close") store.set({ lesson: null, step: null }, { history: "push" });
    else if (action === "qr") {
      qrShown = !qrShown;
      render(store.get());
    }
  }

  function _keyAction(event) {
    const { key } = event;
    if (NEXT_KEYS.has(key)) return key === " " && event.shiftKey ? "previous" : "next";
    if (PREVIOUS_KEYS.has(key)) return "previous";
    if (key === "Home") return "first";
    if (key === "End") return "last";
    if (key === "b" || key === "B" || key === ".") return "blank";
    if (key === "f" || key === "F") return "fullscreen";
    if (key === "q" || key === "Q") return _mode() === "present" ? "qr" : null;
    if (key === "p" || key === "P") return _mode() === "present" ? "presenter" : null;
    if (key === "Escape") return "leave";
    return null;
  }

  function _typedDigit(key) {
    typed = `${typed}${key}`.slice(-4);
    clearTimeout(typedTimer);
    typedTimer = setTimeout(() => {
      typed = "";
      render(store.get());
    }, JUMP_TIMEOUT);
    render(store.get());
  }

  document.addEventListener(
    "keydown",
    (event) => {
      if (!_mode() || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.target.closest?.("input, select, textarea, [contenteditable]")) return;
      // Buttons answer Enter and Space themselves: a focused "Next" must not step twice.
      if (event.target.closest?.("button") && (event.key === "Enter" || event.key === " ")) return;
      if (/^\d$/.test(event.key)) {
        event.preventDefault();
        return _typedDigit(event.key);
      }
      if (event.key === "Enter" && typed) {
        const n = Number(typed);
        typed = "";
        clearTimeout(typedTimer);
        go(n - 1);
        render(store.get());
        return event.preventDefault();
      }
      if (event.key === "Escape" && typed) {
        typed = "";
        return render(store.get());
      }
      const action = _keyAction(event);
      if (!action) return;
      if (action === "leave" && _mode() === "presenter") return;
      event.preventDefault();
      event.stopImmediatePropagation(); // explore's own keys (Esc clears a place) stand aside
      _act(action);
    },
    true,
  );
  document.addEventListener("click", (event) => {
    // "start" is launch.js's: it works before this module has loaded.
    const button = event.target.closest?.("[data-present]");
    if (button && button.dataset.present !== "start") _act(button.dataset.present);
  });
  channel?.addEventListener("message", ({ data }) => {
    if (!_mode() || (data.lesson || "") !== (store.get().lesson || "")) return;
    if (data.type === "hello") {
      // A presenter view just opened: the projected screen says where the class is.
      if (_mode() === "present" && current.steps.length) _tellStep(_position());
    } else if (data.type === "step") {
      if (!data.lesson) _adopt(data.events);
      go(data.step - 1, { tell: false });
      render(store.get()); // the same number may now be another event
    } else if (data.type === "blank") toggleBlank({ tell: false });
  });
  document.addEventListener("fullscreenchange", () => map.leaflet.invalidateSize({ animate: false }));
  // A live class's panel appeared or went: the step's places are framed again, clear of it.
  document.addEventListener("live:panel", () => {
    const step = _mode() === "present" ? current.steps[_position()] : null;
    if (step) _showOnMap(step, { animate: true });
  });
  // Another screen (a projector plugged in, full screen): the step is fitted to it again.
  let resized = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resized);
    resized = setTimeout(() => {
      if (_mode() !== "present") return;
      pages = { key: "", count: 1, page: 0 };
      render(store.get());
    }, 150);
  });
  setInterval(() => {
    const clock = presenter.querySelector(".presenter-clock");
    if (clock && !presenter.hidden) clock.textContent = clockText(store.get().lang);
  }, 1000);

  store.subscribe((state, previous) => {
    const watched = ["mode", "lesson", "step", "lang"];
    if (watched.some((key) => state[key] !== previous[key])) render(state);
  });

  return {
    render: () => render(store.get()),
    /** The steps shown (titles), for the tests and the console. */
    steps: () => current.steps.map((step) => step.title),
    /** Whether the screen is blanked. */
    blanked: () => !blank.hidden,
  };
}
