"""Send the reminder digest to everyone who asked for it: once a day (README: Reminders)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from ...reminders import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each user who opted in on their account page the commitments overdue and due "
        "soon and the milestones expected. Sent once a day; an empty digest is not sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="As on this day (YYYY-MM-DD) instead of today.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Send also to whom the digest of this day (or a later one) was sent already.",
        )

    def handle(self, *args, date=None, force=False, **options):
        try:
            on = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"--date {date!r}: give a date as YYYY-MM-DD.") from error
        outcome = send_digests(on, force=force)
        summary = ", ".join(f"{key} {count}" for key, count in sorted(outcome.items()))
        self.stdout.write(summary or "no subscribers")
        if outcome["failed"]:
            # The cron mail or the timer's status shows it; the others have had theirs.
            raise CommandError(f"{outcome['failed']} digest(s) could not be sent: see the log.")
