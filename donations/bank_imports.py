"""Importing the files banks send back, each once: returned and rejected collections
(camt.054, pain.002), and credits that pay one-off gifts (camt.053, OCR Giro).

`import_file` reads the whole file first (donations/bank_statements.py), then in
one transaction keeps it encrypted and applies it line by line. Every line is
applied so that meeting it again changes nothing: a collection already returned
stays as it is, a gift already received is not received twice, and the same file
is refused outright. Called with plain values; nothing here reads a request.
"""

import hashlib
import os
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from donations import bank_statements
from donations.bank_returns import SUSPEND_MANDATE
from donations.crypto import encrypt_bytes
from donations.models import (
    BankImport,
    Collection,
    CollectionStatus,
    Gift,
    ImportKind,
    ImportLine,
    LineOutcome,
    Status,
)

MAX_FILE_SIZE = 20 * 1024 * 1024  # a month of returns or statements is far smaller

FAILED = (CollectionStatus.RETURNED, CollectionStatus.REJECTED)

# What each kind of import counts, in the order staff read them.
SUSPENSIONS = ("mandates_suspended", "sponsorships_suspended")
CREDIT_COUNTS = ("lines", "matched", "received", "amount_differs", "already_done", "unmatched")
COUNTED = {
    ImportKind.RETURNS: ("lines", "matched", "returned", "already_done", "unmatched", *SUSPENSIONS),
    ImportKind.REJECTS: ("lines", "matched", "rejected", "already_done", "unmatched", *SUSPENSIONS),
    ImportKind.STATEMENT: CREDIT_COUNTS,
    ImportKind.OCR_GIRO: CREDIT_COUNTS,
}

COUNT_LABELS = {
    "lines": _("lines in the file"),
    "matched": _("matched"),
    "returned": _("collections returned"),
    "rejected": _("collections rejected"),
    "received": _("gifts received"),
    "amount_differs": _("amount differs: look at the gift"),
    "already_done": _("already done before"),
    "unmatched": _("not matched: look at them"),
    "mandates_suspended": _("mandates suspended"),
    "sponsorships_suspended": _("sponsorships suspended and listed for a call"),
}


def import_file(kind, uploaded_file, by):
    """Read, keep and apply one bank file; the BankImport, or a ValidationError
    (a broken file, the same file again) with nothing stored."""
    content = uploaded_file.read(MAX_FILE_SIZE + 1)
    if len(content) > MAX_FILE_SIZE:
        raise ValidationError(_("The file is too large for a bank file."), code="too_large")
    digest = hashlib.sha256(content).hexdigest()
    refuse_repeat(kind, digest)
    lines = bank_statements.read(kind, content)
    try:
        with transaction.atomic():
            bank_import = BankImport.objects.create(
                kind=kind,
                file_name=os.path.basename(uploaded_file.name or "")[:255],
                file_encrypted=encrypt_bytes(content),
                sha256=digest,
                imported_by=by,
            )
            apply_lines(bank_import, lines, by)
    except IntegrityError:
        refuse_repeat(kind, digest)  # imported by someone else a moment ago
        raise
    return bank_import


def refuse_repeat(kind, digest):
    earlier = BankImport.objects.filter(kind=kind, sha256=digest).first()
    if earlier is not None:
        when = formats.date_format(timezone.localtime(earlier.imported_at), "DATETIME_FORMAT")
        raise ValidationError(
            _("This file was imported already, on %(when)s. Nothing was changed."),
            code="repeat",
            params={"when": when},
        )


def apply_lines(bank_import, lines, by):
    kind = bank_import.kind
    counts = dict.fromkeys(COUNTED[kind], 0)
    returns = kind in (ImportKind.RETURNS, ImportKind.REJECTS)
    gifts = None if returns else gifts_named(lines)
    rows = []
    for position, line in enumerate(lines, start=1):
        if returns:
            row, effects = apply_return(kind, line)
        else:
            row, effects = apply_credit(line, by, gifts)
        row.bank_import, row.position = bank_import, position
        rows.append(row)
        counts["lines"] += 1
        for key in (row.outcome, *effects):
            counts[key] = counts.get(key, 0) + 1
        if row.outcome != LineOutcome.UNMATCHED:
            counts["matched"] += 1
    if gifts is not None:
        save_received(rows)
    ImportLine.objects.bulk_create(rows)
    bank_import.counts = counts
    bank_import.save(update_fields=["counts"])


RECEIVED_FIELDS = [
    "received_amount",
    "received_on",
    "amount_differs",
    "status",
    "status_changed_at",
    "status_changed_by_id",
]


def save_received(rows):
    """Write the gifts these lines received with one UPDATE per set of values (a
    statement's credits share a few booking dates and amounts) rather than one per
    credit, which took most of a 10,000-credit import. The gifts are locked
    (gifts_named), so no one changed them meanwhile."""
    received = (LineOutcome.RECEIVED, LineOutcome.AMOUNT_DIFFERS)
    groups = defaultdict(set)
    for row in rows:
        if row.outcome in received:
            values = tuple(getattr(row.gift, field) for field in RECEIVED_FIELDS)
            groups[values].add(row.gift.pk)
    for values, pks in groups.items():
        pks = sorted(pks)
        for start in range(0, len(pks), LOOKUP_BATCH):
            batch = pks[start : start + LOOKUP_BATCH]
            Gift.objects.filter(pk__in=batch).update(
                **dict(zip(RECEIVED_FIELDS, values, strict=True))
            )


def line_row(line, outcome, **links):
    """The record of one line: references and amounts, never names or accounts."""
    return ImportLine(
        outcome=outcome,
        reference=line.reference[:140],
        bank_reference=line.bank_reference[:140],
        amount=line.amount,
        currency=line.currency[:3],
        date=line.date,
        reason_code=line.reason[:35],
        **links,
    )


# --- returns and rejects -------------------------------------------------------------


def apply_return(kind, line):
    """Mark the collection returned (camt.054) or rejected (pain.002) with its reason;
    (ImportLine, [what else it did])."""
    collection = (
        Collection.objects.select_for_update()
        .select_related("sponsorship__mandate")
        .filter(reference=line.reference)
        .first()
        if line.reference
        else None
    )
    if collection is None:
        return line_row(line, LineOutcome.UNMATCHED), []
    if collection.status != CollectionStatus.PENDING:
        return line_row(line, LineOutcome.ALREADY_DONE, collection=collection), []
    returned = kind == ImportKind.RETURNS
    collection.status = CollectionStatus.RETURNED if returned else CollectionStatus.REJECTED
    collection.return_reason = line.reason[:4]
    collection.returned_on = line.date or timezone.localdate()
    collection.save(update_fields=["status", "return_reason", "returned_on"])
    effects = []
    if suspend_mandate(collection.sponsorship.mandate, line.reason):
        effects.append("mandates_suspended")
    if suspend_after_two_in_a_row(collection.sponsorship):
        effects.append("sponsorships_suspended")
    outcome = LineOutcome.RETURNED if returned else LineOutcome.REJECTED
    return line_row(line, outcome, collection=collection), effects


def suspend_mandate(mandate, reason):
    """A closed account (AC04) or no mandate at the bank (MD01): never collect on it again."""
    if reason not in SUSPEND_MANDATE or mandate.suspended_at is not None:
        return False
    mandate.suspended_at, mandate.suspended_reason = timezone.now(), reason
    mandate.save(update_fields=["suspended_at", "suspended_reason"])
    return True


def suspend_after_two_in_a_row(sponsorship):
    """The two most recent collections both returned or rejected: collect no more
    and list the sponsorship for a call."""
    if sponsorship.suspended_at is not None:
        return False
    latest = list(sponsorship.collections.order_by("-collection_date")[:2])
    if len(latest) < 2 or any(c.status not in FAILED for c in latest):
        return False
    sponsorship.suspended_at, sponsorship.needs_call = timezone.now(), True
    sponsorship.save(update_fields=["suspended_at", "needs_call"])
    return True


# --- credits ---------------------------------------------------------------------------


LOOKUP_BATCH = 2000  # references per query, well under SQLite's limit of variables


def gifts_named(lines):
    """{payment reference: gift} of the gifts the lines name, locked, in a query per
    LOOKUP_BATCH references rather than one per line. A reference is never shared
    by two gifts (unique_gift_payment_reference)."""
    references = sorted({line.reference for line in lines if line.reference})
    gifts = {}
    for start in range(0, len(references), LOOKUP_BATCH):
        batch = references[start : start + LOOKUP_BATCH]
        for gift in Gift.objects.select_for_update().filter(payment_reference__in=batch):
            gifts[gift.payment_reference] = gift
    return gifts


def apply_credit(line, by, gifts=None):
    """A credit whose reference is a gift's: received when the amount and currency
    are the gift's, flagged when not; (ImportLine, []). `gifts` is gifts_named(…) of
    the whole file; without it the gift is looked up for this line alone. A gift met
    twice in one file is the same object, so the second line sees the first one's
    change."""
    if not line.reference:
        gift = None
    elif gifts is not None:
        gift = gifts.get(line.reference)
    else:
        gift = Gift.objects.select_for_update().filter(payment_reference=line.reference).first()
    if gift is None:
        return line_row(line, LineOutcome.UNMATCHED), []
    if gift.received_on is not None:
        # The same credit in a second statement, or a second payment staff should see.
        same = gift.received_on == line.date and gift.received_amount == line.amount
        outcome = LineOutcome.ALREADY_DONE if same else LineOutcome.UNMATCHED
        return line_row(line, outcome, gift=gift), []
    if gift.status == Status.CANCELLED:
        return line_row(line, LineOutcome.UNMATCHED, gift=gift), []
    gift.received_amount, gift.received_on = line.amount, line.date or timezone.localdate()
    exact = line.amount == gift.amount and line.currency == gift.currency
    gift.amount_differs = not exact
    fields = ["received_amount", "received_on", "amount_differs"]
    if exact and gift.status == Status.PENDING:
        gift.status, gift.status_changed_at, gift.status_changed_by = (
            Status.ACTIVE,
            timezone.now(),
            by,
        )
        fields += ["status", "status_changed_at", "status_changed_by"]
    if gifts is None:
        gift.save(update_fields=fields)
    # With `gifts`, the whole file's received gifts are written at once (save_received).
    outcome = LineOutcome.RECEIVED if exact else LineOutcome.AMOUNT_DIFFERS
    return line_row(line, outcome, gift=gift), []


def counts_for_display(bank_import):
    """[(label, number)] in the order staff read them (the database may keep the
    counts in another order)."""
    counts = bank_import.counts
    return [(COUNT_LABELS[key], counts.get(key, 0)) for key in COUNTED[bank_import.kind]]


def resume_after_call(sponsorships):
    """Staff have called the donors: collect these sponsorships again and take them
    off the call list. A suspended mandate stays suspended: it needs a new one.
    How many were resumed."""
    stopped = sponsorships.filter(models.Q(needs_call=True) | models.Q(suspended_at__isnull=False))
    return stopped.update(needs_call=False, suspended_at=None)
