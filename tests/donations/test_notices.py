"""Collection notices: before each collection the donor is emailed the amount, the
date, the mandate reference and the creditor identifier, in their own language,
once per collection."""

import threading
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import formats, timezone, translation
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from donations import notices, tasks
from donations.models import Mandate, PreNotice, Status
from donations.tasks import send_pre_notice
from tests.donations.scheme_donors import sponsor_in_scheme
from tests.ngo.test_settings import run, settings_value

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def sponsorship_due_in(client, days, scheme="sepa", status=Status.ACTIVE, **changes):
    """A sponsorship made through the form, activated by staff, whose first
    collection is `days` from today (and the same day of every month after)."""
    sponsorship = sponsor_in_scheme(client, scheme, **changes)
    collection_date = today() + timedelta(days=days)
    sponsorship.status = status
    sponsorship.collection_day = collection_date.day
    sponsorship.first_collection = collection_date
    sponsorship.save()
    # The confirmation email is another test's subject: only notices are sent here.
    DBTaskResult.objects.filter(task_path="donations.tasks.send_confirmation").delete()
    return sponsorship


def send_notices(run_tasks):
    out = StringIO()
    call_command("send_collection_notices", stdout=out)
    run_tasks()
    return out.getvalue()


def local_date(day, language):
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


# --- who is told, and what ---------------------------------------------------------------


@pytest.mark.parametrize(
    "scheme,language,amount,creditor_id,reference_label",
    [
        ("sepa", "nl", "€\xa035", "BE68ZZZ0123456789", "Mandate reference"),
        ("avtalegiro", "nb", "350\xa0kr", "987654325", "KID"),
        ("betalingsservice", "da", "250\xa0kr.", "12345678", "Customer number"),
    ],
)
def test_a_donor_due_in_ten_days_gets_one_email_in_their_language(
    client, mailoutbox, run_tasks, scheme, language, amount, creditor_id, reference_label
):
    sponsorship = sponsorship_due_in(client, 10, scheme)
    send_notices(run_tasks)
    (mail,) = mailoutbox
    donor, mandate = sponsorship.donor, sponsorship.mandate
    collection_date = today() + timedelta(days=10)
    assert donor.language == language and mail.to == [donor.email]
    assert mandate.creditor_id == creditor_id
    # The date as the donor's language writes it (Django's own catalogs name the month).
    written = local_date(collection_date, language)
    assert written != local_date(collection_date, "en")
    (html, mimetype), *_ = mail.alternatives
    assert mimetype == "text/html" and f'<html lang="{language}">' in html
    assert written in mail.subject
    for text in (mail.body, html):
        assert donor.first_name in text
        assert amount in text and written in text
        assert mandate.reference in text and mandate.creditor_name in text
        assert creditor_id in text and "privacy@example.org" in text
    # The labels have no translation yet; the lead's catalogs will give them one.
    with translation.override(language):
        assert f"{translation.gettext(reference_label)}: {mandate.reference}" in mail.body
    notice = PreNotice.objects.get()
    assert (notice.sponsorship, notice.collection_date) == (sponsorship, collection_date)
    assert (notice.amount, notice.currency) == (sponsorship.amount, sponsorship.currency)
    assert notice.sent_at is not None


def test_running_the_command_twice_sends_nothing_new(client, mailoutbox, run_tasks, caplog):
    sponsorship = sponsorship_due_in(client, 10)
    first = send_notices(run_tasks)
    second = send_notices(run_tasks)
    assert first.strip() == "1 collection notice(s) queued."
    assert second.strip() == "0 collection notice(s) queued."
    assert PreNotice.objects.count() == 1 and len(mailoutbox) == 1
    # The output and the log name no donor.
    donor = sponsorship.donor
    for text in (first, second, caplog.text):
        assert donor.email not in text and donor.last_name not in text


@pytest.mark.parametrize("days,notified", [(0, True), (14, True), (15, False), (20, False)])
def test_only_collections_within_the_notice_period_are_notified(
    client, mailoutbox, run_tasks, days, notified
):
    sponsorship_due_in(client, days)
    send_notices(run_tasks)
    assert PreNotice.objects.exists() is notified
    assert len(mailoutbox) == int(notified)


def test_a_longer_notice_period_is_obeyed(client, settings, mailoutbox, run_tasks):
    settings.COLLECTION_NOTICE_DAYS = 25
    sponsorship_due_in(client, 20)
    send_notices(run_tasks)
    assert len(mailoutbox) == 1


def test_a_collection_day_that_has_passed_this_month_waits_for_next_month(client, run_tasks):
    sponsorship_due_in(client, -1)
    send_notices(run_tasks)
    assert not PreNotice.objects.exists()


@pytest.mark.parametrize("status", [Status.PENDING, Status.CANCELLED])
def test_pending_and_cancelled_sponsorships_get_nothing(client, mailoutbox, run_tasks, status):
    sponsorship_due_in(client, 10, status=status)
    send_notices(run_tasks)
    assert not PreNotice.objects.exists() and mailoutbox == []


def test_avtalegiro_donors_who_waived_notices_get_none(client, mailoutbox, run_tasks):
    waived = sponsorship_due_in(client, 10, "avtalegiro")
    Mandate.objects.filter(pk=waived.mandate_id).update(notices_waived=True)
    told = sponsorship_due_in(client, 10, "avtalegiro", email="ola@example.org")
    send_notices(run_tasks)
    assert [notice.sponsorship for notice in PreNotice.objects.all()] == [told]
    assert [mail.to for mail in mailoutbox] == [["ola@example.org"]]


def test_the_waiver_is_avtalegiros_alone(client, mailoutbox, run_tasks):
    sepa = sponsorship_due_in(client, 10)
    Mandate.objects.filter(pk=sepa.mandate_id).update(notices_waived=True)
    send_notices(run_tasks)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "day,first_collection,expected",
    [
        (15, date(2027, 1, 1), [date(2027, 2, 15), date(2027, 3, 15)]),
        (15, date(2027, 3, 1), [date(2027, 3, 15)]),
        # February has no 30th: no collection, so no notice (as collections.due).
        (30, date(2027, 1, 1), [date(2027, 1, 30), date(2027, 3, 30)]),
    ],
)
def test_every_collection_in_a_long_window_gets_its_notice(
    client, settings, day, first_collection, expected
):
    settings.COLLECTION_NOTICE_DAYS = 70  # 20 January to 31 March
    sponsorship = sponsorship_due_in(client, 10)
    sponsorship.collection_day, sponsorship.first_collection = day, first_collection
    sponsorship.save()
    assert notices.queue_notices(today=date(2027, 1, 20)) == len(expected)
    dates = sorted(PreNotice.objects.values_list("collection_date", flat=True))
    assert dates == expected
    assert DBTaskResult.objects.filter(task_path="donations.tasks.send_pre_notice").count() == len(
        expected
    )


# --- once, whatever fails -------------------------------------------------------------


def test_each_notice_is_stored_with_its_email_task(client):
    sponsorship_due_in(client, 10)
    sponsorship_due_in(client, 12)
    call_command("send_collection_notices", stdout=StringIO())
    tasks = DBTaskResult.objects.filter(task_path="donations.tasks.send_pre_notice")
    assert sorted(task.args_kwargs["args"] for task in tasks) == sorted(
        [notice.pk] for notice in PreNotice.objects.all()
    )


def test_a_crash_before_the_task_is_stored_leaves_no_notice(client, monkeypatch, run_tasks):
    sponsorship_due_in(client, 10)

    class Crashing:
        def enqueue(self, *args):
            raise RuntimeError("the database went away")

    monkeypatch.setattr(tasks, "send_pre_notice", Crashing())
    with pytest.raises(RuntimeError):
        call_command("send_collection_notices", stdout=StringIO())
    assert not PreNotice.objects.exists()
    # The next day's run finds the collection still without its notice.
    monkeypatch.undo()
    assert "1 collection notice(s) queued." in send_notices(run_tasks)


def test_a_second_notice_for_the_same_collection_is_refused(client):
    sponsorship = sponsorship_due_in(client, 10)
    collection_date = today() + timedelta(days=10)
    assert notices.queue_notice(sponsorship, collection_date) is True
    assert notices.queue_notice(sponsorship, collection_date) is False
    assert PreNotice.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path="donations.tasks.send_pre_notice").count() == 1


def test_the_email_task_run_twice_sends_once(client, mailoutbox, run_tasks):
    sponsorship_due_in(client, 10)
    call_command("send_collection_notices", stdout=StringIO())
    send_pre_notice.enqueue(PreNotice.objects.get().pk)
    run_tasks()
    assert len(mailoutbox) == 1
    results = DBTaskResult.objects.filter(task_path="donations.tasks.send_pre_notice")
    assert sorted(result.return_value for result in results) == ["nothing to send", "sent"]


def test_a_refusing_mail_server_leaves_the_notice_queued_and_the_retry_sends_it_once(
    client, settings, mailoutbox, run_tasks, caplog
):
    sponsorship = sponsorship_due_in(client, 10)
    settings.EMAIL_BACKEND = "tests.faults.RefusingMailBackend"
    send_notices(run_tasks)
    notice = PreNotice.objects.get()
    assert notice.sent_at is None and mailoutbox == []
    (failed,) = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    assert "attempt 1 of 6" in failed.traceback
    (retry,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert retry.args_kwargs["args"] == [notice.pk, 2]
    assert retry.run_after > timezone.now() + timedelta(seconds=50)
    for text in (failed.traceback, caplog.text):
        assert sponsorship.donor.email not in text

    # The mail server is back and the retry comes due: one email, however often it runs.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    send_notices(run_tasks)
    run_tasks()
    assert [mail.to for mail in mailoutbox] == [[sponsorship.donor.email]]
    notice.refresh_from_db()
    assert notice.sent_at is not None and PreNotice.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite writes one transaction at a time"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_queue_one_notice(client, monkeypatch):
    sponsorship_due_in(client, 10)
    # Both look up what needs a notice before either writes: the race at its worst.
    both_looked = threading.Barrier(2, timeout=10)
    original = notices.needing_notice

    def look_then_wait(collection_date):
        rows = list(original(collection_date))
        if rows:
            both_looked.wait()
        return rows

    monkeypatch.setattr(notices, "needing_notice", look_then_wait)
    counts = []

    def queue():
        try:
            counts.append(notices.queue_notices())
        finally:
            connection.close()

    threads = [threading.Thread(target=queue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == [0, 1]
    assert PreNotice.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path="donations.tasks.send_pre_notice").count() == 1


# --- staff -----------------------------------------------------------------------------


def test_fundraising_sees_the_notices_and_can_not_add_change_or_delete_them(
    client, run_tasks, fundraising_client
):
    sponsorship = sponsorship_due_in(client, 10)
    send_notices(run_tasks)
    notice = PreNotice.objects.get()
    page = fundraising_client.get("/admin/donations/prenotice/")
    assert page.status_code == 200
    assert sponsorship.reference in page.content.decode() and "€35" in page.content.decode()
    assert fundraising_client.get("/admin/donations/prenotice/add/").status_code == 403
    url = f"/admin/donations/prenotice/{notice.pk}/"
    assert fundraising_client.get(f"{url}delete/").status_code == 403
    fundraising_client.post(f"{url}change/", {"collection_date": "2030-01-01"})
    notice.refresh_from_db()
    assert notice.collection_date == today() + timedelta(days=10)


def test_content_editors_do_not_see_the_notices(client, run_tasks, editor_client):
    sponsorship_due_in(client, 10)
    send_notices(run_tasks)
    assert editor_client.get("/admin/donations/prenotice/").status_code == 403
    url = f"/admin/donations/prenotice/{PreNotice.objects.get().pk}/change/"
    assert editor_client.get(url).status_code == 403


def test_fundraising_records_an_avtalegiro_waiver_and_nothing_else(client, fundraising_client):
    avtalegiro = sponsorship_due_in(client, 10, "avtalegiro").mandate
    url = f"/admin/donations/mandate/{avtalegiro.pk}/change/"
    response = fundraising_client.post(
        url, {"notices_waived": "on", "reference": "1234", "account_holder": "Someone Else"}
    )
    assert response.status_code == 302
    changed = Mandate.objects.get(pk=avtalegiro.pk)
    assert changed.notices_waived is True
    assert (changed.reference, changed.account_holder) == (
        avtalegiro.reference,
        avtalegiro.account_holder,
    )
    # A SEPA mandate has no such waiver: its page is read-only.
    sepa = sponsorship_due_in(client, 10).mandate
    url = f"/admin/donations/mandate/{sepa.pk}/change/"
    assert fundraising_client.post(url, {"notices_waived": "on"}).status_code == 403
    assert Mandate.objects.get(pk=sepa.pk).notices_waived is False


# --- settings --------------------------------------------------------------------------


def test_the_site_refuses_a_notice_period_below_the_one_agreed_with_the_bank():
    result = run(
        ["manage.py", "check"],
        DJANGO_DEBUG="true",
        COLLECTION_NOTICE_DAYS="10",
        SEPA_AGREED_NOTICE_DAYS="14",
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ngo: COLLECTION_NOTICE_DAYS is 10, below the 14 days agreed with the bank "
        "(SEPA_AGREED_NOTICE_DAYS); refusing to start."
    ]
    agreed = run(
        ["manage.py", "check"],
        DJANGO_DEBUG="true",
        COLLECTION_NOTICE_DAYS="5",
        SEPA_AGREED_NOTICE_DAYS="5",
    )
    assert agreed.returncode == 0, agreed.stderr


def test_the_notice_period_is_fourteen_days_unless_set():
    values = "[s.COLLECTION_NOTICE_DAYS, s.SEPA_AGREED_NOTICE_DAYS]"
    assert settings_value(values, DJANGO_DEBUG="true") == [14, 14]
    assert settings_value(values, DJANGO_DEBUG="true", COLLECTION_NOTICE_DAYS="20") == [20, 14]


def test_a_suspended_mandate_or_sponsorship_gets_no_notice(client):
    # Runs skip them after a bank return (AC04, MD01, two in a row), so no notice either.
    closed_account = sponsorship_due_in(client, 10)
    closed_account.mandate.suspended_at = timezone.now()
    closed_account.mandate.save()
    to_call = sponsorship_due_in(client, 10)
    to_call.suspended_at = timezone.now()
    to_call.save()
    kept = sponsorship_due_in(client, 10)
    assert notices.queue_notices() == 1
    assert list(PreNotice.objects.values_list("sponsorship", flat=True)) == [kept.pk]
