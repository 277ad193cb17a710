"""Whole public pages from the cache, for visitors who are not signed in.

How a page stays fresh
----------------------
While a page renders, every table its queries read is recorded (a database
execute wrapper; the cached header and footer content declares its tables with
depends_on). The page is stored with the version each of those tables had when
the render began. Every save, delete or many-to-many change of a content model
(the apps in CONTENT_APPS, whatever model is added to them later) raises the
version of its table, at once and again when the transaction commits. A stored
page is served only while all of its tables still have the recorded versions and
before its expiry, which is the next moment a publishing window opens or closes
or the next midnight (consent, appeal and project dates are days), so scheduled
publishing needs no job. A change to a demand thus refreshes the advocacy pages
that read demands and leaves the project list cached.

Where it is kept
----------------
A hit must not cost a network read: with Redis alone a hit reached less than
half the speed of a bare Django view here, from each worker's memory more than
four fifths. So each worker keeps the pages it served in a small LRU in its own
memory, in front of the shared cache (Redis in production), which other workers
and servers fill and read on a local miss. The table versions live in the shared
cache as well, with one "content version" key that every change raises: a worker
reads that key at most every PAGE_CACHE_VERSION_CHECK seconds, and all the
table versions only when it moved. A change is seen at once by the worker that
made it, and by the others within that interval; signed-in staff never get a
cached page, so an editor always sees their change.

When the shared cache is down, pages are rendered as usual and not cached.

What is never cached: anything but a GET or HEAD of a language-prefixed page, a
request with a session cookie (staff, or a donor in the middle of a form), a
response that is not 200, sets a cookie, holds a CSRF token (as a form does),
says private or no-store, or read a table outside the content apps.
"""

import functools
import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from datetime import datetime, timedelta
from datetime import time as clock
from urllib.parse import parse_qsl, urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control

from ngo.middleware import language_to_remember

CONTENT_APPS = ("ngo", "programmes", "advocacy")
# Tables whose rows no public page shows.
IGNORED_MODELS = ("ngo.translationedit",)

VERSION_KEY = "page-cache:version"
TABLE_KEY = "page-cache:table:{}"
PAGE_KEY = "page-cache:page:{}"

# FROM "table" and JOIN "table", as both backends write them.
TABLE_IN_SQL = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)

_state = threading.local()


# --- which tables are content ----------------------------------------------------------


@functools.cache
def content_tables():
    """{table name: model} of every content model and its many-to-many tables (read
    once: the models are all known when the first request comes)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in IGNORED_MODELS:
            tables[model._meta.db_table] = model
    return tables


# --- recording what a render reads -----------------------------------------------------


def depends_on(*models):
    """Declare that the page being rendered shows these models' rows, for content
    that comes from a cache of its own rather than from a query."""
    recorded = getattr(_state, "tables", None)
    if recorded is not None:
        recorded.update(model._meta.db_table for model in models)


def record_tables(execute, sql, params, many, context):
    recorded = getattr(_state, "tables", None)
    if recorded is not None:
        recorded.update(TABLE_IN_SQL.findall(sql))
    return execute(sql, params, many, context)


# --- versions --------------------------------------------------------------------------


class Versions:
    """This worker's copy of the table versions and of the next scheduled change."""

    def __init__(self):
        # Re-entrant: a refresh retries the bumps that could not be written.
        self.lock = threading.RLock()
        self.reset()

    def reset(self):
        self.content = None
        self.tables = {}
        self.checked = float("-inf")
        self.next_change = None
        # Tables whose change could not be written to the shared cache yet.
        self.pending = set()

    def current(self, now):
        """The table versions now, or None when the shared cache can not say."""
        with self.lock:
            if time.monotonic() - self.checked >= settings.PAGE_CACHE_VERSION_CHECK:
                self.refresh()
            if (
                self.content is not None
                and self.next_change is not None
                and now >= self.next_change
            ):
                self.next_change = next_change(now)
            return None if self.content is None else self.tables

    def refresh(self):
        self.checked = time.monotonic()
        content = cache.get(VERSION_KEY)
        if content is None:
            # A new or emptied shared cache: start from a random version, so that no
            # page stored under an earlier run's numbers can match again.
            cache.add(VERSION_KEY, secrets.randbits(48), None)
            content = cache.get(VERSION_KEY)
        if content is None:  # the shared cache is down
            self.content = None
            return
        if self.pending:
            # A change made while the shared cache failed: tell the others now, and
            # drop the pages this worker kept from before.
            self.bump(self.pending)
            local_pages.clear()
            content = cache.get(VERSION_KEY)
            self.checked = time.monotonic()
        if content != self.content:
            names = list(content_tables())
            stored = cache.get_many([TABLE_KEY.format(name) for name in names])
            self.tables = {name: stored.get(TABLE_KEY.format(name), 0) for name in names}
            self.content = content
            self.next_change = next_change(timezone.now())

    def bump(self, tables):
        """Raise the versions of `tables` everywhere, and the content version.

        When the shared cache fails meanwhile (ngo.cache.FailOpenRedisCache answers
        as if it had worked), the tables are kept and the bump is made again at the
        first refresh that reaches it; until then this worker caches nothing, and the
        other workers learn of the change then."""
        with self.lock:
            tables = set(tables) | self.pending
        for name in tables:
            key = TABLE_KEY.format(name)
            if not cache.add(key, secrets.randbits(32), None):
                cache.incr(key)
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # gone (evicted or a new Redis): start afresh
            cache.add(VERSION_KEY, secrets.randbits(48), None)
        with self.lock:
            self.pending = tables if shared_cache_failed() else set()
            self.checked = float("-inf")  # read again on this worker's next request


def shared_cache_failed():
    """Whether the shared cache failed just now: after an error, ngo.cache skips it
    for REDIS_RETRY_SECONDS. A memory cache never fails."""
    return time.monotonic() < getattr(cache, "down_until", 0.0)


versions = Versions()


def next_change(now):
    """The next moment a page may change by the clock alone: a publishing window
    opening or closing, or midnight in the site's time zone. One query for all
    the scheduled models (a union of their coming moments)."""
    from ngo.content import Scheduled

    tomorrow = timezone.localdate(now) + timedelta(days=1)
    moments = [timezone.make_aware(datetime.combine(tomorrow, clock.min))]
    coming = [
        model._base_manager.filter(published=True, **{f"{field}__gt": now})
        .order_by()
        .values_list(field)
        for model in apps.get_models()
        if issubclass(model, Scheduled) and model._meta.app_label in CONTENT_APPS
        for field in ("publish_from", "publish_until")
    ]
    if coming:
        moments += [moment for (moment,) in coming[0].union(*coming[1:], all=True)]
    return min(moments)


def content_changed(sender, using=None, **kwargs):
    """Any save, delete or many-to-many change of a content model."""
    if sender._meta.app_label not in CONTENT_APPS or sender._meta.label_lower in IGNORED_MODELS:
        return
    tables = {sender._meta.db_table}
    instance = kwargs.get("instance")
    if instance is not None:  # a many-to-many change also changes the row it hangs on
        tables.add(type(instance)._meta.db_table)
    versions.bump(tables)
    # Again once committed: a page rendered between the save and the commit read
    # the old rows under the new versions.
    transaction.on_commit(lambda: versions.bump(tables), using=using)


def everything_changed(**kwargs):
    """After migrate (a deploy): pages made by the previous code are not served."""
    versions.bump(content_tables())


def connect_signals():
    post_save.connect(content_changed, dispatch_uid="page_cache.save")
    post_delete.connect(content_changed, dispatch_uid="page_cache.delete")
    m2m_changed.connect(content_changed, dispatch_uid="page_cache.m2m")
    post_migrate.connect(everything_changed, dispatch_uid="page_cache.migrate")


# --- this worker's pages ---------------------------------------------------------------


class LocalPages:
    """A small LRU of pages in this worker's memory."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages = OrderedDict()

    def get(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def set(self, key, page):
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > settings.PAGE_CACHE_LOCAL_ENTRIES:
                self.pages.popitem(last=False)

    def clear(self):
        with self.lock:
            self.pages.clear()


local_pages = LocalPages()


def reset():
    """Forget this worker's pages and versions (tests; the shared cache is cleared apart)."""
    local_pages.clear()
    versions.reset()


# --- the middleware --------------------------------------------------------------------


def language_prefixed(path):
    first = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    return first in settings.LANGUAGE_CODES


def may_use_cache(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or language_to_remember(request):
        return False
    # Anything longer is not a link anyone shares; it would only fill the cache.
    if len(request.META.get("QUERY_STRING", "")) > settings.PAGE_CACHE_MAX_QUERY:
        return False
    if len(request.headers.get("Accept-Language", "")) > settings.PAGE_CACHE_MAX_QUERY:
        return False
    return language_prefixed(request.path_info)


def page_key(request, accept_language):
    """The page's key: a hash, so that no header or query makes it long."""
    # Pages carry absolute addresses (canonical, alternates): per scheme and host too.
    query = sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True))
    parts = [request.scheme, request.get_host(), request.path_info, urlencode(query)]
    if accept_language:
        parts.append(accept_language_of(request))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return PAGE_KEY.format(digest)


def accept_language_of(request):
    return "".join(request.headers.get("Accept-Language", "").split()).lower()


def vary_headers(response):
    return {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}


def storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A CSRF token in the page is the visitor's own. (Vary: Cookie alone is no bar:
    # it comes from reading the session, which is empty without a session cookie.)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or "*" in vary_headers(response):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


class Page:
    __slots__ = ("versions", "made", "expires", "content", "headers")

    def __init__(self, versions, made, expires, content, headers):
        self.versions = versions
        self.made = made
        self.expires = expires
        self.content = content
        self.headers = headers

    def fresh(self, tables, now):
        # Made before now (a clock set back must not serve a page from its future).
        return self.made <= now < self.expires and all(
            tables.get(name) == version for name, version in self.versions.items()
        )


class PageCacheMiddleware:
    """Serves and stores whole public pages (see the module's description)."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Paths whose pages vary with the browser's languages (Vary: Accept-Language).
        self.by_accept_language = set()

    def __call__(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        now = timezone.now()
        tables = versions.current(now)
        if tables is None:
            return self.get_response(request)
        varies = request.path_info in self.by_accept_language
        key = page_key(request, varies)
        page = self.cached(key, tables, now)
        if page is not None:
            return self.respond(request, page)
        return self.render(request, key, dict(tables), now)

    def cached(self, key, tables, now):
        page = local_pages.get(key)
        if page is None:
            page = cache.get(key)
            if page is not None:
                local_pages.set(key, page)
        return page if page is not None and page.fresh(tables, now) else None

    def render(self, request, key, tables, now):
        _state.tables = set()
        try:
            with connection.execute_wrapper(record_tables):
                response = self.get_response(request)
            read = _state.tables
        finally:
            _state.tables = None
        if not storable(request, response):
            return response
        known = content_tables()
        if any(name not in known for name in read):
            return response  # it shows something whose changes are not followed
        if "accept-language" in vary_headers(response):
            self.by_accept_language.add(request.path_info)
            key = page_key(request, True)
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        if request.method == "GET":
            expires = min(
                now + timedelta(seconds=settings.PAGE_CACHE_SECONDS), versions.next_change or now
            )
            page = Page(
                {name: tables.get(name, 0) for name in read},
                now,
                expires,
                response.content,
                [(name, value) for name, value in response.items()],
            )
            local_pages.set(key, page)
            cache.set(key, page, settings.PAGE_CACHE_SECONDS)
        return response

    def respond(self, request, page):
        response = HttpResponse(b"" if request.method == "HEAD" else page.content)
        for name, value in page.headers:
            response[name] = value
        response.from_page_cache = True  # for tests and profiling; no header says so
        return response
