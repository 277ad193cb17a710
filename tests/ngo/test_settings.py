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
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "DONOR_"))
    }
    base.pop("DATABASE_URL", None)
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
