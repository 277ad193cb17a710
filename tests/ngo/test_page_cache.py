"""Whole public pages from the cache: served without a query, and never stale.

Each change below is made as editors make it (a model save, an inline row, a
many-to-many change) and the affected page shows it on the next request, in
every language, while a page that does not show it stays cached."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from advocacy.models import DemandStatus
from ngo import page_cache
from programmes.models import ReachFigure, SustainableDevelopmentGoal
from tests.builders import make_agenda, make_demand, make_photo, make_programme, make_project
from tests.faults import closed_port, redis_cache_at, silent_listener

pytestmark = pytest.mark.django_db


def url(item, language="en"):
    with translation.override(language):
        return item.get_absolute_url()


def queries(client, path, **extra):
    """The response and the number of queries it took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    return response, len(captured.captured_queries)


def cached(client, path, **extra):
    """Whether the page came from the cache (then without any query about content)."""
    response = client.get(path, **extra)
    assert response.status_code == 200
    return getattr(response, "from_page_cache", False)


def warm(client, *paths):
    for path in paths:
        client.get(path)
        assert cached(client, path), path


def test_a_second_visit_is_served_from_the_cache_with_public_headers(client):
    make_programme()

    first, count = queries(client, "/en/programmes/")
    second, again = queries(client, "/en/programmes/")

    assert count > 0 and again == 0
    assert second.from_page_cache
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=60"
    assert not first.cookies and not second.cookies


def test_a_changed_danish_title_shows_at_once_on_every_page_that_shows_it(client):
    programme = make_programme(slug="families")
    pages = [url(programme, "da"), "/da/programmer/", "/en/programmes/"]
    warm(client, *pages)

    programme.title_da = "Stærke familier"
    programme.save()

    assert "Stærke familier" in client.get(pages[0]).content.decode()
    assert "Stærke familier" in client.get(pages[1]).content.decode()
    assert cached(client, pages[2]) is False  # the same table: read again


def test_a_projects_new_sdg_shows_and_advocacy_pages_stay_cached(client):
    project = make_project(slug="villages")
    make_agenda()
    warm(client, url(project), "/en/advocacy/")
    goal = SustainableDevelopmentGoal.objects.get(number=16)

    project.sdgs.add(goal)

    assert goal.name_en in client.get(url(project)).content.decode()
    assert cached(client, "/en/advocacy/")


def test_a_reach_figure_added_inline_shows_on_the_project_page(client):
    project = make_project(slug="villages")
    warm(client, url(project, "nb"))

    ReachFigure.objects.create(
        project=project, value="7 300", label_en="children", label_nb="barn", year=2025
    )

    assert "7 300" in client.get(url(project, "nb")).content.decode()


def test_a_photos_new_caption_shows_on_the_page_using_it(client):
    photo = make_photo(caption_en="Houses on a hill")
    project = make_project(slug="villages", hero_photo=photo)
    warm(client, url(project))

    photo.caption_en = "Family houses in the village"
    photo.save()

    assert "Family houses in the village" in client.get(url(project)).content.decode()


def test_a_demands_new_status_shows_and_the_project_list_stays_cached(client):
    agenda = make_agenda()
    demand = make_demand(agenda)
    make_project()
    warm(client, url(agenda), "/en/projects/")
    before = client.get(url(agenda)).content

    demand.status = DemandStatus.ACHIEVED
    demand.save()

    assert client.get(url(agenda)).content != before
    assert cached(client, "/en/projects/")


def test_a_deleted_project_leaves_its_page_and_the_list_at_once(client):
    project = make_project(slug="villages")
    path = url(project)
    warm(client, path, "/en/projects/")

    project.delete()

    assert client.get(path).status_code == 404
    assert "Villages" not in client.get("/en/projects/").content.decode()


def test_a_scheduled_programme_appears_at_its_minute_without_any_save(client, monkeypatch):
    start = timezone.now() + timedelta(hours=1)
    make_programme(slug="later", publish_from=start)
    warm(client, "/en/programmes/")
    assert "Later" not in client.get("/en/programmes/").content.decode()

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(seconds=1))

    assert "Later" in client.get("/en/programmes/").content.decode()


def test_pages_expire_at_midnight_for_the_rules_that_go_by_day(client, monkeypatch):
    make_programme()
    warm(client, "/en/programmes/")
    tomorrow = timezone.localtime() + timedelta(days=1)

    monkeypatch.setattr(timezone, "now", lambda: tomorrow)

    assert cached(client, "/en/programmes/") is False


def test_a_signed_in_editor_never_gets_a_cached_page(client, editor_client):
    programme = make_programme()
    # editor_client is `client`, signed in: the page is rendered for each request.
    editor_client.get("/en/programmes/")
    assert cached(editor_client, "/en/programmes/") is False
    programme.title_en = "Renamed"
    programme.save()
    assert "Renamed" in editor_client.get("/en/programmes/").content.decode()


def test_a_donation_form_is_never_cached(client):
    client.get("/en/become-a-sponsor/")
    response, count = queries(client, "/en/become-a-sponsor/")

    assert count > 0
    assert "no-store" in response["Cache-Control"]


def test_the_advocacy_overview_is_cached_per_browser_language(client):
    make_agenda(scope="national", country="NO", slug="norway")
    make_agenda(scope="national", country="BE", slug="belgium")
    norway = client.get("/en/advocacy/", HTTP_ACCEPT_LANGUAGE="nb-NO").content.decode()
    belgium = client.get("/en/advocacy/", HTTP_ACCEPT_LANGUAGE="nl-BE").content.decode()

    assert norway.index("Norway") < norway.index("Belgium")
    assert belgium.index("Belgium") < belgium.index("Norway")
    assert cached(client, "/en/advocacy/", HTTP_ACCEPT_LANGUAGE="nb-NO")
    again = client.get("/en/advocacy/", HTTP_ACCEPT_LANGUAGE="nl-BE").content.decode()
    assert again.index("Belgium") < again.index("Norway")


def another_worker_changes(table):
    """What a save in another worker does: the shared versions move, not this worker's."""
    key = page_cache.TABLE_KEY.format(table)
    if not cache.add(key, 1, None):
        cache.incr(key)
    cache.incr(page_cache.VERSION_KEY)


def test_a_change_in_another_worker_is_seen_at_the_next_version_check(client, settings):
    make_programme()
    settings.PAGE_CACHE_VERSION_CHECK = 60
    warm(client, "/en/programmes/")

    another_worker_changes("programmes_programme")

    # Within the interval this worker still serves what it has...
    assert cached(client, "/en/programmes/")
    # ...and once it reads the shared version again, it renders the page afresh.
    settings.PAGE_CACHE_VERSION_CHECK = 0
    assert cached(client, "/en/programmes/") is False


def test_a_change_to_a_table_the_page_does_not_read_leaves_it_cached(client, settings):
    settings.PAGE_CACHE_VERSION_CHECK = 0
    make_programme()
    warm(client, "/en/programmes/")

    another_worker_changes("advocacy_milestone")

    assert cached(client, "/en/programmes/")


@pytest.mark.parametrize("fault", ["refused", "silent"])
def test_without_the_shared_cache_pages_are_made_quickly_and_not_cached(client, settings, fault):
    make_programme(slug="families")
    with silent_listener() as silent:
        settings.CACHES = redis_cache_at(closed_port() if fault == "refused" else silent)
        page_cache.reset()
        started = time.monotonic()
        responses = [client.get(path) for path in ("/en/programmes/", "/nb/", "/en/programmes/")]
        elapsed = time.monotonic() - started

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert not any(getattr(response, "from_page_cache", False) for response in responses)
    # One timeout at most: after a failure the cache is skipped for a while.
    assert elapsed < 0.5 + 1.5


def test_a_long_query_string_is_not_cached(client):
    path = "/en/projects/?q=" + "x" * 300
    client.get(path)
    response, count = queries(client, path)

    assert response.status_code == 200 and count > 0


def test_a_first_visit_sets_no_cookie_and_choosing_another_language_remembers_it(client):
    first = client.get("/nb/")
    assert settings.LANGUAGE_COOKIE_NAME not in first.cookies

    switched = client.get("/da/", HTTP_REFERER="http://testserver/nb/")
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "da"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/da/"


def test_pages_are_cached_per_host_since_they_carry_absolute_addresses(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.example.org"]
    make_programme()
    client.get("/en/programmes/")

    other = client.get("/en/programmes/", HTTP_HOST="www.example.org")

    assert not getattr(other, "from_page_cache", False)
    assert 'href="http://www.example.org/en/programmes/"' in other.content.decode()


def test_header_links_stored_late_by_a_slow_request_are_not_used(client):
    from ngo.models import SITE_CONTENT_CACHE_KEY, Page, Placement, site_content

    page = Page(published=True, placement=Placement.MAIN, title_en="About us")
    page.slug_en, page.body_en = "about-us", "<p>Who we are</p>"
    page.save()
    slow = site_content()  # a request that read the links before the change…
    page.title_en = "Who we are"
    page.save()
    cache.set(SITE_CONTENT_CACHE_KEY, slow)  # …and stores them after it was cleared

    assert "Who we are" in client.get("/en/programmes/").content.decode()
    assert "Who we are" in client.get("/en/programmes/").content.decode()


def test_a_change_the_shared_cache_missed_is_written_when_it_answers_again(
    client, settings, monkeypatch
):
    settings.PAGE_CACHE_VERSION_CHECK = 0
    programme = make_programme()
    warm(client, "/en/programmes/")
    key = page_cache.TABLE_KEY.format("programmes_programme")

    # The save happens while the shared cache fails: its bump is kept, not lost.
    monkeypatch.setattr(page_cache, "shared_cache_failed", lambda: True)
    programme.title_en = "Renamed"
    programme.save()
    assert "programmes_programme" in page_cache.versions.pending
    missed = cache.get(key)

    monkeypatch.setattr(page_cache, "shared_cache_failed", lambda: False)
    response = client.get("/en/programmes/")

    assert "Renamed" in response.content.decode()
    assert page_cache.versions.pending == set()
    assert cache.get(key) != missed  # the other workers now see the change


def test_keys_stay_short_and_a_shuffled_query_is_the_same_page(client):
    make_project()
    client.get("/en/projects/?country=BE&page=1")

    assert cached(client, "/en/projects/?page=1&country=BE")
    header = "nb-NO,nb;q=0.9," + ",".join(f"x{i};q=0.1" for i in range(40))
    client.get("/en/advocacy/", HTTP_ACCEPT_LANGUAGE=header)
    assert not cached(client, "/en/advocacy/", HTTP_ACCEPT_LANGUAGE=header)
    assert all(len(key) < 120 for key in page_cache.local_pages.pages)
