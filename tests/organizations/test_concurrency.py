"""Races between beats, workers and HR managers. Runs on PostgreSQL (the second CI pass): SQLite
serialises whole transactions, so it cannot show a race either way."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from organizations import reminders, services
from organizations.models import Assignee, Membership, Organization, ReminderSent
from tests.concurrency import run_concurrently
from tests.factories import UserFactory, course_with_lessons

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs PostgreSQL's row locks (runs in the second CI pass)"),
    pytest.mark.django_db(transaction=True),
]




@pytest.fixture
def setting():
    organization = Organization.objects.create(name="Acme", slug="acme")
    course, _ = course_with_lessons(2)
    membership = Membership.objects.create(user=UserFactory(username="ada"), organization=organization)
    return organization, course, membership


def test_beats_running_at_once_send_a_reminder_once(setting):
    organization, course, membership = setting
    services.assignment_create(organization=organization, course=course, assigned_by=None,
                               memberships=[membership], due_within_days=3)
    later = timezone.now() + timedelta(days=20)

    results, errors = run_concurrently(6, lambda: reminders.reminders_send_due(now=later))

    assert errors == []
    # The assignment mail may also have been claimed by the real worker of the second CI pass; the overdue
    # reminder is only this test's, and the unique claim lets exactly one pass send it.
    assert ReminderSent.objects.filter(stage=ReminderSent.Stage.OVERDUE).count() == 1
    assert [m.subject for m in mail.outbox if m.subject.startswith("Overdue")] == [f"Overdue: {course.title}"]


def test_hr_managers_assigning_at_once_assign_a_person_once(setting):
    organization, course, membership = setting

    results, errors = run_concurrently(5, lambda: services.assignment_create(
        organization=organization, course=course, assigned_by=None, memberships=[membership], due_within_days=3))

    assert errors == []
    assert Assignee.objects.count() == 1
    assert sum(len(result.assignees) for result in results) == 1
    assert sum(result.already_assigned for result in results) == 4


def test_workers_delivering_one_claim_at_once_send_one_mail(setting):
    organization, course, membership = setting
    claim = ReminderSent.objects.create(organization=organization, recipient=membership.user,
                                        stage=ReminderSent.Stage.DIGEST, period_key="2026-W48",
                                        claimed_at=timezone.now())
    mail.outbox = []

    results, errors = run_concurrently(8, lambda: reminders.reminder_deliver(reminder_id=claim.id))

    assert errors == []
    assert results.count(True) == 1
    assert len(mail.outbox) == 1
    claim.refresh_from_db()
    assert claim.sent_at is not None
