"""Spot facts from the seed documents in the people, documents, debates, commitments and motions
fixtures (fixtures/10, 20, 70, 80 and 90)."""

import datetime

import pytest
from django.urls import reverse

from dossiers.citations import find_citations, parse_citation, session_years_possible
from dossiers.models import (
    Commitment,
    Debate,
    Motion,
    ParliamentaryDocument,
    Person,
    StandingCommitmentCheck,
)

from .conftest import SEEDS_DIR, seed_text

pytestmark = pytest.mark.django_db

d = datetime.date

SEED_000 = "000_a1fef7c9b2080e2a.txt"
SEED_001 = "001_7468cf160a9047f9.txt"
SEED_002 = "002_a12f43510f00c640.txt"
SEED_003 = "003_6edfb0a9bfd7a98c.txt"
SEED_004 = "004_13dbb4aa5636ca58.txt"


def document(citation):
    return ParliamentaryDocument.objects.for_citation(parse_citation(citation)).get()


def member(name):
    return Person.objects.get(name=name, role=Person.Role.MEMBER)


def test_members_of_parliament_as_printed(seeded):
    names = {
        "Piri",
        "Koekkoek",
        "Podt",
        "Mutluer",
        "Faber-Van de Klashorst",
        "Brekelmans",
        "van Haga",
        "van den Brink",
        "Ceder",
        "Veldkamp",
        "Bisschop",
    }
    members = Person.objects.filter(role=Person.Role.MEMBER)
    assert names <= set(members.values_list("name", flat=True))
    assert all(person.chamber == "TK" for person in members.filter(name__in=names))
    assert member("Mutluer").party == "GL PvdA"
    assert member("Faber-Van de Klashorst").party == "PVV"
    # Only two seeds give a party.
    assert member("Piri").party == ""
    assert member("Bisschop").party == ""


def test_every_kamerstuk_cited_in_the_seeds_is_a_document(seeded):
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        for found in find_citations(seed_text(path.name)):
            assert ParliamentaryDocument.objects.for_citation(found.citation).exists(), (
                path.name,
                found.text,
            )


def test_budget_chapter_motion_parses_into_its_fields(seeded):
    motie = document("Kamerstukken II 2023-2024, 36 410 VI nr. 85")
    assert motie.pk == 120
    assert (motie.chamber, motie.dossier_number, motie.dossier_chapter, motie.sub_number) == (
        "TK",
        "36410",
        "VI",
        "85",
    )
    assert motie.session_year == "2023-2024"
    assert motie.document_type == ParliamentaryDocument.DocumentType.MOTION


def test_joint_dossier_and_lettered_citations(seeded):
    joint = document("Kamerstukken II 2021–2022 33 552 en 29 279 nr. 88")
    assert joint.joint_dossier_numbers == "29279"
    assert joint.session_year == "2021-2022"
    lettered = document("Kamerstukken II 2021–2022, 35 913, B.")
    assert lettered.sub_number == "B"
    # The citation says "Kamerstukken II"; the lettered sub-number is noted as a discrepancy.
    assert lettered.chamber == "TK"
    assert "DISCREPANTIE" in lettered.notes


def test_bnc_fiches(seeded):
    mensenhandel = document("Kamerstukken II, 2022–23, 22 112-3627")
    assert mensenhandel.document_type == ParliamentaryDocument.DocumentType.BNC_FICHE
    assert mensenhandel.date == d(2023, 2, 24)
    routekaart = document("Kamerstukken II 2023/24, 22 112, nr. 3842.")
    assert routekaart.document_type == ParliamentaryDocument.DocumentType.BNC_FICHE
    assert routekaart.date == d(2023, 11, 8)
    schengengrenscode = document("Kamerstukken II, 2021–22, 22 112, nr. 3298")
    assert schengengrenscode.document_type == ParliamentaryDocument.DocumentType.BNC_FICHE
    assert "Schengengrenscode" in schengengrenscode.title


def test_report_of_december_council_and_its_cover_letter(seeded):
    cover_letter = document("Kamerstuk 32 317, nr. 866")
    assert cover_letter.document_type == ParliamentaryDocument.DocumentType.COVER_LETTER
    assert cover_letter.date == d(2023, 12, 15)
    assert list(cover_letter.meetings.values_list("pk", flat=True)) == [4]
    report = cover_letter.enclosures.get()
    assert report.document_type == ParliamentaryDocument.DocumentType.REPORT
    assert list(report.meetings.values_list("pk", flat=True)) == [4]


def test_documents_tied_to_councils(seeded):
    agenda_march = document("Kamerstukken 2023-2024 nr 32317-872")
    assert agenda_march.document_type == ParliamentaryDocument.DocumentType.ANNOTATED_AGENDA
    assert list(agenda_march.meetings.values_list("pk", flat=True)) == [2]
    non_papers = agenda_march.enclosures.get()
    assert non_papers.sub_number == "" and "Non-papers" in non_papers.title
    report_september = document("Kamerstukken II, 2022/23, 32317, nr. 853")
    assert report_september.date == d(2023, 10, 9)
    assert list(report_september.meetings.values_list("pk", flat=True)) == [7]
    assert list(document("Kamerstuk II, 2021–22, 32 317, nr. 760").meetings.all()) == [
        report_september.meetings.model.objects.get(pk=5)
    ]
    written = document("Kamerstukken II, 2023/24, 32317, nr. 859")
    assert written.document_type == ParliamentaryDocument.DocumentType.WRITTEN_CONSULTATION
    assert list(written.meetings.values_list("pk", flat=True)) == [3]


def test_quarterly_overview_is_enclosed_in_the_senate_letter(seeded):
    overview = ParliamentaryDocument.objects.get(title__startswith="Vierde kwartaaloverzicht 2023")
    assert overview.enclosed_in_id == 1
    assert overview.chamber == "EK"


def test_debates_with_dates_resolved_from_jl(seeded):
    asylum_policy = Debate.objects.get(subject="Asiel- en Vreemdelingenbeleid")
    assert asylum_policy.date == d(2023, 12, 20)
    aliens_asylum = Debate.objects.get(subject="Vreemdelingen en Asiel")
    assert aliens_asylum.date == d(2023, 12, 22)
    january = Debate.objects.get(date=d(2024, 1, 18))
    assert january.kind == Debate.Kind.COMMITTEE_DEBATE
    assert january.meeting_id == 1
    assert Debate.objects.get(date=d(2024, 2, 29)).meeting_id == 2
    budget = Debate.objects.get(date=d(2024, 1, 29))
    assert budget.kind == Debate.Kind.LEGISLATIVE_CONSULTATION
    assert "begroting van Justitie en Veiligheid" in budget.subject


def test_commitment_to_piri_on_visa_free_asylum_applications(seeded):
    commitment = Commitment.objects.get(subject__contains="visumvrije nationaliteiten")
    assert list(commitment.members.all()) == [member("Piri")]
    assert commitment.made_by.name == "van der Burg"
    assert commitment.debate.date == d(2024, 2, 29)
    assert commitment.fulfilled_by_document_id == 5
    # The report of 4-5 March 2024 prints no date: fulfilled, with no invented date.
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.fulfilled_on is None
    assert "visumvrije nationaliteiten" in commitment.fulfilment_passage


def test_commitments_from_the_debate_of_18_january(seeded):
    commitments = Commitment.objects.filter(debate__date=d(2024, 1, 18))
    assert commitments.count() == 3
    assert commitments.filter(members=member("Mutluer")).count() == 2
    faber = commitments.get(members=member("Faber-Van de Klashorst"))
    assert faber.made_by_id == 1
    for commitment in commitments:
        assert commitment.status == Commitment.Status.FULFILLED
        assert commitment.fulfilled_by_document_id == 1
        assert commitment.fulfilled_on == d(2024, 2, 2)


def test_standing_human_rights_commitment(seeded):
    standing = Commitment.objects.get(members=member("Podt"))
    assert standing.fulfilment_mode == Commitment.FulfilmentMode.STANDING
    assert standing.status == Commitment.Status.OPEN
    assert standing.debate.meeting.location == "Stockholm"
    assert standing.debate.date is None
    # The passage honouring it is in the cover letter (document 1), not in the report (2).
    check = StandingCommitmentCheck.objects.get(commitment=standing)
    assert check.document_id == 1
    assert check.passage.startswith("Tijdens deze Raad was er één tafelronde over migratie.")


def test_promise_in_the_agenda_letter_is_kept_in_the_next_report(seeded):
    promise = Commitment.objects.get(made_in_document=3)
    assert promise.made_in_passage == (
        "U zult over de voortgang worden geïnformeerd via het verslag van deze JBZ-raad."
    )
    assert promise.due_meeting_id == 1
    assert promise.status == Commitment.Status.FULFILLED
    assert promise.fulfilled_by_document_id == 1


def test_promises_to_inform_later_stay_open(seeded):
    sixth_report = Commitment.objects.get(made_in_passage__contains="zesde rapport")
    assert sixth_report.made_in_document_id == 5
    assert sixth_report.status == Commitment.Status.OPEN
    trafficking = Commitment.objects.get(made_in_passage__contains="Een verdere appreciatie")
    assert trafficking.to_chamber == "EK"
    assert trafficking.status == Commitment.Status.OPEN
    assert list(trafficking.dossiers.values_list("slug", flat=True)) == ["mensenhandelrichtlijn"]


def test_schengen_commitment_of_20_december(seeded):
    commitment = Commitment.objects.get(debate__date=d(2023, 12, 20))
    assert commitment.made_by.role == Person.Role.STATE_SECRETARY
    assert commitment.fulfilment_mode == Commitment.FulfilmentMode.BY_ACTION
    assert commitment.fulfilled_by_document_id == 3
    assert commitment.fulfilled_on == d(2024, 1, 15)
    assert list(commitment.dossiers.values_list("slug", flat=True)) == [
        "schengentoetreding-bulgarije-roemenie"
    ]


def test_motions(seeded):
    van_haga = Motion.objects.get(document=document("Kamerstukken 2023–2024, 36 333 nr. 50"))
    assert list(van_haga.submitters.all()) == [member("van Haga")]
    assert van_haga.execution == Motion.Execution.EXECUTED
    assert van_haga.outcome == Motion.Outcome.UNKNOWN
    pact = Motion.objects.get(document=document("Kamerstukken 2022–2023, 32 317, nr. 839"))
    assert set(pact.submitters.values_list("name", flat=True)) == {"van den Brink", "Ceder"}
    bisschop = Motion.objects.get(document=document("Kamerstukken 2022/2023, 32 317, nr. 836"))
    assert list(bisschop.reports.values_list("document_id", flat=True)) == [6]
    assert list(bisschop.dossiers.values_list("slug", flat=True)) == ["terugkeerrichtlijn"]
    veldkamp = Motion.objects.get(document__dossier_chapter="VI")
    assert list(veldkamp.reports.values_list("document_id", flat=True)) == [5]
    assert veldkamp.execution == Motion.Execution.IN_PROGRESS


def test_every_session_year_fits_the_documents_date(seeded):
    """The seeds misprint two: "2022–23" for nr. 865 (December 2023) and "2022/23" for nr. 853
    of 9 October 2023. The fixtures record the year the date gives; the model refuses others."""
    for paper in ParliamentaryDocument.objects.exclude(date=None).exclude(session_year=""):
        assert paper.session_year in session_years_possible(paper.date), paper
    assert document("32 317, nr. 853").session_year == "2023-2024"
    assert document("32 317, nr. 865").session_year == "2023-2024"
    assert document("32 317, nr. 866").session_year == "2023-2024"


def test_the_commitments_page_cites_nr_865_in_its_session_year(seeded, reader_client):
    html = reader_client.get(reverse("dossiers:commitment_list")).content.decode()
    assert "Kamerstukken II 2023/24, 32 317, nr. 865" in html
    assert "2022/23, 32 317, nr. 865" not in html
