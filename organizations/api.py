"""The HR API: my organizations, their teams, members and assignments, and the status report.

Every endpoint under /organizations/<slug>/ is for that organization's HR
managers only; anyone else gets a 404. Learners' free text never appears:
the report carries statuses, progress and certificate codes.
"""

from http import HTTPStatus

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from academy.errors import ApplicationError
from academy.ids import MAX_ID, IdField
from courses.models import Course
from organizations import selectors, services
from organizations.filters import AssigneeFilter
from organizations.models import Assignee, Assignment, Membership, Organization, Team


class OrganizationFilterBackend(filters.DjangoFilterBackend):
    """django-filter, with the view's organization handed to the FilterSet for its choices."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if view.filterset_class is AssigneeFilter:
            kwargs["organization"] = view.organization
        return kwargs


class OrganizationScoped:
    """Resolves <org_slug> to an organization the user is HR of, once per request (404 otherwise)."""

    organization = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if "org_slug" in kwargs:
            self.organization = selectors.hr_organization(user=request.user, slug=kwargs["org_slug"])


# Output ------------------------------------------------------------------------------------------------------------

class OrganizationOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class TeamOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    member_count = serializers.IntegerField()


class PersonOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.SerializerMethodField()
    email = serializers.EmailField()

    def get_name(self, user) -> str:
        return user.get_full_name()


class MembershipOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person = PersonOutput(source="user")
    role = serializers.ChoiceField(choices=Membership.Role.choices)
    team = serializers.IntegerField(source="team_id", allow_null=True)
    team_name = serializers.CharField(source="team.name", allow_null=True, default=None)
    joined_at = serializers.DateTimeField()


class CourseRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()


class AssignmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    course = CourseRefOutput()
    membership = serializers.IntegerField(source="membership_id", allow_null=True)
    team = serializers.IntegerField(source="team_id", allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    due_within_days = serializers.IntegerField(allow_null=True)
    reminders_enabled = serializers.BooleanField()
    recertify_every_months = serializers.IntegerField(allow_null=True)
    recertify_window_days = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()


class AssignmentListOutput(AssignmentOutput):
    assignee_count = serializers.IntegerField()


class AssignmentCreatedOutput(serializers.Serializer):
    assignments = AssignmentOutput(many=True)
    assigned = serializers.IntegerField(help_text="People newly assigned.")
    already_assigned = serializers.IntegerField(help_text="People who already held the course here.")


@extend_schema_field({"type": "string", "description": "One of: " + "; ".join(
    f"`{value}` ({label.lower()})" for value, label in selectors.Status.choices) + "."})
class StatusField(serializers.CharField):
    # Described rather than an enum: a second "status" enum would clash with the quizzes API's in the
    # schema's component names (drf-spectacular's ENUM_NAME_OVERRIDES setting could name both instead).
    pass


class StatusRowOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text="The assignee: one person's assignment of one course.")
    membership = serializers.IntegerField(source="membership_id")
    person = PersonOutput(source="membership.user")
    team = serializers.CharField(source="membership.team.name", allow_null=True, default=None)
    course = CourseRefOutput()
    status = StatusField()
    percent = serializers.IntegerField(help_text="Required items done, in percent.")
    last_activity_at = serializers.DateTimeField(source="enrollment.last_activity_at", allow_null=True)
    assigned_at = serializers.DateTimeField()
    due_on = serializers.DateField()
    completed_at = serializers.DateTimeField(source="enrollment.completed_at", allow_null=True)
    certificate_code = serializers.CharField(source="cert_code", allow_null=True)
    certificate_expires_at = serializers.DateTimeField(source="cert_expires_at", allow_null=True)


# Input -------------------------------------------------------------------------------------------------------------

class TeamInput(serializers.Serializer):
    name = serializers.CharField(max_length=120)


class MembershipTeamInput(serializers.Serializer):
    team = IdField(allow_null=True, help_text="A team id of this organization, or null for none.")


class AssignmentInput(serializers.Serializer):
    course = serializers.SlugField(help_text="The course's slug; it must be published.")
    memberships = serializers.ListField(child=IdField(), required=False, default=list,
                                        help_text="Membership ids of people to assign.")
    teams = serializers.ListField(child=IdField(), required=False, default=list,
                                  help_text="Team ids; people who join them later get the assignment too.")
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    due_within_days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                               max_value=3650)
    reminders_enabled = serializers.BooleanField(required=False, default=True)
    recertify_every_months = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                                      max_value=120)
    recertify_window_days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                                     max_value=365)


# Views -------------------------------------------------------------------------------------------------------------

@extend_schema(summary="Organizations I am an HR manager of")
class OrganizationListApi(generics.ListAPIView):
    serializer_class = OrganizationOutput
    queryset = Organization.objects.none()

    def get_queryset(self):
        return selectors.hr_organizations(user=self.request.user)


class TeamListCreateApi(OrganizationScoped, APIView):
    @extend_schema(responses=TeamOutput(many=True), summary="The organization's teams")
    def get(self, request, org_slug):
        return Response(TeamOutput(selectors.organization_teams(organization=self.organization), many=True).data)

    @extend_schema(request=TeamInput, responses={201: TeamOutput}, summary="Create a team")
    def post(self, request, org_slug):
        data = TeamInput(data=request.data)
        data.is_valid(raise_exception=True)
        team = services.team_create(organization=self.organization, name=data.validated_data["name"])
        team.member_count = 0
        return Response(TeamOutput(team).data, status=HTTPStatus.CREATED)


class MembershipFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_search", label="Name or e-mail")
    role = filters.ChoiceFilter(choices=Membership.Role.choices)
    team = filters.NumberFilter(field_name="team_id", min_value=1, max_value=MAX_ID)

    class Meta:
        model = Membership
        fields = ["role", "team"]

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
                                       | Q(user__email__icontains=word))
        return queryset


@extend_schema(summary="The organization's members")
class MembershipListApi(OrganizationScoped, generics.ListAPIView):
    serializer_class = MembershipOutput
    queryset = Membership.objects.none()
    filter_backends = [OrganizationFilterBackend]
    filterset_class = MembershipFilter

    def get_queryset(self):
        if self.organization is None:  # the schema generator
            return Membership.objects.none()
        return selectors.organization_memberships(organization=self.organization)


class MembershipTeamApi(OrganizationScoped, APIView):
    @extend_schema(request=MembershipTeamInput, responses={200: MembershipOutput, 404: OpenApiResponse(
        description="No such member or team here")},
        summary="Move a member into a team; they get the team's open assignments")
    def put(self, request, org_slug, membership_id):
        membership = get_object_or_404(Membership, organization=self.organization, id=membership_id)
        data = MembershipTeamInput(data=request.data)
        data.is_valid(raise_exception=True)
        team_id = data.validated_data["team"]
        team = None if team_id is None else get_object_or_404(Team, organization=self.organization, id=team_id)
        services.membership_team_set(membership=membership, team=team)
        membership = selectors.organization_memberships(organization=self.organization).get(id=membership.id)
        return Response(MembershipOutput(membership).data)


class AssignmentListCreateApi(OrganizationScoped, generics.ListAPIView):
    serializer_class = AssignmentListOutput
    queryset = Assignment.objects.none()

    def get_queryset(self):
        if self.organization is None:
            return Assignment.objects.none()
        return selectors.organization_assignments(organization=self.organization)

    @extend_schema(summary="The organization's assignments, newest first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=AssignmentInput, responses={201: AssignmentCreatedOutput},
                   summary="Assign a course to people and teams, with a due date")
    def post(self, request, org_slug):
        data = AssignmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        course = Course.objects.filter(slug=values.pop("course"), published=True).first()
        if course is None:
            raise ApplicationError("There is no published course with this slug.", code="invalid",
                                   fields={"course": ["There is no published course with this slug."]})
        memberships = _owned(Membership.objects.select_related("user"), self.organization, values.pop("memberships"),
                             "memberships")
        teams = _owned(Team.objects.all(), self.organization, values.pop("teams"), "teams")
        result = services.assignment_create(organization=self.organization, course=course,
                                            assigned_by=request.user, memberships=memberships, teams=teams, **values)
        body = {"assignments": result.assignments, "assigned": len(result.assignees),
                "already_assigned": result.already_assigned}
        return Response(AssignmentCreatedOutput(body).data, status=HTTPStatus.CREATED)


def _owned(queryset, organization, ids, field):
    """The rows with these ids in the organization; any other id is an error naming it."""
    found = {row.id: row for row in queryset.filter(organization=organization, id__in=ids)}
    unknown = [i for i in ids if i not in found]
    if unknown:
        raise ApplicationError("Some ids are not of this organization.", code="invalid",
                               fields={field: [f"Unknown id {i}." for i in unknown]})
    return [found[i] for i in dict.fromkeys(ids)]


@extend_schema(summary="Status of every assignee: filter by status, team, course or name; sort; 50 a page")
class StatusReportApi(OrganizationScoped, generics.ListAPIView):
    serializer_class = StatusRowOutput
    queryset = Assignee.objects.none()
    filter_backends = [OrganizationFilterBackend]
    filterset_class = AssigneeFilter

    def get_queryset(self):
        if self.organization is None:
            return Assignee.objects.none()
        return selectors.assignees(organization=self.organization)

    def filter_queryset(self, queryset):
        # The FilterSet has validated "sort"; what is paginated is the ids (see selectors.ordered_ids).
        return selectors.ordered_ids(super().filter_queryset(queryset), self.request.query_params.get("sort"))

    def paginate_queryset(self, queryset):
        ids = super().paginate_queryset(queryset)
        percents = queryset.percent if isinstance(queryset, selectors.ProgressOrdered) else None
        return selectors.assignee_rows(organization=self.organization, ids=ids, percents=percents)
