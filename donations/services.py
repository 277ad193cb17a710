"""Storing donations and moving them on: called with plain, already checked data.

The view hands the form's cleaned values here; nothing in this module reads a
request or a form. Each donation is stored in one transaction together with the
task that emails its confirmation (donations/tasks.py), so the donor's page
never waits for a mail server.
"""

import calendar
from dataclasses import dataclass
from datetime import timedelta
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from donations import banking, legal
from donations.models import Donor, Gift, Mandate, Sponsorship, Status, unused

# Allowed status changes: from which states a donation may move to each status.
TRANSITIONS = {Status.ACTIVE: (Status.PENDING,), Status.CANCELLED: (Status.PENDING, Status.ACTIVE)}


@dataclass(frozen=True)
class DonorDetails:
    """Who gives, as the form checked it, and the consent texts they saw."""

    first_name: str
    last_name: str
    email: str
    street: str
    postal_code: str
    city: str
    country: str
    language: str
    privacy_text: str
    phone: str = ""
    national_id: str = ""  # only when a tax receipt is asked for
    newsletter: bool = False
    newsletter_text: str = ""


def first_collection_date(day, today=None):
    """The first `day` of a month that leaves the donor the notice period."""
    today = today or timezone.localdate()
    earliest = today + timedelta(days=settings.DONATION_FIRST_COLLECTION_NOTICE_DAYS)
    year, month = earliest.year, earliest.month
    while True:
        last = calendar.monthrange(year, month)[1]
        candidate = earliest.replace(year=year, month=month, day=min(day, last))
        if candidate >= earliest:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def donor_create(details):
    now = timezone.now()
    donor = Donor(
        first_name=details.first_name,
        last_name=details.last_name,
        email=details.email,
        phone=details.phone,
        street=details.street,
        postal_code=details.postal_code,
        city=details.city,
        country=details.country,
        language=details.language,
        wants_tax_receipt=bool(details.national_id),
        privacy_consent_version=settings.CONSENT_TEXT_VERSION,
        privacy_consent_text=details.privacy_text,
        privacy_consent_at=now,
        newsletter=details.newsletter,
        newsletter_consent_text=details.newsletter_text if details.newsletter else "",
        newsletter_consent_at=now if details.newsletter else None,
    )
    donor.set_national_id(details.national_id)
    donor.save()
    return donor


def mandate_create(*, donor, scheme, account, account_holder):
    """A mandate in the scheme of the currency, with the text the donor agreed to
    (the active language is the page's)."""
    creditor_id, creditor_group = legal.creditor_identifiers(scheme)
    mandate = Mandate(
        donor=donor,
        scheme=scheme,
        account_holder=account_holder,
        creditor_name=legal.creditor_name(),
        creditor_id=creditor_id,
        creditor_group=creditor_group,
        text=legal.mandate_text(scheme),
        signed_at=timezone.now(),
    )
    mandate.set_account(account)
    mandate.save()
    return mandate


def sponsorship_create(
    *, donor, amount, currency, place, account, account_holder, collection_day, token, digest
):
    """A monthly sponsorship with its donor and mandate, all or nothing."""
    scheme = banking.scheme_for(currency)
    with transaction.atomic():
        donor_row = donor_create(donor)
        mandate = mandate_create(
            donor=donor_row, scheme=scheme, account=account, account_holder=account_holder
        )
        sponsorship = Sponsorship.objects.create(
            donor=donor_row,
            mandate=mandate,
            amount=amount,
            currency=currency,
            country=place.country,
            project_id=place.project_id,
            collection_day=collection_day,
            first_collection=first_collection_date(collection_day),
            submission_token=token,
            submission_digest=digest,
        )
        confirm_later(sponsorship)
    return sponsorship


def gift_create(*, donor, amount, currency, programme, token, digest):
    """A one-off gift with its donor and a private, bank-checkable payment reference."""
    with transaction.atomic():
        donor_row = donor_create(donor)
        gift = Gift(
            donor=donor_row,
            amount=amount,
            currency=currency,
            programme=programme,
            submission_token=token,
            submission_digest=digest,
        )
        gift.save()
        gift.payment_reference = unused(
            Gift,
            "payment_reference",
            lambda: banking.random_payment_reference(currency, gift.reference),
        )
        gift.save(update_fields=["payment_reference"])
        confirm_later(gift)
    return gift


def confirm_later(donation):
    """Queue the confirmation email in the donation's own transaction."""
    # Imported here: the task module imports this one to build the message.
    from donations.tasks import send_confirmation

    kind = "sponsorship" if isinstance(donation, Sponsorship) else "gift"
    send_confirmation.enqueue(kind, donation.pk)


def status_change(donations, status, *, by):
    """Move each donation that may go to `status` there; (changed, left alone)."""
    allowed = donations.filter(status__in=TRANSITIONS[status])
    changed = allowed.update(status=status, status_changed_at=timezone.now(), status_changed_by=by)
    return changed, donations.count() - changed


def gift_qr_code(gift):
    """The EPC QR code of a euro gift, or None for other currencies."""
    if gift.currency != "EUR":
        return None
    return banking.epc_qr(
        name=legal.creditor_name(),
        amount=gift.amount,
        structured_communication=gift.payment_reference,
    )


def confirmation_message(donation):
    """The thank-you email, in the donor's language; a euro gift's carries its QR code."""
    kind = "sponsorship" if isinstance(donation, Sponsorship) else "gift"
    with override(donation.donor.language):
        qr = gift_qr_code(donation) if kind == "gift" else None
        context = {
            "donation": donation,
            "account": settings.DONATION_ACCOUNTS.get(donation.currency, ""),
            "site_name": str(settings.SITE_NAME),
            "creditor_name": legal.creditor_name(),
            "has_qr": qr is not None,
            "reference_label": legal.payment_reference_label(donation.currency),
            "mandate_summary": legal.mandate_summary(donation.mandate)
            if kind == "sponsorship"
            else [],
        }
        subject = render_to_string(f"donations/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"donations/email/{kind}.txt", context)
        html = render_to_string(f"donations/email/{kind}.html", context)
    message = EmailMultiAlternatives(subject, body, to=[donation.donor.email])
    message.attach_alternative(html, "text/html")
    if qr is not None:
        # An inline image the HTML part shows by its Content-ID.
        message.mixed_subtype = "related"
        image = MIMEImage(banking.qr_png(qr), "png")
        image.add_header("Content-ID", "<payment-qr>")
        image.add_header("Content-Disposition", "inline", filename="payment-qr.png")
        message.attach(image)
    return message
