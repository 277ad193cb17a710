"""The fundraising overview in the admin (/admin/donations/overview/): this month's
figures per currency, each linked to the list it counts, a chart of the last twelve
months' collections, and CSV exports of collections and gifts. Also the read-only
list of collections those links lead to. Registered from donations/admin.py."""

import logging
from urllib.parse import urlencode

from babel.numbers import format_percent
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from donations import chart, exports, figures
from donations.bank_returns import describe_reason
from donations.forms import ExportForm
from donations.models import SENT_BACK, Collection, Status
from donations.money import babel_locale, format_money

logger = logging.getLogger(__name__)


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    """Every collection, to be found by status, currency and date: looked at, never
    changed (the bank's answers change them, through the imports)."""

    list_display = (
        "reference",
        "sponsorship",
        "collection_date",
        "money",
        "sequence",
        "status",
        "return_reason",
        "returned_on",
        "run",
    )
    list_filter = ("status", "currency", "collection_date", "run__scheme")
    search_fields = ("reference", "sponsorship__reference")
    date_hierarchy = "collection_date"
    list_select_related = ("sponsorship", "run")
    fields = (
        "reference",
        "sponsorship",
        "run",
        "collection_date",
        "money",
        "sequence",
        "status",
        "reason",
        "returned_on",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # a collection run makes them

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("amount"), ordering="amount")
    def money(self, collection):
        return format_money(collection.amount, collection.currency)

    @admin.display(description=_("reason"))
    def reason(self, collection):
        return describe_reason(collection.return_reason)


# --- links to the lists each figure counts ---------------------------------------------


def changelist(model_name, **params):
    return f"{reverse(f'admin:donations_{model_name}_changelist')}?{urlencode(params)}"


def figure_rows(figure, month, today):
    """(label, value, url) for each of one currency's figures."""
    currency = figure.currency
    start, end = str(month.start_at()), str(month.end_at())
    so_far = {
        "collection_date__gte": month.first.isoformat(),
        "collection_date__lte": min(today, month.last).isoformat(),
        "currency__exact": currency,
    }

    def counted(count, amount):
        return f"{count} · {format_money(amount, currency)}"

    return [
        (
            _("Active sponsorships"),
            counted(figure.active, figure.active_total),
            changelist("sponsorship", status__exact=Status.ACTIVE, currency__exact=currency),
        ),
        (
            _("New this month"),
            str(figure.new),
            changelist(
                "sponsorship", created__gte=start, created__lt=end, currency__exact=currency
            ),
        ),
        (
            _("Cancelled this month"),
            str(figure.cancelled),
            changelist(
                "sponsorship",
                status__exact=Status.CANCELLED,
                status_changed_at__gte=start,
                status_changed_at__lt=end,
                currency__exact=currency,
            ),
        ),
        (
            _("Collected this month"),
            counted(figure.collected, figure.collected_total),
            changelist("collection", status__exact="pending", **so_far),
        ),
        (
            _("Sent back this month"),
            counted(figure.sent_back, figure.sent_back_total),
            changelist("collection", status__in=",".join(SENT_BACK), **so_far),
        ),
        (
            _("Return rate"),
            percentage(figure.return_rate),
            changelist("collection", **so_far),
        ),
        (
            _("Gifts received this month"),
            counted(figure.gifts, figure.gifts_total),
            changelist(
                "gift",
                received_on__gte=month.first.isoformat(),
                received_on__lte=month.last.isoformat(),
                currency__exact=currency,
            ),
        ),
    ]


def percentage(rate):
    if rate is None:
        return "—"
    return format_percent(rate / 100, locale=babel_locale(), decimal_quantization=False)


# --- the pages -------------------------------------------------------------------------


def overview_view(request, form=None):
    if not request.user.has_perm("donations.view_sponsorship"):
        raise PermissionDenied
    today = timezone.localdate()
    month = figures.Month.of(today)
    currencies = [
        (figure.currency, figure_rows(figure, month, today)) for figure in figures.this_month(today)
    ]
    charts = [
        (history, chart.chart_svg(history, f"chart-{history.currency.lower()}"))
        for history in figures.history(today)
    ]
    if form is None:
        form = ExportForm(initial={"date_from": month.first, "date_to": today})
    context = {
        **admin.site.each_context(request),
        "title": _("Fundraising overview"),
        "app_label": "donations",
        "month": month.first,
        "currencies": currencies,
        "charts": charts,
        "form": form,
    }
    return TemplateResponse(request, "admin/donations/overview.html", context)


def export_view(kind, rows, permission):
    def view(request):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        form = ExportForm(request.GET)
        if not form.is_valid():
            return overview_view(request, form)
        first, last = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        currency = form.cleaned_data["currency"]
        # Who exported what; the rows themselves are not logged.
        logger.info(
            "CSV export of %s by staff user %s: %s to %s, %s",
            kind,
            request.user.pk,
            first,
            last,
            currency or "all currencies",
        )
        name = "-".join(filter(None, [kind, first.isoformat(), last.isoformat(), currency]))
        response = StreamingHttpResponse(
            rows(first, last, currency), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response

    return view


admin.site.register_view("donations/overview/", overview_view, "donations_overview")
admin.site.register_view(
    "donations/overview/export/collections.csv",
    export_view("collections", exports.collections, "donations.view_collection"),
    "donations_export_collections",
)
admin.site.register_view(
    "donations/overview/export/gifts.csv",
    export_view("gifts", exports.gifts, "donations.view_gift"),
    "donations_export_gifts",
)
