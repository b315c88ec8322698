"""Dutch date phrases as Council documents write them, resolved against the document's date."""

import datetime

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiers.dates import (
    DUTCH,
    Precision,
    find_date_phrases,
    format_period,
    is_period_start,
    parse_date_phrase,
    period_start,
)

d = datetime.date
DAY, MONTH, QUARTER, HALF_YEAR, YEAR = (
    Precision.DAY,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.HALF_YEAR,
    Precision.YEAR,
)
LETTER_OF_15_JANUARY = d(2024, 1, 15)
LETTER_OF_2_FEBRUARY = d(2024, 2, 2)


@pytest.mark.parametrize(
    ("phrase", "reference", "expected"),
    [
        # jl. is the most recent such day on or before the document's date.
        ("op 20 december jl.", LETTER_OF_15_JANUARY, (d(2023, 12, 20), DAY)),
        ("op 23 januari jl.", LETTER_OF_2_FEBRUARY, (d(2024, 1, 23), DAY)),
        ("op 2 februari jl.", LETTER_OF_2_FEBRUARY, (d(2024, 2, 2), DAY)),
        ("in december jl.", d(2024, 3, 4), (d(2023, 12, 1), MONTH)),
        ("20 december 2023", None, (d(2023, 12, 20), DAY)),
        ("4 en 5 maart 2024", None, (d(2024, 3, 4), DAY)),
        ("25, 26 en 27 januari 2023", None, (d(2023, 1, 25), DAY)),
        ("19 -20 oktober 2023", None, (d(2023, 10, 19), DAY)),
        ("4 mrt. 2024", None, (d(2024, 3, 4), DAY)),
        ("15-01-2024", None, (d(2024, 1, 15), DAY)),
        # A footnote marker printed against the year: "juni 2022" and footnote 5.
        ("van 9 en 10 juni 20225", None, (d(2022, 6, 9), DAY)),
        # A month without a year: the next one on or after the document's month.
        ("begin februari", LETTER_OF_15_JANUARY, (d(2024, 2, 1), MONTH)),
        ("begin januari", LETTER_OF_15_JANUARY, (d(2024, 1, 1), MONTH)),
        ("eind december", LETTER_OF_15_JANUARY, (d(2024, 12, 1), MONTH)),
        ("in juni", LETTER_OF_2_FEBRUARY, (d(2024, 6, 1), MONTH)),
        ("in juni", d(2024, 9, 1), (d(2025, 6, 1), MONTH)),
        ("juni a.s.", d(2024, 3, 4), (d(2024, 6, 1), MONTH)),
        ("in juni dit jaar", d(2024, 3, 4), (d(2024, 6, 1), MONTH)),
        ("maart 2022", None, (d(2022, 3, 1), MONTH)),
        ("eind 2024", LETTER_OF_2_FEBRUARY, (d(2024, 10, 1), QUARTER)),
        ("begin 2025", LETTER_OF_2_FEBRUARY, (d(2025, 1, 1), QUARTER)),
        ("medio 2024", LETTER_OF_2_FEBRUARY, (d(2024, 1, 1), YEAR)),
        ("eind dit jaar", LETTER_OF_2_FEBRUARY, (d(2024, 10, 1), QUARTER)),
        ("begin volgend jaar", LETTER_OF_2_FEBRUARY, (d(2025, 1, 1), QUARTER)),
        ("voorjaar 2025", LETTER_OF_2_FEBRUARY, (d(2025, 1, 1), HALF_YEAR)),
        ("in het voorjaar van 2024", None, (d(2024, 1, 1), HALF_YEAR)),
        ("najaar 2024", LETTER_OF_2_FEBRUARY, (d(2024, 7, 1), HALF_YEAR)),
        ("dit najaar", d(2024, 3, 4), (d(2024, 7, 1), HALF_YEAR)),
        ("afgelopen najaar", d(2024, 3, 4), (d(2023, 7, 1), HALF_YEAR)),
        ("zomer 2024", None, (d(2024, 7, 1), QUARTER)),
        ("het eerste kwartaal van 2024", None, (d(2024, 1, 1), QUARTER)),
        ("het vierde kwartaal", d(2024, 3, 4), (d(2024, 10, 1), QUARTER)),
        ("Q1 2024", None, (d(2024, 1, 1), QUARTER)),
        ("Q4-2023", None, (d(2023, 10, 1), QUARTER)),
        ("de eerste helft van 2024", None, (d(2024, 1, 1), HALF_YEAR)),
        ("de tweede helft van volgend jaar", LETTER_OF_2_FEBRUARY, (d(2025, 7, 1), HALF_YEAR)),
        ("H2 2024", None, (d(2024, 7, 1), HALF_YEAR)),
        # A deadline: the months from the document's date up to it.
        ("vóór de Europese verkiezingen in juni", LETTER_OF_2_FEBRUARY, (d(2024, 1, 1), HALF_YEAR)),
        ("voor de Europese verkiezingen van juni 2024", None, (d(2024, 1, 1), HALF_YEAR)),
        ("vóór juni", LETTER_OF_2_FEBRUARY, (d(2024, 1, 1), HALF_YEAR)),
        ("vóór november", d(2024, 10, 7), (d(2024, 10, 1), QUARTER)),
        ("vóór het kerstreces", LETTER_OF_2_FEBRUARY, (d(2024, 12, 1), MONTH)),
        ("vóór het kerstreces", d(2023, 11, 10), (d(2023, 12, 1), MONTH)),
        ("dit jaar", LETTER_OF_2_FEBRUARY, (d(2024, 1, 1), YEAR)),
        ("volgend jaar", LETTER_OF_2_FEBRUARY, (d(2025, 1, 1), YEAR)),
        ("later dit jaar", LETTER_OF_2_FEBRUARY, (d(2024, 1, 1), YEAR)),
        ("deze maand", d(2023, 10, 19), (d(2023, 10, 1), MONTH)),
        ("volgende maand", d(2023, 12, 19), (d(2024, 1, 1), MONTH)),
        ("in 2018", LETTER_OF_2_FEBRUARY, (d(2018, 1, 1), YEAR)),
        ("de verklaring uit 2021", None, (d(2021, 1, 1), YEAR)),
        # Two phrases that make one period.
        ("eind maart of begin april 2024", LETTER_OF_15_JANUARY, (d(2024, 1, 1), HALF_YEAR)),
        ("tussen januari en maart 2024", None, (d(2024, 1, 1), QUARTER)),
    ],
)
def test_parse_date_phrase(phrase, reference, expected):
    assert parse_date_phrase(phrase, reference) == expected
    day, precision = expected
    assert is_period_start(day, precision)


@pytest.mark.parametrize(
    ("phrase", "reference", "past", "expected"),
    [
        # A report dated at its Council that says what happened "op 7 maart".
        ("op 7 maart", d(2024, 3, 4), True, (d(2024, 3, 7), DAY)),
        # What was reached "vóór het kerstreces", in a letter of February: the December before.
        ("vóór het kerstreces", LETTER_OF_2_FEBRUARY, True, (d(2023, 12, 1), MONTH)),
        ("vóór het kerstreces", LETTER_OF_2_FEBRUARY, False, (d(2024, 12, 1), MONTH)),
        ("op 20 december", LETTER_OF_15_JANUARY, True, (d(2023, 12, 20), DAY)),
        ("op 20 december", LETTER_OF_15_JANUARY, False, (d(2024, 12, 20), DAY)),
        # jl. and a year say it themselves.
        ("op 20 december jl.", LETTER_OF_15_JANUARY, False, (d(2023, 12, 20), DAY)),
        ("in juni 2023", LETTER_OF_15_JANUARY, False, (d(2023, 6, 1), MONTH)),
    ],
)
def test_past_reads_a_bare_phrase_as_the_nearest(phrase, reference, past, expected):
    assert parse_date_phrase(phrase, reference, past=past) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "op korte termijn",
        "Kamerstukken II, 2022–23, 32 317, nr. 790",
        "32 317-801",
        "380.000 in 2023 en 1.1 miljoen",  # a year with a word: "in 2023" is the only phrase
        "Mei en Juni",
        "Q5 2024",
        "31 februari 2024",
        "op 29 februari 2023",
        "de eerste helft van maart",
    ],
)
def test_what_is_not_a_date(phrase):
    found = [(text, day) for text, _start, _end, day, _precision in find_date_phrases(phrase)]
    assert found in ([], [("in 2023", d(2023, 1, 1))])


def test_relative_phrases_need_a_reference():
    assert parse_date_phrase("op 20 december jl.") is None
    assert parse_date_phrase("begin februari") is None
    assert parse_date_phrase("dit najaar") is None
    assert parse_date_phrase("20 december 2023") == (d(2023, 12, 20), DAY)


def test_a_29th_of_february_without_a_year_is_the_next_leap_day():
    assert parse_date_phrase("op 29 februari", d(2023, 3, 1)) == (d(2024, 2, 29), DAY)


def test_every_phrase_in_a_sentence_with_its_place():
    sentence = (
        "Naar verwachting zal de definitieve tekst eind maart of begin april 2024 worden "
        "vastgesteld, nadat op 9 december 2023 een politiek akkoord werd bereikt; de lidstaten "
        "spreken er in april en juni aanstaande verder over."
    )
    found = list(find_date_phrases(sentence, LETTER_OF_15_JANUARY))
    assert [(text, day, precision) for text, _s, _e, day, precision in found] == [
        ("eind maart of begin april 2024", d(2024, 1, 1), HALF_YEAR),
        ("9 december 2023", d(2023, 12, 9), DAY),
        ("in april", d(2024, 4, 1), MONTH),
        ("juni aanstaande", d(2024, 6, 1), MONTH),
    ]
    for text, start, end, _day, _precision in found:
        assert sentence[start:end] == text


def test_parserinfo_reads_dutch_month_names():
    assert [DUTCH.month(name) for name in ("januari", "mrt", "mei", "okt", "December")] == [
        1,
        3,
        5,
        10,
        12,
    ]


# Arbitrary text, and text made of the pieces date phrases are made of.
DATE_PIECES = [*"0123456789 -–/.,;:()", "jl.", "a.s.", "maart", "juni", "dec", "eind", "begin"]
DATE_PIECES += ["vóór", "het", "kerstreces", "najaar", "Q", "H", "kwartaal", "helft", "van", "of"]
SENTENCES = st.text(max_size=200) | st.lists(st.sampled_from(DATE_PIECES), max_size=30).map(
    " ".join
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=SENTENCES, reference=st.none() | st.dates(), past=st.booleans())
def test_never_raises_on_any_text(text, reference, past):
    for found, start, end, day, precision in find_date_phrases(text, reference, past=past):
        assert text[start:end] == found
        assert precision in Precision.values
        assert is_period_start(day, precision)
    parse_date_phrase(text, reference, past=past)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    day=st.dates(min_value=d(1000, 1, 1)),
    precision=st.sampled_from([DAY, MONTH, QUARTER, HALF_YEAR]),
    reference=st.none() | st.dates(),
)
def test_format_period_round_trips(day, precision, reference):
    """What the app prints ("4 maart 2024", "maart 2024", "Q1 2024", "H2 2024") reads back."""
    start = period_start(day, precision)
    with translation.override("nl"):
        printed = format_period(start, precision)
    assert parse_date_phrase(printed, reference) == (start, precision)
