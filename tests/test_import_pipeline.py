"""The whole pipeline on a report it has never seen.

tests/import_inputs/unseen_report.txt is written for this test in the style of a JBZ report;
it describes no real meeting. It checks that nothing in the extractors depends on the seeds.
"""

import datetime
from pathlib import Path

import pytest

from dossiers.importing.gazetteer import Gazetteer
from dossiers.importing.pipeline import extract
from dossiers.importing.reader import ImportText
from dossiers.models import Stage

pytestmark = pytest.mark.django_db

UNSEEN = Path(__file__).parent / "import_inputs" / "unseen_report.txt"


@pytest.fixture
def proposals(seeded):
    return extract(ImportText.from_text(UNSEEN.read_text()), Gazetteer.from_database())


def test_structure_of_an_unseen_report(proposals):
    assert proposals.document.document_type == "verslag"
    assert proposals.meeting.start_date == datetime.date(2024, 6, 13)
    assert proposals.meeting.end_date == datetime.date(2024, 6, 14)
    assert [(item.section, item.number) for item in proposals.agenda_items] == [
        ("bz", 1),
        ("bz", 2),
        ("justitie", 3),
    ]


def test_citations_in_text_and_footnote(proposals):
    assert {(c.number, c.sub_number) for c in proposals.citations} == {
        ("32317", "901"),
        ("32317", "899"),
    }
    assert any(c.in_footnote for c in proposals.citations)


def test_stage_date_resolved_against_the_meeting_when_the_report_has_no_date(proposals):
    coreper = [e for e in proposals.stage_events if e.stage == Stage.COREPER_ENDORSEMENT]
    assert [(e.dossier, e.date, e.expected) for e in coreper] == [
        ("schengengrenscode", datetime.date(2024, 6, 11), False)
    ]


def test_commitment_to_a_member_not_in_the_database(proposals):
    (commitment,) = proposals.commitments
    assert commitment.mps == ["Van Dijk"]
    assert commitment.debate_date == datetime.date(2024, 6, 5)
    assert commitment.fulfilled_here and commitment.matched_commitment is None


def test_every_passage_is_verbatim(proposals):
    text = ImportText.from_text(UNSEEN.read_text()).text
    for kind in proposals.KINDS:
        for proposal in getattr(proposals, kind):
            if getattr(proposal, "passage", ""):
                assert proposal.passage in text
