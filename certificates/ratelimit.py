"""The rate limit of public verification, shared by the page and the API: one budget per client address.

It makes guessing codes by brute force pointless on top of their 120 bits, and
keeps the public endpoints cheap.
"""

from academy.ratelimit import allow, client_ip

VERIFY_LIMIT = 30
VERIFY_PERIOD = 60  # seconds


def verification_allowed(request):
    return allow(f"certificate-verify:{client_ip(request)}", limit=VERIFY_LIMIT, period=VERIFY_PERIOD)

