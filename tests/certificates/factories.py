"""Factories for certificates, organizations and memberships; users and courses come from tests.factories."""

import factory
from django.utils import timezone

from certificates.models import Certificate, CertificatePolicy
from certificates.services import certificate_issue
from organizations.models import Membership, Organization
from tests.factories import CourseFactory, EnrollmentFactory, UserFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.LEARNER


class CertificatePolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificatePolicy

    course = factory.SubFactory(CourseFactory)
    validity_months = 12


def completed_enrollment(user=None, course=None, **fields):
    """An enrollment whose course is complete, as the completion service leaves it."""
    fields.setdefault("completed_at", timezone.now())
    return EnrollmentFactory(user=user or UserFactory(), course=course or CourseFactory(), **fields)


def issued_certificate(user=None, course=None, **changes):
    """A certificate issued through the service (PDF and all), then changed as given (e.g. revoked_at)."""
    certificate = certificate_issue(enrollment_id=completed_enrollment(user, course).id)
    if changes:
        Certificate.objects.filter(id=certificate.id).update(**changes)
        certificate.refresh_from_db()
    return certificate
