"""Sources out to reference managers (CSL-JSON, BibTeX) and back in, matched rather than duplicated."""

import io
import json
import re
import warnings

import bibtexparser
import jsonschema
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from django.conf import settings
from django.core.management import CommandError, call_command

from chronology.corpus import corpus_load
from interchange.bibtex import read_bibtex
from interchange.references import BIBTEX, CSL_JSON, sources_export
from sources.models import Source, SourceKind
from tests.factories import make_source
from tests.xss_payloads import PAYLOADS, hostile

pytestmark = pytest.mark.django_db

FIELDS = ("slug", "kind", "label", "author", "year", "title", "archive_ref", "date", "note")
# What a format cannot carry, so the round trip leaves it out of the comparison (docs/interchange.md says so).
DROPPED = {CSL_JSON: (), BIBTEX: ("note",)}

# The parts of CSL-JSON 1.0.2's schema (citationstyles/schema, csl-data.json) the export uses, transcribed:
# the schema is not reachable from here. Unknown keys are allowed, as the schema allows them.
_NAME = {
    "type": "object",
    "properties": {key: {"type": "string"} for key in ("family", "given", "literal", "non-dropping-particle")},
    "anyOf": [{"required": ["family"]}, {"required": ["literal"]}],
}
_DATE = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer"}},
        },
        "edtf": {"type": "string"},
        "circa": {"type": ["string", "number", "boolean"]},
    },
}
CSL_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type"],
        "properties": {
            "id": {"type": ["string", "number"]},
            "type": {"enum": ["article-journal", "book", "manuscript", "document"]},
            "citation-key": {"type": "string"},
            "citation-label": {"type": "string"},
            "title": {"type": "string"},
            "genre": {"type": "string"},
            "archive": {"type": "string"},
            "archive_location": {"type": "string"},
            "author": {"type": "array", "items": _NAME},
            "issued": _DATE,
            "custom": {"type": "object"},
        },
    },
}


@pytest.fixture
def seed_sources():
    """The shipped corpus's sources alone: nothing cites them, so a test may empty the table."""
    corpus_load(path=settings.CORPUS_DIR / "sources.yaml")
    assert Source.objects.count() > 30


def _csl() -> list[dict]:
    return json.loads(sources_export(format=CSL_JSON))


def _bib_entries(data: bytes) -> list:
    return bibtexparser.parse_string(data.decode(), append_middleware=[LatexDecodingMiddleware()]).entries


def _rows(*, leave_out=()) -> dict[str, dict]:
    fields = [name for name in FIELDS if name not in leave_out]
    return {row["slug"]: row for row in Source.objects.values(*fields)}


def _import(path, *options) -> str:
    out = io.StringIO()
    call_command("import_sources", str(path), *options, stdout=out, stderr=out)
    return out.getvalue()


def _refused(path, *options) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_sources", str(path), *options, stdout=io.StringIO(), stderr=err)
    return f"{err.getvalue()}\n{refused.value}"


def test_the_csl_export_has_one_valid_item_a_source_shaped_as_zotero_reads_it(seed_sources):
    items = _csl()
    jsonschema.validate(items, CSL_SCHEMA)
    assert [item["id"] for item in items] == sorted(Source.objects.values_list("slug", flat=True))
    by_id = {item["id"]: item for item in items}
    bayur = by_id["bayur-1991"]
    assert (bayur["type"], bayur["title"], bayur["citation-label"]) == ("book", "Türk İnkılâbı Tarihi", "Bayur, 1991")
    assert bayur["author"] == [{"family": "Bayur", "given": "Yusuf Hikmet"}]
    assert bayur["issued"] == {"date-parts": [[1991]]}
    assert (by_id["cebesoy-2002"]["type"], by_id["cebesoy-2002"]["genre"]) == ("book", "memoir")
    assert by_id["tekinsoy-2025"]["type"] == "article-journal"
    # The corpus has works known only by how the article cites them: the label stands in for the title.
    assert by_id["kose-2019"]["title"] == "Köse, 2019" and "author" not in by_id["kose-2019"]
    # An archive document's author is an office, not a person with a family name.
    assert by_id["tda-571-3424-136608-31"]["author"] == [{"literal": "T.C. Dışişleri Bakanlığı Türk Diplomatik Arşivi"}]


def test_a_csl_processor_renders_every_item_as_a_bibliography_entry(seed_sources):
    items = _csl()
    with warnings.catch_warnings():
        # citeproc-py predates CSL-JSON 1.0.2's citation-key and custom, and says it skips them.
        warnings.filterwarnings("ignore", "The following arguments for Reference are unsupported")
        source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(items)
    assert "Bayur, Y.H. (1991) Türk İnkılâbı Tarihi." in entries
    assert "Cebesoy, A.F. (2002) Moskova Hatıraları." in entries
    assert any(entry.startswith("T.C. Dışişleri Bakanlığı Türk Diplomatik Arşivi (1920)") for entry in entries)


def test_an_archive_document_is_a_manuscript_with_its_archive_and_file_and_its_dated_issue():
    make_source(
        slug="tda-report",
        kind=SourceKind.ARCHIVE,
        label="TDA, 571/3424",
        archive_ref="TDA, 571/3424-136608-31",
        title="Report from Baku",
        date="1920-12-04",
    )
    make_source(slug="letter", kind=SourceKind.OTHER, label="Letter, 1920", title="A letter", date="1920-09~")
    by_id = {item["id"]: item for item in _csl()}
    report = by_id["tda-report"]
    assert report["type"] == "manuscript"
    assert (report["archive"], report["archive_location"]) == ("TDA", "571/3424-136608-31")
    assert report["issued"] == {"date-parts": [[1920, 12, 4]], "edtf": "1920-12-04"}
    assert by_id["letter"]["type"] == "document"
    assert by_id["letter"]["issued"] == {"date-parts": [[1920, 9]], "edtf": "1920-09~", "circa": True}


def test_the_bibtex_export_has_an_entry_a_source_keyed_by_its_slug_and_typed_by_its_kind(seed_sources):
    entries = _bib_entries(sources_export(format=BIBTEX))
    assert [entry.key for entry in entries] == sorted(Source.objects.values_list("slug", flat=True))
    by_key = {entry.key: entry for entry in entries}
    assert by_key["bayur-1991"].entry_type == "book"
    assert by_key["bayur-1991"]["author"] == "Bayur, Yusuf Hikmet"
    assert by_key["bayur-1991"]["title"] == "Türk İnkılâbı Tarihi"
    assert by_key["bayur-1991"]["year"] == "1991"
    assert (by_key["cebesoy-2002"].entry_type, by_key["cebesoy-2002"]["type"]) == ("book", "memoir")
    assert by_key["tekinsoy-2025"].entry_type == "article"


def test_bibtex_special_characters_are_escaped_and_read_back_as_written():
    title = "Şark & Garp: 50% {yeni} #1 $ ~ _ \\ ıİğü"
    make_source(slug="odd", label="Ödemiş, 1999", author="Ali Ödemiş", title=title, year=1999)
    data = sources_export(format=BIBTEX).decode()
    title_line = next(line for line in data.splitlines() if line.strip().startswith("title"))
    # Each of & % # $ _ unescaped would break the file or the typeset title (% even starts a comment).
    assert re.findall(r"(?<!\\)[&%#$_]", title_line) == [], title_line
    assert "\\{yeni\\}" in title_line
    # bibtexparser's own LaTeX decoding (as another tool reads the file) gives the title as written.
    (entry,) = _bib_entries(data.encode())
    assert entry["title"] == title
    assert entry["author"] == "Ödemiş, Ali"


def test_quotes_and_dashes_that_tex_would_turn_into_other_characters_come_back_as_typed():
    title = "The \"new\" order -- or not: ``quoted'' 1919--1920 ^"
    make_source(slug="typed", label="Typed, 2000", title=title, year=2000)
    (work,) = read_bibtex(sources_export(format=BIBTEX).decode())
    assert work.title == title


@pytest.mark.parametrize("format", [CSL_JSON, BIBTEX])
def test_export_then_import_into_an_empty_atlas_gives_the_same_sources(seed_sources, tmp_path, format):
    make_source(
        slug="tda-report",
        kind=SourceKind.ARCHIVE,
        label="TDA, 571/3424",
        archive_ref="TDA, 571/3424-136608-31",
        title="Report from Baku",
        date="1920-12-04/1920-12-05",
    )
    before = _rows(leave_out=DROPPED[format])
    path = tmp_path / "sources.export"
    call_command("export_sources", str(path), format=format, stderr=io.StringIO())
    Source.objects.all().delete()
    output = _import(path)
    assert f"{len(before)} new, 0 matched, 0 refused" in output
    assert _rows(leave_out=DROPPED[format]) == before


def test_what_each_format_drops(tmp_path):
    make_source(
        slug="dated",
        label="Dated, 2001",
        author="A. Writer",
        title="Dated",
        year=2001,
        date="1920-11-05",
        note={"tr": "not", "en": "a note"},
    )
    for format, kept_note in ((CSL_JSON, {"tr": "not", "en": "a note"}), (BIBTEX, {})):
        path = tmp_path / f"dated.{format}"
        call_command("export_sources", str(path), format=format, stderr=io.StringIO())
        Source.objects.all().delete()
        _import(path)
        source = Source.objects.get()
        # BibTeX has no field for a note in each language; CSL keeps it (and the year apart from the
        # date) in its `custom` object, which the atlas reads back and other tools ignore.
        assert (source.date, source.year, source.note) == ("1920-11-05", 2001, kept_note), format


@pytest.mark.parametrize("format", [CSL_JSON, BIBTEX])
def test_importing_the_atlas_export_again_matches_every_source_and_duplicates_none(seed_sources, tmp_path, format):
    count = Source.objects.count()
    path = tmp_path / "again"
    call_command("export_sources", str(path), format=format, stderr=io.StringIO())
    output = _import(path)
    assert f"0 new, {count} matched, 0 refused" in output
    assert "“Türk İnkılâbı Tarihi”: matched → bayur-1991" in output
    assert Source.objects.count() == count


def test_a_zotero_item_of_a_work_the_atlas_has_is_matched_by_author_title_and_year(seed_sources, tmp_path):
    count = Source.objects.count()
    zotero = [
        {
            "id": "http://zotero.org/users/1/items/ABCD",
            "type": "book",
            "title": "Turk inkilabi tarihi",
            "author": [{"family": "BAYUR", "given": "Yusuf Hikmet"}],
            "issued": {"date-parts": [["1991"]]},
            "ISBN": "978-975-16-0000-0",
        },
        {
            "id": "ITEM-2",
            "type": "article-newspaper",
            "title": "Ankara'da bir gün",
            "author": [{"family": "Yılmaz", "given": "Ayşe"}, {"family": "Demir", "given": "Can"}],
            "issued": {"date-parts": [[1921, 3, 2]]},
            "DOI": "10.1000/xyz",
        },
    ]
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps(zotero), encoding="utf-8")
    output = _import(path)
    assert "item 1 (http://zotero.org/users/1/items/ABCD) “Turk inkilabi tarihi”: matched → bayur-1991" in output
    assert "the same author, title and year" in output
    assert "Not kept: DOI, ISBN (the atlas's sources have no field for them" in output
    new = Source.objects.get(title="Ankara'da bir gün")
    assert new.slug == "item-2"
    assert (new.kind, new.label, new.author, new.year, new.date) == (
        SourceKind.ARTICLE,
        "Yılmaz ve Demir, 1921",
        "Ayşe Yılmaz and Can Demir",
        1921,
        "1921-03-02",
    )
    assert Source.objects.count() == count + 1
    assert "0 new, 2 matched" in _import(path)  # and once more: the new one is matched too


def test_a_bibtex_entry_written_last_name_first_with_latex_accents_is_matched(seed_sources, tmp_path):
    path = tmp_path / "zotero.bib"
    path.write_text(
        "@book{bayurTurkInkilabi1991,\n  author = {Bayur, Yusuf Hikmet},\n"
        '  title = {{T\\"urk {\\.I}nk{\\i}l\\^ab{\\i} Tarihi}},\n  year = {1991},\n  url = {https://example.org/a%20b}\n}\n',
        encoding="utf-8",
    )
    output = _import(path, "--dry-run")
    assert "entry bayurTurkInkilabi1991 (line 1) “Türk İnkılâbı Tarihi”: matched → bayur-1991" in output
    assert "Not kept: URL" in output


def test_a_dry_run_says_what_each_item_would_do_and_saves_nothing(tmp_path):
    path = tmp_path / "new.bib"
    path.write_text("@book{kurat, author = {Akdes Nimet Kurat}, title = {Türkiye ve Rusya}, year = 1990}\n")
    output = _import(path, "--dry-run")
    assert "entry kurat (line 1) “Türkiye ve Rusya”: new → kurat" in output
    assert "Dry run, nothing saved: 1 new, 0 matched, 0 refused." in output
    assert not Source.objects.exists()


def test_curator_markup_stays_text_in_both_formats_and_through_the_api(client, tmp_path):
    make_source(slug="hostile", label=hostile("label")[:200], author=hostile("author"), title=hostile("title"))
    csl = sources_export(format=CSL_JSON)
    assert b"<" not in csl and b">" not in csl
    (item,) = json.loads(csl)
    assert item["title"] == hostile("title") and item["citation-label"] == hostile("label")[:200]
    bib = sources_export(format=BIBTEX)
    assert b"<script" not in bib and b"<img" not in bib
    (work,) = read_bibtex(bib.decode())
    assert (work.title, work.label) == (hostile("title"), hostile("label")[:200])
    for address, media_type in (
        ("/api/v1/sources.csl.json", "application/vnd.citationstyles.csl+json"),
        ("/api/v1/sources.bib", "application/x-bibtex"),
    ):
        response = client.get(address)
        assert response["Content-Type"] == f"{media_type}; charset=utf-8"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert not any(payload.encode() in response.content for payload in PAYLOADS)
    before = _rows()
    for format in (CSL_JSON, BIBTEX):
        path = tmp_path / f"hostile.{format}"
        path.write_bytes(sources_export(format=format))
        Source.objects.all().delete()
        _import(path)
        assert _rows(leave_out=DROPPED[format]) == {
            slug: {name: row[name] for name in row if name not in DROPPED[format]} for slug, row in before.items()
        }


def test_the_api_and_the_command_give_the_same_bytes(client, seed_sources):
    for format, address in ((CSL_JSON, "/api/v1/sources.csl.json"), (BIBTEX, "/api/v1/sources.bib")):
        command = io.StringIO()
        call_command("export_sources", format=format, stdout=command)
        response = client.get(address)
        assert response.status_code == 200
        assert response.content == command.getvalue().encode() == sources_export(format=format)


def test_the_api_answers_with_the_data_after_a_change(client):
    make_source(slug="first", label="First, 2000", title="First")
    assert [item["id"] for item in json.loads(client.get("/api/v1/sources.csl.json").content)] == ["first"]
    make_source(slug="second", label="Second, 2001", title="Second")
    assert len(json.loads(client.get("/api/v1/sources.csl.json").content)) == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.json", '[{"id": "a", "type": "book", "title": "A"', "not valid JSON"),
        ("object.json", '{"items": []}', "not CSL-JSON: CSL-JSON is a list of items"),
        ("empty.json", "[]", "holds no items"),
        ("prose.bib", "These are my notes, not a bibliography.", "holds no BibTeX entries"),
        ("unclosed.bib", "@book{a, title = {A}, year = 1990}\n\n@book{b, title = {B\n", "cannot be read from line 3"),
        ("twice.bib", "@book{a, title = {A}}\n@book{a, title = {B}}\n", "repeats the key 'a'"),
    ],
)
def test_a_file_that_is_not_csl_json_or_bibtex_is_refused_saying_why(tmp_path, name, content, message):
    make_source(slug="kept", label="Kept, 2000", title="Kept")
    before = _rows()
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    refused = _refused(path)
    assert message in refused and "Nothing was imported." in refused
    assert _rows() == before


def test_an_item_without_a_title_is_refused_by_name_and_nothing_of_the_file_is_saved(tmp_path):
    path = tmp_path / "untitled.json"
    items = [
        {"id": "good", "type": "book", "title": "A good book", "issued": {"date-parts": [[2000]]}},
        {"id": "untitled-thing", "type": "book", "author": [{"family": "Nobody", "given": "A."}]},
        {"id": "archive", "type": "manuscript", "title": "An archive file with no file number", "archive": "BOA"},
    ]
    path.write_text(json.dumps(items), encoding="utf-8")
    refused = _refused(path)
    assert "item 2 (untitled-thing) “untitled-thing”: refused" in refused
    assert "It has no title; give it one in the reference manager and export again." in refused
    assert "Nothing was imported: 2 new, 0 matched, 1 refused." in refused
    assert not Source.objects.exists()


def test_an_item_the_models_validation_refuses_is_refused_with_the_models_message(tmp_path):
    path = tmp_path / "odd.json"
    items = [
        {"id": "long", "type": "book", "title": "Long", "citation-label": "L" * 201},
        {"id": "german", "type": "book", "title": "Deutsch", "custom": {"note": {"de": "Notiz"}}},
    ]
    path.write_text(json.dumps(items), encoding="utf-8")
    refused = _refused(path)
    # The model's own message, in the atlas's language (Turkish unless the command is run in another).
    assert "item 1 (long) “Long”: refused\n    label: Bu değerin en fazla 200 karaktere" in refused
    assert "item 2 (german) “Deutsch”: refused\n    note: Unknown language code(s) de" in refused
    assert not Source.objects.exists()


def test_a_key_the_atlas_uses_for_another_work_is_refused_rather_than_taken_for_it(tmp_path):
    make_source(slug="smith-2000", label="Smith, 2000", author="John Smith", title="On Maps", year=2000)
    path = tmp_path / "other.json"
    path.write_text(json.dumps([{"id": "smith-2000", "type": "book", "title": "On Rivers"}]), encoding="utf-8")
    refused = _refused(path)
    assert "Its key 'smith-2000' is the atlas's source “Smith, 2000”, whose title is “On Maps”" in refused
    assert Source.objects.get().title == "On Maps"


def test_a_new_item_keyed_by_an_address_takes_its_slug_from_its_label(tmp_path):
    path = tmp_path / "zotero.json"
    item = {"id": "http://zotero.org/users/1/items/EFGH", "type": "book", "title": "Kafkasya"}
    path.write_text(
        json.dumps([item | {"author": [{"family": "Öztürk", "given": "Can"}], "issued": {"date-parts": [[1930]]}}])
    )
    assert "new → ozturk-1930" in _import(path)
    assert Source.objects.get().label == "Öztürk, 1930"


def test_an_item_matching_several_sources_is_refused_naming_them(tmp_path):
    for slug in ("map-a", "map-b"):
        make_source(slug=slug, label=f"Smith, 2000 ({slug})", author="John Smith", title="On Maps", year=2000)
    path = tmp_path / "maps.bib"
    path.write_text("@book{smithMaps, author = {Smith, John}, title = {On maps}, year = {2000}}\n")
    refused = _refused(path)
    assert "It could be any of the atlas's sources map-a, map-b; give it the key of the one it is." in refused
    assert Source.objects.count() == 2


def test_a_work_twice_in_one_file_becomes_one_source(tmp_path):
    path = tmp_path / "twice.bib"
    path.write_text(
        "@book{one, author = {Ali Kaya}, title = {Doğu Cephesi}, year = {1999}}\n"
        "@book{two, author = {Kaya, Ali}, title = {DOGU CEPHESI}, year = {1999}}\n"
    )
    output = _import(path)
    assert "entry two (line 2) “DOGU CEPHESI”: matched → one" in output
    assert Source.objects.get().title == "Doğu Cephesi"
