"""The events admin: places with roles, Turkish-aware search, the list's filters and order, the date fields
saying what they understood, and bad input refused naming the field with nothing saved half-way."""

import pytest
from django.urls import reverse

from chronology.models import AlternativeDating, Event, EventPlace
from tests.chronology.test_admin import _event_form
from tests.factories import make_event, make_place, make_source

CHANGELIST = "admin:chronology_event_changelist"


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "secret-pass"))
    client.cookies["django_language"] = "en"
    return client


def _listed(curator, **params):
    response = curator.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    return [event.slug for event in response.context["cl"].result_list]


def test_a_curator_adds_an_event_with_its_places_and_their_roles(curator):
    moscow, kars = make_place(slug="moscow"), make_place(slug="kars")
    form = _event_form(
        **{
            "place_links-TOTAL_FORMS": "2",
            "place_links-0-place": str(moscow.pk),
            "place_links-0-role": "signed_at",
            "place_links-1-place": str(kars.pk),
            "place_links-1-role": "concerns",
        }
    )
    response = curator.post(reverse("admin:chronology_event_add"), form)
    assert response.status_code == 302
    event = Event.objects.get(slug="moscow-treaty")
    assert sorted(event.places.values_list("slug", flat=True)) == ["kars", "moscow"]
    assert EventPlace.objects.get(event=event, place=moscow).role == "signed_at"


@pytest.mark.parametrize(
    ("typed", "stored_titles"),
    [
        ("kars", ["KARS KUŞATMASI"]),
        ("istanbul", ["İstanbul'un işgali"]),
        ("ISTANBUL", ["İstanbul'un işgali"]),
        ("ısparta", ["Isparta mitingi"]),
        ("moskova antlasmasi", ["Moskova Antlaşması"]),  # each word, diacritics optional
    ],
)
def test_search_is_turkish_aware_in_both_languages(curator, typed, stored_titles):
    titles = ["KARS KUŞATMASI", "İstanbul'un işgali", "Isparta mitingi", "Moskova Antlaşması"]
    for index, title in enumerate(titles):
        make_event(slug=f"event-{index}", title={"tr": title, "en": f"English {index}"})
    found = Event.objects.filter(slug__in=_listed(curator, q=typed))
    assert sorted(event.title["tr"] for event in found) == stored_titles


def test_search_finds_the_english_title_and_the_summary(curator):
    make_event(slug="moscow-treaty", title={"tr": "Moskova Antlaşması", "en": "Treaty of Moscow"})
    make_event(slug="kars-treaty", title={"tr": "Kars Antlaşması"}, summary={"en": "Signed with the Soviet republics."})
    assert _listed(curator, q="treaty of") == ["moscow-treaty"]
    assert _listed(curator, q="soviet REPUBLICS") == ["kars-treaty"]


def test_the_year_filter_takes_every_event_whose_dates_reach_into_that_year(curator):
    make_event(slug="in-1921", date="1921-03-16")
    make_event(slug="war-1920-1922", date="1920-05/1922-09")
    make_event(slug="in-1919", date="1919-05-19")
    make_event(slug="open-from-1920", date="1920-11/..")
    assert _listed(curator, year="1921") == ["war-1920-1922", "open-from-1920", "in-1921"]
    assert _listed(curator, year="1919") == ["in-1919"]


def test_the_year_filter_in_deep_time_offers_the_years_events_are_in(curator):
    make_event(slug="big-bang", date="Y-13800000000")
    make_event(slug="in-1921", date="1921-03-16")
    response = curator.get(reverse(CHANGELIST))
    offered = [choice["display"] for spec in response.context["cl"].filter_specs if spec.title == "year"
               for choice in spec.choices(response.context["cl"])]  # fmt: skip
    assert [str(year) for year in offered[1:]] == ["-13800000000", "1921"]
    assert _listed(curator, year="-13800000000") == ["big-bang"]


def test_source_and_disputed_filters(curator):
    bayur = make_source(label="Bayur, 1991")
    cited = make_event(slug="cited", sources=[bayur])
    make_event(slug="other")
    AlternativeDating.objects.create(event=cited, date="1920-12")
    assert _listed(curator, source=str(bayur.pk)) == ["cited"]
    assert _listed(curator, disputed="yes") == ["cited"]
    assert _listed(curator, disputed="no") == ["other"]


def test_the_list_sorts_by_date_both_ways(curator):
    make_event(slug="late", date="1922")
    make_event(slug="early", date="1919-05")
    page = curator.get(reverse(CHANGELIST))
    date_column = list(page.context["cl"].list_display).index("date_column")
    assert _listed(curator, o=str(date_column)) == ["early", "late"]
    assert _listed(curator, o=f"-{date_column}") == ["late", "early"]


def test_the_date_fields_say_what_they_understood(curator):
    url = reverse("admin:chronology_event_parse_date")
    said = curator.get(url, {"date": "1921-10"}).json()
    assert said == {"date": {"ok": True, "text": "1921-10 → 1–31 October 1921, month precision"}}
    said = curator.get(url, {"date_as_written": "5 Teşrinisani 1336", "date_calendar": "rumi"}).json()
    assert said["date_as_written"] == {"ok": True, "text": "5 Teşrinisani 1336 (Rumi) → 5 November 1920"}
    said = curator.get(url, {"date": "1921/1920", "date_as_written": "5 Brumaire 1336", "date_calendar": "rumi"})
    assert said.json()["date"] == {"ok": False, "text": "'1921/1920' ends before it starts; swap the two dates."}
    assert "is not a Rumi month" in said.json()["date_as_written"]["text"]


def test_the_date_reading_speaks_turkish_to_a_turkish_curator(curator):
    curator.cookies["django_language"] = "tr"
    said = curator.get(reverse("admin:chronology_event_parse_date"), {"date": "1921-10"}).json()
    assert said["date"]["text"] == "1921-10 → 1–31 Ekim 1921, ay kesinliğinde"


def test_the_date_reading_says_deep_time_in_years_and_what_to_write_for_a_wrong_one(curator):
    url = reverse("admin:chronology_event_parse_date")
    said = curator.get(url, {"date": "Y-4600000000/Y-4500000000"}).json()
    assert said["date"]["text"] == "Y-4600000000/Y-4500000000 → 4,600,000,000 BC – 4,500,000,000 BC, year precision"
    said = curator.get(url, {"date": "Y-1.38E10"}).json()
    assert not said["date"]["ok"] and "Y-138E8 is 13.8 billion years ago" in said["date"]["text"]
    curator.cookies["django_language"] = "tr"
    said = curator.get(url, {"date": "Y-13800000000"}).json()
    assert said["date"]["text"] == "Y-13800000000 → MÖ 13.800.000.000, yıl kesinliğinde"


def test_the_date_reading_is_for_staff_only(client):
    response = client.get(reverse("admin:chronology_event_parse_date"), {"date": "1921"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_event_form_carries_the_date_reading_script_and_its_endpoint(curator):
    page = curator.get(reverse("admin:chronology_event_add")).content.decode()
    assert "chronology/date_reading.js" in page
    assert f'data-date-reading="{reverse("admin:chronology_event_parse_date")}"' in page


def test_an_end_before_the_start_is_a_date_error_saying_how_to_fix_it(curator):
    response = curator.post(reverse("admin:chronology_event_add"), _event_form(date="1921-05/1921-03"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == [
        "'1921-05/1921-03' ends before it starts; swap the two dates."
    ]
    assert not Event.objects.exists()


def test_a_duplicate_slug_names_the_slug_and_how_to_fix_it(curator):
    make_event(slug="moscow-treaty")
    response = curator.post(reverse("admin:chronology_event_add"), _event_form())
    assert response.status_code == 200
    assert "Choose a different one" in response.context["adminform"].form.errors["slug"][0]
    assert Event.objects.count() == 1


def test_the_same_place_twice_is_refused_and_nothing_is_saved(curator):
    moscow = make_place(slug="moscow")
    form = _event_form(
        **{
            "place_links-TOTAL_FORMS": "2",
            "place_links-0-place": str(moscow.pk),
            "place_links-0-role": "signed_at",
            "place_links-1-place": str(moscow.pk),
            "place_links-1-role": "at",
        }
    )
    response = curator.post(reverse("admin:chronology_event_add"), form)
    assert response.status_code == 200
    assert "duplicate" in response.content.decode().lower()
    assert not Event.objects.exists()


def test_an_error_in_an_inline_leaves_the_event_as_it_was(curator):
    event = make_event(slug="moscow-treaty", title={"tr": "Eski başlık", "en": "Old title"}, status="draft")
    form = _event_form(title_0="Yeni başlık", title_1="New title")
    # A citation without its source: the inline's error, after the event's own form was valid.
    form["sources-citation-content_type-object_id-0-source"] = ""
    response = curator.post(reverse("admin:chronology_event_change", args=[event.pk]), form)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    event.refresh_from_db()
    assert event.title == {"tr": "Eski başlık", "en": "Old title"}
    assert event.citations.count() == 1
