"""What the drafts of one Council's annotated agenda and report are written from.

The officer writes the annotated agenda before a Council and the report after it; both follow
the Council's agenda. meeting_draft() gathers, in a fixed number of queries, for each item the
dossiers on it with their stage, what changed since the previous Council, the last Dutch
position (inzet) given with its source, the motions on them, and the commitments due in this
round. documents.py writes the drafts from it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, Subquery

from ..models import (
    AgendaItem,
    Commitment,
    CouncilMeeting,
    Dossier,
    Mention,
    Motion,
    StageEvent,
)
from ..models.stage import merge_restatements

# With no previous or next Council recorded, the round reaches this far before or after it.
ROUND_WITHOUT_NEXT_MEETING = datetime.timedelta(days=90)


@dataclass
class DossierDraft:
    dossier: Dossier
    stage: int | None  # the Stage it had reached when the Council met
    changes: list  # StageEvents since the previous Council, oldest first
    position: Mention | None  # the last Dutch position given before this Council
    motions: list
    commitments: list  # due in this round and about this dossier


@dataclass
class ItemDraft:
    item: AgendaItem
    dossiers: list


@dataclass
class MeetingDraft:
    meeting: CouncilMeeting
    previous: CouncilMeeting | None
    sections: list  # [(section label, [ItemDraft])], in the Council's order
    other_dossiers: list  # DossierDrafts mentioned without an agenda item
    commitments: list  # due in this round and about no dossier on the agenda
    standing: list  # open standing commitments: every report honours them
    due_commitments: list  # all due in this round, on the agenda's dossiers or not


def meeting_draft(meeting):
    """The MeetingDraft of `meeting`, in eleven queries whatever the size of its agenda."""
    same_formation = CouncilMeeting.objects.filter(formation=meeting.formation)
    previous = (
        same_formation.filter(start_date__lt=meeting.start_date).order_by("-start_date").first()
    )
    following = (
        same_formation.filter(start_date__gt=meeting.end_date).order_by("start_date").first()
    )
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("section", "number"))
    on_agenda = list(
        Mention.objects.filter(meeting=meeting)
        .order_by("pk")
        .values_list("agenda_item_id", "dossier_id")
    )
    dossier_ids = {dossier_id for _item, dossier_id in on_agenda}
    dossiers = {
        dossier.pk: dossier
        for dossier in Dossier.objects.filter(pk__in=dossier_ids)
        .with_stage_on(meeting.start_date)
        .annotate(last_position=Subquery(_last_position(meeting)))
    }
    changes = _changes_since(previous, meeting, dossier_ids)
    positions = _positions(d.last_position for d in dossiers.values())
    motions = _motions(dossier_ids)
    due, standing = _commitments_of_round(meeting, previous, following)
    placed = set()

    def draft_of(dossier_id):
        commitments = [c for c in due if dossier_id in {d.pk for d in c.dossiers.all()}]
        placed.update(c.pk for c in commitments)
        dossier = dossiers[dossier_id]
        return DossierDraft(
            dossier=dossier,
            stage=dossier.stage_on_date,
            changes=changes.get(dossier_id, []),
            position=positions.get(dossier.last_position),
            motions=motions.get(dossier_id, []),
            commitments=commitments,
        )

    per_item = {}
    for item_id, dossier_id in on_agenda:
        per_item.setdefault(item_id, {})[dossier_id] = None  # once each, in order
    sections = {}
    for item in items:
        sections.setdefault(item.get_section_display(), []).append(
            ItemDraft(item=item, dossiers=[draft_of(i) for i in per_item.get(item.pk, {})])
        )
    on_items = {i for item in items for i in per_item.get(item.pk, {})}
    others = sorted(dossier_ids - on_items, key=lambda pk: str(dossiers[pk]))
    return MeetingDraft(
        meeting=meeting,
        previous=previous,
        sections=list(sections.items()),
        other_dossiers=[draft_of(pk) for pk in others],
        commitments=[c for c in due if c.pk not in placed],
        standing=standing,
        due_commitments=due,
    )


def _round_start(meeting, previous):
    """Where this Council's round begins: the end of the previous one of its formation, or
    ROUND_WITHOUT_NEXT_MEETING before it."""
    return previous.end_date if previous else meeting.start_date - ROUND_WITHOUT_NEXT_MEETING


def _changes_since(previous, meeting, dossier_ids):
    """{dossier id: [stage events reached after the previous Council, up to this one]}, a
    step two documents state once (with the other's source among its `repeats`)."""
    events = StageEvent.objects.actual().filter(
        dossier__in=dossier_ids, date__lte=meeting.start_date
    )
    events = events.filter(date__gt=_round_start(meeting, previous))
    found = {}
    for event in merge_restatements(list(events.select_related("source_document").chronological())):
        found.setdefault(event.dossier_id, []).append(event)
    return found


def _last_position(meeting):
    """For a dossier (OuterRef), its latest mention giving a Dutch position before `meeting`."""
    return (
        Mention.objects.filter(dossier=OuterRef("pk"), meeting__start_date__lt=meeting.start_date)
        .exclude(dutch_position="")
        .order_by("-meeting__start_date", "-pk")
        .values("pk")[:1]
    )


def _positions(mention_ids):
    """{mention id: the mention, with its meeting and source}."""
    ids = [pk for pk in mention_ids if pk is not None]
    mentions = Mention.objects.filter(pk__in=ids).select_related("meeting", "source_document")
    return {mention.pk: mention for mention in mentions}


def _motions(dossier_ids):
    """{dossier id: [motions on it that ask something still to do]}: adopted or not yet voted,
    not carried out."""
    links = (
        Motion.dossiers.through.objects.filter(dossier_id__in=dossier_ids)
        .exclude(motion__outcome__in=[Motion.Outcome.REJECTED, Motion.Outcome.WITHDRAWN])
        .exclude(motion__execution__in=[Motion.Execution.EXECUTED, Motion.Execution.NOT_EXECUTED])
        .select_related("motion__document")
        .order_by("motion__document__date", "motion_id")
    )
    found = {}
    for link in links:
        found.setdefault(link.dossier_id, []).append(link.motion)
    return found


def _commitments():
    return Commitment.objects.select_related(
        "made_by", "debate", "made_in_document", "due_meeting"
    ).prefetch_related("members", "dossiers")


def _commitments_of_round(meeting, previous, following):
    """(the open one-off commitments due in this Council's report, or by a date from the
    previous Council to the next, the open standing ones), in one query and its prefetches.
    Older ones are on the rappel list, not in this round."""
    start = _round_start(meeting, previous)
    end = following.start_date if following else meeting.end_date + ROUND_WITHOUT_NEXT_MEETING
    open_commitments = _commitments().open()
    due_in_round = open_commitments.one_off().filter(
        Q(due_meeting=meeting) | Q(due_meeting=None, due_date__gt=start, due_date__lt=end)
    )
    commitments = (due_in_round | open_commitments.standing()).order_by(
        F("due_date").asc(nulls_last=True), "subject"
    )
    due, standing = [], []
    for commitment in commitments:
        is_standing = commitment.fulfilment_mode == Commitment.FulfilmentMode.STANDING
        (standing if is_standing else due).append(commitment)
    return due, standing
