"""Forms of the HR pages. They check the shape of the input; the services check the rules."""

from django import forms
from django.utils import timezone

from academy.ids import IdsChoiceField
from organizations import selectors
from organizations.models import Membership, Team


class DateInput(forms.DateInput):
    input_type = "date"


class DueFields(forms.Form):
    """A fixed due date or a number of days, and the reminder and recertification settings."""

    due_on = forms.DateField(required=False, widget=DateInput, label="Due date",
                             help_text="A fixed date for everyone.")
    due_within_days = forms.IntegerField(required=False, min_value=1, max_value=3650, label="Or due within (days)",
                                         help_text="Counted from the day each person is assigned, "
                                                   "including people who join a team later.")
    reminders_enabled = forms.BooleanField(required=False, initial=True, label="Send reminder e-mails")
    recertify_every_months = forms.IntegerField(required=False, min_value=1, max_value=120,
                                                label="Recertify every (months)",
                                                help_text="Leave empty if a completion counts for good.")
    recertify_window_days = forms.IntegerField(required=False, min_value=1, max_value=365,
                                               label="Recertification window (days)",
                                               help_text="How long before expiry recertification is due. "
                                                         "Empty: 30 days.")

    def clean(self):
        cleaned = super().clean()
        due_on, within = cleaned.get("due_on"), cleaned.get("due_within_days")
        if due_on is None and within is None and "due_on" not in self.errors:
            self.add_error("due_on", "Give a due date, or a number of days.")
        elif due_on is not None and within is not None:
            self.add_error("due_within_days", "Give a due date or a number of days, not both.")
        elif due_on is not None and due_on < timezone.localdate():
            self.add_error("due_on", "The due date is in the past.")
        return cleaned

    def assignment_fields(self):
        return {name: self.cleaned_data.get(name) for name in
                ("due_on", "due_within_days", "reminders_enabled", "recertify_every_months", "recertify_window_days")}


class AssignmentForm(DueFields):
    course = forms.ModelChoiceField(queryset=selectors.assignable_courses(), label="Course")
    memberships = IdsChoiceField(
        queryset=Membership.objects.none(), required=False, label="People",
        help_text="Hold Ctrl (or Cmd) to choose several.", widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    teams = IdsChoiceField(queryset=Team.objects.none(), required=False, label="Teams",
                                           widget=forms.CheckboxSelectMultiple)
    field_order = ["course", "memberships", "teams", "due_on", "due_within_days", "reminders_enabled",
                   "recertify_every_months", "recertify_window_days"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.assignable_courses()
        self.fields["memberships"].queryset = selectors.organization_memberships(organization=organization)
        self.fields["memberships"].label_from_instance = _person_label
        self.fields["teams"].queryset = Team.objects.filter(organization=organization).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("memberships") and not cleaned.get("teams") and not self.has_error("memberships"):
            self.add_error("memberships", "Choose at least one person or team.")
        return cleaned


def _person_label(membership):
    user = membership.user
    name = user.get_full_name() or user.username
    return f"{name} <{user.email}>" if user.email else name


class CsvAssignmentForm(DueFields):
    course = forms.ModelChoiceField(queryset=selectors.assignable_courses(), label="Course")
    file = forms.FileField(label="CSV file of e-mails",
                           help_text="One e-mail per line (a first line \"email\" is skipped). At most 1 MB. "
                                     "Nothing is assigned unless every e-mail is a member's.",
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}))
    field_order = ["course", "file", "due_on", "due_within_days", "reminders_enabled",
                   "recertify_every_months", "recertify_window_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.assignable_courses()


class TeamForm(forms.Form):
    name = forms.CharField(max_length=120, label="New team's name")


class MembershipTeamForm(forms.Form):
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="No team", label="Team")

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organization=organization).order_by("name")


class InvitationForm(forms.Form):
    email = forms.EmailField(label="E-mail")
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="No team", label="Team",
                                  help_text="They get the team's open assignments when they join.")

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organization=organization).order_by("name")


class ComplianceForm(forms.Form):
    as_of = forms.DateField(widget=DateInput, label="As of", help_text="Who was compliant at the end of this day.")

    def clean_as_of(self):
        day = self.cleaned_data["as_of"]
        if day > timezone.localdate():
            raise forms.ValidationError("Choose today or a day in the past.", code="future")
        return day


def apply_error(form, error):
    """Show an ApplicationError from a service on the form, on its fields where it names them."""
    placed = False
    for name, messages in error.fields.items():
        for message in messages if isinstance(messages, (list, tuple)) else [messages]:
            form.add_error(name if name in form.fields else None, message)
            placed = True
    if not placed:
        form.add_error(None, error.message)
