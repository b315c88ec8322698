"""PostgreSQL only: the extensions and indexes of dossiers/search.py.

For each searched field list a GIN index of the same SearchVector the search builds, so the
full-text match is read from it; pg_trgm gives the similarity of names, unaccent their
comparison without accents. On SQLite (the simple search) nothing is made.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import CreateExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# (model, short name, the fields of its search vector): as SEARCHED in dossiers/search.py.
SEARCHED = [
    ("dossier", "dossier", ("title", "short_name")),
    ("dossieralias", "alias", ("alias",)),
    ("parliamentarydocument", "document", ("title",)),
    ("commitment", "commitment", ("subject", "text")),
    ("motion", "motion", ("subject",)),
    ("stageevent", "stageevent", ("source_passage",)),
    ("mention", "mention", ("source_passage", "dutch_position", "summary", "outcome")),
]


class PostgresExtension(CreateExtension):
    """CreateExtension, also a no-op on another database when migrating back (Django 5.2
    checks the vendor only forwards)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def _indexes(apps):
    for model_name, short, fields in SEARCHED:
        model = apps.get_model("dossiers", model_name)
        yield model, GinIndex(SearchVector(*fields, config="dutch"), name=f"{short}_fts")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0015_reminders_and_due_date_changes")]

    operations = [
        PostgresExtension("pg_trgm"),
        PostgresExtension("unaccent"),
        migrations.RunPython(create, drop),
    ]
