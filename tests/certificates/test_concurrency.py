"""Concurrent issues of one certificate create one row and render one PDF. Runs on PostgreSQL (the second
CI pass): SQLite serialises whole transactions, so it cannot show a race either way."""

import threading

import pytest
from django.db import connection

from certificates import services
from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.certificates.factories import completed_enrollment
from tests.concurrency import run_concurrently

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (runs in the second CI pass)"
)


@pytest.fixture
def counted_renders(monkeypatch):
    real, lock, calls = services.render_certificate_pdf, threading.Lock(), []

    def render(certificate):
        with lock:
            calls.append(certificate.id)
        return real(certificate)

    monkeypatch.setattr(services, "render_certificate_pdf", render)
    return calls


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_issues_of_one_enrollment_create_one_certificate_and_render_once(counted_renders):
    enrollment = completed_enrollment()

    results, errors = run_concurrently(10, lambda: certificate_issue(enrollment_id=enrollment.id).id)

    assert errors == []
    assert len(results) == 10
    assert len(set(results)) == 1
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().pdf_ready_at is not None
    assert counted_renders == results[:1]


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_of_different_enrollments_all_succeed(counted_renders):
    enrollments = [completed_enrollment() for _ in range(6)]
    queue, lock = list(enrollments), threading.Lock()

    def issue_next():
        with lock:
            enrollment = queue.pop()
        return certificate_issue(enrollment_id=enrollment.id).id

    results, errors = run_concurrently(6, issue_next)

    assert errors == []
    assert Certificate.objects.filter(pdf_ready_at__isnull=False).count() == 6
    assert sorted(counted_renders) == sorted(results)
