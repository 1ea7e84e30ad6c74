"""Concurrent submissions and starts on PostgreSQL (the second CI pass)."""

import pytest
from django.db import connection

from quizzes.models import Attempt, Question, Response, ResponseChoice, Submission, SubmissionFinding
from quizzes.rewrites import submission_create
from quizzes.services import PICKED_KINDS, attempt_start, attempt_submit
from tests.concurrency import run_concurrently
from tests.factories import (
    GOOD_REPLY, EnrollmentFactory, UserFactory, course_with_lessons, quiz_of_every_kind, rewrite_exercise,
)
from tests.quizzes.conftest import answers_for

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_fifty_concurrent_submissions_of_one_attempt_grade_it_once():
    course, _ = course_with_lessons(1)
    user = UserFactory()
    EnrollmentFactory(user=user, course=course)
    quiz = quiz_of_every_kind(course)
    attempt, _ = attempt_start(user=user, quiz=quiz)
    answers = answers_for(attempt)
    picked = sum(len(answer.get("choices", [])) for qid, answer in answers.items()
                 if Question.objects.get(id=qid).kind in PICKED_KINDS)

    results, errors = run_concurrently(50, lambda: attempt_submit(user=user, attempt_id=attempt.id, answers=answers))

    assert errors == []
    assert sum(graded for _, graded in results) == 1
    assert Response.objects.filter(attempt=attempt).count() == 6
    attempt.refresh_from_db()
    assert attempt.percent == 100
    assert ResponseChoice.objects.filter(response__attempt=attempt).count() == picked  # picks recorded once


def test_concurrent_starts_open_one_attempt():
    course, _ = course_with_lessons(1)
    user = UserFactory()
    EnrollmentFactory(user=user, course=course)
    quiz = quiz_of_every_kind(course, max_attempts=1)

    results, errors = run_concurrently(10, lambda: attempt_start(user=user, quiz=quiz))

    assert errors == []
    assert Attempt.objects.filter(user=user, quiz=quiz).count() == 1
    assert len({attempt.id for attempt, _ in results}) == 1


def test_fifty_concurrent_sends_of_one_rewrite_save_it_once():
    course, _ = course_with_lessons(1)
    user = UserFactory()
    EnrollmentFactory(user=user, course=course)
    exercise = rewrite_exercise(course)

    results, errors = run_concurrently(50, lambda: submission_create(
        user=user, exercise=exercise, text=GOOD_REPLY, token="one-click"))

    assert errors == []
    assert sum(created for _, created in results) == 1
    submission = Submission.objects.get(user=user, exercise=exercise)
    assert {s.id for s, _ in results} == {submission.id}
    assert SubmissionFinding.objects.filter(submission=submission).count() == len(submission.findings)
