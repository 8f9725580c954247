# Source's table takes its app's name once chronology no longer claims the model (chronology 0003).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0001_initial"),
        ("chronology", "0003_citations_to_sources"),
    ]

    operations = [migrations.AlterModelTable(name="source", table=None)]
