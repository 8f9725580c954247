"""Loading a corpus folder: everything or nothing, idempotent, and problems named by file, slug and field."""

import textwrap
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from chronology.corpus import CorpusInvalid, corpus_load
from chronology.models import AidItem, Event
from common.epoch import data_epoch
from geography.models import Place, PlaceName, Route
from sources.models import Citation

BASE = {
    "sources.yaml": """
        sources:
          - slug: tekinsoy-2025
            kind: article
            label: Tekinsoy, 2025
            year: 2025
          - slug: tda-571
            kind: archive
            label: TDA, 571/3424-136608-31
            archive_ref: 571/3424-136608-31
            date: "1920-12-04"
        themes:
          - slug: diplomacy
            name: {tr: Diplomasi, en: Diplomacy}
        people:
          - slug: stalin
            name: {tr: Josef Stalin, en: Joseph Stalin}
        actors:
          - slug: soviet-russia
            name: {tr: Sovyet Rusya, en: Soviet Russia}
          - slug: ankara-government
            name: {tr: Ankara Hükümeti, en: the Ankara government}
    """,
    "places.yaml": """
        places:
          - slug: baku
            name: {tr: Bakü, en: Baku}
            kind: city
            latitude: 40.4093
            longitude: 49.8671
          - slug: gyumri
            name: {tr: Gümrü, en: Gyumri}
            kind: city
            latitude: 40.7894
            longitude: 43.8475
            names:
              - {name: Alexandropol, date: "1837/1924"}
              - {name: Leninakan, date: "1924/1990"}
        routes:
          - slug: baku-gyumri
            name: {tr: Bakü–Gümrü, en: Baku–Gyumri}
            mode: rail
            purpose: aid
            date: "1920-11/1921-03"
            stops: [baku, gyumri]
            statuses:
              - {date: "1920-12~", status: dangerous, note: {tr: Tehlikeli., en: Dangerous.}}
            citations: [{source: tekinsoy-2025, locator: s. 196}]
        areas:
          - slug: eastern-front
            name: {tr: Doğu Cephesi, en: Eastern front}
            kind: front
            date: "1920-09/1920-12"
            geometry: {type: Polygon, coordinates: [[[42, 40], [44, 40], [44, 41], [42, 41], [42, 40]]]}
            citations: [{source: tekinsoy-2025, locator: s. 193}]
    """,
    "events.yaml": """
        events:
          - slug: stalin-interview
            date: "1920-11-05"
            category: report
            significance: 3
            title: {tr: Stalin mülakatı, en: The Stalin interview}
            summary: {tr: Bakü'de görüşme., en: A meeting in Baku.}
            themes: [diplomacy]
            places: [baku]
            people: [stalin]
            routes: [baku-gyumri]
            citations:
              - {source: tda-571, locator: 571/3424-136608-31}
              - {source: tekinsoy-2025, locator: s. 198}
            aid:
              - {donor: soviet-russia, recipient: ankara-government, status: promised, kind: rifles, quantity: 6000,
                 unit: pieces, route: baku-gyumri, source: tekinsoy-2025, locator: s. 197}
          - slug: gyumri-treaty
            date: "1920-12"
            category: treaty
            title: {tr: Gümrü Antlaşması, en: Treaty of Gyumri}
            summary: {tr: Antlaşma., en: A treaty.}
            places: [gyumri]
            citations: [{source: tekinsoy-2025, locator: s. 194}]
    """,
}


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def corpus_with(tmp_path, **replacements) -> Path:
    """The base corpus with text replaced in its files: corpus_with(tmp_path, events=("old", "new"))."""
    files = dict(BASE)
    for stem, (old, new) in replacements.items():
        name = f"{stem}.yaml"
        assert old in files[name], f"test setup: {old!r} not in {name}"
        files[name] = files[name].replace(old, new)
    return write_corpus(tmp_path / "corpus", files)


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", BASE)


def test_corpus_loads_every_record_with_its_links(db, corpus):
    corpus_load(path=corpus)
    interview = Event.objects.get(slug="stalin-interview")
    assert interview.status == "published"
    assert list(interview.places.values_list("slug", flat=True)) == ["baku"]
    assert [c.source.slug for c in interview.citations.order_by("position")] == ["tda-571", "tekinsoy-2025"]
    assert AidItem.objects.get().route.slug == "baku-gyumri"
    assert list(Route.objects.get().stops.values_list("place__slug", flat=True)) == ["baku", "gyumri"]
    assert list(PlaceName.objects.filter(place__slug="gyumri").values_list("name", flat=True)) == [
        "Alexandropol",
        "Leninakan",
    ]
    month = Event.objects.get(slug="gyumri-treaty")
    assert (month.start_iso, month.end_iso, month.date_precision) == ("1920-12-01", "1920-12-31", "month")


def test_loading_twice_changes_nothing(db, corpus):
    corpus_load(path=corpus)
    stamps = dict(Event.objects.values_list("slug", "updated_at"))
    citation_ids = set(Citation.objects.values_list("id", flat=True))
    epoch = data_epoch()
    report = corpus_load(path=corpus)
    assert not report.changed
    assert data_epoch() == epoch  # nothing written: cached lists stay valid
    assert sum(report.unchanged.values()) == 2 + 1 + 1 + 2 + 2 + 1 + 1 + 2
    assert dict(Event.objects.values_list("slug", "updated_at")) == stamps
    assert set(Citation.objects.values_list("id", flat=True)) == citation_ids


def test_reloading_an_edited_corpus_updates_only_what_changed(db, tmp_path, corpus):
    corpus_load(path=corpus)
    edited = corpus_with(
        tmp_path / "edited", events=("summary: {tr: Antlaşma., en: A treaty.}", "summary: {tr: Barış., en: Peace.}")
    )
    report = corpus_load(path=edited)
    assert report.updated["events"] == 1 and report.unchanged["events"] == 1
    assert Event.objects.get(slug="gyumri-treaty").summary == {"tr": "Barış.", "en": "Peace."}


def test_dry_run_reports_but_writes_nothing(db, corpus):
    report = corpus_load(path=corpus, dry_run=True)
    assert report.created["events"] == 2
    assert not Event.objects.exists() and not Place.objects.exists()


def problems_of(path) -> list[str]:
    with pytest.raises(CorpusInvalid) as error:
        corpus_load(path=path)
    return [str(problem) for problem in error.value.problems]


@pytest.mark.parametrize(
    ("stem", "old", "new", "expected"),
    [
        (
            "events",
            'date: "1920-11-05"',
            'date: "1920-11-31"',
            "events.yaml: events 'stalin-interview', field 'date': '1920-11-31' is not a valid EDTF",
        ),
        (
            "events",
            'date: "1920-12"',
            'date: "1921-01/1920-12"',
            "events 'gyumri-treaty', field 'date': '1921-01/1920-12' ends before it starts",
        ),
        ("places", "latitude: 40.4093", "latitude: 140.4093", "places 'baku', field 'latitude'"),
        ("places", "coordinates: [[[42, 40]", "coordinates: [[[42, 140]", "areas 'eastern-front', field 'geometry'"),
        (
            "events",
            "places: [baku]",
            "places: [bakuu]",
            "events 'stalin-interview', field 'places[0]': refers to places 'bakuu', "
            "which is neither in the corpus nor in the database",
        ),
        ("events", "people: [stalin]", "people: [lenin]", "field 'people': refers to people 'lenin'"),
        ("events", "source: tda-571", "source: tda-999", "field 'citations[0].source': refers to sources 'tda-999'"),
        ("events", "route: baku-gyumri", "route: nowhere", "field 'aid[0].route': refers to routes 'nowhere'"),
        (
            "places",
            "stops: [baku, gyumri]",
            "stops: [baku, kars]",
            "routes 'baku-gyumri', field 'stops': refers to places 'kars'",
        ),
        (
            "places",
            "stops: [baku, gyumri]",
            'stops: [baku, {place: gyumri, date: "1920-13"}]',
            "routes 'baku-gyumri', field 'stops[1].date'",
        ),
        (
            "places",
            "stops: [baku, gyumri]",
            'stops: [baku, {place: gyumri, when: "1920-11"}]',
            "routes 'baku-gyumri', field 'stops[1]': has a place and, optionally, a date",
        ),
        ("events", "category: treaty", "category: treety", "events 'gyumri-treaty', field 'category'"),
        (
            "events",
            'date: "1920-12"',
            'date: "Y-15000000000"',
            "events 'gyumri-treaty', field 'date': 'Y-15000000000' names a year before the universe began",
        ),
        ("events", "significance: 3", "significance: 5", "field 'significance'"),
        ("events", "significance: 3", "signifcance: 3", "field 'signifcance': unknown field"),
        ("events", "slug: gyumri-treaty", "slug: stalin-interview", "field 'slug': is used twice"),
        (
            "events",
            "citations: [{source: tekinsoy-2025, locator: s. 194}]",
            "citations: []",
            "events 'gyumri-treaty', field 'citations': is required",
        ),
        ("events", "quantity: 6000", "quantity: -6", "field 'aid[0].quantity'"),
        ("events", "status: promised, ", "", "field 'aid[0].status': is required: an aid line says its status"),
        ("events", "status: promised", "status: hoped", "field 'aid[0].status'"),
        ("events", "donor: soviet-russia, ", "", "field 'aid[0].donor': expected an actor slug, got None"),
        ("events", "donor: soviet-russia", "donor: atlantis", "field 'aid[0].donor': refers to actors 'atlantis'"),
        (
            "events",
            "donor: soviet-russia",
            "donor: ankara-government",
            "field 'aid[0].recipient': The recipient is the donor",
        ),
        ("events", "status: promised", "status: promised, derived: true", "field 'aid[0].note': A derived line"),
        ("sources", "archive_ref: 571/3424-136608-31", "archive_ref: ''", "sources 'tda-571', field 'archive_ref'"),
    ],
)
def test_a_bad_record_is_named_by_file_slug_and_field_and_nothing_is_loaded(db, tmp_path, stem, old, new, expected):
    with translation.override("en"):  # the models' own messages speak the active language (Turkish by default)
        problems = problems_of(corpus_with(tmp_path, **{stem: (old, new)}))
    assert any(expected in problem for problem in problems), problems
    assert not Event.objects.exists() and not Place.objects.exists() and not Route.objects.exists()


def test_a_broken_corpus_leaves_the_loaded_one_intact(db, tmp_path, corpus):
    corpus_load(path=corpus)
    broken = corpus_with(tmp_path / "broken", events=('date: "1920-12"', 'date: "1920-12-32"'))
    problems_of(broken)
    assert Event.objects.get(slug="gyumri-treaty").date == "1920-12"
    assert Event.objects.count() == 2


def test_yaml_syntax_error_names_file_and_line(db, tmp_path):
    folder = write_corpus(tmp_path / "c", {**BASE, "events.yaml": "events:\n  - slug: a\n    title: {tr: x\n"})
    problems = problems_of(folder)
    assert any(p.startswith("events.yaml") and "not valid YAML at line" in p for p in problems), problems


def test_missing_folder_is_a_clear_error(db, tmp_path):
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: corpus: no such file or folder"]


def test_load_corpus_command_exits_non_zero_and_lists_problems(db, tmp_path, capsys):
    broken = corpus_with(tmp_path, events=("places: [baku]", "places: [atlantis]"))
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_corpus", str(broken))
    assert "refers to places 'atlantis'" in capsys.readouterr().err


def test_load_corpus_command_reports_counts(db, corpus, capsys):
    call_command("load_corpus", str(corpus))
    out = capsys.readouterr().out
    assert "events: 2 created, 0 updated, 0 unchanged" in out
    call_command("load_corpus", str(corpus))
    assert "already up to date" in capsys.readouterr().out


def test_unquoted_yaml_dates_and_years_are_read_as_edtf_text(db, tmp_path):
    corpus_load(
        path=corpus_with(
            tmp_path,
            events=('date: "1920-11-05"', "date: 1920-11-05"),
            sources=("slug: stalin\n", "slug: stalin\n            born: 1878\n"),
        )
    )
    assert Event.objects.get(slug="stalin-interview").date == "1920-11-05"
    from chronology.models import Person

    assert Person.objects.get(slug="stalin").born == "1878"


RELATIVE = """
        events:
          - slug: envoy-arrives
            category: mission
            title: {tr: Elçi gelir, en: An envoy arrives}
            summary: {tr: Tarihsiz., en: Undated.}
            after: [stalin-interview]
            before: [gyumri-treaty]
            citations: [{source: tekinsoy-2025, locator: s. 199}]
            alternatives:
              - date: "1920-08-12"
                note: {tr: Sonuç bölümü bu tarihi verir., en: The conclusion gives this date.}
                citations: [{source: tekinsoy-2025, locator: s. 200}]
              - place: gyumri
                citations: [{source: tda-571, locator: 571/3424-136608-31}]
"""


def test_an_undated_event_placed_after_and_before_others_gets_the_window_between(db, tmp_path):
    corpus_load(path=write_corpus(tmp_path / "c", {**BASE, "relative.yaml": RELATIVE}))
    envoy = Event.objects.get(slug="envoy-arrives")
    assert envoy.date == ""
    assert (envoy.start_iso, envoy.end_iso, envoy.date_precision) == ("1920-11-05", "1920-12-31", "range")
    assert sorted(envoy.relations.values_list("kind", "other__slug")) == [
        ("after", "stalin-interview"),
        ("before", "gyumri-treaty"),
    ]


def test_alternative_datings_load_with_their_own_sources(db, tmp_path):
    corpus_load(path=write_corpus(tmp_path / "c", {**BASE, "relative.yaml": RELATIVE}))
    first, second = Event.objects.get(slug="envoy-arrives").alternatives.order_by("position")
    assert (first.date, first.start_iso) == ("1920-08-12", "1920-08-12")
    assert [c.locator for c in first.citations.all()] == ["s. 200"]
    assert (second.date, second.place.slug) == ("", "gyumri")


def test_relations_and_alternatives_reload_without_change(db, tmp_path):
    folder = write_corpus(tmp_path / "c", {**BASE, "relative.yaml": RELATIVE})
    corpus_load(path=folder)
    assert not corpus_load(path=folder).changed


def test_a_circle_of_relations_is_refused_naming_the_events(db, tmp_path):
    circular = RELATIVE.replace("before: [gyumri-treaty]", "before: [stalin-interview]")
    problems = problems_of(write_corpus(tmp_path / "c", {**BASE, "relative.yaml": circular}))
    assert any("circle" in p and "'envoy-arrives'" in p and "'stalin-interview'" in p for p in problems), problems
    assert not Event.objects.exists()


def test_an_event_with_neither_date_nor_relations_is_refused(db, tmp_path):
    undated = RELATIVE.replace("            after: [stalin-interview]\n            before: [gyumri-treaty]\n", "")
    problems = problems_of(write_corpus(tmp_path / "c", {**BASE, "relative.yaml": undated}))
    assert any("'envoy-arrives', field 'date': is required, unless" in p for p in problems), problems


def test_an_alternative_without_a_source_is_refused(db, tmp_path):
    unsourced = RELATIVE.replace("                citations: [{source: tekinsoy-2025, locator: s. 200}]\n", "")
    problems = problems_of(write_corpus(tmp_path / "c", {**BASE, "relative.yaml": unsourced}))
    assert any("alternatives[0].citations" in p for p in problems), problems


def test_a_date_written_in_the_sources_calendar_is_converted_and_kept(db, tmp_path):
    rumi = corpus_with(
        tmp_path,
        events=('date: "1920-11-05"', "date_as_written: 5 Teşrinisani 1336\n            date_calendar: rumi"),
    )
    corpus_load(path=rumi)
    event = Event.objects.get(slug="stalin-interview")
    assert (event.date, event.date_as_written, event.start_iso) == (
        "1920-11-05",
        "5 Teşrinisani 1336",
        "1920-11-05",
    )


def test_a_written_date_that_disagrees_with_the_date_is_refused(db, tmp_path):
    clash = corpus_with(
        tmp_path,
        events=(
            'date: "1920-11-05"',
            'date: "1920-11-06"\n            date_as_written: 5 Teşrinisani 1336\n            date_calendar: rumi',
        ),
    )
    problems = problems_of(clash)
    assert any("field 'date_as_written'" in p and "1920-11-05" in p for p in problems), problems


def test_if_empty_never_overwrites_what_curators_changed(db, corpus, capsys):
    call_command("load_corpus", str(corpus), if_empty=True)
    Event.objects.filter(slug="gyumri-treaty").update(summary={"en": "A curator's correction."})
    call_command("load_corpus", str(corpus), if_empty=True)
    assert "not loaded" in capsys.readouterr().out
    assert Event.objects.get(slug="gyumri-treaty").summary == {"en": "A curator's correction."}


QUOTED = (
    "citations: [{source: tekinsoy-2025, locator: s. 194}]",
    'citations: [{source: tekinsoy-2025, locator: s. 194, evidence: "Gümrü\'de imzalandı.", locator_estimated: true}]',
)


def test_a_citation_carries_its_passage_and_whether_its_page_was_estimated(db, tmp_path, api):
    corpus_load(path=corpus_with(tmp_path, events=QUOTED))
    [cited] = api.get("/api/v1/events/gyumri-treaty/?fields=citations").json()["citations"]
    assert (cited["evidence"], cited["locator_estimated"]) == ("Gümrü'de imzalandı.", True)


def test_adding_evidence_to_a_loaded_corpus_updates_that_event_only(db, tmp_path, corpus):
    corpus_load(path=corpus)
    report = corpus_load(path=corpus_with(tmp_path / "quoted", events=QUOTED))
    assert (report.updated["events"], report.unchanged["events"]) == (1, 1)


def test_a_locator_estimate_that_is_not_yes_or_no_is_named(db, tmp_path):
    problems = problems_of(corpus_with(tmp_path, events=(QUOTED[0], QUOTED[1].replace("true", "perhaps"))))
    assert any("'gyumri-treaty', field 'citations[0].locator_estimated'" in p for p in problems), problems


def test_a_citation_with_an_unknown_key_names_the_keys_it_may_have(db, tmp_path):
    problems = problems_of(corpus_with(tmp_path, events=(QUOTED[0], QUOTED[1].replace("evidence", "quote"))))
    expected = "field 'citations[0]': a citation has only evidence, locator, locator_estimated, note, source"
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(("value", "edtf"), [(1919, "1919"), (632, "0632"), (-43, "-0043")])
def test_an_unquoted_year_in_yaml_is_read_as_an_edtf_year(value, edtf):
    from chronology.corpus.reading import clean_scalar

    assert clean_scalar(value, "date") == edtf
