"""When and who: events, the people in them, their disputed datings and relative dates, and the aid that moved."""

from __future__ import annotations

import contextlib
import re

from coloraide import Color
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chronology.media import STORED_NAME, stored_companions
from common.calendars import Calendar, CalendarError, parse_calendar_date, to_gregorian_alternatives
from common.dates import InvalidDate, as_day_number, parse_date
from common.history import register_history
from common.models import SLUG_HELP, Dated, DatedQuerySet
from common.translation import TranslatedField, translate
from geography.models import Place, Route
from sources.models import Source

SEED_COLLECTION = "turk-sovyet"


class Collection(models.Model):
    """One atlas of the site (Neatline's exhibit, TimelineJS's one timeline a file), with its own address.

    Kept in chronology rather than an app of its own: what belongs to a collection is its events and
    lessons (above it), so no lower app needs to name it. Places, routes, areas, people, actors and sources
    are shared by every collection: a place is a place, and a source cited by two histories is one source.
    Categories are shared too: an event names its category by slug, and two collections saying "treaty"
    mean the same kind of event; a collection's categories are those its events use.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=SLUG_HELP)
    title = TranslatedField(_("title"))
    introduction = TranslatedField(_("introduction"), blank=True, multiline=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes the collection is written in.")
    )
    # west, south, east, north in degrees; empty: the map frames the collection's places.
    extent = models.JSONField(_("map extent"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=True)
    curators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="atlas_collections", verbose_name=_("curators")
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        return translate(self.title, get_language()) or self.slug

    def clean(self):
        super().clean()
        if self.extent in (None, [], ""):
            self.extent = None
            return
        box = self.extent
        if not (isinstance(box, list) and len(box) == 4 and all(isinstance(n, int | float) for n in box)):
            raise ValidationError({"extent": _("Write the extent as [west, south, east, north] in degrees.")})
        west, south, east, north = box
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south < north <= 90):
            raise ValidationError(
                {"extent": _("The extent's longitudes are -180 to 180, its south below its north (-90 to 90).")}
            )


class Era(Dated):
    """A period of a collection (TimelineJS's eras: "The Republic", "Hadean"), drawn as a labelled band behind
    its events. Not an event: it has no place, category or sources, only a span and a name."""

    long_years = True
    day_start = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)
    day_end = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="eras", verbose_name=_("collection")
    )
    title = TranslatedField(_("title"), blank=True)  # TimelineJS draws an era without a headline too

    class Meta:
        ordering = ["collection", "day_start", "day_end", "id"]
        verbose_name = _("era")
        verbose_name_plural = _("eras")
        constraints = Dated.date_constraints("era")

    def __str__(self) -> str:
        return translate(self.title, get_language()) or self.date

    def clean(self):
        super().clean()
        try:
            bounds = parse_date(self.date, long_years=True) if self.date else None
        except InvalidDate:
            return  # the date field reports its own error
        if bounds and (bounds.start is None or bounds.end is None):
            raise ValidationError({"date": _("An era is drawn as a band: give both its start and its end.")})


def seed_collection_id() -> int:
    """The collection a record joins when none is named: the seed corpus's, so code from before collections
    (factories, importers, the corpus loader) keeps working unchanged."""
    collection, _created = Collection.objects.get_or_create(
        slug=SEED_COLLECTION,
        defaults={
            "title": {"tr": "Türk–Sovyet ilişkileri, 1917–1924", "en": "Turkish–Soviet relations, 1917–1924"},
            "languages": ["tr", "en"],
        },
    )
    return collection.pk


class Theme(models.Model):
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    name = TranslatedField()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.slug


class Person(models.Model):
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    name = TranslatedField()
    born = models.CharField(_("born (EDTF)"), max_length=32, blank=True)
    died = models.CharField(_("died (EDTF)"), max_length=32, blank=True)
    description = TranslatedField(blank=True, multiline=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

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


# Category colours mark events on the map's land and the timeline's white; WCAG 2.1's 3:1 for graphics
# (1.4.11) against the lighter of the two keeps every marker visible.
BASEMAP_COLOURS = ("#f4f0e6", "#ffffff")
MINIMUM_CONTRAST = 3.0


class Category(models.Model):
    """What kind of event it is (a treaty, a mission, an invention): data, so any history can name its own."""

    slug = models.SlugField(
        _("slug"),
        max_length=40,
        unique=True,
        help_text=_("Letters, digits and hyphens, e.g. treaty; events, files and the API name the category by it."),
    )
    name = TranslatedField(_("name"))
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write the colour as # and six hex digits, e.g. #1f6f78."))],
        help_text=_("E.g. #1f6f78: dark enough to stand out on the map and the timeline (contrast 3:1 or more)."),
    )
    symbol = models.CharField(
        _("symbol"), max_length=4, blank=True, help_text=_("A character shown beside the name, e.g. ✒ or ⚔.")
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        # Shown in the event form's choice: the name a curator reads, not the slug.
        return translate(self.name, get_language()) or self.slug

    def clean(self):
        super().clean()
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", self.colour or ""):
            return  # the field's own validator says what to write
        contrast = min(Color(self.colour).contrast(background, method="wcag21") for background in BASEMAP_COLOURS)
        if contrast < MINIMUM_CONTRAST:
            raise ValidationError(
                {
                    "colour": _(
                        "%(colour)s is too light on the map: contrast %(contrast).1f:1, at least %(minimum).0f:1 "
                        "is needed. Choose a darker colour."
                    )
                    % {"colour": self.colour, "contrast": contrast, "minimum": MINIMUM_CONTRAST}
                }
            )


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class EventQuerySet(DatedQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Event(Dated):
    # An event may be undated when relations place it ("after the fall of Kars, before Gümrü").
    date_required = False
    # Any history, the universe's included: 13.8 billion years are 5 × 10^12 days, past a 32-bit column.
    long_years = True
    day_start = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)
    day_end = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)

    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=SLUG_HELP)
    title = TranslatedField(_("title"))
    summary = TranslatedField(_("summary"), multiline=True, help_text=_("In your own words, from the sources' facts."))
    collection = models.ForeignKey(
        Collection,
        on_delete=models.PROTECT,
        related_name="events",
        default=seed_collection_id,
        verbose_name=_("collection"),
    )
    # Keyed by slug, in the column it always had: stored values, files and API output name the slug.
    category = models.ForeignKey(
        Category,
        to_field="slug",
        db_column="category",
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("category"),
    )
    significance = models.PositiveSmallIntegerField(
        _("significance"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("1 detail, 2 normal, 3 key event: dense views show the higher ones first."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    note = TranslatedField(
        _("curator's note"),
        blank=True,
        multiline=True,
        help_text=_("E.g. where sources disagree and why this date."),
    )
    # The map pins an event at its `at` / `signed_at` places; more than one such pin needs a reason a
    # reader can see (a war fought in several towns, a treaty signed in two capitals).
    place_note = TranslatedField(
        _("note on the places"),
        blank=True,
        multiline=True,
        help_text=_("Why the event is pinned at more than one place, when it is."),
    )
    date_as_written = models.CharField(
        _("date as the source wrote it"),
        max_length=80,
        blank=True,
        help_text=_(
            "E.g. '5 Teşrinisani 1336' or '23.04.1336' (Rumi), '20 October 1914' (Julian). "
            "Leave the EDTF date empty and the atlas converts this one; the text is kept as written."
        ),
    )
    # TimelineJS's display_date: how the source shows the date ("Late 1940s", "About 13.8 billion years ago"),
    # said instead of the atlas's own words; the EDTF date still places and sorts the event.
    date_words = TranslatedField(
        _("date in words"),
        blank=True,
        help_text=_("Shown instead of the date's own words, e.g. 'Late 1940s'; leave empty to have them said."),
    )
    date_calendar = models.CharField(
        _("calendar of the date as written"),
        max_length=10,
        choices=[(c.value, c.value) for c in Calendar],
        default=Calendar.GREGORIAN,
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="events", verbose_name=_("themes"))
    places = models.ManyToManyField(
        Place, blank=True, related_name="events", through="EventPlace", verbose_name=_("places")
    )
    people = models.ManyToManyField(Person, blank=True, related_name="events", verbose_name=_("people"))
    routes = models.ManyToManyField(Route, blank=True, related_name="events", verbose_name=_("routes"))
    # Its pictures, video, sound and documents: EventMedia rows (`event.media`).
    updated_at = models.DateTimeField(auto_now=True)
    citations = GenericRelation("sources.Citation", related_query_name="event")
    # Where the sources (or one source with itself) disagree about this event: shown beside it with both passages.
    discrepancies = GenericRelation("sources.Discrepancy", related_query_name="event")

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["day_start", "day_end", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            *Dated.date_constraints("event"),
            models.CheckConstraint(
                condition=Q(significance__gte=1, significance__lte=3), name="event_significance_1_to_3"
            ),
        ]
        indexes = [models.Index(fields=["status", "day_start"], name="event_status_start")]

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
        first, last = bounds.start, bounds.end
        days = [as_day_number(day) for day in readings]
        if not any(first is not None and last is not None and first <= day <= last for day in days):
            said = " or ".join(day.isoformat() for day in readings)
            raise ValidationError(
                {
                    "date_as_written": _(
                        "%(written)r (%(calendar)s) is %(said)s, outside the date %(date)r. Correct one of them, "
                        "or clear the date to have it converted."
                    )
                    % {"written": self.date_as_written, "calendar": self.date_calendar, "said": said, "date": self.date}
                }
            )


class Actor(models.Model):
    """A party that gives, promises or asks for aid: a state or government (Soviet Russia, the Ankara
    government). Kept apart from places: a government is not where it sits, and its name changes with it."""

    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    name = TranslatedField()
    description = TranslatedField(blank=True, multiline=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class PlaceRole(models.TextChoices):
    # "at" is what a place without a stated role means: where the event happened.
    AT = "at", _("at")
    SIGNED_AT = "signed_at", _("signed at")
    DEPARTED_FROM = "departed_from", _("departed from")
    ARRIVED_AT = "arrived_at", _("arrived at")
    VIA = "via", _("passed through")
    CONCERNS = "concerns", _("concerns (not where it happened)")


class EventPlace(models.Model):
    """A place of an event and what it was to the event: where a treaty was signed, where a mission left."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="place_links", verbose_name=_("event"))
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="event_links", verbose_name=_("place"))
    role = models.CharField(_("role"), max_length=16, choices=PlaceRole.choices, default=PlaceRole.AT)

    class Meta:
        # The table the plain many-to-many made: existing rows stay where they are.
        db_table = "chronology_event_places"
        ordering = ["event", "id"]
        verbose_name = _("place of the event")
        verbose_name_plural = _("places of the event")
        # As the plain many-to-many had it, so its existing unique index serves unchanged.
        unique_together = [("event", "place")]

    def __str__(self) -> str:
        return f"{self.event.slug} {self.role} {self.place.slug}"


class AidKind(models.TextChoices):
    GOLD_RUBLES = "gold_rubles", _("gold rubles")
    GOLD = "gold", _("gold (coin not named)")
    GOLD_BULLION = "gold_bullion", _("gold bullion")
    RIFLES = "rifles", _("rifles")
    MACHINE_GUNS = "machine_guns", _("machine guns")
    GUNS = "guns", _("guns (artillery)")
    AMMUNITION = "ammunition", _("ammunition")
    OTHER = "other", _("other")


class AidStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    PROMISED = "promised", _("promised")
    DELIVERED = "delivered", _("delivered")


class AidQuerySet(models.QuerySet):
    def totals(self):
        """Sums per donor, kind, status and unit, computed from the lines, never typed in.

        Requested, promised and delivered never add up together, nor do different units. A derived line
        holds only what its source's total leaves once the other lines are taken out (the total minus the
        first million), so adding it to them counts every ruble once.
        """
        return (
            self.values("donor__slug", "kind", "status", "unit")
            .annotate(total=models.Sum("quantity"), lines=models.Count("id"))
            .order_by("donor__slug", "kind", "status", "unit")
        )


class AidItem(models.Model):
    """One line of aid: so much of a kind, from a donor to a recipient, requested, promised or delivered,
    on an event, along a route, said by a source."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="aid")
    # Null only in lines recorded before donors were (the migration cannot know them); forms require both.
    donor = models.ForeignKey(Actor, null=True, on_delete=models.PROTECT, related_name="aid_given")
    recipient = models.ForeignKey(Actor, null=True, on_delete=models.PROTECT, related_name="aid_received")
    status = models.CharField(max_length=10, choices=AidStatus.choices, default=AidStatus.DELIVERED)
    kind = models.CharField(max_length=14, choices=AidKind.choices)
    quantity = models.DecimalField(max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(max_length=32, help_text=_("rubles, kg, pieces, rounds, boxes…"))
    approximate = models.BooleanField(default=False, help_text=_("The source gives the figure as a round guess"))
    derived = models.BooleanField(
        default=False,
        help_text=_("Worked out from the source's figures rather than stated by it; the note says how"),
    )
    route = models.ForeignKey(Route, null=True, blank=True, on_delete=models.SET_NULL, related_name="aid")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="aid")
    locator = models.CharField(max_length=120, blank=True)
    evidence = models.TextField(blank=True, help_text=_("The passage of the source that gives the figure"))
    locator_estimated = models.BooleanField(
        default=False, help_text=_("The page was estimated from the passage's position in the text")
    )
    note = TranslatedField(blank=True)

    objects = AidQuerySet.as_manager()

    class Meta:
        ordering = ["event", "kind", "id"]
        verbose_name = _("aid line")
        verbose_name_plural = _("aid lines")
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=0), name="aiditem_quantity_not_negative")]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit} {self.get_kind_display()} ({self.get_status_display()})"

    def clean(self):
        super().clean()
        errors = {}
        if self.donor_id is not None and self.donor_id == self.recipient_id:
            errors["recipient"] = _("The recipient is the donor; give the party the aid went to.")
        if self.derived and not any((self.note or {}).values()):
            errors["note"] = _("A derived line says in its note how it was worked out from the source's figures.")
        if errors:
            raise ValidationError(errors)


class AlternativeDating(Dated):
    """Another reading of when (or where) an event happened, with its sources: a disputed claim.

    The event's own date is the one the evidence supports; each alternative says who dates it otherwise
    and, in its note, why the curator did not follow it.
    """

    date_required = False
    # Another reading of an event's date is as deep as the event's own.
    long_years = True
    day_start = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)
    day_end = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="alternatives")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = TranslatedField(blank=True, multiline=True, help_text=_("Who says so, and what the evidence supports."))
    position = models.PositiveSmallIntegerField(default=0)
    citations = GenericRelation("sources.Citation", related_query_name="alternative")

    class Meta:
        ordering = ["event", "position", "id"]
        verbose_name = _("alternative dating")
        verbose_name_plural = _("alternative datings")
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
            raise ValidationError(_("An alternative gives another date, another place, or both."))


class MediaKind(models.TextChoices):
    IMAGE = "image", _("image")
    VIDEO = "video", _("video")
    AUDIO = "audio", _("audio")
    DOCUMENT = "document", _("document")
    LINK = "link", _("web page")


def _media_path(_instance, filename: str) -> str:
    # chronology.media names every stored file; only its folder is said here.
    return f"events/{filename}"


class EventMedia(models.Model):
    """A picture, video, sound, document or page that illustrates an event: an image the curator uploaded
    (re-encoded by chronology.media, with thumbnails for the panel and the phone) or an external link,
    which the page shows as a link card and never fetches or embeds (the site's CSP allows no other host)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="media", verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=10, choices=MediaKind.choices, default=MediaKind.IMAGE)
    image = models.FileField(
        _("image file"),
        upload_to=_media_path,
        max_length=200,
        blank=True,
        help_text=_("JPEG, PNG, WebP or GIF, at most 10 MB; stored re-encoded, without its metadata."),
    )
    thumbnail_panel = models.FileField(upload_to=_media_path, max_length=200, blank=True, editable=False)
    thumbnail_phone = models.FileField(upload_to=_media_path, max_length=200, blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    url = models.URLField(
        _("external link"),
        max_length=500,
        blank=True,
        validators=[
            URLValidator(
                schemes=["http", "https"], message=_("Give an http or https address, e.g. https://example.org/a.pdf.")
            )
        ],
        help_text=_("Instead of a file: where the medium is (http or https); linked, never fetched."),
    )
    caption = TranslatedField(_("caption"), blank=True)
    credit = models.CharField(_("credit"), max_length=300, blank=True)
    alt = TranslatedField(
        _("alt text"), blank=True, help_text=_("What the image shows, for readers who cannot see it.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["event", "position", "id"]
        verbose_name = _("medium")
        verbose_name_plural = _("media")

    def __str__(self) -> str:
        return f"{self.event.slug} {self.kind} {self.position}"

    def save(self, *args, **kwargs):
        if self.image and getattr(self.image, "_committed", True) and not self.thumbnail_phone:
            # Named by a corpus file: the thumbnails made at its upload are beside it.
            with contextlib.suppress(OSError):
                for name, value in stored_companions(self.image.name, self.image.storage).items():
                    setattr(self, name, value)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.image and getattr(self.image, "_committed", True) and not self._image_is_stored():
            raise ValidationError(
                {
                    "image": _(
                        "No image %(name)r is stored by the atlas. Upload the image in the event's admin page, or "
                        "name one as an export writes it (events/<name>.jpg)."
                    )
                    % {"name": self.image.name}
                }
            )
        if self.image and self.url:
            raise ValidationError(
                {"url": _("Give either an uploaded image or an external link, not both: clear one of them.")}
            )
        if not self.image and not self.url:
            raise ValidationError({"url": _("Upload an image or give the medium's external link.")})
        if self.image and self.kind != MediaKind.IMAGE:
            raise ValidationError(
                {"kind": _("Only images are uploaded; link a video, sound or document by its address instead.")}
            )
        # An external image is a link card (the CSP loads no other host's image): its caption is its text.
        if self.image and not any(text.strip() for text in (self.alt or {}).values()):
            raise ValidationError(
                {"alt": _("Describe what the image shows (alt text): readers who cannot see it rely on it.")}
            )

    def _image_is_stored(self) -> bool:
        return bool(STORED_NAME.match(self.image.name)) and self.image.storage.exists(self.image.name)


class RelationKind(models.TextChoices):
    AFTER = "after", _("after")
    BEFORE = "before", _("before")


class EventRelation(models.Model):
    """Places an event relative to another: 'after the fall of Kars', 'before Gümrü'."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=6, choices=RelationKind.choices)
    other = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="relations_to")

    class Meta:
        ordering = ["event", "kind", "other"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(condition=~Q(event=models.F("other")), name="eventrelation_not_to_itself"),
            models.UniqueConstraint(fields=["event", "kind", "other"], name="eventrelation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.event.slug} {self.kind} {self.other.slug}"


register_history(
    Event, follow=("citations", "alternatives", "discrepancies", "relations", "aid", "place_links", "media")
)
register_history(EventMedia)
register_history(EventPlace)
register_history(AlternativeDating, follow=("citations",))
register_history(EventRelation)
register_history(AidItem)
register_history(Person)
register_history(Theme)
register_history(Category)
register_history(Actor)
register_history(Collection)
register_history(Era)
