"""Reading bank files safely: a broken, hostile or mistaken file is refused with a
message staff understand, and nothing is stored."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from donations import bank_imports, bank_statements
from donations.bank_imports import import_file
from donations.bank_returns import REASONS, describe_reason, reason_words
from donations.models import BankImport, CollectionStatus, ImportKind, ImportLine
from tests.donations.bank_samples import (
    Credit,
    Payment,
    Return,
    camt053,
    camt054,
    make_collection,
    make_sponsorship,
    ocr_giro,
    upload,
)

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
  <BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>&secret;</MsgId></GrpHdr></BkToCstmrDbtCdtNtfctn>
</Document>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Document><BkToCstmrDbtCdtNtfctn>&lol3;</BkToCstmrDbtCdtNtfctn></Document>"""


def refusal(kind, content):
    with pytest.raises(ValidationError) as refused:
        bank_statements.read(kind, content)
    return refused.value


@pytest.mark.parametrize("content", [XXE, BILLION_LAUGHS], ids=["xxe", "billion laughs"])
def test_a_file_with_a_doctype_or_entities_is_refused(content):
    error = refusal(ImportKind.RETURNS, content)
    assert error.code == "doctype"
    assert "DOCTYPE" in error.messages[0]


def test_malformed_xml_is_refused_with_what_is_wrong():
    error = refusal(ImportKind.RETURNS, b"<Document><BkToCstmrDbtCdtNtfctn></Document>")
    assert error.code == "unreadable"
    assert error.messages[0].startswith("The file is not readable XML (")


def test_a_file_of_another_kind_is_refused():
    statement = camt053([Credit(Decimal("50.00"))])
    error = refusal(ImportKind.RETURNS, statement)
    assert error.code == "wrong_kind"
    assert "BkToCstmrStmt" in error.messages[0] and "camt.054" in error.messages[0]
    assert refusal(ImportKind.STATEMENT, b"<html><body/></html>").code == "wrong_kind"


def test_an_unreadable_ocr_giro_file_is_refused():
    error = refusal(ImportKind.OCR_GIRO, b"NY000010 this is not a transmission\n")
    assert error.messages[0].startswith("The file is not a readable OCR Giro file")
    assert refusal(ImportKind.OCR_GIRO, camt053([])).code == "unreadable"


def test_an_ocr_giro_refusal_never_quotes_the_payers_account():
    content = ocr_giro([Payment("2000000006", Decimal("100.00"))]).replace(
        b"12345678903", b"1234567890X"
    )
    error = refusal(ImportKind.OCR_GIRO, content)
    assert "1234567890" not in error.messages[0]


@pytest.mark.django_db
def test_a_file_too_large_for_a_bank_file_is_refused(monkeypatch):
    monkeypatch.setattr(bank_imports, "MAX_FILE_SIZE", 100)
    with pytest.raises(ValidationError) as refused:
        import_file(ImportKind.STATEMENT, upload(camt053([])), by=None)
    assert refused.value.code == "too_large"
    assert not BankImport.objects.exists()


def test_an_empty_file_is_refused():
    assert refusal(ImportKind.STATEMENT, b"  \n").code == "empty"


def test_an_amount_or_date_that_is_not_one_is_refused():
    for wrong in (b">35,00<", b">NaN<"):
        content = camt054([Return("S-1", "AM04")]).replace(b">35.00<", wrong)
        assert "not a number" in refusal(ImportKind.RETURNS, content).messages[0]
    content = camt054([Return("S-1", "AM04")]).replace(b"2026-03-09", b"09/03/2026")
    assert "not a date" in refusal(ImportKind.RETURNS, content).messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [XXE, BILLION_LAUGHS, b"<Document>", camt053([Credit(Decimal("50.00"))])],
    ids=["xxe", "billion laughs", "malformed", "wrong kind"],
)
def test_a_refused_file_stores_nothing_and_changes_nothing(content):
    collection = make_collection(make_sponsorship(), make_sponsorship().first_collection)
    with pytest.raises(ValidationError):
        import_file(ImportKind.RETURNS, upload(content), by=None)
    assert not BankImport.objects.exists() and not ImportLine.objects.exists()
    collection.refresh_from_db()
    assert collection.status == CollectionStatus.PENDING


def test_structured_communications_are_found_only_with_a_valid_check():
    find = bank_statements.structured_communication
    assert find("+++010/8068/17183+++") == "+++010/8068/17183+++"
    assert find("*** 010 / 8068 / 17183 ***") == "+++010/8068/17183+++"
    assert find("gift 010806817183, thanks") == "+++010/8068/17183+++"
    assert find("010/8068/17183") == "+++010/8068/17183+++"
    assert find("+++010/8068/17184+++") == ""
    assert find("BE71 0961 2345 6769") == ""
    assert find("0108068171830") == ""  # thirteen digits are something else
    assert find("") == find(None) == ""


def test_reason_codes_are_told_in_words_and_unknown_ones_show_their_code():
    expected = {"AC01", "AC04", "AC06", "AG01", "AG02", "AM04", "AM05", "BE05", "MD01"}
    expected |= {"MD02", "MD06", "MD07", "MS02", "MS03", "RC01", "SL01", "FF01"}
    expected |= {"RR01", "RR02", "RR03", "RR04"}
    assert set(REASONS) == expected
    assert str(reason_words("AC04")) == "Account closed"
    assert describe_reason("MS02") == "MS02 · Refused by the donor"
    assert str(reason_words("ZZ99")) == "ZZ99: unknown reason"
    assert describe_reason("ZZ99") == "ZZ99: unknown reason"
    assert describe_reason("") == "—"


def test_reason_words_follow_the_active_language():
    # Lazy: the words are looked up in the language of the page that shows them.
    with translation.override("nl"):
        assert isinstance(str(reason_words("AM04")), str)
