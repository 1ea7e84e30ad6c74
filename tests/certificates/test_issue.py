"""certificate_issue: one certificate per learner and course, its PDF stored once, atomically."""

import os
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from academy.errors import ApplicationError
from certificates import services
from certificates.models import Certificate
from certificates.services import add_months, certificate_issue
from tests.certificates.factories import CertificatePolicyFactory, completed_enrollment
from tests.factories import CourseFactory, EnrollmentFactory, UserFactory


@pytest.fixture
def enrollment(db):
    user = UserFactory(username="lena", first_name="Lena", last_name="Lindqvist")
    return completed_enrollment(user, CourseFactory(title="Calm calls", version=3))


def test_issuing_creates_one_certificate_with_its_pdf(enrollment):
    certificate = certificate_issue(enrollment_id=enrollment.id)

    assert Certificate.objects.count() == 1
    assert certificate.enrollment == enrollment
    assert (certificate.user, certificate.course, certificate.cycle) == (enrollment.user, enrollment.course, 1)
    assert certificate.pdf_ready_at is not None
    assert certificate.pdf.name == f"certificates/{certificate.code}.pdf"
    assert open(certificate.pdf.path, "rb").read(5) == b"%PDF-"


def test_the_certificate_copies_the_name_title_and_version_as_they_stood(enrollment):
    certificate = certificate_issue(enrollment_id=enrollment.id)
    enrollment.course.title, enrollment.course.version = "Renamed", 4
    enrollment.course.save()
    enrollment.user.first_name = "Helena"
    enrollment.user.save()

    certificate.refresh_from_db()

    assert (certificate.learner_name, certificate.course_title, certificate.course_version) == (
        "Lena Lindqvist", "Calm calls", 3)


def test_a_learner_with_no_full_name_is_named_by_username(db):
    enrollment = completed_enrollment(UserFactory(username="nameless", first_name="", last_name=""))

    assert certificate_issue(enrollment_id=enrollment.id).learner_name == "nameless"


def test_the_verification_code_is_long_random_and_url_safe(enrollment, other_learner):
    first = certificate_issue(enrollment_id=enrollment.id)
    second = certificate_issue(enrollment_id=completed_enrollment(other_learner).id)

    assert len(first.code) == 20
    assert first.code != second.code
    assert set(first.code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_issuing_twice_keeps_one_certificate_and_never_renders_the_pdf_again(enrollment, monkeypatch):
    first = certificate_issue(enrollment_id=enrollment.id)
    stored = open(first.pdf.path, "rb").read()
    mtime = os.stat(first.pdf.path).st_mtime_ns
    renders = []
    monkeypatch.setattr(services, "render_certificate_pdf", lambda c: renders.append(c) or b"%PDF-other")

    second = certificate_issue(enrollment_id=enrollment.id)

    assert second.id == first.id
    assert Certificate.objects.count() == 1
    assert renders == []
    assert os.stat(first.pdf.path).st_mtime_ns == mtime
    assert open(first.pdf.path, "rb").read() == stored


def test_a_certificate_whose_pdf_is_missing_gets_it_on_the_next_run(enrollment, monkeypatch):
    def fail(certificate):
        raise OSError("disk full")

    monkeypatch.setattr(services, "render_certificate_pdf", fail)
    with pytest.raises(OSError):
        certificate_issue(enrollment_id=enrollment.id)
    certificate = Certificate.objects.get()
    assert certificate.pdf_ready_at is None  # the row stays: the sweep will find it
    monkeypatch.undo()

    assert certificate_issue(enrollment_id=enrollment.id).pdf_ready_at is not None
    assert Certificate.objects.count() == 1


def test_a_failed_write_leaves_no_pdf_under_the_final_name(enrollment, monkeypatch):
    def crash(source, target):
        raise OSError("killed before the move")

    monkeypatch.setattr(services.os, "replace", crash)
    with pytest.raises(OSError):
        certificate_issue(enrollment_id=enrollment.id)
    certificate = Certificate.objects.get()
    folder = certificate.pdf.storage.path("certificates")
    assert not os.path.exists(os.path.join(folder, f"{certificate.code}.pdf"))
    monkeypatch.undo()

    certificate_issue(enrollment_id=enrollment.id)

    # The next run cleared the temporary file the failed one left behind.
    assert [name for name in os.listdir(folder) if certificate.code in name] == [f"{certificate.code}.pdf"]


def test_a_pdf_moved_into_place_by_a_run_that_died_before_its_commit_is_kept(enrollment, monkeypatch):
    certificate = certificate_issue(enrollment_id=enrollment.id)
    stored = open(certificate.pdf.path, "rb").read()
    Certificate.objects.filter(id=certificate.id).update(pdf="", pdf_ready_at=None)
    monkeypatch.setattr(services, "render_certificate_pdf", lambda c: pytest.fail("rendered again"))

    again = certificate_issue(enrollment_id=enrollment.id)

    assert again.pdf_ready_at is not None
    assert open(again.pdf.path, "rb").read() == stored


def test_an_enrollment_not_completed_gets_no_certificate(learner):
    enrollment = EnrollmentFactory(user=learner)

    with pytest.raises(ApplicationError) as error:
        certificate_issue(enrollment_id=enrollment.id)

    assert error.value.code == "not_completed"
    assert not Certificate.objects.exists()


def test_an_unknown_enrollment_is_refused(db):
    with pytest.raises(ApplicationError) as error:
        certificate_issue(enrollment_id=987654)

    assert error.value.code == "enrollment_not_found"


def test_the_database_refuses_a_second_certificate_of_the_same_cycle(enrollment):
    certificate = certificate_issue(enrollment_id=enrollment.id)

    with pytest.raises(IntegrityError):
        Certificate.objects.create(user=certificate.user, course=certificate.course, enrollment=enrollment,
                                   learner_name="x", course_title="x", course_version=1)


def test_a_course_without_a_policy_issues_certificates_that_never_expire(enrollment):
    assert certificate_issue(enrollment_id=enrollment.id).expires_at is None


def test_a_course_policy_dates_the_expiry(enrollment):
    CertificatePolicyFactory(course=enrollment.course, validity_months=24)

    certificate = certificate_issue(enrollment_id=enrollment.id)

    assert certificate.expires_at == add_months(certificate.issued_at, 24)
    assert certificate.status == Certificate.Status.VALID


@pytest.mark.parametrize("start, months, expected", [
    (datetime(2025, 1, 31, 9, tzinfo=UTC), 1, datetime(2025, 2, 28, 9, tzinfo=UTC)),
    (datetime(2024, 1, 31, 9, tzinfo=UTC), 1, datetime(2024, 2, 29, 9, tzinfo=UTC)),
    (datetime(2025, 11, 15, 9, tzinfo=UTC), 14, datetime(2027, 1, 15, 9, tzinfo=UTC)),
    (datetime(2025, 3, 1, tzinfo=UTC), 12, datetime(2026, 3, 1, tzinfo=UTC)),
])
def test_months_are_added_on_the_calendar(start, months, expected):
    assert add_months(start, months) == expected


def test_the_status_is_revoked_before_expired_before_valid(enrollment):
    certificate = certificate_issue(enrollment_id=enrollment.id)
    now = timezone.now()

    certificate.expires_at = now - timedelta(days=1)
    assert certificate.status_at(now) == "expired"
    certificate.revoked_at = now - timedelta(days=2)
    assert certificate.status_at(now) == "revoked"
