"""Fetch the new Kamerstukken of one or more series and keep each for review."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...sources.http import SourceError
from ...sources.sync import fetch_documents
from ._sources import print_summary


def _day(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--since {text!r}: give a date as YYYY-MM-DD.") from error


def _series(text):
    number, _dash, chapter = text.replace(" ", "").partition("-")
    if not number.isdigit() or (chapter and not chapter.isalnum()):
        raise CommandError(f"--series {text!r}: give a dossier number, as 32317 or 21501-20.")
    return f"{number}-{chapter}" if chapter else number


class Command(BaseCommand):
    help = (
        "Fetch the Kamerstukken of the given series from the official publications that the "
        "app does not know yet, and keep each as an import awaiting review (/import/)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--series",
            action="append",
            help="A Kamerstuk series: 32317 (the JBZ-Raad), 21501-20 ... Repeat for more. "
            "Default: SOURCE_SERIES in settings.",
        )
        parser.add_argument("--since", help="Only what was published on or after this date.")

    def handle(self, *args, series=None, since=None, **options):
        series = [_series(text) for text in series] if series else settings.SOURCE_SERIES
        since = _day(since) if since else None
        try:
            summary = fetch_documents(series, since, report=self.stdout.write)
        except SourceError as error:
            raise CommandError(str(error)) from error
        print_summary(self.stdout, summary)
