"""A collection's own page: `/?collection=<slug>` is the atlas of that collection alone."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from chronology.models import SEED_COLLECTION, Collection, Era
from tests.factories import make_event, make_place


def _config(response) -> dict:
    match = re.search(r'<script id="atlas-config" type="application/json">(.*?)</script>', response.content.decode())
    return json.loads(match.group(1))


def test_a_collections_page_reads_only_its_events_and_says_which_atlas_it_is(db, client):
    computing = Collection.objects.create(
        slug="computing",
        title={"en": "Women in computing", "tr": "Bilişimde kadınlar"},
        introduction={"en": "Programmers since Ada Lovelace."},
    )
    make_event(slug="eniac", collection=computing, places=[make_place(slug="philadelphia")])
    make_event(slug="moscow-treaty")

    response = client.get("/?collection=computing&lang=en")
    html = response.content.decode()
    api = _config(response)["api"]

    assert response.status_code == 200
    assert '<p class="subtitle">Women in computing</p>' in html
    assert '<div class="collection-intro-text"><p>Programmers since Ada Lovelace.</p></div>' in html
    index = client.get(f"{api['index']}&lang=en").json()
    assert index["slug"] == ["eniac"]
    # The page preloads the very addresses it reads.
    assert f'href="{api["index"].replace("&", "&amp;")}&amp;lang=en"' in html
    assert _config(response)["collection"]["slug"] == "computing"
    # Its embed code frames this collection, not the site's first atlas.
    embed_code = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "/embed/?" in embed_code and "collection=computing" in embed_code


def test_the_seed_collection_keeps_its_own_address_and_page(db, client):
    plain, named = client.get("/?lang=en"), client.get(f"/?collection={SEED_COLLECTION}&lang=en")
    assert _config(plain)["api"] == _config(named)["api"]
    assert _config(plain)["collection"] is None


def test_an_unknown_collection_is_a_404(db, client):
    response = client.get("/?collection=nowhere")
    assert response.status_code == 404


def test_a_collections_eras_come_with_its_page_and_its_api_in_time_order(db, client):
    universe = Collection.objects.create(slug="universe", title={"en": "The universe"})
    Era.objects.create(collection=universe, date="Y-538800000/2026", title={"en": "Phanerozoic"})
    Era.objects.create(
        collection=universe, date="Y-4600000000/Y-538800000", title={"en": "Precambrian", "tr": "Prekambriyen"}
    )

    page_eras = _config(client.get("/?collection=universe&lang=en"))["collection"]["eras"]
    api = client.get("/api/v1/collections/universe/", {"lang": "en"}).json()

    assert [era["title"] for era in page_eras] == [{"en": "Precambrian", "tr": "Prekambriyen"}, {"en": "Phanerozoic"}]
    assert page_eras[0]["start"] == "-4600000000-01-01" and page_eras[0]["end"] == "-538800000-12-31"
    assert api["eras"] == page_eras


def test_an_era_without_an_end_is_refused_saying_it_is_a_band(db):
    universe = Collection.objects.create(slug="universe", title={"en": "The universe"})
    with translation.override("en"), pytest.raises(ValidationError, match="give both its start and its end"):
        Era(collection=universe, date="Y-538800000/..", title={"en": "Phanerozoic"}).full_clean()
