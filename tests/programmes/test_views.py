from datetime import date, timedelta

import pytest
from django.utils.translation import override
from pytest_django.asserts import (
    assertContains,
    assertFormError,
    assertInHTML,
    assertNotContains,
    assertRedirects,
)

from programmes.models import Goal, KeyFigure, Principle, ReachFigure, SustainableDevelopmentGoal
from tests.builders import make_funder, make_photo, make_programme, make_project
from tests.markup import DANISH_FALLBACK_NOTICE, breadcrumbs, language_switcher

pytestmark = pytest.mark.django_db
TODAY = date.today()


def slugs_listed(response):
    """The projects on the page by the slug given to their builder, in the order shown."""
    return [project.slug_en.removesuffix("-en") for project in response.context["object_list"]]


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
        ("", {"a", "b", "c"}),
        ("?programme=families-en", {"a", "b"}),
        ("?country=NO", {"b", "c"}),
        ("?sdg=4", {"b", "c"}),
        ("?status=planned", {"b"}),
        ("?status=completed", {"c"}),
        ("?status=running", {"a"}),
        ("?programme=youth-en&country=NO&sdg=1&status=completed", {"c"}),
        ("?programme=families-en&country=NO&status=running", set()),
    ],
)
def test_project_filters_alone_and_combined(client, catalogue, query, expected):
    response = client.get(f"/en/projects/{query}")
    assert set(slugs_listed(response)) == expected
    for slug in expected:  # each card's heading sits right under the page's h1
        assertContains(
            response,
            f'<h2><a href="/en/projects/{slug}-en/">{slug.title()} (en)</a></h2>',
            html=True,
        )


def test_filters_use_the_slug_of_the_page_language(client, catalogue):
    response = client.get("/nl/projecten/?programme=families-nl")
    assert set(slugs_listed(response)) == {"a", "b"}


def test_invalid_filter_values_show_an_error_not_a_crash(client, catalogue):
    response = client.get("/en/projects/?country=XX&sdg=abc")
    form = response.context["filter_form"]
    assertFormError(
        form, "country", "Select a valid choice. XX is not one of the available choices."
    )
    assertFormError(form, "sdg", "Select a valid choice. abc is not one of the available choices.")
    assertContains(response, "Select a valid choice. XX is not one of the available choices.")
    assert set(slugs_listed(response)) == {"a", "b", "c"}


def test_running_projects_come_first(client, catalogue):
    assert slugs_listed(client.get("/en/projects/")) == ["a", "b", "c"]


def test_project_list_is_paginated_and_keeps_filters(client):
    programme = make_programme(slug="many")
    for i in range(14):
        make_project(programme, slug=f"p{i}", countries=["BE"])
    make_project(programme, slug="elsewhere", countries=["NO"])
    response = client.get("/en/projects/?country=BE")
    assertContains(response, '<p class="result-count" role="status">14 projects</p>', html=True)
    assertContains(response, '<a href="?country=BE&amp;page=2" rel="next">Next</a>', html=True)
    response = client.get("/en/projects/?country=BE&page=2")
    assert len(slugs_listed(response)) == 2
    assertContains(response, '<a href="?country=BE&amp;page=1" rel="prev">Previous</a>', html=True)


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
    response = client.get(url)
    urls = [
        "/en/projects/mombasa-en/",
        "/nl/projecten/mombasa-nl/",
        "/fr/projets/mombasa-fr/",
        "/nb/prosjekter/mombasa-nb/",
        "/da/projekter/mombasa-da/",
    ]
    assertInHTML(language_switcher("nl", urls), response.content.decode())
    assertContains(
        response,
        '<link rel="alternate" hreflang="fr" href="http://testserver/fr/projets/mombasa-fr/">',
        html=True,
    )


def test_english_slug_under_another_language_redirects_to_its_own(client):
    programme = make_programme(slug="families")
    response = client.get("/fr/programmes/families-en/")
    assertRedirects(response, "/fr/programmes/families-fr/", status_code=301)
    assert client.get(programme.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "url,expected",
    [
        (
            "/nl/projecten/mombasa-en/?country=BE&page=2",
            "/nl/projecten/mombasa-nl/?country=BE&page=2",
        ),
        (
            "/nb/programmer/families-en/?utm_source=letter",
            "/nb/programmer/families-nb/?utm_source=letter",
        ),
    ],
)
def test_the_redirect_to_the_own_slug_keeps_the_query_string(client, url, expected):
    make_project(make_programme(slug="families"), slug="mombasa")
    response = client.get(url)
    assertRedirects(response, expected, status_code=301, fetch_redirect_response=False)


def test_untranslated_page_falls_back_to_english_and_says_so(client):
    project = make_project(slug="only-english", all_languages=False)
    with override("da"):
        url = project.get_absolute_url()
    assert url == "/da/projekter/only-english/"
    response = client.get(url)
    assertContains(response, DANISH_FALLBACK_NOTICE, html=True)
    assertContains(
        response,
        '<link rel="canonical" href="http://testserver/en/projects/only-english/">',
        html=True,
    )
    assertContains(response, "<h1>Only-English</h1>", html=True)  # the English name stands in
    assertContains(response, '<html lang="da">')
    translated = make_project(slug="everywhere")
    with override("da"):
        response = client.get(translated.get_absolute_url())
    assertNotContains(response, "findes endnu ikke")
    assertContains(
        response,
        '<link rel="canonical" href="http://testserver/da/projekter/everywhere-da/">',
        html=True,
    )


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
    programme = project.programme
    html = client.get("/en/projects/china-en/").content.decode()
    assertInHTML(
        f"""<dl>
          <dt>Name</dt><dd>China (en)</dd>
          <dt>Place</dt><dd>Nanjing and Guizhou, China</dd>
          <dt>Programme</dt><dd><a href="{programme.get_absolute_url()}">{programme.title}</a></dd>
          <dt>Start</dt><dd>Jan. 1, 2019</dd>
          <dt>Status</dt><dd><span class="badge badge-running">Running</span></dd>
          <dt>Funders</dt><dd><ul class="plain"><li>European Union</li></ul></dd>
          <dt>Sustainable Development Goals</dt>
          <dd><ul class="plain sdgs">
            <li><span class="sdg sdg-1">1</span> No poverty</li>
            <li><span class="sdg sdg-17">17</span> Partnerships for the goals</li>
          </ul></dd>
        </dl>""",
        html,
    )
    assertInHTML("<ol><li>First goal</li><li>Second goal</li></ol>", html)
    assertInHTML(
        """<dl class="figures">
          <div class="figure-reached"><dt>local staff trained (2021)</dt><dd>250</dd>
            <dd class="figure-meta">Reached</dd></div>
          <div class="figure-target"><dt>children</dt><dd>millions</dd>
            <dd class="figure-meta">Target</dd></div>
        </dl>""",
        html,
    )
    french = client.get("/fr/projets/china-fr/")
    assertContains(french, "<dd>Nanjing et Guizhou, Chine</dd>", html=True)
    assertContains(french, '<span class="badge badge-running">En cours</span>', html=True)


def test_programme_page_shows_ordered_principles_figures_and_projects(client):
    programme = make_programme(slug="new-families")
    Principle.objects.create(programme=programme, order=2, heading_en="Connected to the community")
    Principle.objects.create(programme=programme, order=1, heading_en="Siblings stay together")
    KeyFigure.objects.create(programme=programme, value_en="138", label_en="countries")
    liege = make_project(programme, slug="liege")
    make_project(programme, slug="unpublished", published=False)
    response = client.get(programme.get_absolute_url())
    html = response.content.decode()
    assertInHTML(
        """<ol class="principles">
          <li><h3>Siblings stay together</h3></li>
          <li><h3>Connected to the community</h3></li>
        </ol>""",
        html,
    )
    assertInHTML('<dl class="figures"><div><dt>countries</dt><dd>138</dd></div></dl>', html)
    assert list(response.context["projects"]) == [liege]
    assertContains(response, f'<a href="{liege.get_absolute_url()}">Liege (en)</a>', html=True)
    assertNotContains(response, "Unpublished")
    assertContains(
        response, '<a class="btn" href="/en/become-a-sponsor/">Become a sponsor</a>', html=True
    )


def test_breadcrumbs_lead_home(client):
    project = make_project(slug="crumbs")
    programme = project.programme
    home, programmes = ("Home", "/en/"), ("Programmes", "/en/programmes/")
    trails = {
        "/en/programmes/": [home, "Programmes"],
        programme.get_absolute_url(): [home, programmes, programme.title],
        "/en/projects/": [home, "Projects"],
        project.get_absolute_url(): [
            home,
            programmes,
            (programme.title, programme.get_absolute_url()),
            "Crumbs (en)",
        ],
    }
    for url, trail in trails.items():
        assertInHTML(breadcrumbs(*trail), client.get(url).content.decode(), msg_prefix=url)


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


@pytest.mark.parametrize(
    "page,queries",
    [("programme-list", 1), ("programme-detail", 4), ("project-list", 6), ("project-detail", 5)],
)
def test_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, settings, page, queries
):
    # The page as it is made, not as the page cache serves it again.
    settings.PAGE_CACHE_ENABLED = False
    small_programme, small_project = populate(3)
    for size, (programme, project) in ((3, (small_programme, small_project)), (30, populate(30))):
        url = {
            "programme-list": "/en/programmes/",
            "programme-detail": programme.get_absolute_url(),
            "project-list": f"/en/projects/?programme={programme.slug}",
            "project-detail": project.get_absolute_url(),
        }[page]
        # The header's and footer's links and the appeal banner are read once and
        # cached (ngo.models.site_content); what is counted is the page's own work.
        client.get(url)
        with django_assert_num_queries(queries, info=f"{url} with {size} of each row"):
            response = client.get(url)
        assert response.status_code == 200
