"""The site search, on SQLite (word matching) and PostgreSQL (full text per language)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from ngo.models import Page
from ngo.search import MAX_QUERY_LENGTH, SEARCH_CONFIGS, SEARCH_KINDS, search_indexes
from tests.builders import (
    make_agenda,
    make_demand,
    make_programme,
    make_project,
    make_publication,
)

pytestmark = pytest.mark.django_db

RESULT = re.compile(r'<p class="search-kind">(.*?)</p>\s*<h2><a href="(.*?)">(.*?)</a></h2>', re.S)


def search_url(code="en"):
    with override(code):
        return reverse("ngo:search")


def search(client, query, code="en", **params):
    response = client.get(search_url(code), {"q": query, **params})
    assert response.status_code == 200
    return response


def results(response):
    """(kind, url, title) of each result, in the page's order."""
    return RESULT.findall(response.content.decode())


def titles(response):
    return [title for _kind, _url, title in results(response)]


def test_the_address_is_translated():
    assert search_url("en") == "/en/search/"
    assert search_url("nl").startswith("/nl/")


def test_without_a_query_the_page_shows_the_form_and_a_hint(client):
    response = client.get(search_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in content and 'type="search" name="q"' in content
    assert '<label class="visually-hidden" for="search-page">Search the site</label>' in content
    assert "Search our pages, programmes, projects" in content
    assert "result-count" not in content


def test_one_letter_asks_for_more(client):
    make_programme(slug="a-programme")
    response = search(client, "a")
    assert "Please type at least 2 characters." in response.content.decode()
    assert results(response) == []


def test_a_very_long_query_is_cut_short(client):
    make_programme(slug="zebra")
    response = search(client, "zebra " + "x" * 1000)
    query = response.context["query"]
    assert len(query) == MAX_QUERY_LENGTH and query.startswith("zebra x")
    assert f'value="{query}"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "&",
        "|",
        "!",
        ":*",
        "zebra:*",
        "a & b | !c",
        "'; drop table x; --",
        '"unclosed quote',
        "(((",
        "<script>alert(1)</script>",
        "-zebra",
        "100%_off\\",
        "\u0000zebra",
    ],
)
def test_special_characters_never_raise(client, query):
    make_programme(slug="zebra")
    response = search(client, query)
    assert b"<script>alert(1)</script>" not in response.content


def test_it_finds_every_kind_by_its_title(client):
    programme = make_programme(slug="okapi-care")
    project = make_project(programme=programme, slug="okapi-house")
    agenda = make_agenda(slug="okapi-rights")
    demand = make_demand(agenda, text="Protect every okapi family")
    publication = make_publication(title="Okapi guide")
    response = search(client, "okapi")
    found = {kind: (url, title) for kind, url, title in results(response)}
    assert found == {
        "Programme": (programme.get_absolute_url(), "Okapi-Care (en)"),
        "Project": (project.get_absolute_url(), "Okapi-House (en)"),
        "Advocacy agenda": (agenda.get_absolute_url(), "Okapi-Rights (en)"),
        "Demand": (demand.get_absolute_url(), "Protect every okapi family (en)"),
        "Publication": (publication.file.url, "Okapi guide (en)"),
    }
    assert "5 results for “okapi”" in response.content.decode()


def test_unpublished_content_is_not_found(client):
    hidden_programme = make_programme(slug="okapi-hidden", published=False)
    make_project(programme=hidden_programme, slug="okapi-under-hidden")
    make_project(slug="okapi-draft", published=False)
    draft_agenda = make_agenda(slug="okapi-agenda", published=False)
    make_demand(draft_agenda, text="Okapi demand")
    make_publication(title="Okapi draft", published=False)
    make_programme(slug="okapi-public")
    assert titles(search(client, "okapi")) == ["Okapi-Public (en)"]


def test_it_searches_the_page_language_only(client):
    programme = make_programme(slug="plain")
    programme.title_nl = "Het giraffe huis"
    programme.summary_en = "About a zebra"
    programme.save()
    assert titles(search(client, "giraffe", code="nl")) == ["Het giraffe huis"]
    assert titles(search(client, "giraffe", code="en")) == []
    assert titles(search(client, "zebra", code="nl")) == []
    assert titles(search(client, "zebra", code="en")) == ["Plain (en)"]


def test_an_untranslated_row_is_not_found_in_another_language(client):
    make_programme(slug="zebra-only-english", all_languages=False)
    assert titles(search(client, "zebra", code="en")) == ["Zebra-Only-English"]
    assert titles(search(client, "zebra", code="fr")) == []


def test_every_word_must_match(client):
    make_programme(slug="zebra-care")
    make_programme(slug="zebra-rights")
    assert titles(search(client, "zebra care")) == ["Zebra-Care (en)"]


def test_a_title_match_comes_before_a_match_in_the_text(client):
    # The text match is a programme, which would come first on a tie.
    programme = make_programme(slug="families")
    programme.body_en = "<p>We once met a walrus on the beach.</p>"
    programme.save()
    make_project(slug="walrus-house")
    assert titles(search(client, "walrus")) == ["Walrus-House (en)", "Families (en)"]


def test_the_excerpt_marks_the_words_and_escapes_the_text(client):
    programme = make_programme(slug="plain")
    programme.body_en = (
        "<p>Tom &amp; Jerry write &lt;b&gt; about the zebra.</p><script>x()</script>"
    )
    programme.save()
    make_publication(title="Plain guide", summary="Fish & chips <3 zebra guide")
    content = search(client, "zebra").content.decode()
    excerpts = re.findall(r'<p class="search-excerpt">(.*?)</p>', content, re.S)
    assert len(excerpts) == 2
    assert all("<mark>zebra</mark>" in excerpt for excerpt in excerpts)
    assert any("Tom &amp; Jerry write &lt;b&gt; about the" in excerpt for excerpt in excerpts)
    assert any("Fish &amp; chips &lt;3 <mark>zebra</mark>" in excerpt for excerpt in excerpts)
    assert "<script>x()" not in content


def test_results_are_paginated_and_pages_keep_the_query(client):
    for number in range(12):
        make_programme(slug=f"zebra-{number}")
    first = search(client, "zebra")
    assert len(results(first)) == 10
    assert "12 results for “zebra”" in first.content.decode()
    assert 'href="?q=zebra&amp;page=2"' in first.content.decode()
    second = search(client, "zebra", page="2")
    assert len(results(second)) == 2
    assert set(titles(first)).isdisjoint(titles(second))
    # A page past the end shows the last one, never an error.
    assert titles(search(client, "zebra", page="99")) == titles(second)
    assert titles(search(client, "zebra", page="x")) == titles(first)


def make_one_of_each(word, number):
    programme = make_programme(slug=f"{word}-programme-{number}")
    make_project(programme=programme, slug=f"{word}-project-{number}")
    agenda = make_agenda(slug=f"{word}-agenda-{number}")
    make_demand(agenda, text=f"A {word} demand")
    make_publication(title=f"{word} guide")


def count_queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        search(client, query)
    return len(queries)


def test_query_count_does_not_grow_with_the_results(client):
    make_one_of_each("zebra", 0)
    search(client, "zebra")  # the header's and footer's links are cached from now on
    few = count_queries(client, "zebra")
    # Twice as many rows of every kind: a full page (10), still all five kinds on it.
    make_one_of_each("zebra", 1)
    response = search(client, "zebra")
    assert len(results(response)) == 10 and len({kind for kind, *_ in results(response)}) == 5
    assert count_queries(client, "zebra") == few


@pytest.mark.parametrize("kind", SEARCH_KINDS, ids=lambda kind: kind.key)
def test_each_kind_has_an_index_per_language_on_what_it_searches(kind):
    # PostgreSQL uses an index only for the very expression the search filters on.
    indexes = {index.name: index for index in kind.model_class._meta.indexes}
    for index in search_indexes(kind.key, kind.title, kind.fields):
        assert indexes[index.name] == index
    assert len([name for name in indexes if "_search_" in name]) == len(SEARCH_CONFIGS)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
class TestFullText:
    @pytest.fixture(autouse=True)
    def _without_the_privacy_notice(self):
        # The privacy notice, a page made by a migration, speaks of rights and
        # families too: these tests compare exact result lists.
        Page.objects.update(published=False)

    def test_a_dutch_word_finds_its_dutch_inflection(self, client):
        project = make_project(slug="family")
        project.summary_nl = "Elk kind heeft recht op een gezin."
        project.save()
        # "rechten" is not in the text; Dutch stemming makes it "recht".
        assert titles(search(client, "rechten", code="nl")) == ["Family (nl)"]
        content = search(client, "rechten", code="nl").content.decode()
        assert "Elk kind heeft <mark>recht</mark> op een gezin." in content
        # The English page searches the English text, with English stemming.
        assert titles(search(client, "rechten", code="en")) == []

    def test_each_language_uses_its_own_stemming(self, client):
        programme = make_programme(slug="plain")
        programme.body_nl = "<p>Wij steunen projecten.</p>"
        programme.body_nb = "<p>Vi støtter barna.</p>"
        programme.save()
        assert titles(search(client, "project", code="nl")) == ["Plain (nl)"]
        assert titles(search(client, "barn", code="nb")) == ["Plain (nb)"]

    def test_ranking_puts_a_title_match_first_across_kinds(self, client):
        for number in range(3):
            programme = make_programme(slug=f"care-{number}")
            programme.body_en = "<p>Walrus, walrus and walrus again.</p>"
            programme.save()
        make_publication(title="Walrus")
        assert titles(search(client, "walrus"))[0] == "Walrus (en)"

    def test_search_operators_work(self, client):
        make_programme(slug="zebra-care")
        make_programme(slug="zebra-rights")
        assert titles(search(client, "zebra -care")) == ["Zebra-Rights (en)"]
        assert titles(search(client, '"zebra care"')) == ["Zebra-Care (en)"]
        assert sorted(titles(search(client, "care or rights"))) == [
            "Zebra-Care (en)",
            "Zebra-Rights (en)",
        ]

    def test_the_search_indexes_exist_for_every_language(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_search_%%'")
            names = {row[0] for row in cursor.fetchall()}
        for kind in ("programme", "project", "agenda", "demand", "publication"):
            for code in ("en", "nl", "fr", "nb", "da"):
                assert f"{kind}_search_{code}" in names


def test_a_simple_page_is_found_in_its_own_language_and_the_privacy_notice_too(client):
    page = Page(published=True, title_en="Annual report", slug_en="annual-report")
    page.title_nl, page.slug_nl = "Jaarverslag", "jaarverslag"
    page.body_en = "<p>Our accounts, audited every year.</p>"
    page.body_nl = "<p>Onze rekeningen, elk jaar gecontroleerd.</p>"
    page.save()
    assert results(search(client, "accounts")) == [
        ("Page", "/en/info/annual-report/", "Annual report")
    ]
    assert results(search(client, "rekeningen", "nl")) == [
        ("Pagina", "/nl/info/jaarverslag/", "Jaarverslag")
    ]
    assert results(search(client, "rekeningen")) == []  # English searches English only
    assert ("Page", "/en/privacy/", "Privacy") in results(search(client, "privacy"))
