"""Citations and motions found in imported documents, measured on the seeds against the curated
fixtures (every cited Kamerstuk was recorded as a ParliamentaryDocument naming its seed)."""

import datetime
import re

import pytest

from dossiers.citations import parse_citation
from dossiers.importing.evaluation import CORPUS_DIR, document_text
from dossiers.importing.gazetteer import Gazetteer
from dossiers.importing.reader import ImportText
from dossiers.importing.references import Layout, extract_citations, extract_motions
from dossiers.importing.text import normalize_text
from dossiers.models import Motion, ParliamentaryDocument

from .conftest import SEEDS_DIR

SEED_NAMES = sorted(path.name for path in SEEDS_DIR.glob("*.txt"))
SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
# The seed documents themselves (fixtures/00_spine.json) are not cited by them.
SEED_DOCUMENT_PKS = range(1, 7)


def _source(name):
    return ImportText.from_text((SEEDS_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture
def gazetteer(seeded):
    return Gazetteer.from_database()


def _cited_in(name):
    """Citation keys of the Kamerstukken curated as cited in seed `name` (their notes say so)."""
    return {
        document.as_citation().key
        for document in ParliamentaryDocument.objects.exclude(sub_number="").exclude(
            pk__in=SEED_DOCUMENT_PKS
        )
        if name in SEED_NAME.findall(document.notes)
    }


def _recall_precision(expected, found):
    hits = len(expected & found)
    recall = hits / len(expected) if expected else 1.0
    precision = hits / len(found) if found else 1.0
    return recall, precision


# -- citations on the seeds -------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_citations_on_each_seed_meet_the_targets(gazetteer, name):
    proposals = extract_citations(_source(name), gazetteer)
    found = {(p.chamber, p.number, p.chapter, p.sub_number) for p in proposals}

    recall, precision = _recall_precision(_cited_in(name), found)

    assert recall >= 0.9, (name, recall)
    assert precision >= 0.9, (name, precision)


def test_citations_are_perfect_on_the_seeds_taken_together(gazetteer):
    expected, found = set(), set()
    for name in SEED_NAMES:
        expected |= {(name, key) for key in _cited_in(name)}
        found |= {
            (name, (p.chamber, p.number, p.chapter, p.sub_number))
            for p in extract_citations(_source(name), gazetteer)
        }

    assert len(expected) == 21
    assert _recall_precision(expected, found) == (1.0, 1.0)


def test_every_cited_paper_of_the_seeds_resolves_to_its_curated_document(gazetteer):
    for name in SEED_NAMES:
        for proposal in extract_citations(_source(name), gazetteer):
            document = ParliamentaryDocument.objects.get(pk=proposal.known_document)
            assert document.as_citation().key == (
                proposal.chamber,
                proposal.number,
                proposal.chapter,
                proposal.sub_number,
            )


def test_citations_of_the_annotated_agenda_one_per_paper_per_passage(gazetteer):
    source = _source("001_7468cf160a9047f9.txt")

    proposals = extract_citations(source, gazetteer)

    assert [(p.text, p.in_footnote, p.passage) for p in proposals] == [
        (
            "Kamerstuk 32 317, nr. 866",
            True,
            "Verslag van 15 december 2023 van de JBZ Raad van 4 en 5 december 2023 "
            "(Kamerstuk 32 317, nr. 866).",
        ),
        (
            "Kamerstuk 32 317, nr. 866",
            True,
            "Aanbiedingsbrief d.d. 15 december 2023 bij het verslag van de JBZ Raad van 4 en 5 "
            "december 2023 (Kamerstuk 32 317, nr. 866).",
        ),
        (
            "Kamerstuk 32 317, nr. 865",
            False,
            "In lijn met de toezegging die de Staatssecretaris van Justitie en Veiligheid deed "
            "tijdens het Commissiedebat Vreemdelingen en Asiel van 22 december jl. informeerde "
            "het kabinet uw Kamer per brief uitgebreid over de inhoud van het "
            "hoofdlijnenakkoord over het Asiel- en Migratiepact (Kamerstuk 32 317, nr. 865).",
        ),
        ("Kamerstukken II 2021–2022, 35 913, B", True, "Kamerstukken II 2021–2022, 35 913, B."),
        (
            "Kamerstukken II 2023–2024, 22 112, nr. 3842",
            True,
            "Kamerstukken II 2023–2024, 22 112, nr. 3842.",
        ),
        (
            "Kamerstukken II 2023/24, 22 112, nr. 3842",
            True,
            "Kamerstukken II 2023/24, 22 112, nr. 3842.",
        ),
    ]
    assert [p.known_document for p in proposals] == [110, 110, 102, 113, 114, 114]
    assert proposals[3].canonical == "Kamerstukken II 2021/22, 35 913, B"
    assert (proposals[4].session_year, proposals[4].sub_number) == ("2023-2024", "3842")


def test_two_papers_in_one_footnote_are_two_proposals_with_the_same_passage(gazetteer):
    proposals = extract_citations(_source("000_a1fef7c9b2080e2a.txt"), gazetteer)
    footnote = "Kamerstukken II, 2022–23, 32 317, nr. 790, Kamerstukken II, 2022–23, 32 317-801"

    first, second = [p for p in proposals if p.passage == footnote]

    assert (first.canonical, first.known_document) == (
        "Kamerstukken II 2022/23, 32 317, nr. 790",
        100,
    )
    assert (second.text, second.sub_number) == ("Kamerstukken II, 2022–23, 32 317-801", "801")
    joint = next(p for p in proposals if p.number == "33552")
    assert joint.canonical == "Kamerstukken II 2021/22, 33 552 en 29 279, nr. 88"
    budget = extract_citations(_source("002_a12f43510f00c640.txt"), gazetteer)[-1]
    assert (budget.number, budget.chapter, budget.sub_number) == ("36410", "VI", "85")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_passage_is_in_the_running_text(gazetteer, name):
    source = _source(name)
    for proposal in extract_citations(source, gazetteer):
        assert proposal.passage in source.text
        assert proposal.text in proposal.passage
        assert 0 < proposal.confidence <= 1


# -- citations in text the importer has not seen -----------------------------------------------


def test_a_citation_repeated_in_one_sentence_is_proposed_once():
    source = ImportText.from_text(
        "Zie Kamerstuk 32 317, nr. 870 en opnieuw Kamerstuk 32 317, nr. 870. "
        "Ook 32317-870 geldt hier.\n"
    )

    proposals = extract_citations(source, Gazetteer())

    assert [(p.number, p.sub_number, p.known_document) for p in proposals] == [
        ("32317", "870", None),
        ("32317", "870", None),
    ]
    assert proposals[1].passage == "Ook 32317-870 geldt hier."
    assert proposals[1].confidence < proposals[0].confidence


@pytest.mark.parametrize("page_start", [" ", "\f"])
def test_a_footnote_is_told_from_the_text_and_from_the_next_page(page_start):
    raw = (
        "Het kabinet informeerde uw Kamer eerder over de inzet.1 Dat blijft zo, en\n"
        "\n"
        "1 Kamerstukken II 2022/23, 32 317, nr. 800; zie ook\n"
        "Kamerstukken I 2022/23, 36 333, C.\n"
        f"{page_start}de inzet wordt voortgezet.\n"
    )
    source = ImportText(raw=raw, text=normalize_text(raw))

    proposals = extract_citations(source, Gazetteer())

    assert [(p.canonical, p.in_footnote) for p in proposals] == [
        ("Kamerstukken II 2022/23, 32 317, nr. 800", True),
        ("Kamerstukken I 2022/23, 36 333, C", True),
    ]
    footnote = (
        "Kamerstukken II 2022/23, 32 317, nr. 800; zie ook Kamerstukken I 2022/23, 36 333, C."
    )
    assert {p.passage for p in proposals} == {footnote}


def test_the_layout_finds_headings_and_footnotes_of_a_letter():
    source = _source("000_a1fef7c9b2080e2a.txt")
    layout = Layout.of(source)

    headings = [source.text[start:end] for start, end in layout.headings]
    assert "Toezegging mensenrechten" in headings
    assert "Afronding richtlijn bestrijding en voorkoming van mensenhandel" in headings
    # Footnotes 1-9, and the note under a table numbered from 1 again.
    assert [note.number for note in layout.footnotes] == [1, 2, 3, 4, 5, 6, 7, 8, 1, 9]
    third = layout.footnotes[2]
    assert source.text[third.start : third.end].endswith(
        "(Kamerstukken 2022–2023, 32 317, nr. 839)."
    )


# -- motions ----------------------------------------------------------------------------------


def _expected_motions(name):
    return {
        (motion.document.as_citation().key, tuple(m.name for m in motion.submitters.order_by("pk")))
        for motion in Motion.objects.select_related("document")
        if name in SEED_NAME.findall(motion.document.notes)
    }


@pytest.mark.parametrize("name", SEED_NAMES)
def test_motions_on_each_seed_are_those_curated(gazetteer, name):
    proposals = extract_motions(_source(name), gazetteer)

    found = {(parse_citation(p.citation).key, tuple(p.submitters)) for p in proposals if p.citation}
    assert found == _expected_motions(name)
    assert all(p.citation for p in proposals)
    for proposal in proposals:
        motion = Motion.objects.get(pk=proposal.known_motion)
        assert motion.document.as_citation().key == parse_citation(proposal.citation).key


def test_motions_cited_in_one_footnote_and_behind_a_footnote_marker(gazetteer):
    letter = extract_motions(_source("000_a1fef7c9b2080e2a.txt"), gazetteer)
    report = extract_motions(_source("004_13dbb4aa5636ca58.txt"), gazetteer)

    curated = Motion.objects.get(pk=1).reports.get().passage
    assert [p.passage for p in letter] == [curated, curated]
    assert [p.citation for p in letter] == [
        "Kamerstukken II 2023/24, 36 333, nr. 50",
        "Kamerstukken II 2022/23, 32 317, nr. 839",
    ]
    assert [p.known_motion for p in letter] == [1, 2]
    assert [(p.citation, p.submitters, p.passage) for p in report] == [
        (
            "Kamerstukken II 2022/23, 32 317, nr. 836",
            ["Bisschop"],
            Motion.objects.get(pk=4).reports.get().passage,
        )
    ]


@pytest.mark.parametrize(
    ("text", "submitters", "citation"),
    [
        (
            "Het kabinet voert de motie-Brekelmans (Kamerstuk 36 200 VI, nr. 12) uit.",
            ["Brekelmans"],
            "Kamerstukken II, 36 200 VI, nr. 12",
        ),
        (
            "De gewijzigde motie van de leden Eerdmans en Van der Plas over grenscontroles "
            "(Kamerstukken II 2023/24, 36 410, nr. 17) is aangenomen.",
            ["Eerdmans", "Van der Plas"],
            "Kamerstukken II 2023/24, 36 410, nr. 17",
        ),
        (
            "Conform de motie Bikker c.s. zet het kabinet zich in voor de aanpak.",
            ["Bikker"],
            "",
        ),
    ],
)
def test_motion_forms(text, submitters, citation):
    (proposal,) = extract_motions(ImportText.from_text(text), Gazetteer())

    assert (proposal.submitters, proposal.citation, proposal.known_motion) == (
        submitters,
        citation,
        None,
    )
    assert proposal.passage == text


def test_the_word_motie_alone_is_no_motion():
    source = ImportText.from_text(
        "Over die motie is nog niet gestemd. De moties volgen later. "
        "De motiebrief (Kamerstuk 32 317, nr. 880) is verstuurd."
    )

    assert extract_motions(source, Gazetteer()) == []


def test_plural_motions_with_their_numbers_are_each_a_motion():
    text = (
        "Het kabinet heeft uitvoering gegeven aan de moties Ceder over mensenrechten en over de "
        "impasse op het pact (Kamerstuk 36 200 VI, nr. 33 en Kamerstuk 32 317, nr. 781)."
    )
    proposals = extract_motions(ImportText.from_text(text), Gazetteer())

    assert [(p.citation, p.submitters) for p in proposals] == [
        ("Kamerstukken II, 36 200 VI, nr. 33", ["Ceder"]),
        ("Kamerstukken II, 32 317, nr. 781", ["Ceder"]),
    ]


def test_a_motions_own_paper_proposes_that_motion_with_its_signers():
    from dossiers.importing.pipeline import extract

    proposals = extract(
        ImportText.from_text(document_text(CORPUS_DIR / "dev" / "kst-32317-673.txt")), Gazetteer()
    )

    assert (proposals.document.document_type, proposals.document.date) == (
        "motie",
        datetime.date(2021, 1, 27),
    )
    [motion] = proposals.motions
    assert motion.citation == proposals.document.citation
    assert motion.submitters == ["Van Ojik", "van Dijk", "Kuiken", "Wassenberg"]
