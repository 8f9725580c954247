// A link card opens only http(s) addresses (panel.js safeHref): curator data reaches it, and a javascript: or
// data: address would run or show something the card does not say.
import assert from "node:assert/strict";
import { test } from "node:test";
import { safeHref } from "../../frontend/static/frontend/panel/panel.js";

const BASE = "https://atlas.example/";

for (const [url, href] of [
  ["https://vimeo.com/42", "https://vimeo.com/42"],
  ["http://example.org/a.pdf", "http://example.org/a.pdf"],
  ["//www.flickr.com/photos/1", "https://www.flickr.com/photos/1"],
  ["/media/events/a.jpg", "https://atlas.example/media/events/a.jpg"],
  ["javascript:alert(1)", null],
  [" JavaScript:alert(1)", null],
  ["data:text/html,<script>alert(1)</script>", null],
  ["vbscript:msgbox", null],
  ["http://[bad", null],
]) {
  test(`${JSON.stringify(url)} opens ${href ?? "nothing"}`, () => {
    assert.equal(safeHref(url, BASE), href);
  });
}
