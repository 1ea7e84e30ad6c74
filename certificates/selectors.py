"""Reads of certificates: verification, who may see which, and the sweep's pending work.

Access rules live here, once: a certificate is seen by its owner, by HR managers
of an organization its owner belongs to, and by staff; to everyone else it does
not exist (the views answer 404, never 403). Memberships are read straight from
organizations.models, which has no selectors module yet.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from certificates.models import Certificate, CertificateExport
from courses.models import Course, Enrollment
from organizations.models import Membership, Organization

# What a verification code can look like; anything else is unknown without a query.
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Work older than this is taken to be lost, not in flight, by the sweep.
PENDING_AFTER = timedelta(minutes=15)


@dataclass(frozen=True)
class Verification:
    """What the public may learn from a verification code, and nothing more."""

    status: str
    learner_name: str
    course_title: str
    course_version: int
    issued_at: datetime
    revoked_at: datetime | None
    expires_at: datetime | None


def certificate_verify(code):
    """The public verification of a code: a Verification (valid, revoked or expired), or None when unknown."""
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        return None
    certificate = Certificate.objects.filter(code=code).only(
        "code", "learner_name", "course_title", "course_version", "issued_at", "revoked_at", "expires_at"
    ).first()
    if certificate is None:
        return None
    return Verification(
        status=certificate.status, learner_name=certificate.learner_name, course_title=certificate.course_title,
        course_version=certificate.course_version, issued_at=certificate.issued_at,
        revoked_at=certificate.revoked_at, expires_at=certificate.expires_at,
    )


def certificates_pending(*, older_than=PENDING_AFTER, limit=500):
    """Ids of completed enrollments whose certificate a lost task left undone, for the sweep to re-enqueue.

    Two kinds, both older than `older_than` so that work still in flight is left
    alone: certificates whose PDF is not stored, and completed enrollments with
    no certificate at all.
    """
    cutoff = timezone.now() - older_than
    without_pdf = Certificate.objects.filter(pdf_ready_at__isnull=True, issued_at__lt=cutoff).order_by("issued_at")
    with_certificate = Certificate.objects.filter(user=OuterRef("user"), course=OuterRef("course"),
                                                  cycle=OuterRef("cycle"))
    without_certificate = (
        Enrollment.objects.filter(completed_at__lt=cutoff)
        .exclude(Exists(with_certificate))
        .order_by("completed_at")
    )
    ids = [*without_pdf.values_list("enrollment_id", flat=True)[:limit],
           *without_certificate.values_list("id", flat=True)[:limit]]
    return list(dict.fromkeys(ids))[:limit]


def exports_pending(*, older_than=PENDING_AFTER, limit=100):
    """Ids of zip exports asked for more than `older_than` ago and still not built."""
    cutoff = timezone.now() - older_than
    return list(
        CertificateExport.objects.filter(ready_at__isnull=True, requested_at__lt=cutoff)
        .order_by("requested_at").values_list("id", flat=True)[:limit]
    )


@dataclass
class LearnerCertificates:
    certificates: list
    # Completed enrollments whose certificate the worker has not created yet.
    preparing: list

    @property
    def any_preparing(self):
        return bool(self.preparing) or any(not c.pdf_ready for c in self.certificates)


def certificates_of_learner(*, user):
    """The learner's certificates, newest first, and the completions still waiting for one: two queries."""
    certificates = list(Certificate.objects.filter(user=user).defer("revoke_reason"))
    with_certificate = Certificate.objects.filter(user=OuterRef("user"), course=OuterRef("course"),
                                                  cycle=OuterRef("cycle"))
    preparing = list(
        Enrollment.objects.filter(user=user, completed_at__isnull=False)
        .exclude(Exists(with_certificate))
        .select_related("course")
        .order_by("-completed_at")
    )
    return LearnerCertificates(certificates=certificates, preparing=preparing)


def certificate_for_download(*, user, certificate_id):
    """A certificate whose PDF the user may download: theirs, their organization's as HR, or any for those
    allowed to view certificates in the admin (not every staff user: trainers author content only).

    Raises Http404 for everyone else, and for certificates revoked or not ready.
    """
    visible = Certificate.objects.filter(id=certificate_id, revoked_at__isnull=True, pdf_ready_at__isnull=False)
    if not user.has_perm("certificates.view_certificate"):
        visible = visible.filter(Q(user=user) | Q(user__in=_members_of_organizations_led_by(user)))
    certificate = visible.first()
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate


def certificate_of_owner(*, user, certificate_id):
    """The user's own certificate, not revoked; Http404 otherwise (the credential is the owner's alone)."""
    certificate = Certificate.objects.filter(id=certificate_id, user=user, revoked_at__isnull=True).first()
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate


def _members_of_organizations_led_by(user):
    led = Membership.objects.filter(user=user, role=Membership.Role.HR).values("organization")
    return Membership.objects.filter(organization__in=led).values("user")


def is_hr_of(*, user, organization):
    return Membership.objects.filter(user=user, organization=organization, role=Membership.Role.HR).exists()


def hr_organization(*, user, organization_slug):
    """An organization the user is HR of; Http404 for any other."""
    organization = Organization.objects.filter(
        slug=organization_slug, memberships__user=user, memberships__role=Membership.Role.HR
    ).first()
    if organization is None:
        raise Http404("No such organization.")
    return organization


def course_by_slug(slug):
    course = Course.objects.filter(slug=slug).first()
    if course is None:
        raise Http404("No such course.")
    return course


def hr_export_overview(*, user):
    """For each organization the user is HR of: its courses with certificates and its latest exports.

    Three queries whatever the number of organizations.
    """
    organizations = list(Organization.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.HR).order_by("name"))
    # One row per organization and course; a member without certificates gives a row with no course.
    courses = (
        Membership.objects.filter(organization__in=organizations)
        .values("organization", slug=F("user__certificates__course__slug"),
                title=F("user__certificates__course__title"))
        .annotate(count=Count("id"))
        .order_by("title")
    )
    exports = CertificateExport.objects.filter(organization__in=organizations).select_related("course")[:50]
    overview = {organization.id: {"organization": organization, "courses": [], "exports": []}
                for organization in organizations}
    for row in courses:
        if row["slug"] is not None:
            overview[row["organization"]]["courses"].append(row)
    for export in exports:
        overview[export.organization_id]["exports"].append(export)
    return list(overview.values())


def export_for_hr(*, user, export_id):
    """An export the user may see: HR of its organization now. Http404 for anyone else."""
    export = CertificateExport.objects.select_related("organization", "course").filter(
        id=export_id,
        organization__in=Membership.objects.filter(user=user, role=Membership.Role.HR).values("organization"),
    ).first()
    if export is None:
        raise Http404("No such export.")
    return export


def certificates_for_export(*, organization, course):
    """Every certificate of the course held by a member of the organization, in name order."""
    return (
        Certificate.objects.filter(course=course, user__memberships__organization=organization)
        .order_by("learner_name", "id")
    )
