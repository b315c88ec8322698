"""The EU side: each procedure's public pages, and the European Parliament's procedure events
proposed as stage events (tests/source_responses/europarl)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dossiers.citations import europarl_process_id, procedure_links
from dossiers.dates import Precision
from dossiers.models import (
    Dossier,
    PolicyArea,
    Source,
    SourceProposal,
    SourceSync,
    Stage,
    StageEvent,
)
from dossiers.sources import europarl
from dossiers.sources.http import SourceError
from dossiers.sources.sync import accept_proposal, dismiss_proposal, sync_europarl

from .source_fakes import kept_json, serve_europarl

pytestmark = pytest.mark.django_db

PROCEDURE = "2099/0001(COD)"


def test_a_procedure_links_to_the_legislative_observatory_and_eur_lex():
    assert procedure_links("2022/0155(COD)") == [
        (
            "Legislative Observatory",
            "https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file"
            "?reference=2022/0155(COD)",
        ),
        ("EUR-Lex", "https://eur-lex.europa.eu/procedure/EN/2022_155"),
    ]
    assert procedure_links("COM(2022) 209") == []
    assert europarl_process_id("2022/0155(COD)") == "2022-0155"
    assert europarl_process_id("2022/155") == ""


def test_the_dossier_page_links_to_the_procedure(procedure_dossier, reader_client):
    html = reader_client.get(procedure_dossier.get_absolute_url()).content.decode()
    assert 'href="https://eur-lex.europa.eu/procedure/EN/2099_1"' in html
    assert "Legislative Observatory" in html


def test_the_events_of_a_procedure_are_read_with_their_stage():
    events = europarl.parse_events(kept_json("europarl/events_2099-0001.json"))
    assert [(e.activity_type, e.date, e.stage) for e in events] == [
        ("COMMITTEE_VOTE", datetime.date(2099, 2, 10), Stage.EP_COMMITTEE_VOTE),
        ("PLENARY_DEBATE", datetime.date(2099, 3, 11), None),
        ("PLENARY_VOTE", datetime.date(2099, 3, 12), Stage.EP_PLENARY_VOTE),
    ]
    assert events[0].label == "Stemming in de commissie (geconstrueerd)"


@pytest.mark.parametrize("answer", [[], {"data": "geen lijst"}, {"@context": []}])
def test_an_answer_without_a_list_of_events_is_refused(answer):
    with pytest.raises(SourceError, match="zonder lijst"):
        europarl.parse_events(answer)


def test_the_events_become_proposals_once(procedure_dossier, fake_sources):
    serve_europarl(fake_sources)
    summary = sync_europarl(report=lambda line: None)
    assert summary == {"dossiers": 1, "proposed": 2, "left_aside_PLENARY_DEBATE": 1}
    proposals = SourceProposal.objects.order_by("data__date")
    assert [(p.stage, p.date) for p in proposals] == [
        (Stage.EP_COMMITTEE_VOTE, datetime.date(2099, 2, 10)),
        (Stage.EP_PLENARY_VOTE, datetime.date(2099, 3, 12)),
    ]
    assert {p.source_url for p in proposals} == {procedure_links(PROCEDURE)[0][1]}
    assert not StageEvent.objects.exists()  # nothing is recorded until an editor accepts
    sync = SourceSync.objects.get()
    assert (sync.source, sync.succeeded) == (Source.EUROPEAN_PARLIAMENT, True)
    lines = dict(sync.summary_lines())
    assert lines["fase-gebeurtenissen voorgesteld"] == 2
    assert lines["andere gebeurtenissen, geen fase"] == 1

    assert sync_europarl(report=lambda line: None) == {
        "dossiers": 1,
        "known": 2,
        "left_aside_PLENARY_DEBATE": 1,
    }
    assert SourceProposal.objects.count() == 2


def test_an_accepted_event_is_recorded_with_its_source_named(
    procedure_dossier, fake_sources, editor
):
    serve_europarl(fake_sources)
    sync_europarl(report=lambda line: None)
    proposal = SourceProposal.objects.get(data__activity_type="PLENARY_VOTE")
    accept_proposal(proposal, editor)
    event = StageEvent.objects.get(dossier=procedure_dossier)
    assert (event.stage, event.date, event.is_expected) == (
        Stage.EP_PLENARY_VOTE,
        datetime.date(2099, 3, 12),
        False,
    )
    assert "Europees Parlement (open data)" in event.note
    assert "PLENARY_VOTE" in event.source_passage
    # Recorded: the next sync knows it.
    dismiss_proposal(SourceProposal.objects.get(data__activity_type="COMMITTEE_VOTE"), editor)
    assert sync_europarl(report=lambda line: None)["known"] == 2


def test_a_stage_already_recorded_on_that_day_is_not_proposed(procedure_dossier, fake_sources):
    StageEvent.objects.create(
        dossier=procedure_dossier, stage=Stage.EP_PLENARY_VOTE, date=datetime.date(2099, 3, 12)
    )
    serve_europarl(fake_sources)
    summary = sync_europarl(report=lambda line: None)
    assert (summary["proposed"], summary["known"]) == (1, 1)


def test_a_stage_recorded_on_another_day_is_not_proposed(procedure_dossier, fake_sources):
    """The editors recorded the plenary vote by the month: the Parliament's day adds nothing."""
    StageEvent.objects.create(
        dossier=procedure_dossier,
        stage=Stage.EP_PLENARY_VOTE,
        date=datetime.date(2099, 3, 1),
        precision=Precision.MONTH,
    )
    serve_europarl(fake_sources)
    summary = sync_europarl(report=lambda line: None)
    assert (summary["proposed"], summary["known"]) == (1, 1)
    assert not SourceProposal.objects.filter(data__activity_type="PLENARY_VOTE").exists()


def test_an_event_the_kind_of_dossier_has_no_stage_for_is_refused(
    procedure_dossier, fake_sources, editor
):
    procedure_dossier.instrument_type = Dossier.InstrumentType.COMMUNICATION
    procedure_dossier.save()
    serve_europarl(fake_sources)
    sync_europarl(report=lambda line: None)
    proposal = SourceProposal.objects.get(data__activity_type="PLENARY_VOTE")
    with pytest.raises(ValidationError, match="kent geen stap"):
        accept_proposal(proposal, editor)
    assert not StageEvent.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == SourceProposal.Status.PENDING


def test_a_procedure_that_cannot_be_read_is_reported_and_the_run_fails_if_none_can(
    procedure_dossier, fake_sources
):
    serve_europarl(fake_sources, status=404)
    lines = []
    with pytest.raises(SourceError, match="HTTP 404"):
        sync_europarl(report=lines.append)
    assert lines and PROCEDURE in lines[0]
    sync = SourceSync.objects.get()
    assert not sync.succeeded
    assert sync.summary == {"dossiers": 1, "failed": 1}
    assert not SourceProposal.objects.exists()


def test_one_unreadable_procedure_does_not_stop_the_others(procedure_dossier, fake_sources):
    Dossier.objects.create(
        title="Tweede voorbeeld (geconstrueerd)",
        slug="tweede-voorbeeld",
        procedure_reference="2099/0002(COD)",
        policy_area=PolicyArea.HOME_AFFAIRS,
    )
    serve_europarl(fake_sources)
    serve_europarl(fake_sources, process_id="2099-0002", body="niet-json")
    summary = sync_europarl(report=lambda line: None)
    assert (summary["failed"], summary["proposed"]) == (1, 2)
    assert SourceSync.objects.get().succeeded
