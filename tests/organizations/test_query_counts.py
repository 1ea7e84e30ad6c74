"""The HR dashboard, its export and the status report cost the same queries for 10 people as for 1,000."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.services import lesson_complete
from organizations import services
from organizations.models import Membership, Team
from tests.factories import CourseFactory
from tests.organizations.conftest import certify

pytestmark = pytest.mark.django_db


def grow(organization, course, lessons, teams, start, count):
    """`count` more members spread over the teams, assigned the courses, in mixed states."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"person{i}", email=f"person{i}@example.com", first_name="P", last_name=str(i))
        for i in range(start, start + count))
    memberships = Membership.objects.bulk_create(
        Membership(user=user, organization=organization, team=teams[i % len(teams)] if i % 4 else None)
        for i, user in enumerate(users))
    memberships = list(Membership.objects.filter(id__in=[m.id for m in memberships]).select_related("user"))
    services.assignment_create(organization=organization, course=course, assigned_by=None, memberships=memberships,
                               due_within_days=10, recertify_every_months=12)
    for i, membership in enumerate(memberships):
        if i % 3 == 1:
            lesson_complete(user=membership.user, lesson=lessons[0])
        elif i % 3 == 2:
            certify(membership, course, issued_at=timezone.now())


def queries_for(client, url, data=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, data or {})
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == HTTPStatus.OK
    return len(context.captured_queries)


@pytest.fixture
def grown(organization, course, lessons):
    teams = [Team.objects.create(organization=organization, name=name) for name in ("Day", "Night", "Weekend")]
    CourseFactory()  # a course nobody here was assigned

    def to(total):
        current = Membership.objects.filter(organization=organization, role="learner").count()
        grow(organization, course, lessons, teams, current, total - current)
    return to


@pytest.mark.parametrize("page, data", [
    ("organizations:hr-dashboard", None),
    ("organizations:hr-dashboard", {"status": "in_progress", "sort": "-progress", "q": "P", "page": "2"}),
    ("organizations:hr-dashboard", {"sort": "progress", "page": "3"}),
    ("organizations:export", None),
    ("organizations:export", {"sort": "-progress"}),
    ("organizations:compliance", None),
    ("api:organization-status-report", {"sort": "status"}),
    ("api:organization-membership-list", None),
    ("api:organization-assignment-list", None),
])
def test_hr_pages_cost_the_same_queries_for_10_and_200_people(hr_client, organization, grown, page, data):
    url = reverse(page, args=[organization.slug])
    counts = []
    for size in (10, 200):
        grown(size)
        counts.append(queries_for(hr_client, url, data))

    assert counts[0] == counts[1], f"{page}: {counts[0]} queries for 10 people, {counts[1]} for 200"


def test_the_dashboard_stays_within_its_query_budget_at_1000_people(hr_client, organization, grown):
    grown(1000)

    # session, user, organization, recertification rules, summary (one GROUP BY), the filter's teams and
    # courses, the row count, the page's ids, those rows in full, their course totals and items done (one UNION),
    # and the navigation's "does this person manage a team?".
    assert queries_for(hr_client, reverse("organizations:hr-dashboard", args=[organization.slug])) == 13
