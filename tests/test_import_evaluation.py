"""Measuring the importer: the scoring rules, the hand-written expectations, and the figures on
the seeds against the targets of issue 5."""

import datetime
import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dossiers.citations import format_citation, parse_citation
from dossiers.dates import is_period_start
from dossiers.importing.evaluation import (
    CORPUS_DIR,
    EXPECTATIONS_DIR,
    KINDS,
    TARGETS,
    agreement,
    as_table,
    combine,
    evaluate,
    evaluate_seeds,
    expectations_as_proposals,
    expectations_path,
    load_expectations,
)
from dossiers.importing.gazetteer import Gazetteer
from dossiers.importing.proposals import (
    CitationProposal,
    MentionProposal,
)
from dossiers.importing.reader import ImportText
from dossiers.models import ParliamentaryDocument, Stage

from .conftest import SEEDS_DIR, seed_text

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
SEED_NAMES = sorted(path.name for path in SEEDS_DIR.glob("*.txt"))
NEW = "new:"


def _date(iso):
    return datetime.date.fromisoformat(iso) if iso else None


@pytest.fixture
def expected():
    """A small expectation, of the shape of the files in expectations/."""
    return {
        "document": {"document_type": "verslag", "date": None},
        "meeting": {"start_date": "2024-03-04", "end_date": "2024-03-05", "is_informal": False},
        "agenda_items": [
            {"section": "bz", "number": 1, "title": "Staat van het Schengengebied"},
            {"section": "justitie", "number": 1, "title": "Mensensmokkel"},
        ],
        "citations": [
            "Kamerstukken II 2023/24, 32 317, nr. 872",
            "Kamerstukken II 2023/24, 36 410 VI, nr. 85",
        ],
        "mentions": ["asiel-en-migratiepact", "etias", "new:El PAcCTO"],
        "stage_events": [
            {
                "dossier": "entry-exit-systeem",
                "stage": 140,
                "expected": True,
                "date": "2024-07-01",
                "precision": "half_year",
                "passage_contains": "het EES dit najaar in werking zal treden",
            },
            {
                "dossier": "eprivacy-derogatie",
                "stage": 110,
                "expected": False,
                "date": None,
                "precision": None,
                "passage_contains": "de afgeronde besluitvorming",
            },
        ],
        "commitments": [
            {
                "mps": ["Piri"],
                "debate_date": "2024-02-29",
                "fulfilled_here": True,
                "passage_contains": "Conform de toezegging aan lid Piri door de Staatssecretaris",
            },
            {
                "mps": [],
                "debate_date": None,
                "fulfilled_here": False,
                "passage_contains": "Over het zesde rapport in het kader van het",
            },
        ],
        "motions": [
            {"citation": "Kamerstukken II 2023/24, 36 410 VI, nr. 85", "submitters": ["Veldkamp"]}
        ],
    }


def _assert_perfect(scores):
    for kind, score in scores.items():
        assert (score["recall"], score["precision"]) == (1.0, 1.0), kind
        assert (score["missed"], score["spurious"]) == ([], []), kind


def test_a_perfect_importer_scores_one(expected):
    scores = evaluate(expectations_as_proposals(expected), expected)

    # EU references are scored only where an expectation file lists them (the corpus does).
    assert set(scores) == set(KINDS) - {"eu_references"}
    _assert_perfect(scores)
    assert scores["citations"] == {
        "expected": 2,
        "found": 2,
        "true_positives": 2,
        "recall": 1.0,
        "precision": 1.0,
        "missed": [],
        "spurious": [],
    }


@pytest.mark.parametrize("seed_name", SEED_NAMES)
def test_every_expectation_file_is_scored_perfect_by_what_it_expects(seed_name):
    expected = load_expectations(expectations_path(seed_name))

    _assert_perfect(
        {
            kind: score
            for kind, score in evaluate(expectations_as_proposals(expected), expected).items()
            if score["expected"]
        }
    )


def test_a_miss_lowers_recall_only(expected):
    proposals = expectations_as_proposals(expected)
    proposals.citations.pop()

    score = evaluate(proposals, expected)["citations"]

    assert (score["true_positives"], score["recall"], score["precision"]) == (1, 0.5, 1.0)
    assert score["missed"] == ["Kamerstukken II 2023/24, 36 410 VI, nr. 85"]


def test_a_spurious_proposal_lowers_precision_only(expected):
    proposals = expectations_as_proposals(expected)
    proposals.mentions.append(MentionProposal(dossier="schengengrenscode", name="SGC", passage=""))

    score = evaluate(proposals, expected)["mentions"]

    assert (score["found"], score["recall"], score["precision"]) == (4, 1.0, 0.75)
    assert score["spurious"] == ["schengengrenscode"]


def test_a_stage_event_with_the_wrong_date_is_missed_and_spurious(expected):
    proposals = expectations_as_proposals(expected)
    proposals.stage_events[0].date = datetime.date(2024, 1, 1)

    score = evaluate(proposals, expected)["stage_events"]

    assert (score["true_positives"], score["recall"], score["precision"]) == (1, 0.5, 0.5)
    assert score["missed"] == ["entry-exit-systeem: 140 application, expected, 2024-07-01"]
    assert score["spurious"] == ["entry-exit-systeem: 140 application, expected, 2024-01-01"]


def test_a_stage_event_counts_when_one_side_has_no_date(expected):
    proposals = expectations_as_proposals(expected)
    proposals.stage_events[0].date = None  # the expectation has a date
    proposals.stage_events[1].date = datetime.date(2024, 3, 4)  # the expectation has none

    score = evaluate(proposals, expected)["stage_events"]

    assert (score["recall"], score["precision"]) == (1.0, 1.0)


def test_a_stage_event_must_agree_on_expected_or_reached(expected):
    proposals = expectations_as_proposals(expected)
    proposals.stage_events[1].expected = True

    score = evaluate(proposals, expected)["stage_events"]

    assert (score["recall"], score["precision"]) == (0.5, 0.5)


def test_repeated_proposals_count_once_for_set_kinds_and_stage_events(expected):
    proposals = expectations_as_proposals(expected)
    proposals.citations += proposals.citations
    proposals.mentions += [MentionProposal(dossier="etias", name="ETIAS", passage="")]
    proposals.stage_events += [proposals.stage_events[0]]
    proposals.agenda_items += proposals.agenda_items

    _assert_perfect(evaluate(proposals, expected))


def test_a_repeated_commitment_is_spurious(expected):
    proposals = expectations_as_proposals(expected)
    proposals.commitments.append(proposals.commitments[0])

    score = evaluate(proposals, expected)["commitments"]

    assert (score["recall"], score["precision"]) == (1.0, 2 / 3)


def test_a_new_instrument_matches_by_name_containment_ignoring_case(expected):
    proposals = expectations_as_proposals(expected)
    proposals.mentions[-1] = MentionProposal(dossier=None, name="EL PAcCTO 2.0", passage="")
    proposals.mentions.append(MentionProposal(dossier=None, name="el paccto", passage=""))

    score = evaluate(proposals, expected)["mentions"]

    assert (score["found"], score["recall"], score["precision"]) == (3, 1.0, 1.0)

    proposals.mentions.append(MentionProposal(dossier=None, name="CLASI-verklaring", passage=""))
    score = evaluate(proposals, expected)["mentions"]

    assert score["spurious"] == ["new:CLASI-verklaring"]


def test_a_new_instrument_matches_by_any_name_the_proposals_give_it(expected):
    """A fiche's Dutch label proposed as the name, with the title printed under it as an alias,
    is the file the expectations name by that title; its stage events too."""
    title = "Regulation amending Regulation (EU) 2024/1348 as regards safe countries of origin"
    expected["mentions"] = ["new:" + title]
    expected["stage_events"] = [
        {
            "dossier": "new:" + title,
            "stage": 20,
            "expected": False,
            "date": "2025-05-23",
            "precision": "day",
            "passage_contains": "",
        }
    ]
    label = "Verordening Veilige landen van herkomst"
    proposals = expectations_as_proposals(expected)
    proposals.mentions = [
        MentionProposal(dossier=None, name=label, passage="", aliases=[title]),
        MentionProposal(dossier=None, name=label, passage=""),
    ]
    event = proposals.stage_events[0]
    event.dossier, event.name = None, label

    scores = evaluate(proposals, expected)

    assert (scores["mentions"]["recall"], scores["mentions"]["precision"]) == (1.0, 1.0)
    assert scores["stage_events"]["true_positives"] == 1

    # An alias too short to say which file ("AI") is not read into other names.
    proposals.mentions = [
        MentionProposal(dossier=None, name="AI-pakket", passage="", aliases=["AI"])
    ]
    expected["mentions"] = ["new:Richtlijn over trainingen"]

    assert evaluate(proposals, expected)["mentions"]["true_positives"] == 0


def test_citations_match_by_key_not_by_session_year_or_spelling(expected):
    proposals = expectations_as_proposals(expected)
    proposals.citations = [
        CitationProposal(
            text="32317-872", chamber="TK", number="32317", sub_number="872", session_year=""
        ),
        CitationProposal(
            text="36 410 VI nr. 85",
            chamber="TK",
            number="36 410",
            chapter="VI",
            sub_number="085",
            session_year="2022-2023",
        ),
    ]

    score = evaluate(proposals, expected)["citations"]

    assert (score["recall"], score["precision"]) == (1.0, 1.0)


def test_the_documents_own_number_counts_among_its_citations(expected):
    proposals = expectations_as_proposals(expected)
    proposals.document.citation = proposals.citations.pop(0).canonical

    score = evaluate(proposals, expected)["citations"]

    assert (score["found"], score["recall"], score["precision"]) == (2, 1.0, 1.0)


def test_a_citation_in_another_chamber_is_another_paper(expected):
    proposals = expectations_as_proposals(expected)
    proposals.citations[0].chamber = "EK"

    score = evaluate(proposals, expected)["citations"]

    assert score["missed"] == ["Kamerstukken II 2023/24, 32 317, nr. 872"]
    assert score["spurious"] == ["Kamerstukken II 2023/24, 32 317, nr. 872"]


def test_a_commitment_matches_on_its_debate_date_when_the_passage_differs(expected):
    proposals = expectations_as_proposals(expected)
    proposals.commitments[0].passage = (
        "Toezegging aan het lid Piri in het Commissiedebat voorafgaand aan de JBZ-Raad van 4 en "
        "5 maart, d.d. 29 februari 2024"
    )

    score = evaluate(proposals, expected)["commitments"]

    assert (score["recall"], score["precision"]) == (1.0, 1.0)


def test_a_commitment_to_another_member_does_not_match(expected):
    proposals = expectations_as_proposals(expected)
    proposals.commitments[0].mps = ["Koekkoek"]

    score = evaluate(proposals, expected)["commitments"]

    assert (score["recall"], score["precision"]) == (0.5, 0.5)


def test_a_commitment_without_member_needs_its_passage(expected):
    proposals = expectations_as_proposals(expected)
    proposals.commitments[1].passage = "Uw Kamer wordt binnenkort geïnformeerd."

    score = evaluate(proposals, expected)["commitments"]

    assert score["missed"] == [
        "no member named (no debate date): 'Over het zesde rapport in het kader van het'"
    ]


def test_members_match_with_or_without_their_particles(expected):
    expected["commitments"][0]["mps"] = ["van Haga"]
    proposals = expectations_as_proposals(expected)
    proposals.commitments[0].mps = ["Haga"]

    assert evaluate(proposals, expected)["commitments"]["recall"] == 1.0


def test_motions_and_agenda_items_match_by_their_keys(expected):
    proposals = expectations_as_proposals(expected)
    proposals.motions[0].citation = "Kamerstukken II 2023/24, 36 410 VI, nr. 86"
    proposals.agenda_items[1].title = "Een andere titel"
    proposals.agenda_items[0].number = 2

    scores = evaluate(proposals, expected)

    assert scores["motions"]["true_positives"] == 0
    assert (scores["agenda_items"]["recall"], scores["agenda_items"]["precision"]) == (0.5, 0.5)


def test_document_and_meeting_must_agree_in_every_field(expected):
    proposals = expectations_as_proposals(expected)
    proposals.document.date = datetime.date(2024, 3, 20)
    proposals.meeting.is_informal = True

    scores = evaluate(proposals, expected)

    assert scores["document"]["missed"] == ["date: none"]
    assert scores["document"]["spurious"] == ["date: 2024-03-20"]
    assert scores["meeting"]["missed"] == ["2024-03-04 to 2024-03-05, formal"]
    assert scores["meeting"]["spurious"] == ["2024-03-04 to 2024-03-05, informal"]


def test_nothing_expected_and_nothing_found_has_no_figures(expected):
    expected["motions"] = []
    proposals = expectations_as_proposals(expected)

    score = evaluate(proposals, expected)["motions"]

    assert (score["recall"], score["precision"]) == (None, None)


def test_overall_figures_are_micro_averaged(expected):
    perfect = evaluate(expectations_as_proposals(expected), expected)
    proposals = expectations_as_proposals(expected)
    proposals.citations = []
    empty = evaluate(proposals, expected)

    overall = combine({"a.txt": perfect, "b.txt": empty})["citations"]

    assert (overall["expected"], overall["found"], overall["true_positives"]) == (4, 2, 2)
    assert (overall["recall"], overall["precision"]) == (0.5, 1.0)
    assert overall["missed"][0] == "b.txt: Kamerstukken II 2023/24, 32 317, nr. 872"


def test_the_table_shows_figures_targets_and_time(expected):
    proposals = expectations_as_proposals(expected)
    proposals.commitments.pop()
    kinds = evaluate(proposals, expected)
    report = {
        "documents": {"a.txt": {"milliseconds": 12.3, "kinds": kinds}},
        "overall": combine({"a.txt": kinds}),
        "targets": {
            "commitments": {"target": 0.9, "met": False},
            "citations": {"target": 0.9, "met": True},
        },
        "milliseconds_per_document": 12.3,
        "slowest_milliseconds": 12.3,
        "target_milliseconds_per_document": 2000,
        "skipped": [],
    }

    table = as_table(report, details=True)

    assert "a.txt (12 ms)" in table
    assert re.search(r"commitments\s+2\s+1\s+1\s+50\.0%\s+100\.0%\s+90%\s+NO", table)
    assert re.search(r"citations\s+2\s+2\s+2\s+100\.0%\s+100\.0%\s+90%\s+yes", table)
    assert "missed: no member named" in table
    assert "Time per document: 12 ms on average, 12 ms at most (target: under 2000 ms) met" in table


# The expectation files themselves.


def _known_slugs():
    records = json.loads((FIXTURES_DIR / "30_dossiers.json").read_text(encoding="utf-8"))
    return {record["fields"]["slug"] for record in records if record["model"] == "dossiers.dossier"}


def test_every_seed_has_an_expectation_file_and_no_file_is_without_seed():
    files = sorted(path.stem for path in EXPECTATIONS_DIR.glob("*.json"))

    assert files == [Path(name).stem for name in SEED_NAMES]


@pytest.mark.parametrize("seed_name", SEED_NAMES)
def test_the_expectations_are_valid(seed_name):
    expected = load_expectations(expectations_path(seed_name))
    slugs = _known_slugs()

    assert expected["_source"].startswith("Written by hand from the seed " + seed_name)
    assert "fixtures" in expected["_source"]
    assert expected["document"]["document_type"] in ParliamentaryDocument.DocumentType.values
    for citation in expected["citations"] + [m["citation"] for m in expected["motions"]]:
        assert format_citation(parse_citation(citation)) == citation
    assert {m["citation"] for m in expected["motions"]} <= set(expected["citations"])
    for mention in expected["mentions"]:
        assert mention.startswith(NEW) or mention in slugs, mention
    assert len(expected["mentions"]) == len(set(expected["mentions"]))
    for event in expected["stage_events"]:
        assert event["dossier"] in slugs, event
        assert event["stage"] in Stage.values, event
        assert isinstance(event["expected"], bool), event
        if event["date"]:
            assert is_period_start(_date(event["date"]), event["precision"]), event
        else:
            assert event["precision"] is None, event
    for item in expected["agenda_items"]:
        assert item["section"] in ("bz", "justitie") and item["number"] > 0, item
    for commitment in expected["commitments"]:
        assert 5 <= len(commitment["passage_contains"].split()) <= 12, commitment
        assert isinstance(commitment["fulfilled_here"], bool), commitment
        _date(commitment["debate_date"])


@pytest.mark.parametrize("seed_name", SEED_NAMES)
def test_every_quoted_passage_is_verbatim_in_the_seed(seed_name):
    expected = load_expectations(expectations_path(seed_name))
    text = seed_text(seed_name)
    passages = [item["passage_contains"] for item in expected["commitments"]]
    passages += [item["passage_contains"] for item in expected["stage_events"]]

    # Proposals quote the reader's text, which drops running headers and page numbers.
    read = ImportText.from_text((SEEDS_DIR / seed_name).read_text(encoding="utf-8")).text

    assert [passage for passage in passages if passage not in text] == []
    assert [passage for passage in passages if passage not in read] == []


# The command, and the figures on the seeds.


@pytest.mark.django_db
def test_evaluate_import_asks_for_the_seed_data_first():
    with pytest.raises(CommandError, match="python manage.py load_seed"):
        call_command("evaluate_import")


def test_evaluate_import_prints_a_table_or_json(seeded, tmp_path):
    seed = "003_6edfb0a9bfd7a98c.txt"
    (tmp_path / seed).write_text((SEEDS_DIR / seed).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "999_unknown.txt").write_text("Een tekst zonder verwachtingen.", encoding="utf-8")

    out = StringIO()
    call_command("evaluate_import", seeds=tmp_path, sets=["seeds"], stdout=out)
    table = out.getvalue()

    assert table.startswith(f"=== seeds ===\n{seed} (")
    assert "Overall, 1 document (micro-averaged)" in table
    assert re.search(r"agenda_items\s+6\s", table)
    assert re.search(r"mentions\s+6\s+\d+\s+\d+\s+[\d.]+%\s+[\d.–%]+\s+90%\s+(yes|NO)", table)
    assert "Time per document:" in table
    assert "No expectations, not evaluated: 999_unknown.txt" in table

    out = StringIO()
    call_command("evaluate_import", seeds=tmp_path, sets=["seeds"], format="json", stdout=out)
    report = json.loads(out.getvalue())["seeds"]

    assert list(report["documents"]) == [seed]
    assert report["overall"]["mentions"]["expected"] == 6
    assert set(report["targets"]) == set(TARGETS)
    assert report["skipped"] == ["999_unknown.txt"]


def test_the_importer_meets_its_targets_on_the_seeds(seeded):
    report = evaluate_seeds(SEEDS_DIR, Gazetteer.from_database())

    assert sorted(report["documents"]) == SEED_NAMES
    unmet = [kind for kind, target in report["targets"].items() if not target["met"]]
    assert unmet == [], "Targets not met on the seeds:\n" + as_table(report, details=True)


def test_a_second_person_who_wrote_the_same_agrees_fully(tmp_path):
    for name in ("tk-2022D04444", "kst-35612-D", "tk-2022D42003"):
        shutil.copy(CORPUS_DIR / "dev" / f"{name}.json", tmp_path)

    overall = agreement(CORPUS_DIR / "dev", tmp_path)["overall"]

    for kind in ("citations", "mentions", "stage_events", "commitments", "document"):
        assert overall[kind]["expected"] > 0, kind
        assert (overall[kind]["recall"], overall[kind]["precision"]) == (1.0, 1.0), kind


def test_agreement_counts_what_the_second_person_left_out_or_added(tmp_path):
    second = json.loads((CORPUS_DIR / "dev" / "tk-2022D04444.json").read_text(encoding="utf-8"))
    dropped = second["mentions"].pop()  # the second person missed one file ...
    second["new_dossiers"] = [d for d in second["new_dossiers"] if d["name"] != dropped]
    second["stage_events"] = [e for e in second["stage_events"] if e["dossier"] != dropped]
    second["mentions"].append("new:Richtlijn die niemand anders zag")  # ... and saw another
    second["new_dossiers"].append(
        {
            "name": "new:Richtlijn die niemand anders zag",
            "title": "x",
            "instrument_type": "richtlijn",
            "short_name": None,
            "references": [],
        }
    )
    (tmp_path / "tk-2022D04444.json").write_text(json.dumps(second), encoding="utf-8")

    mentions = agreement(CORPUS_DIR / "dev", tmp_path)["overall"]["mentions"]

    assert (mentions["expected"], mentions["found"], mentions["true_positives"]) == (10, 10, 9)
