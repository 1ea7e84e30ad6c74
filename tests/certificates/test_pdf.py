"""The certificate PDF: one landscape A4 page with the name, course, date and code; small, reproducible."""

import io
from datetime import UTC, datetime

import pypdf
import pytest
from reportlab.lib.pagesizes import A4, landscape

from certificates.models import Certificate
from certificates.pdf import render_certificate_pdf
from tests.certificates.factories import issued_certificate
from tests.factories import CourseFactory, UserFactory


def unsaved_certificate(**fields):
    values = dict(
        id=1, course_id=1, code="Abc123_-xyzXYZ0987pq", learner_name="Lena Lindqvist",
        course_title="From Upset to Resolved", course_version=2, issued_at=datetime(2025, 11, 23, 10, tzinfo=UTC),
        expires_at=None,
    )
    return Certificate(**{**values, **fields})


def text_of(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def test_an_issued_pdf_opens_and_shows_the_name_course_version_date_and_code(db):
    user = UserFactory(first_name="Lena", last_name="Lindqvist")
    certificate = issued_certificate(user, CourseFactory(title="Calm calls", version=2))

    text = text_of(open(certificate.pdf.path, "rb").read())

    assert "Lena Lindqvist" in text
    assert "Calm calls" in text
    assert "Version 2" in text
    assert certificate.code in text
    assert f"{certificate.issued_at.day} {certificate.issued_at:%B %Y}" in text
    assert certificate.verification_url in text


def test_the_page_is_landscape_a4():
    reader = pypdf.PdfReader(io.BytesIO(render_certificate_pdf(unsaved_certificate())))
    box = reader.pages[0].mediabox

    assert (round(float(box.width)), round(float(box.height))) == tuple(round(x) for x in landscape(A4))


def test_the_same_certificate_renders_to_the_same_bytes():
    assert render_certificate_pdf(unsaved_certificate()) == render_certificate_pdf(unsaved_certificate())


def test_a_pdf_stays_well_under_100_kb_even_with_a_long_title_and_an_expiry():
    certificate = unsaved_certificate(course_title="Handling upset customers on the phone " * 5,
                                      learner_name="Maria-Theresa Alexandra Wilhelmina von und zu Lindqvist-Berg",
                                      expires_at=datetime(2027, 11, 23, tzinfo=UTC))

    data = render_certificate_pdf(certificate)

    assert len(data) < 100 * 1024
    assert "Valid until" in text_of(data)


@pytest.mark.parametrize("name", ["Zoë Ångström", "Łucja Wąsowska", "Ngô Bảo Châu"])
def test_names_beyond_latin_1_still_render(name):
    data = render_certificate_pdf(unsaved_certificate(learner_name=name))

    assert len(data) < 100 * 1024
    assert name in text_of(data)


def test_the_pdf_carries_a_qr_code_of_the_verification_address():
    # The QR code is drawn as rectangles; with its ~40x40 modules it adds hundreds of them to the page.
    reader = pypdf.PdfReader(io.BytesIO(render_certificate_pdf(unsaved_certificate())))
    content = reader.pages[0].get_contents().get_data()

    assert content.count(b" re") > 200


def test_the_pdf_is_named_by_the_code_under_certificates(db):
    certificate = issued_certificate()

    assert certificate.pdf.path.endswith(f"/certificates/{certificate.code}.pdf")

