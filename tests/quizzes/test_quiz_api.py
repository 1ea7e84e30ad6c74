from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import Attempt, Response
from tests.factories import ModuleFactory, QuizFactory, add_question
from tests.quizzes.conftest import answers_for


def start(client, quiz):
    return client.post(reverse("api:attempt-start", args=[quiz.id]))


def test_a_module_lists_its_quizzes(learner_client, course):
    module = ModuleFactory(course=course)
    QuizFactory(course=course, module=module, title="Module check")

    data = learner_client.get(reverse("api:module-quizzes", args=[module.id])).json()

    assert [quiz["title"] for quiz in data] == ["Module check"]


def test_start_submit_and_read_the_result(learner_client, learner, quiz, enrolled):
    started = start(learner_client, quiz)
    assert started.status_code == HTTPStatus.CREATED
    attempt = Attempt.objects.get(id=started.json()["id"])

    submitted = learner_client.post(reverse("api:attempt-submit", args=[attempt.id]),
                                    {"answers": answers_for(attempt)}, content_type="application/json")

    assert submitted.status_code == HTTPStatus.OK
    result = submitted.json()
    assert result["status"] == "submitted" and result["percent"] == 100 and result["passed"] is True
    assert result["answers_revealed"] is True
    assert all("feedback" in option for q in result["questions"] for option in q["options"])
    mine = learner_client.get(reverse("api:my-attempts")).json()
    assert [item["id"] for item in mine["results"]] == [attempt.id]


def test_starting_again_returns_the_open_attempt(learner_client, quiz, enrolled):
    first = start(learner_client, quiz).json()
    second = start(learner_client, quiz)

    assert second.status_code == HTTPStatus.OK and second.json()["id"] == first["id"]


def test_starting_without_enrollment_is_a_403_with_a_reason(learner_client, quiz):
    response = start(learner_client, quiz)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_enrolled"


def test_a_bad_submission_is_a_400_naming_the_question_and_saves_nothing(learner_client, learner, quiz, enrolled):
    attempt = Attempt.objects.get(id=start(learner_client, quiz).json()["id"])
    single = quiz.questions.get(kind="single")

    response = learner_client.post(reverse("api:attempt-submit", args=[attempt.id]),
                                   {"answers": {str(single.id): {"choices": ["7"]}}}, content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    body = response.json()
    assert body["code"] == "invalid_answers" and f"question-{single.id}" in body["fields"]
    assert not Response.objects.exists()


def test_a_malformed_body_is_a_400(learner_client, quiz, enrolled):
    attempt_id = start(learner_client, quiz).json()["id"]

    response = learner_client.post(reverse("api:attempt-submit", args=[attempt_id]), {"answers": "all of them"},
                                   content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "answers" in response.json()["fields"]


def test_another_learner_cannot_read_or_submit_my_attempt(client, learner_client, other_learner, quiz, enrolled):
    from tests.factories import PASSWORD

    attempt_id = start(learner_client, quiz).json()["id"]
    client.login(username=other_learner.username, password=PASSWORD)

    assert client.get(reverse("api:attempt-detail", args=[attempt_id])).status_code == HTTPStatus.NOT_FOUND
    assert client.post(reverse("api:attempt-submit", args=[attempt_id]), {"answers": {}},
                       content_type="application/json").status_code == HTTPStatus.NOT_FOUND
    assert client.get(reverse("api:my-attempts")).json()["results"] == []


def test_signed_out_is_refused(client, quiz):
    assert start(client, quiz).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("sizes", [(3, 30)])
def test_submitting_costs_the_same_queries_for_3_and_30_questions(learner_client, learner, course, enrolled, sizes):
    counts = []
    for size in sizes:
        quiz = QuizFactory(course=course)
        for i in range(size):
            add_question(quiz, "single", [(f"right {i}", True), (f"wrong {i}", False)])
        attempt = Attempt.objects.get(id=start(learner_client, quiz).json()["id"])
        answers = answers_for(attempt)
        with CaptureQueriesContext(connection) as queries:
            response = learner_client.post(reverse("api:attempt-submit", args=[attempt.id]), {"answers": answers},
                                           content_type="application/json")
        assert response.status_code == HTTPStatus.OK
        counts.append(len(queries))
    assert counts[0] == counts[1], f"{counts[0]} queries for {sizes[0]} questions, {counts[1]} for {sizes[1]}"
