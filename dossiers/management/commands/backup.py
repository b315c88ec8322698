"""Write every record of the app to one JSON file that `restore` reads back.

A wrapper around dumpdata, so that a backup is what loaddata loads back. Current records
refer to content types, permissions, groups, users and the models that have a natural key by
that key, because migrate creates content types and permissions anew with ids of its own.
Primary keys are kept (no --natural-primary): URLs, the API and the history refer to records by
them. History is written by primary key only, since it outlives the records it points to and a
natural key would have to be looked up on a record that may be gone.

dumpdata's JSON cuts times to milliseconds; the backup is written in the same JSON with the
microseconds kept (format BACKUP_FORMAT below), which loaddata's JSON reader reads as it is.
"""

import datetime
import gzip
import json
import os
from collections import Counter
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import BaseCommand, CommandError, call_command
from django.core.serializers import json as json_serializer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from simple_history.models import HistoricalChanges

SUFFIXES = (".json", ".json.gz")
BACKUP_FORMAT = "backup_json"


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without its cut to milliseconds, so that a restore gives back the
    times (history, created, updated) as they were stored."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(json_serializer.Serializer):
    def serialize(self, queryset, **options):
        return super().serialize(queryset, cls=ExactJSONEncoder, **options)


Deserializer = json_serializer.Deserializer

# dumpdata finds serializers by format name: this module is the one for BACKUP_FORMAT.
serializers.register_serializer(BACKUP_FORMAT, __name__)


def backup_models():
    """The models a backup holds: (current records, history records), each in dumpdata order."""
    app_models = list(apps.get_app_config("dossiers").get_models())
    history = [model for model in app_models if issubclass(model, HistoricalChanges)]
    current = [Group, get_user_model(), LogEntry]
    current += [model for model in app_models if model not in history]
    return current, history


def check_file_name(path):
    if not path.name.endswith(SUFFIXES):
        raise CommandError(
            f"{path}: give a file name ending in .json or .json.gz (gzip), so that restore "
            "knows how to read it."
        )


def count_by_model(records):
    return Counter(record["model"] for record in records)


def write_counts(stdout, models, counts):
    labels = [model._meta.label_lower for model in models]
    width = max(map(len, labels))
    for label in labels:
        stdout.write(f"  {label:<{width}} {counts[label]:>7}")
    stdout.write(f"  {'total':<{width}} {counts.total():>7}")


@contextmanager
def consistent_snapshot():
    """One transaction for all the dumps; on PostgreSQL repeatable read, so that a backup taken
    while editors work holds the records of a single moment."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _dump(models, **options):
    out = StringIO()
    labels = [model._meta.label for model in models]
    call_command(
        "dumpdata", *labels, format=BACKUP_FORMAT, use_base_manager=True, stdout=out, **options
    )
    return json.loads(out.getvalue())


def _write_atomically(path, text):
    """Write to a temporary file next to `path`, then rename: `path` is whole or untouched."""
    data = text.encode()
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CommandError(f"{path}: cannot write there ({error.strerror}).") from error


class Command(BaseCommand):
    help = (
        "Write every record of the app (dossiers and their history, users, groups, imports) to "
        "PATH (.json, or .json.gz for gzip), for `restore`. The file holds password hashes: "
        "keep it as safe as the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        check_file_name(path)
        current, history = backup_models()
        with consistent_snapshot():
            records = _dump(current, use_natural_foreign_keys=True) + _dump(history)
        # One record a line, as in fixtures/: readable, and a diff of two backups says something.
        lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
        _write_atomically(path, f"[\n{lines}\n]\n")
        if options["verbosity"] >= 1:
            self.stdout.write(f"Wrote {len(records)} records to {path}:")
            write_counts(self.stdout, current + history, count_by_model(records))
