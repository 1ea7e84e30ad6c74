"""My certificates and the PDF download: who may download which certificate (others get 404, never 403)."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from tests.certificates.factories import (
    MembershipFactory, OrganizationFactory, completed_enrollment, issued_certificate,
)
from tests.factories import PASSWORD, CourseFactory, UserFactory


def login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Northwind")


@pytest.fixture
def certificate(learner, organization):
    MembershipFactory(user=learner, organization=organization)
    return issued_certificate(learner, CourseFactory(title="Calm calls"))


def download(user, certificate):
    client = login(user) if user else Client()
    return client.get(reverse("certificates:certificate-download", args=[certificate.id]))


def test_the_owner_downloads_the_stored_pdf(learner, certificate):
    response = download(learner, certificate)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert f"certificate-calm-calls-{certificate.code}.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == open(certificate.pdf.path, "rb").read()


def test_another_learner_gets_a_404(other_learner, certificate):
    assert download(other_learner, certificate).status_code == HTTPStatus.NOT_FOUND


def test_hr_of_the_learners_organization_may_download(organization, certificate):
    hr = MembershipFactory(organization=organization, role="hr").user

    assert download(hr, certificate).status_code == HTTPStatus.OK


def test_hr_of_another_organization_gets_a_404(certificate):
    hr = MembershipFactory(organization=OrganizationFactory(), role="hr").user

    assert download(hr, certificate).status_code == HTTPStatus.NOT_FOUND


def test_a_mere_member_of_the_same_organization_gets_a_404(organization, certificate):
    colleague = MembershipFactory(organization=organization, role="learner").user

    assert download(colleague, certificate).status_code == HTTPStatus.NOT_FOUND


def test_hr_of_one_organization_is_not_hr_of_the_learners_other_one(learner, certificate):
    # The HR manager and the learner share an organization, but the HR role is in another one.
    shared = OrganizationFactory()
    MembershipFactory(user=learner, organization=shared)
    hr = MembershipFactory(organization=OrganizationFactory(), role="hr").user
    MembershipFactory(user=hr, organization=shared, role="learner")

    assert download(hr, certificate).status_code == HTTPStatus.NOT_FOUND


def test_staff_who_may_view_certificates_may_download(certificate):
    from django.contrib.auth.models import Permission

    support = UserFactory(is_staff=True)
    support.user_permissions.add(Permission.objects.get(codename="view_certificate"))

    assert download(support, certificate).status_code == HTTPStatus.OK


def test_staff_without_that_permission_such_as_a_trainer_may_not(certificate):
    assert download(UserFactory(is_staff=True), certificate).status_code == HTTPStatus.NOT_FOUND


def test_an_anonymous_visitor_is_sent_to_sign_in(certificate):
    url = reverse("certificates:certificate-download", args=[certificate.id])

    response = download(None, certificate)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_a_revoked_or_unknown_certificate_is_a_404_even_for_its_owner(learner, certificate):
    Certificate.objects.filter(id=certificate.id).update(revoked_at=timezone.now())

    assert download(learner, certificate).status_code == HTTPStatus.NOT_FOUND
    response = login(learner).get(reverse("certificates:certificate-download", args=[certificate.id + 1000]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_pdf_missing_from_disk_is_a_404_not_a_crash(learner, certificate):
    import os

    os.remove(certificate.pdf.path)

    assert download(learner, certificate).status_code == HTTPStatus.NOT_FOUND


def test_my_certificates_says_being_prepared_until_the_pdf_is_ready(learner_client, learner):
    waiting = completed_enrollment(learner, CourseFactory(title="Waiting for its row"))  # task not run yet
    certificate = issued_certificate(learner, CourseFactory(title="Rendering"), pdf="", pdf_ready_at=None)
    url = reverse("certificates:my-certificates")
    download_url = reverse("certificates:certificate-download", args=[certificate.id])

    content = learner_client.get(url).content.decode()

    assert content.count("being prepared") == 2
    assert waiting.course.title in content
    assert download_url not in content
    assert 'hx-trigger="every 3s"' in content

    Certificate.objects.filter(id=certificate.id).update(pdf=f"certificates/{certificate.code}.pdf",
                                                         pdf_ready_at=timezone.now())
    content = learner_client.get(url).content.decode()
    assert download_url in content
    assert content.count("being prepared") == 1


def test_my_certificates_lists_only_mine_with_status(learner_client, learner, other_learner):
    issued_certificate(learner, CourseFactory(title="Mine"))
    issued_certificate(learner, CourseFactory(title="Withdrawn"), revoked_at=timezone.now())
    issued_certificate(other_learner, CourseFactory(title="Not mine"))

    content = learner_client.get(reverse("certificates:my-certificates")).content.decode()

    assert "Mine" in content
    assert "Revoked on" in content
    assert "Not mine" not in content
    assert "every 3s" not in content  # nothing to wait for


def test_my_certificates_needs_sign_in(client, db):
    assert client.get(reverse("certificates:my-certificates")).status_code == HTTPStatus.FOUND


def test_my_certificates_takes_a_fixed_number_of_queries(learner_client, learner, django_assert_num_queries):
    issued_certificate(learner)
    # session, user, certificates, completed enrollments still without one, the navigation's team check
    with django_assert_num_queries(5):
        learner_client.get(reverse("certificates:my-certificates"))
    for _ in range(5):
        issued_certificate(learner)
        completed_enrollment(learner, CourseFactory())  # its certificate still being prepared
    with django_assert_num_queries(5):
        learner_client.get(reverse("certificates:my-certificates"))


def test_the_api_lists_my_certificates(learner_client, learner, other_learner):
    mine = issued_certificate(learner)
    issued_certificate(other_learner)

    body = learner_client.get("/api/v1/me/certificates/").json()

    assert [c["code"] for c in body] == [mine.code]
    assert body[0]["status"] == "valid"
    assert body[0]["pdf_url"] == reverse("certificates:certificate-download", args=[mine.id])


def test_the_certificates_api_needs_sign_in(client, db):
    assert client.get("/api/v1/me/certificates/").status_code == HTTPStatus.FORBIDDEN
