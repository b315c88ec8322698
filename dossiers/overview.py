"""The quarterly overview (kwartaaloverzicht EU-wetsvoorstellen op JBZ-terrein).

For a quarter: every legislative dossier still open when it began, with its stage at the start
and at the end of the quarter and the stage events dated inside it, in two queries whatever the
number of dossiers (the page asks a third: the date of the newest data, to say when a quarter
lies after it).
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

import tablib
from django.db.models import Prefetch, Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .dates import quarter_bounds, quarter_of
from .models import Dossier, ParliamentaryDocument, Stage, StageEvent
from .models.stage import merge_restatements

# A dossier whose stage was one of these when the quarter began is no longer followed.
CLOSED_STAGES = (
    Stage.PUBLICATION,
    Stage.ENTRY_INTO_FORCE,
    Stage.APPLICATION,
    Stage.WITHDRAWN,
)


@dataclass
class QuarterlyOverview:
    year: int
    quarter: int
    start: datetime.date
    end: datetime.date
    dossiers: list

    @cached_property
    def newest_data(self):
        """The newest day the tracker has data of (a query, made only by the page, which says
        so when this quarter lies after it)."""
        return ParliamentaryDocument.objects.newest_date()

    @property
    def is_after_the_data(self):
        return self.newest_data is not None and self.newest_data < self.start

    @property
    def quarter_of_newest_data(self):
        """(year, quarter) of the newest data, for the link to it."""
        return quarter_of(self.newest_data)

    @property
    def title(self):
        return _("Quarterly overview of EU legislative proposals, Q%(quarter)s %(year)s") % {
            "quarter": self.quarter,
            "year": self.year,
        }

    @property
    def previous(self):
        return (self.year, self.quarter - 1) if self.quarter > 1 else (self.year - 1, 4)

    @property
    def next(self):
        return (self.year, self.quarter + 1) if self.quarter < 4 else (self.year + 1, 1)

    def as_dataset(self):
        """The overview as a tablib Dataset, for the XLSX download."""
        dataset = tablib.Dataset(
            headers=[
                capfirst(header)
                for header in [
                    _("dossier"),
                    _("short name"),
                    _("policy area"),
                    _("package"),
                    _("Commission reference"),
                    _("procedure reference"),
                    _("stage at the start of the quarter"),
                    _("stage at the end of the quarter"),
                    _("changes in the quarter"),
                ]
            ],
            title=f"Q{self.quarter} {self.year}",
        )
        for dossier in self.dossiers:
            dataset.append(
                [
                    dossier.title,
                    dossier.short_name,
                    dossier.get_policy_area_display(),
                    dossier.parent.title if dossier.parent else "",
                    dossier.commission_reference,
                    dossier.procedure_reference,
                    _stage_label(dossier.stage_at_start),
                    _stage_label(dossier.stage_at_end),
                    "\n".join(_change_line(event) for event in dossier.quarter_events),
                ]
            )
        return dataset


def _change_line(event):
    """ "9 december 2023: Voorlopig (politiek) akkoord", "(verwacht)" after a foreseen one."""
    line = f"{event.date_display}: {event.get_stage_display()}"
    return f"{line} ({_('expected')})" if event.is_expected else line


def _stage_label(value):
    return str(Stage(value).label) if value is not None else ""


def quarterly_overview(year, quarter):
    start, end = quarter_bounds(year, quarter)
    events_in_quarter = (
        StageEvent.objects.filter(date__range=(start, end))
        .select_related("source_document")
        .chronological()
    )
    dossiers = (
        Dossier.objects.legislative()
        .with_stage_on(start - datetime.timedelta(days=1), name="stage_at_start")
        .with_stage_on(end, name="stage_at_end")
        .filter(stage_at_end__isnull=False)
        .filter(Q(stage_at_start__isnull=True) | ~Q(stage_at_start__in=CLOSED_STAGES))
        .select_related("parent")
        .prefetch_related(Prefetch("stage_events", events_in_quarter, to_attr="quarter_events"))
        .order_by("policy_area", "parent__title", "title")
    )
    dossiers = list(dossiers)
    for dossier in dossiers:
        # A step two documents state is one change, as on the timeline.
        dossier.quarter_events = merge_restatements(dossier.quarter_events)
    return QuarterlyOverview(year, quarter, start, end, dossiers)
