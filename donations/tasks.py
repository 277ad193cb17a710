"""Work done after the donor has their page: the confirmation email.

The task is stored in the same transaction as the donation (the database task
backend), so a stored donation always has its email queued and a rolled-back
one never does. `manage.py db_worker` sends it; a mail server that is down or
hangs (EMAIL_TIMEOUT) costs a retry later, never the donor's page.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from donations import services
from donations.models import Gift, Sponsorship

logger = logging.getLogger(__name__)

MODELS = {"sponsorship": Sponsorship, "gift": Gift}


class ConfirmationNotSent(Exception):
    """A send that failed, named without the mail server's own words: those can
    quote the donor's address, and this message is kept and shown to staff."""


def retry_delay(attempt):
    """1, 4, 16, 64 … minutes: a short outage is bridged quickly, a long one is not hammered."""
    return timedelta(minutes=4 ** (attempt - 1))


@task()
def send_confirmation(kind, pk, attempt=1):
    donation = MODELS[kind].objects.select_related("donor").filter(pk=pk).first()
    if donation is None or donation.confirmation_sent is not None:
        return "nothing to send"
    try:
        services.confirmation_message(donation).send()
    except Exception as error:  # noqa: BLE001 (SMTP, socket, TLS: any failure is retried)
        if attempt < settings.EMAIL_ATTEMPTS:
            later = send_confirmation.using(run_after=timezone.now() + retry_delay(attempt))
            later.enqueue(kind, pk, attempt + 1)
        logger.warning(
            "Confirmation for %s %s not sent (attempt %s of %s): %s",
            kind,
            donation.reference,
            attempt,
            settings.EMAIL_ATTEMPTS,
            type(error).__name__,
        )
        raise ConfirmationNotSent(
            f"{type(error).__name__}, attempt {attempt} of {settings.EMAIL_ATTEMPTS}"
        ) from None
    MODELS[kind].objects.filter(pk=pk).update(confirmation_sent=timezone.now())
    return "sent"
