from django.db import migrations, models


def first_epoch(apps, schema_editor):
    # The triggers themselves are installed after every migrate (common.epoch.after_migrate), when every
    # watched table exists; the row is here from the start so the first read finds it.
    from common.epoch import new_epoch

    new_epoch(schema_editor.connection.alias)


def no_triggers(apps, schema_editor):
    from common.epoch import drop_triggers

    drop_triggers(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("common", "0002_curator_group")]

    operations = [
        migrations.CreateModel(
            name="DataEpoch",
            fields=[
                ("id", models.SmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("value", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "data epoch"},
        ),
        migrations.RunPython(first_epoch, no_triggers),
        # The counter it replaces: a number that started again at 0 after a flush or a restore.
        migrations.DeleteModel(name="DataVersion"),
    ]
