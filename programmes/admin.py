from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from ngo.admin import (
    TRANSLATION_FILTERS,
    CountryCheckboxes,
    RichTextAdminMixin,
    ScheduleFilter,
    missing_languages_column,
    prepopulated_slugs,
    preview_links,
    schedule_column,
    thumbnail,
)
from ngo.history import ContentHistoryAdmin
from programmes import models


class PrincipleInline(TranslationTabularInline):
    model = models.Principle
    extra = 0
    fields = ("order", "heading", "text")


class KeyFigureInline(TranslationTabularInline):
    model = models.KeyFigure
    extra = 0
    fields = ("order", "value", "label")


class GoalInline(TranslationTabularInline):
    model = models.Goal
    extra = 0
    fields = ("order", "text")


class ReachFigureInline(TranslationTabularInline):
    model = models.ReachFigure
    extra = 0
    fields = ("order", "value", "label", "kind", "year", "source")


@admin.register(models.Programme)
class ProgrammeAdmin(RichTextAdminMixin, ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("title", schedule_column, "order", missing_languages_column)
    list_editable = ("order",)
    list_filter = ("published", ScheduleFilter, *TRANSLATION_FILTERS)
    search_fields = ("title", "summary")
    ordering = ("order", "id")
    list_select_related = ("hero_photo",)
    inlines = (PrincipleInline, KeyFigureInline)
    autocomplete_fields = ("hero_photo",)
    readonly_fields = ("hero_preview", preview_links)
    fields = (
        "title",
        "slug",
        "summary",
        "body",
        "hero_photo",
        "hero_preview",
        preview_links,
        "published",
        "publish_from",
        "publish_until",
        "order",
    )

    def get_prepopulated_fields(self, request, obj=None):
        return prepopulated_slugs("title")

    @admin.display(description=_("hero photo preview"))
    def hero_preview(self, obj):
        return thumbnail(obj.hero_photo, 320)


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return models.ProjectStatus.choices

    def queryset(self, request, queryset):
        if self.value() in models.ProjectStatus.values:
            return queryset.with_status(self.value(), timezone.localdate())
        return queryset


@admin.register(models.Project)
class ProjectAdmin(RichTextAdminMixin, ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = (
        "name",
        "programme",
        "start_date",
        "status_label",
        schedule_column,
        "open_for_sponsorship",
        missing_languages_column,
    )
    list_filter = (
        "programme",
        StatusFilter,
        "published",
        ScheduleFilter,
        "open_for_sponsorship",
        "sdgs",
        *TRANSLATION_FILTERS,
    )
    search_fields = ("name", "summary", "places")
    ordering = ("-start_date",)
    date_hierarchy = "start_date"
    list_select_related = ("programme",)
    inlines = (GoalInline, ReachFigureInline)
    filter_horizontal = ("funders", "sdgs")
    autocomplete_fields = ("hero_photo",)
    readonly_fields = ("hero_preview", preview_links)
    fieldsets = (
        (None, {"fields": ("name", "slug", "programme", "summary", "body")}),
        (_("Place and time"), {"fields": ("countries", "places", "start_date", "end_date")}),
        (_("Partners and goals"), {"fields": ("funders", "sdgs")}),
        (_("Photo"), {"fields": ("hero_photo", "hero_preview")}),
        (
            _("Publishing"),
            {
                "fields": (
                    preview_links,
                    "published",
                    "publish_from",
                    "publish_until",
                    "open_for_sponsorship",
                )
            },
        ),
    )

    def get_prepopulated_fields(self, request, obj=None):
        return prepopulated_slugs("name")

    def get_queryset(self, request):
        return super().get_queryset(request).with_current_status()

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # Django takes fields with choices here, before any formfield_overrides.
        if db_field.name == "countries":
            kwargs["widget"] = CountryCheckboxes
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.display(description=_("status"), ordering="current_status")
    def status_label(self, obj):
        return obj.get_status_display()

    @admin.display(description=_("hero photo preview"))
    def hero_preview(self, obj):
        return thumbnail(obj.hero_photo, 320)


@admin.register(models.Funder)
class FunderAdmin(ContentHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "url")
    search_fields = ("name",)
    ordering = ("name",)
    autocomplete_fields = ("logo",)


@admin.register(models.SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(admin.ModelAdmin):
    """The goals come from a migration; editors only look them up."""

    list_display = ("number", "name")
    ordering = ("number",)
    search_fields = ("name",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
