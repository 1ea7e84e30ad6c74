"""Who may see what: every HR page and endpoint, for each kind of visitor.

Anonymous visitors are sent to sign in (pages) or refused (API); a learner of
the organization, an HR manager of another one and staff who are not its HR
get a 404, as if it did not exist; its HR manager gets the page.
"""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from organizations.models import Membership, Team
from tests.factories import UserFactory
from tests.organizations.conftest import assign, client_for, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(organization, other_organization, hr, course, team):
    ada = member(organization, "ada", team=team)
    assignment = assign(organization, course, ada).assignments[0]
    return {
        "anonymous": Client(),
        "learner": client_for(ada.user),
        "other_hr": client_for(member(other_organization, "olga", role=Membership.Role.HR).user),
        "staff": client_for(UserFactory(username="root", is_staff=True, is_superuser=True)),
        "hr": client_for(hr),
        "ids": {"assignment": assignment.id, "membership": ada.id, "team": team.id},
    }


def page_requests(slug, ids, course):
    return [
        ("get", reverse("organizations:hr-dashboard", args=[slug]), None, HTTPStatus.OK),
        ("get", reverse("organizations:export", args=[slug]), None, HTTPStatus.OK),
        ("get", reverse("organizations:assign", args=[slug]), None, HTTPStatus.OK),
        ("post", reverse("organizations:assign", args=[slug]),
         {"course": course.id, "teams": [ids["team"]], "due_within_days": 5}, HTTPStatus.FOUND),
        ("get", reverse("organizations:assign-upload", args=[slug]), None, HTTPStatus.OK),
        ("get", reverse("organizations:assignments", args=[slug]), None, HTTPStatus.OK),
        ("post", reverse("organizations:assignment-reminders", args=[slug, ids["assignment"]]), {}, HTTPStatus.FOUND),
        ("get", reverse("organizations:people", args=[slug]), None, HTTPStatus.OK),
        ("post", reverse("organizations:membership-team", args=[slug, ids["membership"]]), {"team": ""},
         HTTPStatus.FOUND),
        ("post", reverse("organizations:team-create", args=[slug]), {"name": "Day shift"}, HTTPStatus.FOUND),
        ("get", reverse("organizations:invite", args=[slug]), None, HTTPStatus.OK),
        ("get", reverse("organizations:compliance", args=[slug]), None, HTTPStatus.OK),
        ("get", reverse("organizations:compliance-export", args=[slug]) + "?as_of=2026-01-01", None, HTTPStatus.OK),
    ]


def api_requests(slug, ids, course):
    return [
        ("get", reverse("api:organization-team-list", args=[slug]), None, HTTPStatus.OK),
        ("post", reverse("api:organization-team-list", args=[slug]), {"name": "Day shift"}, HTTPStatus.CREATED),
        ("get", reverse("api:organization-membership-list", args=[slug]), None, HTTPStatus.OK),
        ("put", reverse("api:organization-membership-team", args=[slug, ids["membership"]]), {"team": None},
         HTTPStatus.OK),
        ("get", reverse("api:organization-assignment-list", args=[slug]), None, HTTPStatus.OK),
        ("post", reverse("api:organization-assignment-list", args=[slug]),
         {"course": course.slug, "teams": [ids["team"]], "due_within_days": 5}, HTTPStatus.CREATED),
        ("get", reverse("api:organization-status-report", args=[slug]), None, HTTPStatus.OK),
    ]


def send(client, method, url, data, api):
    if api and data is not None:
        return getattr(client, method)(url, data, content_type="application/json")
    return getattr(client, method)(url, data or {})


@pytest.mark.parametrize("who", ["anonymous", "learner", "other_hr", "staff", "hr"])
def test_the_pages_are_for_the_organizations_hr_only(setup, organization, course, who):
    client = setup[who]
    for method, url, data, ok in page_requests(organization.slug, setup["ids"], course):
        response = send(client, method, url, data, api=False)
        if who == "anonymous":
            assert response.status_code == HTTPStatus.FOUND, url
            assert response.url.startswith(reverse("accounts:login")), url
        elif who == "hr":
            assert response.status_code == ok, (url, getattr(response, "content", b"")[:500])
        else:
            assert response.status_code == HTTPStatus.NOT_FOUND, (who, url)


@pytest.mark.parametrize("who", ["anonymous", "learner", "other_hr", "staff", "hr"])
def test_the_api_is_for_the_organizations_hr_only(setup, organization, course, who):
    client = setup[who]
    for method, url, data, ok in api_requests(organization.slug, setup["ids"], course):
        response = send(client, method, url, data, api=True)
        expected = {"anonymous": HTTPStatus.FORBIDDEN, "hr": ok}.get(who, HTTPStatus.NOT_FOUND)
        assert response.status_code == expected, (who, method, url, response.content[:300])
        if expected >= 400:
            assert set(response.json()) == {"detail", "code", "fields"}


@pytest.mark.parametrize("who, expected", [("learner", []), ("other_hr", ["globex"]), ("staff", []),
                                           ("hr", ["acme"])])
def test_my_organizations_lists_only_those_i_am_hr_of(setup, who, expected):
    response = setup[who].get(reverse("api:organization-list"))

    assert response.status_code == HTTPStatus.OK
    assert [o["slug"] for o in response.json()["results"]] == expected


def test_my_organizations_refuses_anonymous_visitors(setup):
    assert setup["anonymous"].get(reverse("api:organization-list")).status_code == HTTPStatus.FORBIDDEN


def test_hr_cannot_reach_another_organizations_objects_through_their_own(setup, organization, other_organization):
    theirs = member(other_organization, "theirs")
    their_team = Team.objects.create(organization=other_organization, name="Theirs")
    hr = setup["hr"]
    slug = organization.slug

    assert hr.post(reverse("organizations:membership-team", args=[slug, theirs.id]), {"team": ""}) \
        .status_code == HTTPStatus.NOT_FOUND
    response = hr.post(reverse("organizations:membership-team", args=[slug, setup["ids"]["membership"]]),
                       {"team": their_team.id})
    assert response.status_code == HTTPStatus.FOUND
    assert Membership.objects.get(id=setup["ids"]["membership"]).team_id == setup["ids"]["team"]
    assert hr.put(reverse("api:organization-membership-team", args=[slug, theirs.id]), {"team": None},
                  content_type="application/json").status_code == HTTPStatus.NOT_FOUND
    response = hr.post(reverse("api:organization-assignment-list", args=[slug]),
                       {"course": "course-x", "memberships": [theirs.id], "due_within_days": 3},
                       content_type="application/json")
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_the_hr_home_lists_my_organizations(setup, organization, other_organization, hr):
    Membership.objects.create(user=hr, organization=other_organization, role=Membership.Role.HR)

    response = setup["hr"].get(reverse("organizations:home"))

    assert response.status_code == HTTPStatus.OK
    assert b"Acme Contact" in response.content and b"Globex Support" in response.content


def test_the_hr_home_of_a_single_organization_leads_to_its_dashboard(setup, organization):
    response = setup["hr"].get(reverse("organizations:home"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("organizations:hr-dashboard", args=[organization.slug])


@pytest.mark.parametrize("name", ["assignment-reminders", "membership-team", "team-create"])
def test_actions_refuse_get(setup, organization, name):
    args = {"assignment-reminders": [organization.slug, setup["ids"]["assignment"]],
            "membership-team": [organization.slug, setup["ids"]["membership"]],
            "team-create": [organization.slug]}[name]

    assert setup["hr"].get(reverse(f"organizations:{name}", args=args)).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_reports_refuse_post(setup, organization):
    assert setup["hr"].post(reverse("organizations:hr-dashboard", args=[organization.slug])).status_code == \
        HTTPStatus.METHOD_NOT_ALLOWED
    assert setup["hr"].post(reverse("api:organization-status-report", args=[organization.slug])).status_code == \
        HTTPStatus.METHOD_NOT_ALLOWED
