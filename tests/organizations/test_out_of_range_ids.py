"""An id past the database's integer range is bad input (400 naming the field), not a server error.

Django answers such an id with "no such row" in an exact lookup but lets it reach the database in
`id IN (...)` and in number filters, where SQLite and PostgreSQL both fail on it.
"""

import json
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from academy.ids import MAX_ID
from organizations.models import Assignment
from tests.organizations.conftest import member

pytestmark = pytest.mark.django_db
TOO_BIG = MAX_ID + 1


@pytest.fixture
def hr_client(hr):
    client = Client(raise_request_exception=False)
    client.force_login(hr)
    return client


def test_the_api_refuses_such_ids_in_a_body_and_in_a_filter(hr_client, organization, course):
    ada = member(organization, "ada")
    slug = organization.slug

    assignment = hr_client.post(reverse("api:organization-assignment-list", args=[slug]), json.dumps(
        {"course": course.slug, "memberships": [TOO_BIG], "teams": [TOO_BIG], "due_within_days": 5}),
        content_type="application/json")
    team = hr_client.put(reverse("api:organization-membership-team", args=[slug, ada.id]),
                         json.dumps({"team": TOO_BIG}), content_type="application/json")
    members = hr_client.get(reverse("api:organization-membership-list", args=[slug]), {"team": TOO_BIG})

    for response, field in [(assignment, "memberships"), (assignment, "teams"), (team, "team"), (members, "team")]:
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert field in response.json()["fields"]
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("field", ["memberships", "teams"])
def test_the_assign_page_refuses_such_ids_on_the_field(hr_client, organization, course, field):
    response = hr_client.post(reverse("organizations:assign", args=[organization.slug]),
                              {"course": course.id, field: [str(TOO_BIG)], "due_within_days": 5})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert f"{TOO_BIG} is not one of the available choices." in response.content.decode()
    assert not Assignment.objects.exists()
