// The events index as the page decodes it (atlas-data.js) and indexes it (atlas-index.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeIndex, isoOfDay, pinsOf, whereOf } from "../../frontend/static/frontend/core/atlas-data.js";
import { indexAtlas } from "../../frontend/static/frontend/core/atlas-index.js";
import { dayToIso, isoToDay } from "../../frontend/static/frontend/core/dates.js";
import { daysInWindow, inWindow } from "../../frontend/static/frontend/list/event-list.js";

const EMPTY_LAYER = { type: "FeatureCollection", features: [] };

// Two events as chronology/index_api.py writes them: a window after another event, an open-ended span.
const index = {
  format: 1,
  lang: "en",
  count: 3,
  categories: ["treaty", "diplomacy", "military"],
  precisions: ["day", "month", "year"],
  places: ["baku", "kars"],
  routes: ["batum-road"],
  slug: ["kars-falls", "between", "caesar"],
  title: ["Kars falls", "Between", "Caesar"],
  date: ["1920-10-30", "", "-0043-03-15"],
  start: [isoToDay("1920-10-30"), isoToDay("1920-10-30"), isoToDay("-0043-03-15")],
  end: [isoToDay("1920-10-30"), null, isoToDay("-0043-03-15")],
  precision: [0, 2, 0],
  category: [2, 1, 0],
  significance: [3, 2, 1],
  flags: [1 | 4, 8, 2],
  placeOffsets: [0, 1, 3, 3],
  placeRefs: [1, 0, 1],
  routeOffsets: [0, 0, 1, 1],
  routeRefs: [0],
};

test("each row comes back as the events list's record, slugs from the tables", () => {
  const { events } = decodeIndex(index);
  assert.deepEqual(events[0], {
    slug: "kars-falls",
    title: "Kars falls",
    date: "1920-10-30",
    start: "1920-10-30",
    end: "1920-10-30",
    precision: "day",
    approximate: true,
    uncertain: false,
    category: "military",
    significance: 3,
    places: ["kars"],
    pinned: ["kars"],
    from: [],
    to: [],
    via: [],
    concerns: [],
    routes: [],
    disputed: true,
    window: false,
  });
  assert.deepEqual(
    [events[1].places, events[1].routes, events[1].end, events[1].window],
    [["baku", "kars"], ["batum-road"], null, true],
  );
  assert.equal(events[2].start, "-0043-03-15");
  assert.equal(events[2].uncertain, true);
});

test("days are written as the API writes them, before the common era too", () => {
  for (let day = isoToDay("-2000-01-01"); day < isoToDay("2100-01-01"); day += 97)
    assert.equal(isoOfDay(day), dayToIso(day));
  assert.equal(isoOfDay(isoToDay("1920-02-29")), "1920-02-29");
  assert.equal(isoOfDay(isoToDay("0000-12-31")), "0000-12-31");
});

test("a body of another shape is refused with what is wrong", () => {
  assert.throws(() => decodeIndex([]), /not an object|format/);
  assert.throws(() => decodeIndex({ ...index, format: 2 }), /format 2, this page reads 1/);
  assert.throws(() => decodeIndex({ ...index, title: ["one"] }), /column title does not hold 3 values/);
});

test("the page's indexes are the same from the day columns as from the ISO dates", () => {
  const decoded = decodeIndex(index);
  const fromColumns = indexAtlas({ ...decoded, places: EMPTY_LAYER, routes: EMPTY_LAYER });
  const fromDates = indexAtlas({ events: decoded.events, places: EMPTY_LAYER, routes: EMPTY_LAYER });
  for (const data of [fromColumns, fromDates]) {
    assert.deepEqual(data.sequence, [2, 0, 1]);
    assert.equal(data.firstDay, "-0043-03-15");
    assert.equal(data.lastDay, "1920-10-30");
    assert.deepEqual(data.byPlace.get("kars"), [0, 1]);
    assert.equal(data.lookup.events.get("between").title, "Between");
    assert.equal(data.lookup.events.get("nothing"), undefined);
  }
});

test("the list's window test reads day columns as it reads ISO dates, open ends included", () => {
  const { events, columns } = decodeIndex(index);
  const [left, right] = [isoToDay("1920-11-01"), isoToDay("1921-01-01")];
  const byDays = events.map((_, i) => daysInWindow(columns.starts[i], columns.ends[i], left, right));
  assert.deepEqual(
    byDays,
    events.map((event) => inWindow(event, left, right)),
  );
  assert.deepEqual(byDays, [false, true, false]);
});

// A journey (Erzurum to Baku by way of Kars), an interview at Baku that is about Kars, a plan only about
// places: the index's role codes, parallel to placeRefs.
const roled = {
  ...index,
  places: ["baku", "erzurum", "kars"],
  placeOffsets: [0, 3, 5, 6],
  placeRefs: [0, 1, 2, 0, 2, 2],
  roles: ["at", "signed_at", "departed_from", "arrived_at", "via", "concerns"],
  placeRoles: [3, 2, 4, 0, 5, 5],
};

test("each place comes with its role: pins where it happened, journey ends, places it only concerns", () => {
  const { events } = decodeIndex(roled);
  const [journey, interview, plan] = events.map(whereOf);
  assert.deepEqual(journey, { pinned: [], from: ["erzurum"], to: ["baku"], via: ["kars"], concerns: [] });
  assert.deepEqual(interview, { pinned: ["baku"], from: [], to: [], via: [], concerns: ["kars"] });
  assert.deepEqual(plan, { pinned: [], from: [], to: [], via: [], concerns: ["kars"] });
  assert.deepEqual(events[1].places, ["baku", "kars"], "every place is still the event's");
  assert.deepEqual(events.map(pinsOf), [["erzurum", "kars", "baku"], ["baku"], []]);
});

test("an index without roles pins every place; an unknown role is pinned rather than lost", () => {
  assert.deepEqual(decodeIndex(index).events[1].pinned, ["baku", "kars"]);
  const newer = decodeIndex({ ...roled, roles: [...roled.roles.slice(0, 5), "besieged"] });
  assert.deepEqual(newer.events[2].pinned, ["kars"]);
  assert.throws(() => decodeIndex({ ...roled, placeRoles: [0] }), /placeRoles does not run parallel to placeRefs/);
});

test("an event from the events API reads its roles from place_roles", () => {
  const detail = {
    places: ["baku", "batumi"],
    place_roles: [
      { place: "baku", role: "at" },
      { place: "batumi", role: "concerns" },
    ],
  };
  assert.deepEqual(whereOf(detail), { pinned: ["baku"], from: [], to: [], via: [], concerns: ["batumi"] });
  assert.deepEqual(pinsOf({ places: ["kars"] }), ["kars"]);
  assert.deepEqual(pinsOf(null), []);
});

test("a marker counts the events that happened or travelled there, not those only about it", () => {
  const decoded = decodeIndex(roled);
  const data = indexAtlas({ ...decoded, places: EMPTY_LAYER, routes: EMPTY_LAYER });
  assert.deepEqual(Object.fromEntries(data.counts), { erzurum: 1, kars: 1, baku: 2 });
  assert.deepEqual(data.byPlace.get("kars"), [2, 0, 1], "choosing Kars still lists what concerns it, in time order");
});

test("an event the source dates in its own words carries them; the others carry none", () => {
  const day = (iso) => isoToDay(iso);
  const index = {
    format: 1,
    lang: "en",
    count: 2,
    categories: ["general"],
    precisions: ["year"],
    places: [],
    routes: [],
    slug: ["big-bang", "sun"],
    title: ["The Big Bang", "The Sun forms"],
    date: ["Y-13800000000", "Y-4600000000"],
    start: [day("-13800000000-01-01"), day("-4600000000-01-01")],
    end: [day("-13800000000-12-31"), day("-4600000000-12-31")],
    precision: [0, 0],
    category: [0, 0],
    significance: [2, 2],
    flags: [0, 0],
    placeOffsets: [0, 0, 0],
    placeRefs: [],
    roles: [],
    placeRoles: [],
    routeOffsets: [0, 0, 0],
    routeRefs: [],
    dateWords: { 0: "About 13.8 billion years ago" },
  };
  const { events } = decodeIndex(index);
  assert.equal(events[0].date_words, "About 13.8 billion years ago");
  assert.equal(events[0].start, "-13800000000-01-01");
  assert.ok(!("date_words" in events[1]));
});
