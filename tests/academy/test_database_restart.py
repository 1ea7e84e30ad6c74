"""PostgreSQL restarts under a running app: requests fail cleanly for a moment, then recover by themselves.

The app runs under gunicorn with persistent connections (CONN_MAX_AGE) against a
PostgreSQL cluster the test creates for itself, so stopping it disturbs nothing
else. While the database is down, pages and the API answer 503 with a message
and Retry-After, never a 500 or a hang, and the constant health view still
answers; once it is back the same app processes serve again, without a restart.
"""

import os
import subprocess
from http import HTTPStatus

import pytest
import requests
from django.conf import settings

from tests.concurrency import wait_for
from tests.processes import BIN, PrivatePostgres, app_environment, served_app

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.skipif(os.environ.get("ACADEMY_REAL_WORKER") != "1",
                       reason="starts real processes; runs in the second CI pass (ACADEMY_REAL_WORKER=1)"),
    pytest.mark.skipif(not PrivatePostgres.available(), reason="needs PostgreSQL's initdb and pg_ctl"),
]


def test_the_app_answers_503_while_postgresql_restarts_and_recovers_without_a_restart(tmp_path):
    database = PrivatePostgres()
    database.create()
    try:
        env = app_environment(DATABASE_URL=database.url("postgres"), CONN_MAX_AGE="600", REDIS_URL="")
        subprocess.run([str(BIN / "python"), "manage.py", "migrate", "--noinput"], cwd=settings.BASE_DIR, env=env,
                       check=True, capture_output=True, timeout=300)
        with served_app(env, tmp_path / "gunicorn.log") as base:
            pages = [f"{base}/", f"{base}/api/v1/courses/"]
            # Every thread of the worker holds a connection that the restart will break.
            for _ in range(8):
                assert [requests.get(url, timeout=10).status_code for url in pages] == [HTTPStatus.OK] * 2

            database.stop()

            for _ in range(4):
                page = requests.get(pages[0], timeout=10)
                assert page.status_code == HTTPStatus.SERVICE_UNAVAILABLE
                assert "try again" in page.text and page.headers["Retry-After"]
                api = requests.get(pages[1], timeout=10)
                assert api.status_code == HTTPStatus.SERVICE_UNAVAILABLE
                assert api.json()["code"] == "database_unavailable" and "try again" in api.json()["detail"]
            assert requests.get(f"{base}/health/", timeout=10).status_code == HTTPStatus.OK

            database.start()

            assert wait_for(lambda: requests.get(pages[0], timeout=10).status_code == HTTPStatus.OK, timeout=30)
            for _ in range(8):
                assert [requests.get(url, timeout=10).status_code for url in pages] == [HTTPStatus.OK] * 2
    finally:
        database.destroy()
