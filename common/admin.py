"""Admin pieces shared by the apps."""

from django.contrib import admin
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.dates import iso_day
from common.translation import language_codes, translate


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


class TranslatedSearchMixin:
    """Searches `translated_search` fields in every configured language (settings.LANGUAGES), so a third
    language is searchable the moment it is configured."""

    translated_search: tuple[str, ...] = ()

    def get_search_fields(self, request):
        in_each_language = (f"{name}__{code}" for name in self.translated_search for code in language_codes())
        return (*super().get_search_fields(request), *in_each_language)
