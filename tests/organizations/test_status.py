"""Each assignee's status, computed in the database from the recorded dates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.services import lesson_complete
from organizations import selectors
from organizations.models import Assignee, Assignment
from organizations.selectors import Status
from quizzes.models import Attempt
from tests.factories import QuizFactory
from tests.organizations.conftest import assign, certify, member

pytestmark = pytest.mark.django_db


def row_of(organization, membership, *, now=None):
    """The assignee's row as the table shows it, checked against the whole-organization computation."""
    row = selectors.assignees_with_status(organization=organization, now=now).get(membership=membership)
    (shown,) = selectors.assignee_rows(organization=organization, ids=[row.id], now=now)
    assert shown.status == row.status  # per-row EXISTS and organization-wide IN lists agree
    return shown


def status_of(organization, membership, *, now=None):
    row = row_of(organization, membership, now=now)
    return row.status, row.percent


def test_a_new_assignee_has_not_started(organization, course):
    ada = member(organization, "ada")
    assign(organization, course, ada)

    assert status_of(organization, ada) == (Status.NOT_STARTED, 0)


def test_it_is_in_progress_with_the_percent_of_required_items_done(organization, course, lessons):
    ada = member(organization, "ada")
    assign(organization, course, ada)
    lesson_complete(user=ada.user, lesson=lessons[0])

    assert status_of(organization, ada) == (Status.IN_PROGRESS, 25)


def test_progress_counts_passed_required_quizzes_once(organization, course, lessons):
    ada = member(organization, "ada")
    assign(organization, course, ada)
    quiz = QuizFactory(course=course, required=True)
    enrollment = ada.user.enrollments.get()
    now = timezone.now()
    for number in (1, 2):  # two passing attempts count as one quiz passed
        Attempt.objects.create(user=ada.user, quiz=quiz, enrollment=enrollment, number=number, status="submitted",
                               started_at=now, submitted_at=now, percent=90, passed=True)
    lesson_complete(user=ada.user, lesson=lessons[0])

    # 4 lessons + 1 quiz required; 1 lesson and the quiz done.
    assert status_of(organization, ada) == (Status.IN_PROGRESS, 40)


def test_a_started_quiz_attempt_alone_means_in_progress(organization, course):
    ada = member(organization, "ada")
    assign(organization, course, ada)
    quiz = QuizFactory(course=course)
    Attempt.objects.create(user=ada.user, quiz=quiz, enrollment=ada.user.enrollments.get(), number=1,
                           started_at=timezone.now())

    assert status_of(organization, ada) == (Status.IN_PROGRESS, 0)


def test_it_is_overdue_after_the_due_date_unless_completed(organization, course, lessons):
    ada, bob = member(organization, "ada"), member(organization, "bob")
    assign(organization, course, ada, bob, due_in_days=2)
    lesson_complete(user=ada.user, lesson=lessons[0])
    later = timezone.now() + timedelta(days=3)

    assert status_of(organization, ada, now=later)[0] == Status.OVERDUE
    assert status_of(organization, bob, now=later)[0] == Status.OVERDUE
    assert status_of(organization, bob)[0] == Status.NOT_STARTED


def test_completed_carries_the_date_and_the_certificate_code(organization, course, lessons):
    ada = member(organization, "ada")
    assign(organization, course, ada)
    for lesson in lessons:
        lesson_complete(user=ada.user, lesson=lesson)
    certificate = certify(ada, course, issued_at=timezone.now())

    row = row_of(organization, ada)
    assert (row.status, row.percent, row.cert_code) == (Status.COMPLETED, 100, certificate.code)
    assert row.enrollment.completed_at is not None
    # Completed stays completed after the due date.
    assert status_of(organization, ada, now=timezone.now() + timedelta(days=30))[0] == Status.COMPLETED


def test_recertification_is_due_when_the_certificate_expires_within_the_window(organization, course):
    ada = member(organization, "ada")
    assign(organization, course, ada, recertify_window_days=30)
    now = timezone.now()
    certify(ada, course, issued_at=now - timedelta(days=300), expires_at=now + timedelta(days=20))

    assert status_of(organization, ada)[0] == Status.RECERTIFY
    assert status_of(organization, ada, now=now - timedelta(days=20))[0] == Status.COMPLETED


def test_the_default_window_applies_when_the_assignment_sets_none(organization, course, settings):
    settings.ORGANIZATIONS_RECERTIFY_WINDOW_DAYS = 10
    ada = member(organization, "ada")
    assign(organization, course, ada)
    now = timezone.now()
    certify(ada, course, issued_at=now - timedelta(days=300), expires_at=now + timedelta(days=20))

    assert status_of(organization, ada)[0] == Status.COMPLETED
    assert status_of(organization, ada, now=now + timedelta(days=11))[0] == Status.RECERTIFY


def test_it_is_expired_once_the_certificate_is_past_its_expiry(organization, course):
    ada = member(organization, "ada")
    assign(organization, course, ada)
    now = timezone.now()
    certify(ada, course, issued_at=now - timedelta(days=400), expires_at=now - timedelta(days=1))

    assert status_of(organization, ada)[0] == Status.EXPIRED


def test_a_revoked_certificate_counts_as_expired(organization, course):
    ada = member(organization, "ada")
    assign(organization, course, ada)
    now = timezone.now()
    certify(ada, course, issued_at=now - timedelta(days=10), revoked_at=now - timedelta(days=1))

    assert status_of(organization, ada)[0] == Status.EXPIRED


def test_recertify_every_months_ages_out_a_certificate_that_never_expires(organization, course):
    ada = member(organization, "ada")
    assign(organization, course, ada, recertify_every_months=12, recertify_window_days=30)
    now = timezone.now()
    certify(ada, course, issued_at=now - timedelta(days=350))

    assert status_of(organization, ada)[0] == Status.RECERTIFY
    assert status_of(organization, ada, now=now + timedelta(days=20))[0] == Status.EXPIRED
    assert status_of(organization, ada, now=now - timedelta(days=100))[0] == Status.COMPLETED


def test_each_assignment_uses_its_own_recertification_rules(organization, course):
    from tests.factories import CourseFactory

    other_course = CourseFactory()
    ada = member(organization, "ada")
    assign(organization, course, ada, recertify_every_months=6)
    assign(organization, other_course, ada, recertify_every_months=24)
    now = timezone.now()
    certify(ada, course, issued_at=now - timedelta(days=200))
    certify(ada, other_course, issued_at=now - timedelta(days=200))

    rows = {row.course_id: row.status for row in selectors.assignees_with_status(organization=organization)}
    assert rows == {course.id: Status.EXPIRED, other_course.id: Status.COMPLETED}
    assert Assignment.objects.count() == 2


def test_the_summary_counts_statuses_per_course_and_team_with_completion_rates(organization, course, team):
    ada, bob, cy = member(organization, "ada", team=team), member(organization, "bob", team=team), member(
        organization, "cy")
    assign(organization, course, ada, bob, cy)
    certify(ada, course, issued_at=timezone.now())

    summary = selectors.status_summary(organization=organization)
    (by_course,) = summary.by_course
    assert (by_course.total, by_course.count(Status.COMPLETED), by_course.count(Status.NOT_STARTED)) == (3, 1, 2)
    assert by_course.completion_rate == 33
    assert [(row.label, row.total, row.completion_rate) for row in summary.by_team] == [
        ("Night shift", 2, 50), ("No team", 1, 0)]


def test_the_latest_certificate_cycle_is_the_one_that_counts(organization, course):
    from certificates.models import Certificate

    ada, bob = member(organization, "ada"), member(organization, "bob")
    assign(organization, course, ada, bob)
    now = timezone.now()
    first = certify(ada, course, issued_at=now - timedelta(days=800), expires_at=now - timedelta(days=70))
    second = Certificate.objects.create(
        user=ada.user, course=course, enrollment=first.enrollment, cycle=2, issued_at=now - timedelta(days=60),
        expires_at=now + timedelta(days=300), learner_name="Ada", course_title=course.title, course_version=1)

    rows = list(selectors.assignees_with_status(organization=organization))

    assert len(rows) == 2  # one row per assignee, whatever the number of certificates
    ada_row = next(row for row in rows if row.membership == ada)
    assert (ada_row.status, ada_row.cert_code) == (Status.COMPLETED, second.code)


def test_rows_sort_by_progress_with_ties_by_name(organization, course, lessons):
    people = [member(organization, name, last_name=name.title(), first_name="X") for name in ("cy", "ada", "bob")]
    assign(organization, course, *people)
    for lesson in lessons[:2]:
        lesson_complete(user=people[0].user, lesson=lesson)
    lesson_complete(user=people[2].user, lesson=lessons[0])
    queryset = selectors.assignees_sorted(selectors.assignees(organization=organization), "progress")

    descending = selectors.ordered_ids(queryset, "-progress")
    ascending = selectors.ordered_ids(queryset, "progress")

    rows = selectors.assignee_rows(organization=organization, ids=descending[0:3], percents=descending.percent)
    assert [(row.membership.user.username, row.percent) for row in rows] == [("cy", 50), ("bob", 25), ("ada", 0)]
    by_id = {p.id: p.user.username for p in people}
    assert [by_id[Assignee.objects.get(id=i).membership_id] for i in ascending[0:3]] == ["ada", "bob", "cy"]
    assert len(descending) == 3
