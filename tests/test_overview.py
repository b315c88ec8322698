"""The quarterly overview of EU legislative proposals (kwartaaloverzicht)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from dossiers.models import Dossier, Stage, StageEvent
from dossiers.overview import quarterly_overview

pytestmark = pytest.mark.django_db


def test_q4_2023_has_each_open_file_with_its_stages_and_changes(seeded):
    overview = quarterly_overview(2023, 4)
    rows = {dossier.slug: dossier for dossier in overview.dossiers}
    gvva = rows["gvva-richtlijn"]
    assert gvva.stage_at_end == Stage.COREPER_ENDORSEMENT
    assert "20 december 2023" in [event.date_display for event in gvva.quarter_events]
    assert rows["asielprocedureverordening"].stage_at_end == Stage.PROVISIONAL_AGREEMENT
    assert all(d.instrument_type in Dossier.LEGISLATIVE_TYPES for d in overview.dossiers)
    assert "asiel-en-migratiepact" not in rows  # a package is not a legislative file


def test_a_file_closed_before_the_quarter_is_left_out(seeded):
    gvva = Dossier.objects.get(slug="gvva-richtlijn")
    StageEvent.objects.create(dossier=gvva, stage=Stage.PUBLICATION, date="2024-01-10")
    assert "gvva-richtlijn" in {d.slug for d in quarterly_overview(2024, 1).dossiers}
    assert "gvva-richtlijn" not in {d.slug for d in quarterly_overview(2024, 2).dossiers}


def test_overview_page_and_xlsx(seeded, reader_client):
    page = reader_client.get(reverse("dossiers:quarterly_overview", args=[2023, 4]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Akkoord in Coreper" in html
    assert reverse("dossiers:quarterly_overview", args=[2024, 1]) in html

    download = reader_client.get(reverse("dossiers:quarterly_overview_xlsx", args=[2023, 4]))
    assert (
        download["Content-Disposition"] == 'attachment; filename="kwartaaloverzicht-2023-Q4.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    assert sheet.max_row == len(quarterly_overview(2023, 4).dossiers) + 1
    assert "Akkoord in Coreper" in [cell.value for cell in sheet["H"]]


def test_current_quarter_redirects(seeded, reader_client):
    response = reader_client.get(reverse("dossiers:quarterly_overview_current"))
    assert response.status_code == 302
    assert "/kwartaaloverzicht/" in response["Location"]


@pytest.mark.parametrize(
    "path", ["/kwartaaloverzicht/2024/5/", "/kwartaaloverzicht/2024/0/", "/kwartaaloverzicht/12/1/"]
)
def test_a_quarter_that_does_not_exist_is_a_404(seeded, reader_client, path):
    assert reader_client.get(path).status_code == 404


def test_overview_costs_two_queries_whatever_the_number_of_dossiers(
    seeded, django_assert_num_queries
):
    Dossier.objects.bulk_create(
        Dossier(
            title=f"Verordening {n}", slug=f"v-{n}", instrument_type="verordening", policy_area="bz"
        )
        for n in range(30)
    )
    StageEvent.objects.bulk_create(
        StageEvent(dossier=dossier, stage=Stage.PROPOSAL, date="2023-11-01")
        for dossier in Dossier.objects.filter(slug__startswith="v-")
    )
    # The dossiers and their events in the quarter; the date of the newest data only when
    # the page asks for it.
    with django_assert_num_queries(2):
        overview = quarterly_overview(2023, 4)
    assert len(overview.dossiers) >= 30


def test_overview_page_query_count_is_bounded(seeded, reader_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        reader_client.get(reverse("dossiers:quarterly_overview", args=[2023, 4]))


def test_a_quarter_after_the_newest_data_says_so_and_links_to_the_quarter_with_data(
    seeded, reader_client
):
    html = reader_client.get(
        reverse("dossiers:quarterly_overview", args=[2026, 4])
    ).content.decode()
    notice = html.split('id="data-age"')[1].split("</p>")[0]
    assert "De nieuwste gegevens in de tracker zijn van 6 maart 2024" in notice
    assert reverse("dossiers:quarterly_overview", args=[2024, 1]) in notice
    with_data = reader_client.get(reverse("dossiers:quarterly_overview", args=[2024, 1]))
    assert 'id="data-age"' not in with_data.content.decode()
