"""The admin in Debian's Chromium at 1,280 px: axe-core finds no serious or critical
violation on the pages content editors and fundraisers use all day, no edit page
scrolls sideways, and the "missing languages" column is in view without scrolling."""

import os

import pytest

from tests.browser.conftest import CHROMIUM, open_page

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

import reversion  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django_otp.oath import totp  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from ngo.staff_groups import CONTENT_EDITORS, FUNDRAISING  # noqa: E402
from programmes.models import ReachFigure  # noqa: E402
from tests.browser.test_back_office import serious_violations  # noqa: E402
from tests.builders import (  # noqa: E402
    make_agenda,
    make_demand,
    make_photo,
    make_programme,
    make_project,
)
from tests.donations.bank_samples import make_sponsorship  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a-long-password-1"
WIDTH = 1280
# Every Playwright call waits at most this long (milliseconds): a page that hangs
# fails the test instead of stalling the suite.
TIMEOUT = 15_000


def signed_in(browser, live_server, django_user_model, username, group):
    """A staff member of the group, signed in with password and code, in English."""
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    context, page = open_page(browser, viewport={"width": WIDTH, "height": 900})
    context.set_default_timeout(TIMEOUT)
    page.goto(f"{live_server.url}/admin/login/")
    assert serious_violations(page) == [], "login"
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill("#id_code", f"{totp(device.bin_key):06d}")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def sideways_scroll(page):
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def findings(page, url):
    page.goto(url)
    return serious_violations(page)


def test_content_pages_pass_axe_and_fit_the_window(browser, live_server, django_user_model):
    # Names as long as real ones, which push the last column to the right.
    programme = make_programme(slug="family-strengthening-and-alternative-care-for-children")
    project = make_project(
        programme, slug="family-strengthening-in-nanjing-and-guizhou", countries=["BE", "NO"]
    )
    ReachFigure.objects.create(
        project=project, value="over 5,000", label="children reached", year=2024, source="Report"
    )
    # Two versions of the project, for its history and compare pages.
    for name in ("Familier i Nanjing", "Familier i Nanjing og Guizhou"):
        project.name_da = name
        with reversion.create_revision():
            project.save()
    make_photo()
    make_photo(alt_text="Children playing football")
    agenda = make_agenda()
    make_demand(agenda)
    context, page = signed_in(browser, live_server, django_user_model, "editor", CONTENT_EDITORS)
    try:
        found = {}
        admin = f"{live_server.url}/admin"
        found["index"] = serious_violations(page)
        found["project list"] = findings(page, f"{admin}/programmes/project/")
        # The "missing languages" column ends inside the window.
        # The "missing languages" column ends inside the window and the list needs
        # no scrolling of its own to show it.
        box = page.locator("th.column-missing_languages_column").bounding_box()
        assert box is not None and box["x"] + box["width"] <= WIDTH
        results = page.locator("#changelist-form .results")
        assert results.evaluate("e => e.scrollWidth - e.clientWidth") == 0
        found["photo list"] = findings(page, f"{admin}/ngo/photo/")

        found["project edit"] = findings(page, f"{admin}/programmes/project/{project.pk}/change/")
        scrolls = {"project edit": sideways_scroll(page)}
        # Each translation tab shows other fields: axe sees each of them.
        # The language switch turns every field's tabs at once.
        for index, code in enumerate(settings.LANGUAGE_CODES[1:], start=1):
            page.select_option("#modeltranslation-main-switch", index=index)
            assert page.locator(f"#id_name_{code}").is_visible()
            found[f"project edit ({code})"] = serious_violations(page)

        # The countries: typing filters the list, ticked countries stay in view.
        page.select_option("#modeltranslation-main-switch", index=0)
        page.fill(".country-picker-filter", "nor")
        assert page.get_by_label("Norway", exact=True).is_visible()
        assert page.get_by_label("Belgium", exact=True).is_checked()
        assert page.get_by_label("Belgium", exact=True).is_visible()
        assert not page.get_by_label("Germany", exact=True).is_visible()
        page.get_by_label("North Macedonia", exact=True).check()
        found["project edit (countries filtered)"] = serious_violations(page)

        found["agenda edit"] = findings(page, f"{admin}/advocacy/agenda/{agenda.pk}/change/")
        scrolls["agenda edit"] = sideways_scroll(page)
        found["project add"] = findings(page, f"{admin}/programmes/project/add/")
        scrolls["project add"] = sideways_scroll(page)

        # The history of the project, and the two versions compared.
        history = f"{admin}/programmes/project/{project.pk}/history/"
        found["project history"] = findings(page, history)
        scrolls["project history"] = sideways_scroll(page)
        page.get_by_role("button", name="Compare selected versions").click()
        page.wait_for_url(f"{history}compare/*")
        assert page.locator("ins", has_text="og Guizhou").is_visible()
        found["project compare"] = serious_violations(page)
        scrolls["project compare"] = sideways_scroll(page)
    finally:
        context.close()
    assert {name: v for name, v in found.items() if v} == {}
    assert scrolls == dict.fromkeys(scrolls, 0)


def test_fundraising_pages_pass_axe_and_fit_the_window(browser, live_server, django_user_model):
    sponsorship = make_sponsorship()
    donor = sponsorship.donor
    donor.set_national_id("85073003328")
    donor.save()
    context, page = signed_in(browser, live_server, django_user_model, "fundraiser", FUNDRAISING)
    try:
        found = {}
        admin = f"{live_server.url}/admin"
        found["donor list"] = findings(page, f"{admin}/donations/donor/")
        found["donor detail"] = findings(page, f"{admin}/donations/donor/{donor.pk}/change/")
        scrolls = {"donor detail": sideways_scroll(page)}
        found["sponsorship list"] = findings(page, f"{admin}/donations/sponsorship/")
        found["reveal"] = findings(page, f"{admin}/donations/donor/{donor.pk}/reveal/")
        page.get_by_role("button").last.click()
        found["revealed"] = serious_violations(page)
    finally:
        context.close()
    assert {name: v for name, v in found.items() if v} == {}
    assert scrolls == dict.fromkeys(scrolls, 0)
