"""Writing the atlas out as a corpus: what it writes loads back into an empty database as the same atlas."""

import yaml
from django.conf import settings
from django.core.management import call_command

from chronology.corpus import corpus_load
from chronology.corpus.exporting import corpus_export
from chronology.corpus.spec import SECTIONS
from chronology.models import Actor, Event, EventRelation, Person, Theme
from geography.models import Area, Place, Route
from sources.models import Citation, Source

CORE_APPS = {"sources", "geography", "chronology"}


def _empty_the_atlas():
    EventRelation.objects.all().delete()
    # Sections registered by apps above chronology (lessons) go first: their records point at events.
    registered = [spec.model for spec in SECTIONS.values() if spec.model._meta.app_label not in CORE_APPS]
    for model in (*registered, Event, Actor, Area, Route, Place, Person, Theme, Source):
        model.objects.all().delete()
    assert not Citation.objects.exists()


def test_seed_corpus_round_trips_through_an_empty_database(db, tmp_path):
    corpus_load(path=settings.CORPUS_DIR)
    first = corpus_export()
    sections = yaml.safe_load(first)
    assert list(sections) == list(SECTIONS)  # every section, in the order the loader resolves references
    assert len(sections["events"]) == Event.objects.count()

    _empty_the_atlas()
    (tmp_path / "atlas.yaml").write_text(first, encoding="utf-8")
    call_command("import_events", str(tmp_path / "atlas.yaml"))  # recognised as a corpus by its sections

    assert Event.objects.count() == len(sections["events"])
    assert corpus_export() == first


def test_export_command_writes_the_corpus_and_leaves_drafts_out_unless_asked(db, tmp_path, capsys):
    corpus_load(path=settings.CORPUS_DIR)
    draft = Event.objects.order_by("slug").first()
    draft.status = "draft"
    draft.save()

    call_command("export_events", "--format", "corpus")
    published_only = yaml.safe_load(capsys.readouterr().out)
    call_command("export_events", "--format", "corpus", "--include-drafts", str(tmp_path / "all.yaml"))
    everything = yaml.safe_load((tmp_path / "all.yaml").read_text(encoding="utf-8"))

    assert draft.slug not in {e["slug"] for e in published_only["events"]}
    assert {"slug": draft.slug, "status": "draft"}.items() <= next(
        e for e in everything["events"] if e["slug"] == draft.slug
    ).items()
