"""The Celery tasks: retried on failure but not on refusal, enqueued after commit, and swept up when lost.

Tests that need a task's effect through the queue use committed data and poll
the database: in the second CI pass a real worker does the work, in its own time.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from academy.celery import app as celery_app
from academy.errors import ApplicationError
from certificates import services, tasks
from certificates.models import Certificate, CertificateExport
from certificates.selectors import certificates_pending, exports_pending
from certificates.services import certificate_issue_on_commit
from tests.certificates.factories import OrganizationFactory, completed_enrollment, issued_certificate
from tests.concurrency import wait_for
from tests.factories import CourseFactory, EnrollmentFactory


@pytest.fixture(autouse=True)
def retries_run_in_process(monkeypatch):
    """Let apply() run a task here, in both CI passes, with its retry policy: retries follow at once.

    A propagated error would stop an in-process task at its first retry, so errors
    are kept on the result instead.
    """
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)


def flaky(failures):
    """A stand-in renderer that fails `failures` times, then renders; counts its calls."""
    real = services.render_certificate_pdf
    calls = []

    def render(certificate):
        calls.append(certificate.id)
        if len(calls) <= failures:
            raise OSError("the disk is briefly unavailable")
        return real(certificate)

    render.calls = calls
    return render


def test_issuing_retries_on_failure_and_then_succeeds(db, monkeypatch):
    enrollment = completed_enrollment()
    render = flaky(2)
    monkeypatch.setattr(services, "render_certificate_pdf", render)

    result = tasks.issue_certificate.apply(args=[enrollment.id])

    assert result.successful()
    assert len(render.calls) == 3
    assert Certificate.objects.get().pdf_ready_at is not None


def test_issuing_gives_up_after_five_retries(db, monkeypatch):
    enrollment = completed_enrollment()
    render = flaky(100)
    monkeypatch.setattr(services, "render_certificate_pdf", render)

    result = tasks.issue_certificate.apply(args=[enrollment.id])

    assert result.failed()
    assert isinstance(result.result, OSError)
    assert len(render.calls) == 6  # the first run and five retries
    assert Certificate.objects.get().pdf_ready_at is None  # left for the sweep


def test_a_refusal_is_not_retried(db, monkeypatch):
    enrollment = EnrollmentFactory()  # not completed
    calls = []
    real = services.certificate_issue
    monkeypatch.setattr(services, "certificate_issue", lambda **kwargs: calls.append(kwargs) or real(**kwargs))

    result = tasks.issue_certificate.apply(args=[enrollment.id])

    assert result.failed()
    assert isinstance(result.result, ApplicationError)
    assert len(calls) == 1


def test_the_tasks_are_acknowledged_late_and_retry_with_backoff():
    for task in (tasks.issue_certificate, tasks.build_certificate_zip):
        assert task.acks_late is True
        assert task.max_retries == 5
        assert task.retry_backoff is True
        assert task.autoretry_for == (Exception,)
        assert task.dont_autoretry_for == (ApplicationError,)


@pytest.mark.django_db(transaction=True)
def test_the_entry_point_issues_the_certificate_after_the_commit():
    enrollment = completed_enrollment()

    with transaction.atomic():
        certificate_issue_on_commit(enrollment)
        assert not Certificate.objects.exists()  # nothing runs before the commit

    assert wait_for(lambda: Certificate.objects.filter(enrollment=enrollment, pdf_ready_at__isnull=False).exists()), (
        "no certificate was issued")
    assert Certificate.objects.count() == 1


def test_the_entry_point_enqueues_nothing_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    enrollment = completed_enrollment()

    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                certificate_issue_on_commit(enrollment)
                raise RuntimeError("the completion failed")
        except RuntimeError:
            pass

    assert callbacks == []


def test_a_broker_outage_does_not_fail_the_completion(db, monkeypatch, django_capture_on_commit_callbacks, caplog):
    enrollment = completed_enrollment()

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.issue_certificate, "apply_async", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue_on_commit(enrollment)  # does not raise: the sweep will issue it

    assert "Connection refused" in caplog.text


def test_pending_work_is_what_is_older_than_the_cutoff(db):
    long_ago = timezone.now() - timedelta(hours=1)
    without_certificate = completed_enrollment(completed_at=long_ago)
    without_pdf = issued_certificate(issued_at=long_ago, pdf="", pdf_ready_at=None)
    completed_enrollment()  # just completed: its task is probably still in flight
    issued_certificate(pdf="", pdf_ready_at=None)  # likewise
    issued_certificate(issued_at=long_ago)  # done
    EnrollmentFactory()  # not completed

    assert sorted(certificates_pending()) == sorted([without_certificate.id, without_pdf.enrollment_id])


def test_pending_exports_are_those_not_built_after_the_cutoff(db):
    organization, course = OrganizationFactory(), CourseFactory()
    long_ago = timezone.now() - timedelta(hours=1)
    lost = CertificateExport.objects.create(organization=organization, course=course, requested_at=long_ago)
    CertificateExport.objects.create(organization=organization, course=course)
    CertificateExport.objects.create(organization=organization, course=course, requested_at=long_ago,
                                     ready_at=timezone.now())

    assert exports_pending() == [lost.id]


@pytest.mark.django_db(transaction=True)
def test_the_sweep_issues_what_lost_tasks_left_undone():
    long_ago = timezone.now() - timedelta(hours=1)
    without_certificate = completed_enrollment(completed_at=long_ago)
    without_pdf = issued_certificate(issued_at=long_ago, pdf="", pdf_ready_at=None)

    result = tasks.sweep_pending_certificates.apply().get()

    assert result == {"certificates": 2, "exports": 0}
    ready = Certificate.objects.filter(pdf_ready_at__isnull=False)
    assert wait_for(lambda: ready.count() == 2), "the sweep's tasks did not run"
    assert {c.enrollment_id for c in ready} == {without_certificate.id, without_pdf.enrollment_id}


def test_the_sweep_command_catches_up_in_process(db):
    from io import StringIO

    from django.core.management import call_command

    enrollment = completed_enrollment(completed_at=timezone.now() - timedelta(hours=1))
    out = StringIO()

    call_command("sweep_certificates", stdout=out)

    assert Certificate.objects.get(enrollment=enrollment).pdf_ready_at is not None
    assert "1 certificates issued, 0 failed." in out.getvalue()
