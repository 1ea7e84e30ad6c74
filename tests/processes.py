"""Real processes for the fault tests: a private Redis, the app under gunicorn, Celery workers.

The fault tests stop and restart services, so they never touch the machine's
shared Redis or PostgreSQL server: they start their own on a free port, and
point the processes they start at it.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

import redis
import requests
from django.conf import settings
from django.db import connection

from tests.concurrency import wait_for

BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    """The URL of the database this test runs in, for the processes it starts."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def stop(process, timeout=15):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class PrivateRedis:
    """A redis-server of this test's own, which it can stop and start again on the same port."""

    def __init__(self, workdir):
        self.port = free_port()
        self.workdir = Path(workdir)
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait_for(lambda: self._answers(), timeout=20), "the private redis-server did not start"

    def stop(self):
        self.process.kill()  # as abrupt as a crash
        self.process.wait()
        assert not self._answers()

    def _answers(self):
        with contextlib.suppress(redis.RedisError):
            return redis.Redis(port=self.port, socket_connect_timeout=0.5, socket_timeout=0.5).ping()
        return False


def app_environment(**overrides):
    return {**os.environ, "DATABASE_URL": database_url(), "CONN_MAX_AGE": "0",
            "ACADEMY_ENV": "embedded", "DEBUG": "false", **overrides}


@contextlib.contextmanager
def served_app(env, log_path):
    """The app under gunicorn on a free port, as in production; yields its base URL."""
    port = free_port()
    with open(log_path, "ab") as log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "academy.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--threads", "4", "--timeout", "60", "--no-control-socket"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(lambda: server.poll() is not None or _status(f"{base}/health/") == 200, timeout=60)
            assert _status(f"{base}/health/") == 200, f"gunicorn did not start:\n{Path(log_path).read_text()}"
            yield base
        finally:
            stop(server)


def _status(url):
    with contextlib.suppress(requests.RequestException):
        return requests.get(url, timeout=2).status_code
    return None


@contextlib.contextmanager
def celery_worker(env, log_path, *, queue=None):
    """A Celery worker with the given environment, stopped (SIGTERM) on exit."""
    command = [str(BIN / "celery"), "-A", "academy", "worker", "--pool=solo", "--without-heartbeat",
               "--without-gossip", "--without-mingle", "-n", f"faults-{uuid.uuid4().hex[:6]}@%h", "--loglevel=INFO"]
    if queue:
        command += ["-Q", queue]
    with open(log_path, "ab") as log:
        worker = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield worker
        finally:
            stop(worker)


def signed_in_session(user):
    """A requests session carrying `user`'s Django session and a CSRF token, for a server started by the test."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies[settings.SESSION_COOKIE_NAME].value)
    token = uuid.uuid4().hex  # any 32 characters; Django checks the header against the cookie
    session.cookies.set(settings.CSRF_COOKIE_NAME, token)
    session.headers["X-CSRFToken"] = token
    return session


def celery_call(env, task, *args):
    """Send a task by name, as an operator would with `celery call`."""
    subprocess.run([str(BIN / "celery"), "-A", "academy", "call", task, "--args", json.dumps(list(args))],
                   cwd=settings.BASE_DIR, env=env, check=True, capture_output=True, timeout=60)




class PrivatePostgres:
    """A PostgreSQL cluster of this test's own (initdb, pg_ctl), which it can stop and start on the same port."""

    def __init__(self):
        self.port = free_port()
        # Not under pytest's tmp_path: the postgres user must be able to reach the folder.
        self.workdir = Path(tempfile.mkdtemp(prefix="academy-pg-"))
        self.data = self.workdir / "data"
        self.socket_dir = self.workdir / "socket"
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        self.bin = bins[-1].parent if bins else None

    @classmethod
    def available(cls):
        return bool(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))) and (
            os.geteuid() != 0 or bool(shutil.which("runuser")))

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *command):
        # PostgreSQL refuses to run as root; as root, run it as the postgres user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *map(str, command)], check=True, capture_output=True, timeout=120)

    def create(self):
        for folder in (self.data, self.socket_dir):
            folder.mkdir(parents=True)
            if os.geteuid() == 0:
                shutil.chown(folder, "postgres", "postgres")
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres", "postgres")
        self._run(self.bin / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()

    def start(self):
        self._run(self.bin / "pg_ctl", "-D", self.data, "-w", "-l", self.data / "server.log", "start", "-o",
                  f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off")

    def stop(self):
        self._run(self.bin / "pg_ctl", "-D", self.data, "-w", "-m", "fast", "stop")

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)
