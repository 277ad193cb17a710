"""Reads of public pages from a read replica (DATABASE_REPLICA_URL), the rest from the primary.

A replica lags behind the primary by a moment. That is harmless for a visitor
reading a public page, and wrong for everything that acts on what it reads: a
donation, a form, the admin, a page that has just saved something. So the
replica is used only where a request is known to be a visitor's plain read:

- ReplicaMiddleware allows it for a GET or HEAD of a language-prefixed page by a
  visitor without a session cookie (the same visitors the page cache serves), but
  not for the donation pages or staff previews, and not for a few seconds after
  content changed (REPLICA_PAUSE_AFTER_CHANGE), so that a page is not made, and
  cached, from rows the replica does not have yet;
- the router sends a read there only while that holds, outside any transaction,
  and not after the request wrote anything: the first write ends it.

Without DATABASE_REPLICA_URL neither is installed and there is one database.
"""

import contextvars
import time

from django.conf import settings
from django.db import connections

from ngo import page_cache

REPLICA = "replica"
PRIMARY = "default"

replica_allowed = contextvars.ContextVar("replica_allowed", default=False)


# Views that read from the primary even for a visitor: the donation forms and the
# thank-you page (a donation just stored), and staff previews of unsaved drafts.
PRIMARY_APPS = {"donations"}
PRIMARY_VIEWS = {"ngo:preview"}


def public_read(request):
    """A visitor's plain read of a public page (as the page cache judges it)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return page_cache.language_prefixed(request.path_info)


def public_view(match):
    return not (set(match.app_names) & PRIMARY_APPS) and match.view_name not in PRIMARY_VIEWS


class ContentChanges:
    """When this worker last saw the content version move (any server's change)."""

    def __init__(self):
        self.seen = None
        self.moved_at = float("-inf")

    def recent(self):
        # The page cache middleware, which runs before ours, keeps this version current
        # (read from the shared cache at most every PAGE_CACHE_VERSION_CHECK seconds).
        content = page_cache.versions.content
        if content is not None and content != self.seen:
            self.seen = content
            self.moved_at = time.monotonic()
        return time.monotonic() - self.moved_at < settings.REPLICA_PAUSE_AFTER_CHANGE


content_changes = ContentChanges()


class ReplicaMiddleware:
    """Allows the replica for the rest of this request when it is a public read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not public_read(request) or content_changes.recent():
            return self.get_response(request)
        request.replica_allowed = True
        token = replica_allowed.set(False)
        try:
            # The page cache records the tables a page read on the primary's
            # connection; the replica's reads must be recorded too, or a cached page
            # would not be refreshed when its content changes.
            with connections[REPLICA].execute_wrapper(page_cache.record_tables):
                return self.get_response(request)
        finally:
            replica_allowed.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only here is the view known; set in the same context as __call__ above.
        if getattr(request, "replica_allowed", False) and public_view(request.resolver_match):
            replica_allowed.set(True)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if replica_allowed.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        # Whatever this request reads from now on must see what it wrote.
        replica_allowed.set(False)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
