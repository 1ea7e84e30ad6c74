"""certificate_revoke and the admin action that calls it."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from academy.errors import ApplicationError
from certificates.models import Certificate
from certificates.services import certificate_revoke
from tests.certificates.factories import issued_certificate
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def staff(db):
    return UserFactory(username="sam", is_staff=True, is_superuser=True)


def test_revoking_records_when_who_and_why(staff):
    certificate = issued_certificate()

    revoked = certificate_revoke(certificate=certificate, by=staff, reason="Assessment was taken by someone else.")

    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_by == staff
    assert certificate.revoke_reason == "Assessment was taken by someone else."
    assert revoked.status == Certificate.Status.REVOKED


def test_revoking_needs_a_reason(staff):
    certificate = issued_certificate()

    with pytest.raises(ApplicationError) as error:
        certificate_revoke(certificate=certificate, by=staff, reason="   ")

    assert error.value.code == "reason_required"
    assert "reason" in error.value.fields
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_revoking_twice_is_refused_and_keeps_the_first_record(staff):
    certificate = issued_certificate()
    certificate_revoke(certificate=certificate, by=staff, reason="First")

    with pytest.raises(ApplicationError) as error:
        certificate_revoke(certificate=certificate, by=staff, reason="Second")

    assert error.value.code == "already_revoked"
    certificate.refresh_from_db()
    assert certificate.revoke_reason == "First"


def staff_client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_admin_action_asks_for_a_reason_first(staff):
    certificate = issued_certificate()
    url = reverse("admin:certificates_certificate_changelist")

    response = staff_client(staff).post(url, {"action": "revoke", "_selected_action": [certificate.id]})

    assert response.status_code == HTTPStatus.OK
    assert b"Reason" in response.content
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_the_admin_action_revokes_with_the_reason_given(staff):
    certificates = [issued_certificate(), issued_certificate()]
    url = reverse("admin:certificates_certificate_changelist")

    response = staff_client(staff).post(url, {
        "action": "revoke", "_selected_action": [c.id for c in certificates], "apply": "1",
        "reason": "Issued in error.",
    })

    assert response.status_code == HTTPStatus.FOUND
    for certificate in certificates:
        certificate.refresh_from_db()
        assert certificate.revoke_reason == "Issued in error."
        assert certificate.revoked_by == staff


def test_the_admin_lists_certificates_and_cannot_add_or_delete_them(staff):
    issued_certificate()
    client = staff_client(staff)

    assert client.get(reverse("admin:certificates_certificate_changelist")).status_code == HTTPStatus.OK
    assert client.get(reverse("admin:certificates_certificate_add")).status_code == HTTPStatus.FORBIDDEN
    assert client.get(reverse("admin:certificates_certificatepolicy_add")).status_code == HTTPStatus.OK
