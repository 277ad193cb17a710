"""Storing a donation, its payment reference and the confirmation email."""

import calendar
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override
from stdnum import luhn
from stdnum.be import ogm_vcs

from donations.forms import mandate_text, money
from donations.models import Donor, Gift, Mandate, Sponsorship


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


def payment_reference(gift):
    """A reference the donor's bank can check: structured communication for euro
    (Belgium), a KID number for Norwegian kroner, the gift's reference otherwise."""
    if gift.currency == "EUR":
        base = f"{gift.pk % 10**10:010d}"
        return f"+++{ogm_vcs.format(base + ogm_vcs.calc_check_digits(base))}+++"
    if gift.currency == "NOK":
        base = f"{gift.pk:09d}"
        return base + luhn.calc_check_digit(base)
    return gift.reference


def create_donor(form):
    data = form.cleaned_data
    now = timezone.now()
    privacy_text, newsletter_text = form.consent_texts()
    donor = Donor(
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        phone=data["phone"],
        street=data["street"],
        postal_code=data["postal_code"],
        city=data["city"],
        country=data["country"],
        language=data["language"],
        wants_tax_receipt=data["tax_deduction"],
        privacy_consent_version=settings.CONSENT_TEXT_VERSION,
        privacy_consent_text=privacy_text,
        privacy_consent_at=now,
        newsletter=data["newsletter"],
        newsletter_consent_text=newsletter_text if data["newsletter"] else "",
        newsletter_consent_at=now if data["newsletter"] else None,
    )
    donor.set_national_id(data["national_id"])
    donor.save()
    return donor


def record_sponsorship(form):
    data = form.cleaned_data
    with transaction.atomic():
        donor = create_donor(form)
        mandate = Mandate(
            donor=donor,
            account_holder=data["account_holder"],
            account_country=data["account_country"],
            creditor_name=settings.SEPA_CREDITOR_NAME,
            creditor_id=settings.SEPA_CREDITOR_ID,
            text=mandate_text(),
            signed_at=timezone.now(),
        )
        mandate.set_account(data["account"])
        mandate.save()
        sponsorship = Sponsorship.objects.create(
            donor=donor,
            mandate=mandate,
            amount=data["amount_value"],
            currency=data["currency"],
            country=data["place_country"],
            project=data["place_project"],
            collection_day=data["collection_day"],
            first_collection=first_collection_date(data["collection_day"]),
            submission_token=data["token"],
        )
        transaction.on_commit(lambda: send_confirmation(sponsorship))
    return sponsorship


def record_gift(form):
    data = form.cleaned_data
    with transaction.atomic():
        donor = create_donor(form)
        gift = Gift.objects.create(
            donor=donor,
            amount=data["amount_value"],
            currency=data["currency"],
            programme=data["programme"],
            submission_token=data["token"],
        )
        gift.payment_reference = payment_reference(gift)
        gift.save(update_fields=["payment_reference"])
        transaction.on_commit(lambda: send_confirmation(gift))
    return gift


def send_confirmation(donation):
    """The thank-you email, in the donor's language."""
    kind = "sponsorship" if isinstance(donation, Sponsorship) else "gift"
    with override(donation.donor.language):
        context = {
            "donation": donation,
            "amount": money(donation.amount, donation.currency),
            "account": settings.DONATION_ACCOUNTS.get(donation.currency, ""),
            "site_name": str(settings.SITE_NAME),
            "creditor_name": settings.SEPA_CREDITOR_NAME,
        }
        subject = render_to_string(f"donations/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"donations/email/{kind}.txt", context)
    send_mail(subject, body, None, [donation.donor.email])
