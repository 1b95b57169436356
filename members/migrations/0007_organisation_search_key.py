"""Organisations store their name's accent-free search key; on PostgreSQL a pg_trgm GIN index serves it.

The index is PostgreSQL's only (SQLite has no trigram index: its LIKE scans, which is fine at its sizes),
so it is created here and not declared on the model.
"""

from django.db import migrations, models

INDEX = "organisation_search_key_trgm"


def fill_search_keys(apps, schema_editor):
    from chidoan.lib.text import search_key

    Organisation = apps.get_model("members", "Organisation")
    rows = list(Organisation.objects.only("pk", "name"))
    for row in rows:
        row.search_key = search_key(row.name)
    Organisation.objects.bulk_update(rows, ["search_key"], batch_size=1000)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON members_organisation USING gin (search_key gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_election_round_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalorganisation",
            name="search_key",
            field=models.CharField(default="", editable=False, max_length=400),
        ),
        migrations.AddField(
            model_name="organisation",
            name="search_key",
            field=models.CharField(default="", editable=False, max_length=400),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
