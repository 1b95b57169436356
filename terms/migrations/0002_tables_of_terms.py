"""The term's tables take the terms app's names (congress_term -> terms_term, ...).

A rename in place: every row, id and constraint stays as it is. The content
types (and so the permissions granted on these models and the admin's log)
follow the models to the terms app.
"""

from django.db import migrations

MOVED = [
    "term",
    "committeeseat",
    "assignment",
    "resolution",
    "target",
    "progressentry",
]
MODELS = MOVED + [f"historical{name}" for name in MOVED]


def move_content_types(apps, schema_editor, *, source="congress", destination="terms"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label=destination, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=destination)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="terms", destination="congress")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("terms", "0001_initial"),
        ("congress", "0004_term_models_move_to_terms"),
        ("reports", "0002_term_links_to_terms"),
    ]

    operations = [
        *[migrations.AlterModelTable(name=model, table=None) for model in MODELS],
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
