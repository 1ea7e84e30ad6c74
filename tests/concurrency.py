"""Run one action in several threads at once, each on its own database connection.

For races that only PostgreSQL can show: SQLite serialises whole transactions."""

import threading
import time

import pytest
from django.db import close_old_connections, connection

needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (runs in the second CI pass)"
)


def run_concurrently(count, action):
    """Start `count` threads that call `action` together; returns (results, exceptions raised)."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(action())
        except Exception as exc:  # collected and checked by the tests
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def wait_for(predicate, *, timeout=20, interval=0.1):
    """Poll until predicate() is true: a real worker (second CI pass) does the work in its own time."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)

