"""The compliance report as of a day, from recorded dates rather than today's state."""

from datetime import datetime, time, timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from organizations import selectors
from organizations.models import Assignee
from organizations.selectors import ComplianceStatus
from tests.organizations.conftest import assign, certify, member

pytestmark = pytest.mark.django_db


def at(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def compliance(organization, day):
    return {row.membership.user.username: row.compliance
            for row in selectors.compliance_as_of(organization=organization, day=day)}


@pytest.fixture
def history(organization, course):
    """Four people assigned on day 0, due on day 30; what happened to each, on which day."""
    today = timezone.localdate()
    day0 = today - timedelta(days=400)
    people = {name: member(organization, name) for name in ("early", "late", "never", "revoked")}
    assign(organization, course, *people.values())
    Assignee.objects.update(assigned_at=at(day0), due_on=day0 + timedelta(days=30))
    certify(people["early"], course, issued_at=at(day0 + timedelta(days=10)),
            expires_at=at(day0 + timedelta(days=375)))
    certify(people["late"], course, issued_at=at(day0 + timedelta(days=40)))
    certify(people["revoked"], course, issued_at=at(day0 + timedelta(days=5)),
            revoked_at=at(day0 + timedelta(days=100)))
    return day0


def test_before_the_due_date_only_those_done_are_compliant(organization, history):
    assert compliance(organization, history + timedelta(days=20)) == {
        "early": ComplianceStatus.COMPLIANT, "late": ComplianceStatus.NOT_YET_DUE,
        "never": ComplianceStatus.NOT_YET_DUE, "revoked": ComplianceStatus.COMPLIANT,
    }


def test_after_the_due_date_the_rest_are_overdue(organization, history):
    assert compliance(organization, history + timedelta(days=35)) == {
        "early": ComplianceStatus.COMPLIANT, "late": ComplianceStatus.OVERDUE,
        "never": ComplianceStatus.OVERDUE, "revoked": ComplianceStatus.COMPLIANT,
    }


def test_revocation_and_expiry_count_from_their_day(organization, history):
    assert compliance(organization, history + timedelta(days=200)) == {
        "early": ComplianceStatus.COMPLIANT, "late": ComplianceStatus.COMPLIANT,
        "never": ComplianceStatus.OVERDUE, "revoked": ComplianceStatus.LAPSED,
    }
    assert compliance(organization, history + timedelta(days=380))["early"] == ComplianceStatus.LAPSED


def test_people_assigned_after_the_day_are_not_in_the_report(organization, course, history):
    assign(organization, course, member(organization, "newcomer"))

    assert "newcomer" not in compliance(organization, history + timedelta(days=200))
    assert compliance(organization, timezone.localdate())["newcomer"] == ComplianceStatus.NOT_YET_DUE


def test_recertify_every_months_applies_as_of_the_day(organization, course):
    ada = member(organization, "ada")
    assign(organization, course, ada, recertify_every_months=6)
    today = timezone.localdate()
    Assignee.objects.update(assigned_at=at(today - timedelta(days=300)), due_on=today - timedelta(days=290))
    certify(ada, course, issued_at=at(today - timedelta(days=295)))

    assert compliance(organization, today - timedelta(days=200))["ada"] == ComplianceStatus.COMPLIANT
    assert compliance(organization, today - timedelta(days=100))["ada"] == ComplianceStatus.LAPSED


def test_the_page_and_its_csv_show_the_day_asked_for(hr_client, organization, history):
    day = history + timedelta(days=35)

    page = hr_client.get(reverse("organizations:compliance", args=[organization.slug]), {"as_of": day.isoformat()})
    download = hr_client.get(reverse("organizations:compliance-export", args=[organization.slug]),
                             {"as_of": day.isoformat()})

    assert page.status_code == HTTPStatus.OK
    assert "2 of 4 compliant (50%)" in page.content.decode()
    lines = b"".join(download.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 5
    assert sum("Overdue" in line for line in lines) == 2


def test_a_day_in_the_future_is_refused(hr_client, organization):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = hr_client.get(reverse("organizations:compliance", args=[organization.slug]),
                             {"as_of": tomorrow.isoformat()})

    assert response.status_code == HTTPStatus.BAD_REQUEST
