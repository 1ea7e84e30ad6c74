"""The rate limit of public verification, shared by the page and the API: one budget per client address.

It makes guessing codes by brute force pointless on top of their 120 bits, and
keeps the public endpoints cheap.
"""

from django.conf import settings

from academy.ratelimit import allow

VERIFY_LIMIT = 30
VERIFY_PERIOD = 60  # seconds


def verification_allowed(request):
    return allow(f"certificate-verify:{client_ip(request)}", limit=VERIFY_LIMIT, period=VERIFY_PERIOD)


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
