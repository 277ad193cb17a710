"""The site in a real browser: Debian's Chromium driven by Playwright."""

import importlib
import os

import pytest

CHROMIUM = "/usr/bin/chromium"

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.builders import make_programme  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread, which Django takes
    # for async code; the tests' own database work is still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    foreign = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if not request.url.startswith(("http://localhost", "data:"))
            else None
        ),
    )
    yield page
    context.close()
    assert foreign == []  # nothing is loaded from another host


@pytest.mark.django_db(transaction=True)
def test_keyboard_user_skips_to_content_and_switches_language(page, live_server):
    programme = make_programme(slug="families")
    page.goto(f"{live_server.url}/en/programmes/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.get_by_role("link", name=programme.title_en).click()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Dansk").click()
    expect(page).to_have_url(f"{live_server.url}/da/programmer/families-da/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Families (da)")


@pytest.mark.django_db(transaction=True)
def test_admin_shows_one_tab_per_language(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("admin", "a@example.org", "a-long-password-1")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/programmes/programme/add/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    tabs = page.locator(".ui-tabs-nav").first.locator("li")
    expect(tabs).to_have_count(5)
    expect(page.locator("#id_title_nl")).to_be_hidden()
    tabs.nth(1).click()
    expect(page.locator("#id_title_nl")).to_be_visible()
    page.locator("#id_title_nl").press_sequentially("Nieuwe families")
    expect(page.locator("#id_slug_nl")).to_have_value("nieuwe-families")


@pytest.mark.django_db(transaction=True)
def test_a_sponsor_without_javascript_fixes_an_error_and_gets_the_thank_you_page(
    browser, live_server
):
    from donations.models import AmountRule, Sponsorship

    # An earlier transactional test may have flushed the rows migrations made.
    rules = importlib.import_module("donations.migrations.0002_amount_rules").RULES
    for kind, currency, presets, minimum, maximum in rules:
        AmountRule.objects.get_or_create(
            kind=kind,
            currency=currency,
            defaults={"presets": presets, "minimum": minimum, "maximum": maximum},
        )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/nl/word-sponsor/")
    page.get_by_label("35 EUR").check()
    page.get_by_role("textbox", name="Voornaam").fill("Ann")
    page.get_by_role("textbox", name="Achternaam").fill("Peeters")
    page.get_by_role("textbox", name="E-mail").fill("ann@example.org")
    page.get_by_role("textbox", name="Straat en huisnummer").fill("Kerkstraat 1")
    page.get_by_role("textbox", name="Postcode").fill("3000")
    page.get_by_role("textbox", name="Gemeente").fill("Leuven")
    page.get_by_role("textbox", name="Rekeninghouder").fill("Ann Peeters")
    page.get_by_role("textbox", name="Rekeningnummer").fill(
        "BE71 0961 2345 6768"
    )  # one digit wrong
    page.get_by_label("Ik ga akkoord met dit domiciliëringsmandaat.").check()
    page.get_by_label("Ik heb de privacyverklaring gelezen", exact=False).check()
    page.get_by_role("button", name="Mijn maandelijkse gift starten").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Rekeningnummer: Dit is geen geldig IBAN.")
    summary.get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/nl/word-sponsor/#id_account")
    account = page.get_by_role("textbox", name="Rekeningnummer")
    expect(account).to_have_attribute("aria-invalid", "true")
    expect(account).to_have_value("BE71 0961 2345 6768")
    assert not Sponsorship.objects.exists()

    account.fill("BE71 0961 2345 6769")
    page.get_by_label("Ik ga akkoord met dit domiciliëringsmandaat.").check()
    page.get_by_label("Ik heb de privacyverklaring gelezen", exact=False).check()
    page.get_by_role("button", name="Mijn maandelijkse gift starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, Ann!")
    expect(page.locator("dl.summary")).to_contain_text("35 EUR")
    assert Sponsorship.objects.get().amount == 35
    context.close()
