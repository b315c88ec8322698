"""Load the curated seed data: every fixtures/*.json, in file-name order, then the aliases
learned from the import corpus (fixtures/learned/aliases.json), in one transaction."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
LEARNED_ALIASES = FIXTURES_DIR / "learned" / "aliases.json"


def seed_fixture_paths():
    return sorted(FIXTURES_DIR.glob("*.json"))


class Command(BaseCommand):
    help = (
        "Load the seed fixtures (fixtures/*.json in name order) into a database without "
        "dossiers. Safe to run again: a database that holds dossiers keeps its rows, and only "
        "learned aliases that are missing are added."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reload",
            action="store_true",
            help="Load the fixtures even into a database with dossiers, overwriting the seeded "
            "rows (matched by primary key) and every change editors made to them.",
        )

    def handle(self, *args, **options):
        from dossiers.models import Dossier

        # loaddata matches rows by primary key: run again on a database in use (`make run`
        # every morning), it would put back the seed's values over what editors changed.
        reload = options["reload"] or not Dossier.objects.exists()
        with transaction.atomic():
            if reload:
                paths = [str(path) for path in seed_fixture_paths()]
                call_command("loaddata", *paths, verbosity=options["verbosity"])
            added = add_learned_aliases()
        if options["verbosity"]:
            if not reload:
                self.stdout.write(
                    "The database already holds dossiers: the seed was not loaded again, so "
                    "that changes made since stay (--reload loads it over them)."
                )
            self.stdout.write(f"Added {added} learned alias(es).")


def add_learned_aliases(path=LEARNED_ALIASES):
    """The names under which the import corpus's development half mentions seed dossiers, as
    an editor accepting those mentions would have taught the app: added by name, as the
    importer's acceptance adds them, not by primary key, so that a database whose editors have
    added aliases of their own keeps them. Returns how many were added."""
    from dossiers.importing.accept import known_alias_keys, learn_alias
    from dossiers.models import Dossier

    rows = json.loads(path.read_text(encoding="utf-8"))
    dossiers = Dossier.objects.in_bulk([row["dossier"] for row in rows], field_name="slug")
    known = known_alias_keys()
    return sum(learn_alias(dossiers[row["dossier"]], row["alias"], known) for row in rows)
