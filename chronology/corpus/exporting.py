"""Writing the database back out as a corpus: the inverse of `spec.py`, so that loading what it writes
into an empty database and writing again gives the same text.

A value the loader would fill in by itself (a field's default, the corpus's `status: published`) is left
out, as a curator writing the file by hand would leave it out.
"""

from __future__ import annotations

from decimal import Decimal

import yaml
from django.db import models
from django.db.models.fields.files import FieldFile

from chronology.corpus.spec import SECTION_ORDER, SECTIONS, Child, Section
from chronology.models import Status


def _plain(value):
    """A value YAML's safe dumper can write and the loader reads back as the same thing."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, FieldFile):
        return value.name  # an image the atlas stores, named as stored
    return value


def _default(model: type[models.Model], name: str, spec_defaults: dict):
    if name in spec_defaults:
        return spec_defaults[name]
    return model._meta.get_field(name).get_default()


def _is_default(value, default) -> bool:
    return value == default or (value in ("", None, {}, []) and default in ("", None, {}, []))


def _child_rows(manager, spec: Child):
    return manager.order_by("position", "pk") if spec.positioned else manager.order_by("pk")


def _child(row: models.Model, spec: Child) -> dict:
    data = {}
    for name in spec.fields:
        value = getattr(row, name)
        if not _is_default(value, _default(spec.model, name, {})):
            data[name] = _plain(value)
    for name in spec.fields:
        if name in spec.required and name not in data:
            data[name] = _plain(getattr(row, name))
    for name in spec.references:
        target = getattr(row, name)
        if target is not None:
            data[name] = target.slug
    for name, child in spec.children.items():
        items = [_child(sub, child) for sub in _child_rows(getattr(row, name), child)]
        if items:
            data[name] = items
    return data


def _roled(instance: models.Model, name: str, item_key: str) -> list:
    """A list with roles as the loader reads it: a bare slug for the default role, else {item: slug, role}.
    Without the roles, an exported atlas loaded again would pin every event at every place it names."""
    through = getattr(instance.__class__, name).through
    owner = next(f.name for f in through._meta.fields if f.related_model is instance.__class__)
    default = through._meta.get_field("role").default
    rows = through.objects.filter(**{owner: instance}).values_list(f"{item_key}__slug", "role")
    return [slug if role == default else {item_key: slug, "role": role} for slug, role in sorted(rows)]


def _record(instance: models.Model, spec: Section) -> dict:
    data = {}
    for name in spec.scalars:
        value = getattr(instance, spec.model._meta.get_field(name).attname)
        if name in spec.required or not _is_default(value, _default(spec.model, name, spec.defaults)):
            data[name] = _plain(value)
    for name in spec.slug_lists:
        if name in spec.with_roles:
            items = _roled(instance, name, spec.with_roles[name])
        else:
            items = sorted(getattr(instance, name).values_list("slug", flat=True))
        if items:
            data[name] = items
    if spec.stops:
        data["stops"] = [
            {"place": slug, "date": date} if date else slug
            for slug, date in instance.stops.order_by("position").values_list("place__slug", "date")
        ]
    for name, child in spec.children.items():
        items = [_child(row, child) for row in _child_rows(getattr(instance, name), child)]
        if items:
            data[name] = items
    if spec.relations:
        for kind in ("after", "before"):
            others = sorted(instance.relations.filter(kind=kind).values_list("other__slug", flat=True))
            if others:
                data[kind] = others
    return data


def corpus_sections(*, include_drafts: bool = True) -> dict[str, list[dict]]:
    """Every record of every section, by slug, as the corpus format holds them."""
    sections = {}
    for name in SECTION_ORDER:
        spec = SECTIONS[name]
        rows = spec.model.objects.order_by("slug")
        if "status" in spec.scalars and not include_drafts:
            rows = rows.filter(status=Status.PUBLISHED)
        records = [_record(instance, spec) for instance in rows]
        if records:
            sections[name] = records
    return sections


def corpus_export(*, include_drafts: bool = True) -> str:
    """The whole atlas as one corpus YAML file, which `load_corpus` (or `import_events`) reads back."""
    return yaml.safe_dump(
        corpus_sections(include_drafts=include_drafts), allow_unicode=True, sort_keys=False, width=120
    )
