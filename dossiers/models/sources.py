"""What the official sources brought: a record of every sync, and what they say that differs
from, or adds to, what editors recorded, waiting for an editor to take it or leave it."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .commitment import Commitment
from .stage import Stage


class Source(models.TextChoices):
    OFFICIAL_PUBLICATIONS = "officielebekendmakingen", _("Officiële bekendmakingen")
    TWEEDE_KAMER = "tweedekamer", _("Tweede Kamer (open data)")
    EUROPEAN_PARLIAMENT = "europarl", _("European Parliament (open data)")


# What the counts of a sync's summary (sources/sync.py) mean, as the health page says it.
SUMMARY_LABELS = {
    "found": _("found"),
    "known": _("known already"),
    "imported": _("kept for review"),
    "other_series": _("of another series"),
    "left_aside": _("left aside"),
    "debates_created": _("debates added"),
    "debates_seen": _("debates known"),
    "commitments_created": _("commitments added"),
    "commitments_updated": _("commitments updated"),
    "commitments_proposed": _("changes proposed"),
    "commitments_proposed_before": _("changes proposed before"),
    "commitments_unchanged": _("commitments unchanged"),
    "problems": _("records not written"),
    "dossiers": _("procedures asked"),
    "failed": _("could not be read"),
    "proposed": _("stage events proposed"),
}
# Counted per event type: "left_aside_PLENARY_DEBATE".
OTHER_EVENTS = "left_aside_"


class SourceSyncQuerySet(models.QuerySet):
    def latest_per_source(self):
        """{source: (its last successful sync or None, its last sync or None)}: two queries per
        source, of which there are three."""
        newest_first = self.order_by("-started_at", "-pk")
        return {
            source: (
                newest_first.filter(source=source, succeeded=True).first(),
                newest_first.filter(source=source).first(),
            )
            for source in Source.values
        }


class SourceSync(models.Model):
    """One run against one official source: when, whether it succeeded, what it brought."""

    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    summary = models.JSONField(
        _("summary"), default=dict, blank=True, help_text=_("What the run brought, counted.")
    )
    message = models.TextField(_("message"), blank=True, help_text=_("Why it failed."))

    objects = SourceSyncQuerySet.as_manager()

    class Meta:
        verbose_name = _("source sync")
        verbose_name_plural = _("source syncs")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["source", "succeeded", "started_at"])]

    def __str__(self):
        return f"{self.get_source_display()} {self.started_at:%Y-%m-%d %H:%M}"

    def summary_lines(self):
        """[(what, count)] of the summary, the European Parliament's other event types as one
        line: they are not stages."""
        lines, other_events = [], 0
        for key, count in self.summary.items():
            if key.startswith(OTHER_EVENTS):
                other_events += count
            else:
                lines.append((SUMMARY_LABELS.get(key, key), count))
        if other_events:
            lines.append((_("other events, not a stage"), other_events))
        return lines


class SourceProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=SourceProposal.Status.PENDING)

    def counts_per_source(self):
        """{source: number of proposals}, in one query."""
        counts = self.order_by().values_list("source").annotate(count=models.Count("pk"))
        return dict(counts)


class SourceProposal(models.Model):
    """What an official source says that an editor has not recorded: a stage event of the
    European Parliament's procedure file, or a commitment that the chamber describes otherwise
    than the editor left it. Nothing curated is changed until an editor accepts it."""

    class Kind(models.TextChoices):
        STAGE_EVENT = "stage_event", _("stage event")
        COMMITMENT_CHANGE = "commitment_change", _("commitment change")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        ACCEPTED = "accepted", _("accepted")
        DISMISSED = "dismissed", _("dismissed")
        # Closed by the sync, not by an editor: the source's newer record made it moot.
        SUPERSEDED = "superseded", _("superseded")

    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    key = models.CharField(
        _("key"),
        max_length=200,
        help_text=_("What the source calls it, so that the next sync does not propose it again."),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="source_proposals",
    )
    commitment = models.ForeignKey(
        "dossiers.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="source_proposals",
    )
    data = models.JSONField(_("data"), default=dict)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = SourceProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal from a source")
        verbose_name_plural = _("proposals from sources")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="source_proposal_once"),
            models.CheckConstraint(
                condition=models.Q(kind="stage_event", dossier__isnull=False)
                | models.Q(kind="commitment_change", commitment__isnull=False),
                name="source_proposal_has_its_record",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        if self.kind == self.Kind.STAGE_EVENT and self.dossier_id:
            return f"{self.dossier}: {self.stage.label if self.stage else self.key}"
        if self.commitment_id:
            return str(self.commitment)
        return f"{self.get_kind_display()}: {self.key}"

    @property
    def stage(self):
        """The Stage a stage-event proposal reaches, or None."""
        value = self.data.get("stage")
        return Stage(value) if value in Stage.values else None

    @property
    def date(self):
        value = self.data.get("date")
        return datetime.date.fromisoformat(value) if value else None

    def changes(self):
        """[(the field's label, ours, the chamber's)] of a commitment-change proposal."""
        labels = {
            "text": Commitment._meta.get_field("text").verbose_name,
            "due_date": Commitment._meta.get_field("due_date").verbose_name,
            "status": Commitment._meta.get_field("status").verbose_name,
        }
        statuses = dict(Commitment.Status.choices)
        rows = []
        for field, (ours, theirs) in self.data.get("changes", {}).items():
            if field == "status":
                ours, theirs = statuses.get(ours, ours), statuses.get(theirs, theirs)
            rows.append((labels.get(field, field), ours, theirs))
        return rows
