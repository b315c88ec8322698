"""The flows a policy officer clicks through, in a real Chromium against the live server.

Playwright cannot download its own browsers here, so the system Chromium is launched. The pages
worth looking at are saved to test-artifacts/screenshots/ for a visual review.
"""

import datetime
import os
import re
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from dossiers.models import Commitment, CouncilMeeting, Debate, Dossier, ParliamentaryDocument

from . import word_files

# The live server answers from its own thread, so it only sees committed data; the flush after
# each test also empties the groups of the data migration, which serialized_rollback restores.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module.

    While Playwright's sync API runs, it marks an asyncio loop as running on the main thread.
    Django then refuses ORM calls from that thread (SynchronousOnlyOperation) and hands it a
    second set of database connections, as it would to async code: without the test database's
    serialized contents, and left open at the end. Nothing here is async and the live server
    answers from its own thread, so while the browser runs the check is lifted and the thread
    keeps the connections it had; later test modules see Django as usual.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    thread_connections = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", base_url=live_server.url
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(page, live_server):
    """Start the browser logged in as a user, without typing into the login form each time."""

    def log_in(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return log_in


@pytest.fixture
def march_2024(seeded):
    return CouncilMeeting.objects.get(start_date="2024-03-04")


@pytest.fixture
def open_commitment(march_2024):
    """An open commitment due in the report of the Council of 4-5 March 2024."""
    return Commitment.objects.create(
        subject="Stand van zaken visumopschorting",
        text="De minister informeert de Kamer in het verslag over de visumopschorting.",
        debate=Debate.objects.get(date="2024-02-29"),
        fulfilment_mode=Commitment.FulfilmentMode.IN_REPORT,
        due_meeting=march_2024,
    )


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def register_rows(page):
    return page.locator("table.register tbody tr")


def test_login_form_leads_to_the_dashboard(page, live_server, seeded, editor):
    page.goto("/dossiers/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dossiers/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")

    page.fill("#id_username", "editor")
    page.fill("#id_password", "wrong")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("komen niet overeen")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")

    page.goto("/accounts/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")
    expect(page.locator(".site-header .user")).to_have_text("editor")

    page.goto("/?peildatum=2024-02-01")
    expect(page.locator(".lede")).to_have_text("Peildatum 1 februari 2024.")
    expect(page.locator("#next-meeting + p")).to_contain_text("JBZ-Raad 4-5 maart 2024")
    screenshot(page, "dashboard-peildatum-2024-02-01")


def test_search_the_register_with_the_filter_form(page, seeded, reader, log_in):
    log_in(reader)
    page.goto("/dossiers/")
    expect(register_rows(page)).to_have_count(45)

    # The register's own filter field, not the search box in the header.
    page.get_by_role("main").get_by_label("Zoeken").fill("Asielprocedureverordening")
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"[?&]q=Asielprocedureverordening"))
    expect(register_rows(page)).to_have_count(1)
    expect(register_rows(page).locator("td.title")).to_have_text("Asielprocedureverordening")
    expect(page.get_by_text("1 dossier", exact=True)).to_be_visible()
    screenshot(page, "register-filtered-asielprocedureverordening")

    # By keyboard alone: the skip link comes first, Tab reaches the search field, and Enter
    # submits the filter.
    page.goto("/dossiers/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    search = page.get_by_role("main").get_by_label("Zoeken")
    for _ in range(20):
        if search.evaluate("field => field === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(search).to_be_focused()
    page.keyboard.type("GVVA")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=GVVA"))
    expect(register_rows(page)).to_have_count(1)
    expect(register_rows(page).locator("td.title")).to_contain_text("GVVA-richtlijn")


def test_sort_the_filtered_register_by_a_column_header(page, seeded, reader, log_in):
    log_in(reader)
    page.goto("/dossiers/?q=verordening")
    matching = list(
        Dossier.objects.search("verordening").order_by("title").values_list("title", flat=True)
    )
    assert len(matching) > 1
    expect(register_rows(page).locator("td.title")).to_have_text(matching)
    screenshot(page, "register-filtered-verordening-by-title")

    page.locator("table.register thead").get_by_role("link", name="Titel").click()
    expect(page).to_have_url(re.compile(r"\?(?=.*q=verordening)(?=.*sort=-title)"))
    expect(register_rows(page).locator("td.title")).to_have_text(matching[::-1])


def test_dossier_timeline_and_package_axis(page, seeded, reader, log_in):
    log_in(reader)
    page.goto("/dossiers/")
    page.locator('table.register a[href="/dossiers/gvva-richtlijn/"]').click()
    expect(page).to_have_url(re.compile(r"/dossiers/gvva-richtlijn/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("GVVA-richtlijn")
    expect(page.locator('.stage-bar [aria-current="step"]')).to_contain_text("Akkoord in Coreper")
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("20 december 2023")
    expect(timeline.locator(".badge.expected", has_text="Verwacht").first).to_be_visible()
    screenshot(page, "dossier-gvva-timeline")

    page.goto("/dossiers/asiel-en-migratiepact/")
    axis = page.locator("svg.package-axis")
    expect(axis).to_be_visible()
    expect(axis.locator("a")).to_have_count(8)
    expect(axis.locator("a text")).to_have_text(
        [
            "AMMR",
            "APR",
            "Crisisverordening",
            "Eurodac-verordening",
            "Hervestigingsverordening",
            "Herziene Opvangrichtlijn",
            "Kwalificatieverordening",
            "Screeningsverordening",
        ]
    )
    assert axis.locator("circle").count() >= 8
    assert axis.locator("circle.expected").count() + axis.locator("circle.actual").count() == (
        axis.locator("circle").count()
    )
    screenshot(page, "dossier-asiel-en-migratiepact-package")


def test_editor_ticks_off_a_commitment(page, march_2024, open_commitment, editor, log_in):
    report = ParliamentaryDocument.objects.get(meetings=march_2024, document_type="verslag")
    log_in(editor)
    page.goto(f"/raden/{march_2024.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("JBZ-Raad 4-5 maart 2024")
    screenshot(page, "meeting-jbz-2024-03-04")
    page.get_by_role("link", name="Checklist toezeggingen voor het verslag").click()
    expect(page).to_have_url(re.compile(rf"/raden/{march_2024.pk}/checklist/$"))

    item = page.locator(f"#toezegging-{open_commitment.pk}")
    expect(item).to_contain_text("☐")
    item.get_by_text("Afvinken").click()
    document = item.get_by_label("afgedaan met document", exact=True)
    expect(document).to_have_value(str(report.pk))
    document.select_option(str(report.pk))
    passage = "De minister heeft de Kamer geïnformeerd over de visumopschorting."
    item.get_by_label("passage waarmee afgedaan", exact=True).fill(passage)
    item.locator('input[name="fulfilled_on"]').fill("2024-03-20")
    item.get_by_role("button", name="Vastleggen als afgedaan").click()

    expect(page).to_have_url(
        re.compile(rf"/raden/{march_2024.pk}/checklist/#toezegging-{open_commitment.pk}$")
    )
    expect(page.locator(".messages")).to_have_text("Afgedaan: Stand van zaken visumopschorting")
    expect(item).to_have_class(re.compile(r"\bdone\b"))
    expect(item).to_contain_text("☑")
    expect(item).to_contain_text(passage)
    expect(item.get_by_text("Afvinken")).to_have_count(0)
    screenshot(page, "checklist-jbz-2024-03-04-after-tick-off")

    open_commitment.refresh_from_db()
    assert open_commitment.status == Commitment.Status.FULFILLED
    assert open_commitment.fulfilled_by_document == report
    assert open_commitment.fulfilment_passage == passage
    assert open_commitment.fulfilled_on == datetime.date(2024, 3, 20)
    assert open_commitment.history.latest().history_user == editor


def test_reader_has_no_tick_off_control(page, march_2024, open_commitment, reader, log_in):
    log_in(reader)
    page.goto(f"/raden/{march_2024.pk}/checklist/")
    item = page.locator(f"#toezegging-{open_commitment.pk}")
    expect(item).to_contain_text("Stand van zaken visumopschorting")
    expect(item).to_contain_text("☐")
    expect(page.get_by_text("Afvinken")).to_have_count(0)
    expect(page.get_by_role("main").locator("details")).to_have_count(0)


def download(page, link_name, folder):
    """Click the link `link_name` and save what it downloads in `folder`, under the name the
    server suggests; returns its path."""
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    path = folder / download_info.value.suggested_filename
    download_info.value.save_as(path)
    return path


def test_download_the_register_and_the_quarterly_overview(page, seeded, reader, log_in, tmp_path):
    log_in(reader)
    page.goto("/dossiers/")
    path = download(page, "Excel (XLSX) downloaden", tmp_path)
    assert path.suffix == ".xlsx"
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Titel", "Korte naam")
    assert len(rows) == 1 + 45
    assert "GVVA" in [row[1] for row in rows]

    page.goto("/kwartaaloverzicht/2023/4/")
    path = download(page, "Excel (XLSX) downloaden", tmp_path)
    assert path.name == "kwartaaloverzicht-2023-Q4.xlsx"
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    gvva = next(row for row in rows if row[1] == "GVVA")
    assert gvva[7] == "Akkoord in Coreper"
    assert "20 december 2023" in gvva[8]


def test_download_the_word_drafts(page, march_2024, reader, log_in, tmp_path):
    log_in(reader)
    page.goto(f"/raden/{march_2024.pk}/")
    path = download(page, "Concept geannoteerde agenda (Word)", tmp_path)
    assert path.name == "concept-geannoteerde-agenda-jbz-raad-4-5-maart-2024.docx"
    text = word_files.paragraphs(path.read_bytes())
    assert text[0] == "Geannoteerde agenda JBZ-Raad 4-5 maart 2024 (concept)"
    assert word_files.footnotes(path.read_bytes())

    path = download(page, "Concept verslag (Word)", tmp_path)
    assert path.name.startswith("concept-verslag-")
    assert (
        word_files.paragraphs(path.read_bytes())[0] == "Verslag JBZ-Raad 4-5 maart 2024 (concept)"
    )

    page.goto("/kwartaaloverzicht/2023/4/")
    path = download(page, "Word downloaden (DOCX)", tmp_path)
    assert path.name == "kwartaaloverzicht-2023-Q4.docx"
    [table] = word_files.tables(path.read_bytes())
    assert any(row[1] == "GVVA" for row in table)


def test_search_from_the_header(page, seeded, reader, log_in):
    log_in(reader)
    page.goto("/")
    search_box = page.get_by_role("searchbox", name="Alles doorzoeken")
    search_box.fill("32317-867")
    search_box.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=32317-867"))
    expect(page.get_by_role("heading", name="Documenten")).to_be_visible()
    expect(page.locator("#group-documents + ol li").first).to_contain_text(
        "Kamerstukken II 2023/24, 32 317, nr. 867"
    )
    page.get_by_role("searchbox", name="Alles doorzoeken").fill("Schengen")
    page.get_by_role("searchbox", name="Alles doorzoeken").press("Enter")
    page.get_by_role("link", name="Herziening van de Schengengrenscode (SGC)", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schengengrenscode")
    screenshot(page, "search-result-timeline")
    page.goto("/zoeken/?q=Schengen")
    screenshot(page, "search")


def test_quarterly_overview(page, seeded, reader, log_in):
    log_in(reader)
    page.goto("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Kwartaaloverzicht"
    ).click()
    today = timezone.localdate()
    expect(page).to_have_url(
        re.compile(rf"/kwartaaloverzicht/{today.year}/{(today.month + 2) // 3}/$")
    )

    page.goto("/kwartaaloverzicht/2023/4/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023")
    gvva = page.locator("tbody tr", has=page.locator('a[href="/dossiers/gvva-richtlijn/"]'))
    expect(gvva).to_have_count(1)
    expect(gvva).to_contain_text("Akkoord in Coreper")
    expect(gvva).to_contain_text("20 december 2023")
    screenshot(page, "quarterly-overview-2023-q4")

    page.get_by_role("link", name="← Q3 2023").click()
    expect(page).to_have_url(re.compile(r"/kwartaaloverzicht/2023/3/$"))
    expect(page.get_by_role("link", name="Q4 2023 →")).to_be_visible()


def test_checklist_prints_without_the_site_header(
    page, march_2024, open_commitment, editor, log_in
):
    log_in(editor)
    page.goto(f"/raden/{march_2024.pk}/checklist/")
    header = page.locator(".site-header")
    expect(header).to_be_visible()
    expect(page.get_by_text("Afvinken").first).to_be_visible()

    page.emulate_media(media="print")
    expect(header).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    expect(page.get_by_text("Afvinken").first).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(f"#toezegging-{open_commitment.pk}")).to_be_visible()
    screenshot(page, "checklist-jbz-2024-03-04-print-media")


def test_tick_off_with_the_undated_report(page, march_2024, open_commitment, editor, log_in):
    """The report of 4-5 March 2024 has no date. The standing commitment needs none; a one-off
    commitment asks for it, on the checklist's own address, with the passage kept."""
    log_in(editor)
    checklist = f"/raden/{march_2024.pk}/checklist/"
    page.goto(checklist)
    standing = Commitment.objects.standing().get()
    item = page.locator(f"#toezegging-{standing.pk}")
    item.get_by_text("Afvinken").click()
    expect(item.locator('input[name="fulfilled_on"]')).to_have_count(0)
    item.get_by_label("passage waarmee afgedaan", exact=True).fill("Mensenrechten kwamen aan bod.")
    item.get_by_role("button", name="Vastleggen als afgedaan").click()
    expect(page.locator(".messages")).to_contain_text("Afgedaan: Mensenrechten")
    expect(page).to_have_url(re.compile(rf"{checklist}#toezegging-{standing.pk}$"))

    item = page.locator(f"#toezegging-{open_commitment.pk}")
    item.get_by_text("Afvinken").click()
    passage = "De minister heeft de Kamer geïnformeerd over de visumopschorting."
    item.get_by_label("passage waarmee afgedaan", exact=True).fill(passage)
    item.get_by_role("button", name="Vastleggen als afgedaan").click()
    expect(page).to_have_url(re.compile(rf"{checklist}#toezegging-{open_commitment.pk}$"))
    expect(item.get_by_role("alert")).to_contain_text("Dit document heeft geen datum")
    expect(item.get_by_label("passage waarmee afgedaan", exact=True)).to_have_value(passage)
    screenshot(page, "checklist-undated-report-asks-for-the-date")
    item.locator('input[name="fulfilled_on"]').fill("2024-03-20")
    item.get_by_role("button", name="Vastleggen als afgedaan").click()
    expect(page.locator(".messages")).to_contain_text("Afgedaan: Stand van zaken")
    expect(item).to_contain_text("☑")
