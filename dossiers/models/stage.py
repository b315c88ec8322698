import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..dates import (
    PERIOD_LENGTH,
    Precision,
    format_period,
    is_period_start,
    period_end,
    period_start,
)
from .base import SourcedModel, choice_label


class Stage(models.IntegerChoices):
    """The legislative path in its order; the value is the order, with room between steps."""

    PROPOSAL = 10, _("Commission proposal")
    BNC_FICHE = 20, _("BNC fiche sent to parliament")
    WORKING_PARTY = 30, _("Council working party")
    COUNCIL_MANDATE = 40, _("Council mandate (general approach)")
    EP_MANDATE = 50, _("European Parliament mandate")
    TRILOGUES = 60, _("Trilogues")
    PROVISIONAL_AGREEMENT = 70, _("Provisional (political) agreement")
    COREPER_ENDORSEMENT = 80, _("Coreper endorsement")
    EP_COMMITTEE_VOTE = 90, _("EP committee vote")
    EP_PLENARY_VOTE = 100, _("EP plenary vote")
    COUNCIL_ADOPTION = 110, _("Council adoption")
    COMMISSION_ADOPTION = 115, _("Adoption by the Commission")
    PUBLICATION = 120, _("Publication in the Official Journal")
    ENTRY_INTO_FORCE = 130, _("Entry into force")
    APPLICATION = 140, _("Application or transposition deadline")
    WITHDRAWN = 900, _("Withdrawn")
    STALLED = 910, _("Stalled")

    @classmethod
    def off_path(cls):
        """Stages that end or pause a file instead of moving it along."""
        return (cls.WITHDRAWN, cls.STALLED)


LEGISLATIVE_PATH = tuple(
    s for s in Stage if s not in (*Stage.off_path(), Stage.COMMISSION_ADOPTION)
)

# Latest first; an event whose date no document gives counts as the oldest.
LATEST_FIRST = (models.F("date").desc(nulls_last=True), "-stage", "-id")


class StageEventQuerySet(models.QuerySet):
    def actual(self):
        return self.filter(is_expected=False)

    def expected(self):
        return self.filter(is_expected=True)

    def chronological(self):
        return self.order_by(models.F("date").asc(nulls_last=True), "stage", "id")

    def not_reached(self, on=None):
        """Expected events whose stage their dossier has not actually reached (as the
        documents known on `on` tell: a step they report without its date is reached)."""
        reached = StageEvent.objects.actual().filter(
            dossier=models.OuterRef("dossier"), stage=models.OuterRef("stage")
        )
        if on is not None:
            reached = reached.known_on(on).filter(models.Q(date__lte=on) | models.Q(date=None))
        return self.exclude(models.Exists(reached))

    def known_on(self, day):
        """Events a document had stated by `day`: not those whose source is dated after it,
        nor those from an undated report of a Council that had not ended before it. Another
        undated source (or none) may have been known: it is kept."""
        return self.exclude(source_document__date__gt=day).exclude(
            source_document__date=None,
            source_document__document_type="verslag",
            source_document__meetings__end_date__gte=day,
        )

    def certain_by(self, day):
        """Actual events that had certainly happened by `day`: their whole period lies before
        it ("Q1 2024" only once the quarter is over), or a document dated by then reports
        them."""
        condition = models.Q(source_document__date__lte=day)
        tomorrow = day + datetime.timedelta(days=1)
        for precision in PERIOD_LENGTH:
            # Every period that begins before the one tomorrow falls in has ended by `day`.
            condition |= models.Q(precision=precision, date__lt=period_start(tomorrow, precision))
        return self.filter(condition)

    def overlapping(self, start, end):
        """Events whose period (a day, month, quarter ...) overlaps the days start..end.

        A period starting on `date` ends on or after `start` when date > start - its length,
        so the test stays in SQL, one condition per precision. The bounds of the longest period
        repeated outside the OR let PostgreSQL read one date range, not every event up to `end`.
        """
        condition = models.Q()
        for precision, length in PERIOD_LENGTH.items():
            condition |= models.Q(precision=precision, date__gt=start - length, date__lte=end)
        earliest = min(start - length for length in PERIOD_LENGTH.values())
        return self.filter(condition, date__gt=earliest, date__lte=end)


class StageEvent(SourcedModel):
    """A step of a dossier's history: reached, or expected by the documents.

    An expected milestone is kept when the actual one arrives, so the history shows both what
    was foreseen and what happened. The current stage is derived from the latest actual event.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="stage_events",
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "For a month, quarter, half year or year: its first day. Empty when no document "
            "dates it."
        ),
    )
    precision = models.CharField(
        _("precision"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    is_expected = models.BooleanField(
        _("expected"), default=False, help_text=_("Foreseen by a document, not yet reached.")
    )
    meeting = models.ForeignKey(
        "dossiers.CouncilMeeting",
        verbose_name=_("Council meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stage_events",
        help_text=_("The Council at which this stage was reached, if any."),
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = StageEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage event")
        verbose_name_plural = _("stage events")
        ordering = ["dossier", models.F("date").asc(nulls_last=True), "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "stage", "is_expected", "date", "source_document"],
                name="stage_event_unique_per_source",
            )
        ]
        indexes = [
            # A dossier's latest actual event (LATEST_FIRST), on any day, is the first entry read
            # backwards: the current stage and the stage on a date without sorting. PostgreSQL
            # needs the NULLS LAST order spelled out: migration 0007 adds its own index for it.
            models.Index(
                fields=["dossier", "date", "stage", "id"],
                condition=models.Q(is_expected=False),
                name="stage_event_actual_latest",
            ),
            models.Index(fields=["date", "stage"]),
            # overlapping(): one range per precision (the dashboard's expected milestones).
            models.Index(fields=["precision", "date"]),
        ]

    def _check_stage_applies_to_dossier(self):
        """A kind of file with a path of its own (a communication, Council conclusions, a
        partnership ...) only takes the stages on it, or withdrawn and stalled."""
        from .dossier import STAGE_PATHS

        if self.dossier_id is None or self.stage is None:
            return
        path = STAGE_PATHS.get(self.dossier.instrument_type)
        if path is None or self.stage in path or self.stage in Stage.off_path():
            return
        raise ValidationError(
            {
                "stage": _("A dossier of type %(type)s has no stage '%(stage)s'.")
                % {
                    "type": self.dossier.get_instrument_type_display(),
                    "stage": self.get_stage_display(),
                }
            }
        )

    def get_stage_display(self):
        return choice_label(Stage, self.stage)

    def __str__(self):
        label = f"{self.get_stage_display()} {self.date_display}"
        return f"{label} ({_('expected')})" if self.is_expected else label

    @property
    def date_display(self):
        if self.date is None:
            return _("date unknown")
        return format_period(self.date, self.precision)

    def clean(self):
        super().clean()
        self._check_stage_applies_to_dossier()
        if self.date and self.precision and not is_period_start(self.date, self.precision):
            raise ValidationError(
                {
                    "date": _(
                        "With precision %(precision)s the date is the first day of the period: "
                        "%(start)s."
                    )
                    % {
                        "precision": Precision(self.precision).label,
                        "start": period_start(self.date, self.precision).isoformat(),
                    }
                }
            )


def merge_restatements(events):
    """Events that restate another of the same dossier, stage and kind, merged into it.

    Two documents often state the same step: "30 december 2023" and "december jl.", or an
    expectation of "H1 2024" beside one of "februari 2024". A statement whose period holds a
    more precise one's (or that has no date) restates it; of equal statements the newest
    document's is kept. Each event returned carries `repeats`, the events merged into it, so
    that every source stays visible. Statements that disagree stay apart: the timeline shows
    how an expectation moved. Events keep the order they came in.
    """
    kept = set()
    for group in _steps(events).values():
        representatives = []
        for event in sorted(group, key=_finest_and_newest_first):
            holder = next((rep for rep in representatives if _restates(event, rep)), None)
            if holder is None:
                event.repeats = []
                representatives.append(event)
            else:
                holder.repeats.append(event)
        kept.update(id(event) for event in representatives)
    return [event for event in events if id(event) in kept]


def one_per_stage(events):
    """One event per dossier, stage and kind, for lists of what stands now: restatements
    merged (merge_restatements), and of statements that disagree the newest document's
    (for documents of the same date, the later period: plans slip). The others are its
    `repeats`."""
    kept = set()
    for group in _steps(merge_restatements(events)).values():
        best = max(group, key=_newest)
        for event in group:
            if event is not best:
                best.repeats += [event, *event.repeats]
        kept.add(id(best))
    return [event for event in events if id(event) in kept]


def _steps(events):
    steps = {}
    for event in events:
        steps.setdefault((event.dossier_id, event.stage, event.is_expected), []).append(event)
    return steps


def _source_date(event):
    document = event.source_document
    return document.date if document and document.date else datetime.date.min


def _period(event):
    return event.date, period_end(event.date, event.precision)


def _restates(vague, precise):
    """Whether `vague` says no more than `precise`: no date, or a period that holds it."""
    if vague.date is None:
        return True
    if precise.date is None:
        return False
    (start, end), (inner_start, inner_end) = _period(vague), _period(precise)
    return start <= inner_start and inner_end <= end


def _finest_and_newest_first(event):
    if event.date is None:
        return (1, 0, 0, 0)
    start, end = _period(event)
    return (0, (end - start).days, -_source_date(event).toordinal(), -event.pk)


def _newest(event):
    return (_source_date(event), _period(event)[1] if event.date else datetime.date.min, event.pk)
