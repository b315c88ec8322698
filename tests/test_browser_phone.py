"""The main pages on a phone (390 px wide) and on a laptop (1366 px), in a real Chromium.

An officer reads the register, a dossier or the checklist on a phone: the page must not be wider
than the screen, a table either turns its rows into cards or scrolls in a box of its own, and the
menu folds behind one button. Screenshots of both widths go to test-artifacts/screenshots/, beside
those of test_browser.py, for a visual review.
"""

import re

import pytest
from playwright.sync_api import expect

from dossiers.models import CouncilMeeting

from . import test_browser

# The Chromium, the logging in and the screenshots of test_browser.py; `page` below replaces its
# laptop-sized page, also for log_in.
browser = test_browser.browser
log_in = test_browser.log_in
screenshot = test_browser.screenshot

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
# The brand and the menu button on one line, the search box on the next.
FOLDED_HEADER_HEIGHT = 110


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def main_pages(seeded):
    """The pages an officer opens first, by the name their screenshots are saved under."""
    meeting = CouncilMeeting.objects.get(start_date="2024-03-04")
    return {
        "dashboard": "/",
        "register": "/dossiers/",
        "dossier-gvva": "/dossiers/gvva-richtlijn/",
        "package-asiel-en-migratiepact": "/dossiers/asiel-en-migratiepact/",
        "meetings": "/raden/",
        "meeting-jbz-2024-03-04": f"/raden/{meeting.pk}/",
        "checklist-jbz-2024-03-04": f"/raden/{meeting.pk}/checklist/",
        "commitments": "/toezeggingen/",
        "quarterly-overview-2023-q4": "/kwartaaloverzicht/2023/4/",
        "search-piri": "/zoeken/?q=Piri",
        "account": "/account/",
    }


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def main_menu(page):
    return page.get_by_role("navigation", name="Hoofdmenu")


def menu_button(page):
    # A <summary>: Chromium exposes it as a disclosure button, Playwright's roles do not.
    return page.locator(".site-header summary", has_text="Menu")


def test_main_pages_fit_a_phone(page, main_pages, reader, log_in):
    log_in(reader)
    too_wide, tall_header, loose_tables = {}, {}, {}
    for name, path in main_pages.items():
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if page_width(page) > PHONE["width"]:
            too_wide[name] = page_width(page)
        expect(main_menu(page)).to_be_hidden()
        expect(menu_button(page)).to_be_visible()
        header_height = page.locator(".site-header").bounding_box()["height"]
        if header_height > FOLDED_HEADER_HEIGHT:
            tall_header[name] = header_height
        tables = page.locator("main table").count()
        if page.locator("main .table-scroll > table").count() != tables:
            loose_tables[name] = tables
        screenshot(page, f"phone-{name}")
    assert too_wide == {}
    assert tall_header == {}
    assert loose_tables == {}, "a table outside a .table-scroll box can widen the page"


def test_main_pages_at_a_laptop_width(page, main_pages, reader, log_in):
    page.set_viewport_size(LAPTOP)
    log_in(reader)
    too_wide = {}
    for name, path in main_pages.items():
        page.goto(path)
        # The menu is spread out in the header, no button to open it.
        expect(menu_button(page)).to_be_hidden()
        expect(main_menu(page).get_by_role("link", name="Dossiers")).to_be_visible()
        expect(page.get_by_role("link", name="Agenda, feed en herinneringen")).to_be_visible()
        if page_width(page) > LAPTOP["width"]:
            too_wide[name] = page_width(page)
        screenshot(page, f"laptop-{name}")
    assert too_wide == {}


def test_login_page_on_a_phone_and_a_laptop(page, live_server):
    page.goto("/accounts/login/")
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    screenshot(page, "phone-login")
    page.set_viewport_size(LAPTOP)
    screenshot(page, "laptop-login")


def test_the_login_button_is_the_first_submit_button(page, live_server):
    """Tab and a screen reader's list of buttons meet the login button before anything else."""
    page.goto("/accounts/login/")
    submit_buttons = page.locator("button[type=submit], input[type=submit]")
    expect(submit_buttons.first).to_have_text("Inloggen")
    expect(submit_buttons.first).to_be_visible()

    # The language switch, after the page, still switches.
    page.get_by_role("contentinfo").get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(submit_buttons.first).to_have_text("Log in")
    page.get_by_role("contentinfo").get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")


def test_register_rows_are_cards_on_a_phone(page, seeded, reader, log_in):
    log_in(reader)
    page.goto("/dossiers/?q=GVVA")
    card = page.locator("table.register tbody tr")
    expect(card).to_have_count(1)
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # Each value named by its column, as the header row names it on a laptop.
    expect(card.locator('td[data-label="Huidige fase"]')).to_have_text("Akkoord in Coreper")
    expect(card.locator("td.title")).to_contain_text("GVVA-richtlijn")

    # The column headers stay, as links that sort.
    page.locator("table.register thead").get_by_role("link", name="Huidige fase").click()
    expect(page).to_have_url(re.compile(r"[?&]sort=current_stage\b"))
    expect(page.locator("table.register tbody tr")).to_have_count(1)
    screenshot(page, "phone-register-card")


def test_a_wide_figure_scrolls_in_its_own_box(page, seeded, reader, log_in):
    log_in(reader)
    page.goto("/dossiers/asiel-en-migratiepact/")
    box = page.get_by_role("region", name="Tijdas van de instrumenten")
    expect(box.locator("svg.package-axis")).to_be_visible()
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    assert page_width(page) <= PHONE["width"]
    # Focusable, so that the arrow keys scroll it without a mouse.
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle())


def test_menu_is_folded_on_a_phone_and_opens(page, seeded, reader, log_in):
    log_in(reader)
    page.goto("/")
    menu = page.locator("details.site-menu")
    expect(menu_button(page)).to_be_visible()
    expect(menu).to_have_js_property("open", False)
    expect(main_menu(page)).to_be_hidden()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_hidden()
    expect(page.get_by_role("searchbox", name="Alles doorzoeken")).to_be_visible()

    # By keyboard: the button opens the menu, and Tab goes on to its first link.
    menu_button(page).focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_js_property("open", True)
    expect(main_menu(page)).to_be_visible()
    page.keyboard.press("Tab")
    expect(main_menu(page).get_by_role("link", name="Overzicht", exact=True)).to_be_focused()
    expect(main_menu(page).get_by_role("link", name="Overzicht", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("link", name="Agenda, feed en herinneringen")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    screenshot(page, "phone-menu-open")

    main_menu(page).get_by_role("link", name="Toezeggingen").click()
    expect(page).to_have_url(re.compile(r"/toezeggingen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Toezeggingen")
    expect(main_menu(page)).to_be_hidden()
    menu_button(page).click()
    expect(main_menu(page).get_by_role("link", name="Toezeggingen")).to_have_attribute(
        "aria-current", "page"
    )
    page.keyboard.press("Escape")

    # The header's search box, outside the menu, works on a phone as on a laptop.
    page.get_by_role("searchbox", name="Alles doorzoeken").fill("Piri")
    page.get_by_role("searchbox", name="Alles doorzoeken").press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=Piri"))
    expect(page.get_by_role("heading", name="Personen")).to_be_visible()
