"""`make backup` and `make restore` (common/backup.py) on the database the suite runs on (PostgreSQL in CI,
SQLite by default): after a restore the atlas is the atlas that was backed up, every API body the same
bytes, even though the response cache had answered from the changed data in between."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chronology.models import Event, Status
from geography.models import Place
from tests.factories import make_area, make_event, make_place, make_route, make_source

# What a visitor's page, a GIS user and a reference manager read.
BODIES = [
    "/api/v1/events/?lang=en",
    "/api/v1/event-index/?lang=en",
    "/api/v1/places/?lang=en",
    "/api/v1/routes/?lang=en",
    "/api/v1/areas/?lang=en",
    "/api/v1/sources/",
    "/api/v1/collections/",
    "/api/v1/categories/",
    "/api/v1/atlas.kml",
    "/api/v1/sources.csl.json",
]


def _bodies(client) -> dict[str, bytes]:
    answers = {url: client.get(url) for url in BODIES}
    assert {url: a.status_code for url, a in answers.items()} == dict.fromkeys(BODIES, 200)
    return {url: a.content for url, a in answers.items()}


def _atlas():
    kars, tiflis = make_place(slug="kars", name={"tr": "Kars", "en": "Kars"}), make_place(slug="tiflis")
    make_event(slug="kars-falls", date="1920-10-30", places=[kars], sources=[make_source(slug="kurat-1990")])
    make_event(slug="gumru-treaty", date="1920-12-02", places=[kars])
    make_route(slug="kars-tiflis-railway", stops=[kars, tiflis])
    make_area(slug="eastern-front")


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_every_body_the_backup_was_taken_with(client, tmp_path, capsys):
    _atlas()
    before = _bodies(client)
    call_command("backup", str(tmp_path / "atlas.backup"))
    assert str(tmp_path / "atlas.backup") in capsys.readouterr().out  # the file it wrote, to hand to restore

    # A curator's day after the backup: an event added, a place renamed, one unpublished.
    make_event(slug="moscow-treaty", date="1921-03-16")
    Place.objects.filter(slug="kars").update(name={"tr": "Kars kalesi", "en": "Kars fortress"})
    Event.objects.filter(slug="gumru-treaty").update(status=Status.DRAFT)
    changed = _bodies(client)
    assert [url for url in BODIES if changed[url] != before[url]], "the changes reached no body"

    call_command("restore", str(tmp_path / "atlas.backup"))

    after = _bodies(client)
    assert [url for url in BODIES if after[url] != before[url]] == []
    assert not Event.objects.filter(slug="moscow-treaty").exists()


@pytest.mark.django_db(transaction=True)
def test_a_file_that_is_not_a_backup_is_refused_and_the_atlas_is_left_as_it_was(client, tmp_path):
    _atlas()
    before = _bodies(client)
    not_a_backup = tmp_path / "notes.backup"
    not_a_backup.write_text("minutes of the staff meeting\n")

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(not_a_backup))
    assert "nothing was changed" in str(refused.value)
    with pytest.raises(CommandError, match="is not a file: give the path"):
        call_command("restore", str(tmp_path / "missing.backup"))

    assert _bodies(client) == before
