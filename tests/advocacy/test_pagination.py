"""The advocacy overview and the milestones go by pages, at a flat cost."""

from datetime import date

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.builders import make_agenda, make_milestone

pytestmark = pytest.mark.django_db


def agenda_titles(response):
    return [agenda.title for _label, agendas in response.context["groups"] for agenda in agendas]


def test_the_overview_pages_its_agendas_keeping_the_order(client, django_assert_max_num_queries):
    make_agenda("norway", scope="national", country="NO")
    make_agenda("belgium", scope="national", country="BE")
    for i in range(25):
        make_agenda(f"un-{i:02}", scope="international")
    client.get("/en/advocacy/")
    with django_assert_max_num_queries(8):
        first = client.get("/en/advocacy/", HTTP_ACCEPT_LANGUAGE="nb-NO")
    # The visitor's own country first, then the others by name, then the next scope.
    assert agenda_titles(first)[:3] == ["Norway (en)", "Belgium (en)", "Un-00 (en)"]
    assert len(agenda_titles(first)) == 20
    assertContains(first, '<span aria-current="page">Page 1 of 2</span>', html=True)
    assertContains(first, '<a href="?page=2" rel="next">Next</a>', html=True)
    with django_assert_max_num_queries(8):
        second = client.get("/en/advocacy/?page=2", HTTP_ACCEPT_LANGUAGE="nb-NO")
    assert agenda_titles(second) == [f"Un-{i:02} (en)" for i in range(18, 25)]
    assertContains(second, '<a href="?page=1" rel="prev">Previous</a>', html=True)


def test_an_overview_page_that_does_not_exist_is_not_found(client):
    make_agenda("one")
    assert client.get("/en/advocacy/?page=9").status_code == 404
    assert client.get("/en/advocacy/?page=x").status_code == 404


def test_few_agendas_have_no_pagination(client):
    make_agenda("one")
    assertNotContains(client.get("/en/advocacy/"), 'aria-label="Pages"')


def test_milestones_go_by_twenty(client, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_ENABLED = False  # the page as made
    for i in range(45):
        make_milestone(f"Step {i:02}", day=date(1980 + i, 1, 1))
    client.get("/en/advocacy/milestones/?page=2")
    with django_assert_max_num_queries(8):
        response = client.get("/en/advocacy/milestones/?page=2")
    titles = [milestone.title for milestone in response.context["object_list"]]
    # Newest first: page 2 holds the 21st to 40th.
    assert titles == [f"Step {i:02} (en)" for i in range(24, 4, -1)]
    assertContains(response, '<span aria-current="page">Page 2 of 3</span>', html=True)
