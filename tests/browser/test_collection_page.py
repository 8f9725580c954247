"""A TimelineJS file imported into a collection of its own is an atlas of its own at /?collection=<slug>:
its slides on the timeline and in the list, none of the seed's events, places or fronts."""

from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

SAMPLE = Path("/work/shared/samples/timelinejs/women_in_computing.json")


def test_an_imported_timeline_is_a_page_of_its_own(open_atlas):
    call_command("import_events", str(SAMPLE), collection="women-in-computing", publish=True, verbosity=0)

    page = open_atlas("?collection=women-in-computing&lang=en")
    sequence = page.evaluate("() => window.chronoatlas.sequence()")
    state = page.evaluate("() => window.chronoatlas.mapState()")
    subtitle = page.locator(".bar .subtitle").inner_text()

    assert len(sequence) == 10  # every slide of the file (the title slide is the collection's)
    assert not any(slug.startswith("test-") for slug in sequence)  # the browser corpus's events stay out
    assert state["areas"] == [] and not any(state["routes"].values())
    assert "computing" in subtitle.lower()
    seed = page.evaluate("() => window.chronoatlas.sequence()")
    page.goto(page.url.replace("collection=women-in-computing&", ""))
    page.wait_for_selector("html[data-ready]")
    assert not set(seed) & set(page.evaluate("() => window.chronoatlas.sequence()"))
