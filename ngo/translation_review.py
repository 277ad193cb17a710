"""Which translations of the content are missing or outdated.

A language is missing when one of the item's required fields is empty in it
(TranslationStatusMixin). It is outdated when the English text changed after
that language's text was last saved. Each save records, per language, whether
that language's text changed (TranslationEdit); the comparison is made on the
stored values, so a save in the admin, in a command or in code counts alike,
and saving a form without touching a language does not make it newer.
"""

import re

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator

from ngo.content import TranslationStatusMixin

SOURCE_LANGUAGE = settings.LANGUAGE_CODE

WHITESPACE = re.compile(r"\s+")


class State:
    MISSING = "missing"
    OUTDATED = "outdated"
    CURRENT = "current"


def reviewed_models():
    """Every translated content model whose translations editors keep up."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslationStatusMixin) and text_fields(model)
    ]


def text_fields(model):
    """The translated fields whose wording a translator follows: all but the slug,
    which is an address, not text."""
    try:
        fields = translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()
    return tuple(name for name in fields if name != "slug")


def model_label(model):
    return model._meta.label_lower


def normalised(value):
    # The editor may lay out the same markup with other line breaks.
    return WHITESPACE.sub(" ", str(value or "")).strip()


def languages_with_text(values):
    """The languages that have any text in `values` ({"title_nl": …})."""
    return {code for code in settings.LANGUAGE_CODES if any(values.get(code, {}).values())}


def language_values(instance, fields):
    return {
        code: {field: normalised(getattr(instance, f"{field}_{code}", "")) for field in fields}
        for code in settings.LANGUAGE_CODES
    }


def remember_changed_languages(sender, instance, **kwargs):
    """pre_save: which languages' text this save changes, compared with the stored row.
    Raw saves count too: restoring an earlier version (django-reversion) saves raw."""
    fields = text_fields(sender)
    new = language_values(instance, fields)
    stored = None
    if instance.pk is not None:
        columns = [f"{field}_{code}" for field in fields for code in settings.LANGUAGE_CODES]
        stored = sender._base_manager.filter(pk=instance.pk).values(*columns).first()
    if stored is None:
        instance._changed_languages = languages_with_text(new)
        return
    instance._changed_languages = {
        code
        for code in settings.LANGUAGE_CODES
        if any(normalised(stored[f"{field}_{code}"]) != new[code][field] for field in fields)
    }


def record_changed_languages(sender, instance, **kwargs):
    """post_save: the moment each changed language was saved (the row now has its id)."""
    changed = getattr(instance, "_changed_languages", None)
    if not changed:
        return
    instance._changed_languages = set()
    stamp(sender, instance.pk, changed)


def parts_of_reviewed_models():
    """Translated rows shown on a reviewed item's page and edited inline with it (a
    programme's principles, a project's reach figures), with the foreign key to it:
    their text counts as the item's text."""
    reviewed = set(reviewed_models())
    parts = []
    for model in translator.get_registered_models(abstract=False):
        if model in reviewed or not text_fields(model):
            continue
        for field in model._meta.get_fields():
            # A part goes with its item (CASCADE); a photo merely used by a page does not.
            owned = field.many_to_one and field.remote_field.on_delete is models.CASCADE
            if owned and field.related_model in reviewed:
                parts.append((model, field))
    return parts


def record_part_changes(field):
    """post_save of a part: its changed languages are stamped on its item. Deleting a
    part takes it from every language at once, which gives a translator nothing to do."""

    def receiver(sender, instance, **kwargs):
        changed = getattr(instance, "_changed_languages", None)
        parent_id = getattr(instance, field.attname)
        if not changed or parent_id is None:
            return
        instance._changed_languages = set()
        stamp(field.related_model, parent_id, changed)

    return receiver


def stamp(model, object_id, languages, moment=None):
    from ngo.models import TranslationEdit

    moment = moment or timezone.now()
    TranslationEdit.objects.bulk_create(
        [
            TranslationEdit(
                model=model_label(model), object_id=object_id, language=code, changed_at=moment
            )
            for code in languages
        ],
        update_conflicts=True,
        unique_fields=["model", "object_id", "language"],
        update_fields=["changed_at"],
    )


def forget_item(sender, instance, **kwargs):
    from ngo.models import TranslationEdit

    TranslationEdit.objects.filter(model=model_label(sender), object_id=instance.pk).delete()


def connect_signals():
    for model in reviewed_models():
        uid = f"translation_review.{model_label(model)}"
        pre_save.connect(remember_changed_languages, sender=model, dispatch_uid=f"{uid}.pre")
        post_save.connect(record_changed_languages, sender=model, dispatch_uid=f"{uid}.post")
        post_delete.connect(forget_item, sender=model, dispatch_uid=f"{uid}.delete")
    for model, field in parts_of_reviewed_models():
        uid = f"translation_review.{model_label(model)}.{field.name}"
        receiver = record_part_changes(field)
        pre_save.connect(remember_changed_languages, sender=model, dispatch_uid=f"{uid}.pre")
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}.post")


# --- reading the states ----------------------------------------------------------------


def edits_by_item(model, object_ids):
    """{object_id: {language: changed_at}} for the given items, in one query."""
    from ngo.models import TranslationEdit

    edits = {}
    rows = TranslationEdit.objects.filter(model=model_label(model), object_id__in=object_ids)
    for object_id, language, changed_at in rows.values_list("object_id", "language", "changed_at"):
        edits.setdefault(object_id, {})[language] = changed_at
    return edits


def language_states(item, edits):
    """{language: State} for each language but English, given the item's edits
    ({language: changed_at}). A translation never saved since English changed is
    outdated too; one never saved while English was not changed either is not."""
    missing = set(item.missing_languages())
    source_changed = edits.get(SOURCE_LANGUAGE)
    states = {}
    for code in settings.LANGUAGE_CODES:
        if code == SOURCE_LANGUAGE:
            continue
        if code in missing:
            states[code] = State.MISSING
        elif source_changed and (edits.get(code) is None or edits[code] < source_changed):
            states[code] = State.OUTDATED
        else:
            states[code] = State.CURRENT
    return states


def missing_q(model, code):
    """Rows missing language `code`: any required field empty (or NULL) in it."""
    q = models.Q()
    for field in model.translation_required_fields:
        name = f"{field}_{code}"
        q |= models.Q(**{name: ""}) | models.Q(**{f"{name}__isnull": True})
    return q


def with_edit_times(queryset, code):
    """Annotates source_changed_at and translation_changed_at for language `code`."""
    from ngo.models import TranslationEdit

    def changed_at(language):
        return models.Subquery(
            TranslationEdit.objects.filter(
                model=model_label(queryset.model),
                object_id=models.OuterRef("pk"),
                language=language,
            ).values("changed_at")[:1]
        )

    return queryset.annotate(
        source_changed_at=changed_at(SOURCE_LANGUAGE), translation_changed_at=changed_at(code)
    )


def outdated_in(queryset, code):
    """Rows whose `code` text is there but older than their English text."""
    return (
        with_edit_times(queryset, code)
        .filter(source_changed_at__isnull=False)
        .filter(
            models.Q(translation_changed_at__isnull=True)
            | models.Q(translation_changed_at__lt=models.F("source_changed_at"))
        )
        .exclude(missing_q(queryset.model, code))
    )


def missing_in(queryset, code):
    return queryset.filter(missing_q(queryset.model, code))
