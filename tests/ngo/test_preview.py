"""The staff preview of a content item's public page: signed links from the admin,
staff only, in every language, never cached or indexed."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from pytest_django.asserts import assertContains, assertNotContains

from ngo.views import preview_url
from tests.builders import make_agenda, make_programme, make_project
from tests.ngo.test_pages import make_page

pytestmark = pytest.mark.django_db

BANNER = "Preview — not published"  # in English; other languages translate it
ROBOTS = '<meta name="robots" content="noindex, nofollow">'
PREVIEW_LINK = re.compile(r'<a href="(/[a-z]{2}/preview/[^"]+/)" hreflang="([a-z]{2})"')


def draft_programme():
    return make_programme(slug="okapi-care", published=False)


def project_under_a_draft_programme():
    return make_project(programme=draft_programme(), slug="okapi-house")


def scheduled_agenda():
    return make_agenda(slug="okapi-rights", publish_from=timezone.now() + timedelta(days=3))


def ended_page():
    return make_page(slug="okapi-page", publish_until=timezone.now() - timedelta(days=1))


KINDS = [
    (draft_programme, "programmes_programme", "Okapi-Care"),
    (project_under_a_draft_programme, "programmes_project", "Okapi-House"),
    (scheduled_agenda, "advocacy_agenda", "Okapi-Rights"),
    (ended_page, "ngo_page", "Okapi Page"),
]


def assert_preview(response, title, code="en"):
    assert response.status_code == 200
    with override(code):
        assertContains(response, gettext(BANNER))
    assertContains(response, ROBOTS)
    assertContains(response, title)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


@pytest.mark.parametrize(("build", "admin_name", "title"), KINDS)
def test_an_editor_previews_any_item_from_its_edit_page(editor_client, build, admin_name, title):
    row = build()
    assert editor_client.get(row.get_absolute_url()).status_code == 404
    edit_page = editor_client.get(reverse(f"admin:{admin_name}_change", args=[row.pk]))
    links = {code: url for url, code in PREVIEW_LINK.findall(edit_page.content.decode())}
    assert sorted(links) == ["da", "en", "fr", "nb", "nl"]
    assert_preview(editor_client.get(links["en"]), f"{title} (en)")


@pytest.mark.parametrize(("build", "_admin_name", "title"), KINDS)
def test_a_superuser_previews_too(admin_client, build, _admin_name, title):
    assert_preview(admin_client.get(preview_url(build(), "en")), f"{title} (en)")


@pytest.mark.parametrize("code", ["nl", "nb"])
def test_the_preview_shows_the_chosen_language(editor_client, code):
    programme = draft_programme()
    url = preview_url(programme, code)
    assert url.startswith(f"/{code}/")
    response = editor_client.get(url)
    assert_preview(response, f"Okapi-Care ({code})", code)
    assertContains(response, f'<html lang="{code}">')
    # The language switcher stays inside the preview, with the same signed link.
    token = url.rstrip("/").rsplit("/", 1)[1]
    other = "nb" if code == "nl" else "nl"
    assertContains(response, f"/{other}/preview/{token}/")
    assertNotContains(response, f'href="{programme.get_absolute_url()}"')


def test_the_public_page_has_no_banner_and_is_indexed(client):
    programme = make_programme(slug="public")
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    assertNotContains(response, BANNER)
    assertNotContains(response, ROBOTS)
    assert "X-Robots-Tag" not in response


def test_an_anonymous_visitor_is_sent_to_sign_in_and_never_sees_it(client):
    url = preview_url(draft_programme(), "en")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assertNotContains(client.get(url, follow=True), "Okapi-Care (en)")


def test_staff_who_may_not_see_content_get_not_found(fundraising_client):
    response = fundraising_client.get(preview_url(draft_programme(), "en"))
    assert response.status_code == 404
    assertNotContains(response, "Okapi-Care", status_code=404)


def test_a_signed_in_visitor_who_is_not_staff_is_sent_to_sign_in(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="a-long-password-1")
    client.force_login(user)
    assert client.get(preview_url(draft_programme(), "en")).status_code == 302


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "",
        "%00",
        signing.dumps(["programmes.programme", 1], salt="another.salt"),
        signing.dumps(["donations.donor", 1], salt="ngo.preview"),
        signing.dumps("programmes.programme", salt="ngo.preview"),
    ],
)
def test_a_tampered_or_foreign_link_is_refused(editor_client, token):
    draft_programme()
    response = editor_client.get(f"/en/preview/{token}/")
    assert response.status_code == 404


def test_an_altered_signature_is_refused(editor_client):
    url = preview_url(draft_programme(), "en")
    prefix, token = url.rstrip("/").rsplit("/", 1)
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert editor_client.get(f"{prefix}/{forged}/").status_code == 404
    assert editor_client.get(url).status_code == 200


def test_an_expired_link_is_refused(editor_client, monkeypatch):
    programme = draft_programme()
    two_hours_ago = signing.b62_encode(int(timezone.now().timestamp()) - 2 * 60 * 60)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: two_hours_ago)
    url = preview_url(programme, "en")
    monkeypatch.undo()
    assert editor_client.get(url).status_code == 404


def test_a_preview_of_a_deleted_item_is_not_found(editor_client):
    programme = draft_programme()
    url = preview_url(programme, "en")
    programme.delete()
    assert editor_client.get(url).status_code == 404


def test_the_add_page_says_the_preview_comes_after_saving(editor_client):
    response = editor_client.get(reverse("admin:programmes_programme_add"))
    assertContains(response, "Available once saved.")
