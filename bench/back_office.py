"""Back-office benchmark: collection files, bank imports and the CSV export at scale.

Builds 10,000 active euro sponsorships (SEPA mandates) and 10,000 Norwegian ones
(AvtaleGiro agreements), all collected on the same day, with six months of earlier
collections, and 10,000 pending euro gifts. Then it measures, each three times (the
median is reported):

- a SEPA run (`start_run`) and, on its own, the pain.008 writer with its XSD check;
- an AvtaleGiro run and, on its own, the claims writer;
- importing a camt.054 with 1,000 returns of the SEPA run;
- importing a camt.053 with 10,000 credits, one per gift;
- the peak Python memory (tracemalloc) of streaming 10,000 and 100,000 collection
  rows through `csv.writer`, as the collections export does.

Runs and imports are rolled back after each measurement, so every repetition starts
from the same rows. Building the rows (with 20,000 account numbers to encrypt) is
timed apart and not counted.

Run it from the repository root on a database of its own: it is dropped and made
again (PostgreSQL) or emptied (others), so its name must contain "bench":

    DJANGO_DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/ngo_bench \\
        .venv/bin/python bench/back_office.py

DJANGO_DEBUG=true only gives the development keys; the script turns settings.DEBUG
off once Django is set up, so queries are not logged, as in production. Options
(`--help`) make the rows fewer for a quick check. Figures are in docs/performance.md.
"""

import argparse
import csv
import itertools
import os
import platform
import random
import statistics
import sys
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from time import perf_counter, process_time
from uuid import uuid4

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngo.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from stdnum.no import kontonr  # noqa: E402

from bench.database import database_version, fresh_database  # noqa: E402
from donations import bank_files, exports  # noqa: E402
from donations.bank_imports import import_file  # noqa: E402
from donations.banking import (  # noqa: E402
    Account,
    Scheme,
    random_code,
    random_digits,
    random_kid,
    random_structured_communication,
)
from donations.collections import line, start_run  # noqa: E402
from donations.models import (  # noqa: E402
    Collection,
    CollectionRun,
    CollectionStatus,
    Donor,
    Gift,
    ImportKind,
    Mandate,
    Sequence,
    Sponsorship,
    Status,
)
from tests.donations.bank_samples import Credit, Return, camt053, camt054, upload  # noqa: E402

# Queries are not kept in memory (connection.queries) while we measure.
settings.DEBUG = False

RUN_DATE = date(2026, 12, 15)  # a collection day (DONATION_COLLECTION_DAYS)
HISTORY_MONTHS = 6  # earlier collections of the established sponsorships
NEW_SHARE = 0.1  # sponsorships with no collection yet: FRST in the SEPA file
HISTORY_RETURNED_SHARE = 0.02  # earlier collections the bank returned

FILE_TARGET = 5.0  # seconds, per file
IMPORT_TARGET = 10.0  # seconds, per import

FIRST_NAMES = ["Ann", "Søren", "Łukasz", "Marie-Claire", "Jan", "Ingrid", "Zoë", "Kari"]
LAST_NAMES = ["Peeters", "Ødegård", "Van den Broeck", "Dubois", "Hansen", "Müller", "O'Brien"]
RETURN_REASONS = ["AM04"] * 70 + ["MS02"] * 15 + ["AC04"] * 10 + ["MD01"] * 5

rng = random.Random(20261215)


# --- the database --------------------------------------------------------------------


def analyze():
    """Planner statistics after the bulk inserts, as autovacuum would gather them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- the rows ------------------------------------------------------------------------


def distinct(make, count):
    values = set()
    while len(values) < count:
        values.add(make())
    return list(values)


def german_iban(number):
    # Bank code and account number as digits: any 10 digits make a valid DE IBAN.
    from schwifty import IBAN

    return IBAN.generate("DE", bank_code="37040044", account_code=f"{number:010d}").compact


def norwegian_account():
    while True:
        base = random_digits(10)
        for digit in "0123456789":
            if kontonr.is_valid(base + digit):
                return base + digit


def month_before(day, months):
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return day.replace(year=year, month=month + 1)


def build(per_currency, gifts, timings):
    """The rows the measurements use; each step's time goes into `timings`."""
    now = timezone.now()

    start = perf_counter()
    donors = Donor.objects.bulk_create(
        [
            Donor(
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"donor{number}@example.org",
                street="Kerkstraat 1",
                postal_code="3000",
                city="Leuven",
                country="BE" if number < per_currency else "NO",
                language=rng.choice(["nl", "fr", "en"]) if number < per_currency else "nb",
                privacy_consent_version="1",
                privacy_consent_text="Privacy text",
                privacy_consent_at=now,
            )
            for number in range(2 * per_currency)
        ],
        batch_size=2000,
    )
    timings["donors"] = perf_counter() - start

    start = perf_counter()
    sepa_references = distinct(lambda: random_code("M"), per_currency)
    kids = distinct(lambda: random_kid(1), per_currency)
    mandates = []
    for number, donor in enumerate(donors):
        sepa = number < per_currency
        mandate = Mandate(
            scheme=Scheme.SEPA if sepa else Scheme.AVTALEGIRO,
            donor=donor,
            reference=sepa_references[number] if sepa else kids[number - per_currency],
            account_holder=f"{donor.first_name} {donor.last_name}",
            creditor_name="Children's Villages",
            creditor_id="BE68ZZZ0123456789" if sepa else "987654325",
            text="Mandate text",
            signed_at=now - timedelta(days=200),
        )
        if sepa:
            mandate.set_account(Account(german_iban(number), "DE"))
        else:
            mandate.set_account(Account(norwegian_account(), "NO"))
        mandates.append(mandate)
    timings["mandates: accounts encrypted"] = perf_counter() - start
    start = perf_counter()
    Mandate.objects.bulk_create(mandates, batch_size=2000)
    timings["mandates: inserted"] = perf_counter() - start

    start = perf_counter()
    references = distinct(lambda: random_code("S"), 2 * per_currency)
    established_since = month_before(RUN_DATE, HISTORY_MONTHS)
    sponsorships = Sponsorship.objects.bulk_create(
        [
            Sponsorship(
                reference=references[number],
                donor=mandate.donor,
                mandate=mandate,
                amount=Decimal(rng.choice([25, 30, 35, 50] if sepa else [200, 250, 300])),
                currency="EUR" if sepa else "NOK",
                status=Status.ACTIVE,
                status_changed_at=now,
                submission_token=uuid4(),
                collection_day=RUN_DATE.day,
                first_collection=RUN_DATE if rng.random() < NEW_SHARE else established_since,
            )
            for number, mandate in enumerate(mandates)
            for sepa in [number < per_currency]
        ],
        batch_size=2000,
    )
    timings["sponsorships"] = perf_counter() - start

    start = perf_counter()
    history = []
    for months in range(HISTORY_MONTHS, 0, -1):
        day = month_before(RUN_DATE, months)
        for scheme, currency in ((Scheme.SEPA, "EUR"), (Scheme.AVTALEGIRO, "NOK")):
            due = [s for s in sponsorships if s.currency == currency and s.first_collection <= day]
            run = CollectionRun.objects.create(
                scheme=scheme,
                collection_date=day,
                currency=currency,
                count=len(due),
                total=sum(s.amount for s in due),
                file_name=f"{scheme}-{day}.txt",
                file_encrypted="not a real file",
            )
            for sponsorship in due:
                returned = rng.random() < HISTORY_RETURNED_SHARE
                history.append(
                    Collection(
                        run=run,
                        sponsorship=sponsorship,
                        collection_date=day,
                        reference=f"{sponsorship.reference}-{day:%Y%m%d}",
                        amount=sponsorship.amount,
                        currency=currency,
                        sequence=(
                            ""
                            if currency != "EUR"
                            else Sequence.FIRST
                            if day == sponsorship.first_collection
                            else Sequence.RECURRING
                        ),
                        status=CollectionStatus.RETURNED if returned else CollectionStatus.PENDING,
                        return_reason="AM04" if returned else "",
                        returned_on=day + timedelta(days=4) if returned else None,
                    )
                )
    Collection.objects.bulk_create(history, batch_size=5000)
    timings["earlier collections"] = perf_counter() - start

    start = perf_counter()
    communications = distinct(random_structured_communication, gifts)
    gift_references = distinct(lambda: random_code("G"), gifts)
    Gift.objects.bulk_create(
        [
            Gift(
                reference=gift_references[number],
                donor=donors[number % per_currency],
                amount=Decimal(rng.choice([20, 50, 100, 250])),
                currency="EUR",
                status=Status.PENDING,
                submission_token=uuid4(),
                payment_reference=communications[number],
            )
            for number in range(gifts)
        ],
        batch_size=2000,
    )
    timings["gifts"] = perf_counter() - start

    start = perf_counter()
    analyze()
    timings["ANALYZE"] = perf_counter() - start
    return len(history)


# --- measuring -----------------------------------------------------------------------


def rolled_back(action):
    """timed(action), with everything it wrote rolled back afterwards;
    `action` may check its result before the rollback."""
    with transaction.atomic():
        start, cpu = perf_counter(), process_time()
        action()
        seconds = (perf_counter() - start, process_time() - cpu)
        transaction.set_rollback(True)
    return seconds


def repeated(times, measure):
    return [measure() for _ in range(times)]


def timed(action):
    """(wall seconds, this process's CPU seconds): on a shared machine the second
    says how much of the first was our own work (the database server's is not in it)."""
    start, cpu = perf_counter(), process_time()
    action()
    return perf_counter() - start, process_time() - cpu


def run_lines(run):
    collections = (
        run.collections.select_related("sponsorship__mandate", "sponsorship__donor")
        .order_by("id")
        .all()
    )
    return list(collections), [line(collection) for collection in collections]


def measure_runs(times, results):
    """SEPA and AvtaleGiro: the whole run, then the writer alone; the SEPA run kept."""
    kept = {}
    for scheme, writer, name in (
        (Scheme.SEPA, sepa_writer, "SEPA"),
        (Scheme.AVTALEGIRO, avtalegiro_writer, "AvtaleGiro"),
    ):
        results.append(
            (
                f"{name} run: `start_run` (select, collections, lines, file, encrypt)",
                repeated(
                    times, lambda scheme=scheme: rolled_back(lambda: start_run(scheme, RUN_DATE))
                ),
                FILE_TARGET,
            )
        )
        run = start_run(scheme, RUN_DATE)
        collections, lines = run_lines(run)
        assert len(lines) == run.count, (scheme, len(lines), run.count)
        results.append(
            (
                f"{name} file alone: `{writer.__name__}`",
                repeated(
                    times,
                    lambda run=run, lines=lines, writer=writer: timed(lambda: writer(run, lines)),
                ),
                FILE_TARGET,
            )
        )
        kept[scheme] = collections
    return kept


def sepa_writer(run, lines):
    """pain.008 written and checked against the XSD."""
    message_id = f"RUN-{run.pk}-{run.collection_date:%Y%m%d}"
    return bank_files.sepa_direct_debit(lines, run.collection_date, message_id)


def avtalegiro_writer(run, lines):
    return bank_files.avtalegiro_claims(lines, run.collection_date, run.pk)


def imported(kind, content, expect):
    """Import the file; check what it did before the caller rolls it back."""

    def action():
        bank_import = import_file(kind, upload(content), by=None)
        counts = bank_import.counts
        assert all(counts.get(key) == value for key, value in expect.items()), counts

    return action


def measure_imports(times, sepa_collections, returns, results):
    chosen = rng.sample(sepa_collections, returns)
    content = camt054(
        [
            Return(
                collection.reference,
                rng.choice(RETURN_REASONS),
                amount=collection.amount,
                booked=RUN_DATE + timedelta(days=4),
            )
            for collection in chosen
        ]
    )
    results.append(
        (
            f"camt.054 import: {returns:,} returns",
            repeated(
                times,
                lambda: rolled_back(
                    imported(ImportKind.RETURNS, content, {"lines": returns, "returned": returns})
                ),
            ),
            IMPORT_TARGET,
        )
    )

    gifts = list(Gift.objects.values_list("payment_reference", "amount"))
    content = camt053(
        [
            Credit(amount, structured=reference, booked=RUN_DATE - timedelta(days=3))
            for reference, amount in gifts
        ]
    )
    results.append(
        (
            f"camt.053 import: {len(gifts):,} credits",
            repeated(
                times,
                lambda: rolled_back(
                    imported(
                        ImportKind.STATEMENT, content, {"lines": len(gifts), "received": len(gifts)}
                    )
                ),
            ),
            IMPORT_TARGET,
        )
    )


# --- the CSV export ------------------------------------------------------------------

EXPORT_COLUMNS = (
    "collection_date",
    "run__scheme",
    "reference",
    "sponsorship__reference",
    "amount",
    "currency",
    "sequence",
    "status",
    "return_reason",
    "returned_on",
)


class Echo:
    """The pseudo-buffer a streamed CSV response writes into: each row's text is
    handed on, nothing is kept."""

    def write(self, value):
        return value


def queryset_chunks(limit):
    """CSV text, one chunk per row, as a StreamingHttpResponse would send it: the
    export's technique, `values_list(...).iterator(chunk_size=2000)`."""
    writer = csv.writer(Echo())
    yield writer.writerow(EXPORT_COLUMNS)
    rows = Collection.objects.order_by("id").values_list(*EXPORT_COLUMNS)[:limit]
    for row in rows.iterator(chunk_size=2000):
        yield writer.writerow(row)


def listed_chunks(limit):
    """For comparison: the same rows read into a list first (no .iterator())."""
    writer = csv.writer(Echo())
    yield writer.writerow(EXPORT_COLUMNS)
    rows = list(Collection.objects.order_by("id").values_list(*EXPORT_COLUMNS)[:limit])
    for row in rows:
        yield writer.writerow(row)


def export_view_chunks(limit):
    """The collections export itself (donations.exports, what the admin's CSV view
    streams), cut after `limit` rows: the header and one line per row."""
    yield from itertools.islice(exports.collections(date.min, date.max), limit + 1)


def csv_peak(chunks_factory, limit):
    """(peak bytes traced while streaming, rows streamed, seconds): every chunk is
    made and dropped, as a response sends it."""
    tracemalloc.start()
    start = perf_counter()
    try:
        rows = -1  # the header
        for chunk in chunks_factory(limit):
            rows += chunk.count("\n") if isinstance(chunk, str) else chunk.count(b"\n")
        seconds = perf_counter() - start
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, rows, seconds


def measure_csv(times, sizes, csv_results):
    sources = [("queryset `.iterator(chunk_size=2000)`", queryset_chunks)]
    sources.append(("the collections export", export_view_chunks))
    sources.append(("for comparison: list, no `.iterator()`", listed_chunks))
    for name, factory in sources:
        for size in sizes:
            runs = [csv_peak(factory, size) for _ in range(times)]
            rows = {streamed for _peak, streamed, _seconds in runs}
            assert rows == {size}, (name, size, rows)
            csv_results.append(
                (name, size, [peak for peak, *_rest in runs], [s for *_rest, s in runs])
            )


# --- the report ----------------------------------------------------------------------


def report(results, csv_results, build_timings, counts, times):
    print()
    print(f"{database_version()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    print(", ".join(f"{value:,} {name}" for name, value in counts.items()))
    print()
    print("Building the rows (not counted):")
    for name, seconds in build_timings.items():
        print(f"  {name}: {seconds:.1f} s")
    print()
    print(
        f"| measurement | median of {times} (s) | all runs (s) | CPU of this process, "
        "median (s) | target | met |"
    )
    print("| --- | ---: | --- | ---: | --- | --- |")
    for name, runs, target in results:
        median = statistics.median(wall for wall, _cpu in runs)
        cpu = statistics.median(cpu for _wall, cpu in runs)
        each = " · ".join(f"{wall:.2f}" for wall, _cpu in runs)
        met = "yes" if median < target else "**no**"
        print(f"| {name} | {median:.2f} | {each} | {cpu:.2f} | < {target:.0f} s | {met} |")
    print()
    print(f"| CSV export | rows | peak memory, median of {times} (MiB) | seconds (traced) |")
    print("| --- | ---: | ---: | ---: |")
    for name, rows, peaks, seconds in csv_results:
        print(
            f"| {name} | {rows:,} | {statistics.median(peaks) / 2**20:.2f} "
            f"| {statistics.median(seconds):.2f} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sponsorships", type=int, default=10_000, help="per currency")
    parser.add_argument("--gifts", type=int, default=10_000)
    parser.add_argument("--returns", type=int, default=1_000)
    parser.add_argument("--csv-rows", default="10000,100000", help="comma-separated sizes")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    sizes = [int(size) for size in options.csv_rows.split(",")]

    print("Making the database…", flush=True)
    fresh_database()
    print("Building the rows…", flush=True)
    build_timings = {}
    history = build(options.sponsorships, options.gifts, build_timings)
    counts = {
        "EUR sponsorships (SEPA)": options.sponsorships,
        "NOK sponsorships (AvtaleGiro)": options.sponsorships,
        "earlier collections": history,
        "pending EUR gifts": options.gifts,
    }
    results, csv_results = [], []
    print("Measuring the runs…", flush=True)
    kept = measure_runs(options.repeat, results)
    counts["collections"] = Collection.objects.count()
    print("Measuring the imports…", flush=True)
    measure_imports(options.repeat, kept[Scheme.SEPA], options.returns, results)
    print("Measuring the CSV export…", flush=True)
    if max(sizes) > counts["collections"]:
        sys.exit(f"bench: only {counts['collections']:,} collections for {max(sizes):,} rows")
    measure_csv(options.repeat, sizes, csv_results)
    report(results, csv_results, build_timings, counts, options.repeat)


if __name__ == "__main__":
    main()
