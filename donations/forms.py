import unicodedata
from collections import defaultdict

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField
from stdnum import iban
from stdnum.be import nn as be_national_number
from stdnum.dk import cpr as dk_cpr
from stdnum.exceptions import ValidationError as NumberError
from stdnum.no import fodselsnummer, kontonr

from donations.models import AmountRule, DonationKind
from programmes.models import Programme, Project

# Countries of the SEPA scheme (EU, EEA and the others the EPC admits): an IBAN
# from one of them can be collected in euro.
SEPA_COUNTRIES = {
    # European Union
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
    # EEA and the other SEPA members
    "IS",
    "LI",
    "NO",
    "CH",
    "GB",
    "MC",
    "SM",
    "VA",
    "AD",
}

# Where a national number for tax deduction is known, and which one it is.
NATIONAL_NUMBERS = {
    "BE": (be_national_number, _("Belgian national register number")),
    "NO": (fodselsnummer, _("Norwegian national identity number (fødselsnummer)")),
    "DK": (dk_cpr, _("Danish CPR number")),
}

# Right-to-left and other direction overrides can make a name display as
# something else; they and the C0/C1 control characters are refused.
DIRECTION_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def no_control_characters(value):
    if any(unicodedata.category(char) == "Cc" or char in DIRECTION_CONTROLS for char in value):
        raise forms.ValidationError(
            _("Remove the invisible control characters from this field."),
            code="control_characters",
        )


def text(label, max_length, required=True, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        validators=[no_control_characters],
        **kwargs,
    )


def money(amount, currency):
    """An amount in the reader's number format, followed by its currency code."""
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{number_format(amount, places, force_grouping=True)} {currency}"


def default_currency(language):
    currency = settings.DONATION_LANGUAGE_CURRENCIES.get(language)
    return currency if currency in settings.DONATION_CURRENCIES else settings.DONATION_CURRENCIES[0]


class DonationForm(forms.Form):
    """What both forms ask: the amount, the donor, tax deduction and consents."""

    kind = None

    currency = forms.ChoiceField(label=_("Currency"), widget=forms.RadioSelect)
    amount = forms.ChoiceField(label=_("Amount"), widget=forms.RadioSelect, required=False)
    other_amount = forms.DecimalField(
        label=_("Another amount"),
        required=False,
        localize=True,
        max_digits=9,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    first_name = text(_("First name"), 100, widget=forms.TextInput({"autocomplete": "given-name"}))
    last_name = text(_("Last name"), 100, widget=forms.TextInput({"autocomplete": "family-name"}))
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput({"autocomplete": "email"})
    )
    phone = text(
        _("Phone (optional)"), 30, required=False, widget=forms.TextInput({"autocomplete": "tel"})
    )
    street = text(
        _("Street and number"), 200, widget=forms.TextInput({"autocomplete": "street-address"})
    )
    postal_code = text(
        _("Postal code"), 20, widget=forms.TextInput({"autocomplete": "postal-code"})
    )
    city = text(_("City"), 100, widget=forms.TextInput({"autocomplete": "address-level2"}))
    country = LazyTypedChoiceField(label=_("Country"), choices=[])
    language = forms.ChoiceField(label=_("Language for our letters"), choices=settings.LANGUAGES)
    tax_deduction = forms.BooleanField(
        label=_("I would like a tax receipt for my gifts."), required=False
    )
    national_id = text(
        _("National identification number"),
        20,
        required=False,
        help_text=_(
            "Needed for the tax receipt only: Belgian national register number, Norwegian "
            "fødselsnummer or Danish CPR number. We store it encrypted."
        ),
        widget=forms.TextInput({"autocomplete": "off"}),
    )
    privacy = forms.BooleanField(label="", required=True)
    newsletter = forms.BooleanField(
        label=_("Send me news about our work by email now and then. I can stop it at any time."),
        required=False,
    )
    # A field people never see: a bot that fills it in gives itself away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput({"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = {
            rule.currency: rule
            for rule in AmountRule.objects.filter(
                kind=self.kind, currency__in=settings.DONATION_CURRENCIES
            )
        }
        self.fields["currency"].choices = [
            (code, code) for code in settings.DONATION_CURRENCIES if code in self.rules
        ]
        rule = self.rules.get(self.selected_currency())
        presets = rule.preset_amounts() if rule else []
        self.fields["amount"].choices = [
            *((str(amount), money(amount, rule.currency)) for amount in presets),
            ("other", _("Another amount")),
        ]
        self.fields["privacy"].label = self.privacy_text()
        # Named and sorted in the page language, so built for each form.
        self.fields["country"].choices = [("", _("Choose your country")), *countries]
        self.fields["other_amount"].label = _("Other amount in %(currency)s") % {
            "currency": self.selected_currency()
        }
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self.layout()

    def selected_currency(self):
        value = self.data.get("currency") if self.is_bound else self.initial.get("currency")
        return value if value in self.rules else next(iter(self.fields["currency"].choices))[0]

    @staticmethod
    def privacy_text():
        return format_html(
            _(
                "I have read the {link}privacy notice{end} and agree that you keep my details to "
                "handle my donation."
            ),
            link=format_html('<a href="{}">', reverse("ngo:privacy")),
            end=mark_safe("</a>"),  # noqa: S308 (a constant)
        )

    # What each form adds: fields under the amount, and a payment section.
    gift_fields = ()

    def payment_fieldsets(self):
        return []

    def layout(self):
        return Layout(
            Fieldset(_("Your gift"), "currency", "amount", "other_amount", *self.gift_fields),
            Fieldset(
                _("About you"),
                "first_name",
                "last_name",
                "email",
                "phone",
                "street",
                "postal_code",
                "city",
                "country",
                "language",
            ),
            *self.payment_fieldsets(),
            Fieldset(_("Tax deduction"), "tax_deduction", "national_id"),
            Fieldset(_("Your consent"), "privacy", "newsletter"),
            Div("website", css_class="visually-hidden", aria_hidden="true"),
            "token",
        )

    def clean(self):
        data = super().clean()
        self.clean_amount_with_limits(data)
        self.clean_national_id_for_country(data)
        return data

    def clean_amount_with_limits(self, data):
        rule = self.rules.get(data.get("currency"))
        if rule is None or "other_amount" in self.errors or "amount" in self.errors:
            return
        amount = data.get("other_amount")
        if amount is None and data.get("amount") not in (None, "", "other"):
            amount = next(a for a in rule.preset_amounts() if str(a) == data["amount"])
        if amount is None:
            self.add_error("other_amount", _("Choose an amount or write your own."))
            return
        if amount < rule.minimum:
            self.add_error(
                "other_amount",
                _("The smallest amount is %(minimum)s.")
                % {"minimum": money(rule.minimum, rule.currency)},
            )
        elif amount > rule.maximum:
            self.add_error(
                "other_amount",
                _("The largest amount is %(maximum)s; for a larger gift, please contact us.")
                % {"maximum": money(rule.maximum, rule.currency)},
            )
        else:
            data["amount_value"] = amount

    def clean_national_id_for_country(self, data):
        if not data.get("tax_deduction"):
            # Not asked for, so not kept: we store no number we do not need.
            data["national_id"] = ""
            return
        country = data.get("country")
        if country not in NATIONAL_NUMBERS:
            self.add_error(
                "tax_deduction",
                _("We can give tax receipts to donors living in Belgium, Norway or Denmark."),
            )
            return
        value = data.get("national_id", "")
        module, name = NATIONAL_NUMBERS[country]
        if not value:
            self.add_error(
                "national_id",
                _("For a tax receipt, enter your %(number)s.") % {"number": name},
            )
            return
        try:
            data["national_id"] = module.validate(value)
        except NumberError:
            self.add_error("national_id", _("This is not a valid %(number)s.") % {"number": name})

    def error_summary(self):
        """(target id, label, message) for each error, for the summary above the form."""
        items = []
        for name, errors in self.errors.items():
            if name == "__all__":
                items += [("", "", error) for error in errors]
                continue
            field = self[name]
            target = field.auto_id
            if isinstance(field.field.widget, forms.RadioSelect):
                target += "_0"
            items += [(target, strip_tags(str(field.label)), error) for error in errors]
        return items

    def consent_texts(self):
        return strip_tags(str(self.privacy_text())), str(self.fields["newsletter"].label)


def place_choices():
    """Where a sponsor's money may go: anywhere, a country, or a project open for it."""
    by_country = defaultdict(list)
    for project in Project.objects.open_for_sponsorship().order_by("name"):
        if project.countries:
            by_country[project.countries[0].code].append(project)
    groups = [
        (
            countries.name(code),
            [
                (
                    f"country-{code}",
                    _("Anywhere in %(country)s") % {"country": countries.name(code)},
                ),
                *((f"project-{p.pk}", p.name) for p in projects),
            ],
        )
        for code, projects in by_country.items()
    ]
    groups.sort(key=lambda group: str(group[0]))
    return [("need", _("Where the need is greatest")), *groups]


def mandate_text():
    return _(
        "By agreeing to this mandate, you authorise %(creditor)s (creditor identifier "
        "%(creditor_id)s) to collect your monthly gift from your account, and your bank to "
        "debit your account as %(creditor)s instructs. You may ask your bank for a refund "
        "within eight weeks of a collection, under your bank's terms. You can stop your "
        "sponsorship at any time."
    ) % {"creditor": settings.SEPA_CREDITOR_NAME, "creditor_id": settings.SEPA_CREDITOR_ID}


class SponsorshipForm(DonationForm):
    kind = DonationKind.SPONSORSHIP

    place = forms.ChoiceField(label=_("Where your support goes"))
    account_holder = text(_("Account holder"), 70, widget=forms.TextInput({"autocomplete": "name"}))
    account = text(
        _("Account number"),
        40,
        help_text=_(
            "For euro: an IBAN from a SEPA country. For Norwegian kroner: a Norwegian account "
            "number (11 digits) or IBAN. For Danish kroner: a Danish IBAN."
        ),
        widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false"}),
    )
    collection_day = forms.TypedChoiceField(
        label=_("Day of the month we collect your gift"), coerce=int, widget=forms.RadioSelect
    )
    mandate = forms.BooleanField(label=_("I agree to this direct debit mandate."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = place_choices()
        self.fields["collection_day"].choices = [
            (day, str(day)) for day in settings.DONATION_COLLECTION_DAYS
        ]

    gift_fields = ("place",)

    def payment_fieldsets(self):
        return [
            Fieldset(
                _("Direct debit"),
                HTML(format_html('<p class="mandate-text">{}</p>', mandate_text())),
                "account_holder",
                "account",
                "collection_day",
                "mandate",
            ),
        ]

    def clean(self):
        data = super().clean()
        self.clean_account_for_currency(data)
        place = data.get("place", "")
        data["place_country"], data["place_project"] = "", None
        if place.startswith("country-"):
            data["place_country"] = place.removeprefix("country-")
        elif place.startswith("project-"):
            data["place_project"] = Project.objects.open_for_sponsorship().get(
                pk=int(place.removeprefix("project-"))
            )
        return data

    def clean_account_for_currency(self, data):
        value, currency = data.get("account"), data.get("currency")
        if not value or not currency:
            return
        try:
            data["account"], data["account_country"] = account_for_currency(value, currency)
        except forms.ValidationError as error:
            self.add_error("account", error)


def account_for_currency(value, currency):
    """The account in its compact form and its country, or an error the donor understands."""
    compact = iban.compact(value)
    if currency == "NOK" and compact.isdigit():
        try:
            return kontonr.validate(compact), "NO"
        except NumberError:
            raise forms.ValidationError(
                _("This is not a valid Norwegian account number."), code="invalid_account"
            ) from None
    try:
        number = iban.validate(compact)
    except NumberError:
        raise forms.ValidationError(_("This is not a valid IBAN."), code="invalid_iban") from None
    country = number[:2]
    wrong_country = {
        "EUR": (
            country not in SEPA_COUNTRIES,
            _("We can collect euro only from an account in a SEPA country."),
        ),
        "NOK": (
            country != "NO",
            _("For Norwegian kroner, give a Norwegian account number or IBAN."),
        ),
        "DKK": (country != "DK", _("For Danish kroner, give a Danish IBAN.")),
    }.get(currency, (True, _("This currency can not be collected by direct debit.")))
    if wrong_country[0]:
        raise forms.ValidationError(wrong_country[1], code="wrong_country")
    return number, country


class GiftForm(DonationForm):
    kind = DonationKind.GIFT

    programme = forms.ModelChoiceField(
        label=_("What your gift is for"),
        queryset=Programme.objects.published(),
        required=False,
        empty_label=_("Where it is needed most (general fund)"),
    )

    gift_fields = ("programme",)
