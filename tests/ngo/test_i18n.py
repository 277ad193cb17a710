import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.conftest import LANGUAGE_CODES

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
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_page_declares_its_language(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'<html lang="{code}">' in response.content.decode()


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
    html = client.get("/fr/confidentialite/").content.decode()
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert re.findall(r'href="([^"]+)" lang="(\w+)"', switcher) == [
        ("/en/privacy/", "en"),
        ("/nl/privacy/", "nl"),
        ("/fr/confidentialite/", "fr"),
        ("/nb/personvern/", "nb"),
        ("/da/privatliv/", "da"),
    ]
    assert 'aria-current="true">Français<' in switcher
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))
    assert alternates == {
        "en": "http://testserver/en/privacy/",
        "x-default": "http://testserver/en/privacy/",
        "nl": "http://testserver/nl/privacy/",
        "fr": "http://testserver/fr/confidentialite/",
        "nb": "http://testserver/nb/personvern/",
        "da": "http://testserver/da/privatliv/",
    }


def test_pages_are_in_the_language_of_the_url(client):
    assert "Aller au contenu principal" in client.get("/fr/").content.decode()
    assert "Hopp til hovedinnholdet" in client.get("/nb/").content.decode()
    assert "Spring til hovedindholdet" in client.get("/da/privatliv/").content.decode()
    assert "Naar de hoofdinhoud" in client.get("/nl/privacy/").content.decode()


def test_visiting_a_language_remembers_it_for_the_bare_root(client):
    response = client.get("/nb/")
    assert response.cookies["django_language"].value == "nb"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/nb/"


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/da/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()


def test_layout_landmarks(client):
    html = client.get("/en/privacy/").content.decode()
    assert html.index('class="skip-link" href="#main"') < html.index('<main id="main"')
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert '<footer class="site-footer">' in html
    assert '<a href="/en/privacy/">Privacy</a>' in html
    crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert (
        '<a href="/en/">Home</a>' in crumbs and '<span aria-current="page">Privacy</span>' in crumbs
    )
