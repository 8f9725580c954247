"""The atlas page in a real browser: timeline and map in step, links that restore a view, dates as precise
as their sources, two languages, and nothing fetched from outside the host."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from helpers import click_event, click_place, map_view, query, selected, wait_for_map_near
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KARS = (40.6013, 43.0975)
BAKU = (40.4093, 49.8671)
TRABZON = (41.0027, 39.7168)
IN_TIME_ORDER = [
    "test-gold-reaches-trabzon",  # 1920? starts on 1 January 1920
    "test-letter-to-lenin",
    "test-delegation-to-moscow",
    "test-eastern-campaign",
    "test-stalin-interview",
    "test-gumru-taken",
    "test-armistice-asked",  # undated: its window opens on the day Gümrü was taken
    "test-treaty-of-gumru",
    "test-treaty-of-moscow",
    "test-sea-shipment",
    "test-treaty-of-kars",
    "test-renamed-leninakan",
]


def test_clicking_an_event_on_the_timeline_flies_the_map_to_it_and_shows_date_and_sources(open_atlas):
    page = open_atlas()
    before = map_view(page)

    click_event(page, "test-treaty-of-kars")

    expect(page.locator(".panel-title")).to_have_text("Kars Antlaşması")
    expect(page.locator(".panel-date")).to_have_text("13 Ekim 1921")
    expect(page.locator(".panel-event ol li").first).to_have_text("Tekinsoy, 2025, s. 201")
    wait_for_map_near(page, *KARS)
    after = map_view(page)
    assert abs(before["lng"] - KARS[1]) > 1  # it did move
    assert after["zoom"] > before["zoom"]
    assert query(page)["event"] == "test-treaty-of-kars"
    assert page.title() == "Kars Antlaşması · Chronoatlas"


def test_a_link_to_an_event_opened_cold_restores_the_selection_the_panel_and_the_map(open_atlas):
    page = open_atlas("?event=test-stalin-interview&lang=en")

    expect(page.locator(".panel-title")).to_have_text("Memduh Şevket Bey's interview with Stalin")
    expect(page.locator(".panel-date time")).to_have_text("5 November 1920")  # and a "Disputed" badge
    expect(page.locator(".panel-event ol li")).to_have_text(
        ["TDA, 571/3424-136608-31, 04.12.1920", "Tekinsoy, 2025, s. 197"]
    )
    expect(page.locator(".panel-section-people li")).to_have_text(["Memduh Şevket Bey", "Joseph Stalin"])
    assert selected(page) == "test-stalin-interview"
    assert query(page) == {"event": "test-stalin-interview", "lang": "en"}
    view = map_view(page)
    assert abs(view["lat"] - BAKU[0]) < 0.5 and abs(view["lng"] - BAKU[1]) < 0.5
    assert page.evaluate("() => window.chronoatlas.positionOf('test-stalin-interview')") is not None


def test_back_returns_to_the_previous_selection(open_atlas):
    page = open_atlas("?event=test-letter-to-lenin")
    click_event(page, "test-treaty-of-moscow")
    expect(page.locator(".panel-title")).to_have_text("Moskova Antlaşması")

    page.go_back()

    expect(page.locator(".panel-title")).to_have_text("Lenin'e mektup")
    assert selected(page) == "test-letter-to-lenin"


def test_clicking_a_place_selects_its_first_event_and_steps_through_the_others(open_atlas):
    page = open_atlas()

    click_place(page, *TRABZON)

    expect(page.locator(".panel-place")).to_contain_text("Trabzon: 2 olay")
    expect(page.locator(".panel-title")).to_have_text("Sovyet altını Trabzon'a ulaşır")
    expect(page.locator(".panel-position")).to_have_text("1 / 2")
    assert query(page)["place"] == "test-trabzon"

    page.get_by_role("button", name="Sonraki olay").click()

    expect(page.locator(".panel-title")).to_have_text("Deniz yoluyla silah sevkiyatı")
    expect(page.locator(".panel-position")).to_have_text("2 / 2")


def test_arrow_keys_on_the_timeline_step_through_events_in_time_order(open_atlas):
    page = open_atlas("?event=test-letter-to-lenin")
    assert page.evaluate("() => window.chronoatlas.sequence()") == IN_TIME_ORDER
    page.locator(".timeline-stage").focus()

    seen = []
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        seen.append(selected(page))
    page.keyboard.press("ArrowLeft")
    seen.append(selected(page))
    page.keyboard.press("Home")
    seen.append(selected(page))
    page.keyboard.press("End")
    seen.append(selected(page))

    assert seen == [
        "test-delegation-to-moscow",
        "test-eastern-campaign",
        "test-stalin-interview",
        "test-eastern-campaign",
        "test-gold-reaches-trabzon",
        "test-renamed-leninakan",
    ]
    expect(page.locator(".timeline [aria-live]")).to_contain_text(
        "Şehrin adı Leninakan olur, 1924 içinde (kesin tarihi bilinmiyor). 12 / 12."
    )
    assert query(page)["event"] == "test-renamed-leninakan"


def test_switching_language_changes_the_interface_and_the_content(open_atlas):
    page = open_atlas("?event=test-treaty-of-moscow")
    expect(page.locator(".panel-title")).to_have_text("Moskova Antlaşması")
    expect(page.locator(".panel-section-sources h3")).to_have_text("Kaynaklar")

    page.get_by_role("button", name="EN", exact=True).click()

    expect(page.locator(".panel-title")).to_have_text("Treaty of Moscow")
    expect(page.locator(".panel-date")).to_have_text("16 March 1921")
    expect(page.locator(".panel-section-sources h3")).to_have_text("Sources")
    expect(page.locator(".subtitle")).to_have_text("Events, places and routes on a timeline and a map")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert query(page) == {"event": "test-treaty-of-moscow", "lang": "en"}


def test_no_request_leaves_the_host(page, live_server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(f"{live_server.url}/")
    page.wait_for_selector("html[data-ready]")
    click_event(page, "test-delegation-to-moscow")
    expect(page.locator(".panel-title")).to_have_text("Heyet Moskova'ya gider")
    page.get_by_role("button", name="EN", exact=True).click()
    expect(page.locator(".panel-title")).to_have_text("The delegation travels to Moscow")
    page.wait_for_timeout(500)  # let the map finish flying and redraw

    host = urlparse(live_server.url).netloc
    outside = [url for url in requests if urlparse(url).scheme not in ("data", "blob") and urlparse(url).netloc != host]
    assert outside == []
    assert any("/api/v1/events/" in url for url in requests)


@pytest.mark.parametrize(
    ("slug", "turkish", "english"),
    [
        ("test-sea-shipment", "Ekim 1921", "October 1921"),
        ("test-eastern-campaign", "yaklaşık Eylül 1920", "around September 1920"),
        ("test-gold-reaches-trabzon", "muhtemelen 1920", "perhaps 1920"),
        ("test-renamed-leninakan", "1924 içinde (kesin tarihi bilinmiyor)", "sometime in 1924"),
        (
            "test-armistice-asked",
            "7 Kasım – 3 Aralık 1920 arasında bir tarihte",
            "sometime between 7 November and 3 December 1920",
        ),
        ("test-delegation-to-moscow", "11 Mayıs – 19 Temmuz 1920", "11 May – 19 July 1920"),
    ],
)
def test_dates_are_shown_as_precisely_as_their_sources_say(open_atlas, slug, turkish, english):
    page = open_atlas(f"?event={slug}")
    date = page.locator(".panel-date")
    expect(date).to_have_text(turkish)

    page.get_by_role("button", name="EN", exact=True).click()

    expect(date).to_have_text(english)
    assert not re.match(r"^\d+ (October|September)", date.inner_text())


def test_an_atlas_without_events_says_so(page, live_server):
    empty = {
        **{column: [] for column in ("slug", "title", "date", "start", "end", "precision", "category")},
        **{column: [] for column in ("significance", "flags", "places", "routes", "placeRefs", "routeRefs")},
        **{"format": 1, "count": 0, "categories": [], "precisions": [], "placeOffsets": [0], "routeOffsets": [0]},
    }
    page.route("**/api/v1/event-index/*", lambda route: route.fulfill(status=200, json=empty))

    page.goto(f"{live_server.url}/")
    page.wait_for_selector("html[data-ready]")

    expect(page.locator(".panel-status")).to_have_text("Henüz yayımlanmış olay yok.")


def test_an_api_failure_shows_a_message_and_a_retry_button_not_a_blank_page(page, live_server):
    page.route("**/api/v1/event-index/**", lambda route: route.fulfill(status=500, body="boom"))

    page.goto(f"{live_server.url}/")

    expect(page.locator(".panel-error")).to_contain_text("Atlas verileri yüklenemedi (HTTP 500)")
    page.unroute("**/api/v1/event-index/**")
    page.get_by_role("button", name="Yeniden dene").click()
    expect(page.locator(".panel-status")).to_have_text(re.compile("Bir olay seçin"))


def test_people_and_sources_are_asked_for_when_an_event_is_shown_and_named_in_its_panel(page, live_server):
    names = ("/api/v1/people/", "/api/v1/sources/", "/api/v1/actors/")
    asked = []
    page.on("request", lambda request: asked.append(urlparse(request.url).path))
    page.goto(f"{live_server.url}/?lang=en")
    page.wait_for_selector("html[data-ready]")
    page.wait_for_timeout(300)  # anything the page asks for once drawn has left by now
    assert [path for path in asked if path in names] == []  # nothing on screen needs them yet

    click_event(page, "test-stalin-interview")
    expect(page.locator(".panel-section-people li")).to_have_text(["Memduh Şevket Bey", "Joseph Stalin"])
    assert {path for path in asked if path in names} == set(names)


def test_the_search_offers_people_once_its_filters_are_opened(open_atlas):
    page = open_atlas("?lang=en")
    page.locator(".search-filters summary").click()
    person = page.get_by_label("Person")
    expect(person.locator("option", has_text="Joseph Stalin")).to_have_count(1)
