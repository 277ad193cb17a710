"""What a page tells search engines and link previews about itself: its
description, canonical address, Open Graph image and structured data."""

import json
import re

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ngo.search import plain_text

register = template.Library()

DESCRIPTION_LENGTH = 160
# The fields a detail page's description is read from, the first one filled.
DESCRIPTION_FIELDS = ("summary", "introduction", "text", "lead", "body")
# Link previews show about this width; wider renditions only cost the reader.
OG_IMAGE_WIDTH = 1280
# Open Graph locales name a territory; English pages are written in British English.
OG_TERRITORIES = {"en": "GB", **settings.LANGUAGE_COUNTRIES}
# The organisation in one sentence (the home page's own description).
MISSION = _(
    "We help children grow up in a family: we strengthen families at risk, give children "
    "without parental care a new family, and support young people on their way to independence."
)
# "1000 Brussel", "0150 Oslo", "2100 København Ø": the postal code, then the place.
POSTAL_LINE = re.compile(r"^(\S*\d\S*)\s+(.+)$")
# Inside <script>, these could end the element or start markup; JSON reads the escapes.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def page_meta(context):
    request = context.get("request")
    obj = context.get("object")
    # The home page has no object: its editors' lead statement describes it.
    described = obj if obj is not None else context.get("home")
    description = ""
    for name in DESCRIPTION_FIELDS:
        description = plain_text(str(getattr(described, name, "") or ""))
        if description:
            break
    return {
        "title": page_title(context, obj),
        # After the page's own title: its page number in a list, and the site.
        "suffix": f"{page_label(context)} · {context.get('site_name', '')}",
        "description": shortened(description or str(MISSION), DESCRIPTION_LENGTH),
        "canonical": canonical_url(context, request) if request else "",
        "image": og_image(request, obj) if request and obj is not None else None,
        "type": "article" if obj is not None else "website",
        "locale": f"{get_language()}_{OG_TERRITORIES.get(get_language(), '')}".rstrip("_"),
    }


def shortened(text, length):
    """`text` cut at a word boundary to at most `length` characters."""
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def page_label(context):
    """Page 2 of a list is another page: its title says so."""
    page = context.get("page_obj")
    if page is None or page.number < 2:
        return ""
    return " – " + _("page %(number)s") % {"number": page.number}


def page_title(context, obj):
    if obj is not None:
        return str(obj)
    breadcrumbs = context.get("breadcrumbs")
    if breadcrumbs:
        return str(breadcrumbs[-1][0])
    return str(context.get("site_name", ""))


def canonical_url(context, request):
    """A detail page names its own URL (the English one when it falls back to
    English). A list names its page number; filters and searches point at the
    unfiltered list, which is the page worth indexing."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    try:
        resolve(request.path_info)
    except Resolver404:
        # A page we do not have has no address of its own to name.
        return ""
    url = request.build_absolute_uri(escape_uri_path(request.path))
    page = context.get("page_obj")
    if page is not None and page.number > 1 and not context.get("filtered"):
        url += f"?page={page.number}"
    return url


def og_image(request, obj):
    photo = getattr(obj, "hero_photo", None)
    if photo is None or not photo.image or not photo.is_public:
        return None
    renditions = photo.renditions(photo.fallback_extension)
    fitting = [r for r in renditions if r[1] <= OG_IMAGE_WIDTH] or renditions
    if not fitting:
        return None
    url, width = fitting[-1]
    return {
        "url": request.build_absolute_uri(url),
        "width": width,
        "height": round(photo.height * width / photo.width),
        "alt": photo.alt_text,
    }


@register.simple_tag
def json_ld(data):
    """Structured data in a <script> that no text in it can close or break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.simple_tag(takes_context=True)
def organisation_data(context):
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": str(context.get("site_name", settings.SITE_NAME)),
        "url": request.build_absolute_uri(reverse("ngo:home")),
        "logo": request.build_absolute_uri(static("img/favicon.svg")),
        "description": str(MISSION),
    }
    if context.get("contact_email"):
        data["email"] = context["contact_email"]
    lines = getattr(settings, "ORGANISATION_ADDRESS", [])
    if lines:
        address = {"@type": "PostalAddress", "streetAddress": lines[0]}
        postal = POSTAL_LINE.match(lines[-1]) if len(lines) > 1 else None
        if postal:
            address.update(postalCode=postal[1], addressLocality=postal[2])
        data["address"] = address
    if getattr(settings, "ORGANISATION_NUMBER", ""):
        data["identifier"] = settings.ORGANISATION_NUMBER
    return data


@register.simple_tag(takes_context=True)
def breadcrumb_data(context, current_url):
    """The `breadcrumbs` trail as a schema.org BreadcrumbList; the last one is this page."""
    request = context["request"]
    breadcrumbs = context.get("breadcrumbs") or []
    items = []
    for position, (label, url) in enumerate(breadcrumbs, start=1):
        item = {"@type": "ListItem", "position": position, "name": str(label)}
        if position == len(breadcrumbs):
            item["item"] = current_url
        elif url:
            item["item"] = request.build_absolute_uri(url)
        items.append(item)
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
