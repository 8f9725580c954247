"""Pieces data migrations share. Kept free of the apps' current code: a migration must run the same
years from now, whatever the models and helpers have become."""

from __future__ import annotations

import datetime as dt

from django.db import migrations

# Julian Day Number of 1 January 0001 (proleptic Gregorian) minus that day's ordinal, 1: a date's day number
# is its ordinal plus this. Fixed here rather than imported so the migration never changes meaning.
ORDINAL_TO_DAY_NUMBER = 1721425
_BATCH = 2000


def _to_day(value: dt.date | None) -> int | None:
    return None if value is None else value.toordinal() + ORDINAL_TO_DAY_NUMBER


def _to_date(value: int | None) -> dt.date | None:
    if value is None:
        return None
    if value <= ORDINAL_TO_DAY_NUMBER:
        raise ValueError(
            f"A bound (day number {value}) lies before 1 January 0001, which a date column cannot hold; "
            "delete or redate the records before the common era before migrating back."
        )
    return dt.date.fromordinal(value - ORDINAL_TO_DAY_NUMBER)


def _copy(
    apps, app_label: str, model_names: tuple[str, ...], convert, source: tuple[str, str], target: tuple[str, str]
):
    for name in model_names:
        model = apps.get_model(app_label, name)
        rows = []
        for row in model.objects.only("pk", *source):  # read whole: no cursor left open under the updates
            for old, new in zip(source, target, strict=True):
                setattr(row, new, convert(getattr(row, old)))
            rows.append(row)
        model.objects.bulk_update(rows, list(target), batch_size=_BATCH)


def dates_to_day_numbers(app_label: str, *model_names: str) -> migrations.RunPython:
    """Fill day_start/day_end from date_start/date_end on each model; reversible while no bound is BCE."""

    def forward(apps, schema_editor):
        _copy(apps, app_label, model_names, _to_day, ("date_start", "date_end"), ("day_start", "day_end"))

    def backward(apps, schema_editor):
        _copy(apps, app_label, model_names, _to_date, ("day_start", "day_end"), ("date_start", "date_end"))

    return migrations.RunPython(forward, backward, elidable=False)
