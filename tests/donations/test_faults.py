"""What happens to a donation when something around the site fails: the mail
server, the cache. Nothing is lost, nothing is stored twice, and the donor's
page never waits for the broken part."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from donations.models import Donor, Gift, Sponsorship
from tests.builders import give, sponsor
from tests.faults import closed_port, redis_cache_at, silent_listener

pytestmark = pytest.mark.django_db

DONOR_EMAIL = "ann@example.org"  # the builders' donor


def queued(status=TaskResultStatus.READY):
    return DBTaskResult.objects.filter(status=status)


def refusing_mail(settings):
    settings.EMAIL_BACKEND = "tests.faults.RefusingMailBackend"


# --- mail ------------------------------------------------------------------------------


def test_the_donor_gets_the_page_at_once_and_the_email_is_queued_with_the_gift(
    client, settings, mailoutbox
):
    refusing_mail(settings)  # the request must not even try it
    started = time.monotonic()
    response = give(client)
    assert response.status_code == 302 and time.monotonic() - started < 2
    gift = Gift.objects.get()
    (task,) = queued()
    assert task.task_path == "donations.tasks.send_confirmation"
    assert task.args_kwargs == {"args": ["gift", gift.pk], "kwargs": {}}
    assert mailoutbox == [] and gift.confirmation_sent is None


def test_a_refusing_mail_server_is_retried_later_and_never_logs_the_address(
    client, settings, mailoutbox, run_tasks, caplog
):
    refusing_mail(settings)
    give(client)
    run_tasks()
    gift = Gift.objects.get()
    assert gift.confirmation_sent is None
    (failed,) = queued(TaskResultStatus.FAILED)
    assert "attempt 1 of 6" in failed.traceback and DONOR_EMAIL not in failed.traceback
    (retry,) = queued(TaskResultStatus.READY).model.objects.filter(status="READY")
    assert retry.args_kwargs["args"] == ["gift", gift.pk, 2]
    assert retry.run_after > timezone.now() + timedelta(seconds=50)
    assert DONOR_EMAIL not in caplog.text

    # The mail server is back; the retry comes due and sends the email once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_tasks()
    run_tasks()
    assert [mail.to for mail in mailoutbox] == [[DONOR_EMAIL]]
    gift.refresh_from_db()
    assert gift.confirmation_sent is not None


def test_after_the_last_attempt_the_failure_is_left_for_staff(client, settings, run_tasks):
    refusing_mail(settings)
    settings.EMAIL_ATTEMPTS = 2
    sponsor(client)
    for _ in range(2):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_tasks()
    assert queued(TaskResultStatus.FAILED).count() == 2
    assert not queued().exists()
    assert Sponsorship.objects.get().confirmation_sent is None


def test_a_hanging_mail_server_costs_the_worker_one_timeout(client, settings, run_tasks):
    with silent_listener() as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 0.5
        started = time.monotonic()
        response = give(client)
        assert response.status_code == 302 and time.monotonic() - started < 2
        started = time.monotonic()
        run_tasks()
        assert time.monotonic() - started < 3
    assert queued(TaskResultStatus.FAILED).count() == 1 and queued().count() == 1


def test_fundraising_staff_see_which_confirmations_are_not_sent(
    client, settings, run_tasks, fundraising_client
):
    refusing_mail(settings)
    give(client)
    run_tasks()
    page = fundraising_client.get("/admin/donations/gift/?confirmation_sent__isempty=1")
    assert page.status_code == 200 and Gift.objects.get().reference in page.content.decode()
    tasks = fundraising_client.get(
        "/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED"
    )
    assert tasks.status_code == 200 and "send_confirmation" in tasks.content.decode()


# --- the same form twice ---------------------------------------------------------------


def test_the_same_form_with_other_details_is_not_taken_for_the_first(client):
    first = give(client, token="6f1c1a64-3c1e-4a53-9a3e-1b2d1f0e9a11")
    assert first.status_code == 302
    second = give(client, token="6f1c1a64-3c1e-4a53-9a3e-1b2d1f0e9a11", amount="100")
    assert second.status_code == 200
    page = second.content.decode()
    assert "We had already received this form" in page
    gift = Gift.objects.get()
    assert f'href="{first["Location"]}"' in page
    assert gift.amount != 100 and Donor.objects.count() == 1
    # Sending the form shown again is a second, deliberate gift.
    assert 'value="6f1c1a64-3c1e-4a53-9a3e-1b2d1f0e9a11"' not in page


def test_the_same_form_sent_twice_unchanged_lands_on_the_same_page(client):
    token = "0b6c3c44-96b4-4b9e-8f0b-2f7a5c3e1d22"
    first, second = give(client, token=token), give(client, token=token)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] and Gift.objects.count() == 1


def test_the_thank_you_page_is_not_opened_by_the_token_alone(client):
    token = "9a7b3c2d-1e4f-4a5b-8c6d-7e8f9a0b1c2d"
    first = give(client, token=token)
    stranger = Client()
    again = give(stranger, token=token, first_name="Mallory")
    assert again.status_code == 200 and "See the donation we received" not in again.content.decode()
    assert stranger.get(first["Location"]).status_code == 404


# --- the cache -------------------------------------------------------------------------


def redis_at(settings, port):
    settings.CACHES = redis_cache_at(port)


@pytest.mark.parametrize("fault", ["refused", "silent"])
def test_a_broken_cache_costs_one_timeout_and_loses_no_gift(client, settings, caplog, fault):
    with silent_listener() as silent:
        redis_at(settings, closed_port() if fault == "refused" else silent)
        started = time.monotonic()
        assert client.get("/en/").status_code == 200
        responses = [give(client), sponsor(client), give(client)]
        elapsed = time.monotonic() - started
    assert [response.status_code for response in responses] == [302, 302, 302]
    assert Gift.objects.count() == 2 and Sponsorship.objects.count() == 1
    assert queued().count() == 3
    # At most one timeout: after it the cache is skipped for a while.
    assert elapsed < 3, elapsed
    assert "Redis failed" in caplog.text and DONOR_EMAIL not in caplog.text
