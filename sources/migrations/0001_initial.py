# Source moves here from chronology (its table is kept until 0002 renames it); Citation is new: one table
# whose rows belong to any record through content type and object id. chronology 0003 copies the old
# citations over.

import django.db.models.deletion
from django.db import migrations, models

import common.translation

SOURCE_FIELDS = [
    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
    (
        "date",
        models.CharField(
            blank=True,
            help_text="Library of Congress EDTF: 1920-11-05, 1921-10 (month), 1920-09~ (around), 1919? (uncertain), "
            "1920-05-11/1920-07-19 (span), 1920-11/.. (open end).",
            max_length=64,
            verbose_name="date (EDTF)",
        ),
    ),
    ("date_start", models.DateField(blank=True, db_index=True, editable=False, null=True)),
    ("date_end", models.DateField(blank=True, db_index=True, editable=False, null=True)),
    (
        "date_precision",
        models.CharField(
            blank=True,
            choices=[("day", "day"), ("month", "month"), ("season", "season"), ("year", "year"), ("range", "range")],
            editable=False,
            max_length=8,
        ),
    ),
    ("date_approximate", models.BooleanField(default=False, editable=False)),
    ("date_uncertain", models.BooleanField(default=False, editable=False)),
    (
        "slug",
        models.SlugField(
            help_text="Lowercase letters, digits and hyphens; used in URLs and corpus files, so change it with care.",
            max_length=80,
            unique=True,
        ),
    ),
    (
        "kind",
        models.CharField(
            choices=[
                ("article", "article"),
                ("book", "book"),
                ("memoir", "memoir"),
                ("archive", "archive document"),
                ("other", "other"),
            ],
            max_length=10,
        ),
    ),
    ("label", models.CharField(help_text="How the atlas cites it: 'Bayur, 1991' or 'TDA, 571/3424…'.", max_length=200)),
    ("author", models.CharField(blank=True, max_length=200)),
    ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
    ("title", models.CharField(blank=True, max_length=400)),
    ("archive_ref", models.CharField(blank=True, max_length=120, verbose_name="archive reference")),
    ("note", common.translation.TranslatedField(blank=True, default=dict, multiline=True)),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("common", "0001_data_version"),
        ("chronology", "0002_calendars_disputes_relative_dates"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Source",
                    fields=SOURCE_FIELDS,
                    options={
                        "ordering": ["label"],
                        "db_table": "chronology_source",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("date_start__isnull", True),
                                    ("date_end__isnull", True),
                                    ("date_start__lte", models.F("date_end")),
                                    _connector="OR",
                                ),
                                name="source_start_not_after_end",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name="Citation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("locator", models.CharField(blank=True, help_text="Page ('s. 193') or file number.", max_length=120)),
                (
                    "evidence",
                    models.TextField(
                        blank=True,
                        help_text="The short passage of the source that supports the claim, as the source says it.",
                    ),
                ),
                (
                    "locator_estimated",
                    models.BooleanField(
                        default=False,
                        help_text="The page was estimated from the passage's position in the text, "
                        "not read off the page.",
                        verbose_name="locator estimated",
                    ),
                ),
                ("note", common.translation.TranslatedField(blank=True, default=dict)),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("object_id", models.PositiveBigIntegerField()),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="citations", to="sources.source"
                    ),
                ),
            ],
            options={
                "ordering": ["position", "id"],
                "indexes": [models.Index(fields=["content_type", "object_id"], name="citation_owner")],
            },
        ),
    ]
