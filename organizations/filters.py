"""The HR table's filters and sort, shared by the dashboard page, its CSV export and the API.

They apply to `selectors.assignees` (no status computed); the status filter
and the status and certificate sorts add it, since only they need it for
every row.
"""

import django_filters

from organizations import selectors
from organizations.selectors import Status

NO_TEAM = "none"
SORT_LABELS = {"name": "Name", "email": "E-mail", "team": "Team", "course": "Course", "status": "Status",
               "progress": "Progress", "last_activity": "Last activity", "due": "Due date",
               "certificate": "Certificate"}


def _sort_choices():
    choices = []
    for key in selectors.SORT_KEYS:
        choices += [(key, f"{SORT_LABELS[key]}, ascending"), (f"-{key}", f"{SORT_LABELS[key]}, descending")]
    return choices


class AssigneeFilter(django_filters.FilterSet):
    """Filters over `selectors.assignees(organization=...)`; give it the same organization."""

    q = django_filters.CharFilter(method="filter_search", label="Name or e-mail")
    status = django_filters.ChoiceFilter(method="filter_status", choices=Status.choices, empty_label="Any status",
                                         label="Status")
    team = django_filters.ChoiceFilter(method="filter_team", empty_label="All teams", label="Team",
                                       help_text='A team id, or "none" for people in no team.')
    course = django_filters.ChoiceFilter(field_name="course_id", empty_label="All courses", label="Course",
                                         help_text="A course id.")
    sort = django_filters.ChoiceFilter(method="filter_sort", choices=_sort_choices(), empty_label="Name",
                                       label="Sort by", help_text='A column, "-column" for descending.')

    def __init__(self, data=None, queryset=None, *, organization, now=None, rules=None, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.organization, self.now, self.rules = organization, now, rules
        teams = [(str(team.id), team.name) for team in selectors.organization_teams(organization=organization)]
        self.filters["team"].extra["choices"] = [*teams, (NO_TEAM, "No team")]
        self.filters["course"].extra["choices"] = [
            (str(course.id), course.title) for course in selectors.assigned_courses(organization=organization)]

    @property
    def qs(self):
        # Sorted even when no sort is asked for, so pages are stable.
        queryset = super().qs
        if not self.sort_key:
            queryset = selectors.assignees_sorted(queryset, "name")
        return queryset

    @property
    def sort_key(self):
        """The sort asked for, once valid ("" otherwise); "progress" is applied by selectors.ordered_ids."""
        if not self.is_bound:
            return ""
        self.form.errors  # noqa: B018 - validates the form, so cleaned_data holds the valid fields
        return self.form.cleaned_data.get("sort") or ""

    def _status_context(self):
        return {"organization": self.organization, "now": self.now, "rules": self.rules}

    def filter_search(self, queryset, name, value):
        return selectors.assignees_search(queryset, value)

    def filter_status(self, queryset, name, value):
        return selectors.with_status(queryset, **self._status_context()).filter(status=value)

    def filter_team(self, queryset, name, value: str):
        if value == NO_TEAM:
            return queryset.filter(membership__team__isnull=True)
        return queryset.filter(membership__team_id=value)

    def filter_sort(self, queryset, name, value):
        return selectors.assignees_sorted(queryset, value, **self._status_context())
