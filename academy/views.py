import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.http import require_safe

# Seconds a client is asked to wait while the database is unreachable (restarting, failing over).
DATABASE_RETRY_AFTER = 5
UNAVAILABLE_MESSAGE = "The database is unavailable for a moment. Nothing was lost; please try again shortly."


@require_safe
def health(request):
    """A constant answer that touches no database: for load balancers, and the baseline of the load benchmark."""
    return HttpResponse("ok\n", content_type="text/plain")


def server_error(request):
    """The 500 handler, except that a lost database connection is a 503 a client can retry.

    Django calls it while the exception is being handled, so the exception is at
    hand. Nothing here may touch the database: it renders without the request's
    context processors. The failed request's transaction was rolled back, so a
    retry is safe; Django drops the broken connection at the end of the request
    and the next one connects afresh (CONN_HEALTH_CHECKS), without a restart.
    """
    error = sys.exc_info()[1]
    # Connection refused or dropped, and also a lock timeout: all worth a retry.
    unavailable = isinstance(error, (OperationalError, InterfaceError))
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        body = ({"detail": UNAVAILABLE_MESSAGE, "code": "database_unavailable"} if unavailable
                else {"detail": "Something went wrong on our side. Please try again in a moment.", "code": "error"})
        response = JsonResponse(body, status=status)
    else:
        template = loader.get_template("503.html" if unavailable else "500.html")
        response = HttpResponse(template.render({"message": UNAVAILABLE_MESSAGE}), status=status)
    if unavailable:
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response
