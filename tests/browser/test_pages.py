"""The site in a real browser: Debian's Chromium driven by Playwright."""

import os

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import CHROMIUM

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from tests.builders import make_programme  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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


def test_admin_shows_one_tab_per_language(page, live_server, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "a-long-password-1")
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/programmes/programme/add/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    # A superuser's second step: the code the phone's app shows now.
    page.fill("#id_code", f"{totp(device.bin_key):06d}")
    page.click("input[type=submit]")
    tabs = page.locator(".ui-tabs-nav").first.locator("li")
    expect(tabs).to_have_count(5)
    expect(page.locator("#id_title_nl")).to_be_hidden()
    tabs.nth(1).click()
    expect(page.locator("#id_title_nl")).to_be_visible()
    page.locator("#id_title_nl").press_sequentially("Nieuwe families")
    expect(page.locator("#id_slug_nl")).to_have_value("nieuwe-families")
