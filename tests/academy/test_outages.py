"""What a learner gets when a service is away, on the embedded defaults (the real outages run in CI's second pass)."""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client
from django.urls import path

from academy import ratelimit
from academy.urls import urlpatterns as site_urlpatterns


def lost_connection(request):
    raise OperationalError("server closed the connection unexpectedly")


def broken_code(request):
    raise ZeroDivisionError


urlpatterns = [
    path("lost/", lost_connection),
    path("api/v1/lost/", lost_connection),
    path("broken/", broken_code),
    *site_urlpatterns,
]
handler500 = "academy.views.server_error"


@pytest.fixture
def client(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def test_a_lost_database_connection_is_a_503_page_asking_to_retry(client):
    response = client.get("/lost/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "5"
    assert b"try again shortly" in response.content


def test_the_api_says_the_same_in_json(client):
    response = client.get("/api/v1/lost/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json()["code"] == "database_unavailable"


def test_any_other_error_is_still_a_plain_500_without_retry_after(client):
    response = client.get("/broken/")
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert not response.has_header("Retry-After")
    assert b"Something went wrong" in response.content


def test_a_rate_limit_lets_hits_through_while_the_cache_is_unreachable(monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(cache, "add", unreachable)
    assert all(ratelimit.allow("outage-test", limit=1, period=60) for _ in range(3))


def test_a_rate_limit_still_counts_when_the_cache_is_there():
    assert [ratelimit.allow("counted-test", limit=2, period=60) for _ in range(3)] == [True, True, False]


def test_signing_in_works_while_the_cache_is_unreachable(monkeypatch, db):
    from tests.factories import PASSWORD, UserFactory

    def unreachable(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    user = UserFactory()
    for name in ("add", "get", "incr", "delete"):
        monkeypatch.setattr(cache, name, unreachable)

    response = Client().post("/accounts/login/", {"username": user.username, "password": PASSWORD})

    assert response.status_code == HTTPStatus.FOUND
