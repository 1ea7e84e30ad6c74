from http import HTTPStatus

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from academy.errors import ApplicationError


class ApplicationErrorMiddleware:
    """Render an ApplicationError raised by a page view as a page that says what is wrong."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ApplicationError) or request.path.startswith("/api/"):
            return None
        return render(request, "refused.html", {"error": exception}, status=exception.status)


class RequestSizeLimitMiddleware:
    """Refuse a request body over MAX_REQUEST_BYTES before anything reads it.

    Django keeps uploaded files out of DATA_UPLOAD_MAX_MEMORY_SIZE and writes them to disk as
    they arrive, for any POST (the CSRF check reads the form first), so without this anyone
    could fill the disk. The forms' own, smaller limits still give the precise message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return _refuse(request, ApplicationError(
                f"This upload is {filesizeformat(length)}; Academy accepts at most "
                f"{filesizeformat(settings.MAX_REQUEST_BYTES)} in one request.",
                code="too_large", status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE))
        return self.get_response(request)


def _refuse(request, error):
    if request.path.startswith("/api/"):
        return JsonResponse(error.as_dict(), status=error.status)
    return render(request, "refused.html", {"error": error}, status=error.status)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with inline styles allowed in the admin only.

    Django's change list and simple_history's history page carry a <style> block or a style
    attribute; scripts stay as strict there as everywhere else.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.app_name == "admin":
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", []), UNSAFE_INLINE]  # added to the settings' sources
            parts.update = update
        return parts
