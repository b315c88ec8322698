"""Every URL pattern of the project, walked with GET and POST as anonymous, reader and editor.

The walk finds the patterns itself (admin included), fills their parameters from the seed data
and checks each answer against the table below, so a new URL without an expected outcome fails.
As anonymous and as reader, every POST is also checked to have changed nothing stored.
"""

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse

from dossiers.importing.pipeline import start_import
from dossiers.importing.tasks import read_import
from dossiers.models import (
    Commitment,
    CouncilMeeting,
    Dossier,
    FeedToken,
    ParliamentaryDocument,
    Source,
    SourceProposal,
)

from .conftest import SEEDS_DIR

pytestmark = pytest.mark.django_db

ANONYMOUS, READER, EDITOR = "anonymous", "reader", "editor"
ROLES = (ANONYMOUS, READER, EDITOR)

# Outcomes: a status code, or where a redirect leads.
LOGIN = "login"  # 302 to a login page, with ?next= the requested URL
LOGIN_PAGE = "login page"  # 302 to the login page without a way back: after logging out
ADMIN_INDEX = "admin index"
REDIRECT = "redirect"  # 302 anywhere else
OK, BAD_REQUEST, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 400, 403, 404, 405


def expect(*, anonymous=(LOGIN, LOGIN), reader, editor=None):
    """(GET, POST) outcome for each role; the editor's is the reader's unless given."""
    return {ANONYMOUS: anonymous, READER: reader, EDITOR: editor or reader}


# Pages that only read: a POST is answered like a GET (function views) and changes nothing.
READ = expect(reader=(OK, OK))
# Read-only class-based views answer a POST with 405.
READ_GET_ONLY = expect(reader=(OK, NOT_ALLOWED))

EXPECTED = {
    # Open to everyone: logging in, and choosing the language on the login page.
    "login": expect(anonymous=(OK, OK), reader=(OK, OK)),
    "set_language": expect(anonymous=(REDIRECT, REDIRECT), reader=(REDIRECT, REDIRECT)),
    "logout": expect(reader=(NOT_ALLOWED, LOGIN_PAGE)),
    "dossiers:dashboard": READ,
    "dossiers:search": READ,
    "dossiers:dossier_list": READ_GET_ONLY,
    "dossiers:dossier_detail": READ,
    "dossiers:meeting_list": READ,
    "dossiers:meeting_detail": READ,
    # A POST ticks a commitment off: for editors only.
    "dossiers:checklist": expect(reader=(OK, FORBIDDEN), editor=(OK, REDIRECT)),
    "dossiers:commitment_list": READ,
    "dossiers:rappel": READ,
    # The walk's empty POST gives no date: the editor is sent back with the message.
    "dossiers:commitment_move_due": expect(
        reader=(NOT_ALLOWED, FORBIDDEN), editor=(NOT_ALLOWED, REDIRECT)
    ),
    "dossiers:quarterly_overview_current": expect(reader=(REDIRECT, REDIRECT)),
    "dossiers:quarterly_overview": READ,
    "dossiers:quarterly_overview_xlsx": READ,
    "dossiers:quarterly_overview_docx": READ,
    "dossiers:meeting_agenda_docx": READ,
    "dossiers:meeting_report_docx": READ,
    # The empty POST asks for nothing: the upload form shows again, the review refuses it.
    "dossiers:import_start": expect(reader=(FORBIDDEN, FORBIDDEN), editor=(OK, OK)),
    "dossiers:import_review": expect(reader=(FORBIDDEN, FORBIDDEN), editor=(OK, BAD_REQUEST)),
    # The official sources are an editor's tool: readers do not see them.
    "dossiers:source_health": expect(reader=(FORBIDDEN, FORBIDDEN), editor=(OK, OK)),
    "dossiers:source_proposals": expect(reader=(FORBIDDEN, FORBIDDEN), editor=(OK, OK)),
    "dossiers:proposal_decide": expect(
        reader=(NOT_ALLOWED, FORBIDDEN), editor=(NOT_ALLOWED, REDIRECT)
    ),
    # Also open with a valid token, checked in the walk.
    "dossiers:calendar": READ,
    "dossiers:stage_feed": READ,
    # Every role may renew its own token.
    "dossiers:account": expect(reader=(OK, REDIRECT)),
    "dossiers:api_dossier_list": READ,
    "dossiers:api_dossier_detail": READ,
    "dossiers:api_meeting_list": READ,
    "dossiers:api_meeting_detail": READ,
    "dossiers:api_commitment_list": READ,
    # The admin site's own pages send anonymous users to the admin's login page.
    "admin:index": expect(anonymous=(LOGIN, LOGIN), reader=(OK, OK)),
    "admin:login": expect(anonymous=(OK, OK), reader=(ADMIN_INDEX, OK)),
    "admin:logout": expect(reader=(NOT_ALLOWED, LOGIN_PAGE)),
    "admin:password_change": expect(reader=(OK, OK)),
    "admin:password_change_done": expect(reader=(OK, NOT_ALLOWED)),
    "admin:autocomplete": expect(reader=(OK, NOT_ALLOWED)),
    "admin:jsi18n": expect(reader=(OK, NOT_ALLOWED)),
    "admin:view_on_site": expect(reader=(REDIRECT, REDIRECT)),
    "admin:app_list": READ,
    "admin/(?P<url>.*)$": expect(reader=(NOT_FOUND, NOT_FOUND)),
}

# The URLs a personal token opens for someone not logged in; no other URL may accept it.
TOKEN_URLS = {"dossiers:calendar", "dossiers:stage_feed"}

# Every model in the admin, by what the two roles may do with it.
CURATED, IMPORT_RECORD, NO_ACCESS = "curated", "import record", "no access"
ADMIN_MODELS = {
    "auth.group": NO_ACCESS,
    "auth.user": NO_ACCESS,
    "axes.accessattempt": NO_ACCESS,
    "axes.accessfailurelog": NO_ACCESS,
    "axes.accesslog": NO_ACCESS,
    # The task queue (django-tasks-db): for superusers, who see why a background task failed.
    "django_tasks_database.dbtaskresult": NO_ACCESS,
    "dossiers.agendaitem": CURATED,
    "dossiers.commitment": CURATED,
    "dossiers.councilmeeting": CURATED,
    "dossiers.debate": CURATED,
    "dossiers.documentimport": IMPORT_RECORD,
    "dossiers.dossier": CURATED,
    "dossiers.mention": CURATED,
    "dossiers.motion": CURATED,
    "dossiers.parliamentarydocument": CURATED,
    "dossiers.person": CURATED,
    "dossiers.stageevent": CURATED,
    "dossiers.topic": CURATED,
}
# The object's bare URL only redirects to its change page, which then decides.
_REDIRECT = expect(reader=(REDIRECT, REDIRECT))
ADMIN_VIEWS = {
    CURATED: {
        # Readers have no actions: the delete action POSTed is ignored; editors get its
        # confirmation page.
        "changelist": expect(reader=(OK, OK)),
        "add": expect(reader=(FORBIDDEN, FORBIDDEN), editor=(OK, OK)),
        "change": expect(reader=(OK, FORBIDDEN), editor=(OK, OK)),
        "history": expect(reader=(OK, OK)),
        "revert": expect(reader=(OK, FORBIDDEN), editor=(OK, OK)),
        "delete": expect(reader=(FORBIDDEN, FORBIDDEN), editor=(OK, OK)),
        "redirect": _REDIRECT,
    },
    IMPORT_RECORD: {
        "changelist": expect(reader=(OK, OK)),
        "add": expect(reader=(FORBIDDEN, FORBIDDEN)),
        # Every field is read-only: the editor's save changes nothing but is allowed.
        "change": expect(reader=(OK, FORBIDDEN), editor=(OK, REDIRECT)),
        "history": expect(reader=(OK, OK)),
        "delete": expect(reader=(FORBIDDEN, FORBIDDEN), editor=(OK, OK)),
        "redirect": _REDIRECT,
    },
    NO_ACCESS: {
        "changelist": expect(reader=(FORBIDDEN, FORBIDDEN)),
        "add": expect(reader=(FORBIDDEN, FORBIDDEN)),
        "change": expect(reader=(FORBIDDEN, FORBIDDEN)),
        "history": expect(reader=(FORBIDDEN, FORBIDDEN)),
        "delete": expect(reader=(FORBIDDEN, FORBIDDEN)),
        "password": expect(reader=(FORBIDDEN, FORBIDDEN)),
        "redirect": _REDIRECT,
    },
}


# -- finding the patterns ---------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str  # the full pattern, as Django prints it
    name: str  # namespace:name, or the route itself for an unnamed pattern


def project_routes(resolver=None, prefix="", namespace=""):
    """Every URL pattern of the project, recursively through the includes."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from project_routes(pattern, prefix + str(pattern.pattern), inner)
        else:
            route = prefix + str(pattern.pattern)
            name = ":".join(part for part in (namespace, pattern.name) if part)
            yield Route(route, name if pattern.name else route)


ADMIN_MODEL_ROUTE = re.compile(r"^admin/(?P<app>\w+)/(?P<model>\w+)/(?P<rest>.*)$")
ADMIN_VIEW_KINDS = {
    "": "changelist",
    "add/": "add",
    "<path:object_id>/": "redirect",
    "<path:object_id>/change/": "change",
    "<path:object_id>/history/": "history",
    "<path:object_id>/delete/": "delete",
    "^([^/]+)/history/([^/]+)/$": "revert",
    "<id>/password/": "password",
}


def admin_model_view(route):
    """(model, view kind) for a pattern of a registered ModelAdmin, else None."""
    match = ADMIN_MODEL_ROUTE.match(route.route)
    if not match:
        return None
    registered = {(m._meta.app_label, m._meta.model_name): m for m in admin.site._registry}
    model = registered.get((match["app"], match["model"]))
    if model is None:
        return None
    return model, ADMIN_VIEW_KINDS.get(match["rest"], match["rest"])


def expectation(route):
    """The table's (GET, POST) outcomes per role for this pattern, or None if it has none."""
    found = admin_model_view(route)
    if found is None:
        return EXPECTED.get(route.name)
    model, kind = found
    access = ADMIN_MODELS.get(model._meta.label_lower)
    return ADMIN_VIEWS.get(access, {}).get(kind)


def describe(route):
    found = admin_model_view(route)
    return f"{found[0]._meta.label_lower} {found[1]}" if found else route.name


# -- filling the patterns ---------------------------------------------------------------------


def _placeholder_row(model):
    """A row for a model the seed leaves empty (the login records), so its pages exist."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.has_default() or field.null:
            continue
        if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
            continue
        values[field.name] = 1 if isinstance(field, models.IntegerField) else "walk"
    return model.objects.create(**values)


@pytest.fixture
def walk(seeded, reader, editor):
    """The seed data, one import and an object per admin model: every pattern can be filled."""
    seed = (SEEDS_DIR / "003_6edfb0a9bfd7a98c.txt").read_bytes()
    document_import, _created = start_import("verslag.txt", seed, user=editor)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        read_import.enqueue(document_import.pk)  # a row of the task queue's admin
    for model in admin.site._registry:
        if not model._default_manager.exists():
            _placeholder_row(model)
        if hasattr(model, "history"):
            # The seed is loaded raw, without history; the revert pages need a record.
            model._default_manager.order_by("pk").first().save()
    commitment = Commitment.objects.open().one_off().order_by("pk").first()
    document = (
        ParliamentaryDocument.objects.filter(meetings__isnull=False, date__gte=commitment.made_on)
        .order_by("date", "pk")
        .first()
    )
    dossier = Dossier.objects.order_by("pk").first()
    proposal = SourceProposal.objects.create(
        source=Source.EUROPEAN_PARLIAMENT,
        kind=SourceProposal.Kind.STAGE_EVENT,
        key="walk",
        dossier=dossier,
        data={"stage": 100, "date": "2024-04-10", "activity_type": "PLENARY_VOTE"},
    )
    return {
        "dossier": dossier,
        "proposal": proposal,
        "meeting": CouncilMeeting.objects.order_by("pk").first(),
        "tick_off_meeting": document.meetings.order_by("pk").first(),
        "tick_off_document": document,
        "commitment": commitment,
        "import": document_import,
        "token": FeedToken.objects.issue(reader),
        "users": {READER: reader, EDITOR: editor},
    }


def _view_on_site_args(walk):
    return [ContentType.objects.get_for_model(Dossier).pk, walk["dossier"].pk]


URL_ARGS = {
    "dossiers:dossier_detail": lambda w: [w["dossier"].slug],
    "dossiers:meeting_detail": lambda w: [w["meeting"].pk],
    "dossiers:checklist": lambda w: [w["tick_off_meeting"].pk],
    "dossiers:quarterly_overview": lambda w: [2023, 4],
    "dossiers:quarterly_overview_xlsx": lambda w: [2023, 4],
    "dossiers:quarterly_overview_docx": lambda w: [2023, 4],
    "dossiers:meeting_agenda_docx": lambda w: [w["meeting"].pk],
    "dossiers:meeting_report_docx": lambda w: [w["meeting"].pk],
    "dossiers:import_review": lambda w: [w["import"].pk],
    "dossiers:commitment_move_due": lambda w: [w["commitment"].pk],
    "dossiers:proposal_decide": lambda w: [w["proposal"].pk],
    "dossiers:api_dossier_detail": lambda w: [w["dossier"].slug],
    "dossiers:api_meeting_detail": lambda w: [w["meeting"].pk],
    "admin:view_on_site": lambda w: [
        ContentType.objects.get_for_model(Dossier).pk,
        w["dossier"].pk,
    ],
}
URL_QUERIES = {"admin:autocomplete": "?app_label=dossiers&model_name=commitment&field_name=debate"}


def url_of(route, walk):
    found = admin_model_view(route)
    if found:
        model, kind = found
        instance = model._default_manager.order_by("pk").first()
        if kind == "revert":
            record = instance.history.order_by("-history_id").first()
            changelist = route.route.removesuffix(ADMIN_MODEL_ROUTE.match(route.route)["rest"])
            return f"/{changelist}{instance.pk}/history/{record.history_id}/"
        path = route.route.replace("<path:object_id>", str(instance.pk))
        return "/" + path.replace("<id>", str(instance.pk))
    if route.name == "admin/(?P<url>.*)$":
        return "/admin/no-such-page/"
    if route.name == "admin:app_list":
        return reverse(route.name, kwargs={"app_label": "dossiers"})
    args = URL_ARGS.get(route.name, lambda w: [])(walk)
    return reverse(route.name, args=args) + URL_QUERIES.get(route.name, "")


def post_body(route, walk, role):
    """What a POST sends: what would change data if it were allowed; only the editor's POST to a
    delete page asks for the confirmation page instead (deleting is tested apart)."""
    found = admin_model_view(route)
    if found:
        model, kind = found
        instance = model._default_manager.order_by("pk").first()
        if kind == "delete":
            return {} if role == EDITOR else {"post": "yes"}
        if kind == "changelist":
            return {"action": "delete_selected", "_selected_action": [instance.pk]}
        return {}
    if route.name == "dossiers:checklist":
        return {
            "commitment": walk["commitment"].pk,
            "document": walk["tick_off_document"].pk,
            "passage": "Daarmee is de toezegging gestand gedaan.",
            "version": walk["commitment"].version,
        }
    if route.name == "dossiers:account":
        return {"action": "renew"}
    if route.name == "dossiers:proposal_decide":
        return {"decision": "dismiss"}
    if route.name == "set_language":
        return {"language": "nl", "next": "/"}
    return {}


def outcome(response, url):
    """The status, or for a redirect where it leads: a login page must name the way back."""
    if response.status_code != 302:
        return response.status_code
    location = urlsplit(response["Location"])
    if location.path in (reverse("login"), reverse("admin:login")):
        back = parse_qs(location.query).get("next")
        if back is None:
            return LOGIN_PAGE
        return LOGIN if back == [url] else f"login, back to {back}"
    if location.path == reverse("admin:index"):
        return ADMIN_INDEX
    return REDIRECT


def with_token(url, key):
    return f"{url}{'&' if '?' in url else '?'}token={key}"


# -- what is stored -----------------------------------------------------------------------------

SNAPSHOT_APPS = {"admin", "auth", "dossiers"}


def stored_state(acting_user=None):
    """Row count and a digest of every row of the data, the accounts and the admin log.

    Left out: a user's last login (logging in sets it) and the acting user's own token.
    """
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in SNAPSHOT_APPS:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.name != "last_login"]
        rows = model._base_manager.order_by("pk")
        if model is FeedToken and acting_user is not None:
            rows = rows.exclude(user=acting_user)
        rows = list(rows.values_list(*fields))
        state[model._meta.label_lower] = (len(rows), hashlib.sha256(repr(rows).encode()).digest())
    history_ids = [
        model.objects.aggregate(latest=models.Max("history_id"))["latest"] or 0
        for model in apps.get_app_config("dossiers").get_models()
        if model._meta.label_lower.startswith("dossiers.historical")
    ]
    state["latest history id"] = max(history_ids)
    return state


def changed(before, after):
    return sorted(key for key in before if before[key] != after.get(key))


# -- the walk -----------------------------------------------------------------------------------


def test_every_url_pattern_has_an_expectation():
    routes = list(project_routes())
    missing = [describe(route) for route in routes if expectation(route) is None]
    assert not missing, f"URL patterns without an expected outcome: {missing}"
    names = {route.name for route in routes}
    labels = {model._meta.label_lower for model in admin.site._registry}
    stale = sorted((set(EXPECTED) - names) | (set(ADMIN_MODELS) - labels))
    assert not stale, f"expectations for patterns that no longer exist: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_expected(walk, role, capsys):
    client = Client()
    user = walk["users"].get(role)
    if user:
        client.force_login(user)
    routes = list(project_routes())
    requests = 0
    wrong = []

    def check(method, url, expected, response):
        nonlocal requests
        requests += 1
        got = outcome(response, url)
        if got != expected:
            wrong.append(f"{method} {url}: expected {expected}, got {got}")

    for route in routes:
        expected = expectation(route)
        if expected is None:
            wrong.append(f"{describe(route)}: no expected outcome")
            continue
        url = url_of(route, walk)
        expected_get, expected_post = expected[role]
        check("GET", url, expected_get, client.get(url))

        before = stored_state(user) if role != EDITOR else None
        check("POST", url, expected_post, client.post(url, post_body(route, walk, role)))
        if before is not None:
            after = stored_state(user)
            if after != before:
                wrong.append(f"POST {url} as {role} changed {changed(before, after)}")
        if user and route.name in ("logout", "admin:logout"):
            client.force_login(user)

        if role == ANONYMOUS:
            # The token opens the calendar and the feed, and nothing else.
            token_url = with_token(url, walk["token"])
            opened = OK if route.name in TOKEN_URLS else expected_get
            check("GET", token_url, opened, client.get(token_url))
            if route.name in TOKEN_URLS:
                wrong_token = with_token(url, "not-a-token")
                check("GET", wrong_token, FORBIDDEN, client.get(wrong_token))

    if role == EDITOR:
        walk["commitment"].refresh_from_db()
        if walk["commitment"].status != Commitment.Status.FULFILLED:
            wrong.append("the editor's tick-off was not recorded")
    figures = f"{role}: {len(routes)} URL patterns walked, {requests} requests"
    with capsys.disabled():
        print(f"\n{figures}")
    assert not wrong, f"{figures}; {len(wrong)} unexpected:\n" + "\n".join(wrong)


def test_reader_cannot_change_a_record_through_its_revert_form(reader_client, sample):
    """The revert form of django-simple-history saves for anyone who may view the record."""
    commitment = sample["commitment"]
    commitment.save()
    record = commitment.history.order_by("-history_id").first()
    url = reverse("admin:dossiers_commitment_simple_history", args=[commitment.pk, record.pk])
    data = {
        "subject": "Gewijzigd door een lezer",
        "text": commitment.text,
        "to_chamber": commitment.to_chamber,
        "debate": commitment.debate_id,
        "fulfilment_mode": commitment.fulfilment_mode,
        "due_meeting": commitment.due_meeting_id,
        "status": commitment.status,
        "version": commitment.version,
        "_change_history": "1",
    }
    assert reader_client.get(url).status_code == 200
    assert reader_client.post(url, data).status_code == 403
    commitment.refresh_from_db()
    assert commitment.subject == "Partnerschap met Egypte"

    person = sample["piri"]
    person.save()
    record = person.history.order_by("-history_id").first()
    url = reverse("admin:dossiers_person_simple_history", args=[person.pk, record.pk])
    data = {"name": "Gewijzigd", "role": person.role, "chamber": person.chamber}
    assert reader_client.post(url, data).status_code == 403
    person.refresh_from_db()
    assert person.name == "Piri"


# -- CSRF ---------------------------------------------------------------------------------------


def test_every_form_refuses_a_post_without_its_csrf_token(sample, editor, reader):
    """With the check on (as for a browser), a POST without the token is refused."""
    commitment, meeting = sample["commitment"], sample["meeting"]
    document_import, _created = start_import("verslag.txt", b"Verslag van de JBZ-Raad.\n" * 20)
    forms = {
        "tick-off": reverse("dossiers:checklist", args=[meeting.pk]),
        "import upload": reverse("dossiers:import_start"),
        "import review": reverse("dossiers:import_review", args=[document_import.pk]),
        "language switch": reverse("set_language"),
        "calendar token": reverse("dossiers:account"),
        "admin change": reverse("admin:dossiers_commitment_change", args=[commitment.pk]),
        "admin delete": reverse("admin:dossiers_commitment_delete", args=[commitment.pk]),
        "logout": reverse("logout"),
    }
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    bodies = {
        "tick-off": {
            "commitment": commitment.pk,
            "document": sample["report"].pk,
            "passage": "Zie het verslag.",
        },
        "language switch": {"language": "en", "next": "/"},
        "calendar token": {"action": "renew"},
        "admin delete": {"post": "yes"},
    }
    refused = {
        name: browser.post(url, bodies.get(name, {})).status_code for name, url in forms.items()
    }
    assert refused == dict.fromkeys(forms, 403)
    assert not FeedToken.objects.filter(user=editor).exists()
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN

    anonymous = Client(enforce_csrf_checks=True)
    login = anonymous.post(reverse("login"), {"username": reader.username, "password": "pw"})
    assert login.status_code == 403

    # With the token the same POSTs go through: the refusals above were the CSRF check.
    browser.get(reverse("dossiers:account"))
    token = browser.cookies["csrftoken"].value
    renewed = browser.post(
        reverse("dossiers:account"), {"action": "renew", "csrfmiddlewaretoken": token}
    )
    assert renewed.status_code == 302
    assert FeedToken.objects.filter(user=editor).exists()
    ticked = browser.post(forms["tick-off"], {**bodies["tick-off"], "csrfmiddlewaretoken": token})
    assert ticked.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED
