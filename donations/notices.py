"""Collection notices (pre-notifications): before each collection the donor is emailed
its amount and date, the mandate reference and the creditor identifier.

`queue_notices` is run daily (manage.py send_collection_notices). It finds every
collection in the notice period, COLLECTION_NOTICE_DAYS from today, that has no
notice yet, and stores a PreNotice row together with the task that emails it, in
one transaction. The row is unique per sponsorship and date, so running it twice,
or twice at once, queues nothing new; the task marks the row sent, so a task run
twice sends one email.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from donations import legal
from donations.banking import Scheme
from donations.models import PreNotice, Sponsorship


def notice_period(today=None):
    """Every date from today to COLLECTION_NOTICE_DAYS ahead, both included."""
    today = today or timezone.localdate()
    return [today + timedelta(days=n) for n in range(settings.COLLECTION_NOTICE_DAYS + 1)]


def needing_notice(collection_date):
    """Sponsorships collected on this date (the runs' rule, collected_on) that have
    no notice for it yet. AvtaleGiro donors who told their bank they want no notices
    are left out."""
    return (
        Sponsorship.objects.collected_on(collection_date)
        .exclude(mandate__scheme=Scheme.AVTALEGIRO, mandate__notices_waived=True)
        .exclude(pre_notices__collection_date=collection_date)
        .order_by("id")
    )


def queue_notice(sponsorship, collection_date):
    """The notice and its email task, both or neither. False when another run
    queued this one first."""
    # Imported here: the task module imports this one to build the message.
    from donations.tasks import send_pre_notice

    try:
        with transaction.atomic():
            notice = PreNotice.objects.create(
                sponsorship=sponsorship,
                collection_date=collection_date,
                amount=sponsorship.amount,
                currency=sponsorship.currency,
            )
            send_pre_notice.enqueue(notice.pk)
    except IntegrityError:
        return False
    return True


def queue_notices(today=None):
    """Queue a notice for each collection in the notice period that has none; how many."""
    return sum(
        queue_notice(sponsorship, collection_date)
        for collection_date in notice_period(today)
        for sponsorship in needing_notice(collection_date)
    )


def send(pk):
    """Email the notice unless it went out already; True when sent now. The row is
    locked while the mail goes out, so two workers never both send it."""
    with transaction.atomic():
        notice = (
            PreNotice.objects.select_for_update(of=("self",))
            .select_related("sponsorship__donor", "sponsorship__mandate")
            .filter(pk=pk, sent_at=None)
            .first()
        )
        if notice is None:
            return False
        message(notice).send()
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return True


def message(notice):
    """The notice email, text and HTML, in the donor's language."""
    donor = notice.sponsorship.donor
    with override(donor.language):
        context = {
            "notice": notice,
            "donor": donor,
            "mandate_summary": legal.mandate_summary(notice.sponsorship.mandate),
            "contact_email": settings.CONTACT_EMAIL,
            "site_name": str(settings.SITE_NAME),
        }
        context["subject"] = render_to_string("donations/email/notice_subject.txt", context).strip()
        body = render_to_string("donations/email/notice.txt", context)
        html = render_to_string("donations/email/notice.html", context)
    email = EmailMultiAlternatives(context["subject"], body, to=[donor.email])
    email.attach_alternative(html, "text/html")
    return email
