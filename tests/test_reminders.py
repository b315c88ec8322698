"""Reminders: the e-mail digest for who opted in, the rappel list per minister, and a due date
moved with its reason."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from dossiers.dates import Precision
from dossiers.milestones import expected_milestones
from dossiers.models import (
    Commitment,
    DueDateChange,
    ParliamentaryDocument,
    ReminderSubscription,
    Stage,
    StageEvent,
)
from dossiers.reminders import digest, rappel, send_digests
from dossiers.services import move_due_date

from .conftest import admin_change_data

pytestmark = pytest.mark.django_db

d = datetime.date
RAPPEL = reverse("dossiers:rappel")


@pytest.fixture
def by_letter(sample):
    """An open commitment due by a date, to the member Piri."""
    commitment = Commitment.objects.create(
        subject="Brief over terugkeer",
        text="De Kamer per brief informeren over terugkeer",
        made_by=sample["state_secretary"],
        debate=sample["debate"],
        fulfilment_mode=Commitment.FulfilmentMode.BY_DATE,
        due_date=d(2024, 4, 1),
    )
    commitment.members.add(sample["piri"])
    return commitment


def _subscribe(user, days=14, email="officer@example.org"):
    user.email = email
    user.save()
    return ReminderSubscription.objects.create(user=user, is_active=True, days_ahead=days)


# -- the digest -------------------------------------------------------------------------------


def test_the_digest_lists_overdue_due_soon_and_milestones(sample, by_letter):
    StageEvent.objects.create(
        dossier=sample["apr"], stage=Stage.EP_PLENARY_VOTE, date=d(2024, 4, 5), is_expected=True
    )
    found = digest(d(2024, 3, 25), days_ahead=14)
    # The report of 4-5 March is out (20 March): Egypt's commitment due in it is overdue.
    assert [c.subject for c in found.overdue] == ["Partnerschap met Egypte"]
    assert [c.subject for c in found.due_soon] == ["Brief over terugkeer"]
    assert [(e.dossier.slug, e.stage) for e in found.milestones] == [
        ("asielprocedureverordening", Stage.EP_PLENARY_VOTE)
    ]
    # Further ahead than the subscriber asked: not in it.
    early = digest(d(2024, 3, 1), days_ahead=7)
    assert [c.subject for c in early.due_soon] == ["Partnerschap met Egypte"]


def test_the_digest_expects_what_the_start_page_expects(sample):
    """The milestones of a digest follow the start page's rule (milestones.py): a period that
    overlaps the days ahead, what the documents said by the digest's day, the newest statement
    of a step."""
    apr = sample["apr"]

    def expect(stage, date, precision, document_date):
        document = ParliamentaryDocument.objects.create(
            title=f"Brief {document_date}", date=document_date
        )
        StageEvent.objects.create(
            dossier=apr,
            stage=stage,
            date=date,
            precision=precision,
            is_expected=True,
            source_document=document,
        )

    # The second quarter overlaps 15-29 April, though it begins before them.
    expect(Stage.EP_PLENARY_VOTE, d(2024, 4, 1), Precision.QUARTER, d(2024, 2, 1))
    # Expected for April, then put off to the autumn by a newer letter: not expected in April.
    expect(Stage.COUNCIL_ADOPTION, d(2024, 4, 20), Precision.DAY, d(2024, 1, 10))
    expect(Stage.COUNCIL_ADOPTION, d(2024, 10, 1), Precision.MONTH, d(2024, 3, 1))
    # Said by a letter after the digest's day: not known yet.
    expect(Stage.PUBLICATION, d(2024, 4, 25), Precision.DAY, d(2024, 5, 1))

    on = d(2024, 4, 15)
    found = digest(on, days_ahead=14)
    assert [(e.dossier.slug, e.stage) for e in found.milestones] == [
        ("asielprocedureverordening", Stage.EP_PLENARY_VOTE)
    ]
    assert found.milestones == expected_milestones(on, on + datetime.timedelta(days=14), None)


def test_the_digest_is_sent_once_a_day_to_who_opted_in(sample, by_letter, editor, reader):
    _subscribe(editor, days=14)
    reader.email = "reader@example.org"
    reader.save()
    ReminderSubscription.objects.create(user=reader, is_active=False)

    outcome = send_digests(d(2024, 3, 25))
    assert outcome == {"sent": 1}
    [message] = mail.outbox
    assert message.to == ["officer@example.org"]
    assert message.subject == (
        "jbztracker: 1 toezegging nieuw over de termijn, 1 binnen 14 dagen, 0 mijlpalen"
    )
    assert "Partnerschap met Egypte" in message.body
    assert "Brief over terugkeer" in message.body
    assert "1 april 2024" in message.body
    assert "http://127.0.0.1:8000/toezeggingen/rappel/" in message.body
    # The same day again: nothing; with --force: again.
    assert send_digests(d(2024, 3, 25)) == {"sent_before": 1}
    assert len(mail.outbox) == 1
    assert send_digests(d(2024, 3, 25), force=True) == {"sent": 1}


def test_an_empty_digest_or_no_address_sends_nothing(db, editor, reader):
    _subscribe(editor)
    _subscribe(reader, email="")
    assert send_digests(d(2024, 3, 25)) == {"nothing_to_say": 1, "no_address": 1}
    assert mail.outbox == []


def test_the_digest_is_gathered_once_per_number_of_days(
    sample, by_letter, django_user_model, django_assert_num_queries
):
    for number in range(5):
        _subscribe(django_user_model.objects.create_user(f"user{number}"), days=14)
    # The subscriptions, one digest (the overdue and the due soon, the milestones: none), and
    # one update per message sent, so that a refused address leaves the others marked.
    with django_assert_num_queries(1 + 3 + 5):
        assert send_digests(d(2024, 3, 25)) == {"sent": 5}


def test_the_next_digest_names_only_what_went_overdue_since(sample, by_letter, editor):
    subscription = _subscribe(editor, days=14)
    send_digests(d(2024, 3, 25))
    subscription.refresh_from_db()
    assert subscription.last_sent_on == d(2024, 3, 25)
    # A week after its due date of 1 April the letter is newly overdue; Egypt's is not new.
    found = digest(d(2024, 4, 8), 14, last_sent_on=subscription.last_sent_on)
    assert [c.subject for c in found.overdue] == ["Brief over terugkeer"]
    assert found.overdue_total == 2
    send_digests(d(2024, 4, 8))
    body = mail.outbox[-1].body
    assert "sinds uw vorige herinnering: 1 (2 in totaal over de termijn" in body
    assert "Partnerschap met Egypte" not in body


def test_a_digest_sent_again_lists_what_the_first_one_listed(sample, by_letter, editor):
    subscription = _subscribe(editor, days=14)
    send_digests(d(2024, 4, 8))
    first = mail.outbox[-1]
    assert "Partnerschap met Egypte" in first.body
    # --force the same day: the same digest, not one that found nothing newly overdue.
    assert send_digests(d(2024, 4, 8), force=True) == {"sent": 1}
    again = mail.outbox[-1]
    assert (again.subject, again.body) == (first.subject, first.body)
    # Sent as on an earlier day: only with --force, and the next digest still counts from
    # the latest day sent.
    assert send_digests(d(2024, 3, 25)) == {"sent_before": 1}
    send_digests(d(2024, 3, 25), force=True)
    subscription.refresh_from_db()
    assert subscription.last_sent_on == d(2024, 4, 8)


class RefusingBackend(locmem.EmailBackend):
    """The mail server refuses one address."""

    def send_messages(self, messages):
        if any("refused@example.org" in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({"refused@example.org": (550, b"unknown")})
        return super().send_messages(messages)


@override_settings(EMAIL_BACKEND="tests.test_reminders.RefusingBackend")
def test_a_refused_address_does_not_stop_the_others(sample, by_letter, django_user_model, capsys):
    first = _subscribe(django_user_model.objects.create_user("a"), email="a@example.org")
    refused = _subscribe(django_user_model.objects.create_user("b"), email="refused@example.org")
    last = _subscribe(django_user_model.objects.create_user("c"), email="c@example.org")
    assert send_digests(d(2024, 3, 25)) == {"sent": 2, "failed": 1}
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "c@example.org"]
    sent_on = dict(ReminderSubscription.objects.values_list("pk", "last_sent_on"))
    assert sent_on == {first.pk: d(2024, 3, 25), refused.pk: None, last.pk: d(2024, 3, 25)}
    # The command says so and fails, for cron; a rerun sends only to the refused address.
    with pytest.raises(CommandError, match="1 digest"):
        call_command("send_reminders", "--date", "2024-03-25")
    assert "sent_before 2" in capsys.readouterr().out


def test_the_command_says_when_there_is_no_subscriber(db, capsys):
    call_command("send_reminders", "--date", "2024-03-25")
    assert capsys.readouterr().out.strip() == "no subscribers"


def test_the_command_sends_and_refuses_a_bad_date(sample, by_letter, editor, capsys):
    _subscribe(editor)
    call_command("send_reminders", "--date", "2024-03-25")
    assert capsys.readouterr().out.strip() == "sent 1"
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "25-03-2024")


def test_an_officer_opts_in_on_the_account_page(editor_client, editor):
    account = reverse("dossiers:account")
    response = editor_client.post(
        account, {"action": "reminders", "is_active": "on", "days_ahead": "7"}
    )
    assert response.status_code == 302
    subscription = ReminderSubscription.objects.get(user=editor)
    assert (subscription.is_active, subscription.days_ahead) == (True, 7)
    editor_client.post(account, {"action": "reminders", "days_ahead": "7"})
    subscription.refresh_from_db()
    assert not subscription.is_active


@pytest.mark.parametrize("days", ["0", "91", "veertien", ""])
def test_a_bad_number_of_days_is_refused(editor_client, editor, days):
    response = editor_client.post(
        reverse("dossiers:account"), {"action": "reminders", "is_active": "on", "days_ahead": days}
    )
    assert response.status_code == 400
    assert not ReminderSubscription.objects.filter(user=editor).exists()


# -- the rappel list --------------------------------------------------------------------------


def test_the_rappel_list_groups_overdue_commitments_per_minister(sample, by_letter):
    groups = rappel(d(2024, 4, 11))
    assert [(str(minister), [c.subject for c in items]) for minister, items in groups] == [
        ("E. van der Burg", ["Partnerschap met Egypte", "Brief over terugkeer"])
    ]
    egypt, letter = groups[0][1]
    assert (egypt.due_on, egypt.days_overdue) == (d(2024, 3, 5), 37)
    assert (letter.due_on, letter.days_overdue) == (d(2024, 4, 1), 10)


def test_the_rappel_page_prints_for_a_reader(sample, by_letter, reader_client):
    html = reader_client.get(RAPPEL, {"peildatum": "2024-04-11"}).content.decode()
    assert "Brief over terugkeer" in html
    assert "Staatssecretaris van Justitie en Veiligheid" in html
    assert 'name="new_date"' not in html  # a reader moves nothing


def test_the_rappel_page_takes_a_fixed_number_of_queries(
    sample, by_letter, reader_client, django_assert_num_queries
):
    # Session, user and permissions (4), the commitments and their members and changes.
    with django_assert_num_queries(7):
        reader_client.get(RAPPEL, {"peildatum": "2024-04-11"})
    for number in range(5):
        extra = Commitment.objects.create(
            subject=f"Extra {number}",
            text="Informeren",
            debate=sample["debate"],
            fulfilment_mode=Commitment.FulfilmentMode.BY_DATE,
            due_date=d(2024, 3, 1),
        )
        move_due_date(extra, new_date=d(2024, 3, 10), reason="Later")
    with django_assert_num_queries(7):
        reader_client.get(RAPPEL, {"peildatum": "2024-04-11"})


# -- moving a due date ------------------------------------------------------------------------


def test_a_moved_due_date_keeps_the_old_one_and_the_reason(sample, by_letter, editor_client):
    response = editor_client.post(
        reverse("dossiers:commitment_move_due", args=[by_letter.pk]),
        {"new_date": "2024-06-01", "reason": "Wacht op de evaluatie", "version": by_letter.version},
    )
    assert response["Location"] == RAPPEL
    by_letter.refresh_from_db()
    assert by_letter.due_date == d(2024, 6, 1)
    change = DueDateChange.objects.get()
    assert (change.old_date, change.new_date, change.reason, change.changed_by.username) == (
        d(2024, 4, 1),
        d(2024, 6, 1),
        "Wacht op de evaluatie",
        "editor",
    )
    assert by_letter.history.first().history_change_reason == "Wacht op de evaluatie"
    html = editor_client.get(RAPPEL, {"peildatum": "2024-06-02"}).content.decode()
    assert "termijn verschoven van 1 april 2024 naar 1 juni 2024" in html


def test_a_move_from_the_list_as_on_a_day_returns_to_that_day(sample, by_letter, editor_client):
    html = editor_client.get(RAPPEL, {"peildatum": "2024-04-10"}).content.decode()
    action = reverse("dossiers:commitment_move_due", args=[by_letter.pk]) + "?peildatum=2024-04-10"
    assert f'action="{action}"' in html
    response = editor_client.post(
        action, {"new_date": "2024-06-01", "reason": "Later", "version": by_letter.version}
    )
    assert response["Location"] == RAPPEL + "?peildatum=2024-04-10"


def test_a_commitment_due_in_a_report_moves_to_a_date(sample):
    commitment = move_due_date(sample["commitment"], new_date=d(2024, 5, 1), reason="Volgende Raad")
    assert commitment.fulfilment_mode == Commitment.FulfilmentMode.BY_DATE
    assert commitment.due_meeting is None
    assert DueDateChange.objects.get().old_date == d(2024, 3, 5)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"new_date": "2024-06-01", "reason": "  "}, "Say why"),
        ({"new_date": "2024-04-01", "reason": "Geen"}, "due date it has"),
    ],
)
def test_a_move_without_reason_or_to_the_same_date_changes_nothing(
    sample, by_letter, data, message
):
    with pytest.raises(ValidationError):
        move_due_date(by_letter, new_date=d.fromisoformat(data["new_date"]), reason=data["reason"])
    assert not DueDateChange.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"new_date": "2024-13-01", "reason": "Later"},
        {"new_date": "2024-06-01", "reason": ""},
        {"new_date": "2024-06-01", "reason": "Later", "version": "0"},
    ],
    ids=["bad date", "no reason", "stale version"],
)
def test_a_bad_move_on_the_page_says_why_and_changes_nothing(
    sample, by_letter, editor_client, data
):
    response = editor_client.post(
        reverse("dossiers:commitment_move_due", args=[by_letter.pk]), data, follow=True
    )
    assert "Brief over terugkeer:" in response.content.decode()
    by_letter.refresh_from_db()
    assert by_letter.due_date == d(2024, 4, 1)
    assert not DueDateChange.objects.exists()


def test_a_closed_or_standing_commitment_keeps_its_due_date(sample):
    with pytest.raises(ValidationError, match="staande toezegging"):
        move_due_date(sample["standing"], new_date=d(2024, 6, 1), reason="Later")
    commitment = sample["commitment"]
    commitment.status = Commitment.Status.WITHDRAWN
    commitment.save()
    with pytest.raises(ValidationError, match="open toezegging"):
        move_due_date(commitment, new_date=d(2024, 6, 1), reason="Later")


def test_a_reader_cannot_move_a_due_date(sample, by_letter, reader_client):
    response = reader_client.post(
        reverse("dossiers:commitment_move_due", args=[by_letter.pk]),
        {"new_date": "2024-06-01", "reason": "Later"},
    )
    assert response.status_code == 403
    assert not DueDateChange.objects.exists()


def test_a_due_date_changed_in_the_admin_needs_a_reason(sample, by_letter, admin_client):
    url = reverse("admin:dossiers_commitment_change", args=[by_letter.pk])
    data = admin_change_data(admin_client, url, ("checks", "due_date_changes"))
    data.update(
        {"members": [sample["piri"].pk], "due_date": "2024-07-01", "version": by_letter.version}
    )
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert "Zeg waarom de termijn verschuift." in refused.content.decode()
    data["due_date_reason"] = "Op verzoek van de Kamer"
    assert admin_client.post(url, data).status_code == 302
    change = DueDateChange.objects.get()
    assert (change.old_date, change.new_date, change.reason) == (
        d(2024, 4, 1),
        d(2024, 7, 1),
        "Op verzoek van de Kamer",
    )


def test_a_commitment_due_in_a_report_moved_in_the_admin_is_recorded_as_from_the_list(
    sample, admin_client
):
    """As move_due_date does: its old date is the end of the Council in whose report it was."""
    commitment = sample["commitment"]
    url = reverse("admin:dossiers_commitment_change", args=[commitment.pk])
    data = admin_change_data(admin_client, url, ("checks", "due_date_changes"))
    data.update(
        {
            "members": [sample["piri"].pk],
            "fulfilment_mode": Commitment.FulfilmentMode.BY_DATE,
            "due_meeting": "",
            "due_date": "2024-05-01",
            "version": commitment.version,
        }
    )
    refused = admin_client.post(url, data)
    assert "Zeg waarom de termijn verschuift." in refused.content.decode()
    data["due_date_reason"] = "Volgende Raad"
    assert admin_client.post(url, data).status_code == 302
    change = DueDateChange.objects.get()
    assert (change.old_date, change.new_date, change.reason) == (
        d(2024, 3, 5),
        d(2024, 5, 1),
        "Volgende Raad",
    )


def test_a_due_date_cleared_in_the_admin_is_recorded_not_a_server_error(
    sample, by_letter, admin_client
):
    url = reverse("admin:dossiers_commitment_change", args=[by_letter.pk])
    data = admin_change_data(admin_client, url, ("checks", "due_date_changes"))
    data.update(
        {
            "members": [sample["piri"].pk],
            "fulfilment_mode": Commitment.FulfilmentMode.BY_LETTER,
            "due_date": "",
            "due_date_reason": "Geen termijn meer: per brief",
            "version": by_letter.version,
        }
    )
    assert admin_client.post(url, data).status_code == 302
    change = DueDateChange.objects.get()
    assert (change.old_date, change.new_date) == (d(2024, 4, 1), None)
    by_letter.refresh_from_db()
    assert by_letter.history.first().history_change_reason == "Geen termijn meer: per brief"
    page = admin_client.get(url).content.decode()
    assert "In het register van de Kamer" in page


def test_a_commitment_due_by_letter_keeps_being_due_by_letter(sample, by_letter):
    by_letter.fulfilment_mode = Commitment.FulfilmentMode.BY_LETTER
    by_letter.save()
    moved = move_due_date(by_letter, new_date=d(2024, 6, 1), reason="Later")
    assert (moved.fulfilment_mode, moved.due_date) == (
        Commitment.FulfilmentMode.BY_LETTER,
        d(2024, 6, 1),
    )
