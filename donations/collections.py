"""Collection runs: every active sponsorship of one scheme due on one date, written
to the bank file of that scheme.

A sponsorship is collected once per date: the database refuses a second
collection, so two staff starting the same run at once get one run, not two.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from donations import bank_files
from donations.banking import SCHEMES, Scheme
from donations.crypto import decrypt_bytes, encrypt_bytes
from donations.models import (
    Collection,
    CollectionRun,
    CollectionStatus,
    Sequence,
    Sponsorship,
)

CURRENCIES = {scheme: currency for currency, scheme in SCHEMES.items()}

EXTENSIONS = {Scheme.SEPA: "xml", Scheme.AVTALEGIRO: "txt", Scheme.BETALINGSSERVICE: "csv"}


def write_file(run, lines):
    """The bank file of the run's scheme, as bytes."""
    if run.scheme == Scheme.SEPA:
        message_id = f"RUN-{run.pk}-{run.collection_date:%Y%m%d}"
        content = bank_files.sepa_direct_debit(lines, run.collection_date, message_id)
    elif run.scheme == Scheme.AVTALEGIRO:
        content = bank_files.avtalegiro_claims(lines, run.collection_date, run.pk)
    else:
        content = bank_files.betalingsservice_csv(lines, run.collection_date)
    return content.encode() if isinstance(content, str) else content


class RunRefused(Exception):
    """A run that can not be made, with a message for staff."""


@dataclass(frozen=True)
class Preview:
    scheme: str
    collection_date: date
    count: int
    total: Decimal
    currency: str


def due(scheme, collection_date):
    """Sponsorships of this scheme collected on this date (collected_on) that have no
    collection on it yet."""
    return (
        Sponsorship.objects.collected_on(collection_date)
        .filter(mandate__scheme=scheme)
        .exclude(collections__collection_date=collection_date)
        .select_related("mandate", "donor")
        .order_by("id")
    )


def preview(scheme, collection_date):
    totals = due(scheme, collection_date).aggregate(
        count=models.Count("id"), total=models.Sum("amount")
    )
    return Preview(
        scheme=scheme,
        collection_date=collection_date,
        count=totals["count"],
        total=totals["total"] or Decimal("0.00"),
        currency=CURRENCIES[scheme],
    )


def next_collection_date(after, days=None):
    """The first of the collection days (settings) on or after `after`."""
    days = sorted(days or settings.DONATION_COLLECTION_DAYS)
    for offset in range(62):
        candidate = after + timedelta(days=offset)
        if candidate.day in days:
            return candidate
    raise ValueError("no collection day in two months")


def sequences(sponsorships, collection_date):
    """SEPA: FRST until a collection of this mandate has reached the bank, RCUR after.
    A rejected collection never reached the donor's account, so it does not count.
    {sponsorship id: sequence}, in one query however many sponsorships there are."""
    sepa = [s.pk for s in sponsorships if s.mandate.scheme == Scheme.SEPA]
    collected = set()
    if sepa:
        collected = set(
            Collection.objects.filter(sponsorship__in=sepa, collection_date__lt=collection_date)
            .exclude(status=CollectionStatus.REJECTED)
            .values_list("sponsorship_id", flat=True)
            .distinct()
        )

    def sequence(sponsorship):
        if sponsorship.mandate.scheme != Scheme.SEPA:
            return ""
        return Sequence.RECURRING if sponsorship.pk in collected else Sequence.FIRST

    return {sponsorship.pk: sequence(sponsorship) for sponsorship in sponsorships}


def statement_text(sponsorship):
    """What the donor reads on their bank statement, in their own language."""
    with override(sponsorship.donor.language):
        return _("Monthly sponsorship %(reference)s") % {"reference": sponsorship.reference}


def line(collection):
    sponsorship = collection.sponsorship
    mandate = sponsorship.mandate
    return bank_files.Line(
        end_to_end_id=collection.reference,
        mandate_reference=mandate.reference,
        mandate_signed=mandate.signed_at.date(),
        debtor_name=mandate.account_holder,
        account=mandate.reveal_account(),
        amount=collection.amount,
        currency=collection.currency,
        sequence=collection.sequence,
        description=statement_text(sponsorship),
    )


def start_run(scheme, collection_date, *, by=None):
    """Make the run and its file; RunRefused when nothing is due or another run
    took these collections first."""
    try:
        with transaction.atomic():
            return _make_run(scheme, collection_date, by)
    except IntegrityError:
        raise RunRefused(
            _("Another run took these collections a moment ago. Look at the list of runs.")
        ) from None


def _make_run(scheme, collection_date, by):
    sponsorships = list(due(scheme, collection_date))
    if not sponsorships:
        raise RunRefused(_("Nothing is due on this date for this scheme."))
    run = CollectionRun.objects.create(
        scheme=scheme,
        collection_date=collection_date,
        currency=CURRENCIES[scheme],
        count=len(sponsorships),
        total=sum(s.amount for s in sponsorships),
        created_by=by,
    )
    sequence = sequences(sponsorships, collection_date)
    collections = Collection.objects.bulk_create(
        Collection(
            run=run,
            sponsorship=sponsorship,
            collection_date=collection_date,
            reference=f"{sponsorship.reference}-{collection_date:%Y%m%d}",
            amount=sponsorship.amount,
            currency=sponsorship.currency,
            sequence=sequence[sponsorship.pk],
        )
        for sponsorship in sponsorships
    )
    for collection, sponsorship in zip(collections, sponsorships, strict=True):
        collection.sponsorship = sponsorship
    content = write_file(run, [line(c) for c in collections])
    run.file_name = f"{scheme}-{collection_date:%Y-%m-%d}-{run.pk}.{EXTENSIONS[scheme]}"
    run.file_encrypted = encrypt_bytes(content)
    run.save(update_fields=["file_name", "file_encrypted"])
    return run


def run_file(run):
    """The run's file, byte for byte as it was written."""
    return decrypt_bytes(run.file_encrypted)
