"""Operations that change organizations, teams, memberships, assignments and invitations.

Each is one transaction. Assigning goes through courses.services.enrollment_create
so an assignment and a learner's own enrollment are the same row. Mail goes
out after commit through organizations.tasks, never from inside a transaction.
"""

import csv
import functools
import io
import secrets
from dataclasses import dataclass
from datetime import timedelta
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from academy.errors import ApplicationError, Conflict
from courses.services import enrollment_create, enrollment_recertify
from organizations import selectors
from organizations.models import Assignee, Assignment, Invitation, Membership, Organization, Team

CSV_MAX_BYTES = 1024 * 1024
CSV_CONTENT_TYPES = {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", ""}


def demo_organization_ensure(*, hr, learner):
    """The demo organization of embedded mode, with the demo HR manager and learner in it."""
    organization, _ = Organization.objects.get_or_create(slug="demo-contact-centre", defaults={"name": "Demo Contact Centre"})
    Membership.objects.update_or_create(user=hr, organization=organization, defaults={"role": Membership.Role.HR})
    Membership.objects.update_or_create(user=learner, organization=organization, defaults={"role": Membership.Role.LEARNER})
    return organization


def team_create(*, organization, name):
    name = name.strip()
    if not name:
        raise ApplicationError("Give the team a name.", code="required", fields={"name": ["Give the team a name."]})
    duplicate = Conflict("There is already a team with this name.", code="duplicate",
                         fields={"name": ["There is already a team with this name."]})
    if Team.objects.filter(organization=organization, name__iexact=name).exists():
        raise duplicate
    try:
        with transaction.atomic():
            return Team.objects.create(organization=organization, name=name)
    except IntegrityError:  # created meanwhile by another request
        raise duplicate from None


def membership_team_set(*, membership, team):
    """Move a member into a team (or out of any, with None) and give them the team's open assignments.

    Returns the assignees created. Earlier assignments stay when someone leaves
    a team: they were asked to take the course and the record says so.
    """
    if team is not None and team.organization_id != membership.organization_id:
        raise ApplicationError("That team belongs to another organization.", code="team_mismatch",
                               status=HTTPStatus.NOT_FOUND)
    with transaction.atomic():
        # The organization lock orders this after any assignment to the team being written now.
        Organization.objects.select_for_update().filter(pk=membership.organization_id).first()
        membership = Membership.objects.select_for_update(of=("self",)).select_related("user").get(pk=membership.pk)
        membership.team = team
        membership.save(update_fields=["team"])
        if team is None:
            return []
        now = timezone.now()
        created = []
        for assignment in open_team_assignments(team=team, today=timezone.localdate(now)):
            created += _assignees_create(assignment, [membership], now=now)
    return created


def open_team_assignments(*, team, today):
    """A team's assignments a newcomer still inherits: relative ones, and fixed ones not yet due."""
    return (Assignment.objects.filter(team=team)
            .filter(Q(due_within_days__isnull=False) | Q(due_on__gte=today))
            .select_related("course").order_by("created_at", "id"))


@dataclass
class AssignmentResult:
    assignments: list
    assignees: list
    already_assigned: int


def assignment_create(*, organization, course, assigned_by, memberships=(), teams=(), due_on=None,
                      due_within_days=None, reminders_enabled=True, recertify_every_months=None,
                      recertify_window_days=None):
    """Assign a course to people and teams: one Assignment per person or team, in one transaction.

    Each person gets an Assignee row and an enrollment (created, or their own
    reused). Someone who already holds the course here keeps their earlier
    assignment; they are counted in `already_assigned`. The assignees are told
    by e-mail after commit.
    """
    _check_assignment_input(organization, course, memberships, teams, due_on, due_within_days)
    now = timezone.now()
    common = dict(organization=organization, course=course, assigned_by=assigned_by, due_on=due_on,
                  due_within_days=due_within_days, reminders_enabled=reminders_enabled,
                  recertify_every_months=recertify_every_months, recertify_window_days=recertify_window_days,
                  created_at=now)
    result = AssignmentResult([], [], 0)
    with transaction.atomic():
        # One HR action at a time per organization, so two assignments of a course cannot race.
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
        for membership in memberships:
            assignment = Assignment.objects.create(membership=membership, **common)
            _collect(result, assignment, [membership], now)
        for team in teams:
            assignment = Assignment.objects.create(team=team, **common)
            _collect(result, assignment, list(team.memberships.select_related("user")), now)
        if result.assignees:
            from organizations.tasks import assignment_reminders_send
            for assignment in result.assignments:
                _enqueue_on_commit(assignment_reminders_send, assignment.id)
    return result


def _collect(result, assignment, memberships, now):
    created = _assignees_create(assignment, memberships, now=now)
    result.assignments.append(assignment)
    result.assignees += created
    result.already_assigned += len(memberships) - len(created)


def _check_assignment_input(organization, course, memberships, teams, due_on, due_within_days):
    errors = {}
    if due_on is None and due_within_days is None:
        errors["due_on"] = ["Give a due date, or a number of days."]
    elif due_on is not None and due_within_days is not None:
        errors["due_on"] = ["Give a due date or a number of days, not both."]
    elif due_on is not None and due_on < timezone.localdate():
        errors["due_on"] = ["The due date is in the past."]
    if not memberships and not teams:
        errors["memberships"] = ["Choose at least one person or team."]
    if not course.published:
        errors["course"] = ["This course is not published."]
    if any(m.organization_id != organization.id for m in memberships) or \
            any(t.organization_id != organization.id for t in teams):
        errors["memberships"] = ["Choose people and teams of this organization."]
    if errors:
        raise ApplicationError("The assignment is not complete.", code="invalid", fields=errors)


def _assignees_create(assignment, memberships, *, now):
    """Assignee rows (and enrollments) for the memberships that do not hold the course yet."""
    held = set(Assignee.objects.filter(membership__in=memberships, course=assignment.course_id)
               .values_list("membership_id", flat=True))
    if assignment.due_on is not None:
        due_on = assignment.due_on
    else:
        due_on = timezone.localdate(now) + timedelta(days=assignment.due_within_days)
    created = []
    for membership in memberships:
        if membership.id in held:
            continue
        enrollment, _ = enrollment_create(user=membership.user, course=assignment.course)
        try:
            # A savepoint: a concurrent assignment of the same course wins, this one skips the person.
            with transaction.atomic():
                created.append(Assignee.objects.create(
                    assignment=assignment, membership=membership, course=assignment.course,
                    enrollment=enrollment, assigned_at=now, due_on=due_on,
                ))
        except IntegrityError:
            continue
    return created


def assignment_from_csv(*, organization, course, upload, assigned_by, **assignment_fields):
    """Assign a course to the people listed by e-mail in an uploaded CSV; all of them or none.

    The whole file is checked first: every line that is not the e-mail of a
    member of this organization is reported, with its line number, and nothing
    is saved while any remains.
    """
    rows = _csv_rows(upload)
    by_email = {
        membership.email_lower: membership
        for membership in Membership.objects.filter(organization=organization)
        .annotate(email_lower=Lower("user__email"))
        .filter(email_lower__in={email.lower() for _, email in rows})
        .select_related("user")
    }
    errors = []
    for line, email in rows:
        if not _is_email(email):
            errors.append(f"Line {line}: \"{email}\" is not an e-mail address.")
        elif email.lower() not in by_email:
            errors.append(f"Line {line}: {email} is not a member of this organization.")
    if errors:
        raise ApplicationError(f"{len(errors)} line(s) of the file could not be used; nothing was assigned.",
                               code="unknown_emails", fields={"file": errors})
    memberships = list({by_email[email.lower()].id: by_email[email.lower()] for _, email in rows}.values())
    return assignment_create(organization=organization, course=course, assigned_by=assigned_by,
                             memberships=memberships, **assignment_fields)


def _is_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _csv_rows(upload):
    """(line number, first cell) for each non-empty row of the upload; a header row "email" is skipped."""
    def refuse(message):
        return ApplicationError(message, code="invalid_file", fields={"file": [message]})

    name = (getattr(upload, "name", "") or "").lower()
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip()
    if not name.endswith((".csv", ".txt")) or content_type not in CSV_CONTENT_TYPES:
        raise refuse("Upload a .csv file: plain text, one e-mail per line.")
    if upload.size > CSV_MAX_BYTES:
        raise refuse("The file is larger than 1 MB.")
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse("The file is not UTF-8 text.") from None
    if "\x00" in text:
        raise refuse("The file is not text.")
    rows = []
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row if cell.strip()]
        if not cells or (line == 1 and cells[0].lower() in {"email", "e-mail", "email address"}):
            continue
        rows.append((line, cells[0]))
    if not rows:
        raise refuse("The file lists no e-mails.")
    return rows


def recertifications_start(*, now=None):
    """Re-enroll for a fresh pass everyone whose certificate needs renewing. Returns how many started.

    That is every assignee whose recertification window has opened or whose
    certificate has lapsed (expired or revoked), once per cycle: a learner
    already in a new, unfinished cycle is skipped, so running it twice starts
    nothing more. Their earlier certificates stay in their history.
    """
    now = now or timezone.now()
    started = 0
    for organization in Organization.objects.filter(assignments__isnull=False).distinct():
        due = (selectors.assignees_with_status(organization=organization, now=now)
               .filter(status__in=(Assignee.Status.RECERTIFY, Assignee.Status.EXPIRED),
                       enrollment__completed_at__isnull=False)
               .values_list("enrollment_id", flat=True))
        started += sum(enrollment_recertify(enrollment_id=enrollment_id) for enrollment_id in set(due))
    return started


def assignment_reminders_set(*, assignment, enabled):
    Assignment.objects.filter(pk=assignment.pk).update(reminders_enabled=enabled)
    assignment.reminders_enabled = enabled
    return assignment


def invitation_create(*, organization, email, team=None, invited_by):
    """Invite an address to the organization; inviting it again renews the open invitation.

    The e-mail goes out after commit. Someone who is already a member is refused.
    """
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError("Enter a valid e-mail address.", code="invalid",
                               fields={"email": ["Enter a valid e-mail address."]}) from None
    if team is not None and team.organization_id != organization.id:
        raise ApplicationError("That team belongs to another organization.", code="team_mismatch")
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise Conflict(f"{email} is already a member.", code="already_member",
                       fields={"email": ["This person is already a member."]})
    now = timezone.now()
    expires_at = now + timedelta(days=settings_int("ORGANIZATIONS_INVITATION_DAYS", 14))
    with transaction.atomic():
        invitation = (Invitation.objects.select_for_update()
                      .filter(organization=organization, email__iexact=email, accepted_at__isnull=True).first())
        if invitation is None:
            invitation = Invitation(organization=organization, email=email)
        invitation.team, invitation.invited_by = team, invited_by
        invitation.token, invitation.created_at, invitation.expires_at = secrets.token_urlsafe(32), now, expires_at
        invitation.sent_at = None
        invitation.save()
        from organizations.tasks import invitation_send
        _enqueue_on_commit(invitation_send, invitation.id)
    return invitation


def invitation_send(*, invitation_id):
    """Mail the invitation link unless it has been sent; a task delivered again sends nothing more.

    Marked sent after the mail has gone: a worker killed in between sends it
    twice rather than never, which is the better failure for an invitation. A
    failure to send raises, for the task's retry.
    """
    from organizations.reminders import send_templated_mail

    invitation = (Invitation.objects.select_related("organization", "team", "invited_by")
                  .filter(id=invitation_id, sent_at__isnull=True, accepted_at__isnull=True).first())
    if invitation is None:
        return False
    context = {"invitation": invitation, "organization": invitation.organization,
               "accept_url": settings.SITE_URL + invitation.get_absolute_url()}
    send_templated_mail(to=invitation.email, template="organizations/email/invitation", context=context)
    # Keyed by token too: an invitation renewed meanwhile has a new link still to send.
    Invitation.objects.filter(id=invitation_id, token=invitation.token).update(sent_at=timezone.now())
    return True


def invitation_accept(*, token, user):
    """Join the organization of the invitation (and its team, with the team's open assignments).

    The signed-in account must have the invited address: the link is a secret
    sent to that address, and a forwarded link must not let someone else in.
    """
    with transaction.atomic():
        invitation = (Invitation.objects.select_for_update(of=("self",)).select_related("organization", "team")
                      .filter(token=token).first())
        if invitation is None or invitation.accepted_at is not None:
            raise ApplicationError("This invitation does not exist or has been used.", code="not_found",
                                   status=HTTPStatus.NOT_FOUND)
        if invitation.is_expired:
            raise ApplicationError("This invitation has expired. Ask your HR manager for a new one.",
                                   code="expired", status=HTTPStatus.GONE)
        if user.email.lower() != invitation.email.lower():
            raise ApplicationError(
                f"This invitation was sent to {invitation.email}. Sign in with the account that has that address.",
                code="wrong_account", status=HTTPStatus.FORBIDDEN)
        membership, _ = Membership.objects.get_or_create(user=user, organization=invitation.organization)
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        if invitation.team is not None:
            membership_team_set(membership=membership, team=invitation.team)
            membership.refresh_from_db()
    return membership


def invitations_send_pending(*, now=None):
    """Enqueue the mails of open invitations that were never sent (a lost task or a broker outage)."""
    from organizations.tasks import invitation_send

    now = now or timezone.now()
    pending = list(Invitation.objects.filter(sent_at__isnull=True, accepted_at__isnull=True, expires_at__gt=now,
                                             created_at__lt=now - timedelta(minutes=15)).values_list("id", flat=True))
    for invitation_id in pending:
        invitation_send.delay(invitation_id)
    return len(pending)


def _enqueue_on_commit(task, *args):
    # Robust, not delay_on_commit: the rows are committed by then, so a broker outage must not turn the
    # HR manager's successful request into an error. The beat finds what was not sent and sends it.
    transaction.on_commit(functools.partial(task.delay, *args), robust=True)


def settings_int(name, default):
    """An optional whole-number setting of this app, read when used (not at import)."""
    return int(getattr(settings, name, default))
