import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from dossiers.roles import EDITOR_GROUP, READER_GROUP

pytestmark = pytest.mark.django_db


def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())


def test_roles_exist_with_the_right_permissions():
    editor = set(
        Group.objects.get(name=EDITOR_GROUP).permissions.values_list("codename", flat=True)
    )
    reader = set(
        Group.objects.get(name=READER_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"add_commitment", "change_dossier", "delete_stageevent", "view_motion"} <= editor
    assert reader and all(codename.startswith("view_") for codename in reader)
    assert {"view_dossier", "view_commitment", "view_historicaldossier"} <= reader


def test_demo_users_command(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_demo_users", stdout=out)
    assert "redacteur / " in out.getvalue()
    assert Group.objects.get(name=EDITOR_GROUP).user_set.filter(username="redacteur").exists()
    assert Group.objects.get(name=READER_GROUP).user_set.filter(username="lezer").exists()


def test_dutch_is_the_default_language(client, settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    response = client.get("/accounts/login/")
    assert 'lang="nl"' in response.content.decode()


def test_an_english_browser_still_gets_dutch(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "<h1>Inloggen</h1>" in page.content.decode()


def test_english_when_chosen(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "<h1>Log in</h1>" in client.get("/accounts/login/").content.decode()
