"""Year-end tax data: each country's yearly totals under its rules, the CSV that is the
only place with the national numbers, the Belgian attest 281.71 as a PDF in the
donor's language, and who may see any of it (every export recorded as a reveal)."""

import csv
import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse
from pypdf import PdfReader

from donations import tax
from donations.models import Reveal, Status
from donations.money import format_money
from tests.conftest import sign_in
from tests.donations.bank_samples import make_collection, make_donor, make_gift, make_sponsorship

pytestmark = pytest.mark.django_db

YEAR = 2025
TAX_PAGE = "/admin/donations/donor/tax/"
BE_NUMBER, BE_OTHER = "85073003328", "90010112395"
NO_NUMBER, DK_NUMBER = "15108695088", "2110625629"


# --- builders ----------------------------------------------------------------------------


def tax_donor(country="BE", national_id=BE_NUMBER, **fields):
    defaults = {"country": country, "wants_tax_receipt": True}
    donor = make_donor(**{**defaults, **fields})
    if national_id:
        donor.set_national_id(national_id)
        donor.save()
    return donor


def gift(donor, amount, received_on=date(YEAR, 6, 1), currency="EUR", **fields):
    """A gift the bank credited in full (active), unless the fields say otherwise."""
    made = make_gift(currency=currency, amount=Decimal(amount), status=Status.ACTIVE)
    values = {"received_amount": Decimal(amount), "received_on": received_on, **fields}
    made.donor = donor
    for name, value in values.items():
        setattr(made, name, value)
    made.save()
    return made


def collections(donor, amount, days, currency="EUR", status="pending"):
    sponsorship = make_sponsorship(currency=currency, amount=Decimal(amount))
    sponsorship.donor = donor
    sponsorship.save()
    return [make_collection(sponsorship, day, status) for day in days]


def monthly(year=YEAR):
    return [date(year, month, 5) for month in range(1, 13)]


def by_donor(totals):
    return {donor.pk: person for person in totals for donor in person.donors}


def pdf_text(content):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def spaced(text):
    return re.sub(r"\s+", " ", text)


# --- totals ------------------------------------------------------------------------------


def test_belgium_reports_a_donor_from_40_euro_a_year():
    below, at = tax_donor(), tax_donor(national_id=BE_OTHER)
    gift(below, "39.00")
    gift(at, "15.00")
    collections(at, "25.00", [date(YEAR, 3, 5)])

    totals = tax.yearly_totals("BE", YEAR)

    assert [person.donor for person in totals] == [at]
    (person,) = totals
    assert person.given == person.deductible == Decimal("40.00")
    assert person.currency == "EUR" and person.national_id == BE_OTHER


def test_norway_caps_the_deductible_amount_and_keeps_the_full_total():
    generous = tax_donor("NO", NO_NUMBER, language="nb")
    small = tax_donor("NO", "", language="nb")
    collections(generous, "2500", monthly(), currency="NOK")
    gift(small, "400", currency="NOK")

    (person,) = tax.yearly_totals("NO", YEAR)

    assert person.donor == generous
    assert person.given == Decimal("30000") and person.deductible == Decimal("25000")


def test_denmark_caps_at_the_yearly_maximum_and_has_no_minimum():
    large, small = tax_donor("DK", DK_NUMBER, language="da"), tax_donor("DK", "", language="da")
    gift(large, "20000", currency="DKK")
    gift(small, "100", currency="DKK")

    totals = by_donor(tax.yearly_totals("DK", YEAR))

    assert totals[large.pk].given == Decimal("20000")
    assert totals[large.pk].deductible == Decimal("18300")
    assert totals[small.pk].given == totals[small.pk].deductible == Decimal("100")


def test_the_rules_come_from_the_settings(settings):
    settings.TAX_RULES = {
        **settings.TAX_RULES,
        "BE": {"currency": "EUR", "minimum": Decimal("50"), "maximum": Decimal("60")},
    }
    donor = tax_donor()
    gift(donor, "45")
    assert tax.yearly_totals("BE", YEAR) == []
    gift(donor, "45")
    (person,) = tax.yearly_totals("BE", YEAR)
    assert person.given == Decimal("90") and person.deductible == Decimal("60")


def test_only_money_that_came_in_during_the_year_counts():
    donor = tax_donor()
    collections(donor, "50", [date(YEAR, 1, 5)])  # counts
    collections(donor, "1000", [date(YEAR, 2, 5)], status="returned")
    collections(donor, "1000", [date(YEAR, 3, 5)], status="rejected")
    collections(donor, "1000", [date(YEAR - 1, 12, 5), date(YEAR + 1, 1, 5)])
    gift(donor, "10")  # counts
    gift(donor, "1000", received_on=None, received_amount=None, status=Status.PENDING)
    gift(donor, "1000", amount_differs=True, status=Status.PENDING)  # not accepted yet
    gift(donor, "1000", status=Status.CANCELLED)
    gift(donor, "1000", received_on=date(YEAR + 1, 1, 2))
    gift(donor, "1000", currency="NOK")

    (person,) = tax.yearly_totals("BE", YEAR)

    assert person.given == Decimal("60")


def test_a_gift_accepted_with_another_amount_counts_what_the_bank_credited():
    donor = tax_donor()
    gift(donor, "50", received_amount=Decimal("45.50"), amount_differs=True)
    (person,) = tax.yearly_totals("BE", YEAR)
    assert person.given == Decimal("45.50")


def test_a_collection_counts_once_its_date_has_passed():
    donor = tax_donor()
    collections(donor, "30", [date(YEAR, 11, 5), date(YEAR, 12, 5)])
    early = tax.yearly_totals("BE", YEAR, today=date(YEAR, 11, 20))
    late = tax.yearly_totals("BE", YEAR, today=date(YEAR + 1, 1, 2))
    assert early == [] and late[0].given == Decimal("60")


def test_donors_who_did_not_ask_or_live_elsewhere_are_left_out():
    gift(tax_donor(wants_tax_receipt=False, national_id=""), "100")
    gift(tax_donor(country="NL", national_id=""), "100")
    gift(tax_donor(country="NO", national_id=NO_NUMBER), "100")
    assert tax.yearly_totals("BE", YEAR) == []


def test_two_donor_rows_with_one_national_number_are_one_person():
    first = tax_donor(first_name="Ann", city="Leuven")
    second = tax_donor(first_name="Anna", city="Gent")
    gift(first, "25")
    gift(second, "25")

    (person,) = tax.yearly_totals("BE", YEAR)

    assert person.given == Decimal("50")
    assert person.donor == second  # the newest name and address
    assert {donor.pk for donor in person.donors} == {first.pk, second.pk}
    assert person.attest_number == f"{YEAR}-{first.pk:07d}"
    assert tax.total_for(first, YEAR).attest_number == person.attest_number


# --- the CSV -----------------------------------------------------------------------------


def rows_of(content):
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_csv_has_one_row_per_donor_with_the_full_national_number():
    donor = tax_donor(first_name="Zoë", last_name="Dubois", street="Rue Haute 2")
    collections(donor, "35", monthly())
    norwegian = tax_donor("NO", NO_NUMBER, first_name="Kari", last_name="Nordmann")
    gift(norwegian, "30000", currency="NOK")

    header, *rows = rows_of(tax.export_csv("BE", YEAR, tax.yearly_totals("BE", YEAR)))
    assert header == [
        "national number",
        "first name",
        "last name",
        "street and number",
        "postal code",
        "city",
        "country",
        "total given",
        "deductible amount",
        "currency",
        "attest number",
    ]
    assert rows == [
        [
            BE_NUMBER,
            "Zoë",
            "Dubois",
            "Rue Haute 2",
            "3000",
            "Leuven",
            "BE",
            "420.00",
            "420.00",
            "EUR",
            f"{YEAR}-{donor.pk:07d}",
        ]
    ]

    header, *rows = rows_of(tax.export_csv("NO", YEAR, tax.yearly_totals("NO", YEAR)))
    assert "attest number" not in header
    assert rows[0][0] == NO_NUMBER and rows[0][7:] == ["30000.00", "25000.00", "NOK"]


def test_csv_cells_never_start_a_formula():
    donor = tax_donor(first_name="=HYPERLINK(1)", last_name="+Smith", street="@home", city="-x")
    gift(donor, "100")
    _header, row = rows_of(tax.export_csv("BE", YEAR, tax.yearly_totals("BE", YEAR)))
    assert row[1:6] == ["'=HYPERLINK(1)", "'+Smith", "'@home", "3000", "'-x"]
    assert tax.safe_cell("\tx") == "'\tx" and tax.safe_cell("\rx") == "'\rx"


# --- the admin page ----------------------------------------------------------------------


@pytest.fixture
def belgian_year():
    donor = tax_donor(first_name="Ann", last_name="Peeters")
    gift(donor, "120")
    return donor


def test_fundraisers_preview_a_year_without_the_national_numbers(fundraising_client, belgian_year):
    page = fundraising_client.get(TAX_PAGE)
    assert page.status_code == 200
    assert f'name="year" value="{date.today().year - 1}"' in page.content.decode()

    preview = fundraising_client.get(TAX_PAGE, {"year": YEAR, "country": "BE"})
    html = spaced(preview.content.decode())
    assert "1 donor to report: €120 given, €120 deductible." in html
    assert "Ann Peeters" in html and "•••• 28" in html
    assert BE_NUMBER not in html
    assert "Download every attest 281.71 (ZIP)" in html
    assert not Reveal.objects.exists()  # looking at totals reveals nothing

    listing = fundraising_client.get("/admin/donations/donor/").content.decode()
    assert f'href="{TAX_PAGE}"' in listing and "Year-end tax data" in listing


def test_the_csv_download_is_recorded_as_a_reveal_per_donor(fundraising_client, belgian_year):
    other = tax_donor(national_id=BE_OTHER)
    twin = tax_donor(national_id=BE_OTHER)
    gift(other, "30")
    gift(twin, "30")

    response = fundraising_client.post(TAX_PAGE, {"year": YEAR, "country": "BE", "csv": "1"})

    assert response.status_code == 200
    assert f'filename="tax-data-{YEAR}-BE.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert BE_NUMBER.encode() in content and BE_OTHER.encode() in content
    reveals = Reveal.objects.all()
    assert sorted(r.donor_id for r in reveals) == sorted([belgian_year.pk, other.pk, twin.pk])
    assert {r.what for r in reveals} == {f"tax export {YEAR} (BE)"}
    assert LogEntry.objects.filter(change_message=f"Revealed tax export {YEAR} (BE)").count() == 3


def test_the_zip_holds_every_belgian_attest(fundraising_client, belgian_year):
    response = fundraising_client.post(TAX_PAGE, {"year": YEAR, "country": "BE", "attests": "1"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    name = f"attest-281.71-{YEAR}-{belgian_year.pk:07d}.pdf"
    assert archive.namelist() == [name]
    assert archive.read(name).startswith(b"%PDF")
    assert Reveal.objects.get().what == f"tax attest 281.71 {YEAR} (ZIP)"


def test_a_donor_page_links_to_the_attest_and_the_download_is_recorded(
    fundraising_client, belgian_year
):
    page = fundraising_client.get(reverse("admin:donations_donor_change", args=[belgian_year.pk]))
    last_year = date.today().year - 1
    assert f"Tax attest {last_year} (PDF)" in page.content.decode()

    url = reverse("admin:donations_donor_tax_attest", args=[belgian_year.pk, YEAR])
    response = fundraising_client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    reveal = Reveal.objects.get()
    assert reveal.donor == belgian_year and reveal.what == f"tax attest 281.71 {YEAR}"


def test_no_attest_below_the_minimum_or_outside_belgium(fundraising_client):
    small = tax_donor()
    gift(small, "10")
    url = reverse("admin:donations_donor_tax_attest", args=[small.pk, YEAR])
    response = fundraising_client.get(url, follow=True)
    assert "No attest for 2025" in response.content.decode()
    norwegian = tax_donor("NO", NO_NUMBER)
    gift(norwegian, "1000", currency="NOK")
    url = reverse("admin:donations_donor_tax_attest", args=[norwegian.pk, YEAR])
    assert fundraising_client.get(url).status_code == 404
    assert not Reveal.objects.exists()


def test_content_editors_and_fundraisers_who_may_not_reveal_get_nothing(
    client, editor_client, django_user_model, belgian_year
):
    attest = reverse("admin:donations_donor_tax_attest", args=[belgian_year.pk, YEAR])
    form = {"year": YEAR, "country": "BE", "csv": "1"}
    assert editor_client.get(TAX_PAGE).status_code == 403
    assert editor_client.post(TAX_PAGE, form).status_code == 403
    assert editor_client.get(attest).status_code == 403

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_donor"))
    client.logout()
    sign_in(client, viewer)
    assert client.get(TAX_PAGE).status_code == 403
    assert client.post(TAX_PAGE, form).status_code == 403
    assert client.get(attest).status_code == 403
    donor_page = client.get(reverse("admin:donations_donor_change", args=[belgian_year.pk]))
    assert donor_page.status_code == 200 and "Tax attest" not in donor_page.content.decode()
    assert "Year-end tax data" not in client.get("/admin/donations/donor/").content.decode()
    assert not Reveal.objects.exists()


# --- the attest --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"), [("nl", "nl"), ("fr", "fr"), ("nb", "en"), ("en", "en")]
)
def test_the_attest_is_a_pdf_in_the_donors_language(language, expected):
    donor = tax_donor(first_name="Lotte", last_name="Janssens", language=language)
    collections(donor, "35", monthly())
    gift(donor, "12.50")
    (person,) = tax.yearly_totals("BE", YEAR)

    html, used = tax.attest_html(person, issued=date(YEAR + 1, 2, 15))
    content = tax.attest_pdf(person, issued=date(YEAR + 1, 2, 15))

    assert used == expected and f'<html lang="{expected}">' in html
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    amount = spaced(format_money(Decimal("432.50"), "EUR", expected, cents=True))
    assert {"nl": "€ 432,50", "fr": "432,50 €", "en": "€432.50"}[expected] == amount
    for words in ("Lotte Janssens", amount, str(YEAR), person.attest_number, "85.07.30-033.28"):
        assert words in text
    assert "0123.456.749" in text and "Kerkstraat 1" in text  # the organisation


def test_rendering_fetches_nothing(monkeypatch):
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    fetched = []
    original = URLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    donor = tax_donor()
    gift(donor, "50")
    (person,) = tax.yearly_totals("BE", YEAR)
    assert tax.attest_pdf(person).startswith(b"%PDF")
    assert fetched == []

    # Anything but a data: URI stops the rendering before a request is made.
    for html in (
        '<img src="http://example.org/logo.png">',
        '<link rel="stylesheet" href="https://example.org/a.css">',
        '<img src="file:///etc/passwd">',
        '<img src="logo.png">',
    ):
        with pytest.raises(FatalURLFetchingError):
            tax.render_pdf(html)
    with pytest.raises(ValueError, match="disallowed protocol"):
        tax.no_fetching().fetch("http://example.org/")

    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
        "nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
    )
    assert tax.render_pdf(f'<img src="{pixel}">').startswith(b"%PDF")
