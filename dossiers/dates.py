"""Dates with a precision.

Council documents date milestones loosely ("begin februari", "voorjaar 2025", "eind 2024"). A
milestone is kept as the first day of its period plus the period's precision, so it sorts with
exact dates and prints as what the document said it knew. Pure functions on python-dateutil.
"""

import datetime
import re

from dateutil import parser
from dateutil.parser import parserinfo
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
        year, quarter = quarter_of(day)
        return f"Q{quarter} {year}"
    if precision == Precision.HALF_YEAR:
        return f"H{1 if day.month <= 6 else 2} {day.year}"
    return str(day.year)


def quarter_of(day):
    """(year, quarter 1-4) of `day`."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year, quarter):
    """First and last day of quarter 1-4 of `year`."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter!r}")
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    return start, period_end(start, Precision.QUARTER)


# Dutch date phrases ------------------------------------------------------------------------
#
# What a phrase means, as the first day of its period and the period's precision. The
# precision is the smallest period that contains everything the phrase allows
# (fixtures/README.md): "begin februari" is a month; "eind 2024" and "begin 2025" are the fourth
# and first quarter; "medio 2024" straddles both halves, so it is the year; "voorjaar" and
# "najaar" are half years (H1, H2), because spring runs from March into June and autumn from
# September into December, across quarter boundaries; "zomer" is Q3 and "winter" Q1 of its year.
# A deadline ("vóór de Europese verkiezingen in juni", "vóór juni") is the smallest period that
# contains the months from the document's date up to the deadline; "vóór het kerstreces" is
# December and "vóór het zomerreces" July, the months in which those recesses begin.
#
# A phrase without a year is resolved against `reference`, the date of the document: "jl."
# (jongstleden) is the most recent such day or month on or before it, "a.s." (aanstaande) and
# a bare "in juni" or "begin februari" the next one on or after it. With `past=True` (the
# sentence reports something that happened) a bare phrase is the nearest one instead: a report
# dated at its Council that says "op 7 maart" means the days after the Council, and "vóór het
# kerstreces" in February the December before. Without a reference, only phrases that carry
# their own year are dated.


class DutchParserInfo(parserinfo):
    """Dutch month and weekday names (and the usual abbreviations) for dateutil's parser."""

    JUMP = [" ", ".", ",", ";", "-", "/", "'", "op", "en", "van", "de"]
    WEEKDAYS = [
        ("ma", "maandag"),
        ("di", "dinsdag"),
        ("wo", "woensdag"),
        ("do", "donderdag"),
        ("vr", "vrijdag"),
        ("za", "zaterdag"),
        ("zo", "zondag"),
    ]
    MONTHS = [
        ("jan", "januari"),
        ("feb", "febr", "februari"),
        ("mrt", "maart"),
        ("apr", "april"),
        ("mei",),
        ("jun", "juni"),
        ("jul", "juli"),
        ("aug", "augustus"),
        ("sep", "sept", "september"),
        ("okt", "oktober"),
        ("nov", "november"),
        ("dec", "december"),
    ]
    HMS = [("u", "uur"), ("m", "min", "minuut", "minuten"), ("s", "sec", "seconde", "seconden")]
    PERTAIN = ["van"]

    def __init__(self):
        super().__init__(dayfirst=True)


# The Dutch month names in full, January first: the last name of each of the parser's months.
MONTH_NAMES = tuple(names[-1] for names in DutchParserInfo.MONTHS)


DUTCH = DutchParserInfo()

_PRECISION_ORDER = (
    Precision.DAY,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.HALF_YEAR,
    Precision.YEAR,
)

_ANY_MONTH = "|".join(
    sorted((name for names in DutchParserInfo.MONTHS for name in names), key=len, reverse=True)
)
_FULL_MONTH = "|".join(names[-1] for names in DutchParserInfo.MONTHS)
# A year, possibly with a footnote marker glued to it as the PDF prints it ("juni 20225").
_YEAR = r"(?P<year>\d{4})\d{0,2}(?!\d)"
_RELATIVE_YEAR = r"(?P<rel>dit|volgend|vorig|komend|afgelopen)\s+jaar(?![^\W\d_])"
_END = r"(?![^\W\d_])"
_DIRECTION = r"(?P<dir>jl\.?|j\.l\.|a\.s\.?|aanstaande)"
_ORDINAL = {
    "eerste": 1,
    "1e": 1,
    "1ste": 1,
    "tweede": 2,
    "2e": 2,
    "2de": 2,
    "derde": 3,
    "3e": 3,
    "3de": 3,
    "vierde": 4,
    "4e": 4,
    "4de": 4,
    "laatste": 4,
}
_ORDINALS = "|".join(sorted(_ORDINAL, key=len, reverse=True))
_YEAR_OR_RELATIVE = rf"(?:{_YEAR}|{_RELATIVE_YEAR})"

_PATTERNS = {
    # 15-01-2024, 15/1/2024
    "numeric": r"(?<![\w/.,-])(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4})(?![\w/-])",
    # 20 december 2023, 4 en 5 maart 2024, 19-20 oktober jl., 25, 26 en 27 januari
    "day": rf"(?<![\w.,/-])(?P<day>\d{{1,2}})"
    rf"(?:(?:\s*[-–]\s*|\s*,\s*|\s+(?:en|tot\s+en\s+met|t/m|tot)\s+)\d{{1,2}})*"
    rf"\s+(?P<month>{_ANY_MONTH})\.?{_END}"
    rf"(?:\s+{_YEAR}|\s+{_DIRECTION}|\s+{_RELATIVE_YEAR})?",
    # begin februari, in juni, december jl., maart 2022, juni dit jaar
    "month": rf"(?<![\w-])(?:(?P<prep>in|vanaf|per|sinds|tot|van|vóór|voor|na|uiterlijk|rond)\s+)?"
    rf"(?:(?P<mod>begin|eind|einde|medio|half|midden|halverwege)\s+)?"
    rf"(?P<month>{_FULL_MONTH}){_END}"
    rf"(?:\s+{_YEAR}|\s+{_DIRECTION}|\s+{_RELATIVE_YEAR})?",
    # voorjaar 2025, in het voorjaar van 2024, dit najaar
    "season": rf"(?<![\w-])(?:(?P<det>dit|deze|komend|komende|afgelopen|vorig|vorige|in\s+het|"
    rf"in\s+de|het|de)\s+)?(?P<season>voorjaar|najaar|zomer|winter|lente|herfst){_END}"
    rf"(?:\s+(?:van\s+)?{_YEAR_OR_RELATIVE})?",
    # eind 2024, begin volgend jaar, medio 2024
    "part": rf"(?<![\w-])(?P<mod>begin|eind|einde|medio|halverwege|midden)\s+(?:van\s+)?"
    rf"{_YEAR_OR_RELATIVE}",
    # het eerste kwartaal van 2024, Q1 2024
    "quarter": rf"(?<![\w-])(?:het\s+)?(?P<ordinal>{_ORDINALS})\s+kwartaal{_END}"
    rf"(?:\s+(?:van\s+)?{_YEAR_OR_RELATIVE})?",
    "q": r"(?<![\w-])[QK](?P<number>[1-4])(?:\s*[-/]?\s*|\s+van\s+)(?P<year>\d{4})(?!\d)",
    # de eerste helft van 2024, H2 2024
    "half": rf"(?<![\w-])(?:de\s+|het\s+)?(?P<ordinal>eerste|tweede|1e|2e)\s+"
    rf"(?:helft|jaarhelft|halfjaar|half\s+jaar){_END}(?!\s+van\s+(?:{_FULL_MONTH}))"
    rf"(?:\s+(?:van\s+)?{_YEAR_OR_RELATIVE})?",
    "h": r"(?<![\w-])H(?P<number>[12])(?:\s*[-/]?\s*)(?P<year>\d{4})(?!\d)",
    # dit jaar, volgend jaar, later dit jaar
    "relative_year": rf"(?<![\w-])(?:(?P<later>later|eerder)\s+)?{_RELATIVE_YEAR}",
    # deze maand, volgende maand
    "relative_month": r"(?<![\w-])(?P<which>deze|volgende|komende|vorige|afgelopen)\s+maand" + _END,
    # in 2018, uit 2021, sinds 2015 (a bare year is too often a number to read without a word)
    "year": r"(?<![\w-])(?P<prep>in|uit|sinds|vanaf|per|tot|na|van|rond)\s+(?:het\s+jaar\s+)?"
    r"(?P<year>(?:19|20)\d\d)(?![\w])(?!\s*[-–/]\s*\d)",
    # vóór het kerstreces
    "recess": r"(?<![\w-])(?:vóór|voor|rond)\s+het\s+(?P<recess>kerstreces|zomerreces)" + _END,
    # vóór de Europese verkiezingen in juni, vóór de zomer van 2024
    "deadline": rf"(?<![\w-])(?:vóór|voor)\s+(?:de|het)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:verkiezingen|Europese\s+Raad|JBZ-Raad|Raad|top|zitting|vergadering)\s+"
    rf"(?:van|in)\s+(?P<month>{_FULL_MONTH}){_END}(?:\s+{_YEAR})?",
}
_COMPILED = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _PATTERNS.items()}
# Two phrases joined so that the first takes the second's year ("eind maart of begin april
# 2024"); with "of", "tot" or a dash they are one period.
_JOINED = re.compile(r"\s*(?:(?P<span>of|tot(?:\s+en\s+met)?|t/m|[-–])|en)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\btussen\s+$", re.IGNORECASE)  # "tussen januari en maart 2024"
_SEASON = {
    "voorjaar": (1, Precision.HALF_YEAR),
    "lente": (1, Precision.HALF_YEAR),
    "najaar": (7, Precision.HALF_YEAR),
    "herfst": (7, Precision.HALF_YEAR),
    "zomer": (7, Precision.QUARTER),
    "winter": (1, Precision.QUARTER),
}
_RECESS_MONTH = {"kerstreces": 12, "zomerreces": 7}
_YEAR_PART = {
    "begin": (1, Precision.QUARTER),
    "eind": (10, Precision.QUARTER),
    "einde": (10, Precision.QUARTER),
    "medio": (1, Precision.YEAR),
    "halverwege": (1, Precision.YEAR),
    "midden": (1, Precision.YEAR),
}
_YEAR_OFFSET = {"dit": 0, "volgend": 1, "komend": 1, "vorig": -1, "afgelopen": -1}
_MONTH_OFFSET = {"deze": 0, "volgende": 1, "komende": 1, "vorige": -1, "afgelopen": -1}


def parse_date_phrase(phrase, reference=None, *, past=False):
    """(first day, Precision) of the first date phrase in `phrase`, or None.

    "op 20 december jl." with reference 15 January 2024 is (2023-12-20, DAY); "voorjaar 2025"
    is (2025-01-01, HALF_YEAR). See the notes above for the conventions.
    """
    for _text, _start, _end, day, precision in find_date_phrases(phrase, reference, past=past):
        return day, precision
    return None


def find_date_phrases(text, reference=None, *, past=False):
    """Every date phrase in `text`: (match text, start, end, first day, Precision).

    Phrases that cannot be dated (no year and no reference, an impossible day) are left out.
    Never raises on any text.
    """
    found = []
    for kind, pattern in _COMPILED.items():
        for match in pattern.finditer(text):
            found.append((match.start(), -match.end(), kind, match))
    found.sort(key=lambda item: item[:2])
    phrases, covered = [], -1
    for start, _negative_end, kind, match in found:
        if start >= covered:
            phrases.append([kind, match, dict(match.groupdict())])
            covered = match.end()
    for index in range(len(phrases) - 1):
        _inherit_year(text, phrases[index], phrases[index + 1])
    index = 0
    while index < len(phrases):
        kind, match, fields = phrases[index]
        period = _resolve(kind, fields, reference, past)
        start, end = match.start(), match.end()
        joined = index + 1 < len(phrases) and _spans_to(text, match, phrases[index + 1][1])
        if joined:
            next_kind, next_match, next_fields = phrases[index + 1]
            following = _resolve(next_kind, next_fields, reference, past)
            period = _covering(period, following)
            end = next_match.end()
            index += 1
        index += 1
        if period is not None:
            yield text[start:end], start, end, period[0], period[1]


def _inherit_year(text, first, second):
    """'eind maart of begin april 2024', 'april en juni aanstaande': the first takes the year."""
    (kind, match, fields), (_next_kind, next_match, next_fields) = first, second
    if not _JOINED.fullmatch(text, match.end(), next_match.start()):
        return
    if any(fields.get(key) for key in ("year", "dir", "rel")):
        return
    for key in ("year", "dir", "rel"):
        if next_fields.get(key) and key in _COMPILED[kind].groupindex:
            fields[key] = next_fields[key]


def _spans_to(text, match, next_match):
    joined = _JOINED.fullmatch(text, match.end(), next_match.start())
    if not joined:
        return False
    return bool(joined.group("span")) or bool(_BETWEEN.search(text, 0, match.start()))


def _covering(first, second):
    """The smallest period that contains both periods, or None."""
    if first is None or second is None:
        return None
    (start, start_precision), (other, other_precision) = sorted([first, second])
    last = max(period_end(start, start_precision), period_end(other, other_precision))
    for precision in _PRECISION_ORDER:
        if period_start(start, precision) == period_start(last, precision):
            return period_start(start, precision), precision
    return None


def _resolve(kind, fields, reference, past):
    try:
        return _RESOLVERS[kind](fields, reference, past)
    except (ValueError, OverflowError, TypeError, KeyError, IndexError):
        return None


def _year(fields, reference):
    """The year the phrase states ("2024", "volgend jaar"), or None."""
    if fields.get("year"):
        return int(fields["year"])
    if fields.get("rel") and reference is not None:
        offset = _YEAR_OFFSET[fields["rel"].lower()]
        return (reference + relativedelta(years=offset)).year
    return None


def _in_year(year, month, precision):
    day = datetime.date(year, month, 1)
    return period_start(day, precision), precision


def _choose(candidates, reference, past, direction):
    """One of the periods (first day, precision) around the reference, as the phrase means it."""
    if reference is None:
        return None
    if direction in ("jl.", "jl", "j.l."):
        earlier = [period for period in candidates if period[0] <= reference]
        return max(earlier) if earlier else None
    if past and not direction:
        return min(candidates, key=lambda period: (_distance(period, reference), period[0]))
    later = [period for period in candidates if period_end(*period) >= reference]
    return min(later) if later else None


def _distance(period, reference):
    start, end = period[0], period_end(*period)
    if start <= reference <= end:
        return 0
    return min(abs((start - reference).days), abs((end - reference).days))


def _around(reference, make):
    """make(year) for the years around the reference; years without such a day are skipped."""
    periods = []
    for offset in (-1, 0, 1):
        try:
            period = make((reference + relativedelta(years=offset)).year)
        except (ValueError, OverflowError):
            continue  # no such day that year (29 February), or beyond the calendar
        if period is not None:
            periods.append(period)
    return periods


def _direction(fields):
    value = (fields.get("dir") or "").lower()
    return value or None


def _resolve_numeric(fields, reference, past):
    day = parser.parse(
        f"{fields['day']}-{fields['month']}-{fields['year']}", parserinfo=DUTCH, dayfirst=True
    )
    return day.date(), Precision.DAY


def _resolve_day(fields, reference, past):
    number, month = int(fields["day"]), DUTCH.month(fields["month"].rstrip("."))
    year = _year(fields, reference)
    if year is not None:
        day = parser.parse(f"{number} {fields['month']} {year}", parserinfo=DUTCH)
        return day.date(), Precision.DAY

    def make(candidate_year):
        day = datetime.date(candidate_year, 1, 1) + relativedelta(month=month, day=number)
        return (day, Precision.DAY) if day.day == number else None

    if reference is None:
        return None
    return _choose(_around(reference, make), reference, past, _direction(fields))


def _resolve_month(fields, reference, past):
    month = DUTCH.month(fields["month"])
    prep = (fields.get("prep") or "").lower()
    if not any(fields.get(key) for key in ("prep", "mod", "year", "dir", "rel")):
        return None  # a bare month name is too often something else ("Mei", "Mars")
    year = _year(fields, reference)
    if year is not None:
        period = _in_year(year, month, Precision.MONTH)
    elif reference is None:
        return None
    else:
        period = _choose(
            _around(reference, lambda y: _in_year(y, month, Precision.MONTH)),
            reference,
            past,
            _direction(fields),
        )
    if period is not None and prep == "vóór":
        return _deadline(period, reference)
    return period


def _deadline(period, reference):
    """Before the month of `period`: the smallest period that holds the months from the
    reference's up to and including it; without a reference (or across a new year), the half
    year of the deadline."""
    if reference is not None:
        covering = _covering((reference.replace(day=1), Precision.MONTH), period)
        if covering is not None:
            return covering
    return period_start(period[0], Precision.HALF_YEAR), Precision.HALF_YEAR


def _resolve_deadline(fields, reference, past):
    month = DUTCH.month(fields["month"])
    year = _year(fields, reference)
    if year is not None:
        period = _in_year(year, month, Precision.MONTH)
    elif reference is None:
        return None
    else:
        candidates = _around(reference, lambda y: _in_year(y, month, Precision.MONTH))
        period = _choose(candidates, reference, False, None)
    return None if period is None else _deadline(period, reference)


def _resolve_season(fields, reference, past):
    month, precision = _SEASON[fields["season"].lower()]
    determiner = " ".join((fields.get("det") or "").lower().split())
    if not (determiner or fields.get("year") or fields.get("rel")):
        return None
    year = _year(fields, reference)
    if year is not None:
        return _in_year(year, month, precision)
    if reference is None:
        return None
    if determiner in ("dit", "deze"):
        return _in_year(reference.year, month, precision)
    candidates = _around(reference, lambda y: _in_year(y, month, precision))
    if determiner in ("afgelopen", "vorig", "vorige"):
        earlier = [period for period in candidates if period_end(*period) < reference]
        return max(earlier) if earlier else None
    return _choose(candidates, reference, past, None)


def _resolve_part(fields, reference, past):
    month, precision = _YEAR_PART[fields["mod"].lower()]
    year = _year(fields, reference)
    return None if year is None else _in_year(year, month, precision)


def _resolve_quarter(fields, reference, past):
    quarter = _ORDINAL[fields["ordinal"].lower()]
    return _resolve_numbered(3 * (quarter - 1) + 1, Precision.QUARTER, fields, reference, past)


def _resolve_q(fields, reference, past):
    return _in_year(int(fields["year"]), 3 * (int(fields["number"]) - 1) + 1, Precision.QUARTER)


def _resolve_half(fields, reference, past):
    half = _ORDINAL[fields["ordinal"].lower()]
    return _resolve_numbered(6 * (half - 1) + 1, Precision.HALF_YEAR, fields, reference, past)


def _resolve_h(fields, reference, past):
    return _in_year(int(fields["year"]), 6 * (int(fields["number"]) - 1) + 1, Precision.HALF_YEAR)


def _resolve_numbered(month, precision, fields, reference, past):
    year = _year(fields, reference)
    if year is not None:
        return _in_year(year, month, precision)
    if reference is None:
        return None
    return _choose(
        _around(reference, lambda y: _in_year(y, month, precision)), reference, past, None
    )


def _resolve_relative_year(fields, reference, past):
    year = _year(fields, reference)
    return None if year is None else _in_year(year, 1, Precision.YEAR)


def _resolve_relative_month(fields, reference, past):
    if reference is None:
        return None
    day = reference + relativedelta(months=_MONTH_OFFSET[fields["which"].lower()], day=1)
    return day, Precision.MONTH


def _resolve_year(fields, reference, past):
    return _in_year(int(fields["year"]), 1, Precision.YEAR)


def _resolve_recess(fields, reference, past):
    month = _RECESS_MONTH[fields["recess"].lower()]
    return _choose(
        _around(reference, lambda y: _in_year(y, month, Precision.MONTH)) if reference else [],
        reference,
        past,
        None,
    )


_RESOLVERS = {
    "numeric": _resolve_numeric,
    "day": _resolve_day,
    "month": _resolve_month,
    "season": _resolve_season,
    "part": _resolve_part,
    "quarter": _resolve_quarter,
    "q": _resolve_q,
    "half": _resolve_half,
    "h": _resolve_h,
    "relative_year": _resolve_relative_year,
    "relative_month": _resolve_relative_month,
    "year": _resolve_year,
    "recess": _resolve_recess,
    "deadline": _resolve_deadline,
}
