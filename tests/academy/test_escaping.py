"""Learner text with markup in it comes out as text on every page that shows it, and as itself in the PDF.

The payload closes an attribute, opens a script and an image with an onerror handler: if any page
rendered it as HTML, the raw tags would be in the page.
"""

import io

import pypdf
import pytest
from django.urls import reverse
from django.utils.html import escape

from quizzes import rewrites
from quizzes.reviews import review_request_create
from tests.certificates.factories import issued_certificate
from tests.factories import GOOD_REPLY

FIRST, LAST = '"><script>alert("first")</script>', "<img src=x onerror=alert('last')>"
TEXT = "\"'><script>alert(\"reply\")</script><b>bold</b> & more. "
COMMENT = "</textarea><script>alert('comment')</script>"
RAW = ["<script>alert(", "<img src=x", "<b>bold</b>", "</textarea><script>"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile(world):
    """The world's owner renamed to markup, with a rewrite, a review request and a certificate that carry it."""
    owner = world.users["owner"]
    owner.first_name, owner.last_name = FIRST, LAST
    owner.save()
    submission, _ = rewrites.submission_create(user=owner, exercise=world.exercise, text=TEXT + GOOD_REPLY)
    review = review_request_create(user=owner, submission_id=submission.id, comment=COMMENT)
    certificate = issued_certificate(user=owner)
    return world, submission, review, certificate


def page(world, role, url):
    response = world.client(role).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_shown_as_text(html, *texts):
    for raw in RAW:
        assert raw not in html
    for text in texts:
        assert escape(text) in html, f"{text!r} is not on the page (escaped)"


def test_the_learners_own_pages_show_their_markup_as_text(hostile):
    world, submission, _, _ = hostile
    exercise_url = reverse("quizzes:exercise-detail", args=[world.course.slug, world.exercise.slug])

    submission_page = page(world, "owner", reverse("quizzes:submission-detail", args=[submission.id]))
    history_page = page(world, "owner", exercise_url)  # the draft to revise, and the list of past replies
    certificates_page = page(world, "owner", reverse("certificates:my-certificates"))

    assert_shown_as_text(submission_page, "<b>bold</b>", FIRST)  # the reply is split into marked spans
    assert_shown_as_text(history_page, TEXT)
    assert_shown_as_text(certificates_page, FIRST)


def test_the_public_verification_page_shows_the_name_as_text(hostile):
    world, _, _, certificate = hostile

    html = page(world, "anonymous", reverse("certificates:verify", args=[certificate.code]))

    assert_shown_as_text(html, f"{FIRST} {LAST}")


@pytest.mark.parametrize("url_name", ["hr-dashboard", "people", "assign", "compliance", "assignments"])
def test_hr_pages_show_the_name_as_text(hostile, url_name):
    world = hostile[0]

    html = page(world, "hr", reverse(f"organizations:{url_name}", args=[world.organization.slug]))

    assert_shown_as_text(html, FIRST if url_name == "assign" else f"{FIRST} {LAST}")


@pytest.mark.parametrize("role", ["trainer", "admin"])
def test_the_review_queue_shows_the_reply_and_comment_as_text(hostile, role):
    world, _, review, _ = hostile

    html = page(world, role, reverse("admin:quizzes_reviewrequest_change", args=[review.id]))
    queue = page(world, role, reverse("admin:quizzes_reviewrequest_changelist"))

    assert_shown_as_text(html, TEXT.strip(), COMMENT)
    assert_shown_as_text(queue)


def test_the_certificate_pdf_prints_the_name_as_typed(hostile):
    certificate = hostile[3]

    text = pypdf.PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text()

    assert f"{FIRST} {LAST}" in text
