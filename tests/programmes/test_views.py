import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from programmes.models import Goal, KeyFigure, Principle, ReachFigure, SustainableDevelopmentGoal
from tests.builders import make_funder, make_photo, make_programme, make_project

pytestmark = pytest.mark.django_db
TODAY = date.today()


def names_on(client, url):
    html = client.get(url).content.decode()
    # Builders name rows "A (en)"; keep the part before the language.
    return {
        name.split(" (")[0] for name in re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)
    }


@pytest.fixture
def catalogue():
    families = make_programme(slug="families")
    youth = make_programme(slug="youth")
    goal1, goal4 = SustainableDevelopmentGoal.objects.filter(number__in=[1, 4]).order_by("number")
    a = make_project(families, slug="a", countries=["BE"])
    a.sdgs.add(goal1)
    b = make_project(
        families, slug="b", countries=["NO", "DK"], start_date=TODAY + timedelta(days=30)
    )
    b.sdgs.add(goal4)
    c = make_project(
        youth, slug="c", countries=["NO"], start_date=date(2015, 1, 1), end_date=date(2018, 1, 1)
    )
    c.sdgs.add(goal1, goal4)
    make_project(youth, slug="hidden", published=False)
    return families, youth


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", {"A", "B", "C"}),
        ("?programme=families-en", {"A", "B"}),
        ("?country=NO", {"B", "C"}),
        ("?sdg=4", {"B", "C"}),
        ("?status=planned", {"B"}),
        ("?status=completed", {"C"}),
        ("?status=running", {"A"}),
        ("?programme=youth-en&country=NO&sdg=1&status=completed", {"C"}),
        ("?programme=families-en&country=NO&status=running", set()),
    ],
)
def test_project_filters_alone_and_combined(client, catalogue, query, expected):
    assert names_on(client, f"/en/projects/{query}") == expected


def test_filters_use_the_slug_of_the_page_language(client, catalogue):
    assert names_on(client, "/nl/projecten/?programme=families-nl") == {"A", "B"}


def test_invalid_filter_values_show_an_error_not_a_crash(client, catalogue):
    response = client.get("/en/projects/?country=XX&sdg=abc")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert names_on(client, "/en/projects/?country=XX") == {"A", "B", "C"}


def test_running_projects_come_first(client, catalogue):
    html = client.get("/en/projects/").content.decode()
    assert html.index(">A (en)<") < html.index(">B (en)<") < html.index(">C (en)<")


def test_project_list_is_paginated_and_keeps_filters(client):
    programme = make_programme(slug="many")
    for i in range(14):
        make_project(programme, slug=f"p{i}", countries=["BE"])
    html = client.get("/en/projects/?country=BE").content.decode()
    assert "14 projects" in html
    assert 'href="?country=BE&amp;page=2"' in html
    assert len(names_on(client, "/en/projects/?country=BE&page=2")) == 2


def test_unpublished_rows_are_404(client):
    hidden = make_programme(published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    project = make_project(published=False)
    assert client.get(project.get_absolute_url()).status_code == 404
    orphan = make_project(programme=hidden)
    assert client.get(orphan.get_absolute_url()).status_code == 404


def test_language_switcher_leads_to_the_same_project_with_its_own_slug(client):
    project = make_project(slug="mombasa")
    with override("nl"):
        url = project.get_absolute_url()
    assert url == "/nl/projecten/mombasa-nl/"
    html = client.get(url).content.decode()
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert re.findall(r'href="([^"]+)" lang', switcher) == [
        "/en/projects/mombasa-en/",
        "/nl/projecten/mombasa-nl/",
        "/fr/projets/mombasa-fr/",
        "/nb/prosjekter/mombasa-nb/",
        "/da/projekter/mombasa-da/",
    ]
    assert (
        '<link rel="alternate" hreflang="fr" href="http://testserver/fr/projets/mombasa-fr/">'
        in html
    )


def test_english_slug_under_another_language_redirects_to_its_own(client):
    programme = make_programme(slug="families")
    response = client.get("/fr/programmes/families-en/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/programmes/families-fr/"
    assert client.get(programme.get_absolute_url()).status_code == 200


def test_untranslated_page_falls_back_to_english_and_says_so(client):
    project = make_project(slug="only-english", all_languages=False)
    response = client.get("/da/projekter/only-english/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Denne side findes endnu ikke på Dansk. Du læser den engelske version." in html
    assert '<link rel="canonical" href="http://testserver/en/projects/only-english/">' in html
    assert "Only-English" in html  # the English name stands in
    assert '<html lang="da">' in html
    translated = make_project(slug="everywhere")
    with override("da"):
        html = client.get(translated.get_absolute_url()).content.decode()
    assert "findes endnu ikke" not in html
    assert '<link rel="canonical" href="http://testserver/da/projekter/everywhere-da/">' in html
    assert project.pk


def test_project_page_shows_the_fact_box(client):
    project = make_project(
        slug="china",
        countries=["CN"],
        start_date=date(2019, 1, 1),
        places="Nanjing and Guizhou",
    )
    project.places_fr = "Nanjing et Guizhou"
    project.save()
    project.funders.add(make_funder("European Union"))
    project.sdgs.add(*SustainableDevelopmentGoal.objects.filter(number__in=[1, 17]))
    Goal.objects.create(project=project, order=2, text_en="Second goal")
    Goal.objects.create(project=project, order=1, text_en="First goal")
    ReachFigure.objects.create(
        project=project, value_en="250", label_en="local staff trained", year=2021
    )
    ReachFigure.objects.create(
        project=project, order=2, value_en="millions", label_en="children", kind="target"
    )
    html = client.get("/en/projects/china-en/").content.decode()
    box = html.split('class="fact-box"')[1].split("</aside>")[0]
    assert "China" in box and "Nanjing and Guizhou" in box and "Jan. 1, 2019" in box
    assert "European Union" in box and "No poverty" in box and "Partnerships for the goals" in box
    assert "Running" in box
    assert html.index("First goal") < html.index("Second goal")
    assert "local staff trained (2021)" in html and "Target" in html
    french = client.get("/fr/projets/china-fr/").content.decode()
    assert "Chine" in french and "Nanjing et Guizhou" in french and "En cours" in french


def test_programme_page_shows_ordered_principles_figures_and_projects(client):
    programme = make_programme(slug="new-families")
    Principle.objects.create(programme=programme, order=2, heading_en="Connected to the community")
    Principle.objects.create(programme=programme, order=1, heading_en="Siblings stay together")
    KeyFigure.objects.create(programme=programme, value_en="138", label_en="countries")
    make_project(programme, slug="liege")
    make_project(programme, slug="unpublished", published=False)
    html = client.get(programme.get_absolute_url()).content.decode()
    assert html.index("Siblings stay together") < html.index("Connected to the community")
    assert "<dd>138</dd>" in html
    assert "Liege" in html and "Unpublished" not in html
    assert "Become a sponsor" in html


@pytest.mark.parametrize(
    "url_name",
    ["programme-list", "programme-detail", "project-list", "project-detail"],
)
def test_breadcrumbs_lead_home(client, url_name):
    project = make_project(slug="crumbs")
    urls = {
        "programme-list": "/en/programmes/",
        "programme-detail": project.programme.get_absolute_url(),
        "project-list": "/en/projects/",
        "project-detail": project.get_absolute_url(),
    }
    html = client.get(urls[url_name]).content.decode()
    crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert re.search(r'<ol>\s*<li><a href="/en/">Home</a></li>', crumbs)
    assert 'aria-current="page"' in crumbs


def populate(size):
    """A programme with `size` of every related row, and `size` projects."""
    programme = make_programme(slug=f"big-{size}", hero_photo=make_photo())
    goals = list(SustainableDevelopmentGoal.objects.all()[: min(size, 17)])
    funders = [make_funder() for _ in range(size)]
    for i in range(size):
        Principle.objects.create(programme=programme, order=i, heading_en=f"P{i}")
        KeyFigure.objects.create(programme=programme, order=i, value_en=str(i), label_en="x")
    projects = []
    for i in range(size):
        project = make_project(
            programme, slug=f"s{size}-{i}", countries=["BE", "NO", "KE"][: 1 + i % 3]
        )
        project.sdgs.set(goals)
        projects.append(project)
    main = projects[0]
    main.funders.set(funders)
    for i in range(size):
        Goal.objects.create(project=main, order=i, text_en=f"G{i}")
        ReachFigure.objects.create(project=main, order=i, value_en=str(i), label_en="x")
    return programme, main


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page,limit",
    [("programme-list", 2), ("programme-detail", 5), ("project-list", 7), ("project-detail", 6)],
)
def test_query_count_does_not_grow_with_rows(client, page, limit):
    small_programme, small_project = populate(3)
    counts = {}
    for size, (programme, project) in ((3, (small_programme, small_project)), (30, populate(30))):
        url = {
            "programme-list": "/en/programmes/",
            "programme-detail": programme.get_absolute_url(),
            "project-list": f"/en/projects/?programme={programme.slug}",
            "project-detail": project.get_absolute_url(),
        }[page]
        counts[size] = count_queries(client, url)
    assert counts[3] == counts[30] <= limit
