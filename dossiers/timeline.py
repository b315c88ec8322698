"""A dossier's progress over time: its stage bar, its chronological timeline, a package's axis.

Everything is built from data loaded by load_dossier() in a fixed number of queries, so a
dossier with eighty stage events costs what one with three does.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .dates import Precision, format_period, period_end
from .models import (
    Commitment,
    Dossier,
    Mention,
    Motion,
    MotionReport,
    ParliamentaryDocument,
    Stage,
    StageEvent,
)
from .models.stage import merge_restatements, one_per_stage


def load_dossier(slug):
    """The dossier with everything its timeline shows, or 404."""
    queryset = Dossier.objects.select_related(
        "parent", "bnc_fiche", "responsible_officer"
    ).prefetch_related(
        "aliases",
        "topics",
        Prefetch(
            "stage_events",
            StageEvent.objects.select_related("meeting", "source_document"),
        ),
        # What the package expects reaches its instruments' stage bars.
        Prefetch(
            "parent__stage_events",
            StageEvent.objects.expected().select_related("source_document"),
        ),
        Prefetch(
            "mentions",
            Mention.objects.select_related("meeting", "agenda_item", "source_document"),
        ),
        Prefetch(
            "commitments",
            Commitment.objects.select_related(
                "debate", "made_by", "made_in_document", "fulfilled_by_document"
            ).prefetch_related("members"),
        ),
        Prefetch(
            "motions",
            Motion.objects.select_related("document").prefetch_related(
                "submitters",
                Prefetch("reports", MotionReport.objects.select_related("document")),
            ),
        ),
        Prefetch(
            "instruments",
            Dossier.objects.with_current_stage().prefetch_related(
                Prefetch("stage_events", StageEvent.objects.exclude(date=None))
            ),
        ),
    )
    return get_object_or_404(queryset, slug=slug)


@dataclass
class Entry:
    """One line of the timeline: what happened (or is expected), when, and the proof."""

    kind: str
    title: str
    date: datetime.date | None = None
    precision: str = Precision.DAY
    is_expected: bool = False
    details: list = field(default_factory=list)
    source_document: ParliamentaryDocument | None = None
    source_passage: str = ""
    # Further (document, passage) pairs that state the same: a step two documents report.
    more_sources: list = field(default_factory=list)
    link: str = ""
    anchor: str = ""

    KIND_LABELS = {
        "stage": _("Stage reached"),
        "expected": _("Expected"),
        "mention": _("Council"),
        "document": _("Document"),
        "commitment": _("Commitment"),
        "fulfilment": _("Commitment fulfilled"),
        "motion": _("Motion"),
        "motion_report": _("Motion: execution"),
    }

    @property
    def kind_label(self):
        return self.KIND_LABELS[self.kind]

    @property
    def date_display(self):
        return format_period(self.date, self.precision) if self.date else _("date unknown")

    @property
    def sort_key(self):
        # Undated entries come last; on the same day, stages before what refers to them.
        return (
            self.date is None,
            self.date or datetime.date.min,
            list(self.KIND_LABELS).index(self.kind),
        )


def timeline_entries(dossier):
    """Stage events, Council mentions, documents, commitments and motions, oldest first."""
    entries = []
    documents = {}
    if dossier.bnc_fiche:
        documents[dossier.bnc_fiche.pk] = dossier.bnc_fiche
    for event in merge_restatements(list(dossier.stage_events.all())):
        entries.append(
            Entry(
                kind="expected" if event.is_expected else "stage",
                title=event.get_stage_display(),
                date=event.date,
                precision=event.precision,
                is_expected=event.is_expected,
                details=[str(event.meeting)] if event.meeting else [],
                source_document=event.source_document,
                source_passage=event.source_passage,
                more_sources=[
                    (repeat.source_document, repeat.source_passage) for repeat in event.repeats
                ],
                anchor=f"stage-event-{event.pk}",
            )
        )
        for statement in (event, *event.repeats):
            if statement.source_document:
                documents[statement.source_document.pk] = statement.source_document
    for mention in dossier.mentions.all():
        details = [
            (_("Summary"), mention.summary),
            (_("Dutch position"), mention.dutch_position),
            (_("Outcome"), mention.outcome),
        ]
        entries.append(
            Entry(
                kind="mention",
                title=str(mention.agenda_item or mention.meeting),
                date=mention.meeting.start_date,
                details=[f"{label}: {text}" for label, text in details if text],
                source_document=mention.source_document,
                source_passage=mention.source_passage,
                link=mention.meeting.get_absolute_url(),
            )
        )
        if mention.source_document:
            documents[mention.source_document.pk] = mention.source_document
    for commitment in dossier.commitments.all():
        entries.extend(_commitment_entries(commitment))
    for motion in dossier.motions.all():
        entries.extend(_motion_entries(motion))
    for document in documents.values():
        entries.append(
            Entry(
                kind="document",
                title=document.title or document.get_document_type_display(),
                date=document.date,
                details=[document.citation] if document.citation else [],
                link=document.publication_url,
            )
        )
    return sorted(entries, key=lambda entry: entry.sort_key)


def _commitment_entries(commitment):
    members = ", ".join(str(member) for member in commitment.members.all())
    origin = commitment.debate or commitment.made_in_document
    yield Entry(
        kind="commitment",
        title=commitment.subject,
        date=commitment.made_on,
        details=[
            text
            for text in (
                _("To: %(members)s") % {"members": members} if members else "",
                str(origin),
                commitment.get_status_display(),
            )
            if text
        ],
        source_document=commitment.made_in_document,
        source_passage=commitment.made_in_passage or commitment.text,
    )
    if commitment.fulfilled_by_document:
        yield Entry(
            kind="fulfilment",
            title=commitment.subject,
            date=commitment.fulfilled_on or commitment.fulfilled_by_document.date,
            source_document=commitment.fulfilled_by_document,
            source_passage=commitment.fulfilment_passage,
        )


def _motion_entries(motion):
    submitters = ", ".join(str(person) for person in motion.submitters.all())
    yield Entry(
        kind="motion",
        title=motion.subject,
        date=motion.document.date,
        details=[
            text
            for text in (
                _("Submitted by: %(names)s") % {"names": submitters} if submitters else "",
                motion.get_outcome_display(),
            )
            if text
        ],
        source_document=motion.document,
        link=motion.document.publication_url,
    )
    for report in motion.reports.all():
        yield Entry(
            kind="motion_report",
            title=motion.subject,
            date=report.document.date,
            details=[motion.get_execution_display()],
            source_document=report.document,
            source_passage=report.passage,
        )


@dataclass
class Step:
    stage: Stage
    state: str  # done, current, expected, skipped or pending
    # For an expected step: the telling expectation, the dossier's own or its package's.
    expectation: StageEvent | None = None
    dossier_id: int | None = None

    STATE_LABELS = {
        "done": _("done"),
        "current": _("current stage"),
        "expected": _("expected"),
        "skipped": _("passed, not recorded"),
        "pending": _("not yet"),
    }

    @property
    def state_label(self):
        return self.STATE_LABELS[self.state]

    @property
    def from_package(self):
        return self.expectation is not None and self.expectation.dossier_id != self.dossier_id


def stage_bar(dossier):
    """Each stage of the dossier's path with its state, from the prefetched stage events.

    A stage the dossier's own documents do not foresee may be foreseen for its package ("the
    Pact's texts go to Coreper in February"): the instrument shows that expectation too.
    """
    events = list(dossier.stage_events.all())
    path = list(dossier.stage_path)
    reached = {event.stage for event in events if not event.is_expected}
    package_events = list(dossier.parent.stage_events.all()) if dossier.parent else []
    expectations = {
        event.stage: event
        for event in one_per_stage([event for event in package_events if event.is_expected])
    }
    expectations.update(
        (event.stage, event)
        for event in one_per_stage([event for event in events if event.is_expected])
    )
    latest_on_path = latest_actual_event(event for event in events if event.stage in path)
    current = latest_on_path.stage if latest_on_path else None
    current_index = path.index(current) if current is not None else -1
    steps = []
    for index, stage in enumerate(path):
        if stage == current:
            state = "current"
        elif stage in reached:
            state = "done"
        elif index < current_index:
            state = "skipped"
        elif stage in expectations:
            state = "expected"
        else:
            state = "pending"
        expectation = expectations.get(stage) if state == "expected" else None
        steps.append(Step(Stage(stage), state, expectation, dossier.pk))
    return steps


def latest_actual_event(events):
    """The actual event Dossier.current_stage picks (LATEST_FIRST), from loaded events.

    Undated events count as the oldest; None when nothing has been reached.
    """
    return max(
        (event for event in events if not event.is_expected),
        key=lambda e: (e.date is not None, e.date or datetime.date.min, e.stage, e.pk),
        default=None,
    )


def off_path_stage(dossier):
    """Withdrawn or stalled, when that is the latest actual word on the dossier."""
    latest = latest_actual_event(dossier.stage_events.all())
    if latest and latest.stage in Stage.off_path():
        return Stage(latest.stage)
    return None


@dataclass
class AxisMarker:
    x: float
    event: StageEvent


@dataclass
class AxisRow:
    dossier: Dossier
    markers: list


@dataclass
class PackageAxis:
    """The instruments of a package on one time axis, in SVG user units."""

    rows: list
    ticks: list
    width: int
    label_width: int
    row_height: int

    @property
    def height(self):
        return self.row_height * (len(self.rows) + 1)

    @property
    def has_expected(self):
        return any(marker.event.is_expected for row in self.rows for marker in row.markers)


def package_axis(package, width=1000, label_width=180, row_height=28):
    """Place each instrument's dated stage events on a shared axis with yearly ticks."""
    instruments = list(package.instruments.all())
    events = [event for instrument in instruments for event in instrument.stage_events.all()]
    if not events:
        return None
    first = min(event.date for event in events)
    last = max(period_end(event.date, event.precision) for event in events)
    start = datetime.date(first.year, 1, 1)
    end = datetime.date(last.year + 1, 1, 1)
    span = (end - start).days
    plot = width - label_width

    def x(day):
        return round(label_width + plot * (day - start).days / span, 1)

    rows = [
        AxisRow(
            instrument,
            [AxisMarker(x(event.date), event) for event in instrument.stage_events.all()],
        )
        for instrument in instruments
    ]
    ticks = [(x(datetime.date(year, 1, 1)), year) for year in range(start.year, end.year)]
    return PackageAxis(rows, ticks, width, label_width, row_height)
