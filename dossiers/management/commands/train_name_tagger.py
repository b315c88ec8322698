"""Train the model that finds EU file names (dossiers/importing/name_tagger.py) on the development
half of the corpus, and record beside it what it was trained on. Run it after adding development
documents or changing how the written forms read known files; commit the model with them."""

import time
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from dossiers.importing import name_tagger, training
from dossiers.importing.evaluation import CORPUS_DIR
from dossiers.importing.gazetteer import Gazetteer
from dossiers.models import Dossier


class Command(BaseCommand):
    help = (
        "Train the EU file name tagger on the development half of the import corpus and write "
        "it with a record of the documents it learnt from. Needs the known dossiers in the "
        "database: run load_seed first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            type=Path,
            default=CORPUS_DIR,
            help=f"Folder of the corpus halves; only dev/ is read. Default {CORPUS_DIR}.",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=name_tagger.MODEL_PATH,
            help=f"Where to write the model; default {name_tagger.MODEL_PATH}.",
        )

    def handle(self, *args, **options):
        if not Dossier.objects.exists():
            raise CommandError(
                "The database has no dossiers, and the known files' names are part of what the "
                "model learns. Load them first: python manage.py load_seed"
            )
        documents = training.development_documents(options["corpus"])
        if not documents:
            raise CommandError(f"No development documents under {options['corpus'] / 'dev'}.")
        start = time.perf_counter()
        sequences = training.corpus_sequences(documents, Gazetteer.from_database())
        output = options["output"]
        name_tagger.train(sequences, output)
        training.write_trained_on(documents, output.with_suffix(".json"))
        names = sum(labels.count(name_tagger.BEGIN) for _tokens, labels in sequences)
        self.stdout.write(
            f"Trained on {len(documents)} documents ({len(sequences)} sentences, {names} names) "
            f"in {time.perf_counter() - start:.1f} s: {output} ({output.stat().st_size:,} bytes)."
        )
