"""What the site tells search engines: sitemap.xml, robots.txt and each page's head."""

import json
import re
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import override
from lxml import etree

from ngo.models import Page, PageRole
from tests.builders import (
    make_agenda,
    make_demand,
    make_photo,
    make_programme,
    make_project,
)
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
MISSION = "We help children grow up in a family"


def absolute(path):
    return f"http://testserver{path}"


def urls_of(obj):
    """The object's absolute address in every language."""
    urls = {}
    for code in LANGUAGE_CODES:
        with override(code):
            urls[code] = absolute(obj.get_absolute_url())
    return urls


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    entries = {}
    for url in etree.fromstring(response.content).findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        lastmod = url.find("s:lastmod", NS)
        entries[url.find("s:loc", NS).text] = {
            "alternates": alternates,
            "lastmod": lastmod.text if lastmod is not None else None,
        }
    return entries


def meta(content, attribute, name):
    """Every value of <meta {attribute}="{name}" content="...">."""
    return re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', content)


def json_ld(content):
    return [json.loads(block) for block in JSON_LD.findall(content)]


def test_the_sitemap_lists_every_published_page_in_every_language(client):
    programme = make_programme(slug="family-care")
    project = make_project(programme=programme, slug="safe-home")
    agenda = make_agenda(slug="siblings")
    demand = make_demand(agenda)
    entries = sitemap(client)
    for obj in (programme, project, agenda, demand):
        urls = urls_of(obj)
        expected = {**urls, "x-default": urls["en"]}
        for url in urls.values():
            assert entries[url]["alternates"] == expected
            assert entries[url]["lastmod"] == f"{obj.modified:%Y-%m-%d}"
    with override("nl"):
        assert absolute(reverse("programmes:project-list")) in entries
    for code in LANGUAGE_CODES:
        assert absolute(f"/{code}/") in entries
    privacy = Page.objects.get(role=PageRole.PRIVACY)  # a simple page, made by a migration
    assert absolute(privacy.get_absolute_url()) in entries
    # Five languages of the six fixed pages, the four content rows and the privacy page.
    assert len(entries) == 5 * (6 + 4 + 1)


def test_the_sitemap_leaves_out_what_is_not_published(client):
    hidden = make_programme(slug="hidden-programme", published=False)
    make_project(programme=hidden, slug="under-hidden-programme")
    make_project(slug="draft-project", published=False)
    draft_agenda = make_agenda(slug="draft-agenda", published=False)
    make_demand(draft_agenda)
    locations = " ".join(sitemap(client))
    for word in ("hidden-programme", "under-hidden-programme", "draft-project", "draft-agenda"):
        assert word not in locations
    assert "/demands/" not in locations


def test_the_sitemap_dates_a_row_by_its_last_change(client):
    programme = make_programme(slug="family-care")
    type(programme).objects.filter(pk=programme.pk).update(modified="2024-02-03T10:00:00Z")
    entries = sitemap(client)
    assert entries[urls_of(programme)["fr"]]["lastmod"] == "2024-02-03"
    programme.refresh_from_db()
    programme.save()
    assert sitemap(client)[urls_of(programme)["fr"]]["lastmod"] == f"{date.today():%Y-%m-%d}"


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines == ["User-agent: *", "Disallow: /admin/", "Sitemap: http://testserver/sitemap.xml"]


def test_every_page_has_one_description_one_canonical_and_open_graph(client):
    response = client.get(reverse("ngo:privacy"))
    content = response.content.decode()
    assert len(meta(content, "name", "description")) == 1
    # The privacy notice is a simple page: it is described by the start of its text.
    privacy = Page.objects.get(role=PageRole.PRIVACY)
    opening = " ".join(strip_tags(privacy.body).split()[:6])
    assert meta(content, "name", "description")[0].startswith(opening)
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', content) == [
        "http://testserver/en/privacy/"
    ]
    assert meta(content, "property", "og:title") == ["Privacy"]
    assert meta(content, "property", "og:url") == ["http://testserver/en/privacy/"]
    assert meta(content, "property", "og:type") == ["article"]  # a page with content of its own
    assert meta(content, "property", "og:locale") == ["en_GB"]
    assert meta(content, "property", "og:site_name") == ["Every Child a Family"]
    assert meta(content, "name", "twitter:card") == ["summary"]
    assert meta(content, "property", "og:image") == []


def test_the_open_graph_locale_follows_the_page_language(client):
    with override("nb"):
        url = reverse("ngo:privacy")
    assert meta(client.get(url).content.decode(), "property", "og:locale") == ["nb_NO"]


def test_a_detail_page_describes_itself_with_its_summary(client):
    programme = make_programme(slug="family-care")
    programme.summary_en = "Families stay together. " * 20
    programme.save()
    content = client.get(programme.get_absolute_url()).content.decode()
    (description,) = meta(content, "property", "og:description")
    assert description.startswith("Families stay together. Families")
    assert len(description) <= 160 and description.endswith(" stay…")
    assert meta(content, "property", "og:type") == ["article"]
    assert meta(content, "property", "og:title") == ["Family-Care (en)"]


def test_a_public_photo_becomes_the_absolute_og_image(client):
    # An 800 px wide photo: its widest rendition is the photo's own size.
    programme = make_programme(slug="family-care", hero_photo=make_photo())
    content = client.get(programme.get_absolute_url()).content.decode()
    (image,) = meta(content, "property", "og:image")
    assert re.fullmatch(r"http://testserver/media/photos/renditions/\d+-\w+-800\.jpg", image)
    assert meta(content, "property", "og:image:width") == ["800"]
    assert meta(content, "property", "og:image:height") == ["600"]
    assert meta(content, "name", "twitter:card") == ["summary_large_image"]
    assert meta(content, "property", "og:image:alt") == ["Houses on a hill"]
    assert default_storage.exists(image.removeprefix("http://testserver/media/"))


def test_a_photo_that_may_not_be_shown_is_not_shared(client):
    photo = make_photo(published=False)
    programme = make_programme(slug="family-care", hero_photo=photo)
    content = client.get(programme.get_absolute_url()).content.decode()
    assert meta(content, "property", "og:image") == []
    assert meta(content, "name", "twitter:card") == ["summary"]


def test_an_untranslated_page_names_the_english_one_as_canonical(client):
    programme = make_programme(slug="family-care", all_languages=False)
    with override("nl"):
        url = programme.get_absolute_url()
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200 and response.context["fallback_language"]
    english = urls_of(programme)["en"]
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', content) == [english]
    assert meta(content, "property", "og:url") == [english]


def test_a_translated_page_is_its_own_canonical(client):
    programme = make_programme(slug="family-care")
    nl = urls_of(programme)["nl"]
    content = client.get(nl.removeprefix("http://testserver")).content.decode()
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', content) == [nl]


def test_later_pages_of_a_list_have_their_own_title_and_canonical(client):
    programme = make_programme(slug="family-care")
    for number in range(13):
        make_project(programme=programme, slug=f"project-{number}")
    first = client.get(reverse("programmes:project-list")).content.decode()
    second = client.get(reverse("programmes:project-list"), {"page": 2}).content.decode()
    assert "<title>Projects · Every Child a Family</title>" in first
    assert "<title>Projects – page 2 · Every Child a Family</title>" in second
    assert '<link rel="canonical" href="http://testserver/en/projects/?page=2">' in second
    filtered = client.get(reverse("programmes:project-list"), {"status": "running"})
    assert '<link rel="canonical" href="http://testserver/en/projects/">' in (
        filtered.content.decode()
    )


def test_the_home_page_describes_the_organisation(client, settings):
    settings.ORGANISATION_ADDRESS = ["Kerkstraat 1", "1000 Brussel"]
    settings.ORGANISATION_NUMBER = "0123.456.749"
    content = client.get("/en/").content.decode()
    (organisation,) = json_ld(content)
    assert organisation == {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": "Every Child a Family",
        "url": "http://testserver/en/",
        "logo": "http://testserver/static/img/favicon.svg",
        "description": organisation["description"],
        "email": settings.CONTACT_EMAIL,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Kerkstraat 1",
            "postalCode": "1000",
            "addressLocality": "Brussel",
        },
        "identifier": "0123.456.749",
    }
    assert organisation["description"].startswith(MISSION)
    # Only the home page carries it; a simple page has its breadcrumb trail.
    other = json_ld(client.get(reverse("ngo:privacy")).content.decode())
    assert [data["@type"] for data in other] == ["BreadcrumbList"]


def test_a_detail_page_has_its_breadcrumbs_as_structured_data(client):
    project = make_project(slug="safe-home")
    content = client.get(project.get_absolute_url()).content.decode()
    (trail,) = json_ld(content)
    assert trail["@type"] == "BreadcrumbList"
    items = trail["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert items[0] == {
        "@type": "ListItem",
        "position": 1,
        "name": "Home",
        "item": "http://testserver/en/",
    }
    assert items[-1]["name"] == "Safe-Home (en)"
    assert items[-1]["item"] == urls_of(project)["en"]


def test_structured_data_can_not_be_closed_by_a_title(client):
    programme = make_programme(slug="family-care")
    programme.title_en = 'Care </script><script>alert("x")</script> & <!-- more'
    programme.save()
    content = client.get(programme.get_absolute_url()).content.decode()
    head = content.split("</head>")[0]
    assert "<script>alert" not in head
    (trail,) = json_ld(content)
    assert trail["itemListElement"][-1]["name"] == programme.title_en
    block = JSON_LD.search(content).group(1)
    assert "<" not in block and ">" not in block and "&" not in block


def test_a_page_we_do_not_have_names_no_canonical(client):
    # A path that starts with "//", as a raw request can have it.
    response = client.get("/", PATH_INFO="//evil.example/en/projects")
    content = response.content.decode()
    assert response.status_code == 404
    assert 'rel="canonical"' not in content and "og:url" not in content
    assert "evil.example" not in content
