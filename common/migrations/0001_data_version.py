from django.db import migrations, models


def create_the_row(apps, schema_editor):
    # The counter's one row (see common/versioning.py) exists from the start.
    apps.get_model("common", "DataVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(default=0)),
            ],
            options={"verbose_name": "data version"},
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
