import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.http import require_safe

# Seconds a client is asked to wait while the database is unreachable (restarting, failing over).
DATABASE_RETRY_AFTER = 5
UNAVAILABLE_MESSAGE = "The database is unavailable for a moment. Nothing was lost; please try again shortly."


@require_safe
def health(request):
    """A constant answer that touches no database: for load balancers, and the baseline of the load benchmark."""
    return HttpResponse("ok\n", content_type="text/plain")


# Django's own error pages, except under /api/, where a client gets the API's one error body shape even for
# a URL no view matches (/api/v1/attempts/abc/) or a request Django refuses before any view runs.
API_ERRORS = {
    400: ("The request could not be read.", "bad_request"),
    403: ("You do not have permission to do this.", "permission_denied"),
    404: ("Not found.", "not_found"),
    500: ("Something went wrong on our side; it has been logged. Try again later.", "server_error"),
    503: (UNAVAILABLE_MESSAGE, "database_unavailable"),
}


def _api_error(status):
    detail, code = API_ERRORS[status]
    return JsonResponse({"detail": detail, "code": code, "fields": {}}, status=status)


def _is_api(request):
    return request.path.startswith("/api/")


def bad_request(request, exception):
    return _api_error(400) if _is_api(request) else defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return _api_error(403) if _is_api(request) else defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return _api_error(404) if _is_api(request) else defaults.page_not_found(request, exception)


def server_error(request):
    """The 500 handler, except that a lost database connection is a 503 a client can retry.

    Django calls it while the exception is being handled, so the exception is at
    hand. Nothing here may touch the database: it renders without the request's
    context processors. The failed request's transaction was rolled back, so a
    retry is safe; Django drops the broken connection at the end of the request
    and the next one connects afresh (CONN_HEALTH_CHECKS), without a restart.
    """
    # Connection refused or dropped, and also a lock timeout: all worth a retry.
    if not isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return _api_error(500) if _is_api(request) else defaults.server_error(request)
    if _is_api(request):
        response = _api_error(503)
    else:
        response = HttpResponse(loader.get_template("503.html").render({"message": UNAVAILABLE_MESSAGE}), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response
