import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Choice, Question, Response
from quizzes.services import attempt_start
from tests.factories import quiz_of_every_kind
from tests.quizzes.conftest import answers_for


def form_data(answers, quiz):
    """Encode learner-term answers as the HTML form posts them."""
    data = {"action": "submit"}
    for qid, answer in answers.items():
        if "choices" in answer:
            data[f"q{qid}"] = answer["choices"]
        elif "order" in answer:
            data.update({f"q{qid}-{key}": str(place) for place, key in enumerate(answer["order"], start=1)})
        else:
            data.update({f"q{qid}-{key}": category for key, category in answer["matches"].items()})
    return data


def test_the_quiz_page_shows_the_rules_and_starts_an_attempt(learner_client, learner, quiz, enrolled):
    page = learner_client.get(quiz.get_absolute_url())
    assert b"Pass mark: 60%" in page.content and b"6 questions" in page.content

    response = learner_client.post(reverse("quizzes:attempt-start", args=[quiz.course.slug, quiz.slug]))

    attempt = Attempt.objects.get(user=learner)
    assert response.status_code == HTTPStatus.FOUND and response.url == attempt.get_absolute_url()


def test_starting_a_quiz_of_a_course_you_are_not_in_is_refused(learner_client, quiz):
    response = learner_client.post(reverse("quizzes:attempt-start", args=[quiz.course.slug, quiz.slug]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert b"not enrolled" in response.content
    assert not Attempt.objects.exists()


def test_taking_the_quiz_on_one_page_grades_it_and_shows_feedback(learner_client, learner, quiz, enrolled):
    attempt, _ = attempt_start(user=learner, quiz=quiz)

    response = learner_client.post(reverse("quizzes:attempt-submit", args=[attempt.id]), form_data(answers_for(attempt), quiz))
    result = learner_client.get(response.url)

    attempt.refresh_from_db()
    assert attempt.percent == 100
    assert b"Attempt 1: 100%" in result.content and b"Passed." in result.content
    assert b"Feedback on Own the problem" in result.content
    assert b"Explanation 1" in result.content


def test_an_invalid_ordering_is_returned_with_the_learner_answers_kept(learner_client, learner, quiz, enrolled):
    attempt, _ = attempt_start(user=learner, quiz=quiz)
    ordering = quiz.questions.get(kind="ordering")
    single = quiz.questions.get(kind="single")
    data = form_data(answers_for(attempt), quiz)
    data[f"q{ordering.id}-1"] = data[f"q{ordering.id}-2"]  # two items in one place

    response = learner_client.post(reverse("quizzes:attempt-submit", args=[attempt.id]), data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert b"Give each item a different place from 1 to 4." in response.content
    chosen = data[f"q{single.id}"][0]
    assert f'value="{chosen}" checked'.encode() in response.content
    assert not Response.objects.exists()


def test_one_question_per_page_saves_each_answer_and_submits_on_the_last(learner_client, learner, course, enrolled):
    quiz = quiz_of_every_kind(course, one_question_per_page=True)
    attempt, _ = attempt_start(user=learner, quiz=quiz)
    answers = answers_for(attempt)
    url = reverse("quizzes:attempt-submit", args=[attempt.id])

    first_page = learner_client.get(attempt.get_absolute_url())
    assert b"Question 1 of 6" in first_page.content and first_page.content.count(b"<fieldset") == 1
    for page, item in enumerate(attempt.layout, start=1):
        action = "submit" if page == len(attempt.layout) else "next"
        data = {**form_data({item["q"]: answers[item["q"]]}, quiz), "page": page, "action": action}
        response = learner_client.post(url, data)
        assert response.status_code == HTTPStatus.FOUND

    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.percent == 100


@pytest.mark.parametrize("reveal", ["never", "after_passing"])
def test_answers_stay_hidden_when_the_quiz_says_so(learner_client, learner, course, enrolled, reveal):
    quiz = quiz_of_every_kind(course, reveal_answers=reveal)
    attempt, _ = attempt_start(user=learner, quiz=quiz)
    learner_client.post(reverse("quizzes:attempt-submit", args=[attempt.id]),
                        form_data(answers_for(attempt, correct=False), quiz))

    result = learner_client.get(attempt.get_absolute_url()).content

    assert b"Not passed yet" in result
    assert b"Feedback on" not in result and b"Explanation" not in result and b"Correct answer" not in result


def test_after_passing_reveals_the_answers_once_passed(learner_client, learner, course, enrolled):
    quiz = quiz_of_every_kind(course, reveal_answers="after_passing")
    attempt, _ = attempt_start(user=learner, quiz=quiz)
    learner_client.post(reverse("quizzes:attempt-submit", args=[attempt.id]), form_data(answers_for(attempt), quiz))

    assert b"Feedback on Own the problem" in learner_client.get(attempt.get_absolute_url()).content


def test_another_learners_attempt_is_a_404(client, learner, other_learner, quiz, enrolled):
    from tests.factories import PASSWORD

    attempt, _ = attempt_start(user=learner, quiz=quiz)
    client.login(username=other_learner.username, password=PASSWORD)

    assert client.get(attempt.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert client.post(reverse("quizzes:attempt-submit", args=[attempt.id]), {}).status_code == HTTPStatus.NOT_FOUND


def test_the_course_page_links_module_quizzes_and_the_final_assessment(client, course, quiz):
    page = client.get(course.get_absolute_url())

    assert quiz.get_absolute_url().encode() in page.content
    assert b"Final assessment" in page.content  # the sample quiz has no module


class TestAnswerKeysNeverLeakBeforeSubmission:
    def key_texts(self, quiz):
        texts = [c.feedback for c in Choice.objects.filter(question__quiz=quiz)]
        texts += [q.explanation for q in quiz.questions.all()]
        return texts

    def test_not_in_the_page(self, learner_client, learner, quiz, enrolled):
        attempt, _ = attempt_start(user=learner, quiz=quiz)

        html = learner_client.get(attempt.get_absolute_url()).content.decode()

        for text in self.key_texts(quiz):
            assert text not in html
        assert "correct" not in html.lower()
        assert "data-" not in html
        # Options are named by their place on the page, never by database id.
        values = re.findall(r'type="(?:radio|checkbox)" name="q\d+" value="([^"]*)"', html)
        assert values and set(values) <= {"1", "2", "3", "4"}

    def test_not_in_the_api(self, learner_client, learner, quiz, enrolled):
        attempt, _ = attempt_start(user=learner, quiz=quiz)

        data = learner_client.get(reverse("api:attempt-detail", args=[attempt.id])).json()

        body = str(data)
        for text in self.key_texts(quiz):
            assert text not in body
        for question in data["questions"]:
            assert question["explanation"] == ""
            for option in question["options"]:
                assert set(option) == {"key", "text", "chosen", "place", "matched"}

    def test_ordering_items_are_not_shown_in_the_correct_order(self, learner_client, learner, quiz, enrolled):
        attempt, _ = attempt_start(user=learner, quiz=quiz)
        ordering = Question.objects.get(quiz=quiz, kind="ordering")

        data = learner_client.get(reverse("api:attempt-detail", args=[attempt.id])).json()

        shown = next(q for q in data["questions"] if q["id"] == ordering.id)
        assert [o["text"] for o in shown["options"]] != ["Listen", "Acknowledge", "Ask", "Paraphrase"]
