from django.http import HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.http import require_safe


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
    return _api_error(500) if _is_api(request) else defaults.server_error(request)
