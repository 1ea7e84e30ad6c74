"""The completion rule: every required lesson done, quiz passed and rewrite passed; recorded once."""

import pytest
from django.db import connection

from courses.models import Enrollment
from courses.selectors import course_outline
from courses.services import lesson_complete
from quizzes.rewrites import submission_create
from quizzes.services import attempt_start, attempt_submit
from tests.factories import (
    GOOD_REPLY, EnrollmentFactory, LessonFactory, ModuleFactory, QuizFactory, UserFactory, add_question,
    course_with_lessons, rewrite_exercise,
)
from tests.quizzes.conftest import answers_for


@pytest.fixture
def course_setup(db):
    course, lessons = course_with_lessons(2)
    module = lessons[0].module
    quiz = QuizFactory(course=course, module=module, pass_mark=100)
    add_question(quiz, "single", [("Right", True), ("Wrong", False)])
    final = QuizFactory(course=course, module=None, title="Final assessment", pass_mark=100)
    add_question(final, "single", [("Right", True), ("Wrong", False)])
    exercise = rewrite_exercise(course, module=module)
    return course, lessons, quiz, final, exercise


def pass_quiz(user, quiz, correct=True):
    attempt, _ = attempt_start(user=user, quiz=quiz)
    return attempt_submit(user=user, attempt_id=attempt.id, answers=answers_for(attempt, correct=correct))[0]


def do_everything_but(user, course_setup, skip):
    _, lessons, quiz, final, exercise = course_setup
    steps = {
        "lesson-0": lambda: lesson_complete(user=user, lesson=lessons[0]),
        "lesson-1": lambda: lesson_complete(user=user, lesson=lessons[1]),
        "quiz": lambda: pass_quiz(user, quiz),
        "final": lambda: pass_quiz(user, final),
        "exercise": lambda: submission_create(user=user, exercise=exercise, text=GOOD_REPLY),
    }
    for name, step in steps.items():
        if name != skip:
            step()
    return steps[skip] if skip else None


@pytest.mark.parametrize("last", ["lesson-1", "quiz", "final", "exercise"])
def test_the_course_completes_when_the_last_required_item_of_any_kind_is_done(
        learner, course_setup, last, django_capture_on_commit_callbacks):
    course = course_setup[0]
    enrollment = EnrollmentFactory(user=learner, course=course)
    remaining = do_everything_but(learner, course_setup, last)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None
    assert course_outline(course=course, user=learner).percent == 80  # 4 of 5 required items

    with django_capture_on_commit_callbacks() as callbacks:
        remaining()

    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert course_outline(course=course, user=learner).percent == 100
    # The certificate is handed to a worker once the completion commits (tests/certificates covers the rest).
    assert [c.__name__ for c in callbacks] == ["enqueue_certificate_issue"]


def test_a_failed_quiz_does_not_count(learner, course_setup):
    course, _, quiz, _, _ = course_setup
    EnrollmentFactory(user=learner, course=course)
    do_everything_but(learner, course_setup, "quiz")

    pass_quiz(learner, quiz, correct=False)

    assert Enrollment.objects.get(user=learner).completed_at is None


def test_an_optional_item_is_not_needed(learner, course_setup):
    course, _, _, final, _ = course_setup
    final.required = False
    final.save()
    EnrollmentFactory(user=learner, course=course)

    do_everything_but(learner, course_setup, "final")

    assert Enrollment.objects.get(user=learner).completed_at is not None


def test_completion_is_recorded_once_and_survives_a_new_required_lesson(learner, other_learner, course_setup):
    course, lessons, quiz, *_ = course_setup
    EnrollmentFactory(user=learner, course=course)
    EnrollmentFactory(user=other_learner, course=course)
    do_everything_but(learner, course_setup, "lesson-0")
    lesson_complete(user=learner, lesson=lessons[0])
    completed_at = Enrollment.objects.get(user=learner).completed_at
    lesson_complete(user=other_learner, lesson=lessons[0])

    LessonFactory(module=lessons[0].module, title="A new lesson", position=99)
    pass_quiz(learner, quiz)  # more progress after the edit does not re-record anything

    assert Enrollment.objects.get(user=learner).completed_at == completed_at
    assert course_outline(course=course, user=learner).percent < 100  # the new lesson shows as work to do
    assert course_outline(course=course, user=other_learner).total == 6  # 3 lessons, 2 quizzes, 1 exercise


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_completions_of_the_last_two_items_complete_once():
    from tests.concurrency import run_concurrently, wait_for

    course, lessons = course_with_lessons(4)
    user = UserFactory()
    EnrollmentFactory(user=user, course=course)
    for lesson in lessons[:2]:
        lesson_complete(user=user, lesson=lessons[lessons.index(lesson)])
    queue = list(lessons[2:])

    _, errors = run_concurrently(2, lambda: lesson_complete(user=user, lesson=queue.pop()))

    assert errors == []
    enrollment = Enrollment.objects.get(user=user)
    assert enrollment.completed_at is not None
    # Issued once, by whichever worker (or, embedded, the request) handled it.
    assert wait_for(lambda: enrollment.certificates.filter(pdf_ready_at__isnull=False).exists())
    assert enrollment.certificates.count() == 1
