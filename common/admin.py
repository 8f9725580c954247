"""Admin pieces shared by the apps."""

import unicodedata

from django.contrib import admin
from django.utils.translation import get_language

from common.translation import translate


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
