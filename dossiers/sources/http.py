"""HTTP to the official sources: a timeout on every request, retries with back-off for what may
pass (a dropped connection, 429 and 5xx answers), a polite interval between requests to one
host, and one kind of error with a message an editor understands."""

import datetime
import threading
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


class SourceError(Exception):
    """A source could not be read: unreachable, an error answer, or an answer in a form the app
    does not know. The message says which source and what went wrong."""


_RETRIED_STATUSES = (429, 500, 502, 503, 504)
_last_request = {}  # host -> time.monotonic() of its last request
_lock = threading.Lock()


def _session():
    retry = Retry(
        total=settings.SOURCE_RETRIES,
        backoff_factor=settings.SOURCE_BACKOFF_SECONDS,
        status_forcelist=_RETRIED_STATUSES,
        allowed_methods=("GET",),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.headers["User-Agent"] = settings.SOURCE_USER_AGENT
    return session


def _wait_for_turn(host):
    """At most one request to a host per SOURCE_MIN_INTERVAL_SECONDS."""
    with _lock:
        earliest = _last_request.get(host, 0.0) + settings.SOURCE_MIN_INTERVAL_SECONDS
        pause = earliest - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        _last_request[host] = time.monotonic()


def get(url, params=None, *, what, accept=None):
    """The answer to a GET of `url`; SourceError, naming `what` was asked, when there is none
    or it is an error."""
    _wait_for_turn(urlsplit(url).netloc)
    headers = {"Accept": accept} if accept else {}
    try:
        response = _session().get(
            url, params=params, headers=headers, timeout=settings.SOURCE_TIMEOUT_SECONDS
        )
    except requests.exceptions.Timeout as error:
        raise SourceError(
            _("%(what)s: no answer within %(seconds)d seconds (%(host)s).")
            % {
                "what": what,
                "seconds": settings.SOURCE_TIMEOUT_SECONDS,
                "host": urlsplit(url).netloc,
            }
        ) from error
    except requests.exceptions.RequestException as error:
        raise SourceError(
            _("%(what)s: %(host)s cannot be reached (%(error)s). Is there a network connection?")
            % {"what": what, "host": urlsplit(url).netloc, "error": type(error).__name__}
        ) from error
    if response.status_code != 200:
        raise SourceError(
            _("%(what)s: %(host)s answered HTTP %(status)d.")
            % {"what": what, "host": urlsplit(url).netloc, "status": response.status_code}
        )
    return response


def get_json(url, params=None, *, what, accept="application/json"):
    """The answer to a GET of `url` read as JSON; SourceError when it is not JSON."""
    response = get(url, params, what=what, accept=accept)
    try:
        return response.json()
    except ValueError as error:
        raise SourceError(
            _("%(what)s answered with JSON that cannot be read.") % {"what": what}
        ) from error


def iso_date(value):
    """The day an answer gives as an ISO date or date-time ("2024-02-29T10:00:00"); None when
    it gives none or one that cannot be read."""
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10]) if value else None
    except ValueError:
        return None
