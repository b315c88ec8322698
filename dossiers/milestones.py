"""The stage lists of the start page: what changed lately, what is expected.

Both look from a day (the peildatum) and only use what the documents had said by then, and both
give one line per dossier and step where several documents state it (one_per_stage).
"""

import datetime

from .models import StageEvent
from .models.stage import one_per_stage

# Enough candidates that merging repeated statements still leaves a full list.
CANDIDATES_PER_LINE = 4


def recent_changes(today, days, limit):
    """Stages reached in the `days` before `today` (their period begins in them), latest
    first: only events that had certainly happened by then ("Q1 2024" once the quarter is
    over, or reported by a document of that day or before)."""
    statements = StageEvent.objects.actual().known_on(today).certain_by(today)
    candidates = statements.filter(
        date__range=(today - datetime.timedelta(days=days), today)
    ).order_by("-date", "-stage", "-id")
    return _one_line_per_step(candidates, statements, limit)


def expected_milestones(today, until, limit=None):
    """Expected stages whose period overlaps today..until, earliest first: as the documents
    known on `today` foresaw them, and only those the dossier had not reached by then. The
    start page shows the first `limit`; the reminder digest all of them."""
    statements = StageEvent.objects.expected().known_on(today).not_reached(on=today)
    candidates = statements.overlapping(today, until).chronological()
    return _one_line_per_step(candidates, statements, limit)


def _one_line_per_step(candidates, statements, limit):
    """The first `limit` candidates (None: all), each the telling statement of its step among
    `statements`; a candidate that another statement of its step supersedes is left out."""
    candidates = candidates.values_list("pk", "dossier_id", "stage")
    if limit is not None:
        candidates = candidates[: limit * CANDIDATES_PER_LINE]
    candidates = list(candidates)
    if not candidates:
        return []
    statements = statements.filter(
        dossier_id__in={dossier for _, dossier, _ in candidates},
        stage__in={stage for _, _, stage in candidates},
    ).select_related("dossier", "source_document")
    telling = {event.pk: event for event in one_per_stage(list(statements))}
    return [telling[pk] for pk, _, _ in candidates if pk in telling][:limit]
