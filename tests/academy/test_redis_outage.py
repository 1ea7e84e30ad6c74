"""Redis stops while learners work: pages and grading go on, no one sees a 500, and no task is lost.

Runs in the second CI pass (PostgreSQL, so that the app under gunicorn and the
test share a database). The app and its worker use a redis-server of the test's
own, which is killed mid-way as abruptly as a crash. A course completed while
Redis is down cannot enqueue its certificate; the completion is saved anyway,
and once Redis is back the periodic sweep finds the enrollment without a
certificate and the worker issues it, once.
"""

import os
import shutil
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.selectors import PENDING_AFTER
from courses.models import Enrollment, LessonProgress
from quizzes.models import Submission
from tests.concurrency import wait_for
from tests.factories import GOOD_REPLY, EnrollmentFactory, UserFactory, course_with_lessons, rewrite_exercise
from tests.processes import PrivateRedis, app_environment, celery_call, celery_worker, served_app, signed_in_session

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.skipif(os.environ.get("ACADEMY_REAL_WORKER") != "1",
                       reason="needs PostgreSQL and real processes (second CI pass: ACADEMY_REAL_WORKER=1)"),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server to start a private one"),
]


@pytest.mark.django_db(transaction=True)
def test_learners_keep_working_through_a_redis_outage_and_the_certificate_follows(tmp_path):
    redis = PrivateRedis(tmp_path)
    redis.start()
    env = app_environment(REDIS_URL=redis.url, MEDIA_ROOT=str(tmp_path / "media"))
    course, lessons = course_with_lessons(2)
    exercise = rewrite_exercise(course)
    learner = UserFactory()
    enrollment = EnrollmentFactory(user=learner, course=course)
    session = signed_in_session(learner)
    log = tmp_path / "processes.log"
    try:
        with served_app(env, log) as base:
            assert session.get(f"{base}/dashboard/", timeout=10).status_code == HTTPStatus.OK
            first = session.post(f"{base}/api/v1/lessons/{lessons[0].id}/completion/", timeout=10)
            assert first.status_code == HTTPStatus.CREATED

            redis.stop()

            lesson_page = session.get(f"{base}{lessons[1].get_absolute_url()}", timeout=10)
            assert lesson_page.status_code == HTTPStatus.OK, lesson_page.text[:500]
            graded = session.post(f"{base}/api/v1/exercises/{exercise.id}/submissions/",
                                  json={"text": GOOD_REPLY}, timeout=10)
            assert graded.status_code == HTTPStatus.CREATED, graded.text[:500]
            assert graded.json()["passed"] is True  # the grader needs no Redis: the feedback is there at once
            # The last lesson completes the course, whose certificate task cannot be sent now.
            last = session.post(f"{base}/api/v1/lessons/{lessons[1].id}/completion/", timeout=10)
            assert last.status_code == HTTPStatus.CREATED, last.text[:500]
            dashboard = session.get(f"{base}/dashboard/", timeout=10)
            assert dashboard.status_code == HTTPStatus.OK
            assert session.get(f"{base}/certificates/", timeout=10).status_code == HTTPStatus.OK
    finally:
        if redis.process and redis.process.poll() is None:
            redis.stop()

    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None  # the completion was saved despite the outage
    assert LessonProgress.objects.filter(enrollment=enrollment).count() == 2
    assert Submission.objects.filter(user=learner).count() == 1
    assert not Certificate.objects.exists()

    redis.start()  # Redis is back, on the same address and empty, as after a crash
    try:
        # Past the sweep's grace period, as a few minutes after the outage.
        Enrollment.objects.filter(id=enrollment.id).update(
            completed_at=timezone.now() - PENDING_AFTER - timedelta(minutes=1))
        with celery_worker(env, log):
            celery_call(env, "certificates.tasks.sweep_pending_certificates")
            issued = wait_for(lambda: Certificate.objects.filter(pdf_ready_at__isnull=False).exists(), timeout=90)
            assert issued, f"the sweep did not get the certificate issued:\n{log.read_text()[-3000:]}"
            celery_call(env, "certificates.tasks.sweep_pending_certificates")  # a second tick changes nothing
            assert not wait_for(lambda: Certificate.objects.count() > 1, timeout=5)
    finally:
        redis.stop()

    assert Certificate.objects.filter(user=learner, course=course).count() == 1
