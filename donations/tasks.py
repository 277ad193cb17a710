"""Work done outside the donor's page: the confirmation email and the collection
notices.

Each task is stored in the same transaction as the row it belongs to (the
database task backend), so a stored donation or notice always has its email
queued and a rolled-back one never does. `manage.py db_worker` sends it; a mail
server that is down or hangs (EMAIL_TIMEOUT) costs a retry later, never the
donor's page.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from donations import notices, services
from donations.models import Gift, Sponsorship

logger = logging.getLogger(__name__)

MODELS = {"sponsorship": Sponsorship, "gift": Gift}


class ConfirmationNotSent(Exception):
    """A send that failed, named without the mail server's own words: those can
    quote the donor's address, and this message is kept and shown to staff."""


class NoticeNotSent(Exception):
    """A collection notice that failed, named the same way."""


def retry_delay(attempt):
    """1, 4, 16, 64 … minutes: a short outage is bridged quickly, a long one is not hammered."""
    return timedelta(minutes=4 ** (attempt - 1))


def retry_later(failed_task, args, attempt, error, what):
    """Queue the next attempt (up to EMAIL_ATTEMPTS) and log the failure by `what`,
    which names a record, never the donor; the message the failed task is kept with."""
    if attempt < settings.EMAIL_ATTEMPTS:
        later = failed_task.using(run_after=timezone.now() + retry_delay(attempt))
        later.enqueue(*args, attempt + 1)
    logger.warning(
        "%s not sent (attempt %s of %s): %s",
        what,
        attempt,
        settings.EMAIL_ATTEMPTS,
        type(error).__name__,
    )
    return f"{type(error).__name__}, attempt {attempt} of {settings.EMAIL_ATTEMPTS}"


@task()
def send_confirmation(kind, pk, attempt=1):
    donation = MODELS[kind].objects.select_related("donor").filter(pk=pk).first()
    if donation is None or donation.confirmation_sent is not None:
        return "nothing to send"
    try:
        services.confirmation_message(donation).send()
    except Exception as error:  # noqa: BLE001 (SMTP, socket, TLS: any failure is retried)
        what = f"Confirmation for {kind} {donation.reference}"
        raise ConfirmationNotSent(
            retry_later(send_confirmation, (kind, pk), attempt, error, what)
        ) from None
    MODELS[kind].objects.filter(pk=pk).update(confirmation_sent=timezone.now())
    return "sent"


@task()
def send_pre_notice(pk, attempt=1):
    try:
        sent = notices.send(pk)
    except Exception as error:  # noqa: BLE001 (SMTP, socket, TLS: any failure is retried)
        what = f"Collection notice {pk}"
        raise NoticeNotSent(retry_later(send_pre_notice, (pk,), attempt, error, what)) from None
    return "sent" if sent else "nothing to send"
