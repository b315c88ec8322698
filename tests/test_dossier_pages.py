"""The dossier register (filters, sorting, exports) and the dossier timeline."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from dossiers.models import Dossier, Mention, Stage, StageEvent
from dossiers.tables import KeysFirstQuerysetData

pytestmark = pytest.mark.django_db

REGISTER = reverse("dossiers:dossier_list")


def _titles(response):
    return [row.record.slug for row in response.context["table"].paginated_rows]


def test_register_lists_every_seed_dossier_with_its_stage(seeded, reader_client):
    response = reader_client.get(REGISTER)
    assert response.status_code == 200
    assert response.context["table"].paginator.count == Dossier.objects.count() == 45
    html = response.content.decode()
    assert "Akkoord in Coreper" in html  # GVVA's current stage, in Dutch
    assert reverse("dossiers:dossier_detail", args=["gvva-richtlijn"]) in html


@pytest.mark.parametrize(
    "query",
    ["Asielprocedureverordening", "APR", "asielprocedure"],
)
def test_register_text_search_covers_aliases_short_names_and_titles(seeded, reader_client, query):
    response = reader_client.get(REGISTER, {"q": query})
    assert "asielprocedureverordening" in _titles(response)


def test_register_filters_by_stage_package_and_instrument(seeded, reader_client):
    by_stage = reader_client.get(REGISTER, {"stage": Stage.COREPER_ENDORSEMENT})
    assert _titles(by_stage) == ["gvva-richtlijn"]

    pact = Dossier.objects.get(slug="asiel-en-migratiepact")
    instruments = set(pact.instruments.values_list("slug", flat=True))
    assert len(instruments) == 8
    # The package is matched by its title, short name or alias, in any case.
    for text in ("Asiel- en migratiepact", "MIGRATIEPACT", " migratiepact "):
        assert set(_titles(reader_client.get(REGISTER, {"package": text}))) == instruments
    assert _titles(reader_client.get(REGISTER, {"package": "Schengen"})) == []

    directives = reader_client.get(REGISTER, {"instrument_type": "richtlijn", "policy_area": "bz"})
    assert "gvva-richtlijn" in _titles(directives)
    assert all(
        row.record.instrument_type == "richtlijn"
        for row in directives.context["table"].paginated_rows
    )


def test_register_changed_since_uses_stage_dates(seeded, reader_client):
    Dossier.objects.update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    response = reader_client.get(REGISTER, {"changed_since": "2023-12-20"})
    slugs = _titles(response)
    assert "gvva-richtlijn" in slugs  # Coreper on 20 December 2023
    assert "schengengrenscode" in slugs
    assert len(slugs) < 45


def test_register_rejects_a_malformed_date_with_a_message(seeded, reader_client):
    response = reader_client.get(REGISTER, {"changed_since": "2024-13-45"})
    assert response.status_code == 200
    assert response.context["filter"].errors["changed_since"]
    assert _titles(response) == []
    assert 'role="alert"' in response.content.decode()


def test_register_shows_stage_dates_as_precisely_as_the_documents(seeded, reader_client):
    html = reader_client.get(REGISTER, {"q": "APR"}).content.decode()
    assert "december 2023" in html  # the Pact's political agreement, dated to the month
    assert "1 december 2023" not in html
    stage_select = reader_client.get(REGISTER).content.decode().split('name="stage"')[1]
    assert stage_select.split("</select>")[0].count("selected") == 1  # the empty choice


def test_register_sorts_by_current_stage(seeded, reader_client):
    response = reader_client.get(REGISTER, {"sort": "-current_stage"})
    stages = [row.record.current_stage for row in response.context["table"].paginated_rows]
    known = [stage for stage in stages if stage is not None]
    assert known == sorted(known, reverse=True)


def test_register_paginates_by_fifty(seeded, reader_client):
    Dossier.objects.bulk_create(
        Dossier(title=f"Extra {n}", slug=f"extra-{n}", instrument_type="overig", policy_area="bz")
        for n in range(10)
    )
    first = reader_client.get(REGISTER)
    second = reader_client.get(REGISTER, {"page": 2})
    assert len(first.context["table"].paginated_rows) == 50
    assert len(second.context["table"].paginated_rows) == 5


def test_register_csv_export_follows_the_filters(seeded, reader_client):
    response = reader_client.get(REGISTER, {"q": "GVVA", "_export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Titel", "Korte naam", "Soort instrument"]
    assert len(rows) == 2
    assert rows[1][1] == "GVVA"
    assert "Akkoord in Coreper" in rows[1]


def test_register_xlsx_export_opens_as_a_workbook(seeded, reader_client):
    response = reader_client.get(REGISTER, {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 46  # header and 45 dossiers
    assert "GVVA" in [cell.value for cell in sheet["B"]]


def test_register_xlsx_has_the_cells_of_the_csv(seeded, reader_client):
    csv_rows = list(
        csv.reader(
            io.StringIO(reader_client.get(REGISTER, {"_export": "csv"}).content.decode("utf-8-sig"))
        )
    )
    response = reader_client.get(REGISTER, {"_export": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="dossiers.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    xlsx_rows = [["" if value is None else value for value in row] for row in sheet.values]
    assert xlsx_rows == csv_rows
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])


@pytest.mark.parametrize(
    "title",
    ['=HYPERLINK("https://example.org","Formule")', "+Formule", "-1+Formule", "@Formule",
     "\tFormule", "\rFormule"],
)  # fmt: skip
def test_register_csv_cell_that_a_spreadsheet_would_run_starts_with_an_apostrophe(
    seeded, reader_client, title
):
    Dossier.objects.create(title=title, slug="formule", instrument_type="overig", policy_area="bz")
    response = reader_client.get(REGISTER, {"q": "Formule", "_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["'" + title]


def test_register_xlsx_keeps_a_formula_like_title_as_text(seeded, reader_client):
    title = '=HYPERLINK("https://example.org","Formule")'
    Dossier.objects.create(title=title, slug="formule", instrument_type="overig", policy_area="bz")
    response = reader_client.get(REGISTER, {"q": "Formule", "_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert (sheet["A2"].data_type, sheet["A2"].value) == ("s", title)


def test_register_csv_keeps_ordinary_text_as_it_is(seeded, reader_client):
    Dossier.objects.create(
        title="Richtlijn 2024/1 – herziening",
        slug="gewoon",
        instrument_type="overig",
        policy_area="bz",
    )
    response = reader_client.get(REGISTER, {"q": "2024/1", "_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "Richtlijn 2024/1 – herziening"


@pytest.mark.parametrize(
    "export_format", ["ods", "yaml", "xls", "json", "html", "latex", "tsv", ""]
)
def test_register_refuses_a_download_format_it_does_not_offer(seeded, reader_client, export_format):
    response = reader_client.get(REGISTER, {"_export": export_format})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "is geen download die deze pagina aanbiedt: kies CSV of Excel (XLSX)." in (
        response.content.decode()
    )
    # The page itself is still there, with the offered downloads.
    assert response.context["table"].paginator.count == 45


def test_register_query_count_does_not_grow_with_rows(
    seeded, reader_client, django_assert_max_num_queries
):
    # Session, user and the two permission lookups of the navigation included.
    with django_assert_max_num_queries(10):
        reader_client.get(REGISTER, {"q": "verordening", "sort": "parent"})


def test_timeline_shows_the_stage_bar_and_the_history_with_sources(seeded, reader_client):
    response = reader_client.get(reverse("dossiers:dossier_detail", args=["gvva-richtlijn"]))
    assert response.status_code == 200
    steps = {step.stage: step.state for step in response.context["steps"]}
    assert steps[Stage.COREPER_ENDORSEMENT] == "current"
    assert steps[Stage.PROVISIONAL_AGREEMENT] == "done"
    assert steps[Stage.COUNCIL_MANDATE] == "skipped"
    assert steps[Stage.COUNCIL_ADOPTION] == "expected"
    assert steps[Stage.PUBLICATION] == "pending"
    html = response.content.decode()
    assert 'aria-current="step"' in html
    coreper = StageEvent.objects.get(
        dossier__slug="gvva-richtlijn", stage=Stage.COREPER_ENDORSEMENT, date="2023-12-20"
    )
    assert coreper.source_passage in html
    assert "20 december 2023" in html


def test_timeline_is_chronological_and_tells_expected_apart(seeded, reader_client):
    response = reader_client.get(reverse("dossiers:dossier_detail", args=["schengengrenscode"]))
    entries = response.context["entries"]
    dated = [entry.date for entry in entries if entry.date]
    assert dated == sorted(dated)
    assert {entry.kind for entry in entries} >= {"stage", "expected", "mention", "document"}
    assert all(entry.is_expected == (entry.kind == "expected") for entry in entries)
    mention = Mention.objects.filter(dossier__slug="schengengrenscode").exclude(source_passage="")
    assert mention.first().source_passage in response.content.decode()


def test_timeline_shows_commitments_and_motions_of_the_dossier(seeded, reader_client):
    pact = Dossier.objects.get(slug="asiel-en-migratiepact")
    response = reader_client.get(pact.get_absolute_url())
    kinds = {entry.kind for entry in response.context["entries"]}
    assert {"commitment", "fulfilment"} <= kinds
    assert "motion" in kinds or not pact.motions.exists()


def test_package_page_puts_its_instruments_on_one_axis(seeded, reader_client):
    response = reader_client.get(reverse("dossiers:dossier_detail", args=["asiel-en-migratiepact"]))
    axis = response.context["axis"]
    assert len(axis.rows) == 8
    xs = [marker.x for row in axis.rows for marker in row.markers]
    assert min(xs) >= axis.label_width and max(xs) <= axis.width
    html = response.content.decode()
    assert html.count("<circle") >= len(xs)
    assert "Asielprocedureverordening" in html or "APR" in html


def test_unknown_dossier_is_a_404(seeded, reader_client):
    assert reader_client.get("/dossiers/bestaat-niet/").status_code == 404


def test_timeline_query_count_does_not_grow_with_events(
    seeded, reader_client, django_assert_max_num_queries
):
    dossier = Dossier.objects.get(slug="gvva-richtlijn")
    url = dossier.get_absolute_url()
    StageEvent.objects.bulk_create(
        StageEvent(dossier=dossier, stage=Stage.TRILOGUES, date=datetime.date(2022, 1, n + 1))
        for n in range(25)
    )
    with django_assert_max_num_queries(14):
        response = reader_client.get(url)
    assert len([e for e in response.context["entries"] if e.kind == "stage"]) >= 25


@pytest.mark.parametrize("sort", ["title", "-current_stage", "parent"])
def test_register_pages_hold_every_dossier_once_whatever_the_ties(seeded, reader_client, sort):
    Dossier.objects.bulk_create(
        Dossier(
            title="Verordening gelijke titel",
            slug=f"gelijke-titel-{n}",
            instrument_type="verordening",
            policy_area="bz",
        )
        for n in range(70)
    )
    shown = []
    for page in (1, 2, 3):
        response = reader_client.get(REGISTER, {"sort": sort, "page": page})
        assert isinstance(response.context["table"].data, KeysFirstQuerysetData)
        shown += _titles(response)
    assert len(shown) == len(set(shown)) == Dossier.objects.count() == 45 + 70


def test_typed_filters_say_what_to_type(seeded, reader_client):
    html = reader_client.get(REGISTER).content.decode()
    # The hint is on the page, and the field points at it for screen readers.
    assert 'aria-describedby="id_package_helptext"' in html
    assert '<span class="help" id="id_package_helptext">Titel, afkorting of alias' in html
    html = reader_client.get(reverse("dossiers:commitment_list")).content.decode()
    assert 'aria-describedby="id_member_helptext"' in html
    assert 'id="id_member_helptext">Achternaam, zoals Piri.</span>' in html


@pytest.mark.parametrize("order", ["title", "-current_stage", "parent__title"])
def test_a_register_page_reads_full_rows_only_for_its_keys(seeded, order):
    dossiers = Dossier.objects.with_current_stage().select_related("parent").order_by(order)
    page = KeysFirstQuerysetData(dossiers)[10:20]
    # The OFFSET is in the subquery of keys; the rows with their stages have none.
    assert (page.query.low_mark, page.query.high_mark) == (0, None)
    assert list(page) == list(dossiers.order_by(order, "pk")[10:20])
