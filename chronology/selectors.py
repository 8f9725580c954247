"""Reads of events for the API and the page: rows as plain dicts, built from value queries, one query per
relation whatever the count. Models never import this module; the API and the page view call it.

Why not a prefetching ModelSerializer: measured on 10,000 events it took 8.6 s, nearly all of it in
building related managers and querysets per row; value queries and dicts take a fraction of that
(docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.storage import default_storage
from django.db.models import Exists, OuterRef, QuerySet, TextField, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, NullIf

from chronology.models import (
    AidItem,
    AlternativeDating,
    Event,
    EventMedia,
    EventPlace,
    EventRelation,
    PlaceRole,
    Status,
)
from common.calendars import CalendarError, equivalents_in_use, parse_calendar_date, to_gregorian_alternatives
from common.dates import Precision, is_window_set, iso_day
from common.translation import language_codes, translate
from sources.models import Discrepancy
from sources.selectors import citations_by_owner

EVENT_FIELDS = (
    "slug", "title", "summary", "note", "date", "start", "end", "precision", "approximate", "uncertain",
    "category", "significance", "places", "place_roles", "place_note", "people", "themes", "routes", "citations", "aid",
    "written", "calendars", "disputed", "alternatives", "relations", "window", "discrepancies", "date_words",
    "media",
)  # fmt: skip
_COLUMNS = {
    "slug": "slug", "date": "date", "start": "day_start", "end": "day_end", "precision": "date_precision",
    "approximate": "date_approximate", "uncertain": "date_uncertain", "category": "category",
    "significance": "significance",
}  # fmt: skip
_TRANSLATED = ("title", "summary", "note", "place_note")
# What `window` and `match` are computed from: read in the rows' own query, so they describe the same row.
_BOUNDS = ("date", "day_start", "day_end", "date_precision")

DateWindow = tuple[int | None, int | None]  # day numbers (common.dates)


def drawn_place_links(links: QuerySet) -> QuerySet:
    """Of `links` (EventPlace rows), those the map draws: pins and journeys, not the places an event only
    concerns, so a map framed on the interview shows Baku rather than every city Stalin named. All of
    `links` when none is drawn: an event that only concerns places is still framed on them."""
    drawn = links.exclude(role=PlaceRole.CONCERNS)
    return drawn if drawn.exists() else links


def translated_text(field_name: str, lang: str):
    """SQL for `common.translation.translate`: the text in `lang`, else the first language that has it.

    Picked in SQL because decoding 30,000 JSON objects in Python cost 0.3 s at 10,000 events.
    """
    order = [lang, *(code for code in language_codes() if code != lang)]
    return Coalesce(
        *(NullIf(KT(f"{field_name}__{code}"), Value("")) for code in order), Value(""), output_field=TextField()
    )


def _grouped(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for event_id, *values in rows:
        grouped.setdefault(event_id, []).append(values[0] if len(values) == 1 else values)
    return grouped


def _slugs(name: str) -> Callable[[QuerySet, str], dict[int, list]]:
    def fetch(ids, lang):
        field = Event._meta.get_field(name)
        target = field.m2m_reverse_field_name()
        rows = field.remote_field.through.objects.filter(event__in=ids).order_by(f"{target}__slug")
        return _grouped(rows.values_list("event_id", f"{target}__slug"))

    return fetch


def _fetch_place_roles(ids, lang):
    rows = EventPlace.objects.filter(event__in=ids).order_by("place__slug")
    return {
        key: [{"place": place, "role": role} for place, role in items]
        for key, items in _grouped(rows.values_list("event_id", "place__slug", "role")).items()
    }


def _fetch_citations(ids, lang):
    return citations_by_owner(Event, ids)


# The shape of an aid line wherever it is read: in an event's `aid` and in /api/v1/aid/ (which adds the event).
AID_COLUMNS = {
    "donor": "donor__slug", "recipient": "recipient__slug", "status": "status", "kind": "kind",
    "quantity": "quantity", "unit": "unit", "approximate": "approximate", "derived": "derived",
    "route": "route__slug", "source": "source__slug", "locator": "locator", "evidence": "evidence",
    "locator_estimated": "locator_estimated", "note": "note",
}  # fmt: skip


_AID_EVENT_COLUMNS = {"event": "event__slug", "date": "event__date", "start": "event__day_start",
                      "end": "event__day_end"}  # fmt: skip


def _aid_values(lines: QuerySet[AidItem], columns: dict[str, str], lang: str) -> list[dict]:
    rows = []
    for values in lines.values(*columns.values()):
        row = {name: values[column] for name, column in columns.items()}
        row["quantity"] = float(row["quantity"])
        row["note"] = translate(row["note"], lang)
        for bound in ("start", "end"):
            if bound in row:
                row[bound] = iso_day(row[bound])
        rows.append(row)
    return rows


def aid_rows(lines: QuerySet[AidItem], *, lang: str) -> list[dict]:
    """Aid lines as plain dicts for /api/v1/aid/: each names its event and its dates, its note in `lang`."""
    return _aid_values(lines, {**_AID_EVENT_COLUMNS, **AID_COLUMNS}, lang)


def _fetch_aid(ids, lang):
    lines = AidItem.objects.filter(event__in=ids).order_by("kind", "id")
    grouped: dict[int, list] = {}
    for row in _aid_values(lines, {"event_id": "event_id", **AID_COLUMNS}, lang):
        grouped.setdefault(row.pop("event_id"), []).append(row)
    return grouped


def _fetch_alternatives(ids, lang):
    alternatives = AlternativeDating.objects.filter(event__in=ids).order_by("position", "id")
    citations = citations_by_owner(AlternativeDating, alternatives.values("pk"))
    grouped: dict[int, list] = {}
    for alt in alternatives.values(
        "id", "event_id", "date", "day_start", "day_end", "date_precision", "place__slug", "note"
    ):
        grouped.setdefault(alt["event_id"], []).append(
            {
                "date": alt["date"],
                "start": iso_day(alt["day_start"]),
                "end": iso_day(alt["day_end"]),
                "precision": alt["date_precision"],
                "place": alt["place__slug"],
                "note": translate(alt["note"], lang),
                "citations": citations.get(alt["id"], []),
            }
        )
    return grouped


def _fetch_discrepancies(ids, lang):
    opts = Event._meta
    discrepancies = Discrepancy.objects.filter(
        content_type__app_label=opts.app_label, content_type__model=opts.model_name, object_id__in=ids
    ).order_by("position", "id")
    citations = citations_by_owner(Discrepancy, discrepancies.values("pk"))
    grouped: dict[int, list] = {}
    for pk, event_id, note in discrepancies.values_list("pk", "object_id", "note"):
        grouped.setdefault(event_id, []).append({"note": translate(note, lang), "citations": citations.get(pk, [])})
    return grouped


def _fetch_relations(ids, lang):
    # A relation to a draft is left out: its slug would name unpublished work and link to nothing.
    rows = EventRelation.objects.filter(event__in=ids, other__status=Status.PUBLISHED).order_by(
        "kind", "other__day_start"
    )
    return {
        key: [{"kind": kind, "event": other} for kind, other in items]
        for key, items in _grouped(rows.values_list("event_id", "kind", "other__slug")).items()
    }


def _stored_url(name: str) -> str | None:
    return default_storage.url(name) if name else None


def _fetch_media(ids, lang):
    """Each event's media in order: an uploaded image with its thumbnails' addresses and size, or an external
    link (`uploaded` false), which the page shows as a link card and never loads."""
    items = EventMedia.objects.filter(event__in=ids).order_by("position", "id")
    grouped: dict[int, list] = {}
    for item in items.values(
        "event_id", "kind", "image", "thumbnail_panel", "thumbnail_phone", "width", "height", "url", "caption",
        "credit", "alt",
    ):  # fmt: skip
        uploaded = bool(item["image"])
        grouped.setdefault(item["event_id"], []).append(
            {
                "kind": item["kind"],
                "uploaded": uploaded,
                "url": _stored_url(item["image"]) if uploaded else item["url"],
                "panel": _stored_url(item["thumbnail_panel"]),
                "phone": _stored_url(item["thumbnail_phone"]),
                "width": item["width"],
                "height": item["height"],
                "caption": translate(item["caption"], lang),
                "credit": item["credit"],
                "alt": translate(item["alt"], lang),
            }
        )
    return grouped


_RELATED = {
    "places": _slugs("places"),
    "place_roles": _fetch_place_roles,
    "people": _slugs("people"),
    "themes": _slugs("themes"),
    "routes": _slugs("routes"),
    "citations": _fetch_citations,
    "aid": _fetch_aid,
    "alternatives": _fetch_alternatives,
    "discrepancies": _fetch_discrepancies,
    "relations": _fetch_relations,
    "media": _fetch_media,
}


def _written(text: str, calendar: str) -> dict | None:
    """The date as the source wrote it, with its Gregorian reading(s): two where a Rumi year is ambiguous."""
    if not text:
        return None
    try:
        day = parse_calendar_date(text, calendar)
        readings = [d.isoformat() for d in to_gregorian_alternatives(day.calendar, day.year, day.month, day.day)]
    except CalendarError:
        readings = []
    return {"text": text, "calendar": calendar, "readings": readings}


def _calendars(start, end, lang: str) -> dict[str, str]:
    if start is None or start != end:
        return {}
    return {calendar.value: text for calendar, text in equivalents_in_use(start, lang).items()}


def is_window(*, date: str, start, end, precision: str, has_relations: bool) -> bool:
    """Whether an event is one happening whose bounds only say when it could have been.

    A date written as EDTF's "one of" range (`[1920-09..1924-03]`) is a window. Relations ("after the fall of
    Kars, before Gümrü") are the other way a curator places a single happening
    between others, so an event with relations whose bounds are not one day is a window; so is an
    undated event whose bounds the relations produced (precision "range"). An event with its own span
    and no relations (a conference, a negotiation) lasted that long: not a window.
    """
    if start is not None and start == end:
        return False
    narrowed_without_date = not date and precision == Precision.RANGE
    # The curator said so in the date itself: EDTF's "one of" range, [1920-09..1924-03].
    return has_relations or narrowed_without_date or is_window_set(date)


def window_match(start, end, window: DateWindow) -> str:
    """'certain' when an event's whole span lies in the window, else 'possible' (it may or may not)."""
    after, before = window
    inside = start is not None and end is not None
    inside = inside and (after is None or start >= after) and (before is None or end <= before)
    return "certain" if inside else "possible"


def event_rows(
    queryset: QuerySet, *, lang: str, fields: tuple[str, ...] = EVENT_FIELDS, date_window: DateWindow | None = None
) -> list[dict]:
    """The events of `queryset` as rows with `fields`, in its order; with `date_window`, each row also says
    whether it falls in the window for certain or only possibly (`match`)."""
    columns = [name for name in fields if name in _COLUMNS]
    needs_bounds = "calendars" in fields or "window" in fields or date_window is not None
    needs_written = "written" in fields
    annotations = {f"_text_{name}": translated_text(name, lang) for name in _TRANSLATED if name in fields}
    if "date_words" in fields:
        # In the page's language only: another language's "Late 1940s" would read worse than the atlas's own words.
        annotations["_date_words"] = Coalesce(KT(f"date_words__{lang}"), Value(""), output_field=TextField())
    if "window" in fields:
        annotations["_has_relations"] = Exists(EventRelation.objects.filter(event=OuterRef("pk")))
    selected = [
        *(_COLUMNS[name] for name in columns),
        *annotations,
        *(_BOUNDS if needs_bounds else []),
        *(["date_as_written", "date_calendar"] if needs_written else []),
    ]
    ids = queryset.values("pk")  # a subquery: no parameter limit however many events there are
    related = {name: fetch(ids, lang) for name, fetch in _RELATED.items() if name in fields}
    if "disputed" in fields and "alternatives" not in fields:
        # The index only needs yes or no; fetching every alternative with its notes would cost far more.
        annotations["_disputed"] = Exists(AlternativeDating.objects.filter(event=OuterRef("pk")))
        selected.append("_disputed")

    rows = []
    for values in queryset.annotate(**annotations).values("id", *dict.fromkeys(selected)):
        event_id = values["id"]
        row = {name: values[_COLUMNS[name]] for name in columns}
        for name in ("start", "end"):
            if name in row:
                row[name] = iso_day(row[name])
        for name in _TRANSLATED:
            if name in fields:
                row[name] = values[f"_text_{name}"]
        if "date_words" in fields:
            row["date_words"] = values["_date_words"]
        for name, by_event in related.items():
            row[name] = by_event.get(event_id, [])
        if "disputed" in fields:
            row["disputed"] = (
                bool(related["alternatives"].get(event_id)) if "alternatives" in related else values["_disputed"]
            )
        if needs_written:
            row["written"] = _written(values["date_as_written"], values["date_calendar"])
        if "calendars" in fields:
            row["calendars"] = _calendars(values["day_start"], values["day_end"], lang)
        if "window" in fields:
            row["window"] = is_window(
                date=values["date"],
                start=values["day_start"],
                end=values["day_end"],
                precision=values["date_precision"],
                has_relations=values["_has_relations"],
            )
        result = {name: row[name] for name in fields}
        if date_window is not None:
            result["match"] = window_match(values["day_start"], values["day_end"], date_window)
        rows.append(result)
    return rows


def published_event_row(
    *, slug: str, lang: str, fields: tuple[str, ...] = EVENT_FIELDS, drafts: bool = False
) -> dict | None:
    """One published event as the list gives it, or None when there is no such published event.

    `drafts` (a curator's preview, chronology.preview) finds a draft too."""
    events = Event.objects.all() if drafts else Event.objects.published()
    rows = event_rows(events.filter(slug=slug), lang=lang, fields=fields)
    return rows[0] if rows else None


def era_rows(collection) -> list[dict]:
    """A collection's eras as the page draws them, in time order: the title in every language (the page
    switches language in place), first and last day as ISO days."""
    return [
        {"title": dict(era.title), "date": era.date, "start": iso_day(era.day_start), "end": iso_day(era.day_end)}
        for era in collection.eras.order_by("day_start", "day_end", "id")
    ]
