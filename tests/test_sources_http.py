"""The HTTP under every source: a timeout, retries with back-off for what may pass, a polite
pace per host, and an error an editor can read."""

import pytest
import requests
import responses
from django.test import override_settings

from dossiers.sources import http
from dossiers.sources.http import SourceError

URL = "https://repository.overheid.nl/sru"


@pytest.mark.parametrize(
    "answer, message",
    [
        ({"status": 503}, "antwoordde met HTTP 503"),
        ({"status": 404}, "antwoordde met HTTP 404"),
        ({"body": requests.exceptions.ReadTimeout()}, "geen antwoord binnen 30 seconden"),
        ({"body": requests.exceptions.ConnectionError()}, r"Is er een netwerkverbinding\?"),
        ({"body": requests.exceptions.SSLError()}, r"niet bereikbaar \(SSLError\)"),
    ],
)
def test_a_failed_request_is_one_clear_error(fake_sources, answer, message):
    fake_sources.add(responses.GET, URL, **answer)
    with pytest.raises(SourceError, match=message) as raised:
        http.get(URL, what="Officiële bekendmakingen")
    assert str(raised.value).startswith("Officiële bekendmakingen: ")
    assert "repository.overheid.nl" in str(raised.value)


def test_every_request_has_the_timeout_and_user_agent(fake_sources, settings):
    settings.SOURCE_TIMEOUT_SECONDS = 7
    fake_sources.add(responses.GET, URL, body="ok")
    assert http.get(URL, {"query": "x"}, what="test").text == "ok"
    request = fake_sources.calls[0].request
    assert request.req_kwargs["timeout"] == 7
    assert request.headers["User-Agent"].startswith("jbztracker")


def test_an_answer_that_may_pass_is_asked_again(fake_sources):
    fake_sources.add(responses.GET, URL, status=503)
    fake_sources.add(responses.GET, URL, body="ok")
    assert http.get(URL, what="test").text == "ok"
    assert [call.response.status_code for call in fake_sources.calls] == [503, 200]


def test_what_may_pass_is_retried_with_back_off(settings):
    """urllib3 retries below requests: the session's adapters carry the settings."""
    settings.SOURCE_RETRIES = 4
    settings.SOURCE_BACKOFF_SECONDS = 3.0
    retry = http._session().get_adapter(URL).max_retries
    assert (retry.total, retry.backoff_factor) == (4, 3.0)
    assert {429, 500, 502, 503, 504} <= set(retry.status_forcelist)
    assert retry.respect_retry_after_header
    assert 404 not in retry.status_forcelist  # an answer that will not change is not retried


def test_requests_to_one_host_keep_their_distance(monkeypatch):
    clock = {"now": 100.0}
    pauses = []
    monkeypatch.setattr(http.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(http.time, "sleep", pauses.append)
    monkeypatch.setattr(http, "_last_request", {})
    with override_settings(SOURCE_MIN_INTERVAL_SECONDS=1.0):
        http._wait_for_turn("repository.overheid.nl")
        clock["now"] += 0.25
        http._wait_for_turn("repository.overheid.nl")
        http._wait_for_turn("data.europarl.europa.eu")  # another host: no wait
    assert pauses == [0.75]
