"""What the drafts of one Council's annotated agenda and report are written from.

The officer writes the annotated agenda before a Council and the report after it; both follow
the Council's agenda. meeting_draft() gathers, in a fixed number of queries, for each item the
dossiers on it with their stage, what changed since the previous Council, the last Dutch
position (inzet) given with its source, the motions on them, and the commitments due in this
round. agenda.py and report.py write it out.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from ..models import (
    AgendaItem,
    Commitment,
    CouncilMeeting,
    Dossier,
    Mention,
    Motion,
    StageEvent,
)

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
    next: CouncilMeeting | None
    sections: list  # [(section label, [ItemDraft])], in the Council's order
    other_dossiers: list  # DossierDrafts mentioned without an agenda item
    commitments: list  # due in this round and about no dossier on the agenda
    standing: list  # open standing commitments: every report honours them
    due_commitments: list  # all due in this round, on the agenda's dossiers or not


def meeting_draft(meeting):
    """The MeetingDraft of `meeting`."""
    same_formation = CouncilMeeting.objects.filter(formation=meeting.formation)
    previous = (
        same_formation.filter(start_date__lt=meeting.start_date).order_by("-start_date").first()
    )
    following = (
        same_formation.filter(start_date__gt=meeting.end_date).order_by("start_date").first()
    )
    mentions = Mention.objects.filter(meeting=meeting).only("dossier", "agenda_item")
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("section", "number")
        .prefetch_related(Prefetch("mentions", mentions))
    )
    dossier_ids = set(mentions.values_list("dossier", flat=True))
    dossiers = {
        dossier.pk: dossier
        for dossier in Dossier.objects.filter(pk__in=dossier_ids).with_stage_on(meeting.start_date)
    }
    changes = _changes_since(previous, meeting, dossier_ids)
    positions = _last_positions(meeting, dossier_ids)
    motions = _motions(dossier_ids)
    due = list(_due_in_round(meeting, previous, following))
    placed = set()

    def draft_of(dossier_id):
        commitments = [c for c in due if dossier_id in {d.pk for d in c.dossiers.all()}]
        placed.update(c.pk for c in commitments)
        dossier = dossiers[dossier_id]
        return DossierDraft(
            dossier=dossier,
            stage=dossier.stage_on_date,
            changes=changes.get(dossier_id, []),
            position=positions.get(dossier_id),
            motions=motions.get(dossier_id, []),
            commitments=commitments,
        )

    sections, on_items = {}, set()
    for item in items:
        ids = list(dict.fromkeys(mention.dossier_id for mention in item.mentions.all()))
        on_items.update(ids)
        sections.setdefault(item.get_section_display(), []).append(
            ItemDraft(item=item, dossiers=[draft_of(i) for i in ids])
        )
    others = sorted(dossier_ids - on_items, key=lambda pk: str(dossiers[pk]))
    other_dossiers = [draft_of(pk) for pk in others]
    standing = list(_commitments().open().standing().order_by("subject"))
    return MeetingDraft(
        meeting=meeting,
        previous=previous,
        next=following,
        sections=list(sections.items()),
        other_dossiers=other_dossiers,
        commitments=[c for c in due if c.pk not in placed],
        standing=standing,
        due_commitments=due,
    )


def _changes_since(previous, meeting, dossier_ids):
    """{dossier id: [stage events reached after the previous Council, up to this one]}."""
    events = StageEvent.objects.actual().filter(
        dossier__in=dossier_ids, date__lte=meeting.start_date
    )
    if previous is not None:
        events = events.filter(date__gt=previous.end_date)
    found = {}
    for event in events.select_related("source_document").chronological():
        found.setdefault(event.dossier_id, []).append(event)
    return found


def _last_positions(meeting, dossier_ids):
    """{dossier id: the Mention with the latest Dutch position given before this Council}."""
    earlier = (
        Mention.objects.filter(dossier__in=dossier_ids, meeting__start_date__lt=meeting.start_date)
        .exclude(dutch_position="")
        .select_related("meeting", "source_document")
        .order_by("dossier", "-meeting__start_date", "-pk")
    )
    found = {}
    for mention in earlier:
        found.setdefault(mention.dossier_id, mention)
    return found


def _motions(dossier_ids):
    """{dossier id: [motions on it that ask something still to do]}: adopted or not yet voted,
    not carried out."""
    current = (
        Motion.objects.filter(dossiers__in=dossier_ids)
        .exclude(outcome__in=[Motion.Outcome.REJECTED, Motion.Outcome.WITHDRAWN])
        .exclude(execution__in=[Motion.Execution.EXECUTED, Motion.Execution.NOT_EXECUTED])
        .select_related("document")
        .prefetch_related("submitters", "dossiers")
        .distinct()
    )
    found = {}
    for motion in current:
        for dossier in motion.dossiers.all():
            if dossier.pk in dossier_ids:
                found.setdefault(dossier.pk, []).append(motion)
    return found


def _commitments():
    return Commitment.objects.select_related(
        "made_by", "debate", "made_in_document", "due_meeting"
    ).prefetch_related("members", "dossiers")


def _due_in_round(meeting, previous, following):
    """Open one-off commitments due in this Council's report, or by a date from the previous
    Council to the next (older ones are on the rappel list, not in this round)."""
    start = previous.end_date if previous else meeting.start_date - ROUND_WITHOUT_NEXT_MEETING
    end = following.start_date if following else meeting.end_date + ROUND_WITHOUT_NEXT_MEETING
    by_date = Q(due_meeting=None, due_date__gt=start, due_date__lt=end)
    return (
        _commitments()
        .open()
        .one_off()
        .filter(Q(due_meeting=meeting) | by_date)
        .order_by("due_date", "subject")
    )
