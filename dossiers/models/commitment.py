from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import Chamber
from .council import CouncilMeeting
from .document import ParliamentaryDocument
from .locking import VersionedModel


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Commitment.Status.OPEN)

    def standing(self):
        return self.filter(fulfilment_mode=Commitment.FulfilmentMode.STANDING)

    def one_off(self):
        return self.exclude(fulfilment_mode=Commitment.FulfilmentMode.STANDING)

    def due_before(self, day):
        return self.filter(Q(due_date__lt=day) | Q(due_meeting__end_date__lt=day))

    def due_between(self, start, end):
        """Due by date in start..end, or in the report of a Council ending in start..end."""
        return self.filter(_due_between(start, end))

    def due_soon(self, on, until):
        """Open one-off commitments due in on..until that are not overdue on `on` already: the
        start page's and the reminder digest's list. Due in the report of a Council that has
        ended counts until that report is sent: it is the report being written."""
        in_report_being_written = Q(due_meeting__end_date__lt=on) & ~Q(
            due_meeting__in=_reported_meetings(on)
        )
        return (
            self.filter(_open_on(on))
            .one_off()
            .filter(_due_between(on, until) | in_report_being_written)
            .exclude(_overdue(on))
        )

    def due_in_report_of(self, meeting):
        return self.one_off().filter(due_meeting=meeting)

    def overdue(self, on=None):
        """One-off commitments open on `on` (today) and past their date then, or whose due
        report had been sent."""
        return self.filter(_overdue(on))

    def with_overdue(self, on=None):
        """Annotate `overdue` (bool) in the same query, for lists."""
        return self.annotate(
            overdue=Case(
                When(_overdue(on), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )


def _due_between(start, end):
    return Q(due_date__range=(start, end)) | Q(due_meeting__end_date__range=(start, end))


def _reported_meetings(on):
    """The Councils whose report was sent by `on`, as a subquery of their pks."""
    return CouncilMeeting.objects.filter(
        documents__document_type=ParliamentaryDocument.DocumentType.REPORT,
        documents__date__lte=on,
    ).values("pk")


def _overdue(on=None):
    """The condition of CommitmentQuerySet.overdue(), for a filter or an annotation.

    The meetings whose report is out are one uncorrelated subquery that the database runs once;
    an EXISTS per commitment made SQLite read every report for each open commitment.
    """
    on = on or timezone.localdate()
    reported = _reported_meetings(on)
    return (
        _open_on(on)
        & ~Q(fulfilment_mode=Commitment.FulfilmentMode.STANDING)
        & (Q(due_date__lt=on) | Q(due_meeting__in=reported))
    )


def _open_on(on):
    """Open on the day `on`, as far as the commitment's own dates tell: made by then (in a
    debate or a document of that day or before), and open now or fulfilled only after it. So
    that the rappel list and the start page "as on" an earlier day list what was open then."""
    fulfilled = (Commitment.Status.FULFILLED, Commitment.Status.PARTLY_FULFILLED)
    return (
        (Q(status=Commitment.Status.OPEN) | Q(status__in=fulfilled, fulfilled_on__gt=on))
        & ~Q(debate__date__gt=on)
        & ~Q(debate__isnull=True, made_in_document__date__gt=on)
    )


class Commitment(VersionedModel):
    """A toezegging: a minister's promise to parliament, made in a debate or a document.

    A standing commitment (report on human rights in every JBZ report) is never closed: each
    report that honours it is recorded as a StandingCommitmentCheck.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FULFILLED = "fulfilled", _("fulfilled")
        PARTLY_FULFILLED = "partly_fulfilled", _("partly fulfilled")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class FulfilmentMode(models.TextChoices):
        IN_REPORT = "in_report", _("in the report of a Council meeting")
        BY_LETTER = "by_letter", _("by letter")
        BY_DATE = "by_date", _("by a date")
        BY_ACTION = "by_action", _("by acting (not by informing)")
        STANDING = "standing", _("standing: in every report")

    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"), help_text=_("What was promised, as the source says it."))
    members = models.ManyToManyField(
        "dossiers.Person",
        verbose_name=_("to members"),
        blank=True,
        related_name="commitments_received",
        limit_choices_to={"role": "member"},
    )
    to_chamber = models.CharField(
        _("to chamber"), max_length=2, choices=Chamber.choices, default=Chamber.TWEEDE_KAMER
    )
    made_by = models.ForeignKey(
        "dossiers.Person",
        verbose_name=_("made by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments_made",
        limit_choices_to={"role__in": ["minister", "state_secretary"]},
    )
    debate = models.ForeignKey(
        "dossiers.Debate",
        verbose_name=_("made in debate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
    )
    made_in_document = models.ForeignKey(
        ParliamentaryDocument,
        verbose_name=_("made in document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments_made",
    )
    made_in_passage = models.TextField(_("passage where it was made"), blank=True)
    dossiers = models.ManyToManyField(
        "dossiers.Dossier", verbose_name=_("dossiers"), blank=True, related_name="commitments"
    )
    meeting = models.ForeignKey(
        "dossiers.CouncilMeeting",
        verbose_name=_("related Council meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="related_commitments",
    )
    fulfilment_mode = models.CharField(
        _("to be fulfilled"), max_length=20, choices=FulfilmentMode.choices
    )
    due_meeting = models.ForeignKey(
        "dossiers.CouncilMeeting",
        verbose_name=_("due in the report of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments_due",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    fulfilled_by_document = models.ForeignKey(
        ParliamentaryDocument,
        verbose_name=_("fulfilled by document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments_fulfilled",
    )
    fulfilment_passage = models.TextField(_("fulfilling passage"), blank=True)
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    chamber_number = models.CharField(
        _("the chamber's number"),
        max_length=30,
        blank=True,
        help_text=_("How the chamber registers it: TZ202403-117 (Tweede Kamer), T03401 (Eerste)."),
    )
    chamber_status = models.CharField(
        _("the chamber's status"),
        max_length=40,
        blank=True,
        help_text=_("As the chamber's register last gave it: Openstaand, Afgedaan ..."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[members, dossiers])

    objects = CommitmentQuerySet.as_manager()

    conflict_message = _(
        "Someone else has changed this commitment in the meantime; reload the page."
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["fulfilled", "partly_fulfilled"])
                | Q(fulfilled_by_document__isnull=False),
                name="commitment_fulfilled_has_document",
                violation_error_message=_("A fulfilled commitment needs the fulfilling document."),
            ),
            models.CheckConstraint(
                condition=~Q(status="open") | Q(fulfilled_on__isnull=True),
                name="commitment_open_has_no_fulfilment_date",
                violation_error_message=_("An open commitment has no fulfilment date."),
            ),
            models.CheckConstraint(
                condition=~Q(fulfilment_mode="standing") | Q(status__in=["open", "withdrawn"]),
                name="commitment_standing_is_not_closed",
                violation_error_message=_(
                    "A standing commitment is checked per report, not fulfilled once."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(fulfilment_mode="in_report") | Q(due_meeting__isnull=False),
                name="commitment_in_report_has_meeting",
                violation_error_message=_("Say in the report of which Council meeting."),
            ),
            models.CheckConstraint(
                condition=~Q(fulfilment_mode="by_date") | Q(due_date__isnull=False),
                name="commitment_by_date_has_date",
                violation_error_message=_("Give the date by which it is due."),
            ),
            models.CheckConstraint(
                condition=Q(debate__isnull=False) | Q(made_in_document__isnull=False),
                name="commitment_has_origin",
                violation_error_message=_("Say in which debate or document it was made."),
            ),
            models.UniqueConstraint(
                fields=["chamber_number"],
                condition=~Q(chamber_number=""),
                name="commitment_chamber_number_once",
                violation_error_message=_("Another commitment has this number of the chamber."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["fulfilment_mode", "status"]),
            # Lists show the newest first (created_at, then pk): one page read from the index,
            # also when filtered by status (the API's ?status=open).
            models.Index(fields=["created_at", "id"]),
            models.Index(fields=["status", "created_at", "id"]),
        ]

    def __str__(self):
        return self.subject

    @property
    def made_on(self):
        if self.debate_id:
            return self.debate.date
        return self.made_in_document.date if self.made_in_document_id else None

    @property
    def due_on(self):
        """The day it is due: its due date, or the last day of the Council in whose report it
        is due; None when neither says (by letter, standing)."""
        if self.due_date:
            return self.due_date
        return self.due_meeting.end_date if self.due_meeting_id else None

    def is_overdue(self, on=None):
        return type(self).objects.overdue(on).filter(pk=self.pk).exists()

    def clean(self):
        """The fulfilment date is the fulfilling document's, and may only be empty if it has none.

        Published reports do not always print their date; inventing one would be worse than
        leaving it empty, so the database requires the document and clean() the date when known.
        """
        super().clean()
        fulfilled = self.status in (self.Status.FULFILLED, self.Status.PARTLY_FULFILLED)
        document = self.fulfilled_by_document
        if fulfilled and not self.fulfilled_on and document is not None and document.date:
            self.fulfilled_on = document.date
        if self.fulfilled_on and self.made_on and self.fulfilled_on < self.made_on:
            raise ValidationError(
                {"fulfilled_on": _("A commitment cannot be fulfilled before it was made.")}
            )


class DueDateChange(models.Model):
    """A commitment's due date moved: the date it had, the new one and why, by whom."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="due_date_changes",
    )
    old_date = models.DateField(_("old due date"), null=True, blank=True)
    new_date = models.DateField(
        _("new due date"),
        null=True,
        blank=True,
        help_text=_("Empty when the due date was cleared."),
    )
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("due date change")
        verbose_name_plural = _("due date changes")
        ordering = ["commitment", "-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="due_date_change_has_reason",
                violation_error_message=_("Say why the due date moves."),
            )
        ]

    def __str__(self):
        return f"{self.commitment}: {self.old_date} → {self.new_date}"


class StandingCommitmentCheck(models.Model):
    """A report that honoured a standing commitment, with the passage that does so."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="checks",
        limit_choices_to={"fulfilment_mode": "standing"},
    )
    document = models.ForeignKey(
        ParliamentaryDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="standing_commitment_checks",
        help_text=_("The report, or its cover letter, that honours the commitment."),
    )
    passage = models.TextField(_("passage"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standing commitment check")
        verbose_name_plural = _("standing commitment checks")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "document"], name="standing_check_once_per_report"
            )
        ]

    def __str__(self):
        return f"{self.commitment} — {self.document}"
