"""Text in several languages, stored as one JSON object per field: {"tr": "…", "en": "…"}.

Why JSON rather than one column per language: a third language is then one line in settings.LANGUAGES,
with no migration and no change to models, forms, corpus files or the API.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


def language_codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def translate(value: dict | None, lang: str) -> str:
    """The text in `lang`, else in the first language that has it, so a missing translation still reads."""
    if not value:
        return ""
    if value.get(lang):
        return value[lang]
    for code in language_codes():
        if value.get(code):
            return value[code]
    return ""


def missing_languages(value: dict | None) -> list[str]:
    return [code for code in language_codes() if not (value or {}).get(code, "").strip()]


class TranslationsWidget(forms.MultiWidget):
    template_name = "common/widgets/translations.html"

    class Media:
        css = {"all": ["common/translations.css"]}

    def __init__(self, *, multiline: bool, attrs=None):
        self.codes = language_codes()
        inner = forms.Textarea(attrs={"rows": 4, "cols": 80}) if multiline else forms.TextInput(attrs={"size": 80})
        super().__init__([inner] * len(self.codes), attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code in self.codes]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (code, label) in zip(context["widget"]["subwidgets"], settings.LANGUAGES, strict=True):
            subwidget["language_label"] = label
            subwidget["language_code"] = code
        return context


class TranslationsFormField(forms.MultiValueField):
    def __init__(self, *, multiline: bool = False, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        fields = [forms.CharField(required=False, strip=True) for _ in language_codes()]
        super().__init__(
            fields=fields, require_all_fields=False, widget=TranslationsWidget(multiline=multiline), **kwargs
        )

    def compress(self, data_list):
        return {code: text for code, text in zip(language_codes(), data_list or [], strict=False) if text}


class TranslatedField(models.JSONField):
    """A JSON object of language code → text. Not blank means at least one language has text."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        if not isinstance(value, dict):
            raise ValidationError("Expected text per language, e.g. {'tr': '…', 'en': '…'}.", code="invalid")
        unknown = sorted(set(value) - set(language_codes()))
        if unknown:
            raise ValidationError(
                f"Unknown language code(s) {', '.join(unknown)}; use {', '.join(language_codes())}.",
                code="invalid",
            )
        if not all(isinstance(text, str) for text in value.values()):
            raise ValidationError("Each language's text must be a string.", code="invalid")
        if not self.blank and not any(text.strip() for text in value.values()):
            raise ValidationError("Write this in at least one language.", code="required")

    def formfield(self, **kwargs):
        return TranslationsFormField(
            multiline=self.multiline,
            required=not self.blank,
            label=kwargs.get("label") or self.verbose_name.capitalize(),
            help_text=self.help_text,
        )
