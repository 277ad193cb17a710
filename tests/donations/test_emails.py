"""Confirmation emails: text and HTML, in the donor's language; a euro gift's carries
the QR code banking apps scan."""

import os
import shutil
import subprocess

import pytest

from donations.models import Gift
from tests.builders import give

pytestmark = pytest.mark.django_db


def send_gift(client, run_tasks, **changes):
    give(client, **changes)
    run_tasks()
    return Gift.objects.get()


def test_a_euro_gift_email_has_an_html_part_with_its_qr_code_inline(client, mailoutbox, run_tasks):
    gift = send_gift(client, run_tasks, amount="50", language="fr")
    (mail,) = mailoutbox
    assert "50\xa0€" in mail.body
    assert f"Communication structurée: {gift.payment_reference}" in mail.body
    (html, mimetype), *_ = mail.alternatives
    assert mimetype == "text/html"
    assert '<html lang="fr">' in html and '<img src="cid:payment-qr"' in html
    assert gift.payment_reference in html
    message = mail.message()
    images = [part for part in message.walk() if part.get_content_type() == "image/png"]
    assert len(images) == 1 and images[0]["Content-ID"] == "<payment-qr>"
    if shutil.which("zbarimg") or os.environ.get("REQUIRE_BROWSER"):
        decoded = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sbinary", "-"],
            input=images[0].get_payload(decode=True),
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert "BE71096123456769" in decoded and "EUR50" in decoded


@pytest.mark.parametrize(
    "currency,amount,text", [("NOK", "500", "500\xa0kr"), ("DKK", "400", "400\xa0kr.")]
)
def test_krone_gift_emails_have_no_qr_code(client, mailoutbox, run_tasks, currency, amount, text):
    language = {"NOK": "nb", "DKK": "da"}[currency]
    send_gift(
        client,
        run_tasks,
        currency=currency,
        amount=amount,
        language=language,
    )
    (mail,) = mailoutbox
    assert text in mail.body
    gift = Gift.objects.get()
    label = {"NOK": "KID", "DKK": "Betalingsreference"}[currency]
    assert f"{label}: {gift.payment_reference}" in mail.body
    (html, _mimetype), *_ = mail.alternatives
    assert "cid:payment-qr" not in html
    assert not [part for part in mail.message().walk() if part.get_content_type() == "image/png"]
