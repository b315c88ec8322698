"""Load the curated seed data: every fixtures/*.json, in file-name order, in one transaction."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def seed_fixture_paths():
    return sorted(FIXTURES_DIR.glob("*.json"))


class Command(BaseCommand):
    help = "Load the seed fixtures (fixtures/*.json in name order). Safe to run again."

    def handle(self, *args, **options):
        paths = [str(path) for path in seed_fixture_paths()]
        with transaction.atomic():
            call_command("loaddata", *paths, verbosity=options["verbosity"])
