"""Reads for HR: assignees with their status and progress, summaries, the compliance report.

Everything is computed in the database, in a fixed number of queries however
many people an organization has: the status is one CASE expression over a
few joins, progress is counted per enrollment with GROUP BY, and summaries are
one GROUP BY. Rules that depend on an assignment's settings (recertification
every N months, the window before expiry) become plain date bounds computed
in Python, one condition per distinct setting, so the SQL stays portable
between SQLite and PostgreSQL and can use indexes.

The HR table is read in two steps: the ids of a page (filtered and sorted,
with the status computed only when a filter or sort needs it), then those
rows in full. On PostgreSQL a query that computes a subquery per person for
10,000 people costs seconds (and a JIT compilation), hence the care below.

HR sees statuses, progress and scores here, never what a learner wrote.
"""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    Case, CharField, Count, DateTimeField, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When,
)
from django.core.paginator import Paginator
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Course, Lesson, LessonProgress
from organizations.models import Assignee, Assignment, Invitation, Membership, Organization, Team
from quizzes.models import Attempt, Quiz, RewriteExercise, Submission


Status = Assignee.Status
ComplianceStatus = Assignee.Compliance

# Statuses that count as done for the completion rate: the course was completed and still counts.
DONE_STATUSES = (Status.COMPLETED, Status.RECERTIFY)


def hr_organizations(*, user):
    """The organizations in which the user is an HR manager."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.HR).order_by("name")


def hr_organization(*, user, slug):
    """The organization if the user is its HR manager; a 404 otherwise, for staff too.

    A 404 rather than a 403, so nobody learns which organizations exist.
    """
    organization = hr_organizations(user=user).filter(slug=slug).first()
    if organization is None:
        raise Http404("No such organization.")
    return organization


def organization_teams(*, organization):
    return Team.objects.filter(organization=organization).annotate(member_count=Count("memberships")).order_by("name")


def organization_memberships(*, organization):
    return (Membership.objects.filter(organization=organization)
            .select_related("user", "team").order_by("user__last_name", "user__first_name", "user__email", "id"))


def organization_assignments(*, organization):
    return (Assignment.objects.filter(organization=organization)
            .select_related("course", "team", "membership__user", "assigned_by")
            .annotate(assignee_count=Count("assignees")).order_by("-created_at", "-id"))


def organization_assignment(*, organization, assignment_id):
    assignment = Assignment.objects.filter(organization=organization, id=assignment_id).first()
    if assignment is None:
        raise Http404("No such assignment.")
    return assignment


def assigned_courses(*, organization):
    """Courses assigned in the organization (for the table's course filter)."""
    return Course.objects.filter(organization_assignments__organization=organization).distinct().order_by("title")


def assignable_courses():
    return Course.objects.filter(published=True).order_by("title")


def pending_invitations(*, organization):
    return (Invitation.objects.filter(organization=organization, accepted_at__isnull=True)
            .select_related("team").order_by("-created_at"))


def invitation_by_token(*, token):
    invitation = Invitation.objects.select_related("organization", "team").filter(token=token).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


# Progress ------------------------------------------------------------------------------------------------------------

def _count(queryset, group_by):
    """COUNT of a correlated queryset as a subquery, 0 when it has no rows."""
    subquery = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(subquery, output_field=IntegerField()), Value(0))


def course_totals(*, course_ids):
    """{course id: number of required items}: required lessons, quizzes and rewrite exercises. One query."""
    return dict(Course.objects.filter(id__in=course_ids).annotate(total=(
        _count(Lesson.objects.filter(module__course=OuterRef("pk"), required=True), "module__course")
        + _count(Quiz.objects.filter(course=OuterRef("pk"), required=True), "course")
        + _count(RewriteExercise.objects.filter(course=OuterRef("pk"), required=True), "course")
    )).values_list("id", "total"))


def enrollments_done(*, enrollments):
    """{enrollment id: required items done} for enrollment ids (a list or a queryset of ids). One query.

    Counts what courses.selectors counts for one learner (required lessons
    completed, required quizzes passed, required exercises passed), for many
    enrollments at once: three GROUP BY enrollment, joined by UNION ALL.
    """
    # Only what counts in each enrollment's current certification cycle, as courses.selectors counts it.
    lessons = (LessonProgress.objects.filter(enrollment__in=enrollments, lesson__required=True).in_current_cycle()
               .order_by().values("enrollment_id").annotate(n=Count("id")))
    quizzes = (Attempt.objects.filter(enrollment__in=enrollments, passed=True, quiz__required=True,
                                      submitted_at__gte=F("enrollment__cycle_started_at"))
               .order_by().values("enrollment_id").annotate(n=Count("quiz", distinct=True)))
    exercises = (Submission.objects.filter(enrollment__in=enrollments, passed=True, exercise__required=True,
                                           created_at__gte=F("enrollment__cycle_started_at"))
                 .order_by().values("enrollment_id").annotate(n=Count("exercise", distinct=True)))
    done = {}
    for row in lessons.union(quizzes, exercises, all=True):
        done[row["enrollment_id"]] = done.get(row["enrollment_id"], 0) + row["n"]
    return done


def percent(done, total):
    return min(100, round(100 * done / total)) if total else 0


def attach_progress(rows, *, totals=None):
    """Set `percent` on each assignee row (a page's worth): two queries however many rows."""
    rows = list(rows)
    if not rows:
        return rows
    totals = totals if totals is not None else course_totals(course_ids={row.course_id for row in rows})
    done = enrollments_done(enrollments=[row.enrollment_id for row in rows])
    for row in rows:
        row.percent = percent(done.get(row.enrollment_id, 0), totals.get(row.course_id, 0))
    return rows


# Status --------------------------------------------------------------------------------------------------------------

def add_months(moment, months):
    """The same day and time `months` later (earlier when negative), on the month's last day if it is shorter."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def default_window_days():
    return int(getattr(settings, "ORGANIZATIONS_RECERTIFY_WINDOW_DAYS", 30))


@dataclass(frozen=True)
class Rules:
    """The distinct recertification settings of an organization's assignments: (months, window days) pairs."""

    pairs: tuple = field(default_factory=tuple)

    @classmethod
    def for_organization(cls, organization):
        pairs = (Assignment.objects.filter(organization=organization)
                 .values_list("recertify_every_months", "recertify_window_days").distinct().order_by())
        return cls(tuple(sorted(set(pairs), key=str)))

    def lapsed(self, moment):
        """Q: the certificate no longer counts at `moment`: revoked, expired, or older than the months allowed."""
        condition = Q(cert_revoked_at__lte=moment) | Q(cert_expires_at__lte=moment)
        for months in {months for months, _ in self.pairs if months}:
            condition |= Q(assignment__recertify_every_months=months, completion_at__lte=add_months(moment, -months))
        return condition

    def expiring(self, moment, *, days=None):
        """Q: the certificate stops counting within `days` of `moment` (each assignment's window when None)."""
        condition = Q(pk__in=[])
        for months, window in self.pairs:
            ahead = moment + timedelta(days=days if days is not None else
                                       (window if window is not None else default_window_days()))
            bound = Q(cert_expires_at__lte=ahead)
            if months:
                bound |= Q(completion_at__lte=add_months(ahead, -months))
            # Exact matches on both settings; a None matches the rows where the setting is empty.
            same_rules = Q(assignment__recertify_every_months=months, assignment__recertify_window_days=window)
            condition |= same_rules & bound
        return condition


def _started(organization, *, few):
    """Q: the learner has done something in the course: a lesson, a quiz attempt, a rewrite.

    A completed lesson shows in the enrollment's last_activity_at (courses.services
    .lesson_complete records both), so only attempts and rewrites are looked up.
    For many rows, as IN lists over the organization's enrollments, which
    PostgreSQL hashes once: an EXISTS per row is costed per person and, past a
    few thousand people, tips the planner into JIT-compiling the query, slower
    by far. For a page of rows (`few`), EXISTS is the cheaper of the two.
    """
    if few:
        return (Q(enrollment__last_activity_at__isnull=False)
                | Exists(Attempt.objects.filter(enrollment=OuterRef("enrollment")))
                | Exists(Submission.objects.filter(enrollment=OuterRef("enrollment"))))
    enrollments = Assignee.objects.filter(membership__organization=organization).values("enrollment_id")
    return (Q(enrollment__last_activity_at__isnull=False)
            | Q(enrollment_id__in=Attempt.objects.filter(enrollment__in=enrollments).values("enrollment_id"))
            | Q(enrollment_id__in=Submission.objects.filter(enrollment__in=enrollments).values("enrollment_id")))


def status_expression(*, organization, rules, now, few=False):
    today = timezone.localdate(now)
    # A recertifying learner (a new cycle started, not yet completed) still holds the earlier cycle's
    # certificate: they stay "recertification due", or "expired" once it lapses, until they pass again.
    completed = Q(enrollment__completed_at__isnull=False) | Q(cert_code__isnull=False)
    return Case(
        When(completed & rules.lapsed(now), then=Value(Status.EXPIRED)),
        When(completed & rules.expiring(now), then=Value(Status.RECERTIFY)),
        When(completed, then=Value(Status.COMPLETED)),
        When(due_on__lt=today, then=Value(Status.OVERDUE)),
        When(_started(organization, few=few), then=Value(Status.IN_PROGRESS)),
        default=Value(Status.NOT_STARTED),
        output_field=CharField(),
    )


def _with_certificate(queryset):
    """Annotate the enrollment's current certificate (its latest cycle, revoked or expired ones included).

    A LEFT JOIN kept to the current certificate or none, rather than a subquery
    per column and row: PostgreSQL plans one hash join for everyone.
    """
    superseded = Certificate.objects.filter(enrollment=OuterRef("enrollment"), cycle__gt=OuterRef("cycle"))
    current = Certificate.objects.exclude(Exists(superseded)).values("id")
    # The annotations below reuse the join this filter makes (one row per assignee; see test_status).
    return queryset.filter(
        Q(enrollment__certificates__isnull=True) | Q(enrollment__certificates__in=current)
    ).annotate(
        cert_code=F("enrollment__certificates__code"),
        cert_issued_at=F("enrollment__certificates__issued_at"),
        cert_expires_at=F("enrollment__certificates__expires_at"),
        cert_revoked_at=F("enrollment__certificates__revoked_at"),
        completion_at=Coalesce("enrollment__certificates__issued_at", "enrollment__completed_at",
                               output_field=DateTimeField()),
    )


def _with_certificate_as_of(queryset, moment):
    """Annotate, as _with_certificate does, the certificate the person held at `moment`: the latest cycle issued
    before it. A subquery per column: the compliance report is read rarely, and must not move with later cycles."""
    held = Certificate.objects.filter(enrollment=OuterRef("enrollment"), issued_at__lt=moment).order_by("-cycle")

    def column(name):
        return Subquery(held.values(name)[:1])

    return queryset.annotate(
        cert_code=column("code"),
        cert_issued_at=column("issued_at"),
        cert_expires_at=column("expires_at"),
        cert_revoked_at=column("revoked_at"),
    ).annotate(
        completion_at=Coalesce("cert_issued_at", "enrollment__completed_at", output_field=DateTimeField()),
    )


def assignees(*, organization):
    """The organization's assignees, without status: the base of the HR table's filters."""
    return Assignee.objects.filter(membership__organization=organization)


def with_status(queryset, *, organization, now=None, rules=None, few=False):
    """The assignees with `status` and their current certificate's fields (cert_code, cert_expires_at, ...).

    `few` when the queryset is a page of rows, not the whole organization. A
    queryset that has them already is returned as it is.
    """
    if "status" in queryset.query.annotations:
        return queryset
    now = now or timezone.now()
    rules = rules or Rules.for_organization(organization)
    return _with_certificate(queryset).annotate(
        status=status_expression(organization=organization, rules=rules, now=now, few=few))


def assignees_with_status(*, organization, now=None, rules=None):
    """Every assignee of the organization with status and certificate, and the related rows; one query."""
    return with_status(
        assignees(organization=organization)
        .select_related("membership__user", "membership__team", "course", "enrollment", "assignment"),
        organization=organization, now=now, rules=rules)


# The HR table --------------------------------------------------------------------------------------------------------

STATUS_RANK = Case(*[When(status=value, then=Value(rank)) for rank, value in enumerate(
    [Status.OVERDUE, Status.EXPIRED, Status.RECERTIFY, Status.NOT_STARTED, Status.IN_PROGRESS, Status.COMPLETED])],
    output_field=IntegerField())

NAME = [("membership__user__last_name", None), ("membership__user__first_name", None),
        ("membership__user__email", None)]
# Each sort: (column, where empty values go): "last" in both directions, "low" as the smallest value.
SORTS = {
    "name": NAME,
    "email": [("membership__user__email", None)],
    "team": [("membership__team__name", "last")],
    "course": [("course__title", None)],
    "status": [("status_rank", None)],
    # Sorted by ProgressOrdered, after SQL has put the rows in name order for the ties.
    "progress": NAME,
    "last_activity": [("enrollment__last_activity_at", "low")],
    "due": [("due_on", None)],
    "certificate": [("cert_code", "last")],
}
SORT_KEYS = list(SORTS)
NEEDS_STATUS = {"status", "certificate"}


def assignees_sorted(queryset, key, *, organization=None, now=None, rules=None):
    """Sort by one of SORTS, "-key" for descending; ties broken by id so pages do not overlap.

    Sorting by status or certificate computes the status (give the organization).
    """
    descending = key.startswith("-")
    name = key.lstrip("-")
    if name not in SORTS:
        name, descending = "name", False
    if name in NEEDS_STATUS:
        queryset = with_status(queryset, organization=organization, now=now, rules=rules)
    if name == "status":
        queryset = queryset.annotate(status_rank=STATUS_RANK)
    if name == "progress":
        descending = False
    order = []
    for column, empty in SORTS[name]:
        nulls_last = empty == "last" or (empty == "low" and descending)
        nulls = {"nulls_last": True} if nulls_last else ({"nulls_first": True} if empty == "low" else {})
        order.append(F(column).desc(**nulls) if descending else F(column).asc(**nulls))
    return queryset.order_by(*order, "-id" if descending else "id")


def assignees_search(queryset, text):
    for word in text.split():
        queryset = queryset.filter(
            Q(membership__user__first_name__icontains=word) | Q(membership__user__last_name__icontains=word)
            | Q(membership__user__email__icontains=word) | Q(membership__user__username__icontains=word)
        )
    return queryset


class ProgressOrdered(Sequence):
    """The ids of filtered assignees in order of progress, for Paginator.

    Progress of every row is counted in three queries (ids, items done, course
    totals) and sorted here: counting it in SQL to sort there would cost a
    subquery per person.
    """

    def __init__(self, queryset, *, descending=False):
        self.queryset = queryset
        self.descending = descending
        self._order = None
        self.percent = {}

    def _load(self):
        if self._order is None:
            keys = list(self.queryset.values_list("id", "enrollment_id", "course_id"))
            done = enrollments_done(enrollments=self.queryset.values("enrollment_id"))
            totals = course_totals(course_ids={course_id for _, _, course_id in keys})
            self.percent = {i: percent(done.get(e, 0), totals.get(c, 0)) for i, e, c in keys}
            # A stable sort: people with the same progress stay in name order.
            self._order = sorted((i for i, _, _ in keys), key=self.percent.get, reverse=self.descending)
        return self._order

    def __len__(self):
        return len(self._load())

    def __getitem__(self, index):
        return self._load()[index]


def ordered_ids(queryset, sort):
    """The ids of the filtered, sorted assignees: a lazy queryset, or a ProgressOrdered for "progress"."""
    if (sort or "").lstrip("-") == "progress":
        return ProgressOrdered(queryset, descending=sort.startswith("-"))
    return queryset.values_list("id", flat=True)


def assignee_rows(*, organization, ids, now=None, rules=None, percents=None):
    """The assignees with these ids, in this order, with status, certificate and `percent`; four queries."""
    ids = list(ids)
    if not ids:
        return []
    queryset = with_status(
        assignees(organization=organization).filter(id__in=ids)
        .select_related("membership__user", "membership__team", "course", "enrollment", "assignment"),
        organization=organization, now=now, rules=rules, few=True)
    found = queryset.in_bulk()
    rows = [found[i] for i in ids if i in found]
    if percents is None:
        return attach_progress(rows)
    for row in rows:
        row.percent = percents[row.id]
    return rows


def assignees_page(ids, *, organization, number, per_page, now=None, rules=None):
    """A Paginator page of `ordered_ids` whose object_list holds the rows in full (see assignee_rows)."""
    page = Paginator(ids, per_page).get_page(number)
    page.object_list = assignee_rows(
        organization=organization, ids=page.object_list, now=now, rules=rules,
        percents=ids.percent if isinstance(ids, ProgressOrdered) else None)
    return page


EXPORT_COLUMNS = (
    "id", "enrollment_id", "course_id", "membership__user__first_name", "membership__user__last_name",
    "membership__user__username", "membership__user__email", "membership__team__name", "course__title", "status",
    "enrollment__last_activity_at", "assigned_at", "due_on", "enrollment__completed_at", "cert_code", "cert_expires_at",
)


def assignee_export_rows(queryset, *, organization, sort, chunk_size=2000, now=None, rules=None):
    """Every filtered assignee, in the order asked for, as a dict of EXPORT_COLUMNS and `percent`.

    Plain values rather than model instances, read through a cursor
    `chunk_size` rows at a time, with progress counted once for all of them
    (a GROUP BY): steady memory and a fixed number of queries. Sorted by
    progress, the rows are read by id, a chunk at a time.
    """
    rules = rules or Rules.for_organization(organization)
    ids = ordered_ids(queryset, sort)
    if isinstance(ids, ProgressOrdered):
        for start in range(0, len(ids), chunk_size):
            chunk = ids[start:start + chunk_size]
            found = {row["id"]: row for row in with_status(
                assignees(organization=organization).filter(id__in=chunk), organization=organization, now=now,
                rules=rules, few=True).values(*EXPORT_COLUMNS)}
            for row in (found[i] for i in chunk if i in found):
                row["percent"] = ids.percent[row["id"]]
                yield row
        return
    totals = course_totals(course_ids=Assignment.objects.filter(organization=organization).values("course_id"))
    done = enrollments_done(enrollments=queryset.values("enrollment_id"))
    rows = with_status(queryset, organization=organization, now=now, rules=rules).values(*EXPORT_COLUMNS)
    for row in rows.iterator(chunk_size=chunk_size):
        row["percent"] = percent(done.get(row["enrollment_id"], 0), totals.get(row["course_id"], 0))
        yield row


# Summary -------------------------------------------------------------------------------------------------------------

@dataclass
class SummaryRow:
    label: str
    key: object
    counts: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def done(self):
        return sum(self.counts.get(status, 0) for status in DONE_STATUSES)

    @property
    def completion_rate(self):
        return round(100 * self.done / self.total) if self.total else 0

    def count(self, status):
        return self.counts.get(status, 0)

    @property
    def by_status(self):
        """(status, count) in the order of Status, for templates."""
        return [(status, self.counts.get(status, 0)) for status in Status]


@dataclass
class Summary:
    by_course: list
    by_team: list
    overall: SummaryRow


def status_summary(*, organization, now=None, rules=None):
    """Counts by status per course and per team, and the completion rates: one GROUP BY query."""
    queryset = with_status(assignees(organization=organization), organization=organization, now=now, rules=rules)
    rows = (queryset.order_by().values("course_id", "course__title", "membership__team_id", "membership__team__name",
                                       "status").annotate(n=Count("id")))
    courses, teams, overall = {}, {}, SummaryRow("All", None)
    for row in rows:
        course = courses.setdefault(row["course_id"], SummaryRow(row["course__title"], row["course_id"]))
        team = teams.setdefault(row["membership__team_id"],
                                SummaryRow(row["membership__team__name"] or "No team", row["membership__team_id"]))
        for summary in (course, team, overall):
            summary.counts[row["status"]] = summary.counts.get(row["status"], 0) + row["n"]
    by_team = sorted(teams.values(), key=lambda s: (s.key is None, s.label.lower()))
    return Summary(sorted(courses.values(), key=lambda s: s.label.lower()), by_team, overall)


# Compliance as of a day ----------------------------------------------------------------------------------------------

def end_of_day(day):
    """The first moment after `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def compliance_as_of(*, organization, day):
    """Assignees assigned by the end of `day`, with their compliance that day, from the recorded dates.

    Compliant: the course completed by then and the certificate held then (the
    latest cycle issued by then, if any) not revoked, expired or older than the
    assignment's recertification period by then. Otherwise overdue when the due
    date had passed, else not yet due. Later events (a recertification pass, a
    new certificate) do not change the answer for an earlier day. Teams are
    today's teams: team changes are not recorded.
    """
    moment = end_of_day(day)
    rules = Rules.for_organization(organization)
    completed = Q(cert_issued_at__isnull=False) | Q(enrollment__completed_at__lt=moment)
    lapsed = rules.lapsed(moment - timedelta(microseconds=1))
    return _with_certificate_as_of(
        Assignee.objects.filter(membership__organization=organization, assigned_at__lt=moment)
        .select_related("membership__user", "membership__team", "course", "enrollment"),
        moment,
    ).annotate(compliance=Case(
        When(completed & lapsed, then=Value(ComplianceStatus.LAPSED)),
        When(completed, then=Value(ComplianceStatus.COMPLIANT)),
        When(due_on__lt=day, then=Value(ComplianceStatus.OVERDUE)),
        default=Value(ComplianceStatus.NOT_YET_DUE),
        output_field=CharField(),
    )).order_by("course__title", "membership__user__last_name", "membership__user__first_name", "id")


def compliance_summary(queryset):
    counts = dict(queryset.order_by().values_list("compliance").annotate(n=Count("id")))
    total = sum(counts.values())
    compliant = counts.get(ComplianceStatus.COMPLIANT, 0)
    return {"by_status": [(status, counts.get(status, 0)) for status in ComplianceStatus], "total": total,
            "compliant": compliant, "rate": round(100 * compliant / total) if total else 0}
