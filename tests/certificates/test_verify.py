"""Public verification by code, as a page and through the API: valid, revoked, expired, unknown; rate limited."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.ratelimit import client_ip
from certificates.ratelimit import VERIFY_LIMIT
from tests.certificates.conftest import anonymous_client
from tests.certificates.factories import issued_certificate
from tests.factories import CourseFactory, UserFactory


@pytest.fixture
def certificate(db):
    user = UserFactory(username="lena", first_name="Lena", last_name="Lindqvist", email="lena.private@example.com")
    return issued_certificate(user, CourseFactory(title="Calm calls", version=2))


def page(client, code):
    return client.get(reverse("certificates:verify", args=[code]))


def api(client, code):
    return client.get(f"/api/v1/certificates/verify/{code}/")


def test_the_page_shows_a_valid_certificate_with_name_course_and_date(visitor, certificate):
    response = page(visitor, certificate.code)

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Valid" in content
    assert "Lena Lindqvist" in content
    assert "Calm calls (version 2)" in content
    assert f"{certificate.issued_at.day} {certificate.issued_at:%B %Y}" in content


def test_the_page_reveals_nothing_beyond_name_course_and_dates(visitor, certificate):
    content = page(visitor, certificate.code).content.decode()

    for private in ["lena.private@example.com", ">lena<", f"certificates/{certificate.code}.pdf"]:
        assert private not in content


def test_the_page_shows_a_revoked_certificate_with_its_date_but_not_the_reason(visitor, certificate):
    revoked_at = timezone.now() - timedelta(days=3)
    certificate.revoked_at, certificate.revoke_reason = revoked_at, "Confidential: copied answers"
    certificate.save()

    content = page(visitor, certificate.code).content.decode()

    assert f"Revoked on {revoked_at.day} {revoked_at:%B %Y}" in content
    assert "copied answers" not in content


def test_the_page_shows_an_expired_certificate(visitor, certificate):
    expired = timezone.now() - timedelta(days=1)
    certificate.expires_at = expired
    certificate.save()

    content = page(visitor, certificate.code).content.decode()

    assert f"Expired on {expired.day} {expired:%B %Y}" in content
    assert "Valid" not in content


def test_an_unknown_code_is_a_404_that_says_nothing_more(visitor, certificate):
    for code in ["x" * 20, certificate.code[:-1], "no-such-code-" + "a" * 80, "%20"]:
        response = page(visitor, code)
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert b"No certificate has this verification code" in response.content
        assert b"Lena" not in response.content


def test_the_printed_verification_address_is_this_page(certificate, settings):
    assert certificate.verification_url == settings.SITE_URL + reverse("certificates:verify", args=[certificate.code])


def test_the_form_takes_a_code_or_a_pasted_address_to_its_page(visitor, certificate):
    form = reverse("certificates:verify-form")
    expected = reverse("certificates:verify", args=[certificate.code])

    assert visitor.get(form).status_code == HTTPStatus.OK
    assert visitor.get(form, {"code": f"  {certificate.code} "}).url == expected
    assert visitor.get(form, {"code": certificate.verification_url}).url == expected


def test_the_form_rejects_an_empty_code(visitor, db):
    response = visitor.get(reverse("certificates:verify-form"), {"code": "  "})

    assert response.status_code == HTTPStatus.OK
    assert b"Type a verification code" in response.content


def test_the_api_answers_a_valid_certificate_with_exactly_the_public_fields(visitor, certificate):
    response = api(visitor, certificate.code)

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert set(body) == {"status", "name", "course", "course_version", "issued_at", "revoked_at", "expires_at"}
    assert body["status"] == "valid"
    assert (body["name"], body["course"], body["course_version"]) == ("Lena Lindqvist", "Calm calls", 2)
    assert body["revoked_at"] is None


def test_the_api_answers_revoked_and_expired(visitor, certificate):
    certificate.revoked_at = timezone.now()
    certificate.save()
    assert api(visitor, certificate.code).json()["status"] == "revoked"
    assert api(visitor, certificate.code).json()["revoked_at"] is not None

    certificate.revoked_at, certificate.expires_at = None, timezone.now() - timedelta(seconds=1)
    certificate.save()
    assert api(visitor, certificate.code).json()["status"] == "expired"


def test_the_api_answers_an_unknown_code_with_a_bare_404(visitor, db):
    response = api(visitor, "unknown-code-123")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "Not found.", "code": "not_found", "fields": {}}


def test_verification_needs_no_sign_in_and_refuses_other_methods(visitor, certificate):
    assert visitor.post(reverse("certificates:verify", args=[certificate.code])).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED)
    assert visitor.post(f"/api/v1/certificates/verify/{certificate.code}/").status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED)


def test_verification_takes_a_fixed_number_of_queries(visitor, certificate, django_assert_num_queries):
    with django_assert_num_queries(1):  # the certificate by its code
        api(visitor, certificate.code)
    with django_assert_num_queries(1):
        page(visitor, certificate.code)


def test_too_many_verifications_from_one_address_get_a_429_that_says_so(visitor, certificate):
    for _ in range(VERIFY_LIMIT):
        assert api(visitor, "unknown-code-123").status_code == HTTPStatus.NOT_FOUND

    response = api(visitor, certificate.code)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response.json()["code"] == "rate_limited"
    assert "Too many verification requests" in response.json()["detail"]

    response = page(visitor, certificate.code)  # the page and the API share one budget
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Retry-After"] == "60"
    assert b"Too many verifications" in response.content


def test_the_limit_is_per_address(visitor, certificate):
    for _ in range(VERIFY_LIMIT + 1):
        api(visitor, certificate.code)

    assert api(visitor, certificate.code).status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert api(anonymous_client(), certificate.code).status_code == HTTPStatus.OK


def test_behind_the_tls_proxy_the_client_is_the_address_the_proxy_saw(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")

    assert client_ip(request) == "10.0.0.1"  # not behind a proxy: forwarded headers are the client's word
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request) == "203.0.113.9"
