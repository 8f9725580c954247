"""The seed corpus through each events format and back: export, empty the atlas's events, import the file,
export again. What a format holds comes back the same (the bytes of the second export are the first's); the
tests name what each format drops."""

import io

import pytest
from django.core.management import call_command

from chronology.models import Event, EventMedia, EventRelation
from sources.models import Citation


def _export(format: str, path, *language) -> str:
    call_command("export_events", "--format", format, *language, str(path), stderr=io.StringIO())
    return path.read_text(encoding="utf-8")


def _held(format: str) -> dict[str, dict]:
    """What each published event holds that `format` carries, by slug."""
    events = Event.objects.published().prefetch_related("places").select_related("category")
    held = {}
    for event in events:
        linked = EventMedia.objects.filter(event=event).exclude(url="").order_by("position", "pk").first()
        row = {"date": event.date, "category": event.category.slug, "media": linked.url if linked else ""}
        if format == "csv":  # every language a column, with places and sources
            row |= {"title": event.title, "places": sorted(p.slug for p in event.places.all())}
        else:  # one language a file
            row |= {"title": event.title.get("en") or event.title.get("tr")}
        held[event.slug] = row
    return held


@pytest.mark.parametrize(
    ("format", "language"),
    [("csv", []), ("timelinejs", ["--lang", "en"]), ("timelinejs-csv", ["--lang", "en"])],
)
def test_the_seed_corpus_comes_back_through_each_events_format(seed, tmp_path, format, language):
    path = tmp_path / "events"
    first = _export(format, path, *language)
    before = _held(format)
    had_citations = Citation.objects.filter(content_type__model="event").exists()
    EventRelation.objects.all().delete()
    Event.objects.all().delete()

    call_command("import_events", str(path), "--format", format, "--publish", *language, stdout=io.StringIO())

    after = _held(format)
    if format == "timelinejs-csv":
        # The sheet template has no id column: slugs are made from the headlines, so events are compared by
        # what they hold, not by slug.
        assert sorted(map(str, before.values())) == sorted(map(str, after.values()))
    else:
        assert after == before
    again = _export(format, path, *language)
    if format == "timelinejs-csv":
        # Events of one date are listed by slug, and the sheet's slugs are made anew from the headlines.
        assert sorted(again.splitlines()) == sorted(first.splitlines())
    else:
        assert again == first
    # What the format drops: TimelineJS has no places, citations, people, themes, relations or aid lines; the
    # atlas CSV keeps places and citations (source and locator) but not the evidence passage, so two citations
    # of one page are one; the sheet has no slugs either.
    imported = Event.objects.all()
    assert had_citations
    if format == "csv":
        assert Citation.objects.filter(content_type__model="event").exists()
        assert not Citation.objects.filter(content_type__model="event").exclude(evidence="").exists()
    else:
        assert not Citation.objects.filter(content_type__model="event").exists()
        assert not imported.filter(places__isnull=False).exists()
    assert not imported.filter(people__isnull=False).exists()
    assert not EventRelation.objects.exists()
