# Citations move to sources.Citation (owned through content type and object id), keeping every row;
# Source moves to the sources app without touching its table (sources 0001 and 0002).

import django.db.models.deletion
from django.db import migrations, models

# The old citation's foreign key → the model that owns the citation now.
OWNERS = {"event": "event", "route": "route", "area": "area", "alternative": "alternativedating"}
APP_OF = {"event": "chronology", "route": "geography", "area": "geography", "alternativedating": "chronology"}


def _content_types(apps):
    content_type = apps.get_model("contenttypes", "ContentType")
    return {
        model: content_type.objects.get_or_create(app_label=APP_OF[model], model=model)[0]
        for model in OWNERS.values()
    }


def copy_citations(apps, schema_editor):
    old = apps.get_model("chronology", "Citation")
    new = apps.get_model("sources", "Citation")
    types = _content_types(apps)
    rows = []
    for citation in old.objects.order_by("pk"):
        owner_field = next(name for name in OWNERS if getattr(citation, f"{name}_id") is not None)
        rows.append(
            new(
                source_id=citation.source_id,
                locator=citation.locator,
                note=citation.note,
                position=citation.position,
                content_type=types[OWNERS[owner_field]],
                object_id=getattr(citation, f"{owner_field}_id"),
            )
        )
    new.objects.bulk_create(rows, batch_size=500)


def copy_citations_back(apps, schema_editor):
    old = apps.get_model("chronology", "Citation")
    new = apps.get_model("sources", "Citation")
    field_of = {content_type.pk: name for name, content_type in zip(OWNERS, _content_types(apps).values())}
    rows = []
    for citation in new.objects.order_by("pk"):
        field = field_of.get(citation.content_type_id)
        if field is None:
            continue  # a kind of owner the old table could not hold
        rows.append(
            old(
                source_id=citation.source_id,
                locator=citation.locator,
                note=citation.note,
                position=citation.position,
                **{f"{field}_id": citation.object_id},
            )
        )
    old.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("chronology", "0002_calendars_disputes_relative_dates"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_citations, copy_citations_back),
        migrations.DeleteModel(name="Citation"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="aiditem",
                    name="source",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="aid", to="sources.source"
                    ),
                ),
                migrations.DeleteModel(name="Source"),
            ],
            database_operations=[],
        ),
    ]
