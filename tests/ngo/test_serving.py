"""Production serving: gunicorn's settings, compressed static files, the benchmark page."""

import importlib
import runpy

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db

GUNICORN_CONF = str(settings.BASE_DIR / "gunicorn.conf.py")
MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Our files only (the admin's and the vendors' are many, and compressed the same way).
OURS_ONLY = ["admin/*", "vendor/*", "django_prose_editor/*", "js/*"]


def gunicorn_settings(monkeypatch, cores=4, **env):
    for name in ("WEB_CONCURRENCY", "HOST", "PORT", "GUNICORN_ACCESS_LOG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    return runpy.run_path(GUNICORN_CONF)


def test_gunicorn_starts_two_workers_per_core_and_one_unless_told(monkeypatch):
    assert gunicorn_settings(monkeypatch, cores=4)["workers"] == 9
    assert gunicorn_settings(monkeypatch, cores=1)["workers"] == 3
    assert gunicorn_settings(monkeypatch, WEB_CONCURRENCY="2")["workers"] == 2


def test_gunicorn_binds_from_the_environment_and_recycles_its_workers(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["worker_class"] == "sync"
    assert conf["max_requests"] > 0 and conf["max_requests_jitter"] > 0
    assert conf["graceful_timeout"] > 0 and conf["timeout"] > 0
    assert gunicorn_settings(monkeypatch, HOST="0.0.0.0", PORT="8712")["bind"] == "0.0.0.0:8712"  # noqa: S104


def test_gunicorn_keeps_no_access_log_and_never_query_strings(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert conf["accesslog"] is None
    assert gunicorn_settings(monkeypatch, GUNICORN_ACCESS_LOG="-")["accesslog"] == "-"
    # %(r)s is the request line and %(q)s the query string: both would log what a
    # donor chose on a donation page; %(U)s is the path alone.
    log_format = conf["access_log_format"]
    assert "%(U)s" in log_format
    assert not any(field in log_format for field in ("%(r)s", "%(q)s", "%(f)s", "%({"))


@pytest.fixture
def collected(tmp_path):
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES=MANIFEST,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", interactive=False, ignore_patterns=OURS_ONLY, verbosity=0)
        yield tmp_path


def hashed_site_css(root):
    return next(
        path.name
        for path in (root / "css").iterdir()
        if path.name.startswith("site.") and path.suffix == ".css" and path.name != "site.css"
    )


def test_collectstatic_writes_brotli_and_gzip_copies_of_our_css(collected):
    css = hashed_site_css(collected)
    folder = collected / "css"
    original = (folder / css).stat().st_size
    assert 0 < (folder / f"{css}.gz").stat().st_size < original
    assert 0 < (folder / f"{css}.br").stat().st_size < original


def test_hashed_files_are_served_compressed_and_cached_for_ten_years(collected):
    css = hashed_site_css(collected)
    client = Client()  # a new handler: WhiteNoise reads the collected files
    response = client.get(f"/static/css/{css}", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "Accept-Encoding" in response["Vary"]
    plain = client.get(f"/static/css/{css}")
    assert "Content-Encoding" not in plain


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# --- the benchmark's baseline page -------------------------------------------------


@pytest.fixture
def benchmark_urls():
    """ngo.urls loaded again with the benchmark setting on, and restored afterwards."""
    import ngo.urls

    with override_settings(BENCHMARK=True):
        importlib.reload(ngo.urls)
        clear_url_caches()
        yield
    importlib.reload(ngo.urls)
    clear_url_caches()


def test_the_baseline_page_does_not_exist_outside_the_benchmark(client):
    assert client.get("/bench/baseline/").status_code == 404
    assert client.get("/bench/baseline/?bytes=100").status_code == 404


def test_the_baseline_page_answers_with_the_size_asked_for(client, benchmark_urls):
    response = client.get("/bench/baseline/?bytes=1234")
    assert response.status_code == 200
    assert len(response.content) == 1234
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert len(client.get("/bench/baseline/?bytes=nonsense").content) == 30_000
    assert len(client.get("/bench/baseline/?bytes=99999999").content) == 1024 * 1024
