from modeltranslation.translator import TranslationOptions, register

from ngo.models import Photo


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption")
