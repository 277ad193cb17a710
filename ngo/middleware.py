import time
import zoneinfo
from urllib.parse import unquote, urlsplit

import csp.middleware
from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone
from django.utils.translation import get_language_from_path

ADMIN_PREFIX = "/admin/"


def language_to_remember(request):
    """The page's language when it should be remembered for the bare `/`, else None.

    Remembered when the visitor changes language: they followed a link from one of
    our pages in another language (the language switcher is a plain link), or
    they already have a remembered language and this page is in another. A first
    visit sets no cookie, so that public pages can be cached and shared.
    """
    language = get_language_from_path(request.path_info)
    remembered = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not language or remembered == language:
        return None
    if remembered:
        return language
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc != request.get_host():
        return None
    came_from = get_language_from_path(referer.path)
    return language if came_from and came_from != language else None


class RememberLanguageMiddleware:
    """Remember the language a visitor chose, for the bare `/` (language_to_remember)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = language_to_remember(request)
        if language and response.status_code == 200:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=True,
            )
        return response


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """The site's Content-Security-Policy (settings.CONTENT_SECURITY_POLICY).

    Public pages get it as it is: no inline script or style. Django's admin
    writes inline styles into some of its pages, so admin pages also allow those
    (never inline scripts).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), "style-src": ["'unsafe-inline'"]}
        return parts


class StaffSessionIdleMiddleware:
    """Sign staff out after STAFF_SESSION_IDLE_SECONDS without a request.

    The session cookie already ends with the browser; this ends a session left
    open on a shared computer. The time of the last request is written at most
    once a minute, so that browsing the admin does not write on every click.
    """

    KEY = "staff_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(self.KEY, now)
            if now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS:
                logout(request)
            elif now - last_seen >= 60 or self.KEY not in request.session:
                request.session[self.KEY] = now
        return self.get_response(request)


class AdminTimeZoneMiddleware:
    """Show the admin's dates and times in the staff member's own time zone.

    The admin's script (static/js/admin/admin.js) stores the browser's zone in a
    cookie; a missing or unknown zone leaves the site's TIME_ZONE in force.
    """

    COOKIE = "admin_time_zone"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = None
        if request.path_info.startswith(ADMIN_PREFIX):
            zone = self.zone(request.COOKIES.get(self.COOKIE, ""))
        if zone is None:
            return self.get_response(request)
        with timezone.override(zone):
            return self.get_response(request)

    @staticmethod
    def zone(name):
        name = unquote(name)
        if not name or len(name) > 64:
            return None
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
