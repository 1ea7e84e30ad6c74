from http import HTTPStatus

import pytest
from django.urls import reverse

from courses.models import Enrollment, LessonProgress
from tests.factories import CourseFactory, EnrollmentFactory, course_with_lessons


def lesson_url(lesson, name="courses:lesson-detail"):
    module = lesson.module
    return reverse(name, args=[module.course.slug, module.slug, lesson.slug])


@pytest.fixture
def course_and_lessons(db):
    return course_with_lessons(3, modules=2, title="Calm calls")


def test_the_catalog_lists_published_courses_only(client, db):
    CourseFactory(title="Visible course")
    CourseFactory(title="Draft course", published=False)

    response = client.get(reverse("courses:catalog"))

    assert response.status_code == HTTPStatus.OK
    assert b"Visible course" in response.content
    assert b"Draft course" not in response.content


def test_a_missing_or_unpublished_course_is_a_404(client, db):
    draft = CourseFactory(published=False)

    assert client.get(reverse("courses:course-detail", args=["no-such-course"])).status_code == HTTPStatus.NOT_FOUND
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_lesson_of_an_unpublished_course_is_a_404(learner_client, db):
    course, lessons = course_with_lessons(1, published=False)

    assert learner_client.get(lesson_url(lessons[0])).status_code == HTTPStatus.NOT_FOUND


def test_the_course_page_lists_modules_and_lessons_for_anyone(client, course_and_lessons):
    course, lessons = course_and_lessons

    response = client.get(course.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    for lesson in lessons:
        assert lesson.title.encode() in response.content
    assert b"Sign up to enroll" in response.content


def test_an_anonymous_visitor_asking_for_a_lesson_is_sent_to_sign_in_and_back(client, course_and_lessons):
    _, lessons = course_and_lessons
    url = lesson_url(lessons[0])

    response = client.get(url)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_enrolling_takes_the_learner_to_the_first_lesson(learner_client, learner, course_and_lessons):
    course, lessons = course_and_lessons

    response = learner_client.post(reverse("courses:course-enroll", args=[course.slug]))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == lessons[0].get_absolute_url()
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


def test_enrolling_twice_keeps_one_enrollment(learner_client, learner, course_and_lessons):
    course, _ = course_and_lessons
    url = reverse("courses:course-enroll", args=[course.slug])

    learner_client.post(url)
    learner_client.post(url)

    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


def test_enrolling_needs_a_post(learner_client, course_and_lessons):
    course, _ = course_and_lessons

    response = learner_client.get(reverse("courses:course-enroll", args=[course.slug]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_a_lesson_page_shows_the_body_objectives_and_credit(learner_client, learner, course_and_lessons):
    course, lessons = course_and_lessons
    EnrollmentFactory(user=learner, course=course)
    lessons[0].objectives = "Name the four missteps"
    lessons[0].save()

    response = learner_client.get(lesson_url(lessons[0]))

    assert response.status_code == HTTPStatus.OK
    assert b"<strong>guidance</strong>" in response.content
    assert b"Name the four missteps" in response.content
    assert b"Draws on: A source article" in response.content
    assert b"Mark complete and continue" in response.content


def test_marking_a_lesson_complete_records_it_and_goes_to_the_next(learner_client, learner, course_and_lessons):
    course, lessons = course_and_lessons
    EnrollmentFactory(user=learner, course=course)

    response = learner_client.post(lesson_url(lessons[0], "courses:lesson-complete"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == lessons[1].get_absolute_url()
    progress = LessonProgress.objects.get(enrollment__user=learner)
    assert progress.lesson == lessons[0]
    page = learner_client.get(course.get_absolute_url())
    assert b"33% complete" in page.content
    assert f"Continue: {lessons[1].title}".encode() in page.content


def test_marking_the_last_lesson_returns_to_the_course(learner_client, learner, course_and_lessons):
    course, lessons = course_and_lessons
    EnrollmentFactory(user=learner, course=course)

    response = learner_client.post(lesson_url(lessons[-1], "courses:lesson-complete"))

    assert response.url == course.get_absolute_url()


def test_marking_a_lesson_twice_changes_nothing(learner_client, learner, course_and_lessons):
    course, lessons = course_and_lessons
    EnrollmentFactory(user=learner, course=course)
    url = lesson_url(lessons[0], "courses:lesson-complete")

    learner_client.post(url)
    first = LessonProgress.objects.get().completed_at
    learner_client.post(url)

    assert LessonProgress.objects.count() == 1
    assert LessonProgress.objects.get().completed_at == first


def test_marking_a_lesson_of_a_course_you_are_not_enrolled_in_is_refused(learner_client, course_and_lessons):
    _, lessons = course_and_lessons

    response = learner_client.post(lesson_url(lessons[0], "courses:lesson-complete"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert b"You are not enrolled in this course" in response.content
    assert not LessonProgress.objects.exists()


def test_the_dashboard_offers_to_continue_where_the_learner_left_off(learner_client, learner, course_and_lessons):
    course, lessons = course_and_lessons
    EnrollmentFactory(user=learner, course=course)
    learner_client.post(lesson_url(lessons[0], "courses:lesson-complete"))

    response = learner_client.get(reverse("courses:dashboard"))

    assert b"Continue where you left off" in response.content
    assert lessons[1].get_absolute_url().encode() in response.content
    assert b"1 of 3 required items done" in response.content


def test_the_dashboard_shows_no_other_learners_progress(learner_client, other_learner, course_and_lessons):
    course, _ = course_and_lessons
    EnrollmentFactory(user=other_learner, course=course)

    response = learner_client.get(reverse("courses:dashboard"))

    assert b"not enrolled in any course" in response.content


def test_lesson_text_from_the_database_is_rendered_safely(learner_client, learner, db):

    course, lessons = course_with_lessons(1)
    lessons[0].set_body("<script>alert(1)</script>**ok**")
    lessons[0].title = "<b>Title</b>"
    lessons[0].save()

    response = learner_client.get(lesson_url(lessons[0]))

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;b&gt;Title&lt;/b&gt;" in response.content
