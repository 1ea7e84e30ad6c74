"""Assigning from an uploaded CSV of e-mails: the whole file is checked, then all of it is saved or none."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from academy.errors import ApplicationError
from courses.models import Enrollment
from organizations import services
from organizations.models import Assignee, Assignment
from tests.organizations.conftest import member

pytestmark = pytest.mark.django_db


def upload(text, name="people.csv", content_type="text/csv"):
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type=content_type)


def from_csv(organization, course, file):
    return services.assignment_from_csv(organization=organization, course=course, upload=file, assigned_by=None,
                                        due_on=timezone.localdate() + timedelta(days=7))


def test_everyone_listed_is_assigned(organization, course):
    ada, bob = member(organization, "ada"), member(organization, "bob")

    result = from_csv(organization, course, upload("email\nada@example.com\n BOB@example.com \n\nada@example.com\n"))

    assert {a.membership for a in result.assignees} == {ada, bob}


def test_one_unknown_email_saves_nothing_and_every_bad_line_is_listed(organization, other_organization, course):
    member(organization, "ada")
    member(other_organization, "outsider")
    file = upload("ada@example.com\nnobody@example.com\noutsider@example.com\nnot-an-email\n")

    with pytest.raises(ApplicationError) as refused:
        from_csv(organization, course, file)

    assert refused.value.fields["file"] == [
        "Line 2: nobody@example.com is not a member of this organization.",
        "Line 3: outsider@example.com is not a member of this organization.",
        'Line 4: "not-an-email" is not an e-mail address.',
    ]
    assert not Assignment.objects.exists()
    assert not Assignee.objects.exists()
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("file, message", [
    (upload("ada@example.com", name="people.xlsx"), "Upload a .csv file"),
    (upload("ada@example.com", content_type="application/pdf"), "Upload a .csv file"),
    (upload(b"\xff\xfe\x00a", name="people.csv"), "not UTF-8"),
    (upload("email\n"), "lists no e-mails"),
    (upload("a@example.com\n" * 80000), "larger than 1 MB"),
])
def test_files_that_are_not_small_csv_text_are_refused(organization, course, file, message):
    member(organization, "ada")

    with pytest.raises(ApplicationError) as refused:
        from_csv(organization, course, file)

    assert message in refused.value.fields["file"][0]
    assert not Assignment.objects.exists()


def test_the_page_lists_the_errors_and_saves_nothing(hr_client, organization, course):
    member(organization, "ada")
    url = reverse("organizations:assign-upload", args=[organization.slug])

    response = hr_client.post(url, {
        "course": course.id, "due_within_days": 14, "reminders_enabled": "on",
        "file": upload("ada@example.com\nghost@example.com\n"),
    })

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Line 2: ghost@example.com is not a member of this organization." in response.content.decode()
    assert not Assignee.objects.exists()


def test_the_page_assigns_everyone_when_the_file_is_right(hr_client, organization, course):
    ada = member(organization, "ada")
    url = reverse("organizations:assign-upload", args=[organization.slug])

    response = hr_client.post(url, {"course": course.id, "due_within_days": 14, "file": upload("ada@example.com\n")})

    assert response.status_code == HTTPStatus.FOUND
    assignee = Assignee.objects.get()
    assert (assignee.membership, assignee.assignment.reminders_enabled) == (ada, False)
    assert assignee.due_on == timezone.localdate() + timedelta(days=14)


def post_file(hr_client, organization, course, file):
    url = reverse("organizations:assign-upload", args=[organization.slug])
    return hr_client.post(url, {"course": course.id, "due_within_days": 14, "file": file})


@pytest.mark.parametrize("file, message", [
    (upload("ada@example.com\n" * (services.CSV_MAX_BYTES // 16 + 1)), "The file is larger than 1 MB."),
    (upload(b"PK\x03\x04" + bytes(range(256)), name="people.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
     "Upload a .csv file: plain text, one e-mail per line."),
    (upload(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), name="photo.csv"), "The file is not UTF-8 text."),
    (upload(b"ada@example.com\n\x00\x00\x00\x00", name="dump.csv"), "The file is not text."),
])
def test_a_file_too_large_of_another_type_or_binary_is_refused_on_the_page(hr_client, organization, course,
                                                                           file, message):
    member(organization, "ada")

    response = post_file(hr_client, organization, course, file)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not Assignee.objects.exists()


def test_a_formula_in_the_file_is_reported_as_text_and_assigns_nobody(hr_client, organization, course):
    member(organization, "ada")
    file = upload('ada@example.com\n=HYPERLINK("http://evil.example")<b>x</b>\n')

    response = post_file(hr_client, organization, course, file)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    body = response.content.decode()
    assert ("Line 2: &quot;=HYPERLINK(&quot;http://evil.example&quot;)&lt;b&gt;x&lt;/b&gt;&quot; is not "
            "an e-mail address.") in body
    assert "<b>x</b>" not in body
    assert not Assignee.objects.exists()


def test_a_request_larger_than_any_upload_is_refused_before_it_is_read(hr_client, organization, course, settings):
    settings.MAX_REQUEST_BYTES = 64 * 1024

    page = post_file(hr_client, organization, course, upload("ada@example.com\n" * 5000))
    api = hr_client.post(reverse("api:organization-team-list", args=[organization.slug]),
                         {"name": "x" * 70_000}, content_type="application/json")

    assert page.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert "Academy accepts at most 64.0\xa0KB in one request." in page.content.decode()
    assert api.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert api.json()["code"] == "too_large" and api.json()["detail"].startswith("This upload is")
