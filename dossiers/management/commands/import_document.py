import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ...importing.accept import accept_import
from ...importing.pipeline import IMPORT_STEPS, STEP_NUMBERS, extract, start_import
from ...importing.proposals import Proposals
from ...importing.reader import UnreadableDocument, read_upload

# What a folder given on the command line stands for (case-insensitive), not recursive.
FOLDER_SUFFIXES = (".pdf", ".txt")


@dataclass
class Outcome:
    """What became of one document: its proposals and import, or why it failed."""

    path: Path
    proposals: dict | None = None  # Proposals.as_json()
    document_import: object = None  # the DocumentImport (None on --dry-run or failure)
    created: bool = False  # False: the file or its text was imported before
    accepted: dict | None = None  # accept_import's summary, on --accept
    error: Exception | None = None  # OSError, UnreadableDocument or ValidationError

    @property
    def message(self):
        """The error for the user, without the file's name."""
        error = self.error
        if isinstance(error, ValidationError):
            return "; ".join(error.messages)
        if isinstance(error, OSError):
            return error.strerror or str(error)
        return str(error)

    @property
    def status(self):
        if self.error is not None:
            return "failed"
        return "already imported" if self.document_import and not self.created else "read"


def import_one(path, *, dry_run=False, accept=False, min_confidence=0.5, progress=None):
    """Read, extract and (unless `dry_run`) keep one document; accept it on `accept`.

    Never raises for what is wrong with the document itself (it cannot be opened or read, or
    its proposals cannot be accepted): the Outcome carries the error. Its writes are those of
    start_import and accept_import, each in their own transaction, so a failed document
    leaves nothing behind but an import kept for review when only its acceptance failed.
    """
    outcome = Outcome(path)

    def step(name):
        if progress:
            progress(name)

    try:
        data = path.read_bytes()
        if dry_run:
            step("read")
            outcome.proposals = extract(read_upload(path.name, data), progress=step).as_json()
            return outcome
        outcome.document_import, outcome.created = start_import(path.name, data, progress=step)
    except (OSError, UnreadableDocument) as error:
        outcome.error = error
        return outcome
    document_import = outcome.document_import
    # An earlier upload on the web the worker has not read yet has no proposals so far.
    outcome.proposals = document_import.proposals or None
    if accept and outcome.proposals:
        try:
            outcome.accepted = accept_import(
                document_import, _at_least(document_import.proposals, min_confidence)
            )
        except ValidationError as error:
            outcome.error = error
    return outcome


def document_paths(paths):
    """The files `paths` stand for, in order, each once: a folder's *.pdf and *.txt files
    sorted by name; any other path as given (a missing file fails when it is read)."""
    found, seen = [], set()
    for path in paths:
        if path.is_dir():
            files = sorted(
                child
                for child in path.iterdir()
                if child.suffix.lower() in FOLDER_SUFFIXES and child.is_file()
            )
        else:
            files = [path]
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


class Command(BaseCommand):
    help = (
        "Read Kamerstukken (PDF or text) and propose their meeting, agenda, citations, dossier "
        "mentions, stage events, commitments and motions. Without --dry-run the proposals are "
        "kept for review in the web app; --accept writes those at or above --min-confidence. "
        "Each path is a file or a folder; a folder stands for its *.pdf and *.txt files, in "
        "name order, not those of its subfolders. With several documents: one line per "
        "document, a document that fails does not stop the others, and the command fails "
        "at the end when any did."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            type=Path,
            metavar="path",
            help="A PDF or text file, or a folder of them (its *.pdf and *.txt, not recursive).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the proposals; write nothing."
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="json: the proposals; with several documents one JSON list, one entry each.",
        )
        parser.add_argument(
            "--accept", action="store_true", help="Accept the proposals without web review."
        )
        parser.add_argument("--min-confidence", type=float, default=0.5)
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar on the terminal."
        )

    def handle(self, *args, paths, no_progress, **options):
        if len(paths) == 1 and not paths[0].is_dir():
            return self.handle_one(paths[0], no_progress, **options)
        documents = document_paths(paths)
        if not documents:
            raise CommandError(
                "No .pdf or .txt files in " + ", ".join(str(path) for path in paths) + "."
            )
        return self.handle_many(documents, no_progress, **options)

    def _bar(self, no_progress, **kwargs):
        # The bar goes to stderr (OutputWrapper's stream: the wrapper would end each of tqdm's
        # carriage-return updates with a new line), so that --format json stays clean JSON.
        return tqdm(
            file=self.stderr._out,
            disable=no_progress or None,  # None: only on a terminal
            leave=False,
            **kwargs,
        )

    def handle_one(self, path, no_progress, *, dry_run, format, accept, min_confidence, **_):
        with self._bar(no_progress, total=len(IMPORT_STEPS), desc=path.name, unit="step") as bar:

            def progress(step):
                bar.set_postfix_str(str(IMPORT_STEPS[step]))
                bar.update(STEP_NUMBERS[step] - bar.n)

            outcome = import_one(
                path,
                dry_run=dry_run,
                accept=accept,
                min_confidence=min_confidence,
                progress=progress,
            )
        if isinstance(outcome.error, OSError | UnreadableDocument):
            raise CommandError(f"{path}: {outcome.message}") from outcome.error
        if outcome.proposals:
            self.report(outcome.proposals, format)
        if dry_run:
            return
        document_import = outcome.document_import
        if not outcome.created:
            self.stdout.write(f"Already imported as import {document_import.pk}.")
        if outcome.error is not None:
            raise CommandError(outcome.message) from outcome.error
        if outcome.accepted is not None:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Accepted. Created: {json.dumps(outcome.accepted, sort_keys=True)}"
                )
            )
        else:
            self.stdout.write(f"Review it at {document_import.get_absolute_url()}")

    def handle_many(self, documents, no_progress, *, dry_run, format, accept, min_confidence, **_):
        outcomes = []
        with self._bar(no_progress, total=len(documents), unit="doc") as bar:
            for path in documents:

                def progress(step, name=path.name):
                    bar.set_postfix_str(f"{name}: {IMPORT_STEPS[step]}")

                progress("read")
                outcome = import_one(
                    path,
                    dry_run=dry_run,
                    accept=accept,
                    min_confidence=min_confidence,
                    progress=progress,
                )
                outcomes.append(outcome)
                if format == "text":
                    bar.clear()
                    self.stdout.write(self.summary_line(outcome))
                bar.update()
        counts = {
            status: sum(1 for outcome in outcomes if outcome.status == status)
            for status in ("read", "already imported", "failed")
        }
        total = (
            f"{len(outcomes)} documents: {counts['read']} read, "
            f"{counts['already imported']} already imported, {counts['failed']} failed."
        )
        if format == "json":
            self.stdout.write(
                json.dumps(
                    [_as_json(outcome) for outcome in outcomes], ensure_ascii=False, indent=2
                )
            )
            self.stderr.write(total)  # stdout holds the JSON alone
        else:
            self.stdout.write(total)
        failed = [str(outcome.path) for outcome in outcomes if outcome.error is not None]
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(outcomes)} documents failed: {', '.join(failed)}"
            )

    def summary_line(self, outcome):
        if outcome.error is not None:
            line = f"{outcome.path}: FAILED: {outcome.message}"
            if outcome.document_import:  # read and kept; its acceptance failed
                line += f" (kept for review at {outcome.document_import.get_absolute_url()})"
            return self.style.ERROR(line)
        line = f"{outcome.path}: "
        if outcome.proposals:
            document = outcome.proposals["document"]
            counts = ", ".join(
                f"{len(outcome.proposals.get(kind, []))} {str(kind).replace('_', ' ')}"
                for kind in Proposals.KINDS
            )
            line += f"{document['document_type']} {document.get('date') or '(undated)'}, {counts}"
        else:
            line += f"not read yet ({outcome.document_import.get_status_display()})"
        if outcome.document_import:
            line += f" -> import {outcome.document_import.pk}"
            if not outcome.created:
                line += " (already imported)"
        if outcome.accepted is not None:
            line += f", accepted: {sum(outcome.accepted.values())} records created"
        return line

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


def _as_json(outcome):
    """One document's entry in the JSON list of several."""
    document_import = outcome.document_import
    return {
        "path": str(outcome.path),
        "status": outcome.status,
        "error": outcome.message if outcome.error is not None else None,
        "import": document_import.pk if document_import else None,
        "review_url": document_import.get_absolute_url() if document_import else None,
        "accepted": outcome.accepted,
        "proposals": outcome.proposals,
    }


def _at_least(proposals, min_confidence):
    """The proposals with confidence >= min_confidence (document and meeting always)."""
    chosen = dict(proposals)
    for kind in Proposals.KINDS:
        chosen[kind] = [p for p in proposals.get(kind, []) if p["confidence"] >= min_confidence]
    return chosen
