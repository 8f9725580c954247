"""When and who: events, the people in them, the sources that say so, and the aid that moved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from common.calendars import Calendar, CalendarError, parse_calendar_date, to_gregorian_alternatives
from common.dates import InvalidDate, parse_date
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
    label = models.CharField(max_length=200, help_text="How the atlas cites it: 'Bayur, 1991' or 'TDA, 571/3424…'.")
    author = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=400, blank=True)
    archive_ref = models.CharField("archive reference", max_length=120, blank=True)
    note = TranslatedField(blank=True, multiline=True)

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


class EventQuerySet(DatedQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Event(Dated):
    # An event may be undated when relations place it ("after the fall of Kars, before Gümrü").
    date_required = False

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
    date_as_written = models.CharField(
        "date as the source wrote it",
        max_length=80,
        blank=True,
        help_text="E.g. '5 Teşrinisani 1336' or '23.04.1336' (Rumi), '20 October 1914' (Julian). "
        "Leave the EDTF date empty and the atlas converts this one; the text is kept as written.",
    )
    date_calendar = models.CharField(
        "calendar of the date as written",
        max_length=10,
        choices=[(c.value, c.value) for c in Calendar],
        default=Calendar.GREGORIAN,
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
        ]
        indexes = [models.Index(fields=["status", "date_start"], name="event_status_start")]

    def __str__(self) -> str:
        return self.slug

    def clean(self):
        super().clean()
        self.date_from_written()

    def date_from_written(self) -> None:
        """Convert the date as written into the EDTF date, or check that the two agree."""
        if not self.date_as_written:
            return
        try:
            written = parse_calendar_date(self.date_as_written, self.date_calendar)
        except CalendarError as error:
            raise ValidationError({"date_as_written": str(error)}) from None
        readings = to_gregorian_alternatives(written.calendar, written.year, written.month, written.day)
        if not self.date:
            self.date = readings[0].isoformat()
            return
        try:
            bounds = parse_date(self.date)
        except InvalidDate:
            return  # the date field reports its own error
        if not any(bounds.start and bounds.end and bounds.start <= day <= bounds.end for day in readings):
            said = " or ".join(day.isoformat() for day in readings)
            raise ValidationError(
                {
                    "date_as_written": f"{self.date_as_written!r} ({self.date_calendar}) is {said}, outside the "
                    f"date {self.date!r}. Correct one of them, or clear the date to have it converted."
                }
            )


def exactly_one_of(*fields: str) -> Q:
    """A condition true when exactly one of the nullable foreign keys is set."""
    condition = Q(pk__in=[])
    for chosen in fields:
        condition |= Q(**{f"{name}__isnull": name != chosen for name in fields})
    return condition


class Citation(models.Model):
    """A claim's source: which work or document, and where in it (page, file number)."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(max_length=120, blank=True, help_text="Page ('s. 193') or file number.")
    note = TranslatedField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE, related_name="citations")
    route = models.ForeignKey(Route, null=True, blank=True, on_delete=models.CASCADE, related_name="citations")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.CASCADE, related_name="citations")
    alternative = models.ForeignKey(
        "AlternativeDating", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )

    TARGETS = ("event", "route", "area", "alternative")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of("event", "route", "area", "alternative"),
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
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=0), name="aiditem_quantity_not_negative")]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit} {self.get_kind_display()}"


class AlternativeDating(Dated):
    """Another reading of when (or where) an event happened, with its sources: a disputed claim.

    The event's own date is the one the evidence supports; each alternative says who dates it otherwise
    and, in its note, why the curator did not follow it.
    """

    date_required = False

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="alternatives")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = TranslatedField(blank=True, multiline=True, help_text="Who says so, and what the evidence supports.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["event", "position", "id"]
        constraints = [
            *Dated.date_constraints("alternativedating"),
            models.CheckConstraint(
                condition=~Q(date="") | Q(place__isnull=False),
                name="alternativedating_gives_a_date_or_a_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event.slug}: {self.date or self.place}"

    def clean(self):
        super().clean()
        if not self.date and not self.place_id:
            raise ValidationError("An alternative gives another date, another place, or both.")


class RelationKind(models.TextChoices):
    AFTER = "after", "after"
    BEFORE = "before", "before"


class EventRelation(models.Model):
    """Places an event relative to another: 'after the fall of Kars', 'before Gümrü'."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=6, choices=RelationKind.choices)
    other = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="relations_to")

    class Meta:
        ordering = ["event", "kind", "other"]
        constraints = [
            models.CheckConstraint(condition=~Q(event=models.F("other")), name="eventrelation_not_to_itself"),
            models.UniqueConstraint(fields=["event", "kind", "other"], name="eventrelation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.event.slug} {self.kind} {self.other.slug}"
