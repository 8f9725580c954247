"""Linked Places Format: places out to the World Historical Gazetteer and back, matched rather than duplicated."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from chronology.corpus import corpus_load
from geography.models import Place, PlaceName
from interchange.geography_services import lpf_export, places_import
from interchange.lpf import CONTEXT
from interchange.records import FormatError
from interchange.services import ImportRejected
from sources.models import Citation
from tests.factories import make_place, make_source
from tests.xss_payloads import PAYLOADS, translated

pytestmark = pytest.mark.django_db


def _features() -> dict[str, dict]:
    collection = json.loads(lpf_export())
    assert collection["@context"] == CONTEXT and collection["type"] == "FeatureCollection"
    return {feature["properties"]["slug"]: feature for feature in collection["features"]}


def _atlas() -> dict:
    """What LPF carries of every place: its names (today's and through time), point, kind, description."""
    return {
        place.slug: (
            place.name,
            (place.latitude, place.longitude),
            place.kind,
            place.description,
            sorted((n.name, n.language, n.date, n.day_start, n.day_end) for n in place.names.all()),
        )
        for place in Place.objects.prefetch_related("names")
    }


def _lpf(*features) -> bytes:
    return json.dumps({"@context": CONTEXT, "type": "FeatureCollection", "features": list(features)}).encode()


def _feature(title="Kars", longitude=43.1, latitude=40.6, **extra) -> dict:
    geometry = {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [longitude, latitude]}]}
    return {"@id": "https://whgazetteer.org/places/1", "type": "Feature", "properties": {"title": title},
            "geometry": geometry, **extra}  # fmt: skip


def test_each_place_is_a_feature_with_its_names_through_time_type_point_and_citations():
    place = make_place(
        slug="gyumri", name={"tr": "Gümrü", "en": "Gyumri"}, kind="town", latitude=40.79, longitude=43.85
    )
    PlaceName.objects.create(place=place, name="Alexandropol", language="ru", date="1837/1924-01")
    PlaceName.objects.create(place=place, name="Leninakan", date="1924-01/..")
    PlaceName.objects.create(place=place, name="Kumayri", language="hy", date="../1837~")
    source = make_source(label="Bayur, 1991")
    Citation.objects.create(owner=place, source=source, locator="s. 12", evidence="Gümrü'ye varıldı")
    feature = _features()["gyumri"]
    assert feature["@id"] == "urn:chronoatlas:place:gyumri" and feature["properties"]["title"] == "Gümrü"
    names = {name["toponym"]: name for name in feature["names"]}
    assert names["Alexandropol"]["when"] == {"timespans": [{"start": {"in": "1837"}, "end": {"in": "1924-01"}}]}
    assert names["Leninakan"]["when"] == {"timespans": [{"start": {"in": "1924-01"}, "end": {"earliest": "1924-01"}}]}
    assert names["Kumayri"]["when"] == {"timespans": [{"start": {"latest": "1837~"}, "end": {"in": "1837~"}}]}
    assert "when" not in names["Gyumri"] and names["Gyumri"]["lang"] == "en"
    assert feature["types"] == [{"identifier": "aat:300008375", "label": "town",
                                 "sourceLabels": [{"label": "town", "lang": "en"}]}]  # fmt: skip
    assert feature["geometry"]["geometries"] == [{"type": "Point", "coordinates": [43.85, 40.79]}]
    assert feature["citations"] == [{"label": "Bayur, 1991, s. 12: “Gümrü'ye varıldı”"}]


def test_the_seed_places_round_trip_and_the_test_says_what_lpf_drops():
    corpus_load(path=settings.CORPUS_DIR)
    before = _atlas()
    data = lpf_export()
    noted = PlaceName.objects.exclude(note={}).count()
    assert noted  # the seed's names carry notes, which LPF has no place for
    PlaceName.objects.all().delete()
    Place.objects.update(latitude=0, longitude=0, description={})
    report = places_import(source=data, dry_run=False)
    assert report.applied and not report.rejected
    assert {row.action for row in report.rows} == {"change"}  # matched by slug, none duplicated
    assert _atlas() == before
    # What LPF drops: a name's note (LPF's names have no note).
    assert PlaceName.objects.exclude(note={}).count() == 0
    assert lpf_export() == data


def test_a_date_lpf_cannot_spell_comes_back_as_its_first_and_last_day():
    place = make_place(slug="kars")
    PlaceName.objects.create(place=place, name="Qars", language="hy", date="192X")
    data = lpf_export()
    PlaceName.objects.all().delete()
    places_import(source=data, dry_run=False)
    name = PlaceName.objects.get()
    assert name.date == "1920-01-01/1929-12-31"  # dropped: the unspecified digits of `192X`
    assert (name.start_iso, name.end_iso) == ("1920-01-01", "1929-12-31")


def test_a_gazetteer_place_is_matched_by_name_near_it_not_duplicated_and_its_names_added():
    kars = make_place(slug="kars", name={"tr": "Kars", "en": "Kars"}, latitude=40.6, longitude=43.09)
    russian = {"timespans": [{"start": {"in": "1878"}, "end": {"in": "1918"}}]}
    names = [{"toponym": "Kars", "lang": "en"}, {"toponym": "Karsi", "lang": "ru", "when": russian}]
    far = _feature("Kars", longitude=20.0, latitude=50.0)
    report = places_import(source=_lpf(_feature(names=names), far), dry_run=False)
    assert [(row.slug, row.action) for row in report.rows] == [("kars", "change"), ("kars-2", "create")]
    assert list(kars.names.values_list("name", "language", "date")) == [("Karsi", "ru", "1878/1918")]
    assert Place.objects.count() == 2
    # Imported twice: nothing new.
    again = places_import(source=_lpf(_feature(names=names)), dry_run=False)
    assert [row.action for row in again.rows] == ["unchanged"] and kars.names.count() == 1


def test_a_place_at_the_same_point_is_the_same_place_whatever_its_name():
    make_place(slug="sarikamis", latitude=40.3315, longitude=42.5906)
    report = places_import(source=_lpf(_feature("Sarygamysh", longitude=42.5909, latitude=40.3312)), dry_run=True)
    assert [(row.slug, row.action) for row in report.rows] == [("sarikamis", "change")]


def test_a_dry_run_saves_nothing_and_says_what_would_change():
    make_place(slug="kars", latitude=40.6, longitude=43.09)
    report = places_import(source=_lpf(_feature(longitude=43.1)), dry_run=True)
    assert not report.applied and Place.objects.get().longitude == 43.09
    assert ("longitude", "43.09", "43.1") in report.rows[0].changes
    assert report.verdict().startswith("Dry run, nothing saved")


@pytest.mark.parametrize(
    ("broken", "field", "message"),
    [
        ({"properties": {}}, "properties.title", "required"),
        ({"geometry": {"type": "Point", "coordinates": [40.6, 143.1]}}, "geometry.coordinates", "swapped"),
        ({"geometry": {"type": "Polygon", "coordinates": []}}, "geometry", "one point"),
        ({"names": [{"lang": "ru"}]}, "names[0].toponym", "required"),
        ({"names": [{"toponym": "X", "when": {"timespans": [{"end": {"in": "1920"}}]}}]},
         "names[0].when.timespans[0]", "needs a 'start'"),
        ({"names": [{"toponym": "X", "when": {"periods": [{"name": "Ottoman"}]}}]},
         "names[0].when.timespans", "named periods"),
        ({"names": [{"toponym": "X", "when": {"timespans": [{"start": {"in": "1920-13"}}]}}]},
         "names[0] (X).date", ""),
    ],
)  # fmt: skip
def test_a_bad_feature_is_refused_naming_it_and_its_field_and_nothing_is_saved(broken, field, message):
    make_place(slug="ardahan", latitude=41.1, longitude=42.7)
    good = _feature("Ardahan", longitude=42.7, latitude=41.1, names=[{"toponym": "Ardagan", "lang": "ru"}])
    bad = {**_feature(), **broken}
    with pytest.raises(ImportRejected) as refused:
        places_import(source=_lpf(good, bad), dry_run=False)
    rejected = refused.value.report.rejected
    assert [row.row.split(" (")[0] for row in rejected] == ["feature 2"]
    assert any(reason.startswith(f"{field}:") and message in reason for reason in rejected[0].reasons), rejected[
        0
    ].reasons
    assert Place.objects.count() == 1 and not PlaceName.objects.exists()  # not even the good feature


def test_skip_rejected_imports_the_good_features():
    report = places_import(source=_lpf(_feature("Ardahan"), {**_feature(), "properties": {}}), dry_run=False,
                           skip_rejected=True)  # fmt: skip
    assert report.applied and list(Place.objects.values_list("slug", flat=True)) == ["ardahan"]


def test_a_file_that_is_not_lpf_is_one_message():
    with pytest.raises(FormatError, match="not valid JSON"):
        places_import(source=b"{", dry_run=True)
    with pytest.raises(FormatError, match="FeatureCollection with 'features'"):
        places_import(source=b'{"type": "Feature"}', dry_run=True)


def test_curator_markup_stays_text_and_no_markup_reaches_the_bytes():
    place = make_place(slug="kars", name=translated("name"), description=translated("description"))
    PlaceName.objects.create(place=place, name=PAYLOADS[1], language="en")
    data = lpf_export()
    assert b"<" not in data and b">" not in data
    feature = _features()["kars"]
    assert feature["properties"]["atlas_name"] == translated("name")
    assert PAYLOADS[1] in [name["toponym"] for name in feature["names"]]


def test_the_api_the_command_and_the_admin_give_the_same_bytes(client, admin_client, tmp_path):
    make_place(slug="kars")
    command = io.StringIO()
    call_command("export_geography", format="lpf", stdout=command)
    api = client.get("/api/v1/places.lpf.json")
    assert api["Content-Type"] == "application/ld+json"
    admin = admin_client.get("/admin/chronology/event/export/", {"format": "lpf"})
    assert api.content == admin.content == command.getvalue().encode() == lpf_export()
    with pytest.raises(CommandError, match="places only"):
        call_command("export_geography", format="lpf", layer="routes", stdout=io.StringIO())


def test_import_places_command_previews_then_imports(tmp_path):
    path = tmp_path / "places.lpf.json"
    path.write_bytes(_lpf(_feature("Ardahan", longitude=42.7, latitude=41.1)))
    out = io.StringIO()
    call_command("import_places", str(path), "--dry-run", stdout=out)
    assert "feature 1 (“Ardahan”) (ardahan): created" in out.getvalue() and not Place.objects.exists()
    call_command("import_places", str(path), stdout=io.StringIO())
    assert Place.objects.get().slug == "ardahan"
    path.write_bytes(_lpf({**_feature(), "properties": {}}))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_places", str(path), stdout=io.StringIO(), stderr=io.StringIO())
