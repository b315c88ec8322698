"""Nothing is lost: concurrent edits are refused instead of overwriting (optimistic locking on a
version number), a double tick-off records once, and every change, deletion included, stays in
the history with its user."""

import threading
import time
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from dossiers.models import Commitment, Dossier, DossierAlias, StandingCommitmentCheck, Topic
from dossiers.models.locking import ConflictError
from dossiers.roles import EDITOR_GROUP
from dossiers.services import fulfil_commitment

# How long the first of two concurrent transactions holds its row lock.
HOLD_SECONDS = 0.5

needs_row_locks = pytest.mark.skipif(
    "sqlite" in settings.DATABASES["default"]["ENGINE"],
    reason=(
        "needs two connections writing at once: SQLite has no row locks (select_for_update is a "
        "no-op) and locks its whole shared in-memory test database; runs on PostgreSQL"
    ),
)


class _SubmittedValues(HTMLParser):
    """The values a browser submits from the first form whose attributes `matches`, as the test
    client takes them: inputs, checked boxes, selected options and text areas."""

    def __init__(self, matches):
        super().__init__()
        self.matches, self.in_form, self.seen, self.data = matches, False, False, {}
        self._select = self._textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = not self.seen and self.matches(attrs)
            self.seen = self.seen or self.in_form
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self._add(attrs["name"], attrs.get("value", default))
        elif tag == "select":
            self._select = attrs["name"]
            self.data.setdefault(self._select, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.data[self._textarea] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def submitted_values(client, url, matches):
    """GET a page and return what submitting its form unchanged would send."""
    response = client.get(url)
    assert response.status_code == 200
    parser = _SubmittedValues(matches)
    parser.feed(response.content.decode())
    data = parser.data
    # Django renders a textarea's content after a newline it strips again on reading.
    return {name: [v.removeprefix("\n") for v in values] for name, values in data.items()}


def change_form(client, url, form_id):
    return submitted_values(client, url, lambda attrs: attrs.get("id") == form_id)


@pytest.fixture
def second_editor(django_user_model):
    user = django_user_model.objects.create_user("editor2", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _admin_url(obj, view="change"):
    return reverse(f"admin:dossiers_{obj._meta.model_name}_{view}", args=[obj.pk])


# -- the version number -----------------------------------------------------------------------


@pytest.mark.django_db
def test_every_stored_change_raises_the_version(sample):
    commitment, dossier = sample["commitment"], sample["apr"]
    assert (commitment.version, dossier.version) == (1, 1)
    commitment.notes = "Navragen bij DGM."
    commitment.save()
    dossier.save(update_fields=["notes"])
    commitment.refresh_from_db()
    dossier.refresh_from_db()
    assert (commitment.version, dossier.version) == (2, 2)


@pytest.mark.django_db
def test_save_if_version_refuses_a_stale_version(sample):
    first = Commitment.objects.get(pk=sample["commitment"].pk)
    second = Commitment.objects.get(pk=sample["commitment"].pk)
    first.subject = "Eerste wijziging"
    first.save_if_version(1)
    second.subject = "Tweede wijziging"
    with pytest.raises(ConflictError) as refused:
        second.save_if_version(1)
    assert refused.value.messages == [str(Commitment.conflict_message)]
    stored = Commitment.objects.get(pk=first.pk)
    assert (stored.subject, stored.version) == ("Eerste wijziging", 2)


# -- two editors in the admin -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fixture", "form_id", "first_change", "second_change"),
    [
        ("commitment", "commitment_form", {"subject": "Door de eerste"}, {"notes": "Tweede"}),
        ("apr", "dossier_form", {"title": "Door de eerste"}, {"notes": "Tweede"}),
    ],
)
def test_the_second_of_two_editors_is_refused_and_the_first_change_kept(
    sample, editor, second_editor, fixture, form_id, first_change, second_change
):
    obj = sample[fixture]
    obj.save()  # a first history record, as a real edit would have left
    model = type(obj)
    url = _admin_url(obj)
    first, second = _client(editor), _client(second_editor)
    first_form, second_form = change_form(first, url, form_id), change_form(second, url, form_id)
    assert first_form["version"] == [str(obj.version)]
    records = model.history.filter(id=obj.pk).count()

    saved = first.post(url, {**first_form, **first_change})
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    refused = second.post(url, {**second_form, **second_change})

    assert refused.status_code == 200
    assert str(model.conflict_message) in refused.content.decode()
    obj.refresh_from_db()
    field, value = next(iter(first_change.items()))
    assert getattr(obj, field) == value
    assert obj.notes == ""
    history = model.history.filter(id=obj.pk)
    assert history.count() == records + 1
    assert history.first().history_user == editor
    assert getattr(history.first(), field) == value
    # Reloading shows the new version, and the second editor's change then goes through.
    reloaded = change_form(second, url, form_id)
    assert reloaded["version"] == [str(obj.version)]
    assert second.post(url, {**reloaded, **second_change}).status_code == 302


@pytest.mark.django_db
def test_reverting_through_the_history_is_locked_too(sample, editor):
    commitment = sample["commitment"]
    commitment.save()
    old_record = commitment.history.first()
    commitment.subject = "Later gewijzigd"
    commitment.save()
    client = _client(editor)
    url = reverse(
        "admin:dossiers_commitment_simple_history", args=[commitment.pk, old_record.history_id]
    )
    form = change_form(client, url, "historicalcommitment_form")
    # The revert form shows the old values but protects the version stored now.
    assert form["version"] == [str(commitment.version)]
    assert client.post(url, {**form, "_change_history": "1"}).status_code == 302
    commitment.refresh_from_db()
    assert commitment.subject == "Partnerschap met Egypte"
    stale = client.post(url, {**form, "_change_history": "1"})
    assert str(Commitment.conflict_message) in stale.content.decode()


# -- the checklist tick-off ---------------------------------------------------------------------


def _tick_off(client, sample, version):
    meeting, commitment = sample["meeting"], sample["commitment"]
    return client.post(
        reverse("dossiers:checklist", args=[meeting.pk]),
        {
            "commitment": commitment.pk,
            "document": sample["report"].pk,
            "passage": "Over Egypte kan ik u het volgende melden.",
            "version": version,
        },
    )


@pytest.mark.django_db
def test_a_tick_off_after_someone_elses_change_is_refused(sample, editor_client):
    commitment = sample["commitment"]
    loaded = commitment.version
    commitment.notes = "Intussen door een collega aangevuld."
    commitment.save()
    refused = _tick_off(editor_client, sample, loaded)
    assert refused.status_code == 400
    assert str(Commitment.conflict_message) in refused.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN
    ticked = _tick_off(editor_client, sample, commitment.version)
    assert ticked.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED


@pytest.mark.django_db
def test_the_checklist_form_carries_the_version_it_showed(sample, editor_client):
    meeting, commitment = sample["meeting"], sample["commitment"]
    checklist = reverse("dossiers:checklist", args=[meeting.pk])
    action = f"{checklist}#toezegging-{commitment.pk}"
    form = submitted_values(editor_client, checklist, lambda attrs: attrs.get("action") == action)
    assert form["commitment"] == [str(commitment.pk)]
    assert form["version"] == [str(commitment.version)]
    commitment.notes = "Intussen door een collega aangevuld."
    commitment.save()
    data = {**form, "passage": "Over Egypte kan ik u het volgende melden."}
    refused = editor_client.post(checklist, data)
    assert str(Commitment.conflict_message) in refused.content.decode()
    # The page shown with the refusal has the new version: submitting it again goes through.
    parser = _SubmittedValues(lambda attrs: attrs.get("action") == action)
    parser.feed(refused.content.decode())
    assert parser.data["version"] == [str(commitment.version)]
    again = editor_client.post(action, {**data, "version": parser.data["version"]})
    assert again.status_code == 302


@pytest.mark.django_db
def test_ticking_off_twice_records_once(sample, editor_client):
    commitment = sample["commitment"]
    records = commitment.history.count()
    assert _tick_off(editor_client, sample, commitment.version).status_code == 302
    # The same submit again (a double click): the page still had the old version.
    assert _tick_off(editor_client, sample, commitment.version).status_code == 302
    assert commitment.history.count() == records + 1
    assert commitment.history.first().history_user.username == "editor"


# -- two connections at once (PostgreSQL) ---------------------------------------------------------


def _run_together(*functions):
    """Run each function in its own thread, so each has its own database connection."""
    errors = []

    def run(function):
        try:
            function()
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    if errors:
        raise errors[0]


@needs_row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_tick_offs_at_once_record_once(sample):
    commitment, report = sample["commitment"], sample["report"]
    records = commitment.history.count()
    locked, waited = threading.Event(), []

    def first():
        with transaction.atomic():
            fulfil_commitment(commitment, document=report, passage="Over Egypte.")
            locked.set()
            time.sleep(HOLD_SECONDS)

    def second():
        assert locked.wait(10)
        started = time.monotonic()
        fulfil_commitment(commitment, document=report, passage="Over Egypte.")
        waited.append(time.monotonic() - started)

    _run_together(first, second)
    # The second waited for the first's row lock, then found it done and changed nothing.
    assert waited[0] >= HOLD_SECONDS * 0.8
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.history.count() == records + 1


@needs_row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_tick_offs_posted_at_once_record_once(sample, editor, second_editor):
    commitment = sample["commitment"]
    records = commitment.history.count()
    clients, responses = [_client(editor), _client(second_editor)], []
    start = threading.Barrier(2)

    def tick_off(client):
        def post():
            start.wait(10)
            responses.append(_tick_off(client, sample, commitment.version).status_code)

        return post

    _run_together(*(tick_off(client) for client in clients))
    assert responses == [302, 302]
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.history.count() == records + 1


@needs_row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_two_saves_at_once_from_the_same_version_the_second_is_refused(
    sample, editor, second_editor
):
    pk = sample["commitment"].pk
    locked, refused = threading.Event(), []

    def first():
        with transaction.atomic():
            commitment = Commitment.objects.get(pk=pk)
            commitment.subject = "Door de eerste"
            commitment._history_user = editor
            commitment.save_if_version(1)
            locked.set()
            time.sleep(HOLD_SECONDS)

    def second():
        assert locked.wait(10)
        commitment = Commitment.objects.get(pk=pk)  # still version 1: the first is uncommitted
        assert commitment.version == 1
        commitment.subject = "Door de tweede"
        commitment._history_user = second_editor
        started = time.monotonic()
        with pytest.raises(ConflictError):
            commitment.save_if_version(1)
        refused.append(time.monotonic() - started)

    _run_together(first, second)
    assert refused[0] >= HOLD_SECONDS * 0.8  # it waited for the first's lock, then lost
    stored = Commitment.objects.get(pk=pk)
    assert (stored.subject, stored.version) == ("Door de eerste", 2)
    latest = stored.history.first()
    assert (latest.subject, latest.history_user) == ("Door de eerste", editor)
    assert not stored.history.filter(subject="Door de tweede").exists()


@needs_row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_saving_the_same_commitment_at_once(sample, editor, second_editor):
    commitment = sample["commitment"]
    url = _admin_url(commitment)
    editors = {editor: "Door de eerste", second_editor: "Door de tweede"}
    clients = {user: _client(user) for user in editors}
    forms = {user: change_form(client, url, "commitment_form") for user, client in clients.items()}
    start, pages = threading.Barrier(2), {}

    def save(user):
        def post():
            start.wait(10)
            data = {**forms[user], "subject": editors[user]}
            response = clients[user].post(url, data, follow=True)
            pages[user] = response.content.decode()

        return post

    _run_together(*(save(user) for user in editors))
    commitment.refresh_from_db()
    winner = next(user for user, subject in editors.items() if subject == commitment.subject)
    loser = next(user for user in editors if user != winner)
    assert commitment.version == 2
    assert str(Commitment.conflict_message) in pages[loser]
    assert str(Commitment.conflict_message) not in pages[winner]
    latest = commitment.history.first()
    assert (latest.subject, latest.history_user) == (editors[winner], winner)
    assert not commitment.history.filter(subject=editors[loser]).exists()


# -- the history ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_create_change_and_delete_are_kept_with_user_and_time(editor_client, editor):
    added = editor_client.post(
        reverse("admin:dossiers_topic_add"), {"name": "Terrorismebestrijding", "slug": "tb"}
    )
    assert added.status_code == 302
    topic = Topic.objects.get(slug="tb")
    form = change_form(editor_client, _admin_url(topic), "topic_form")
    editor_client.post(_admin_url(topic), {**form, "name": "Contraterrorisme"})
    editor_client.post(_admin_url(topic, "delete"), {"post": "yes"})
    assert not Topic.objects.filter(pk=topic.pk).exists()

    history = Topic.history.filter(id=topic.pk).order_by("history_date")
    assert [(h.history_type, h.name, h.history_user) for h in history] == [
        ("+", "Terrorismebestrijding", editor),
        ("~", "Contraterrorisme", editor),
        ("-", "Contraterrorisme", editor),
    ]
    assert all(h.history_date is not None for h in history)


@pytest.mark.django_db
def test_a_dossier_deleted_in_the_admin_keeps_its_history_visible(editor_client, editor, sample):
    dossier = Dossier.objects.create(
        title="Verordening tijdelijke maatregelen",
        slug="tijdelijk",
        instrument_type="verordening",
        policy_area="justitie",
    )
    alias = DossierAlias.objects.create(dossier=dossier, alias="Tijdelijke verordening")
    response = editor_client.post(_admin_url(dossier, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not Dossier.objects.filter(pk=dossier.pk).exists()

    deleted = Dossier.history.get(id=dossier.pk, history_type="-")
    assert (deleted.title, deleted.history_user) == (dossier.title, editor)
    # What went with it (its aliases) is kept as deleted too.
    assert DossierAlias.history.get(id=alias.pk, history_type="-").history_user == editor

    # The admin's history page still opens for the deleted object, from its id.
    page = editor_client.get(_admin_url(dossier, "history"))
    assert page.status_code == 200
    records = list(page.context["page_obj"])
    assert [r.history_type for r in records] == ["-", "+"]
    assert "editor" in page.content.decode()


@pytest.mark.django_db
def test_a_commitment_deleted_in_the_admin_keeps_its_history_visible(
    editor_client, editor, reader, sample
):
    commitment = sample["commitment"]
    check = StandingCommitmentCheck.objects.get(commitment=sample["standing"])
    editor_client.post(_admin_url(commitment, "delete"), {"post": "yes"})
    editor_client.post(_admin_url(sample["standing"], "delete"), {"post": "yes"})
    assert not Commitment.objects.filter(pk__in=[commitment.pk, sample["standing"].pk]).exists()

    deleted = Commitment.history.get(id=commitment.pk, history_type="-")
    assert (deleted.subject, deleted.history_user) == ("Partnerschap met Egypte", editor)
    assert StandingCommitmentCheck.history.get(id=check.pk, history_type="-").history_user == editor
    # Readers see it too.
    page = _client(reader).get(_admin_url(commitment, "history"))
    assert page.status_code == 200
    assert "-" in [r.history_type for r in page.context["page_obj"]]
