"""Commitments and committee debates from the Tweede Kamer's open data, against the kept
responses (tests/source_responses/tweedekamer): the crosswalk of statuses, records matched to
the curated ones, curated edits kept as proposals, and bad answers that write nothing."""

import datetime
import json

import pytest
import requests
import responses
from django.core.exceptions import ValidationError
from django.utils import timezone

from dossiers.models import (
    Commitment,
    CouncilMeeting,
    Debate,
    DueDateChange,
    Person,
    Source,
    SourceProposal,
    SourceSync,
)
from dossiers.sources import sync as source_sync
from dossiers.sources import tweedekamer
from dossiers.sources.http import SourceError
from dossiers.sources.sync import (
    CHANGE_REASON,
    STATUS_CROSSWALK,
    SyncProblem,
    accept_proposal,
    dismiss_proposal,
    last_success,
    sync_tweede_kamer,
    write_commitment,
)

from .source_fakes import TK_ROOT, kept_json, query_of, serve_tweede_kamer

pytestmark = pytest.mark.django_db

PIRI, KOEKKOEK, NEW, UNKNOWN_STATUS = "TZ202402-901", "TZ202402-902", "TZ209901-001", "TZ209901-002"


def _items():
    """The kept commitments, read as the sync reads them."""
    pages = ("tweedekamer/toezegging_page1.json", "tweedekamer/toezegging_page2.json")
    return {
        item.number: item
        for page in pages
        for item in (tweedekamer._commitment(data) for data in kept_json(page)["value"])
    }


def _sync(lines=None):
    return sync_tweede_kamer(report=(lines.append if lines is not None else lambda line: None))


def _as(item, **fields):
    """The chamber's record `item` with other values."""
    return type(item)(**{**item.__dict__, **fields})


def _curated_new(fake_sources, editor):
    """The sync's new commitment, then edited by an editor: curated."""
    serve_tweede_kamer(fake_sources)
    _sync()
    commitment = Commitment.objects.get(chamber_number=NEW)
    commitment.text = "De redacteur schreef dit."
    commitment._history_user = editor
    commitment.save()
    return commitment


# -- reading the answers ----------------------------------------------------------------------


def test_a_commitment_is_read_with_its_debate_member_and_minister():
    item = _items()[PIRI]
    assert item.status == "Voldaan"
    assert item.text.startswith("Meer inzicht geven in de door de Commissie benoemde")
    assert (item.member, item.faction) == ("Piri", "GroenLinks-PvdA")
    assert (item.minister, item.minister_title) == (
        "Van der Burg",
        "Staatssecretaris van Justitie en Veiligheid",
    )
    assert item.due_date is None  # the API's 0001-01-01 is no date
    assert item.debate.number == "2024A00901"
    assert item.debate.date == datetime.date(2024, 2, 29)
    assert item.debate.kind == "Commissiedebat"
    assert _items()[NEW].due_date == datetime.date(2099, 3, 1)


@pytest.mark.parametrize(
    "status, ours",
    [
        ("Openstaand", Commitment.Status.OPEN),
        ("Afgedaan", Commitment.Status.FULFILLED),
        ("Deels afgedaan", Commitment.Status.PARTLY_FULFILLED),
        ("Vervallen", Commitment.Status.WITHDRAWN),
        ("Voldaan", Commitment.Status.FULFILLED),  # the older names
        ("Deels voldaan", Commitment.Status.PARTLY_FULFILLED),
        ("AFGEDAAN", Commitment.Status.FULFILLED),
    ],
)
def test_the_crosswalk_takes_every_status_of_the_chamber(status, ours):
    assert STATUS_CROSSWALK[status.lower()] == ours


def test_a_status_the_app_does_not_know_writes_nothing(sample):
    before = Commitment.objects.count()
    with pytest.raises(SyncProblem, match="In onderzoek"):
        write_commitment(_items()[UNKNOWN_STATUS])
    assert Commitment.objects.count() == before
    assert not Debate.objects.filter(chamber_number="2099A00001").exists()


# -- the sync ---------------------------------------------------------------------------------


def test_the_sync_matches_the_curated_records_and_adds_what_is_new(seeded, fake_sources):
    serve_tweede_kamer(fake_sources)
    lines = []
    summary = _sync(lines)

    assert summary == {
        "debates_seen": 1,
        "commitments_unchanged": 1,
        "commitments_proposed": 1,
        "commitments_created": 1,
        "problems": 1,
    }
    assert lines == [
        f"{UNKNOWN_STATUS}: de status “In onderzoek” van de Kamer kent de app niet; er is "
        "niets vastgelegd."
    ]
    # Both pages were asked for, filtered by the ministries.
    asked = [query_of(call.request) for call in fake_sources.calls]
    assert "Justitie en Veiligheid" in asked[1]["$filter"]
    assert "Asiel en Migratie" in asked[1]["$filter"]
    assert "$skip" in asked[2]

    # The debate of 29 February 2024 is the curated one: it gets the chamber's number.
    debate = Debate.objects.get(chamber_number="2024A00901")
    assert debate.subject == "voorafgaand aan de JBZ-Raad van 4 en 5 maart"
    # Piri's commitment is the curated one (same debate, same member): number and status only.
    piri = Commitment.objects.get(chamber_number=PIRI)
    assert piri.subject == "Asielaanvragen door personen met visumvrije nationaliteiten"
    assert (piri.status, piri.chamber_status) == (Commitment.Status.FULFILLED, "Voldaan")
    # Koekkoek's: the chamber has it open, the editors fulfilled: proposed, not overwritten.
    koekkoek = Commitment.objects.get(chamber_number=KOEKKOEK)
    assert koekkoek.status == Commitment.Status.FULFILLED
    proposal = SourceProposal.objects.get(commitment=koekkoek)
    assert proposal.data["changes"] == {
        "status": [Commitment.Status.FULFILLED, Commitment.Status.OPEN]
    }
    assert proposal.status == SourceProposal.Status.PENDING
    # The new one: with its debate, member, minister and due date; in the history as the sync.
    new = Commitment.objects.get(chamber_number=NEW)
    assert new.status == Commitment.Status.OPEN
    assert new.due_date == datetime.date(2099, 3, 1)
    assert new.fulfilment_mode == Commitment.FulfilmentMode.BY_DATE
    assert [member.name for member in new.members.all()] == ["De Voorbeeld"]
    assert new.made_by == Person.objects.get(name__iexact="van der Burg")
    assert new.debate.chamber_number == "2099A00001"
    assert {h.history_change_reason for h in new.history.all()} == {"Tweede Kamer (open data)"}
    # The unknown status: nothing.
    assert not Commitment.objects.filter(chamber_number=UNKNOWN_STATUS).exists()

    sync = SourceSync.objects.get()
    assert (sync.source, sync.succeeded, sync.summary) == (Source.TWEEDE_KAMER, True, summary)


def test_a_second_sync_changes_nothing_and_proposes_nothing_again(seeded, fake_sources):
    serve_tweede_kamer(fake_sources)
    _sync()
    histories = {c.pk: c.history.count() for c in Commitment.objects.all()}
    debate_histories = {d.pk: d.history.count() for d in Debate.objects.all()}
    summary = _sync()
    assert summary == {
        "debates_seen": 1,
        "commitments_unchanged": 2,
        "commitments_proposed_before": 1,
        "problems": 1,
    }
    assert {c.pk: c.history.count() for c in Commitment.objects.all()} == histories
    assert {d.pk: d.history.count() for d in Debate.objects.all()} == debate_histories
    assert SourceProposal.objects.count() == 1


def test_the_next_sync_asks_only_for_what_changed_since_the_last(seeded, fake_sources):
    serve_tweede_kamer(fake_sources)
    _sync()
    first = SourceSync.objects.get()
    _sync()
    first_pages = [
        query_of(call.request)
        for call in fake_sources.calls
        if "Toezegging" in call.request.url and "skip" not in call.request.url
    ]
    asked = first_pages[-1]["$filter"]
    assert f"GewijzigdOp ge {first.started_at:%Y-%m-%dT%H:%M:%S}" in asked


def test_the_last_success_is_read_in_one_query(db, django_assert_num_queries):
    succeeded = SourceSync.objects.create(source=Source.TWEEDE_KAMER, succeeded=True)
    SourceSync.objects.create(source=Source.TWEEDE_KAMER)  # failed since
    SourceSync.objects.create(source=Source.EUROPEAN_PARLIAMENT, succeeded=True)
    with django_assert_num_queries(1):
        assert last_success(Source.TWEEDE_KAMER) == succeeded.started_at
    assert last_success(Source.OFFICIAL_PUBLICATIONS) is None


def test_a_record_only_the_sync_wrote_follows_the_chamber(seeded, fake_sources):
    serve_tweede_kamer(fake_sources)
    _sync()
    changed = _as(_items()[NEW], text="Voorbeeld (geconstrueerd): nieuwe tekst.")
    assert write_commitment(changed) == "updated"
    assert Commitment.objects.get(chamber_number=NEW).text == changed.text
    assert not SourceProposal.objects.filter(commitment__chamber_number=NEW).exists()


def test_what_an_editor_changed_is_kept_and_the_difference_proposed(seeded, fake_sources, editor):
    commitment = _curated_new(fake_sources, editor)
    changed = _as(_items()[NEW], text="Voorbeeld (geconstrueerd): nieuwe tekst.")
    assert write_commitment(changed) == "proposed"
    commitment.refresh_from_db()
    assert commitment.text == "De redacteur schreef dit."
    proposal = SourceProposal.objects.get(commitment=commitment)
    assert proposal.data["changes"]["text"] == ["De redacteur schreef dit.", changed.text]

    # Accepted: written in the editor's name, with the reason in the history.
    accept_proposal(proposal, editor)
    commitment.refresh_from_db()
    assert commitment.text == changed.text
    latest = commitment.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Voorstel van Tweede Kamer (open data) overgenomen"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (SourceProposal.Status.ACCEPTED, editor)
    with pytest.raises(ValidationError, match="al besloten"):
        dismiss_proposal(proposal, editor)


def test_a_dismissed_proposal_leaves_the_record_and_is_not_made_again(seeded, fake_sources, editor):
    serve_tweede_kamer(fake_sources)
    _sync()
    proposal = SourceProposal.objects.get()
    dismiss_proposal(proposal, editor)
    assert Commitment.objects.get(chamber_number=KOEKKOEK).status == Commitment.Status.FULFILLED
    _sync()
    assert SourceProposal.objects.get() == proposal  # the same difference: not proposed again


def test_a_dismissal_stays_when_the_editor_s_account_is_gone(seeded, fake_sources, editor):
    """Once the account is deleted the dismissal has no editor; it is still not the sync's."""
    commitment = _curated_new(fake_sources, editor)
    item = _as(_items()[NEW], text="Kamertekst 1")
    write_commitment(item)
    proposal = SourceProposal.objects.get(commitment=commitment)
    dismiss_proposal(proposal, editor)
    editor.delete()

    write_commitment(_as(item, text="Kamertekst 2"))  # another difference comes and goes
    write_commitment(item)

    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (SourceProposal.Status.DISMISSED, None)
    assert not SourceProposal.objects.pending().filter(commitment=commitment).exists()


def test_fulfilled_at_the_chamber_needs_the_fulfilling_document(seeded, fake_sources, editor):
    serve_tweede_kamer(fake_sources)
    _sync()
    fulfilled = _as(_items()[NEW], status="Afgedaan")
    assert write_commitment(fulfilled) == "proposed"
    commitment = Commitment.objects.get(chamber_number=NEW)
    assert commitment.status == Commitment.Status.OPEN
    assert commitment.chamber_status == "Afgedaan"
    proposal = SourceProposal.objects.get(commitment=commitment)
    with pytest.raises(ValidationError, match="vink haar af met het document"):
        accept_proposal(proposal, editor)
    proposal.refresh_from_db()
    commitment.refresh_from_db()
    assert proposal.status == SourceProposal.Status.PENDING
    assert commitment.status == Commitment.Status.OPEN


def test_a_committee_debate_on_the_jbz_raad_is_linked_to_its_meeting(db, fake_sources):
    meeting = CouncilMeeting.objects.create(
        start_date=datetime.date(2024, 3, 4), end_date=datetime.date(2024, 3, 5)
    )
    serve_tweede_kamer(fake_sources)
    summary = _sync()
    assert summary["debates_created"] == 1
    debate = Debate.objects.get(chamber_number="2024A00901")
    assert (debate.kind, debate.date, debate.meeting) == (
        Debate.Kind.COMMITTEE_DEBATE,
        datetime.date(2024, 2, 29),
        meeting,
    )
    assert debate.subject == "JBZ-Raad 4 en 5 maart 2024"
    assert debate.committee == "vaste commissie voor Justitie en Veiligheid"


# -- bad answers ------------------------------------------------------------------------------


def _snapshot():
    return (
        list(Commitment.objects.values_list("pk", "version", "chamber_number")),
        list(Debate.objects.values_list("pk", "chamber_number")),
        SourceProposal.objects.count(),
    )


@pytest.mark.parametrize(
    "answer, message",
    [
        ({"status": 400, "json": kept_json("tweedekamer/error_400.json")}, "HTTP 400"),
        ({"status": 503}, "HTTP 503"),
        ({"body": "<html>Onderhoud</html>", "content_type": "text/html"}, "JSON"),
        ({"json": []}, "vorm die de app niet kent"),
        ({"json": {"waarde": []}}, "vorm die de app niet kent"),
        ({"json": {"value": "geen lijst"}}, "vorm die de app niet kent"),
        ({"body": requests.exceptions.ConnectTimeout()}, "geen antwoord binnen"),
    ],
    ids=["400", "503", "html", "a list", "no value", "value no list", "timeout"],
)
def test_a_bad_answer_fails_the_sync_with_nothing_written(seeded, fake_sources, answer, message):
    fake_sources.add(responses.GET, f"{TK_ROOT}Activiteit", **answer)
    before = _snapshot()
    with pytest.raises(SourceError, match=message):
        _sync()
    assert _snapshot() == before
    sync = SourceSync.objects.get()
    assert not sync.succeeded
    assert message in sync.message


def test_a_commitment_without_a_number_fails_the_sync_with_nothing_written(seeded, fake_sources):
    page = kept_json("tweedekamer/toezegging_page2.json")
    page["value"][0]["Nummer"] = None
    fake_sources.add(
        responses.GET, f"{TK_ROOT}Activiteit", json=kept_json("tweedekamer/activiteit_jbz.json")
    )
    fake_sources.add(responses.GET, f"{TK_ROOT}Toezegging", json=page)
    before = _snapshot()
    with pytest.raises(SourceError, match="zonder nummer"):
        _sync()
    assert _snapshot() == before


def test_a_failure_on_the_last_page_writes_nothing(seeded, fake_sources):
    """The debates and the first page were read; the second page fails: nothing is written."""
    fake_sources.add(
        responses.GET, f"{TK_ROOT}Activiteit", json=kept_json("tweedekamer/activiteit_jbz.json")
    )

    def commitments(request):
        if "$skip" in query_of(request):
            return 500, {}, ""
        return 200, {}, json.dumps(kept_json("tweedekamer/toezegging_page1.json"))

    fake_sources.add_callback(responses.GET, f"{TK_ROOT}Toezegging", callback=commitments)
    before = _snapshot()
    with pytest.raises(SourceError, match="HTTP 500"):
        _sync()
    assert _snapshot() == before


# -- matching the curated records -------------------------------------------------------------


def test_a_single_candidate_with_another_text_is_not_taken_for_the_chamber_s(seeded):
    """Koekkoek's is the only curated commitment to her in the debate of 29 February 2024:
    a commitment to her in that debate about something else is another one."""
    koekkoek = Commitment.objects.get(pk=7)
    other = _as(
        _items()[KOEKKOEK],
        number="TZ202402-998",
        text="Een brief over paspoortfraude bij gemeenten.",
        status="Openstaand",
    )
    assert write_commitment(other) == "created"
    koekkoek.refresh_from_db()
    assert koekkoek.chamber_number == ""
    assert not SourceProposal.objects.filter(commitment=koekkoek).exists()
    assert Commitment.objects.get(chamber_number="TZ202402-998").debate == koekkoek.debate


def test_a_commitment_of_a_debate_not_on_the_council_is_matched_to_the_editors(seeded):
    """Brekelmans's commitment in the legislative consultation on the asylum budget of
    29 January 2024 is curated (commitment 8, debate 4): the chamber's record of it, under the
    chamber's own subject, is that one, not a second commitment in a second debate."""
    item = _items()[KOEKKOEK]
    budget = _as(
        item.debate,
        number="2024A00123",
        kind="Wetgevingsoverleg",
        subject="Begroting Justitie en Veiligheid 2024 (asiel en migratie)",
        date=datetime.date(2024, 1, 29),
        committee="",
    )
    chamber = _as(
        item,
        number="TZ202401-555",
        member="Brekelmans",
        status="Afgedaan",
        debate=budget,
        text="De Kamer informeren over het vormen van kopgroepen met andere lidstaten voor het "
        "aangaan van migratiepartnerschappen.",
    )
    commitments, debates = Commitment.objects.count(), Debate.objects.count()
    assert write_commitment(chamber) == "unchanged"
    assert Commitment.objects.get(pk=8).chamber_number == "TZ202401-555"
    assert (Commitment.objects.count(), Debate.objects.count()) == (commitments, debates)


def test_a_commitment_of_another_debate_that_day_is_not_taken_for_the_chamber_s(seeded):
    """The same words to the same member, but in the day's question hour: not the commitment
    the editors recorded from the committee debate."""
    item = _items()[KOEKKOEK]
    question_hour = _as(item.debate, number="2024A09999", kind="Plenair debat", subject="Vragenuur")
    other = _as(item, number="TZ202402-998", status="Openstaand", debate=question_hour)
    assert write_commitment(other) == "created"
    assert Commitment.objects.get(pk=7).chamber_number == ""
    created = Commitment.objects.get(chamber_number="TZ202402-998")
    assert (created.debate.chamber_number, created.debate.kind) == (
        "2024A09999",
        Debate.Kind.PLENARY_DEBATE,
    )


def test_a_debate_of_that_day_not_on_the_council_is_not_taken_for_the_chamber_s(seeded):
    """The committee debate 'Vreemdelingen en Asiel' of 22 December 2023 is the editors';
    another committee debate that day, not on the JBZ-Raad, is not it."""
    curated = Debate.objects.get(date=datetime.date(2023, 12, 22))
    item = _items()[NEW]
    police = _as(
        item.debate, number="2023A09999", date=curated.date, subject="Politie", committee=""
    )
    assert write_commitment(_as(item, number="TZ202312-999", debate=police)) == "created"
    curated.refresh_from_db()
    assert curated.chamber_number == ""
    assert Debate.objects.get(chamber_number="2023A09999").subject == "Politie"


# -- curated records --------------------------------------------------------------------------


def _no_history(commitment):
    """As a bulk load (generate_synthetic) leaves a record: no history at all."""
    commitment.history.all().delete()
    return commitment


def test_a_curated_record_without_history_stays_curated(seeded, fake_sources):
    koekkoek = _no_history(Commitment.objects.get(pk=7))
    document = koekkoek.fulfilled_by_document
    serve_tweede_kamer(fake_sources)
    _sync()
    assert _sync()["commitments_proposed_before"] == 1
    koekkoek.refresh_from_db()
    assert (koekkoek.status, koekkoek.fulfilled_by_document) == (
        Commitment.Status.FULFILLED,
        document,
    )
    assert (koekkoek.chamber_number, koekkoek.chamber_status) == (KOEKKOEK, "Openstaand")
    assert not koekkoek.history.exists()  # the chamber's number and status leave no row
    assert SourceProposal.objects.pending().get().commitment == koekkoek


def test_a_curated_record_the_sync_once_changed_stays_curated(seeded):
    """A record the sync did not create is curated, whatever rows the sync left on it."""
    koekkoek = _no_history(Commitment.objects.get(pk=7))
    koekkoek._change_reason = CHANGE_REASON[Source.TWEEDE_KAMER]
    koekkoek.save()
    assert write_commitment(_items()[KOEKKOEK]) == "proposed"
    koekkoek.refresh_from_db()
    assert koekkoek.status == Commitment.Status.FULFILLED


def test_accepting_open_again_clears_the_fulfilment(seeded, fake_sources, editor):
    serve_tweede_kamer(fake_sources)
    _sync()
    accept_proposal(SourceProposal.objects.get(), editor)
    koekkoek = Commitment.objects.get(chamber_number=KOEKKOEK)
    assert koekkoek.status == Commitment.Status.OPEN
    assert (
        koekkoek.fulfilled_by_document,
        koekkoek.fulfilment_passage,
        koekkoek.fulfilled_on,
    ) == (None, "", None)
    assert koekkoek.history.first().fulfilled_by_document_id is None
    assert koekkoek.history.all()[1].fulfilled_by_document_id is not None  # kept as it was


# -- proposals --------------------------------------------------------------------------------


def test_a_newer_difference_supersedes_the_pending_proposal(seeded, fake_sources, editor):
    commitment = _curated_new(fake_sources, editor)
    item = _items()[NEW]
    assert write_commitment(_as(item, text="Kamertekst 1")) == "proposed"
    first = SourceProposal.objects.get(commitment=commitment)
    assert write_commitment(_as(item, text="Kamertekst 2")) == "proposed"
    pending = SourceProposal.objects.pending().get(commitment=commitment)
    assert pending.data["changes"]["text"][1] == "Kamertekst 2"
    first.refresh_from_db()
    assert first.status == SourceProposal.Status.SUPERSEDED
    assert (first.decided_by, first.decided_at is not None) == (None, True)
    with pytest.raises(ValidationError, match="al besloten"):
        accept_proposal(first, editor)

    # The chamber goes back to its first text: that proposal waits again, the other is moot.
    assert write_commitment(_as(item, text="Kamertekst 1")) == "proposed"
    assert SourceProposal.objects.pending().get(commitment=commitment) == first
    accept_proposal(first, editor)
    commitment.refresh_from_db()
    assert commitment.text == "Kamertekst 1"


def test_a_proposal_is_refused_when_the_record_changed_since(seeded, fake_sources, editor):
    commitment = _curated_new(fake_sources, editor)
    write_commitment(_as(_items()[NEW], text="Kamertekst 1"))
    proposal = SourceProposal.objects.get(commitment=commitment)
    commitment.refresh_from_db()
    commitment.text = "De redacteur schreef het opnieuw."
    commitment.save()
    with pytest.raises(ValidationError, match="gewijzigd sinds dit voorstel"):
        accept_proposal(proposal, editor)
    commitment.refresh_from_db()
    assert commitment.text == "De redacteur schreef het opnieuw."
    proposal.refresh_from_db()
    assert proposal.status == SourceProposal.Status.PENDING


def test_a_commitment_the_chamber_agrees_with_closes_its_proposals(seeded, fake_sources):
    serve_tweede_kamer(fake_sources)
    _sync()
    proposal = SourceProposal.objects.get()
    agreed = _as(_items()[KOEKKOEK], status="Afgedaan")
    assert write_commitment(agreed) == "unchanged"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (SourceProposal.Status.SUPERSEDED, None)


# -- due dates --------------------------------------------------------------------------------


def test_a_due_date_the_chamber_moves_is_logged(seeded, fake_sources):
    serve_tweede_kamer(fake_sources)
    _sync()
    moved = _as(_items()[NEW], due_date=datetime.date(2099, 6, 1))
    assert write_commitment(moved) == "updated"
    commitment = Commitment.objects.get(chamber_number=NEW)
    assert commitment.due_date == datetime.date(2099, 6, 1)
    change = DueDateChange.objects.get(commitment=commitment)
    assert (change.old_date, change.new_date, change.reason, change.changed_by) == (
        datetime.date(2099, 3, 1),
        datetime.date(2099, 6, 1),
        "Tweede Kamer (open data)",
        None,
    )
    # Still the sync's record only: the next change follows the chamber too.
    assert write_commitment(_as(moved, text="Nieuwe tekst.")) == "updated"


def test_an_accepted_due_date_is_logged_in_the_editor_s_name(seeded, fake_sources, editor):
    commitment = _curated_new(fake_sources, editor)
    write_commitment(_as(_items()[NEW], due_date=datetime.date(2099, 6, 1)))
    accept_proposal(SourceProposal.objects.get(commitment=commitment), editor)
    change = DueDateChange.objects.get(commitment=commitment)
    assert (change.new_date, change.changed_by) == (datetime.date(2099, 6, 1), editor)
    assert change.reason == "Voorstel van Tweede Kamer (open data) overgenomen"


# -- the run ----------------------------------------------------------------------------------


def test_the_changes_since_are_asked_in_utc(seeded, fake_sources):
    serve_tweede_kamer(fake_sources)
    amsterdam = timezone.make_aware(datetime.datetime(2024, 6, 1, 2, 0))  # summer time: UTC+2
    sync_tweede_kamer(since=amsterdam, report=lambda line: None)
    asked = [query_of(call.request)["$filter"] for call in fake_sources.calls[:2]]
    assert all("GewijzigdOp ge 2024-06-01T00:00:00Z" in query for query in asked)


def test_a_fault_of_the_app_fails_the_run_with_its_message(seeded, fake_sources, monkeypatch):
    def broken(item):
        raise KeyError("importer bug")

    monkeypatch.setattr(source_sync, "write_commitment", broken)
    serve_tweede_kamer(fake_sources)
    with pytest.raises(KeyError):
        _sync()
    sync = SourceSync.objects.get()
    assert (sync.succeeded, sync.message) == (False, "KeyError: 'importer bug'")
    assert sync.finished_at is not None
