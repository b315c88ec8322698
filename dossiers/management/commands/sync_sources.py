"""The daily run: new Kamerstukken, the Tweede Kamer's commitments and debates, and the
European Parliament's procedure events. Schedule it once a day (README: Official sources)."""

import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...models import Source
from ...sources.http import SourceError
from ...sources.sync import fetch_documents, last_success, sync_europarl, sync_tweede_kamer
from ._sources import print_summary

# A first run, with no successful one before it, looks back this far.
FIRST_RUN_DAYS = 90

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Sync every official source (or those given with --only). Each run is recorded and "
        "shown on /bronnen/; a source that fails does not stop the others, and the command "
        "fails at the end when one did."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", action="append", choices=Source.values, help="Sync only this source."
        )
        parser.add_argument(
            "--since",
            help="From this date (YYYY-MM-DD), instead of since the last successful run.",
        )

    def handle(self, *args, only=None, since=None, **options):
        if since:
            try:
                since = datetime.date.fromisoformat(since)
            except ValueError as error:
                raise CommandError(f"--since {since!r}: give a date as YYYY-MM-DD.") from error
        runs = {
            Source.OFFICIAL_PUBLICATIONS: lambda: fetch_documents(
                settings.SOURCE_SERIES,
                since or timezone.localdate(self._since(Source.OFFICIAL_PUBLICATIONS)),
                report=self.stdout.write,
            ),
            Source.TWEEDE_KAMER: lambda: sync_tweede_kamer(
                _midnight(since) if since else self._since(Source.TWEEDE_KAMER),
                report=self.stdout.write,
            ),
            Source.EUROPEAN_PARLIAMENT: lambda: sync_europarl(report=self.stdout.write),
        }
        failed = []
        for source, run in runs.items():
            if only and source not in only:
                continue
            self.stdout.write(f"{Source(source).label}:")
            try:
                print_summary(self.stdout, run())
            except SourceError as error:
                failed.append(source)
                self.stderr.write(str(error))
            except Exception as error:
                # A fault of the app: logged with its traceback; the other sources still run.
                logger.exception("Syncing %s failed", source)
                failed.append(source)
                self.stderr.write(f"{type(error).__name__}: {error}")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}. See /bronnen/.")

    @staticmethod
    def _since(source):
        """From the start of the last successful run, or FIRST_RUN_DAYS back."""
        return last_success(source) or timezone.now() - datetime.timedelta(days=FIRST_RUN_DAYS)


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
