import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar

from dossiers.dates import period_end
from dossiers.models import Commitment, CouncilMeeting, Debate, Stage, StageEvent
from dossiers.models.stage import LATEST_FIRST, one_per_stage

d = datetime.date
ATOM = "{http://www.w3.org/2005/Atom}"
LOGIN_QUERIES = 2


# The seed data is from 2021-2024: a day from which the calendar's window covers all of it.
SEED_PEILDATUM = "2021-12-01"


def calendar_events(client, peildatum=SEED_PEILDATUM):
    response = client.get("/agenda.ics", {"peildatum": peildatum} if peildatum else {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def day_span(event):
    return event.decoded("DTSTART"), event.decoded("DTEND")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.mark.parametrize("url", ["/agenda.ics", "/feed/stadia/"])
def test_anonymous_request_is_redirected_to_login(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/login/?next={url}")


def test_calendar_has_every_council_meeting_as_an_all_day_event(reader_client, seeded):
    events = calendar_events(reader_client)
    meetings = list(CouncilMeeting.objects.all())
    assert len(meetings) == 8
    for meeting in meetings:
        event = events[f"meeting-{meeting.pk}@jbztracker"]
        assert str(event["SUMMARY"]) == str(meeting)
        # An all-day DTEND is exclusive.
        assert day_span(event) == (meeting.start_date, meeting.end_date + datetime.timedelta(1))
    january = CouncilMeeting.objects.get(start_date=d(2024, 1, 25))
    informal = events[f"meeting-{january.pk}@jbztracker"]
    assert str(informal["SUMMARY"]) == "Informele JBZ-Raad 25-26 januari 2024"
    assert day_span(informal) == (d(2024, 1, 25), d(2024, 1, 27))
    assert str(informal["LOCATION"]) == "Brussel"
    assert str(informal["URL"]) == f"http://testserver/raden/{january.pk}/"


def test_calendar_spans_the_period_of_each_expected_stage(reader_client, seeded, english):
    events = calendar_events(reader_client)
    expected = (
        StageEvent.objects.expected()
        .not_reached()
        .exclude(date=None)
        .select_related("dossier", "source_document")
    )
    assert expected.count() == 20
    # Five steps are stated twice; each is one entry on the calendar.
    telling = one_per_stage(list(expected))
    assert len(telling) == 15
    assert {f"stage-event-{event.pk}@jbztracker" for event in telling} == {
        uid for uid in events if uid.startswith("stage-event-")
    }
    for stage_event in telling:
        event = events[f"stage-event-{stage_event.pk}@jbztracker"]
        last_day = period_end(stage_event.date, stage_event.precision)
        assert day_span(event) == (stage_event.date, last_day + datetime.timedelta(1))
    # The Pact's Coreper agreement: "februari 2024" (32 317, nr. 867) restated as "H1 2024"
    # (the letter of 2 February 2024).
    pact = expected.filter(dossier__slug="asiel-en-migratiepact", stage=Stage.COREPER_ENDORSEMENT)
    assert sorted(event.precision for event in pact) == ["half_year", "month"]
    february = pact.get(precision="month")
    assert day_span(events[f"stage-event-{february.pk}@jbztracker"]) == (
        d(2024, 2, 1),
        d(2024, 3, 1),
    )
    ai_act = events[f"stage-event-{expected.get(dossier__slug='ai-verordening').pk}@jbztracker"]
    # Without a short name, the title.
    assert str(ai_act["SUMMARY"]) == "Expected: Council adoption – AI-verordening"
    assert day_span(ai_act) == (d(2024, 1, 1), d(2024, 7, 1))
    schengen = expected.get(dossier__slug="schengengrenscode", stage=70)
    assert str(events[f"stage-event-{schengen.pk}@jbztracker"]["SUMMARY"]) == (
        "Expected: Provisional (political) agreement – SGC"
    )
    # Undated and actual events are not on the calendar.
    undated = StageEvent.objects.expected().filter(date=None).first()
    actual = StageEvent.objects.actual().exclude(date=None).first()
    assert f"stage-event-{undated.pk}@jbztracker" not in events
    assert f"stage-event-{actual.pk}@jbztracker" not in events


def test_calendar_has_open_commitments_on_their_due_date(reader_client, seeded):
    debate = Debate.objects.get(date=d(2024, 1, 18))
    due = Commitment.objects.create(
        subject="Brief over de uitvoering",
        text="De Kamer voor de zomer informeren.",
        debate=debate,
        fulfilment_mode=Commitment.FulfilmentMode.BY_DATE,
        due_date=d(2024, 7, 1),
    )
    withdrawn = Commitment.objects.create(
        subject="Ingetrokken",
        text="Niet meer nodig.",
        debate=debate,
        fulfilment_mode=Commitment.FulfilmentMode.BY_DATE,
        due_date=d(2024, 8, 1),
        status=Commitment.Status.WITHDRAWN,
    )
    events = calendar_events(reader_client)
    event = events[f"commitment-{due.pk}@jbztracker"]
    assert "Brief over de uitvoering" in str(event["SUMMARY"])
    assert day_span(event) == (d(2024, 7, 1), d(2024, 7, 2))
    assert f"commitment-{withdrawn.pk}@jbztracker" not in events
    assert len(events) == 8 + 15 + 1


def test_calendar_leaves_out_an_expected_stage_once_reached(reader_client, seeded):
    events = calendar_events(reader_client)
    # Reaching a stage takes its expectation off the calendar: the partnership with Egypt,
    # expected on 17 March 2024 and (vaguer, the same report) in H1 2024, one entry.
    egypt = StageEvent.objects.expected().filter(dossier__slug="partnerschap-egypte", stage=70)
    uids = {f"stage-event-{event.pk}@jbztracker" for event in egypt}
    assert len(uids) == 2 and len(uids & set(events)) == 1
    StageEvent.objects.create(dossier=egypt[0].dossier, stage=70, date=d(2024, 3, 17))
    assert not uids & set(calendar_events(reader_client))


def test_calendar_covers_the_last_three_months_and_what_is_ahead(reader_client, seeded):
    events = calendar_events(reader_client, peildatum="2024-03-04")
    meetings = {
        meeting.start_date
        for meeting in CouncilMeeting.objects.all()
        if f"meeting-{meeting.pk}@jbztracker" in events
    }
    # From 3 December 2023 on: the Councils of December, January and March.
    assert meetings == {d(2023, 12, 4), d(2024, 1, 25), d(2024, 3, 4)}
    starts = [event.decoded("DTSTART") for uid, event in events.items() if uid.startswith("stage")]
    assert starts and min(starts) == d(2024, 1, 1)
    # Without a day: from three months before today.
    today = timezone.localdate()
    coming = CouncilMeeting.objects.create(
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=11),
    )
    events = calendar_events(reader_client, peildatum=None)
    assert set(events) == {f"meeting-{coming.pk}@jbztracker"}


def test_calendar_refuses_a_day_it_cannot_read(reader_client, seeded):
    response = reader_client.get("/agenda.ics", {"peildatum": "2024-13-45"})
    assert response.status_code == 400
    assert "Voer een geldige datum in." in response.content.decode()


def test_calendar_uids_are_stable(reader_client, seeded):
    assert set(calendar_events(reader_client)) == set(calendar_events(reader_client))


def test_calendar_query_budget(reader_client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(LOGIN_QUERIES + 3):
        reader_client.get("/agenda.ics")


def test_stage_feed_lists_the_latest_stages_reached(reader_client, seeded):
    response = reader_client.get("/feed/stadia/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    latest = list(
        StageEvent.objects.actual()
        .exclude(date=None)
        .select_related("dossier")
        .order_by(*LATEST_FIRST)[:50]
    )
    assert len(entries) == len(latest) > 10
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert ids == [f"tag:jbztracker,2024:stage-event-{event.pk}" for event in latest]

    newest, entry = latest[0], entries[0]
    assert newest.date == d(2024, 3, 7)
    assert entry.findtext(f"{ATOM}title") == (f"{newest.dossier} — {newest.get_stage_display()}")
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver/dossiers/{newest.dossier.slug}/#stage-event-{newest.pk}"
    assert newest.source_passage in entry.findtext(f"{ATOM}summary")
    published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    assert published == datetime.datetime(2024, 3, 7, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert entry.findtext(f"{ATOM}published") == "2024-03-07T00:00:00+01:00"
    dates = [datetime.datetime.fromisoformat(e.findtext(f"{ATOM}published")) for e in entries]
    assert dates == sorted(dates, reverse=True)


def test_stage_feed_keeps_fifty(reader_client, seeded):
    apr = StageEvent.objects.filter(dossier__slug="asielprocedureverordening").first().dossier
    StageEvent.objects.bulk_create(
        StageEvent(dossier=apr, stage=60, date=d(2024, 4, 1) + datetime.timedelta(days))
        for days in range(60)
    )
    feed = ET.fromstring(reader_client.get("/feed/stadia/").content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 50
    # Summer time: midnight in Amsterdam is +02:00.
    assert entries[0].findtext(f"{ATOM}published") == "2024-05-30T00:00:00+02:00"


def test_stage_feed_query_budget(reader_client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(LOGIN_QUERIES + 1):
        reader_client.get("/feed/stadia/")
