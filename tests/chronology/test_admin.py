"""Curators can use every admin page; a bad date is refused with its reason and nothing is saved."""

import html

import pytest
from django.contrib import admin
from django.urls import reverse

from chronology.models import Event
from tests.factories import make_area, make_event, make_person, make_place, make_route, make_source, make_theme


@pytest.fixture
def curator(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "secret-pass")
    client.force_login(user)
    client.cookies["django_language"] = "en"  # these tests read the English messages
    return client


def test_every_model_has_a_working_changelist_and_add_form(curator):
    place = make_place()
    make_event(places=[place], people=[make_person()], themes=[make_theme()])
    make_route(stops=[place, make_place()])
    make_area()
    for model in admin.site._registry:
        if model._meta.app_label not in ("chronology", "geography"):
            continue
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert curator.get(changelist).status_code == 200, changelist
        assert curator.get(changelist + "?q=a").status_code == 200, changelist
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert curator.get(add).status_code == 200, add
        if (obj := model.objects.first()) is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert curator.get(change).status_code == 200, change


def _event_form(**overrides):
    source = make_source()
    data = {
        "slug": "moscow-treaty",
        "status": "draft",
        "title_0": "Moskova Antlaşması",
        "title_1": "Treaty of Moscow",
        "summary_0": "Özet.",
        "summary_1": "Summary.",
        "note_0": "",
        "note_1": "",
        "date": "1921-03-16",
        "category": "treaty",
        "significance": "3",
        "sources-citation-content_type-object_id-TOTAL_FORMS": "1",
        "sources-citation-content_type-object_id-INITIAL_FORMS": "0",
        "sources-citation-content_type-object_id-0-source": str(source.pk),
        "sources-citation-content_type-object_id-0-locator": "s. 196",
        "sources-citation-content_type-object_id-0-evidence": "Moskova'da imzalandı.",
        "sources-citation-content_type-object_id-0-locator_estimated": "on",
        "sources-citation-content_type-object_id-0-position": "0",
        "place_links-TOTAL_FORMS": "0",
        "place_links-INITIAL_FORMS": "0",
        "aid-TOTAL_FORMS": "0",
        "aid-INITIAL_FORMS": "0",
        "alternatives-TOTAL_FORMS": "0",
        "alternatives-INITIAL_FORMS": "0",
        "sources-discrepancy-content_type-object_id-TOTAL_FORMS": "0",
        "sources-discrepancy-content_type-object_id-INITIAL_FORMS": "0",
        "relations-TOTAL_FORMS": "0",
        "relations-INITIAL_FORMS": "0",
        "media-TOTAL_FORMS": "0",
        "media-INITIAL_FORMS": "0",
        "date_as_written": "",
        "date_calendar": "gregorian",
    }
    data.update(overrides)
    return data


def test_curator_adds_an_event_with_both_languages_and_a_citation(curator):
    response = curator.post(reverse("admin:chronology_event_add"), _event_form())
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    event = Event.objects.get(slug="moscow-treaty")
    assert event.title == {"tr": "Moskova Antlaşması", "en": "Treaty of Moscow"}
    assert (event.start_iso, event.date_precision, event.status) == ("1921-03-16", "day", "draft")
    citation = event.citations.get()
    assert (citation.locator, citation.evidence, citation.locator_estimated) == (
        "s. 196",
        "Moskova'da imzalandı.",
        True,
    )


def test_a_year_before_the_universe_in_admin_is_a_form_error_not_a_server_error(curator):
    response = curator.post(reverse("admin:chronology_event_add"), _event_form(date="Y-15000000000"))
    assert response.status_code == 200
    assert "before the universe began" in response.content.decode()
    assert not Event.objects.filter(slug="moscow-treaty").exists()


def test_a_curator_saves_the_big_bang_and_the_source_s_own_words_for_its_date(curator):
    form = _event_form(date="Y-13800000000", date_words_0="", date_words_1="About 13.8 billion years ago")
    response = curator.post(reverse("admin:chronology_event_add"), form)
    assert response.status_code == 302
    event = Event.objects.get(slug="moscow-treaty")
    assert (event.start_iso, event.end_iso, event.date_precision) == (
        "-13800000000-01-01",
        "-13800000000-12-31",
        "year",
    )
    assert event.date_words == {"en": "About 13.8 billion years ago"}


def test_a_place_name_in_deep_time_is_refused_saying_only_events_hold_it(db):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from geography.models import PlaceName

    name = PlaceName(place=make_place(slug="kars"), name="Kars", date="Y-12000")
    with translation.override("en"), pytest.raises(ValidationError, match="only events hold it"):
        name.full_clean()


def test_a_curator_saves_an_event_before_the_common_era_and_reads_its_days(curator):
    response = curator.post(reverse("admin:chronology_event_add"), _event_form(date="-0043-03-15"))
    assert response.status_code == 302
    event = Event.objects.get(slug="moscow-treaty")
    assert (event.start_iso, event.end_iso, event.date_precision) == ("-0043-03-15", "-0043-03-15", "day")
    change = curator.get(reverse("admin:chronology_event_change", args=[event.pk])).content.decode()
    assert "-0043-03-15" in change


def test_invalid_date_in_admin_says_what_to_write_and_saves_nothing(curator):
    response = curator.post(reverse("admin:chronology_event_add"), _event_form(date="16.03.1921"))
    assert response.status_code == 200
    assert "not a valid EDTF" in response.content.decode()
    assert not Event.objects.exists()


def test_title_in_no_language_is_refused(curator):
    response = curator.post(reverse("admin:chronology_event_add"), _event_form(title_0="", title_1=""))
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_publish_action_publishes_selected_drafts(curator):
    draft = make_event(status="draft")
    curator.post(reverse("admin:chronology_event_changelist"), {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "published"


def test_a_date_entered_in_the_rumi_calendar_is_converted_and_kept_as_written(curator):
    form = _event_form(date="", date_as_written="16 Mart 1337", date_calendar="rumi")
    response = curator.post(reverse("admin:chronology_event_add"), form)
    assert response.status_code == 302
    event = Event.objects.get(slug="moscow-treaty")
    assert (event.date, event.date_as_written, event.start_iso) == ("1921-03-16", "16 Mart 1337", "1921-03-16")


def test_a_rumi_date_that_disagrees_with_the_date_is_refused_with_both_readings(curator):
    form = _event_form(date="1921-03-17", date_as_written="16 Mart 1337", date_calendar="rumi")
    response = curator.post(reverse("admin:chronology_event_add"), form)
    assert response.status_code == 200
    assert "1921-03-16" in response.content.decode()
    assert not Event.objects.exists()


def _relation(form, index, kind, other):
    form["relations-TOTAL_FORMS"] = str(index + 1)
    form[f"relations-{index}-kind"] = kind
    form[f"relations-{index}-other"] = str(other.pk)
    return form


def test_an_undated_event_placed_between_two_others_gets_their_window(curator):
    kars = make_event(slug="kars-falls", date="1920-10-30")
    gumru = make_event(slug="gumru-treaty", date="1920-12-02")
    form = _relation(_relation(_event_form(date=""), 0, "after", kars), 1, "before", gumru)
    response = curator.post(reverse("admin:chronology_event_add"), form)
    assert response.status_code == 302
    event = Event.objects.get(slug="moscow-treaty")
    assert (event.start_iso, event.end_iso) == ("1920-10-30", "1920-12-02")


def test_a_circle_of_relations_is_refused_naming_the_events(curator):
    a = make_event(slug="a", date="1920")
    b = make_event(slug="b", date="1920")
    from chronology.models import EventRelation

    EventRelation.objects.create(event=a, kind="after", other=b)
    form = _relation(_event_form(date="1920"), 0, "after", a)
    form = _relation(form, 1, "before", b)
    response = curator.post(reverse("admin:chronology_event_add"), form)
    assert response.status_code == 200
    # As the curator reads it: Django's templates write ' as &#x27;, the widgets' Jinja2 templates as &#39;.
    message = html.unescape(response.content.decode())
    assert "circle" in message and "'moscow-treaty'" in message
    assert not Event.objects.filter(slug="moscow-treaty").exists()


def test_an_event_with_no_date_and_no_relations_is_refused(curator):
    response = curator.post(reverse("admin:chronology_event_add"), _event_form(date=""))
    assert response.status_code == 200
    assert "place it after/before other events" in response.content.decode()


def test_a_configured_third_language_is_searched_in_the_admin(curator, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    make_place(slug="gyumri", name={"tr": "Gümrü", "en": "Gyumri", "de": "Alexandropel"})
    make_place(slug="kars")
    response = curator.get(reverse("admin:geography_place_changelist"), {"q": "Alexandropel"})
    assert [place.slug for place in response.context["cl"].result_list] == ["gyumri"]
