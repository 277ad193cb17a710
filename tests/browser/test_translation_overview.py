"""The translation overview in Chromium: axe-core finds no serious or critical
violation, it fits 1,280 px, and its links open the edit page at the right
language's tab."""

import os

import pytest

from tests.browser.conftest import CHROMIUM

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from ngo.staff_groups import CONTENT_EDITORS  # noqa: E402
from tests.browser.test_admin_pages import sideways_scroll, signed_in  # noqa: E402
from tests.browser.test_back_office import serious_violations  # noqa: E402
from tests.builders import make_programme, make_project  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_overview_passes_axe_and_opens_the_outdated_languages_tab(
    browser, live_server, django_user_model
):
    project = make_project(slug="family-strengthening-in-nanjing-and-guizhou")
    project.summary_en = "A changed English summary"
    project.save()
    make_project(slug="english-only", all_languages=False)
    make_programme()
    context, page = signed_in(browser, live_server, django_user_model, "editor", CONTENT_EDITORS)
    try:
        page.click("text=Translations: what is missing or outdated in each language")
        page.wait_for_url(f"{live_server.url}/admin/translations/")
        assert serious_violations(page) == []
        assert sideways_scroll(page) == 0

        row = page.locator("tr", has=page.get_by_role("link", name=project.name_en))
        row.locator("td").nth(2).get_by_role("link", name="Outdated").click()

        page.wait_for_url(f"**/admin/programmes/project/{project.pk}/change/#translation-nb")
        page.locator("#id_summary_nb").wait_for(state="visible")
        assert not page.locator("#id_summary_en").is_visible()
        assert page.locator("#modeltranslation-main-switch option:checked").inner_text() == "nb"
    finally:
        context.close()
