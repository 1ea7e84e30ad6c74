"""A learner's first walk through a course, in headless Chromium."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import LessonProgress
from tests.factories import course_with_lessons

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_learner_signs_up_enrolls_completes_a_lesson_and_sees_progress(live_server, page):
    course, lessons = course_with_lessons(3, title="Calm calls")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Calm calls").click()
    page.get_by_role("link", name="Sign up to enroll").click()
    page.get_by_label("Username").fill("walker")
    page.get_by_label("First name").fill("Wanda")
    page.get_by_label("Last name").fill("Walker")
    page.get_by_label("E-mail").fill("wanda@example.com")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a-sturdy-passphrase-7")
    page.get_by_label("Password confirmation").fill("a-sturdy-passphrase-7")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", name="Calm calls")).to_be_visible()
    page.get_by_role("button", name="Enroll in this course").click()
    expect(page.get_by_role("heading", name=lessons[0].title)).to_be_visible()

    page.get_by_role("button", name="Mark complete and continue").click()
    expect(page.get_by_role("heading", name=lessons[1].title)).to_be_visible()
    expect(page.get_by_text("33% complete")).to_be_visible()

    page.get_by_role("link", name="My learning").click()
    expect(page.get_by_role("heading", name="Continue where you left off")).to_be_visible()
    expect(page.get_by_text("1 of 3 required items done")).to_be_visible()
    assert LessonProgress.objects.filter(enrollment__user__username="walker").count() == 1


def test_the_lesson_page_is_usable_from_the_keyboard(live_server, page, django_user_model):
    course, lessons = course_with_lessons(2, title="Keyboard course")
    from tests.factories import PASSWORD, EnrollmentFactory, UserFactory

    user = UserFactory(username="keys")
    EnrollmentFactory(user=user, course=course)
    page.goto(f"{live_server.url}/accounts/login/?next={lessons[0].get_absolute_url()}")
    page.get_by_label("Username").fill("keys")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=lessons[0].title)).to_be_visible()

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    button = page.get_by_role("button", name="Mark complete and continue")
    button.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "the focused button has no visible focus outline"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=lessons[1].title)).to_be_visible()
