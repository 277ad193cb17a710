"""The public site as a whole in a real browser: every main kind of page, in two
languages, on a wide screen and on phones, with the demo content loaded."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import CHROMIUM, open_page

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from advocacy.models import Agenda  # noqa: E402
from ngo.models import Page  # noqa: E402
from programmes.models import Programme, Project  # noqa: E402
from tests.browser.test_back_office import serious_violations  # noqa: E402
from tests.builders import make_programme  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A word the demo content has in each language, so the results page has results.
SEARCHED = {"en": "families", "nb": "familier"}
WAIT = 10_000  # milliseconds: the longest any single step may take
PHONE, NARROW, WIDE = 390, 320, 1280


def public_pages(language):
    """The main kinds of public page, in one language."""
    with translation.override(language):
        return {
            "home": reverse("ngo:home"),
            "programme": Programme.objects.order_by("order").first().get_absolute_url(),
            "project": Project.objects.order_by("pk").first().get_absolute_url(),
            "agenda": Agenda.objects.order_by("pk").first().get_absolute_url(),
            "simple page": Page.objects.published().filter(role="").first().get_absolute_url(),
            "search results": reverse("ngo:search") + "?q=" + SEARCHED[language],
            "sponsor": reverse("donations:sponsor"),
            "gift": reverse("donations:give"),
        }


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_public_pages_pass_axe_and_fit_every_width(browser, live_server):
    call_command("load_demo", verbosity=0)
    problems = []
    for language in ("en", "nb"):
        urls = public_pages(language)
        with translation.override(language):
            main = translation.gettext("Main")
        for width in (WIDE, PHONE, NARROW):
            context, page = open_page(browser, viewport={"width": width, "height": 800})
            try:
                for name, url in urls.items():
                    page.goto(live_server.url + url, timeout=WAIT)
                    where = f"{name} ({language}, {width} px)"
                    if scroll_width(page) > width:
                        problems.append(f"{where} scrolls sideways: {scroll_width(page)} px")
                    if width != NARROW:
                        problems += [f"{where}: {found}" for found in serious_violations(page)]
                    # One main navigation at most, never a copy: shown at once on a
                    # wide screen, behind the closed menu on a phone.
                    navigations = page.get_by_role("navigation", name=main).count()
                    if navigations != (1 if width == WIDE else 0):
                        problems.append(f"{where}: {navigations} main navigations")
                    if name == "search results":
                        assert page.locator(".search-results li").count() > 0, where
                    if name == "project" and width == PHONE:
                        story = page.locator(".project-main").bounding_box()
                        facts = page.locator(".fact-box").bounding_box()
                        assert story["y"] < facts["y"], where
                assert page.foreign_requests == [] and page.csp_violations == []
            finally:
                context.close()
    assert problems == []


def test_wide_screen_shows_the_navigation_without_a_menu_button(page, live_server):
    make_programme(slug="families")
    page.set_viewport_size({"width": WIDE, "height": 800})
    page.goto(f"{live_server.url}/en/", timeout=WAIT)
    navigation = page.get_by_role("navigation", name="Main")
    for name in ("Home", "Programmes", "Projects", "Advocacy"):
        expect(navigation.get_by_role("link", name=name)).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden(timeout=WAIT)
    expect(page.get_by_role("link", name="Donate")).to_be_visible(timeout=WAIT)


@pytest.mark.parametrize("fixture", ["page", "page_without_js"])
def test_phone_menu_opens_and_the_languages_stay_in_reach(request, fixture, live_server):
    page = request.getfixturevalue(fixture)
    make_programme(slug="families")
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(f"{live_server.url}/en/programmes/", timeout=WAIT)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 120  # it was 176 px before the menu
    menu = page.get_by_text("Menu", exact=True)
    programmes = page.get_by_role("link", name="Programmes", exact=True)
    expect(programmes).to_be_hidden(timeout=WAIT)
    expect(page.get_by_role("link", name="Donate")).to_be_visible(timeout=WAIT)

    menu.click(timeout=WAIT)
    navigation = page.get_by_role("navigation", name="Main")
    for name in ("Home", "Programmes", "Projects", "Advocacy"):
        expect(navigation.get_by_role("link", name=name)).to_be_visible(timeout=WAIT)
    expect(programmes).to_have_attribute("aria-current", "page", timeout=WAIT)
    menu.click(timeout=WAIT)
    expect(programmes).to_be_hidden(timeout=WAIT)

    languages = page.get_by_role("navigation", name="Language")
    languages.get_by_role("link", name="Norsk (bokmål)").click(timeout=WAIT)
    expect(page).to_have_url(f"{live_server.url}/nb/programmer/", timeout=WAIT)
    expect(page.locator("html")).to_have_attribute("lang", "nb", timeout=WAIT)
    page.get_by_text("Meny", exact=True).or_(page.get_by_text("Menu", exact=True)).click(
        timeout=WAIT
    )
    expect(page.get_by_role("link", name="Programmer", exact=True)).to_be_visible(timeout=WAIT)
