import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from pytest_django.asserts import (
    assertContains,
    assertFormError,
    assertInHTML,
    assertNotContains,
    assertRedirects,
)
from stdnum.be import ogm_vcs

from donations.models import AmountRule, Donor, Gift, Sponsorship
from donations.services import first_collection_date
from tests.builders import (
    GIFT_POST,
    SPONSORSHIP_POST,
    give,
    make_programme,
    make_project,
    nothing_saved,
    post_donation,
    sponsor,
)

pytestmark = pytest.mark.django_db

# Valid test numbers: Belgian national register, Norwegian fødselsnummer, Danish CPR.
BE_NATIONAL = "85.07.30-033.28"
NO_NATIONAL = "15108695088"
DK_CPR = "211062-5629"


REQUIRED = "This field is required."
UNUSUAL_CHARACTERS = "Remove the invisible or unusual characters from this field."


def not_a_choice(value):
    return f"Select a valid choice. {value} is not one of the available choices."


def form_shown_again(response):
    """The form of a refused post, as the page shows it again."""
    assert response.status_code == 200
    return response.context["form"]


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
    form = client.get(url).context["form"]
    assert form["currency"].value() == currency
    assert (form["country"].value() or "") == country


def test_presets_follow_the_currency_and_the_query_preselects(client):
    response = client.get("/en/become-a-sponsor/?currency=NOK&amount=350")
    assertContains(response, "NOK\xa0250")
    assertContains(response, "NOK\xa0500")
    assertNotContains(response, "€25")
    assertContains(
        response,
        '<input type="radio" class="form-check-input" name="amount" value="350" id="id_amount_1"'
        " required checked>",
        html=True,
    )
    response = client.get("/en/become-a-sponsor/?amount=42")
    assertContains(
        response,
        '<input type="text" name="other_amount" value="42" inputmode="decimal" autocomplete="off"'
        ' class="textinput form-control" id="id_other_amount">',
        html=True,
    )
    assertContains(
        response,
        '<input type="radio" class="form-check-input" name="amount" value="other" id="id_amount_3"'
        " required checked>",
        html=True,
    )


def test_places_are_open_projects_grouped_by_country_never_a_child(client):
    open_project = make_project(slug="liege", countries=["BE"], open_for_sponsorship=True)
    make_project(slug="closed", countries=["KE"], open_for_sponsorship=False)
    response = client.get(f"/en/become-a-sponsor/?project={open_project.pk}")
    assertInHTML(
        f"""<select name="place" class="select form-select" id="id_place">
          <option value="need">Where the need is greatest</option>
          <optgroup label="Belgium">
            <option value="country-BE">Anywhere in Belgium</option>
            <option value="project-{open_project.pk}" selected>Liege (en)</option>
          </optgroup>
        </select>""",
        response.content.decode(),
    )


def test_project_page_links_to_the_form_with_the_project(client):
    project = make_project(slug="liege", open_for_sponsorship=True)
    assertContains(
        client.get(project.get_absolute_url()),
        f'<a class="btn" href="/en/become-a-sponsor/?project={project.pk}">Sponsor here</a>',
        html=True,
    )
    assertContains(
        client.get(project.programme.get_absolute_url()),
        '<a class="btn" href="/en/become-a-sponsor/">Become a sponsor</a>',
        html=True,
    )


def test_radio_groups_are_fieldsets_and_errors_are_tied_to_their_fields(client):
    response = sponsor(client, email="not-an-email", amount=None, other_amount="")
    # Each radio group is a fieldset whose legend names it.
    for name in ("Currency", "Amount"):
        assertContains(
            response,
            f'<legend class="form-label requiredField fs-6">{name}'
            '<span class="asteriskField">*</span></legend>',
            html=True,
        )
    assertInHTML(
        """<ul>
          <li><a href="#id_amount_0">Amount: This field is required.</a></li>
          <li><a href="#id_email">Email: Enter a valid email address.</a></li>
        </ul>""",
        response.content.decode(),
    )
    assertContains(
        response,
        '<input type="email" name="email" value="not-an-email" autocomplete="email" maxlength="254"'
        ' class="emailinput form-control is-invalid" required aria-invalid="true"'
        ' aria-describedby="id_email_error" id="id_email">',
        html=True,
    )
    assertContains(
        response,
        '<div id="id_email_error" class="invalid-feedback"><span id="error_1_id_email">'
        "<strong>Enter a valid email address.</strong></span></div>",
        html=True,
    )
    assertContains(response, "<title>Error:")
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
    assertRedirects(response, f"/en/thank-you/{sponsorship.reference}/")
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

    page = client.get(response["Location"])
    assertContains(page, "Thank you, Ann!")
    assertContains(page, mandate.reference)
    assertContains(page, "€35")


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
    page = client.get(response["Location"])
    assertNotContains(page, "<script>alert(1)</script>")
    assertContains(page, "&lt;script&gt;alert(1)&lt;/script&gt;")


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
        (
            "10000,01",
            "Het maximumbedrag is €\xa010.000; neem voor een grotere gift contact met ons op.",
        ),
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
    assertFormError(form_shown_again(response), "other_amount", message)
    assert nothing_saved()


def test_a_preset_of_another_currency_or_an_unknown_currency_is_refused(client):
    form = form_shown_again(sponsor(client, currency="NOK", amount="35"))
    assertFormError(form, "amount", not_a_choice("35"))
    form = form_shown_again(sponsor(client, currency="XYZ"))
    assertFormError(form, "currency", not_a_choice("XYZ"))
    form = form_shown_again(sponsor(client, amount="other", other_amount=""))
    assertFormError(form, "other_amount", "Write the amount you would like to give.")
    assert nothing_saved()


def test_amount_limits_are_the_ones_fundraising_set(client):
    AmountRule.objects.filter(kind="sponsorship", currency="EUR").update(minimum=40)
    form = form_shown_again(sponsor(client, amount="other", other_amount="35"))
    assertFormError(form, "other_amount", "The smallest amount is €40.")


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
        (
            "BE",
            "85.07.30-033.29",
            "national_id",
            "This is not a valid Belgian national register number.",
        ),
        (
            "NO",
            "15108695089",
            "national_id",
            "This is not a valid Norwegian national identity number (fødselsnummer).",
        ),
        ("DK", "321062-5629", "national_id", "This is not a valid Danish CPR number."),
        (
            "BE",
            "",
            "national_id",
            "For a tax receipt, enter your Belgian national register number.",
        ),
        (
            "FR",
            "1234",
            "tax_deduction",
            "We can give tax receipts to donors living in Belgium, Norway or Denmark.",
        ),
    ],
)
def test_bad_or_missing_national_numbers_are_refused(client, country, number, field, message):
    response = sponsor(client, country=country, tax_deduction="on", national_id=number)
    assertFormError(form_shown_again(response), field, message)
    assert nothing_saved()


# --- other bad input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"privacy": None}, "privacy", REQUIRED),
        ({"mandate": None}, "mandate", REQUIRED),
        ({"email": ""}, "email", REQUIRED),
        ({"email": "ann@"}, "email", "Enter a valid email address."),
        (
            {"first_name": "A" * 101},
            "first_name",
            "Ensure this value has at most 100 characters (it has 101).",
        ),
        ({"last_name": "Peeters\x07"}, "last_name", UNUSUAL_CHARACTERS),
        ({"city": "Leuven\u202e"}, "city", UNUSUAL_CHARACTERS),
        ({"place": "project-99999"}, "place", not_a_choice("project-99999")),
        ({"collection_day": "31"}, "collection_day", not_a_choice("31")),
        ({"country": "XX"}, "country", not_a_choice("XX")),
    ],
)
def test_bad_input_gets_an_error_and_nothing_is_saved(client, changes, field, message):
    assertFormError(form_shown_again(sponsor(client, **changes)), field, message)
    assert nothing_saved()


def test_control_characters_get_a_translated_message(client):
    response = post_donation(client, "/fr/devenir-parrain/", SPONSORSHIP_POST, city="Liège\x00")
    assertFormError(
        form_shown_again(response),
        "city",
        [
            "Supprimez les caractères invisibles ou inhabituels de ce champ.",
            "Le caractère nul n’est pas autorisé.",
        ],
    )


# --- bots -----------------------------------------------------------------------------


def test_the_honeypot_gets_try_again_later_and_nothing_is_saved(client):
    response = post_donation(client, "/nl/word-sponsor/", SPONSORSHIP_POST, website="spam.example")
    assertContains(response, "Probeer het later opnieuw", status_code=429)
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
    page = client.get(response["Location"])
    assertContains(page, gift.payment_reference)
    assertContains(page, "BE71 0961 2345 6769")
    assertContains(page, "Families (en)")
    assert gift.payment_reference in mailoutbox[0].body


def test_first_collection_leaves_the_notice_period():
    assert first_collection_date(15, today=date(2026, 11, 21)) == date(2026, 12, 15)
    assert first_collection_date(1, today=date(2026, 11, 21)) == date(2027, 1, 1)
    assert first_collection_date(1, today=date(2026, 12, 20)) == date(2027, 2, 1)


def test_countries_are_named_in_the_page_language(client):
    assertContains(
        client.get("/nl/word-sponsor/"), '<option value="BE" selected>België</option>', html=True
    )
    assertContains(
        client.get("/fr/devenir-parrain/"), '<option value="NO">Norvège</option>', html=True
    )
