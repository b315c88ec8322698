"""The Word drafts: the annotated agenda and the report of a Council, and the quarterly
overview; opened again with python-docx, footnotes included."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from dossiers.drafts.documents import (
    annotated_agenda_docx,
    quarterly_overview_docx,
    report_docx,
)
from dossiers.drafts.meeting import meeting_draft
from dossiers.drafts.word import DOCX, WordDocument
from dossiers.models import (
    AgendaItem,
    Commitment,
    CouncilMeeting,
    Dossier,
    Mention,
    Motion,
    ParliamentaryDocument,
    Stage,
    StageEvent,
)
from dossiers.overview import quarterly_overview

from .word_files import footnote_references, footnotes, paragraphs, tables

pytestmark = pytest.mark.django_db

d = datetime.date


@pytest.fixture
def round_before(sample):
    """The Council before the sample's, where the Dutch position on the Pact was given, and a
    stage the Pact reached in between."""
    earlier = CouncilMeeting.objects.create(start_date=d(2024, 1, 25), end_date=d(2024, 1, 26))
    report = ParliamentaryDocument.objects.create(
        dossier_number="32317",
        sub_number="867",
        session_year="2023-2024",
        document_type=ParliamentaryDocument.DocumentType.REPORT,
        date=d(2024, 2, 2),
    )
    Mention.objects.create(
        meeting=earlier,
        dossier=sample["pact"],
        dutch_position="Nederland steunt het akkoord.",
        source_document=report,
        source_passage="Nederland steunt het akkoord.",
    )
    StageEvent.objects.create(
        dossier=sample["pact"],
        stage=Stage.COREPER_ENDORSEMENT,
        date=d(2024, 2, 8),
        source_document=report,
        source_passage="Coreper stemde in",
    )
    return earlier


def test_a_footnote_is_a_real_word_footnote():
    word = WordDocument("Test")
    first = word.paragraph("Eerste feit.")
    word.footnote(first, "Kamerstukken II 2023/24, 32 317, nr. 867")
    second = word.paragraph("Tweede feit.")
    word.footnote(second, "Kamerstukken II 2023/24, 32 317, nr. 872")
    data = word.to_bytes()
    assert footnotes(data) == {
        1: "Kamerstukken II 2023/24, 32 317, nr. 867",
        2: "Kamerstukken II 2023/24, 32 317, nr. 872",
    }
    assert footnote_references(data) == [1, 2]
    assert paragraphs(data) == ["Eerste feit.", "Tweede feit."]


def test_a_control_character_from_a_pdf_does_not_break_the_draft():
    """Text read from a PDF may keep a stray control character, which XML cannot hold."""
    word = WordDocument("Test")
    line = word.paragraph("Coreper\x02 stemde in.", label="Fase\x0b: ")
    word.footnote(
        line, "Kamerstukken II 2023/24, 32 317, nr. 867: \u201cCoreper\x07 stemde in\u201d"
    )
    word.table(["kop\x01"], [["cel\x1f"]])
    data = word.to_bytes()
    assert paragraphs(data) == ["Fase: Coreper stemde in."]
    assert footnotes(data) == {
        1: "Kamerstukken II 2023/24, 32 317, nr. 867: \u201cCoreper stemde in\u201d"
    }
    assert tables(data) == [[["kop"], ["cel"]]]


def test_the_annotated_agenda_follows_the_council_agenda(sample, round_before):
    data = annotated_agenda_docx(meeting_draft(sample["meeting"]))
    text = paragraphs(data)
    notes = footnotes(data)
    assert text[0] == "Geannoteerde agenda JBZ-Raad 4-5 maart 2024 (concept)"
    assert "Binnenlandse Zaken" in text
    assert "6. Externe dimensie van migratie" in text
    assert "Asiel- en Migratiepact" in text
    assert "Fase: Akkoord in Coreper" in text
    # What changed since the previous Council, with its source.
    assert "Sinds de vorige Raad (JBZ-Raad 25-26 januari 2024): " in text
    assert "8 februari 2024: Akkoord in Coreper" in text
    assert "Kamerstukken II 2023/24, 32 317, nr. 867: “Coreper stemde in”" in notes.values()
    # The last Dutch position given, with its source.
    assert (
        "Laatst gegeven inzet: Nederland steunt het akkoord. (JBZ-Raad 25-26 januari 2024)" in text
    )
    # The motion on the Pact, cited canonically.
    assert "Motie: Dublin-afspraken (onbekend)" in text
    assert "Kamerstukken II 2023/24, 36 333, nr. 50" in notes.values()
    # The commitment due in this Council's report, where it was made.
    assert any(line.startswith("Partnerschap met Egypte: Informeren over") for line in text)
    assert (
        "Toezegging aan het lid Piri in het commissiedebat JBZ-Raad 4 en 5 maart 2024, "
        "d.d. 29 februari 2024" in notes.values()
    )
    assert "Staande toezeggingen" in text
    assert "Inzet Nederland: […]" in text
    assert footnote_references(data) == sorted(notes)


def test_a_step_two_documents_state_is_one_line_with_both_sources(sample, round_before):
    letter = ParliamentaryDocument.objects.create(
        dossier_number="32317", sub_number="870", session_year="2023-2024", date=d(2024, 2, 20)
    )
    StageEvent.objects.create(
        dossier=sample["pact"],
        stage=Stage.COREPER_ENDORSEMENT,
        date=d(2024, 2, 1),
        precision="month",
        source_document=letter,
        source_passage="In februari stemde Coreper in.",
    )
    data = annotated_agenda_docx(meeting_draft(sample["meeting"]))
    text = paragraphs(data)
    assert "8 februari 2024: Akkoord in Coreper" in text
    assert "februari 2024: Akkoord in Coreper" not in text
    notes = footnotes(data).values()
    assert "Kamerstukken II 2023/24, 32 317, nr. 867: “Coreper stemde in”" in notes
    assert "Kamerstukken II 2023/24, 32 317, nr. 870: “In februari stemde Coreper in.”" in notes


def test_the_report_skeleton_has_a_paragraph_per_commitment_to_fulfil(sample):
    sample["piri"].party = "GroenLinks-PvdA"
    sample["piri"].save()
    data = report_docx(meeting_draft(sample["meeting"]))
    text = paragraphs(data)
    assert text[0] == "Verslag JBZ-Raad 4-5 maart 2024 (concept)"
    assert "6. Externe dimensie van migratie" in text
    assert "Belangrijkste resultaat: […]" in text
    assert (
        "Toezegging aan het lid Piri (GroenLinks-PvdA): "
        "Informeren over de plannen van de Commissie met Egypte" in text
    )
    # The standing one was made to no member in particular.
    assert (
        "Toezegging aan de Kamer: In het verslag van de JBZ-Raad altijd terugkomen op "
        "mensenrechten" in text
    )
    assert text.count("Uitvoering: […]") == 2


def test_a_fulfilled_commitment_is_not_in_the_round(sample):
    commitment = sample["commitment"]
    commitment.status = Commitment.Status.FULFILLED
    commitment.fulfilled_by_document = sample["report"]
    commitment.save()
    draft = meeting_draft(sample["meeting"])
    assert draft.due_commitments == []
    assert [c.subject for c in draft.standing] == ["Mensenrechten in elk verslag"]


def test_the_drafts_of_the_seed_data_cite_the_seeds(seeded, django_assert_max_num_queries):
    meeting = CouncilMeeting.objects.get(start_date=d(2024, 3, 4))
    with django_assert_max_num_queries(11):
        draft = meeting_draft(meeting)
        data = annotated_agenda_docx(draft)
    text = paragraphs(data)
    assert "1. Staat van het Schengengebied, incl. Schengenbarometer" in text
    assert "Herziening van het visumopschortingsmechanisme" in text
    # The position on Bulgaria and Romania given at the Council of 4-5 December 2023, with
    # the passage of Kamerstuk 32 317, nr. 867 that reports it.
    assert any(
        note.startswith("Kamerstukken II 2023/24, 32 317, nr. 867: “In het verslag van de JBZ")
        for note in footnotes(data).values()
    )
    report = report_docx(draft)
    assert (
        "Toezegging aan het lid Podt: In het verslag van de JBZ-Raad altijd terugkomen op de "
        "bespreking van mensenrechten tijdens die Raad." in paragraphs(report)
    )


def test_the_drafts_take_a_fixed_number_of_queries(sample, round_before):
    """As many queries for a Council with one item as for one with eleven, each with its own
    dossier, position, stage change, motion and commitment."""

    def count():
        with CaptureQueriesContext(connection) as queries:
            annotated_agenda_docx(meeting_draft(sample["meeting"]))
            report_docx(meeting_draft(sample["meeting"]))
        return len(queries)

    before = count()
    for number in range(10):
        item = AgendaItem.objects.create(
            meeting=sample["meeting"], section="justitie", number=number + 1, title=f"Punt {number}"
        )
        dossier = Dossier.objects.create(title=f"Dossier {number}", slug=f"dossier-{number}")
        Mention.objects.create(meeting=sample["meeting"], agenda_item=item, dossier=dossier)
        Mention.objects.create(
            meeting=round_before,
            dossier=dossier,
            dutch_position=f"Inzet {number}",
            source_document=sample["agenda"],
        )
        StageEvent.objects.create(
            dossier=dossier,
            stage=Stage.PROPOSAL,
            date=d(2024, 2, 1),
            source_document=sample["agenda"],
        )
        motion_document = ParliamentaryDocument.objects.create(
            dossier_number="36333", sub_number=str(100 + number), document_type="motie"
        )
        motion = Motion.objects.create(document=motion_document, subject=f"Motie {number}")
        motion.dossiers.add(dossier)
        commitment = Commitment.objects.create(
            subject=f"Toezegging {number}",
            text="Informeren",
            debate=sample["debate"],
            fulfilment_mode=Commitment.FulfilmentMode.IN_REPORT,
            due_meeting=sample["meeting"],
        )
        commitment.dossiers.add(dossier)
        commitment.members.add(sample["piri"])
    assert count() == before


def test_the_quarterly_overview_in_word_has_the_spreadsheets_rows(seeded):
    overview = quarterly_overview(2024, 1)
    data = quarterly_overview_docx(overview)
    [table] = tables(data)
    dataset = overview.as_dataset()
    assert table[0] == list(dataset.headers)
    assert len(table) - 1 == dataset.height > 0
    assert table[1] == [str(value) for value in dataset[0]]


def test_the_quarterly_overview_names_each_change_once_in_columns_that_fit(seeded):
    data = quarterly_overview_docx(quarterly_overview(2023, 4))
    [table] = tables(data)
    bulgaria = next(row for row in table if row[0].startswith("Besluit van de Raad betreffende"))
    # "30 december 2023" (32 317, nr. 867) and "december jl." (the March report): one change.
    assert bulgaria[-1] == "30 december 2023: Aanneming door de Raad"
    widths = [
        int(column.get(qn("w:w")))
        for column in Document(io.BytesIO(data)).tables[0]._tbl.iter(qn("w:gridCol"))
    ]
    assert len(widths) == 9 and widths[0] == max(widths) and widths[1] == min(widths)


@pytest.mark.parametrize(
    "name, args",
    [
        ("dossiers:meeting_agenda_docx", lambda s: [s["meeting"].pk]),
        ("dossiers:meeting_report_docx", lambda s: [s["meeting"].pk]),
        ("dossiers:quarterly_overview_docx", lambda s: [2024, 1]),
    ],
)
def test_a_reader_downloads_the_drafts(sample, reader_client, name, args):
    response = reader_client.get(reverse(name, args=args(sample)))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert ".docx" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert paragraphs(data)


def test_a_draft_of_no_meeting_is_not_found(reader_client):
    assert reader_client.get(reverse("dossiers:meeting_agenda_docx", args=[999])).status_code == 404


def test_the_meeting_page_links_to_the_drafts(sample, reader_client):
    html = reader_client.get(reverse("dossiers:meeting_detail", args=[sample["meeting"].pk]))
    page = html.content.decode()
    assert reverse("dossiers:meeting_agenda_docx", args=[sample["meeting"].pk]) in page
    assert reverse("dossiers:meeting_report_docx", args=[sample["meeting"].pk]) in page


def test_a_council_without_a_recorded_agenda_says_so_in_both_drafts(seeded):
    october_2021 = CouncilMeeting.objects.get(start_date="2021-10-07")
    draft = meeting_draft(october_2021)
    assert draft.sections == [] and draft.other_dossiers == []
    unknown = "Agenda onbekend: geen van de vastgelegde documenten geeft de agenda van deze Raad."
    assert unknown in paragraphs(annotated_agenda_docx(draft))
    assert unknown in paragraphs(report_docx(draft))


def test_without_a_previous_council_the_changes_reach_back_as_far_as_the_round(sample):
    StageEvent.objects.create(dossier=sample["pact"], stage=Stage.PROPOSAL, date=d(2020, 9, 23))
    StageEvent.objects.create(
        dossier=sample["pact"], stage=Stage.TRILOGUES, date=d(2024, 2, 1), precision="month"
    )
    draft = meeting_draft(sample["meeting"])
    assert draft.previous is None
    pact = next(
        dossier
        for _section, items in draft.sections
        for item in items
        for dossier in item.dossiers
        if dossier.dossier == sample["pact"]
    )
    assert [(event.stage, event.date) for event in pact.changes] == [
        (Stage.TRILOGUES, d(2024, 2, 1))
    ]
