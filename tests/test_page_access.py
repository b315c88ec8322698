"""Anonymous users see only the login page; readers see every page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    ("dossiers:dashboard", []),
    ("dossiers:dossier_list", []),
    ("dossiers:dossier_detail", ["gvva-richtlijn"]),
    ("dossiers:meeting_list", []),
    ("dossiers:meeting_detail", [1]),
    ("dossiers:checklist", [2]),
    ("dossiers:commitment_list", []),
    ("dossiers:quarterly_overview", [2023, 4]),
    ("dossiers:quarterly_overview_xlsx", [2023, 4]),
    ("dossiers:calendar", []),
    ("dossiers:stage_feed", []),
    ("dossiers:api_dossier_list", []),
    ("dossiers:api_dossier_detail", ["gvva-richtlijn"]),
    ("dossiers:api_meeting_list", []),
    ("dossiers:api_meeting_detail", [1]),
    ("dossiers:api_commitment_list", []),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_is_sent_to_the_login_page(seeded, client, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_reader_sees_every_page(seeded, reader_client, name, args):
    assert reader_client.get(reverse(name, args=args)).status_code == 200


def test_login_page_is_open_and_leads_to_the_dashboard(seeded, client, reader):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": reader.username, "password": "pw"})
    assert response["Location"] == reverse("dossiers:dashboard")
