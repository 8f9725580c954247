"""A second TimelineJS file as the other language of slides already imported into a collection.

A bilingual collection is imported twice: the first file makes the events, the second only fills the other
language's title, summary and media caption of the same events (and the collection's title and
introduction from its title slide, the eras' names). Dates, places, categories, status and the first
language's text stay as they are: the curator may have edited them since the first import.

A slide is the same event when its `unique_id` is the event's slug; a file without ids (the Google-sheet
template has no id column) is matched by start date, and failing that by position in date order, which the
preview says so the curator can check it. Importing the same file again changes nothing.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from chronology.models import Collection, Event

from .plaintext import html_to_text
from .planning import TIMELINEJS_FORMATS, ImportPlan, language_name
from .records import EventRecord, FormatError
from .services import CHANGE, REJECT, UNCHANGED, ImportRejected, ImportReport, RowOutcome, _linked_medium


def first_language(events) -> str:
    """The language most of the events have a title in: the one the collection was imported in."""
    counts = Counter(code for event in events for code, text in event.title.items() if text)
    return counts.most_common(1)[0][0] if counts else ""


def _text_in(texts: dict, language: str) -> str:
    return texts.get(language) or next((text for text in texts.values() if text), "")


def match_slides(plan: ImportPlan, events: list[Event]) -> list[tuple[EventRecord, Event | None, str]]:
    """Each slide with the event it is the other language of (None when none), and how it was matched."""
    by_slug = {event.slug: event for event in events}
    taken: set[int] = set()
    matches: list[tuple[EventRecord, Event | None, str]] = [None] * len(plan.records)  # type: ignore[list-item]
    for index, record in enumerate(plan.records):
        event = by_slug.get(record.slug) if record.slug in plan.given_slugs else None
        if event is not None and event.pk not in taken:
            taken.add(event.pk)
            matches[index] = (record, event, f"matched by unique_id {record.slug!r}")
    for index, record in enumerate(plan.records):
        if matches[index] is not None:
            continue
        event = next((e for e in events if e.pk not in taken and e.date == record.date_edtf), None)
        if event is not None:
            taken.add(event.pk)
            matches[index] = (record, event, f"matched by start date ({record.date_edtf})")
    # What is left is matched by position: the n-th slide of the file with the n-th event in date order (a
    # TimelineJS file lists its slides in date order, as the timeline shows them); its date disagrees, which
    # is reported.
    for position, index in enumerate(range(len(plan.records))):
        if matches[index] is not None:
            continue
        record = plan.records[index]
        event = events[position] if position < len(events) and events[position].pk not in taken else None
        if event is not None:
            taken.add(event.pk)
            matches[index] = (
                record,
                event,
                f"matched by position (slide {position + 1}, event {position + 1} in date order)",
            )
        else:
            matches[index] = (record, None, "")
    return matches


def translation_import(*, plan: ImportPlan, collection: str, language: str = "", dry_run: bool = True) -> ImportReport:
    """Fill `language` (else the file's detected one) of `collection`'s events from `plan`'s slides.

    Raises FormatError (nothing saved) when the file is not TimelineJS, the collection does not exist or has
    no events, or the language is the one the collection's events are already in.
    """
    if plan.format not in TIMELINEJS_FORMATS:
        raise FormatError("Only a TimelineJS file (JSON or the Google-sheet CSV) can be imported as a translation.")
    target = Collection.objects.filter(slug=collection).first() if collection else None
    if target is None:
        raise FormatError(
            f"No collection {collection!r}: import the first language into it first, then this file as its translation."
        )
    events = list(target.events.order_by("day_start", "day_end", "slug"))
    if not events:
        raise FormatError(f"The collection {collection!r} has no events yet to translate: import the first file.")
    language = language or plan.language
    already = first_language(events)
    if language == already:
        raise FormatError(
            f"The file is in {language_name(language)} ({language}), the language the events of {collection!r} "
            "are already in. Give the file's other language with --lang (or the form's language) if it was "
            "detected wrongly; nothing was imported."
        )
    report = ImportReport(format=plan.format, dry_run=dry_run, notes=list(plan.notes))
    report.notes.append(
        f"As the {language_name(language)} ({language}) translation of the {len(events)} events of {collection!r} "
        f"(in {language_name(already)}); only their {language} text changes."
    )
    with transaction.atomic():
        matched: set[int] = set()
        for record, event, how in match_slides(plan, events):
            row = f"slide {record.source_row}"
            if event is None:
                reason = "matches no event of the collection (no such unique_id, start date or position)"
                title = _text_in(record.title, language)
                report.rows.append(RowOutcome(row, record.slug, title, REJECT, reasons=[reason]))
                continue
            matched.add(event.pk)
            report.rows.append(_translate_event(event, record, language=language, already=already, how=how))
        for event in events:
            if event.pk not in matched:
                report.notes.append(
                    f"{event.slug} (“{_text_in(event.title, already)[:60]}”): no slide of this file matched it; "
                    f"its {language} text stays as it was."
                )
        report.notes += _translate_collection(target, plan, language=language)
        if not matched or dry_run:
            transaction.set_rollback(True)
        else:
            report.applied = True
    if not matched and not dry_run:
        raise ImportRejected(report)
    return report


def _translate_event(event: Event, record: EventRecord, *, language: str, already: str, how: str) -> RowOutcome:
    row = RowOutcome(f"slide {record.source_row}", event.slug, _text_in(record.title, language), UNCHANGED)
    row.warnings.append(how)
    if record.date_edtf != event.date:
        row.warnings.append(
            f"date: this file says {record.date_edtf}, the collection {event.date}; {event.date} is kept."
        )
    title = html_to_text(_text_in(record.title, language)).strip()
    summary = html_to_text(_text_in(record.summary, language)).strip()
    changed = []
    for name, text in (("title", title), ("summary", summary)):
        texts = getattr(event, name)
        if text == texts.get(already):
            # The slide was left untranslated: copying the first language into this one would hide that.
            row.warnings.append(f"{name}: the same as the {already} text, so left out of {language}.")
        elif text and texts.get(language, "") != text:
            row.changes.append((f"{name} ({language})", texts.get(language, ""), text))
            setattr(event, name, {**texts, language: text})
            changed.append(name)
    if changed:
        event.save(update_fields=changed)
    caption = next((html_to_text(m.caption).strip() for m in record.media if m.url and m.caption), "")
    medium = _linked_medium(event) if caption else None
    if medium is not None and medium.caption.get(language, "") != caption:
        row.changes.append((f"media caption ({language})", medium.caption.get(language, ""), caption))
        medium.caption = {**medium.caption, language: caption}
        medium.save(update_fields=["caption"])
    row.action = CHANGE if row.changes else UNCHANGED
    return row


def _translate_collection(collection: Collection, plan: ImportPlan, *, language: str) -> list[str]:
    notes = []
    if plan.title is not None:
        headline = html_to_text(_text_in(plan.title.title, language)).strip()
        text = html_to_text(_text_in(plan.title.summary, language)).strip() or headline
        fields = []
        if headline and collection.title.get(language) != headline:
            collection.title, fields = {**collection.title, language: headline}, [*fields, "title"]
        if text and collection.introduction.get(language) != text:
            collection.introduction, fields = {**collection.introduction, language: text}, [*fields, "introduction"]
        if fields:
            collection.save(update_fields=fields)
        said = "title and introduction" if fields else "unchanged"
        notes.append(f"Title slide (“{headline[:60]}”): the collection's {language} {said}.")
    eras = list(collection.eras.order_by("day_start", "day_end", "id"))
    for position, record in enumerate(plan.eras):
        name = html_to_text(_text_in(record.title, language)).strip()
        era = next((e for e in eras if e.date == record.date_edtf), None)
        era = era or (eras[position] if position < len(eras) else None)
        if era is None:
            notes.append(f"era {position + 1} (“{name[:60]}”, {record.date_edtf}): matches no era of the collection.")
            continue
        eras.remove(era)
        if name and era.title.get(language) != name:
            era.title = {**era.title, language: name}
            era.save(update_fields=["title"])
            notes.append(f"era {position + 1} (“{name[:60]}”): the {language} name of the era {era.date}.")
    return notes
