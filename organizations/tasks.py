"""Celery tasks of the organizations app: thin, idempotent, taking ids or nothing.

The beat runs `reminders_send` and `overdue_digests_send`; each reminder is
claimed once in the database (see organizations.reminders), so a beat that
fires twice or a redelivered task sends nothing twice.
"""

from smtplib import SMTPException

from celery import shared_task

from organizations import reminders, services


@shared_task
def reminders_send():
    """Beat: re-enroll those due to recertify, then send every learner reminder due now
    (and any claim whose mail failed earlier)."""
    services.recertifications_start()
    return reminders.reminders_send_due()


@shared_task
def overdue_digests_send():
    """Beat: each HR manager's weekly digest of overdue people."""
    return reminders.overdue_digests_send()


@shared_task
def assignment_reminders_send(assignment_id):
    """After an assignment commits: tell its assignees."""
    return reminders.assignment_announce(assignment_id=assignment_id)


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def invitation_send(invitation_id):
    """After an invitation commits: mail its link."""
    return services.invitation_send(invitation_id=invitation_id)


@shared_task
def invitations_send_pending():
    """Beat: send the invitation mails that a lost task or a broker outage left unsent."""
    return services.invitations_send_pending()
