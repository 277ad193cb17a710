import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from stdnum.be import ogm_vcs

from donations.models import AmountRule, Donor, Gift, Mandate, Sponsorship
from donations.services import first_collection_date
from tests.builders import (
    GIFT_POST,
    SPONSORSHIP_POST,
    give,
    make_programme,
    make_project,
    post_donation,
    sponsor,
)

pytestmark = pytest.mark.django_db

# Valid test numbers: Belgian national register, Norwegian fødselsnummer, Danish CPR.
BE_NATIONAL = "85.07.30-033.28"
NO_NATIONAL = "15108695088"
DK_CPR = "211062-5629"


def nothing_saved():
    return not (
        Donor.objects.exists()
        or Mandate.objects.exists()
        or Sponsorship.objects.exists()
        or Gift.objects.exists()
    )


def errors_of(response):
    """Field name → error texts, read from the rendered page as a donor sees it."""
    assert response.status_code == 200
    html = response.content.decode()
    found = {}
    for field, text in re.findall(
        r'<(?:span|p) id="error_\d+_id_(\w+)"[^>]*><strong>(.*?)</strong>', html
    ):
        found.setdefault(field, []).append(text)
    return found


# --- the page -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url,currency,country",
    [
        ("/en/become-a-sponsor/", "EUR", ""),
        ("/nl/word-sponsor/", "EUR", "BE"),
        ("/nb/bli-fadder/", "NOK", "NO"),
        ("/da/bliv-fadder/", "DKK", "DK"),
    ],
)
def test_currency_and_country_follow_the_page_language(client, url, currency, country):
    html = client.get(url).content.decode()
    assert re.search(rf'value="{currency}"[^>]*checked', html.split('name="currency"', 1)[1])
    selected = re.search(r'<option value="(\w*)" selected>', html.split('name="country"')[1])
    assert (selected.group(1) if selected else "") == country


def test_presets_follow_the_currency_and_the_query_preselects(client):
    html = client.get("/en/become-a-sponsor/?currency=NOK&amount=350").content.decode()
    assert "NOK\xa0250" in html and "NOK\xa0500" in html and "€25" not in html
    assert re.search(r'type="radio"[^>]*name="amount" value="350"[^>]*checked', html)
    html = client.get("/en/become-a-sponsor/?amount=42").content.decode()
    assert re.search(r'name="other_amount" value="42"', html)
    assert re.search(r'name="amount" value="other"[^>]*checked', html)


def test_places_are_open_projects_grouped_by_country_never_a_child(client):
    open_project = make_project(slug="liege", countries=["BE"], open_for_sponsorship=True)
    make_project(slug="closed", countries=["KE"], open_for_sponsorship=False)
    html = client.get(f"/en/become-a-sponsor/?project={open_project.pk}").content.decode()
    select = html.split('name="place"')[1].split("</select>")[0]
    assert '<option value="need">Where the need is greatest</option>' in select
    assert '<optgroup label="Belgium">' in select
    assert '<option value="country-BE">Anywhere in Belgium</option>' in select
    assert f'<option value="project-{open_project.pk}" selected>Liege (en)</option>' in select
    assert "Closed" not in select and "Kenya" not in select
    assert "child" not in select.lower()


def test_project_page_links_to_the_form_with_the_project(client):
    project = make_project(slug="liege", open_for_sponsorship=True)
    html = client.get(project.get_absolute_url()).content.decode()
    assert f'href="/en/become-a-sponsor/?project={project.pk}">Sponsor here</a>' in html
    programme_html = client.get(project.programme.get_absolute_url()).content.decode()
    assert 'href="/en/become-a-sponsor/">Become a sponsor</a>' in programme_html


def test_radio_groups_are_fieldsets_and_errors_are_tied_to_their_fields(client):
    response = sponsor(client, email="not-an-email", amount=None, other_amount="")
    html = response.content.decode()
    # Each radio group is a fieldset whose legend names it.
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>\s*Currency<span", html)
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>\s*Amount<span", html)
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in summary
    assert 'href="#id_amount_0"' in summary
    assert re.search(r'id="id_email"', html)
    assert re.search(r'aria-invalid="true" aria-describedby="id_email_error"', html)
    assert "<title>Error:" in html
    assert nothing_saved()


# --- a good sponsorship ---------------------------------------------------------------


def test_a_valid_sponsorship_is_stored_and_confirmed(client, mailoutbox, run_tasks):
    project = make_project(slug="liege", countries=["BE"], open_for_sponsorship=True)
    response = sponsor(
        client,
        place=f"project-{project.pk}",
        tax_deduction="on",
        national_id=BE_NATIONAL,
        newsletter="on",
    )
    run_tasks()
    sponsorship = Sponsorship.objects.select_related("mandate", "donor").get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/thank-you/{sponsorship.reference}/"
    assert re.fullmatch(r"S-[2-9A-Z]{4}-[2-9A-Z]{4}", sponsorship.reference)
    assert re.fullmatch(r"M-[2-9A-Z]{4}-[2-9A-Z]{4}", sponsorship.mandate.reference)
    assert sponsorship.status == "pending" and sponsorship.amount == Decimal("35")
    assert sponsorship.project == project and sponsorship.collection_day == 15
    assert sponsorship.first_collection == first_collection_date(15)
    donor, mandate = sponsorship.donor, sponsorship.mandate
    assert mandate.reveal_account() == "BE71096123456769" and mandate.account_hint == "6769"
    assert donor.reveal_national_id() == "85073003328" and donor.national_id_hint == "28"
    assert donor.privacy_consent_version == "2026-11-21" and donor.privacy_consent_at
    assert donor.privacy_consent_text.startswith("I have read the privacy notice")
    assert donor.newsletter and donor.newsletter_consent_text.startswith("Send me news")
    assert "Every Child a Family (creditor identifier BE68ZZZ0123456789)" in mandate.text
    assert mandate.scheme == "sepa" and mandate.creditor_id == "BE68ZZZ0123456789"

    # Neither number is in the database in clear.
    with connection.cursor() as cursor:
        cursor.execute("SELECT account_encrypted FROM donations_mandate")
        (stored_account,) = cursor.fetchone()
        cursor.execute("SELECT national_id_encrypted FROM donations_donor")
        (stored_number,) = cursor.fetchone()
    assert "0961" not in stored_account and "85073003328" not in stored_number

    (mail,) = mailoutbox
    assert mail.to == ["ann@example.org"]
    assert mail.subject == "Je maandelijkse gift aan Elk kind een gezin"  # the donor's language
    for text in ("€\xa035", "Liege (nl)", mandate.reference, "BE68ZZZ0123456789", "•••• 6769"):
        assert text in mail.body
    assert sponsorship.first_collection.strftime("%Y") in mail.body
    assert "BE71096123456769" not in mail.body and "85073003328" not in mail.body

    page = client.get(response["Location"]).content.decode()
    assert "Thank you, Ann!" in page and mandate.reference in page and "€35" in page


def test_the_thank_you_page_is_only_for_the_browser_that_gave(client):
    response = sponsor(client)
    assert Client().get(response["Location"]).status_code == 404
    assert client.get("/en/thank-you/S-AAAA-BBBB/").status_code == 404


def test_no_national_number_is_kept_without_tax_deduction(client):
    sponsor(client, national_id=BE_NATIONAL)
    donor = Donor.objects.get()
    assert donor.national_id_encrypted == "" and not donor.wants_tax_receipt


def test_submitting_the_same_form_twice_stores_one_sponsorship(client):
    data = {
        **SPONSORSHIP_POST,
        "amounts_currency": "EUR",
        "token": "5b0e8a8f-2f5e-4a53-9d3a-8a3e8e1c1d11",
    }
    first = client.post("/en/become-a-sponsor/", data)
    second = client.post("/en/become-a-sponsor/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Sponsorship.objects.count() == Donor.objects.count() == 1


def test_markup_in_names_is_stored_as_text_and_escaped(client):
    response = sponsor(client, first_name="<script>alert(1)</script>")
    assert Donor.objects.get().first_name == "<script>alert(1)</script>"
    html = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- amounts --------------------------------------------------------------------------


def test_amounts_are_read_in_the_visitors_language(client):
    response = post_donation(client, "/nl/geef/", GIFT_POST, amount="other", other_amount="12,50")
    assert response.status_code == 302
    assert Gift.objects.get().amount == Decimal("12.50")


@pytest.mark.parametrize(
    "other_amount,message",
    [
        ("12,505", "Zorg dat er niet meer dan 2 cijfers achter de komma staan."),
        ("-5", "Het minimumbedrag is €\xa05."),
        ("0", "Het minimumbedrag is €\xa05."),
        ("4,99", "Het minimumbedrag is €\xa05."),
        ("10000,01", "Het maximumbedrag is €\xa010.000"),
        ("tien", "Voer een getal in."),
        ("NaN", "Voer een getal in."),
        ("1e3", "Voer een getal in."),
        ("1.0000000000000002e+16", "Voer een getal in."),
    ],
)
def test_bad_amounts_get_an_error_next_to_the_field_and_nothing_is_saved(
    client, other_amount, message
):
    response = post_donation(
        client, "/nl/geef/", GIFT_POST, amount="other", other_amount=other_amount
    )
    errors = errors_of(response)
    assert any(message in error for error in errors["other_amount"]), errors
    assert nothing_saved()


def test_a_preset_of_another_currency_or_an_unknown_currency_is_refused(client):
    assert "amount" in errors_of(sponsor(client, currency="NOK", amount="35"))
    assert "currency" in errors_of(sponsor(client, currency="XYZ"))
    assert "other_amount" in errors_of(sponsor(client, amount="other", other_amount=""))
    assert nothing_saved()


def test_amount_limits_are_the_ones_fundraising_set(client):
    AmountRule.objects.filter(kind="sponsorship", currency="EUR").update(minimum=40)
    errors = errors_of(sponsor(client, amount="other", other_amount="35"))
    assert errors["other_amount"] == ["The smallest amount is €40."]


# --- national numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "country,number",
    [("BE", BE_NATIONAL), ("NO", NO_NATIONAL), ("DK", DK_CPR)],
)
def test_valid_national_numbers_of_each_country(client, country, number):
    response = sponsor(client, country=country, tax_deduction="on", national_id=number)
    assert response.status_code == 302
    assert Donor.objects.get().wants_tax_receipt


@pytest.mark.parametrize(
    "country,number,field,message",
    [
        ("BE", "85.07.30-033.29", "national_id", "This is not a valid Belgian national"),
        ("NO", "15108695089", "national_id", "This is not a valid Norwegian national"),
        ("DK", "321062-5629", "national_id", "This is not a valid Danish CPR number."),
        ("BE", "", "national_id", "For a tax receipt, enter your Belgian national"),
        ("FR", "1234", "tax_deduction", "We can give tax receipts to donors living in"),
    ],
)
def test_bad_or_missing_national_numbers_are_refused(client, country, number, field, message):
    errors = errors_of(sponsor(client, country=country, tax_deduction="on", national_id=number))
    assert errors[field][0].startswith(message), errors
    assert nothing_saved()


# --- other bad input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"privacy": None}, "privacy"),
        ({"mandate": None}, "mandate"),
        ({"email": ""}, "email"),
        ({"email": "ann@"}, "email"),
        ({"first_name": "A" * 101}, "first_name"),
        ({"last_name": "Peeters\x07"}, "last_name"),
        ({"city": "Leuven\u202e"}, "city"),
        ({"place": "project-99999"}, "place"),
        ({"collection_day": "31"}, "collection_day"),
        ({"country": "XX"}, "country"),
    ],
)
def test_bad_input_gets_an_error_and_nothing_is_saved(client, changes, field):
    errors = errors_of(sponsor(client, **changes))
    assert field in errors, errors
    assert nothing_saved()


def test_control_characters_get_a_translated_message(client):
    response = post_donation(client, "/fr/devenir-parrain/", SPONSORSHIP_POST, city="Liège\x00")
    assert (
        "Supprimez les caractères invisibles ou inhabituels de ce champ."
        in (errors_of(response)["city"])
    )


# --- bots -----------------------------------------------------------------------------


def test_the_honeypot_gets_try_again_later_and_nothing_is_saved(client):
    response = post_donation(client, "/nl/word-sponsor/", SPONSORSHIP_POST, website="spam.example")
    assert response.status_code == 429
    assert "Probeer het later opnieuw" in response.content.decode()
    assert nothing_saved()


# --- gifts and their payment references ---------------------------------------------


def test_a_euro_gift_gets_a_belgian_structured_communication(client, mailoutbox, run_tasks):
    programme = make_programme(slug="families")
    response = give(client, programme=str(programme.pk))
    run_tasks()
    gift = Gift.objects.get()
    assert re.fullmatch(r"\+\+\+\d{3}/\d{4}/\d{5}\+\+\+", gift.payment_reference)
    assert ogm_vcs.is_valid(gift.payment_reference)
    assert gift.programme == programme and gift.status == "pending"
    page = client.get(response["Location"]).content.decode()
    assert gift.payment_reference in page and "BE71 0961 2345 6769" in page
    assert "Families (en)" in page
    assert gift.payment_reference in mailoutbox[0].body


def test_first_collection_leaves_the_notice_period():
    assert first_collection_date(15, today=date(2026, 11, 21)) == date(2026, 12, 15)
    assert first_collection_date(1, today=date(2026, 11, 21)) == date(2027, 1, 1)
    assert first_collection_date(1, today=date(2026, 12, 20)) == date(2027, 2, 1)


def test_countries_are_named_in_the_page_language(client):
    html = client.get("/nl/word-sponsor/").content.decode()
    assert '<option value="BE" selected>België</option>' in html
    html = client.get("/fr/devenir-parrain/").content.decode()
    assert '<option value="NO">Norvège</option>' in html
