import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override
from pytest_django.asserts import assertContains, assertInHTML, assertRedirects

from tests.builders import make_programme
from tests.conftest import LANGUAGE_CODES
from tests.markup import breadcrumbs, language_switcher

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "headers,cookies,expected",
    [
        ({}, {}, "/en/"),
        ({"HTTP_ACCEPT_LANGUAGE": "nl-BE,nl;q=0.9,en;q=0.5"}, {}, "/nl/"),
        ({"HTTP_ACCEPT_LANGUAGE": "nb-NO,nb;q=0.9"}, {}, "/nb/"),
        ({"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}, {}, "/en/"),
        ({"HTTP_ACCEPT_LANGUAGE": "nl"}, {"django_language": "da"}, "/da/"),
    ],
)
def test_bare_root_redirects_to_preferred_language(client, headers, cookies, expected):
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get("/", **headers)
    assertRedirects(response, expected, fetch_redirect_response=False)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_page_declares_its_language(client, code):
    assertContains(client.get(f"/{code}/"), f'<html lang="{code}">')


def test_url_words_are_translated():
    paths = {}
    for code in LANGUAGE_CODES:
        with override(code):
            paths[code] = reverse("ngo:privacy")
    assert paths == {
        "en": "/en/privacy/",
        "nl": "/nl/privacy/",
        "fr": "/fr/confidentialite/",
        "nb": "/nb/personvern/",
        "da": "/da/privatliv/",
    }


def test_language_switcher_and_hreflang_lead_to_the_same_page(client):
    response = client.get("/fr/confidentialite/")
    urls = [
        "/en/privacy/",
        "/nl/privacy/",
        "/fr/confidentialite/",
        "/nb/personvern/",
        "/da/privatliv/",
    ]
    assertInHTML(language_switcher("fr", urls), response.content.decode())
    alternates = {"x-default": "/en/privacy/", **dict(zip(LANGUAGE_CODES, urls, strict=True))}
    assertContains(response, '<link rel="alternate"', count=len(alternates))
    for hreflang, url in alternates.items():
        link = f'<link rel="alternate" hreflang="{hreflang}" href="http://testserver{url}">'
        assertContains(response, link, count=1, html=True)


def test_pages_are_in_the_language_of_the_url(client):
    for url, skip in [
        ("/fr/", "Aller au contenu principal"),
        ("/nb/", "Hopp til hovedinnholdet"),
        ("/da/privatliv/", "Spring til hovedindholdet"),
        ("/nl/privacy/", "Naar de hoofdinhoud"),
    ]:
        assertContains(client.get(url), f'<a class="skip-link" href="#main">{skip}</a>', html=True)


def test_choosing_a_language_remembers_it_for_the_bare_root(client):
    # The language switcher is a link from a page in another language.
    response = client.get("/nb/", HTTP_REFERER="http://testserver/en/programmes/")
    assert response.cookies["django_language"].value == "nb"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/nb/"


@pytest.mark.parametrize(
    "path,status",
    [("/da/findes-ikke/", 404), ("/da/programmer/families-en/", 301), ("/da/privatliv", 301)],
)
def test_only_a_page_that_is_shown_changes_the_remembered_language(client, path, status):
    make_programme(slug="families")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = client.get(path)
    assert response.status_code == status
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    shown = client.get("/da/privatliv/")
    assert shown.status_code == 200
    assert shown.cookies[settings.LANGUAGE_COOKIE_NAME].value == "da"


@pytest.mark.parametrize(
    "referer", ["", "http://testserver/nb/programmer/", "https://elsewhere.example/en/"]
)
def test_a_first_visit_or_a_link_within_a_language_sets_no_cookie(client, referer):
    # Public pages can then be cached and shared; the language is in the address.
    response = client.get("/nb/", HTTP_REFERER=referer)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_page_in_the_remembered_language_does_not_set_it_again(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    assert settings.LANGUAGE_COOKIE_NAME not in client.get("/da/privatliv/").cookies


def test_unknown_page_is_a_translated_404(client):
    assertContains(client.get("/da/findes-ikke/"), "Siden blev ikke fundet", status_code=404)


def test_layout_landmarks(client):
    response = client.get("/en/privacy/")
    html = response.content.decode()
    assertContains(
        response, '<a class="skip-link" href="#main">Skip to main content</a>', html=True
    )
    assert html.index('class="skip-link"') < html.index('<main id="main"')  # the first link
    assertContains(response, '<nav class="site-nav" aria-label="Main">')
    assertContains(response, '<footer class="site-footer">')
    assertInHTML(
        '<nav aria-label="Footer"><ul><li><a href="/en/privacy/">Privacy</a></li></ul></nav>', html
    )
    assertInHTML(breadcrumbs(("Home", "/en/"), "Privacy"), html)
