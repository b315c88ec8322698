from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .document import ParliamentaryDocument


class Motion(models.Model):
    """A motie: parliament asks the cabinet to act; the cabinet reports how it carries it out."""

    class Outcome(models.TextChoices):
        UNKNOWN = "unknown", _("unknown")
        ADOPTED = "adopted", _("adopted")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")
        HELD = "held", _("held over")

    class Execution(models.TextChoices):
        UNKNOWN = "unknown", _("unknown")
        IN_PROGRESS = "in_progress", _("in progress")
        EXECUTED = "executed", _("executed")
        NOT_EXECUTED = "not_executed", _("will not be executed")

    document = models.OneToOneField(
        ParliamentaryDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="motion",
    )
    subject = models.CharField(_("subject"), max_length=400)
    submitters = models.ManyToManyField(
        "dossiers.Person",
        verbose_name=_("submitted by"),
        blank=True,
        related_name="motions",
        limit_choices_to={"role": "member"},
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.UNKNOWN
    )
    execution = models.CharField(
        _("execution"), max_length=14, choices=Execution.choices, default=Execution.UNKNOWN
    )
    dossiers = models.ManyToManyField(
        "dossiers.Dossier", verbose_name=_("dossiers"), blank=True, related_name="motions"
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(m2m_fields=[submitters, dossiers])

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["-document__date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="rejected") | models.Q(execution="unknown"),
                name="motion_rejected_is_not_executed",
                violation_error_message=_("A rejected motion is not carried out."),
            )
        ]

    def __str__(self):
        return f"{self.subject} ({self.document.citation or self.document})"


class MotionReport(models.Model):
    """Where the cabinet reported on carrying out a motion, with the passage."""

    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="reports"
    )
    document = models.ForeignKey(
        ParliamentaryDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="motion_reports",
    )
    passage = models.TextField(_("passage"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report on a motion")
        verbose_name_plural = _("reports on motions")
        constraints = [
            models.UniqueConstraint(fields=["motion", "document"], name="motion_report_once")
        ]

    def __str__(self):
        return f"{self.motion} — {self.document}"
