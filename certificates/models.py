"""Certificates of completion, the course policy that dates them, and HR's zip exports.

A certificate copies what it certifies (the learner's name, the course's title
and version) at the moment it is issued: renaming a course or a learner later
must not change a certificate someone has already printed or shared.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from courses.models import Course, Enrollment


def new_verification_code():
    # 15 random bytes -> 20 URL-safe characters, 120 bits: not guessable, short enough to type. Drawn again
    # when it starts with "-" or "_" (1 in 32): a spreadsheet takes a leading "-" for a formula, so HR
    # exports would have to quote the code, and people misread a leading dash.
    while True:
        code = secrets.token_urlsafe(15)
        if code[0].isalnum():
            return code


class CertificatePolicy(models.Model):
    """How a course's certificates are dated. A course with no policy issues certificates that never expire."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="certificate_policy")
    validity_months = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="Months a certificate stays valid after it is issued. Empty: it never expires.",
    )

    class Meta:
        verbose_name_plural = "certificate policies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(validity_months__isnull=True) | models.Q(validity_months__gte=1),
                name="certificate_policy_validity_at_least_one_month",
            ),
        ]

    def __str__(self):
        if self.validity_months is None:
            return f"{self.course}: never expires"
        return f"{self.course}: valid {self.validity_months} months"


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        REVOKED = "revoked", "Revoked"
        EXPIRED = "expired", "Expired"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates")
    # The enrollment's certification cycle: recertification (organizations) starts cycles 2, 3, ...
    cycle = models.PositiveSmallIntegerField(default=1)
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="certificates")
    code = models.CharField(max_length=32, unique=True, default=new_verification_code, editable=False)
    issued_at = models.DateTimeField(default=timezone.now)
    learner_name = models.CharField(max_length=300, help_text="The learner's name when the certificate was issued.")
    course_title = models.CharField(max_length=200, help_text="The course's title when the certificate was issued.")
    course_version = models.PositiveIntegerField(help_text="The course's version when the certificate was issued.")
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)
    pdf = models.FileField(upload_to="certificates/", blank=True)
    pdf_ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "cycle"], name="certificate_unique_user_course_cycle"),
            models.CheckConstraint(condition=models.Q(cycle__gte=1), name="certificate_cycle_from_one"),
        ]
        indexes = [
            # The sweep looks for certificates whose PDF is still missing.
            models.Index(fields=["pdf_ready_at", "issued_at"], name="certificate_pdf_pending"),
        ]

    def __str__(self):
        return f"{self.learner_name}: {self.course_title} ({self.code})"

    def status_at(self, moment):
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_at is not None and self.expires_at <= moment:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def pdf_ready(self):
        return self.pdf_ready_at is not None

    @property
    def verification_url(self):
        # Spelled out rather than reversed: it is printed on paper and signed into credentials,
        # so it must not move if the site's URL configuration does.
        return f"{settings.SITE_URL}/certificates/verify/{self.code}/"


class CertificateExport(models.Model):
    """A zip of one course's certificates of one organization's members, built by a worker for HR."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="certificate_exports"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="certificate_exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="certificate_exports"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    file = models.FileField(upload_to="exports/", blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    certificate_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.course} certificates of {self.organization} ({self.requested_at:%Y-%m-%d %H:%M})"

    @property
    def ready(self):
        return self.ready_at is not None
