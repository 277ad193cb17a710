from django import template

register = template.Library()

DEFAULT_SIZES = "(min-width: 72rem) 72rem, 100vw"


@register.inclusion_tag("includes/photo.html")
def photo(photo, sizes=DEFAULT_SIZES, eager=False, caption=True):
    """A responsive picture, or a neutral placeholder when it may not be shown.

    Photos below the fold load lazily; pass eager=True for the first one.
    """
    if photo is None or not photo.image:
        return {"photo": None}
    visible = photo.is_public
    context = {
        "photo": photo,
        "visible": visible,
        "sizes": sizes,
        "eager": eager,
        "caption": caption,
    }
    if visible:
        fallback = photo.renditions(photo.fallback_extension)
        context.update(
            webp=", ".join(f"{url} {w}w" for url, w in photo.renditions("webp")),
            fallback=", ".join(f"{url} {w}w" for url, w in fallback),
            src=fallback[min(2, len(fallback) - 1)][0],
        )
    return context
