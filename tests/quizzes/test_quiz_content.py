import pytest

from courses.content import ContentError
from courses.services import course_import
from quizzes.models import Attempt, Question, Quiz
from quizzes.services import attempt_start, attempt_submit
from tests.courses.test_load_course import MANIFEST, lesson_file
from tests.factories import EnrollmentFactory, UserFactory

QUIZ = """\
slug: first-check
title: First check
pass_mark: 75
max_attempts: 3
reveal_answers: after_passing
questions:
  - type: single
    prompt: Which move comes first?
    explanation: Listening comes first.
    choices:
      - {text: Listen, correct: true, feedback: Yes.}
      - {text: Argue, correct: false, feedback: No.}
  - type: true_false
    prompt: A bare "no" is fine.
    answer: false
    feedback_true: It is not.
    feedback_false: Right.
  - type: ordering
    ordering_credit: adjacent_pairs
    prompt: Order these.
    items:
      - {text: Listen, feedback: First.}
      - {text: Acknowledge, feedback: Second.}
      - {text: Solve, feedback: Third.}
  - type: matching
    prompt: Match them.
    categories: [Blame, Refusal]
    items:
      - {text: You should have called, category: Blame, feedback: Blame.}
      - {text: We can't, category: Refusal, feedback: Refusal.}
"""


@pytest.fixture
def course_dir(tmp_path):
    root = tmp_path / "phone-basics"
    (root / "first").mkdir(parents=True)
    (root / "second").mkdir()
    (root / "course.yaml").write_text(MANIFEST.replace("      - first/two.md\n", "      - first/two.md\n    quiz: first/quiz.yaml\n"))
    for folder, slug in (("first", "one"), ("first", "two"), ("second", "three")):
        (root / folder / f"{slug}.md").write_text(lesson_file(slug, slug.title()))
    (root / "first" / "quiz.yaml").write_text(QUIZ)
    return root


def test_a_module_quiz_is_loaded_with_its_settings_and_questions(db, course_dir):
    course_import(folder=course_dir)

    quiz = Quiz.objects.get(slug="first-check")
    assert quiz.module.slug == "first" and quiz.pass_mark == 75 and quiz.max_attempts == 3
    assert quiz.reveal_answers == "after_passing"
    kinds = list(quiz.questions.order_by("position").values_list("kind", flat=True))
    assert kinds == ["single", "true_false", "ordering", "matching"]
    ordering = quiz.questions.get(kind="ordering")
    assert list(ordering.choices.order_by("correct_position").values_list("text", flat=True)) == ["Listen", "Acknowledge", "Solve"]
    assert quiz.questions.get(kind="true_false").choices.get(is_correct=True).text == "False"


def test_reloading_keeps_learners_attempts_and_updates_questions_in_place(db, course_dir):
    course_import(folder=course_dir)
    quiz = Quiz.objects.get()
    user = UserFactory()
    EnrollmentFactory(user=user, course=quiz.course)
    attempt, _ = attempt_start(user=user, quiz=quiz)
    attempt_submit(user=user, attempt_id=attempt.id, answers={})
    ids = set(Question.objects.values_list("id", flat=True))

    (course_dir / "first" / "quiz.yaml").write_text(QUIZ.replace("Which move comes first?", "What do you do first?"))
    course_import(folder=course_dir)

    assert set(Question.objects.values_list("id", flat=True)) == ids
    assert Question.objects.filter(prompt="What do you do first?").exists()
    assert Attempt.objects.filter(id=attempt.id, responses__isnull=False).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda q: q.replace("{text: Argue, correct: false", "{text: Argue, correct: true"), "questions[0].choices"),
        (lambda q: q.replace("type: single", "type: essay"), "questions[0].type"),
        (lambda q: q.replace("pass_mark: 75", "pass_mark: 175"), "pass_mark"),
        (lambda q: q.replace("category: Refusal, feedback", "category: Cold, feedback"), "questions[3].choices"),
        (lambda q: q.replace("answer: false", "answer: maybe"), "questions[1].answer"),
        (lambda q: q.replace("feedback: No.", "feedback: ''"), "questions[0].choices"),
    ],
)
def test_a_broken_quiz_file_names_the_field_and_changes_nothing(db, course_dir, change, field):
    course_import(folder=course_dir)
    (course_dir / "first" / "quiz.yaml").write_text(change(QUIZ).replace("First check", "Renamed"))

    with pytest.raises(ContentError) as error:
        course_import(folder=course_dir)

    assert error.value.path.name == "quiz.yaml" and error.value.field_name == field
    assert Quiz.objects.get().title == "First check"
