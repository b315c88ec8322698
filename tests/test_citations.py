import datetime

import pytest

from dossiers.citations import (
    CitationError,
    EUReference,
    LetterCitation,
    ProceedingsCitation,
    find_citations,
    find_eu_references,
    find_recent_letters,
    find_references,
    format_citation,
    normalize_session_year,
    parse_citation,
    parse_reference,
)

# Every form the seed documents use, with what it means.
SEED_FORMS = [
    ("Kamerstukken II, 2022–23, 32 317, nr. 790", ("TK", "32317", "", "790", "2022-2023")),
    ("Kamerstukken II, 2022–23, 32 317-801", ("TK", "32317", "", "801", "2022-2023")),
    ("Kamerstuk 32 317, nr. 866", ("TK", "32317", "", "866", "")),
    ("32317-872", ("TK", "32317", "", "872", "")),
    ("Kamerstukken II 2023/24, 22 112, nr. 3842", ("TK", "22112", "", "3842", "2023-2024")),
    ("22 112-3627", ("TK", "22112", "", "3627", "")),
    ("35 913, B", ("EK", "35913", "", "B", "")),
    ("Kamerstukken II 2021–2022, 35 913, B.", ("TK", "35913", "", "B", "2021-2022")),
    ("36 410 VI nr. 85", ("TK", "36410", "VI", "85", "")),
    ("Kamerstukken II 2023-2024, 36 410 VI nr. 85", ("TK", "36410", "VI", "85", "2023-2024")),
    ("Kamerstukken 2023–2024, 36 333 nr. 50", ("TK", "36333", "", "50", "2023-2024")),
    ("Kamerstukken 2021-2022, nr. 32317-722", ("TK", "32317", "", "722", "2021-2022")),
    ("Kamerstukken 2023-2024 nr 32317-872", ("TK", "32317", "", "872", "2023-2024")),
    ("Kamerstukken II, 2023/24, 32317, nr. 859", ("TK", "32317", "", "859", "2023-2024")),
    ("Kamerstukken 2022/2023, 32 317, nr. 836", ("TK", "32317", "", "836", "2022-2023")),
    ("Kamerstuk II, 2021–22, 32 317, nr. 760", ("TK", "32317", "", "760", "2021-2022")),
    ("Kamerstukken I 2023/24, 36 333, C", ("EK", "36333", "", "C", "2023-2024")),
]
# Forms of other series than the seeds': a series' sub-series is the dossier chapter, as in the
# official publications' addresses (kst-21501-20-2000, kst-36410-VI-85).
SERIES_FORMS = [
    ("21 501-20, nr. 2000", ("TK", "21501", "20", "2000", "")),
    ("21501-20-2000", ("TK", "21501", "20", "2000", "")),
    ("Kamerstuk 21 501-02, nr. 2806", ("TK", "21501", "02", "2806", "")),
    ("Kamerstukken II 2023/24, 21 501-20 nr. 2000", ("TK", "21501", "20", "2000", "2023-2024")),
    ("36410-VI-85", ("TK", "36410", "VI", "85", "")),
    ("32 317, OO", ("EK", "32317", "", "OO", "")),
    ("Kamerstukken I 2023/24, 32 317, OO", ("EK", "32317", "", "OO", "2023-2024")),
]


@pytest.mark.parametrize(("text", "expected"), SEED_FORMS + SERIES_FORMS)
def test_parses_every_seed_form(text, expected):
    citation = parse_citation(text)
    assert (
        citation.chamber,
        citation.dossier_number,
        citation.dossier_chapter,
        citation.sub_number,
        citation.session_year,
    ) == expected


def test_joint_dossier_numbers():
    citation = parse_citation("Kamerstukken II 2021–2022 33 552 en 29 279 nr. 88")
    assert citation.dossier_number == "33552"
    assert citation.joint_dossier_numbers == ("29279",)
    assert citation.sub_number == "88"
    assert format_citation(citation) == "Kamerstukken II 2021/22, 33 552 en 29 279, nr. 88"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("32317-867", "Kamerstukken II, 32 317, nr. 867"),
        ("Kamerstukken II, 2023/24, 32317, nr. 867", "Kamerstukken II 2023/24, 32 317, nr. 867"),
        ("36 410 VI nr. 85", "Kamerstukken II, 36 410 VI, nr. 85"),
        ("35 913, B", "Kamerstukken I, 35 913, B"),
        ("21501-20-2000", "Kamerstukken II, 21 501-20, nr. 2000"),
    ],
)
def test_canonical_form(text, canonical):
    assert str(parse_citation(text)) == canonical


@pytest.mark.parametrize("text", [text for text, _ in SEED_FORMS + SERIES_FORMS])
def test_canonical_form_round_trips(text):
    citation = parse_citation(text)
    assert parse_citation(format_citation(citation)) == citation


@pytest.mark.parametrize(
    "text",
    ["", "   ", "nr. 867", "Kamerstukken II", "32317", "kamerstuk 32 317, nr. abc", "hello"],
)
def test_rejects_what_is_not_a_citation(text):
    with pytest.raises(CitationError):
        parse_citation(text)


def test_rejects_impossible_session_year():
    with pytest.raises(CitationError, match="Vergaderjaar"):
        parse_citation("Kamerstukken II 2023/25, 32 317, nr. 867")


def test_session_year_forms():
    assert normalize_session_year("2022–23") == "2022-2023"
    assert normalize_session_year("2023/24") == "2023-2024"
    assert normalize_session_year("1999-00") == "1999-2000"
    with pytest.raises(CitationError):
        normalize_session_year("2023")


def test_finds_citations_in_footnotes_across_line_breaks():
    text = (
        "1 Zie ook de beantwoording van de vragen in het schriftelijke overleg over deze JBZ-Raad, "
        "Kamerstukken II, \n2023/24, 32317, nr. 859.\n"
        "1 Kamerstukken II, 2022–23, 32 317, nr. 790, Kamerstukken II, 2022–23, 32 317-801\n"
        "In 2023 waren er 1.1 miljoen aanvragen; zie 22 112-3627 en pagina 12."
    )
    found = [str(item.citation) for item in find_citations(text)]
    assert found == [
        "Kamerstukken II 2023/24, 32 317, nr. 859",
        "Kamerstukken II 2022/23, 32 317, nr. 790",
        "Kamerstukken II 2022/23, 32 317, nr. 801",
        "Kamerstukken II, 22 112, nr. 3627",
    ]


def test_a_series_number_followed_by_a_paper_number_is_not_a_sub_series():
    """'32317-87' is paper 87 of 32 317; only a further number makes '-20' a sub-series."""
    assert parse_citation("32317-87").key == ("TK", "32317", "", "87")
    assert parse_citation("21501-20, nr. 7").key == ("TK", "21501", "20", "7")


# Every other form the issue names, as printed, with its canonical form.
OTHER_FORMS = [
    ("Handelingen II 2023/24, nr. 45, item 12", "Handelingen II 2023/24, nr. 45, item 12"),
    ("Handelingen II 2023-2024, nr 45", "Handelingen II 2023/24, nr. 45"),
    ("Handelingen I 2022–23, nr. 3, item 7", "Handelingen I 2022/23, nr. 3, item 7"),
    ("Aanhangsel Handelingen II 2023/24, nr. 1234", "Aanhangsel Handelingen II 2023/24, nr. 1234"),
    (
        "Aanhangsel van de Handelingen II, 2022–23, nr. 12",
        "Aanhangsel Handelingen II 2022/23, nr. 12",
    ),
    ("Kamerbrief van 12 maart 2024", "Kamerbrief van 12 maart 2024"),
    ("brief van 1 februari 2023", "Kamerbrief van 1 februari 2023"),
    ("Kamerbrief d.d. 3 juni 2022", "Kamerbrief van 3 juni 2022"),
    ("brief aan de Tweede Kamer d.d. 11 april 2025", "Kamerbrief van 11 april 2025"),
    ("Kamerbrief dd. 8 februari 2023", "Kamerbrief van 8 februari 2023"),
    ("COM(2022) 245", "COM(2022) 245"),
    ("COM (2022) 245 final", "COM(2022) 245"),
    ("COM/2020/0610", "COM(2020) 610"),
    ("JOIN(2023) 8", "JOIN(2023) 8"),
    ("2022/0155(COD)", "2022/0155(COD)"),
    ("2022/0155 (COD)", "2022/0155(COD)"),
    ("2023/0012(NLE)", "2023/0012(NLE)"),
    ("ST 12345/23", "ST 12345/23"),
    ("ST 8720 2022 INIT", "ST 8720/22"),
    ("ST/8720/2022/INIT", "ST 8720/22"),
    ("Raadsdocument 12345/23", "ST 12345/23"),
    ("52021DC0780", "52021DC0780"),
    ("32024R1348", "32024R1348"),
    ("PbEU L 2024/1348", "PbEU L 2024/1348"),
    ("PB L 2024/1348", "PbEU L 2024/1348"),
    ("PbEU 2016, L 119", "PbEU 2016, L 119"),
    ("PB L 158 van 13.6.2022", "PbEU 2022, L 158"),
    ("Pb EU L 119/1 van 4.5.2016", "PbEU 2016, L 119"),
]


@pytest.mark.parametrize(("text", "canonical"), OTHER_FORMS)
def test_every_other_form_reads_to_its_canonical_form_and_back(text, canonical):
    reference = parse_reference(text)
    assert str(reference) == canonical
    assert parse_reference(canonical) == reference


def test_each_form_is_its_own_kind():
    assert parse_reference("Handelingen II 2023/24, nr. 45, item 12") == ProceedingsCitation(
        chamber="TK", session_year="2023-2024", number="45", item="12"
    )
    assert parse_reference("Aanhangsel Handelingen II 2023/24, nr. 1234").appendix
    assert parse_reference("Kamerbrief van 12 maart 2024").date.isoformat() == "2024-03-12"
    assert parse_reference("2022/0155(COD)") == EUReference("procedure", "2022/0155(COD)")
    assert parse_reference("Kamerstuk 32 317, nr. 866") == parse_citation("32 317, nr. 866")
    assert isinstance(parse_reference("brief van 1 mei 2023"), LetterCitation)


@pytest.mark.parametrize(
    "text", ["Kamerbrief van 31 februari 2024", "Handelingen II 2023/25, nr. 4", "COM 2022 245"]
)
def test_malformed_other_forms_are_refused(text):
    with pytest.raises(CitationError):
        parse_reference(text)


def test_finds_every_kind_in_running_text_in_order():
    text = (
        "Zie de Kamerbrief van 4 juli 2023 (Kamerstuk 32 317, nr. 830), het voorstel COM(2023) 1 "
        "(2023/0001(COD)) en Handelingen II 2023/24, nr. 5, item 3. "
        "Raadsdocument ST/8720/2022/INIT; "
        "PB L 158 van 13.6.2022, p. 53; de brief van 3 juni 2022 en Kamerstuk 21 501-20, nr. 2000."
    )
    assert [str(item.citation) for item in find_references(text)] == [
        "Kamerstukken II, 32 317, nr. 830",
        "COM(2023) 1",
        "2023/0001(COD)",
        "Handelingen II 2023/24, nr. 5, item 3",
        "ST 8720/22",
        "PbEU 2022, L 158",
        "Kamerbrief van 3 juni 2022",
        "Kamerstukken II, 21 501-20, nr. 2000",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "De leden hebben kennisgenomen van de brief5 van de Staatssecretaris van Justitie en "
        "Veiligheid van 24 maart 2021 waarin zij antwoord geeft.",
        "De leden hebben kennisgenomen van uw brief9 van 24 maart 2021.",
    ],
)
def test_a_dated_letter_with_its_author_or_a_footnote_number_after_brief(text):
    assert [str(item.citation) for item in find_references(text)] == [
        "Kamerbrief van 24 maart 2021"
    ]


def test_a_dated_letter_with_its_footnote_number_stuck_to_the_year():
    text = "Het stuk is bij brief van 14 juni 20243 aan de Kamer aangeboden."

    assert [str(item.citation) for item in find_references(text)] == ["Kamerbrief van 14 juni 2024"]


@pytest.mark.parametrize(
    ("text", "references"),
    [
        # A list of COM documents of one year; "6141" is 614 with footnote marker 1.
        (
            "EU-migratiepact 2020 COM (2020) 609, 610, 611, 612, 613 en 6141",
            [f"COM(2020) {number}" for number in range(609, 615)],
        ),
        ("SWD(2020) 543 en 544 (samenvatting)", ["SWD(2020) 543", "SWD(2020) 544"]),
        # A list stops where the numbers stop being one: "COM(2022) 245, 12 maart".
        ("COM(2022) 245, 12 maart", ["COM(2022) 245"]),
        # A CELEX number inside a EUR-Lex address.
        ("?uri=CELEX%3A52020PC0796…", ["52020PC0796"]),
    ],
)
def test_eu_references_in_lists_and_addresses(text, references):
    assert [str(found.citation) for found in find_eu_references(text)] == references


# -- forms the development corpus showed after it grew (issue 12) ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "21 501-31 Raad voor de Werkgelegenheid, Sociaal Beleid, Volksgezondheid",
        "21 501-32 Landbouw- en Visserijraad\nNr. 1731",
        "Kamerstukken II 2020/21, 21 501-34 Raad voor Onderwijs, Jeugd, Cultuur en Sport",
    ],
)
def test_a_sub_series_of_the_council_series_is_no_paper(text):
    assert find_citations(text) == []


def test_a_paper_of_a_sub_series_and_a_dash_form_of_another_series_are_still_read():
    assert [str(found.citation) for found in find_citations("Kamerstuk 21501-32-1730")] == [
        "Kamerstukken II, 21 501-32, nr. 1730"
    ]
    assert [str(found.citation) for found in find_citations("zie 32317-86 hier")] == [
        "Kamerstukken II, 32 317, nr. 86"
    ]


def test_a_list_of_numbers_is_a_citation_each():
    text = (
        "(Kamerstuk 32 317, nrs. 854 en 852) en Kamerstukken II 2023/24, 21 501-20, nrs. 1, 2 en 3"
    )
    found = find_citations(text)
    assert [format_citation(item.citation) for item in found] == [
        "Kamerstukken II, 32 317, nr. 854",
        "Kamerstukken II, 32 317, nr. 852",
        "Kamerstukken II 2023/24, 21 501-20, nr. 1",
        "Kamerstukken II 2023/24, 21 501-20, nr. 2",
        "Kamerstukken II 2023/24, 21 501-20, nr. 3",
    ]
    assert [text[item.start : item.end] for item in found][:2] == [
        "Kamerstuk 32 317, nrs. 854",
        "852",
    ]


@pytest.mark.parametrize(
    ("text", "references"),
    [
        # The letter's number after its subject, in brackets: cited by that number.
        (
            "over de brief van 15 oktober 2025 over de Geannoteerde agenda Landbouw- en "
            "Visserijraad 27-28 oktober 2025 (Kamerstuk 21 501-32, nr. 1730).",
            ["Kamerstukken II, 21 501-32, nr. 1730"],
        ),
        # Another letter between them keeps its date.
        (
            "de brief van 4 juli 2023 over X en de brief van 5 juli 2023 (Kamerstuk 32 317, "
            "nr. 830)",
            ["Kamerbrief van 4 juli 2023", "Kamerstukken II, 32 317, nr. 830"],
        ),
        # ... also after a subject with its own brackets, and from its author.
        (
            "de brief van de Minister van Buitenlandse Zaken d.d. 5 juli 2018 inzake fiche: "
            "wijziging verordening 883/2013 (OLAF) (Kamerstuk 22 112, nr. 2635)",
            ["Kamerstukken II, 22 112, nr. 2635"],
        ),
        # The letter that answers a written consultation is part of its report.
        ("Bij brief van 17 oktober 2023 zijn de vragen beantwoord.", []),
        # A sentence ends between a letter and a number: the letter is cited by its date.
        (
            "In de Kamerbrief van 12 maart 2024 schreef ik dat. Zie Kamerstuk 32 317, nr. 1.",
            ["Kamerbrief van 12 maart 2024", "Kamerstukken II, 32 317, nr. 1"],
        ),
    ],
)
def test_a_dated_letter_is_cited_by_its_number_where_the_sentence_gives_one(text, references):
    assert [str(found.citation) for found in find_references(text)] == references


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("de brief van 28 mei 2025over het non-paper", ["2025-05-28"]),  # a word glued to it
        ("uw brief aan de Tweede Kamer d.d. 11 april 20253 over", ["2025-04-11"]),  # footnote 3
        # Cited by their numbers, not their dates.
        (
            "de brieven van de Minister van 16 februari 2016 en van 29 april 2016 (Kamerstuk "
            "32 317, nrs. 388 en 409)",
            [],
        ),
        # A committee's letter is no paper of parliament.
        ("Bij brief van 21 december 2017 verzocht de vaste commissie om een overzicht.", []),
    ],
)
def test_letters_cited_by_their_date_in_running_text(text, dates):
    found = [item.citation for item in find_references(text)]

    assert [letter.date.isoformat() for letter in found if isinstance(letter, LetterCitation)] == (
        dates
    )


@pytest.mark.parametrize(
    ("text", "reference", "dates"),
    [
        ("In de brief van 13 oktober jl. schreef ik", "2015-12-03", ["2015-10-13"]),
        ("Bij brieven van 13 en 26 oktober jl. heb ik", "2015-12-03", ["2015-10-13", "2015-10-26"]),
        # The last 21 December before the citing letter: last year's.
        ("Zie mijn Kamerbrief van 21 december j.l. over de Raad", "2018-01-10", ["2017-12-21"]),
        ("Zie mijn Kamerbrief van 21 december jl. over de Raad", None, []),
        (
            "Bij brief van 21 december jl. verzocht de vaste commissie om een overzicht",
            "2018-01-10",
            [],
        ),
        ("de brief van 4 juli jl. (Kamerstuk 32 317, nr. 830)", "2023-09-01", []),
    ],
)
def test_letters_dated_by_a_day_this_year_need_the_citing_documents_date(text, reference, dates):
    reference = datetime.date.fromisoformat(reference) if reference else None

    found = find_recent_letters(text, reference)

    assert [item.citation.date.isoformat() for item in found] == dates
    assert all(str(parse_reference(str(item.citation))) == str(item.citation) for item in found)
