"""Settings for jbztracker.

Zero set-up by default (SQLite in the project folder); PostgreSQL when DATABASE_URL is set.
DJANGO_ENV=production turns DEBUG off and takes the secret key and host names from the
environment, refusing to start without them.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
if ENVIRONMENT not in ("development", "production"):
    # A typo must not start a server with DEBUG on.
    raise ImproperlyConfigured(
        f"DJANGO_ENV={ENVIRONMENT!r} is not known: use 'production' or 'development'."
    )
PRODUCTION = ENVIRONMENT == "production"


def _comma_list(value):
    return [item.strip() for item in value.split(",") if item.strip()]


def _required_in_production(name, example):
    value = os.environ.get(name, "").strip()
    if not value.strip(","):
        raise ImproperlyConfigured(
            f"{name} is not set. With DJANGO_ENV=production it must come from the environment, "
            f"e.g. {name}={example}"
        )
    return value


if PRODUCTION:
    DEBUG = False
    SECRET_KEY = _required_in_production("DJANGO_SECRET_KEY", "<50 or more random characters>")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is too weak: use 50 or more random characters, e.g. from "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    ALLOWED_HOSTS = _comma_list(_required_in_production("DJANGO_ALLOWED_HOSTS", "jbz.example"))
else:
    DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production"
    )
    ALLOWED_HOSTS = _comma_list(os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost"))

# Origins (with scheme) of pages that may post forms here, e.g. https://jbz.example when a
# proxy on another port or host name sits in front.
CSRF_TRUSTED_ORIGINS = _comma_list(os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", ""))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # The search on PostgreSQL: its index expressions (OpClass) and lookups; inert on SQLite.
    "django.contrib.postgres",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "dossiers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jbztracker.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jbztracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "jbztracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Workers keep their PostgreSQL connection for a minute in production; the health check
        # before each request's first query replaces one the server has dropped.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to one file: readers do not wait for a writer
    # (WAL), a write transaction takes its lock when it starts, and waits up to 20 s for it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }

# Work that takes longer than a request should (reading an uploaded document) runs in a task,
# kept in the database: `manage.py db_worker` runs them; no other server is needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The official sources (dossiers/sources/): where they are, and how politely to ask them.
OFFICIAL_SOURCES = {
    # Kamerstukken: the government's repository of official publications, searched with SRU 2.0.
    "officielebekendmakingen": os.environ.get(
        "SOURCE_OFFICIAL_PUBLICATIONS", "https://repository.overheid.nl/sru"
    ),
    # Commitments (Toezegging) and debates (Activiteit): the Tweede Kamer's OData API.
    "tweedekamer": os.environ.get(
        "SOURCE_TWEEDE_KAMER", "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
    ),
    # Procedure files: the European Parliament's open data API.
    "europarl": os.environ.get("SOURCE_EUROPARL", "https://data.europarl.europa.eu/api/v2/"),
}
SOURCE_TIMEOUT_SECONDS = int(os.environ.get("SOURCE_TIMEOUT_SECONDS", "30"))
SOURCE_RETRIES = 3  # for a dropped connection or a 429/5xx answer, waiting longer each time
SOURCE_BACKOFF_SECONDS = 2.0  # the first wait; then 4, 8 s (a Retry-After header is obeyed)
SOURCE_MIN_INTERVAL_SECONDS = float(os.environ.get("SOURCE_MIN_INTERVAL_SECONDS", "1.0"))
SOURCE_USER_AGENT = "jbztracker (Ministerie van Justitie en Veiligheid; EU-JBZ-dossiers)"
# What a daily sync fetches: the JBZ-Raad's Kamerstukken, and the commitments of the ministers
# of Justice and Security and of Asylum and Migration (by the words of their ministry's name).
SOURCE_SERIES = _comma_list(os.environ.get("SOURCE_SERIES", "32317"))
SOURCE_MINISTRIES = ("Justitie en Veiligheid", "Asiel en Migratie")

# The reminder digest (manage.py send_reminders): printed to the console unless a mail server is
# configured (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend, EMAIL_HOST ...).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "jbztracker <noreply@localhost>")
# The address the app is reached at, for the links in e-mails (which have no request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses a login while its username and address are locked out; ModelBackend logs in.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Five wrong passwords for one username from one address lock that pair out for 15 minutes;
# a successful login clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# A working day, and the session ends with the browser.
SESSION_COOKIE_AGE = int(timedelta(hours=8).total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dossiers:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Serve from the app folders while developing; collectstatic fills STATIC_ROOT in production.
WHITENOISE_AUTOREFRESH = DEBUG

DJANGO_TABLES2_TEMPLATE = "dossiers/_table.html"

# The pages use no JavaScript and no inline styles; the admin loads its scripts from here too.
# The same policy holds in development, so a page that breaks it breaks before production.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The favicon is an empty data: URL, so the browser asks for no /favicon.ico.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(timedelta(days=365).total_seconds())
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a proxy that terminates TLS and sets X-Forwarded-Proto (and strips it from clients),
    # DJANGO_SECURE_PROXY_SSL_HEADER=1 lets Django see the request was made over HTTPS.
    if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER") == "1":
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Users get the plain 500 page; the traceback goes to the server's log (gunicorn's stderr).
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"stderr": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["stderr"], "level": "WARNING"},
    }
