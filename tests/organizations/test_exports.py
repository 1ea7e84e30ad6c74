"""CSV downloads: streamed, with verification codes, and harmless when opened in a spreadsheet."""

import csv
import io
from http import HTTPStatus

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from academy.spreadsheets import csv_safe
from tests.organizations.conftest import assign, certify, member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Ada Lovelace", "Ada Lovelace"),
    ("ada@example.com", "ada@example.com"),
    (42, "42"),
    (None, ""),
])
def test_cells_a_spreadsheet_would_run_as_formulas_are_quoted(value, expected):
    assert csv_safe(value) == expected


def read_csv(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_export_streams_every_row_with_certificate_codes(hr_client, organization, course):
    ada, bob = member(organization, "ada", first_name="Ada", last_name="Lovelace"), member(organization, "bob")
    assign(organization, course, ada, bob)
    certificate = certify(ada, course, issued_at=timezone.now())

    response = hr_client.get(reverse("organizations:export", args=[organization.slug]))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:5] == ["Name", "E-mail", "Team", "Course", "Status"]
    ada_row = next(row for row in rows if row[1] == "ada@example.com")
    assert (ada_row[0], ada_row[4], ada_row[10]) == ("Ada Lovelace", "Completed", certificate.code)
    assert len(rows) == 3


def test_a_learner_named_like_a_formula_cannot_inject_one(hr_client, organization, course, team):
    team.name = "@team"
    team.save()
    mallory = member(organization, "mallory", first_name="=HYPERLINK(\"http://evil.example\",\"x\")",
                     last_name="+1", team=team)
    assign(organization, course, mallory)

    rows = read_csv(hr_client.get(reverse("organizations:export", args=[organization.slug])))

    assert rows[1][0] == "'=HYPERLINK(\"http://evil.example\",\"x\") +1"
    assert rows[1][2] == "'@team"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_export_honours_the_table_filters(hr_client, organization, course):
    ada, bob = member(organization, "ada"), member(organization, "bob")
    assign(organization, course, ada, bob)
    certify(ada, course, issued_at=timezone.now())

    rows = read_csv(hr_client.get(reverse("organizations:export", args=[organization.slug]), {"status": "completed"}))

    assert [row[1] for row in rows[1:]] == ["ada@example.com"]


def test_the_export_never_carries_what_a_learner_wrote(hr_client, organization, course):
    from quizzes.models import Submission
    from tests.factories import rewrite_exercise

    ada = member(organization, "ada")
    assign(organization, course, ada)
    exercise = rewrite_exercise(course)
    Submission.objects.create(user=ada.user, exercise=exercise, enrollment=ada.user.enrollments.get(), number=1,
                              text="A SECRET REWRITE", score=80, passed=True)

    body = b"".join(hr_client.get(reverse("organizations:export", args=[organization.slug])).streaming_content)
    page = hr_client.get(reverse("organizations:hr-dashboard", args=[organization.slug])).content
    api = hr_client.get(reverse("api:organization-status-report", args=[organization.slug])).content

    for content in (body, page, api):
        assert b"A SECRET REWRITE" not in content


def read_xlsx(response):
    from openpyxl import load_workbook

    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_the_excel_export_has_the_same_rows_filters_and_no_formulas(hr_client, organization, course):
    ada = member(organization, "ada", first_name="=1+1", last_name="Lovelace")
    bob = member(organization, "bob")
    assign(organization, course, ada, bob)
    certificate = certify(ada, course, issued_at=timezone.now())
    url = reverse("organizations:export", args=[organization.slug])

    rows = read_xlsx(hr_client.get(url, {"format": "xlsx", "status": "completed"}))

    assert rows[0] == read_csv(hr_client.get(url))[0]
    assert [(row[0], row[1], row[4], row[10]) for row in rows[1:]] == [
        ("'=1+1 Lovelace", "ada@example.com", "Completed", certificate.code)]


def test_another_organizations_hr_gets_no_excel_export(organization, other_organization, course):
    from tests.organizations.conftest import client_for

    outsider = member(other_organization, "olga", role="hr").user
    assign(organization, course, member(organization, "ada"))

    response = client_for(outsider).get(reverse("organizations:export", args=[organization.slug]), {"format": "xlsx"})

    assert response.status_code == HTTPStatus.NOT_FOUND
