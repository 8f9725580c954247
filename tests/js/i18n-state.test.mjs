// UI strings (plurals, numbers, fallbacks) and the URL state a link restores.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_LANGUAGE, supported, t } from "../../frontend/static/frontend/core/i18n.js";
import { pathFor, queryFromState, stateFromURL } from "../../frontend/static/frontend/core/state.js";
import { loadStrings } from "./strings.mjs";

loadStrings();

test("a count of one is singular in English; Turkish keeps the noun singular after every number", () => {
  assert.equal(t("en", "placeEvents", { place: "Baku", count: 1 }), "Baku: 1 event");
  assert.equal(t("en", "placeEvents", { place: "Kars", count: 2 }), "Kars: 2 events");
  assert.equal(t("en", "searchResults", { count: 1 }), "1 result found");
  assert.equal(t("en", "searchResults", { count: 0 }), "0 results found");
  assert.equal(t("tr", "placeEvents", { place: "Kars", count: 2 }), "Kars: 2 olay");
});

test("numbers are written as the language writes them", () => {
  assert.equal(t("tr", "more", { count: 33275 }), "33.275 olay daha; yakınlaştırmak için tıklayın");
  assert.equal(t("en", "more", { count: 33275 }), "33,275 more events; click to zoom in");
});

test("an unknown language falls back to the server's default", () => {
  assert.equal(DEFAULT_LANGUAGE, "tr");
  assert.equal(supported("de"), "tr");
  assert.equal(t("de", "map"), t("tr", "map"));
});

test("a link without a theme says nothing about the theme, so the reader's settings decide", () => {
  assert.equal(stateFromURL("/?event=test-kars").theme, null);
  assert.equal(stateFromURL("/?theme=contrast").theme, "contrast");
});

test("the URL keeps only what differs from the defaults, and reads back to the same state", () => {
  const state = { event: "treaty-of-kars", place: null, on: "1921-10-13", route: null, lang: "en", theme: "normal" };
  const query = queryFromState(state);

  assert.equal(query, "?event=treaty-of-kars&on=1921-10-13&lang=en");
  assert.deepEqual(stateFromURL(query), { ...state, theme: null, mode: null, lesson: null, step: null });
});

test("a presented step has its own link: mode, lesson and step round-trip through the URL", () => {
  const state = { event: null, place: null, on: null, route: null, lang: "tr", theme: "normal" };
  const presented = { ...state, mode: "present", lesson: "road-to-moscow", step: "5" };
  const query = queryFromState(presented);
  assert.equal(query, "?lang=tr&mode=present&lesson=road-to-moscow&step=5");
  assert.deepEqual(stateFromURL(query), { ...presented, theme: null });
});

test("leaving a lesson opened from its own link takes the URL back to the atlas, so a reload stays out of it", () => {
  assert.equal(pathFor("/lessons/road-to-moscow/", { lesson: "road-to-moscow" }), "/lessons/road-to-moscow/");
  assert.equal(pathFor("/lessons/road-to-moscow/", { lesson: null }), "/");
  assert.equal(pathFor("/atlas/lessons/road-to-moscow/", { lesson: null }), "/atlas/");
  assert.equal(pathFor("/", { lesson: null }), "/");
});
