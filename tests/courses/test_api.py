from http import HTTPStatus

import pytest
from django.urls import reverse

from courses.models import Enrollment, LessonProgress
from tests.factories import CourseFactory, EnrollmentFactory, course_with_lessons


@pytest.fixture
def course_and_lessons(db):
    return course_with_lessons(3)


def test_the_course_list_is_public_and_shows_published_courses(client, course_and_lessons):
    CourseFactory(title="Draft", published=False)

    response = client.get(reverse("api:course-list"))

    assert response.status_code == HTTPStatus.OK
    titles = [course["title"] for course in response.json()]
    assert course_and_lessons[0].title in titles and "Draft" not in titles


def test_the_outline_shows_my_progress(learner_client, learner, course_and_lessons):
    course, lessons = course_and_lessons
    EnrollmentFactory(user=learner, course=course)
    learner_client.post(reverse("api:lesson-complete", args=[lessons[0].id]))

    data = learner_client.get(reverse("api:course-detail", args=[course.slug])).json()

    assert data["enrolled"] is True
    assert data["percent"] == 33
    assert data["next_lesson_id"] == lessons[1].id
    assert [lesson["done"] for lesson in data["modules"][0]["lessons"]] == [True, False, False]


def test_enrolling_through_the_api_is_idempotent(learner_client, learner, course_and_lessons):
    course, _ = course_and_lessons
    url = reverse("api:enrollment-create", args=[course.slug])

    first = learner_client.post(url)
    second = learner_client.post(url)

    assert (first.status_code, second.status_code) == (HTTPStatus.CREATED, HTTPStatus.OK)
    assert Enrollment.objects.filter(user=learner).count() == 1


def test_enrolling_in_an_unpublished_course_is_a_404(learner_client, db):
    draft = CourseFactory(published=False)

    response = learner_client.post(reverse("api:enrollment-create", args=[draft.slug]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert set(response.json()) == {"detail", "code", "fields"}


def test_completing_a_lesson_without_enrollment_is_refused_with_a_reason(learner_client, course_and_lessons):
    _, lessons = course_and_lessons

    response = learner_client.post(reverse("api:lesson-complete", args=[lessons[0].id]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_enrolled"
    assert "not enrolled" in response.json()["detail"]
    assert not LessonProgress.objects.exists()


def test_completing_twice_records_once(learner_client, learner, course_and_lessons):
    course, lessons = course_and_lessons
    EnrollmentFactory(user=learner, course=course)
    url = reverse("api:lesson-complete", args=[lessons[0].id])

    assert learner_client.post(url).status_code == HTTPStatus.CREATED
    assert learner_client.post(url).status_code == HTTPStatus.OK
    assert LessonProgress.objects.count() == 1


def test_signed_out_writes_are_refused(client, course_and_lessons):
    course, lessons = course_and_lessons

    assert client.post(reverse("api:enrollment-create", args=[course.slug])).status_code == HTTPStatus.FORBIDDEN
    assert client.post(reverse("api:lesson-complete", args=[lessons[0].id])).status_code == HTTPStatus.FORBIDDEN
    assert client.get(reverse("api:my-enrollments")).status_code == HTTPStatus.FORBIDDEN


def test_completion_needs_a_post(learner_client, course_and_lessons):
    _, lessons = course_and_lessons

    response = learner_client.get(reverse("api:lesson-complete", args=[lessons[0].id]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response.json()["code"] == "method_not_allowed"


def test_my_enrollments_show_only_mine(learner_client, learner, other_learner, course_and_lessons):
    course, _ = course_and_lessons
    EnrollmentFactory(user=learner, course=course)
    EnrollmentFactory(user=other_learner, course=CourseFactory(title="Someone else's"))

    data = learner_client.get(reverse("api:my-enrollments")).json()

    assert [item["course"] for item in data] == [course.slug]
    assert data[0]["total"] == 3 and data[0]["percent"] == 0


def test_the_openapi_schema_documents_the_endpoints(client, db):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")

    assert response.status_code == HTTPStatus.OK
    paths = response.json()["paths"]
    assert "/api/v1/courses/{course_slug}/enrollment/" in paths
    assert "/api/v1/lessons/{lesson_id}/completion/" in paths
