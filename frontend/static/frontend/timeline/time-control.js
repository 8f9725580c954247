// The map's date: a native range input (arrows step a day, PageUp/PageDown ten, Home/End the ends, all
// announced through aria-valuetext), a play button (Space on the slider toggles it too) and a speed.
// Playback is continuous where motion is welcome; under prefers-reduced-motion it moves in whole steps,
// once a second, so nothing slides.

import { dayToIso, formatDay, isoToDay } from "../core/dates.js";
import { t } from "../core/i18n.js";

const SPEEDS = { speedWeek: 7, speedMonth: 30, speedQuarter: 91 }; // days per second of playback

// Days before the common era keep EDTF's signed four-digit years ("-0043-03-15").
const _iso = dayToIso;

/** Build the control in `element`. Callback: onChange(isoDay, {playing, final}) as the visitor moves it. */
export function createTimeControl(element, { lang, onChange }) {
  element.classList.add("time-control");
  element.setAttribute("role", "group");
  element.innerHTML = `
    <button type="button" class="time-play" aria-pressed="false"></button>
    <input type="range" class="time-slider" min="0" max="0" step="1" value="0">
    <output class="time-day" aria-hidden="true"></output>
    <select class="time-speed"></select>
    <p class="time-message" role="status" hidden></p>`;
  const button = element.querySelector(".time-play");
  const slider = element.querySelector(".time-slider");
  const output = element.querySelector(".time-day");
  const speed = element.querySelector(".time-speed");
  const message = element.querySelector(".time-message");
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  let playing = false;
  let frame = 0;
  let stepper = 0;
  let position = 0; // fractional day while playing continuously

  function _show(day) {
    slider.value = String(Math.round(day));
    const text = formatDay(lang, _iso(Math.round(day)));
    output.textContent = text;
    slider.setAttribute("aria-valuetext", text);
    element.dataset.day = _iso(Math.round(day));
  }

  function _emit(final) {
    onChange(_iso(Number(slider.value)), { playing, final });
  }

  function _advance(days) {
    const end = Number(slider.max);
    position = Math.min(end, position + days);
    const before = slider.value;
    _show(position);
    if (slider.value !== before) _emit(false);
    if (position >= end) api.pause();
  }

  function _tick(last) {
    frame = requestAnimationFrame((now) => {
      if (!playing) return;
      _advance((SPEEDS[speed.value] * (now - last)) / 1000);
      if (playing) _tick(now);
    });
  }

  function _renderButton() {
    button.textContent = playing ? "❚❚" : "▶";
    button.setAttribute("aria-pressed", String(playing));
    button.setAttribute("aria-label", t(lang, playing ? "pause" : "play"));
    button.title = t(lang, playing ? "pause" : "play");
    element.dataset.playing = String(playing);
  }

  button.addEventListener("click", () => (playing ? api.pause() : api.play()));
  slider.addEventListener("input", () => {
    if (playing) api.pause();
    position = Number(slider.value);
    _show(position);
    _emit(false);
  });
  slider.addEventListener("change", () => _emit(true));
  slider.addEventListener("keydown", (event) => {
    if (event.key !== " ") return;
    event.preventDefault(); // Space would otherwise scroll the page
    if (playing) api.pause();
    else api.play();
  });

  const api = {
    /** The first and last days (ISO) the slider reaches. */
    setExtent(first, last) {
      slider.min = String(isoToDay(first));
      slider.max = String(isoToDay(last));
    },
    /** Show `iso` without telling the callback (the store already knows). */
    setDay(iso) {
      if (!iso) return;
      position = isoToDay(iso);
      _show(position);
    },
    /** A message under the control (a date that could not be shown), or none for "". */
    setMessage(text) {
      message.textContent = text;
      message.hidden = !text;
    },
    play() {
      if (playing) return;
      if (Number(slider.value) >= Number(slider.max))
        position = Number(slider.min); // from the start again
      else position = Number(slider.value);
      playing = true;
      _renderButton();
      if (reducedMotion.matches) stepper = setInterval(() => _advance(SPEEDS[speed.value]), 1000);
      else _tick(performance.now());
    },
    pause() {
      if (!playing) return;
      playing = false;
      cancelAnimationFrame(frame);
      clearInterval(stepper);
      _renderButton();
      _emit(true);
    },
    isPlaying: () => playing,
    setLang(next) {
      lang = next;
      element.setAttribute("aria-label", t(lang, "mapDate"));
      slider.setAttribute("aria-label", t(lang, "mapDate"));
      speed.setAttribute("aria-label", t(lang, "speed"));
      const chosen = speed.value || "speedMonth";
      speed.replaceChildren(
        ...Object.keys(SPEEDS).map((key) => {
          const option = document.createElement("option");
          option.value = key;
          option.textContent = t(lang, key);
          return option;
        }),
      );
      speed.value = chosen;
      _renderButton();
      if (slider.max !== "0") _show(Number(slider.value));
    },
  };
  api.setLang(lang);
  return api;
}
