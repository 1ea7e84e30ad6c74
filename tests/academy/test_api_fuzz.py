"""Every API operation of the OpenAPI schema, fed generated input by schemathesis, as four kinds of caller.

Each generated request is sent as a signed-out visitor, the learner who owns the world's objects,
an HR manager and a trainer; half the time its path names the world's real objects, so the views
run past their 404s. Whatever comes in: no server error, and a refusal always says why.
"""

import json
from http import HTTPStatus

import hypothesis
import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import strategies as st

CALLERS = ("anonymous", "owner", "hr", "trainer")
EXAMPLES_PER_OPERATION = 25

# Deterministic, so a run in CI fails or passes the same way each time; no example database on disk.
FUZZ_SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES_PER_OPERATION, derandomize=True, database=None, deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)


# Read from the running app at collection: the schema is what clients get from /api/v1/schema/.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/", get_wsgi_application(),
    config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}}),
)


@pytest.fixture
def in_test_transaction():
    """Keep the database connection through each request, as Django's test client does.

    The app is called as a WSGI app here, and at the end of each request Django drops a connection
    left inside a transaction: on PostgreSQL, the test's own.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def callers(world, in_test_transaction):
    """Cookies and headers for each caller: a session, and a CSRF token the unsafe methods need."""
    token = get_random_string(32)
    found = {}
    for role in CALLERS:
        cookies, headers = {settings.CSRF_COOKIE_NAME: token}, {"X-CSRFToken": token}
        if world.users[role] is not None:
            client = Client()
            client.force_login(world.users[role])
            cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
        found[role] = (cookies, headers)
    return found


def refusal_problem(response):
    """What is wrong with a 4xx response's body, or None: it must be JSON with a non-empty "detail"."""
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return f"not JSON: {response.content[:200]!r}"
    if not isinstance(body, dict) or not isinstance(body.get("detail"), str) or not body["detail"].strip():
        return f"no message in {body!r}"
    return None


@schema.parametrize()
@schema.given(real_path=st.booleans())
@FUZZ_SETTINGS
def test_no_input_makes_the_api_fail_or_refuse_without_saying_why(case, real_path, world, callers):
    if real_path and case.path_parameters:
        case.path_parameters = {name: world.url_argument(name) for name in case.path_parameters}
    for role, (cookies, headers) in callers.items():
        response = case.call(cookies=cookies, headers=headers)
        request = f"{case.method} {case.formatted_path} as {role}"
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, f"{request}: {response.status_code}"
        if response.status_code >= HTTPStatus.BAD_REQUEST:
            problem = refusal_problem(response)
            assert problem is None, f"{request}: {response.status_code} {problem}"
