"""Accepting reviewed proposals: all in one transaction, each record with its source, no
duplicates when the same document is accepted again."""

import pytest
from django.core.exceptions import ValidationError

from dossiers.importing.accept import accept_import
from dossiers.models import (
    AgendaItem,
    Commitment,
    CouncilMeeting,
    DocumentImport,
    Dossier,
    Mention,
    Motion,
    ParliamentaryDocument,
    Stage,
    StageEvent,
)

pytestmark = pytest.mark.django_db

PASSAGE = "Het Voorzitterschap bereikte op 20 juni 2024 een politiek akkoord over de verordening."


def _accepted(**changes):
    accepted = {
        "document": {
            "document_type": "verslag",
            "title": "Verslag van de JBZ-Raad van 13 en 14 juni 2024",
            "date": "2024-06-28",
            "chamber": "TK",
            "citation": "Kamerstukken II 2023/24, 32 317, nr. 901",
        },
        "meeting": {
            "start_date": "2024-06-13",
            "end_date": "2024-06-14",
            "is_informal": False,
            "location": "Luxemburg",
        },
        "agenda_items": [{"section": "bz", "number": 1, "title": "Asiel en migratie"}],
        "citations": [{"canonical": "Kamerstukken II 2023/24, 32 317, nr. 867", "text": "x"}],
        "mentions": [
            {"dossier": "gvva-richtlijn", "name": "GVVA", "passage": PASSAGE},
            {"dossier": None, "name": "Terugkeerverordening", "passage": PASSAGE},
        ],
        "stage_events": [
            {
                "dossier": "gvva-richtlijn",
                "name": "GVVA",
                "stage": Stage.COUNCIL_ADOPTION,
                "date": "2024-06-13",
                "precision": "day",
                "expected": False,
                "passage": PASSAGE,
            }
        ],
        "commitments": [
            {
                "mps": ["Piri"],
                "debate_kind": "commissiedebat",
                "debate_date": "2024-06-05",
                "subject": "Terugkeer",
                "fulfilled_here": True,
                "matched_commitment": None,
                "passage": "Zoals toegezegd aan het lid Piri informeer ik uw Kamer over terugkeer.",
            },
            {
                "mps": [],
                "debate_kind": "",
                "debate_date": None,
                "subject": "Nadere informatie",
                "fulfilled_here": False,
                "matched_commitment": None,
                "passage": "Uw Kamer wordt binnenkort nader geïnformeerd.",
            },
        ],
        "motions": [
            {
                "citation": "Kamerstukken II 2023/24, 36 333, nr. 77",
                "submitters": ["Brekelmans"],
                "passage": "Met de motie van het lid Brekelmans wordt verzocht ...",
            }
        ],
    }
    accepted.update(changes)
    return accepted


@pytest.fixture
def document_import(seeded):
    return DocumentImport.objects.create(text="...", text_hash="x", proposals={})


def test_accepting_writes_every_kind_with_its_source(document_import):
    created = accept_import(document_import, _accepted())
    document = ParliamentaryDocument.objects.get(dossier_number="32317", sub_number="901")
    meeting = CouncilMeeting.objects.get(start_date="2024-06-13")
    assert meeting.location == "Luxemburg" and document in meeting.documents.all()
    assert AgendaItem.objects.filter(meeting=meeting, number=1).exists()
    event = StageEvent.objects.get(
        dossier__slug="gvva-richtlijn", stage=Stage.COUNCIL_ADOPTION, is_expected=False
    )
    assert (event.source_document, event.source_passage) == (document, PASSAGE)
    new = Dossier.objects.get(title="Terugkeerverordening")
    assert new.instrument_type == "verordening"
    assert Mention.objects.filter(dossier=new, meeting=meeting, source_document=document).exists()
    fulfilled = Commitment.objects.get(fulfilled_by_document=document)
    assert list(fulfilled.members.values_list("name", flat=True)) == ["Piri"]
    assert Commitment.objects.get(made_in_document=document).status == Commitment.Status.OPEN
    motion = Motion.objects.get(document__dossier_number="36333", document__sub_number="77")
    assert motion.reports.get().document == document
    document_import.refresh_from_db()
    assert document_import.status == DocumentImport.Status.ACCEPTED
    assert document_import.document == document
    assert created["stage_events"] == 1 and created["dossiers"] == 1


def test_accepting_twice_creates_nothing_new(document_import):
    accept_import(document_import, _accepted())
    counts = [model.objects.count() for model in (StageEvent, Mention, Commitment, Dossier)]
    created = accept_import(document_import, _accepted())
    assert created == {}
    assert [model.objects.count() for model in (StageEvent, Mention, Commitment, Dossier)] == counts


def test_a_refused_proposal_writes_nothing_at_all(document_import):
    stage_events = StageEvent.objects.count()
    withdrawn = Commitment.objects.open().one_off().first()
    withdrawn.status = Commitment.Status.WITHDRAWN
    withdrawn.save()
    commitments = _accepted()["commitments"]
    commitments[0]["matched_commitment"] = withdrawn.pk
    with pytest.raises(ValidationError):
        accept_import(document_import, _accepted(commitments=commitments))
    assert StageEvent.objects.count() == stage_events
    assert not CouncilMeeting.objects.filter(start_date="2024-06-13").exists()
    document_import.refresh_from_db()
    assert document_import.status == DocumentImport.Status.PENDING


def test_a_stage_the_kind_of_file_does_not_have_is_refused_and_nothing_written(
    document_import,
):
    events = _accepted()["stage_events"]
    events[0].update(dossier="europese-havenalliantie", stage=Stage.APPLICATION)
    with pytest.raises(ValidationError) as refused:
        accept_import(document_import, _accepted(stage_events=events))
    assert "kent geen stap 'Toepassing of omzettingstermijn'" in str(refused.value)
    assert not ParliamentaryDocument.objects.filter(sub_number="901").exists()


def test_a_matched_commitment_is_fulfilled_by_the_document(document_import):
    open_commitment = Commitment.objects.filter(status="open").one_off().first()
    commitments = _accepted()["commitments"][:1]
    commitments[0]["matched_commitment"] = open_commitment.pk
    accept_import(document_import, _accepted(commitments=commitments))
    open_commitment.refresh_from_db()
    assert open_commitment.status == Commitment.Status.FULFILLED
    assert open_commitment.fulfilled_by_document.sub_number == "901"
