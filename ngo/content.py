"""What every content app (programmes, advocacy, the site's own pages) shares:
published rows, per-language slugs, translation status and sanitised rich text."""

import re

import nh3
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import migrations, models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class CurrentTime(models.Expression):
    """timezone.now() read when the query runs, not when it is built: a queryset
    made once (a view's class attribute, a form field's choices) still follows
    the clock on every request."""

    output_field = models.DateTimeField()

    def as_sql(self, compiler, connection):
        return compiler.compile(models.Value(timezone.now(), output_field=self.output_field))


def published_q(prefix="", now=None, scheduled=True):
    """Public rows: marked published and, for scheduled models, inside their window.

    `prefix` reaches a parent whose publishing the row follows ("programme__").
    The window is checked against the clock when the query runs (or against
    `now`), so pages, lists, search and the sitemap change at the minute set
    without a cron job.
    """
    q = models.Q(**{f"{prefix}published": True})
    if scheduled:
        now = CurrentTime() if now is None else now
        q &= models.Q(**{f"{prefix}publish_from__isnull": True}) | models.Q(
            **{f"{prefix}publish_from__lte": now}
        )
        q &= models.Q(**{f"{prefix}publish_until__isnull": True}) | models.Q(
            **{f"{prefix}publish_until__gt": now}
        )
    return q


class PublishedQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_q(now=now, scheduled=issubclass(self.model, Scheduled)))


class ScheduleState(models.TextChoices):
    DRAFT = "draft", _("Not published")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    ENDED = "ended", _("Ended")


class Scheduled(models.Model):
    """Content shown from `publish_from` until `publish_until`, both optional.

    Datetimes, not dates: an appeal-driven site wants a page out at the hour of
    a press release. They are entered and shown in the site's time zone. Each
    concrete model adds schedule_constraint() to its own Meta.constraints.
    """

    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Empty: as soon as it is marked published."),
    )
    publish_until = models.DateTimeField(
        _("publish until"),
        null=True,
        blank=True,
        help_text=_("Empty: until it is unpublished. Not included."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError(
                {
                    "publish_until": ValidationError(
                        _("The end of publication must come after its start."),
                        code="until_before_from",
                    )
                }
            )

    def schedule_state(self, now=None):
        """Where the row stands in its window; the Python twin of published_q()."""
        now = now or timezone.now()
        if not self.published:
            return ScheduleState.DRAFT
        if self.publish_from and now < self.publish_from:
            return ScheduleState.SCHEDULED
        if self.publish_until and now >= self.publish_until:
            return ScheduleState.ENDED
        return ScheduleState.LIVE

    def is_live(self, now=None):
        return self.schedule_state(now) == ScheduleState.LIVE

    def next_change(self, now=None):
        """The next moment the row appears or disappears by itself, or None."""
        now = now or timezone.now()
        if not self.published:
            return None
        moments = (self.publish_from, self.publish_until)
        return min((moment for moment in moments if moment and moment > now), default=None)


def schedule_constraint(model_name):
    """The database rule behind Scheduled.clean: the window ends after it starts."""
    return models.CheckConstraint(
        condition=models.Q(publish_from__isnull=True)
        | models.Q(publish_until__isnull=True)
        | models.Q(publish_until__gt=models.F("publish_from")),
        name=f"{model_name}_publish_until_after_from",
    )


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


class AddScheduleConstraint(migrations.AddConstraint):
    """AddConstraint for schedule_constraint on a model with search indexes.

    SQLite adds a check by copying the table, and the copy would create every
    index of the model's state, including the PostgreSQL-only GIN search
    indexes that PostgresOnlyAddIndex never created there: SQLite's copy is
    made without them.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = self.model_without_search_indexes(app_label, schema_editor, to_state)
        if model is not None:
            schema_editor.add_constraint(model, self.constraint)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        model = self.model_without_search_indexes(app_label, schema_editor, to_state)
        if model is not None:
            schema_editor.remove_constraint(model, self.constraint)

    def model_without_search_indexes(self, app_label, schema_editor, state):
        model = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return None
        model._meta.indexes = [
            index for index in model._meta.indexes if not isinstance(index, GinIndex)
        ]
        return model
