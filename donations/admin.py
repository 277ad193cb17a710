from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from donations import services
from donations.models import AmountRule, Donor, Gift, Mandate, Reveal, Sponsorship, Status
from donations.places import Place, describe


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
class DonorAdmin(RevealMixin, admin.ModelAdmin):
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
            obj.privacy_consent_at,
        )

    @admin.display(description=_("newsletter consent"))
    def newsletter_consent(self, obj):
        if not obj.newsletter:
            return "—"
        return format_html(
            "{}<br><small>{}</small>", obj.newsletter_consent_text, obj.newsletter_consent_at
        )

    def donor_of(self, obj):
        return obj

    def revealed_value(self, obj):
        return obj.reveal_national_id()


@admin.register(Mandate)
class MandateAdmin(RevealMixin, admin.ModelAdmin):
    list_display = ("reference", "scheme", "donor", "account_holder", "masked_account", "signed_at")
    list_filter = ("scheme",)
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
    )
    fields = readonly_fields
    reveal_label = _("account number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # a signed mandate is never edited

    def has_delete_permission(self, request, obj=None):
        return False  # nor deleted: it is the proof of what the donor agreed to

    @admin.display(description=_("account"))
    def masked_account(self, obj):
        return obj.account_masked

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
        "created",
    )
    list_filter = (
        "status",
        "currency",
        PlaceFilter,
        "collection_day",
        ("confirmation_sent", admin.EmptyFieldListFilter),
        "created",
    )
    list_select_related = ("donor", "project")

    @admin.display(description=_("place"))
    def place(self, obj):
        return obj.place_name

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
        "created",
    )
    list_filter = (
        "status",
        "currency",
        "programme",
        ("confirmation_sent", admin.EmptyFieldListFilter),
        "created",
    )
    search_fields = (*DonationAdmin.search_fields, "payment_reference")
    list_select_related = ("donor", "programme")


@admin.register(Reveal)
class RevealAdmin(admin.ModelAdmin):
    """Who looked at which full number, and when. Nobody edits this record."""

    list_display = ("at", "user", "donor", "what")
    list_filter = ("user",)
    date_hierarchy = "at"
    list_select_related = ("user", "donor")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
