"""The changelist's row checkbox, written without the template engine, is Django's own markup."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.utils import translation

from chronology.models import Event
from tests.factories import make_event


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "tr"])
def test_the_row_checkbox_is_djangos_markup(language):
    event = make_event(slug="kars-<falls>", title={"en": 'Kars "falls" & more'})
    model_admin = admin.site._registry[Event]
    with translation.override(language):
        assert model_admin.action_checkbox(event) == ModelAdmin.action_checkbox(model_admin, event)
