"""What the site depends on, checked quickly: for /healthz and the "back soon" page."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# A confirmation email waiting longer than this means no worker is sending mail.
QUEUE_STALLED_AFTER = timedelta(minutes=10)


def database_problem(alias="default"):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return type(error).__name__
    return None


def cache_problem():
    # The raw client, past the fail-open wrapper: here we want to know.
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None
    try:
        cache._cache.get_client(write=False).ping()
    except RedisError as error:
        return type(error).__name__
    return None


def queue_problem():
    """The oldest task that should have run: a worker that is down shows here."""
    overdue = timezone.now() - QUEUE_STALLED_AFTER
    try:
        waiting = DBTaskResult.objects.ready().filter(enqueued_at__lt=overdue).count()
    except DatabaseError as error:
        return type(error).__name__
    return f"{waiting} tasks waiting over 10 minutes: is the worker running?" if waiting else None


def problems():
    """Each dependency that is down, by name; empty when all is well."""
    checks = {"database": database_problem, "cache": cache_problem}
    if settings.DATABASE_REPLICA_URL:
        # Public pages are read there: a replica that is down takes them down too.
        checks["replica"] = lambda: database_problem("replica")
    found = {name: problem for name, check in checks.items() if (problem := check())}
    if "database" not in found and (problem := queue_problem()):
        found["queue"] = problem
    elif "database" in found:
        found["queue"] = "the queue is kept in the database"
    return found
