"""What a TimelineJS file says about the whole timeline, taken into the collection it is imported into.

The title slide becomes the collection's introduction (and its title, when the import made the collection:
a title a curator gave is never overwritten); the eras become the collection's eras, drawn as bands behind
its events. Both are stored as plain text: the page shows them escaped, so a file's markup stays inert.
Languages the file leaves out keep what they had, as for events. Importing the same file again changes
nothing: an era is the same era when its date and its title in the file's language are.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from chronology.models import Collection, Era

from .plaintext import html_to_text
from .records import EraRecord, TitleSlide


def collection_takes_timeline(
    collection: Collection, *, title: TitleSlide | None, eras: tuple[EraRecord, ...], language: str, new: bool
) -> list[str]:
    """Store the title slide and the eras in `collection`; the notes say what was taken and what was not."""
    notes = []
    if title is not None:
        notes.append(_take_title(collection, title, language=language, new=new))
    for era in eras:
        notes.append(_take_era(collection, era, language=language))
    return notes


def _take_title(collection: Collection, slide: TitleSlide, *, language: str, new: bool) -> str:
    headline = " ".join(html_to_text(text) for text in slide.title.values() if text).strip()
    text = "\n\n".join(html_to_text(text) for text in slide.summary.values() if text).strip()
    # The headline is the collection's title, shown above it: the introduction is the slide's text, or the
    # headline alone when the slide has no text.
    introduction = text or headline
    if new and headline:
        collection.title = {**collection.title, language: headline}
    if introduction:
        collection.introduction = {**collection.introduction, language: introduction}
    collection.save()
    said = f" (“{headline[:60]}”)" if headline else ""
    return f"Title slide{said}: the introduction of the collection {collection.slug!r}, shown on its page."


def _take_era(collection: Collection, record: EraRecord, *, language: str) -> str:
    name = html_to_text(record.title.get(language, "") or next(iter(record.title.values()), "")).strip()
    # The sheet names an era by its spreadsheet row, the JSON by "era N".
    label = record.source_row if isinstance(record.source_row, str) else f"row {record.source_row}"
    era = Era.objects.filter(collection=collection, date=record.date_edtf, **{f"title__{language}": name}).first()
    if era is not None:
        return f"{label} (“{name[:60]}”, {record.date_edtf}): already an era of the collection, unchanged."
    era = Era(collection=collection, date=record.date_edtf, title={language: name})
    try:
        era.full_clean()
    except ValidationError as error:
        said = "; ".join(message for messages in error.message_dict.values() for message in messages)
        return f"{label} (“{name[:60]}”): not imported: {said}"
    era.save()
    return f"{label} (“{name[:60]}”, {record.date_edtf}): an era of the collection, drawn as a band behind its events."
