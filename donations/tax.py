"""Year-end tax data: what each donor who asked for a tax receipt gave in a calendar
year, with their country's rules (settings.TAX_RULES, which change yearly); the CSV
the organisation passes on to the tax authority, and Belgium's attest 281.71 as a PDF.

What counts as given in a year, in the country's currency:
- a sponsorship's collection dated in the year, once its date has passed, unless the
  bank returned or rejected it;
- a one-off gift received in the year (the amount the bank credited) and accepted:
  active. A gift whose amount differed stays pending until staff accept it, and a
  cancelled gift does not count.

A person who gave through the forms twice has two Donor rows. Rows with the same
national number are one person: their amounts are added up, and the newest row gives
the name and address. Rows without a national number stand alone.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries
from stdnum.be import nn as be_national_number

from donations.legal import creditor_name
from donations.models import Collection, Donor, Gift, Reveal, Status
from donations.money import format_money

# The languages an attest is written in; others get it in English. (Belgium's official
# languages are Dutch, French and German; the site has no German yet.)
ATTEST_LANGUAGES = ("nl", "fr", "de")
ATTEST_FALLBACK = "en"
# A cell that starts with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Rule:
    country: str
    currency: str
    minimum: Decimal
    maximum: Decimal | None

    def deductible(self, given):
        return given if self.maximum is None else min(given, self.maximum)


def countries_with_rules():
    return list(settings.TAX_RULES)


def rule_for(country):
    values = settings.TAX_RULES[country]
    return Rule(
        country=country,
        currency=values["currency"],
        minimum=Decimal(values.get("minimum") or 0),
        maximum=None if values.get("maximum") is None else Decimal(values["maximum"]),
    )


@dataclass
class YearTotal:
    """One person's year: their Donor rows (newest first), what they gave and what
    of it is deductible."""

    year: int
    rule: Rule
    donors: list = field(default_factory=list)
    national_id: str = ""
    given: Decimal = Decimal("0")

    @property
    def donor(self):
        """The newest row: the name and address the donor last gave us."""
        return self.donors[0]

    @property
    def deductible(self):
        return self.rule.deductible(self.given)

    @property
    def currency(self):
        return self.rule.currency

    @property
    def attest_number(self):
        """Unique per year and person, and the same at every download: the year and the
        person's first Donor row (a later row never has a lower number)."""
        return f"{self.year}-{min(donor.pk for donor in self.donors):07d}"


def given_per_donor(donors, year, currency, today=None):
    """{donor pk: total given in `year` in `currency`} for the given Donor rows."""
    today = today or timezone.localdate()
    totals = {}
    collected = (
        Collection.objects.collected()
        .filter(
            sponsorship__donor__in=donors,
            collection_date__year=year,
            collection_date__lte=today,
            currency=currency,
        )
        .values_list("sponsorship__donor")
        .annotate(total=Sum("amount"))
    )
    received = (
        Gift.objects.filter(
            donor__in=donors,
            received_on__year=year,
            received_amount__isnull=False,
            status=Status.ACTIVE,
            currency=currency,
        )
        .values_list("donor")
        .annotate(total=Sum("received_amount"))
    )
    for rows in (collected, received):
        for donor_pk, total in rows.order_by():
            totals[donor_pk] = totals.get(donor_pk, Decimal("0")) + total
    return totals


def yearly_totals(country, year, today=None):
    """[YearTotal] of the donors in `country` who want a tax receipt, one per person,
    reported under the country's rule (below its minimum: not reported), by name."""
    rule = rule_for(country)
    donors = Donor.objects.filter(wants_tax_receipt=True, country=country)
    given = given_per_donor(donors, year, rule.currency, today)
    people = {}
    for donor in donors.filter(pk__in=given).order_by("-created", "-pk"):
        national_id = donor.reveal_national_id()
        key = national_id or f"donor-{donor.pk}"
        person = people.setdefault(key, YearTotal(year=year, rule=rule, national_id=national_id))
        person.donors.append(donor)
        person.given += given[donor.pk]
    reported = [
        person for person in people.values() if person.given > 0 and person.given >= rule.minimum
    ]
    return sorted(reported, key=lambda p: (p.donor.last_name.lower(), p.donor.first_name.lower()))


def total_for(donor, year):
    """The YearTotal that `donor`'s row is part of, or None when nothing is reported."""
    if donor.country not in settings.TAX_RULES:
        return None
    for person in yearly_totals(donor.country, year):
        if any(row.pk == donor.pk for row in person.donors):
            return person
    return None


def summary(totals):
    """Counts and sums for the preview."""
    return {
        "count": len(totals),
        "given": sum((p.given for p in totals), Decimal("0")),
        "deductible": sum((p.deductible for p in totals), Decimal("0")),
    }


# --- recording ---------------------------------------------------------------------------


def record_reveals(user, totals, what):
    """Each Donor row in the export gets a Reveal (its reveal history shows the export)
    and an entry in its own admin history, as a reveal of one number does."""
    rows = [donor for person in totals for donor in person.donors]
    Reveal.objects.bulk_create([Reveal(user=user, donor=donor, what=what) for donor in rows])
    if rows:
        LogEntry.objects.log_actions(
            user_id=user.pk, queryset=rows, action_flag=CHANGE, change_message=f"Revealed {what}"
        )


def export_label(country, year):
    return f"tax export {year} ({country})"


def attest_label(year):
    return f"tax attest 281.71 {year}"


# --- CSV ---------------------------------------------------------------------------------


def safe_cell(value):
    """Text a spreadsheet shows as text: a leading formula character is quoted."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_name(country, year):
    return f"tax-data-{year}-{country}.csv"


def export_csv(country, year, totals):
    """The year's rows for the tax authority, as UTF-8 with a byte order mark (so that
    spreadsheet programs read the accents right). The only place with the national
    numbers in full."""
    output = io.StringIO()
    writer = csv.writer(output)
    header = [
        _("national number"),
        _("first name"),
        _("last name"),
        _("street and number"),
        _("postal code"),
        _("city"),
        _("country"),
        _("total given"),
        _("deductible amount"),
        _("currency"),
    ]
    if country == "BE":
        header.append(_("attest number"))
    writer.writerow(header)
    for person in totals:
        donor = person.donor
        row = [
            person.national_id,
            donor.first_name,
            donor.last_name,
            donor.street,
            donor.postal_code,
            donor.city,
            donor.country.code,
        ]
        row = [safe_cell(value) for value in row]
        row += [f"{person.given:.2f}", f"{person.deductible:.2f}", person.currency]
        if country == "BE":
            row.append(person.attest_number)
        writer.writerow(row)
    return output.getvalue().encode("utf-8-sig")


# --- the Belgian attest 281.71 -----------------------------------------------------------


def attest_language(donor):
    return donor.language if donor.language in ATTEST_LANGUAGES else ATTEST_FALLBACK


def no_fetching():
    """A WeasyPrint URL fetcher that fetches nothing but data: URIs, and stops the
    rendering at anything else: an attest is made of its own HTML alone."""
    # WeasyPrint loads Pango when imported: only the pages that make PDFs need it.
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), fail_on_errors=True)


def attest_html(person, issued=None):
    donor = person.donor
    language = attest_language(donor)
    with translation.override(language):
        context = {
            "language": language,
            "number": person.attest_number,
            "year": person.year,
            "organisation": creditor_name(),
            "organisation_address": settings.ORGANISATION_ADDRESS,
            "organisation_number": settings.ORGANISATION_NUMBER,
            "donor": donor,
            "donor_country": countries.name(donor.country.code),
            # As Belgian documents write it: 85.07.30-033.28.
            "national_id": be_national_number.format(person.national_id)
            if person.national_id
            else "",
            "amount": format_money(person.deductible, person.currency, language, cents=True),
            "issued": formats.date_format(issued or timezone.localdate(), "DATE_FORMAT"),
        }
        return render_to_string("donations/tax/attest_28171.html", context), language


def render_pdf(html):
    from weasyprint import HTML

    base_url = str(settings.BASE_DIR / "templates")
    return HTML(string=html, base_url=base_url, url_fetcher=no_fetching()).write_pdf()


def attest_pdf(person, issued=None):
    """The donor's attest 281.71 as PDF bytes, in the donor's language."""
    html, _language = attest_html(person, issued)
    return render_pdf(html)


def attest_name(person):
    return f"attest-281.71-{person.attest_number}.pdf"


def attests_zip(totals, issued=None):
    """Every attest of the year in one ZIP file."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for person in totals:
            archive.writestr(attest_name(person), attest_pdf(person, issued))
    return output.getvalue()
