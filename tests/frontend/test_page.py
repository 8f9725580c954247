"""The atlas page as the server sends it: language, config for the scripts, a linked event rendered
before JavaScript runs, nothing from other hosts."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from chronology.models import Event, EventRelation, Status
from chronology.selectors import EVENT_FIELDS
from chronology.services import event_relative_bounds_refresh
from frontend.views import INDEX_FIELDS
from frontend.wording import locator_text, page_strings
from geography.models import Place
from sources.models import Citation, Source
from tests.factories import make_category

SCRIPTS = Path(__file__).resolve().parents[2] / "frontend" / "static" / "frontend"


def make_event(**overrides) -> Event:
    source, _ = Source.objects.get_or_create(
        slug="tekinsoy-2025", defaults={"kind": "article", "label": "Tekinsoy, 2025"}
    )
    fields = {
        "slug": "treaty-of-kars",
        "date": "1921-10-13",
        "title": {"tr": "Kars Antlaşması", "en": "Treaty of Kars"},
        "summary": {"tr": "Doğu sınırı çizilir.", "en": "The eastern border is drawn."},
        "category": "treaty",
        "status": Status.PUBLISHED,
    }
    fields = {**fields, **overrides}
    fields["category"] = make_category(slug=fields["category"])
    event = Event.objects.create(**fields)
    Citation.objects.create(owner=event, source=source, locator="s. 201")
    return event


def config_of(response) -> dict:
    match = re.search(r'<script id="atlas-config" type="application/json">(.*?)</script>', response.content.decode())
    assert match, "no atlas-config script"
    return json.loads(match.group(1))


def strings_of(response) -> dict:
    match = re.search(r'<script id="atlas-strings" type="application/json">(.*?)</script>', response.content.decode())
    assert match, "no atlas-strings script"
    return json.loads(match.group(1))


@pytest.fixture
def kars(db) -> Place:
    return Place.objects.create(
        slug="kars", name={"tr": "Kars", "en": "Kars"}, kind="city", latitude=40.6, longitude=43.1
    )


def test_the_page_renders_with_the_config_the_scripts_need(client, db):
    response = client.get(reverse("frontend:atlas"))

    assert response.status_code == 200
    config = config_of(response)
    assert config["lang"] == "tr"
    assert config["api"]["events"].startswith("/api/v1/events/?fields=slug,title,")
    assert config["api"]["event"] == "/api/v1/events/SLUG/"
    assert {"places", "routes", "areas", "people", "sources"} <= set(config["api"])
    assert [b["url"].rsplit("/", 1)[-1] for b in config["basemaps"]] == ["countries-110m.json", "countries-50m.json"]
    assert b'<script type="module" src="/static/frontend/main.js">' in response.content
    assert b"<noscript>" in response.content


def test_the_page_preloads_exactly_the_urls_the_scripts_fetch(client, db):
    response = client.get("/?lang=en")
    config = config_of(response)
    preloaded = {
        html.unescape(href)
        for href in re.findall(
            r'rel="preload" as="fetch" crossorigin="anonymous" href="([^"]+)"', response.content.decode()
        )
    }

    for name in ("index", "places", "routes", "areas"):
        url = config["api"][name]
        assert f"{url}{'&' if '?' in url else '?'}lang=en" in preloaded  # as api.js's apiURL() writes it


def test_the_timelines_index_asks_for_fields_the_api_has_including_whether_a_date_is_disputed(client, db):
    make_event()
    url = config_of(client.get("/?lang=en"))["api"]["events"]

    assert "disputed" in INDEX_FIELDS and set(INDEX_FIELDS) <= set(EVENT_FIELDS)
    response = client.get(f"{url}&lang=en")
    assert response.status_code == 200
    assert set(response.json()[0]) == set(INDEX_FIELDS)


def _preloaded(html: str) -> set[str]:
    return set(re.findall(r'<link rel="modulepreload" href="/static/frontend/([^"]+)">', html))


def _stylesheets(html: str) -> set[str]:
    return set(re.findall(r'<link rel="stylesheet" href="/static/frontend/([^"]+)">', html))


def test_a_visitor_preloads_every_module_but_present_modes_and_a_class_gets_those_too(client, db):
    # ES modules import or export; a classic script (startup.js, which must run even where modules cannot) does neither.
    modules = {
        str(path.relative_to(SCRIPTS))
        for path in SCRIPTS.rglob("*.js")
        # lessons/ and live/ (the students' join page) are pages of their own, not the atlas's; present mode
        # uses only the teacher's side of a live class.
        if re.search(r"^(import|export) ", path.read_text(), re.M)
        and (not {"lessons", "live"} & set(path.relative_to(SCRIPTS).parts) or path.name == "teacher.js")
    }
    for_class = {"present/present.js", "present/dom.js", "present/live-panel.js", "live/teacher.js"}
    explore = _preloaded(client.get("/").content.decode())
    presenting = _preloaded(client.get("/?mode=present").content.decode())

    assert "main.js" not in explore  # the page's own <script>
    assert for_class & explore == set()
    assert explore | {"main.js"} | for_class == modules
    assert presenting == modules - {"main.js"}


def test_present_modes_styles_load_only_for_a_class(client, db):
    explore = _stylesheets(client.get("/").content.decode())
    presenting = _stylesheets(client.get("/?mode=present").content.decode())
    presenter = _stylesheets(client.get("/?mode=presenter&lang=en").content.decode())

    assert "present/present.css" not in explore and "lessons/lesson-bar.css" not in explore
    assert "present/present.css" in presenting and "present/present.css" in presenter
    assert explore < presenting


def test_the_scripts_get_their_strings_and_default_language_from_the_page(client, db):
    response = client.get("/?lang=en")
    match = re.search(r'<script id="atlas-strings" type="application/json">(.*?)</script>', response.content.decode())

    assert match, "no atlas-strings script"
    strings = json.loads(match.group(1))
    assert strings["en"]["months"][0] == "January" and strings["tr"]["months"][0] == "Ocak"
    assert strings["en"]["placeEvents"] == {"one": "{place}: {count} event", "other": "{place}: {count} events"}
    assert config_of(response)["defaultLang"] == "tr"


def test_no_module_imports_json_which_older_browsers_cannot_parse():
    for path in SCRIPTS.rglob("*.js"):
        assert 'type: "json"' not in path.read_text(encoding="utf-8"), path.name


def test_the_page_has_a_visible_message_for_scripts_that_fail_to_start(client, db):
    html = client.get("/?lang=en").content.decode()

    assert '<p id="startup-error" class="noscript" role="alert" hidden>The page&#x27;s scripts could not run' in html
    assert "<noscript>" in html


def test_an_undated_event_placed_between_two_others_is_rendered_as_a_window(client, db):
    make_event(slug="gumru-taken", date="1920-11-07")
    make_event(slug="treaty-of-gumru", date="1920-12-03")
    armistice = make_event(slug="armistice-asked", date="", title={"tr": "Ateşkes", "en": "Armistice asked"})
    EventRelation.objects.create(event=armistice, kind="after", other=Event.objects.get(slug="gumru-taken"))
    EventRelation.objects.create(event=armistice, kind="before", other=Event.objects.get(slug="treaty-of-gumru"))
    event_relative_bounds_refresh()

    english = client.get("/?event=armistice-asked&lang=en").content.decode()
    turkish = client.get("/?event=armistice-asked").content.decode()

    assert "<time>sometime between 7 November and 3 December 1920</time>" in english
    assert "<time>7 Kasım – 3 Aralık 1920 arasında bir tarihte</time>" in turkish


def test_the_page_names_no_other_host(client, db):
    make_event()
    for path in ("/", "/?event=treaty-of-kars", "/?lang=en"):
        html = client.get(path).content.decode()
        hosts = re.findall(r"(?:https?:)?//([\w.-]+)", html.replace("</", ""))
        # Its own host only: the embed code and the oEmbed link must be absolute to work on other sites.
        assert set(hosts) <= {"testserver"}, path


def test_a_linked_event_is_rendered_by_the_server_with_its_date_and_sources(client, kars):
    event = make_event()
    event.places.add(kars)

    response = client.get("/?event=treaty-of-kars")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Kars Antlaşması · Chronoatlas</title>" in html
    assert '<h2 class="panel-title" id="panel-title">Kars Antlaşması</h2>' in html
    assert '<time datetime="1921-10-13">13 Ekim 1921</time>' in html
    assert "<cite>Tekinsoy, 2025</cite>, s. 201" in html
    assert config_of(response)["view"] == [[40.6, 43.1]]


def test_a_month_precision_event_is_never_given_a_day(client, db):
    make_event(slug="sea-shipment", date="1921-10")

    turkish = client.get("/?event=sea-shipment").content.decode()
    english = client.get("/?event=sea-shipment&lang=en").content.decode()

    assert '<time datetime="1921-10">Ekim 1921</time>' in turkish
    assert '<time datetime="1921-10">October 1921</time>' in english
    assert "1 October 1921" not in english


def test_an_unknown_event_is_a_404_that_still_shows_the_atlas_and_says_what_was_missing(client, db):
    response = client.get("/?event=no-such-event")

    assert response.status_code == 404
    html = response.content.decode()
    assert "“no-such-event” adlı olay bulunamadı" in html
    assert config_of(response)["api"]["events"]  # the atlas itself still loads
    assert '<div id="timeline">' in html


def test_a_draft_event_is_not_shown(client, db):
    make_event(slug="draft-event", status=Status.DRAFT)

    response = client.get("/?event=draft-event")

    assert response.status_code == 404
    assert "Kars Antlaşması" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "accept_language", "expected"),
    [
        ("", "", "tr"),
        ("", "en-GB,en;q=0.9", "en"),
        ("", "de-DE,de;q=0.9", "tr"),
        ("", "de-DE,en;q=0.5", "en"),
        ("?lang=tr", "en", "tr"),
        ("?lang=en", "", "en"),
        ("?lang=xx", "", "tr"),
    ],
)
def test_the_page_speaks_turkish_unless_the_link_or_the_browser_asks_for_english(
    client, db, query, accept_language, expected
):
    response = client.get(f"/{query}", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert f'<html lang="{expected}"' in response.content.decode()
    assert config_of(response)["lang"] == expected


def test_without_places_the_map_has_no_initial_view_to_fit(client, db):
    assert config_of(client.get("/"))["view"] == []


def test_the_map_opens_on_all_places_when_nothing_is_linked(client, kars):
    Place.objects.create(slug="ankara", name={"tr": "Ankara"}, kind="city", latitude=39.93, longitude=32.86)

    assert config_of(client.get("/"))["view"] == [[39.93, 32.86], [40.6, 43.1]]


def test_the_first_view_frames_where_the_key_events_happened_not_every_place(client, kars):
    far = Place.objects.create(
        slug="vladivostok", name={"tr": "Vladivostok"}, kind="city", latitude=43.1, longitude=131.9
    )
    ankara = Place.objects.create(slug="ankara", name={"tr": "Ankara"}, kind="city", latitude=39.93, longitude=32.86)
    make_event(slug="treaty", significance=3).places.add(kars)
    make_event(slug="assembly", significance=3, date="1920-04-23").places.add(ankara)
    make_event(slug="far-away", significance=1, date="1920-06").places.add(far)

    assert config_of(client.get("/"))["view"] == [[39.93, 32.86], [40.6, 43.1]]


def test_the_page_carries_the_map_styles_the_folium_exports_read(client, db):
    styles = config_of(client.get("/"))["mapStyles"]
    assert set(styles["status"]) >= {"open", "closed", "dangerous", "planned"}
    assert set(styles["purpose"]["normal"]) == {"aid", "mission", "military", "travel"}


def test_every_language_has_every_ui_string():
    """A language missing a string would show its key to visitors; a third language must fill them all."""

    def keys(node, prefix=""):
        if isinstance(node, dict):
            return {k for name, value in node.items() for k in keys(value, f"{prefix}{name}.")}
        return {prefix.rstrip(".")}

    by_language = {lang: keys(strings) for lang, strings in page_strings().items()}
    assert set(by_language) == {"tr", "en"}
    assert by_language["tr"] == by_language["en"]


LOCATOR_CASES = json.loads((Path(__file__).resolve().parents[1] / "cases" / "locators.json").read_text("utf-8"))


@pytest.mark.parametrize("case", LOCATOR_CASES["cases"], ids=lambda case: f"{case['locator']}-{case['estimated']}")
def test_an_estimated_page_is_shown_as_estimated_as_the_scripts_show_it(case):
    assert locator_text(case["locator"], case["estimated"]) == case["text"]


def test_a_linked_events_sources_quote_their_evidence_in_the_articles_language_with_estimated_pages(client, db):
    event = make_event()
    Citation.objects.filter(object_id=event.pk).update(
        evidence="Kars Antlaşması imzalanmıştır.", locator_estimated=True, locator="s. 202"
    )

    html = client.get("/?event=treaty-of-kars&lang=en").content.decode()

    assert 'title="Page estimated from the passage&#x27;s position in the text">≈ s. 202</span>' in html
    assert (
        '<q class="panel-evidence" lang="tr" aria-label="The source&#x27;s words">Kars Antlaşması imzalanmıştır.</q>'
        in html
    )
    assert config_of(client.get("/"))["evidenceLang"] == "tr"


def test_the_config_carries_every_category_named_in_both_languages_with_its_colour_and_symbol(client, db):
    make_category(slug="invention", name={"tr": "buluş", "en": "invention"}, colour="#7a3e9d", symbol="⚙")
    make_category(slug="voyage", name={"tr": "", "en": "voyage"}, colour="#005f73")

    categories = config_of(client.get("/?lang=tr"))["categories"]

    assert {"slug": "invention", "name": {"tr": "buluş", "en": "invention"}, "colour": "#7a3e9d", "symbol": "⚙"} in (
        categories
    )
    # A name missing in one language reads in the other, so the page never shows an empty label.
    assert {"slug": "voyage", "name": {"tr": "voyage", "en": "voyage"}, "colour": "#005f73", "symbol": ""} in (
        categories
    )


def test_a_category_added_after_the_page_was_served_is_on_the_next_page(client, db):
    make_event(slug="first", category="treaty")
    client.get("/")  # kept by the page cache

    make_category(slug="invention", name={"tr": "buluş", "en": "invention"}, colour="#7a3e9d")
    response = client.get("/")

    assert "invention" in [category["slug"] for category in config_of(response)["categories"]]
    strings = strings_of(response)
    # The panel names an event's category with the page's strings: those come from the data too.
    assert strings["tr"]["category"]["invention"] == "buluş"
    assert strings["en"]["category"]["invention"] == "invention"


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/?lang=en", "Events, places and routes on a timeline and a map"),
        ("/?lang=tr", "Olaylar, yerler ve yollar"),
        ("/lessons/?lang=en", "Lessons to project in class"),
        ("/join/?lang=en", "Follow your teacher's lesson on your phone"),
        ("/join/?lang=tr", "Öğretmeninizin dersini telefonunuzdan izleyin"),
    ],
)
def test_a_page_found_by_a_search_engine_says_what_it_is(client, db, path, words):
    # A link preview or a search result showed nothing: the atlas page had a description only for an event.
    page = client.get(path).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)">', page)
    assert description and words in description.group(1)
