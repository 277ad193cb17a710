"""Limits that stop bots, not donors: every post counts generously, stored donations strictly."""

import logging
import socket
import time

import pytest

from donations.models import Gift, Sponsorship
from tests.builders import GIFT_POST, give, post_donation, sponsor

pytestmark = pytest.mark.django_db


def test_a_donor_who_corrects_mistakes_many_times_is_never_locked_out(client, settings):
    settings.DONATION_SUBMISSION_RATE = "30/h"
    for _ in range(20):
        assert sponsor(client, email="not-an-email").status_code == 200
    assert sponsor(client).status_code == 302
    assert Sponsorship.objects.count() == 1


def test_too_many_posts_from_one_address_get_429_with_the_way_back(client, settings):
    settings.DONATION_SUBMISSION_RATE = "3/h"
    for _ in range(3):
        assert give(client, email="wrong").status_code == 200
    response = post_donation(client, "/da/giv/?programme=1", GIFT_POST)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Prøv igen senere" in html
    assert 'href="/da/giv/?programme=1"' in html
    # Nothing the visitor typed comes back on the page.
    assert "ann@example.org" not in html and "Peeters" not in html
    assert not Gift.objects.exists()


def test_stored_donations_are_limited_more_strictly_than_posts(client, settings):
    settings.DONATION_STORED_RATE = "2/h"
    assert sponsor(client).status_code == 302
    assert give(client).status_code == 302
    assert give(client).status_code == 429
    assert Gift.objects.count() == 1
    # Another address has its own count.
    response = post_donation(client, "/en/give/", GIFT_POST, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302


def test_sending_the_same_form_twice_is_not_a_second_donation(client, settings):
    settings.DONATION_STORED_RATE = "1/h"
    data = {**GIFT_POST, "amounts_currency": "EUR", "token": "0b0e8a8f-2f5e-4a53-9d3a-8a3e8e1c1d12"}
    first = client.post("/en/give/", data)
    second = client.post("/en/give/", data)
    assert first.status_code == second.status_code == 302
    assert Gift.objects.count() == 1


def test_ipv6_visitors_are_counted_per_64_block(client, settings):
    settings.DONATION_STORED_RATE = "1/h"
    assert give(client, REMOTE_ADDR="2001:db8:1:2::1").status_code == 302
    # Another address in the same /64: the same household or the same bot.
    assert give(client, REMOTE_ADDR="2001:db8:1:2:ffff::9").status_code == 429
    # Another /64 is another visitor.
    assert give(client, REMOTE_ADDR="2001:db8:1:3::1").status_code == 302


def test_a_missing_address_header_is_logged_and_nobody_shares_one_bucket(client, settings, caplog):
    settings.CLIENT_IP_HEADER = settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    with caplog.at_level(logging.ERROR, logger="donations.views"):
        response = give(client)
    assert response.status_code == 429
    assert not Gift.objects.exists()
    assert "No visitor address in HTTP_X_REAL_IP" in caplog.text
    # With the header the proxy sets, the same form goes through.
    response = give(client, HTTP_X_REAL_IP="198.51.100.4")
    assert response.status_code == 302


def test_the_honeypot_gets_try_again_later_and_nothing_is_saved(client):
    response = post_donation(client, "/nl/word-sponsor/", GIFT_POST, website="spam.example")
    assert response.status_code == 429
    assert not Gift.objects.exists() and not Sponsorship.objects.exists()


def test_a_cache_that_fails_does_not_lose_the_donation(client, settings, caplog):
    # Redis at a port where nothing listens: the limits can not be counted.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    with caplog.at_level(logging.WARNING, logger="donations.views"):
        response = give(client)
    assert response.status_code == 302
    assert Gift.objects.count() == 1
    assert "Donation limits not counted, the cache failed: ConnectionError" in caplog.text
    assert "ann@example.org" not in caplog.text


@pytest.fixture
def silent_listener():
    """A port that accepts connections and never answers, like a hung Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield server.getsockname()[1]
    server.close()


def test_a_cache_that_never_answers_does_not_hold_the_donor(client, settings, silent_listener):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{silent_listener}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    started = time.monotonic()
    response = give(client)
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert Gift.objects.count() == 1
    # Three counts of at most 0.5 s each (posts, stored before and after), and the form.
    assert elapsed < 3, elapsed
