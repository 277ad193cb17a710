"""The admin's rich-text editor in Debian's Chromium: a content editor writes
bold text in two language tabs of a project and it is stored as <strong>; the
demo programmes open in the editor and save back without losing markup; the
editor loads nothing from another host, needs nothing the CSP forbids, and adds
no serious axe-core violation of its own."""

import os
import re

import pytest

from tests.browser.conftest import CHROMIUM, open_page

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils.html import strip_tags  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from ngo.staff_groups import CONTENT_EDITORS  # noqa: E402
from programmes.models import Programme  # noqa: E402
from tests.builders import make_project  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a-long-password-1"


@pytest.fixture
def editor_page(browser, live_server, django_user_model):
    user = django_user_model.objects.create_user("writer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    context, page = open_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "writer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#content-main")).to_be_visible()
    yield page
    context.close()
    assert page.foreign_requests == []  # the editor's files come from this site
    assert page.csp_violations == []  # and its import map runs under the policy


def editor(page, field):
    """The editor that replaced a field's textarea, inside its language tab."""
    return page.locator(f"#tab_id_{field} .prose-editor")


def editor_violations(page):
    """Serious or critical axe-core findings on elements of the editor itself.
    The rest of the admin page is checked (and fixed) by the admin's own tests."""
    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            selector = node["target"][0]
            if page.locator(selector).first.evaluate("el => !!el.closest('.prose-editor')"):
                found.append((violation["id"], selector))
    return found


def test_an_editor_writes_bold_text_in_two_languages(editor_page, live_server):
    project = make_project(slug="wells", body_fr="<h2>Eau</h2><p>Des puits <em>propres</em>.</p>")
    page = editor_page
    page.goto(f"{live_server.url}/admin/programmes/project/{project.pk}/change/")

    for code, words in (("en", "Clean water for every school"), ("nl", "Schoon water")):
        page.click(f'[role=tab][aria-controls="tab_id_body_{code}"]')
        body = editor(page, f"body_{code}")
        expect(body.locator(".prose-menubar")).to_be_visible()
        # Only the formatting the site keeps is offered.
        expect(body.locator("button[title=bold]")).to_be_visible()
        expect(body.locator("button[title=italic]")).to_be_visible()
        assert body.locator("button[title=underline], button[title=strikethrough]").count() == 0
        text = body.get_by_role("textbox")
        text.click()
        page.keyboard.press("Control+a")
        page.keyboard.type(words)
        page.keyboard.press("Control+a")
        body.locator("button[title=bold]").click()
        expect(text.locator("strong")).to_have_text(words)
        # Editors write in five languages: the browser checks their spelling.
        assert text.evaluate("el => el.spellcheck") is True

    # A link, through the editor's own dialog.
    page.click('[role=tab][aria-controls="tab_id_body_da"]')
    body = editor(page, "body_da")
    body.get_by_role("textbox").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("Læs mere")
    page.keyboard.press("Control+a")
    body.locator("button[title='insert link']").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[name=href]").fill("https://example.org/da")
    assert dialog.locator("input[type=checkbox]").count() == 0  # no "open in new window"
    assert editor_violations(page) == []
    dialog.locator("button[type=submit]").click()
    expect(body.get_by_role("textbox").locator("a")).to_have_text("Læs mere")

    assert editor_violations(page) == []
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_be_visible()
    project.refresh_from_db()
    assert project.body_en == "<p><strong>Clean water for every school</strong></p>"
    assert project.body_nl == "<p><strong>Schoon water</strong></p>"
    assert project.body_da == (
        '<p><a href="https://example.org/da" rel="noopener noreferrer">Læs mere</a></p>'
    )
    # A language not touched keeps what it had.
    assert project.body_fr == "<h2>Eau</h2><p>Des puits <em>propres</em>.</p>"


def normalised(markup):
    """Markup as the editor writes it: no whitespace between blocks, and a list
    item's text in a paragraph of its own."""
    markup = re.sub(r">\s+<", "><", markup.strip())
    markup = re.sub(r"<li>(?!<p>)(.*?)</li>", r"<li><p>\1</p></li>", markup)
    return markup


def test_demo_programmes_save_back_from_the_editor_without_loss(editor_page, live_server):
    call_command("load_demo", verbosity=0)
    page = editor_page
    names = [f"body_{code}" for code in settings.LANGUAGE_CODES]
    for programme in Programme.objects.all():
        before = {name: getattr(programme, name) for name in names}
        page.goto(f"{live_server.url}/admin/programmes/programme/{programme.pk}/change/")
        expect(page.locator(".prose-editor [role=textbox]")).to_have_count(len(names))
        # Each language's text is in its (hidden or shown) editor.
        for name in names:
            shown = editor(page, name).locator("[role=textbox]").evaluate("el => el.textContent")
            assert strip_tags(before[name])[:60] in shown, name
        page.click("input[name=_save]")
        expect(page.locator(".messagelist")).to_be_visible()
        programme.refresh_from_db()
        after = {name: getattr(programme, name) for name in names}
        assert after == {name: normalised(value) for name, value in before.items()}
