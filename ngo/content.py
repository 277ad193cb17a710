"""What every content app (programmes, advocacy, the site's own pages) shares:
published rows, per-language slugs, translation status and sanitised rich text."""

import re

import nh3
from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


def slug_field():
    """A page's address word, translated: each language's slug is unique in the
    database (see unique_slugs); a language without one stores NULL and falls
    back to the English slug."""
    return models.SlugField(
        _("slug"),
        max_length=200,
        error_messages={"unique": _("Another page already uses this address.")},
    )


def unique_slugs(model_name):
    """The database rule behind slug_field: one unique constraint per language.
    NULLs never clash, so untranslated pages do not collide."""
    return [
        models.UniqueConstraint(fields=[f"slug_{code}"], name=f"{model_name}_slug_{code}_unique")
        for code in settings.LANGUAGE_CODES
    ]


def slug_lookups(slug, prefix=""):
    """Where a slug from an address may be, in the order to try: the page
    language's own slug, then the English one every page has. Each lookup
    matches at most one row, since each language's slugs are unique."""
    languages = dict.fromkeys((get_language(), settings.LANGUAGE_CODE))
    return [{f"{prefix}slug_{code}": slug} for code in languages]


class TranslationStatusMixin:
    """Which languages a translated model still misses (all listed fields must be filled)."""

    translation_required_fields = ()

    def missing_languages(self):
        return [
            code
            for code in settings.LANGUAGE_CODES
            if any(
                not (getattr(self, f"{field}_{code}", "") or "").strip()
                for field in self.translation_required_fields
            )
        ]

    def is_translated(self, code):
        return code not in self.missing_languages()


# Rich text written by editors: paragraphs, two levels of headings, bold,
# italic, lists and links, and nothing else. No scripts, styles, classes,
# event handlers or images (an <img> could load from another host). The admin's
# editor offers exactly these (RICH_TEXT_EDITOR_EXTENSIONS), so what an editor
# writes is stored as written; anything else, pasted or posted, is removed here.
RICH_TEXT_TAGS = {"p", "h2", "h3", "strong", "em", "ul", "ol", "li", "a"}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "title"}}

# The django-prose-editor extensions behind the admin's rich-text fields.
RICH_TEXT_EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # On by default in the package; editors writing five languages want the
    # browser's spelling check.
    "NoSpellCheck": False,
    # Ours (settings.DJANGO_PROSE_EDITOR_EXTENSIONS): the editable area is named
    # by the field's label, for screen readers.
    "FieldLabel": True,
}

# Older or pasted markup that means the same as an allowed tag: kept as that
# tag instead of losing the emphasis or the heading. Each is allowed without
# attributes in the first pass, so the cleaned markup holds it only as the bare
# tag, which a plain replacement can then rename safely.
EQUIVALENT_TAGS = {"b": "strong", "i": "em", "h1": "h2", "h4": "h3", "h5": "h3", "h6": "h3"}
EQUIVALENT_TAG = re.compile(rf"<(/?)({'|'.join(EQUIVALENT_TAGS)})>")
# A line break inside a paragraph is not offered; the words it separated stay apart.
LINE_BREAK = re.compile(r"<br>")


def drop_empty_attribute(tag, attribute, value):
    # The editor's link dialog writes title="" when no title is given.
    return value if value.strip() else None


def clean_rich_text(value):
    """The stored form of rich text: only the allowed tags, and "" when no
    text is left (the editor sends an empty paragraph for an empty field)."""
    cleaned = nh3.clean(
        value or "",
        tags=RICH_TEXT_TAGS | set(EQUIVALENT_TAGS) | {"br"},
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=drop_empty_attribute,
    )
    cleaned = EQUIVALENT_TAG.sub(lambda m: f"<{m[1]}{EQUIVALENT_TAGS[m[2]]}>", cleaned)
    cleaned = LINE_BREAK.sub(" ", cleaned)
    if not strip_tags(cleaned).strip():
        return ""
    return cleaned


class RichTextMixin:
    """Sanitises every language version of the listed rich-text fields on save."""

    rich_text_fields = ()

    def save(self, *args, **kwargs):
        for field in self.rich_text_fields:
            for code in settings.LANGUAGE_CODES:
                name = f"{field}_{code}"
                value = getattr(self, name, None)
                if value:
                    setattr(self, name, clean_rich_text(value))
        super().save(*args, **kwargs)
