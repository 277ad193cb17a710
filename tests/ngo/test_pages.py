"""Simple pages: translated addresses, navigation and footer links, the privacy
notice at its fixed address, and the cache behind the links on every page."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from ngo import page_cache
from ngo.context_processors import site
from ngo.models import SITE_CONTENT_CACHE_KEY, Page, PageRole, Placement, SiteDetails, site_content
from tests.builders import give, make_photo, translated

pytestmark = pytest.mark.django_db


def make_page(slug="about-us", all_languages=True, **fields):
    page = Page(**{"published": True, **fields})
    if all_languages:
        translated(page, "title", slug.replace("-", " ").title())
        translated(page, "slug", slug)
        for code in ("en", "nl", "fr", "nb", "da"):
            setattr(page, f"body_{code}", f"<p>What we do ({code})</p>")
    else:
        page.title_en, page.slug_en, page.body_en = "About", slug, "<p>English only</p>"
    page.save()
    return page


def test_a_page_answers_at_its_translated_address_with_breadcrumbs(client):
    make_page(placement=Placement.MAIN)
    response = client.get("/fr/info/about-us-fr/")
    assertContains(response, "<h1>About Us (fr)</h1>", html=True)
    assertContains(response, '<span aria-current="page">About Us (fr)</span>', html=True)
    assertContains(response, "<p>What we do (fr)</p>", html=True)
    # Another language's slug leads to this language's own address.
    assertRedirects(client.get("/nl/info/about-us-en/"), "/nl/info/about-us-nl/", status_code=301)


def test_an_untranslated_page_falls_back_to_english_and_says_so(client):
    make_page(slug="history", all_languages=False)
    response = client.get("/da/info/history/")
    assertContains(response, "English only")
    assertContains(response, 'class="notice wrap" role="note"')


def test_unpublished_and_unknown_pages_are_not_found(client):
    make_page(slug="draft", published=False)
    assert client.get("/en/info/draft-en/").status_code == 404
    assert client.get("/en/info/nothing-here/").status_code == 404
    assert client.get("/en/info/%E2%80%AE/").status_code == 404


def test_the_body_is_sanitised_when_saved():
    page = make_page()
    page.body_en = '<p onclick="x()">Hi<script>alert(1)</script><img src="https://e.test/x"></p>'
    page.save()
    page.refresh_from_db()
    assert page.body_en == "<p>Hi</p>"


def test_a_slug_is_unique_in_its_language():
    make_page(slug="same")
    with pytest.raises(IntegrityError):
        make_page(slug="same")


def test_nav_and_footer_pages_in_order_from_one_query_then_from_the_cache(rf):
    make_page(slug="second", placement=Placement.MAIN, order=2)
    make_page(slug="first", placement=Placement.MAIN, order=1)
    make_page(slug="money", placement=Placement.FOOTER, order=1)
    make_page(slug="unlinked", placement=Placement.NONE)
    make_page(slug="draft", placement=Placement.MAIN, published=False)
    # The page cache reads the coming publishing moments once per change; not counted.
    page_cache.versions.current(timezone.now())
    context = site(rf.get("/en/"))
    with CaptureQueriesContext(connection) as queries:
        nav, footer = context["nav_pages"](), context["footer_pages"]()
    page_queries = [q for q in queries.captured_queries if '"ngo_page"' in q["sql"]]
    assert len(page_queries) == 1
    assert [p.slug_en for p in nav] == ["first-en", "second-en"]
    # The migration's privacy notice is a footer page too, at the end.
    assert [p.slug_en for p in footer] == ["money-en", "privacy"]
    with CaptureQueriesContext(connection) as queries:
        again = site(rf.get("/nl/"))
        assert [p.slug_en for p in again["nav_pages"]()] == ["first-en", "second-en"]
    assert len(queries) == 0


def test_a_change_to_a_page_clears_the_cached_links(client):
    page = make_page(slug="money", placement=Placement.FOOTER)
    assertContains(client.get("/en/"), "/en/info/money-en/")
    assert cache.get(SITE_CONTENT_CACHE_KEY) is not None
    page.published = False
    page.save()
    assert cache.get(SITE_CONTENT_CACHE_KEY) is None
    assertNotContains(client.get("/en/"), "/en/info/money-en/")


def test_the_privacy_notice_is_a_page_in_five_languages_at_its_fixed_address(client):
    privacy = Page.objects.get(role=PageRole.PRIVACY)
    assert privacy.missing_languages() == []
    response = client.get("/en/privacy/")
    assertContains(response, "<h1>Privacy</h1>", html=True)
    assertContains(response, "What we collect")
    assertContains(response, "mailto:privacy@example.org")
    response = client.get("/fr/confidentialite/")
    assertContains(response, "<h1>Confidentialité</h1>", html=True)
    assertContains(response, "Ce que nous collectons")
    # Its slug under the pages' prefix leads to the fixed address.
    assertRedirects(client.get("/en/info/privacy/"), "/en/privacy/", status_code=301)
    # The donation forms link to it.
    assertContains(client.get("/nl/geef/"), 'href="/nl/privacy/"')


def test_editors_change_the_privacy_text_and_the_page_shows_it(client):
    privacy = Page.objects.get(role=PageRole.PRIVACY)
    privacy.body_nl = "<p>Nieuwe tekst over privacy</p>"
    privacy.save()
    assertContains(client.get("/nl/privacy/"), "Nieuwe tekst over privacy")


def test_without_the_privacy_page_the_built_in_notice_answers(client):
    Page.objects.filter(role=PageRole.PRIVACY).delete()
    response = client.get("/en/privacy/")
    assertContains(response, "We protect the personal data of donors")
    assertContains(client.get("/en/"), 'href="/en/privacy/"')
    assert give(client).status_code == 302


def test_the_privacy_page_can_not_be_deleted_in_the_admin(admin_client):
    privacy = Page.objects.get(role=PageRole.PRIVACY)
    assert admin_client.get(f"/admin/ngo/page/{privacy.pk}/delete/").status_code == 403
    other = make_page()
    assert admin_client.get(f"/admin/ngo/page/{other.pk}/delete/").status_code == 200


def test_the_footer_shows_the_details_from_the_settings_until_editors_set_them(client, settings):
    assertContains(client.get("/en/"), "Kerkstraat 1<br>1000 Brussel")
    assertContains(client.get("/en/"), "0123.456.749")
    details = SiteDetails.load()
    details.phone = "+32 2 123 45 67"
    details.email = "hello@example.org"
    details.register_number = "R-42"
    translated(details, "register_name", "Charity list")
    details.save()
    response = client.get("/nb/")
    assertContains(response, 'href="tel:+3221234567"')
    assertContains(response, "mailto:hello@example.org")
    assertContains(response, "Charity list (nb): R-42")
    assert SiteDetails.objects.count() == 1
    SiteDetails.load().save()
    assert SiteDetails.objects.count() == 1


def test_a_quality_seal_shows_its_logo_while_the_photo_is_public(client):
    details = SiteDetails.load()
    details.save()
    photo = make_photo(alt_text_en="Fundraising quality seal")
    details.quality_seals.create(photo=photo, url="https://example.org/seal")
    response = client.get("/en/")
    assertContains(response, 'alt="Fundraising quality seal"')
    assertContains(response, 'href="https://example.org/seal"')
    photo.published = False
    photo.save()
    assertNotContains(client.get("/en/"), "Fundraising quality seal")


def test_the_site_content_is_read_again_on_a_new_day():
    site_content(today=date(2030, 1, 1))
    with CaptureQueriesContext(connection) as same_day:
        site_content(today=date(2030, 1, 1))
    with CaptureQueriesContext(connection) as next_day:
        assert site_content(today=date(2030, 1, 2))["day"] == date(2030, 1, 2)
    assert len(same_day) == 0
    assert len(next_day) == 3  # pages, footer details, appeal (no seals without details)


def test_the_links_are_forgotten_again_once_a_change_is_committed(
    django_capture_on_commit_callbacks,
):
    page = make_page(placement=Placement.MAIN)
    with django_capture_on_commit_callbacks(execute=True):
        page.published = False
        page.save()
        # What a request between the save and the commit would cache: the old rows.
        cache.set(SITE_CONTENT_CACHE_KEY, {"nav_pages": [page]}, 3600)
    assert site_content()["nav_pages"] == []


def test_the_sitemap_lists_a_page_only_in_the_languages_it_is_written_in(client):
    make_page("english-only", all_languages=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/info/english-only/" in sitemap
    assert "/nl/info/english-only/" not in sitemap
