"""Assigning courses: enrollments, relative due dates, teams and the people who join them later."""

from datetime import timedelta

import pytest
from django.utils import timezone

from academy.errors import ApplicationError
from courses.models import Enrollment
from courses.services import enrollment_create
from organizations import services
from organizations.models import Assignee, Assignment, Team
from tests.factories import CourseFactory
from tests.organizations.conftest import assign, member

pytestmark = pytest.mark.django_db


def test_assigning_enrolls_the_person_and_records_the_due_date(organization, course, hr):
    ada = member(organization, "ada")
    due = timezone.localdate() + timedelta(days=14)

    result = assign(organization, course, ada, by=hr, due_on=due)

    (assignee,) = result.assignees
    assert assignee.enrollment == Enrollment.objects.get(user=ada.user, course=course)
    assert (assignee.due_on, assignee.assignment.assigned_by) == (due, hr)


def test_an_existing_enrollment_is_reused(organization, course):
    ada = member(organization, "ada")
    enrollment, _ = enrollment_create(user=ada.user, course=course)

    (assignee,) = assign(organization, course, ada).assignees

    assert assignee.enrollment == enrollment
    assert Enrollment.objects.count() == 1


def test_a_relative_due_date_counts_from_the_day_each_person_is_assigned(organization, course):
    ada = member(organization, "ada")

    (assignee,) = assign(organization, course, ada, due_within_days=30).assignees

    assert assignee.due_on == timezone.localdate() + timedelta(days=30)


def test_assigning_a_course_twice_keeps_the_first_due_date(organization, course):
    ada, bob = member(organization, "ada"), member(organization, "bob")
    assign(organization, course, ada, due_in_days=5)

    result = assign(organization, course, ada, bob, due_in_days=20)

    assert (len(result.assignees), result.already_assigned) == (1, 1)
    assert Assignee.objects.get(membership=ada).due_on == timezone.localdate() + timedelta(days=5)


def test_a_team_assignment_reaches_every_member(organization, course, team):
    ada, bob = member(organization, "ada", team=team), member(organization, "bob", team=team)
    member(organization, "cy")

    result = services.assignment_create(organization=organization, course=course, assigned_by=None, teams=[team],
                                        due_within_days=10)

    assert {a.membership for a in result.assignees} == {ada, bob}
    assert result.assignments[0].team == team


def test_someone_added_to_a_team_later_inherits_its_open_assignments(organization, course, team):
    services.assignment_create(organization=organization, course=course, assigned_by=None, teams=[team],
                               due_within_days=10)
    fixed_course, past_course = CourseFactory(), CourseFactory()
    services.assignment_create(organization=organization, course=fixed_course, assigned_by=None, teams=[team],
                               due_on=timezone.localdate() + timedelta(days=3))
    past = services.assignment_create(organization=organization, course=past_course, assigned_by=None, teams=[team],
                                      due_on=timezone.localdate() + timedelta(days=1)).assignments[0]
    Assignment.objects.filter(id=past.id).update(due_on=timezone.localdate() - timedelta(days=1))
    newcomer = member(organization, "newcomer")

    created = services.membership_team_set(membership=newcomer, team=team)

    # Relative and not-yet-due fixed assignments pass on; one whose date has passed does not.
    assert {a.course for a in created} == {course, fixed_course}
    newcomer.refresh_from_db()
    assert newcomer.team == team
    assert Enrollment.objects.filter(user=newcomer.user).count() == 2
    relative = Assignee.objects.get(membership=newcomer, course=course)
    assert relative.due_on == timezone.localdate() + timedelta(days=10)


def test_leaving_a_team_keeps_the_assignments_already_made(organization, course, team):
    ada = member(organization, "ada")
    services.assignment_create(organization=organization, course=course, assigned_by=None, teams=[team],
                               due_within_days=10)
    services.membership_team_set(membership=ada, team=team)

    services.membership_team_set(membership=ada, team=None)

    ada.refresh_from_db()
    assert ada.team is None
    assert Assignee.objects.filter(membership=ada).count() == 1


def test_a_team_of_another_organization_is_refused(organization, other_organization):
    ada = member(organization, "ada")
    elsewhere = Team.objects.create(organization=other_organization, name="Theirs")

    with pytest.raises(ApplicationError):
        services.membership_team_set(membership=ada, team=elsewhere)
    ada.refresh_from_db()
    assert ada.team is None


def test_people_of_another_organization_cannot_be_assigned(organization, other_organization, course):
    outsider = member(other_organization, "outsider")

    with pytest.raises(ApplicationError) as refused:
        assign(organization, course, outsider)

    assert "memberships" in refused.value.fields
    assert not Assignee.objects.exists()


@pytest.mark.parametrize("fields, error_field", [
    ({"due_on": None}, "due_on"),
    ({"due_on": timezone.localdate() - timedelta(days=1)}, "due_on"),
    ({"due_on": timezone.localdate(), "due_within_days": 3}, "due_on"),
])
def test_the_due_date_must_be_one_of_fixed_or_relative_and_not_past(organization, course, fields, error_field):
    ada = member(organization, "ada")

    with pytest.raises(ApplicationError) as refused:
        services.assignment_create(organization=organization, course=course, assigned_by=None,
                                   memberships=[ada], **fields)

    assert error_field in refused.value.fields
    assert not Assignment.objects.exists()


def test_an_unpublished_course_cannot_be_assigned(organization):
    ada = member(organization, "ada")

    with pytest.raises(ApplicationError):
        assign(organization, CourseFactory(published=False), ada)
    assert not Enrollment.objects.exists()


def test_reminders_can_be_switched_off_per_assignment(organization, course):
    ada = member(organization, "ada")
    assignment = assign(organization, course, ada).assignments[0]

    services.assignment_reminders_set(assignment=assignment, enabled=False)

    assignment.refresh_from_db()
    assert assignment.reminders_enabled is False
