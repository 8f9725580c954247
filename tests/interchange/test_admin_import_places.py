"""The place list's "Import places" page: upload an LPF file, see each feature's outcome, confirm to apply."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from geography.models import Place
from interchange.lpf import CONTEXT
from tests.factories import make_place

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:geography_place_import")


def _file(*features) -> SimpleUploadedFile:
    data = json.dumps({"@context": CONTEXT, "type": "FeatureCollection", "features": list(features)}).encode()
    return SimpleUploadedFile("places.lpf.json", data, content_type="application/ld+json")


def _feature(title, longitude, latitude) -> dict:
    point = {"type": "Point", "coordinates": [longitude, latitude]}
    return {"type": "Feature", "properties": {"title": title}, "geometry": point}


@pytest.fixture
def curator(client, django_user_model):
    user = django_user_model.objects.create_user("curator", password="unused-in-tests", is_staff=True)
    codes = ["add_place", "change_place", "view_place"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codes))
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def test_the_place_list_offers_the_import_and_the_lpf_and_kml_downloads(curator):
    page = curator.get(reverse("admin:geography_place_changelist")).content.decode()
    assert f'href="{IMPORT}"' in page and 'href="/api/v1/places.lpf.json"' in page
    assert 'href="/api/v1/atlas.kml"' in page


def test_a_curator_previews_then_confirms_and_a_known_place_is_matched_not_duplicated(curator):
    make_place(slug="kars", name={"tr": "Kars", "en": "Kars"}, latitude=40.6, longitude=43.09)
    upload = _file(_feature("Kars", 43.1, 40.6), _feature("<script>alert(1)</script>Ardahan", 42.7, 41.1))
    preview = curator.post(IMPORT, {"file": upload})
    assert preview.status_code == 200
    rows = preview.context["report"].rows
    assert [(row.slug, row.action) for row in rows] == [("kars", "change"), ("script-alert-1-script-ardahan", "create")]
    assert "<script>alert(1)" not in preview.content.decode()
    assert Place.objects.count() == 1 and Place.objects.get().longitude == 43.09
    applied = curator.post(IMPORT, {"token": preview.context["token"], "apply": "1"})
    assert applied.status_code == 302
    assert Place.objects.count() == 2 and Place.objects.get(slug="kars").longitude == 43.1


def test_a_bad_feature_is_shown_with_its_field_and_confirming_saves_nothing(curator):
    preview = curator.post(IMPORT, {"file": _file(_feature("Ardahan", 42.7, 41.1), _feature("Kars", 40.6, 143.1))})
    assert "geometry.coordinates: latitude 143.1 is outside" in preview.content.decode()
    refused = curator.post(IMPORT, {"token": preview.context["token"], "apply": "1"})
    assert refused.status_code == 200 and "Nothing was imported" in refused.content.decode()
    assert not Place.objects.exists()


def test_without_permission_to_add_places_the_page_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="unused-in-tests", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_place"))
    client.force_login(user)
    assert client.get(IMPORT).status_code == 403
