"""Measure the importer: run it on the seed documents and on the two halves of the corpus of
real documents, and score its proposals against the expectations written by hand for each
(dossiers/importing/evaluation.py states the rules). Each set is reported on its own."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from dossiers.importing.evaluation import (
    CORPUS_DIR,
    CORPUS_HALVES,
    agreement,
    agreement_table,
    as_summary,
    as_table,
    evaluate_seeds,
)
from dossiers.importing.gazetteer import Gazetteer
from dossiers.models import Dossier

DEFAULT_SEEDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"


class Command(BaseCommand):
    help = (
        "Run the importer on the seed documents and on the development and test halves of the "
        "corpus, and print recall and precision per kind against the hand-written "
        "expectations, with the targets and the time per document, for each set apart. "
        "Needs the known dossiers in the database: run load_seed first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds",
            type=Path,
            default=DEFAULT_SEEDS_DIR,
            help=f"Folder of seed texts (*.txt); default {DEFAULT_SEEDS_DIR}.",
        )
        parser.add_argument(
            "--corpus",
            type=Path,
            default=CORPUS_DIR,
            help=f"Folder of the corpus halves (dev, test); default {CORPUS_DIR}.",
        )
        parser.add_argument(
            "--set",
            dest="sets",
            action="append",
            choices=("seeds", *CORPUS_HALVES),
            help="Evaluate only this set (repeatable); default all three.",
        )
        parser.add_argument(
            "--agreement",
            type=Path,
            metavar="FOLDER",
            help="Instead: score a second person's expectations (FOLDER/<name>.json) against the "
            "corpus's for the same documents, to see how far two people agree.",
        )
        parser.add_argument("--format", choices=("table", "json"), default="table")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        if options["agreement"]:
            return self.agreement(options["agreement"], options["corpus"], options["format"])
        seeds_dir = options["seeds"]
        if not seeds_dir.is_dir():
            raise CommandError(f"No folder of seed documents at {seeds_dir}.")
        if not Dossier.objects.exists():
            raise CommandError(
                "The database has no dossiers, and the importer matches documents against the "
                "known ones. Load them first: python manage.py load_seed"
            )
        gazetteer = Gazetteer.from_database()
        reports = {}
        for name in options["sets"] or ("seeds", *CORPUS_HALVES):
            if name == "seeds":
                report = evaluate_seeds(seeds_dir, gazetteer)
            else:
                report = evaluate_seeds(options["corpus"] / name, gazetteer, expectations_dir=None)
            if not report["documents"]:
                raise CommandError(
                    f"No document of the set '{name}' has expectations (seeds: "
                    "dossiers/importing/expectations/<seed name>.json; corpus: <name>.json "
                    "beside <name>.txt)."
                )
            reports[name] = report
        if options["format"] == "json":
            self.stdout.write(json.dumps(reports, indent=2, ensure_ascii=False))
            return
        details = options["verbosity"] >= 2
        for name, report in reports.items():
            self.stdout.write(f"=== {name} ===\n{as_table(report, details=details)}\n")
        if len(reports) > 1:
            self.stdout.write(as_summary(reports))

    def agreement(self, folder, corpus, output):
        if not folder.is_dir():
            raise CommandError(f"No folder of expectations at {folder}.")
        reports = {
            half: agreement(corpus / half, folder)
            for half in CORPUS_HALVES
            if any((corpus / half / path.name).exists() for path in folder.glob("*.json"))
        }
        if not reports:
            raise CommandError(f"No file in {folder} has a namesake in the corpus at {corpus}.")
        if output == "json":
            self.stdout.write(json.dumps(reports, indent=2, ensure_ascii=False))
            return
        for half, report in reports.items():
            count = len(report["documents"])
            self.stdout.write(
                f"=== a second person against the corpus, {count} documents of {half} ===\n"
                + agreement_table(report, details=self.verbosity >= 2)
            )
