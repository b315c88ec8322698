import datetime
import functools
import json
from pathlib import Path

import pytest
from django.conf import settings

from dossiers.models import Commitment, CouncilMeeting, Debate, Person
from dossiers.views import api

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"

# Session and user, looked up by the login middleware on every request.
LOGIN_QUERIES = 2


@functools.cache
def fixture_records(name, model):
    """The records of one model in a seed fixture file: the truth the API must reproduce."""
    records = json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))
    return [record for record in records if record["model"] == f"dossiers.{model}"]


def dossier_slugs():
    return {
        record["pk"]: record["fields"]["slug"]
        for record in fixture_records("30_dossiers.json", "dossier")
    }


def current_stages():
    """Each dossier's current stage, computed from the fixtures without the ORM."""
    latest = {}
    for record in fixture_records("50_stage_events.json", "stageevent"):
        fields = record["fields"]
        if fields["is_expected"]:
            continue
        key = (fields["date"] is not None, fields["date"] or "", fields["stage"], record["pk"])
        if fields["dossier"] not in latest or key > latest[fields["dossier"]][0]:
            latest[fields["dossier"]] = (key, fields["stage"])
    slugs = dossier_slugs()
    return {slugs[pk]: stage for pk, (_key, stage) in latest.items()}


def test_anonymous_request_is_redirected_to_login(client, seeded):
    response = client.get("/api/dossiers/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/api/dossiers/")


def test_search_finds_the_asylum_procedure_regulation(reader_client, seeded):
    data = reader_client.get("/api/dossiers/", {"q": "APR"}).json()
    assert data["count"] == 1
    [apr] = data["results"]
    assert apr["slug"] == "asielprocedureverordening"
    assert apr["short_name"] == "APR"
    assert apr["instrument_type"] == "verordening"
    assert apr["package"] == "asiel-en-migratiepact"
    assert apr["current_stage"]["code"] == 70
    assert apr["current_stage"]["label"] == "Voorlopig (politiek) akkoord"
    assert apr["current_stage_date"] == "2023-12-01"
    assert apr["url"] == "http://testserver/api/dossiers/asielprocedureverordening/"
    assert apr["page_url"] == "http://testserver/dossiers/asielprocedureverordening/"


def test_search_matches_aliases(reader_client, seeded):
    slugs = [
        dossier["slug"]
        for dossier in reader_client.get("/api/dossiers/", {"q": "Crisis"}).json()["results"]
    ]
    assert "crisisverordening" in slugs


@pytest.mark.parametrize("stage", [60, 70, 110])
def test_stage_filter_gives_the_dossiers_at_that_stage(reader_client, seeded, stage):
    data = reader_client.get("/api/dossiers/", {"stage": stage}).json()
    expected = {slug for slug, current in current_stages().items() if current == stage}
    assert expected
    assert {dossier["slug"] for dossier in data["results"]} == expected
    assert {dossier["current_stage"]["code"] for dossier in data["results"]} == {stage}


def test_filters_combine_like_the_register(reader_client, seeded):
    data = reader_client.get(
        "/api/dossiers/", {"package": "migratiepact", "instrument_type": "richtlijn"}
    ).json()
    assert [dossier["slug"] for dossier in data["results"]] == ["opvangrichtlijn"]


def test_dossier_without_stage_has_null_stage(reader_client, seeded):
    without_stage = sorted(set(dossier_slugs().values()) - set(current_stages()))
    assert without_stage
    results = reader_client.get("/api/dossiers/").json()["results"]
    by_slug = {dossier["slug"]: dossier for dossier in results}
    assert by_slug[without_stage[0]]["current_stage"] is None
    assert by_slug[without_stage[0]]["current_stage_date"] is None


def test_invalid_filters_are_a_400_naming_the_field(reader_client, seeded):
    response = reader_client.get(
        "/api/dossiers/", {"changed_since": "2024-13-45", "stage": "abc", "package": "\x00"}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()["errors"]) == {"changed_since", "stage", "package"}
    assert all(response.json()["errors"].values())


def test_changed_since_filter(reader_client, seeded):
    data = reader_client.get("/api/dossiers/", {"changed_since": "2026-11-22"}).json()
    # Every dossier in the fixtures was last edited on 22 November 2026.
    assert data["count"] == len(dossier_slugs())
    assert reader_client.get("/api/dossiers/", {"changed_since": "2100-01-01"}).json() == {
        "count": 0,
        "page": 1,
        "num_pages": 1,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_pages_cover_every_dossier_once(reader_client, seeded, monkeypatch):
    monkeypatch.setattr(api, "PAGE_SIZE", 10)
    first = reader_client.get("/api/dossiers/", {"policy_area": "bz"}).json()
    assert first["page"] == 1
    assert first["num_pages"] == -(-first["count"] // 10)
    assert first["previous"] is None
    assert "policy_area=bz" in first["next"] and "page=2" in first["next"]
    slugs = [dossier["slug"] for dossier in first["results"]]
    data = first
    while data["next"]:
        data = reader_client.get(data["next"]).json()
        slugs += [dossier["slug"] for dossier in data["results"]]
    assert data["previous"].endswith("page=" + str(data["num_pages"] - 1))
    assert len(slugs) == len(set(slugs)) == first["count"]


def test_bad_page_numbers_are_json_errors(reader_client, seeded):
    response = reader_client.get("/api/dossiers/", {"page": "abc"})
    assert response.status_code == 400
    assert "page" in response.json()["errors"]
    response = reader_client.get("/api/dossiers/", {"page": "99"})
    assert response.status_code == 404
    assert response.json()["error"]


def test_dossier_list_query_budget(reader_client, seeded, django_assert_max_num_queries):
    # count and page, with the package matched in the same queries.
    with django_assert_max_num_queries(LOGIN_QUERIES + 2):
        response = reader_client.get(
            "/api/dossiers/", {"package": "migratiepact", "q": "verordening"}
        )
    assert response.json()["count"] >= 5
    with django_assert_max_num_queries(LOGIN_QUERIES + 2):
        response = reader_client.get("/api/dossiers/")
    assert response.json()["count"] == len(dossier_slugs())


def test_dossier_detail_has_the_timeline_from_the_fixtures(reader_client, seeded):
    data = reader_client.get("/api/dossiers/asiel-en-migratiepact/").json()
    assert data["slug"] == "asiel-en-migratiepact"
    assert data["instrument_type"] == "pakket"
    assert data["package"] is None
    assert data["current_stage"]["code"] == current_stages()["asiel-en-migratiepact"]
    assert "Asiel- en Migratiepact" in data["aliases"]
    assert set(data["instruments"]) == {
        record["fields"]["slug"]
        for record in fixture_records("30_dossiers.json", "dossier")
        if record["fields"].get("parent") == 1
    }
    assert "asielprocedureverordening" in data["instruments"]
    assert "asiel-en-migratie" in {topic["slug"] for topic in data["topics"]}

    expected_events = {
        (
            record["pk"],
            record["fields"]["stage"],
            record["fields"]["date"],
            record["fields"]["precision"],
            record["fields"]["is_expected"],
            record["fields"]["source_document"],
            record["fields"]["source_passage"],
        )
        for record in fixture_records("50_stage_events.json", "stageevent")
        if record["fields"]["dossier"] == 1
    }
    events = {
        (
            event["id"],
            event["stage"]["code"],
            event["date"],
            event["precision"],
            event["expected"],
            event["source"]["document"],
            event["source"]["passage"],
        )
        for event in data["stage_events"]
    }
    assert events == expected_events
    half_year = next(event for event in data["stage_events"] if event["id"] == 14)
    assert half_year["date"] == "2024-01-01"
    assert half_year["precision"] == "half_year"
    assert half_year["expected"] is True
    assert half_year["stage"]["label"] == "Aanneming door de Raad"

    expected_mentions = {
        (record["fields"]["meeting"], record["fields"]["source_passage"])
        for record in fixture_records("60_mentions.json", "mention")
        if record["fields"]["dossier"] == 1
    }
    mentions = {
        (mention["meeting"]["id"], mention["source"]["passage"]) for mention in data["mentions"]
    }
    assert mentions == expected_mentions

    commitments = {commitment["id"]: commitment for commitment in data["commitments"]}
    assert set(commitments) == {10, 13}
    fulfilled = commitments[13]
    assert fulfilled["status"] == "fulfilled"
    assert fulfilled["fulfilled_on"] == "2024-02-02"
    assert fulfilled["fulfilled_by"]["document"] == 1
    [record] = [r for r in fixture_records("80_commitments.json", "commitment") if r["pk"] == 13]
    assert fulfilled["fulfilled_by"]["passage"] == record["fields"]["fulfilment_passage"]

    motions = {motion["subject"]: motion for motion in data["motions"]}
    dublin = motions["In ere herstellen van de Dublin-afspraken"]
    assert dublin["execution"] == "executed"
    assert [person["name"] for person in dublin["submitters"]] == ["van Haga"]
    assert dublin["reports"][0]["passage"].startswith("Het kabinet acht met de voorziene")


def test_dossier_detail_current_stage_agrees_with_the_list(reader_client, seeded):
    listed = {
        dossier["slug"]: (dossier["current_stage"], dossier["current_stage_date"])
        for dossier in reader_client.get("/api/dossiers/").json()["results"]
    }
    for slug in ("asiel-en-migratiepact", "csam-verordening", "schengengrenscode"):
        detail = reader_client.get(f"/api/dossiers/{slug}/").json()
        assert (detail["current_stage"], detail["current_stage_date"]) == listed[slug]


def test_unknown_dossier_is_a_json_404(reader_client, seeded):
    response = reader_client.get("/api/dossiers/does-not-exist/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "does-not-exist" in response.json()["error"]


@pytest.mark.parametrize("slug", ["asielprocedureverordening", "asiel-en-migratiepact"])
def test_dossier_detail_query_budget(reader_client, seeded, django_assert_max_num_queries, slug):
    # The dossier and its eleven prefetches, however long its timeline.
    with django_assert_max_num_queries(LOGIN_QUERIES + 12):
        response = reader_client.get(f"/api/dossiers/{slug}/")
    assert response.json()["stage_events"]


def test_meeting_list_by_year(reader_client, seeded):
    data = reader_client.get("/api/meetings/", {"year": "2024"}).json()
    assert [(m["start_date"], m["end_date"]) for m in data["results"]] == [
        ("2024-03-04", "2024-03-05"),
        ("2024-01-25", "2024-01-26"),
    ]
    assert data["results"][1]["informal"] is True
    assert data["results"][1]["location"] == "Brussel"
    every = reader_client.get("/api/meetings/").json()
    assert every["count"] == len(fixture_records("00_spine.json", "councilmeeting"))


@pytest.mark.parametrize("year", ["abc", "2024.5", "20x4", "0", "10000"])
def test_meeting_year_must_be_a_whole_number(reader_client, seeded, year):
    response = reader_client.get("/api/meetings/", {"year": year})
    assert response.status_code == 400
    assert response.json()["errors"]["year"]


def test_meeting_detail_of_the_informal_council_of_january_2024(reader_client, seeded):
    meeting = CouncilMeeting.objects.get(start_date=datetime.date(2024, 1, 25))
    data = reader_client.get(f"/api/meetings/{meeting.pk}/").json()
    assert data["label"] == "Informele JBZ-Raad 25-26 januari 2024"
    assert (data["start_date"], data["end_date"]) == ("2024-01-25", "2024-01-26")
    assert data["informal"] is True
    assert data["presidency"] == "België"

    expected_items = [
        (record["fields"]["section"], record["fields"]["number"], record["fields"]["title"])
        for record in fixture_records("40_agenda_items.json", "agendaitem")
        if record["fields"]["meeting"] == meeting.pk
    ]
    items = [(item["section"], item["number"], item["title"]) for item in data["agenda_items"]]
    assert items == sorted(expected_items)
    first = data["agenda_items"][0]
    assert first["title"] == "Strategische discussie over migratiebeleid"
    assert first["format"] == "werksessie"
    # Three documents mention temporary protection under this item: it is listed once.
    assert first["dossiers"].count("richtlijn-tijdelijke-bescherming") == 1
    assert "asiel-en-migratiepact" in first["dossiers"]

    assert {document["id"] for document in data["documents"]} == {1, 2, 3, 4}
    # Made in the committee debate of 18 January 2024 before this Council.
    made = {c["id"]: c for c in data["commitments_made"]}
    assert set(made) == {2, 3, 4}
    assert made[4]["debate"] == {"kind": "commissiedebat", "date": "2024-01-18"}
    assert [member["name"] for member in made[4]["members"]] == ["Faber-Van de Klashorst"]
    # Fulfilled in one of the four documents of this Council (agenda, report, cover letters).
    fulfilled = {
        record["pk"]
        for record in fixture_records("80_commitments.json", "commitment")
        if record["fields"]["fulfilled_by_document"] in {1, 2, 3, 4}
    }
    assert {c["id"] for c in data["commitments_fulfilled"]} == fulfilled == {2, 3, 4, 9, 13}
    assert [check["commitment"] for check in data["standing_commitment_checks"]] == [1]


def test_unknown_meeting_is_a_json_404(reader_client, seeded):
    response = reader_client.get("/api/meetings/9999/")
    assert response.status_code == 404
    assert response.json()["error"]


def test_meeting_query_budget(reader_client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(LOGIN_QUERIES + 2):
        reader_client.get("/api/meetings/", {"year": "2024"})
    meeting = CouncilMeeting.objects.get(start_date=datetime.date(2024, 3, 4))
    # Meeting, agenda items, mentions, documents; two commitment lists and their members;
    # standing-commitment checks.
    with django_assert_max_num_queries(LOGIN_QUERIES + 9):
        response = reader_client.get(f"/api/meetings/{meeting.pk}/")
    assert len(response.json()["agenda_items"]) > 10


def test_open_commitments_are_exactly_the_open_ones(reader_client, seeded):
    data = reader_client.get("/api/commitments/", {"status": "open"}).json()
    expected = {
        record["pk"]
        for record in fixture_records("80_commitments.json", "commitment")
        if record["fields"]["status"] == "open"
    }
    assert {commitment["id"] for commitment in data["results"]} == expected
    standing = next(c for c in data["results"] if c["fulfilment_mode"] == "standing")
    assert standing["subject"] == "Mensenrechten in elk verslag van de JBZ-Raad"
    assert standing["overdue"] is False
    every = reader_client.get("/api/commitments/").json()
    assert every["count"] == len(fixture_records("80_commitments.json", "commitment"))


def test_commitment_status_is_validated(reader_client, seeded):
    response = reader_client.get("/api/commitments/", {"status": "done"})
    assert response.status_code == 400
    assert response.json()["errors"]["status"]


def test_commitment_past_its_date_is_overdue(reader_client, seeded):
    made_by = Person.objects.get(pk=3)
    overdue = Commitment.objects.create(
        subject="Brief over de uitvoering",
        text="De Kamer voor de zomer informeren.",
        made_by=made_by,
        debate=Debate.objects.get(date=datetime.date(2024, 1, 18)),
        fulfilment_mode=Commitment.FulfilmentMode.BY_DATE,
        due_date=datetime.date(2024, 7, 1),
    )
    results = reader_client.get("/api/commitments/", {"status": "open"}).json()["results"]
    by_id = {commitment["id"]: commitment for commitment in results}
    assert by_id[overdue.pk]["overdue"] is True
    assert by_id[overdue.pk]["due_date"] == "2024-07-01"
    assert by_id[overdue.pk]["made_on"] == "2024-01-18"
    assert by_id[overdue.pk]["made_by"]["name"] == f"{made_by.initials} {made_by.name}".strip()
    assert [c["id"] for c in results if c["overdue"]] == [overdue.pk]


def test_commitment_list_query_budget(reader_client, seeded, django_assert_max_num_queries):
    # count, page, members of the page.
    with django_assert_max_num_queries(LOGIN_QUERIES + 3):
        response = reader_client.get("/api/commitments/")
    assert response.json()["count"] == 13
