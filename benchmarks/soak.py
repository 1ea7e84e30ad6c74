"""Soak: Celery workers killed again and again while issuing certificates; count lost and duplicated work.

Goal: after at least 20 kills (SIGKILL to the whole worker, pool and all, at a
random moment), every completed enrollment has exactly one certificate with
its PDF stored once: 0 lost, 0 duplicated, no stray temporary files.

It creates a scratch PostgreSQL database (migrated as in production), seeds
completed enrollments without certificates, and sends one issue task per
enrollment plus a tenth more as duplicates (a replayed message must not issue
twice). Then, round after round, it starts a worker (prefork, 2 processes, a
short Redis visibility timeout so unacknowledged tasks come back quickly),
lets it run for a random 1.5-4 s and kills its process group. Each PDF write
pauses a little between the temporary file and the rename, so kills often land
mid-task. After the last kill a final worker runs, and the sweep (what beat
runs every 5 minutes) re-sends what is still pending, as it would after its
grace period (here with no grace, so it also re-sends work still queued: more
duplicates that must not issue twice). The counts go to stdout and benchmarks/results/soak.json.

    make soak        # or: .venv/bin/python benchmarks/soak.py [--kills 20] [--enrollments 600]

Uses Redis DB 11 of --redis (flushed) and drops its database at the end.
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scratch import scratch_database  # noqa: E402
BIN = Path(sys.executable).parent
SCRATCH = "academy_soak"
VISIBILITY_TIMEOUT = 5
STORE_PAUSE = 0.1  # seconds between a PDF's temporary file and its rename, where a kill hurts most


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--enrollments", type=int, default=600)
    parser.add_argument("--seed", type=int, default=11)
    return parser.parse_args()


def seed(count):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from courses.models import Course, Enrollment

    course = Course.objects.create(slug="soak", title="Soak", summary="s", published=True)
    User = get_user_model()
    users = User.objects.bulk_create(User(username=f"soak{i:05}", first_name="Soak", last_name=f"Learner {i}",
                                          password="!") for i in range(count))
    return Enrollment.objects.bulk_create(Enrollment(user=u, course=course, completed_at=timezone.now())
                                          for u in users)


def start_worker(env, log):
    command = [str(BIN / "celery"), "-A", "academy", "worker", "--concurrency=2", "--without-heartbeat",
               "--without-gossip", "--without-mingle", "--loglevel=WARNING"]
    # A session of its own, so one killpg takes the pool's processes with the parent, as an OOM kill would.
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def kill(worker):
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()


def counts(enrollment_ids, folder):
    from django.db.models import Count

    from certificates.models import Certificate

    per_enrollment = dict(Certificate.objects.filter(enrollment_id__in=enrollment_ids)
                          .values_list("enrollment_id").annotate(n=Count("id")))
    ready = set(Certificate.objects.filter(enrollment_id__in=enrollment_ids, pdf_ready_at__isnull=False)
                .values_list("enrollment_id", flat=True))
    files = [p for p in folder.iterdir()] if folder.exists() else []
    codes = set(Certificate.objects.values_list("code", flat=True))
    return {
        "enrollments": len(enrollment_ids),
        "issued_with_pdf": len(ready),
        "lost": len(set(enrollment_ids) - ready),
        "duplicated": sum(n - 1 for n in per_enrollment.values() if n > 1),
        "pdf_files": sum(1 for p in files if p.suffix == ".pdf" and p.stem in codes),
        "stray_files": sum(1 for p in files if not (p.suffix == ".pdf" and p.stem in codes)),
    }


def main():
    options = parse_args()
    rng = random.Random(options.seed)
    media = Path(tempfile.mkdtemp(prefix="academy-soak-"))
    env = {**os.environ, "DATABASE_URL": f"{options.server}/{SCRATCH}", "REDIS_URL": options.redis,
           "CONN_MAX_AGE": "0", "MEDIA_ROOT": str(media), "ACADEMY_ENV": "embedded", "DEBUG": "false",
           "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT), "LOG_LEVEL": "WARNING"}
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "REDIS_URL", "CONN_MAX_AGE", "MEDIA_ROOT",
                                           "CELERY_VISIBILITY_TIMEOUT", "LOG_LEVEL")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
    scratch_database(options.server, SCRATCH, create=True)
    subprocess.run(["redis-cli", "-u", options.redis, "flushdb"], check=True, capture_output=True)
    log_path = ROOT / "var" / "soak-workers.log"
    log_path.parent.mkdir(exist_ok=True)
    worker = None
    try:
        subprocess.run([str(BIN / "python"), "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        import django

        django.setup()
        from certificates.selectors import certificates_pending
        from certificates.tasks import issue_certificate

        enrollments = seed(options.enrollments)
        ids = [e.id for e in enrollments]
        for enrollment_id in ids + rng.sample(ids, len(ids) // 10):
            issue_certificate.delay(enrollment_id)
        folder = media / "certificates"
        worker_env = {**env, "ACADEMY_TEST_CERTIFICATE_STORE_PAUSE": str(STORE_PAUSE)}
        rounds = []
        started = time.perf_counter()
        with open(log_path, "wb") as log:
            for round_number in range(1, options.kills + 1):
                worker = start_worker(worker_env, log)
                time.sleep(rng.uniform(1.5, 4.0))  # a worker takes about a second to start consuming
                kill(worker)
                worker = None
                done = counts(ids, folder)
                rounds.append(done["issued_with_pdf"])
                print(f"kill {round_number:2}: {done['issued_with_pdf']:4} of {len(ids)} issued, "
                      f"{done['stray_files']} temporary files left by the kill")
            # After the kills: one worker left alone, and the sweep's pass once its grace period is over.
            worker = start_worker(env, log)
            deadline = time.monotonic() + 300
            swept = 0
            while counts(ids, folder)["lost"] and time.monotonic() < deadline:
                time.sleep(VISIBILITY_TIMEOUT + 1)
                pending = certificates_pending(older_than=timedelta(0))
                swept += len(pending)
                for enrollment_id in pending:
                    issue_certificate.delay(enrollment_id)
            time.sleep(VISIBILITY_TIMEOUT + 2)  # let redelivered duplicates run too, so any double would show
            kill(worker)
            worker = None
        result = {**counts(ids, folder), "kills": options.kills, "duplicate_messages_sent": len(ids) // 10,
                  "issued_after_each_kill": rounds, "re_sent_by_sweep": swept,
                  "seconds": round(time.perf_counter() - started, 1)}
        # The temporary files a kill leaves behind are swept by the next issue of the same certificate.
        print(json.dumps(result, indent=2))
        (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
        (ROOT / "benchmarks" / "results" / "soak.json").write_text(json.dumps(result, indent=2) + "\n")
        ok = result["lost"] == 0 and result["duplicated"] == 0 and result["pdf_files"] == len(ids)
        print("0 lost, 0 duplicated: goal met" if ok else "GOAL MISSED")
        return 0 if ok else 1
    finally:
        if worker is not None:
            kill(worker)
        from django.db import connections

        connections.close_all()
        scratch_database(options.server, SCRATCH, create=False)
        subprocess.run(["redis-cli", "-u", options.redis, "flushdb"], capture_output=True)
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
