"""The follow-up checklist for a report, ticking off, and the commitment lists."""

import datetime

import pytest
from django.urls import reverse

from dossiers.models import (
    Commitment,
    CouncilMeeting,
    Debate,
    ParliamentaryDocument,
    Person,
    StandingCommitmentCheck,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def march_2024():
    return CouncilMeeting.objects.get(start_date="2024-03-04")


@pytest.fixture
def open_commitment(seeded, march_2024):
    """An open commitment due in the report of the Council of 4-5 March 2024."""
    commitment = Commitment.objects.create(
        subject="Stand van zaken visumopschorting",
        text="De minister informeert de Kamer in het verslag.",
        debate=Debate.objects.get(date="2024-02-29"),
        fulfilment_mode=Commitment.FulfilmentMode.IN_REPORT,
        due_meeting=march_2024,
    )
    commitment.members.add(Person.objects.get(name="Piri"))
    return commitment


def _tick_off(client, meeting, commitment, data):
    """Post the tick-off form of `commitment` on the checklist of `meeting`."""
    return client.post(
        reverse("dossiers:checklist", args=[meeting.pk]), {"commitment": commitment.pk, **data}
    )


def _tick_off_form(commitment):
    return f'name="commitment" value="{commitment.pk}"'


def test_checklist_has_due_standing_and_overdue_sections(
    open_commitment, march_2024, reader_client
):
    overdue = Commitment.objects.create(
        subject="Brief over terugkeer",
        text="Voor 1 januari 2024.",
        debate=Debate.objects.get(date="2024-02-29"),
        fulfilment_mode=Commitment.FulfilmentMode.BY_DATE,
        due_date=datetime.date(2024, 1, 1),
    )
    response = reader_client.get(reverse("dossiers:checklist", args=[march_2024.pk]))
    due = [c.subject for c in response.context["due"]]
    assert "Stand van zaken visumopschorting" in due
    # The three commitments to Piri and Koekkoek fulfilled in the March report are ticked.
    assert {"Asielaanvragen door personen met visumvrije nationaliteiten"} <= set(due)
    assert [c.subject for c in response.context["standing"]] == [
        "Mensenrechten in elk verslag van de JBZ-Raad"
    ]
    assert overdue in response.context["overdue"]
    html = response.content.decode()
    assert "☑" in html and "☐" in html


def test_reader_sees_the_checklist_but_no_tick_off_form(open_commitment, march_2024, reader_client):
    response = reader_client.get(reverse("dossiers:checklist", args=[march_2024.pk]))
    assert _tick_off_form(open_commitment) not in response.content.decode()


def test_reader_cannot_tick_off(open_commitment, march_2024, reader_client):
    report = ParliamentaryDocument.objects.get(pk=5)
    response = _tick_off(
        reader_client, march_2024, open_commitment, {"document": report.pk, "passage": "x"}
    )
    assert response.status_code == 403
    open_commitment.refresh_from_db()
    assert open_commitment.status == Commitment.Status.OPEN


def test_editor_ticks_off_with_document_and_passage_kept_in_history(
    open_commitment, march_2024, editor, editor_client
):
    report = ParliamentaryDocument.objects.get(pk=5)  # the report of 4-5 March 2024, undated
    checklist = reverse("dossiers:checklist", args=[march_2024.pk])
    assert _tick_off_form(open_commitment) in editor_client.get(checklist).content.decode()
    response = _tick_off(
        editor_client,
        march_2024,
        open_commitment,
        {
            "document": report.pk,
            "passage": "Over de visumopschorting ...",
            "fulfilled_on": "2024-03-20",
        },
    )
    assert response.status_code == 302
    open_commitment.refresh_from_db()
    assert open_commitment.status == Commitment.Status.FULFILLED
    assert open_commitment.fulfilled_by_document == report
    assert open_commitment.fulfilled_on == datetime.date(2024, 3, 20)
    latest = open_commitment.history.first()
    assert latest.history_user == editor
    assert latest.status == Commitment.Status.FULFILLED
    page = editor_client.get(checklist)
    assert "Afgedaan: Stand van zaken visumopschorting" in page.content.decode()


def test_ticking_off_twice_records_once(open_commitment, march_2024, editor_client):
    data = {"document": 5, "passage": "Passage.", "fulfilled_on": "2024-03-20"}
    _tick_off(editor_client, march_2024, open_commitment, data)
    versions = open_commitment.history.count()
    _tick_off(editor_client, march_2024, open_commitment, data)
    assert open_commitment.history.count() == versions


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"document": 5, "passage": " "}, "Dit veld is verplicht."),
        ({"document": 5, "passage": "Passage.", "fulfilled_on": "20-20-2024"}, "geldige datum"),
        ({"document": 5, "passage": "Passage."}, "geen datum"),  # the report prints no date
        (
            {"document": 1, "passage": "Passage."},
            "Selecteer een geldige keuze",
        ),  # not of this meeting
        ({"document": "abc", "passage": "Passage."}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_tick_off_is_refused_with_a_message_and_changes_nothing(
    open_commitment, march_2024, editor_client, data, message
):
    versions = open_commitment.history.count()
    response = _tick_off(editor_client, march_2024, open_commitment, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    open_commitment.refresh_from_db()
    assert open_commitment.status == Commitment.Status.OPEN
    assert open_commitment.history.count() == versions


def test_standing_commitment_is_checked_per_report(seeded, march_2024, editor_client):
    standing = Commitment.objects.standing().get()
    response = _tick_off(
        editor_client,
        march_2024,
        standing,
        {
            "document": 5,
            "passage": "Mensenrechten kwamen aan de orde.",
            "fulfilled_on": "2024-03-20",
        },
    )
    assert response.status_code == 302
    assert StandingCommitmentCheck.objects.filter(commitment=standing, document_id=5).exists()
    standing.refresh_from_db()
    assert standing.status == Commitment.Status.OPEN


def test_standing_commitment_ticked_off_with_the_undated_report_needs_no_date(
    seeded, march_2024, editor_client
):
    """The form says "leave empty to use the document's date"; a standing commitment is
    addressed in the report, not fulfilled on a day, so the undated report is enough."""
    standing = Commitment.objects.standing().get()
    assert ParliamentaryDocument.objects.get(pk=5).date is None
    response = _tick_off(
        editor_client, march_2024, standing, {"document": 5, "passage": "Mensenrechten."}
    )
    assert response.status_code == 302
    assert StandingCommitmentCheck.objects.filter(commitment=standing, document_id=5).exists()


def test_the_tick_off_form_of_a_standing_commitment_asks_no_date(seeded, march_2024, editor_client):
    standing = Commitment.objects.standing().get()
    html = editor_client.get(reverse("dossiers:checklist", args=[march_2024.pk])).content
    form = html.decode().split(_tick_off_form(standing))[1].split("</form>")[0]
    assert 'name="passage"' in form
    assert 'name="fulfilled_on"' not in form


def test_a_refused_tick_off_is_answered_on_the_checklist_with_the_passage_kept(
    open_commitment, march_2024, editor_client
):
    checklist = reverse("dossiers:checklist", args=[march_2024.pk])
    form = editor_client.get(checklist).content.decode().split(_tick_off_form(open_commitment))[0]
    assert form.rsplit("<form", 1)[1].startswith(f' method="post" action="{checklist}#')
    response = _tick_off(
        editor_client, march_2024, open_commitment, {"document": 5, "passage": "Mijn passage."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit document heeft geen datum" in html
    assert "Mijn passage.</textarea>" in html


def test_a_tick_off_of_an_unknown_commitment_is_refused(seeded, march_2024, editor_client):
    response = editor_client.post(
        reverse("dossiers:checklist", args=[march_2024.pk]),
        {"commitment": 999999, "document": 5, "passage": "x"},
    )
    assert response.status_code == 400
    assert "Deze toezegging bestaat niet (meer)." in response.content.decode()


def test_anonymous_cannot_tick_off(open_commitment, march_2024, client):
    response = _tick_off(client, march_2024, open_commitment, {"document": 5, "passage": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_print_view_has_no_forms(open_commitment, march_2024, editor_client):
    response = editor_client.get(
        reverse("dossiers:checklist", args=[march_2024.pk]), {"afdrukken": 1}
    )
    html = response.content.decode()
    assert "Stand van zaken visumopschorting" in html
    assert _tick_off_form(open_commitment) not in html


def test_checklist_query_count_is_bounded(
    open_commitment, march_2024, editor_client, django_assert_max_num_queries
):
    for n in range(20):
        commitment = Commitment.objects.create(
            subject=f"Toezegging {n}",
            text="Tekst.",
            debate=open_commitment.debate,
            fulfilment_mode=Commitment.FulfilmentMode.IN_REPORT,
            due_meeting=march_2024,
        )
        commitment.members.add(*Person.objects.filter(role="member")[:2])
    with django_assert_max_num_queries(16):
        response = editor_client.get(reverse("dossiers:checklist", args=[march_2024.pk]))
    assert len(response.context["due"]) >= 21


def test_commitment_lists_group_by_member_minister_and_status(seeded, reader_client):
    url = reverse("dossiers:commitment_list")
    by_member = dict(reader_client.get(url, {"groep": "mp"}).context["groups"])
    assert {c.subject for c in by_member["Piri"]} >= {
        "Asielaanvragen door personen met visumvrije nationaliteiten",
        "Plannen van de Commissie voor het partnerschap met Egypte",
    }
    by_minister = dict(reader_client.get(url, {"groep": "minister"}).context["groups"])
    assert any("Van der Burg" in name or "van der Burg" in name for name in by_minister)
    by_status = dict(reader_client.get(url, {"status": "open"}).context["groups"])
    assert list(by_status) == ["open"]
    assert len(by_status["open"]) == Commitment.objects.open().count() == 3


def test_commitment_list_query_count_is_bounded(
    seeded, reader_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        reader_client.get(reverse("dossiers:commitment_list"), {"groep": "mp"})


def test_commitment_list_finds_a_member_by_name_once_per_commitment(seeded, reader_client):
    url = reverse("dossiers:commitment_list")
    to_piri = set(Commitment.objects.filter(members__name="Piri").values_list("subject", flat=True))
    assert to_piri
    for text in ("Piri", "piri", " PIRI "):
        page = reader_client.get(url, {"member": text}).context["page"]
        subjects = [commitment.subject for commitment in page]
        assert sorted(subjects) == sorted(to_piri)
    # A commitment made to two members who both match is listed once.
    both = Commitment.objects.filter(members__name="Piri").first()
    both.members.add(Person.objects.create(name="Piringa", role=Person.Role.MEMBER, chamber="TK"))
    page = reader_client.get(url, {"member": "Piri"}).context["page"]
    assert [c.pk for c in page].count(both.pk) == 1
    assert not reader_client.get(url, {"member": "Niemand"}).context["page"].object_list
