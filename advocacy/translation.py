from modeltranslation.translator import TranslationOptions, register

from advocacy import models


@register(models.Agenda)
class AgendaTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "introduction", "addressee")
    # An untranslated slug is NULL, not "", so the unique constraints ignore it.
    empty_values = {"slug": None}


@register(models.Demand)
class DemandTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(models.Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title", "text")


@register(models.Coalition)
class CoalitionTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(models.Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
