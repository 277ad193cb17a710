"""The CSV exports stream: memory stays flat from 10,000 to 100,000 rows."""

import tracemalloc
from datetime import date, timedelta
from decimal import Decimal

import pytest

from donations.models import Collection, CollectionRun
from tests.donations.bank_samples import make_sponsorship

# Slow-ish (100,000 rows, about half a minute on SQLite) but run with the suite:
# deselect with -m "not slow" while working on something else.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SPONSORSHIPS = 100
FIRST_DAY = date(2000, 1, 1)
EXPORT = "/admin/donations/overview/export/collections.csv"


def add_collections(sponsorships, run, days):
    """One collection per sponsorship and day in `days` (offsets from FIRST_DAY)."""
    for offset in days:
        day = FIRST_DAY + timedelta(days=offset)
        Collection.objects.bulk_create(
            [
                Collection(
                    run=run,
                    sponsorship=sponsorship,
                    collection_date=day,
                    reference=f"{sponsorship.reference}-{offset}",
                    amount=Decimal("35.00"),
                    currency="EUR",
                    sequence="RCUR",
                )
                for sponsorship in sponsorships
            ]
        )


def streamed(client, last=FIRST_DAY + timedelta(days=1000)):
    """Peak memory (bytes) while the export is asked for and streams to its end, and
    its number of lines. The database rows are made before; the request's own work
    (the view and its query) and the whole iteration are measured."""
    query = {"date_from": FIRST_DAY, "date_to": last}
    tracemalloc.start()
    try:
        response = client.get(EXPORT, query)
        assert response.status_code == 200 and response.streaming
        lines = 0
        # The test client closes the response once its content is read to the end
        # (closing it again would close the test's database connection).
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, lines


def test_memory_stays_flat_from_ten_thousand_to_a_hundred_thousand_rows(fundraising_client):
    sponsorships = [make_sponsorship() for _ in range(SPONSORSHIPS)]
    run = CollectionRun.objects.create(
        scheme="sepa",
        collection_date=FIRST_DAY,
        currency="EUR",
        count=0,
        total=0,
        file_name="run.xml",
        file_encrypted="not a real file",
    )
    add_collections(sponsorships, run, range(100))
    streamed(fundraising_client, last=FIRST_DAY)  # a first request warms the caches
    small, lines = streamed(fundraising_client)
    assert lines == 10_000 + 1
    add_collections(sponsorships, run, range(100, 1000))
    large, lines = streamed(fundraising_client)
    assert lines == 100_000 + 1
    print(f"peak while streaming: {small} bytes for 10,000 rows, {large} for 100,000")
    assert large < 1.5 * small + 64 * 1024
