from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from ngo.models import Photo


def thumbnail(photo, width=160):
    if photo is None or not photo.image:
        return "—"
    return format_html(
        '<img src="{}" alt="" style="max-width:{}px;height:auto;border-radius:4px">',
        photo.image.url,
        width,
    )


def missing_languages_column(obj):
    """Admin list column: the languages a row still needs, as short codes."""
    missing = obj.missing_languages()
    if not missing:
        return format_html('<span style="color:#1e6b3a">✓ {}</span>', _("complete"))
    return format_html_join(
        " ", '<span style="color:#a4161a">{}</span>', ((c.upper(),) for c in missing)
    )


missing_languages_column.short_description = _("missing languages")


class ConsentFilter(admin.SimpleListFilter):
    title = _("safeguarding")
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return [
            ("expired", _("Child without valid consent")),
            ("expiring", _("Consent expires within 30 days")),
            ("no-child", _("No identifiable child")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "expired":
            return queryset.consent_expired(today)
        if self.value() == "expiring":
            soon = today + timezone.timedelta(days=30)
            return queryset.filter(
                shows_identifiable_child=True,
                consent_on_file=True,
                consent_expires__range=(today, soon),
            )
        if self.value() == "no-child":
            return queryset.filter(shows_identifiable_child=False)
        return queryset


@admin.register(Photo)
class PhotoAdmin(TabbedTranslationAdmin):
    list_display = ("preview_small", "__str__", "credit", "published", "consent_state", "created")
    list_filter = (ConsentFilter, "published", "shows_identifiable_child")
    search_fields = ("alt_text", "caption", "credit")
    ordering = ("-created",)
    readonly_fields = ("preview", "width", "height")
    fieldsets = (
        (None, {"fields": ("image", "preview", "alt_text", "caption", "credit")}),
        (
            _("Safeguarding"),
            {
                "fields": (
                    "shows_identifiable_child",
                    "consent_on_file",
                    "consent_expires",
                    "published",
                )
            },
        ),
    )

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj, 480)

    @admin.display(description=_("preview"))
    def preview_small(self, obj):
        return thumbnail(obj, 96)

    @admin.display(description=_("consent"))
    def consent_state(self, obj):
        if not obj.shows_identifiable_child:
            return _("not needed")
        if obj.has_valid_consent():
            return _("valid until %(date)s") % {"date": obj.consent_expires}
        return format_html('<strong style="color:#a4161a">{}</strong>', _("missing or expired"))

    def changelist_view(self, request, extra_context=None):
        # Editors see at once how many published photos public pages now hide.
        hidden = Photo.objects.filter(published=True).consent_expired().count()
        if hidden:
            messages.warning(
                request,
                _(
                    "%(count)s published photo(s) show a child whose consent is missing or "
                    "expired; public pages show a placeholder instead. Filter by "
                    "safeguarding to find them."
                )
                % {"count": hidden},
            )
        return super().changelist_view(request, extra_context)


admin.site.site_header = _("Website administration")
admin.site.site_title = settings.SITE_NAME
