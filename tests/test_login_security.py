"""Guessing passwords gets a username locked out from that address; passwords must be long and
uncommon; a session lasts a working day at most and ends with the browser."""

import datetime

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

pytestmark = pytest.mark.django_db

PASSWORD = "pw"


def _log_in(client, username, password, address="127.0.0.1", url=None):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _guess_wrong(client, username, times, address="127.0.0.1"):
    return [_log_in(client, username, "wrong-guess", address).status_code for _ in range(times)]


def _logged_in(response):
    return response.status_code == 302 and response["Location"] == reverse("dossiers:dashboard")


def test_four_wrong_passwords_still_show_the_login_form(client, reader):
    assert _guess_wrong(client, reader.username, 4) == [200] * 4
    assert _logged_in(_log_in(client, reader.username, PASSWORD))


def test_six_wrong_passwords_lock_the_username_out_from_that_address(client, reader):
    statuses = _guess_wrong(client, reader.username, 6)
    assert statuses == [200] * 4 + [429] * 2, "the fifth failure locks"

    response = _log_in(client, reader.username, PASSWORD)
    assert response.status_code == 429, "the right password is refused while locked out"
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert gettext("Login blocked") in html
    assert (
        ngettext("Try again in %(minutes)s minute.", "Try again in %(minutes)s minutes.", 15)
        % {"minutes": 15}
        in html
    )
    assert reverse("login") in html


def test_the_admin_login_is_locked_as_well(client, reader):
    _guess_wrong(client, reader.username, 5)
    response = _log_in(client, reader.username, PASSWORD, url=reverse("admin:login"))
    assert response.status_code == 429


def test_lockout_holds_for_that_username_and_address_only(client, reader, editor):
    _guess_wrong(client, reader.username, 6)
    assert _logged_in(_log_in(client, reader.username, PASSWORD, address="192.0.2.7"))
    client.logout()
    assert _logged_in(_log_in(client, editor.username, PASSWORD))


def test_lockout_ends_after_the_cool_off(client, reader):
    _guess_wrong(client, reader.username, 6)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=14))
    assert _log_in(client, reader.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert _logged_in(_log_in(client, reader.username, PASSWORD))


def test_an_administrator_can_lift_the_lockout(client, reader):
    _guess_wrong(client, reader.username, 6)
    assert reset(username=reader.username) == 1
    assert _logged_in(_log_in(client, reader.username, PASSWORD))


def test_a_successful_login_clears_the_count(client, reader):
    _guess_wrong(client, reader.username, 4)
    assert _logged_in(_log_in(client, reader.username, PASSWORD))
    client.logout()
    assert _guess_wrong(client, reader.username, 4) == [200] * 4
    assert _logged_in(_log_in(client, reader.username, PASSWORD))


def test_test_clients_can_still_log_in(client, reader):
    """force_login skips authentication; client.login must pass a request for django-axes."""
    assert client.login(request=HttpRequest(), username=reader.username, password=PASSWORD)
    assert client.get(reverse("dossiers:dashboard")).status_code == 200
    client.logout()
    client.force_login(reader)
    assert client.get(reverse("dossiers:dashboard")).status_code == 200


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Kort-4-jbz", "password_too_short"),
        ("qwerty123456", "password_too_common"),
        ("483920571648203", "password_entirely_numeric"),
        ("beleidsmedewerker1", "password_too_similar"),
    ],
)
def test_weak_passwords_are_refused(django_user_model, password, code):
    user = django_user_model(username="beleidsmedewerker", email="b@jbz.example")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert code in {error.code for error in refused.value.error_list}


def test_a_long_uncommon_password_is_accepted(django_user_model):
    user = django_user_model(username="beleidsmedewerker")
    assert validate_password("kwartaal-overzicht-JBZ-2024", user) is None


def test_the_session_lasts_eight_hours_and_ends_with_the_browser(client, reader):
    response = _log_in(client, reader.username, PASSWORD)
    assert _logged_in(response)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == "", "a browser-session cookie"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"

    session = Session.objects.get(session_key=cookie.value)
    lifetime = session.expire_date - timezone.now()
    assert datetime.timedelta(hours=7, minutes=59) < lifetime <= datetime.timedelta(hours=8)

    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(reverse("dossiers:dashboard"))["Location"].startswith(reverse("login"))
