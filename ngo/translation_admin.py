"""The admin's translation overview and the "missing in" / "outdated in" list filters."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngo import translation_review as review

TRANSLATED_LANGUAGES = [code for code in settings.LANGUAGE_CODES if code != review.SOURCE_LANGUAGE]


def language_name(code):
    """The language's name in the staff member's language (settings.LANGUAGES, which
    our catalogs translate; Django's own lack "Norwegian Bokmål" in some languages)."""
    return _(str(dict(settings.LANGUAGES)[code]))


def language_choices():
    return [(code, language_name(code)) for code in TRANSLATED_LANGUAGES]


class LanguageFilter(admin.SimpleListFilter):
    """Rows in a given state in the chosen language; `rows(queryset, code)` picks them."""

    def lookups(self, request, model_admin):
        return language_choices()

    def queryset(self, request, queryset):
        if self.value() in TRANSLATED_LANGUAGES:
            return self.rows(queryset, self.value())
        return queryset


class MissingTranslationFilter(LanguageFilter):
    title = gettext_lazy("missing translation")
    parameter_name = "missing_in"
    rows = staticmethod(review.missing_in)


class OutdatedTranslationFilter(LanguageFilter):
    title = gettext_lazy("outdated translation")
    parameter_name = "outdated_in"
    rows = staticmethod(review.outdated_in)


TRANSLATION_FILTERS = (MissingTranslationFilter, OutdatedTranslationFilter)


def admin_url(model, action, *args):
    """The model's admin page, or None when the model has none."""
    try:
        return reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args
        )
    except NoReverseMatch:
        return None


def may_review(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


# The overview follows the admin's own order of work: the programmes and projects,
# then advocacy, then the site's pages and photos.
APP_ORDER = ("programmes", "advocacy", "ngo")


def review_rows(model):
    """The items of `model` with a missing or outdated language, each with its
    states and its edit page, and the number of items in all."""
    items = list(model._default_manager.all())
    edits = review.edits_by_item(model, [item.pk for item in items])
    rows = []
    for item in items:
        states = review.language_states(item, edits.get(item.pk, {}))
        if any(state != review.State.CURRENT for state in states.values()):
            rows.append(
                {
                    "item": item,
                    "url": admin_url(model, "change", item.pk),
                    "states": [(code, states[code]) for code in TRANSLATED_LANGUAGES],
                }
            )
    return rows, len(items)


def needs_work(row, language):
    return any(state != review.State.CURRENT for code, state in row["states"] if code == language)


def overview_view(request):
    models = [model for model in review.reviewed_models() if may_review(request.user, model)]
    models = [model for model in models if admin_url(model, "changelist")]
    if not models:
        raise PermissionDenied
    if request.method == "POST":
        return mark_current(request, models)
    language = request.GET.get("language")
    if language not in TRANSLATED_LANGUAGES:
        language = None
    models.sort(key=lambda model: APP_ORDER.index(model._meta.app_label))
    sections, counts = [], dict.fromkeys(TRANSLATED_LANGUAGES, 0)
    for model in models:
        rows, total = review_rows(model)
        for code in counts:
            counts[code] += sum(needs_work(row, code) for row in rows)
        if language:
            rows = [row for row in rows if needs_work(row, language)]
        sections.append(
            {
                "label": model._meta.model_name,
                "model": review.model_label(model),
                "name": model._meta.verbose_name_plural,
                "changelist": admin_url(model, "changelist"),
                "total": total,
                "rows": rows,
            }
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Translations"),
        "to_do": [section for section in sections if section["rows"]],
        "done": [section for section in sections if not section["rows"]],
        "language": language,
        "languages": [(code, name, counts[code]) for code, name in language_choices()],
        "source_language": language_name(review.SOURCE_LANGUAGE),
    }
    return TemplateResponse(request, "admin/translation_overview.html", context)


def mark_current(request, models):
    """A translator read the English change and the translation still says the same:
    the language counts as up to date again, without an edit."""
    by_label = {review.model_label(model): model for model in models}
    model = by_label.get(request.POST.get("model", ""))
    language = request.POST.get("language")
    object_id = request.POST.get("object_id", "")
    # ASCII digits only: "²" is a digit to str.isdigit() but not to the database.
    valid_id = object_id.isascii() and object_id.isdigit()
    item = None
    if model is not None and language in TRANSLATED_LANGUAGES and valid_id:
        item = model._default_manager.filter(pk=object_id).first()
    if item is None:
        messages.error(request, _("That translation could not be found; nothing was changed."))
    else:
        review.stamp(model, item.pk, [language])
        messages.success(
            request,
            _("%(language)s: “%(item)s” is marked as up to date.")
            % {"item": item, "language": language_name(language)},
        )
    return HttpResponseRedirect(request.get_full_path())


admin.site.register_view("translations/", overview_view, "translation_overview")
