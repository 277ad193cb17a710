"""The admin of bank imports: an upload page that imports a file and shows what it
did, line by line; imports are looked at again, never changed or deleted.
Registered from donations/admin.py."""

from io import BytesIO

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from donations import bank_imports
from donations.bank_returns import describe_reason
from donations.crypto import decrypt_bytes
from donations.forms import BankImportForm
from donations.models import BankImport, ImportLine, LineOutcome
from donations.money import format_money

LOOK_AT = (LineOutcome.UNMATCHED, LineOutcome.AMOUNT_DIFFERS)


class ImportLineInline(admin.TabularInline):
    model = ImportLine
    # The line's number stands first, as the line itself (ImportLine.__str__).
    fields = ("outcome", "reference", "money", "date", "reason", "record")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        related = ("collection__run", "collection__sponsorship", "gift")
        return super().get_queryset(request).select_related(*related)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("amount"))
    def money(self, line):
        return format_money(line.amount, line.currency) if line.amount is not None else "—"

    @admin.display(description=_("reason"))
    def reason(self, line):
        return describe_reason(line.reason_code)

    @admin.display(description=_("collection or gift"))
    def record(self, line):
        if line.collection_id:
            # Collections are listed on their run's page.
            url = reverse("admin:donations_collectionrun_change", args=[line.collection.run_id])
            label = f"{line.collection.sponsorship} · {line.collection.collection_date}"
            return format_html('<a href="{}">{}</a>', url, label)
        if line.gift_id:
            url = reverse("admin:donations_gift_change", args=[line.gift_id])
            return format_html('<a href="{}">{}</a>', url, line.gift)
        return "—"


@admin.register(BankImport)
class BankImportAdmin(admin.ModelAdmin):
    list_display = ("imported_at", "kind", "file_name", "imported_by", "to_look_at")
    list_filter = ("kind",)
    list_select_related = ("imported_by",)
    date_hierarchy = "imported_at"
    inlines = [ImportLineInline]
    readonly_fields = ("kind", "download", "imported_by", "imported_at", "summary")
    fields = readonly_fields

    def has_change_permission(self, request, obj=None):
        return False  # an import is a record of what a file did: looked at, not edited

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("to look at"))
    def to_look_at(self, bank_import):
        return sum(bank_import.counts.get(outcome, 0) for outcome in LOOK_AT)

    @admin.display(description=_("counts"))
    def summary(self, bank_import):
        rows = bank_imports.counts_for_display(bank_import)
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))

    @admin.display(description=_("file"))
    def download(self, bank_import):
        url = reverse("admin:donations_bankimport_download", args=[bank_import.pk])
        return format_html('<a href="{}">{}</a>', url, bank_import.file_name)

    def get_urls(self):
        view = self.admin_site.admin_view(self.download_view)
        name = "donations_bankimport_download"
        return [path("<int:pk>/download/", view, name=name), *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        """The upload page: import the file, then show the import."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BankImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                bank_import = bank_imports.import_file(
                    form.cleaned_data["kind"], form.cleaned_data["file"], by=request.user
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return self.imported(request, bank_import)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a bank file"),
            "form": form,
        }
        return TemplateResponse(request, "admin/donations/bankimport/import.html", context)

    def imported(self, request, bank_import):
        self.log_addition(request, bank_import, [{"added": {}}])
        self.message_user(request, _("The file is imported."), messages.SUCCESS)
        to_look_at = self.to_look_at(bank_import)
        if to_look_at:
            message = ngettext(
                "%(count)d line needs a look: not matched, or not the amount expected.",
                "%(count)d lines need a look: not matched, or not the amount expected.",
                to_look_at,
            )
            self.message_user(request, message % {"count": to_look_at}, messages.WARNING)
        return redirect("admin:donations_bankimport_change", bank_import.pk)

    def download_view(self, request, pk):
        # The file names donors and their accounts: those who may reveal them.
        if not request.user.has_perm("donations.reveal_donor_data"):
            raise PermissionDenied
        bank_import = get_object_or_404(BankImport, pk=pk)
        self.log_change(request, bank_import, f"Downloaded {bank_import.file_name}")
        content = decrypt_bytes(bank_import.file_encrypted)
        return FileResponse(BytesIO(content), as_attachment=True, filename=bank_import.file_name)
