"""The site, plus what every signed-in page pays before its own work: the ceiling the mixed workload is held to.

`signed-in` loads the session and the user and answers a constant; `frame` also renders the site's frame
(base.html: the navigation with its team-progress query, messages, the sign-out form's CSRF token) with
nothing in it. No page of the site can be cheaper than
`frame`, so its throughput beside /health/ bounds what any learner page can reach on this stack.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from academy.urls import urlpatterns as site


@login_required
def signed_in(request):
    return HttpResponse("ok\n", content_type="text/plain")


@login_required
def frame(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/signed-in/", signed_in),
    path("bench/frame/", frame),
    *site,
]
