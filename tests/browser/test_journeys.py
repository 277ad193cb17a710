"""Whole journeys in Debian's Chromium against a live server: a Norwegian sponsor
who fixes a mistake from the error summary, a content editor whose Danish title
is on the Danish page at once (and who is kept out of donor data), and a
fundraiser who must enter a code from their phone. (A Belgian gift with its QR
code is in test_donations.py.)"""

import os
from decimal import Decimal

import pytest

from tests.browser.conftest import CHROMIUM

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from django.contrib.auth.models import Group  # noqa: E402
from django_otp.oath import totp  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from ngo.staff_groups import CONTENT_EDITORS, FUNDRAISING  # noqa: E402
from tests.builders import make_programme  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a-long-password-1"


def staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(page, live_server, name, next_url="/admin/"):
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_a_norwegian_sponsor_fixes_a_mistake_from_the_error_summary(page, live_server):
    from donations.models import Sponsorship

    page.goto(f"{live_server.url}/nb/bli-fadder/")
    expect(page.locator("#direct-debit > legend")).to_have_text("AvtaleGiro")
    page.locator("#id_first_name").fill("Kari")
    page.locator("#id_last_name").fill("Nordmann")
    page.locator("#id_email").fill("kari@example.no")
    page.locator("#id_street").fill("Storgata 1")
    page.locator("#id_postal_code").fill("0155")
    page.locator("#id_city").fill("Oslo")
    page.locator("#id_account_holder").fill("Kari Nordmann")
    page.locator("#id_account").fill("8601 11 17948")  # one digit wrong
    page.locator("#id_mandate").check()
    page.locator("#id_privacy").check()
    page.locator("form.donation-form > button.btn").click()

    expect(page).to_have_title("Feil: Bli fadder · En familie for hvert barn")
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    account = page.locator("#id_account")
    expect(account).to_be_focused()
    expect(account).to_have_attribute("aria-invalid", "true")
    assert not Sponsorship.objects.exists()

    account.fill("8601 11 17947")
    page.locator("#id_mandate").check()
    page.locator("#id_privacy").check()
    page.locator("form.donation-form > button.btn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kari")
    expect(page.locator("dl.summary")).to_contain_text("350\xa0kr")
    sponsorship = Sponsorship.objects.select_related("mandate").get()
    assert (sponsorship.amount, sponsorship.currency) == (Decimal("350"), "NOK")
    assert sponsorship.mandate.scheme == "avtalegiro"


def test_an_editor_s_danish_title_is_on_the_danish_page_at_once(
    page, live_server, django_user_model
):
    programme = make_programme(slug="familier")
    staff(django_user_model, "editor", CONTENT_EDITORS)
    sign_in(page, live_server, "editor", f"/admin/programmes/programme/{programme.pk}/change/")
    page.locator(".ui-tabs-nav").first.locator("li").nth(4).click()  # en nl fr nb da
    page.locator("#id_title_da").fill("Stærke familier")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.goto(f"{live_server.url}/da/programmer/familier-da/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stærke familier")
    # Donor data is not an editor's.
    response = page.goto(f"{live_server.url}/admin/donations/donor/")
    assert response.status == 403


def test_a_fundraiser_must_enter_the_code_from_their_phone(page, live_server, django_user_model):
    user = staff(django_user_model, "fundraiser", FUNDRAISING)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    sign_in(page, live_server, "fundraiser", "/admin/donations/sponsorship/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    # Without the code, the admin's pages lead back to this step.
    page.goto(f"{live_server.url}/admin/donations/sponsorship/")
    expect(page).to_have_url(
        f"{live_server.url}/admin/two-factor/?next=/admin/donations/sponsorship/"
    )
    page.fill("#id_code", f"{totp(device.bin_key):06d}")
    page.click("input[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/admin/donations/sponsorship/")
    expect(page.locator("#monthly-totals")).to_be_attached()
