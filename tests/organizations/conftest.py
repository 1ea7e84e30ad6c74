import pytest
from django.test import Client

from organizations.models import Membership, Organization, Team
from tests.factories import PASSWORD, UserFactory, course_with_lessons


@pytest.fixture
def organization(db):
    return Organization.objects.create(name="Acme Contact", slug="acme")


@pytest.fixture
def other_organization(db):
    return Organization.objects.create(name="Globex Support", slug="globex")


def member(organization, username, *, role=Membership.Role.LEARNER, team=None, **user_fields):
    user = UserFactory(username=username, **user_fields)
    return Membership.objects.create(user=user, organization=organization, role=role, team=team)


def client_for(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def hr(organization):
    return member(organization, "hanna", role=Membership.Role.HR, first_name="Hanna", last_name="Reed").user


@pytest.fixture
def hr_client(hr):
    return client_for(hr)


@pytest.fixture
def team(organization):
    return Team.objects.create(organization=organization, name="Night shift")


@pytest.fixture
def course(db):
    course, _ = course_with_lessons(4, title="Handling upset callers")
    return course


@pytest.fixture
def lessons(course):
    from courses.models import Lesson

    return list(Lesson.objects.filter(module__course=course).order_by("module__position", "position"))


def assign(organization, course, *people, by=None, due_in_days=10, **fields):
    """Assign the course to the memberships through the service, due in `due_in_days` unless told otherwise."""
    from datetime import timedelta

    from django.utils import timezone

    from organizations import services

    if "due_on" not in fields and "due_within_days" not in fields:
        fields["due_on"] = timezone.localdate() + timedelta(days=due_in_days)
    return services.assignment_create(organization=organization, course=course, assigned_by=by,
                                      memberships=list(people), **fields)


def certify(membership, course, *, issued_at, expires_at=None, revoked_at=None, completed_at=None):
    """Record a completion and its certificate with the given dates (the certificates app issues them for real)."""
    from certificates.models import Certificate
    from courses.models import Enrollment

    enrollment = Enrollment.objects.get(user=membership.user, course=course)
    Enrollment.objects.filter(id=enrollment.id).update(completed_at=completed_at or issued_at)
    return Certificate.objects.create(
        user=membership.user, course=course, enrollment=enrollment, issued_at=issued_at, expires_at=expires_at,
        revoked_at=revoked_at, learner_name=membership.user.get_full_name(), course_title=course.title,
        course_version=course.version,
    )
