from io import BytesIO

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from donations import (
    bank_imports,
    collections,
    import_admin,  # noqa: F401 (registers the bank imports' admin)
    overview_admin,  # noqa: F401 (registers the fundraising overview and collections)
    services,
)
from donations.bank_returns import describe_reason
from donations.banking import Scheme
from donations.forms import CollectionRunForm
from donations.models import (
    AmountRule,
    Collection,
    CollectionRun,
    Donor,
    Gift,
    Mandate,
    PreNotice,
    Reveal,
    RunState,
    Sponsorship,
    Status,
)
from donations.money import format_money
from donations.places import Place, describe
from donations.tax_admin import TaxDataMixin
from ngo.admin import local_datetime


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the site itself writes (reveals, notices): staff read them, nobody
    adds, edits or deletes one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AmountRule)
class AmountRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "currency", "presets", "minimum", "maximum")
    list_editable = ("presets", "minimum", "maximum")
    list_filter = ("kind", "currency")


def reveal_link(obj, masked):
    url = reverse(f"admin:donations_{obj._meta.model_name}_reveal", args=[obj.pk])
    return format_html('{} <a href="{}">{}</a>', masked, url, _("Reveal"))


class RevealMixin:
    """A masked number with a link to see it in full, one record at a time, logged."""

    reveal_label = ""

    def get_urls(self):
        name = f"donations_{self.model._meta.model_name}_reveal"
        view = self.admin_site.admin_view(self.reveal_view)
        return [path("<int:pk>/reveal/", view, name=name), *super().get_urls()]

    def reveal_view(self, request, pk):
        if not request.user.has_perm("donations.reveal_donor_data"):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "label": self.reveal_label,
            "title": _("Reveal %(what)s") % {"what": self.reveal_label},
        }
        if request.method == "POST":
            donor = self.donor_of(obj)
            what = f"{self.reveal_label} · {obj}"
            Reveal.objects.create(user=request.user, donor=donor, what=what)
            # Also in the record's own history, next to its changes.
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=[obj],
                action_flag=CHANGE,
                change_message=f"Revealed {what}",
                single_object=True,
            )
            context["value"] = self.revealed_value(obj)
        return TemplateResponse(request, "admin/donations/reveal.html", context)


@admin.register(Donor)
class DonorAdmin(TaxDataMixin, RevealMixin, admin.ModelAdmin):
    list_display = ("__str__", "email", "country", "language", "wants_tax_receipt", "created")
    list_filter = ("country", "language", "wants_tax_receipt", "newsletter", "created")
    search_fields = ("first_name", "last_name", "email")
    date_hierarchy = "created"
    readonly_fields = (
        "national_id",
        "newsletter",
        "privacy_consent",
        "newsletter_consent",
        "created",
    )
    fields = (
        ("first_name", "last_name"),
        "email",
        "phone",
        "street",
        ("postal_code", "city"),
        "country",
        "language",
        "wants_tax_receipt",
        "national_id",
        "privacy_consent",
        "newsletter",
        "newsletter_consent",
        "created",
    )
    reveal_label = _("national identification number")

    def has_add_permission(self, request):
        return False  # donors come from the public forms

    @admin.display(description=_("national identification number"))
    def national_id(self, obj):
        if not obj.national_id_hint:
            return "—"
        return reveal_link(obj, obj.national_id_masked)

    @admin.display(description=_("privacy consent"))
    def privacy_consent(self, obj):
        return format_html(
            "{}<br><small>{} · {}</small>",
            obj.privacy_consent_text,
            obj.privacy_consent_version,
            local_datetime(obj.privacy_consent_at),
        )

    @admin.display(description=_("newsletter consent"))
    def newsletter_consent(self, obj):
        if not obj.newsletter:
            return "—"
        return format_html(
            "{}<br><small>{}</small>",
            obj.newsletter_consent_text,
            local_datetime(obj.newsletter_consent_at),
        )

    def donor_of(self, obj):
        return obj

    def revealed_value(self, obj):
        return obj.reveal_national_id()


@admin.register(Mandate)
class MandateAdmin(RevealMixin, admin.ModelAdmin):
    list_display = (
        "reference",
        "scheme",
        "donor",
        "account_holder",
        "masked_account",
        "signed_at",
        "suspension",
    )
    list_filter = (
        "scheme",
        "notices_waived",
        ("suspended_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("reference", "donor__email", "donor__first_name", "donor__last_name")
    list_select_related = ("donor",)
    date_hierarchy = "signed_at"
    readonly_fields = (
        "reference",
        "scheme",
        "donor",
        "account_holder",
        "account",
        "account_country",
        "creditor_name",
        "creditor_id",
        "creditor_group",
        "text",
        "signed_at",
        "suspension",
    )
    fields = (*readonly_fields, "notices_waived")
    reveal_label = _("account number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # A signed mandate is never edited, save for one fact the donor's bank tells
        # us: that an AvtaleGiro donor wants no notice before each collection.
        if obj is not None and obj.scheme != Scheme.AVTALEGIRO:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # nor deleted: it is the proof of what the donor agreed to

    @admin.display(description=_("account"))
    def masked_account(self, obj):
        return obj.account_masked

    @admin.display(description=_("suspended"))
    def suspension(self, obj):
        if obj.suspended_at is None:
            return "—"
        when = formats.date_format(timezone.localtime(obj.suspended_at), "DATE_FORMAT")
        return f"{when} · {describe_reason(obj.suspended_reason)}"

    @admin.display(description=_("account"))
    def account(self, obj):
        return reveal_link(obj, obj.account_masked)

    def donor_of(self, obj):
        return obj.donor

    def revealed_value(self, obj):
        return obj.reveal_account()


class PlaceFilter(admin.SimpleListFilter):
    title = _("place")
    parameter_name = "place"

    def lookups(self, request, model_admin):
        rows = Sponsorship.objects.values_list("country", "project__pk", "project__name")
        choices = {Place().key: describe(Place())}
        for country, project_pk, project_name in rows.distinct():
            if project_pk:
                choices[Place(project_id=project_pk).key] = project_name
            elif country:
                choices[Place(country=country).key] = countries.name(country)
        return list(choices.items())

    def queryset(self, request, queryset):
        place = Place.parse(self.value())
        if place is None:
            return queryset
        return queryset.filter(**place.sponsorship_filter())


class DonationAdmin(admin.ModelAdmin):
    """Sponsorships and gifts: read-only records whose status staff move on."""

    search_fields = ("reference", "donor__email", "donor__first_name", "donor__last_name")
    date_hierarchy = "created"
    actions = ("mark_active", "mark_cancelled")
    list_select_related = ("donor",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Money records are cancelled, never deleted: the bank files and the
        # donor's own history refer to them.
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def change_status(self, request, queryset, status):
        changed, skipped = services.status_change(queryset, status, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d record changed.", "%(count)d records changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d record was left alone: its status can not change that way.",
                    "%(count)d records were left alone: their status can not change that way.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    # Changing a status is a change: staff who may only view records get no action.
    @admin.action(description=_("Mark as active"), permissions=["change"])
    def mark_active(self, request, queryset):
        self.change_status(request, queryset, Status.ACTIVE)

    @admin.action(description=_("Mark as cancelled"), permissions=["change"])
    def mark_cancelled(self, request, queryset):
        self.change_status(request, queryset, Status.CANCELLED)


class NeedsCallFilter(admin.SimpleListFilter):
    """Sponsorships whose collections stopped after two returns, not cancelled."""

    title = _("needs a call")
    parameter_name = "call"

    def lookups(self, request, model_admin):
        return [("yes", _("Listed for a call"))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        return queryset.filter(needs_call=True).exclude(status=Status.CANCELLED)


@admin.register(Sponsorship)
class SponsorshipAdmin(DonationAdmin):
    list_display = (
        "reference",
        "donor",
        "amount",
        "currency",
        "place",
        "collection_day",
        "status",
        "needs_call",
        "created",
    )
    actions = (*DonationAdmin.actions, "resume_collections")
    list_filter = (
        NeedsCallFilter,
        "status",
        "currency",
        PlaceFilter,
        "collection_day",
        ("confirmation_sent", admin.EmptyFieldListFilter),
        "created",
        "status_changed_at",
    )
    list_select_related = ("donor", "project")

    @admin.display(description=_("place"))
    def place(self, obj):
        return obj.place_name

    @admin.action(description=_("Resume collections after a call"), permissions=["change"])
    def resume_collections(self, request, queryset):
        resumed = bank_imports.resume_after_call(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d sponsorship will be collected again.",
                "%(count)d sponsorships will be collected again.",
                resumed,
            )
            % {"count": resumed},
            messages.SUCCESS,
        )

    def changelist_view(self, request, extra_context=None):
        totals = Sponsorship.objects.monthly_totals()
        extra_context = {**(extra_context or {}), "monthly_totals": totals}
        return super().changelist_view(request, extra_context=extra_context)


@admin.register(Gift)
class GiftAdmin(DonationAdmin):
    list_display = (
        "reference",
        "donor",
        "amount",
        "currency",
        "programme",
        "payment_reference",
        "status",
        "received_on",
        "created",
    )
    list_filter = (
        "status",
        "amount_differs",
        ("received_on", admin.EmptyFieldListFilter),
        "currency",
        "programme",
        ("confirmation_sent", admin.EmptyFieldListFilter),
        "created",
    )
    search_fields = (*DonationAdmin.search_fields, "payment_reference")
    list_select_related = ("donor", "programme")


@admin.register(Reveal)
class RevealAdmin(ReadOnlyAdmin):
    """Who looked at which full number, and when. Nobody edits this record."""

    list_display = ("at", "user", "donor", "what")
    list_filter = ("user",)
    date_hierarchy = "at"
    list_select_related = ("user", "donor")


class CollectionInline(admin.TabularInline):
    model = Collection
    fields = ("reference", "sponsorship", "amount", "sequence", "status", "reason", "returned_on")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each row names its sponsorship: one query for the run, not one per row.
        return super().get_queryset(request).select_related("sponsorship")

    @admin.display(description=_("reason"))
    def reason(self, collection):
        return describe_reason(collection.return_reason)


@admin.register(CollectionRun)
class CollectionRunAdmin(admin.ModelAdmin):
    """Bank files of monthly collections: started here (preview, then confirm),
    downloaded, and marked once sent to the bank."""

    list_display = ("__str__", "state", "count", "run_total", "created_by", "created")
    list_select_related = ("created_by",)
    list_filter = ("scheme", "state")
    date_hierarchy = "collection_date"
    inlines = [CollectionInline]
    actions = ("mark_submitted",)
    readonly_fields = (
        "scheme",
        "collection_date",
        "state",
        "count",
        "run_total",
        "download",
        "created",
        "created_by",
        "submitted_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        # Runs are started through the preview in start_view, never typed in.
        return False

    def has_change_permission(self, request, obj=None):
        # A run is never edited: its page is for reading and downloading; the list's
        # action marks runs as sent.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("total"))
    def run_total(self, run):
        return format_money(run.total, run.currency)

    @admin.display(description=_("file"))
    def download(self, run):
        url = reverse("admin:donations_collectionrun_download", args=[run.pk])
        return format_html('<a href="{}">{}</a>', url, run.file_name)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("start/", view(self.start_view), name="donations_collectionrun_start"),
            path(
                "<int:pk>/download/",
                view(self.download_view),
                name="donations_collectionrun_download",
            ),
            *super().get_urls(),
        ]

    def start_view(self, request):
        if not request.user.has_perm("donations.add_collectionrun"):
            raise PermissionDenied
        form = CollectionRunForm(request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Start a collection run"),
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            scheme, day = form.cleaned_data["scheme"], form.cleaned_data["collection_date"]
            if "confirm" not in request.POST:
                context["preview"] = collections.preview(scheme, day)
            else:
                return self.start_confirmed(request, scheme, day)
        return TemplateResponse(request, "admin/donations/collectionrun/start.html", context)

    def start_confirmed(self, request, scheme, day):
        try:
            run = collections.start_run(scheme, day, by=request.user)
        except collections.RunRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return redirect("admin:donations_collectionrun_changelist")
        self.log_addition(request, run, [{"added": {}}])
        self.message_user(
            request,
            _("The run is ready: %(count)d collections, %(total)s. Download its file below.")
            % {"count": run.count, "total": format_money(run.total, run.currency)},
            messages.SUCCESS,
        )
        return redirect("admin:donations_collectionrun_change", run.pk)

    def download_view(self, request, pk):
        # The file holds every donor's account number: those who may reveal them.
        if not request.user.has_perm("donations.reveal_donor_data"):
            raise PermissionDenied
        run = get_object_or_404(CollectionRun, pk=pk)
        self.log_change(request, run, f"Downloaded {run.file_name}")
        return FileResponse(
            BytesIO(collections.run_file(run)), as_attachment=True, filename=run.file_name
        )

    @admin.action(description=_("Mark as sent to the bank"), permissions=["change"])
    def mark_submitted(self, request, queryset):
        changed = queryset.filter(state=RunState.READY).update(
            state=RunState.SUBMITTED, submitted_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%(count)d run marked as sent.", "%(count)d runs marked as sent.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )


@admin.register(PreNotice)
class PreNoticeAdmin(ReadOnlyAdmin):
    """Which donors were told of a coming collection, and whether the email went out.
    Made by send_collection_notices only; nobody edits them."""

    list_display = ("sponsorship", "collection_date", "notified_amount", "queued_at", "sent_at")
    list_filter = (("sent_at", admin.EmptyFieldListFilter), "collection_date")
    search_fields = ("sponsorship__reference",)
    date_hierarchy = "collection_date"
    list_select_related = ("sponsorship",)
    fields = ("sponsorship", "collection_date", "notified_amount", "queued_at", "sent_at")
    readonly_fields = fields

    @admin.display(description=_("amount"))
    def notified_amount(self, notice):
        return format_money(notice.amount, notice.currency)
