"""A curator records where the sources disagree about an event in the admin, as the corpus files can: the
note on the event's page, its passages (two or more citations) on its own page, and the reader sees both."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from sources.models import Discrepancy
from tests.admin_forms import admin_form_data
from tests.factories import make_event, make_source

PREFIX = "sources-discrepancy-content_type-object_id"


@pytest.fixture
def curator(db, client, django_user_model, monkeypatch):
    # A real curator (the Curator group's permissions), not a superuser who may do anything.
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", "a long enough password 1920")
    call_command("createcurator", "--noinput", "--username", "hilal", "--email", "h@example.org")
    client.force_login(django_user_model.objects.get(username="hilal"))
    client.cookies["django_language"] = "en"
    return client


def test_a_curator_records_a_disagreement_and_its_two_passages_and_the_reader_sees_them(curator):
    source = make_source(slug="tekinsoy-2025", label="Tekinsoy, 2025")
    event = make_event(slug="interview", date="1920-11-05", sources=[source])
    change = reverse("admin:chronology_event_change", args=[event.pk])

    form = admin_form_data(curator.get(change))
    form.update(
        {
            f"{PREFIX}-TOTAL_FORMS": ["1"],
            f"{PREFIX}-0-note_0": ["Rapor 5 Kasım, arşiv kaydı 12 Ağustos der."],
            f"{PREFIX}-0-note_1": ["The report says 5 November, its archive entry 12 August."],
            f"{PREFIX}-0-position": ["0"],
        }
    )
    saved = curator.post(change, form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    discrepancy = Discrepancy.objects.get(object_id=event.pk)

    # Its passages on its own page, reached from the event's.
    page = curator.get(change).content.decode()
    own = reverse("admin:sources_discrepancy_change", args=[discrepancy.pk])
    assert own in page
    form = admin_form_data(curator.get(own))
    citations = "sources-citation-content_type-object_id"
    form.update(
        {
            f"{citations}-TOTAL_FORMS": ["2"],
            f"{citations}-0-source": [str(source.pk)],
            f"{citations}-0-locator": ["s. 190"],
            f"{citations}-0-evidence": ["5 Kasım 1920 tarihli rapor"],
            f"{citations}-0-position": ["0"],
            f"{citations}-1-source": [str(source.pk)],
            f"{citations}-1-locator": ["s. 191"],
            f"{citations}-1-evidence": ["12 Ağustos 1920 tarihli kayıt"],
            f"{citations}-1-position": ["1"],
        }
    )
    saved = curator.post(own, form)
    assert saved.status_code == 302, re.findall(r'class="errorlist[^"]*">(.*?)</ul>', saved.content.decode())

    shown = curator.get("/api/v1/events/interview/?lang=en").json()["discrepancies"]
    assert [d["note"] for d in shown] == ["The report says 5 November, its archive entry 12 August."]
    assert [c["evidence"] for c in shown[0]["citations"]] == [
        "5 Kasım 1920 tarihli rapor",
        "12 Ağustos 1920 tarihli kayıt",
    ]
