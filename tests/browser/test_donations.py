"""Donors in a real browser, with and without JavaScript: the amount stored is the
amount shown, every country's account works, and a euro gift's QR code scans."""

import os
import shutil
import subprocess
from decimal import Decimal

import pytest

from tests.browser.conftest import CHROMIUM

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fill_donor(page, first_name="Ann", last_name="Peeters"):
    page.locator("#id_first_name").fill(first_name)
    page.locator("#id_last_name").fill(last_name)
    page.locator("#id_email").fill("ann@example.org")
    page.locator("#id_street").fill("Kerkstraat 1")
    page.locator("#id_postal_code").fill("3000")
    page.locator("#id_city").fill("Leuven")
    page.locator("#id_country").select_option("BE")
    page.locator("#id_privacy").check()


def amount_labels(page):
    return [label.strip() for label in page.locator("#div_id_amount label").all_inner_texts()]


def test_a_sponsor_without_javascript_fixes_an_error_and_gets_the_thank_you_page(
    page_without_js, live_server
):
    from donations.models import Sponsorship

    page = page_without_js
    page.goto(f"{live_server.url}/nl/word-sponsor/")
    expect(page.locator("#id_amount_1")).to_be_checked()  # the middle preset, € 35
    fill_donor(page)
    page.get_by_role("textbox", name="IBAN").fill("BE71 0961 2345 6768")  # one digit wrong
    page.locator("#id_account_holder").fill("Ann Peeters")
    page.locator("#id_mandate").check()
    page.locator("form.donation-form > button.btn").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("IBAN: ")
    summary.get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/nl/word-sponsor/#id_account")
    account = page.get_by_role("textbox", name="IBAN")
    expect(account).to_have_attribute("aria-invalid", "true")
    expect(account).to_have_value("BE71 0961 2345 6768")
    assert not Sponsorship.objects.exists()

    account.fill("BE71 0961 2345 6769")
    page.locator("#id_mandate").check()
    page.locator("#id_privacy").check()
    page.locator("form.donation-form > button.btn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, Ann!")
    expect(page.locator("dl.summary")).to_contain_text("€\xa035")
    sponsorship = Sponsorship.objects.get()
    assert (sponsorship.amount, sponsorship.currency) == (Decimal("35"), "EUR")


def test_switching_currency_without_javascript_keeps_the_typed_data(page_without_js, live_server):
    from donations.models import Sponsorship

    page = page_without_js
    page.goto(f"{live_server.url}/nb/bli-fadder/")
    assert amount_labels(page)[:3] == ["250\xa0kr", "350\xa0kr", "500\xa0kr"]
    fill_donor(page, first_name="Kari", last_name="Nordmann")
    page.locator("#id_amount_3").check()
    page.locator("#id_other_amount").fill("300")
    page.locator("input[name=currency][value=EUR]").check()
    # The donor sends the form with euro ticked and the kroner amounts still shown:
    # the page comes back in euro, with a notice, and nothing is stored.
    page.locator("form.donation-form > button.btn").click()
    expect(page.locator("#currency-notice")).to_be_visible()
    assert not Sponsorship.objects.exists()
    assert amount_labels(page)[:3] == ["25\xa0€", "35\xa0€", "50\xa0€"]
    expect(page.locator("#id_amount_1")).to_be_checked()
    expect(page.locator("#id_other_amount")).to_have_value("")
    expect(page.locator("#id_first_name")).to_have_value("Kari")
    expect(page.locator("#id_last_name")).to_have_value("Nordmann")
    expect(page.locator("#id_privacy")).to_be_checked()
    expect(page.locator("#direct-debit > legend")).to_contain_text("SEPA")

    # The button switches back to kroner the same way, without the notice.
    page.locator("input[name=currency][value=NOK]").check()
    page.locator("button[name=change_currency]").click()
    expect(page.locator("#currency-notice")).to_have_count(0)
    assert amount_labels(page)[:3] == ["250\xa0kr", "350\xa0kr", "500\xa0kr"]
    expect(page.locator("#direct-debit > legend")).to_have_text("AvtaleGiro")
    expect(page.locator("#id_first_name")).to_have_value("Kari")
    assert not Sponsorship.objects.exists()


def test_with_javascript_the_amounts_follow_the_currency_at_once(page, live_server):
    from donations.models import Sponsorship

    page.goto(f"{live_server.url}/en/become-a-sponsor/")
    expect(page.locator("button[name=change_currency]")).to_be_hidden()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.locator("input[name=currency][value=NOK]").check()
    assert amount_labels(page) == ["NOK\xa0250", "NOK\xa0350", "NOK\xa0500", "Another amount"]
    expect(page.locator("#id_amount_1")).to_be_checked()
    expect(page.locator("label[for=id_other_amount]")).to_contain_text("Norwegian kroner")
    expect(page.locator("#direct-debit > legend")).to_have_text("AvtaleGiro")
    expect(page.locator("label[for=id_account]")).to_contain_text("Account number")
    expect(page.locator("#mandate-text")).to_contain_text("organisation number 987654325")
    expect(page.locator("#currency-status")).to_have_text(
        "The amounts are now shown in Norwegian kroner."
    )
    assert requests == []  # no round trip to the server

    fill_donor(page, first_name="Kari")
    page.locator("#id_account_holder").fill("Kari Nordmann")
    page.locator("#id_account").fill("8601 11 17947")
    page.locator("#id_mandate").check()
    page.get_by_role("button", name="Start my monthly gift").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, Kari!")
    sponsorship = Sponsorship.objects.select_related("mandate").get()
    assert (sponsorship.amount, sponsorship.currency) == (Decimal("350"), "NOK")
    assert sponsorship.mandate.scheme == "avtalegiro"


def test_a_danish_donor_with_registration_and_account_number_becomes_a_sponsor(page, live_server):
    from donations.models import Sponsorship

    page.goto(f"{live_server.url}/da/bliv-fadder/")
    expect(page.locator("#direct-debit > legend")).to_have_text("Betalingsservice")
    fill_donor(page, first_name="Mette", last_name="Jensen")
    page.locator("#id_account_holder").fill("Mette Jensen")
    page.locator("#id_account").fill("0040 0440116243")
    page.locator("#id_mandate").check()
    page.locator("form.donation-form > button.btn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mette")
    expect(page.locator("dl.summary")).to_contain_text("Betalingsservice")
    expect(page.locator("dl.summary")).to_contain_text("250\xa0kr.")
    sponsorship = Sponsorship.objects.select_related("mandate").get()
    assert (sponsorship.amount, sponsorship.currency) == (Decimal("250"), "DKK")
    assert sponsorship.mandate.reveal_account() == "DK5000400440116243"


def test_a_belgian_gifts_qr_code_scans_to_our_account_the_amount_and_the_reference(
    page, live_server, tmp_path
):
    from donations.models import Gift

    if not shutil.which("zbarimg"):
        raise RuntimeError("zbarimg is required for this test (apt-get install zbar-tools)")
    page.goto(f"{live_server.url}/nl/geef/")
    page.locator("#id_amount_3").check()
    page.locator("#id_other_amount").fill("42,50")
    fill_donor(page)
    page.locator("form.donation-form > button.btn").click()
    qr = page.locator("svg.payment-qr")
    expect(qr).to_be_visible()
    gift = Gift.objects.get()
    assert (gift.amount, gift.currency) == (Decimal("42.50"), "EUR")
    expect(page.locator(".payment-reference")).to_have_text(gift.payment_reference)
    shot = tmp_path / "qr.png"
    qr.screenshot(path=str(shot))
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sbinary", str(shot)],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    lines = decoded.splitlines()
    assert lines[0] == "BCD" and lines[3] == "SCT"
    assert lines[6] == "BE71096123456769"
    assert lines[7] == "EUR42.5"
    assert lines[9] == gift.payment_reference.replace("+", "").replace("/", "")


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path", ["/en/donate/", "/nl/word-sponsor/", "/da/bliv-fadder/", "/fr/donner/"]
)
def test_donation_pages_pass_axe_and_fit_the_screen(browser, live_server, path, width):
    from tests.browser.conftest import open_page

    context, page = open_page(browser, viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}{path}")
    results = Axe().run(page)
    serious = [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], results.generate_report()
    # Nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
