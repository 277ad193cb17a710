import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from advocacy.models import Coalition, DemandStatus
from tests.builders import (
    make_agenda,
    make_demand,
    make_milestone,
    make_photo,
    make_programme,
    make_publication,
    pdf_bytes,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def section_headings(html):
    return re.findall(r"<h2>([^<]+)</h2>", html)


def agenda_titles(html):
    return [title.split(" (")[0] for title in re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', html)]


@pytest.fixture
def agendas():
    belgium = make_agenda("belgium", scope="national", country="BE", order=1)
    norway = make_agenda("norway", scope="national", country="NO", order=2)
    eu = make_agenda("eu", scope="eu", order=3)
    un = make_agenda("un", scope="international", order=4)
    make_agenda("draft", scope="countries", published=False)
    make_demand(norway, status=DemandStatus.ACHIEVED)
    make_demand(norway, status=DemandStatus.PARTLY)
    make_demand(norway, status=DemandStatus.ACHIEVED)
    return belgium, norway, eu, un


def test_overview_groups_agendas_by_scope_with_demand_counts(client, agendas):
    html = client.get("/en/advocacy/").content.decode()
    assert section_headings(html) == [
        "National",
        "European Union",
        "United Nations and international",
    ]
    assert "Draft" not in html
    assert "2 of 3 demands achieved" in html and "0 of 0 demands achieved" in html


@pytest.mark.parametrize(
    "path,accept_language,first",
    [
        ("/en/advocacy/", "nb-NO,nb;q=0.9,en;q=0.5", "Norway"),
        ("/en/advocacy/", "fr-BE,fr;q=0.9", "Belgium"),
        ("/nb/rettighetsarbeid/", "", "Norway"),  # from the page language
        ("/nl/beleidswerk/", "", "Belgium"),
    ],
)
def test_the_visitors_own_country_comes_first(client, agendas, path, accept_language, first):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept_language)
    html = response.content.decode()
    assert agenda_titles(html)[0] == first
    assert html.count('class="badge badge-yours"') == 1
    assert "Accept-Language" in response["Vary"]


def test_agenda_page_shows_numbered_demands_milestones_coalitions_and_publications(client):
    programme = make_programme(slug="families")
    agenda = make_agenda("norway", scope="national", country="NO")
    agenda.programmes.add(programme)
    make_demand(agenda, "Second demand", order=2, status=DemandStatus.ACHIEVED)
    make_demand(agenda, "First demand", order=1, status=DemandStatus.IN_PROGRESS)
    make_milestone("New act", day=date(2023, 1, 1), agendas=[agenda], document_reference="LOV-1")
    make_milestone("Older step", day=date(2019, 1, 1), agendas=[agenda])
    make_milestone("Hidden step", agendas=[agenda], published=False)
    coalition = Coalition.objects.create(name_en="Platform", url="https://example.org/")
    coalition.agendas.add(agenda)
    make_publication("Siblings together", language="nb", agendas=[agenda])
    make_publication("Draft paper", agendas=[agenda], published=False)

    html = client.get("/en/advocacy/norway-en/").content.decode()
    demands = html.split('<ol class="demands">')[1].split("</ol>")[0]
    assert demands.index("First demand") < demands.index("Second demand")
    assert '<span class="badge badge-in_progress">In progress</span>' in demands
    assert '<span class="badge badge-achieved">Achieved</span>' in demands
    assert "1 of 2 demands achieved" in html
    assert html.index("New act") < html.index("Older step") and "Hidden step" not in html
    assert "Document LOV-1" in html
    assert '<a href="https://example.org/" rel="noopener">Platform</a>' in html
    assert "Siblings together (en)" in html and "Draft paper" not in html
    assert re.search(
        r"PDF, [\d.]+\xa0(bytes|KB) · Language: <span lang=\"nb\">norsk \(bokmål\)</span>", html
    )
    assert 'type="application/pdf" hreflang="nb"' in html
    assert "Families (en)" in html
    assert "National · Norway · To the government (en)" in html


def test_demand_page_shows_how_its_status_moved(client):
    agenda = make_agenda("un")
    demand = make_demand(
        agenda,
        "Adopt a resolution",
        status=DemandStatus.NOT_YET,
        status_changed_on=date(2015, 1, 1),
    )
    demand.refresh_from_db()
    demand.status, demand.status_changed_on = DemandStatus.ACHIEVED, date(2019, 11, 15)
    demand.evidence_url = "https://undocs.org/A/RES/74/133"
    demand.save()
    milestone = make_milestone("UN resolution", agendas=[agenda])
    milestone.demands.add(demand)

    agenda_html = client.get(agenda.get_absolute_url()).content.decode()
    assert f'href="{demand.get_absolute_url()}"' in agenda_html
    html = client.get(demand.get_absolute_url()).content.decode()
    history = html.split("How this demand has moved</h2>")[1].split("</ol>")[0]
    assert history.index("Jan. 1, 2015") < history.index("Nov. 15, 2019")
    assert "Not yet addressed" in history and "Achieved" in history
    assert 'href="https://undocs.org/A/RES/74/133"' in history
    assert "UN resolution (en)" in html.split("Milestones that advanced it")[1]


def test_demand_of_another_agenda_or_unpublished_agenda_is_404(client):
    first, second = make_agenda("first"), make_agenda("second")
    demand = make_demand(first)
    assert client.get(f"/en/advocacy/second-en/demands/{demand.pk}/").status_code == 404
    hidden = make_agenda("hidden", published=False)
    hidden_demand = make_demand(hidden)
    assert client.get(f"/en/advocacy/hidden-en/demands/{hidden_demand.pk}/").status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert second.pk


def test_milestones_page_lists_published_milestones_newest_first_with_their_agendas(client):
    agenda = make_agenda("eu", scope="eu")
    draft = make_agenda("draft", published=False)
    make_milestone("Guidelines", day=date(2009, 12, 18), agendas=[agenda, draft])
    make_milestone("Child Guarantee", day=date(2021, 6, 14), agendas=[agenda])
    make_milestone("Not yet public", published=False)
    html = client.get("/en/advocacy/milestones/").content.decode()
    assert html.index("Child Guarantee") < html.index("Guidelines")
    assert "Not yet public" not in html and "Draft" not in html
    assert '<time datetime="2009-12-18">Dec. 18, 2009</time>' in html
    assert f'<a href="{agenda.get_absolute_url()}">Eu (en)</a>' in html


def publication_titles(client, url):
    html = client.get(url).content.decode()
    return {t.split(" (")[0] for t in re.findall(r'type="application/pdf"[^>]*>([^<]+)</a>', html)}


@pytest.fixture
def library():
    belgium = make_agenda("belgium", scope="national", country="BE")
    norway = make_agenda("norway", scope="national", country="NO")
    make_publication("Guide", language="nl", agendas=[belgium])
    make_publication("Siblings", language="nb", agendas=[norway])
    make_publication("Overview", language="en", agendas=[belgium, norway])
    make_publication("Draft", language="en", agendas=[belgium], published=False)


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", {"Guide", "Siblings", "Overview"}),
        ("?agenda=belgium-en", {"Guide", "Overview"}),
        ("?language=nb", {"Siblings"}),
        ("?agenda=norway-en&language=en", {"Overview"}),
        ("?agenda=belgium-en&language=nb", set()),
    ],
)
def test_publication_filters(client, library, query, expected):
    assert publication_titles(client, f"/en/advocacy/publications/{query}") == expected


def test_publication_filters_offer_only_what_exists_and_use_the_page_language(client, library):
    html = client.get("/fr/plaidoyer/publications/").content.decode()
    languages = html.split('name="language"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\w+)"', languages) == ["en", "nl", "nb"]
    assert publication_titles(client, "/fr/plaidoyer/publications/?agenda=belgium-fr") == {
        "Guide",
        "Overview",
    }


def test_a_bad_publication_filter_shows_an_error_and_everything(client, library):
    response = client.get("/en/advocacy/publications/?language=xx&agenda=nowhere")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert len(publication_titles(client, "/en/advocacy/publications/?language=xx")) == 3


def test_english_slug_in_another_language_redirects_and_untranslated_falls_back(client):
    agenda = make_agenda("norway")
    response = client.get("/da/fortalerarbejde/norway-en/")
    assert response.status_code == 301
    assert response["Location"] == "/da/fortalerarbejde/norway-da/"
    assert client.get(agenda.get_absolute_url()).status_code == 200
    english = make_agenda("only-english", all_languages=False)
    demand = make_demand(english)
    with override("da"):
        url = demand.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Denne side findes endnu ikke på Dansk" in html
    assert f'href="http://testserver/en/advocacy/only-english/demands/{demand.pk}/"' in html


def test_language_switcher_on_an_agenda_leads_to_each_languages_slug(client):
    make_agenda("eu", scope="eu")
    html = client.get("/nl/beleidswerk/eu-nl/").content.decode()
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert re.findall(r'href="([^"]+)" lang', switcher) == [
        "/en/advocacy/eu-en/",
        "/nl/beleidswerk/eu-nl/",
        "/fr/plaidoyer/eu-fr/",
        "/nb/rettighetsarbeid/eu-nb/",
        "/da/fortalerarbejde/eu-da/",
    ]


def test_breadcrumbs_lead_home_through_advocacy(client):
    agenda = make_agenda("un")
    demand = make_demand(agenda)
    for url in (
        "/en/advocacy/",
        agenda.get_absolute_url(),
        demand.get_absolute_url(),
        "/en/advocacy/milestones/",
        "/en/advocacy/publications/",
    ):
        html = client.get(url).content.decode()
        crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
        assert re.search(r'<ol>\s*<li><a href="/en/">Home</a></li>', crumbs), url
        assert 'aria-current="page"' in crumbs
        if url != "/en/advocacy/":
            assert '<a href="/en/advocacy/">Advocacy</a>' in crumbs


def populate(size):
    """An agenda with `size` demands, milestones, coalitions and publications."""
    agenda = make_agenda(f"big-{size}", scope="national", country="NO")
    agenda.programmes.set([make_programme() for _ in range(size)])
    demands = [make_demand(agenda, f"Demand {i}", order=i) for i in range(size)]
    for demand in demands:
        demand.status = DemandStatus.ACHIEVED
        demand.save()
    for i in range(size):
        milestone = make_milestone(f"Milestone {i}", agendas=[agenda])
        milestone.demands.set(demands)
        coalition = Coalition.objects.create(name_en=f"Coalition {i}", logo=make_photo())
        coalition.agendas.add(agenda)
        make_publication(f"Paper {i}", agendas=[agenda], file=pdf_upload(content=pdf_bytes()))
        make_agenda(f"other-{size}-{i}", scope=["eu", "countries", "international"][i % 3])
    return agenda, demands[0]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page,limit",
    [("overview", 1), ("agenda", 6), ("demand", 3), ("milestones", 3), ("publications", 5)],
)
def test_query_count_does_not_grow_with_rows(client, page, limit):
    counts = {}
    for size in (3, 30):
        agenda, demand = populate(size)
        url = {
            "overview": "/en/advocacy/",
            "agenda": agenda.get_absolute_url(),
            "demand": demand.get_absolute_url(),
            "milestones": "/en/advocacy/milestones/",
            "publications": f"/en/advocacy/publications/?agenda={agenda.slug}&language=en",
        }[page]
        counts[size] = count_queries(client, url)
    assert counts[3] == counts[30] <= limit
