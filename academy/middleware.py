from django.shortcuts import render

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
