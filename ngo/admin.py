from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from js_asset import Media
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from ngo.content import RICH_TEXT_EDITOR_EXTENSIONS, ScheduleState, clean_rich_text, published_q
from ngo.history import ContentHistoryAdmin
from ngo.models import (
    KEY_FIGURES_MAX,
    KEY_FIGURES_MIN,
    Appeal,
    AppealAmounts,
    HomePage,
    KeyFigure,
    Page,
    Photo,
    PhotoField,
    QualitySeal,
    SiteDetails,
)
from ngo.translation_admin import TRANSLATION_FILTERS

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


def local_datetime(value):
    """A moment as staff read it: in the active time zone (the staff member's own,
    ngo.middleware.AdminTimeZoneMiddleware) and their language's date format,
    never the raw ISO text that str() gives."""
    if value is None:
        return "—"
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def local_date(value):
    return "—" if value is None else formats.date_format(value, "DATE_FORMAT")


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


def thumbnail(photo, width=160, alt=""):
    """A preview; decorative (alt="") beside the photo's own fields, described
    where it is the only content of a link."""
    if photo is None or not photo.image or photo.pk is None:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" loading="lazy"'
        ' style="max-width:{}px;height:auto;border-radius:4px">',
        preview_url(photo, width),
        alt,
        width,
    )


class CountryCheckboxes(forms.CheckboxSelectMultiple):
    """Countries as a list of checkboxes in a scrolling box, with a filter box
    (static/js/admin/admin.js) instead of a Ctrl-click list of 250 names. The
    filter box shows only with the script; the list works without it."""

    def render(self, name, value, attrs=None, renderer=None):
        boxes = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="country-picker">'
            '<input type="search" class="country-picker-filter vTextField" hidden'
            ' aria-label="{}" placeholder="{}" autocomplete="off">'
            '<p class="country-picker-count help" aria-live="polite"></p>'
            '<div class="country-picker-list">{}</div></div>',
            _("Filter countries by name"),
            _("Type to filter countries"),
            boxes,
        )


class PrivateImageInput(AdminFileWidget):
    """The upload field without Django's "Currently: <link>": the original is
    private and has no URL. The preview beside it shows the current photo."""

    def is_initial(self, value):
        return False


class RichTextFormField(ProseEditorFormField):
    """A rich-text field written in the editor (with exactly the site's
    formatting) and cleaned as the model will store it, so an empty editor
    counts as empty and the form shows what will be saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("extensions", RICH_TEXT_EDITOR_EXTENSIONS)
        super().__init__(**kwargs)

    def to_python(self, value):
        return clean_rich_text(super().to_python(value))


class RichTextAdminMixin:
    """Gives each language's version of the model's rich_text_fields the editor.

    The editor's modules find each other through an inline import map, which
    the Content-Security-Policy admits only with this response's nonce."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # body_nl and its siblings point to body through translated_field.
        original = getattr(db_field, "translated_field", db_field)
        if original.name in getattr(self.model, "rich_text_fields", ()):
            kwargs.setdefault("form_class", RichTextFormField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)


def missing_languages_column(obj):
    """Admin list column: the languages a row still needs, as short codes (the
    language's name on hover), narrow enough to stay in view (static/css/admin.css)."""
    missing = obj.missing_languages()
    if not missing:
        return format_html('<span class="languages-complete">✓ {}</span>', _("complete"))
    names = dict(settings.LANGUAGES)
    return format_html(
        '<span class="languages-missing">{}</span>',
        format_html_join(
            " ", '<abbr title="{}">{}</abbr>', ((names[c], c.upper()) for c in missing)
        ),
    )


missing_languages_column.short_description = _("missing languages")


@admin.display(description=_("on the site"))
def schedule_column(obj):
    """Admin list column: whether the row is live, waits for its start or has ended,
    with the moment it changes (in the site's time zone). It says "not published"
    too, so the lists need no separate published column."""
    state = obj.schedule_state()
    moment = {
        ScheduleState.SCHEDULED: obj.publish_from,
        ScheduleState.ENDED: obj.publish_until,
        ScheduleState.LIVE: obj.publish_until,
    }.get(state)
    if moment is None:
        return state.label
    local = date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if state == ScheduleState.LIVE:
        return format_html("{} ({})", state.label, _("until %(moment)s") % {"moment": local})
    return format_html("{} ({})", state.label, local)


class ScheduleFilter(admin.SimpleListFilter):
    """Rows by where they stand in their publishing window, as the public site sees
    them now (a project's programme is not taken into account)."""

    title = _("visibility")
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return ScheduleState.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == ScheduleState.LIVE:
            return queryset.filter(published_q(now=now))
        if self.value() == ScheduleState.SCHEDULED:
            return queryset.filter(published=True, publish_from__gt=now)
        if self.value() == ScheduleState.ENDED:
            return queryset.filter(published=True, publish_until__lte=now)
        if self.value() == ScheduleState.DRAFT:
            return queryset.filter(published=False)
        return queryset


@admin.display(description=_("preview"))
def preview_links(obj):
    """Readonly field: the page as visitors would see it, in each language, for staff
    only and before it is published (see ngo.views.preview)."""
    if obj is None or obj.pk is None:
        return _("Available once saved.")
    from ngo.views import preview_url  # the views import the content apps' models

    return format_html_join(
        " · ",
        '<a href="{}" hreflang="{}" lang="{}">{}</a>',
        (
            (preview_url(obj, code), code, code, get_language_info(code)["name_local"])
            for code in settings.LANGUAGE_CODES
        ),
    )


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
class PhotoAdmin(ContentHistoryAdmin, TabbedTranslationAdmin):
    # A deleted photo's original is removed with it (consent): nothing to recover.
    recoverable = False
    change_list_template = None
    list_display = ("preview_small", "__str__", "credit", "published", "consent_state", "created")
    list_filter = (ConsentFilter, "published", "shows_identifiable_child", *TRANSLATION_FILTERS)
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
        image = thumbnail(obj, 480, alt=str(obj))
        return format_html('<a href="{}">{}</a>', original_url(obj), image)

    @admin.display(description=_("preview"))
    def preview_small(self, obj):
        # The list links each row through this first column: the image names the photo.
        return thumbnail(obj, 96, alt=str(obj))

    @admin.display(description=_("consent"))
    def consent_state(self, obj):
        if not obj.shows_identifiable_child:
            return _("not needed")
        if obj.has_valid_consent():
            return _("valid until %(date)s") % {"date": local_date(obj.consent_expires)}
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


class SingletonAdmin(TabbedTranslationAdmin):
    """Edits the one row: the list opens it, and there is no second to add or
    the one to delete."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        row = self.model.objects.first()
        info = (self.model._meta.app_label, self.model._meta.model_name)
        if row is None:
            return HttpResponseRedirect(reverse("admin:{}_{}_add".format(*info)))
        return HttpResponseRedirect(reverse("admin:{}_{}_change".format(*info), args=[row.pk]))


class KeyFigureFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not self.can_delete or not self._should_delete_form(form)
        ]
        if not KEY_FIGURES_MIN <= len(kept) <= KEY_FIGURES_MAX:
            raise ValidationError(
                _("Give between %(min)s and %(max)s key figures; there are %(count)s now.")
                % {"min": KEY_FIGURES_MIN, "max": KEY_FIGURES_MAX, "count": len(kept)},
                code="key_figure_count",
            )


class KeyFigureInline(TranslationTabularInline):
    model = KeyFigure
    formset = KeyFigureFormSet
    extra = 0
    max_num = KEY_FIGURES_MAX
    fields = ("order", "value", "label")


@admin.register(HomePage)
class HomePageAdmin(ContentHistoryAdmin, SingletonAdmin):
    inlines = (KeyFigureInline,)
    autocomplete_fields = ("photo", "advocacy_highlight")
    filter_horizontal = ("featured_projects",)
    readonly_fields = ("photo_preview",)
    fieldsets = (
        (_("Lead statement"), {"fields": ("title", "lead", "photo", "photo_preview")}),
        (_("Featured"), {"fields": ("featured_projects", "advocacy_highlight")}),
    )

    @admin.display(description=_("photo preview"))
    def photo_preview(self, obj):
        return thumbnail(obj.photo, 320)


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = (
        "title",
        "placement",
        "order",
        schedule_column,
        "role",
        missing_languages_column,
    )
    list_editable = ("order",)
    list_filter = ("published", ScheduleFilter, "placement", *TRANSLATION_FILTERS)
    search_fields = ("title", "body")
    ordering = ("placement", "order", "id")
    readonly_fields = (preview_links,)
    fields = (
        "title",
        "slug",
        "body",
        preview_links,
        "published",
        "publish_from",
        "publish_until",
        "placement",
        "order",
        "role",
    )

    def get_prepopulated_fields(self, request, obj=None):
        return prepopulated_slugs("title")

    def has_delete_permission(self, request, obj=None):
        # The donation forms link to the privacy notice: it can be changed, not removed.
        if obj is not None and obj.role:
            return False
        return super().has_delete_permission(request, obj)


class QualitySealInline(admin.TabularInline):
    model = QualitySeal
    extra = 0
    fields = ("order", "photo", "url")
    autocomplete_fields = ("photo",)


@admin.register(SiteDetails)
class SiteDetailsAdmin(ContentHistoryAdmin, SingletonAdmin):
    inlines = (QualitySealInline,)
    fieldsets = (
        (_("Contact"), {"fields": ("address", "email", "phone")}),
        (
            _("Registration"),
            {"fields": ("organisation_number", "register_name", "register_number")},
        ),
    )


class AppealAmountsInline(admin.TabularInline):
    model = AppealAmounts
    extra = 0
    fields = ("currency", "presets")


@admin.register(Appeal)
class AppealAdmin(ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = (
        "title",
        "programme",
        "active",
        "starts_on",
        "ends_on",
        missing_languages_column,
    )
    list_filter = ("active", *TRANSLATION_FILTERS)
    search_fields = ("title", "text")
    ordering = ("-active", "-starts_on", "-id")
    list_select_related = ("programme",)
    inlines = (AppealAmountsInline,)
    fieldsets = (
        (None, {"fields": ("title", "text", "button_label", "programme")}),
        (_("When it shows"), {"fields": ("active", "starts_on", "ends_on")}),
    )
