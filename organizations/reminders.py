"""Reminder e-mails: who is due which reminder now, claiming it once, and sending it after commit.

Stages per assignee: assigned, due soon (N days before the due date), overdue
(then at most weekly), recertification window opened, certificate about to
expire. HR managers get one weekly digest of their overdue people instead of
a mail per person.

Exactly-once per stage and period rests on ReminderSent's unique constraint:
a reminder is claimed by inserting its row in a transaction, and the mail goes
out after that commits. A second beat, or a redelivered task, finds the row and
skips. A claim whose mail failed (sent_at still empty) is retried by the next
pass, so the database, not the broker, holds the pending work.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from organizations import selectors
from organizations.models import Assignee, Membership, Organization, ReminderSent
from organizations.selectors import Rules, Status

logger = logging.getLogger(__name__)

Stage = ReminderSent.Stage
OPEN = (Status.NOT_STARTED, Status.IN_PROGRESS)
# How long a claim may stay unsent before the next pass tries it again (a sender may still be at work).
STALE_CLAIM = timedelta(minutes=15)
# The newest assignments the beat still announces, in case the task run at assignment time was lost.
ANNOUNCE_WITHIN = timedelta(days=7)
DIGEST_MAX_ROWS = 200


def days_before():
    return int(getattr(settings, "ORGANIZATIONS_REMINDER_DAYS_BEFORE", 3))


def reminders_send_due(*, now=None):
    """One beat pass over every organization: claim and send each reminder due now. Returns how many."""
    now = now or timezone.now()
    claimed = 0
    for organization in Organization.objects.filter(assignments__isnull=False).distinct():
        for assignee, stage, key in due_reminders(organization=organization, now=now):
            claimed += _claim(organization, assignee.membership.user, stage, key, now, assignee=assignee)
    return claimed + reminders_retry_unsent(now=now)


def assignment_announce(*, assignment_id, now=None):
    """Tell the assignees of a new assignment; run after it commits. Idempotent like the beat."""
    now = now or timezone.now()
    assignees = (Assignee.objects.filter(assignment_id=assignment_id, assignment__reminders_enabled=True,
                                         enrollment__completed_at__isnull=True)
                 .select_related("assignment__organization", "membership__user"))
    return sum(_claim(a.assignment.organization, a.membership.user, Stage.ASSIGNED, "", now, assignee=a)
               for a in assignees)


def due_reminders(*, organization, now):
    """(assignee, stage, period key) for every learner reminder the organization owes at `now`.

    Already-claimed ones are left out here to save work; the claim is what guarantees once.
    """
    today = timezone.localdate(now)
    rules = Rules.for_organization(organization)
    base = (selectors.assignees_with_status(organization=organization, now=now, rules=rules)
            .filter(assignment__reminders_enabled=True).exclude(membership__user__email=""))
    recent_overdue = ReminderSent.objects.filter(assignee=OuterRef("pk"), stage=Stage.OVERDUE,
                                                 claimed_at__gt=now - timedelta(days=7))
    wanted = [
        (Stage.ASSIGNED, base.filter(status__in=OPEN, assigned_at__gte=now - ANNOUNCE_WITHIN, due_on__gte=today),
         lambda a: ""),
        # Not on the day of assigning: the assignment mail has just said when it is due.
        (Stage.DUE_SOON, base.filter(status__in=OPEN, due_on__gte=today,
                                     due_on__lte=today + timedelta(days=days_before()),
                                     assigned_at__lt=now - timedelta(days=1)),
         lambda a: a.due_on.isoformat()),
        # Weekly at most: a new key each week past the due date, and none within 7 days of the last.
        (Stage.OVERDUE, base.filter(status=Status.OVERDUE).exclude(Exists(recent_overdue)),
         lambda a: f"{a.due_on.isoformat()}/week-{((today - a.due_on).days - 1) // 7}"),
        (Stage.RECERTIFY_WINDOW, base.filter(status=Status.RECERTIFY), _certificate_key),
        (Stage.EXPIRING, base.filter(status__in=(Status.COMPLETED, Status.RECERTIFY))
         .filter(rules.expiring(now, days=days_before())), _certificate_key),
    ]
    due = []
    for stage, queryset, key_of in wanted:
        rows = list(queryset)
        sent = set(ReminderSent.objects.filter(assignee__in=[a.id for a in rows], stage=stage)
                   .values_list("assignee_id", "period_key"))
        due += [(a, stage, key_of(a)) for a in rows if (a.id, key_of(a)) not in sent]
    return due


def _certificate_key(assignee):
    # Once per certificate; a completion without one (not issued yet) is keyed by its enrollment.
    return f"certificate-{assignee.cert_code}" if assignee.cert_code else f"enrollment-{assignee.enrollment_id}"


def overdue_digests_send(*, now=None):
    """Send each HR manager one digest a week of their organization's overdue people. Returns how many."""
    now = now or timezone.now()
    year, week, _ = timezone.localdate(now).isocalendar()
    key = f"{year}-W{week:02d}"
    claimed = 0
    for organization in Organization.objects.filter(assignments__isnull=False).distinct():
        if not selectors.assignees_with_status(organization=organization, now=now) \
                .filter(status=Status.OVERDUE).exists():
            continue
        managers = (Membership.objects.filter(organization=organization, role=Membership.Role.HR)
                    .exclude(user__email="").select_related("user"))
        claimed += sum(_claim(organization, m.user, Stage.DIGEST, key, now) for m in managers)
    return claimed


def reminders_retry_unsent(*, now=None):
    """Send again the claims whose mail did not go out (the sender failed or was killed)."""
    now = now or timezone.now()
    with transaction.atomic():
        stale = list(ReminderSent.objects.select_for_update(skip_locked=True)
                     .filter(sent_at__isnull=True, claimed_at__lt=now - STALE_CLAIM).values_list("id", flat=True))
        ReminderSent.objects.filter(id__in=stale).update(claimed_at=now)
        for reminder_id in stale:
            transaction.on_commit(lambda reminder_id=reminder_id: reminder_deliver(reminder_id=reminder_id))
    return len(stale)


def _claim(organization, recipient, stage, key, now, *, assignee=None):
    """Insert the reminder's row; 1 and the mail queued for after commit if it was not there, else 0."""
    try:
        with transaction.atomic():
            reminder = ReminderSent.objects.create(organization=organization, recipient=recipient, assignee=assignee,
                                                   stage=stage, period_key=key, claimed_at=now)
            transaction.on_commit(lambda: reminder_deliver(reminder_id=reminder.id))
    except IntegrityError:
        return 0
    return 1


def reminder_deliver(*, reminder_id):
    """Send a claimed reminder and record it sent. A failure is logged and left for the retry pass.

    The claim's row stays locked while its mail goes out, so a redelivered task
    and the retry pass running at once cannot both send it: the second skips.
    A worker killed between the mail leaving and the commit sends it again on
    retry; the mail's Message-ID is the claim's own, so mail systems can tell
    the second copy for what it is.
    """
    with transaction.atomic():
        reminder = (ReminderSent.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("recipient", "organization", "assignee__course", "assignee__assignment",
                                    "assignee__membership__user")
                    .filter(id=reminder_id, sent_at__isnull=True).first())
        if reminder is None:
            return False
        try:
            if reminder.stage == Stage.DIGEST:
                _send_digest(reminder)
            else:
                _send_reminder(reminder)
        except Exception:  # noqa: BLE001 - any mail failure: keep the claim unsent so the next pass retries it
            logger.exception("Reminder %s could not be sent; it will be retried.", reminder_id)
            return False
        ReminderSent.objects.filter(id=reminder_id).update(sent_at=timezone.now())
    return True


def message_id(reminder):
    """The same for every copy of one claimed reminder: a resent copy is recognisably the same mail."""
    return f"<reminder-{reminder.id}@{urlsplit(settings.SITE_URL).hostname or 'academy'}>"


def _send_reminder(reminder):
    assignee = reminder.assignee
    course_url = settings.SITE_URL + assignee.course.get_absolute_url()
    context = {"reminder": reminder, "stage": reminder.stage, "user": reminder.recipient, "assignee": assignee,
               "course": assignee.course, "course_url": course_url, "organization": reminder.organization,
               "certificate_key": reminder.period_key}
    send_templated_mail(to=reminder.recipient.email, template="organizations/email/reminder", context=context,
                        headers={"Message-ID": message_id(reminder)})


def _send_digest(reminder):
    overdue = (selectors.assignees_with_status(organization=reminder.organization)
               .filter(status=Status.OVERDUE).order_by("due_on", "membership__user__last_name", "id"))
    rows = list(overdue[:DIGEST_MAX_ROWS])
    today = timezone.localdate()
    context = {
        "user": reminder.recipient, "organization": reminder.organization,
        "rows": [(a, (today - a.due_on).days) for a in rows], "more": max(0, overdue.count() - len(rows)),
        "dashboard_url": settings.SITE_URL + reverse("organizations:hr-dashboard",
                                                     kwargs={"org_slug": reminder.organization.slug})
        + "?status=overdue",
    }
    send_templated_mail(to=reminder.recipient.email, template="organizations/email/digest", context=context,
                        headers={"Message-ID": message_id(reminder)})


def send_templated_mail(*, to, template, context, headers=None):
    """Send `<template>_subject.txt`, `<template>.txt` and `<template>.html` as one plain-text + HTML mail."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(subject, render_to_string(f"{template}.txt", context),
                                     settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
