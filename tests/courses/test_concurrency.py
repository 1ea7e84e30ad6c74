"""Concurrent requests cannot double-count progress. Runs on PostgreSQL (the second CI pass):
SQLite serialises whole transactions, so it cannot show a race either way."""

import threading

import pytest
from django.db import connection

from certificates.models import Certificate
from courses.models import Enrollment, LessonProgress
from courses.services import enrollment_create, lesson_complete
from tests.concurrency import run_concurrently, wait_for
from tests.factories import UserFactory, course_with_lessons

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (runs in the second CI pass)"
)




@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_completions_of_one_lesson_record_one():
    course, lessons = course_with_lessons(2)
    user = UserFactory()
    enrollment_create(user=user, course=course)

    results, errors = run_concurrently(50, lambda: lesson_complete(user=user, lesson=lessons[0]))

    assert errors == []
    assert LessonProgress.objects.filter(lesson=lessons[0]).count() == 1
    assert sum(created for _, created in results) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_completions_of_different_lessons_lose_none():
    course, lessons = course_with_lessons(8)
    user = UserFactory()
    enrollment_create(user=user, course=course)
    queue = list(lessons)
    lock = threading.Lock()

    def complete_next():
        with lock:
            lesson = queue.pop()
        return lesson_complete(user=user, lesson=lesson)

    _, errors = run_concurrently(8, complete_next)

    assert errors == []
    assert LessonProgress.objects.filter(enrollment__user=user).count() == 8
    # The course is complete; let the worker finish its certificate before the test's tables are emptied.
    assert wait_for(lambda: Certificate.objects.filter(enrollment__user=user, pdf_ready_at__isnull=False).exists())
    assert Certificate.objects.filter(enrollment__user=user).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_enrollments_create_one():
    course, _ = course_with_lessons(1)
    user = UserFactory()

    _, errors = run_concurrently(10, lambda: enrollment_create(user=user, course=course))

    assert errors == []
    assert Enrollment.objects.filter(user=user, course=course).count() == 1
