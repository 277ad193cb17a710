"""Year-end tax data in the admin: a page that previews a country's year and
downloads its CSV (and Belgium's attests), and each Belgian donor's attest from the
donor's page. Only staff who may reveal national numbers get near them, and every
download is recorded as a reveal. Used by DonorAdmin in donations/admin.py."""

from io import BytesIO

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from donations import tax
from donations.models import Donor

REVEAL = "donations.reveal_donor_data"


def last_year():
    return timezone.localdate().year - 1


class TaxYearForm(forms.Form):
    year = forms.IntegerField(label=_("year"))
    country = forms.ChoiceField(label=_("country"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A year that has begun: this one (so far) or one before it.
        self.fields["year"] = forms.IntegerField(
            label=_("year"), min_value=2000, max_value=timezone.localdate().year
        )
        self.fields["country"].choices = [
            (code, countries.name(code)) for code in tax.countries_with_rules()
        ]


class TaxDataMixin:
    """For DonorAdmin: the "Year-end tax data" page and the per-donor attest."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("tax/", view(self.tax_view), name="donations_donor_tax"),
            path(
                "<int:pk>/tax-attest/<int:year>/",
                view(self.tax_attest_view),
                name="donations_donor_tax_attest",
            ),
            *super().get_urls(),
        ]

    def tax_view(self, request):
        if not request.user.has_perm(REVEAL):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else request.GET
        form = TaxYearForm(data or None, initial={"year": last_year(), "country": "BE"})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Year-end tax data"),
            "form": form,
        }
        if form.is_bound and form.is_valid():
            year, country = form.cleaned_data["year"], form.cleaned_data["country"]
            totals = tax.yearly_totals(country, year)
            if request.method == "POST":
                return self.tax_download(request, country, year, totals)
            context.update(
                year=year,
                country=country,
                country_name=countries.name(country),
                rule=tax.rule_for(country),
                totals=totals,
                summary=tax.summary(totals),
            )
        return TemplateResponse(request, "admin/donations/tax/year_end.html", context)

    def tax_download(self, request, country, year, totals):
        if "attests" in request.POST:
            if country != "BE":
                raise Http404
            tax.record_reveals(request.user, totals, f"{tax.attest_label(year)} (ZIP)")
            content, name = tax.attests_zip(totals), f"attests-281.71-{year}.zip"
        else:
            tax.record_reveals(request.user, totals, tax.export_label(country, year))
            content, name = tax.export_csv(country, year, totals), tax.csv_name(country, year)
        return FileResponse(BytesIO(content), as_attachment=True, filename=name)

    def tax_attest_view(self, request, pk, year):
        # The attest shows the national number in full: those who may reveal it.
        if not request.user.has_perm(REVEAL):
            raise PermissionDenied
        donor = get_object_or_404(Donor, pk=pk)
        if donor.country != "BE":
            raise Http404
        person = tax.total_for(donor, year)
        if person is None:
            self.message_user(
                request,
                _("No attest for %(year)s: this donor gave less than the minimum, or nothing.")
                % {"year": year},
                messages.WARNING,
            )
            return redirect("admin:donations_donor_change", donor.pk)
        tax.record_reveals(request.user, [person], tax.attest_label(year))
        return FileResponse(
            BytesIO(tax.attest_pdf(person)),
            as_attachment=True,
            filename=tax.attest_name(person),
            content_type="application/pdf",
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        donor = self.get_object(request, object_id)
        if (
            donor is not None
            and donor.country == "BE"
            and donor.wants_tax_receipt
            and request.user.has_perm(REVEAL)
        ):
            year = last_year()
            extra_context["tax_attest"] = {
                "url": reverse("admin:donations_donor_tax_attest", args=[donor.pk, year]),
                "label": _("Tax attest %(year)s (PDF)") % {"year": year},
            }
        return super().change_view(request, object_id, form_url, extra_context)
