"""The HR API: its effects, its validation and its schema."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from organizations.models import Assignee, Assignment, Team
from tests.factories import CourseFactory
from tests.organizations.conftest import assign, certify, member

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_assigning_through_the_api_creates_assignments_and_enrollments(hr_client, organization, course, team):
    ada, bob = member(organization, "ada"), member(organization, "bob", team=team)
    due = timezone.localdate() + timedelta(days=30)

    response = post(hr_client, reverse("api:organization-assignment-list", args=[organization.slug]),
                    {"course": course.slug, "memberships": [ada.id], "teams": [team.id], "due_on": due.isoformat(),
                     "recertify_every_months": 12})

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert (body["assigned"], body["already_assigned"]) == (2, 0)
    assert {a["membership"] for a in body["assignments"]} == {ada.id, None}
    assert set(Assignee.objects.values_list("membership", flat=True)) == {ada.id, bob.id}
    assert Assignment.objects.filter(recertify_every_months=12, due_on=due).count() == 2


@pytest.mark.parametrize("data, field", [
    ({"memberships": [], "due_within_days": 5}, "memberships"),
    ({"memberships": ["MEMBER"], "due_within_days": 5}, "due_on"),
    ({"memberships": ["MEMBER"], "due_on": "2001-01-01"}, "due_on"),
    ({"memberships": ["MEMBER"], "due_within_days": 0}, "due_within_days"),
    ({"memberships": [999999], "due_within_days": 5}, "memberships"),
    ({"memberships": ["MEMBER"], "due_within_days": 5, "course": "no-such-course"}, "course"),
])
def test_invalid_assignments_are_refused_with_the_field_named(hr_client, organization, course, data, field):
    ada = member(organization, "ada")
    data = {"course": course.slug, **data, "memberships": [ada.id if m == "MEMBER" else m for m in data["memberships"]]}
    if field == "due_on" and "due_on" not in data:
        data["due_on"] = (timezone.localdate() + timedelta(days=3)).isoformat()  # both given

    response = post(hr_client, reverse("api:organization-assignment-list", args=[organization.slug]), data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()["fields"]
    assert not Assignment.objects.exists()


def test_the_assignment_list_shows_how_many_people_each_reached(hr_client, organization, course):
    assign(organization, course, member(organization, "ada"))

    response = hr_client.get(reverse("api:organization-assignment-list", args=[organization.slug]))

    (row,) = response.json()["results"]
    assert (row["course"]["slug"], row["assignee_count"], row["reminders_enabled"]) == (course.slug, 1, True)


def test_the_status_report_filters_and_sorts(hr_client, organization, course, team):
    ada = member(organization, "ada", team=team, first_name="Ada", last_name="Zed")
    bob = member(organization, "bob", first_name="Bob", last_name="Young")
    assign(organization, course, ada, bob)
    other = CourseFactory()
    assign(organization, other, ada)
    certificate = certify(ada, course, issued_at=timezone.now())
    url = reverse("api:organization-status-report", args=[organization.slug])

    def rows(**params):
        response = hr_client.get(url, params)
        assert response.status_code == HTTPStatus.OK, response.content
        return [(r["person"]["username"], r["course"]["slug"], r["status"]) for r in response.json()["results"]]

    assert rows(sort="name") == [("bob", course.slug, "not_started"), ("ada", course.slug, "completed"),
                                 ("ada", other.slug, "not_started")]
    assert rows(status="completed") == [("ada", course.slug, "completed")]
    assert rows(team=team.id, course=other.id) == [("ada", other.slug, "not_started")]
    assert rows(team="none") == [("bob", course.slug, "not_started")]
    assert rows(q="zed", sort="-course")[0][0] == "ada"
    completed = hr_client.get(url, {"status": "completed"}).json()["results"][0]
    assert completed["certificate_code"] == certificate.code and completed["percent"] == 0


def test_an_unknown_filter_value_is_a_400_with_the_field(hr_client, organization):
    response = hr_client.get(reverse("api:organization-status-report", args=[organization.slug]),
                             {"status": "asleep"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "status" in response.json()["fields"]


def test_teams_are_created_and_listed(hr_client, organization):
    url = reverse("api:organization-team-list", args=[organization.slug])

    created = post(hr_client, url, {"name": "Day shift"})
    duplicate = post(hr_client, url, {"name": "day shift"})

    assert created.status_code == HTTPStatus.CREATED
    assert duplicate.status_code == HTTPStatus.CONFLICT and duplicate.json()["code"] == "duplicate"
    assert hr_client.get(url).json() == [{"id": created.json()["id"], "name": "Day shift", "member_count": 0}]


def test_moving_a_member_into_a_team_through_the_api_applies_its_assignments(hr_client, organization, course, team):
    assign(organization, course, member(organization, "ada", team=team))
    Assignment.objects.update(team=team, membership=None)
    bob = member(organization, "bob")
    url = reverse("api:organization-membership-team", args=[organization.slug, bob.id])

    response = hr_client.put(url, {"team": team.id}, content_type="application/json")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["team"] == team.id
    assert Assignee.objects.filter(membership=bob, course=course).exists()
    other_team = Team.objects.create(organization=member(organization, "x").organization, name="Other")
    assert hr_client.put(url, {"team": other_team.id + 1000}, content_type="application/json").status_code == 404


def test_memberships_can_be_filtered(hr_client, organization, team):
    member(organization, "ada", team=team)
    member(organization, "bob")

    response = hr_client.get(reverse("api:organization-membership-list", args=[organization.slug]),
                             {"team": team.id})

    assert [m["person"]["username"] for m in response.json()["results"]] == ["ada"]


def test_the_schema_documents_the_hr_endpoints(hr_client, settings):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(urlconf=settings.ROOT_URLCONF).get_schema(request=None, public=True)

    paths = schema["paths"]
    for path in ["/api/v1/organizations/", "/api/v1/organizations/{org_slug}/teams/",
                 "/api/v1/organizations/{org_slug}/memberships/", "/api/v1/organizations/{org_slug}/assignments/",
                 "/api/v1/organizations/{org_slug}/report/"]:
        assert path in paths, path
    report = paths["/api/v1/organizations/{org_slug}/report/"]["get"]
    assert {"status", "team", "course", "q", "sort", "page"} <= {p["name"] for p in report["parameters"]}
    assert "AssignmentInput" in str(paths["/api/v1/organizations/{org_slug}/assignments/"]["post"])
