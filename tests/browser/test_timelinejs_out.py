"""TimelineJS, kept proven (issues 20 and 21): the atlas's TimelineJS export drawn by TimelineJS 3 itself
(npm @knight-lab/timelinejs, frontend/node_modules, never served by the app), and TimelineJS files imported
into collections of their own shown by the atlas as TimelineJS shows the original.

TimelineJS is served from a made-up origin that Playwright answers from the npm package's dist folder, with
the file beside it; every other request (its fonts' and media's hosts) is refused, as the machine is offline.
"""

from __future__ import annotations

import io
import json
import mimetypes
import re
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "frontend" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
ORIGIN = "http://timelinejs.test"
SAMPLE_FOLDERS = [ROOT.parent / "shared" / "samples" / "timelinejs", Path("/work/shared/samples/timelinejs")]
TIMELINES = ROOT / "tests" / "interchange" / "timelines"

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/css/timeline.css"><script src="/dist/js/timeline.js"></script></head>
<body style="margin:0"><div id="timeline" style="width:1366px;height:700px"></div>
<script>window.timeline = new TL.Timeline("timeline", "/{name}", {{language: "en"}});</script></body></html>"""

# What TimelineJS made of the file: its slides (title slide apart) in its order, as the reader sees them.
READ_TIMELINE = """() => {
  const tl = window.timeline;
  // The day TimelineJS places the slide at (its own Date), to the precision the slide gave.
  const parts = (date) => {
    if (!date) return null;
    const on = date.data.date_obj;
    if (!on || !on.getFullYear) return {year: Number(date.data.year), month: null, day: null};
    const given = (key) => String(date.data[key] ?? "").trim() !== "";
    const month = given("month") ? on.getMonth() + 1 : null;
    return {year: on.getFullYear(), month, day: given("day") ? on.getDate() : null};
  };
  const text = (html) => {
    const box = document.createElement("div");
    box.innerHTML = html || "";
    return box.textContent.trim();
  };
  const offset = tl.config.title ? 1 : 0;
  return {
    // A file with any date beyond its Date's range is drawn on a cosmological scale, where every slide is a year.
    years_only: tl.config.scale === "cosmological",
    markers: document.querySelectorAll(".tl-timemarker").length,
    slides: tl.config.events.map((event, i) => ({
      id: event.unique_id,
      headline: text(event.text && event.text.headline),
      text: text(event.text && event.text.text),
      start: parts(event.start_date),
      end: parts(event.end_date),
      media: event.media ? event.media.url : null,
      drawn_media: !!tl.getSlide(i + offset)._el.container.querySelector(".tl-media"),
    })),
  };
}"""


def _samples() -> list[Path]:
    shared = next((folder for folder in SAMPLE_FOLDERS if folder.is_dir()), None)
    assert shared is not None, f"the TimelineJS samples are missing; looked in {', '.join(map(str, SAMPLE_FOLDERS))}"
    return sorted(shared.glob("*.json")) + sorted(shared.glob("*.csv")) + sorted(TIMELINES.glob("*.json"))


def _serve_timelinejs(page, name: str, body: bytes) -> None:
    assert (DIST / "js" / "timeline.js").is_file(), "TimelineJS is missing: run `npm ci` in frontend/ (see README)"

    def answer(route):
        path = route.request.url.removeprefix(ORIGIN).split("?")[0]
        if path == "/":
            return route.fulfill(body=PAGE.format(name=name), content_type="text/html")
        if path == f"/{name}":
            return route.fulfill(body=body, content_type="text/csv" if name.endswith(".csv") else "application/json")
        file = DIST / path.removeprefix("/dist/")
        if path.startswith("/dist/") and file.is_file():
            return route.fulfill(path=file, content_type=mimetypes.guess_type(file.name)[0] or "text/plain")
        return route.fulfill(status=404, body="")

    page.route(f"{ORIGIN}/**", answer)
    page.route(re.compile(r"^(?!http://timelinejs\.test/).*"), lambda route: route.abort())


def _drawn_by_timelinejs(page, name: str, body: bytes) -> dict:
    _serve_timelinejs(page, name, body)
    page.goto(f"{ORIGIN}/")
    page.wait_for_function("window.timeline && window.timeline.ready && document.querySelector('.tl-timemarker')")
    drawn = page.evaluate(READ_TIMELINE)
    page.unroute_all(behavior="ignoreErrors")
    return drawn


def _parts(date: dict | None) -> dict | None:
    if not date:
        return None
    number = lambda key: int(date[key]) if str(date.get(key, "")).strip() else None  # noqa: E731
    return {"year": number("year"), "month": number("month"), "day": number("day")}


@pytest.mark.corpus("seed")
def test_the_atlas_timelinejs_export_draws_in_timelinejs_a_marker_an_event_with_its_dates_and_media(page, live_server):
    # The seed's events carry no media yet: give three of them the kinds a curator links (an image, a video,
    # an encyclopaedia article), each with its caption and credit.
    from chronology.models import Event, EventMedia

    media = {
        "treaty-of-moscow-1921": "https://upload.wikimedia.org/wikipedia/commons/a/a0/Treaty_of_Moscow_1921.jpg",
        "kars-taken-1920": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "treaty-of-gumru-1920": "https://en.wikipedia.org/wiki/Treaty_of_Alexandropol",
    }
    for slug, link in media.items():
        EventMedia.objects.filter(event__slug=slug).delete()
        EventMedia.objects.create(
            event=Event.objects.get(slug=slug), kind="link", url=link, caption={"en": "Caption"}, credit="Credit"
        )
    url = f"{live_server.url}/api/v1/events.timeline.json?lang=en&collection=turk-sovyet"
    body = urllib.request.urlopen(url).read()
    exported = json.loads(body)["events"]
    assert len(exported) > 50, "the seed corpus is exported whole"

    drawn = _drawn_by_timelinejs(page, "atlas.json", body)

    assert drawn["markers"] == len(exported) == len(drawn["slides"])
    by_id = {slide["id"]: slide for slide in drawn["slides"]}
    assert set(by_id) == {event["unique_id"] for event in exported}
    for event in exported:
        slide = by_id[event["unique_id"]]
        assert slide["start"] == _parts(event["start_date"]), event["unique_id"]
        assert slide["end"] == _parts(event.get("end_date")), event["unique_id"]
        assert slide["media"] == (event.get("media") or {}).get("url"), event["unique_id"]
        assert slide["drawn_media"] == bool(event.get("media")), event["unique_id"]
    assert {slide["id"]: slide["media"] for slide in drawn["slides"] if slide["media"]} == media


def _atlas_shows(page, live_server, collection: str) -> list[dict]:
    """The collection page's events in its time order: titles as its list shows them, and the dates it read."""
    page.goto(f"{live_server.url}/?collection={collection}&lang=en")
    page.wait_for_selector("html[data-ready]")
    return page.evaluate(
        """async () => {
          const config = JSON.parse(document.getElementById("atlas-config").textContent);
          const index = await (await fetch(config.api.index + "&lang=en")).json();
          const rows = new Map([...document.querySelectorAll(".event-list-table tbody tr")]
            .map((row) => [row.dataset.slug, row.querySelector("th").textContent.trim()]));
          // Its media, as the panel reads them when the event is opened.
          const media = async (slug) => {
            const event = await (await fetch(`/api/v1/events/${slug}/?lang=en&fields=media`)).json();
            return event.media.length ? event.media[0].url : null;
          };
          return Promise.all(window.chronoatlas.sequence().map(async (slug) => {
            const i = index.slug.indexOf(slug);
            return {slug, title: rows.get(slug), date: index.date[i], media: await media(slug)};
          }));
        }"""
    )


def _edtf_parts(side: str) -> dict | None:
    side = re.sub(r"[~?%]", "", side)
    # Deep time is an EDTF long year ("Y-13800000000", or "Y-138E8" with an exponent); it carries a year only.
    long_year = re.fullmatch(r"Y(-?\d+)(?:E(\d+))?(?:S\d+)?", side)
    if long_year:
        digits, exponent = long_year.groups()
        return {"year": int(digits) * 10 ** int(exponent or 0), "month": None, "day": None}
    match = re.fullmatch(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", side)
    if not match:
        return None
    year, month, day = match.groups()
    return {"year": int(year), "month": month and int(month), "day": day and int(day)}


def _medium_kept(timelinejs_media: str | None) -> str | None:
    """The address the atlas keeps for a slide's media: TimelineJS's own, an iframe's source, https for a
    protocol-relative address; none for a quotation, which stands for the slide's text instead."""
    media = (timelinejs_media or "").strip()
    if not media or media.lower().startswith("<blockquote"):
        return None
    if media.startswith("<"):
        media = re.search(r"""<iframe\b[^>]*\bsrc\s*=\s*["']([^"']+)["']""", media, re.IGNORECASE).group(1)
    return f"https:{media}" if media.startswith("//") else media


def _to_scale(parts: dict | None, years_only: bool) -> dict | None:
    """The atlas keeps a slide's month and day in deep time; TimelineJS draws only its year there."""
    return {**parts, "month": None, "day": None} if parts and years_only else parts


@pytest.mark.parametrize("sample", _samples(), ids=lambda path: path.name)
def test_an_imported_timeline_shows_the_slides_timelinejs_shows_for_the_file(page, live_server, sample):
    from chronology.models import Event, Status

    collection = re.sub(r"[^a-z0-9]+", "-", sample.stem.lower()).strip("-")
    call_command("import_events", str(sample), "--publish", "--collection", collection, stdout=io.StringIO())

    original = _drawn_by_timelinejs(page, sample.name, sample.read_bytes())
    shown = _atlas_shows(page, live_server, collection)

    # What the import says it does not publish (docs/interchange.md): a slide with no text (nor a quotation
    # to stand for it) arrives as a draft for the curator to write its summary; the page does not show it yet.
    quoted = lambda slide: (slide["media"] or "").lstrip().startswith("<blockquote")  # noqa: E731
    with_text = [slide for slide in original["slides"] if slide["text"] or quoted(slide)]
    drafts = Event.objects.filter(collection__slug=collection, status=Status.DRAFT).count()
    assert drafts == len(original["slides"]) - len(with_text)
    assert len(shown) == len(with_text), (shown, with_text)
    for atlas, slide in zip(shown, with_text, strict=True):
        if slide["headline"]:
            assert atlas["title"] == slide["headline"], (atlas, slide)
        else:  # TimelineJS shows no headline; the atlas titles the slide by its text's first words
            assert slide["text"].startswith(atlas["title"].removesuffix("…")), (atlas, slide)
        start, _, end = (_to_scale(_edtf_parts(side), original["years_only"]) for side in atlas["date"].partition("/"))
        assert start == slide["start"], (atlas, slide)
        assert end == slide["end"], (atlas, slide)
        assert atlas["media"] == _medium_kept(slide["media"]), (atlas, slide)
