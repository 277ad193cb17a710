"""Collection runs: what is due, the run and its file, once per sponsorship and date."""

import threading
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from pytest_django.asserts import (
    assertContains,
    assertFormError,
    assertNotContains,
    assertRedirects,
)

from donations import collections
from donations.models import Collection, CollectionRun, RunState, Status
from tests.donations.scheme_donors import DONORS, sponsor_in_scheme

pytestmark = pytest.mark.django_db

NEXT_MONTH = (timezone.localdate().replace(day=1) + timedelta(days=40)).replace(day=15)


def active_sponsorship(client, scheme="sepa", **changes):
    """A sponsorship made through the form, checked and activated by staff."""
    sponsorship = sponsor_in_scheme(client, scheme, **changes)
    sponsorship.status = Status.ACTIVE
    sponsorship.first_collection = NEXT_MONTH
    sponsorship.save()
    return sponsorship


def test_only_active_sponsorships_of_the_scheme_and_day_that_have_begun_are_due(client):
    due = active_sponsorship(client)
    active_sponsorship(client, "avtalegiro")
    other_day = active_sponsorship(client, collection_day="1")
    later = active_sponsorship(client)
    later.first_collection = NEXT_MONTH + timedelta(days=31)
    later.save()
    pending = active_sponsorship(client)
    pending.status = Status.PENDING
    pending.save()
    assert list(collections.due("sepa", NEXT_MONTH)) == [due]
    assert other_day.collection_day == 1
    assert collections.preview("sepa", NEXT_MONTH) == collections.Preview(
        "sepa", NEXT_MONTH, 1, Decimal("35.00"), "EUR"
    )


def test_next_collection_date_is_the_first_collection_day_on_or_after():
    assert collections.next_collection_date(date(2027, 1, 15), days=[1, 15]) == date(2027, 1, 15)
    assert collections.next_collection_date(date(2027, 1, 16), days=[1, 15]) == date(2027, 2, 1)
    assert collections.next_collection_date(date(2027, 12, 2), days=[1]) == date(2028, 1, 1)


def test_the_database_refuses_a_second_collection_of_a_sponsorship_on_one_date(client):
    sponsorship = active_sponsorship(client)
    run = collections.start_run("sepa", NEXT_MONTH)
    duplicate = Collection(
        run=run,
        sponsorship=sponsorship,
        collection_date=NEXT_MONTH,
        reference="other",
        amount=Decimal("35"),
        currency="EUR",
    )
    with transaction.atomic(), pytest.raises(IntegrityError):
        duplicate.save()


def test_a_run_collects_each_sponsorship_once_with_what_the_donor_signed(client):
    first = active_sponsorship(client)
    second = active_sponsorship(client, amount="other", other_amount="12.50")
    run = collections.start_run("sepa", NEXT_MONTH)
    assert (run.count, run.total, run.currency, run.state) == (
        2,
        Decimal("47.50"),
        "EUR",
        RunState.READY,
    )
    rows = {c.sponsorship_id: c for c in run.collections.all()}
    assert rows[first.pk].amount == Decimal("35.00")
    assert rows[second.pk].amount == Decimal("12.50")
    assert {c.sequence for c in rows.values()} == {"FRST"}
    assert rows[first.pk].reference == f"{first.reference}-{NEXT_MONTH:%Y%m%d}"
    # The same date again: nothing is due any more.
    with pytest.raises(collections.RunRefused):
        collections.start_run("sepa", NEXT_MONTH)
    assert CollectionRun.objects.count() == 1


def test_the_next_month_is_recurring_unless_the_first_was_rejected(client):
    kept = active_sponsorship(client)
    rejected = active_sponsorship(client)
    collections.start_run("sepa", NEXT_MONTH)
    Collection.objects.filter(sponsorship=rejected).update(status="rejected")
    following = NEXT_MONTH + timedelta(days=31)
    following = following.replace(day=15)
    run = collections.start_run("sepa", following)
    sequences = {c.sponsorship_id: c.sequence for c in run.collections.all()}
    assert sequences == {kept.pk: "RCUR", rejected.pk: "FRST"}


@pytest.mark.parametrize("scheme", ["sepa", "avtalegiro", "betalingsservice"])
def test_the_file_downloads_with_the_same_bytes_every_time(client, scheme, fundraising_client):
    sponsorship = active_sponsorship(client, scheme)
    run = collections.start_run(scheme, NEXT_MONTH)
    url = f"/admin/donations/collectionrun/{run.pk}/download/"
    first = b"".join(fundraising_client.get(url).streaming_content)
    second = b"".join(fundraising_client.get(url).streaming_content)
    assert first == second == collections.run_file(run)
    # The donor's own agreement, in the file the bank reads.
    assert sponsorship.mandate.reference.encode() in first
    assert run.file_name.startswith(f"{scheme}-{NEXT_MONTH:%Y-%m-%d}-")
    # Account numbers are in the file, so the stored file is encrypted.
    assert b"0961" not in run.file_encrypted.encode()


def test_staff_preview_then_start_a_run_in_the_admin(client, fundraising_client):
    active_sponsorship(client)
    active_sponsorship(client)
    url = "/admin/donations/collectionrun/start/"
    form = {"scheme": "sepa", "collection_date": NEXT_MONTH.isoformat()}
    preview = fundraising_client.post(url, form)
    assertContains(preview, "2 sponsorships are due on")
    assertContains(preview, "€70 in all")
    assert CollectionRun.objects.count() == 0
    response = fundraising_client.post(url, {**form, "confirm": "Start the run"})
    run = CollectionRun.objects.get()
    assertRedirects(response, f"/admin/donations/collectionrun/{run.pk}/change/")
    page = fundraising_client.get(response["Location"])
    assertContains(page, run.file_name)


def test_the_start_form_refuses_past_dates_and_other_days(fundraising_client):
    url = "/admin/donations/collectionrun/start/"
    yesterday = timezone.localdate() - timedelta(days=1)
    response = fundraising_client.post(url, {"scheme": "sepa", "collection_date": yesterday})
    assertFormError(response.context["form"], "collection_date", "This date has passed.")
    other_day = NEXT_MONTH.replace(day=3)
    response = fundraising_client.post(url, {"scheme": "sepa", "collection_date": other_day})
    assertFormError(
        response.context["form"],
        "collection_date",
        "Collections fall on these days of the month: 1, 15.",
    )
    assert CollectionRun.objects.count() == 0


def test_content_editors_can_neither_start_nor_download_runs(client, editor_client):
    active_sponsorship(client)
    run = collections.start_run("sepa", NEXT_MONTH)
    assert editor_client.get("/admin/donations/collectionrun/start/").status_code == 403
    url = f"/admin/donations/collectionrun/{run.pk}/download/"
    assert editor_client.get(url).status_code == 403


def test_the_scheduler_command_makes_each_schemes_run_once(client):
    for scheme in DONORS:
        active_sponsorship(client, scheme)
    out = StringIO()
    call_command("make_collection_runs", date=NEXT_MONTH, stdout=out)
    assert sorted(CollectionRun.objects.values_list("scheme", flat=True)) == [
        "avtalegiro",
        "betalingsservice",
        "sepa",
    ]
    call_command("make_collection_runs", date=NEXT_MONTH, stdout=out)
    assert CollectionRun.objects.count() == 3
    assert "sepa" in out.getvalue() and "nothing due" in out.getvalue()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite writes one transaction at a time"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_staff_starting_the_same_run_at_once_make_one_run(client, monkeypatch):
    for _ in range(3):
        active_sponsorship(client)
    # Both look up what is due before either writes: the race at its worst.
    both_looked = threading.Barrier(2, timeout=10)
    original_due = collections.due

    def due_then_wait(*args):
        rows = list(original_due(*args))
        both_looked.wait()
        return rows

    monkeypatch.setattr(collections, "due", due_then_wait)
    outcomes = []

    def start():
        try:
            outcomes.append(collections.start_run("sepa", NEXT_MONTH))
        except collections.RunRefused as refusal:
            outcomes.append(refusal)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["CollectionRun", "RunRefused"]
    assert CollectionRun.objects.count() == 1
    assert Collection.objects.count() == 3


def test_a_run_is_read_not_edited_and_is_marked_sent_from_the_list(client, fundraising_client):
    active_sponsorship(client)
    run = collections.start_run("sepa", NEXT_MONTH)
    page = fundraising_client.get(f"/admin/donations/collectionrun/{run.pk}/change/")
    assertNotContains(page, 'name="_save"')
    response = fundraising_client.post(
        "/admin/donations/collectionrun/",
        {"action": "mark_submitted", "_selected_action": [run.pk]},
    )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.state == RunState.SUBMITTED and run.submitted_at is not None


def test_a_runs_page_reads_its_collections_in_one_query(
    client, fundraising_client, django_assert_max_num_queries
):
    for _ in range(5):
        active_sponsorship(client)
    run = collections.start_run("sepa", NEXT_MONTH)
    url = f"/admin/donations/collectionrun/{run.pk}/change/"
    fundraising_client.get(url)  # sessions and permissions warmed up
    with django_assert_max_num_queries(12) as queries:
        page = fundraising_client.get(url)
    assertContains(page, run.collections.first().reference)
    assert sum("donations_sponsorship" in q["sql"] for q in queries.captured_queries) <= 1
