"""A programme page shows a few projects and links to the rest; the project
list's filters are read from distinct values, not from every project."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from tests.builders import make_programme, make_project

pytestmark = pytest.mark.django_db


def test_a_programme_with_many_projects_shows_six_and_links_to_all(
    client, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False  # the page as made
    programme = make_programme(slug="families")
    for i in range(40):
        make_project(programme=programme, slug=f"p{i}", start_date=date(2000 + i % 20, 1, 1))
    make_project(programme=programme, slug="hidden", published=False)
    client.get(programme.get_absolute_url())
    with django_assert_max_num_queries(8):
        response = client.get(programme.get_absolute_url())
    assert len(response.context["projects"]) == 6
    # All running: the newest first.
    years = [p.start_date.year for p in response.context["projects"]]
    assert years == [2019, 2019, 2018, 2018, 2017, 2017]
    assertContains(
        response,
        '<a href="/en/projects/?programme=families-en">See all 40 projects of this programme</a>',
        html=True,
    )


def test_a_programme_with_few_projects_has_no_see_all_link(client):
    programme = make_programme(slug="families")
    make_project(programme=programme, slug="one")
    response = client.get(programme.get_absolute_url())
    assertContains(response, "One (en)")
    assertNotContains(response, "See all")


def test_the_see_all_link_lists_the_programmes_projects(client):
    programme = make_programme(slug="families")
    make_project(programme=programme, slug="ours")
    make_project(slug="theirs")
    response = client.get("/en/projects/?programme=families-en")
    assert [p.slug for p in response.context["object_list"]] == ["ours-en"]


def test_project_filters_read_distinct_countries_on_every_page(
    client, django_assert_max_num_queries
):
    programme = make_programme(slug="families")
    for i in range(30):
        make_project(programme=programme, slug=f"p{i}", countries=["KE", "UG"][i % 2 :][:1])
    for url in ("/en/projects/", "/en/projects/?page=2"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        reading_countries = [
            q["sql"]
            for q in queries
            if q["sql"].startswith('SELECT DISTINCT "programmes_project"."countries"')
        ]
        assert len(reading_countries) == 1
        assert [
            code for code, _name in response.context["filter_form"].fields["country"].choices
        ] == [
            "",
            "KE",
            "UG",
        ]
    with django_assert_max_num_queries(8):
        client.get("/en/projects/?page=2")
