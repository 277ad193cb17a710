"""The files a bank takes to collect sponsorships, one format per scheme.

Each writer takes the collections of one run as `Line`s and returns the file's
bytes; the caller stores them, so a run downloads the same bytes every time.

- Euro: a SEPA Core direct debit file (pain.008, the version in
  settings.SEPA_DIRECT_DEBIT_SCHEMA), written by sepaxml and checked against the
  ISO 20022 schema before it is returned.
- Norwegian kroner: an AvtaleGiro claims transmission for Nets, written by
  netsgiro, in ISO-8859-1 as Nets reads it.
- Danish kroner: no library writes Betalingsservice files, so staff upload a CSV
  in their bank's portal; its columns are BETALINGSSERVICE_COLUMNS.

Every writer refuses (ValueError) an empty run, a line in another currency and an
amount that is not a positive number of cents, rather than write a file the bank
would reject as a whole.
"""

import csv
import functools
import io
import re
import textwrap
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import netsgiro
import sepaxml
from django.conf import settings
from django.utils import translation
from lxml import etree
from schwifty import IBAN
from sepaxml import SepaDD
from sepaxml.validation import ValidationError as SepaValidationError
from stdnum import luhn
from text_unidecode import unidecode

from donations.banking import compact
from donations.legal import creditor_name


@dataclass(frozen=True)
class Line:
    """One collection, as every format needs it."""

    end_to_end_id: str  # our collection reference, unique per collection
    mandate_reference: str  # SEPA mandate id; AvtaleGiro KID; Betalingsservice customer number
    mandate_signed: date
    debtor_name: str
    account: str  # IBAN (SEPA, Betalingsservice) or Norwegian account number, no spaces
    amount: Decimal  # in the currency's units, two decimals
    currency: str  # "EUR", "NOK", "DKK"
    sequence: str  # SEPA only: "FRST" or "RCUR"; "" otherwise
    description: str  # what the donor reads on their statement


def _cents(line):
    # Decimal times 100 is exact, so a fraction of a cent shows instead of being
    # rounded away (never through float).
    cents = line.amount * 100
    if line.amount <= 0 or cents != cents.to_integral_value():
        raise ValueError(
            f"Collection {line.end_to_end_id}: {line.amount} is not a positive amount in cents."
        )
    return int(cents)


def _checked(lines, currency):
    """The lines as a list, or a ValueError for anything the bank would refuse."""
    lines = list(lines)
    if not lines:
        raise ValueError(f"There are no {currency} collections to write.")
    for line in lines:
        if line.currency != currency:
            raise ValueError(
                f"Collection {line.end_to_end_id} is in {line.currency}; "
                f"this file collects only {currency}."
            )
        if not line.description.strip():
            raise ValueError(f"Collection {line.end_to_end_id} has no text for the statement.")
        _cents(line)
    if len({line.end_to_end_id for line in lines}) != len(lines):
        raise ValueError("Two collections have the same reference.")
    return lines


# --- SEPA direct debit (pain.008) -------------------------------------------------------

SEPA_SCHEMAS = ("pain.008.001.08", "pain.008.001.02")
SEPA_SEQUENCES = ("FRST", "RCUR")

# The Latin characters every SEPA bank must carry (EPC217-08). Names and texts are
# transliterated first ("Søren Ærø" becomes "Soren AEro"); what is still outside
# the set becomes a space, as the ISO schema itself would let "&" or "@" through.
SEPA_OTHER_CHARACTERS = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]+")
# Identifiers (MsgId, EndToEndId, MndtId): the same set without spaces, at most 35
# characters, no "/" at either end nor "//" (EPC usage rules; the schema checks only
# the length).
SEPA_IDENTIFIER = re.compile(r"(?!/)(?!.*//)[A-Za-z0-9/\-?:().,'+]{1,35}(?<!/)")


def _sepa_text(value, length, what):
    text = SEPA_OTHER_CHARACTERS.sub(" ", unidecode(value).replace("&", "+"))
    text = " ".join(text.split())[:length].strip()
    if not text:
        raise ValueError(f"The {what} {value!r} has no letters a SEPA file can carry.")
    return text


def _sepa_identifier(value, what):
    if not SEPA_IDENTIFIER.fullmatch(value):
        raise ValueError(f"The {what} {value!r} is not a valid SEPA identifier.")
    return value


class _DirectDebit(SepaDD):
    """sepaxml's writer with the caller's message id: sepaxml draws a random one in
    its constructor, just before it writes the group header."""

    def __init__(self, config, schema, message_id):
        self._message_id = message_id
        super().__init__(config, schema=schema, clean=True)

    def _create_header(self):
        self.msg_id = self._message_id
        super()._create_header()


def _sepa_creditor():
    # The name the bank knows: the fixed legal name, else the site's name in the
    # default language, so it does not change with the language of whoever runs it.
    with translation.override(settings.LANGUAGE_CODE):
        name = creditor_name()
    return {
        "name": _sepa_text(name, 70, "creditor name"),
        "IBAN": compact(settings.DONATION_ACCOUNTS["EUR"]),
        "BIC": compact(settings.DONATION_BIC_EUR),
        "batch": True,
        "creditor_id": compact(settings.SEPA_CREDITOR_ID),
        "currency": "EUR",
    }


def _debtor_bic(iban, schema):
    """Mandates keep no BIC: pain.008.001.08 goes by the IBAN alone, .02 gets the BIC
    schwifty's registry knows for the IBAN's bank. Without one sepaxml writes
    FinInstnId/Othr/Id "NOTPROVIDED", which both schemas accept and banks'
    IBAN-only guides ask for."""
    if schema == "pain.008.001.02" and iban.bic is not None:
        return str(iban.bic)
    return None


def _sepa_payment(line, collection_date, schema):
    if line.sequence not in SEPA_SEQUENCES:
        raise ValueError(
            f"Collection {line.end_to_end_id}: sequence {line.sequence!r} is not FRST or RCUR."
        )
    iban = IBAN(line.account)
    payment = {
        "name": _sepa_text(line.debtor_name, 70, "debtor name"),
        "IBAN": iban.compact,
        "amount": _cents(line),
        "type": line.sequence,
        "collection_date": collection_date,
        "mandate_id": _sepa_identifier(line.mandate_reference, "mandate reference"),
        "mandate_date": line.mandate_signed,
        "description": _sepa_text(line.description, 140, "description"),
        "endtoend_id": _sepa_identifier(line.end_to_end_id, "end-to-end id"),
    }
    bic = _debtor_bic(iban, schema)
    if bic:
        payment["BIC"] = bic
    return payment


def sepa_direct_debit(lines, collection_date, message_id):
    """A pain.008 file (schema from settings.SEPA_DIRECT_DEBIT_SCHEMA), validated.

    Core scheme, batch booking: sepaxml groups the transactions by sequence type
    and collection date, so a run gets one PmtInf block for FRST and one for RCUR.
    `message_id` becomes GrpHdr/MsgId. The creation time (CreDtTm, server time)
    and the PmtInfIds (creditor name and 12 random hex digits) are sepaxml's own, so two
    calls never return the same bytes. Returns UTF-8 XML bytes.
    """
    lines = _checked(lines, "EUR")
    schema = settings.SEPA_DIRECT_DEBIT_SCHEMA
    if schema not in SEPA_SCHEMAS:
        raise ValueError(f"SEPA_DIRECT_DEBIT_SCHEMA {schema!r} is not one of {SEPA_SCHEMAS}.")
    document = _DirectDebit(_sepa_creditor(), schema, _sepa_identifier(message_id, "message id"))
    for line in lines:
        document.add_payment(_sepa_payment(line, collection_date, schema))
    content = document.export(validate=False)
    _check_against_schema(content, schema)
    return content


@functools.cache
def _sepa_schema(schema):
    """The XSD sepaxml ships for this pain.008 version, loaded once per process:
    sepaxml's own check reloads it with a pure-Python validator on every file, which
    took most of the time of a 10,000-line run."""
    path = Path(sepaxml.__file__).parent / "schemas" / f"{schema}.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def _check_against_schema(content, schema):
    """Raise sepaxml's ValidationError unless the file conforms to the ISO 20022 schema."""
    xml_schema = _sepa_schema(schema)
    if not xml_schema.validate(etree.fromstring(content)):
        raise SepaValidationError(
            f"The SEPA file does not conform to {schema}: {xml_schema.error_log.last_error}"
        )


# --- AvtaleGiro (Nets OCR) ---------------------------------------------------------------

# Nets reads the file as ISO-8859-1 (netsgiro's documentation); Norwegian letters
# stay, anything else is transliterated so it can be encoded at all.
AVTALEGIRO_ENCODING = "iso-8859-1"
# Nets' limits: a statement reference of 25 characters, a payer name of 10 (for our
# own cross-reference in Nets' reports), notices of up to 42 lines of 80 characters.
AVTALEGIRO_REFERENCE_LENGTH = 25
AVTALEGIRO_PAYER_NAME_LENGTH = 10
AVTALEGIRO_NOTICE_LINES = 42
AVTALEGIRO_NOTICE_WIDTH = 80


def _latin1(text):
    return "".join(char if ord(char) < 256 else unidecode(char) for char in text)


def _kid(line):
    # Nets checks each KID against the agreement's check-digit rule and rejects the
    # whole assignment if one fails: refuse it here, naming the collection.
    kid = line.mandate_reference
    if not re.fullmatch(r"\d{2,25}", kid, re.ASCII) or not luhn.is_valid(kid):
        raise ValueError(f"Collection {line.end_to_end_id}: {kid!r} is not a valid KID.")
    return kid


def _transmission_number(value):
    number = str(value)
    if not re.fullmatch(r"\d{1,7}", number, re.ASCII):
        raise ValueError(f"Transmission number {value!r} is not a number of up to 7 digits.")
    return number.zfill(7)


def _notice(line):
    """The text the payer's bank shows in its notice of the claim."""
    lines = textwrap.wrap(_latin1(line.description), AVTALEGIRO_NOTICE_WIDTH)
    return "\n".join(lines[:AVTALEGIRO_NOTICE_LINES])


def avtalegiro_claims(lines, collection_date, transmission_number):
    """An AvtaleGiro claims (krav) transmission in Nets' OCR format.

    Returns bytes, the OCR text encoded as ISO-8859-1. `transmission_number` (up
    to 7 digits, int or str) numbers the transmission and its one assignment.
    Each claim asks the payer's bank to send the notice (transaction type 21,
    with the description as its text): the agreement text promises the bank
    notifies the donor unless they waived it, and a bank sends nothing to a payer
    who did. The output depends only on the arguments and settings.
    """
    lines = _checked(lines, "NOK")
    number = _transmission_number(transmission_number)
    transmission = netsgiro.Transmission(
        number=number,
        data_transmitter=settings.AVTALEGIRO_DATA_TRANSMITTER,
        data_recipient=netsgiro.NETS_ID,
    )
    assignment = transmission.add_assignment(
        service_code=netsgiro.ServiceCode.AVTALEGIRO,
        assignment_type=netsgiro.AssignmentType.TRANSACTIONS,
        agreement_id=settings.AVTALEGIRO_AGREEMENT_ID,
        number=number,
        account=compact(settings.AVTALEGIRO_ACCOUNT),
    )
    for line in lines:
        assignment.add_payment_request(
            kid=_kid(line),
            due_date=collection_date,
            amount=line.amount,
            # netsgiro pads these fields but does not cut them to length.
            reference=_latin1(line.description)[:AVTALEGIRO_REFERENCE_LENGTH],
            payer_name=_latin1(line.debtor_name)[:AVTALEGIRO_PAYER_NAME_LENGTH],
            bank_notification=_notice(line),
        )
    return transmission.to_ocr().encode(AVTALEGIRO_ENCODING)


# --- Betalingsservice (CSV for the bank's portal) ----------------------------------------

# The columns in order: (header, what the column holds).
BETALINGSSERVICE_COLUMNS = (
    ("PBS number", "the organisation's PBS number (BETALINGSSERVICE_PBS_NUMBER)"),
    ("Debtor group", "the debtor group (BETALINGSSERVICE_DEBTOR_GROUP)"),
    ("Customer number", "the agreement's customer number (the mandate reference)"),
    ("Debtor name", "the donor's name"),
    ("Account", "registration number and account number, as in 0040 0440116243"),
    ("Amount", "the amount with a decimal comma, as in 150,00"),
    ("Currency", "DKK"),
    ("Collection date", "YYYY-MM-DD"),
    ("Text on statement", "what the donor reads on their statement"),
    ("Our reference", "the collection's own reference (end-to-end id)"),
)
# Danish Excel separates with ";" (the comma is the decimal sign) and reads UTF-8
# only with a byte order mark; without it "Søren" shows as "SÃ¸ren".
BETALINGSSERVICE_DELIMITER = ";"
BETALINGSSERVICE_ENCODING = "utf-8-sig"
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _danish_account(line):
    """Registration number (the IBAN's 4 bank digits) and account number (10 digits)."""
    iban = IBAN(line.account)
    if iban.country_code != "DK":
        raise ValueError(f"Collection {line.end_to_end_id}: {iban.compact} is not a Danish IBAN.")
    return f"{iban.bank_code} {iban.account_code}"


def _betalingsservice_row(line, collection_date):
    return [
        settings.BETALINGSSERVICE_PBS_NUMBER,
        settings.BETALINGSSERVICE_DEBTOR_GROUP,
        line.mandate_reference,
        line.debtor_name,
        _danish_account(line),
        f"{line.amount:.2f}".replace(".", ","),
        line.currency,
        collection_date.isoformat(),
        line.description,
        line.end_to_end_id,
    ]


def betalingsservice_csv(lines, collection_date):
    """The CSV staff upload in their Danish bank's portal.

    Returns bytes: UTF-8 with a byte order mark, ";" between fields, CRLF line
    ends, a header row, then one row per collection (BETALINGSSERVICE_COLUMNS).
    Any cell a spreadsheet would run as a formula starts with "'". The output
    depends only on the arguments and settings.
    """
    lines = _checked(lines, "DKK")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=BETALINGSSERVICE_DELIMITER, lineterminator="\r\n")
    writer.writerow([header for header, _meaning in BETALINGSSERVICE_COLUMNS])
    for line in lines:
        writer.writerow([_cell(value) for value in _betalingsservice_row(line, collection_date)])
    return buffer.getvalue().encode(BETALINGSSERVICE_ENCODING)
