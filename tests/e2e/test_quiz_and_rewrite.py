"""A learner takes a quiz and a rewrite exercise in headless Chromium, keyboard and mouse."""

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt, Submission
from tests.factories import (
    GOOD_REPLY, PASSWORD, EnrollmentFactory, QuizFactory, UserFactory, add_question, course_with_lessons,
    rewrite_exercise,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, next_url):
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill("quizzer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_learner_takes_a_quiz_and_sees_feedback(live_server, page):
    course, _ = course_with_lessons(1)
    EnrollmentFactory(user=UserFactory(username="quizzer"), course=course)
    quiz = QuizFactory(course=course, title="Quick check", shuffle=False)
    add_question(quiz, "single", [("Own the problem", True), ("Quote the policy", False)], prompt="First move?")
    add_question(quiz, "ordering", [("Listen", 1), ("Acknowledge", 2), ("Solve", 3)], prompt="Order the steps")

    sign_in(page, live_server, quiz.get_absolute_url())
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_label("Own the problem").check()
    for text, place in (("Listen", "1"), ("Acknowledge", "2"), ("Solve", "3")):
        page.get_by_label(text).select_option(place)
    page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_role("heading", name="Attempt 1: 100%")).to_be_visible()
    expect(page.get_by_text("Feedback on Own the problem")).to_be_visible()
    assert Attempt.objects.get().passed


def test_a_learner_rewrites_a_reply_and_sees_highlighted_feedback(live_server, page):
    course, _ = course_with_lessons(1)
    EnrollmentFactory(user=UserFactory(username="quizzer"), course=course)
    exercise = rewrite_exercise(course)

    sign_in(page, live_server, exercise.get_absolute_url())
    page.get_by_label("Your reply").fill(GOOD_REPLY)
    page.get_by_role("button", name="Grade my reply").click()

    expect(page.get_by_role("heading", name="Submission 1:")).to_be_visible()
    expect(page.get_by_text("Passed. This reply does what the course teaches.")).to_be_visible()
    assert page.locator("mark.met").count() > 0
    assert Submission.objects.get().passed
