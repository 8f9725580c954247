// Estimated page locators (panel.js) against the table of cases the server's panel is tested on too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { locatorText } from "../../frontend/static/frontend/panel/panel.js";

const { cases } = JSON.parse(readFileSync(new URL("../cases/locators.json", import.meta.url), "utf-8"));

for (const { locator, estimated, text } of cases) {
  test(`${JSON.stringify(locator)} (estimated: ${estimated}) is shown "${text}"`, () => {
    assert.equal(locatorText(locator, estimated), text);
  });
}
