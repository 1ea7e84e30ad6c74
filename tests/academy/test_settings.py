"""Settings read from the environment; production mode is strict and passes check --deploy."""

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
