from modeltranslation.translator import TranslationOptions, register

from ngo.models import Appeal, HomePage, KeyFigure, Page, Photo, SiteDetails


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption")


@register(HomePage)
class HomePageTranslationOptions(TranslationOptions):
    fields = ("title", "lead")


@register(KeyFigure)
class KeyFigureTranslationOptions(TranslationOptions):
    fields = ("value", "label")


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "body")
    # An untranslated slug is NULL, not "", so the unique constraints ignore it.
    empty_values = {"slug": None}


@register(SiteDetails)
class SiteDetailsTranslationOptions(TranslationOptions):
    fields = ("register_name",)


@register(Appeal)
class AppealTranslationOptions(TranslationOptions):
    fields = ("title", "text", "button_label")
