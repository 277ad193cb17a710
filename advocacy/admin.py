from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from advocacy import models
from ngo.admin import (
    TRANSLATION_FILTERS,
    RichTextAdminMixin,
    ScheduleFilter,
    missing_languages_column,
    prepopulated_slugs,
    preview_links,
    schedule_column,
    thumbnail,
)
from ngo.history import ContentHistoryAdmin


class DemandInline(TranslationStackedInline):
    model = models.Demand
    extra = 0
    fields = ("order", "text", "status", "status_changed_on", "evidence_url")
    show_change_link = True


@admin.register(models.Agenda)
class AgendaAdmin(RichTextAdminMixin, ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = (
        "title",
        "scope",
        "country",
        "demand_progress",
        schedule_column,
        "order",
        missing_languages_column,
    )
    list_editable = ("order",)
    list_filter = ("scope", "published", ScheduleFilter, *TRANSLATION_FILTERS)
    search_fields = ("title", "addressee", "introduction")
    ordering = ("order", "id")
    inlines = (DemandInline,)
    filter_horizontal = ("programmes",)
    readonly_fields = (preview_links,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "introduction")}),
        (_("Addressed to"), {"fields": ("scope", "country", "addressee")}),
        (_("Related"), {"fields": ("programmes",)}),
        (
            _("Publishing"),
            {"fields": (preview_links, "published", "publish_from", "publish_until", "order")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_demand_counts()

    def get_prepopulated_fields(self, request, obj=None):
        return prepopulated_slugs("title")

    @admin.display(description=_("achieved"))
    def demand_progress(self, obj):
        return f"{obj.achieved_count} / {obj.demand_count}"


class StatusChangeInline(admin.TabularInline):
    """The history is kept by the demand itself; editors may correct a date or link."""

    model = models.DemandStatusChange
    extra = 0
    fields = ("changed_on", "status", "evidence_url")


@admin.register(models.Demand)
class DemandAdmin(ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("text", "agenda", "status", "status_changed_on")
    list_filter = ("status", "agenda__scope", "agenda", *TRANSLATION_FILTERS)
    search_fields = ("text",)
    list_select_related = ("agenda",)
    ordering = ("agenda__order", "agenda", "order")
    autocomplete_fields = ("agenda",)
    inlines = (StatusChangeInline,)
    fields = ("agenda", "order", "text", "status", "status_changed_on", "evidence_url")


@admin.register(models.Milestone)
class MilestoneAdmin(ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("title", "date", "document_reference", "published")
    list_filter = ("published", "agendas", *TRANSLATION_FILTERS)
    search_fields = ("title", "text", "document_reference")
    date_hierarchy = "date"
    ordering = ("-date",)
    autocomplete_fields = ("agendas", "demands")
    fields = (
        "date",
        "title",
        "text",
        "document_reference",
        "url",
        "agendas",
        "demands",
        "published",
    )


@admin.register(models.Coalition)
class CoalitionAdmin(ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "url")
    list_filter = TRANSLATION_FILTERS
    search_fields = ("name", "description")
    ordering = ("name",)
    autocomplete_fields = ("logo", "agendas")
    readonly_fields = ("logo_preview",)
    fields = ("name", "description", "url", "logo", "logo_preview", "agendas")

    @admin.display(description=_("logo preview"))
    def logo_preview(self, obj):
        return thumbnail(obj.logo, 160)


@admin.register(models.Publication)
class PublicationAdmin(ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("title", "date", "language", "size", schedule_column)
    list_filter = ("published", ScheduleFilter, "language", "agendas", *TRANSLATION_FILTERS)
    search_fields = ("title", "summary")
    date_hierarchy = "date"
    ordering = ("-date",)
    autocomplete_fields = ("agendas",)
    readonly_fields = ("file_facts",)
    fields = (
        "title",
        "summary",
        "date",
        "language",
        "file",
        "file_facts",
        "agendas",
        "published",
        "publish_from",
        "publish_until",
    )

    @admin.display(description=_("size"), ordering="file_size")
    def size(self, obj):
        return filesizeformat(obj.file_size)

    @admin.display(description=_("file"))
    def file_facts(self, obj):
        if not obj.file:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · {} · {}',
            obj.file.url,
            obj.file.name.rsplit("/", 1)[-1],
            filesizeformat(obj.file_size),
            ngettext("%(count)s page", "%(count)s pages", obj.page_count)
            % {"count": obj.page_count},
        )
