"""The markup of parts every public page shares, written out for assertInHTML."""

from django.conf import settings

LANGUAGE_NAMES = {
    "en": "English",
    "nl": "Nederlands",
    "fr": "Français",
    "nb": "Norsk (bokmål)",
    "da": "Dansk",
}


def language_switcher(current, urls):
    """The switcher's list: a link to each language's version of the page, in the
    order of settings.LANGUAGES, the current one marked."""
    items = []
    for code, url in zip(settings.LANGUAGE_CODES, urls, strict=True):
        marked = ' aria-current="true"' if code == current else ""
        name = LANGUAGE_NAMES[code]
        items.append(f'<li><a href="{url}" lang="{code}" hreflang="{code}"{marked}>{name}</a></li>')
    return f"<ul>{''.join(items)}</ul>"


def breadcrumbs(*trail):
    """The breadcrumb list: (label, url) links from Home, then the current page's label."""
    *links, current = trail
    items = [f'<li><a href="{url}">{label}</a></li>' for label, url in links]
    return f'<ol>{"".join(items)}<li><span aria-current="page">{current}</span></li></ol>'


# The notice on a page not yet translated into Danish, shown in English instead.
DANISH_FALLBACK_NOTICE = (
    '<p class="notice wrap" role="note">Denne side findes endnu ikke på Dansk.'
    " Du læser den engelske version.</p>"
)
