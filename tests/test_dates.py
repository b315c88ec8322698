import datetime

import pytest
from django.utils import translation

from dossiers.dates import (
    Precision,
    format_period,
    is_period_start,
    period_end,
    period_start,
    quarter_bounds,
)

d = datetime.date


@pytest.mark.parametrize(
    ("precision", "start", "end"),
    [
        (Precision.DAY, d(2024, 2, 17), d(2024, 2, 17)),
        (Precision.MONTH, d(2024, 2, 1), d(2024, 2, 29)),
        (Precision.QUARTER, d(2024, 1, 1), d(2024, 3, 31)),
        (Precision.HALF_YEAR, d(2024, 1, 1), d(2024, 6, 30)),
        (Precision.YEAR, d(2024, 1, 1), d(2024, 12, 31)),
    ],
)
def test_period_of_a_day(precision, start, end):
    assert period_start(d(2024, 2, 17), precision) == start
    assert period_end(d(2024, 2, 17), precision) == end


def test_is_period_start():
    assert is_period_start(d(2024, 7, 1), Precision.HALF_YEAR)
    assert not is_period_start(d(2024, 7, 2), Precision.MONTH)


def test_format_period_in_dutch():
    with translation.override("nl"):
        assert format_period(d(2024, 3, 4), Precision.DAY) == "4 maart 2024"
        assert format_period(d(2024, 2, 1), Precision.MONTH) == "februari 2024"
    assert format_period(d(2024, 10, 1), Precision.QUARTER) == "Q4 2024"
    assert format_period(d(2025, 1, 1), Precision.HALF_YEAR) == "H1 2025"
    assert format_period(d(2018, 1, 1), Precision.YEAR) == "2018"


def test_quarter_bounds():
    assert quarter_bounds(2023, 4) == (d(2023, 10, 1), d(2023, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds(2023, 5)
