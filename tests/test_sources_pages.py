"""The editors' pages of the official sources, and the daily command."""

import datetime

import pytest
import responses
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dossiers.models import (
    Commitment,
    Dossier,
    Source,
    SourceProposal,
    SourceSync,
    Stage,
    StageEvent,
)
from dossiers.sources import officielebekendmakingen
from dossiers.views import sources as sources_views

from .source_fakes import SRU, TK_ROOT, query_of, serve_europarl, serve_tweede_kamer

pytestmark = pytest.mark.django_db

HEALTH = reverse("dossiers:source_health")
PROPOSALS = reverse("dossiers:source_proposals")


def _sync(source, succeeded=True, **fields):
    sync = SourceSync.objects.create(source=source, succeeded=succeeded, **fields)
    sync.finished_at = sync.started_at
    sync.save()
    return sync


def _stage_proposal(procedure_dossier, key, stage=100, date="2099-03-12"):
    return SourceProposal.objects.create(
        source=Source.EUROPEAN_PARLIAMENT,
        kind=SourceProposal.Kind.STAGE_EVENT,
        key=key,
        dossier=procedure_dossier,
        data={"stage": stage, "date": date, "activity_type": "PLENARY_VOTE", "label": key},
    )


# -- the health page --------------------------------------------------------------------------


def test_the_health_page_shows_each_source(
    editor_client, procedure_dossier, django_assert_num_queries
):
    _sync(Source.OFFICIAL_PUBLICATIONS, summary={"found": 3, "known": 2, "imported": 1})
    _sync(Source.TWEEDE_KAMER, summary={"commitments_created": 4})
    _sync(
        Source.TWEEDE_KAMER,
        succeeded=False,
        message="Tweede Kamer (open data): gegevensmagazijn.tweedekamer.nl antwoordde met "
        "HTTP 503.",
    )
    _stage_proposal(procedure_dossier, "a")
    # Session, user and permissions (4), the latest runs (two per source), the pending counts,
    # the recent runs.
    with django_assert_num_queries(12):
        response = editor_client.get(HEALTH)
    html = response.content.decode()
    assert "Officiële bekendmakingen" in html
    assert "gevonden: 3, al bekend: 2, bewaard ter beoordeling: 1" in html
    assert "toezeggingen toegevoegd: 4" in html
    assert "antwoordde met HTTP 503" in html  # the failure of the last run
    assert "Europees Parlement (open data)" in html
    assert "nog nooit gedraaid" in html  # the European Parliament was never synced
    row = html[html.index("Europees Parlement (open data)</th>") :].split("</tr>")[0]
    assert row.rstrip().endswith("<td>1</td>")  # one proposal waits


def test_a_sync_still_running_is_shown_as_running(editor_client):
    SourceSync.objects.create(source=Source.TWEEDE_KAMER)  # started, not finished
    html = editor_client.get(HEALTH).content.decode()
    row = html[html.index("Tweede Kamer (open data)</th>") :].split("</tr>")[0]
    assert "bezig sinds" in row
    assert "mislukt" not in row
    assert 'class="failing"' not in html


def test_readers_do_not_see_the_sources(reader_client, editor):
    assert reader_client.get(HEALTH).status_code == 403
    assert reader_client.get(PROPOSALS).status_code == 403
    assert HEALTH not in reader_client.get(reverse("dossiers:dashboard")).content.decode()
    editor_client = Client()
    editor_client.force_login(editor)
    assert HEALTH in editor_client.get(reverse("dossiers:dashboard")).content.decode()


# -- the proposals ----------------------------------------------------------------------------


def test_the_proposals_are_listed_in_a_fixed_number_of_queries(
    editor_client, seeded, procedure_dossier, django_assert_num_queries
):
    commitment = Commitment.objects.get(pk=7)
    for number in range(3):
        _stage_proposal(procedure_dossier, f"e{number}", date=f"2099-03-1{number}")
        SourceProposal.objects.create(
            source=Source.TWEEDE_KAMER,
            kind=SourceProposal.Kind.COMMITMENT_CHANGE,
            key=f"c{number}",
            commitment=commitment,
            data={"changes": {"status": ["fulfilled", "open"]}},
        )
    # Session, user and permissions (4), the count, the page with its dossiers and commitments.
    with django_assert_num_queries(6):
        response = editor_client.get(PROPOSALS)
    html = response.content.decode()
    assert "6 voorstellen te beoordelen" in html
    assert f"{procedure_dossier}</strong></a>: {Stage.EP_PLENARY_VOTE.label}, 10 maart 2099" in html
    assert "Nederlandse migratie-inzet in Egypte" in html
    assert "<td>afgedaan</td><td>open</td>" in html


def test_an_editor_accepts_and_dismisses(editor_client, editor, procedure_dossier):
    accepted, dismissed = (
        _stage_proposal(procedure_dossier, "a"),
        _stage_proposal(procedure_dossier, "b", stage=90),
    )
    decide = "dossiers:proposal_decide"
    response = editor_client.post(reverse(decide, args=[accepted.pk]), {"decision": "accept"})
    assert response["Location"] == PROPOSALS
    editor_client.post(reverse(decide, args=[dismissed.pk]), {"decision": "dismiss"})
    assert StageEvent.objects.get(dossier=procedure_dossier).date == datetime.date(2099, 3, 12)
    accepted.refresh_from_db()
    dismissed.refresh_from_db()
    assert (accepted.status, accepted.decided_by) == (SourceProposal.Status.ACCEPTED, editor)
    assert dismissed.status == SourceProposal.Status.DISMISSED
    assert "Er wachten geen voorstellen" in editor_client.get(PROPOSALS).content.decode()


def test_a_decision_returns_to_the_page_and_source_it_was_made_on(editor_client, procedure_dossier):
    proposal = _stage_proposal(procedure_dossier, "a")
    url = reverse("dossiers:proposal_decide", args=[proposal.pk])
    response = editor_client.post(f"{url}?bron=europarl&page=2", {"decision": "dismiss"})
    assert response["Location"] == f"{PROPOSALS}?bron=europarl&page=2"
    # What is no source or no page is not passed on.
    other = _stage_proposal(procedure_dossier, "b")
    url = reverse("dossiers:proposal_decide", args=[other.pk])
    response = editor_client.post(f"{url}?bron=elders&page=x", {"decision": "dismiss"})
    assert response["Location"] == PROPOSALS


def test_the_proposals_are_filtered_by_source(editor_client, seeded, procedure_dossier):
    _stage_proposal(procedure_dossier, "a")
    SourceProposal.objects.create(
        source=Source.TWEEDE_KAMER,
        kind=SourceProposal.Kind.COMMITMENT_CHANGE,
        key="c",
        commitment=Commitment.objects.get(pk=7),
        data={"changes": {"status": ["fulfilled", "open"]}},
    )
    html = editor_client.get(PROPOSALS, {"bron": "tweedekamer"}).content.decode()
    assert "1 voorstel te beoordelen" in html
    assert "Nederlandse migratie-inzet in Egypte" in html
    assert str(procedure_dossier) not in html.split("<h1>")[1]
    assert '<option value="tweedekamer" selected>' in html
    assert "?bron=tweedekamer&amp;page=" not in html  # one page: no page links
    # A source the app does not know: every proposal, and the filter says why.
    html = editor_client.get(PROPOSALS, {"bron": "x"}).content.decode()
    assert "2 voorstellen te beoordelen" in html
    assert 'class="error" role="alert">Selecteer een geldige keuze' in html


def test_the_pages_of_one_source_keep_the_source(
    editor_client, seeded, procedure_dossier, monkeypatch
):
    monkeypatch.setattr(sources_views, "PROPOSALS_PER_PAGE", 1)
    for key in "abc":
        _stage_proposal(procedure_dossier, key)
    html = editor_client.get(PROPOSALS, {"bron": "europarl", "page": "2"}).content.decode()
    assert "pagina 2 van 3" in html
    assert 'href="?bron=europarl&amp;page=1"' in html
    assert 'href="?bron=europarl&amp;page=3"' in html
    # A decision made here comes back here.
    decide = reverse("dossiers:proposal_decide", args=[SourceProposal.objects.all()[1].pk])
    assert f'action="{decide}?bron=europarl&amp;page=2"' in html


def test_fulfilled_at_the_chamber_is_ticked_off_not_accepted(editor_client, seeded):
    commitment = Commitment.objects.get(pk=7)
    commitment.status, commitment.fulfilled_by_document, commitment.fulfilled_on = (
        "open",
        None,
        None,
    )
    commitment.save()
    proposal = SourceProposal.objects.create(
        source=Source.TWEEDE_KAMER,
        kind=SourceProposal.Kind.COMMITMENT_CHANGE,
        key="c",
        commitment=commitment,
        data={"changes": {"status": ["open", "fulfilled"]}},
    )

    def item():
        html = editor_client.get(PROPOSALS).content.decode()
        return html[html.index(f'id="voorstel-{proposal.pk}"') :].split("</li>")[0]

    assert 'value="accept"' not in item()
    assert 'value="dismiss"' in item()
    assert "vink haar af met dat document" in item()
    # Due in the report of the Council of 4 and 5 March 2024: ticked off on its checklist.
    checklist = reverse("dossiers:checklist", args=[commitment.due_meeting_id])
    assert f'href="{checklist}#toezegging-{commitment.pk}"' in item()
    # Due by letter: on no checklist, so in the admin.
    commitment.fulfilment_mode, commitment.due_meeting = Commitment.FulfilmentMode.BY_LETTER, None
    commitment.save()
    change = reverse("admin:dossiers_commitment_change", args=[commitment.pk])
    assert f'href="{change}">Vink haar af in het beheer' in item()


def test_a_stage_the_kind_of_dossier_does_not_have_is_refused(editor_client, procedure_dossier):
    procedure_dossier.instrument_type = Dossier.InstrumentType.COMMUNICATION
    procedure_dossier.save()
    proposal = _stage_proposal(procedure_dossier, "a")  # the European Parliament's vote
    response = editor_client.post(
        reverse("dossiers:proposal_decide", args=[proposal.pk]), {"decision": "accept"}, follow=True
    )
    assert "kent geen stap" in response.content.decode()
    assert not StageEvent.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == SourceProposal.Status.PENDING


@pytest.mark.parametrize("decision", ["", "delete", "accept "])
def test_a_decision_that_is_neither_changes_nothing(editor_client, procedure_dossier, decision):
    proposal = _stage_proposal(procedure_dossier, "a")
    response = editor_client.post(
        reverse("dossiers:proposal_decide", args=[proposal.pk]), {"decision": decision}, follow=True
    )
    assert "overneemt of afwijst" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == SourceProposal.Status.PENDING


def test_deciding_twice_says_so(editor_client, procedure_dossier):
    proposal = _stage_proposal(procedure_dossier, "a")
    url = reverse("dossiers:proposal_decide", args=[proposal.pk])
    editor_client.post(url, {"decision": "accept"})
    response = editor_client.post(url, {"decision": "dismiss"}, follow=True)
    assert "al besloten" in response.content.decode()
    assert StageEvent.objects.count() == 1


def test_a_wrong_proposal_id_is_not_found(editor_client):
    response = editor_client.post(
        reverse("dossiers:proposal_decide", args=[999]), {"decision": "accept"}
    )
    assert response.status_code == 404


# -- the daily command ------------------------------------------------------------------------


def test_the_daily_sync_runs_every_source(seeded, procedure_dossier, fake_sources, capsys):
    fake_sources.add(
        responses.GET,
        SRU,
        body=(
            '<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/'
            'sruResponse"><sru:numberOfRecords>0</sru:numberOfRecords></sru:searchRetrieveResponse>'
        ),
    )
    serve_tweede_kamer(fake_sources)
    serve_europarl(fake_sources)
    days_90 = datetime.timedelta(days=90)
    before = timezone.localdate(timezone.now() - days_90)
    call_command("sync_sources")
    after = timezone.localdate(timezone.now() - days_90)
    out = capsys.readouterr().out
    assert "Tweede Kamer (open data):" in out
    assert "commitments_created 1" in out
    assert SourceSync.objects.filter(succeeded=True).count() == 3
    # A first run looks back 90 days (the Dutch day; the run may cross midnight).
    asked = query_of(fake_sources.calls[0].request)["query"]
    assert any(f'dt.date>="{day.isoformat()}"' in asked for day in (before, after))


def test_a_source_that_breaks_does_not_stop_the_others(
    seeded, procedure_dossier, fake_sources, monkeypatch, capsys
):
    def broken(query):
        raise KeyError("a bug")

    monkeypatch.setattr(officielebekendmakingen, "search", broken)
    serve_tweede_kamer(fake_sources)
    serve_europarl(fake_sources)
    with pytest.raises(CommandError, match="officielebekendmakingen"):
        call_command("sync_sources")
    assert "KeyError: 'a bug'" in capsys.readouterr().err
    runs = dict(SourceSync.objects.values_list("source", "succeeded"))
    assert runs == {
        Source.OFFICIAL_PUBLICATIONS: False,
        Source.TWEEDE_KAMER: True,
        Source.EUROPEAN_PARLIAMENT: True,
    }
    failed = SourceSync.objects.get(source=Source.OFFICIAL_PUBLICATIONS)
    assert failed.message == "KeyError: 'a bug'"


def test_the_daily_sync_fails_when_a_source_does(seeded, fake_sources, capsys):
    fake_sources.add(responses.GET, f"{TK_ROOT}Activiteit", status=500)
    with pytest.raises(CommandError, match="tweedekamer"):
        call_command("sync_sources", "--only", "tweedekamer")
    assert "HTTP 500" in capsys.readouterr().err
    assert not SourceSync.objects.get().succeeded


def test_the_daily_sync_refuses_a_bad_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("sync_sources", "--since", "31-12-2024")
