"""Reading the files banks send back: returns (camt.054), rejects (pain.002), euro
statements (camt.053) and Norwegian OCR Giro payments.

ISO 20022 files are read with lxml by the elements' local names, so every version
banks send (camt.054.001.02 to .08, pain.002.001.03 to .10, camt.053.001.02 to .08,
or no namespace at all) reads the same. The parser never loads a DTD, expands an
entity or reaches the network, and a file with a DOCTYPE is refused: bank files
never have one. Each reader gives plain `BankLine`s; nothing here touches the
database (donations/bank_imports.py applies them).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import netsgiro
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from lxml import etree
from stdnum.be import ogm_vcs

from donations.models import ImportKind


@dataclass(frozen=True)
class BankLine:
    """One returned or rejected collection, or one credit on our account."""

    reference: str  # end-to-end id, structured communication or KID; "" if none
    amount: Decimal | None
    currency: str
    date: date | None
    reason: str = ""  # returns and rejects: the ISO 20022 reason code
    bank_reference: str = ""  # the bank's own reference of the entry


def unreadable(message, code="unreadable", **params):
    return ValidationError(message, code=code, params=params)


# --- safe XML ------------------------------------------------------------------------


def read_xml(content):
    """The root element, or a ValidationError: never a DTD, an entity or the network."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise unreadable(
            _("The file is not readable XML (%(error)s). Nothing was stored."),
            error=str(error.msg or error),
        ) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise unreadable(
            _("The file declares a DOCTYPE or entities, which bank files never do. Refused."),
            code="doctype",
        )
    return root


def local(element):
    return etree.QName(element).localname


def children(element, name):
    return [child for child in element if isinstance(child.tag, str) and local(child) == name]


def first(element, *path):
    """The first element down `path` (local names), or None."""
    for name in path:
        if element is None:
            return None
        found = children(element, name)
        element = found[0] if found else None
    return element


def text(element, *path):
    found = first(element, *path)
    return (found.text or "").strip() if found is not None else ""


def descendants(element, name):
    return element.xpath(".//*[local-name()=$name]", name=name)


def message(content, expected_name, kind):
    """The message under Document (BkToCstmrStmt…), checked to be of the kind chosen."""
    root = read_xml(content)
    body = first(root, expected_name) if local(root) == "Document" else None
    if body is None:
        found = local(root[0]) if local(root) == "Document" and len(root) else local(root)
        raise unreadable(
            _("This is not a file of the kind chosen (%(kind)s): it holds “%(found)s”."),
            code="wrong_kind",
            kind=kind.label,
            found=found,
        )
    return body


def amount_of(element):
    """(amount, currency) of an ISO 20022 amount element (`<Amt Ccy="EUR">35.00</Amt>`)."""
    if element is None:
        return None, ""
    value = (element.text or "").strip()
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise unreadable(
            _("The file has an amount that is not a number: “%(value)s”."), value=value[:40]
        )
    return amount, element.get("Ccy", "")


def date_of(value):
    """A date from an ISO date or date-time ("2026-03-05", "2026-03-05T10:00:00+01:00")."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise unreadable(
            _("The file has a date that is not a date: “%(value)s”."), value=value[:40]
        ) from None


def booking_date(entry):
    for path in (("BookgDt", "Dt"), ("BookgDt", "DtTm"), ("ValDt", "Dt"), ("ValDt", "DtTm")):
        if value := text(entry, *path):
            return date_of(value)
    return None


def first_amount(element, *paths):
    for path in paths:
        found = first(element, *path)
        if found is not None:
            return amount_of(found)
    return None, ""


TX_AMOUNT_PATHS = (("Amt",), ("AmtDtls", "TxAmt", "Amt"), ("AmtDtls", "InstdAmt", "Amt"))


def bank_reference(entry, details=None):
    for element in (details, entry):
        if element is None:
            continue
        for path in (("Refs", "AcctSvcrRef"), ("AcctSvcrRef",), ("NtryRef",)):
            if value := text(element, *path):
                return value
    return ""


def entries(body):
    """(entry, [its transaction details]) of a statement or notification."""
    for entry in descendants(body, "Ntry"):
        yield (
            entry,
            [tx for details in children(entry, "NtryDtls") for tx in children(details, "TxDtls")],
        )


# --- returns and rejects ---------------------------------------------------------------


def returns(content):
    """camt.054: each returned collection, named by our end-to-end id."""
    body = message(content, "BkToCstmrDbtCdtNtfctn", ImportKind.RETURNS)
    lines = []
    for entry, details in entries(body):
        for tx in details:
            info = first(tx, "RtrInf")
            if info is None:
                continue  # not a return: a credit notified in the same file
            reference = text(tx, "Refs", "OrgnlEndToEndId") or text(tx, "Refs", "EndToEndId")
            amount, currency = first_amount(tx, *TX_AMOUNT_PATHS)
            if amount is None and len(details) == 1:
                amount, currency = amount_of(first(entry, "Amt"))
            lines.append(
                BankLine(
                    reference=reference,
                    amount=amount,
                    currency=currency,
                    date=booking_date(entry),
                    reason=text(info, "Rsn", "Cd") or text(info, "Rsn", "Prtry"),
                    bank_reference=bank_reference(entry, tx),
                )
            )
    return lines


def rejects(content):
    """pain.002: each collection the banks refused before it was collected (RJCT)."""
    body = message(content, "CstmrPmtStsRpt", ImportKind.REJECTS)
    report_date = date_of(text(body, "GrpHdr", "CreDtTm"))
    lines = []
    for tx in descendants(body, "TxInfAndSts"):
        if text(tx, "TxSts") != "RJCT":
            continue
        amount, currency = first_amount(tx, ("OrgnlTxRef", "Amt", "InstdAmt"))
        lines.append(
            BankLine(
                reference=text(tx, "OrgnlEndToEndId"),
                amount=amount,
                currency=currency,
                date=date_of(text(tx, "AccptncDtTm")) or report_date,
                reason=text(tx, "StsRsnInf", "Rsn", "Cd") or text(tx, "StsRsnInf", "Rsn", "Prtry"),
                bank_reference=text(tx, "StsId") or text(tx, "OrgnlInstrId"),
            )
        )
    return lines


# --- credits -------------------------------------------------------------------------

# "+++123/4567/89002+++" (or with ***), spaces allowed; or the 12 digits on their own.
DELIMITED = re.compile(
    r"(?:\+\+\+|\*\*\*)\s*(\d{3})\s*/?\s*(\d{4})\s*/?\s*(\d{5})\s*(?:\+\+\+|\*\*\*)"
)
BARE = re.compile(r"(?<!\d)(\d{3})[/ ]?(\d{4})[/ ]?(\d{5})(?!\d)")


def structured_communication(value):
    """The Belgian structured communication in `value`, written as gifts keep it
    ("+++123/4567/89002+++"), or "" when none with a valid check is there."""
    for pattern in (DELIMITED, BARE):
        for match in pattern.finditer(value or ""):
            digits = "".join(match.groups())
            if ogm_vcs.is_valid(digits):
                return f"+++{ogm_vcs.format(digits)}+++"
    return ""


def remittance_reference(tx):
    """The structured reference if there is one, else one found in the free text."""
    remittance = first(tx, "RmtInf")
    if remittance is None:
        return ""
    texts = [text(strd, "CdtrRefInf", "Ref") for strd in children(remittance, "Strd")]
    texts += [ustrd.text for ustrd in children(remittance, "Ustrd")]
    for value in texts:
        if found := structured_communication(value):
            return found
    return ""


def is_booked_credit(entry):
    status = text(entry, "Sts") or text(entry, "Sts", "Cd")
    reversal = text(entry, "RvslInd").lower() == "true"
    return text(entry, "CdtDbtInd") == "CRDT" and status in ("", "BOOK") and not reversal


def statement_credits(content):
    """camt.053: every booked credit, one line per transaction of an entry (a bank
    may book several transfers as one entry)."""
    body = message(content, "BkToCstmrStmt", ImportKind.STATEMENT)
    lines = []
    for entry, details in entries(body):
        if not is_booked_credit(entry):
            continue
        day = booking_date(entry)
        if not details:
            amount, currency = amount_of(first(entry, "Amt"))
            reference = structured_communication(text(entry, "AddtlNtryInf"))
            lines.append(BankLine(reference, amount, currency, day, "", bank_reference(entry)))
        for tx in details:
            if text(tx, "CdtDbtInd") == "DBIT":
                continue
            amount, currency = first_amount(tx, *TX_AMOUNT_PATHS)
            if amount is None and len(details) == 1:
                amount, currency = amount_of(first(entry, "Amt"))
            reference = remittance_reference(tx)
            lines.append(BankLine(reference, amount, currency, day, "", bank_reference(entry, tx)))
    return lines


# Money paid to us; the reversing types take a payment back.
REVERSING = {
    netsgiro.TransactionType.REVERSING_WITH_KID,
    netsgiro.TransactionType.REVERSING_WITH_TEXT,
}


def ocr_giro_credits(content):
    """OCR Giro from Nets: every payment with its KID, amount (NOK) and date."""
    try:
        transmission = netsgiro.parse(content.decode("latin-1"))
    except (ValueError, AssertionError, KeyError, TypeError, IndexError):
        # netsgiro's message quotes the line, with the payer's account: not shown.
        raise unreadable(
            _(
                "The file is not a readable OCR Giro file: every line must be one of Nets' "
                "80-character records. Nothing was stored."
            )
        ) from None
    lines = []
    for assignment in transmission.assignments:
        for tx in assignment.transactions:
            if not isinstance(tx, netsgiro.Transaction) or tx.type in REVERSING:
                continue
            lines.append(
                BankLine(
                    reference=(tx.kid or "").strip(),
                    amount=tx.amount,
                    currency="NOK",
                    date=tx.date,
                    bank_reference=f"{assignment.number}/{tx.number}",
                )
            )
    return lines


READERS = {
    ImportKind.RETURNS: returns,
    ImportKind.REJECTS: rejects,
    ImportKind.STATEMENT: statement_credits,
    ImportKind.OCR_GIRO: ocr_giro_credits,
}


def read(kind, content):
    """The lines of a file of this kind, or a ValidationError saying why not."""
    if not content.strip():
        raise unreadable(_("The file is empty."), code="empty")
    return READERS[kind](content)
