"""Admin for organizations. Assigning, inviting and moving people between teams have side effects
(enrollments, inherited assignments, e-mails), so the admin shows those rows but they are made on the
HR pages or the API, which call the services."""

from django.contrib import admin

from organizations.models import Assignee, Assignment, Invitation, Membership, Organization, ReminderSent, Team


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    # A team change must hand the team's assignments on: HR does it on the People page.
    readonly_fields = ["team"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "created_at"]
    list_filter = ["organization"]
    search_fields = ["name", "organization__name"]
    list_select_related = ["organization"]


class AssigneeInline(admin.TabularInline):
    model = Assignee
    extra = 0
    can_delete = False
    fields = ["membership", "assigned_at", "due_on", "enrollment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["course", "organization", "membership", "team", "due_on", "due_within_days", "reminders_enabled",
                    "created_at"]
    list_filter = ["organization", "course", "reminders_enabled"]
    list_select_related = ["course", "organization", "membership__user", "team"]
    search_fields = ["course__title", "team__name", "membership__user__email"]
    readonly_fields = ["organization", "course", "membership", "team", "due_on", "due_within_days", "assigned_by",
                       "created_at", "recertify_every_months", "recertify_window_days"]
    inlines = [AssigneeInline]

    def has_add_permission(self, request):
        # Creating one must enroll people and tell them: that is services.assignment_create.
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "team", "created_at", "expires_at", "sent_at", "accepted_at"]
    list_filter = ["organization"]
    search_fields = ["email"]
    list_select_related = ["organization", "team"]
    # The token is a secret sent to the invitee; it is not shown here.
    fields = ["organization", "email", "team", "invited_by", "created_at", "expires_at", "sent_at", "accepted_at",
              "accepted_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["stage", "recipient", "organization", "period_key", "claimed_at", "sent_at"]
    list_filter = ["stage", "organization"]
    search_fields = ["recipient__email"]
    list_select_related = ["recipient", "organization"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
