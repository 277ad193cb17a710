"""A Redis cache that fails open.

Everything the site keeps in the cache (rate-limit counters, cached pages) can
be done without: when Redis is down or does not answer within REDIS_TIMEOUT,
the operation is logged and treated as a miss, so a visitor gets the page and
a donor's gift is stored. Redis's own errors never reach a view.

After a failure the cache is skipped for REDIS_RETRY_SECONDS, so that a Redis
that never answers costs one timeout per worker in that time, not one per call.
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def fail_open(default):
    """Run a cache operation; on a Redis error, log it and answer `default(args, kwargs)`."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self.down_until:
                return default(args, kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self.down_until = time.monotonic() + settings.REDIS_RETRY_SECONDS
                logger.warning(
                    "Cache skipped for %ss, Redis failed in %s: %s",
                    settings.REDIS_RETRY_SECONDS,
                    method.__name__,
                    type(error).__name__,
                )
                return default(args, kwargs)

        return wrapper

    return decorator


def _none(args, kwargs):
    return None


def _false(args, kwargs):
    return False


def _get_default(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


def _empty_dict(args, kwargs):
    return {}


def _empty_list(args, kwargs):
    return []


def _delta(args, kwargs):
    # A counter that can not be read counts this one request: limits fail open.
    return kwargs.get("delta", args[1] if len(args) > 1 else 1)


class FailOpenRedisCache(RedisCache):
    # When this process may try Redis again (time.monotonic()); 0: now.
    down_until = 0.0

    get = fail_open(_get_default)(RedisCache.get)
    set = fail_open(_none)(RedisCache.set)
    add = fail_open(_false)(RedisCache.add)
    touch = fail_open(_false)(RedisCache.touch)
    delete = fail_open(_false)(RedisCache.delete)
    has_key = fail_open(_false)(RedisCache.has_key)
    incr = fail_open(_delta)(RedisCache.incr)
    get_many = fail_open(_empty_dict)(RedisCache.get_many)
    set_many = fail_open(_empty_list)(RedisCache.set_many)
    delete_many = fail_open(_none)(RedisCache.delete_many)
    clear = fail_open(_false)(RedisCache.clear)
