"""The read replica: visitors' reads of public pages go there, everything else to the primary.

The replica alias is a TEST mirror of the primary (tests/conftest.py): a second
connection to the test database. The router and middleware are installed here as
DATABASE_REPLICA_URL installs them; the settings parsing itself is tested in test_settings.py.
"""

import pytest
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from ngo import page_cache, routers
from ngo.models import Page
from programmes.models import Programme, ReachFigure
from tests.builders import make_programme, make_project

REPLICA = routers.REPLICA


@pytest.fixture
def replica(settings):
    """Routed as in production (the alias itself is tests/conftest.py's)."""
    settings.DATABASE_ROUTERS = ["ngo.routers.ReplicaRouter"]
    position = settings.MIDDLEWARE.index("ngo.page_cache.PageCacheMiddleware") + 1
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:position],
        "ngo.routers.ReplicaMiddleware",
        *settings.MIDDLEWARE[position:],
    ]
    settings.REPLICA_PAUSE_AFTER_CHANGE = 0
    return connections[REPLICA]


def read_from(request, write=False):
    """The database the router picks for a read inside the view of `request`."""
    router = routers.ReplicaRouter()
    picked = {}

    def view(request):
        request.resolver_match = resolve(request.path_info)
        middleware.process_view(request, view, (), {})
        if write:
            router.db_for_write(Page)
        picked["read"] = router.db_for_read(Page)
        return HttpResponse()

    middleware = routers.ReplicaMiddleware(view)
    middleware(request)
    return picked["read"]


factory = RequestFactory()


def test_a_visitors_get_and_head_of_a_public_page_read_from_the_replica(replica):
    assert read_from(factory.get("/en/")) == REPLICA
    assert read_from(factory.head("/en/programmes/")) == REPLICA


@pytest.mark.parametrize(
    "request_",
    [
        factory.post("/en/search/"),
        factory.get("/admin/ngo/page/"),
        factory.get("/healthz"),
        factory.get("/en/donate/"),
        factory.get("/en/give/"),
        factory.get("/en/preview/some-token/"),
    ],
    ids=["post", "admin", "unprefixed", "donation-form", "gift-form", "staff-preview"],
)
def test_posts_admin_donations_and_previews_read_from_the_primary(replica, request_):
    assert read_from(request_) == "default"


def test_a_visitor_with_a_session_reads_from_the_primary(replica):
    request = factory.get("/en/")
    request.COOKIES["sessionid"] = "abc"
    assert read_from(request) == "default"


def test_after_a_write_the_request_reads_from_the_primary(replica):
    assert read_from(factory.get("/en/"), write=True) == "default"


def test_inside_a_transaction_reads_come_from_the_primary(replica, monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert read_from(factory.get("/en/")) == "default"


def test_outside_a_request_everything_is_the_primary(replica):
    router = routers.ReplicaRouter()
    assert router.db_for_read(Page) == "default"
    assert router.db_for_write(Page) == "default"
    assert router.allow_migrate("default", "ngo") is True
    assert router.allow_migrate(REPLICA, "ngo") is False
    on_primary, on_replica = Page(), Programme()
    on_primary._state.db, on_replica._state.db = "default", REPLICA
    assert router.allow_relation(on_primary, on_replica) is True


def test_just_after_a_content_change_public_pages_read_from_the_primary(
    replica, settings, monkeypatch
):
    # Another server raised the content version: the replica may not have the rows yet.
    settings.REPLICA_PAUSE_AFTER_CHANGE = 5
    monkeypatch.setattr(page_cache.versions, "content", 12345)
    assert read_from(factory.get("/en/")) == "default"

    settings.REPLICA_PAUSE_AFTER_CHANGE = 0
    assert read_from(factory.get("/en/")) == REPLICA


def test_the_flag_does_not_outlive_its_request(replica):
    read_from(factory.get("/en/"))
    assert routers.replica_allowed.get() is False
    assert routers.ReplicaRouter().db_for_read(Page) == "default"


# --- through the whole stack, on a database --------------------------------------------

transactional = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", REPLICA]
)


def captured(alias, call):
    with CaptureQueriesContext(connections[alias]) as queries:
        response = call()
    return response, len(queries.captured_queries)


@transactional
def test_a_public_page_is_read_from_the_replica_and_the_admin_from_the_primary(
    replica, admin_client
):
    make_programme(slug="families")

    response, on_replica = captured(REPLICA, lambda: Client().get("/en/programmes/"))
    assert response.status_code == 200
    assert on_replica > 0

    response, on_replica = captured(REPLICA, lambda: admin_client.get("/admin/ngo/page/"))
    assert response.status_code == 200
    assert on_replica == 0


@transactional
def test_a_post_reads_nothing_from_the_replica(replica, client):
    response, on_replica = captured(
        REPLICA, lambda: client.post("/en/give/", {"amount": "not a number"})
    )
    assert response.status_code == 200
    assert on_replica == 0


@transactional
def test_a_page_read_from_the_replica_is_refreshed_when_its_content_changes(
    replica, client, settings
):
    # The reach figures are read by the project page's own queries only (no cached
    # fragment declares them): the page cache must learn of them from the replica.
    settings.PAGE_CACHE_ENABLED = True
    project = make_project(slug="villages")
    client.get(project.get_absolute_url())
    assert client.get(project.get_absolute_url()).from_page_cache

    ReachFigure.objects.create(project=project, value="7 300", label_en="children", year=2025)

    response, on_replica = captured(REPLICA, lambda: client.get(project.get_absolute_url()))
    assert not getattr(response, "from_page_cache", False)
    assert on_replica > 0
    assert "7 300" in response.content.decode()


@pytest.mark.django_db(databases=["default", REPLICA])
def test_healthz_checks_the_replica_when_there_is_one(client, settings, monkeypatch):
    settings.DATABASE_REPLICA_URL = "postgres://reader@replica.internal/ngo"
    assert client.get("/healthz").content == b"ok\n"

    def refused():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections[REPLICA], "cursor", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"replica: OperationalError\n"

    settings.DATABASE_REPLICA_URL = ""
    assert client.get("/healthz").status_code == 200
