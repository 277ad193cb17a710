"""Bank files as banks send them, built in the tests: camt.054 returns, pain.002
rejects and camt.053 statements with their real namespaces and structure, and
OCR Giro transmissions made with netsgiro's objects. Also the rows they refer to:
sponsorships with collections (made directly, without a bank file) and gifts."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import count
from uuid import uuid4

import netsgiro
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from lxml import etree
from lxml.builder import ElementMaker

from donations.banking import Account, Scheme, random_payment_reference
from donations.models import (
    Collection,
    CollectionRun,
    Donor,
    Gift,
    Mandate,
    Sequence,
    Sponsorship,
    Status,
)

_serial = count(1)

# What a bank file holds that our records must never keep in clear.
DEBTOR_NAME = "Ann Peeters"
DEBTOR_IBAN = "BE71096123456769"
OUR_IBAN = "BE68539007547034"


# --- rows ------------------------------------------------------------------------------


def make_donor(**fields):
    defaults = {
        "first_name": "Ann",
        "last_name": "Peeters",
        "email": f"donor{next(_serial)}@example.org",
        "street": "Kerkstraat 1",
        "postal_code": "3000",
        "city": "Leuven",
        "country": "BE",
        "language": "nl",
        "privacy_consent_version": "1",
        "privacy_consent_text": "Privacy text",
        "privacy_consent_at": timezone.now(),
    }
    donor = Donor(**{**defaults, **fields})
    donor.save()
    return donor


def make_sponsorship(currency="EUR", amount=Decimal("35.00"), collection_day=5, **fields):
    donor = make_donor()
    scheme = {"EUR": Scheme.SEPA, "NOK": Scheme.AVTALEGIRO}[currency]
    mandate = Mandate(
        scheme=scheme,
        donor=donor,
        account_holder=DEBTOR_NAME,
        creditor_name="Children's Villages",
        creditor_id="BE69ZZZ050D000000008",
        text="Mandate text",
        signed_at=timezone.now(),
    )
    mandate.set_account(Account(DEBTOR_IBAN, "BE"))
    mandate.save()
    defaults = {
        "status": Status.ACTIVE,
        "collection_day": collection_day,
        "first_collection": date(2026, 1, collection_day),
        "submission_token": uuid4(),
    }
    return Sponsorship.objects.create(
        donor=donor, mandate=mandate, amount=amount, currency=currency, **{**defaults, **fields}
    )


def make_collection(sponsorship, day, status="pending"):
    """A collection in a run of its own, as start_run would have left it."""
    run = CollectionRun.objects.create(
        scheme=sponsorship.mandate.scheme,
        collection_date=day,
        currency=sponsorship.currency,
        count=1,
        total=sponsorship.amount,
        file_name=f"run-{day}.xml",
        file_encrypted="not a real file",
    )
    return Collection.objects.create(
        run=run,
        sponsorship=sponsorship,
        collection_date=day,
        reference=f"{sponsorship.reference}-{day:%Y%m%d}",
        amount=sponsorship.amount,
        currency=sponsorship.currency,
        sequence=Sequence.RECURRING if sponsorship.currency == "EUR" else "",
        status=status,
    )


def make_gift(currency="EUR", amount=Decimal("50.00"), **fields):
    gift = Gift(
        donor=make_donor(),
        amount=amount,
        currency=currency,
        submission_token=uuid4(),
        payment_reference=random_payment_reference(currency, ""),
        **fields,
    )
    gift.save()
    return gift


def upload(content, name="bank-file.xml"):
    return SimpleUploadedFile(name, content, "application/octet-stream")


# --- ISO 20022 ---------------------------------------------------------------------------


def namespace(message):
    return f"urn:iso:std:iso:20022:tech:xsd:{message}"


def maker(message):
    """Elements in the message's namespace, or in none when `message` is None."""
    if message is None:
        return ElementMaker()
    return ElementMaker(namespace=namespace(message), nsmap={None: namespace(message)})


def document(E, body):
    xml = etree.tostring(E.Document(body), xml_declaration=True, encoding="UTF-8")
    return xml


def amount(E, tag, value, currency):
    return getattr(E, tag)(f"{value:.2f}", Ccy=currency)


def debtor(E):
    return E.RltdPties(E.Dbtr(E.Nm(DEBTOR_NAME)), E.DbtrAcct(E.Id(E.IBAN(DEBTOR_IBAN))))


def entry_status(E, version, code="BOOK"):
    """camt .02 writes the status as text, .08 as a code inside it."""
    return E.Sts(code) if version == "02" else E.Sts(E.Cd(code))


def tx_amount(E, version, value, currency):
    """camt .02 gives a transaction's amount in AmtDtls, .08 right in TxDtls."""
    if version == "02":
        return [E.AmtDtls(E.TxAmt(amount(E, "Amt", value, currency)))]
    return [amount(E, "Amt", value, currency)]


@dataclass(frozen=True)
class Return:
    end_to_end_id: str
    reason: str
    amount: Decimal = Decimal("35.00")
    currency: str = "EUR"
    booked: date = date(2026, 3, 9)


def camt054(returns, version="02", with_namespace=True):
    """A debit notification with one entry per returned collection."""
    E = maker(f"camt.054.001.{version}" if with_namespace else None)
    entries = [
        E.Ntry(
            E.NtryRef(str(number)),
            amount(E, "Amt", item.amount, item.currency),
            E.CdtDbtInd("DBIT"),
            E.RvslInd("true"),
            entry_status(E, version),
            E.BookgDt(E.Dt(item.booked.isoformat())),
            E.ValDt(E.Dt(item.booked.isoformat())),
            E.AcctSvcrRef(f"RTR-{number}"),
            E.BkTxCd(E.Domn(E.Cd("PMNT"), E.Fmly(E.Cd("RDDT"), E.SubFmlyCd("UPDD")))),
            E.NtryDtls(
                E.TxDtls(
                    E.Refs(E.EndToEndId(item.end_to_end_id), E.MndtId("M-TEST-0001")),
                    *tx_amount(E, version, item.amount, item.currency),
                    debtor(E),
                    E.RtrInf(E.Rsn(E.Cd(item.reason))),
                )
            ),
        )
        for number, item in enumerate(returns, start=1)
    ]
    body = E.BkToCstmrDbtCdtNtfctn(
        E.GrpHdr(E.MsgId(f"NTF-{next(_serial)}"), E.CreDtTm("2026-03-10T08:00:00")),
        E.Ntfctn(
            E.Id("NTF-1"),
            E.CreDtTm("2026-03-10T08:00:00"),
            E.Acct(E.Id(E.IBAN(OUR_IBAN))),
            *entries,
        ),
    )
    return document(E, body)


def pain002(rejects, version="03", accepted=()):
    """A payment status report: RJCT for each reject, ACCP for each accepted id."""
    E = maker(f"pain.002.001.{version}")

    def status(end_to_end_id, code, reason=None, value=Decimal("35.00")):
        reason_info = [E.StsRsnInf(E.Rsn(E.Cd(reason)))] if reason else []
        return E.TxInfAndSts(
            E.StsId(f"ST-{next(_serial)}"),
            E.OrgnlEndToEndId(end_to_end_id),
            E.TxSts(code),
            *reason_info,
            E.OrgnlTxRef(
                E.Amt(amount(E, "InstdAmt", value, "EUR")),
                E.ReqdColltnDt("2026-03-05"),
                E.Dbtr(E.Nm(DEBTOR_NAME)),
                E.DbtrAcct(E.Id(E.IBAN(DEBTOR_IBAN))),
            ),
        )

    body = E.CstmrPmtStsRpt(
        E.GrpHdr(E.MsgId(f"STS-{next(_serial)}"), E.CreDtTm("2026-03-04T09:00:00")),
        E.OrgnlGrpInfAndSts(
            E.OrgnlMsgId("RUN-1-20260305"), E.OrgnlMsgNmId("pain.008.001.02"), E.GrpSts("PART")
        ),
        E.OrgnlPmtInfAndSts(
            E.OrgnlPmtInfId("PMT-1"),
            *[status(item.end_to_end_id, "RJCT", item.reason, item.amount) for item in rejects],
            *[status(end_to_end_id, "ACCP") for end_to_end_id in accepted],
        ),
    )
    return document(E, body)


@dataclass(frozen=True)
class Credit:
    amount: Decimal
    structured: str = ""  # RmtInf/Strd/CdtrRefInf/Ref
    unstructured: str = ""  # RmtInf/Ustrd
    currency: str = "EUR"
    booked: date = date(2026, 3, 2)
    direction: str = "CRDT"
    status: str = "BOOK"


def camt053(credits, version="02"):
    """A statement with one entry per credit (or debit), each with its details."""
    E = maker(f"camt.053.001.{version}")

    def remittance(item):
        parts = []
        if item.unstructured:
            parts.append(E.Ustrd(item.unstructured))
        if item.structured:
            reference_type = E.Tp(E.CdOrPrtry(E.Cd("SCOR")), E.Issr("BBA"))
            parts.append(E.Strd(E.CdtrRefInf(reference_type, E.Ref(item.structured))))
        return [E.RmtInf(*parts)] if parts else []

    entries = [
        E.Ntry(
            amount(E, "Amt", item.amount, item.currency),
            E.CdtDbtInd(item.direction),
            entry_status(E, version, item.status),
            E.BookgDt(E.Dt(item.booked.isoformat())),
            E.ValDt(E.Dt(item.booked.isoformat())),
            E.AcctSvcrRef(f"STMT-{number}"),
            E.BkTxCd(E.Domn(E.Cd("PMNT"), E.Fmly(E.Cd("RCDT"), E.SubFmlyCd("ESCT")))),
            E.NtryDtls(
                E.TxDtls(
                    E.Refs(E.AcctSvcrRef(f"TX-{number}"), E.EndToEndId("NOTPROVIDED")),
                    *tx_amount(E, version, item.amount, item.currency),
                    debtor(E),
                    *remittance(item),
                )
            ),
        )
        for number, item in enumerate(credits, start=1)
    ]
    body = E.BkToCstmrStmt(
        E.GrpHdr(E.MsgId(f"STMT-{next(_serial)}"), E.CreDtTm("2026-03-03T06:00:00")),
        E.Stmt(
            E.Id("STMT-2026-03-02"),
            E.CreDtTm("2026-03-03T06:00:00"),
            E.Acct(E.Id(E.IBAN(OUR_IBAN)), E.Ccy("EUR")),
            *entries,
        ),
    )
    return document(E, body)


# --- OCR Giro --------------------------------------------------------------------------


@dataclass(frozen=True)
class Payment:
    kid: str
    amount: Decimal
    paid: date = date(2026, 3, 5)
    reversing: bool = False


def ocr_giro(payments, transmission_number="1000081"):
    """An OCR Giro transmission from Nets: one assignment of incoming payments."""
    processed = date(2026, 3, 5)
    transmission = netsgiro.Transmission(
        number=transmission_number,
        data_transmitter="00008080",
        data_recipient="00012345",
        date=processed,
    )
    assignment = transmission.add_assignment(
        service_code=netsgiro.ServiceCode.OCR_GIRO,
        assignment_type=netsgiro.AssignmentType.TRANSACTIONS,
        agreement_id="000000001",
        number="4000086",
        account="86011117947",
        date=processed,
    )
    for number, item in enumerate(payments, start=1):
        kind = netsgiro.TransactionType
        assignment.transactions.append(
            netsgiro.Transaction(
                service_code=netsgiro.ServiceCode.OCR_GIRO,
                type=kind.REVERSING_WITH_KID if item.reversing else kind.PURCHASE_WITH_KID,
                number=number,
                date=item.paid,
                amount=item.amount,
                kid=item.kid,
                reference=f"{number:09d}",
                text=None,
                centre_id="01",
                day_code=item.paid.day,
                partial_settlement_number=1,
                partial_settlement_serial_number="00001",
                sign="0",
                form_number="0000000000",
                bank_date=item.paid,
                debit_account="12345678903",
                filler="0000000",
            )
        )
    return transmission.to_ocr().encode("latin-1")
