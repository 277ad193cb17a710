"""Money as the reader's language writes it, following CLDR through Babel:
"€ 25" in Dutch, "25 €" in French, "250 kr" in Norwegian, "250 kr." in Danish."""

import copy
import unicodedata
from decimal import Decimal

from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol
from django.utils.translation import get_language, to_locale


def babel_locale(language=None):
    return Locale.parse(to_locale(language or get_language() or "en"))


def with_currency_spacing(text, symbol):
    """CLDR's currencySpacing rule, which Babel does not apply: a symbol that ends
    (or starts) with a letter next to a digit gets a no-break space ("NOK 250")."""

    def is_letter_like(char):
        return unicodedata.category(char)[0] not in "SZ"

    position = text.find(symbol)
    if position < 0:
        return text
    end = position + len(symbol)
    if end < len(text) and text[end].isdigit() and is_letter_like(symbol[-1]):
        text = f"{text[:end]}\u00a0{text[end:]}"
    if position > 0 and text[position - 1].isdigit() and is_letter_like(symbol[0]):
        text = f"{text[:position]}\u00a0{text[position:]}"
    return text


def format_money(amount, currency, language=None, cents=False):
    """An amount with its currency in the reader's language; whole amounts without
    decimals, as donation pages write them, unless `cents` (receipts: "€ 40,00")."""
    locale = babel_locale(language)
    amount = Decimal(amount)
    pattern = copy.copy(locale.currency_formats["standard"])
    if not cents and amount == amount.to_integral_value():
        pattern.frac_prec = (0, 0)
    text = pattern.apply(amount, locale, currency=currency, currency_digits=False)
    return with_currency_spacing(text, get_currency_symbol(currency, locale=locale))


def currency_name(currency, language=None):
    """The currency's name as a plural, in running text: "Norwegian kroner", "euro"."""
    return get_currency_name(currency, count=10, locale=babel_locale(language))
