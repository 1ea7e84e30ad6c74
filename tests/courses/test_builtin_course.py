"""The built-in course keeps the shape a learner is promised: every module taught, practised and tested."""

import re

import pytest
from django.core.management import call_command

from courses.models import Course, Lesson
from quizzes.models import Quiz, RewriteExercise
from quizzes.publishing import course_publish_problems
from quizzes.rewrites import grade_reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    call_command("load_course", verbosity=0)
    return Course.objects.get(slug="handling-upset-callers")


def test_six_modules_of_two_to_four_lessons_each(course):
    modules = list(course.modules.order_by("position"))

    assert len(modules) >= 6
    assert all(2 <= module.lessons.count() <= 4 for module in modules), {m.slug: m.lessons.count() for m in modules}


def test_every_lesson_is_300_to_700_words_with_objectives_examples_a_scenario_and_a_credit(course):
    for lesson in Lesson.objects.filter(module__course=course):
        words = len(re.findall(r"[\w'’-]+", lesson.body))
        assert 300 <= words <= 700, f"{lesson.slug}: {words} words"
        assert lesson.objectives.strip(), lesson.slug
        # A worked example: a poor line ("Instead of"), a better one ("Try") and why.
        assert lesson.body.count("**Instead of:**") >= 2 and lesson.body.count("**Why:**") >= 2, lesson.slug
        assert "## A call to picture" in lesson.body, lesson.slug
        assert lesson.credit.strip() and lesson.source_key, lesson.slug


def test_each_module_has_a_varied_quiz_of_six_or_more_questions_and_two_exercises(course):
    for module in course.modules.all():
        (quiz,) = Quiz.objects.filter(module=module)
        kinds = set(quiz.questions.values_list("kind", flat=True))
        assert quiz.questions.count() >= 6, module.slug
        assert len(kinds) >= 3, (module.slug, kinds)
        assert RewriteExercise.objects.filter(module=module).count() >= 2, module.slug


def test_the_final_assessment_covers_the_course(course):
    final = Quiz.objects.get(course=course, module=None)

    assert final.questions.count() >= 15
    assert final.required and 0 < final.pass_mark <= 100
    assert RewriteExercise.objects.filter(course=course, module=None).count() >= 3
    assert {"ordering", "matching", "best_response"} <= set(final.questions.values_list("kind", flat=True))


def test_every_question_and_exercise_is_valid_as_publishing_checks_it(course):
    # One correct answer where one is asked for, feedback on every choice, a unique order for
    # ordering questions, matching categories that exist, and each model answer passing its rubric.
    assert course_publish_problems(course) == []


def test_every_poor_reply_fails_and_every_model_answer_passes(course):
    exercises = list(RewriteExercise.objects.filter(course=course).select_related("rubric"))

    assert exercises
    for exercise in exercises:
        assert exercise.instructions.strip() and exercise.customer.strip(), exercise.slug
        assert not grade_reply(exercise=exercise, text=exercise.poor_reply).passed, exercise.slug
        assert grade_reply(exercise=exercise, text=exercise.model_answer).passed, exercise.slug
