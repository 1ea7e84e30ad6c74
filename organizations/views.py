"""HR pages: dashboard, assigning, people and teams, invitations, the compliance report, CSV downloads.

Every page is for the HR managers of the organization in its URL; anyone else
signed in gets a 404, as if it did not exist.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academy.errors import ApplicationError
from organizations import exports, selectors, services
from organizations.filters import AssigneeFilter
from organizations.forms import (
    AssignmentForm, ComplianceForm, CsvAssignmentForm, InvitationForm, MembershipTeamForm, TeamForm, apply_error,
)
from organizations.models import Membership

PAGE_SIZE = 50


def hr_required(view):
    """Sign-in required, then the URL's organization must be one the user is HR of (404 otherwise)."""
    @login_required
    @wraps(view)
    def wrapper(request, org_slug, *args, **kwargs):
        organization = selectors.hr_organization(user=request.user, slug=org_slug)
        return view(request, organization, *args, **kwargs)
    return wrapper


@login_required
@require_GET
def home(request):
    organizations = list(selectors.hr_organizations(user=request.user))
    if len(organizations) == 1:
        return redirect(organizations[0])
    return render(request, "organizations/home.html", {"organizations": organizations})


@hr_required
@require_GET
def dashboard(request, organization):
    now = timezone.now()
    rules = selectors.Rules.for_organization(organization)
    summary = selectors.status_summary(organization=organization, now=now, rules=rules)
    table = AssigneeFilter(request.GET or None, queryset=selectors.assignees(organization=organization),
                           organization=organization, now=now, rules=rules)
    page = selectors.assignees_page(selectors.ordered_ids(table.qs, table.sort_key), organization=organization,
                                    number=request.GET.get("page"), per_page=PAGE_SIZE, now=now, rules=rules)
    return render(request, "organizations/dashboard.html", {
        "organization": organization, "summary": summary, "statuses": selectors.Status, "table": table,
        "page": page, "sort": table.sort_key,
    })


@hr_required
@require_GET
def export(request, organization):
    now = timezone.now()
    rules = selectors.Rules.for_organization(organization)
    table = AssigneeFilter(request.GET or None, queryset=selectors.assignees(organization=organization),
                           organization=organization, now=now, rules=rules)
    rows = selectors.assignee_export_rows(table.qs, organization=organization, sort=table.sort_key, now=now,
                                          rules=rules)
    filename = f"{organization.slug}-status-{timezone.localdate():%Y-%m-%d}"
    if request.GET.get("format") == "xlsx":
        return exports.xlsx_response(filename=f"{filename}.xlsx", title="Status", header=exports.STATUS_HEADER,
                                     rows=exports.status_rows(rows))
    return exports.stream_csv(filename=f"{filename}.csv", header=exports.STATUS_HEADER, rows=exports.status_rows(rows))


@hr_required
@require_http_methods(["GET", "POST"])
def assign(request, organization):
    form = AssignmentForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.assignment_create(
                organization=organization, course=form.cleaned_data["course"], assigned_by=request.user,
                memberships=list(form.cleaned_data["memberships"]), teams=list(form.cleaned_data["teams"]),
                **form.assignment_fields(),
            )
        except ApplicationError as error:
            apply_error(form, error)
        else:
            _report_assigned(request, result)
            return redirect("organizations:assignments", org_slug=organization.slug)
    return render(request, "organizations/assign.html", {"organization": organization, "form": form},
                  status=400 if form.errors else 200)


@hr_required
@require_http_methods(["GET", "POST"])
def assign_upload(request, organization):
    form = CsvAssignmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.assignment_from_csv(
                organization=organization, course=form.cleaned_data["course"], upload=form.cleaned_data["file"],
                assigned_by=request.user, **form.assignment_fields(),
            )
        except ApplicationError as error:
            apply_error(form, error)
        else:
            _report_assigned(request, result)
            return redirect("organizations:assignments", org_slug=organization.slug)
    return render(request, "organizations/assign_upload.html", {"organization": organization, "form": form},
                  status=400 if form.errors else 200)


def _report_assigned(request, result):
    text = f"Assigned to {len(result.assignees)} {'person' if len(result.assignees) == 1 else 'people'}."
    if result.already_assigned:
        text += f" {result.already_assigned} already had this course assigned and keep their earlier due date."
    messages.success(request, text)


@hr_required
@require_GET
def assignments(request, organization):
    page = Paginator(selectors.organization_assignments(organization=organization), PAGE_SIZE) \
        .get_page(request.GET.get("page"))
    return render(request, "organizations/assignments.html", {"organization": organization, "page": page})


@hr_required
@require_POST
def assignment_reminders(request, organization, assignment_id):
    assignment = selectors.organization_assignment(organization=organization, assignment_id=assignment_id)
    enabled = request.POST.get("enabled") == "on"
    services.assignment_reminders_set(assignment=assignment, enabled=enabled)
    messages.success(request, f"Reminders for {assignment} are {'on' if enabled else 'off'}.")
    return redirect("organizations:assignments", org_slug=organization.slug)


@hr_required
@require_GET
def people(request, organization):
    page = Paginator(selectors.organization_memberships(organization=organization), PAGE_SIZE) \
        .get_page(request.GET.get("page"))
    return render(request, "organizations/people.html", {
        "organization": organization, "page": page, "teams": selectors.organization_teams(organization=organization),
        "team_form": TeamForm(), "invitations": selectors.pending_invitations(organization=organization),
    })


@hr_required
@require_POST
def team_create(request, organization):
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            team = services.team_create(organization=organization, name=form.cleaned_data["name"])
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Team {team.name} created.")
    else:
        messages.error(request, "Give the team a name of at most 120 characters.")
    return redirect("organizations:people", org_slug=organization.slug)


@hr_required
@require_POST
def membership_team(request, organization, membership_id):
    membership = get_object_or_404(Membership.objects.select_related("user"), organization=organization,
                                   id=membership_id)
    form = MembershipTeamForm(request.POST, organization=organization)
    if not form.is_valid():
        messages.error(request, "Choose one of this organization's teams.")
    else:
        team = form.cleaned_data["team"]
        created = services.membership_team_set(membership=membership, team=team)
        name = membership.user.get_full_name() or membership.user.username
        text = f"{name} is now in {team.name}." if team else f"{name} is in no team now."
        if created:
            text += f" {len(created)} of the team's assignments were added."
        messages.success(request, text)
    return redirect(reverse("organizations:people", kwargs={"org_slug": organization.slug})
                    + (f"?page={request.POST['page']}" if request.POST.get("page", "").isdigit() else ""))


@hr_required
@require_http_methods(["GET", "POST"])
def invite(request, organization):
    form = InvitationForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(organization=organization, email=form.cleaned_data["email"],
                                                    team=form.cleaned_data["team"], invited_by=request.user)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("organizations:people", org_slug=organization.slug)
    return render(request, "organizations/invite.html", {
        "organization": organization, "form": form,
        "days": services.settings_int("ORGANIZATIONS_INVITATION_DAYS", 14),
    }, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Public by its unguessable token: shows whom it is for; joining needs the invited account."""
    invitation = selectors.invitation_by_token(token=token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        membership = services.invitation_accept(token=token, user=request.user)
        messages.success(request, f"You joined {membership.organization}.")
        return redirect("courses:dashboard")
    return render(request, "organizations/invitation_accept.html", {"invitation": invitation})


@hr_required
@require_GET
def compliance(request, organization):
    form = ComplianceForm(request.GET if "as_of" in request.GET else None,
                          initial={"as_of": timezone.localdate()})
    day = form.cleaned_data["as_of"] if form.is_bound and form.is_valid() else timezone.localdate()
    report = selectors.compliance_as_of(organization=organization, day=day)
    page = Paginator(report, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organizations/compliance.html", {
        "organization": organization, "form": form, "day": day, "page": page,
        "summary": selectors.compliance_summary(report),
    }, status=400 if form.errors else 200)


@hr_required
@require_GET
def compliance_export(request, organization):
    form = ComplianceForm(request.GET)
    if not form.is_valid():
        return redirect("organizations:compliance", org_slug=organization.slug)
    day = form.cleaned_data["as_of"]
    report = selectors.compliance_as_of(organization=organization, day=day)
    return exports.stream_csv(filename=f"{organization.slug}-compliance-{day:%Y-%m-%d}.csv",
                              header=exports.COMPLIANCE_HEADER, rows=exports.compliance_rows(report))
