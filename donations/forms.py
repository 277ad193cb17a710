"""The two donation forms. They only check: storing is services.py's work.

The currency comes first and the amounts shown belong to it. Each form carries
the currency its amounts were shown in (`amounts_currency`); a post whose
currency differs is never validated as a donation but shown again with the
amounts of the new currency (see the view).
"""

import contextlib
import re
import unicodedata
from collections import defaultdict
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField
from modeltranslation.utils import build_localized_fieldname, resolution_order
from stdnum.be import nn as be_national_number
from stdnum.dk import cpr as dk_cpr
from stdnum.exceptions import ValidationError as NumberError
from stdnum.no import fodselsnummer

from donations import banking, legal
from donations.models import AmountRule, DonationKind, ImportKind
from donations.money import babel_locale, currency_name, format_money
from donations.places import Place, describe
from donations.services import DonorDetails
from ngo import widgets
from ngo.models import Appeal
from programmes.models import Programme, Project

# Where a national number for tax deduction is known, and which one it is.
NATIONAL_NUMBERS = {
    "BE": (be_national_number, _("Belgian national register number")),
    "NO": (fodselsnummer, _("Norwegian national identity number (fødselsnummer)")),
    "DK": (dk_cpr, _("Danish CPR number")),
}

# Characters no name or address needs, and that can make one display as
# something else or break what reads it later (bank files, letters): controls
# (Cc), format characters such as direction overrides and zero-width spaces
# (Cf), private-use (Co) and unassigned code points (Cn), and line separators.
REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"}
# Except the two joiners that Persian and Indic scripts need to spell names right.
ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def no_control_characters(value):
    if any(
        unicodedata.category(char) in REFUSED_CATEGORIES and char not in ALLOWED_FORMAT_CHARACTERS
        for char in value
    ):
        raise forms.ValidationError(
            _("Remove the invisible or unusual characters from this field."),
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


# The country list in each language, in the order the form shows it.
_COUNTRY_CHOICES = {}


def country_choices(language):
    choices = _COUNTRY_CHOICES.get(language)
    if choices is None:
        choices = _COUNTRY_CHOICES[language] = [("", _("Choose your country")), *countries]
    return choices


def default_currency(language):
    currency = settings.DONATION_LANGUAGE_CURRENCIES.get(language)
    return currency if currency in settings.DONATION_CURRENCIES else settings.DONATION_CURRENCIES[0]


# What people write around an amount, by currency: "€ 25", "25 €", "250 kr", "250,-".
CURRENCY_WORDS = {
    "EUR": re.compile(r"(?i)€|\b(?:eur|euros?)\b"),
    "NOK": re.compile(r"(?i)\b(?:nok|kr)\b\.?"),
    "DKK": re.compile(r"(?i)\b(?:dkk|kr)\b\.?"),
}
ANY_CURRENCY = re.compile(r"(?i)[€$£]|\b(?:eur|euros?|nok|dkk|sek|usd|gbp|kr)\b")


class MoneyField(forms.DecimalField):
    """An amount in the page language's number format ("1.250,50" in Danish, "1,250.50"
    in English), with or without the symbol of the form's currency. Another currency's
    symbol is refused: "250 kr" on a euro form is not 250 euro."""

    currency = None  # set by the form to the currency the amounts are shown in

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            words = CURRENCY_WORDS.get(self.currency)
            if words is not None:
                value = words.sub("", value)
            value = re.sub(r",-$|\.-$", "", value.strip()).strip().replace("\u00a0", "")
            if ANY_CURRENCY.search(value):
                raise ValidationError(
                    _("Write the amount in %(currency)s, without another currency.")
                    % {"currency": currency_name(self.currency or "EUR")},
                    code="other_currency",
                )
            if "e" in value.lower():
                # "1e3" is 1000 to Python, never to a donor: an amount has no exponent.
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            # What Babel can not read, Django reads or explains to the donor. Babel's
            # strict check itself fails on some exponents ("1e+16"): the same.
            with contextlib.suppress(NumberFormatError, ArithmeticError):
                value = parse_decimal(value, locale=babel_locale(), strict=True)
        return super().to_python(value)


def middle(presets):
    """The preset a form starts with: the middle one, what most donors choose."""
    return presets[len(presets) // 2] if presets else None


class DonationForm(forms.Form):
    """What both forms ask: the amount, the donor, tax deduction and consents."""

    kind = None

    currency = forms.ChoiceField(label=_("Currency"), widget=forms.RadioSelect)
    # The currency the amount choices below were shown in.
    amounts_currency = forms.CharField(widget=forms.HiddenInput, required=False)
    amount = forms.ChoiceField(label=_("Amount"), widget=forms.RadioSelect)
    other_amount = MoneyField(
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
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput({"autocomplete": "email"}),
        # Django accepts an address with a direction override in its domain.
        validators=[no_control_characters],
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
    country = LazyTypedChoiceField(label=_("Country"), choices=[], widget=widgets.LazySelect)
    language = forms.ChoiceField(
        label=_("Language for our letters"), choices=settings.LANGUAGES, widget=widgets.Select
    )
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
            (code, f"{currency_name(code)[:1].upper()}{currency_name(code)[1:]} ({code})")
            for code in settings.DONATION_CURRENCIES
            if code in self.rules
        ]
        self.shown = self.shown_currency()
        texts = self.currency_texts(self.shown)
        self.fields["amount"].choices = texts["amounts"]
        self.fields["other_amount"].label = texts["other_label"]
        self.fields["other_amount"].currency = self.shown
        if not self.is_bound:
            self.initial["amounts_currency"] = self.shown
            if self.initial.get("amount") is None:
                self.initial["amount"] = texts["middle"]
        self.fields["privacy"].label = self.privacy_text()
        # Named and sorted in the page language: built and written once per language.
        language = get_language()
        self.fields["country"].choices = country_choices(language)
        self.fields["country"].widget.cache_key = ("countries", language)
        self.fields["language"].widget.cache_key = ("languages", language)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self.layout()

    # --- the currency the page shows -------------------------------------------------

    def shown_currency(self):
        """The currency the amounts are (or were) shown in."""
        data, name = (
            (self.data, "amounts_currency") if self.is_bound else (self.initial, "currency")
        )
        value = data.get(name)
        if value in self.rules:
            return value
        return next(iter(self.fields["currency"].choices), ("", ""))[0]

    def chosen_currency(self):
        """The currency the donor ticked, if it is one we offer."""
        value = self.data.get("currency") if self.is_bound else self.initial.get("currency")
        return value if value in self.rules else None

    def currency_switch_requested(self):
        """A post that asks for the amounts in another currency: the button, or a
        currency ticked after the amounts were shown (without JavaScript)."""
        if not self.is_bound:
            return False
        chosen = self.chosen_currency()
        if chosen is None:
            return False
        return "change_currency" in self.data or chosen != self.data.get("amounts_currency")

    def switched_initial(self):
        """Everything the donor typed, for the same form in the newly chosen currency;
        the amount starts again from that currency's presets."""
        initial = {name: self.data.get(name) for name in self.fields if name in self.data}
        for name in ("amount", "other_amount", "amounts_currency"):
            initial.pop(name, None)
        if banking.scheme_for(self.chosen_currency()) != banking.scheme_for(self.shown):
            # An agreement is to one scheme's text: the new one must be agreed to anew.
            initial.pop("mandate", None)
        return initial

    def preset_amounts(self, currency):
        rule = self.rules.get(currency)
        return rule.preset_amounts() if rule else []

    def currency_texts(self, currency):
        """What changes on the page with the currency: amounts and their labels."""
        presets = self.preset_amounts(currency)
        return {
            "amounts": [
                *((str(amount), format_money(amount, currency)) for amount in presets),
                ("other", _("Another amount")),
            ],
            "middle": str(middle(presets)) if presets else None,
            "other_label": _("Amount in %(currency)s") % {"currency": currency_name(currency)},
        }

    def currency_data(self):
        """The same texts for every currency, for the script that switches at once."""
        data = {}
        for code, _label in self.fields["currency"].choices:
            texts = self.currency_texts(code)
            data[code] = {
                "amounts": [[value, str(label)] for value, label in texts["amounts"]],
                "middle": texts["middle"],
                "other_label": str(texts["other_label"]),
                "switched": _("The amounts are now shown in %(currency)s.")
                % {"currency": currency_name(code)},
                **self.scheme_texts(code),
            }
        return data

    def scheme_texts(self, currency):
        return {}

    # --- texts ------------------------------------------------------------------------

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
        switch = HTML(
            format_html(
                '<button type="submit" name="change_currency" value="1" '
                'class="btn btn-secondary currency-switch-button">{}</button>',
                _("Show the amounts in this currency"),
            )
        )
        return Layout(
            Fieldset(
                _("Your gift"),
                "currency",
                switch,
                "amounts_currency",
                "amount",
                "other_amount",
                *self.gift_fields,
                css_id="your-gift",
            ),
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

    # --- checks -----------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        if data.get("currency") and data["currency"] != self.shown:
            # The view shows such a form again before it gets here; never store it.
            raise ValidationError(_("Choose your amount again in the new currency."))
        self.clean_amount_with_limits(data)
        self.clean_national_id_for_country(data)
        return data

    def clean_amount_with_limits(self, data):
        rule = self.rules.get(data.get("currency"))
        if rule is None or "other_amount" in self.errors or "amount" in self.errors:
            return
        amount = data.get("other_amount") if data.get("amount") == "other" else None
        if data.get("amount") not in (None, "", "other"):
            amount = Decimal(data["amount"])
        if amount is None:
            self.add_error("other_amount", _("Write the amount you would like to give."))
            return
        if amount < rule.minimum:
            self.add_error(
                "other_amount",
                _("The smallest amount is %(minimum)s.")
                % {"minimum": format_money(rule.minimum, rule.currency)},
            )
        elif amount > rule.maximum:
            self.add_error(
                "other_amount",
                _("The largest amount is %(maximum)s; for a larger gift, please contact us.")
                % {"maximum": format_money(rule.maximum, rule.currency)},
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

    # --- what the view hands on -------------------------------------------------------

    def submission_digest(self):
        """A keyed hash of everything checked but the form token: the same form
        sent twice gives the same digest, the same form with other details does not."""
        data = self.cleaned_data
        text = "\n".join(f"{name}={data[name]!r}" for name in sorted(data) if name != "token")
        return salted_hmac("donations.submission", text, algorithm="sha256").hexdigest()

    def donor_details(self):
        data = self.cleaned_data
        privacy_text, newsletter_text = self.consent_texts()
        return DonorDetails(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            street=data["street"],
            postal_code=data["postal_code"],
            city=data["city"],
            country=data["country"],
            language=data["language"],
            national_id=data["national_id"],
            privacy_text=privacy_text,
            newsletter=data["newsletter"],
            newsletter_text=newsletter_text,
        )

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


def first_country(value):
    """The first code of a CountryField(multiple=True) as values_list() reads it."""
    codes = value.split(",") if isinstance(value, str) else list(value or [])
    return str(codes[0]) if codes and codes[0] else ""


def place_choices(selected=""):
    """Where a sponsor's money may go: anywhere, a country, or a project open for it,
    grouped by country. Past DONATION_PLACE_PROJECTS open projects the list names
    the countries only, and the one project the donor chose (from its page, or in
    the form just sent) so that their choice stays in the list and is kept as is.

    Returns (choices, capped). One query up to the limit; two or three past it.
    """
    limit = settings.DONATION_PLACE_PROJECTS
    names = [build_localized_fieldname("name", code) for code in resolution_order(get_language())]
    open_projects = Project.objects.open_for_sponsorship()
    projects = list(open_projects.only("pk", "countries", *names).order_by("name")[: limit + 1])
    capped = len(projects) > limit
    by_country = defaultdict(list)
    if capped:
        # Every country with an open project, from the distinct values alone.
        values = open_projects.order_by().values_list("countries", flat=True).distinct()
        for code in {first_country(value) for value in values} - {""}:
            by_country[code] = []
        place = Place.parse(selected)
        projects = []
        if place is not None and place.project_id:
            chosen = open_projects.filter(pk=place.project_id)
            projects = list(chosen.only("pk", "countries", *names))
    for project in projects:
        code = first_country(project.countries)
        if code:
            by_country[code].append(project)
    groups = [
        (
            countries.name(code),
            [
                (Place(country=code).key, describe(Place(country=code))),
                *((Place(project_id=p.pk).key, p.name) for p in projects),
            ],
        )
        for code, projects in by_country.items()
    ]
    groups.sort(key=lambda group: str(group[0]))
    return [(Place().key, describe(Place())), *groups], capped


class SponsorshipForm(DonationForm):
    kind = DonationKind.SPONSORSHIP

    place = forms.ChoiceField(label=_("Where your support goes"), widget=widgets.Select)
    account_holder = text(_("Account holder"), 70, widget=forms.TextInput({"autocomplete": "name"}))
    account = text(
        _("Account number"),
        40,
        widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false"}),
    )
    collection_day = forms.TypedChoiceField(
        label=_("Day of the month we collect your gift"), coerce=int, widget=forms.RadioSelect
    )
    mandate = forms.BooleanField(label=_("I agree to this direct debit mandate."))

    gift_fields = ("place",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        selected = self.data.get("place") if self.is_bound else self.initial.get("place")
        self.fields["place"].choices, capped = place_choices(selected)
        if capped:
            self.fields["place"].help_text = _(
                "To support one project, follow the sponsor link on the project's page."
            )
        self.fields["collection_day"].choices = [
            (day, str(day)) for day in settings.DONATION_COLLECTION_DAYS
        ]
        self.scheme = banking.scheme_for(self.shown)
        if self.scheme:
            self.fields["account"].label = legal.account_label(self.scheme)
            self.fields["account"].help_text = legal.account_help(self.scheme)
            self.fields["mandate"].label = legal.agreement_label(self.scheme)

    def scheme_texts(self, currency):
        scheme = banking.scheme_for(currency)
        if scheme is None:
            return {}
        return {
            "scheme_title": str(legal.mandate_title(scheme)),
            "mandate_text": str(legal.mandate_text(scheme)),
            "agreement_label": str(legal.agreement_label(scheme)),
            "account_label": str(legal.account_label(scheme)),
            "account_help": str(legal.account_help(scheme)),
        }

    def payment_fieldsets(self):
        scheme = banking.scheme_for(self.shown)
        if scheme is None:
            return []
        return [
            Fieldset(
                legal.mandate_title(scheme),
                HTML(
                    format_html(
                        '<p class="mandate-text" id="mandate-text">{}</p>',
                        legal.mandate_text(scheme),
                    )
                ),
                "account_holder",
                "account",
                "collection_day",
                "mandate",
                css_id="direct-debit",
            ),
        ]

    def clean_place(self):
        place = Place.parse(self.cleaned_data["place"])
        if place is None or (
            place.project_id
            and not Project.objects.open_for_sponsorship().filter(pk=place.project_id).exists()
        ):
            raise ValidationError(_("Choose one of the places in the list."), code="invalid_place")
        return place

    def clean(self):
        data = super().clean()
        value, currency = data.get("account"), data.get("currency")
        if value and currency and currency == self.shown:
            try:
                data["account"] = banking.account_for_currency(value, currency)
            except ValidationError as error:
                self.add_error("account", error)
        return data


class GiftForm(DonationForm):
    kind = DonationKind.GIFT

    programme = forms.ModelChoiceField(
        label=_("What your gift is for"),
        queryset=Programme.objects.published(),
        required=False,
        empty_label=_("Where it is needed most (general fund)"),
        widget=widgets.Select,
    )
    # The emergency appeal the donor came from: its amounts and programme are shown.
    # Text, not a number: whatever arrives here is checked in current_appeal().
    appeal = forms.CharField(widget=forms.HiddenInput, required=False, strip=True)

    gift_fields = ("programme", "appeal")

    def __init__(self, *args, **kwargs):
        # Read before the amounts are built (in the parent), since they follow it.
        self.appeal = None
        self.appeal_presets = {}
        data = args[0] if args else kwargs.get("data")
        source = data if data is not None else kwargs.get("initial") or {}
        self.appeal = current_appeal(source.get("appeal"))
        if self.appeal is not None:
            self.appeal_presets = self.appeal.preset_amounts()
        super().__init__(*args, **kwargs)
        if self.appeal is not None:
            self.initial["appeal"] = self.appeal.pk
            # The page says the gift goes to the appeal's programme: the form must
            # start there too, whatever other programme a link asks for.
            self.initial["programme"] = self.appeal.programme_id
        elif source.get("appeal") and data is not None:
            # An appeal that ended while the donor filled in the form: its amounts
            # are gone, and the donor is told why rather than "not a valid choice".
            self.fields["amount"].error_messages["invalid_choice"] = _(
                "This appeal has ended, so its amounts are no longer offered. "
                "Please choose your amount again."
            )

    def preset_amounts(self, currency):
        """During an appeal, its own amounts in the currencies it has them in."""
        if currency in self.appeal_presets and currency in self.rules:
            return self.appeal_presets[currency]
        return super().preset_amounts(currency)

    def clean_appeal(self):
        # Only an appeal that is still on counts; an unknown number is simply none.
        return self.appeal.pk if self.appeal is not None else None


def current_appeal(value):
    """The appeal switched on today with this id, or None for anything else."""
    value = str(value or "")
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return (
        Appeal.objects.current()
        .select_related("programme")
        .prefetch_related("amounts")
        .filter(pk=int(value))
        .first()
    )


class CollectionRunForm(forms.Form):
    """Staff start a collection run: which scheme, which collection date."""

    scheme = forms.ChoiceField(label=_("Scheme"))
    collection_date = forms.DateField(
        label=_("Collection date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("One of the collection days donors choose from."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        schemes = [banking.scheme_for(code) for code in settings.DONATION_CURRENCIES]
        self.fields["scheme"].choices = [(s.value, s.label) for s in schemes if s]

    def clean_collection_date(self):
        value = self.cleaned_data["collection_date"]
        if value < timezone.localdate():
            raise ValidationError(_("This date has passed."), code="past")
        if value.day not in settings.DONATION_COLLECTION_DAYS:
            days = ", ".join(str(day) for day in settings.DONATION_COLLECTION_DAYS)
            raise ValidationError(
                _("Collections fall on these days of the month: %(days)s."),
                code="not_a_collection_day",
                params={"days": days},
            )
        return value


class BankImportForm(forms.Form):
    """Staff import a file the bank sent: which kind, and the file."""

    kind = forms.ChoiceField(label=_("Kind of file"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("As downloaded from the bank, unchanged. Each file is imported once."),
    )


class ExportForm(forms.Form):
    """Staff choose which collections or gifts to export: dates and a currency."""

    # A date input takes its value as YYYY-MM-DD whatever the language.
    date_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Both days included: collections by collection date, gifts by the day made."),
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = [(code, code) for code in settings.DONATION_CURRENCIES]
        self.fields["currency"].choices = [("", _("All currencies")), *codes]

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            self.add_error(
                "date_to",
                ValidationError(_("The end can not be before the start."), code="backwards"),
            )
        return data
