"""Quiz attempts and rewrites cost the same queries after 1 earlier attempt or rewrite as after 6."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import Attempt
from quizzes.rewrites import submission_create
from quizzes.services import attempt_start, attempt_submit
from tests.factories import GOOD_REPLY, EnrollmentFactory, UserFactory, rewrite_exercise
from tests.quizzes.conftest import answers_for
from tests.quizzes.test_quiz_pages import form_data


@pytest.fixture
def exercise(course):
    return rewrite_exercise(course)


@pytest.fixture
def grow(learner, course, quiz, exercise, enrolled):
    """`grow(rows)`: the learner has `rows` submitted attempts at the quiz and `rows` rewrites of the exercise,
    made through the services; another learner has some of each too."""
    other = UserFactory()
    EnrollmentFactory(user=other, course=course)
    for person in (learner, other):
        attempt_submit(user=person, attempt_id=attempt_start(user=person, quiz=quiz)[0].id, answers={})
        submission_create(user=person, exercise=exercise, text=GOOD_REPLY)

    def to(rows):
        for i in range(Attempt.objects.filter(user=learner).count(), rows):
            attempt_submit(user=learner, attempt_id=attempt_start(user=learner, quiz=quiz)[0].id, answers={})
            submission_create(user=learner, exercise=exercise, text=f"{GOOD_REPLY} ({i})")
    return to


def count_queries(send):
    with CaptureQueriesContext(connection) as context:
        response = send()
    assert response.status_code < 400, response.content[:500]
    return len(context.captured_queries), response


def measured(grow, send, prepare=lambda: None):
    """Queries of `send(prepare())` after 1 and after 6 earlier attempts and rewrites; prepare() is not counted."""
    counts = []
    for rows in (1, 6):
        grow(rows)
        prepared = prepare()
        counts.append(count_queries(lambda: send(prepared))[0])
    return counts


def open_attempt(learner, quiz):
    return attempt_start(user=learner, quiz=quiz)[0]


def test_starting_an_attempt_costs_the_same_queries(learner_client, learner, quiz, grow):
    def no_open_attempt():  # so that each start makes a new attempt
        Attempt.objects.filter(user=learner, status="in_progress").delete()

    page = measured(grow, lambda _: learner_client.post(reverse("quizzes:attempt-start",
                                                                args=[quiz.course.slug, quiz.slug])),
                    no_open_attempt)
    api = measured(grow, lambda _: learner_client.post(reverse("api:attempt-start", args=[quiz.id])),
                   no_open_attempt)

    assert page[0] == page[1] and api[0] == api[1], f"page {page}, API {api}"
    # session, user, course, quiz, savepoint, enrollment locked, an open attempt?, attempts used and numbered,
    # questions, their choices, insert, release
    assert page[1] <= 12
    # the quiz alone instead of course and quiz, then the attempt as the API shows it: questions, choices, answers
    assert api[1] <= 14


def test_submitting_an_attempt_costs_the_same_queries(learner_client, learner, quiz, grow):
    def started():
        attempt = open_attempt(learner, quiz)
        return attempt, answers_for(attempt, correct=False)

    def submit_on_the_page(prepared):
        attempt, answers = prepared
        return learner_client.post(reverse("quizzes:attempt-submit", args=[attempt.id]), form_data(answers, quiz))

    def submit_in_the_api(prepared):
        attempt, answers = prepared
        return learner_client.post(reverse("api:attempt-submit", args=[attempt.id]), {"answers": answers},
                                   content_type="application/json")

    page, api = measured(grow, submit_on_the_page, started), measured(grow, submit_in_the_api, started)

    assert page[0] == page[1] and api[0] == api[1], f"page {page}, API {api}"
    # session, user, the attempt, its questions, choices and saved answers (to read the form), savepoint, its
    # enrollment's id, enrollment locked, attempt locked, questions, choices, saved answers, insert answers,
    # update answers, insert the picks item statistics count, update attempt, release
    assert page[1] <= 18
    # no form to read, but the graded attempt to show: questions, choices and answers after the release
    assert api[1] <= 17


def test_submitting_a_rewrite_costs_the_same_queries(learner_client, learner, exercise, grow):
    def token_from_the_page():
        page = learner_client.get(exercise.get_absolute_url()).content.decode()
        return re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)

    page = measured(grow, lambda token: learner_client.post(exercise.get_absolute_url(),
                                                            {"text": GOOD_REPLY, "token": token}),
                    token_from_the_page)
    api = measured(grow, lambda _: learner_client.post(reverse("api:submission-create", args=[exercise.id]),
                                                       {"text": GOOD_REPLY}, content_type="application/json"))

    assert page[0] == page[1] and api[0] == api[1], f"page {page}, API {api}"
    # session, user, course, exercise with its rubric, savepoint, enrollment locked, same token saved before?,
    # the rubric's criteria, last number, insert, insert the verdicts item statistics count,
    # "a required lesson left?" (the reply passed), release
    assert page[1] <= 13
    # the exercise with its rubric instead of course and exercise, and no token
    assert api[1] <= 11


@pytest.mark.parametrize("page", ["quiz", "attempt", "result", "exercise", "submission"])
def test_a_quiz_or_rewrite_page_costs_the_same_queries(learner_client, learner, quiz, exercise, grow, page):
    counts = []
    for rows in (1, 6):
        grow(rows)
        attempt = Attempt.objects.filter(user=learner, status="submitted").order_by("-number").first()
        url = {
            "quiz": quiz.get_absolute_url(),
            "attempt": lambda: open_attempt(learner, quiz).get_absolute_url(),
            "result": attempt.get_absolute_url(),
            "exercise": exercise.get_absolute_url(),
            "submission": learner.rewrite_submissions.order_by("-number").first().get_absolute_url(),
        }[page]
        url = url() if callable(url) else url
        counts.append(count_queries(lambda: learner_client.get(url))[0])

    assert counts[0] == counts[1], f"{page}: {counts[0]} queries after 1 attempt and rewrite, {counts[1]} after 6"
