"""CSV exports of collections and gifts for the fundraising office, streamed row by row
so that memory stays flat however many rows there are.

These files hold references, dates, amounts and statuses only: NO donor names,
emails, addresses, account numbers or national numbers. Keep it so: they are meant
for spreadsheets that travel.

The cells are written as spreadsheets read them safely: amounts with a dot and two
decimals, dates as YYYY-MM-DD, and a cell a spreadsheet would run as a formula
(CSV injection) starts with "'".
"""

import csv
from datetime import datetime, time, timedelta

from django.utils import timezone

from donations.bank_files import FORMULA_STARTS
from donations.models import Collection, Gift

CHUNK_SIZE = 2000

COLLECTION_COLUMNS = (
    ("reference", "reference"),
    ("sponsorship", "sponsorship__reference"),
    ("collection_date", "collection_date"),
    ("amount", "amount"),
    ("currency", "currency"),
    ("sequence", "sequence"),
    ("status", "status"),
    ("reason_code", "return_reason"),
    ("returned_on", "returned_on"),
    ("run", "run_id"),
)

GIFT_COLUMNS = (
    ("reference", "reference"),
    ("created", "created"),
    ("amount", "amount"),
    ("currency", "currency"),
    ("programme", "programme__title_en"),
    ("payment_reference", "payment_reference"),
    ("status", "status"),
    ("received_on", "received_on"),
    ("received_amount", "received_amount"),
)


class Echo:
    """A file-like object that hands back what is written (csv.writer's target)."""

    def write(self, value):
        return value


def safe_cell(value):
    """A value as its CSV cell: None empty, dates in ISO form, and a text a spreadsheet
    would take for a formula prefixed with "'"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_lines(columns, rows):
    """The header, then one line per row: a generator of str."""
    writer = csv.writer(Echo(), lineterminator="\r\n")
    yield writer.writerow([name for name, _lookup in columns])
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def between(first, last):
    """The aware datetimes from the start of `first` to the end of `last` (local dates)."""
    start = timezone.make_aware(datetime.combine(first, time()))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time()))
    return start, end


def collections(first, last, currency=""):
    """Collections dated from `first` to `last` (both included), in one currency or all."""
    rows = Collection.objects.filter(collection_date__gte=first, collection_date__lte=last)
    return streamed(rows, currency, ("collection_date", "pk"), COLLECTION_COLUMNS)


def gifts(first, last, currency=""):
    """Gifts made from `first` to `last` (local dates, both included)."""
    start, end = between(first, last)
    rows = Gift.objects.filter(created__gte=start, created__lt=end)
    return streamed(rows, currency, ("created", "pk"), GIFT_COLUMNS)


def streamed(rows, currency, order, columns):
    """The rows (of one currency, if given) as CSV lines, read in chunks."""
    if currency:
        rows = rows.filter(currency=currency)
    lookups = [lookup for _name, lookup in columns]
    return csv_lines(columns, rows.order_by(*order).values_list(*lookups).iterator(CHUNK_SIZE))
