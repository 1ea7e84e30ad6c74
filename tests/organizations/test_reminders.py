"""Reminder e-mails: each stage once per assignee and period however often the beat fires; HR digests."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from organizations import reminders, tasks
from organizations.models import Assignee, Membership, ReminderSent
from tests.organizations.conftest import assign, certify, member

pytestmark = pytest.mark.django_db
Stage = ReminderSent.Stage


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise SMTPException("the mail server is down")


@pytest.fixture
def beat(django_capture_on_commit_callbacks):
    """Run one beat pass at `now`, with the after-commit sends executed; returns the mails it sent."""
    def run(now=None):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            reminders.reminders_send_due(now=now)
        return mail.outbox[before:]
    return run


def test_the_assignment_mail_goes_out_once_with_a_link_to_the_course(organization, course, settings,
                                                                    django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://academy.example"
    ada = member(organization, "ada")
    assignment = assign(organization, course, ada).assignments[0]

    with django_capture_on_commit_callbacks(execute=True):
        tasks.assignment_reminders_send.run(assignment.id)
        tasks.assignment_reminders_send.run(assignment.id)  # a redelivered task

    (message,) = mail.outbox
    assert message.to == [ada.user.email]
    assert message.subject == f"New course to take: {course.title}"
    assert f"https://academy.example{course.get_absolute_url()}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="https://academy.example{course.get_absolute_url()}"' in html
    claim = ReminderSent.objects.get()
    assert claim.sent_at is not None
    # A copy resent after a crash carries the same id, so mail systems can recognise it.
    assert message.extra_headers["Message-ID"] == f"<reminder-{claim.id}@academy.example>"


def test_the_beat_fired_twice_sends_each_reminder_once(organization, course, django_capture_on_commit_callbacks):
    ada = member(organization, "ada")
    assign(organization, course, ada)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.reminders_send.run()
        tasks.reminders_send.run()

    assert [m.subject for m in mail.outbox] == [f"New course to take: {course.title}"]


def test_each_stage_is_sent_once_at_its_time(organization, course, beat, settings):
    settings.ORGANIZATIONS_REMINDER_DAYS_BEFORE = 3
    ada = member(organization, "ada")
    assign(organization, course, ada, due_in_days=10)
    now = timezone.now()
    due = timezone.localdate() + timedelta(days=10)

    def subjects(moment):
        return [m.subject for m in beat(moment)]

    assert subjects(now) == [f"New course to take: {course.title}"]
    assert subjects(now) == []
    assert subjects(now + timedelta(days=5)) == []
    assert subjects(now + timedelta(days=8)) == [f"Due {due:%-d %B}: {course.title}"]
    assert subjects(now + timedelta(days=9)) == []
    assert subjects(now + timedelta(days=11)) == [f"Overdue: {course.title}"]
    assert subjects(now + timedelta(days=11)) == []
    assert subjects(now + timedelta(days=14)) == []  # weekly at most
    assert subjects(now + timedelta(days=18)) == [f"Overdue: {course.title}"]
    stages = list(ReminderSent.objects.order_by("id").values_list("stage", flat=True))
    assert stages == [Stage.ASSIGNED, Stage.DUE_SOON, Stage.OVERDUE, Stage.OVERDUE]


def test_recertification_reminders_open_with_the_window_and_before_expiry(organization, course, beat):
    ada = member(organization, "ada")
    assign(organization, course, ada, recertify_window_days=30)
    now = timezone.now()
    certify(ada, course, issued_at=now - timedelta(days=340), expires_at=now + timedelta(days=25))

    assert [m.subject for m in beat(now)] == [f"Time to recertify: {course.title}"]
    assert beat(now + timedelta(days=1)) == []
    assert [m.subject for m in beat(now + timedelta(days=23))] == [
        f"Your certificate for {course.title} is about to expire"]
    assert beat(now + timedelta(days=24)) == []


def test_no_reminders_when_hr_switched_them_off(organization, course, beat):
    ada = member(organization, "ada")
    assign(organization, course, ada, due_in_days=2, reminders_enabled=False)

    assert beat() == []
    assert beat(timezone.now() + timedelta(days=5)) == []


def test_no_reminders_once_the_course_is_completed(organization, course, beat):
    ada = member(organization, "ada")
    assign(organization, course, ada, due_in_days=2)
    certify(ada, course, issued_at=timezone.now())

    assert beat(timezone.now() + timedelta(days=1)) == []
    assert beat(timezone.now() + timedelta(days=5)) == []


def test_a_reminder_whose_mail_failed_is_sent_by_a_later_pass(organization, course, beat, settings):
    ada = member(organization, "ada")
    assign(organization, course, ada)
    settings.EMAIL_BACKEND = "tests.organizations.test_reminders.FailingBackend"

    beat()

    assert ReminderSent.objects.get().sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert beat() == []  # too early to call the claim abandoned
    assert [m.to for m in beat(timezone.now() + timedelta(minutes=20))] == [[ada.user.email]]
    assert ReminderSent.objects.get().sent_at is not None


def test_hr_managers_get_one_digest_of_their_overdue_people(organization, other_organization, course, hr,
                                                            django_capture_on_commit_callbacks):
    second_hr = member(organization, "harriet", role=Membership.Role.HR).user
    ada, bob, cy = member(organization, "ada"), member(organization, "bob"), member(organization, "cy")
    outsider = member(other_organization, "outsider")
    assign(organization, course, ada, bob, cy)
    assign(other_organization, course, outsider)
    certify(cy, course, issued_at=timezone.now())
    Assignee.objects.update(due_on=timezone.localdate() - timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        tasks.overdue_digests_send.run()
        tasks.overdue_digests_send.run()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([hr.email, second_hr.email])
    body = mail.outbox[0].body
    assert "ada@example.com" in body and "bob@example.com" in body
    assert "cy@example.com" not in body and "outsider@example.com" not in body
    assert mail.outbox[0].subject == "Acme Contact: 2 overdue courses"
    assert "3 days overdue" in body
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_no_digest_when_no_one_is_overdue(organization, course, hr, django_capture_on_commit_callbacks):
    assign(organization, course, member(organization, "ada"))

    with django_capture_on_commit_callbacks(execute=True):
        tasks.overdue_digests_send.run()

    assert mail.outbox == []
