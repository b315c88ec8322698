"""Migrations: from an empty database to the latest, back and forward again, and under data.

pytest-django builds the test database by running every migration from an empty database; these
tests take the app's migrations back and forward on it. Migrating changes the schema, which
SQLite cannot do inside the transaction of a plain test, hence transactional tests; the flush at
their end empties the groups of the data migration, which serialized_rollback restores.
"""

import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from simple_history.models import HistoricalChanges

from dossiers.models import Commitment, Dossier, Source, SourceProposal
from dossiers.roles import EDITOR_GROUP, READER_GROUP

# The last migration before the importer (0005 adds DocumentImport).
BEFORE_THE_IMPORTER = "0004_undated_stage_events_and_notes"

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def pending_migrations():
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def app_tables():
    return {model._meta.db_table for model in apps.get_app_config("dossiers").get_models()}


def row_counts():
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_app_config("dossiers").get_models()
    }


def rows_as_of(migration):
    """Every row of the app's models (history included) in primary key order, with the fields
    the models had at `migration`: a column added after it is dropped and made anew."""
    old_apps = MigrationLoader(connection).project_state(("dossiers", migration)).apps
    rows = {}
    for model in apps.get_app_config("dossiers").get_models():
        try:
            old_model = old_apps.get_model("dossiers", model._meta.model_name)
        except LookupError:
            continue  # created after `migration`
        fields = [field.name for field in old_model._meta.get_fields() if field.concrete]
        queryset = model._base_manager.order_by("pk")
        rows[model._meta.label] = serializers.serialize("python", queryset, fields=fields)
    return rows


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"A model change has no migration:\n{out.getvalue()}")


@transactional
def test_the_app_migrates_back_to_zero_and_forward_again():
    assert pending_migrations() == []
    call_command("migrate", "dossiers", "zero", verbosity=0)
    assert not app_tables() & set(connection.introspection.table_names())
    assert not Group.objects.filter(name__in=[EDITOR_GROUP, READER_GROUP]).exists()

    call_command("migrate", verbosity=0)
    assert pending_migrations() == []
    assert app_tables() <= set(connection.introspection.table_names())
    editors = Group.objects.get(name=EDITOR_GROUP)
    assert editors.permissions.filter(codename="add_documentimport").exists()
    readers = set(Group.objects.get(name=READER_GROUP).permissions.values_list("codename"))
    assert {("view_dossier",), ("view_documentimport",)} <= readers
    assert all(codename.startswith("view_") for (codename,) in readers)


@transactional
def test_the_seed_survives_rolling_back_to_before_the_importer_and_forward(tmp_path):
    call_command("load_seed", verbosity=0)
    apr = Dossier.objects.get(slug="asielprocedureverordening")
    apr.notes = "Gewijzigd voor de terugrol"
    apr.save()
    counts, rows = row_counts(), rows_as_of(BEFORE_THE_IMPORTER)
    backup = tmp_path / "backup.json"
    call_command("backup", str(backup), verbosity=0)

    call_command("migrate", "dossiers", BEFORE_THE_IMPORTER, verbosity=0)
    assert "dossiers_documentimport" not in connection.introspection.table_names()
    with pytest.raises(CommandError, match="run `python manage.py migrate` first"):
        call_command("restore", str(backup), "--yes")

    call_command("migrate", verbosity=0)
    assert row_counts() == counts
    assert rows_as_of(BEFORE_THE_IMPORTER) == rows
    for model in apps.get_app_config("dossiers").get_models():
        if not issubclass(model, HistoricalChanges):
            for record in model._base_manager.order_by("pk")[:5]:
                record.full_clean()
    assert Dossier.objects.get(slug="asielprocedureverordening").history.first().notes == (
        "Gewijzigd voor de terugrol"
    )


def test_proposals_the_sync_closed_become_superseded(seeded, editor):
    """0018: a commitment change dismissed without an editor was the sync's; one with an
    editor stays the editor's dismissal."""
    migration = importlib.import_module("dossiers.migrations.0018_source_proposal_superseded")
    commitment = Commitment.objects.first()
    dismissed = SourceProposal.Status.DISMISSED
    by_sync, by_editor = (
        SourceProposal.objects.create(
            source=Source.TWEEDE_KAMER,
            kind=SourceProposal.Kind.COMMITMENT_CHANGE,
            key=key,
            commitment=commitment,
            status=dismissed,
            decided_by=user,
        )
        for key, user in (("sync", None), ("editor", editor))
    )

    migration.mark_superseded(apps, schema_editor=None)

    statuses = dict(SourceProposal.objects.values_list("key", "status"))
    assert statuses == {"sync": SourceProposal.Status.SUPERSEDED, "editor": dismissed}
    migration.mark_dismissed(apps, schema_editor=None)
    assert set(SourceProposal.objects.values_list("status", flat=True)) == {dismissed}
