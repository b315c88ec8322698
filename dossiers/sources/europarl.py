"""The events of an EU procedure in the European Parliament's open data.

The European Parliament's Open Data API (data.europarl.europa.eu/api/v2, documented in its
developer corner) names a procedure "2022-0155" and answers `procedures/<id>/events` in JSON-LD:
`data` is a list of activities, each with `activity_id`, `activity_date` (a date, a date-time,
or an object with `@value`), `had_activity_type` (an address ending in the type,
".../def/ep-activities/PLENARY_VOTE") and `activity_label` (a text per language). An answer
that lists the procedure itself carries its activities in `consists_of`.

Only the types whose meaning in the legislative path is plain become stage proposals (_STAGES);
the others are counted, so that the sync says what it left aside.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from ..citations import europarl_process_id
from ..models.sources import Source
from ..models.stage import Stage
from . import http

WHAT = Source.EUROPEAN_PARLIAMENT.label

# The Parliament's activity types that say a stage of the legislative path was reached.
_STAGES = {
    "PLENARY_VOTE": Stage.EP_PLENARY_VOTE,
    "COMMITTEE_VOTE": Stage.EP_COMMITTEE_VOTE,
    "PUBLICATION_OFFICIAL_JOURNAL": Stage.PUBLICATION,
}


@dataclass(frozen=True)
class ProcedureEvent:
    activity_id: str
    activity_type: str  # "PLENARY_VOTE"
    date: datetime.date | None
    label: str
    stage: Stage | None  # None: a type the app does not map


def events(procedure_reference):
    """The events of the procedure "2022/0155(COD)"; SourceError when they cannot be read."""
    process_id = europarl_process_id(procedure_reference)
    if not process_id:
        raise http.SourceError(
            _("%(reference)s is no EU procedure number.") % {"reference": procedure_reference}
        )
    answer = http.get_json(
        f"{settings.OFFICIAL_SOURCES['europarl']}procedures/{process_id}/events",
        {"format": "application/ld+json"},
        what=WHAT,
        accept="application/ld+json",
    )
    return parse_events(answer)


def parse_events(answer):
    """The ProcedureEvents of an answer of the events (or of the procedure) endpoint."""
    items = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise http.SourceError(_("%(what)s answered without a list of data.") % {"what": WHAT})
    activities = []
    for item in items:
        if not isinstance(item, dict):
            continue
        if "consists_of" in item:
            activities += item.get("consists_of") or []
        else:
            activities.append(item)
    found = []
    for activity in activities:
        if not isinstance(activity, dict):
            continue
        activity_type = str(activity.get("had_activity_type") or "").rsplit("/", 1)[-1]
        if not activity_type:
            continue
        day = activity.get("activity_date")
        if isinstance(day, dict):
            day = day.get("@value")  # JSON-LD's typed value
        found.append(
            ProcedureEvent(
                activity_id=str(activity.get("activity_id") or activity.get("id") or ""),
                activity_type=activity_type,
                date=http.iso_date(day),
                label=_label(activity.get("activity_label")),
                stage=_STAGES.get(activity_type),
            )
        )
    return found


def _label(value):
    """The activity's label in Dutch, else English, else any."""
    if isinstance(value, dict):
        return str(value.get("nl") or value.get("en") or next(iter(value.values()), ""))
    return str(value or "")
