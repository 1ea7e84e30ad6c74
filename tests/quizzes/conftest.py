import pytest

from quizzes.models import Choice, Question
from tests.factories import EnrollmentFactory, course_with_lessons, quiz_of_every_kind


@pytest.fixture
def course(db):
    return course_with_lessons(1)[0]


@pytest.fixture
def quiz(course):
    return quiz_of_every_kind(course)


@pytest.fixture
def enrolled(learner, course):
    return EnrollmentFactory(user=learner, course=course)


def answers_for(attempt, *, correct=True):
    """Answers in the learner's terms (option keys), all right or all wrong."""
    answers = {}
    for item in attempt.layout:
        question = Question.objects.get(id=item["q"])
        choices = {c.id: c for c in Choice.objects.filter(question=question)}
        keys = {cid: str(i) for i, cid in enumerate(item["c"], start=1)}
        if question.kind == "ordering":
            order = sorted(item["c"], key=lambda cid: choices[cid].correct_position)
            answers[question.id] = {"order": [keys[cid] for cid in (order if correct else order[::-1])]}
        elif question.kind == "matching":
            wrong = {c: next(x for x in question.category_list if x != choices[c].category) for c in choices}
            answers[question.id] = {"matches": {keys[cid]: choices[cid].category if correct else wrong[cid]
                                                for cid in item["c"]}}
        else:
            answers[question.id] = {"choices": [keys[cid] for cid in item["c"] if choices[cid].is_correct == correct][:1 if question.kind != "multiple" else None]}
    return answers
