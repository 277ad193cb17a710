from unittest.mock import patch

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.management.commands.db_worker import Worker

from ngo import page_cache, two_factor
from ngo.staff_groups import CONTENT_EDITORS, FUNDRAISING

LANGUAGE_CODES = settings.LANGUAGE_CODES


@pytest.fixture(autouse=True)
def _clear_cache():
    # The cache may be a shared Redis: start and end every test with it empty
    # so rate limits and cached pages never leak between tests.
    cache.clear()
    page_cache.reset()
    yield
    cache.clear()
    page_cache.reset()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded photos and their renditions go to a folder of each test's own.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _english_to_start():
    # A request leaves its language active on the thread; each test starts in
    # English so that builders fill the English fields.
    translation.activate("en")
    yield
    translation.activate("en")


def sign_in(client, user):
    """Signed in as after both steps: the password, and a code where one is required."""
    client.force_login(user)
    if two_factor.is_required(user):
        device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def staff_client(client, django_user_model, group):
    user = django_user_model.objects.create_user(
        f"staff-{group}", password="a-long-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return sign_in(client, user)


@pytest.fixture
def admin_client(client, admin_user):
    # pytest-django's superuser client, past the second factor superusers need.
    return sign_in(client, admin_user)


@pytest.fixture
def editor_client(client, django_user_model):
    return staff_client(client, django_user_model, CONTENT_EDITORS)


@pytest.fixture
def fundraising_client(client, django_user_model):
    return staff_client(client, django_user_model, FUNDRAISING)


def run_queued_tasks():
    """What `manage.py db_worker` does, once: run every task that is due, then stop."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # The worker closes connections between tasks, as a long-running process should;
    # here that would close the test's own transaction.
    with patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker.run()


@pytest.fixture
def run_tasks():
    return run_queued_tasks


def pytest_collection_modifyitems(items):
    """A transactional test empties the database when it ends. Unless every one of
    them restores the migrations' data (serialized rollback), the next finds its
    amount rules or staff groups missing, or finds them twice."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file rather than Django's shared in-memory
    one. With an in-memory database the live server's thread uses the test thread's
    own connection, and a request still running when the test goes on can block
    both threads for good; with a file, each thread has a connection of its own."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)
    # A "replica" alias, as DATABASE_REPLICA_URL adds: a test mirror of the primary,
    # so tests/ngo/test_replica.py can route reads to it. Nothing else is routed there
    # (the router is installed only by those tests).
    if "replica" not in settings.DATABASES:
        settings.DATABASES["replica"] = {
            **database,
            "TEST": {**database.get("TEST", {}), "MIRROR": "default"},
        }
