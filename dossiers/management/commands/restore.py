"""Replace every record of the app with those of a file written by `backup`.

Flush and loaddata run in one transaction: a file that cannot be loaded whole leaves the
database as it was. The file is read and checked before anything is touched.
"""

import gzip
import json
import zlib
from pathlib import Path

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management import BaseCommand, CommandError, call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import override_settings

from .backup import backup_models, check_file_name, count_by_model, write_counts


def read_backup(path):
    """The records of a backup file; CommandError when it cannot be read whole."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            records = json.loads(stream.read())
    except FileNotFoundError as error:
        raise CommandError(f"{path}: no such file.") from error
    # A truncated gzip file ends early (EOFError), a damaged one fails to inflate (zlib.error);
    # broken JSON and bytes that are not UTF-8 are ValueErrors.
    except (OSError, EOFError, zlib.error, ValueError) as error:
        raise CommandError(
            f"{path} is not a readable backup ({error}); the database was not changed."
        ) from error
    if not isinstance(records, list) or not all(
        isinstance(record, dict) and "model" in record for record in records
    ):
        raise CommandError(
            f"{path} is not a backup: expected a list of records, as `backup` writes; "
            "the database was not changed."
        )
    return records


def holds_records():
    """Whether the database holds anything a person made: users or records of the app.

    The groups and permissions that migrate creates do not count, so that a freshly migrated
    database can be restored into without --yes.
    """
    current, history = backup_models()
    return any(model._base_manager.exists() for model in current + history if model is not Group)


class Command(BaseCommand):
    help = (
        "Replace every record of the app with those in PATH (written by `backup`), in one "
        "transaction. Refuses a database that holds records unless --yes is given. Everyone "
        "is logged out."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Delete the records the database holds now and restore those of PATH.",
        )

    def handle(self, *args, path, yes, **options):
        check_file_name(path)
        records = read_backup(path)
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                "The database is not up to date: run `python manage.py migrate` first."
            )
        if not yes and holds_records():
            raise CommandError(
                "The database holds records. Restoring deletes all of them and puts those of "
                f"{path} in their place; run again with --yes to do so."
            )
        current, history = backup_models()
        try:
            # loaddata sets many-to-many fields, which django-simple-history would record as new
            # changes; the history in the file is the history.
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(path.resolve()), verbosity=0)
                # loaddata resets the sequences of the models it loaded; reset every model's, so
                # that new rows never collide with restored ones on PostgreSQL.
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), current + history):
                        cursor.execute(sql)
        except (
            CommandError,
            DatabaseError,
            DeserializationError,
            ObjectDoesNotExist,
            ValidationError,
        ) as error:
            raise CommandError(
                f"{path} could not be restored; the database was not changed. {error}"
            ) from error
        finally:
            # flush recreated the content types; after a rollback the cached ones are wrong.
            ContentType.objects.clear_cache()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Restored {len(records)} records from {path}:")
            write_counts(self.stdout, current + history, count_by_model(records))
