"""When and who: events, the people in them, the sources that say so, and the aid that moved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, TextField, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, NullIf

from common.models import SLUG_HELP, Dated, DatedQuerySet
from common.translation import TranslatedField
from geography.models import Area, Place, Route


class Theme(models.Model):
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    name = TranslatedField()

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class Person(models.Model):
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    name = TranslatedField()
    born = models.CharField("born (EDTF)", max_length=32, blank=True)
    died = models.CharField("died (EDTF)", max_length=32, blank=True)
    description = TranslatedField(blank=True, multiline=True)

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.slug

    def clean(self):
        from common.dates import InvalidDate, parse_date

        errors = {}
        for field in ("born", "died"):
            if value := getattr(self, field):
                try:
                    parse_date(value)
                except InvalidDate as error:
                    errors[field] = str(error)
        if errors:
            raise ValidationError(errors)


class SourceKind(models.TextChoices):
    ARTICLE = "article", "article"
    BOOK = "book", "book"
    MEMOIR = "memoir", "memoir"
    ARCHIVE = "archive", "archive document"
    OTHER = "other", "other"


class Source(Dated):
    """A work (author–year) or an archive document (e.g. a Turkish Diplomatic Archive file)."""

    date_required = False

    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    kind = models.CharField(max_length=10, choices=SourceKind.choices)
    label = models.CharField(
        max_length=200, help_text="How the atlas cites it: 'Bayur, 1991' or 'TDA, 571/3424…'."
    )
    author = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=400, blank=True)
    archive_ref = models.CharField("archive reference", max_length=120, blank=True)
    note = TranslatedField(blank=True, multiline=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["label"]
        constraints = Dated.date_constraints("source")

    def __str__(self) -> str:
        return self.label

    def clean(self):
        super().clean()
        if self.kind == SourceKind.ARCHIVE and not self.archive_ref:
            raise ValidationError({"archive_ref": "An archive document needs its file number."})


class Category(models.TextChoices):
    TREATY = "treaty", "treaty"
    DIPLOMACY = "diplomacy", "diplomacy"
    MISSION = "mission", "mission"
    MILITARY = "military", "military"
    AID = "aid", "aid"
    POLITICS = "politics", "politics"
    REPORT = "report", "report"


class Status(models.TextChoices):
    DRAFT = "draft", "draft"
    PUBLISHED = "published", "published"


EVENT_FIELDS = (
    "slug", "title", "summary", "note", "date", "start", "end", "precision", "approximate", "uncertain",
    "category", "significance", "places", "people", "themes", "routes", "citations", "aid",
)  # fmt: skip
_EVENT_COLUMNS = {
    "slug": "slug", "title": "title", "summary": "summary", "note": "note", "date": "date",
    "start": "date_start", "end": "date_end", "precision": "date_precision", "approximate": "date_approximate",
    "uncertain": "date_uncertain", "category": "category", "significance": "significance",
}  # fmt: skip
_TRANSLATED = {"title", "summary", "note"}


def translated_text(field_name: str, lang: str):
    """SQL for `common.translation.translate`: the text in `lang`, else the first language that has it."""
    from common.translation import language_codes

    order = [lang, *(code for code in language_codes() if code != lang)]
    return Coalesce(
        *(NullIf(KT(f"{field_name}__{code}"), Value("")) for code in order), Value(""), output_field=TextField()
    )


def _grouped(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for event_id, *values in rows:
        grouped.setdefault(event_id, []).append(values[0] if len(values) == 1 else values)
    return grouped


class EventQuerySet(DatedQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def as_rows(self, *, lang: str, fields: tuple[str, ...] = EVENT_FIELDS) -> list[dict]:
        """Events as plain dicts for the API, in one query per relation whatever the number of events.

        Why not a prefetching ModelSerializer: measured on 10,000 events it took 8.6 s, nearly all of it
        in building related managers and querysets per row; plain value queries take a fraction of that.
        """
        columns = [_EVENT_COLUMNS[name] for name in fields if name in _EVENT_COLUMNS]
        # Translated texts are picked in SQL: decoding 30,000 JSON objects in Python cost 0.3 s at 10,000 events.
        texts = {f"_text_{name}": translated_text(name, lang) for name in fields if name in _TRANSLATED}
        columns = [
            f"_text_{name}" if name in _TRANSLATED else column
            for name, column in zip([n for n in fields if n in _EVENT_COLUMNS], columns, strict=True)
        ]
        events = list(self.annotate(**texts).values_list("id", *columns))
        ids = self.values("pk")  # a subquery: no parameter limit however many events there are
        related: dict[str, dict[int, list]] = {}
        for name in ("places", "people", "themes", "routes"):
            if name in fields:
                through = Event._meta.get_field(name).remote_field.through
                target = Event._meta.get_field(name).m2m_reverse_field_name()
                related[name] = _grouped(
                    through.objects.filter(event__in=ids)
                    .order_by(f"{target}__slug")
                    .values_list("event_id", f"{target}__slug")
                )
        if "citations" in fields:
            related["citations"] = _grouped(
                Citation.objects.filter(event__in=ids)
                .order_by("position", "id")
                .values_list("event_id", "source__slug", "source__label", "locator")
            )
        if "aid" in fields:
            related["aid"] = _grouped(
                AidItem.objects.filter(event__in=ids)
                .order_by("kind", "id")
                .values_list(
                    "event_id",
                    "kind",
                    "quantity",
                    "unit",
                    "approximate",
                    "route__slug",
                    "source__slug",
                    "locator",
                )
            )

        rows = []
        column_names = [name for name in fields if name in _EVENT_COLUMNS]
        for event_id, *values in events:
            row = {}
            for name, value in zip(column_names, values, strict=True):
                if name in ("start", "end") and value is not None:
                    value = value.isoformat()
                row[name] = value
            for name in ("places", "people", "themes", "routes"):
                if name in related:
                    row[name] = related[name].get(event_id, [])
            if "citations" in related:
                row["citations"] = [
                    {"source": source, "label": label, "locator": locator}
                    for source, label, locator in related["citations"].get(event_id, [])
                ]
            if "aid" in related:
                row["aid"] = [
                    {"kind": kind, "quantity": float(quantity), "unit": unit, "approximate": approximate,
                     "route": route, "source": source, "locator": locator}
                    for kind, quantity, unit, approximate, route, source, locator in related["aid"].get(event_id, [])
                ]  # fmt: skip
            rows.append({name: row[name] for name in fields})
        return rows


class Event(Dated):
    slug = models.SlugField(max_length=120, unique=True, help_text=SLUG_HELP)
    title = TranslatedField()
    summary = TranslatedField(multiline=True, help_text="In your own words, from the sources' facts.")
    category = models.CharField(max_length=10, choices=Category.choices)
    significance = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="1 detail, 2 normal, 3 key event: dense views show the higher ones first.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    note = TranslatedField(
        "curator's note",
        blank=True,
        multiline=True,
        help_text="E.g. where sources disagree and why this date.",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="events")
    places = models.ManyToManyField(Place, blank=True, related_name="events")
    people = models.ManyToManyField(Person, blank=True, related_name="events")
    routes = models.ManyToManyField(Route, blank=True, related_name="events")
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date_start", "date_end", "slug"]
        constraints = [
            *Dated.date_constraints("event"),
            models.CheckConstraint(
                condition=Q(significance__gte=1, significance__lte=3), name="event_significance_1_to_3"
            ),
            models.CheckConstraint(
                condition=Q(date_start__isnull=False) | Q(date_end__isnull=False), name="event_has_a_bound"
            ),
        ]
        indexes = [models.Index(fields=["status", "date_start"], name="event_status_start")]

    def __str__(self) -> str:
        return self.slug


class Citation(models.Model):
    """A claim's source: which work or document, and where in it (page, file number)."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(max_length=120, blank=True, help_text="Page ('s. 193') or file number.")
    note = TranslatedField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    route = models.ForeignKey(
        Route, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.CASCADE, related_name="citations")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(event__isnull=False, route__isnull=True, area__isnull=True)
                    | Q(event__isnull=True, route__isnull=False, area__isnull=True)
                    | Q(event__isnull=True, route__isnull=True, area__isnull=False)
                ),
                name="citation_cites_for_exactly_one_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source.label}, {self.locator}" if self.locator else self.source.label


class AidKind(models.TextChoices):
    GOLD_RUBLES = "gold_rubles", "gold rubles"
    GOLD_BULLION = "gold_bullion", "gold bullion"
    RIFLES = "rifles", "rifles"
    MACHINE_GUNS = "machine_guns", "machine guns"
    GUNS = "guns", "guns (artillery)"
    AMMUNITION = "ammunition", "ammunition"
    OTHER = "other", "other"


class AidQuerySet(models.QuerySet):
    def totals(self):
        """Sum of quantities per kind and unit, computed from the lines, never typed in."""
        return self.values("kind", "unit").annotate(total=models.Sum("quantity")).order_by("kind", "unit")


class AidItem(models.Model):
    """One line of aid: so much of a kind, on an event, along a route, said by a source."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="aid")
    kind = models.CharField(max_length=14, choices=AidKind.choices)
    quantity = models.DecimalField(max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(max_length=32, help_text="rubles, kg, pieces, rounds, boxes…")
    approximate = models.BooleanField(default=False)
    route = models.ForeignKey(Route, null=True, blank=True, on_delete=models.SET_NULL, related_name="aid")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="aid")
    locator = models.CharField(max_length=120, blank=True)
    note = TranslatedField(blank=True)

    objects = AidQuerySet.as_manager()

    class Meta:
        ordering = ["event", "kind", "id"]
        verbose_name = "aid line"
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="aiditem_quantity_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit} {self.get_kind_display()}"
