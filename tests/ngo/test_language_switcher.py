"""The switcher reverses the request's own match in each language: no path is
resolved again per language, and the query string comes along."""

from unittest import mock

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_alternates_come_from_the_match_without_resolving_again(client):
    with (
        mock.patch("ngo.templatetags.site.resolve", side_effect=AssertionError("resolved")),
        mock.patch("django.urls.base.resolve", side_effect=AssertionError("resolved")),
    ):
        response = client.get("/en/projects/?country=KE&page=1")
    for link in (
        "/nl/projecten/?country=KE&amp;page=1",
        "/fr/projets/?country=KE&amp;page=1",
        "/da/projekter/?country=KE&amp;page=1",
    ):
        assertContains(response, f'href="{link}"')


def test_a_missing_page_links_to_each_home_page(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assertContains(response, 'href="/nl/"', status_code=404)
