from http import HTTPStatus

import pytest
from django.urls import reverse

from quizzes.models import Choice, Question
from tests.factories import PASSWORD, QuizFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    client.login(username="root", password=PASSWORD)
    return client


def question_form(quiz, kind, choices, categories=""):
    data = {
        "quiz": quiz.id, "position": 1, "kind": kind, "points": 1, "scenario": "", "prompt": "Which is best?",
        "explanation": "", "partial_credit": "per_choice", "ordering_credit": "exact", "categories": categories,
        "choices-TOTAL_FORMS": len(choices), "choices-INITIAL_FORMS": 0, "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, choice in enumerate(choices):
        for key, value in {"position": i + 1, "feedback": "Because.", **choice}.items():
            if value is not False and value is not None:
                data[f"choices-{i}-{key}"] = value
    return data


@pytest.mark.parametrize(
    ("kind", "choices", "categories", "message"),
    [
        ("single", [{"text": "A", "is_correct": "on"}, {"text": "B", "is_correct": "on"}], "",
         "needs exactly one correct choice; it has 2"),
        ("single", [{"text": "A"}, {"text": "B"}], "", "needs exactly one correct choice; it has 0"),
        ("ordering", [{"text": "A", "correct_position": 1}, {"text": "B", "correct_position": 1}], "",
         "The places must be 1 to 2, each used once"),
        ("matching", [{"text": "A", "category": "Blame"}, {"text": "B", "category": "Nope"}], "Blame\nRefusal",
         "not in the category list: Nope"),
        ("multiple", [{"text": "A", "is_correct": "on", "feedback": ""}, {"text": "B"}], "",
         "This field is required"),
    ],
)
def test_the_admin_refuses_an_invalid_question_and_says_what_to_fix(admin_client, kind, choices, categories, message):
    quiz = QuizFactory()

    response = admin_client.post(reverse("admin:quizzes_question_add"), question_form(quiz, kind, choices, categories))

    assert response.status_code == HTTPStatus.OK  # the form comes back
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Question.objects.exists() and not Choice.objects.exists()


def test_the_admin_saves_a_valid_question(admin_client):
    quiz = QuizFactory()
    data = question_form(quiz, "single", [{"text": "A", "is_correct": "on"}, {"text": "B"}])

    response = admin_client.post(reverse("admin:quizzes_question_add"), data)

    assert response.status_code == HTTPStatus.FOUND
    assert Question.objects.get().choices.filter(is_correct=True).count() == 1
