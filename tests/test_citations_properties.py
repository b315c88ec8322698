"""Property-based tests of the citation parser: any text is refused cleanly or read, and what
the app prints reads back as the same paper. The worked examples are in test_citations.py."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiers.citations import (
    EERSTE_KAMER,
    TWEEDE_KAMER,
    Citation,
    CitationError,
    EUReference,
    LetterCitation,
    ProceedingsCitation,
    find_citations,
    find_references,
    format_citation,
    format_dossier_number,
    parse_citation,
    parse_reference,
)

EXAMPLES = 300
CHECKED = settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow])

# Arbitrary text, and text made of the pieces citations are made of, glued with and without
# spaces, so that the generator also reaches the parser's deeper branches.
CITATION_PIECES = [*"0123456789 -–/.,;:()\n", "Kamerstukken", "Kamerstuk", "II", "I", "nr."]
CITATION_PIECES += ["nr", "no.", "en", "32 317", "32317", "36 410", "2023/24", "2022–23"]
CITATION_PIECES += ["2023-2024", "1999/00", "2023/25", "VI", "XIII", "B", "C", "21 501-20"]
CITATION_PIECES += ["Handelingen", "Aanhangsel", "item", "Kamerbrief van", "brief", "maart"]
CITATION_PIECES += ["COM", "(2022)", "(COD)", "2022/0155", "ST", "INIT", "PbEU", "PB", "L"]
CITATION_PIECES += ["32024R1348", "2024/1348", "13.6.2022", "van", "12"]
TEXTS = (
    st.text(max_size=300)
    | st.lists(st.sampled_from(CITATION_PIECES), max_size=40).map(" ".join)
    | st.lists(st.sampled_from(CITATION_PIECES), max_size=40).map("".join)
)

ROMAN_NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
ROMAN_NUMERALS += ["XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXX"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# The sub-series of a series such as 21 501 (Raad Algemene Zaken 21 501-02, Europese Raad -20).
SUB_SERIES = [f"{number:02d}" for number in range(1, 40)]


def dossier_numbers(digits):
    return st.integers(10 ** (digits - 1), 10**digits - 1).map(str)


def session_years():
    return st.integers(1900, 2098).map(lambda start: f"{start}-{start + 1}")


def citations(digits=5):
    """Valid citations as the model stores them: numbers without leading zeros, a budget
    chapter in roman numerals, a numbered or lettered paper, with or without session year."""
    chapters = st.just("") | st.sampled_from(ROMAN_NUMERALS) | st.sampled_from(SUB_SERIES)
    return st.builds(
        Citation,
        chamber=st.sampled_from([TWEEDE_KAMER, EERSTE_KAMER]),
        dossier_number=dossier_numbers(digits),
        sub_number=st.integers(1, 99999).map(str) | st.text(LETTERS, min_size=1, max_size=2),
        session_year=st.just("") | session_years(),
        dossier_chapter=chapters,
        joint_dossier_numbers=st.lists(dossier_numbers(digits), max_size=2).map(tuple),
    ).filter(
        # A sub-series is printed on its own dossier number, never with joint ones.
        lambda citation: not (citation.dossier_chapter.isdigit() and citation.joint_dossier_numbers)
    )


@st.composite
def printed_forms(draw):
    """A citation and one of the ways documents print it ("Kamerstukken II, 2022–23, 32 317,
    nr. 790", "Kamerstuk 32 317, nr. 866", "32317-872", "35 913, B" ...)."""
    citation = draw(citations())
    numeral = {TWEEDE_KAMER: "II", EERSTE_KAMER: "I"}[citation.chamber]
    # Without the numeral a lettered paper is the Eerste Kamer's, a numbered one the Tweede's.
    implied_chamber = EERSTE_KAMER if citation.sub_number.isalpha() else TWEEDE_KAMER
    word = draw(st.sampled_from(["Kamerstukken", "Kamerstuk"]))
    prefixes = [f"{word} {numeral}"]
    if citation.chamber == implied_chamber:
        prefixes += [word, ""]
    parts = [prefix] if (prefix := draw(st.sampled_from(prefixes))) else []
    if citation.session_year:
        start, end = citation.session_year.split("-")
        forms = [f"{start}/{end[2:]}", f"{start}–{end[2:]}", f"{start}-{end}", f"{start}/{end}"]
        parts.append(draw(st.sampled_from(forms)))
    print_number = format_dossier_number if draw(st.booleans()) else str
    number = print_number(citation.dossier_number)
    if citation.dossier_chapter.isdigit():
        number += draw(st.sampled_from(["-", " -", "- "])) + citation.dossier_chapter
    elif citation.dossier_chapter:
        number += draw(st.sampled_from([" ", "-"])) + citation.dossier_chapter
    for joint in citation.joint_dossier_numbers:
        number += f" en {print_number(joint)}"
    text = draw(st.sampled_from([", ", " "])).join([*parts, number])
    if citation.sub_number.isalpha():
        text += f", {citation.sub_number}"
    else:
        forms = [f", nr. {citation.sub_number}", f" nr. {citation.sub_number}"]
        forms += [f", nr {citation.sub_number}"]
        if not citation.joint_dossier_numbers:
            forms.append(f"-{citation.sub_number}")
        text += draw(st.sampled_from(forms))
    return citation, text + draw(st.sampled_from(["", "."]))


@CHECKED
@given(text=TEXTS)
def test_parse_citation_refuses_anything_else_with_a_citation_error(text):
    try:
        citation = parse_citation(text)
    except CitationError as error:
        assert str(error)
    else:
        assert isinstance(citation, Citation)


@CHECKED
@given(text=TEXTS)
def test_find_citations_never_raises_and_reads_what_it_finds_as_parse_citation_does(text):
    for found in find_citations(text):
        assert found.text in text[found.start : found.end]
        assert parse_citation(found.text) == found.citation


@pytest.mark.parametrize("digits", [4, 5, 6])
@CHECKED
@given(data=st.data())
def test_canonical_form_round_trips_and_is_stable(digits, data):
    citation = data.draw(citations(digits))
    canonical = format_citation(citation)
    assert parse_citation(canonical) == citation
    assert format_citation(parse_citation(canonical)) == canonical


@CHECKED
@given(citation=citations().filter(lambda citation: citation.sub_number.isdigit()))
def test_a_citation_without_its_number_is_refused(citation):
    """'Kamerstukken II 2023/24, 32 317, nr.' names a dossier, not a paper."""
    cut_short = format_citation(citation).removesuffix(citation.sub_number)
    with pytest.raises(CitationError):
        parse_citation(cut_short)


@CHECKED
@given(printed=printed_forms())
def test_every_printed_form_reads_as_the_same_paper(printed):
    citation, text = printed
    assert parse_citation(text) == citation


def proceedings():
    return st.builds(
        ProceedingsCitation,
        chamber=st.sampled_from([TWEEDE_KAMER, EERSTE_KAMER]),
        session_year=session_years(),
        number=st.integers(1, 9999).map(str),
        item=st.just("") | st.integers(1, 999).map(str),
        appendix=st.booleans(),
    )


def eu_references():
    years = st.integers(1990, 2099)
    return st.one_of(
        st.builds(lambda y, n: f"COM({y}) {n}", years, st.integers(1, 9999)),
        st.builds(
            lambda y, n, t: f"{y}/{n:04d}({t})",
            years,
            st.integers(1, 9999),
            st.sampled_from(["COD", "NLE", "CNS", "APP"]),
        ),
        st.builds(lambda n, y: f"ST {n}/{y:02d}", st.integers(1000, 99999), st.integers(0, 99)),
        st.builds(
            lambda s, y, t, n: f"{s}{y}{t}{n:04d}",
            st.integers(1, 9),
            years,
            st.sampled_from(["R", "L", "D", "DC", "PC", "H"]),
            st.integers(0, 9999),
        ),
        st.builds(
            lambda s, y, n: f"PbEU {s} {y}/{n}",
            st.sampled_from("LC"),
            st.integers(2020, 2099),
            st.integers(1, 99999),
        ),
        st.builds(
            lambda y, s, n: f"PbEU {y}, {s} {n}", years, st.sampled_from("LC"), st.integers(1, 9999)
        ),
    ).map(parse_reference)


@CHECKED
@given(
    reference=proceedings()
    | eu_references()
    | st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)).map(LetterCitation)
)
def test_every_other_kind_round_trips_through_its_canonical_form(reference):
    canonical = str(reference)
    assert parse_reference(canonical) == reference
    assert str(parse_reference(canonical)) == canonical


@CHECKED
@given(reference=eu_references())
def test_eu_references_keep_their_kind(reference):
    assert isinstance(reference, EUReference)


@CHECKED
@given(text=TEXTS)
def test_find_references_never_raises_and_reads_what_it_finds_as_parse_reference_does(text):
    found = find_references(text)
    assert [item.start for item in found] == sorted(item.start for item in found)
    for item in found:
        assert parse_reference(item.text) == item.citation


@CHECKED
@given(text=TEXTS)
def test_parse_reference_refuses_anything_else_with_a_citation_error(text):
    try:
        parse_reference(text)
    except CitationError as error:
        assert str(error)
