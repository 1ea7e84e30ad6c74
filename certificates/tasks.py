"""Celery tasks of the certificates app: thin wrappers, ids in, one service call each.

Every task here is idempotent, so it is acknowledged late (a worker killed
mid-task leaves it to be delivered again) and retried with backoff on
unexpected errors. An ApplicationError is a refusal (no such enrollment, course
not completed) that a retry would only repeat, so it is not retried. Tasks
lost anyway (a broker flushed, a message past its retries) are found again by
sweep_pending_certificates: the database, not the queue, says what is pending.
"""

from celery import shared_task

from academy.errors import ApplicationError
from certificates import selectors, services

RETRYING = {
    "autoretry_for": (Exception,),
    "dont_autoretry_for": (ApplicationError,),
    "retry_backoff": True,
    "max_retries": 5,
    "acks_late": True,
}


@shared_task(**RETRYING)
def issue_certificate(enrollment_id):
    """Create the enrollment's certificate and store its PDF, whichever is missing."""
    return services.certificate_issue(enrollment_id=enrollment_id).id


@shared_task(**RETRYING, time_limit=540, soft_time_limit=500)
def build_certificate_zip(export_id):
    """Build an HR export's zip; a large organization may take longer than the default time limit."""
    return services.certificate_export_build(export_id=export_id).id


@shared_task(acks_late=True)
def sweep_pending_certificates():
    """Enqueue again the certificates and exports a lost task left undone (run by beat every few minutes)."""
    enrollment_ids = selectors.certificates_pending()
    for enrollment_id in enrollment_ids:
        issue_certificate.delay(enrollment_id)
    export_ids = selectors.exports_pending()
    for export_id in export_ids:
        build_certificate_zip.delay(export_id)
    return {"certificates": len(enrollment_ids), "exports": len(export_ids)}
