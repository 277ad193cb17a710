"""The amount a donor stores is always in the currency the page showed it in."""

import itertools
import json
import re
from decimal import Decimal

import pytest
from django.utils.translation import override
from pytest_django.asserts import assertContains, assertFormError, assertNotContains

from donations.models import Gift, Sponsorship
from donations.money import format_money
from tests.builders import GIFT_POST, SPONSORSHIP_POST, make_project, nothing_saved, post_donation

pytestmark = pytest.mark.django_db

CURRENCIES = ["EUR", "NOK", "DKK"]
# The starting presets of each form (the amount rules' data migration).
PRESETS = {
    "sponsor": {
        "EUR": ["25", "35", "50"],
        "NOK": ["250", "350", "500"],
        "DKK": ["150", "250", "400"],
    },
    "give": {
        "EUR": ["25", "50", "100"],
        "NOK": ["250", "500", "1000"],
        "DKK": ["200", "400", "800"],
    },
}
ACCOUNT = {"EUR": "BE71 0961 2345 6769", "NOK": "8601 11 17947", "DKK": "0040 0440116243"}


def form_value(response, name):
    """What the form on the page holds for a field: the ticked radio button, the
    ticked box, the text in a box."""
    return response.context["form"][name].value()


def amount_labels(response):
    """The labels of the amount's radio buttons, in order."""
    return [str(label) for _value, label in response.context["form"].fields["amount"].choices]


def amounts_currency_field(currency):
    return (
        f'<input type="hidden" name="amounts_currency" value="{currency}" id="id_amounts_currency">'
    )


@pytest.mark.parametrize("shown,posted", list(itertools.permutations(CURRENCIES, 2)))
@pytest.mark.parametrize(
    "form,url,base",
    [("sponsor", "/en/become-a-sponsor/", SPONSORSHIP_POST), ("give", "/en/give/", GIFT_POST)],
)
def test_amounts_shown_in_one_currency_and_posted_in_another_are_never_stored(
    client, form, url, base, shown, posted
):
    # Without JavaScript: the amounts were shown in `shown`, the donor ticked `posted`
    # and pressed the send button, with a preset of either currency or a typed amount.
    presets = PRESETS[form]
    for amount in (presets[shown][1], presets[posted][1], "other"):
        response = post_donation(
            client,
            url,
            base,
            currency=posted,
            amounts_currency=shown,
            amount=amount,
            other_amount="300" if amount == "other" else "",
            account=ACCOUNT[posted] if "account" in base else None,
        )
        assertContains(response, "Please check your amount and send the form again")
        # The page now shows the ticked currency's amounts, its middle preset ticked.
        assert form_value(response, "currency") == posted
        assertContains(response, amounts_currency_field(posted), html=True)
        assert form_value(response, "amount") == presets[posted][1]
        assert amount_labels(response) == [
            *(format_money(Decimal(value), posted) for value in presets[posted]),
            "Another amount",
        ]
    assert nothing_saved()


def test_a_tampered_amounts_currency_is_shown_again_not_stored(client):
    response = post_donation(
        client, "/en/give/", GIFT_POST, currency="EUR", amounts_currency="XYZ", amount="50"
    )
    assertContains(response, "Please check your amount and send the form again")
    assertContains(response, amounts_currency_field("EUR"), html=True)
    assert nothing_saved()


def test_switching_currency_without_javascript_keeps_everything_typed(client):
    project = make_project(slug="liege", countries=["BE"], open_for_sponsorship=True)
    response = post_donation(
        client,
        f"/nb/bli-fadder/?project={project.pk}",
        SPONSORSHIP_POST,
        currency="EUR",
        amounts_currency="NOK",
        amount="other",
        other_amount="300",
        place=f"project-{project.pk}",
        first_name="Kari",
        email="kari@example.org",
        tax_deduction="on",
        newsletter="on",
        change_currency="1",
    )
    assert response.status_code == 200 and nothing_saved()
    # The button asked for it: no warning, everything typed is still there.
    assertNotContains(response, 'id="currency-notice"')
    assert form_value(response, "first_name") == "Kari"
    assert form_value(response, "email") == "kari@example.org"
    assert form_value(response, "place") == f"project-{project.pk}"
    assert form_value(response, "tax_deduction") and form_value(response, "newsletter")
    # NOK to EUR is AvtaleGiro to SEPA: the new agreement must be ticked anew.
    assert not form_value(response, "mandate")
    # The typed amount was in kroner: it is not carried over into euro.
    assert not form_value(response, "other_amount")
    assert form_value(response, "amount") == "35"
    assert amount_labels(response) == ["25\xa0€", "35\xa0€", "50\xa0€", "Et annet beløp"]
    # The sponsorship now is a SEPA mandate in euro, with its own account words.
    assertContains(response, "<legend>SEPA-direktedebitering</legend>", html=True)
    # Posting it as it now stands stores 35 EUR.
    token = form_value(response, "token")
    response = post_donation(
        client,
        f"/nb/bli-fadder/?project={project.pk}",
        SPONSORSHIP_POST,
        currency="EUR",
        amount="35",
        place=f"project-{project.pk}",
        mandate="on",
        token=token,
    )
    assert response.status_code == 302
    sponsorship = Sponsorship.objects.get()
    assert (sponsorship.amount, sponsorship.currency) == (Decimal("35"), "EUR")
    assert sponsorship.mandate.scheme == "sepa"


@pytest.mark.parametrize(
    "url,currency,labels",
    [
        ("/en/become-a-sponsor/", "EUR", ["€25", "€35", "€50", "Another amount"]),
        ("/nl/word-sponsor/", "EUR", ["€\xa025", "€\xa035", "€\xa050"]),
        ("/fr/devenir-parrain/", "EUR", ["25\xa0€", "35\xa0€", "50\xa0€"]),
        ("/nb/bli-fadder/", "NOK", ["250\xa0kr", "350\xa0kr", "500\xa0kr"]),
        ("/da/bliv-fadder/", "DKK", ["150\xa0kr.", "250\xa0kr.", "400\xa0kr."]),
    ],
)
def test_amounts_are_written_as_the_language_writes_them_and_the_middle_is_ticked(
    client, url, currency, labels
):
    response = client.get(url)
    assert form_value(response, "currency") == currency
    assert amount_labels(response)[: len(labels)] == labels
    assert form_value(response, "amount") == re.sub(r"\D", "", labels[1])
    for label in labels:
        assertContains(response, label)
    # The amount group is marked required.
    name = response.context["form"].fields["amount"].label
    assertContains(
        response,
        f'<legend class="form-label requiredField fs-6">{name}<span class="asteriskField">*</span>'
        "</legend>",
        html=True,
    )


def test_the_script_gets_every_currencys_texts(client):
    response = client.get("/da/bliv-fadder/")
    # What the page hands its script, read back as the script reads it.
    script = re.search(r'id="currency-data"[^>]*>(.*?)</script>', response.content.decode(), re.S)
    data = json.loads(script.group(1))
    assert sorted(data) == sorted(CURRENCIES)
    assert data["NOK"]["amounts"][0] == ["250", "250\xa0NOK"]
    assert data["NOK"]["middle"] == "350"
    assert data["NOK"]["scheme_title"] == "AvtaleGiro"
    assert data["EUR"]["account_label"] == "IBAN"
    assert "PBS" in data["DKK"]["mandate_text"]
    assertContains(response, '<script src="/static/js/donation.js" defer></script>', html=True)


@pytest.mark.parametrize(
    "url,currency,typed,stored",
    [
        ("/nb/gi/", "NOK", "250 kr", "250"),
        ("/nb/gi/", "NOK", "250,-", "250"),
        ("/da/giv/", "DKK", "1.250,50 kr.", "1250.50"),
        ("/nl/geef/", "EUR", "€ 25,50", "25.50"),
        ("/fr/donner/", "EUR", "25 €", "25"),
        ("/en/give/", "EUR", "EUR 1,000", "1000"),
    ],
)
def test_amounts_are_read_as_people_write_them(client, url, currency, typed, stored):
    response = post_donation(
        client, url, GIFT_POST, currency=currency, amount="other", other_amount=typed
    )
    assert response.status_code == 302, response.content.decode()[:200]
    assert Gift.objects.get().amount == Decimal(stored)


def test_a_typed_amount_is_stored_in_the_currency_shown_next_to_it(client):
    response = post_donation(
        client,
        "/nb/bli-fadder/",
        SPONSORSHIP_POST,
        currency="NOK",
        amount="other",
        other_amount="300",
        account=ACCOUNT["NOK"],
    )
    assert response.status_code == 302
    sponsorship = Sponsorship.objects.get()
    assert (sponsorship.amount, sponsorship.currency) == (Decimal("300"), "NOK")
    with override("nb"):
        page = client.get(response["Location"]).content.decode()
    assert "300\xa0kr" in page


@pytest.mark.parametrize(
    "url,currency,typed,message",
    [
        ("/en/give/", "EUR", "250 kr", "Write the amount in euros, without another currency."),
        ("/da/giv/", "DKK", "€ 200", "Skriv beløbet i danske kroner uden en anden valuta."),
        (
            "/nb/gi/",
            "NOK",
            "EUR 60",
            "Skriv beløpet i norske kroner, uten å oppgi en annen valuta.",
        ),
        (
            "/fr/donner/",
            "EUR",
            "25 USD",
            "Indiquez le montant en euros, sans mentionner d’autre devise.",
        ),
    ],
)
def test_an_amount_in_another_currency_is_refused_not_relabelled(
    client, url, currency, typed, message
):
    response = post_donation(
        client, url, GIFT_POST, currency=currency, amount="other", other_amount=typed
    )
    assert response.status_code == 200
    assertFormError(response.context["form"], "other_amount", message)
    assertContains(response, '<a href="#id_other_amount">')  # in the error summary
    assert nothing_saved()


def test_an_agreement_ticked_for_one_scheme_is_not_carried_to_another(client):
    response = post_donation(
        client,
        "/en/become-a-sponsor/",
        SPONSORSHIP_POST,
        currency="NOK",
        amounts_currency="EUR",
        mandate="on",
        privacy="on",
        change_currency="1",
    )
    assertContains(response, "<legend>AvtaleGiro</legend>", html=True)
    assert not form_value(response, "mandate")
    assert form_value(response, "privacy")


@pytest.mark.parametrize(
    "query", ["?programme=%C2%B2", "?project=%C2%B2", "?programme=99999999999999999999"]
)
def test_odd_query_values_show_the_form(client, query):
    assert client.get(f"/en/give/{query}").status_code == 200
    assert client.get(f"/en/become-a-sponsor/{query}").status_code == 200
