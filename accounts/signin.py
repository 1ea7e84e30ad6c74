"""Sign-in that password guessing cannot wear down: failures are counted per account and per address.

Once an account (or an address) has failed SIGNIN_FAILURES_PER_ACCOUNT (or
SIGNIN_FAILURES_PER_ADDRESS) times within SIGNIN_FAILURE_WINDOW seconds, every
sign-in to it (from it) is refused until the window ends, the right password
included: otherwise a guesser would learn the password from the one answer
that differs. Only wrong passwords count; a success clears the account's count.
The site's sign-in page and the admin's use the same forms' logic.
"""

import hashlib
from http import HTTPStatus

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS

from academy import ratelimit


def _keys(request, username):
    # Hashed, so whatever is typed as a username makes a short, safe cache key.
    account = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()
    return f"signin-account:{account}", f"signin-address:{ratelimit.client_ip(request)}"


def _window_minutes():
    return max(1, round(settings.SIGNIN_FAILURE_WINDOW / 60))


class RateLimitedSignInMixin:
    """For an AuthenticationForm: refuse while the account or address is over its limit; count failures."""

    rate_limited_message = ("Too many failed sign-ins to this account or from your network. For your safety, "
                            "signing in is paused for %(minutes)s minutes; then try again, taking care with the "
                            "password.")

    def clean(self):
        account_key, address_key = _keys(self.request, self.cleaned_data.get("username"))
        if (ratelimit.count(account_key) >= settings.SIGNIN_FAILURES_PER_ACCOUNT
                or ratelimit.count(address_key) >= settings.SIGNIN_FAILURES_PER_ADDRESS):
            raise forms.ValidationError(self.rate_limited_message, code="rate_limited",
                                        params={"minutes": _window_minutes()})
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if self.user_cache is None:  # a wrong password, not a right one for an account that may not sign in here
                for key in (account_key, address_key):
                    ratelimit.hit(key, period=settings.SIGNIN_FAILURE_WINDOW)
            raise
        ratelimit.reset(account_key)
        return cleaned


class SignInForm(RateLimitedSignInMixin, AuthenticationForm):
    pass


class AdminSignInForm(RateLimitedSignInMixin, AdminAuthenticationForm):
    pass


def refused_status(response):
    """Answer 429 with Retry-After when the sign-in form in the response was refused for the limit."""
    form = (getattr(response, "context_data", None) or {}).get("form")
    if form is not None and form.has_error(NON_FIELD_ERRORS, code="rate_limited"):
        response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        response["Retry-After"] = str(settings.SIGNIN_FAILURE_WINDOW)
    return response
