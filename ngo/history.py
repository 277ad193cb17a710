"""Content history in the admin: every save of a page, programme, project, agenda…
in the admin keeps a version (django-reversion), with its inline rows in the same
revision, so editors can see who changed what, compare two versions and restore one.

Donor data is never versioned here: the donations app keeps its own audit, and its
admins do not use ContentHistoryAdmin (tests/ngo/test_history.py holds to that)."""

import difflib
import html
import re

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion import is_registered, register, unregister
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _get_options, is_active, set_comment

# Words and the spaces between them, so that a diff can mark whole words and
# still give back the text as it was written.
TOKENS = re.compile(r"\s+|[^\s]+")
# The ends of paragraphs, headings, list items and line breaks in rich text: each
# becomes a new line before the tags are taken out, so the diff reads as text.
BLOCK_ENDS = re.compile(r"<br\s*/?>|</(?:p|h[1-6]|li|blockquote)>", re.IGNORECASE)
TAGS = re.compile(r"<[^>]+>")


def local_datetime(value):
    # ngo.admin imports this module for its admins; its formats are read when called.
    from ngo.admin import local_datetime

    return local_datetime(value)


def local_date(value):
    from ngo.admin import local_date

    return local_date(value)


def rich_text_as_text(value):
    text = TAGS.sub("", BLOCK_ENDS.sub("\n", value))
    return html.unescape(text).strip()


def word_diff(old, new):
    """The two texts with the words only the old one has in <del> and those only
    the new one has in <ins>, escaped. Each mark starts with hidden words for
    screen readers, which announce neither element, so nothing rests on the
    line-through, underline or colour alone."""
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    old_parts, new_parts = [], []
    removed = format_html('<span class="visually-hidden">{} </span>', _("removed:"))
    added = format_html('<span class="visually-hidden">{} </span>', _("added:"))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            old_parts.append(escape("".join(before[i1:i2])))
            new_parts.append(escape("".join(after[j1:j2])))
            continue
        if i2 > i1:
            old_parts.append(format_html("<del>{}{}</del>", removed, "".join(before[i1:i2])))
        if j2 > j1:
            new_parts.append(format_html("<ins>{}{}</ins>", added, "".join(after[j1:j2])))
    # Each part is escaped above.
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))  # noqa: S308


def field_label(field):
    """The field's name as the form shows it; a translated field's already ends in its
    language ("title [nb]"), set by django-modeltranslation."""
    return capfirst(str(field.verbose_name))


def shown_fields(model):
    """The fields worth comparing: not the primary key, not the times Django sets by
    itself, and not the untranslated column behind each translated one (it repeats
    the default language's text)."""
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    originals = {f.translated_field.name for f in fields if hasattr(f, "translated_field")}
    return [
        field
        for field in fields
        if not field.primary_key
        and field.name not in originals
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def display_value(field, value):
    """A stored value as words an editor reads, never raw ids or ISO text."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.DateTimeField):
        return local_datetime(value)
    if isinstance(field, models.DateField):
        return local_date(value)
    if isinstance(field, models.ManyToManyField):
        related = field.related_model._default_manager.in_bulk(value)
        return ", ".join(str(related.get(pk, f"#{pk}")) for pk in value)
    if isinstance(field, models.ForeignKey):
        row = field.related_model._default_manager.filter(pk=value).first()
        return str(row) if row is not None else _("#%(id)s (deleted)") % {"id": value}
    if hasattr(value, "code") and hasattr(value, "name"):  # a django-countries Country
        return str(value.name)
    if isinstance(value, list | tuple):
        return ", ".join(str(getattr(item, "name", item)) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    return str(value)


def field_changes(model, old, new, skip=()):
    """Rows of (label, before, after) for the fields whose values differ; a text is
    shown as a word diff, other values as they read."""
    rows = []
    rich = getattr(model, "rich_text_fields", ())
    for field in shown_fields(model):
        if field.name in skip:
            continue
        name = field.attname
        before, after = old.get(name), new.get(name)
        if isinstance(field, models.ManyToManyField):
            before, after = sorted(before or []), sorted(after or [])
        if before == after:
            continue
        original = getattr(field, "translated_field", field)
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            to_text = rich_text_as_text if original.name in rich else str
            shown = word_diff(to_text(before or ""), to_text(after or ""))
            # An empty side (a row added or removed) reads as "—", as other values do.
            shown = tuple(side or "—" for side in shown)
        else:
            shown = display_value(field, before), display_value(field, after)
        rows.append({"label": field_label(field), "before": shown[0], "after": shown[1]})
    return rows


def related_changes(main_version, old_revision, new_revision):
    """The inline rows (a programme's principles, an agenda's demands…) added,
    removed or changed between two revisions, each with its field changes."""

    def rows(revision):
        return {
            (v.content_type_id, v.object_id): v
            for v in revision.version_set.select_related("content_type")
            if (v.content_type_id, v.object_id)
            != (main_version.content_type_id, main_version.object_id)
        }

    parent = main_version.content_type.model_class()
    old_rows, new_rows = rows(old_revision), rows(new_revision)
    changes = []
    for key in sorted(old_rows.keys() | new_rows.keys(), key=lambda k: (k[0], int_or_text(k[1]))):
        old, new = old_rows.get(key), new_rows.get(key)
        version = new or old
        model = version.content_type.model_class()
        if model is None:
            continue
        # The link back to the main object is the same in every row of the inline.
        parent_links = {
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model is parent
        }
        fields = field_changes(
            model, old.field_dict if old else {}, new.field_dict if new else {}, parent_links
        )
        if old and new and not fields:
            continue
        if old is None:
            state = _("added")
        elif new is None:
            state = _("removed")
        else:
            state = _("changed")
        changes.append(
            {
                "kind": capfirst(str(model._meta.verbose_name)),
                "name": version.object_repr,
                "state": state,
                "fields": fields,
            }
        )
    return changes


def int_or_text(value):
    text = str(value)
    return (0, int(text), "") if text.isascii() and text.isdigit() else (1, 0, text)


def missing_file(version):
    """Why the version cannot be restored, if a file it names is no longer stored (a
    replaced or deleted photo's original is removed, as consent requires)."""
    model = version.content_type.model_class()
    for field in model._meta.concrete_fields:
        if isinstance(field, models.FileField):
            name = str(version.field_dict.get(field.attname) or "")
            if name and not field.storage.exists(name):
                return _(
                    "This version's file (%(field)s) is no longer stored, so the version "
                    "cannot be restored. Upload the file again in the current version."
                ) % {"field": field.verbose_name}
    return None


class ContentHistoryAdmin(VersionAdmin):
    """A content admin whose saves keep versions: the history page lists them
    (newest first, in the staff member's time zone), any two can be compared, and
    reversion's revision view shows an old one in the form to restore it."""

    object_history_template = "admin/history/object_history.html"
    history_latest_first = True
    # Whether the list offers "Recover deleted …" (reversion's recover list).
    recoverable = True

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self._follow_own_inlines()

    def _follow_own_inlines(self):
        """A model that is another admin's inline (a demand under its agenda) was
        registered by that admin without following its own inlines (the demand's
        status changes): add them, so they are kept and restored with it."""
        wanted = []
        for inline in self.inlines:
            inline_model, follow = self._reversion_introspect_inline_admin(inline)
            if inline_model is not None and not is_registered(inline_model):
                self._reversion_autoregister(inline_model, ())
            if follow:
                wanted.append(follow)
        options = _get_options(self.model)
        missing = tuple(name for name in wanted if name not in options.follow)
        if not missing:
            return
        unregister(self.model)
        register(
            self.model,
            fields=options.fields,
            follow=options.follow + missing,
            format=options.format,
            for_concrete_model=options.for_concrete_model,
            ignore_duplicates=options.ignore_duplicates,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        )

    # The comment is Django's change message as stored (JSON), so the history shows
    # "Changed title [da]." in each reader's own language, not the saver's.

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if is_active():
            set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if is_active():
            set_comment(entry.change_message)
        return entry

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def _url(self, name, *args):
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name, name
        return reverse("{}:{}_{}_{}".format(*info), args=args)

    def _versions(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision__user")

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        versions = []
        if obj is not None and self.has_view_or_change_permission(request, obj):
            versions = [
                {
                    "id": version.pk,
                    "date": local_datetime(version.revision.date_created),
                    "user": version.revision.user,
                    "comment": version.revision.get_comment(),
                    "url": self._url("revision", obj.pk, version.pk),
                }
                for version in self._versions(obj).order_by("-revision__date_created", "-pk")
            ]
        context = {
            "versions": versions,
            "compare_url": obj is not None and self._url("compare", obj.pk),
            "title": _("History: %(name)s") % {"name": obj} if obj is not None else None,
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # reversion finds the version by its object id alone: a version of another
        # model with the same id must not open here.
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        version = get_object_or_404(self._versions(obj), pk=version_id)
        problem = missing_file(version)
        if problem:
            messages.error(request, problem)
            return HttpResponseRedirect(self._url("history", obj.pk))
        return super().revision_view(request, object_id, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.recoverable:
            raise Http404
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        # Likewise: only a deleted row of this admin's own model is recovered here.
        if not self.recoverable:
            raise Http404
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        problem = missing_file(version)
        if problem:
            messages.error(request, problem)
            return HttpResponseRedirect(self._url("recoverlist"))
        return super().recover_view(request, version_id, extra_context)

    def compare_view(self, request, object_id):
        """Two versions of one object side by side: the fields that differ, text as
        a word diff, and the inline rows added, removed or changed."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        ids = [request.GET.get("from", ""), request.GET.get("to", "")]
        # ASCII digits only: "²" is a digit to str.isdigit() but not to int().
        if not all(value.isascii() and value.isdigit() for value in ids):
            messages.error(request, _("Choose two versions to compare."))
            return HttpResponseRedirect(self._url("history", obj.pk))
        versions = self._versions(obj)
        old, new = (get_object_or_404(versions, pk=int(value)) for value in ids)
        # Older on the left, whichever order they were picked in.
        if (old.revision.date_created, old.pk) > (new.revision.date_created, new.pk):
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": _("Compare versions: %(name)s") % {"name": obj},
            "old": self._described(old),
            "new": self._described(new),
            "fields": field_changes(self.model, old.field_dict, new.field_dict),
            "related": related_changes(old, old.revision, new.revision),
            "history_url": self._url("history", obj.pk),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/history/compare.html", context)

    def _described(self, version):
        user = version.revision.user
        return {
            "date": local_datetime(version.revision.date_created),
            "user": user.get_username() if user else "—",
            "url": self._url("revision", version.object_id, version.pk),
        }
