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
    help = "Load the seed fixtures (fixtures/*.json in name order). Safe to run again."

    def handle(self, *args, **options):
        paths = [str(path) for path in seed_fixture_paths()]
        with transaction.atomic():
            call_command("loaddata", *paths, verbosity=options["verbosity"])
            added = add_learned_aliases()
        if options["verbosity"]:
            self.stdout.write(f"Added {added} learned alias(es).")


def add_learned_aliases(path=LEARNED_ALIASES):
    """The names under which the import corpus's development half mentions seed dossiers, as
    an editor accepting those mentions would have taught the app. Added by name, not by primary
    key, so that a database whose editors have added aliases of their own keeps them; an alias
    that already names a dossier, in any case, is left as it is. Returns how many were added."""
    from dossiers.models import Dossier, DossierAlias

    added = 0
    for row in json.loads(path.read_text(encoding="utf-8")):
        if DossierAlias.objects.filter(alias__iexact=row["alias"]).exists():
            continue
        DossierAlias.objects.create(
            dossier=Dossier.objects.get(slug=row["dossier"]), alias=row["alias"]
        )
        added += 1
    return added
