"""Settings read from the environment, checked in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x7#kq!2vLm9$wR4tZp8&nB3cY6hJ1sD5fG0aQeUiOoPl-rT_yWx",
    "DJANGO_ALLOWED_HOSTS": "www.example.org",
    "DONOR_DATA_KEYS": "q5S0s1dPpU3wGm7u3b3Yd9Dkz3p0y8m1fS2mXq2cT5A=",
    "SEPA_CREDITOR_ID": "DE98ZZZ09999999999",
    "DONATION_ACCOUNT_EUR": "DE89 3704 0044 0532 0130 00",
    "DONATION_BIC_EUR": "COBADEFFXXX",
    "AVTALEGIRO_ORGANISATION_NUMBER": "987654325",
    "AVTALEGIRO_ACCOUNT": "86011117947",
    "AVTALEGIRO_DATA_TRANSMITTER": "00012345",
    "AVTALEGIRO_AGREEMENT_ID": "000012345",
    "DONATION_ACCOUNT_NOK": "86011117947",
    "BETALINGSSERVICE_PBS_NUMBER": "87654321",
    "BETALINGSSERVICE_DEBTOR_GROUP": "00002",
    "DONATION_ACCOUNT_DKK": "DK50 0040 0440 1162 43",
}


def run(args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "REDIS_", "DONOR_", "DATABASE_", "AWS_", "MEDIA_"))
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "ngo.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_value(expression, **env):
    code = f"import json; from django.conf import settings as s; print(json.dumps({expression}))"
    result = run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_off_without_secret_key_refuses_to_start_with_one_line():
    result = run(["manage.py", "check"], DJANGO_DEBUG="false")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ngo: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off; refusing to start."
    ]


def test_debug_off_without_donor_data_key_refuses_to_start_with_one_line():
    without_key = {k: v for k, v in PRODUCTION.items() if k != "DONOR_DATA_KEYS"}
    result = run(["manage.py", "check"], **without_key)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ngo: DONOR_DATA_KEYS must be set when DJANGO_DEBUG is off; refusing to start."
    ]


def test_debug_off_with_demo_or_wrong_banking_settings_refuses_to_start_with_one_line():
    demo = {k: v for k, v in PRODUCTION.items() if k != "AVTALEGIRO_ACCOUNT"}
    wrong = {
        "SEPA_CREDITOR_ID": "DE99ZZZ09999999999",
        "SEPA_DIRECT_DEBIT_SCHEMA": "pain.008.001.99",
    }
    result = run(["manage.py", "check"], **{**demo, **wrong, "AVTALEGIRO_AGREEMENT_ID": "12"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ngo: banking settings: AVTALEGIRO_ACCOUNT must be set; SEPA_CREDITOR_ID is not valid; "
        "AVTALEGIRO_AGREEMENT_ID is not valid; SEPA_DIRECT_DEBIT_SCHEMA is not valid; "
        "refusing to start."
    ]


def test_deploy_check_has_no_warnings_with_production_values():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_debug_set_the_site_runs_with_debug_off_and_needs_its_keys():
    result = run(["manage.py", "check"])
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ngo: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off; refusing to start."
    ]


def test_deploy_check_warns_when_debug_is_turned_on():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], DJANGO_DEBUG="true")
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr  # DEBUG is on


def test_debug_on_is_the_embedded_development_setup():
    values = settings_value(
        "[s.DEBUG, s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'],"
        " s.EMAIL_BACKEND]",
        DJANGO_DEBUG="true",
    )
    assert values == [
        True,
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_debug_off_sends_mail_by_smtp_with_a_timeout():
    assert settings_value("[s.EMAIL_BACKEND, s.EMAIL_TIMEOUT]", **PRODUCTION) == [
        "django.core.mail.backends.smtp.EmailBackend",
        10.0,
    ]


@pytest.mark.parametrize(
    "backend", ["console.EmailBackend", "locmem.EmailBackend", "filebased.EmailBackend"]
)
def test_debug_off_refuses_a_mail_backend_that_sends_nothing(backend):
    backend = f"django.core.mail.backends.{backend}"
    result = run(["manage.py", "check"], **PRODUCTION, DJANGO_EMAIL_BACKEND=backend)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"ngo: DJANGO_EMAIL_BACKEND is {backend}, which sends nothing; use SMTP, or set "
        "DJANGO_EMAIL_ALLOW_LOG_BACKEND=true if that is meant. Refusing to start."
    ]
    allowed = run(
        ["manage.py", "check"],
        **PRODUCTION,
        DJANGO_EMAIL_BACKEND=backend,
        DJANGO_EMAIL_ALLOW_LOG_BACKEND="true",
    )
    assert allowed.returncode == 0, allowed.stderr


def test_environment_selects_postgres_redis_and_hosts():
    values = settings_value(
        "[s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'],"
        " s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.ALLOWED_HOSTS,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE,"
        " s.DATABASES['default']['OPTIONS']['connect_timeout'],"
        " s.CACHES['default']['OPTIONS']['socket_timeout']]",
        **PRODUCTION,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ngo",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert values == [
        "django.db.backends.postgresql",
        "ngo",
        "ngo.cache.FailOpenRedisCache",
        "redis://127.0.0.1:6379/3",
        ["www.example.org"],
        True,
        True,
        3,
        0.5,
    ]


@pytest.mark.parametrize(
    "value,expected", [("0", False), ("no", False), ("1", True), ("true", True), ("", False)]
)
def test_debug_flag_parsing(value, expected):
    assert settings_value("s.DEBUG", **{**PRODUCTION, "DJANGO_DEBUG": value}) is expected


def test_configured_cache_stores_and_expires_values():
    # With REDIS_URL set (as in CI's PostgreSQL run) this talks to real Redis.
    cache.set("settings-test", {"a": 1}, timeout=30)
    assert cache.get("settings-test") == {"a": 1}
    cache.delete("settings-test")
    assert cache.get("settings-test") is None


@pytest.mark.django_db
def test_suite_runs_on_the_database_named_by_the_environment():
    from django.db import connection

    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


# --- scale-out: a read replica, media in an object store (docs/deployment.md) ----------


def test_a_replica_url_adds_a_replica_routed_for_public_reads_only():
    values = settings_value(
        "[s.DATABASES['replica']['ENGINE'], s.DATABASES['replica']['NAME'],"
        " s.DATABASES['replica']['HOST'], s.DATABASES['replica']['OPTIONS']['connect_timeout'],"
        " s.DATABASES['replica']['TEST'], s.DATABASE_ROUTERS,"
        " 'ngo.routers.ReplicaMiddleware' in s.MIDDLEWARE, s.REPLICA_PAUSE_AFTER_CHANGE]",
        **PRODUCTION,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ngo",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/ngo",
        DATABASE_REPLICA_PAUSE_AFTER_CHANGE="2.5",
    )
    assert values == [
        "django.db.backends.postgresql",
        "ngo",
        "replica.internal",
        3,
        {"MIRROR": "default"},
        ["ngo.routers.ReplicaRouter"],
        True,
        2.5,
    ]


def test_without_a_replica_url_there_is_one_database_and_no_router():
    values = settings_value(
        "[list(s.DATABASES), s.DATABASE_ROUTERS, 'ngo.routers.ReplicaMiddleware' in s.MIDDLEWARE]",
        **PRODUCTION,
    )
    assert values == [["default"], [], False]


def test_media_is_local_by_default_with_a_private_storage_for_originals():
    values = settings_value(
        "[s.MEDIA_STORAGE, s.STORAGES['default']['BACKEND'], s.STORAGES['private']['BACKEND'],"
        " s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]",
        **PRODUCTION,
    )
    assert values == [
        "local",
        "django.core.files.storage.FileSystemStorage",
        "ngo.storage.PrivateStorage",
        ["'self'", "data:"],
    ]


S3 = {
    "MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "ngo-media",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME": "ngo-originals",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
    "AWS_S3_REGION_NAME": "eu-west-1",
    "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
    "AWS_ACCESS_KEY_ID": "test-key-id",
    "AWS_SECRET_ACCESS_KEY": "test-secret",
}


def test_s3_media_settings_make_a_public_and_a_private_s3_storage():
    # Building the storages and their URLs talks to no server.
    code = """
import json, django
django.setup()
from django.conf import settings as s
from django.core.files.storage import storages
from ngo.models import private_storage
public, private = storages["default"], private_storage()
try:
    private.url("photos/original.jpg")
    private_url = "has a URL"
except ValueError:
    private_url = "no URL"
print(json.dumps([
    s.STORAGES["default"]["BACKEND"], s.STORAGES["private"]["BACKEND"],
    public.bucket_name, public.location, public.querystring_auth, public.file_overwrite,
    public.endpoint_url, public.region_name, public.url("photos/renditions/1-ab-320.webp"),
    private.bucket_name, private.location, private.default_acl, private_url,
    type(private._wrapped).__name__,
    s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    # The credentials reach the client from the environment (making it sends nothing).
    public.connection.meta.client._request_signer._credentials.access_key,
]))
"""
    result = run(["-c", code], **PRODUCTION, **S3)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "storages.backends.s3.S3Storage",
        "ngo.storage.PrivateS3Storage",
        "ngo-media",
        "media",
        False,
        False,
        "https://objects.example.net",
        "eu-west-1",
        "https://media.example.org/media/photos/renditions/1-ab-320.webp",
        "ngo-originals",
        "private",
        "private",
        "no URL",
        "PrivateS3Storage",
        ["'self'", "data:", "https://media.example.org"],
        "test-key-id",
    ]


def test_s3_media_without_a_custom_domain_allows_images_from_the_endpoint():
    without_domain = {k: v for k, v in S3.items() if k != "AWS_S3_CUSTOM_DOMAIN"}
    values = settings_value(
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']", **PRODUCTION, **without_domain
    )
    assert values == ["'self'", "data:", "https://objects.example.net"]


def test_s3_media_without_a_bucket_refuses_to_start_with_one_line():
    result = run(["manage.py", "check"], **PRODUCTION, MEDIA_STORAGE="s3")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ngo: MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME; refusing to start."
    ]


def test_an_unknown_media_storage_refuses_to_start_with_one_line():
    result = run(["manage.py", "check"], **PRODUCTION, MEDIA_STORAGE="ftp")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ngo: MEDIA_STORAGE must be local or s3, not 'ftp'; refusing to start."
    ]


def test_s3_prefixes_can_be_chosen():
    values = settings_value(
        "[s.STORAGES['default']['OPTIONS']['location'],"
        " s.STORAGES['private']['OPTIONS']['location'],"
        " s.STORAGES['private']['OPTIONS']['bucket_name']]",
        **PRODUCTION,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="ngo",
        AWS_LOCATION="public",
        AWS_PRIVATE_LOCATION="originals",
    )
    # Without a bucket of their own, the originals share the public one under their prefix.
    assert values == ["public", "originals", "ngo"]
