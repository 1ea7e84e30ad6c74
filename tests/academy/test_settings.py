"""Settings read from the environment; production mode is strict and passes check --deploy."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "ACADEMY_ENV": "production",
    "SECRET_KEY": "x7!Qm2-production-test-key-that-is-long-and-varied-9aZ#kL0pW4vR8sT1uY",
    "ALLOWED_HOSTS": "academy.example.com",
    "DATABASE_URL": "sqlite:///" + "/tmp/academy-deploy-check.sqlite3",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_reports_nothing_in_production_mode():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


# Run inside `manage.py shell` in production mode: what a browser gets over http and https.
# The static files' manifest exists only after collectstatic, so this one run reads them from the apps.
PRODUCTION_PROBE = """
import json
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

get_user_model().objects.create_user("probe", password="a-long-probe-password-42")
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
    client = Client(HTTP_HOST="academy.example.com")
    plain = client.get("/accounts/login/")
    page = client.get("/accounts/login/", secure=True)
    signed_in = client.post("/accounts/login/", {"username": "probe", "password": "a-long-probe-password-42"},
                            secure=True)
cookie = lambda response, name: {k: v for k, v in response.cookies[name].items() if v}
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "headers": {name: page.get(name) for name in ["Strict-Transport-Security", "X-Frame-Options", "Referrer-Policy",
                "X-Content-Type-Options", "Content-Security-Policy", "Cross-Origin-Opener-Policy"]},
    "csrf_cookie": cookie(page, "csrftoken"),
    "session_cookie": cookie(signed_in, "sessionid"),
}))
"""


def test_production_mode_sends_browsers_the_strict_headers_and_cookies(tmp_path):
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path}/production.sqlite3"}
    assert manage("migrate", "--noinput", env=env).returncode == 0
    result = manage("shell", "-c", "from django.conf import settings\n" + PRODUCTION_PROBE, env=env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["plain"] == [301, "https://academy.example.com/accounts/login/"]
    headers = seen["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert seen["csrf_cookie"]["secure"] and seen["csrf_cookie"]["samesite"] == "Lax"
    session = seen["session_cookie"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_production_mode_without_a_secret_key_stops_with_a_clear_error():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_yes_ish_boolean_is_refused_rather_than_guessed():
    result = manage("check", env={"DEBUG": "maybe"})

    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_embedded_defaults_are_sqlite_eager_celery_and_no_debug(settings):
    if os.environ.get("DATABASE_URL"):
        pytest.skip("this run is configured with DATABASE_URL")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert settings.DEBUG is False


def test_the_health_check_answers_without_touching_the_database(client):
    response = client.get("/health/")  # no database in this test: a query would raise

    assert (response.status_code, response.content) == (200, b"ok\n")
