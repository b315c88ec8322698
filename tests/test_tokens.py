"""Personal tokens: calendar apps and feed readers read /agenda.ics and /feed/stadia/ without
logging in, with a key that opens those two URLs only and that the user can renew or revoke."""

import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from dossiers.models import FeedToken

pytestmark = pytest.mark.django_db

TOKEN_URLS = ["/agenda.ics", "/feed/stadia/"]
# Everything else that can be read, pages and API alike.
OTHER_URLS = [
    "/",
    "/dossiers/",
    "/dossiers/asielprocedureverordening/",
    "/toezeggingen/",
    "/api/dossiers/",
    "/api/commitments/",
    "/account/",
]


@pytest.fixture
def key(reader):
    return FeedToken.objects.issue(reader)


@pytest.mark.parametrize(
    ("url", "content_type"),
    [("/agenda.ics", "text/calendar"), ("/feed/stadia/", "application/atom+xml")],
)
def test_a_valid_token_opens_the_calendar_and_the_feed_without_login(
    sample, key, url, content_type
):
    response = Client().get(url, {"token": key})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)


def test_the_calendar_read_with_a_token_is_the_calendar(sample, key):
    response = Client().get("/agenda.ics", {"token": key, "peildatum": "2024-03-01"})
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert f"meeting-{sample['meeting'].pk}@jbztracker" in {str(e["UID"]) for e in events}


@pytest.mark.parametrize("url", OTHER_URLS)
def test_the_token_opens_nothing_else(sample, key, url):
    with_token = f"{url}?token={key}"
    response = Client().get(with_token)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}%3Ftoken%3D{key}"


def test_the_token_opens_no_admin_page(sample, key):
    response = Client().get("/admin/dossiers/commitment/", {"token": key})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", TOKEN_URLS)
@pytest.mark.parametrize("wrong", ["", "x", "not-a-token-at-all-but-long-enough-to-look-real"])
def test_a_wrong_token_is_refused(sample, key, url, wrong):
    response = Client().get(url, {"token": wrong})
    if wrong:
        assert response.status_code == 403
    else:
        # An empty token is no token: the login page, as without one.
        assert response.status_code == 302


@pytest.mark.parametrize("url", TOKEN_URLS)
def test_renewing_revokes_the_old_token(sample, reader, key, url):
    new_key = FeedToken.objects.issue(reader)
    assert Client().get(url, {"token": key}).status_code == 403
    assert Client().get(url, {"token": new_key}).status_code == 200
    assert FeedToken.objects.filter(user=reader).count() == 1


@pytest.mark.parametrize("url", TOKEN_URLS)
def test_a_revoked_token_and_that_of_a_deactivated_user_are_refused(sample, reader, key, url):
    reader.is_active = False
    reader.save()
    assert Client().get(url, {"token": key}).status_code == 403
    reader.is_active = True
    reader.save()
    assert Client().get(url, {"token": key}).status_code == 200
    FeedToken.objects.filter(user=reader).delete()
    assert Client().get(url, {"token": key}).status_code == 403


def test_only_a_hash_of_the_key_is_stored(reader, key):
    token = FeedToken.objects.get(user=reader)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = [str(value) for value in FeedToken.objects.values_list(flat=False).get()]
    assert not any(key in value for value in stored)
    assert len(key) >= 43  # 32 random bytes


def test_the_calendar_reads_in_a_fixed_number_of_queries_with_a_token(
    sample, key, django_assert_max_num_queries
):
    client = Client()
    # The token's user (1) and the calendar's three lists.
    with django_assert_max_num_queries(4):
        assert client.get("/agenda.ics", {"token": key}).status_code == 200


# -- the account page -----------------------------------------------------------------------------


def _shown_key(page):
    found = re.findall(r"agenda\.ics\?token=([\w-]+)", page)
    return found[0] if found else None


def test_anonymous_users_are_sent_to_login_for_the_account_page(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/account/"


def test_account_page_makes_shows_once_renews_and_revokes(reader_client, reader, sample):
    page = reader_client.get("/account/")
    assert page.status_code == 200
    assert page.context["token"] is None
    assert 'value="renew"' in page.content.decode()

    response = reader_client.post("/account/", {"action": "renew"})
    assert response.status_code == 302
    page = reader_client.get("/account/").content.decode()
    key = _shown_key(page)
    assert key
    assert f"http://testserver/feed/stadia/?token={key}" in page
    assert "vanaf drie maanden terug" in page  # what the calendar holds
    assert Client().get("/agenda.ics", {"token": key}).status_code == 200

    # Shown once: the page does not know the key afterwards.
    again = reader_client.get("/account/")
    assert _shown_key(again.content.decode()) is None
    assert again.context["token"].user == reader
    assert 'value="revoke"' in again.content.decode()

    reader_client.post("/account/", {"action": "renew"})
    new_key = _shown_key(reader_client.get("/account/").content.decode())
    assert new_key and new_key != key
    assert Client().get("/agenda.ics", {"token": key}).status_code == 403
    assert Client().get("/agenda.ics", {"token": new_key}).status_code == 200

    reader_client.post("/account/", {"action": "revoke"})
    assert not FeedToken.objects.filter(user=reader).exists()
    assert Client().get("/agenda.ics", {"token": new_key}).status_code == 403


def test_renewing_touches_only_ones_own_token(reader_client, reader, editor):
    editor_key = FeedToken.objects.issue(editor)
    reader_client.post("/account/", {"action": "renew"})
    reader_client.post("/account/", {"action": "revoke"})
    assert FeedToken.objects.user_for_key(editor_key) == editor


def test_an_unknown_action_is_a_bad_request(reader_client):
    assert reader_client.post("/account/", {"action": "steal"}).status_code == 400
    assert not FeedToken.objects.exists()


def test_account_page_query_budget(reader_client, reader, key, django_assert_max_num_queries):
    # Session, user, the user's and the group's permissions (the menu), token, reminder
    # subscription.
    with django_assert_max_num_queries(6):
        assert reader_client.get("/account/").status_code == 200
