import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ...importing.accept import accept_import
from ...importing.pipeline import IMPORT_STEPS, STEP_NUMBERS, extract, start_import
from ...importing.proposals import Proposals
from ...importing.reader import UnreadableDocument, read_upload


class Command(BaseCommand):
    help = (
        "Read a Kamerstuk (PDF or text) and propose its meeting, agenda, citations, dossier "
        "mentions, stage events, commitments and motions. Without --dry-run the proposals are "
        "kept for review in the web app; --accept writes those at or above --min-confidence."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the proposals; write nothing."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--accept", action="store_true", help="Accept the proposals without web review."
        )
        parser.add_argument("--min-confidence", type=float, default=0.5)
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar on the terminal."
        )

    def handle(self, *args, path, dry_run, format, accept, min_confidence, **options):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error

        # The bar goes to stderr (OutputWrapper's stream: the wrapper would end each of tqdm's
        # carriage-return updates with a new line), so that --format json stays clean JSON.
        with tqdm(
            total=len(IMPORT_STEPS),
            desc=path.name,
            unit="step",
            file=self.stderr._out,
            disable=options["no_progress"] or None,  # None: only on a terminal
            leave=False,
        ) as bar:

            def progress(step):
                bar.set_postfix_str(str(IMPORT_STEPS[step]))
                bar.update(STEP_NUMBERS[step] - bar.n)

            try:
                if dry_run:
                    progress("read")
                    source = read_upload(path.name, data)
                    proposals = extract(source, progress=progress)
                    self.report(proposals.as_json(), format)
                    return
                document_import, created = start_import(path.name, data, progress=progress)
            except UnreadableDocument as error:
                raise CommandError(f"{path}: {error}") from error
        self.report(document_import.proposals, format)
        if not created:
            self.stdout.write(f"Already imported as import {document_import.pk}.")
        if accept:
            chosen = _at_least(document_import.proposals, min_confidence)
            try:
                summary = accept_import(document_import, chosen)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            self.stdout.write(
                self.style.SUCCESS(f"Accepted. Created: {json.dumps(summary, sort_keys=True)}")
            )
        else:
            self.stdout.write(f"Review it at {document_import.get_absolute_url()}")

    def report(self, proposals, format):
        if format == "json":
            self.stdout.write(json.dumps(proposals, ensure_ascii=False, indent=2))
            return
        document = proposals["document"]
        self.stdout.write(
            f"{document['document_type']} {document.get('date') or '(undated)'}: "
            f"{document.get('title', '')}"
        )
        if proposals.get("meeting"):
            meeting = proposals["meeting"]
            self.stdout.write(f"Meeting: {meeting['start_date']} – {meeting['end_date']}")
        for kind in Proposals.KINDS:
            self.stdout.write(f"  {kind:<14} {len(proposals.get(kind, [])):>4}")


def _at_least(proposals, min_confidence):
    """The proposals with confidence >= min_confidence (document and meeting always)."""
    chosen = dict(proposals)
    for kind in Proposals.KINDS:
        chosen[kind] = [p for p in proposals.get(kind, []) if p["confidence"] >= min_confidence]
    return chosen
