"""HR's zip of a course's certificates: only their organization's, built by a worker, shown only to them."""

import csv
import io
import zipfile
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates import models
from certificates.models import CertificateExport
from certificates.services import certificate_export_build
from tests.certificates.factories import MembershipFactory, OrganizationFactory, issued_certificate
from tests.concurrency import wait_for
from tests.factories import PASSWORD, CourseFactory, UserFactory


def login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def member(organization, role="learner", **user_fields):
    return MembershipFactory(organization=organization, role=role, user=UserFactory(**user_fields)).user


@pytest.fixture
def setting(db):
    """Northwind's HR and three learners with certificates of "Calm calls", and outsiders who must not appear."""
    northwind, elsewhere = OrganizationFactory(name="Northwind"), OrganizationFactory(name="Elsewhere")
    course, other_course = CourseFactory(title="Calm calls"), CourseFactory(title="Other course")
    hr = member(northwind, "hr")
    ada = issued_certificate(member(northwind, first_name="Ada", last_name="Able"), course)
    bo = issued_certificate(member(northwind, first_name="Bo", last_name="Brown"), course, pdf="", pdf_ready_at=None)
    cy = issued_certificate(member(northwind, first_name="Cy", last_name="Cole"), course, revoked_at=timezone.now())
    outsider = issued_certificate(member(elsewhere, first_name="Out", last_name="Sider"), course)
    other = issued_certificate(ada.user, other_course)
    return dict(northwind=northwind, elsewhere=elsewhere, course=course, hr=hr, ada=ada, bo=bo, cy=cy,
                outsider=outsider, other=other)


def read_zip(export):
    with export.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
    return archive, manifest


def test_the_zip_holds_the_organizations_certificates_of_the_course_only(setting):
    export = CertificateExport.objects.create(organization=setting["northwind"], course=setting["course"])

    export = certificate_export_build(export_id=export.id)

    archive, manifest = read_zip(export)
    ada, bo = setting["ada"], setting["bo"]
    assert sorted(archive.namelist()) == sorted(
        ["manifest.csv", f"ada-able-{ada.code}.pdf", f"bo-brown-{bo.code}.pdf"])
    assert [(row["learner_name"], row["status"]) for row in manifest] == [
        ("Ada Able", "valid"), ("Bo Brown", "valid"), ("Cy Cole", "revoked")]
    assert manifest[2]["file"] == ""  # a revoked certificate is listed, not handed out
    assert archive.read(f"ada-able-{ada.code}.pdf") == open(ada.pdf.path, "rb").read()
    assert export.certificate_count == 2
    assert export.ready_at is not None
    bo.refresh_from_db()
    assert bo.pdf_ready_at is not None  # a PDF still missing was stored first


def test_building_twice_builds_once(setting):
    export = CertificateExport.objects.create(organization=setting["northwind"], course=setting["course"])
    first = certificate_export_build(export_id=export.id)

    second = certificate_export_build(export_id=export.id)

    assert (second.file.name, second.ready_at) == (first.file.name, first.ready_at)


def test_only_hr_of_an_organization_sees_the_exports_page(setting):
    url = reverse("certificates:exports")

    assert login(setting["ada"].user).get(url).status_code == HTTPStatus.NOT_FOUND
    assert login(UserFactory(is_staff=True)).get(url).status_code == HTTPStatus.NOT_FOUND
    response = login(setting["hr"]).get(url)
    assert response.status_code == HTTPStatus.OK
    assert b"Calm calls" in response.content
    assert b"Other course" in response.content  # Ada holds one of these too
    assert b"Elsewhere" not in response.content


def test_the_exports_page_counts_certificates_per_course(setting, django_assert_num_queries):
    client = login(setting["hr"])

    # session, user, organizations, courses with counts, exports, the navigation's team check
    with django_assert_num_queries(6):
        response = client.get(reverse("certificates:exports"))

    rows = {row["title"]: row["count"] for entry in response.context["overview"] for row in entry["courses"]}
    assert rows == {"Calm calls": 3, "Other course": 1}


def test_hr_cannot_ask_for_another_organizations_zip(setting):
    hr_elsewhere = member(setting["elsewhere"], "hr")

    response = login(hr_elsewhere).post(reverse("certificates:exports"), {
        "organization": setting["northwind"].slug, "course": setting["course"].slug})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not CertificateExport.objects.exists()


def test_nobody_but_its_organizations_hr_sees_an_export(setting):
    export = CertificateExport.objects.create(organization=setting["northwind"], course=setting["course"])
    certificate_export_build(export_id=export.id)
    detail = reverse("certificates:export-detail", args=[export.id])
    download = reverse("certificates:export-download", args=[export.id])

    for user in [setting["ada"].user, member(setting["elsewhere"], "hr"), UserFactory(is_staff=True)]:
        client = login(user)
        assert client.get(detail).status_code == HTTPStatus.NOT_FOUND
        assert client.get(download).status_code == HTTPStatus.NOT_FOUND
    assert Client().get(detail).status_code == HTTPStatus.FOUND
    assert login(setting["hr"]).get(download).status_code == HTTPStatus.OK


def test_an_export_not_built_yet_says_being_prepared_and_has_no_download(setting):
    export = CertificateExport.objects.create(organization=setting["northwind"], course=setting["course"])
    client = login(setting["hr"])

    response = client.get(reverse("certificates:export-detail", args=[export.id]))

    assert b"being prepared" in response.content
    assert b'hx-trigger="every 2s"' in response.content
    assert client.get(reverse("certificates:export-download", args=[export.id])).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.django_db(transaction=True)
def test_hr_asks_for_a_zip_and_a_worker_builds_it():
    northwind = OrganizationFactory()
    course = CourseFactory(title="Calm calls")
    hr = member(northwind, "hr")
    certificate = issued_certificate(member(northwind, first_name="Ada", last_name="Able"), course)
    client = login(hr)

    response = client.post(reverse("certificates:exports"), {"organization": northwind.slug, "course": course.slug})

    export = CertificateExport.objects.get()
    assert response.url == reverse("certificates:export-detail", args=[export.id])
    assert export.requested_by == hr
    assert wait_for(lambda: CertificateExport.objects.get().ready_at), "no worker built the zip"
    page = client.get(response.url)
    assert reverse("certificates:export-download", args=[export.id]).encode() in page.content
    download = client.get(reverse("certificates:export-download", args=[export.id]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert f"ada-able-{certificate.code}.pdf" in archive.namelist()


def test_asking_again_while_one_is_being_built_returns_that_one(setting):
    client = login(setting["hr"])
    data = {"organization": setting["northwind"].slug, "course": setting["course"].slug}

    first = client.post(reverse("certificates:exports"), data)
    second = client.post(reverse("certificates:exports"), data)

    assert first.url == second.url
    assert CertificateExport.objects.count() == 1


def test_a_learner_named_like_a_formula_is_text_in_the_manifest(db):
    northwind, course = OrganizationFactory(name="Northwind"), CourseFactory(title="Calm calls")
    issued_certificate(member(northwind, first_name='=HYPERLINK("http://evil.example","x")', last_name="+1"), course)
    export = CertificateExport.objects.create(organization=northwind, course=course)

    _, manifest = read_zip(certificate_export_build(export_id=export.id))

    assert manifest[0]["learner_name"] == '\'=HYPERLINK("http://evil.example","x") +1'


def test_a_verification_code_never_starts_with_a_character_a_spreadsheet_reads_as_a_formula(monkeypatch):
    drawn = iter(["-startsWithDash00000", "_startsWithScore0000", "Kplain00000000000000"])
    monkeypatch.setattr(models.secrets, "token_urlsafe", lambda nbytes: next(drawn))

    assert models.new_verification_code() == "Kplain00000000000000"
