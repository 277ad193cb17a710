"""Each currency's sponsorship is an agreement in its own scheme, with its own words."""

import re
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains
from stdnum import luhn

from donations.models import Mandate, Sponsorship
from tests.builders import SPONSORSHIP_POST, post_donation

pytestmark = pytest.mark.django_db


def sponsor_in(client, url, **changes):
    return post_donation(client, url, SPONSORSHIP_POST, **changes)


def test_a_euro_sponsorship_is_a_sepa_mandate(client):
    response = sponsor_in(client, "/fr/devenir-parrain/")
    mandate = Mandate.objects.get()
    assert mandate.scheme == "sepa"
    assert (mandate.creditor_id, mandate.creditor_group) == ("BE68ZZZ0123456789", "")
    assert re.fullmatch(r"M-[2-9A-Z]{4}-[2-9A-Z]{4}", mandate.reference)
    # The creditor is the site's name in the page language.
    assert mandate.creditor_name == "Une famille pour chaque enfant"
    assert "Une famille pour chaque enfant" in mandate.text and "huit semaines" in mandate.text
    page = client.get(response["Location"])
    assertContains(page, "BE68ZZZ0123456789")
    assertContains(page, mandate.reference)


def test_a_krone_sponsorship_is_an_avtalegiro_agreement(client, mailoutbox, run_tasks):
    response = sponsor_in(
        client,
        "/nb/bli-fadder/",
        currency="NOK",
        amount="350",
        account="NO93 8601 1117 947",
        language="nb",
    )
    run_tasks()
    sponsorship = Sponsorship.objects.select_related("mandate").get()
    mandate = sponsorship.mandate
    assert (sponsorship.amount, sponsorship.currency) == (Decimal("350"), "NOK")
    assert mandate.scheme == "avtalegiro"
    assert mandate.creditor_id == "987654325"
    # The agreement's KID: AvtaleGiro identifies agreements by it.
    assert mandate.reference.startswith("1") and luhn.is_valid(mandate.reference)
    assert mandate.reveal_account() == "86011117947" and mandate.account_country == "NO"
    assert "AvtaleGiro" in mandate.text and "987654325" in mandate.text
    assert "BE68ZZZ" not in mandate.text and "SEPA" not in mandate.text
    page = client.get(response["Location"])
    for text in ("AvtaleGiro", "987654325", "KID"):
        assertContains(page, text)
    assertNotContains(page, "BE68ZZZ")
    body = mailoutbox[0].body
    assert "AvtaleGiro" in body and mandate.reference in body and "BE68ZZZ" not in body


def test_a_danish_sponsorship_with_registration_and_account_number_is_betalingsservice(client):
    response = sponsor_in(
        client,
        "/da/bliv-fadder/",
        currency="DKK",
        amount="250",
        account="0040 0440116243",
        language="da",
    )
    mandate = Mandate.objects.get()
    assert mandate.scheme == "betalingsservice"
    assert (mandate.creditor_id, mandate.creditor_group) == ("12345678", "00001")
    assert re.fullmatch(r"[1-9]\d{8}", mandate.reference)
    assert mandate.reveal_account() == "DK5000400440116243"
    assert "Betalingsservice" in mandate.text and "12345678" in mandate.text
    assert "00001" in mandate.text
    page = client.get(response["Location"])
    assertContains(page, "Betalingsservice")
    assertContains(page, "12345678")
    assertNotContains(page, "BE68ZZZ")


@pytest.mark.parametrize(
    "url,legend,label",
    [
        ("/en/become-a-sponsor/?currency=EUR", "SEPA direct debit", "IBAN"),
        ("/en/become-a-sponsor/?currency=NOK", "AvtaleGiro", "Account number"),
        (
            "/en/become-a-sponsor/?currency=DKK",
            "Betalingsservice",
            "Registration and account number",
        ),
    ],
)
def test_the_form_speaks_of_the_scheme_of_its_currency(client, url, legend, label):
    response = client.get(url)
    assertContains(response, f"<legend>{legend}</legend>", html=True)
    assertContains(
        response,
        f'<label for="id_account" class="form-label requiredField">{label}'
        '<span class="asteriskField">*</span></label>',
        html=True,
    )
    agreement = "direct debit mandate" if legend.startswith("SEPA") else f"{legend} agreement"
    assertContains(
        response,
        f'<label for="id_mandate" class="form-check-label requiredField">I agree to this'
        f' {agreement}.<span class="asteriskField">*</span></label>',
        html=True,
    )


def test_the_mandate_text_stored_is_the_one_shown(client):
    form_page = client.get("/en/become-a-sponsor/?currency=DKK")
    sponsor_in(
        client,
        "/en/become-a-sponsor/",
        currency="DKK",
        amount="250",
        account="DK50 0040 0440 1162 43",
    )
    stored = Mandate.objects.get().text
    assert "Betalingsservice" in stored
    assertContains(form_page, f'<p class="mandate-text" id="mandate-text">{stored}</p>', html=True)


def test_the_creditor_name_can_be_a_fixed_legal_name(client, settings):
    settings.CREDITOR_NAME = "Every Child a Family vzw"
    sponsor_in(client, "/nl/word-sponsor/")
    assert Mandate.objects.get().creditor_name == "Every Child a Family vzw"
