"""Each currency's sponsorship is an agreement in its own scheme, with its own words."""

import re
from decimal import Decimal

import pytest
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
    page = client.get(response["Location"]).content.decode()
    assert "BE68ZZZ0123456789" in page and mandate.reference in page


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
    page = client.get(response["Location"]).content.decode()
    assert "AvtaleGiro" in page and "987654325" in page and "KID" in page
    assert "BE68ZZZ" not in page
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
    page = client.get(response["Location"]).content.decode()
    assert "Betalingsservice" in page and "12345678" in page and "BE68ZZZ" not in page


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
    html = client.get(url).content.decode()
    section = html.split('id="direct-debit"')[1].split("</fieldset>\n")[0]
    assert re.search(rf"<legend>{legend}</legend>", section)
    assert re.search(rf'for="id_account" class="form-label requiredField">\s*{label}<span', section)
    agreement = "direct debit mandate" if legend.startswith("SEPA") else f"{legend} agreement"
    assert f"I agree to this {agreement}." in section


def test_the_mandate_text_stored_is_the_one_shown(client):
    html = client.get("/en/become-a-sponsor/?currency=DKK").content.decode()
    shown = re.search(r'<p class="mandate-text" id="mandate-text">(.*?)</p>', html).group(1)
    sponsor_in(
        client,
        "/en/become-a-sponsor/",
        currency="DKK",
        amount="250",
        account="DK50 0040 0440 1162 43",
    )
    assert Mandate.objects.get().text == shown


def test_the_creditor_name_can_be_a_fixed_legal_name(client, settings):
    settings.CREDITOR_NAME = "Every Child a Family vzw"
    sponsor_in(client, "/nl/word-sponsor/")
    assert Mandate.objects.get().creditor_name == "Every Child a Family vzw"
