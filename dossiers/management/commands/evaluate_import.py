"""Measure the importer: run it on the seed documents and score its proposals against the
expectations written by hand for each (dossiers/importing/evaluation.py states the rules)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from dossiers.importing.evaluation import as_table, evaluate_seeds
from dossiers.importing.gazetteer import Gazetteer
from dossiers.models import Dossier

DEFAULT_SEEDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"


class Command(BaseCommand):
    help = (
        "Run the importer on the seed documents and print recall and precision per kind "
        "against the hand-written expectations, with the targets and the time per document. "
        "Needs the known dossiers in the database: run load_seed first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds",
            type=Path,
            default=DEFAULT_SEEDS_DIR,
            help=f"Folder of seed texts (*.txt); default {DEFAULT_SEEDS_DIR}.",
        )
        parser.add_argument("--format", choices=("table", "json"), default="table")

    def handle(self, *args, **options):
        seeds_dir = options["seeds"]
        if not seeds_dir.is_dir():
            raise CommandError(f"No folder of seed documents at {seeds_dir}.")
        if not Dossier.objects.exists():
            raise CommandError(
                "The database has no dossiers, and the importer matches documents against the "
                "known ones. Load them first: python manage.py load_seed"
            )
        report = evaluate_seeds(seeds_dir, Gazetteer.from_database())
        if not report["seeds"]:
            raise CommandError(
                f"No seed document in {seeds_dir} has expectations "
                "(dossiers/importing/expectations/<seed name>.json)."
            )
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(as_table(report, details=options["verbosity"] >= 2))
