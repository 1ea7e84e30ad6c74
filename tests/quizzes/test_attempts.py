from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from academy.errors import ApplicationError, PermissionDenied
from quizzes.models import Attempt, Response
from quizzes.services import attempt_answer_save, attempt_start, attempt_submit
from tests.quizzes.conftest import answers_for


def test_starting_needs_an_enrollment_in_the_quiz_course(learner, quiz):
    with pytest.raises(PermissionDenied, match="not enrolled"):
        attempt_start(user=learner, quiz=quiz)
    assert not Attempt.objects.exists()


def test_starting_twice_resumes_the_open_attempt_with_the_same_layout(learner, quiz, enrolled):
    first, created = attempt_start(user=learner, quiz=quiz)
    again, created_again = attempt_start(user=learner, quiz=quiz)

    assert (created, created_again) == (True, False)
    assert again.id == first.id and again.layout == first.layout


def test_shuffling_differs_between_attempts_but_never_leaves_ordering_items_in_the_right_order(learner, quiz, enrolled):
    layouts = []
    for _ in range(6):
        attempt, _ = attempt_start(user=learner, quiz=quiz)
        attempt_submit(user=learner, attempt_id=attempt.id, answers={})
        layouts.append(attempt.layout)

    assert len({str(layout) for layout in layouts}) > 1
    ordering = quiz.questions.get(kind="ordering")
    authored = list(ordering.choices.order_by("correct_position").values_list("id", flat=True))
    for layout in layouts:
        shown = next(item["c"] for item in layout if item["q"] == ordering.id)
        assert shown != authored


def test_without_shuffle_questions_keep_their_authored_order(learner, course, enrolled):
    from tests.factories import quiz_of_every_kind

    quiz = quiz_of_every_kind(course, shuffle=False)
    attempt, _ = attempt_start(user=learner, quiz=quiz)

    assert [item["q"] for item in attempt.layout] == list(quiz.questions.order_by("position").values_list("id", flat=True))


def test_all_correct_answers_score_full_marks_and_pass(learner, quiz, enrolled):
    attempt, _ = attempt_start(user=learner, quiz=quiz)

    attempt, graded = attempt_submit(user=learner, attempt_id=attempt.id, answers=answers_for(attempt))

    assert graded
    assert attempt.percent == 100 and attempt.passed
    assert attempt.max_points == 7
    assert Response.objects.filter(attempt=attempt, correct=True).count() == 6


def test_wrong_answers_score_zero_and_fail(learner, quiz, enrolled):
    attempt, _ = attempt_start(user=learner, quiz=quiz)

    attempt, _ = attempt_submit(user=learner, attempt_id=attempt.id, answers=answers_for(attempt, correct=False))

    assert attempt.percent == 0 and attempt.passed is False


def test_no_answers_at_all_is_graded_as_zero(learner, quiz, enrolled):
    attempt, _ = attempt_start(user=learner, quiz=quiz)

    attempt, _ = attempt_submit(user=learner, attempt_id=attempt.id, answers={})

    assert attempt.points == 0 and attempt.passed is False
    assert Response.objects.filter(attempt=attempt).count() == 6


def test_submitting_twice_grades_once(learner, quiz, enrolled):
    attempt, _ = attempt_start(user=learner, quiz=quiz)
    attempt_submit(user=learner, attempt_id=attempt.id, answers=answers_for(attempt))

    again, graded = attempt_submit(user=learner, attempt_id=attempt.id, answers=answers_for(attempt, correct=False))

    assert graded is False
    assert again.percent == 100
    assert Attempt.objects.filter(user=learner).count() == 1


@pytest.mark.parametrize(
    ("make_answers", "message"),
    [
        (lambda a, q: {999999: {"choices": ["1"]}}, "not part of your attempt"),
        (lambda a, q: {q("single"): {"choices": ["9"]}}, "no option '9'"),
        (lambda a, q: {q("single"): {"choices": ["1", "2"]}}, "Choose one option only"),
        (lambda a, q: {q("multiple"): {"choices": ["1", "1"]}}, "chosen twice"),
        (lambda a, q: {q("ordering"): {"order": ["1", "2"]}}, "all 4 items"),
        (lambda a, q: {q("matching"): {"matches": {"1": "Not a category"}}}, "not one of the categories"),
        (lambda a, q: {q("single"): "1"}, "must be an object"),
        (lambda a, q: {q("single"): {"choices": "1"}}, "as a list"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(learner, quiz, enrolled, make_answers, message):
    attempt, _ = attempt_start(user=learner, quiz=quiz)
    question_id = lambda kind: quiz.questions.get(kind=kind).id  # noqa: E731
    good = answers_for(attempt)

    with pytest.raises(ApplicationError) as error:
        attempt_submit(user=learner, attempt_id=attempt.id, answers={**good, **make_answers(attempt, question_id)})

    assert error.value.status == HTTPStatus.BAD_REQUEST
    assert message in " ".join(error.value.fields.values())
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    assert not Response.objects.filter(attempt=attempt).exists()


def test_the_attempt_limit_is_enforced(learner, course, enrolled):
    from tests.factories import quiz_of_every_kind

    quiz = quiz_of_every_kind(course, max_attempts=2)
    for _ in range(2):
        attempt, _ = attempt_start(user=learner, quiz=quiz)
        attempt_submit(user=learner, attempt_id=attempt.id, answers={})

    with pytest.raises(ApplicationError, match="used all 2 attempts"):
        attempt_start(user=learner, quiz=quiz)
    assert Attempt.objects.filter(user=learner).count() == 2


def test_a_submission_after_the_time_limit_is_refused_and_the_saved_answers_count(learner, course, enrolled):
    from tests.factories import quiz_of_every_kind

    quiz = quiz_of_every_kind(course, time_limit_minutes=10, one_question_per_page=True)
    attempt, _ = attempt_start(user=learner, quiz=quiz)
    single = quiz.questions.get(kind="single")
    answers = answers_for(attempt)
    attempt_answer_save(user=learner, attempt_id=attempt.id, question_id=single.id, answer=answers[single.id])
    Attempt.objects.filter(id=attempt.id).update(deadline=timezone.now() - timedelta(minutes=1))

    with pytest.raises(ApplicationError, match="time limit"):
        attempt_submit(user=learner, attempt_id=attempt.id, answers=answers)
    assert Response.objects.filter(attempt=attempt).count() == 1

    # Starting again closes the expired attempt on what was saved in time, then opens a new one.
    new, created = attempt_start(user=learner, quiz=quiz)
    attempt.refresh_from_db()
    assert created and new.number == 2
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.points == 1


def test_an_attempt_of_another_learner_cannot_be_submitted(learner, other_learner, quiz, enrolled):
    attempt, _ = attempt_start(user=learner, quiz=quiz)

    with pytest.raises(ApplicationError) as error:
        attempt_submit(user=other_learner, attempt_id=attempt.id, answers={})

    assert error.value.status == HTTPStatus.NOT_FOUND
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
