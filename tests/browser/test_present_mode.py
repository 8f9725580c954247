"""Present mode and the presenter view on the seed corpus's own lessons, served by the live server: clicker
keys, blanking, jumping, deep links, bad lessons, the two windows in step, big type on a projector, the map
at rest under prefers-reduced-motion, the students' QR code, and a lesson run with the outside world cut off."""

from __future__ import annotations

from urllib.parse import urlparse

import numpy as np
import pytest
import zxingcpp

from tests.browser.helpers import query, selected

pytestmark = [pytest.mark.browser, pytest.mark.corpus("seed")]

LESSON = "road-to-the-moscow-treaty"  # fixtures/seed/lessons.yaml: ten steps, 1920–1921
COUNT = 10
TITLES_EN = {
    1: "Mustafa Kemal Pasha's letter to Lenin",
    2: "Bekir Sami Bey's delegation leaves for Moscow",
    3: "Chicherin's reply to Mustafa Kemal Pasha",
    7: "Capture of Kars",
    10: "Treaty of Moscow",
}


@pytest.fixture
def present(page, live_server):
    """Open `query` on the live server (in `target`, another tab, if given) and wait until it is drawn."""

    def _open(query: str, target=None):
        target = target or page
        target.goto(f"{live_server.url}/{query}")
        target.wait_for_selector("html[data-ready]")
        return target

    return _open


def _progress(page) -> str:
    return page.locator(".present-progress").first.inner_text()


def _title(page) -> str:
    return page.locator(".present-title").first.inner_text()


def _wait_step(page, n: int) -> None:
    page.wait_for_function("n => new URL(location.href).searchParams.get('step') === n", arg=str(n))
    page.wait_for_function(
        "t => document.querySelector('.present-progress')?.textContent === t", arg=f"Step {n} of {COUNT}"
    )


def test_the_first_step_shows_title_date_text_evidence_and_progress(present):
    page = present(f"?lang=en&mode=present&lesson={LESSON}&step=1")
    assert _title(page) == TITLES_EN[1]
    assert _progress(page) == f"Step 1 of {COUNT}"
    assert page.locator(".present-date").inner_text() == "26 April 1920"
    assert page.locator(".present-caption").inner_text().startswith("Angora (Ankara) writes to Lenin")
    # The step's caption stands for the event's text; one passage, quoted once with all four of its pages.
    assert page.locator(".present-summary").count() == 0
    evidence = page.locator(".present-evidence")
    assert evidence.count() == 1 and "5 milyon altın" in evidence.inner_text()
    assert evidence.get_attribute("lang") == "tr"
    assert page.locator(".present-quote cite").inner_text() == "Tekinsoy, 2025, s. 191, 192, 197"
    assert page.locator(".panel").is_hidden() and page.locator("#timeline").is_hidden()
    assert "null" not in page.locator("#present").inner_text()  # nothing left out is written as "null"


def test_clicker_and_keyboard_keys_step_through_the_lesson(present):
    page = present(f"?lang=en&mode=present&lesson={LESSON}&step=1")
    for key, step in [("ArrowRight", 2), ("PageDown", 3), ("PageUp", 2), ("Space", 3), ("ArrowLeft", 2)]:
        page.keyboard.press(key)
        _wait_step(page, step)
    assert _title(page) == TITLES_EN[2]
    assert page.locator("#present-live").inner_text() == f"Step 2 of {COUNT}: {TITLES_EN[2]}"
    assert query(page)["on"] == "1920-05-11"  # the map stands at the step's date

    page.keyboard.press("End")
    _wait_step(page, COUNT)
    assert _title(page) == TITLES_EN[10]
    page.keyboard.press("ArrowRight")  # past the end: stays on the last step
    assert _progress(page) == f"Step {COUNT} of {COUNT}"
    page.keyboard.press("Home")
    _wait_step(page, 1)
    assert _title(page) == TITLES_EN[1]

    page.keyboard.type("7")
    assert "7" in page.locator(".present-jump").inner_text()
    page.keyboard.press("Enter")
    _wait_step(page, 7)
    assert _title(page) == TITLES_EN[7] and query(page)["on"] == "1920-10-30"
    page.keyboard.type("10")
    page.keyboard.press("Enter")
    _wait_step(page, 10)


def test_b_and_full_stop_blank_the_screen_f_goes_full_screen_and_escape_leaves(present):
    page = present(f"?lang=en&mode=present&lesson={LESSON}&step=2")
    page.keyboard.press("b")
    assert page.locator("#present-blank").is_visible()
    page.keyboard.press("B")
    assert page.locator("#present-blank").is_hidden()
    page.keyboard.press(".")
    assert page.locator("#present-blank").is_visible()
    page.keyboard.press("ArrowLeft")  # a step brings the picture back, as on a projector
    assert page.locator("#present-blank").is_hidden()
    _wait_step(page, 1)

    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null")
    page.keyboard.press("F")
    page.wait_for_function("() => document.fullscreenElement === null")

    page.keyboard.press("Escape")
    page.wait_for_function("() => document.documentElement.dataset.mode === 'explore'")
    assert "mode" not in query(page) and "step" not in query(page)
    assert page.locator("#timeline").is_visible() and page.locator("#present").is_hidden()
    assert query(page)["event"] == "letter-to-lenin-1920"  # explore opens on the step left
    page.wait_for_function("t => document.querySelector('.panel-title')?.textContent === t", arg=TITLES_EN[1])


def test_a_deep_link_opens_its_step_and_switching_language_keeps_it(present):
    page = present(f"?lang=tr&mode=present&lesson={LESSON}&step=10")
    assert _title(page) == "Moskova Antlaşması"
    assert _progress(page) == f"Adım 10 / {COUNT}"
    assert page.locator(".present-date").inner_text() == "16 Mart 1921"
    page.locator(".present-controls [data-lang='en']").click()
    page.wait_for_function("t => document.querySelector('.present-title')?.textContent === t", arg=TITLES_EN[10])
    assert query(page)["step"] == "10" and query(page)["lang"] == "en"
    assert page.locator(".present-date").inner_text() == "16 March 1921"
    # The map stands at the step's day from the start, whatever the hidden timeline's window.
    assert page.evaluate("() => window.chronoatlas.store.get().on") == "1921-03-16"
    assert page.locator(".time-day").inner_text() == "16 March 1921"


def test_a_students_link_opens_its_step_in_explore_mode_and_keeps_it_across_languages(page, live_server):
    page.goto(f"{live_server.url}/lessons/{LESSON}/?step=3&lang=en")
    page.wait_for_selector("html[data-ready]")
    assert page.evaluate("() => document.documentElement.dataset.mode") == "explore"
    assert selected(page) == "chicherin-reply-to-mustafa-kemal-1920"
    page.wait_for_function("t => document.querySelector('.panel-title')?.textContent === t", arg=TITLES_EN[3])
    assert page.locator("#timeline").is_visible()
    assert page.evaluate("() => window.chronoatlas.store.get().on") == "1920-06-03"  # the map at the step's day
    # The lesson stays in view: which one, which step, the step's caption.
    bar = page.locator("#lesson-bar")
    bar.get_by_text(f"Step 3 of {COUNT}").wait_for()
    assert "Lesson: The road to the Moscow Treaty (1920–1921)" in bar.inner_text()
    assert "null" not in bar.inner_text()

    page.locator(".bar [data-lang='tr']").click()
    page.wait_for_function(
        "t => document.querySelector('.panel-title')?.textContent === t", arg="Çiçerin'in Mustafa Kemal Paşa'ya cevabı"
    )
    assert query(page)["step"] == "3" and selected(page) == "chicherin-reply-to-mustafa-kemal-1920"
    bar.get_by_text(f"Adım 3 / {COUNT}").wait_for()

    bar.get_by_role("button", name="Sonraki adım").click()  # the next step: its event, its day
    page.wait_for_function("() => window.chronoatlas.store.get().event === 'delegation-meets-lenin-1920'")
    assert query(page)["step"] == "4" and query(page)["on"] == "1920-08-14"
    bar.get_by_text(f"Adım 4 / {COUNT}").wait_for()
    bar.get_by_role("button", name="Bu adımdan sun").click()  # the teacher takes over from here
    page.wait_for_function("() => document.documentElement.dataset.mode === 'present'")
    assert _progress(page) == f"Adım 4 / {COUNT}" and bar.is_hidden()


def test_closing_a_students_lesson_leaves_it_for_good_a_reload_stays_in_the_atlas(page, live_server):
    page.goto(f"{live_server.url}/lessons/{LESSON}/?step=3&lang=en")
    page.wait_for_selector("html[data-ready]")
    bar = page.locator("#lesson-bar")
    bar.get_by_text(f"Step 3 of {COUNT}").wait_for()
    bar.get_by_role("button", name="Close the lesson").click()
    page.wait_for_function("() => !location.pathname.includes('/lessons/')")
    assert urlparse(page.url).path == "/" and "step" not in query(page)
    assert selected(page) == "chicherin-reply-to-mustafa-kemal-1920"  # the reader stays on the event
    page.go_back()  # Back returns to the lesson's step, Forward leaves it again
    bar.get_by_text(f"Step 3 of {COUNT}").wait_for()
    page.go_forward()
    bar.wait_for(state="hidden")
    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert bar.is_hidden() and selected(page) == "chicherin-reply-to-mustafa-kemal-1920"


def test_a_projector_gets_big_type(present, page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    present(f"?lang=en&mode=present&lesson={LESSON}&step=1")
    size = "s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)"
    assert page.evaluate(size, ".present-title") >= 40
    for body in (".present-caption", ".present-date", ".present-evidence"):
        assert page.evaluate(size, body) >= 28, body


def _unpublish_kars():
    from chronology.models import Event, Status

    Event.objects.filter(slug="kars-taken-1920").update(status=Status.DRAFT)


def _empty_lesson():
    from chronology.models import Status
    from lessons.models import Lesson

    Lesson.objects.create(slug="empty", title={"tr": "Boş", "en": "Empty"}, status=Status.PUBLISHED)


def _turkish_only_lesson():
    from chronology.models import Event, Status
    from lessons.models import Lesson

    lesson = Lesson.objects.create(slug="turkish-only", title={"tr": "Yalnız Türkçe"}, status=Status.PUBLISHED)
    lesson.steps.create(event=Event.objects.get(slug="treaty-of-moscow-1921"), caption={"tr": "Antlaşma"})


@pytest.mark.parametrize(
    ("setup", "link", "message", "title"),
    [
        (
            None,
            f"lesson={LESSON}&step=99",
            "This lesson has no step 99 (it has 10); the last step is shown.",
            TITLES_EN[10],
        ),
        (_unpublish_kars, f"lesson={LESSON}&step=7", "This step's event is not published at the moment.", "Step 7"),
        (_empty_lesson, "lesson=empty", "This lesson has no steps yet.", None),
        (
            _turkish_only_lesson,
            "lesson=turkish-only",
            "Parts of this lesson are not written in this language",
            "Treaty of Moscow",
        ),
        (None, "lesson=no-such-lesson", "There is no lesson “no-such-lesson”", None),
    ],
)
def test_a_bad_lesson_or_step_is_explained_in_the_lesson(present, setup, link, message, title):
    if setup:
        setup()
    page = present(f"?lang=en&mode=present&{link}")
    assert message in page.locator(".present-notice").inner_text()
    assert page.locator(".present-controls [data-present='leave']").is_visible()
    if title:
        assert _title(page) == title
    else:
        assert page.locator(".present-title").count() == 0


@pytest.mark.corpus("browser")
def test_without_a_lesson_present_mode_steps_through_the_events_in_view(present):
    page = present("?lang=en&mode=present")
    listed = page.evaluate("() => window.chronoatlas.listed().length || window.chronoatlas.sequence().length")
    assert _progress(page) == f"Step 1 of {listed}"
    first = _title(page)
    page.keyboard.press("PageDown")
    page.wait_for_function("t => document.querySelector('.present-title').textContent !== t", arg=first)
    assert _progress(page) == f"Step 2 of {listed}"


def test_the_presenter_window_follows_the_projected_one_and_back(present, page):
    projected = present(f"?lang=en&mode=present&lesson={LESSON}&step=1")
    presenter = present(f"?lang=en&mode=presenter&lesson={LESSON}&step=1", target=page.context.new_page())
    assert "why would a nationalist government write" in presenter.locator(".presenter-notes").inner_text()
    assert TITLES_EN[2] in presenter.locator(".presenter-next").inner_text()
    assert presenter.locator(".presenter-clock").inner_text()

    projected.bring_to_front()
    projected.keyboard.press("ArrowRight")
    presenter.wait_for_function(
        f"() => document.querySelector('.present-progress').textContent === 'Step 2 of {COUNT}'"
    )
    assert TITLES_EN[2] in presenter.locator(".presenter-current").inner_text()
    assert TITLES_EN[3] in presenter.locator(".presenter-next").inner_text()

    presenter.bring_to_front()
    presenter.keyboard.press("End")
    projected.wait_for_function("t => document.querySelector('.present-title').textContent === t", arg=TITLES_EN[10])
    presenter.keyboard.press("PageUp")
    projected.wait_for_function(
        f"() => document.querySelector('.present-progress').textContent === 'Step 9 of {COUNT}'"
    )
    presenter.locator("[data-present='blank']").click()
    projected.wait_for_function("() => !document.getElementById('present-blank').hidden")


def test_p_opens_the_presenter_view_on_the_current_step(present, page):
    present(f"?lang=en&mode=present&lesson={LESSON}&step=2")
    with page.context.expect_page() as opened:
        page.keyboard.press("p")
    presenter = opened.value
    presenter.wait_for_selector(".presenter-current .present-title")
    assert "mode=presenter" in presenter.url and "step=2" in presenter.url


def test_each_step_flies_the_map_to_its_places_and_under_reduced_motion_jumps_there(present, page):
    page.emulate_media(reduced_motion="reduce")
    page = present(f"?lang=en&mode=present&lesson={LESSON}&step=1")
    points = page.evaluate("() => JSON.parse(document.getElementById('lesson-data').textContent).steps[9].map.points")
    page.keyboard.press("End")
    _wait_step(page, COUNT)
    # No flight: the map is already there when the step is drawn (a flight takes 1.5 s to arrive).
    # The treaty's step frames where it was signed (Moscow), not the places it only concerns.
    inside = page.evaluate("points => points.every(p => window.chronoatlas.map.getBounds().contains(p))", points)
    assert points and inside


def test_the_qr_code_decodes_to_the_students_link_of_the_current_step(present, page, live_server):
    page = present(f"?lang=en&mode=present&lesson={LESSON}&step=3")
    page.keyboard.press("q")
    image = page.locator(".present-qr img")
    image.wait_for()
    page.wait_for_function("() => document.querySelector('.present-qr img').complete")
    # The code as drawn: the browser's own pixels of the server's SVG, decoded as a phone would.
    width, height, pixels = page.evaluate(
        """() => {
            const img = document.querySelector('.present-qr img');
            const canvas = document.createElement('canvas');
            canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
            const context = canvas.getContext('2d');
            context.fillStyle = '#fff'; context.fillRect(0, 0, canvas.width, canvas.height);
            context.drawImage(img, 0, 0);
            const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
            const grey = [];
            for (let i = 0; i < data.length; i += 4) grey.push(data[i]);
            return [canvas.width, canvas.height, grey];
        }"""
    )
    decoded = zxingcpp.read_barcodes(np.array(pixels, dtype=np.uint8).reshape(height, width))
    link = f"{live_server.url}/lessons/{LESSON}/?step=3&lang=en"
    assert [code.text for code in decoded] == [link]
    assert page.locator(".present-qr figcaption").inner_text() == link

    page.keyboard.press("ArrowRight")  # the code follows the step
    page.wait_for_function("() => document.querySelector('.present-qr a')?.href.includes('step=4')")
    phone = page.context.new_page()
    phone.goto(link)
    phone.wait_for_selector("html[data-ready]")
    assert phone.evaluate("() => document.documentElement.dataset.mode") == "explore"
    assert phone.locator(".panel-title").inner_text() == TITLES_EN[3]


def test_the_lesson_runs_end_to_end_with_every_outside_request_blocked(present, page, live_server):
    local = urlparse(live_server.url).netloc
    attempted: list[str] = []

    def refuse(route):
        attempted.append(route.request.url)
        route.abort()

    page.context.route(lambda url: urlparse(url).netloc != local and not url.startswith("data:"), refuse)
    page = present(f"?lang=en&mode=present&lesson={LESSON}&step=1")
    titles = [_title(page)]
    for step in range(2, COUNT + 1):
        page.keyboard.press("PageDown")
        _wait_step(page, step)
        titles.append(_title(page))
    assert len(set(titles)) == COUNT and titles[-1] == TITLES_EN[10]
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.documentElement.dataset.mode === 'explore'")
    assert attempted == []


def _tab_to(page, text: str) -> None:
    """Press Tab until the focused control reads `text`; fails if it is not reached by Tab at all."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.textContent") == text:
            return
    raise AssertionError(f"Tab never reaches {text!r}")


def test_keyboard_alone_works_the_buttons_of_present_and_presenter(present, page):
    page = present(f"?lang=en&mode=present&lesson={LESSON}&step=1")
    _tab_to(page, "Next step")
    page.keyboard.press("Enter")
    _wait_step(page, 2)
    assert _progress(page) == f"Step 2 of {COUNT}"  # Enter on the button steps once, not twice
    page.keyboard.press("Space")  # still on "Next step": a button's own Space
    _wait_step(page, 3)
    _tab_to(page, "QR code for students (Q)")
    page.keyboard.press("Enter")
    page.locator(".present-qr img").wait_for()
    assert page.evaluate("() => document.activeElement.getAttribute('aria-pressed')") == "true"

    presenter = present(f"?lang=en&mode=presenter&lesson={LESSON}&step=3", target=page.context.new_page())
    _tab_to(presenter, "Next step")
    presenter.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('.present-progress').textContent === 'Step 4 of {COUNT}'")
    assert "Step 4 of" in presenter.locator(".present-progress").inner_text()


def test_the_present_button_starts_present_mode_from_explore(open_atlas):
    page = open_atlas("?lang=en")
    page.locator("[data-present='start']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.dataset.mode === 'present'")
    assert _progress(page).startswith("Step 1 of ")


def test_a_printed_step_shows_the_step_and_no_buttons(present, page):
    present(f"?lang=en&mode=present&lesson={LESSON}&step=1")
    page.keyboard.press("q")
    page.locator(".present-qr").wait_for()
    page.emulate_media(media="print")
    assert page.locator(".present-title").is_visible() and page.locator(".present-caption").is_visible()
    assert page.locator(".present-controls").is_hidden() and page.locator(".present-qr").is_hidden()


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and (b["y"] < a["y"] + a["height"])
    )


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_students_lesson_bar_hides_none_of_the_maps_controls(page, live_server, size):
    # At 1024 px with the panel open the bar used to lie over the search box and its filters.
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{live_server.url}/lessons/soviet-aid-roads-and-obstacles/?step=1&lang=en")
    page.wait_for_selector("html[data-ready]")
    bar = page.locator("#lesson-bar").bounding_box()
    controls = {
        "search": "#place-search input",
        "filters": ".search-filters summary",
        "download": "#download-map",
        "zoom": ".leaflet-control-zoom",
        "time control": "#time-control",
    }
    covered = [name for name, css in controls.items() if _overlap(bar, page.locator(css).bounding_box())]
    assert covered == []
    # The whole bar is on the screen: its buttons can be pressed.
    assert bar["y"] + bar["height"] <= size[1] and bar["x"] + bar["width"] <= size[0]


STAGE_TEXT = (
    ".present-title, .present-date, .present-caption, .present-summary, .present-evidence, "
    ".present-translation, .present-quote cite"
)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_projected_step_is_painted_before_any_script_and_the_script_draws_the_same_words(browser, live_server, lang):
    address = f"{live_server.url}/?lang={lang}&mode=present&lesson={LESSON}&step=2"
    bare = browser.new_page(viewport={"width": 1920, "height": 1080}, java_script_enabled=False)
    bare.goto(address)
    painted = bare.locator("#present").locator(STAGE_TEXT).all_inner_texts()
    assert bare.locator("#present").is_visible()
    assert bare.locator(".bar").is_hidden()  # present mode's layout, not the explore page's
    bare.close()

    screen = browser.new_page(viewport={"width": 1920, "height": 1080})
    screen.goto(address)
    screen.wait_for_selector("html[data-ready]")
    screen.wait_for_selector(".present-progress")
    drawn = screen.locator("#present").locator(STAGE_TEXT).all_inner_texts()
    screen.close()
    assert len(painted) >= 3  # title, date, caption and the quote
    if lang == "en":
        assert painted[0] == TITLES_EN[2]
    assert painted == drawn
