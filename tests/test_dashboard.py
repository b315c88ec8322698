"""The dashboard, seen on a chosen day (peildatum) so that the seed data is current."""

import datetime

import pytest
from django.urls import reverse

from dossiers.dates import Precision
from dossiers.models import (
    Commitment,
    CouncilMeeting,
    Debate,
    Dossier,
    ParliamentaryDocument,
    Stage,
    StageEvent,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dossiers:dashboard")


def test_dashboard_is_the_home_page(seeded, reader_client):
    response = reader_client.get("/")
    assert response.status_code == 200
    assert response.context["today"] == datetime.date.today()


def test_next_and_last_council(seeded, reader_client):
    response = reader_client.get(DASHBOARD, {"peildatum": "2024-02-01"})
    assert str(response.context["next_meeting"]) == "JBZ-Raad 4-5 maart 2024"
    assert str(response.context["last_meeting"]) == "Informele JBZ-Raad 25-26 januari 2024"


def test_stage_changes_of_the_last_90_days(seeded, reader_client):
    response = reader_client.get(DASHBOARD, {"peildatum": "2024-02-01"})
    changes = response.context["recent_changes"]
    assert all(
        datetime.date(2023, 11, 3) <= event.date <= datetime.date(2024, 2, 1) for event in changes
    )
    assert ("gvva-richtlijn", Stage.COREPER_ENDORSEMENT) in {
        (event.dossier.slug, event.stage) for event in changes
    }


def test_expected_milestones_include_periods_that_overlap_the_window(seeded, reader_client):
    response = reader_client.get(DASHBOARD, {"peildatum": "2024-02-01"})
    milestones = list(response.context["milestones"])
    assert milestones and all(event.is_expected for event in milestones)
    # "begin februari" (month) and "H1 2024" (half year) both overlap 1 February - 1 April.
    precisions = {event.precision for event in milestones}
    assert {Precision.MONTH, Precision.HALF_YEAR} <= precisions
    # Half a year later the February milestone is behind, the second half of 2024 ahead.
    later = reader_client.get(DASHBOARD, {"peildatum": "2024-08-01"}).context["milestones"]
    assert datetime.date(2024, 2, 1) not in {event.date for event in later}
    assert all(event.date >= datetime.date(2024, 7, 1) for event in later)


def test_due_soon_and_overdue_commitments(seeded, reader_client):
    debate = Debate.objects.get(date="2024-02-29")
    late = Commitment.objects.create(
        subject="Brief over terugkeer",
        text="-",
        debate=debate,
        fulfilment_mode="by_date",
        due_date=datetime.date(2024, 2, 15),
    )
    soon = Commitment.objects.create(
        subject="Appreciatie Raadsconclusies",
        text="-",
        debate=debate,
        fulfilment_mode="by_date",
        due_date=datetime.date(2024, 3, 10),
    )
    response = reader_client.get(DASHBOARD, {"peildatum": "2024-03-01"})
    assert list(response.context["overdue"]) == [late]
    assert list(response.context["due_soon"]) == [soon]
    assert "Brief over terugkeer" in response.content.decode()


def test_a_malformed_day_is_reported_and_today_is_used(seeded, reader_client):
    response = reader_client.get(DASHBOARD, {"peildatum": "31-02-2024"})
    assert response.status_code == 200
    assert response.context["form"].errors["peildatum"]
    assert response.context["today"] == datetime.date.today()
    assert "Voer een geldige datum in." in response.content.decode()


def test_dashboard_query_count_does_not_grow(seeded, reader_client, django_assert_max_num_queries):
    dossier = Dossier.objects.first()
    StageEvent.objects.bulk_create(
        StageEvent(dossier=dossier, stage=Stage.TRILOGUES, date=datetime.date(2024, 1, n + 1))
        for n in range(20)
    )
    # Session, user, the menu's permissions, the two meetings, the two commitment lists and
    # the members of each (on 1 February 2024 both lists hold commitments: those fulfilled in
    # March were open then), the newest document's date, and per stage list its candidates
    # and the statements of their steps.
    with django_assert_max_num_queries(14):
        reader_client.get(DASHBOARD, {"peildatum": "2024-02-01"})


def test_the_start_page_says_how_old_the_newest_data_is_and_links_to_that_day(
    seeded, reader_client
):
    response = reader_client.get(DASHBOARD, {"peildatum": "2026-12-07"})
    # The report of the JBZ-Raad of 4-5 March 2024 has no date: it is known from the day
    # after that Council (StageEventQuerySet.known_on).
    assert response.context["newest_data"] == datetime.date(2024, 3, 6)
    html = response.content.decode()
    notice = html.split('id="data-age"')[1].split("</p>")[0]
    assert "De nieuwste gegevens in de tracker zijn van 6 maart 2024" in notice
    assert 'href="?peildatum=2024-03-06"' in notice
    # On that day the page shows the newest data (the report's Council conclusions adopted on
    # 5 March), and no notice.
    on_the_day = reader_client.get(DASHBOARD, {"peildatum": "2024-03-06"})
    assert 'id="data-age"' not in on_the_day.content.decode()
    assert ("raadsconclusies-handvest-grondrechten-2024", Stage.COUNCIL_ADOPTION) in {
        (event.dossier.slug, event.stage) for event in on_the_day.context["recent_changes"]
    }


def test_the_meeting_of_a_dated_document_does_not_make_the_data_newer(db):
    meeting = CouncilMeeting.objects.create(
        start_date=datetime.date(2024, 3, 4), end_date=datetime.date(2024, 3, 5)
    )
    agenda = ParliamentaryDocument.objects.create(
        title="Geannoteerde agenda", date=datetime.date(2024, 2, 20)
    )
    agenda.meetings.add(meeting)
    assert ParliamentaryDocument.objects.newest_date() == datetime.date(2024, 2, 20)


def test_an_empty_tracker_says_so(db, reader_client):
    html = reader_client.get(DASHBOARD).content.decode()
    assert "De tracker bevat nog geen gedateerde gegevens tot en met deze dag." in html
