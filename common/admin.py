"""Admin pieces shared by the apps."""

import unicodedata

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.db import transaction
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from common.dates import iso_day
from common.history import last_change, record_fingerprint
from common.translation import translate


class DatedAdminMixin:
    """Shows the bounds derived from a record's EDTF date beside it, read-only."""

    dated_readonly = ("first_day", "last_day", "date_precision", "date_approximate", "date_uncertain")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.dated_readonly)

    # The bounds are stored as day numbers; a curator reads them as days (-0043-03-15 is 15 March 44 BC).
    @admin.display(description=_("first possible day"), ordering="day_start")
    def first_day(self, obj):
        return iso_day(obj.day_start) or "—"

    @admin.display(description=_("last possible day"), ordering="day_end")
    def last_day(self, obj):
        return iso_day(obj.day_end) or "—"


def translated_column(field_name: str, description):
    """A changelist column showing a translated field in the admin's current language."""

    @admin.display(description=description, ordering=field_name)
    def column(obj):
        return translate(getattr(obj, field_name), (get_language() or "tr")[:2])

    return column


def search_fold(text: str) -> str:
    """Text as search compares it: case, diacritics and Turkish dotted/dotless i ignored.

    Python's lower() turns "İ" into "i" plus a combining dot and leaves "I" as "i", so "istanbul" would miss
    "İSTANBUL" and a Turkish typist's "ısparta" would miss "Isparta". Folding İ, I, ı and i to one letter
    (and dropping accents: "pasa" finds "Paşa") matches whichever keyboard the curator types on.
    """
    text = text.replace("İ", "i").replace("I", "i").replace("ı", "i").casefold()
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


class TranslatedSearchMixin:
    """Searches `search_fields` and the `translated_search` fields in every configured language
    (settings.LANGUAGES), so a third language is searchable the moment it is configured.

    Matching is Turkish-aware (`search_fold`). Databases disagree on case-folding non-ASCII letters (SQLite's
    LIKE folds ASCII only; PostgreSQL's depends on the collation), so the folding happens in Python, over the
    searched columns of the rows the list already narrowed to: one value query, a few columns a row.
    """

    translated_search: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        terms = [search_fold(term) for term in search_term.split()]
        if not terms:
            return queryset, False
        plain = [field.lstrip("^=@") for field in self.get_search_fields(request)]
        columns = [*plain, *self.translated_search]
        haystacks: dict = {}
        for pk, *values in queryset.order_by().values_list("pk", *columns):
            texts = haystacks.setdefault(pk, [])
            for value in values:
                if isinstance(value, dict):
                    texts.extend(str(text) for text in value.values())
                elif value is not None:
                    texts.append(str(value))
        # A separator no term contains keeps a match from spanning two columns.
        folded = {pk: search_fold("\n".join(texts)) for pk, texts in haystacks.items()}
        matching = [pk for pk, text in folded.items() if all(term in text for term in terms)]
        # Related columns (event__slug) give a row per relation; pk__in keeps each record once.
        return queryset.filter(pk__in=matching), False


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

    def action_checkbox(self, obj):
        # Django renders this checkbox through the form template engine once per row, about a third of a
        # 100-row changelist's time (docs/performance.md, reliability); the same markup, written directly.
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

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
