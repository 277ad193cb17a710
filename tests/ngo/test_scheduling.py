"""Scheduled publishing: "publish from" and "until" on every public surface, checked
by the published querysets at request time (no job switches anything)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from advocacy.models import Agenda, Demand
from ngo.models import Appeal, HomePage, Page, Placement, site_content
from programmes.models import Programme, Project
from tests.builders import (
    make_agenda,
    make_demand,
    make_programme,
    make_project,
    make_publication,
)
from tests.ngo.test_pages import make_page

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
START = datetime(2030, 6, 1, 14, 0, tzinfo=BRUSSELS)
END = datetime(2030, 6, 3, 9, 30, tzinfo=BRUSSELS)
BEFORE = START - timedelta(minutes=1)
INSIDE = START
AFTER = END
WINDOW = {"publish_from": START, "publish_until": END}


@pytest.fixture
def clock(monkeypatch):
    """Sets the time every query and cache check reads (django.utils.timezone.now)."""

    class Clock:
        def set(self, moment):
            monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(ZoneInfo("UTC")))

    clock = Clock()
    clock.set(BEFORE)
    return clock


def visible_at(client, clock, moment, url, text=None):
    clock.set(moment)
    response = client.get(url)
    if text is None:
        return response.status_code == 200
    return response.status_code == 200 and text in response.content.decode()


# --- detail pages ------------------------------------------------------------------


def scheduled_programme():
    return make_programme(slug="okapi-care", **WINDOW)


def scheduled_project():
    return make_project(slug="okapi-house", **WINDOW)


def scheduled_agenda():
    return make_agenda(slug="okapi-rights", **WINDOW)


def scheduled_page():
    return make_page(slug="okapi-page", **WINDOW)


@pytest.mark.parametrize(
    "build", [scheduled_programme, scheduled_project, scheduled_agenda, scheduled_page]
)
def test_a_detail_page_answers_only_inside_its_window(client, clock, build):
    url = build().get_absolute_url()
    statuses = []
    for moment in (BEFORE, INSIDE, END - timedelta(seconds=1), AFTER):
        clock.set(moment)
        statuses.append(client.get(url).status_code)
    assert statuses == [404, 200, 200, 404]


def test_an_open_ended_window_and_no_window_behave_as_before(client, clock):
    no_end = make_programme(slug="no-end", publish_from=START)
    no_start = make_programme(slug="no-start", publish_until=END)
    always = make_programme(slug="always")
    clock.set(AFTER + timedelta(days=400))
    assert client.get(no_end.get_absolute_url()).status_code == 200
    assert client.get(no_start.get_absolute_url()).status_code == 404
    assert client.get(always.get_absolute_url()).status_code == 200
    clock.set(BEFORE - timedelta(days=400))
    assert client.get(no_end.get_absolute_url()).status_code == 404
    assert client.get(no_start.get_absolute_url()).status_code == 200


def test_an_unpublished_row_stays_hidden_inside_its_window(client, clock):
    programme = make_programme(slug="draft", published=False, **WINDOW)
    clock.set(INSIDE)
    assert client.get(programme.get_absolute_url()).status_code == 404


# --- lists, home page, search, sitemap ---------------------------------------------------


@pytest.mark.parametrize(
    ("build", "list_name", "title"),
    [
        (scheduled_programme, "programmes:programme-list", "Okapi-Care (en)"),
        (scheduled_project, "programmes:project-list", "Okapi-House (en)"),
        (scheduled_agenda, "advocacy:agenda-list", "Okapi-Rights (en)"),
        (
            lambda: make_publication(title="Okapi guide", **WINDOW),
            "advocacy:publication-list",
            "Okapi guide (en)",
        ),
    ],
)
def test_lists_follow_the_window(client, clock, build, list_name, title):
    build()
    url = reverse(list_name)
    seen = [visible_at(client, clock, moment, url, title) for moment in (BEFORE, INSIDE, AFTER)]
    assert seen == [False, True, False]


def test_the_home_page_follows_the_windows_of_what_it_shows(client, clock):
    programme = make_programme(slug="home-programme", **WINDOW)
    make_project(programme=make_programme(slug="always-there"), slug="home-project", **WINDOW)
    agenda = make_agenda(slug="home-agenda", **WINDOW)
    home = HomePage.objects.create(title="Every child", lead="A family for every child.")
    home.advocacy_highlight = agenda
    home.save()
    for moment, expected in ((BEFORE, False), (INSIDE, True), (AFTER, False)):
        clock.set(moment)
        page = client.get("/en/").content.decode()
        shown = [
            programme.get_absolute_url() in page,
            "Home-Project (en)" in page,
            agenda.get_absolute_url() in page,
        ]
        assert shown == [expected] * 3, moment


def test_search_finds_scheduled_content_only_inside_its_window(client, clock):
    make_programme(slug="okapi-care", **WINDOW)
    make_project(slug="okapi-house", **WINDOW)
    agenda = make_agenda(slug="okapi-rights", **WINDOW)
    make_demand(agenda, text="Protect every okapi family")
    make_publication(title="Okapi guide", **WINDOW)
    make_page(slug="okapi-page", **WINDOW)
    make_programme(slug="okapi-always")
    url = reverse("ngo:search")
    counts = {}
    for moment in (BEFORE, INSIDE, AFTER):
        clock.set(moment)
        counts[moment] = client.get(url, {"q": "okapi"}).content.decode().count("search-kind")
    assert counts == {BEFORE: 1, INSIDE: 7, AFTER: 1}


def test_the_sitemap_lists_scheduled_pages_only_inside_their_window(client, clock):
    urls = [
        build().get_absolute_url()
        for build in (scheduled_programme, scheduled_project, scheduled_agenda, scheduled_page)
    ]
    for moment, expected in ((BEFORE, False), (INSIDE, True), (AFTER, False)):
        clock.set(moment)
        sitemap = client.get("/sitemap.xml").content.decode()
        assert [url in sitemap for url in urls] == [expected] * 4, moment


# --- the header and footer, from the cache ---------------------------------------------


def test_a_navigation_page_appears_and_goes_at_the_minute_set_despite_the_cache(client, clock):
    page = make_page(slug="winter-appeal", placement=Placement.MAIN, **WINDOW)
    make_page(slug="about-us", placement=Placement.FOOTER)
    link = f'href="{page.get_absolute_url()}"'
    # The cache is filled a minute before the start, for the hour it normally lasts.
    assert not visible_at(client, clock, BEFORE, "/en/", link)
    assert visible_at(client, clock, START, "/en/", link)
    assert visible_at(client, clock, END - timedelta(seconds=1), "/en/", link)
    assert not visible_at(client, clock, END, "/en/", link)


def test_the_cache_lasts_until_the_next_scheduled_change(clock):
    make_page(slug="later", placement=Placement.MAIN, publish_from=START)
    make_page(slug="ending", placement=Placement.FOOTER, publish_until=END)
    make_page(slug="unlinked", placement=Placement.NONE, publish_from=BEFORE + timedelta(seconds=1))
    clock.set(BEFORE)
    content = site_content()
    assert content["until"] == START
    assert "ending-en" in [p.slug for p in content["footer_pages"]]
    clock.set(START)
    assert site_content()["until"] == END
    clock.set(END)
    content = site_content()
    assert content["until"] is None
    assert [p.slug for p in content["nav_pages"]] == ["later-en"]
    assert "ending-en" not in [p.slug for p in content["footer_pages"]]


def test_the_appeal_follows_its_programmes_window(client, clock):
    programme = make_programme(slug="emergency", **WINDOW)
    Appeal.objects.create(
        title="Floods", text="Help now", button_label="Give now", programme=programme, active=True
    )
    shown = [visible_at(client, clock, m, "/en/", "appeal-banner") for m in (BEFORE, START, END)]
    assert shown == [False, True, False]
    clock.set(START)
    assert Appeal.objects.current().get().programme == programme


# --- rows that follow their parent ------------------------------------------------------


def test_projects_follow_their_programmes_window(client, clock):
    programme = make_programme(slug="parent", **WINDOW)
    project = make_project(programme=programme, slug="child")
    for moment, expected in ((BEFORE, 404), (INSIDE, 200), (AFTER, 404)):
        clock.set(moment)
        assert client.get(project.get_absolute_url()).status_code == expected
        assert list(Project.objects.published()) == ([project] if expected == 200 else [])


def test_demands_follow_their_agendas_window(client, clock):
    agenda = make_agenda(slug="parent-agenda", **WINDOW)
    demand = make_demand(agenda)
    for moment, expected in ((BEFORE, 404), (INSIDE, 200), (AFTER, 404)):
        clock.set(moment)
        assert client.get(demand.get_absolute_url()).status_code == expected
        assert list(Demand.objects.published()) == ([demand] if expected == 200 else [])


def test_querysets_take_the_moment_to_check(clock):
    programme = make_programme(**WINDOW)
    make_project(programme=programme)
    clock.set(AFTER)
    assert list(Programme.objects.published(now=INSIDE)) == [programme]
    assert Project.objects.published(now=INSIDE).count() == 1
    assert Project.objects.published(now=BEFORE).count() == 0
    assert Programme.objects.published().count() == 0


# --- the rule: until after from ----------------------------------------------------------


@pytest.mark.parametrize("model", [Programme, Project, Agenda, Page])
def test_until_must_come_after_from(model):
    row = model(published=True, publish_from=START, publish_until=START)
    with pytest.raises(ValidationError) as raised:
        row.clean()
    assert raised.value.error_dict["publish_until"][0].code == "until_before_from"


@pytest.mark.parametrize(
    "build", [scheduled_programme, scheduled_project, scheduled_agenda, scheduled_page]
)
def test_the_database_refuses_an_end_before_the_start(build):
    row = build()
    model = type(row)
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(publish_until=START - timedelta(hours=1))


def test_the_publication_rule_is_in_the_database_too():
    publication = make_publication(title="Guide", **WINDOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(publication).objects.filter(pk=publication.pk).update(publish_until=START)


def test_the_admin_form_explains_the_rule_under_the_field(admin_client):
    programme = make_programme(slug="ruled")
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "publish_from_0": "2030-06-01",
            "publish_from_1": "14:00:00",
            "publish_until_0": "2030-06-01",
            "publish_until_1": "13:00:00",
        }
    )
    for prefix in ("principles", "key_figures"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["publish_until"] == ["The end of publication must come after its start."]


# --- the admin's lists -------------------------------------------------------------------


def test_the_changelist_shows_and_filters_where_each_row_stands(admin_client):
    # The real clock: a staff session is signed out after idle time on a clock jump.
    now = timezone.now()
    make_programme(slug="live-one", publish_until=now + timedelta(days=1))
    make_programme(slug="later-one", publish_from=now + timedelta(days=1))
    make_programme(slug="ended-one", publish_until=now - timedelta(days=1))
    make_programme(slug="draft-one", published=False)
    url = reverse("admin:programmes_programme_changelist")
    response = admin_client.get(url)
    assertContains(response, "Live (until")
    assertContains(response, "Scheduled (")
    assertContains(response, "Ended (")
    assertContains(response, "Not published")
    for state, title in (
        ("live", "Live-One"),
        ("scheduled", "Later-One"),
        ("ended", "Ended-One"),
        ("draft", "Draft-One"),
    ):
        listed = admin_client.get(url, {"schedule": state}).context["cl"].result_list
        assert [p.title_en for p in listed] == [f"{title} (en)"], state
    assert admin_client.get(url, {"schedule": "nonsense"}).status_code == 200
