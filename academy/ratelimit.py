"""A fixed-window rate limit kept in the cache (Redis in production, local memory embedded)."""

from django.core.cache import cache


def allow(key, *, limit, period):
    """Count one hit on `key`; False once more than `limit` hits fall within `period` seconds."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        return cache.incr(cache_key) <= limit
    except ValueError:  # the window ran out between add and incr
        cache.add(cache_key, 1, timeout=period)
        return True
