"""Who gets what: every page and API endpoint of the site, requested by each kind of person.

The objects in the URLs are the owner's (a learner of Acme): their course, attempt, submission,
certificate, organization and its HR objects; the other learner is in the same organization and
course. See tests/world.py for the world.

Reading the table: 302 on a page means "sent to sign in" for anonymous visitors (and to the admin's
sign-in for the admin rows), or the redirect after a successful POST (HR's home sends an HR manager
of one organization to its dashboard). The API answers a signed-out caller 403 (session
authentication has no challenge to send). 403 for a signed-in person on a learning action means
"enroll first". 404 means "no such thing, as far as you may know": another learner's attempt,
another organization's HR page. A new URL fails test_every_url_is_in_the_table until it has a row.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import GOOD_REPLY
from tests.world import OWNER_SECRET, ROLES

pytestmark = pytest.mark.django_db

# The admin is Django's, and Django tests it; these two rows check who gets into it at all, and that a
# trainer (staff, Trainers group) cannot open a learner's submission there.
ADMIN_ROWS = {"admin:index", "admin:quizzes_submission_change"}

MATRIX = [
    # URL name                                 method   anon owner other  hr  hr-x trainer admin
    ("health",                                 "GET",    200, 200, 200, 200, 200, 200, 200),
    ("accounts:signup",                        "GET",    200, 200, 200, 200, 200, 200, 200),
    ("accounts:login",                         "GET",    200, 200, 200, 200, 200, 200, 200),
    ("accounts:logout",                        "POST",   302, 302, 302, 302, 302, 302, 302),
    # The API ------------------------------------------------------------------------------------------
    ("api:schema",                             "GET",    200, 200, 200, 200, 200, 200, 200),
    ("api:course-list",                        "GET",    200, 200, 200, 200, 200, 200, 200),
    ("api:course-detail",                      "GET",    200, 200, 200, 200, 200, 200, 200),
    ("api:enrollment-create",                  "POST",   403, 200, 200, 201, 201, 201, 201),
    ("api:lesson-complete",                    "POST",   403, 201, 201, 403, 403, 403, 403),
    ("api:my-enrollments",                     "GET",    403, 200, 200, 200, 200, 200, 200),
    ("api:module-quizzes",                     "GET",    403, 200, 200, 200, 200, 200, 200),
    ("api:attempt-start",                      "POST",   403, 200, 201, 403, 403, 403, 403),
    ("api:attempt-detail",                     "GET",    403, 200, 404, 404, 404, 404, 404),
    ("api:attempt-submit",                     "POST",   403, 200, 404, 404, 404, 404, 404),
    ("api:my-attempts",                        "GET",    403, 200, 200, 200, 200, 200, 200),
    ("api:module-exercises",                   "GET",    403, 200, 200, 200, 200, 200, 200),
    ("api:submission-create",                  "POST",   403, 201, 201, 403, 403, 403, 403),
    ("api:submission-detail",                  "GET",    403, 200, 404, 404, 404, 404, 404),
    ("api:my-submissions",                     "GET",    403, 200, 200, 200, 200, 200, 200),
    ("api:certificate-verify",                 "GET",    200, 200, 200, 200, 200, 200, 200),
    ("api:credential-verify",                  "POST",   200, 200, 200, 200, 200, 200, 200),
    ("api:credential-keys",                    "GET",    200, 200, 200, 200, 200, 200, 200),
    ("api:my-certificates",                    "GET",    403, 200, 200, 200, 200, 200, 200),
    ("api:organization-list",                  "GET",    403, 200, 200, 200, 200, 200, 200),
    ("api:organization-team-list",             "GET",    403, 404, 404, 200, 404, 404, 404),
    ("api:organization-team-list",             "POST",   403, 404, 404, 201, 404, 404, 404),
    ("api:organization-membership-list",       "GET",    403, 404, 404, 200, 404, 404, 404),
    ("api:organization-membership-team",       "PUT",    403, 404, 404, 200, 404, 404, 404),
    ("api:organization-assignment-list",       "GET",    403, 404, 404, 200, 404, 404, 404),
    ("api:organization-assignment-list",       "POST",   403, 404, 404, 201, 404, 404, 404),
    ("api:organization-status-report",         "GET",    403, 404, 404, 200, 404, 404, 404),
    # Learning pages -----------------------------------------------------------------------------------
    ("courses:catalog",                        "GET",    200, 200, 200, 200, 200, 200, 200),
    ("courses:dashboard",                      "GET",    302, 200, 200, 200, 200, 200, 200),
    ("courses:course-detail",                  "GET",    200, 200, 200, 200, 200, 200, 200),
    ("courses:course-enroll",                  "POST",   302, 302, 302, 302, 302, 302, 302),
    ("courses:lesson-detail",                  "GET",    302, 200, 200, 200, 200, 200, 200),
    ("courses:lesson-complete",                "POST",   302, 302, 302, 403, 403, 403, 403),
    ("quizzes:quiz-detail",                    "GET",    302, 200, 200, 200, 200, 200, 200),
    ("quizzes:attempt-start",                  "POST",   302, 302, 302, 403, 403, 403, 403),
    ("quizzes:attempt-detail",                 "GET",    302, 200, 404, 404, 404, 404, 404),
    ("quizzes:attempt-submit",                 "POST",   302, 302, 404, 404, 404, 404, 404),
    ("quizzes:exercise-detail",                "GET",    302, 200, 200, 200, 200, 200, 200),
    ("quizzes:exercise-detail",                "POST",   302, 302, 302, 403, 403, 403, 403),
    ("quizzes:submission-detail",              "GET",    302, 200, 404, 404, 404, 404, 404),
    ("quizzes:review-request",                 "POST",   302, 302, 404, 404, 404, 404, 404),
    # Certificates -------------------------------------------------------------------------------------
    ("certificates:my-certificates",           "GET",    302, 200, 200, 200, 200, 200, 200),
    ("certificates:certificate-download",      "GET",    302, 200, 404, 200, 404, 404, 200),
    ("certificates:credential-download",       "GET",    302, 200, 404, 404, 404, 404, 404),
    ("certificates:verify-form",               "GET",    200, 200, 200, 200, 200, 200, 200),
    ("certificates:verify",                    "GET",    200, 200, 200, 200, 200, 200, 200),
    ("certificates:issuer",                    "GET",    200, 200, 200, 200, 200, 200, 200),
    ("certificates:exports",                   "GET",    302, 404, 404, 200, 200, 404, 404),
    ("certificates:exports",                   "POST",   302, 404, 404, 302, 404, 404, 404),
    ("certificates:export-detail",             "GET",    302, 404, 404, 200, 404, 404, 404),
    ("certificates:export-download",           "GET",    302, 404, 404, 200, 404, 404, 404),
    # HR pages -----------------------------------------------------------------------------------------
    ("organizations:home",                     "GET",    302, 200, 200, 302, 302, 200, 200),
    ("organizations:hr-dashboard",             "GET",    302, 404, 404, 200, 404, 404, 404),
    ("organizations:export",                   "GET",    302, 404, 404, 200, 404, 404, 404),
    ("organizations:assign",                   "GET",    302, 404, 404, 200, 404, 404, 404),
    ("organizations:assign",                   "POST",   302, 404, 404, 302, 404, 404, 404),
    ("organizations:assign-upload",            "GET",    302, 404, 404, 200, 404, 404, 404),
    ("organizations:assign-upload",            "POST",   302, 404, 404, 302, 404, 404, 404),
    ("organizations:assignments",              "GET",    302, 404, 404, 200, 404, 404, 404),
    ("organizations:assignment-reminders",     "POST",   302, 404, 404, 302, 404, 404, 404),
    ("organizations:people",                   "GET",    302, 404, 404, 200, 404, 404, 404),
    ("organizations:membership-team",          "POST",   302, 404, 404, 302, 404, 404, 404),
    ("organizations:team-create",              "POST",   302, 404, 404, 302, 404, 404, 404),
    ("organizations:invite",                   "GET",    302, 404, 404, 200, 404, 404, 404),
    ("organizations:invite",                   "POST",   302, 404, 404, 302, 404, 404, 404),
    ("organizations:compliance",               "GET",    302, 404, 404, 200, 404, 404, 404),
    ("organizations:compliance-export",        "GET",    302, 404, 404, 200, 404, 404, 404),
    ("organizations:invitation-accept",        "GET",    200, 200, 200, 200, 200, 200, 200),
    ("organizations:invitation-accept",        "POST",   302, 403, 403, 403, 403, 403, 403),
    # The admin ----------------------------------------------------------------------------------------
    ("admin:index",                            "GET",    302, 302, 302, 302, 302, 200, 200),
    ("admin:quizzes_submission_change",        "GET",    302, 302, 302, 302, 302, 403, 200),
]


def body(world, name, method):
    """A valid request body for the state-changing rows; None for reads and bodiless POSTs."""
    api_bodies = {
        ("api:attempt-submit", "POST"): lambda: {"answers": {str(world.question.id): {"choices": ["1"]}}},
        ("api:submission-create", "POST"): lambda: {"text": GOOD_REPLY},
        ("api:credential-verify", "POST"): world.credential_document,
        ("api:organization-team-list", "POST"): lambda: {"name": "Day shift"},
        ("api:organization-membership-team", "PUT"): lambda: {"team": world.team.id},
        ("api:organization-assignment-list", "POST"): lambda: {
            "course": world.course.slug, "memberships": [world.other_membership.id], "due_within_days": 14},
    }
    form_bodies = {
        ("quizzes:attempt-submit", "POST"): lambda: {f"q{world.question.id}": "1", "action": "submit"},
        ("quizzes:exercise-detail", "POST"): lambda: {"text": GOOD_REPLY, "token": "matrix"},
        ("quizzes:review-request", "POST"): lambda: {"comment": "I did apologise in my first sentence."},
        ("certificates:exports", "POST"): lambda: {"organization": world.organization.slug,
                                                   "course": world.certificate.course.slug},
        ("organizations:assign", "POST"): lambda: {"course": world.course.id,
                                                   "memberships": [world.other_membership.id],
                                                   "due_within_days": 14},
        ("organizations:assign-upload", "POST"): lambda: {
            "course": world.course.id, "due_within_days": 14,
            "file": SimpleUploadedFile("people.csv", b"otto@example.com\n", content_type="text/csv")},
        ("organizations:assignment-reminders", "POST"): lambda: {"enabled": "on"},
        ("organizations:membership-team", "POST"): lambda: {"team": world.team.id},
        ("organizations:team-create", "POST"): lambda: {"name": "Day shift"},
        ("organizations:invite", "POST"): lambda: {"email": "someone@example.com"},
    }
    if (name, method) in api_bodies:
        return "json", api_bodies[name, method]()
    if (name, method) in form_bodies:
        return "form", form_bodies[name, method]()
    return None, None


QUERIES = {"organizations:compliance-export": lambda: {"as_of": timezone.localdate().isoformat()}}


def url_parameters():
    """{URL name: its parameters' names} for every URL of the site; of the admin, only ADMIN_ROWS."""
    found = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if not name.startswith("admin:") or name in ADMIN_ROWS:
                    found[name] = list(pattern.pattern.converters)

    walk(get_resolver().url_patterns, "")
    return found


def request(world, role, name, method):
    parameters = url_parameters()[name]
    url = reverse(name, kwargs={p: world.url_argument(p) for p in parameters})
    kind, data = body(world, name, method)
    client = world.client(role)
    query = QUERIES.get(name, dict)()
    if method == "GET":
        return client.get(url, query)
    if kind == "json":
        return client.generic(method, url, data=json.dumps(data), content_type="application/json")
    return getattr(client, method.lower())(url, data or {})


def world_secrets(world, role):
    """What this role must not see anywhere: the owner's rewrite (the admin may, in the admin), and the
    owner's e-mail address unless they manage the owner's organization."""
    secrets = [] if role in {"owner", "admin"} else [OWNER_SECRET]
    if role not in {"owner", "hr", "admin"}:
        secrets.append(world.users["owner"].email)
    return secrets


def content(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", errors="replace")


def test_every_url_is_in_the_table():
    in_table = {row[0] for row in MATRIX}

    missing = sorted(set(url_parameters()) - in_table)
    stale = sorted(in_table - set(url_parameters()))

    assert not missing, f"Add a row to MATRIX for each new URL: {missing}"
    assert not stale, f"These rows name no URL any more: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says(world, role):
    column = 2 + ROLES.index(role)
    wrong = []
    for row in MATRIX:
        name, method, expected = row[0], row[1], row[column]
        # Each request's changes are undone, so every row sees the same world.
        with transaction.atomic():
            response = request(world, role, name, method)
            text = content(response)
            transaction.set_rollback(True)
        if response.status_code != expected:
            wrong.append(f"{method} {name}: expected {expected}, got {response.status_code}")
        for secret in world_secrets(world, role):
            if secret in text:
                wrong.append(f"{method} {name}: shows {secret!r}")
    assert not wrong, f"As {role}:\n" + "\n".join(wrong)

