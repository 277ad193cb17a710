"""The fundraising office in Debian's Chromium: a fundraiser starts a collection run
after its preview and reads a returns file, on a desktop and a phone, in English and
Dutch, and axe-core finds nothing serious on the pages they use."""

import os
from datetime import timedelta

import pytest

from tests.browser.conftest import CHROMIUM, open_page

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.oath import totp  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from donations.models import Collection, CollectionRun  # noqa: E402
from ngo.staff_groups import FUNDRAISING  # noqa: E402
from tests.donations.bank_samples import Return, camt054, make_sponsorship  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a-long-password-1"


def serious_violations(page):
    results = Axe().run(page)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def signed_in_fundraiser(browser, live_server, django_user_model, width, language):
    user = django_user_model.objects.create_user("fundraiser", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=FUNDRAISING))
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    context, page = open_page(browser, viewport={"width": width, "height": 900}, locale=language)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/admin/login/?next=/admin/donations/collectionrun/")
    page.fill("#id_username", "fundraiser")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill("#id_code", f"{totp(device.bin_key):06d}")
    page.click("input[type=submit]")
    return context, page


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "language,start,confirm,importing",
    [
        ("en", "Start a collection run", "Start the run", "Import a bank file"),
        ("nl", "Een inningsronde starten", "De inningsronde starten", "Een bankbestand inlezen"),
    ],
)
def test_a_fundraiser_starts_a_run_and_reads_the_returns(
    browser, live_server, django_user_model, width, language, start, confirm, importing, tmp_path
):
    day = (timezone.localdate() + timedelta(days=40)).replace(day=15)
    for _ in range(2):
        make_sponsorship(collection_day=15, first_collection=day)
    context, page = signed_in_fundraiser(browser, live_server, django_user_model, width, language)

    page.get_by_role("link", name=start).click()
    page.select_option("#id_scheme", "sepa")
    page.fill("#id_collection_date", day.isoformat())
    assert serious_violations(page) == []
    page.locator("#content-main input[type=submit]").click()
    expect(page.locator("#content-main")).to_contain_text("€")
    assert CollectionRun.objects.count() == 0
    assert serious_violations(page) == []
    page.get_by_role("button", name=confirm).click()
    run = CollectionRun.objects.get()
    expect(page).to_have_url(f"{live_server.url}/admin/donations/collectionrun/{run.pk}/change/")
    expect(page.locator("#content-main")).to_contain_text(run.file_name)
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    returned = Collection.objects.first()
    returns = tmp_path / "returns.xml"
    returns.write_bytes(camt054([Return(returned.reference, "AC04")]))
    page.goto(f"{live_server.url}/admin/donations/bankimport/")
    page.get_by_role("link", name=importing).click()
    page.locator("input[type=radio][value=camt054], select option[value=camt054]").first.wait_for(
        state="attached"
    )
    if page.locator("select[name=kind]").count():
        page.select_option("select[name=kind]", "camt054")
    else:
        page.check("input[type=radio][value=camt054]")
    page.set_input_files("input[type=file]", str(returns))
    assert serious_violations(page) == []
    page.locator("#content-main [type=submit]").click()
    expect(page.locator("#content-main")).to_contain_text("AC04")
    assert serious_violations(page) == []
    returned.refresh_from_db()
    assert returned.status == "returned"
    context.close()
