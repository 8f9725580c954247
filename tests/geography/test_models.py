"""Invariants of places, routes and areas hold in forms and in the database itself."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from common.dates import day_number
from geography.geojson import validate_geometry
from geography.models import Place
from tests.factories import make_area, make_place


@pytest.mark.parametrize(
    ("field", "value"), [("latitude", 91), ("latitude", -90.5), ("longitude", 180.01), ("longitude", -181)]
)
def test_coordinates_out_of_range_are_refused_by_the_database(db, field, value):
    place = make_place()
    with pytest.raises(IntegrityError):
        Place.objects.filter(pk=place.pk).update(**{field: value})


def test_coordinates_out_of_range_fail_validation_with_the_range(db):
    place = Place(slug="x", name={"tr": "X"}, kind="city", latitude=95, longitude=44)
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "latitude" in error.value.message_dict


def test_slugs_are_unique_in_the_database(db):
    make_place(slug="kars")
    with pytest.raises(IntegrityError):
        make_place(slug="kars")


def test_area_ending_before_it_starts_is_refused_by_the_database(db):
    area = make_area(date="1920")
    from geography.models import Area

    with pytest.raises(IntegrityError):
        Area.objects.filter(pk=area.pk).update(day_start=day_number(1921, 1, 1), day_end=day_number(1920, 1, 1))


@pytest.mark.parametrize(
    ("geometry", "says"),
    [
        ("not json", "GeoJSON object"),
        ({"type": "Circle", "coordinates": [1, 2]}, "not one of"),
        ({"type": "Point"}, "no 'coordinates'"),
        ({"type": "Point", "coordinates": [44.0, 95.0]}, "latitude 95.0 is outside"),
        ({"type": "Point", "coordinates": [200, 40]}, "longitude 200 is outside"),
        ({"type": "Point", "coordinates": ["44", 40]}, "must be numbers"),
        ({"type": "LineString", "coordinates": [[44, 40]]}, "at least 2 positions"),
        ({"type": "Polygon", "coordinates": [[[42, 40], [44, 40], [44, 41], [42, 41]]]}, "end where it starts"),
        ({"type": "MultiPolygon", "coordinates": []}, "at least one member"),
    ],
)
def test_broken_geojson_is_rejected_with_what_is_wrong(geometry, says):
    with pytest.raises(ValidationError, match=says):
        validate_geometry(geometry)


def test_valid_geometries_pass():
    validate_geometry({"type": "LineString", "coordinates": [[42, 40], [44, 41.5, 0]]})
    validate_geometry({"type": "MultiPolygon", "coordinates": [[[[42, 40], [44, 40], [44, 41], [42, 40]]]]})
