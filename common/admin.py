"""Admin pieces shared by the apps."""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext
from reversion_compare.admin import CompareVersionAdmin

from common.history import last_change, record_fingerprint
from common.translation import language_codes, translate


class DatedAdminMixin:
    """Shows the bounds derived from a record's EDTF date beside it, read-only."""

    dated_readonly = ("date_start", "date_end", "date_precision", "date_approximate", "date_uncertain")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.dated_readonly)


def translated_column(field_name: str, description):
    """A changelist column showing a translated field in the admin's current language."""

    @admin.display(description=description, ordering=field_name)
    def column(obj):
        return translate(getattr(obj, field_name), (get_language() or "tr")[:2])

    return column


class TranslatedSearchMixin:
    """Searches `translated_search` fields in every configured language (settings.LANGUAGES), so a third
    language is searchable the moment it is configured."""

    translated_search: tuple[str, ...] = ()

    def get_search_fields(self, request):
        in_each_language = (f"{name}__{code}" for name in self.translated_search for code in language_codes())
        return (*super().get_search_fields(request), *in_each_language)


class ConcurrentEditForm(forms.ModelForm):
    """Refuses to save over a change made since the form was opened (optimistic locking).

    The form carries the record's fingerprint (common.history) as it was when the curator opened it; if
    the stored record, or one of its related rows, differs at save time, nothing is saved and the message
    says who changed it and when, so the other person's work is kept and this curator can redo theirs.
    """

    edit_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["edit_fingerprint"] = record_fingerprint(self.instance)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # Locks the row until the admin's transaction ends (on PostgreSQL), so no save slips in between
        # this check and ours.
        if transaction.get_connection().in_atomic_block:
            list(type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk).values("pk"))
        if self.cleaned_data.get("edit_fingerprint") != record_fingerprint(self.instance):
            raise forms.ValidationError(conflict_message(self.instance), code="edit_conflict")
        return cleaned


def conflict_message(instance) -> str:
    change = last_change(instance)
    if change and change.when:
        who = change.who or gettext("an import or script")
        return gettext(
            "%(record)s was changed by %(who)s on %(when)s, after you opened it. Your changes were NOT saved, "
            "so theirs are kept: open the record again to see their version, then make your change again."
        ) % {"record": instance, "who": who, "when": date_format(localtime(change.when), "DATETIME_FORMAT")}
    return gettext(
        "%(record)s was changed after you opened it. Your changes were NOT saved, so the other change is kept: "
        "open the record again to see it, then make your change again."
    ) % {"record": instance}


class CuratedAdmin(CompareVersionAdmin):
    """The admin of a curated record: history with diffs and one-step restore (django-reversion and
    django-reversion-compare), and refusal to overwrite a change made since the form was opened."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "form" not in kwargs:
            base = self.form
            kwargs["form"] = type(base.__name__, (ConcurrentEditForm, base), {"__module__": base.__module__})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if any("edit_fingerprint" in options.get("fields", ()) for _name, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": (*options["fields"], "edit_fingerprint")}), *rest]
