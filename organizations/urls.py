"""HR pages (`urlpatterns`, namespace "organizations", included at "") and the HR API (`api_urlpatterns`,
included under /api/v1/ in the "api" namespace)."""

from django.urls import path

from organizations import api, views

app_name = "organizations"

urlpatterns = [
    path("hr/", views.home, name="home"),
    path("hr/<slug:org_slug>/", views.dashboard, name="hr-dashboard"),
    path("hr/<slug:org_slug>/export.csv", views.export, name="export"),
    path("hr/<slug:org_slug>/assign/", views.assign, name="assign"),
    path("hr/<slug:org_slug>/assign/upload/", views.assign_upload, name="assign-upload"),
    path("hr/<slug:org_slug>/assignments/", views.assignments, name="assignments"),
    path("hr/<slug:org_slug>/assignments/<int:assignment_id>/reminders/", views.assignment_reminders,
         name="assignment-reminders"),
    path("hr/<slug:org_slug>/people/", views.people, name="people"),
    path("hr/<slug:org_slug>/people/<int:membership_id>/team/", views.membership_team, name="membership-team"),
    path("hr/<slug:org_slug>/teams/", views.team_create, name="team-create"),
    path("hr/<slug:org_slug>/invite/", views.invite, name="invite"),
    path("hr/<slug:org_slug>/compliance/", views.compliance, name="compliance"),
    path("hr/<slug:org_slug>/compliance.csv", views.compliance_export, name="compliance-export"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]

api_urlpatterns = [
    path("organizations/", api.OrganizationListApi.as_view(), name="organization-list"),
    path("organizations/<slug:org_slug>/teams/", api.TeamListCreateApi.as_view(), name="organization-team-list"),
    path("organizations/<slug:org_slug>/memberships/", api.MembershipListApi.as_view(),
         name="organization-membership-list"),
    path("organizations/<slug:org_slug>/memberships/<int:membership_id>/team/", api.MembershipTeamApi.as_view(),
         name="organization-membership-team"),
    path("organizations/<slug:org_slug>/assignments/", api.AssignmentListCreateApi.as_view(),
         name="organization-assignment-list"),
    path("organizations/<slug:org_slug>/report/", api.StatusReportApi.as_view(), name="organization-status-report"),
]
