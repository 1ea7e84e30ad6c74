"""The site's pages under its Content-Security-Policy, in headless Chromium: nothing is refused.

A refused script or stylesheet does not fail a page outright, it quietly breaks it (no htmx, no
styles); Chromium reports each refusal on the console, which is what this test reads.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from quizzes.reviews import review_request_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages(world, review):
    """(role, URL) of the main pages each kind of person uses."""
    course, org = world.course, world.organization.slug
    return [
        ("anonymous", reverse("courses:catalog")),
        ("anonymous", reverse("accounts:login")),
        ("anonymous", reverse("accounts:signup")),
        ("anonymous", reverse("certificates:verify", args=[world.certificate.code])),
        ("anonymous", reverse("organizations:invitation-accept", args=[world.invitation.token])),
        ("owner", reverse("courses:dashboard")),
        ("owner", course.get_absolute_url()),
        ("owner", world.lesson.get_absolute_url()),
        ("owner", reverse("quizzes:quiz-detail", args=[course.slug, world.quiz.slug])),
        ("owner", reverse("quizzes:attempt-detail", args=[world.attempt.id])),
        ("owner", reverse("quizzes:exercise-detail", args=[course.slug, world.exercise.slug])),
        ("owner", reverse("quizzes:submission-detail", args=[world.submission.id])),
        ("owner", reverse("certificates:my-certificates")),
        ("hr", reverse("organizations:hr-dashboard", args=[org])),
        ("hr", reverse("organizations:people", args=[org])),
        ("hr", reverse("organizations:assign", args=[org])),
        ("hr", reverse("organizations:assignments", args=[org])),
        ("hr", reverse("organizations:compliance", args=[org])),
        ("hr", reverse("certificates:exports")),
        ("admin", reverse("admin:index")),
        ("admin", reverse("admin:courses_course_changelist")),
        ("admin", reverse("admin:courses_course_change", args=[course.id])),
        ("admin", reverse("admin:courses_course_history", args=[course.id])),
        ("admin", reverse("admin:courses_lesson_preview", args=[world.lesson.id])),
        ("admin", reverse("admin:quizzes_rewriteexercise_try_grader", args=[world.exercise.id])),
        ("admin", reverse("admin:quizzes_rewriteexercise_calibration", args=[world.exercise.id])),
        ("admin", reverse("admin:quizzes_reviewrequest_change", args=[review.id])),
    ]


def is_problem(message):
    # The admin's pages name no icon, so Chromium asks for /favicon.ico, which the site does not have.
    return message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico")


def sign_in(context, world, role, base_url):
    context.clear_cookies()
    if world.users[role] is None:
        return
    client = Client()
    client.force_login(world.users[role])
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


def test_the_main_pages_load_with_nothing_refused_by_the_policy(live_server, browser, world):
    review = review_request_create(user=world.users["owner"], submission_id=world.submission.id,
                                   comment="The apology is in my first sentence.")
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if is_problem(message) else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    role = None
    for who, url in pages(world, review):
        if who != role:
            sign_in(context, world, who, live_server.url)
            role = who
        response = page.goto(live_server.url + url)

        assert "Content-Security-Policy" in response.headers or "content-security-policy" in response.headers
        assert response.status == 200, f"{url} as {who}: {response.status}"
        assert not problems, f"{url} as {who}: {problems}"
        if who != "admin":
            # Our own script and stylesheet ran: htmx is there, and site.css set the page's font.
            assert page.evaluate("typeof window.htmx") == "object", url
            assert "system-ui" in page.evaluate("getComputedStyle(document.body).fontFamily"), url
    context.close()
