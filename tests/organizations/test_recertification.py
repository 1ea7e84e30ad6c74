"""Recertification: when a certificate needs renewing, the learner is re-enrolled for a fresh pass,
and passing again issues a new certificate while the earlier one stays in their history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue
from courses.models import Enrollment
from courses.selectors import course_outline
from courses.services import lesson_complete
from organizations import services
from organizations.models import Assignee
from organizations.selectors import ComplianceStatus, Status, compliance_as_of
from quizzes.services import attempt_start, attempt_submit
from tests.factories import QuizFactory, add_question
from tests.organizations.conftest import assign, client_for, member
from tests.organizations.test_status import status_of
from tests.quizzes.conftest import answers_for

pytestmark = pytest.mark.django_db


def complete_course(user, lessons, quiz):
    for lesson in lessons:
        lesson_complete(user=user, lesson=lesson)
    attempt, _ = attempt_start(user=user, quiz=quiz)
    attempt_submit(user=user, attempt_id=attempt.id, answers=answers_for(attempt, correct=True))
    enrollment = Enrollment.objects.get(user=user, course=quiz.course)
    assert enrollment.completed_at is not None
    return certificate_issue(enrollment_id=enrollment.id)


@pytest.fixture
def certified(organization, course, lessons):
    """Ada, assigned the course with yearly recertification, completed it and holds cycle 1's certificate."""
    quiz = QuizFactory(course=course, module=None, title="Final assessment", pass_mark=100, max_attempts=1)
    add_question(quiz, "single", [("Right", True), ("Wrong", False)])
    ada = member(organization, "ada")
    assign(organization, course, ada, recertify_every_months=12, recertify_window_days=30)
    first = complete_course(ada.user, lessons, quiz)
    return ada, quiz, first


def test_the_window_opening_re_enrolls_once_for_a_fresh_pass(organization, course, certified):
    ada, _, first = certified
    window_open = first.issued_at + timedelta(days=340)

    assert services.recertifications_start(now=first.issued_at + timedelta(days=100)) == 0  # not yet
    assert services.recertifications_start(now=window_open) == 1
    assert services.recertifications_start(now=window_open) == 0  # the beat firing twice starts one pass

    enrollment = Enrollment.objects.get(user=ada.user)
    assert (enrollment.cycle, enrollment.completed_at) == (2, None)
    outline = course_outline(course=course, user=ada.user)
    assert outline.percent == 0 and not outline.complete  # the earlier pass's work no longer counts
    # HR still sees the renewal as due (the first certificate holds until it lapses), at 0 percent done.
    assert status_of(organization, ada, now=window_open) == (Status.RECERTIFY, 0)
    assert status_of(organization, ada, now=first.issued_at + timedelta(days=370))[0] == Status.EXPIRED


def test_passing_again_issues_a_new_certificate_and_keeps_the_first(organization, course, lessons, certified):
    ada, quiz, first = certified
    services.recertifications_start(now=first.issued_at + timedelta(days=340))

    second = complete_course(ada.user, lessons, quiz)  # the quiz allows 1 attempt per pass: a fresh one

    assert (first.cycle, second.cycle) == (1, 2)
    assert second.code != first.code
    assert list(Certificate.objects.filter(user=ada.user).order_by("cycle").values_list("cycle", flat=True)) == [1, 2]
    assert status_of(organization, ada, now=timezone.now())[0] == Status.COMPLETED


def test_a_lapsed_certificate_re_enrolls_too(organization, course, certified):
    ada, _, first = certified
    Certificate.objects.filter(id=first.id).update(revoked_at=timezone.now())

    assert services.recertifications_start() == 1
    assert Enrollment.objects.get(user=ada.user).cycle == 2


def test_nobody_is_re_enrolled_without_a_reason(organization, course, lessons):
    ada = member(organization, "ada")
    assign(organization, course, ada, recertify_every_months=12)
    lesson_complete(user=ada.user, lesson=lessons[0])  # in progress, nothing to renew

    assert services.recertifications_start() == 0
    assert Enrollment.objects.get(user=ada.user).cycle == 1


def test_the_course_page_tells_the_learner_they_are_renewing(client, organization, course, certified):
    ada, _, first = certified
    services.recertifications_start(now=first.issued_at + timedelta(days=340))

    page = client_for(ada.user).get(course.get_absolute_url()).content.decode()

    assert "Time to renew your certification: this is pass 2" in page
    assert "0% complete" in page


def test_an_earlier_days_compliance_report_does_not_move_with_a_later_pass(organization, course, lessons, certified):
    ada, quiz, first = certified
    Assignee.objects.filter(membership=ada).update(assigned_at=timezone.now() - timedelta(days=430))
    Certificate.objects.filter(id=first.id).update(issued_at=timezone.now() - timedelta(days=400))
    last_year = timezone.localdate() - timedelta(days=380)  # the first certificate was 20 days old then
    lapsed_day = timezone.localdate() - timedelta(days=10)  # twelve months had passed: it had lapsed

    def report():
        return [(day, compliance_as_of(organization=organization, day=day).get(membership=ada).compliance)
                for day in (last_year, lapsed_day)]

    before = report()
    services.recertifications_start()
    complete_course(ada.user, lessons, quiz)

    assert before == [(last_year, ComplianceStatus.COMPLIANT), (lapsed_day, ComplianceStatus.LAPSED)]
    assert report() == before
