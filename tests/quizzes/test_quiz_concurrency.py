"""Concurrent submissions and starts on PostgreSQL (the second CI pass)."""

import threading

import pytest
from django.db import connection, transaction

from courses.models import Course
from quizzes.models import Attempt, Question, Quiz, Response, ResponseChoice, Submission, SubmissionFinding
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


def test_starting_and_submitting_do_not_wait_for_locks_on_the_quiz_or_the_course():
    # Other transactions may hold those rows as an UPDATE does (a trainer saving the quiz), and would, were the
    # services to lock what they join, every other learner's submission: a learner's attempt must not queue.
    course, _ = course_with_lessons(1)
    user = UserFactory()
    EnrollmentFactory(user=user, course=course)
    quiz = quiz_of_every_kind(course)
    held, release = threading.Event(), threading.Event()

    def hold_the_quiz_and_the_course():
        try:
            with transaction.atomic():
                Quiz.objects.select_for_update(no_key=True).get(id=quiz.id)
                Course.objects.select_for_update(no_key=True).get(id=course.id)
                held.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_quiz_and_the_course)
    holder.start()
    assert held.wait(10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # waiting on the holder fails instead of hanging
        attempt, _ = attempt_start(user=user, quiz=quiz)
        attempt, graded = attempt_submit(user=user, attempt_id=attempt.id, answers=answers_for(attempt))
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")

    assert graded and attempt.percent == 100
