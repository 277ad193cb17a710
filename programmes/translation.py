from modeltranslation.translator import TranslationOptions, register

from programmes import models


@register(models.SustainableDevelopmentGoal)
class SDGTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(models.Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body")
    # An untranslated slug is NULL, not "", so the unique constraints ignore it.
    empty_values = {"slug": None}


@register(models.Principle)
class PrincipleTranslationOptions(TranslationOptions):
    fields = ("heading", "text")


@register(models.KeyFigure)
class KeyFigureTranslationOptions(TranslationOptions):
    fields = ("value", "label")


@register(models.Funder)
class FunderTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(models.Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "summary", "body", "places")
    # An untranslated slug is NULL, not "", so the unique constraints ignore it.
    empty_values = {"slug": None}


@register(models.Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(models.ReachFigure)
class ReachFigureTranslationOptions(TranslationOptions):
    fields = ("value", "label", "source")
