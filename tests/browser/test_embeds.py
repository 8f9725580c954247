"""Embeds in a real browser: another site frames the event embed and it shows, while the atlas page itself
refuses to be framed (issue 21)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def other_site(live_server):
    """A teacher's blog post on another origin (another port: its own server), framing the atlas twice."""
    post = f"""<!doctype html><html><body><h1>A teacher's post</h1>
<iframe id="event" src="{live_server.url}/embed/events/test-stalin-interview/?lang=en" width="560"></iframe>
<iframe id="atlas" src="{live_server.url}/?lang=en" width="560"></iframe>
</body></html>""".encode()

    class Post(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(post)

        def log_message(self, *args):
            pass

    # A real server rather than a routed answer: Chromium refuses a routed "public" page its loopback frames.
    server = ThreadingHTTPServer(("127.0.0.1", 0), Post)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/post.html"
    server.shutdown()
    server.server_close()


def test_another_site_frames_the_event_embed_but_not_the_atlas(page, live_server, other_site):
    refusals: list[str] = []
    page.on("console", lambda message: refusals.append(message.text))

    page.goto(other_site, wait_until="load")

    card = page.frame_locator("#event")
    expect(card.locator("h1.embed-title")).to_have_text("Memduh Şevket Bey's interview with Stalin")
    expect(card.locator("a.embed-open")).to_have_attribute("target", "_blank")
    # The atlas was refused: its frame holds none of the page, and the browser says why.
    expect(page.frame_locator("#atlas").locator("header.bar")).to_have_count(0)
    assert any("frame-ancestors 'none'" in text for text in refusals), refusals


def test_the_copy_button_copies_the_embed_code(page, live_server, open_atlas):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    open_atlas("?event=test-stalin-interview&lang=en")
    page.locator("#embed-box summary").click()
    page.get_by_role("button", name="Copy embed code").click()
    expect(page.locator("#embed-box .embed-copied")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f'<iframe src="{live_server.url}/embed/events/test-stalin-interview/')
    assert copied == page.locator("#embed-code").input_value()


def test_the_embed_code_follows_the_visitor_to_another_event_and_language(page, live_server, open_atlas):
    # The box used to keep the code, and the words, of the page as it was first served.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    open_atlas("?event=test-stalin-interview&lang=tr")
    page.locator("button[data-lang='en']").click()
    page.evaluate("() => window.chronoatlas.store.set({event: 'test-treaty-of-moscow'}, {history: 'push'})")
    page.wait_for_function("() => document.querySelector('.panel-event')?.dataset.event === 'test-treaty-of-moscow'")

    page.locator("#embed-box summary").click()
    expect(page.locator("#embed-box summary")).to_have_text("Embed on another site")
    page.get_by_role("button", name="Copy embed code").click()
    expect(page.locator("#embed-box .embed-copied")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f'<iframe src="{live_server.url}/embed/events/test-treaty-of-moscow/?lang=en"'), copied
