"""The fundraising overview in Debian's Chromium, on a desktop and a phone: axe-core
finds nothing serious, nothing scrolls sideways, the chart draws, and a bad date
range in the export form is answered next to the field."""

import os
from datetime import timedelta
from decimal import Decimal

import pytest

from tests.browser.conftest import CHROMIUM

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from tests.browser.test_back_office import serious_violations, signed_in_fundraiser  # noqa: E402
from tests.donations.bank_samples import make_collection, make_gift, make_sponsorship  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def some_months_of_collections():
    today = timezone.localdate()
    first = today.replace(day=1)
    euro = [make_sponsorship(amount=Decimal(amount)) for amount in ("35.00", "20.00", "50.00")]
    krone = make_sponsorship("NOK", amount=Decimal("350.00"))
    for months_ago in range(6):
        day = (first - timedelta(days=31 * months_ago)).replace(day=1)
        for number, sponsorship in enumerate([*euro, krone]):
            status = "returned" if (months_ago + number) % 4 == 0 else "pending"
            make_collection(sponsorship, day, status=status)
    make_gift()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_overview_reads_well_at_both_widths(
    browser, live_server, django_user_model, width, language
):
    some_months_of_collections()
    context, page = signed_in_fundraiser(browser, live_server, django_user_model, width, language)
    page.goto(f"{live_server.url}/admin/donations/overview/")
    expect(page.locator("svg.overview-chart").first).to_be_visible()
    assert page.locator("svg.overview-chart").count() == 2
    assert page.locator("svg.overview-chart").first.bounding_box()["width"] <= width
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shots = os.environ.get("OVERVIEW_SCREENSHOTS")
    if shots:
        page.screenshot(path=f"{shots}/overview-{width}-{language}.png", full_page=True)

    page.fill("#id_date_from", "2026-03-01")
    page.fill("#id_date_to", "2026-02-01")
    page.locator("#content-main input[type=submit]").first.click()
    expect(page.locator(".errorlist")).to_be_visible()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if shots:
        page.screenshot(path=f"{shots}/overview-{width}-{language}-error.png", full_page=True)
    context.close()
