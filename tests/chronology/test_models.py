"""Event invariants: derived date bounds, and the database refusing what forms refuse."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError

from chronology.models import Event
from common.dates import day_number
from sources.models import Citation
from tests.factories import make_event, make_source


def test_saving_derives_bounds_precision_and_qualifiers_from_the_edtf_string(db):
    event = make_event(date="1920-09~")
    event.refresh_from_db()
    assert (event.start_iso, event.end_iso) == ("1920-09-01", "1920-09-30")
    assert (event.date_precision, event.date_approximate, event.date_uncertain) == ("month", True, False)
    event.date = "1921-03-16"
    event.save()
    event.refresh_from_db()
    assert (event.start_iso, event.date_precision, event.date_approximate) == ("1921-03-16", "day", False)


def test_invalid_date_fails_validation_naming_the_date_field(db):
    event = make_event()
    event.date = "16 March 1921"
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "not a valid EDTF" in error.value.message_dict["date"][0]


def test_event_start_after_end_is_refused_by_the_database(db):
    event = make_event(date="1920")
    with pytest.raises(IntegrityError):
        Event.objects.filter(pk=event.pk).update(day_start=day_number(1921, 1, 1), day_end=day_number(1920, 6, 1))


def test_significance_outside_one_to_three_is_refused_by_the_database(db):
    event = make_event()
    with pytest.raises(IntegrityError):
        Event.objects.filter(pk=event.pk).update(significance=7)


def test_a_citation_cites_for_no_record_is_refused(db):
    with pytest.raises(IntegrityError):
        Citation.objects.create(source=make_source())


def test_deleting_an_event_deletes_its_citations_but_a_cited_source_cannot_be_deleted(db):
    source = make_source()
    event = make_event(sources=[source])
    other = make_event(sources=[source])
    with pytest.raises(ProtectedError):
        source.delete()
    event.delete()
    assert list(Citation.objects.values_list("object_id", flat=True)) == [other.pk]


def test_title_needs_at_least_one_language_and_known_codes(db):
    event = make_event()
    event.title = {"tr": "  "}
    with pytest.raises(ValidationError, match="at least one language"):
        event.full_clean()
    event.title = {"tr": "Başlık", "de": "Titel"}
    with pytest.raises(ValidationError, match="Unknown language code"):
        event.full_clean()
