"""A worker killed in the middle of issuing a certificate: after a restart the certificate is issued exactly once.

Only meaningful with a real broker and worker, so it runs in the second CI pass
(ACADEMY_REAL_WORKER=1, PostgreSQL and Redis). It starts workers of its own, on
a queue of its own, reading the test database; the first is told to pause with
the PDF written under its temporary name and is killed there with SIGKILL. The
task was acknowledged late, so Redis still holds it; the second worker, with a
short visibility timeout, takes it back on start and finishes the job.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pypdf
import pytest
from django.conf import settings

from certificates.models import Certificate
from certificates.services import STORE_PAUSE_ENV
from certificates.tasks import issue_certificate
from tests.certificates.factories import completed_enrollment
from tests.concurrency import wait_for
from tests.processes import database_url, stop

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.skipif(os.environ.get("ACADEMY_REAL_WORKER") != "1" or not os.environ.get("REDIS_URL"),
                       reason="needs a real broker and worker: ACADEMY_REAL_WORKER=1 and REDIS_URL (second CI pass)"),
]

VISIBILITY_TIMEOUT = 3  # seconds before Redis hands an unacknowledged task to another worker


def start_worker(queue, media_root, log, *, pause):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",  # so the test run can drop its database afterwards
        "MEDIA_ROOT": str(media_root),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        STORE_PAUSE_ENV: str(pause),
    }
    command = [str(Path(sys.executable).with_name("celery")), "-A", "academy", "worker", "-Q", queue,
               "--pool=solo", "--without-heartbeat", "--without-gossip", "--without-mingle",
               "-n", f"{queue}-{uuid.uuid4().hex[:6]}@%h", "--loglevel=INFO"]
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_issue_leaves_the_certificate_to_be_issued_exactly_once(settings, tmp_path):
    settings.MEDIA_ROOT = media_root = tmp_path / "media"
    folder = media_root / "certificates"
    queue = f"certificate-faults-{uuid.uuid4().hex[:8]}"
    enrollment = completed_enrollment()
    log_path = tmp_path / "workers.log"
    workers = []
    with open(log_path, "wb") as log:
        try:
            workers.append(start_worker(queue, media_root, log, pause=120))
            issue_certificate.apply_async(args=[enrollment.id], queue=queue)

            temporary = wait_for(lambda: list(folder.glob(".*.tmp")), timeout=60)
            assert temporary, f"the first worker never wrote the PDF:\n{log_path.read_text()}"
            certificate = Certificate.objects.get()
            assert certificate.pdf_ready_at is None
            assert not (folder / f"{certificate.code}.pdf").exists()  # never a half-written PDF under its name
            time.sleep(VISIBILITY_TIMEOUT + 1)  # so the second worker may take the task back when it starts

            workers[0].send_signal(signal.SIGKILL)
            workers[0].wait(timeout=15)
            workers.append(start_worker(queue, media_root, log, pause=0))

            assert wait_for(lambda: Certificate.objects.filter(pdf_ready_at__isnull=False).exists(), timeout=90), (
                f"the certificate was not issued after the restart:\n{log_path.read_text()}")
        finally:
            for worker in workers:
                stop(worker)

    assert Certificate.objects.count() == 1
    certificate = Certificate.objects.get()
    assert sorted(path.name for path in folder.iterdir()) == [f"{certificate.code}.pdf"]  # the temporary file is gone
    text = pypdf.PdfReader(folder / f"{certificate.code}.pdf").pages[0].extract_text()
    assert certificate.code in text
