"""Operations that change certificates: issue, revoke, and build HR's zip exports.

Issuing is idempotent and safe to run twice at once or to kill half-way:
1. the certificate row is created in a transaction of its own, keyed by
   (user, course, cycle), so a second or concurrent run finds it;
2. the PDF is rendered with that row locked, written to a temporary name and
   moved into place with os.replace, so the final name never holds a partial
   file; a certificate whose PDF is stored is never rendered again.
The database is the record of pending work: certificates_pending() finds what a
lost task left undone and the sweep task enqueues it again.
"""

import calendar
import csv
import io
import os
import secrets
import time
import zipfile
from datetime import timedelta
from http import HTTPStatus
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from academy.errors import ApplicationError, Conflict
from academy.spreadsheets import csv_safe
from certificates import selectors
from certificates.models import Certificate, CertificateExport, CertificatePolicy
from certificates.pdf import render_certificate_pdf
from courses.models import Enrollment

# An export asked for again while one is still being built within this time gets that one.
EXPORT_REUSE_WINDOW = timedelta(minutes=15)
# Fault injection for tests/certificates/test_worker_faults.py: seconds to wait between writing a
# PDF's temporary file and moving it into place, so a test can kill the worker at that moment.
STORE_PAUSE_ENV = "ACADEMY_TEST_CERTIFICATE_STORE_PAUSE"


def certificate_issue_on_commit(enrollment):
    """Issue the enrollment's certificate in a worker once the current transaction commits.

    Not `delay_on_commit`: that registers a plain on_commit callback, so a broker
    outage, or in eager mode a failing render, would raise into the request that
    completed the course after its completion was saved. A robust callback logs
    the failure instead, and the sweep issues the certificate later.
    """
    from certificates.tasks import issue_certificate  # the tasks module imports this one

    enrollment_id = enrollment.id

    # A named function, not a partial: Django names the callback when it logs a failure.
    def enqueue_certificate_issue():
        issue_certificate.delay(enrollment_id)

    transaction.on_commit(enqueue_certificate_issue, robust=True)


def certificate_issue(*, enrollment_id):
    """The certificate of a completed enrollment, created and its PDF stored if missing; idempotent.

    Raises ApplicationError when the enrollment does not exist or is not completed.
    """
    certificate = _certificate_ensure(enrollment_id=enrollment_id)
    if certificate.pdf_ready_at is None:
        certificate = _pdf_ensure(certificate_id=certificate.id)
    return certificate


def _certificate_ensure(*, enrollment_id):
    with transaction.atomic():
        enrollment = Enrollment.objects.select_related("user", "course").filter(id=enrollment_id).first()
        if enrollment is None:
            raise ApplicationError("There is no such enrollment.", code="enrollment_not_found",
                                   status=HTTPStatus.NOT_FOUND)
        if enrollment.completed_at is None:
            raise Conflict("The course is not completed yet, so there is no certificate to issue.",
                           code="not_completed")
        issued_at = timezone.now()
        # get_or_create re-reads the row when a concurrent issue wins the unique key (IntegrityError).
        certificate, _ = Certificate.objects.get_or_create(
            user=enrollment.user, course=enrollment.course, cycle=enrollment.cycle,
            defaults={
                "enrollment": enrollment,
                "issued_at": issued_at,
                # A callable, so the policy is read only when the certificate is created.
                "expires_at": lambda: _expiry(course_id=enrollment.course_id, issued_at=issued_at),
                "learner_name": enrollment.user.get_full_name().strip() or enrollment.user.get_username(),
                "course_title": enrollment.course.title,
                "course_version": enrollment.course.version,
            },
        )
    return certificate


def _expiry(*, course_id, issued_at):
    policy = CertificatePolicy.objects.filter(course_id=course_id).first()
    if policy is None or policy.validity_months is None:
        return None
    return add_months(issued_at, policy.validity_months)


def add_months(moment, months):
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _pdf_ensure(*, certificate_id):
    with transaction.atomic():
        # The lock makes concurrent runs take turns: the second finds the PDF stored and stops.
        certificate = Certificate.objects.select_for_update().get(id=certificate_id)
        if certificate.pdf_ready_at is not None:
            return certificate
        name = f"certificates/{certificate.code}.pdf"
        path = Path(certificate.pdf.storage.path(name))
        # A run killed after its move but before its commit left a complete file: keep it.
        if not path.exists():
            _store_atomically(path, render_certificate_pdf(certificate))
        certificate.pdf.name = name
        certificate.pdf_ready_at = timezone.now()
        certificate.save(update_fields=["pdf", "pdf_ready_at"])
    return certificate


def _store_atomically(path, data):
    """Write data to path so that path is either absent or complete, never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Temporary files of killed runs; no other run is writing this file, as the caller holds the lock.
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    pause = float(os.environ.get(STORE_PAUSE_ENV) or 0)
    if pause:
        time.sleep(pause)
    os.replace(temporary, path)
    _fsync_directory(path.parent)


def _fsync_directory(folder):
    # Makes the rename itself durable, so a crash cannot lose a PDF the database says is stored.
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def certificate_revoke(*, certificate, by, reason):
    """Revoke a certificate for the reason given; verification shows it as revoked from now on."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("Say why the certificate is revoked.", code="reason_required",
                               fields={"reason": ["Give a reason for the revocation."]})
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(id=certificate.id)
        if locked.revoked_at is not None:
            raise Conflict(f"This certificate was already revoked on {locked.revoked_at:%Y-%m-%d}.",
                           code="already_revoked")
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revoke_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return locked


def certificate_export_request(*, user, organization, course):
    """Ask for a zip of the course's certificates of the organization's members; HR of it only.

    Returns (export, created). Asking again while an export is still being built
    returns that export instead of queueing another.
    """
    from certificates.tasks import build_certificate_zip  # the tasks module imports this one

    if not selectors.is_hr_of(user=user, organization=organization):
        raise ApplicationError("There is no such organization.", code="not_found", status=HTTPStatus.NOT_FOUND)
    with transaction.atomic():
        pending = CertificateExport.objects.filter(
            organization=organization, course=course, ready_at__isnull=True,
            requested_at__gte=timezone.now() - EXPORT_REUSE_WINDOW,
        ).first()
        if pending is not None:
            return pending, False
        export = CertificateExport.objects.create(organization=organization, course=course, requested_by=user)

        def enqueue_export_build():
            build_certificate_zip.delay(export.id)

        transaction.on_commit(enqueue_export_build, robust=True)
    return export, True


def certificate_export_build(*, export_id):
    """Build the export's zip: each member's PDF (stored first if missing) and a manifest.csv; idempotent."""
    export = CertificateExport.objects.select_related("organization", "course").get(id=export_id)
    if export.ready_at is not None:
        return export
    certificates = list(selectors.certificates_for_export(organization=export.organization, course=export.course))
    for index, certificate in enumerate(certificates):
        if certificate.revoked_at is None and certificate.pdf_ready_at is None:
            certificates[index] = certificate_issue(enrollment_id=certificate.enrollment_id)
    name = f"exports/{slugify(export.organization.slug)}-{slugify(export.course.slug)}-{export.id}.zip"
    path = Path(export.file.storage.path(name))
    _store_atomically(path, _zip(certificates))
    with transaction.atomic():
        export = CertificateExport.objects.select_for_update().get(id=export_id)
        if export.ready_at is None:
            export.file.name = name
            export.ready_at = timezone.now()
            export.certificate_count = sum(1 for c in certificates if c.revoked_at is None)
            export.save(update_fields=["file", "ready_at", "certificate_count"])
    return export


def _zip(certificates):
    """The zip's bytes: one PDF per certificate not revoked, and a manifest listing every certificate."""
    buffer = io.BytesIO()
    manifest = io.StringIO()
    writer = csv.writer(manifest)
    writer.writerow(["learner_name", "course_title", "course_version", "issued_on", "expires_on", "status",
                     "verification_code", "verification_url", "file"])
    now = timezone.now()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            filename = ""
            if certificate.revoked_at is None:
                filename = f"{slugify(certificate.learner_name) or 'learner'}-{certificate.code}.pdf"
                with certificate.pdf.open("rb") as pdf:
                    archive.writestr(_zip_entry(filename, certificate.issued_at), pdf.read())
            # HR opens the manifest in a spreadsheet; a learner's name must not be taken for a formula.
            writer.writerow([csv_safe(cell) for cell in [
                certificate.learner_name, certificate.course_title, certificate.course_version,
                f"{certificate.issued_at:%Y-%m-%d}",
                f"{certificate.expires_at:%Y-%m-%d}" if certificate.expires_at else "",
                certificate.status_at(now), certificate.code, certificate.verification_url, filename,
            ]])
        archive.writestr(_zip_entry("manifest.csv", now), manifest.getvalue())
    return buffer.getvalue()


def _zip_entry(filename, moment):
    entry = zipfile.ZipInfo(filename, date_time=timezone.localtime(moment).timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry
