"""Banking rules in one place: which scheme collects each currency, which accounts
each scheme takes, the payment references banks check, and the EPC QR code.

Libraries: schwifty for IBAN and BIC (it knows each country's IBAN structure and
the SEPA zone, and checks national check digits without needing the bank in its
registry), python-stdnum for Norwegian account and organisation numbers and the
Belgian structured communication, segno for the QR code.
"""

import re
import secrets
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from schwifty import BIC, IBAN
from schwifty import exceptions as iban_errors
from segno import helpers as qr_helpers
from stdnum import luhn
from stdnum.be import ogm_vcs
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as NumberError
from stdnum.iso7064 import mod_97_10
from stdnum.no import kontonr, orgnr


class Scheme(models.TextChoices):
    SEPA = "sepa", _("SEPA Direct Debit")
    AVTALEGIRO = "avtalegiro", _("AvtaleGiro")
    BETALINGSSERVICE = "betalingsservice", _("Betalingsservice")


# Each currency is collected by the scheme its donors' banks use.
# The pain.008 versions the collection files can be written in.
SEPA_SCHEMAS = ("pain.008.001.08", "pain.008.001.02")

SCHEMES = {"EUR": Scheme.SEPA, "NOK": Scheme.AVTALEGIRO, "DKK": Scheme.BETALINGSSERVICE}


def scheme_for(currency):
    return SCHEMES.get(currency)


@dataclass(frozen=True)
class Account:
    """A donor's account as the scheme needs it: a compact IBAN for SEPA and
    Betalingsservice, an 11-digit account number for AvtaleGiro."""

    number: str
    country: str

    @property
    def hint(self):
        return self.number[-4:]


def compact(value):
    return re.sub(r"[\s.\-/]", "", value or "").upper()


def invalid(message, code):
    return ValidationError(message, code=code)


def parse_iban(value):
    """An IBAN whose structure, length and check digits are right, or a donor-readable
    error. A bank that schwifty's registry does not list is no reason to refuse."""
    try:
        number = IBAN(value, validate_bban=True)
    except iban_errors.NationalChecksumNotVerified:
        number = IBAN(value)
    except iban_errors.InvalidCountryCode:
        raise invalid(
            _("An IBAN starts with the two letters of its country, like BE or NL."), "iban_country"
        ) from None
    except iban_errors.InvalidLength:
        raise invalid(
            _("This IBAN has too many or too few characters for its country."), "iban_length"
        ) from None
    except (iban_errors.InvalidChecksumDigits, iban_errors.InvalidBBANChecksum):
        raise invalid(
            _(
                "This IBAN has a typing error: its check digits do not match. Please compare it "
                "with your bank card or statement."
            ),
            "iban_checksum",
        ) from None
    except iban_errors.SchwiftyException:
        raise invalid(_("This is not a valid IBAN."), "invalid_iban") from None
    return number


def sepa_account(value):
    number = compact(value)
    if number.isdigit():
        raise invalid(
            _("For euro, give your IBAN: it starts with two letters, like BE or NL."), "not_iban"
        )
    iban = parse_iban(number)
    if not iban.in_sepa_zone:
        raise invalid(
            _("We can collect euro only from an account in a SEPA country."), "wrong_country"
        )
    return Account(iban.compact, iban.country_code)


def norwegian_account(value):
    number = compact(value)
    if number[:2].isalpha():
        iban = parse_iban(number)
        if iban.country_code != "NO":
            raise invalid(
                _("For Norwegian kroner, give a Norwegian account number or IBAN."),
                "wrong_country",
            )
        number = iban.bban
    try:
        number = kontonr.validate(number)
        if len(number) != 11:  # AvtaleGiro needs a bank account, not a 7-digit postgiro
            raise InvalidLength()
        return Account(number, "NO")
    except InvalidLength:
        raise invalid(_("A Norwegian account number has 11 digits."), "kontonr_length") from None
    except InvalidChecksum:
        raise invalid(
            _("This account number has a typing error: its check digit does not match."),
            "kontonr_checksum",
        ) from None
    except NumberError:
        raise invalid(
            _("This is not a valid Norwegian account number."), "invalid_kontonr"
        ) from None


# A Danish registration number (4 digits) and account number (up to 10), as
# written on a bank card: "0040 0440116243", "0040-0440 116 243" or run together.
# With a separator the first group must be the 4-digit registration number, so a
# mistyped "040 0440116243" is refused rather than read as another account; run
# together it must be all 14 digits, so an account number alone is never split
# into another bank's registration number.
DANISH_ACCOUNT = re.compile(r"(\d{4})(?:[\s.\-]+(\d[\d\s.\-]*)|(\d{10}))", re.ASCII)


def danish_account(value):
    number = compact(value)
    if number[:2].isalpha():
        iban = parse_iban(number)
        if iban.country_code != "DK":
            raise invalid(
                _("For Danish kroner, give a Danish registration and account number or IBAN."),
                "wrong_country",
            )
        return Account(iban.compact, "DK")
    match = DANISH_ACCOUNT.fullmatch((value or "").strip())
    account = re.sub(r"\D", "", (match[2] or match[3]) if match else "")
    if not match or not 1 <= len(account) <= 10 or not account.strip("0"):
        raise invalid(
            _(
                "Write your registration number (4 digits) and then your account number "
                "(up to 10 digits), for example 1234 0012345678."
            ),
            "invalid_danish_account",
        )
    iban = IBAN.generate("DK", bank_code=match[1], account_code=account.zfill(10))
    return Account(iban.compact, "DK")


ACCOUNT_PARSERS = {
    Scheme.SEPA: sepa_account,
    Scheme.AVTALEGIRO: norwegian_account,
    Scheme.BETALINGSSERVICE: danish_account,
}


def account_for_currency(value, currency):
    """The donor's account in the form its scheme uses, or a ValidationError."""
    scheme = scheme_for(currency)
    if scheme is None:
        raise invalid(_("This currency can not be collected by direct debit."), "no_scheme")
    return ACCOUNT_PARSERS[scheme](value)


# --- references ------------------------------------------------------------------------

# Letters and digits that can not be mistaken for one another when read aloud
# or typed from a bank statement (no 0/O, 1/I/L, U).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def random_code(prefix):
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{code[:4]}-{code[4:]}"


def random_digits(length):
    """Random digits not starting with 0, so that no reference looks like a test."""
    return str(secrets.randbelow(9 * 10 ** (length - 1)) + 10 ** (length - 1))


def structured_communication(base):
    """The Belgian structured communication (+++123/4567/89002+++) of ten digits."""
    return f"+++{ogm_vcs.format(base + ogm_vcs.calc_check_digits(base))}+++"


def random_structured_communication():
    return structured_communication(random_digits(10))


def kid(base):
    """A Norwegian KID: the digits and a Luhn (MOD10) check digit."""
    return base + luhn.calc_check_digit(base)


# KIDs start with 1 for an AvtaleGiro agreement and 2 for a one-off gift, so the
# two never collide on our account and staff tell them apart at a glance.
def random_kid(kind):
    length = settings.AVTALEGIRO_KID_LENGTH
    return kid(str(kind) + random_digits(length - 2))


def random_mandate_reference(scheme):
    """SEPA: a mandate reference; AvtaleGiro: the agreement's KID; Betalingsservice:
    the customer number (kundenummer) the agreement is registered under."""
    if scheme == Scheme.AVTALEGIRO:
        return random_kid(1)
    if scheme == Scheme.BETALINGSSERVICE:
        return random_digits(9)
    return random_code("M")


def random_payment_reference(currency, fallback):
    if currency == "EUR":
        return random_structured_communication()
    if currency == "NOK":
        return random_kid(2)
    return fallback


# --- the organisation's own identifiers ------------------------------------------------


def creditor_identifier_is_valid(value):
    """A SEPA creditor identifier: country, check digits, business code, national id,
    checked with ISO 7064 mod 97-10 over the national id and the country."""
    value = compact(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}", value):
        return False
    digits = "".join(str(int(char, 36)) for char in value[7:] + value[:4])
    return mod_97_10.is_valid(digits)


def settings_problems(own_values_required=False):
    """What is wrong with the organisation's banking settings, one line each. With
    `own_values_required` (debug off), the demo defaults are a problem too."""
    offered = [code for code in settings.DONATION_CURRENCIES if code in settings.BANKING_SETTINGS]
    problems = []
    if own_values_required:
        problems += [
            f"{name} must be set"
            for code in offered
            for name in settings.BANKING_SETTINGS[code]
            if name not in settings.BANKING_FROM_ENVIRONMENT
        ]
    checks = {
        "SEPA_CREDITOR_ID": lambda: creditor_identifier_is_valid(settings.SEPA_CREDITOR_ID),
        "DONATION_ACCOUNT_EUR": lambda: _is_valid(lambda: IBAN(settings.DONATION_ACCOUNTS["EUR"])),
        "DONATION_BIC_EUR": lambda: _is_valid(lambda: BIC(settings.DONATION_BIC_EUR)),
        "AVTALEGIRO_ORGANISATION_NUMBER": lambda: orgnr.is_valid(
            settings.AVTALEGIRO_ORGANISATION_NUMBER
        ),
        "AVTALEGIRO_ACCOUNT": lambda: kontonr.is_valid(settings.AVTALEGIRO_ACCOUNT),
        "AVTALEGIRO_DATA_TRANSMITTER": lambda: bool(
            re.fullmatch(r"\d{8}", settings.AVTALEGIRO_DATA_TRANSMITTER)
        ),
        "AVTALEGIRO_AGREEMENT_ID": lambda: bool(
            re.fullmatch(r"\d{9}", settings.AVTALEGIRO_AGREEMENT_ID)
        ),
        "DONATION_ACCOUNT_NOK": lambda: kontonr.is_valid(settings.DONATION_ACCOUNTS["NOK"]),
        "BETALINGSSERVICE_PBS_NUMBER": lambda: bool(
            re.fullmatch(r"\d{8}", settings.BETALINGSSERVICE_PBS_NUMBER)
        ),
        "BETALINGSSERVICE_DEBTOR_GROUP": lambda: bool(
            re.fullmatch(r"\d{5}", settings.BETALINGSSERVICE_DEBTOR_GROUP)
        ),
        "DONATION_ACCOUNT_DKK": lambda: _is_valid(
            lambda: danish_account(settings.DONATION_ACCOUNTS["DKK"])
        ),
    }
    for code in offered:
        for name in settings.BANKING_SETTINGS[code]:
            if not checks[name]():
                problems.append(f"{name} is not valid")
    if "EUR" in offered and settings.SEPA_DIRECT_DEBIT_SCHEMA not in SEPA_SCHEMAS:
        problems.append("SEPA_DIRECT_DEBIT_SCHEMA is not valid")
    if "NOK" in offered and not 6 <= settings.AVTALEGIRO_KID_LENGTH <= 25:
        problems.append("AVTALEGIRO_KID_LENGTH is not valid")
    return problems


def _is_valid(make):
    try:
        make()
    except (ValueError, ValidationError):
        return False
    return True


# --- EPC QR code ("GiroCode") -------------------------------------------------------


def epc_qr(*, name, amount, structured_communication):
    """A QR code that banking apps in Belgium, the Netherlands and Germany scan into a
    prefilled transfer: our IBAN and BIC, the amount and the structured communication
    (its 12 digits, in the structured remittance field)."""
    return qr_helpers.make_epc_qr(
        name=name[:70],
        iban=compact(settings.DONATION_ACCOUNTS["EUR"]),
        bic=settings.DONATION_BIC_EUR,
        amount=amount,
        reference=re.sub(r"\D", "", structured_communication),
    )


def qr_png(qr):
    """The QR code as PNG bytes, for email (mail programs do not show inline SVG)."""
    buffer = BytesIO()
    qr.save(buffer, kind="png", scale=5, border=4)
    return buffer.getvalue()


def qr_svg(qr, title):
    """The QR code as inline SVG with an accessible name, served with the page. segno
    writes it from our own data and escapes the title, so it is safe to insert."""
    svg = qr.svg_inline(scale=5, border=4, title=title, svgclass="payment-qr", lineclass=None)
    return mark_safe(svg)  # noqa: S308
