from django.contrib.auth.management import create_permissions
from django.db import migrations

from common.services import CURATOR_APPS, curator_group_sync


def make_curator_group(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs them now, on a fresh database too.
    for label in CURATOR_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    curator_group_sync(apps=apps, using=schema_editor.connection.alias)


def remove_curator_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Curator").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_data_version"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0002_source_table"),
        ("geography", "0002_placename_order_nulls_first"),
        ("chronology", "0003_citations_to_sources"),
    ]

    operations = [migrations.RunPython(make_curator_group, remove_curator_group)]
