"""Organizations, their teams and members, course assignments and the reminders sent about them.

An Assignment is what HR asked for (a course, for a person or a team, by a due
date). An Assignee is one person it applies to, with the dates recorded when
they were assigned, so relative due dates and the compliance report as of a
past day are computed from stored dates rather than from the current state.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone


class Organization(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:hr-dashboard", kwargs={"org_slug": self.slug})


class Team(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "organization", name="team_unique_name_per_organization"),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        LEARNER = "learner", "Learner"
        HR = "hr", "HR manager"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LEARNER)
    # Set through services.membership_team_set, which also hands the team's open assignments on.
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique_user_organization"),
        ]
        indexes = [models.Index(fields=["organization", "role"], name="membership_org_role")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) in {self.organization}"


class Assignment(models.Model):
    """A course HR asked a person or a team to take, with a fixed or a relative due date."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="assignments")
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="organization_assignments")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, null=True, blank=True, related_name="direct_assignments",
        help_text="The person it is for; leave empty when it is for a team.",
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments",
        help_text="The team it is for; people who join the team later get it too.",
    )
    due_on = models.DateField(null=True, blank=True, help_text="A fixed due date.")
    due_within_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Or: due this many days after each person is assigned.",
    )
    reminders_enabled = models.BooleanField(
        default=True, help_text="E-mail the assignees before and after the due date.",
    )
    recertify_every_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Certificates older than this no longer count; empty for never.",
    )
    recertify_window_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How long before expiry recertification is due; empty for the default.",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(membership__isnull=False, team__isnull=True)
                | Q(membership__isnull=True, team__isnull=False),
                name="assignment_for_a_person_or_a_team",
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=False, due_within_days__isnull=True)
                | Q(due_on__isnull=True, due_within_days__isnull=False),
                name="assignment_fixed_or_relative_due",
            ),
            models.CheckConstraint(
                condition=Q(recertify_every_months__isnull=True) | Q(recertify_every_months__gte=1),
                name="assignment_recertify_months_positive",
            ),
        ]

    def __str__(self):
        return f"{self.course} for {self.membership.user if self.membership_id else self.team}"

    @property
    def is_relative(self):
        return self.due_within_days is not None


class Assignee(models.Model):
    """One person an assignment applies to, with when they were assigned and when it is due for them.

    A person holds a course once per organization: a second assignment of the
    same course (say, to their team) leaves the first one in force.

    Status and compliance are not stored: organizations.selectors computes them
    from the recorded dates, as of any moment.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        OVERDUE = "overdue", "Overdue"
        RECERTIFY = "recertification_due", "Recertification due"
        EXPIRED = "expired", "Expired"

    class Compliance(models.TextChoices):
        COMPLIANT = "compliant", "Compliant"
        NOT_YET_DUE = "not_yet_due", "Not yet due"
        OVERDUE = "overdue", "Overdue"
        LAPSED = "lapsed", "Certificate expired or revoked"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="assignees")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="assignees")
    # Copied from the assignment so the database can hold the one-course-once rule.
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="+")
    enrollment = models.ForeignKey("courses.Enrollment", on_delete=models.CASCADE, related_name="assignees")
    assigned_at = models.DateTimeField()
    due_on = models.DateField()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "course"], name="assignee_one_per_person_and_course"),
        ]
        indexes = [models.Index(fields=["due_on"], name="assignee_due_on")]

    def __str__(self):
        return f"{self.membership.user} on {self.course} (due {self.due_on})"

    @property
    def status_label(self):
        """The label of the `status` annotated by organizations.selectors."""
        return self.Status(self.status).label

    @property
    def compliance_label(self):
        return self.Compliance(self.compliance).label


class Invitation(models.Model):
    """An invitation by e-mail to join an organization (and a team), accepted by signing up or in."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # When the invitation mail went out; renewing the invitation clears it so the new link is sent.
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Inviting the same address again renews the open invitation instead of adding one.
            models.UniqueConstraint(
                Lower("email"), "organization", condition=Q(accepted_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} to {self.organization}"

    def get_absolute_url(self):
        return reverse("organizations:invitation-accept", kwargs={"token": self.token})

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()


class ReminderSent(models.Model):
    """A reminder claimed for sending; its unique key makes each stage go out once per period.

    The row is written (claimed) in a transaction before the mail is sent, so a
    beat that fires twice, or two workers, cannot both send it. `sent_at` is
    filled once the mail has gone; a claim left without it is retried.
    """

    class Stage(models.TextChoices):
        ASSIGNED = "assigned", "Assigned"
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"
        RECERTIFY_WINDOW = "recertify_window", "Recertification window opened"
        EXPIRING = "expiring", "Certificate about to expire"
        DIGEST = "digest", "Overdue digest for HR"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey(Assignee, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    # What makes a repeat a new reminder: the due date, the week overdue, the certificate.
    period_key = models.CharField(max_length=60, blank=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "reminder sent"
        verbose_name_plural = "reminders sent"
        constraints = [
            models.UniqueConstraint(
                fields=["assignee", "stage", "period_key"], condition=Q(assignee__isnull=False),
                name="reminder_once_per_assignee_stage_period",
            ),
            models.UniqueConstraint(
                fields=["recipient", "organization", "stage", "period_key"], condition=Q(assignee__isnull=True),
                name="reminder_once_per_recipient_stage_period",
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "claimed_at"], name="reminder_unsent")]

    def __str__(self):
        return f"{self.get_stage_display()} to {self.recipient} ({self.period_key or 'once'})"
