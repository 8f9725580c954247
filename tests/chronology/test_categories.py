"""Categories are data: a curator adds one in the admin and the API, its filter and the corpus know it."""

import pytest
from django.urls import reverse

from chronology.corpus import corpus_load
from chronology.models import Category
from tests.chronology.test_corpus import corpus_with, problems_of
from tests.factories import make_event

CATEGORIES = "/api/v1/categories/"
EVENTS = "/api/v1/events/"


@pytest.fixture
def curator(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "secret-pass")
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _category_form(**overrides):
    return {
        "slug": "invention",
        "name_0": "buluş",
        "name_1": "invention",
        "colour": "#2b6cb0",
        "symbol": "⚙",
    } | overrides


def test_the_seeds_seven_categories_are_rows(api):
    slugs = [row["slug"] for row in api.get(CATEGORIES).json()]
    assert slugs == ["aid", "diplomacy", "military", "mission", "politics", "report", "treaty"]


def test_a_category_added_in_the_admin_is_listed_and_filters_events(curator, api):
    response = curator.post(reverse("admin:chronology_category_add"), _category_form())
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    make_event(slug="first-computer", category="invention")
    make_event(slug="kars", category="treaty")

    listed = {row["slug"]: row for row in api.get(CATEGORIES, {"lang": "tr"}).json()}
    assert listed["invention"] == {"slug": "invention", "name": "buluş", "colour": "#2b6cb0", "symbol": "⚙"}
    found = api.get(EVENTS, {"category": "invention"}).json()
    assert [event["slug"] for event in found] == ["first-computer"]
    assert found[0]["category"] == "invention"


def test_an_unknown_category_in_the_filter_is_a_400_naming_it(api):
    response = api.get(EVENTS, {"category": "invention"})
    assert response.status_code == 400
    assert "invention" in str(response.json()["category"])


def test_a_colour_too_light_for_the_map_is_refused_saying_so(curator):
    response = curator.post(reverse("admin:chronology_category_add"), _category_form(colour="#f0e68c"))
    assert response.status_code == 200
    assert "too light on the map" in str(response.context["adminform"].form.errors["colour"])
    assert not Category.objects.filter(slug="invention").exists()


def test_a_corpus_declares_its_own_categories(db, tmp_path):
    corpus = corpus_with(
        tmp_path,
        events=("category: treaty", "category: accord"),
        sources=(
            "        themes:",
            "        categories:\n          - slug: accord\n            name: {en: accord}\n"
            "            colour: '#1f6f78'\n        themes:",
        ),
    )
    corpus_load(path=corpus)
    assert Category.objects.get(slug="accord").events.exists()


def test_an_event_naming_a_category_nobody_declared_is_a_problem_and_nothing_loads(db, tmp_path):
    problems = problems_of(corpus_with(tmp_path, events=("category: treaty", "category: accord")))
    assert any("field 'category'" in problem and "accord" in problem for problem in problems), problems
