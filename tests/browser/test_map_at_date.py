"""The map at a date: the time control changes what the map shows, plays and stops, lives in the URL;
a route panel lists stops and length; a bad date in a link is explained, never a blank page."""

from __future__ import annotations

from tests.browser.helpers import click_event, query

ROAD = "test-caucasus-road"
ZONE = "test-gyumri-occupation"


def _state(page) -> dict:
    return page.evaluate("() => window.chronoatlas.mapState()")


def _slide_to(page, iso: str) -> None:
    """Set the slider as a visitor's drag would: an input event, then a change when released."""
    page.evaluate(
        """iso => {
            const slider = document.querySelector(".time-slider");
            const [y, m, d] = iso.split("-").map(Number);
            slider.value = String(Date.UTC(y, m - 1, d) / 86400000);
            slider.dispatchEvent(new Event("input", { bubbles: true }));
            slider.dispatchEvent(new Event("change", { bubbles: true }));
        }""",
        iso,
    )


def test_the_slider_closes_the_road_in_winter_and_shows_the_zone_only_between_its_dates(open_atlas):
    page = open_atlas("?lang=en")
    _slide_to(page, "1920-07-15")
    summer = _state(page)
    assert summer["day"] == "1920-07-15"
    assert summer["routes"][ROAD] == "open" and ROAD in summer["arrows"]
    assert ZONE not in summer["areas"]

    _slide_to(page, "1920-12-15")
    winter = _state(page)
    assert winter["routes"][ROAD] == "closed" and ROAD not in winter["arrows"]
    assert ZONE in winter["areas"]
    assert page.locator("#map").get_attribute("data-day") == "1920-12-15"
    assert query(page)["on"] == "1920-12-15"

    _slide_to(page, "1921-06-01")
    assert ZONE not in _state(page)["areas"]


def test_the_slider_answers_the_keyboard_and_space_plays_and_pauses(open_atlas):
    page = open_atlas("?lang=en&on=1920-12-15")
    slider = page.locator(".time-slider")
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert _state(page)["day"] == "1920-12-16"
    assert "16 December 1920" in slider.get_attribute("aria-valuetext")

    page.keyboard.press("Space")
    page.wait_for_function("() => window.chronoatlas.mapState().day > '1921-01-01'")
    assert page.locator(".time-control").get_attribute("data-playing") == "true"
    page.keyboard.press("Space")
    assert page.locator(".time-control").get_attribute("data-playing") == "false"
    stopped = _state(page)["day"]
    page.wait_for_timeout(400)
    assert _state(page)["day"] == stopped
    assert query(page)["on"] == stopped  # the URL is written when playback stops


def test_the_date_survives_a_reload_and_back_returns_to_the_previous_choice(open_atlas):
    page = open_atlas("?lang=en&on=1920-12-15")
    assert _state(page)["routes"][ROAD] == "closed"
    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert _state(page)["day"] == "1920-12-15"
    assert page.locator(".time-day").text_content() == "15 December 1920"


def test_selecting_an_event_sets_the_maps_date(open_atlas):
    page = open_atlas("?lang=en&on=1920-12-15")
    click_event(page, "test-treaty-of-kars")
    page.wait_for_function("() => window.chronoatlas.mapState().day === '1921-10-13'")
    assert query(page)["on"] == "1921-10-13"


def test_a_route_panel_lists_its_stops_length_statuses_and_aid(open_atlas):
    page = open_atlas("?lang=en&on=1921-10-20&route=test-sea-route")
    panel = page.locator("#route-panel")
    assert panel.is_visible()
    # Stops are dated by the events on the route there (the arms shipment of October 1921).
    assert panel.locator(".route-stops li").all_text_contents() == [
        "Novorossiysk — October 1921",
        "Trabzon — October 1921",
    ]
    assert "km (geodesic)" in panel.locator(".route-facts").text_content()
    assert "dangerous" in panel.locator(".route-statuses").text_content()
    assert "33,275 pieces" in panel.locator(".route-aid").text_content()
    page.keyboard.press("Escape")
    assert panel.is_hidden()


def test_clicking_a_route_on_the_map_opens_its_panel_with_the_names_of_that_day(open_atlas):
    page = open_atlas("?lang=en&on=1920-07-15")
    page.evaluate("() => window.chronoatlas.map.setView([40.7, 46.8], 7, { animate: false })")
    # The middle of the road's first leg, Baku to Gyumri, where no place sits.
    point = page.evaluate(
        """() => {
            const m = window.chronoatlas.map, p = m.latLngToContainerPoint([40.5994, 46.8573]);
            const box = m.getContainer().getBoundingClientRect();
            return { x: box.left + p.x, y: box.top + p.y };
        }"""
    )
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#route-panel")
    panel.wait_for(state="visible")
    assert panel.locator(".route-stops li").all_text_contents() == ["Baku", "Alexandropol", "Kars"]
    assert query(page)["route"] == ROAD


def test_following_a_route_moves_a_traveller_along_it(open_atlas):
    page = open_atlas("?lang=en&on=1920-05-20&route=test-mission-road")
    page.locator(".route-follow").click()
    page.wait_for_function("() => window.chronoatlas.mapState().traveller !== null")
    first = _state(page)["traveller"]
    page.wait_for_function(
        "first => { const t = window.chronoatlas.mapState().traveller; return t && t[0] !== first[0]; }", arg=first
    )
    page.locator(".time-play").click()  # pause
    assert page.locator(".time-control").get_attribute("data-playing") == "false"


def test_a_date_that_is_not_a_day_is_explained_and_the_map_still_shows(open_atlas):
    page = open_atlas("?lang=en&on=1920-13-45")
    message = page.locator(".time-message")
    assert message.is_visible()
    assert "“1920-13-45” is not a day" in message.text_content()
    assert _state(page)["day"] is not None
    assert page.locator("#timeline canvas").is_visible()
    _slide_to(page, "1920-12-15")
    assert message.is_hidden()


def test_a_date_outside_the_corpus_moves_to_its_nearest_end_and_says_so(open_atlas):
    page = open_atlas("?lang=en&on=1850-01-01")
    assert "outside the atlas's period" in page.locator(".time-message").text_content()
    assert _state(page)["day"] == "1920-01-01"
    assert query(page)["on"] == "1920-01-01"


def test_back_returns_the_map_to_the_day_before_an_event_was_chosen(open_atlas):
    page = open_atlas("?lang=en&on=1920-12-15")
    click_event(page, "test-treaty-of-kars")
    page.wait_for_function("() => window.chronoatlas.mapState().day === '1921-10-13'")
    page.go_back()
    page.wait_for_function("() => window.chronoatlas.mapState().day === '1920-12-15'")
    assert _state(page)["routes"][ROAD] == "closed"


def test_with_reduced_motion_playback_moves_in_whole_steps(page, live_server):
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server.url}/?lang=en&on=1920-06-01")
    page.wait_for_selector("html[data-ready]")
    page.locator(".time-play").click()
    page.wait_for_function("() => window.chronoatlas.mapState().day !== '1920-06-01'", timeout=3000)
    page.locator(".time-play").click()
    # One step at the default speed (a month a second): thirty days, not a slide through the days between.
    assert _state(page)["day"] == "1920-07-01"


def _basemap_requests(page) -> list[str]:
    return page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('world-atlas'))"
    )


def _story_reaching_iceland() -> None:
    """Widen where the story happens (the most significant events' places, frontend.views.story_extent) to
    Reykjavík, so the atlas opens on a continent-wide view, as the seed's does on a phone."""
    from django.db.models import Max

    from chronology.models import Event, EventPlace
    from geography.models import Place

    top = Event.objects.published().aggregate(top=Max("significance"))["top"]
    far = Place.objects.create(slug="test-reykjavik", name={"en": "Reykjavík"}, latitude=64.15, longitude=-21.94)
    EventPlace.objects.create(event=Event.objects.published().filter(significance=top).first(), place=far)


def test_a_phone_draws_the_coarse_land_and_the_fine_coast_once_the_visitor_zooms_in(browser, live_server):
    _story_reaching_iceland()
    phone = browser.new_page(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    phone.goto(f"{live_server.url}/?lang=en")
    phone.wait_for_selector("html[data-ready]")
    assert phone.evaluate("() => window.chronoatlas.map.getZoom()") <= 4
    assert "countries-110m" in phone.locator("#map").get_attribute("data-basemap")
    assert not [url for url in _basemap_requests(phone) if "countries-50m" in url]

    phone.evaluate("() => window.chronoatlas.map.setZoom(6, { animate: false })")
    phone.wait_for_function("() => (document.getElementById('map').dataset.basemap || '').includes('countries-50m')")
    # Back out again, the finer coast stays: it is right at every zoom and is not drawn twice.
    phone.evaluate("() => window.chronoatlas.map.setZoom(3, { animate: false })")
    phone.wait_for_timeout(300)
    assert "countries-50m" in phone.locator("#map").get_attribute("data-basemap")
    assert len([url for url in _basemap_requests(phone) if "countries-50m" in url]) == 1
    phone.close()


def test_a_linked_event_seen_close_draws_the_fine_coast_from_the_start(browser, live_server):
    screen = browser.new_page(viewport={"width": 1024, "height": 768})
    screen.goto(f"{live_server.url}/?event=test-treaty-of-moscow&lang=en")
    screen.wait_for_selector("html[data-ready]")
    assert screen.evaluate("() => window.chronoatlas.map.getZoom()") > 4
    assert "countries-50m" in screen.locator("#map").get_attribute("data-basemap")
    assert not [url for url in _basemap_requests(screen) if "countries-110m" in url]
    screen.close()
