"""The reminder digest: what an officer who opted in is told each morning, and the rappel list.

A digest lists the commitments that went past their due date since the subscriber's last
digest (with the number overdue in all: the rappel list has them), those due within the
subscriber's number of days, and the milestones expected in that time (by the start page's
rule, milestones.expected_milestones). Subscribers with the same number of days and the same
last digest get the same one, gathered once.
Each message is sent on its own: an address the mail server refuses is counted and the others
still get theirs.
"""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F, Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from .milestones import expected_milestones
from .models import Commitment, DueDateChange, ReminderSubscription

logger = logging.getLogger(__name__)


@dataclass
class Digest:
    on: datetime.date
    days_ahead: int
    overdue: list  # past their due date since the last digest
    due_soon: list
    milestones: list
    overdue_total: int = 0

    @property
    def is_empty(self):
        return not (self.overdue or self.due_soon or self.milestones)

    @property
    def subject(self):
        parts = [
            ngettext(
                "%(count)d commitment newly overdue",
                "%(count)d commitments newly overdue",
                len(self.overdue),
            )
            % {"count": len(self.overdue)},
            ngettext(
                "%(count)d due within %(days)d days",
                "%(count)d due within %(days)d days",
                len(self.due_soon),
            )
            % {"count": len(self.due_soon), "days": self.days_ahead},
            ngettext("%(count)d milestone", "%(count)d milestones", len(self.milestones))
            % {"count": len(self.milestones)},
        ]
        return "jbztracker: " + ", ".join(parts)


def _commitments():
    """What the e-mail shows of a commitment: its minister and the Council it is due in."""
    return Commitment.objects.select_related("made_by", "due_meeting").order_by(
        F("due_date").asc(nulls_last=True), "subject"
    )


def digest(on, days_ahead, last_sent_on=None):
    """The Digest for `on` looking `days_ahead` days ahead, for a subscriber whose last digest
    was of `last_sent_on` (None: the first, which lists every overdue commitment)."""
    until = on + datetime.timedelta(days=days_ahead)
    overdue = _commitments().overdue(on)
    newly_overdue = overdue
    if last_sent_on is not None:
        newly_overdue = overdue.exclude(
            pk__in=Commitment.objects.overdue(last_sent_on).values("pk")
        )
    due_soon = _commitments().due_soon(on, until)
    return Digest(
        on,
        days_ahead,
        list(newly_overdue),
        list(due_soon),
        expected_milestones(on, until),
        overdue.count(),
    )


def send_digests(on=None, *, force=False):
    """Send each active subscriber with an e-mail address their digest for `on` (today), once
    a day unless `force`. An empty digest is not sent. Returns the counts of what happened.

    A subscriber who had the digest of `on` or of a later day gets another only with `force`;
    it lists every overdue commitment, as a first digest does (the day of the digest before
    is not kept), and the next digest still counts from the latest day sent.
    """
    on = on or timezone.localdate()
    outcome = Counter()
    subscriptions = ReminderSubscription.objects.filter(
        is_active=True, user__is_active=True
    ).select_related("user")
    digests = {}
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for subscription in subscriptions:
            if not subscription.user.email:
                outcome["no_address"] += 1
                continue
            last_sent_on = subscription.last_sent_on
            sent_before = last_sent_on is not None and last_sent_on >= on
            if sent_before and not force:
                outcome["sent_before"] += 1
                continue
            key = (subscription.days_ahead, None if sent_before else last_sent_on)
            if key not in digests:
                digests[key] = digest(on, *key)
            found = digests[key]
            if found.is_empty:
                outcome["nothing_to_say"] += 1
                continue
            message = _message(subscription.user, found)
            message.connection = connection
            try:
                message.send()
            except Exception:  # noqa: BLE001 - one refused address must not stop the others
                logger.exception("Reminder digest to %s not sent", subscription.user.email)
                outcome["failed"] += 1
                continue
            if not sent_before:
                ReminderSubscription.objects.filter(pk=subscription.pk).update(last_sent_on=on)
            outcome["sent"] += 1
    return outcome


def _message(user, found):
    body = render_to_string(
        "dossiers/email/reminder_digest.txt",
        {
            "digest": found,
            "rappel_url": settings.SITE_URL + reverse("dossiers:rappel"),
            "account_url": settings.SITE_URL + reverse("dossiers:account"),
        },
    )
    return EmailMessage(found.subject, body, to=[user.email])


# -- the rappel list --------------------------------------------------------------------------


def rappel(on):
    """[(minister or None, [their overdue commitments])]: the open one-off commitments past
    their due date on `on`, per minister as the Eerste Kamer's rappel lists them, each with its
    due date changes."""
    changes = DueDateChange.objects.select_related("changed_by")
    overdue = (
        Commitment.objects.overdue(on)
        .select_related("made_by", "debate", "due_meeting", "made_in_document")
        .prefetch_related("members", Prefetch("due_date_changes", changes))
        .order_by()
    )
    per_minister = {}
    for commitment in overdue:
        commitment.days_overdue = (on - commitment.due_on).days if commitment.due_on else None
        per_minister.setdefault(commitment.made_by, []).append(commitment)
    for commitments in per_minister.values():
        # Longest overdue first: a date, or the end of the Council in whose report it was due.
        commitments.sort(key=lambda c: (c.due_on or datetime.date.max, c.subject))
    return sorted(per_minister.items(), key=lambda pair: (pair[0] is None, str(pair[0] or "")))
