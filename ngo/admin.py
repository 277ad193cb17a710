from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from ngo.models import Photo, PhotoField

# The content types of the originals the upload form admits, by file extension.
ORIGINAL_CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


def prepopulated_slugs(source):
    """Prefill each language's slug from the same language's title."""
    return {f"slug_{code}": (f"{source}_{code}",) for code in settings.LANGUAGE_CODES}


def original_url(photo):
    """The staff-only address of a photo's private original."""
    return reverse("admin:ngo_photo_original", args=[photo.pk])


def preview_url(photo, width):
    """A public rendition while the photo is public; else the original, for staff only."""
    renditions = photo.renditions(photo.fallback_extension) if photo.is_public else []
    if not renditions:
        return original_url(photo)
    # Twice the shown width, for sharp previews on high-density screens.
    return next((url for url, w in renditions if w >= 2 * width), renditions[-1][0])


def thumbnail(photo, width=160):
    if photo is None or not photo.image or photo.pk is None:
        return "—"
    return format_html(
        '<img src="{}" alt="" loading="lazy" style="max-width:{}px;height:auto;border-radius:4px">',
        preview_url(photo, width),
        width,
    )


class PrivateImageInput(AdminFileWidget):
    """The upload field without Django's "Currently: <link>": the original is
    private and has no URL. The preview beside it shows the current photo."""

    def is_initial(self, value):
        return False


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
    formfield_overrides = {PhotoField: {"widget": PrivateImageInput}}
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
        if obj is None or obj.pk is None:
            return "—"
        return format_html('<a href="{}">{}</a>', original_url(obj), thumbnail(obj, 480))

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

    def get_urls(self):
        view = self.admin_site.admin_view(self.original_view)
        return [
            path("<path:object_id>/original/", view, name="ngo_photo_original"),
            *super().get_urls(),
        ]

    def original_view(self, request, object_id):
        """The private original, for staff who may see the photo; never cached."""
        photo = self.get_object(request, unquote(object_id))
        if photo is None or not photo.image:
            raise Http404
        if not self.has_view_permission(request, photo):
            raise PermissionDenied
        suffix = PurePosixPath(photo.image.name).suffix.lower()
        content_type = ORIGINAL_CONTENT_TYPES.get(suffix, "application/octet-stream")
        return FileResponse(photo.image.open("rb"), content_type=content_type)

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
