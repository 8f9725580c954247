// The map at a date: what stands on a day, a route's status that day, days read from links.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDay, resolveDay } from "../../frontend/static/frontend/core/dates.js";
import { routeStatusOn, routeWeight, standsOn, travellerOn } from "../../frontend/static/frontend/map/on-day.js";

const zone = { start: "1920-09-01", end: "1920-12-31" };

test("an area stands only between its dates; an open side never ends it", () => {
  assert.equal(standsOn(zone, "1920-08-31"), false);
  assert.equal(standsOn(zone, "1920-09-01"), true);
  assert.equal(standsOn(zone, "1921-01-01"), false);
  assert.equal(standsOn({ start: "1920-09-01", end: null }, "1990-01-01"), true);
});

test("a road closed for winter is closed in December and unknown in summer", () => {
  const road = {
    start: null,
    end: null,
    statuses: [
      { status: "open", date: "1920-05/1920-10", start: "1920-05-01", end: "1920-10-31" },
      { status: "closed", date: "1920-11~/1921-03", start: "1920-11-01", end: "1921-03-31" },
    ],
  };
  assert.equal(routeStatusOn(road, "1920-07-15").status, "open");
  assert.deepEqual(routeStatusOn(road, "1920-12-15"), { status: "closed", note: "", uncertain: true });
  assert.equal(routeStatusOn(road, "1921-06-01").status, "unknown");
  assert.equal(routeStatusOn({ ...road, start: "1921-01-01" }, "1920-07-15"), null);
});

test("a link's day must be a real day; outside the corpus it moves to the nearest end", () => {
  assert.equal(parseDay("1920-02-30"), null);
  assert.equal(parseDay("next tuesday"), null);
  assert.equal(parseDay("1920-02-29"), "1920-02-29");
  const extent = ["1917-01-01", "1924-12-31"];
  assert.deepEqual(resolveDay("1920-13-01", extent, "1920-06-01"), { day: "1920-06-01", problem: "unreadable" });
  assert.deepEqual(resolveDay("1850-01-01", extent, "x"), { day: "1917-01-01", problem: "outside" });
  assert.deepEqual(resolveDay("1921-03-16", extent, "x"), { day: "1921-03-16", problem: null });
});

test("a route is drawn heavier for each aid line on it, up to a maximum", () => {
  const weight = { base: 2, perAidLine: 1.5, max: 6 };
  assert.equal(routeWeight({ aid: [] }, weight), 2);
  assert.equal(routeWeight({ aid: [{}, {}] }, weight), 5);
  assert.equal(routeWeight({ aid: [{}, {}, {}, {}] }, weight), 6);
});

test("a traveller moves along the stops over the route's period", () => {
  const route = { start: "1920-01-01", end: "1920-01-11" };
  const line = [
    [0, 0],
    [10, 0],
    [10, 10],
  ];
  assert.deepEqual(travellerOn(route, line, "1920-01-01"), [0, 0]);
  assert.deepEqual(travellerOn(route, line, "1920-01-06"), [10, 0]);
  assert.deepEqual(travellerOn(route, line, "1920-01-11"), [10, 10]);
  assert.equal(travellerOn(route, line, "1921-01-01"), null);
});

test("a traveller keeps to its stops' dates and spaces the undated ones evenly between them", () => {
  const route = {
    start: "1920-01-01",
    end: "1920-03-01",
    // The second stop is reached on 21 January; the third is undated; the last takes the route's end.
    stop_dates: [null, { start: "1920-01-21", end: "1920-01-21" }, null, null],
  };
  const line = [
    [0, 0],
    [10, 0],
    [20, 0],
    [30, 0],
  ];
  assert.deepEqual(travellerOn(route, line, "1920-01-11"), [5, 0]); // halfway to a stop dated 20 days on
  assert.deepEqual(travellerOn(route, line, "1920-01-21"), [10, 0]);
  // From 21 January to 1 March (40 days) over two legs: the undated stop at day 20 of them.
  assert.deepEqual(travellerOn(route, line, "1920-02-10"), [20, 0]);
  assert.deepEqual(travellerOn(route, line, "1920-03-01"), [30, 0]);
});

test("dated stops alone set the traveller's period when the route itself is undated", () => {
  const route = {
    stop_dates: [
      { start: "1920-11-01", end: "1920-11-01" },
      { start: "1920-11-11", end: "1920-11-11" },
    ],
  };
  const line = [
    [0, 0],
    [10, 10],
  ];
  assert.deepEqual(travellerOn(route, line, "1920-11-06"), [5, 5]);
  assert.equal(travellerOn({}, line, "1920-11-06"), null);
});
