import pytest

from dossiers.citations import (
    CitationError,
    find_citations,
    format_citation,
    normalize_session_year,
    parse_citation,
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


@pytest.mark.parametrize(("text", "expected"), SEED_FORMS)
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
    ],
)
def test_canonical_form(text, canonical):
    assert str(parse_citation(text)) == canonical


@pytest.mark.parametrize("text", [text for text, _ in SEED_FORMS])
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
