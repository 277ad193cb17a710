"""Fuzzing both donation forms in all five languages.

Every example starts from a valid post (the builders' SPONSORSHIP_POST or
GIFT_POST, in one of the three currencies) and replaces, drops, spoils or adds
fields with arbitrary text: control characters, NUL, huge strings, numbers as
people and programs write them, other currencies, unknown places, several
values for one key. Posts are url-encoded, as the browser sends these forms.

Properties: the answer is never a server error, only the form shown again
(200), the thank-you page of a new donation (302) or "try again later" (429);
a form shown again or a refused post stores nothing; a stored donation holds
the ticked currency and the amount that was posted, in the currency the amounts
were shown in, and the donor's details as typed. A second property: no stored
text holds a character the form refuses (controls, direction overrides, …).

At the end, the two faults these properties found, as plain examples.
"""

import contextlib
import re
import unicodedata
import uuid
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

import hypothesis
import pytest
from babel.numbers import format_decimal
from django.urls import reverse
from django.utils.translation import override
from hypothesis import example, given
from hypothesis import strategies as st
from pytest_django.asserts import assertFormError, assertTemplateUsed

from donations.forms import ALLOWED_FORMAT_CHARACTERS, REFUSED_CATEGORIES
from donations.models import AmountRule, Donor, Gift, Mandate, Sponsorship
from donations.money import format_money
from tests.builders import (
    GIFT_POST,
    LANGS,
    SPONSORSHIP_POST,
    make_programme,
    make_project,
    post_donation,
)
from tests.fuzzing import FUZZ

pytestmark = pytest.mark.django_db


CURRENCIES = ["EUR", "NOK", "DKK"]
# An account each scheme accepts: SEPA, AvtaleGiro, Betalingsservice.
ACCOUNTS = {"EUR": "BE71 0961 2345 6769", "NOK": "8601 11 17947", "DKK": "0040 0440116243"}
KINDS = {
    "sponsorship": ("donations:sponsor", SPONSORSHIP_POST, Sponsorship),
    "gift": ("donations:give", GIFT_POST, Gift),
}

# --- what is posted -------------------------------------------------------------------

COMMON_FIELDS = [
    "currency",
    "amounts_currency",
    "amount",
    "other_amount",
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "postal_code",
    "city",
    "country",
    "language",
    "tax_deduction",
    "national_id",
    "privacy",
    "newsletter",
    "token",
]
FIELDS = {
    "sponsorship": [
        *COMMON_FIELDS,
        "place",
        "account_holder",
        "account",
        "collection_day",
        "mandate",
    ],
    "gift": [*COMMON_FIELDS, "programme"],
}
# Keys the forms do not ask for but a page, a bot or an old browser may send.
EXTRA_KEYS = [
    "change_currency",
    "website",
    "csrfmiddlewaretoken",
    "amount_value",
    "reference",
    "status",
    "submission_token",
    "project",
    "programme",
    "place",
    "mandate",
    "account",
]

ANY_CHAR = st.characters(exclude_categories=["Cs"])  # UTF-8 can not carry surrogates
INVISIBLE = st.sampled_from(
    ["\x00", "\x07", "\x1b", "\t", "\r\n", "\x7f", "\x85", "\u200b", "\u200e", "\u202e"]
    + ["\u2028", "\ufeff", "\ue000", "\U000e0001", "\u0378", "\u00ad", "\u200d"]
)
TRICKY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "on",
        "off",
        "false",
        "0",
        "1",
        "None",
        "null",
        "NaN",
        "nan",
        "sNaN",
        "Infinity",
        "-Infinity",
        "1e9",
        "1E3",
        "-0",
        "0.001",
        "0,001",
        "-35",
        "35.0",
        "035",
        "3 5",
        "99999999999999999999999",
        "EUR",
        "eur",
        "NOK",
        "DKK",
        "USD",
        "SEK",
        "GBP",
        "XYZ",
        "€",
        "need",
        "NEED",
        " need",
        "country-BE",
        "country-be",
        "country-XX",
        "country-",
        "project-",
        "project-0",
        "project-99999",
        "project-999999999999999999",
        "project-٣",
        "15",
        "31",
        "-1",
        "nl",
        "xx",
        "BE",
        "XX",
        "be",
        "5b0e8a8f-2f5e-4a53-9d3a-8a3e8e1c1d11",
        "5B0E8A8F2F5E4A539D3A8A3E8E1C1D11",
        "{5b0e8a8f-2f5e-4a53-9d3a-8a3e8e1c1d11}",
        "urn:uuid:5b0e8a8f-2f5e-4a53-9d3a-8a3e8e1c1d11",
        "ann@exa\u202emple.org",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00",
        "../../etc/passwd",
        "Ann\u200dPeeters",
    ]
)
# How people (and programs) write an amount, right or wrong for the page.
AMOUNT_TEXT = st.one_of(
    st.sampled_from(
        [
            "35,50",
            "35.50",
            "1.250,50",
            "1,250.50",
            "1 250",
            "1\u00a0250",
            "1\u202f250",
            "€35",
            "35 €",
            "€ 25,50",
            "35 EUR",
            "35 euro",
            "350 kr",
            "250 kr.",
            "NOK 350",
            "DKK 250",
            "$35",
            "35 USD",
            "£35",
            "35 SEK",
            "35,-",
            "35.-",
            "+35",
            " 35 ",
            "٣٥",
            "３５",
            "35e0",
            "3.5e1",
            "0x23",
            "35.",
            ".5",
            "1_000",
            "10000.01",
            "1e-2",
            "1e999999999",
        ]
    ),
    st.decimals(min_value=-(10**7), max_value=10**7, places=2).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**12), 10**12).map(str),
    st.floats().map(repr),
)
SHORT_TEXT = st.text(ANY_CHAR, max_size=30)
# Up to 30,000 characters: far over every field's limit, well under the upload limit.
HUGE = st.builds(
    lambda text, times: text * times,
    st.text(ANY_CHAR, min_size=1, max_size=3),
    st.integers(300, 10_000),
)
SCALAR = st.one_of(TRICKY, AMOUNT_TEXT, SHORT_TEXT, HUGE)
VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=4))
KEY = st.one_of(st.sampled_from(EXTRA_KEYS), st.text(ANY_CHAR, min_size=1, max_size=20))


def last(data, key):
    """The value Django's forms read for a key: the last one sent, or None."""
    value = data.get(key)
    if isinstance(value, list):
        return value[-1] if value else None
    return value


@pytest.fixture
def places():
    """Things a post may name: open and closed projects, shown and hidden programmes."""
    open_project = make_project(countries=["KE"], open_for_sponsorship=True)
    closed = make_project(countries=["BE"], open_for_sponsorship=False)
    hidden_programme = make_programme(published=False)
    hidden_project = make_project(
        programme=hidden_programme, countries=["NO"], open_for_sponsorship=True
    )
    return {
        "place": [
            f"project-{open_project.pk}",
            f"project-{closed.pk}",
            f"project-{hidden_project.pk}",
            "country-KE",
            "country-NO",
        ],
        "programme": [
            str(open_project.programme_id),
            f" {open_project.programme_id} ",
            str(hidden_programme.pk),
            str(closed.programme_id),
        ],
    }


@pytest.fixture
def generous_limits(settings):
    settings.DONATION_SUBMISSION_RATE = "100000/h"
    settings.DONATION_STORED_RATE = "100000/h"


def presets(kind, currency):
    return [
        str(amount)
        for amount in AmountRule.objects.get(kind=kind, currency=currency).preset_amounts()
    ]


def valid_post(kind, currency):
    """The builders' valid post in one currency, with a fresh form token."""
    _name, base, _model = KINDS[kind]
    shown = presets(kind, currency)
    data = {
        **base,
        "currency": currency,
        "amounts_currency": currency,
        "amount": shown[len(shown) // 2],
        "token": str(uuid.uuid4()),
    }
    if kind == "sponsorship":
        data["account"] = ACCOUNTS[currency]
    return data


def draw_value(data, kind, language, key, places):
    """A value for one field: arbitrary, or one that is nearly right for it."""
    near = {
        "currency": st.sampled_from(CURRENCIES),
        "amounts_currency": st.sampled_from(CURRENCIES),
        "amount": st.sampled_from(
            ["other"] + [p for code in CURRENCIES for p in presets(kind, code)]
        ),
        "other_amount": typed_amount(language),
        "place": st.sampled_from(places["place"]),
        "programme": st.sampled_from(places["programme"]),
        "account": st.sampled_from(list(ACCOUNTS.values())),
        "language": st.sampled_from(LANGS),
        "collection_day": st.sampled_from(["1", "15", "01", " 15", "15.0"]),
    }.get(key)
    return data.draw(VALUE if near is None else st.one_of(near, VALUE), label=key)


def typed_amount(language):
    """An amount as a page language writes it, with or without a currency, or junk."""
    formatted = st.builds(
        lambda amount, currency, with_currency: (
            format_money(amount, currency, language)
            if with_currency
            else format_decimal(amount, locale=language)
        ),
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("200000"), places=2),
        st.sampled_from(CURRENCIES),
        st.booleans(),
    )
    return st.one_of(formatted, AMOUNT_TEXT)


def mutate(data, post, kind, language, places):
    """Replace, drop, spoil or add fields of a valid post; returns what was done."""
    fields = FIELDS[kind]
    changes = data.draw(st.integers(0, 5), label="number of changes")
    done = []
    for _ in range(changes):
        action = data.draw(
            st.sampled_from(["replace", "drop", "spoil", "add", "type_amount"]), label="action"
        )
        if action == "add":
            key = data.draw(KEY, label="new key")
            post[key] = data.draw(VALUE, label=repr(key))
        elif action == "type_amount":
            post["amount"] = "other"
            key = "other_amount"
            post[key] = data.draw(typed_amount(language), label=key)
        else:
            key = data.draw(st.sampled_from(fields), label=action)
            if action == "drop":
                post.pop(key, None)
            elif action == "replace":
                post[key] = draw_value(data, kind, language, key, places)
            else:
                text = last(post, key) or ""
                at = data.draw(st.integers(0, len(text)), label="at")
                post[key] = text[:at] + data.draw(INVISIBLE, label="inserted") + text[at:]
        done.append((action, key))
    return done


# --- what may be stored ---------------------------------------------------------------

OWN_CURRENCY_WORDS = {"EUR": r"€|euros?|eur", "NOK": r"kr\.?|nok", "DKK": r"kr\.?|dkk"}


def readings(typed, language, currency):
    """Every amount a person could mean by `typed` on a page in `language` with
    amounts in `currency`: the number read with the page's decimal separator, or
    as a program writes it. An amount stored from a typed one must be one of them."""
    text = re.sub(OWN_CURRENCY_WORDS[currency], "", typed or "", flags=re.IGNORECASE)
    text = re.sub(r"[.,]-$", "", text.strip())
    text = "".join(char for char in text if not char.isspace())
    decimal_mark, group = (".", ",") if language == "en" else (",", ".")
    found = set()
    for candidate in (text, text.replace(group, "").replace(decimal_mark, ".")):
        with contextlib.suppress(InvalidOperation):
            found.add(Decimal(candidate))
    return found


def counts():
    return {model.__name__: model.objects.count() for model in (Donor, Mandate, Sponsorship, Gift)}


def posted_token(post):
    try:
        return uuid.UUID(str(last(post, "token")).strip())
    except ValueError:
        return None


def send(client, url, post):
    body = urlencode(post, doseq=True)
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


def check_stored(kind, language, post, response, before):
    """A 302: one new donation with what was posted, or the earlier one of this form."""
    _name, _base, model = KINDS[kind]
    reference = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    donation = model.objects.select_related("donor").get(reference=reference)
    with override(language):
        assert response["Location"] == reverse(
            "donations:thank-you", kwargs={"reference": reference}
        )
    if reference in before["earlier"]:
        # The same form sent again (its token, the same details): nothing new.
        assert counts() == before["counts"]
        return
    added = counts()
    expected = dict(before["counts"])
    expected["Donor"] += 1
    expected[model.__name__] += 1
    if kind == "sponsorship":
        expected["Mandate"] += 1
    assert added == expected, (added, expected)

    currency = last(post, "currency")
    assert donation.currency == currency == last(post, "amounts_currency")
    amount = last(post, "amount")
    if amount == "other":
        typed = last(post, "other_amount")
        assert donation.amount in readings(typed, language, currency), (typed, donation.amount)
    else:
        assert amount in presets(kind, currency), (amount, currency)
        assert donation.amount == Decimal(amount)
    rule = AmountRule.objects.get(kind=kind, currency=currency)
    assert rule.minimum <= donation.amount <= rule.maximum
    assert donation.submission_token == posted_token(post)

    donor = donation.donor
    for field in ("first_name", "last_name", "email", "street", "postal_code", "city"):
        assert getattr(donor, field) == last(post, field).strip(), field
    if kind == "sponsorship":
        assert donation.place.key == last(post, "place")
        assert donation.collection_day == int(last(post, "collection_day"))
    else:
        chosen = (last(post, "programme") or "").strip()
        assert donation.programme_id == (int(chosen) if chosen else None)


@pytest.mark.parametrize("kind", ["sponsorship", "gift"])
@FUZZ
@given(
    language=st.sampled_from(LANGS),
    currency=st.sampled_from(CURRENCIES),
    data=st.data(),
)
def test_a_mangled_post_is_shown_again_or_stored_as_posted(
    client, generous_limits, places, kind, language, currency, data
):
    name, _base, model = KINDS[kind]
    with override(language):
        url = reverse(name)
    post = valid_post(kind, currency)
    changes = mutate(data, post, kind, language, places)
    token = posted_token(post)
    earlier = model.objects.filter(submission_token=token) if token else model.objects.none()
    before = {"counts": counts(), "earlier": set(earlier.values_list("reference", flat=True))}

    response = send(client, url, post)

    hypothesis.event(f"answer {response.status_code}")
    assert response.status_code in (200, 302, 429), response.status_code
    if not changes:
        assert response.status_code == 302, "the valid post the examples start from failed"
    if response.status_code == 302:
        check_stored(kind, language, post, response, before)
    else:
        assert counts() == before["counts"]
        if response.status_code == 200:
            assertTemplateUsed(response, "donations/form.html")


# --- what the fuzzing found, pinned down ----------------------------------------------


@pytest.mark.parametrize(
    "url,base,typed,message",
    [
        ("/en/give/", GIFT_POST, "10,000,000,000,000,000,000,000,000", "Enter a number."),
        ("/nl/geef/", GIFT_POST, "1.0000000000000002e+16", "Voer een getal in."),
        (
            "/da/bliv-fadder/",
            SPONSORSHIP_POST,
            "1.234.567.890.123.456.789.012.345.678",
            "Indtast et tal.",
        ),
    ],
)
def test_an_amount_with_more_digits_than_decimal_precision_is_refused(
    client, url, base, typed, message
):
    # Babel's strict parse re-formats the number to compare and fails with
    # decimal.InvalidOperation (not NumberFormatError) past 28 significant digits.
    response = post_donation(client, url, base, amount="other", other_amount=typed)
    assert response.status_code == 200
    assertFormError(response.context["form"], "other_amount", message)
    assert counts() == {"Donor": 0, "Mandate": 0, "Sponsorship": 0, "Gift": 0}


DONOR_TEXT = ["first_name", "last_name", "email", "phone", "street", "postal_code", "city"]
TYPED_FIELDS = [("gift", name) for name in DONOR_TEXT] + [
    ("sponsorship", name) for name in [*DONOR_TEXT, "account_holder"]
]


def refused(text):
    return any(
        unicodedata.category(char) in REFUSED_CATEGORIES and char not in ALLOWED_FORMAT_CHARACTERS
        for char in text
    )


@FUZZ
@given(
    kind_and_field=st.sampled_from(TYPED_FIELDS),
    char=st.one_of(
        st.characters(categories=sorted(REFUSED_CATEGORIES - {"Cs"})),
        INVISIBLE,
    ).filter(refused),
    at=st.integers(0, 30),
)
@example(kind_and_field=("gift", "email"), char="\u202e", at=4)
def test_no_stored_text_holds_a_character_the_form_refuses(
    client, generous_limits, kind_and_field, char, at
):
    """Controls, direction overrides, zero-width and private-use characters are
    refused in every field a donor types, the email address included: there, one
    is stored, shown in the admin, and (U+202E) makes the confirmation mail fail."""
    kind, field = kind_and_field
    post = valid_post(kind, "EUR")
    text = post[field] or "+32 470 12 34 56"
    post[field] = text[:at] + char + text[at:]
    before = counts()

    response = send(client, reverse(KINDS[kind][0]), post)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert counts() == before
    else:
        donor = Donor.objects.order_by("-pk").first()
        stored = [getattr(donor, name) for name in DONOR_TEXT]
        if kind == "sponsorship":
            stored.append(donor.mandates.get().account_holder)
        assert not [value for value in stored if refused(value)], post[field]
