"""Accounts, schemes, payment references and the organisation's identifiers."""

import os
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from stdnum import luhn
from stdnum.be import ogm_vcs

from donations import banking
from donations.banking import Scheme, account_for_currency

# Real-world example accounts (the IBAN registry's and banks' published examples).
GOOD_ACCOUNTS = [
    ("EUR", "BE71 0961 2345 6769", "BE71096123456769", "BE"),
    # A correct Belgian IBAN whose bank code the registry does not list.
    ("EUR", "BE68 5390 0754 7034", "BE68539007547034", "BE"),
    ("EUR", "NL91 ABNA 0417 1643 00", "NL91ABNA0417164300", "NL"),
    ("EUR", "FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606", "FR"),
    ("EUR", "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "DE"),
    ("EUR", "LU28 0019 4006 4475 0000", "LU280019400644750000", "LU"),
    ("EUR", "GI75 NWBK 0000 0000 7099 453", "GI75NWBK000000007099453", "GI"),
    ("EUR", "nl91abna0417164300", "NL91ABNA0417164300", "NL"),
    # Norwegian kroner: the account number as written, or the Norwegian IBAN.
    ("NOK", "8601 11 17947", "86011117947", "NO"),
    ("NOK", "8601.11.17947", "86011117947", "NO"),
    ("NOK", "NO93 8601 1117 947", "86011117947", "NO"),
    # Danish kroner: registration and account number, or the Danish IBAN.
    ("DKK", "0040 0440116243", "DK5000400440116243", "DK"),
    ("DKK", "0040-0440116243", "DK5000400440116243", "DK"),
    ("DKK", "00400440116243", "DK5000400440116243", "DK"),
    ("DKK", "0040 440116243", "DK5000400440116243", "DK"),
    ("DKK", "0040 0440 116 243", "DK5000400440116243", "DK"),
    ("DKK", "DK50 0040 0440 1162 43", "DK5000400440116243", "DK"),
]


@pytest.mark.parametrize("currency,value,number,country", GOOD_ACCOUNTS)
def test_accounts_real_donors_have_are_accepted(currency, value, number, country):
    account = account_for_currency(value, currency)
    assert (account.number, account.country) == (number, country)
    assert account.hint == number[-4:]


NEAR_MISSES = [
    # One digit changed, two digits swapped: the check digits catch both.
    ("EUR", "BE71 0961 2345 6768", "iban_checksum", "This IBAN has a typing error"),
    ("EUR", "BE71 0961 2345 6796", "iban_checksum", "This IBAN has a typing error"),
    ("EUR", "NL91 ABNA 0417 1643 01", "iban_checksum", "This IBAN has a typing error"),
    ("EUR", "DE89 3704 0044 0532 0130 0", "iban_length", "too many or too few characters"),
    ("EUR", "XX71 0961 2345 6769", "iban_country", "An IBAN starts with the two letters"),
    ("EUR", "86011117947", "not_iban", "For euro, give your IBAN"),
    # Turkey has IBANs but is not in the SEPA zone.
    ("EUR", "TR33 0006 1005 1978 6457 8413 26", "wrong_country", "SEPA country"),
    ("NOK", "8601 11 17948", "kontonr_checksum", "its check digit does not match"),
    ("NOK", "8601 11 1794", "kontonr_length", "A Norwegian account number has 11 digits."),
    ("NOK", "DK50 0040 0440 1162 43", "wrong_country", "For Norwegian kroner"),
    ("NOK", "NO93 8601 1117 948", "iban_checksum", "This IBAN has a typing error"),
    ("DKK", "BE71 0961 2345 6769", "wrong_country", "For Danish kroner"),
    ("DKK", "DK50 0040 0440 1162 44", "iban_checksum", "This IBAN has a typing error"),
    ("DKK", "040 0440116243", "invalid_danish_account", "registration number (4 digits)"),
    ("DKK", "0040 04401162431", "invalid_danish_account", "registration number (4 digits)"),
    ("DKK", "00400440116243 1", "invalid_danish_account", "registration number (4 digits)"),
    (
        "DKK",
        "\u0660\u0660\u0664\u0660 0440116243",
        "invalid_danish_account",
        "registration number (4 digits)",
    ),
    # An account number alone, or a Norwegian one, is not split into another bank's.
    ("DKK", "0440116243", "invalid_danish_account", "registration number (4 digits)"),
    ("DKK", "86011117947", "invalid_danish_account", "registration number (4 digits)"),
    ("DKK", "0040 0", "invalid_danish_account", "registration number (4 digits)"),
    # A 7-digit Norwegian postgiro number is not an account AvtaleGiro can collect from.
    ("NOK", "1234566", "kontonr_length", "A Norwegian account number has 11 digits."),
    ("NOK", "0000 00 00000", "kontonr_length", "A Norwegian account number has 11 digits."),
    ("DKK", "0040", "invalid_danish_account", "registration number (4 digits)"),
    ("DKK", "0040 --", "invalid_danish_account", "registration number (4 digits)"),
    ("USD", "BE71 0961 2345 6769", "no_scheme", "can not be collected by direct debit"),
]


@pytest.mark.parametrize("currency,value,code,message", NEAR_MISSES)
def test_near_misses_get_a_message_a_donor_understands(currency, value, code, message):
    with pytest.raises(ValidationError) as raised:
        account_for_currency(value, currency)
    assert raised.value.code == code
    assert message in raised.value.messages[0]


def test_each_currency_has_its_own_scheme():
    assert banking.scheme_for("EUR") == Scheme.SEPA
    assert banking.scheme_for("NOK") == Scheme.AVTALEGIRO
    assert banking.scheme_for("DKK") == Scheme.BETALINGSSERVICE
    assert banking.scheme_for("USD") is None


def test_structured_communications_are_random_and_valid():
    references = {banking.random_structured_communication() for _ in range(200)}
    assert len(references) == 200
    for reference in references:
        assert re.fullmatch(r"\+\+\+[1-9]\d{2}/\d{4}/\d{5}\+\+\+", reference)
        assert ogm_vcs.is_valid(reference)
    assert banking.structured_communication("0000000001") == "+++000/0000/00101+++"


def test_kids_are_random_with_a_luhn_digit_and_tell_agreements_from_gifts(settings):
    settings.AVTALEGIRO_KID_LENGTH = 11
    agreements = {banking.random_mandate_reference(Scheme.AVTALEGIRO) for _ in range(100)}
    gifts = {banking.random_payment_reference("NOK", "G-1") for _ in range(100)}
    assert len(agreements) == len(gifts) == 100
    assert all(kid.startswith("1") and len(kid) == 11 and luhn.is_valid(kid) for kid in agreements)
    assert all(kid.startswith("2") and len(kid) == 11 and luhn.is_valid(kid) for kid in gifts)


def test_mandate_references_follow_the_scheme():
    assert re.fullmatch(r"M-[2-9A-Z]{4}-[2-9A-Z]{4}", banking.random_mandate_reference("sepa"))
    assert re.fullmatch(r"[1-9]\d{8}", banking.random_mandate_reference("betalingsservice"))
    assert banking.random_payment_reference("DKK", "G-ABCD-EFGH") == "G-ABCD-EFGH"


@pytest.mark.parametrize(
    "value,valid",
    [
        ("BE68ZZZ0123456789", True),
        ("DE98ZZZ09999999999", True),
        ("BE69ZZZ0123456789", False),
        ("BE68ZZZ0123456788", False),
        ("not an identifier", False),
    ],
)
def test_creditor_identifiers_are_checked(value, valid):
    assert banking.creditor_identifier_is_valid(value) is valid


def test_the_demo_settings_are_valid_and_wrong_ones_are_named(settings):
    assert banking.settings_problems() == []
    settings.SEPA_CREDITOR_ID = "BE69ZZZ0123456789"
    settings.AVTALEGIRO_ORGANISATION_NUMBER = "987654321"
    settings.BETALINGSSERVICE_PBS_NUMBER = "123"
    settings.DONATION_BIC_EUR = "NOTABIC"
    assert banking.settings_problems() == [
        "SEPA_CREDITOR_ID is not valid",
        "DONATION_BIC_EUR is not valid",
        "AVTALEGIRO_ORGANISATION_NUMBER is not valid",
        "BETALINGSSERVICE_PBS_NUMBER is not valid",
    ]
    # A site that offers only euro is not asked about the Nordic schemes.
    settings.DONATION_CURRENCIES = ["EUR"]
    assert banking.settings_problems() == [
        "SEPA_CREDITOR_ID is not valid",
        "DONATION_BIC_EUR is not valid",
    ]


def test_production_must_set_its_own_identifiers(settings):
    settings.BANKING_FROM_ENVIRONMENT = {"SEPA_CREDITOR_ID", "DONATION_ACCOUNT_EUR"}
    settings.DONATION_CURRENCIES = ["EUR", "NOK"]
    assert banking.settings_problems(own_values_required=True) == [
        "DONATION_BIC_EUR must be set",
        "AVTALEGIRO_ORGANISATION_NUMBER must be set",
        "AVTALEGIRO_ACCOUNT must be set",
        "AVTALEGIRO_DATA_TRANSMITTER must be set",
        "AVTALEGIRO_AGREEMENT_ID must be set",
        "DONATION_ACCOUNT_NOK must be set",
    ]


def zbar_decode(png):
    """The text of a QR code, read by zbarimg as a phone's camera app would."""
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sbinary", "-"],
        input=png,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


# CI installs zbar-tools and requires it (REQUIRE_BROWSER); locally it may be absent.
needs_zbar = pytest.mark.skipif(
    not shutil.which("zbarimg") and not os.environ.get("REQUIRE_BROWSER"),
    reason="zbarimg (apt-get install zbar-tools) is not installed",
)


@needs_zbar
def test_the_epc_qr_code_decodes_to_our_account_the_amount_and_the_reference():
    qr = banking.epc_qr(
        name="Every Child a Family",
        amount=Decimal("35.50"),
        structured_communication="+++123/4567/89002+++",
    )
    lines = zbar_decode(banking.qr_png(qr)).splitlines()
    assert lines[:3] == ["BCD", "002", lines[2]]
    assert lines[3:10] == [
        "SCT",
        "GKCCBEBB",
        "Every Child a Family",
        "BE71096123456769",
        "EUR35.5",
        "",
        "123456789002",
    ]
