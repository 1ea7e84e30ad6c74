from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def health(request):
    """A constant answer that touches no database: for load balancers, and the baseline of the load benchmark."""
    return HttpResponse("ok\n", content_type="text/plain")
