"""The admin's rich-text editor: it offers exactly the formatting the site
keeps, its markup survives the cleaning on save, pasted word-processor markup
is reduced to that, and the demo content goes through the admin form unchanged."""

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django_prose_editor.config import allowlist_from_extensions

from advocacy.models import Agenda
from ngo.content import (
    RICH_TEXT_ATTRIBUTES,
    RICH_TEXT_EDITOR_EXTENSIONS,
    RICH_TEXT_TAGS,
    clean_rich_text,
)
from ngo.models import Page
from programmes.models import Programme, Project
from tests.builders import make_agenda, make_programme, make_project

pytestmark = pytest.mark.django_db

EDITOR_ATTRIBUTE = "data-django-prose-editor-configurable"

# What the editor writes for each kind of formatting it offers (Tiptap wraps a
# list item's text in a paragraph; a link saved once carries the rel we add).
EDITOR_OUTPUT = (
    "<h2>Families</h2><h3>Why</h3>"
    "<p>Plain, <strong>bold</strong>, <em>italic</em> and "
    '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">a link</a>, '
    '<a href="mailto:info@example.org" title="Mail us" rel="noopener noreferrer">mail</a>.</p>'
    "<ul><li><p>one</p></li><li><p>two</p></li></ul>"
    "<ol><li><p>first</p></li></ol>"
)

WORD_PASTE = (
    "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->"
    "<style>p.MsoNormal {margin:0}</style>"
    '<h1 style="mso-style:x">Title</h1>'
    '<p class="MsoNormal" style="margin:0cm;line-height:115%">'
    '<span style="font-family:Calibri;mso-bidi-font-family:Arial">Text</span><o:p></o:p></p>'
    '<p class="MsoListParagraph"><b><span lang="NL">Bold</span></b> and '
    '<i>italic</i> <font face="Arial" color="red">red</font></p>'
    '<p><img src="https://tracker.example/pixel.gif" width="1"></p>'
    "<script>alert(1)</script>"
    "<table><tr><td>cell</td></tr></table>"
    '<p><a href="javascript:alert(1)" onclick="steal()">bad link</a></p>'
)
WORD_PASTE_CLEANED = (
    "<h2>Title</h2>"
    "<p>Text</p>"
    "<p><strong>Bold</strong> and <em>italic</em> red</p>"
    "<p></p>"
    "cell"
    '<p><a rel="noopener noreferrer">bad link</a></p>'
)


def test_the_editor_offers_exactly_the_tags_the_site_keeps():
    allowed = allowlist_from_extensions(RICH_TEXT_EDITOR_EXTENSIONS)
    assert allowed["tags"] == RICH_TEXT_TAGS
    # The editor may write rel (we set it ourselves) but no target or class.
    assert allowed["attributes"]["a"] - {"rel"} == RICH_TEXT_ATTRIBUTES["a"]
    assert not {"h1", "h4", "img", "table", "span", "pre", "code"} & RICH_TEXT_TAGS


def test_the_editors_markup_survives_the_cleaning_unchanged():
    assert clean_rich_text(EDITOR_OUTPUT) == EDITOR_OUTPUT
    # A link the editor writes the first time gets its rel once, then stays.
    first = clean_rich_text('<p><a href="https://example.org" title="">x</a></p>')
    assert first == '<p><a href="https://example.org" rel="noopener noreferrer">x</a></p>'
    assert clean_rich_text(first) == first


def test_pasted_word_markup_is_cleaned():
    assert clean_rich_text(WORD_PASTE) == WORD_PASTE_CLEANED


@pytest.mark.parametrize(
    "markup,stored",
    [
        ("<p></p>", ""),
        ("<p> </p><ul><li></li></ul>", ""),
        ("line<br>break", "line break"),
        ("<h4>Old</h4><h5>older</h5><h6>oldest</h6>", "<h3>Old</h3><h3>older</h3><h3>oldest</h3>"),
        ("<p>&lt;b&gt; is text</p>", "<p>&lt;b&gt; is text</p>"),
    ],
)
def test_cleaning_edge_cases(markup, stored):
    assert clean_rich_text(markup) == stored


def editor_config(html, name):
    """The editor configuration on the named textarea (None if it has no editor)."""
    tag = re.search(rf'<textarea[^>]*name="{name}"[^>]*>', html)
    assert tag, name
    found = re.search(rf"{EDITOR_ATTRIBUTE}=\"([^\"]*)\"", tag[0])
    return json.loads(found[1].replace("&quot;", '"')) if found else None


@pytest.mark.parametrize(
    "url,field",
    [
        ("/admin/programmes/programme/add/", "body"),
        ("/admin/programmes/project/add/", "body"),
        ("/admin/advocacy/agenda/add/", "introduction"),
        ("/admin/ngo/page/add/", "body"),
    ],
)
def test_every_languages_rich_text_field_gets_the_editor(editor_client, url, field):
    response = editor_client.get(url)
    html = response.content.decode()
    for code in settings.LANGUAGE_CODES:
        config = editor_config(html, f"{field}_{code}")
        assert config is not None, code
        assert config["extensions"]["Heading"] == {"levels": [2, 3]}
        assert not {"Image", "Table", "Color", "CodeBlock", "HardBreak"} & set(config["extensions"])
        # modeltranslation still finds the field for its language tabs.
        assert f"mt-field-{field}-{code}" in html
    if "summary_en" in html:
        assert editor_config(html, "summary_en") is None


def test_the_editor_is_served_by_the_site_under_its_csp(editor_client):
    response = editor_client.get("/admin/programmes/programme/add/")
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy)[1]
    assert "'unsafe-inline'" not in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src)[1]
    # The import map is the one inline script, and it carries this response's nonce.
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert "/static/django_prose_editor/configurable.js" in html
    assert "/static/django_prose_editor/editor.css" in html
    for address in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not address.startswith(("http:", "https:", "//")), address
    importmap = re.search(r'<script type="importmap"[^>]*>(.*?)</script>', html, re.S)[1]
    assert all(path.startswith("/static/") for path in json.loads(importmap)["imports"].values())


def test_a_public_page_still_gets_no_nonce(client):
    call_command("load_demo", verbosity=0)
    response = client.get("/en/")
    assert response.status_code == 200
    assert "nonce" not in response["Content-Security-Policy"]


def programme_post(**changes):
    data = {
        "title_en": "New families",
        "slug_en": "new-families",
        "summary_en": "Summary",
        "body_en": "<p>Body</p>",
        "order": "1",
        "principles-TOTAL_FORMS": "0",
        "principles-INITIAL_FORMS": "0",
        "key_figures-TOTAL_FORMS": "0",
        "key_figures-INITIAL_FORMS": "0",
    }
    return data | changes


def test_word_markup_posted_through_the_admin_is_stored_clean(editor_client):
    response = editor_client.post(
        "/admin/programmes/programme/add/",
        programme_post(body_en=WORD_PASTE, body_nl=WORD_PASTE),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = Programme.objects.get()
    assert programme.body_en == WORD_PASTE_CLEANED
    assert programme.body_nl == WORD_PASTE_CLEANED


def test_an_empty_editor_leaves_the_language_missing(editor_client):
    response = editor_client.post(
        "/admin/programmes/programme/add/", programme_post(title_nl="Gezinnen", body_nl="<p></p>")
    )
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert programme.body_nl == ""
    assert "nl" in programme.missing_languages()


def test_a_required_body_is_still_required_when_the_editor_is_empty(editor_client):
    response = editor_client.post(
        "/admin/ngo/page/add/",
        {"title_en": "About", "slug_en": "about", "body_en": "<p></p>", "order": "0"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body_en"][0].startswith("This field")
    assert not Page.objects.filter(slug_en="about").exists()


def test_bad_markup_never_breaks_the_form(editor_client):
    response = editor_client.post(
        "/admin/programmes/programme/add/",
        programme_post(body_en="<p><<<>>><a href='\x00'>" + "<b>" * 500 + "x"),
    )
    assert response.status_code == 302
    stored = Programme.objects.get().body_en
    assert set(re.findall(r"</?([a-z0-9]+)", stored)) <= RICH_TEXT_TAGS
    assert "x" in stored


def unchanged_post_data(response):
    """What the browser sends when the change form is saved without changes."""
    context = response.context
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, (list, tuple)):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = str(value)
    return data


RICH_TEXT_ADMINS = [
    (Programme, "/admin/programmes/programme/{}/change/", "body"),
    (Project, "/admin/programmes/project/{}/change/", "body"),
    (Agenda, "/admin/advocacy/agenda/{}/change/", "introduction"),
    (Page, "/admin/ngo/page/{}/change/", "body"),
]


@pytest.mark.parametrize("model,url,field", RICH_TEXT_ADMINS)
def test_demo_content_saves_back_through_the_admin_unchanged(admin_client, model, url, field):
    call_command("load_demo", verbosity=0)
    names = [f"{field}_{code}" for code in settings.LANGUAGE_CODES]
    rows = list(model.objects.all())
    assert rows
    for row in rows:
        before = {name: getattr(row, name) for name in names}
        response = admin_client.get(url.format(row.pk))
        assert response.status_code == 200
        data = unchanged_post_data(response)
        response = admin_client.post(url.format(row.pk), data)
        assert response.status_code == 302, (row, response.context["adminform"].form.errors)
        row.refresh_from_db()
        assert {name: getattr(row, name) for name in names} == before, row


def test_existing_markup_with_old_tags_keeps_its_meaning(editor_client):
    programme = make_programme(slug="old")
    Programme.objects.filter(pk=programme.pk).update(
        body_en="<p><b>Old</b> and <i>older</i></p><h4>Small heading</h4>"
    )
    response = editor_client.get(f"/admin/programmes/programme/{programme.pk}/change/")
    assert response.status_code == 200
    response = editor_client.post(
        f"/admin/programmes/programme/{programme.pk}/change/", unchanged_post_data(response)
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.body_en == (
        "<p><strong>Old</strong> and <em>older</em></p><h3>Small heading</h3>"
    )


def test_projects_and_agendas_clean_every_language_on_save():
    project = make_project(slug="p", body_nb="<p style='x'><font>Hei</font></p>")
    agenda = make_agenda(slug="a")
    agenda.introduction_da = "<h1>Krav</h1><img src='https://x.example/i'>"
    agenda.save()
    project.refresh_from_db()
    agenda.refresh_from_db()
    assert project.body_nb == "<p>Hei</p>"
    assert agenda.introduction_da == "<h2>Krav</h2>"
