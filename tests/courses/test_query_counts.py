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


# As the learner's history grows ----------------------------------------------------------------------------------


@pytest.fixture
def history(learner):
    """A course of 12 lessons with a quiz and a rewrite exercise, the learner enrolled, another learner busy in it.

    `grow(rows)` brings the learner to `rows` lessons done, quiz attempts, rewrites and other enrollments (each
    with a lesson done), through the services learners use.
    """
    from quizzes.rewrites import submission_create
    from quizzes.services import attempt_start, attempt_submit
    from tests.factories import GOOD_REPLY, UserFactory, quiz_of_every_kind, rewrite_exercise

    course, lessons = course_with_lessons(12, modules=2)
    quiz = quiz_of_every_kind(course, module=lessons[0].module)
    exercise = rewrite_exercise(course, module=lessons[0].module)
    other = UserFactory()
    for person in (learner, other):
        EnrollmentFactory(user=person, course=course)
    lesson_complete(user=other, lesson=lessons[0])
    grown = {"rows": 0}

    def grow(rows):
        for i in range(grown["rows"], rows):
            lesson_complete(user=learner, lesson=lessons[i])
            attempt, _ = attempt_start(user=learner, quiz=quiz)
            attempt_submit(user=learner, attempt_id=attempt.id, answers={})
            submission_create(user=learner, exercise=exercise, text=f"{GOOD_REPLY} ({i})")
            elsewhere, elsewhere_lessons = course_with_lessons(2)
            EnrollmentFactory(user=learner, course=elsewhere)
            lesson_complete(user=learner, lesson=elsewhere_lessons[0])
        grown["rows"] = rows
    return course, lessons, grow


def count_queries(send):
    with CaptureQueriesContext(connection) as context:
        response = send()
    assert response.status_code < 400, response.content[:500]
    return len(context.captured_queries)


@pytest.mark.parametrize("page, budget", [
    # session, user, enrollments with courses, modules, lessons, progress, quizzes, exercises, best attempts,
    # best rewrites, and the navigation's "does this person manage a team?"
    ("dashboard", 11),
    ("api-my-enrollments", 10),
    # session, user, course, lesson with module, modules, their lessons, enrollment, progress, quizzes, exercises,
    # best attempts, best rewrites, the navigation's team check
    ("lesson", 13),
    ("course", 12),
])
def test_a_learner_page_costs_the_same_queries_with_1_and_6_rows_of_history(learner_client, history, page, budget):
    course, lessons, grow = history
    url = {
        "dashboard": reverse("courses:dashboard"),
        "api-my-enrollments": reverse("api:my-enrollments"),
        "lesson": lessons[7].get_absolute_url(),
        "course": course.get_absolute_url(),
    }[page]
    counts = []
    for rows in (1, 6):
        grow(rows)
        counts.append(count_queries(lambda: learner_client.get(url)))

    assert counts[0] == counts[1], f"{page}: {counts[0]} queries with 1 row of history, {counts[1]} with 6"
    assert counts[1] <= budget


def test_completing_a_lesson_costs_the_same_queries_with_1_and_6_lessons_done(learner_client, history):
    _, lessons, grow = history
    page, api = [], []
    for rows, lesson_page, lesson_api in ((1, lessons[8], lessons[6]), (6, lessons[9], lessons[7])):
        grow(rows)
        page.append(count_queries(lambda: learner_client.post(reverse("courses:lesson-complete", kwargs={
            "course_slug": lesson_page.module.course.slug, "module_slug": lesson_page.module.slug,
            "lesson_slug": lesson_page.slug}))))
        api.append(count_queries(lambda: learner_client.post(reverse("api:lesson-complete", args=[lesson_api.id]))))

    assert page[0] == page[1] and api[0] == api[1], f"page {page}, API {api}"
    # session, user, course, lesson, savepoint, enrollment locked (with its course and learner), progress looked
    # up, savepoint, insert, release, enrollment updated, "a required lesson left?", release, the next lesson
    assert page[1] <= 14
    # the same without the course, the next lesson and the page: the lesson with module and course instead
    assert api[1] <= 12
