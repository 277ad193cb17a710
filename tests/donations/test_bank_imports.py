"""Importing bank files: returns and rejects mark collections and suspend what can
not be collected, credits mark gifts received, and nothing is applied twice."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from donations import collections
from donations.bank_imports import import_file, resume_after_call
from donations.crypto import decrypt_bytes
from donations.models import (
    BankImport,
    CollectionStatus,
    ImportKind,
    ImportLine,
    Sponsorship,
    Status,
)
from tests.donations.bank_samples import (
    DEBTOR_IBAN,
    DEBTOR_NAME,
    Credit,
    Payment,
    Return,
    camt053,
    camt054,
    make_collection,
    make_gift,
    make_sponsorship,
    ocr_giro,
    pain002,
    upload,
)

pytestmark = pytest.mark.django_db

MARCH, APRIL, MAY = date(2026, 3, 5), date(2026, 4, 5), date(2026, 5, 5)


def run_import(kind, content, by=None, name="bank-file.xml"):
    return import_file(kind, upload(content, name), by=by)


def returned(collection, reason="AM04", version="02"):
    return camt054([Return(collection.reference, reason)], version=version)


def lines(bank_import):
    return list(bank_import.lines.values_list("outcome", flat=True))


# --- returns and rejects -------------------------------------------------------------


@pytest.mark.parametrize("version", ["02", "08"])
def test_a_return_marks_the_collection_returned_with_its_reason_and_date(version):
    collection = make_collection(make_sponsorship(), MARCH)
    bank_import = run_import(ImportKind.RETURNS, returned(collection, "MS02", version))
    collection.refresh_from_db()
    assert collection.status == CollectionStatus.RETURNED
    assert collection.return_reason == "MS02"
    assert collection.returned_on == date(2026, 3, 9)
    line = bank_import.lines.get()
    assert (line.outcome, line.collection, line.reason_code) == ("returned", collection, "MS02")
    assert (line.amount, line.currency, line.reference) == (
        Decimal("35.00"),
        "EUR",
        collection.reference,
    )
    assert bank_import.counts["returned"] == 1 and bank_import.counts["unmatched"] == 0


@pytest.mark.parametrize("version", ["03", "10"])
def test_a_reject_marks_the_collection_rejected_and_accepted_ones_stay(version):
    refused = make_collection(make_sponsorship(), MARCH)
    accepted = make_collection(make_sponsorship(), MARCH)
    content = pain002([Return(refused.reference, "AM04")], version, [accepted.reference])
    bank_import = run_import(ImportKind.REJECTS, content)
    refused.refresh_from_db()
    accepted.refresh_from_db()
    assert (refused.status, refused.return_reason) == (CollectionStatus.REJECTED, "AM04")
    assert refused.returned_on == date(2026, 3, 4)
    assert accepted.status == CollectionStatus.PENDING
    assert lines(bank_import) == ["rejected"]
    assert bank_import.counts["rejected"] == 1


def test_a_return_without_a_namespace_reads_the_same():
    collection = make_collection(make_sponsorship(), MARCH)
    content = camt054([Return(collection.reference, "AM04")], with_namespace=False)
    run_import(ImportKind.RETURNS, content)
    collection.refresh_from_db()
    assert collection.status == CollectionStatus.RETURNED


@pytest.mark.parametrize("reason", ["AC04", "MD01"])
def test_a_closed_account_or_no_mandate_suspends_the_mandate_and_due_skips_it(reason):
    sponsorship = make_sponsorship()
    assert list(collections.due(sponsorship.mandate.scheme, APRIL)) == [sponsorship]
    collection = make_collection(sponsorship, MARCH)
    bank_import = run_import(ImportKind.RETURNS, returned(collection, reason))
    sponsorship.mandate.refresh_from_db()
    assert sponsorship.mandate.suspended_at is not None
    assert sponsorship.mandate.suspended_reason == reason
    assert bank_import.counts["mandates_suspended"] == 1
    assert list(collections.due(sponsorship.mandate.scheme, APRIL)) == []


def test_not_enough_money_once_suspends_nothing():
    sponsorship = make_sponsorship()
    run_import(ImportKind.RETURNS, returned(make_collection(sponsorship, MARCH), "AM04"))
    sponsorship.refresh_from_db()
    sponsorship.mandate.refresh_from_db()
    assert sponsorship.mandate.suspended_at is None
    assert sponsorship.suspended_at is None and not sponsorship.needs_call
    assert list(collections.due(sponsorship.mandate.scheme, APRIL)) == [sponsorship]


def test_two_returns_in_a_row_suspend_the_sponsorship_and_list_it_for_a_call():
    sponsorship = make_sponsorship()
    march = make_collection(sponsorship, MARCH)
    april = make_collection(sponsorship, APRIL)
    first = run_import(ImportKind.RETURNS, returned(march, "AM04"))
    assert first.counts["sponsorships_suspended"] == 0
    # The April collection is rejected before it is collected: also "in a row".
    second = run_import(ImportKind.REJECTS, pain002([Return(april.reference, "MS02")]))
    assert second.counts["sponsorships_suspended"] == 1
    sponsorship.refresh_from_db()
    assert sponsorship.needs_call and sponsorship.suspended_at is not None
    assert sponsorship.status == Status.ACTIVE
    assert list(collections.due(sponsorship.mandate.scheme, MAY)) == []


def test_a_return_between_two_good_collections_is_not_two_in_a_row():
    sponsorship = make_sponsorship()
    make_collection(sponsorship, date(2026, 2, 5))
    run_import(ImportKind.RETURNS, returned(make_collection(sponsorship, MARCH)))
    sponsorship.refresh_from_db()
    assert not sponsorship.needs_call and sponsorship.suspended_at is None


def test_two_returns_in_one_file_suspend_the_sponsorship_once():
    sponsorship = make_sponsorship()
    march, april = make_collection(sponsorship, MARCH), make_collection(sponsorship, APRIL)
    content = camt054([Return(march.reference, "AM04"), Return(april.reference, "AM04")])
    bank_import = run_import(ImportKind.RETURNS, content)
    assert bank_import.counts["returned"] == 2
    assert bank_import.counts["sponsorships_suspended"] == 1


def test_resuming_after_a_call_collects_the_sponsorship_again():
    sponsorship = make_sponsorship()
    march, april = make_collection(sponsorship, MARCH), make_collection(sponsorship, APRIL)
    run_import(ImportKind.RETURNS, camt054([Return(c.reference, "AM04") for c in (march, april)]))
    assert resume_after_call(Sponsorship.objects.all()) == 1
    sponsorship.refresh_from_db()
    assert not sponsorship.needs_call and sponsorship.suspended_at is None
    assert list(collections.due(sponsorship.mandate.scheme, MAY)) == [sponsorship]


def test_a_collection_already_returned_stays_as_it_is():
    collection = make_collection(make_sponsorship(), MARCH)
    run_import(ImportKind.RETURNS, returned(collection, "MS02"))
    # Another file (the status report, later) names the same collection.
    again = run_import(ImportKind.REJECTS, pain002([Return(collection.reference, "AC04")]))
    collection.refresh_from_db()
    collection.sponsorship.mandate.refresh_from_db()
    assert (collection.status, collection.return_reason) == (CollectionStatus.RETURNED, "MS02")
    assert collection.sponsorship.mandate.suspended_at is None
    assert lines(again) == ["already_done"]
    assert again.lines.get().collection == collection


def test_a_return_of_a_collection_we_do_not_know_is_listed():
    bank_import = run_import(ImportKind.RETURNS, camt054([Return("S-NOT-OURS-20260305", "AC01")]))
    line = bank_import.lines.get()
    assert (line.outcome, line.collection, line.reference) == (
        "unmatched",
        None,
        "S-NOT-OURS-20260305",
    )
    assert bank_import.counts["unmatched"] == 1 and bank_import.counts["matched"] == 0


# --- the same file twice, and what is kept -------------------------------------------


def test_the_same_file_twice_is_refused_and_changes_nothing():
    collection = make_collection(make_sponsorship(), MARCH)
    content = returned(collection, "AM04")
    run_import(ImportKind.RETURNS, content)
    # Staff put the collection back by hand; the file must not return it again.
    collection.status = CollectionStatus.PENDING
    collection.save()
    with pytest.raises(ValidationError) as refused:
        run_import(ImportKind.RETURNS, content, name="renamed.xml")
    assert refused.value.code == "repeat"
    assert "imported already" in refused.value.messages[0]
    collection.refresh_from_db()
    assert collection.status == CollectionStatus.PENDING
    assert BankImport.objects.count() == 1 and ImportLine.objects.count() == 1


def test_the_file_is_kept_encrypted_and_no_line_keeps_a_name_or_account(django_user_model):
    user = django_user_model.objects.create_user("fundraiser")
    collection = make_collection(make_sponsorship(), MARCH)
    content = returned(collection)
    bank_import = run_import(ImportKind.RETURNS, content, by=user, name="returns-march.xml")
    assert DEBTOR_IBAN.encode() in content and DEBTOR_NAME.encode() in content
    assert DEBTOR_IBAN not in bank_import.file_encrypted
    assert decrypt_bytes(bank_import.file_encrypted) == content
    assert (bank_import.file_name, bank_import.imported_by) == ("returns-march.xml", user)
    for row in ImportLine.objects.values():
        assert not any(DEBTOR_IBAN in str(v) or DEBTOR_NAME in str(v) for v in row.values())


# --- credits for one-off gifts ---------------------------------------------------------


def digits(reference):
    return "".join(char for char in reference if char.isdigit())


@pytest.mark.parametrize("version", ["02", "08"])
@pytest.mark.parametrize(
    "remittance",
    [
        lambda ref: {"structured": digits(ref)},
        lambda ref: {"unstructured": f"Gift {ref} thanks"},
        lambda ref: {"unstructured": f"gift {digits(ref)}"},
    ],
    ids=["structured", "text with +++", "twelve digits in text"],
)
def test_a_credit_with_the_gifts_communication_marks_it_received(version, remittance):
    gift = make_gift(amount=Decimal("50.00"))
    content = camt053([Credit(Decimal("50.00"), **remittance(gift.payment_reference))], version)
    bank_import = run_import(ImportKind.STATEMENT, content)
    gift.refresh_from_db()
    assert gift.status == Status.ACTIVE
    assert (gift.received_amount, gift.received_on) == (Decimal("50.00"), date(2026, 3, 2))
    assert not gift.amount_differs
    line = bank_import.lines.get()
    assert (line.outcome, line.gift, line.reference) == ("received", gift, gift.payment_reference)
    assert bank_import.counts["received"] == 1


def test_another_amount_is_flagged_not_received():
    gift = make_gift(amount=Decimal("50.00"))
    content = camt053([Credit(Decimal("5.00"), structured=digits(gift.payment_reference))])
    bank_import = run_import(ImportKind.STATEMENT, content)
    gift.refresh_from_db()
    assert gift.status == Status.PENDING
    assert gift.amount_differs and gift.received_amount == Decimal("5.00")
    assert lines(bank_import) == ["amount_differs"]
    assert bank_import.counts["amount_differs"] == 1


def test_another_currency_is_flagged_too():
    gift = make_gift(amount=Decimal("50.00"))
    content = camt053(
        [Credit(Decimal("50.00"), structured=digits(gift.payment_reference), currency="USD")]
    )
    run_import(ImportKind.STATEMENT, content)
    gift.refresh_from_db()
    assert gift.status == Status.PENDING and gift.amount_differs


def test_credits_without_a_gift_are_listed_and_debits_and_pending_entries_skipped():
    gift = make_gift()
    wrong_check = digits(gift.payment_reference)[:-2] + (
        "00" if digits(gift.payment_reference)[-2:] != "00" else "01"
    )
    content = camt053(
        [
            Credit(Decimal("20.00"), unstructured="For the children"),
            Credit(Decimal("50.00"), structured=wrong_check),
            Credit(Decimal("50.00"), structured=digits(gift.payment_reference), direction="DBIT"),
            Credit(Decimal("50.00"), structured=digits(gift.payment_reference), status="PDNG"),
        ]
    )
    bank_import = run_import(ImportKind.STATEMENT, content)
    assert lines(bank_import) == ["unmatched", "unmatched"]
    assert [line.amount for line in bank_import.lines.all()] == [Decimal("20.00"), Decimal("50.00")]
    gift.refresh_from_db()
    assert gift.status == Status.PENDING and gift.received_on is None


def test_a_gift_already_received_is_not_received_twice():
    gift = make_gift(amount=Decimal("50.00"))
    credit = Credit(Decimal("50.00"), structured=digits(gift.payment_reference))
    run_import(ImportKind.STATEMENT, camt053([credit]))
    gift.refresh_from_db()
    changed_at = gift.status_changed_at
    # A monthly statement repeats the daily one's credit; a second transfer is listed.
    again = run_import(
        ImportKind.STATEMENT,
        camt053(
            [
                credit,
                Credit(
                    Decimal("50.00"),
                    structured=digits(gift.payment_reference),
                    booked=date(2026, 3, 20),
                ),
            ]
        ),
    )
    assert lines(again) == ["already_done", "unmatched"]
    gift.refresh_from_db()
    assert gift.status_changed_at == changed_at and gift.received_on == date(2026, 3, 2)


def test_money_for_a_cancelled_gift_is_listed_not_received():
    gift = make_gift(status=Status.CANCELLED)
    bank_import = run_import(
        ImportKind.STATEMENT,
        camt053([Credit(gift.amount, structured=digits(gift.payment_reference))]),
    )
    gift.refresh_from_db()
    assert gift.status == Status.CANCELLED and gift.received_on is None
    line = bank_import.lines.get()
    assert (line.outcome, line.gift) == ("unmatched", gift)


def test_ocr_giro_payments_mark_gifts_by_their_kid():
    paid = make_gift(currency="NOK", amount=Decimal("350.00"))
    short = make_gift(currency="NOK", amount=Decimal("500.00"))
    content = ocr_giro(
        [
            Payment(paid.payment_reference, Decimal("350.00")),
            Payment(short.payment_reference, Decimal("300.00")),
            Payment("2000000006", Decimal("100.00")),
            Payment(paid.payment_reference, Decimal("350.00"), reversing=True),
        ]
    )
    bank_import = run_import(ImportKind.OCR_GIRO, content, name="ocr.txt")
    assert lines(bank_import) == ["received", "amount_differs", "unmatched"]
    paid.refresh_from_db()
    short.refresh_from_db()
    assert paid.status == Status.ACTIVE
    assert (paid.received_amount, paid.received_on) == (Decimal("350.00"), date(2026, 3, 5))
    assert short.status == Status.PENDING and short.amount_differs
    assert bank_import.counts == {
        "lines": 3,
        "matched": 2,
        "received": 1,
        "amount_differs": 1,
        "already_done": 0,
        "unmatched": 1,
    }


def test_the_same_ocr_giro_file_twice_is_refused():
    gift = make_gift(currency="NOK", amount=Decimal("350.00"))
    content = ocr_giro([Payment(gift.payment_reference, Decimal("350.00"))])
    run_import(ImportKind.OCR_GIRO, content)
    with pytest.raises(ValidationError):
        run_import(ImportKind.OCR_GIRO, content)
    assert BankImport.objects.count() == 1 and ImportLine.objects.count() == 1


# --- due() ---------------------------------------------------------------------------


def test_due_skips_suspended_mandates_and_suspended_sponsorships():
    ok = make_sponsorship()
    no_mandate = make_sponsorship()
    to_call = make_sponsorship()
    no_mandate.mandate.suspended_at = to_call.suspended_at = ok.created
    no_mandate.mandate.save()
    to_call.save()
    assert list(collections.due(ok.mandate.scheme, APRIL)) == [ok]
    assert collections.preview(ok.mandate.scheme, APRIL).count == 1
