"""Dates with a precision.

Council documents date milestones loosely ("begin februari", "voorjaar 2025", "eind 2024"). A
milestone is kept as the first day of its period plus the period's precision, so it sorts with
exact dates and prints as what the document said it knew. Pure functions on python-dateutil.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import TextChoices
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Precision(TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    HALF_YEAR = "half_year", _("half year")
    YEAR = "year", _("year")


PERIOD_LENGTH = {
    Precision.DAY: relativedelta(days=1),
    Precision.MONTH: relativedelta(months=1),
    Precision.QUARTER: relativedelta(months=3),
    Precision.HALF_YEAR: relativedelta(months=6),
    Precision.YEAR: relativedelta(years=1),
}


def period_start(day, precision):
    """The first day of the period of `precision` that contains `day`."""
    precision = Precision(precision)
    if precision == Precision.DAY:
        return day
    if precision == Precision.MONTH:
        return day.replace(day=1)
    if precision == Precision.QUARTER:
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if precision == Precision.HALF_YEAR:
        return datetime.date(day.year, 1 if day.month <= 6 else 7, 1)
    return datetime.date(day.year, 1, 1)


def period_end(day, precision):
    """The last day of the period of `precision` that contains `day`."""
    precision = Precision(precision)
    return period_start(day, precision) + PERIOD_LENGTH[precision] - relativedelta(days=1)


def is_period_start(day, precision):
    return period_start(day, precision) == day


def format_period(day, precision):
    """'4 maart 2024', 'maart 2024', 'Q1 2024', 'H2 2024' or '2024', in the active language."""
    precision = Precision(precision)
    if precision == Precision.DAY:
        return date_format(day, "j F Y")
    if precision == Precision.MONTH:
        return date_format(day, "F Y")
    if precision == Precision.QUARTER:
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if precision == Precision.HALF_YEAR:
        return f"H{1 if day.month <= 6 else 2} {day.year}"
    return str(day.year)


def quarter_bounds(year, quarter):
    """First and last day of quarter 1-4 of `year`."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter!r}")
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    return start, period_end(start, Precision.QUARTER)
