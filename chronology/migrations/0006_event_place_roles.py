# Event.places gains a through model with each place's role ("signed at", "departed from" …). The through
# model takes over the table the plain many-to-many made, so every existing row is kept (as role "at");
# only the role column is added to the database.

import django.db.models.deletion
from django.db import migrations, models

ROLES = [
    ("at", "at"),
    ("signed_at", "signed at"),
    ("departed_from", "departed from"),
    ("arrived_at", "arrived at"),
    ("via", "passed through"),
    ("concerns", "concerns (not where it happened)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("chronology", "0005_event_media"),
        ("geography", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="EventPlace",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="place_links",
                                to="chronology.event",
                            ),
                        ),
                        (
                            "place",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="event_links",
                                to="geography.place",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "place of the event",
                        "verbose_name_plural": "places of the event",
                        "db_table": "chronology_event_places",
                        "ordering": ["event", "id"],
                        "unique_together": {("event", "place")},
                    },
                ),
                migrations.AlterField(
                    model_name="event",
                    name="places",
                    field=models.ManyToManyField(
                        blank=True, related_name="events", through="chronology.EventPlace", to="geography.place"
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="eventplace",
            name="role",
            field=models.CharField(choices=ROLES, default="at", max_length=16, verbose_name="role"),
        ),
    ]
