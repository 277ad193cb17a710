from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import get_language, get_language_info, override

from ngo import search

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language: for the switcher and the hreflang links.

    A view whose URL differs per language in more than the translated path
    words (a per-language slug) says so with `get_language_url(code)`.
    """
    request = context.get("request")
    if request is None:
        return []
    view = context.get("view")
    current = get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        if view is not None and hasattr(view, "get_language_url"):
            with override(code):
                url = view.get_language_url(code)
        else:
            url = translated_path(request, code)
        versions.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return versions


def translated_path(request, code):
    """This path in another language; a page we do not have (a 404) links to
    that language's home page. Never a path that a browser would read as
    another host (`//evil.example/…`).

    What translate_url() does without resolving the path again for each
    language: the request was resolved once already, and its match is reversed.
    """
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            with override(code):
                return reverse("ngo:home")
    url = request.get_full_path()
    if match.url_name:
        with override(code):
            try:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                pass
            else:
                query = request.META.get("QUERY_STRING", "")
                url = f"{path}?{url.partition('?')[2]}" if query else path
    return "/" + url.lstrip("/")


@register.filter
def plain_text(value):
    """Editors' rich text as plain text, entities read: `striptags` alone would
    leave the sanitiser's `&amp;` to be escaped a second time."""
    return search.plain_text(str(value or ""))
