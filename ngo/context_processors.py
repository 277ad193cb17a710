from django.conf import settings

from ngo.models import site_content

SITE_CONTENT = ("nav_pages", "footer_pages", "site_details", "quality_seals", "appeal")


def site(request):
    """What the header, footer and appeal banner of every public page need.

    The linked pages (both lists from one query), the footer details and the
    appeal come from the cache (see site_content): no query on a hit, four
    after a change. Each is a callable, which templates call when they use it,
    so pages that show none of them (the admin) read nothing.
    """
    content = {}

    def reader(name):
        def read():
            if not content:
                content.update(site_content())
            return content[name]

        return read

    return {
        "site_name": settings.SITE_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        **{name: reader(name) for name in SITE_CONTENT},
    }
