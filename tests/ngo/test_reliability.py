"""The site as production runs it (gunicorn, debug off) with its database gone:
closed, or accepting connections and never answering. Every page answers a
translated 503 quickly; /healthz names what is down."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client

from tests.faults import closed_port, redis_cache_at, silent_listener
from tests.ngo.test_settings import PRODUCTION

ROOT = Path(__file__).resolve().parents[2]
CSRF = "a" * 32  # a csrftoken cookie the donor's browser would already have


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            status, body, head = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, body, head = error.code, error.read(), error.headers
    return status, body.decode(), head, time.monotonic() - started


def production_env(static_root, **changes):
    outside = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    return {
        **outside,
        **PRODUCTION,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(static_root),
        **changes,
    }


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The static files as production serves them (collectstatic, fingerprinted)."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_env(root),
        check=True,
        timeout=300,
    )
    return root


@pytest.fixture
def site_with_database_at(static_root):
    """Start gunicorn with the database at a given port; yield its address."""
    servers = []

    def start(db_port):
        port = closed_port()
        env = production_env(
            static_root,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{db_port}/ngo",
            DATABASE_CONNECT_TIMEOUT="1",
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "ngo.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        servers.append(server)
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                fetch(f"{url}/static/css/error.css")
                return url
            except OSError:
                time.sleep(0.1)
        server.kill()
        raise AssertionError(server.stdout.read().decode())

    yield start
    for server in servers:
        server.kill()
        server.wait()


@pytest.mark.parametrize("fault", ["refused", "silent"])
def test_with_the_database_down_every_page_says_back_soon_in_its_language(
    site_with_database_at, fault
):
    with silent_listener() as silent:
        url = site_with_database_at(closed_port() if fault == "refused" else silent)
        for path, text in [
            ("/nl/programmas/", "We zijn over enkele minuten terug"),
            ("/fr/projets/", "Nous serons de retour dans quelques minutes"),
            ("/en/give/", "We will be back in a few minutes"),
        ]:
            status, body, headers, seconds = fetch(url + path)
            assert status == 503, (path, body)
            assert text in body and headers["Retry-After"] == "120"
            assert "Traceback" not in body and seconds < 4, seconds
        # A donor who sends a form: nothing can be stored, and they are told so.
        status, body, _headers, seconds = fetch(
            f"{url}/en/give/",
            data=f"csrfmiddlewaretoken={CSRF}&currency=EUR&amount=25".encode(),
            headers={"Cookie": f"csrftoken={CSRF}", "Referer": f"{url}/en/give/"},
        )
        assert status == 503 and "it has not been stored" in body and seconds < 4
        status, body, _headers, seconds = fetch(f"{url}/healthz")
    assert status == 503 and seconds < 4
    assert body.startswith("database: OperationalError\n")


# --- /healthz in-process ---------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_ok_when_all_is_well(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_names_a_cache_that_is_down(client, settings):
    settings.CACHES = redis_cache_at(closed_port())
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content.decode() == "cache: ConnectionError\n"
    caches["default"].close()


@pytest.mark.django_db
def test_healthz_names_a_queue_nobody_works_on(client, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from tests.builders import give

    give(client)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=11))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content.decode().startswith("queue: 1 tasks waiting over 10 minutes")
