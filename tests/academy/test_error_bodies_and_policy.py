"""The API's error body everywhere under /api/, and the Content-Security-Policy of pages and the admin."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import UserFactory


def policy(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


@pytest.mark.parametrize("url", ["/api/v1/attempts/abc/", "/api/v1/no-such-thing/", "/api/v1/lessons/-1/completion/"])
def test_a_url_no_api_view_matches_answers_in_the_apis_error_shape(client, db, url):
    response = client.get(url)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "Not found.", "code": "not_found", "fields": {}}


def test_a_page_that_does_not_exist_is_still_the_sites_page(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"].startswith("text/html")


def test_pages_run_only_the_sites_own_scripts_and_styles(client, db):
    directives = policy(client.get(reverse("courses:catalog")))

    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_the_admin_allows_inline_styles_but_no_more_scripts(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    directives = policy(client.get(reverse("admin:index")))

    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["script-src"] == "'self'"
