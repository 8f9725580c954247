// The categories are data: the timeline numbers, colours and names them from the page's config alone.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  categoriesInUse,
  categoryCodes,
  categoryColours,
  categoryName,
  UNKNOWN_COLOUR,
} from "../../frontend/static/frontend/timeline/categories.js";
import { eventArrays } from "../../frontend/static/frontend/timeline/layout.js";

const CATEGORIES = [
  { slug: "invention", name: { tr: "buluş", en: "invention" }, colour: "#7a3e9d", symbol: "⚙" },
  { slug: "treaty", name: { tr: "antlaşma", en: "treaty" }, colour: "#1f6f78", symbol: "✒" },
  { slug: "voyage", name: { tr: "", en: "voyage" }, colour: "#005f73", symbol: "" },
];
const event = (slug, category) => ({ slug, title: slug, start: "1920-01-01", end: "1920-01-01", category });

test("each event is drawn in its own category's colour, a category no list in the code names included", () => {
  const arrays = eventArrays(
    [event("a", "treaty"), event("b", "invention"), event("c", "voyage")],
    null,
    categoryCodes(CATEGORIES),
  );
  const colours = categoryColours(CATEGORIES);

  assert.deepEqual(
    [...arrays.category].map((code) => colours[code]),
    ["#1f6f78", "#7a3e9d", "#005f73"],
  );
});

test("an event of a category the page was not sent is grey, not another category's colour", () => {
  const arrays = eventArrays([event("a", "added-since")], null, categoryCodes(CATEGORIES));

  assert.equal(categoryColours(CATEGORIES)[arrays.category[0]], UNKNOWN_COLOUR);
});

test("more categories than a byte holds keep their own colours", () => {
  const many = Array.from({ length: 300 }, (_, i) => ({ slug: `c${i}`, name: { en: `c${i}` }, colour: "#000000" }));
  many[299].colour = "#123456";
  const arrays = eventArrays([event("a", "c299")], null, categoryCodes(many));

  assert.equal(categoryColours(many)[arrays.category[0]], "#123456");
});

test("a category is named in the page's language, in another when it has no name there, by slug at worst", () => {
  assert.equal(categoryName(CATEGORIES, "invention", "tr"), "buluş");
  assert.equal(categoryName(CATEGORIES, "invention", "en"), "invention");
  assert.equal(categoryName(CATEGORIES, "voyage", "tr"), "voyage");
  assert.equal(categoryName(CATEGORIES, "unknown-one", "tr"), "unknown-one");
});

test("the legend lists only the categories the events use, in the config's order", () => {
  const used = categoriesInUse(CATEGORIES, [event("a", "voyage"), event("b", "invention"), event("c", "voyage")]);

  assert.deepEqual(
    used.map((category) => category.slug),
    ["invention", "voyage"],
  );
});
