"""The benchmarks' own SQLite database with the seed data, on the deployment's settings."""

import os
from pathlib import Path


def use_database(database):
    """Django on `database` with the deployment's settings (DEBUG off), as bench/run.py measures
    the pages."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()


def rebuild_seeded(database):
    """A fresh `database` (WAL files included) with the migrations and the seed data."""
    Path(database).parent.mkdir(exist_ok=True)
    for leftover in (Path(database), Path(f"{database}-wal"), Path(f"{database}-shm")):
        leftover.unlink(missing_ok=True)
    use_database(database)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_seed", verbosity=0)
