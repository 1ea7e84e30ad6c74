"""A fixed-window rate limit kept in the cache (Redis in production, local memory embedded)."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def allow(key, *, limit, period):
    """Count one hit on `key`; False once more than `limit` hits fall within `period` seconds.

    With the cache unreachable (Redis restarting) the hit is allowed: a limit
    that fails closed would turn a cache outage into an outage of every page that
    counts hits, and the limits guard against abuse, not against correctness.
    """
    cache_key = f"ratelimit:{key}"
    try:
        if cache.add(cache_key, 1, timeout=period):
            return True
        try:
            return cache.incr(cache_key) <= limit
        except ValueError:  # the window ran out between add and incr
            cache.add(cache_key, 1, timeout=period)
            return True
    except Exception:  # the cache backend's own connection errors, whichever client it uses
        logger.warning("Rate limit %s not counted: the cache is unreachable", key, exc_info=True)
        return True
