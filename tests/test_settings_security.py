"""Production settings refuse to start half-configured and pass Django's deployment checks; every
response carries a strict Content-Security-Policy that the pages keep to."""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from django.urls import path, reverse
from django.utils.translation import gettext

MANAGE = os.path.join(settings.BASE_DIR, "manage.py")

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "jbz.example, www.jbz.example",
}

# What a server process sees of the settings, printed as JSON.
SHOW_SETTINGS = """
import json
from django.conf import settings
names = [
    "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS", "SECURE_REFERRER_POLICY",
]
shown = {name: getattr(settings, name, None) for name in names}
shown["DATABASE_ENGINE"] = settings.DATABASES["default"]["ENGINE"]
shown["CONN_MAX_AGE"] = settings.DATABASES["default"]["CONN_MAX_AGE"]
shown["CONN_HEALTH_CHECKS"] = settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
shown["STATICFILES_BACKEND"] = settings.STORAGES["staticfiles"]["BACKEND"]
print(json.dumps(shown))
"""


def _manage(*args, **env):
    """Run manage.py in a fresh process with only the given DJANGO_* variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.pop("CONN_MAX_AGE", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, MANAGE, *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )


def _settings_seen(**env):
    result = _manage("shell", "--no-imports", "-c", SHOW_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deploy_check_reports_nothing_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert result.stderr == ""


def test_production_settings_are_hardened():
    seen = _settings_seen(
        **PRODUCTION_ENV,
        DJANGO_CSRF_TRUSTED_ORIGINS="https://jbz.example",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://jbz@127.0.0.1:5432/jbztracker",
    )
    assert seen["DEBUG"] is False, "DJANGO_DEBUG must not turn DEBUG on in production"
    assert seen["ALLOWED_HOSTS"] == ["jbz.example", "www.jbz.example"]
    assert seen["CSRF_TRUSTED_ORIGINS"] == ["https://jbz.example"]
    assert seen["SESSION_COOKIE_SECURE"] is True
    assert seen["CSRF_COOKIE_SECURE"] is True
    assert seen["SECURE_SSL_REDIRECT"] is True
    assert seen["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert seen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert seen["SECURE_HSTS_PRELOAD"] is True
    assert seen["SECURE_PROXY_SSL_HEADER"] is None, "trusting the proxy header is opt-in"
    assert seen["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert seen["X_FRAME_OPTIONS"] == "DENY"
    assert seen["SECURE_REFERRER_POLICY"] == "same-origin"
    assert seen["DATABASE_ENGINE"] == "django.db.backends.postgresql"
    assert seen["CONN_MAX_AGE"] == 60
    assert seen["CONN_HEALTH_CHECKS"] is True
    assert seen["STATICFILES_BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_proxy_ssl_header_is_trusted_only_when_asked():
    seen = _settings_seen(**PRODUCTION_ENV, DJANGO_SECURE_PROXY_SSL_HEADER="1")
    assert seen["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


@pytest.mark.parametrize(
    ("missing", "overrides", "message"),
    [
        ("key", {"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY is not set"),
        ("hosts", {"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS is not set"),
        ("hosts", {"DJANGO_ALLOWED_HOSTS": " , "}, "DJANGO_ALLOWED_HOSTS is not set"),
        ("weak key", {"DJANGO_SECRET_KEY": "x" * 60}, "DJANGO_SECRET_KEY is too weak"),
        ("short key", {"DJANGO_SECRET_KEY": "s3cr3t-k3y"}, "DJANGO_SECRET_KEY is too weak"),
        ("a typo", {"DJANGO_ENV": "prod"}, "DJANGO_ENV='prod' is not known"),
    ],
)
def test_production_refuses_to_start_without_its_settings(missing, overrides, message):
    result = _manage("check", **{**PRODUCTION_ENV, **overrides})
    assert result.returncode != 0, f"started with {missing}"
    assert f"ImproperlyConfigured: {message}" in result.stderr


def test_development_defaults_are_unchanged():
    seen = _settings_seen()
    assert seen["DEBUG"] is True
    assert seen["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert seen["DATABASE_ENGINE"] == "django.db.backends.sqlite3"
    assert seen["CONN_MAX_AGE"] == 0
    assert seen["SESSION_COOKIE_SECURE"] is False
    assert seen["SECURE_SSL_REDIRECT"] is False
    assert seen["SECURE_HSTS_SECONDS"] == 0
    assert seen["STATICFILES_BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_development_takes_database_url():
    seen = _settings_seen(DATABASE_URL="postgres://postgres@127.0.0.1:5432/jbztracker")
    assert seen["DATABASE_ENGINE"] == "django.db.backends.postgresql"


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.django_db
def test_every_response_has_a_strict_content_security_policy(client, editor):
    login_page = client.get(reverse("login"))
    client.force_login(editor)
    admin_page = client.get(reverse("admin:index"))
    for response in (login_page, admin_page):
        assert _directives(response) == {
            "default-src": ["'self'"],
            "script-src": ["'self'"],
            "style-src": ["'self'"],
            "img-src": ["'self'", "data:"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'none'"],
        }
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


# Inline code the policy above blocks: <script> without src, <style>, style="", on...="".
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("dossiers:dashboard", []),
        ("dossiers:dossier_list", []),
        ("dossiers:dossier_detail", ["asiel-en-migratiepact"]),
        ("dossiers:dossier_detail", ["gvva-richtlijn"]),
        ("dossiers:meeting_list", []),
        ("dossiers:meeting_detail", [1]),
        ("dossiers:checklist", [2]),
        ("dossiers:commitment_list", []),
        ("dossiers:quarterly_overview", [2023, 4]),
        ("dossiers:import_start", []),
    ],
)
def test_pages_keep_to_the_policy(seeded, editor_client, name, args):
    response = editor_client.get(reverse(name, args=args))
    assert response.status_code == 200
    html = response.content.decode()
    assert not INLINE.findall(html)
    assert '<link rel="icon" href="data:,">' in html


def test_login_page_keeps_to_the_policy(client, db):
    assert not INLINE.findall(client.get(reverse("login")).content.decode())


def _database_gone(request):
    raise OperationalError("terminating connection due to administrator command")


# A URLconf of this module for the test below: one view that fails as a dropped connection does.
urlpatterns = [path("kapot/", _database_gone)]


@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_plain_page_without_a_traceback(db, editor):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.get("/kapot/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{gettext('Something went wrong')}</h1>" in html
    for leak in ("Traceback", "OperationalError", "terminating connection", "django.db"):
        assert leak not in html
    assert not INLINE.findall(html)
    assert "Content-Security-Policy" in response


def test_the_wsgi_application_keeps_start_up_objects_out_of_the_collector():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "-c", "import gc, jbztracker.wsgi; print(gc.get_freeze_count())"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    # Django, the apps and the admin's registry: tens of thousands of objects.
    assert int(result.stdout.strip()) > 10_000
