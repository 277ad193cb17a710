"""The bank imports in the admin: fundraising staff upload a file and look at what
it did, again whenever they like; content editors never get near them."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from donations.bank_imports import import_file
from donations.models import BankImport, CollectionStatus, ImportKind, Sponsorship
from tests.donations.bank_samples import (
    DEBTOR_IBAN,
    DEBTOR_NAME,
    Credit,
    Return,
    camt053,
    camt054,
    make_collection,
    make_gift,
    make_sponsorship,
    upload,
)
from tests.donations.test_bank_statements import XXE

pytestmark = pytest.mark.django_db

ADD = "/admin/donations/bankimport/add/"
MARCH, APRIL = date(2026, 3, 5), date(2026, 4, 5)


def post_file(client, kind, content, name="returns.xml"):
    return client.post(ADD, {"kind": kind, "file": upload(content, name)})


def html(response):
    return response.content.decode()


@pytest.fixture
def returns_file():
    sponsorship = make_sponsorship()
    march, april = make_collection(sponsorship, MARCH), make_collection(sponsorship, APRIL)
    content = camt054(
        [Return(march.reference, "AC04"), Return(april.reference, "AM04"), Return("X-1", "ZZ99")]
    )
    return sponsorship, march, content


def test_fundraising_staff_import_a_file_and_see_what_it_did(fundraising_client, returns_file):
    sponsorship, march, content = returns_file
    page = fundraising_client.get(ADD)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in html(page)
    response = post_file(fundraising_client, ImportKind.RETURNS, content)
    bank_import = BankImport.objects.get()
    url = reverse("admin:donations_bankimport_change", args=[bank_import.pk])
    assert response.status_code == 302 and response.url == url
    march.refresh_from_db()
    assert march.status == CollectionStatus.RETURNED

    # Looked at again, later: the counts and each line, with the words for each reason.
    page = html(fundraising_client.get(url))
    assert "The file is imported." in page
    assert "1 line needs a look" in page
    for words in ("AC04 · Account closed", "AM04 · Not enough money on the account"):
        assert words in page
    assert "ZZ99: unknown reason" in page
    assert "collections returned: 2" in page and "mandates suspended: 1" in page
    assert "sponsorships suspended and listed for a call: 1" in page
    run_url = reverse("admin:donations_collectionrun_change", args=[march.run_id])
    assert f'href="{run_url}"' in page
    assert DEBTOR_IBAN not in page and DEBTOR_NAME not in page
    again = fundraising_client.get(url)
    assert again.status_code == 200 and "collections returned: 2" in html(again)

    listing = html(fundraising_client.get("/admin/donations/bankimport/"))
    assert "returns.xml" in listing and "Import a bank file" in listing


def test_the_same_file_again_is_refused_on_the_page(fundraising_client, returns_file):
    _sponsorship, _march, content = returns_file
    post_file(fundraising_client, ImportKind.RETURNS, content)
    response = post_file(fundraising_client, ImportKind.RETURNS, content, name="again.xml")
    assert response.status_code == 200
    assert "This file was imported already" in html(response)
    assert BankImport.objects.count() == 1


def test_a_hostile_or_broken_file_is_refused_on_the_page(fundraising_client):
    for content, message in (
        (XXE, "DOCTYPE"),
        (b"<Document>", "not readable XML"),
        (b"", "The submitted file is empty."),
    ):
        response = post_file(fundraising_client, ImportKind.RETURNS, content)
        assert response.status_code == 200
        assert message in html(response), message
    assert not BankImport.objects.exists()


def test_imports_are_never_changed_or_deleted(fundraising_client, returns_file):
    post_file(fundraising_client, ImportKind.RETURNS, returns_file[2])
    bank_import = BankImport.objects.get()
    change = reverse("admin:donations_bankimport_change", args=[bank_import.pk])
    delete = reverse("admin:donations_bankimport_delete", args=[bank_import.pk])
    assert fundraising_client.post(change, {"file_name": "other.xml"}).status_code == 403
    assert fundraising_client.post(delete, {"post": "yes"}).status_code == 403
    bank_import.refresh_from_db()
    assert bank_import.file_name == "returns.xml"


def test_the_original_file_downloads_for_those_who_may_reveal_numbers(
    fundraising_client, returns_file
):
    post_file(fundraising_client, ImportKind.RETURNS, returns_file[2])
    bank_import = BankImport.objects.get()
    response = fundraising_client.get(
        reverse("admin:donations_bankimport_download", args=[bank_import.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == returns_file[2]


def test_content_editors_get_403_and_import_nothing(editor_client, returns_file):
    import_file(ImportKind.RETURNS, upload(returns_file[2]), by=None)
    bank_import = BankImport.objects.get()
    info = [bank_import.pk]
    urls = [
        "/admin/donations/bankimport/",
        ADD,
        reverse("admin:donations_bankimport_change", args=info),
        reverse("admin:donations_bankimport_history", args=info),
        reverse("admin:donations_bankimport_download", args=info),
    ]
    for url in urls:
        assert editor_client.get(url).status_code == 403, url
    gift = make_gift()
    content = camt053([Credit(gift.amount, unstructured=gift.payment_reference)])
    assert post_file(editor_client, ImportKind.STATEMENT, content).status_code == 403
    assert BankImport.objects.count() == 1


def test_a_statement_import_links_each_gift(fundraising_client):
    gift = make_gift(amount=Decimal("50.00"))
    content = camt053(
        [
            Credit(Decimal("50.00"), unstructured=gift.payment_reference),
            Credit(Decimal("12.00"), unstructured="no reference"),
        ]
    )
    response = post_file(fundraising_client, ImportKind.STATEMENT, content, "statement.xml")
    page = html(fundraising_client.get(response.url, follow=True))
    assert reverse("admin:donations_gift_change", args=[gift.pk]) in page
    assert "gifts received: 1" in page and "not matched: look at them: 1" in page
    gifts = html(fundraising_client.get("/admin/donations/gift/?amount_differs__exact=0"))
    assert gift.reference in gifts


def test_sponsorships_to_call_are_listed_and_resumed(fundraising_client, returns_file):
    sponsorship, _march, content = returns_file
    quiet = make_sponsorship()
    post_file(fundraising_client, ImportKind.RETURNS, content)
    listing = html(fundraising_client.get("/admin/donations/sponsorship/?call=yes"))
    assert sponsorship.reference in listing and quiet.reference not in listing

    mandates = html(fundraising_client.get("/admin/donations/mandate/"))
    assert "AC04 · Account closed" in mandates

    response = fundraising_client.post(
        "/admin/donations/sponsorship/",
        {"action": "resume_collections", "_selected_action": [sponsorship.pk]},
    )
    assert response.status_code == 302
    sponsorship = Sponsorship.objects.get(pk=sponsorship.pk)
    assert not sponsorship.needs_call and sponsorship.suspended_at is None


def test_the_collection_run_shows_the_reason_in_words(fundraising_client, returns_file):
    _sponsorship, march, content = returns_file
    post_file(fundraising_client, ImportKind.RETURNS, content)
    page = html(
        fundraising_client.get(reverse("admin:donations_collectionrun_change", args=[march.run_id]))
    )
    assert "AC04 · Account closed" in page
