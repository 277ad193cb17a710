"""Properties over many inputs: parsers never fail other than with a donor's message,
and an amount written as a page writes it reads back as the same amount."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import override
from hypothesis import given, settings
from hypothesis import strategies as st

from donations.banking import account_for_currency
from donations.forms import MoneyField
from donations.money import format_money
from donations.places import Place

TYPED = st.text(
    st.sampled_from(list("0123456789 .-/ABDEKLNOSZabk\u00a0\u0660\u0661\u0664ÆØ€+\t")),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(TYPED, st.sampled_from(["EUR", "NOK", "DKK", "USD"]))
def test_an_account_is_either_clean_or_refused_with_a_message(value, currency):
    try:
        account = account_for_currency(value, currency)
    except ValidationError as error:
        assert error.messages and error.code
    else:
        assert account.number.isascii() and account.number.isalnum()
        assert account.country in {"NO", "DK"} or account.number[:2] == account.country


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_a_place_key_reads_back_as_itself(value):
    place = Place.parse(value)
    assert place is None or place.key == value


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2),
    st.sampled_from(["en", "nl", "fr", "nb", "da"]),
    st.sampled_from(["EUR", "NOK", "DKK"]),
)
def test_an_amount_as_the_page_writes_it_reads_back_the_same(amount, language, currency):
    field = MoneyField(localize=True, max_digits=9, decimal_places=2)
    field.currency = currency
    with override(language):
        written = format_money(amount, currency)
        assert field.clean(written) == amount, written
