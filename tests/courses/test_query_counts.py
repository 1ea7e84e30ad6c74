"""Pages cost the same number of queries for a course of 3 lessons and of 60."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.services import lesson_complete
from tests.factories import EnrollmentFactory, course_with_lessons


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def enrolled_course(learner, lesson_count):
    course, lessons = course_with_lessons(lesson_count, modules=3)
    EnrollmentFactory(user=learner, course=course)
    for lesson in lessons[: lesson_count // 2]:
        lesson_complete(user=learner, lesson=lesson)
    return course, lessons


@pytest.mark.parametrize("page", ["course", "lesson", "dashboard", "catalog", "api-outline"])
def test_a_page_costs_the_same_queries_for_3_and_60_lessons(learner_client, learner, page):
    counts = []
    for size in (3, 60):
        course, lessons = enrolled_course(learner, size)
        url = {
            "course": course.get_absolute_url(),
            "lesson": lessons[-1].get_absolute_url(),
            "dashboard": reverse("courses:dashboard"),
            "catalog": reverse("courses:catalog"),
            "api-outline": reverse("api:course-detail", args=[course.slug]),
        }[page]
        counts.append(queries_for(learner_client, url))
    assert counts[0] == counts[1], f"{page}: {counts[0]} queries for 3 lessons, {counts[1]} for 60"


def test_the_lesson_page_stays_within_its_query_budget(learner_client, learner):
    _, lessons = enrolled_course(learner, 12)

    # session, user, course, lesson with module, modules, lessons, enrollment, progress,
    # quizzes, exercises, and the navigation's "does this person manage a team?"
    assert queries_for(learner_client, lessons[3].get_absolute_url()) <= 11
