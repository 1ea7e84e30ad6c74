"""The HR pages: what they show and what their forms change."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from organizations.models import Assignee, Assignment, Membership, Team
from tests.organizations.conftest import assign, certify, member

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_summary_and_the_people(hr_client, organization, course, team):
    ada = member(organization, "ada", first_name="Ada", last_name="Lovelace", team=team)
    bob = member(organization, "bob", first_name="Bob", last_name="Babbage")
    assign(organization, course, ada, bob)
    certificate = certify(ada, course, issued_at=timezone.now())

    response = hr_client.get(reverse("organizations:hr-dashboard", args=[organization.slug]))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "2 assigned courses, 50% completed." in page
    assert "Ada Lovelace" in page and "Bob Babbage" in page and certificate.code in page
    assert '<label for="id_status">Status:</label>' in page
    assert 'aria-sort="ascending"' not in page  # no sort chosen: by name


def test_the_dashboard_filters_sorts_and_pages_by_50(hr_client, organization, course):
    people = [member(organization, f"p{i:03}", last_name=f"P{i:03}", first_name="X") for i in range(60)]
    assign(organization, course, *people)
    certify(people[5], course, issued_at=timezone.now())
    url = reverse("organizations:hr-dashboard", args=[organization.slug])

    first = hr_client.get(url).context["page"]
    second = hr_client.get(url, {"page": 2}).context["page"]
    completed = hr_client.get(url, {"status": "completed"}).context["page"]
    by_name_desc = hr_client.get(url, {"sort": "-name"})
    searched = hr_client.get(url, {"q": "p007"}).context["page"]

    assert (len(first), len(second), first.paginator.count) == (50, 10, 60)
    assert {r.id for r in first}.isdisjoint({r.id for r in second})
    assert [r.membership for r in completed] == [people[5]]
    assert by_name_desc.context["page"][0].membership == people[-1]
    assert 'aria-sort="descending"' in by_name_desc.content.decode()
    assert [r.membership for r in searched] == [people[7]]


def test_an_invalid_filter_is_shown_not_applied(hr_client, organization, course):
    assign(organization, course, member(organization, "ada"))

    response = hr_client.get(reverse("organizations:hr-dashboard", args=[organization.slug]), {"status": "asleep"})

    assert response.status_code == HTTPStatus.OK
    assert "Select a valid choice" in response.content.decode()
    assert response.context["page"].paginator.count == 1


def test_the_assign_form_assigns_people_and_teams(hr_client, hr, organization, course, team):
    ada, bob = member(organization, "ada"), member(organization, "bob", team=team)
    due = timezone.localdate() + timedelta(days=20)

    response = hr_client.post(reverse("organizations:assign", args=[organization.slug]), {
        "course": course.id, "memberships": [ada.id], "teams": [team.id], "due_on": due.isoformat(),
        "reminders_enabled": "on",
    })

    assert response.status_code == HTTPStatus.FOUND
    assert {a.membership for a in Assignee.objects.all()} == {ada, bob}
    assert set(Assignment.objects.values_list("assigned_by", flat=True)) == {hr.id}
    follow = hr_client.get(response.url)
    assert "Assigned to 2 people." in follow.content.decode()


@pytest.mark.parametrize("data, message", [
    ({}, "Choose at least one person or team."),
    ({"memberships": "ADA", "due_on": "2000-01-01"}, "The due date is in the past."),
    ({"memberships": "ADA", "due_on": "2999-01-01", "due_within_days": 3}, "not both"),
    ({"memberships": "ADA"}, "Give a due date, or a number of days."),
    ({"memberships": "OUTSIDER", "due_within_days": 3}, "Select a valid choice"),
])
def test_the_assign_form_reports_every_mistake(hr_client, organization, other_organization, course, data, message):
    ids = {"ADA": member(organization, "ada").id, "OUTSIDER": member(other_organization, "outsider").id}
    data = {"course": course.id, **{k: ids.get(v, v) for k, v in data.items()}}

    response = hr_client.post(reverse("organizations:assign", args=[organization.slug]), data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not Assignment.objects.exists()


def test_people_can_be_moved_into_teams_and_get_their_assignments(hr_client, organization, course, team):
    ada = member(organization, "ada")
    Assignment.objects.create(organization=organization, course=course, team=team, due_within_days=7)

    response = hr_client.post(reverse("organizations:membership-team", args=[organization.slug, ada.id]),
                              {"team": team.id})

    assert response.status_code == HTTPStatus.FOUND
    ada.refresh_from_db()
    assert ada.team == team
    assert Assignee.objects.get(membership=ada).course == course


def test_teams_are_created_on_the_people_page(hr_client, organization):
    url = reverse("organizations:team-create", args=[organization.slug])

    hr_client.post(url, {"name": "Day shift"})
    response = hr_client.post(url, {"name": "DAY SHIFT"}, follow=True)

    assert list(Team.objects.values_list("name", flat=True)) == ["Day shift"]
    assert "There is already a team with this name." in response.content.decode()
    assert "Day shift" in hr_client.get(reverse("organizations:people", args=[organization.slug])).content.decode()


def test_reminders_are_switched_off_and_on_again(hr_client, organization, course):
    assignment = assign(organization, course, member(organization, "ada")).assignments[0]
    url = reverse("organizations:assignment-reminders", args=[organization.slug, assignment.id])

    hr_client.post(url, {})
    assignment.refresh_from_db()
    assert assignment.reminders_enabled is False
    hr_client.post(url, {"enabled": "on"})
    assignment.refresh_from_db()
    assert assignment.reminders_enabled is True


def test_an_assignment_of_another_organization_cannot_be_switched(hr_client, organization, other_organization,
                                                                 course):
    theirs = assign(other_organization, course, member(other_organization, "theirs")).assignments[0]

    response = hr_client.post(reverse("organizations:assignment-reminders", args=[organization.slug, theirs.id]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    theirs.refresh_from_db()
    assert theirs.reminders_enabled is True


def test_the_pages_have_labelled_controls(hr_client, organization, course, team):
    member(organization, "ada", team=team)
    for name in ("hr-dashboard", "assign", "assign-upload", "people", "invite", "compliance"):
        page = hr_client.get(reverse(f"organizations:{name}", args=[organization.slug])).content.decode()
        for control in ("<select", "<input type=\"text\"", "<input type=\"date\"", "<input type=\"email\""):
            for chunk in page.split(control)[1:]:
                tag = chunk.split(">", 1)[0]
                if 'type="hidden"' in tag:
                    continue
                control_id = tag.split('id="', 1)[1].split('"', 1)[0]
                assert f'for="{control_id}"' in page, (name, control_id)


def test_the_role_of_a_membership_is_untouched_by_team_moves(hr_client, organization, hr, team):
    me = Membership.objects.get(user=hr)

    hr_client.post(reverse("organizations:membership-team", args=[organization.slug, me.id]), {"team": team.id})

    me.refresh_from_db()
    assert (me.role, me.team) == (Membership.Role.HR, team)
