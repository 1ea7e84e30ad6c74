"""A fixed-window rate limit kept in the cache (Redis in production, local memory embedded)."""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _cache_key(key):
    return f"ratelimit:{key}"


def _tolerant(key, action, fallback):
    """Run a cache action; with the cache unreachable (Redis restarting) log it and return `fallback`.

    A limit that failed closed would turn a cache outage into an outage of every
    page that counts hits; the limits guard against abuse, not correctness.
    """
    try:
        return action()
    except Exception:  # the cache backend's own connection errors, whichever client it uses
        logger.warning("Rate limit %s not counted: the cache is unreachable", key, exc_info=True)
        return fallback


def _hit(cache_key, period):
    if cache.add(cache_key, 1, timeout=period):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # the window ran out between add and incr
        cache.add(cache_key, 1, timeout=period)
        return 1


def hit(key, *, period):
    """Count one hit on `key` in a window of `period` seconds that starts with its first hit; the count so far."""
    return _tolerant(key, lambda: _hit(_cache_key(key), period), 0)


def allow(key, *, limit, period):
    """Count one hit on `key`; False once more than `limit` hits fall within `period` seconds."""
    return hit(key, period=period) <= limit


def count(key):
    """Hits on `key` in its current window, without counting one."""
    return _tolerant(key, lambda: cache.get(_cache_key(key)) or 0, 0)


def reset(key):
    _tolerant(key, lambda: cache.delete(_cache_key(key)), None)


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind Academy's TLS proxy the address that proxy saw.

    Only the last X-Forwarded-For hop is the proxy's own word; earlier hops are
    whatever the client sent, so they are ignored.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "unknown")
