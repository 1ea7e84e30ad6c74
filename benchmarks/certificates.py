"""Certificate PDFs: how many one process renders a second, and how big each one is.

Goal: at least 20 a second, each under 100 KB. Renders unsaved certificates (no
database) with names and titles of varied length, one in four with a name
outside Windows-1252 (which embeds a font subset), then the same again with the
atomic write to disk the issuing service does (temporary file, fsync, rename).

    .venv/bin/python benchmarks/certificates.py [--count 200]

Exits non-zero when a goal is missed.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")

import django  # noqa: E402

django.setup()

from certificates.models import Certificate, new_verification_code  # noqa: E402
from certificates.pdf import render_certificate_pdf  # noqa: E402
from certificates.services import _store_atomically  # noqa: E402

GOAL_PER_SECOND = 20
GOAL_BYTES = 100 * 1024
NAMES = ["Lena Lindqvist", "Maria-Theresa Alexandra von Lindqvist-Berg", "Bo Li", "Łucja Wąsowska"]
TITLES = ["From Upset to Resolved: Handling Upset Customers on the Phone", "Calm calls",
          "Listening that calms, apologies that land, and follow-ups that keep promises: a course for agents"]


def certificates(count):
    issued = datetime(2025, 11, 23, 10, tzinfo=UTC)
    return [
        Certificate(id=i, course_id=1, code=new_verification_code(), learner_name=NAMES[i % len(NAMES)],
                    course_title=TITLES[i % len(TITLES)], course_version=1 + i % 3, issued_at=issued,
                    expires_at=issued + timedelta(days=730) if i % 2 else None)
        for i in range(count)
    ]


def run(count):
    batch = certificates(count)
    render_certificate_pdf(batch[0])  # warm up: font registration, imports
    started = time.perf_counter()
    sizes = [len(render_certificate_pdf(certificate)) for certificate in batch]
    render_rate = count / (time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        for certificate in batch:
            _store_atomically(Path(folder) / f"{certificate.code}.pdf", render_certificate_pdf(certificate))
        store_rate = count / (time.perf_counter() - started)

    print(f"certificates rendered:      {count}")
    print(f"render only:                {render_rate:7.1f} PDFs/s (goal >= {GOAL_PER_SECOND})")
    print(f"render + atomic write:      {store_rate:7.1f} PDFs/s")
    print(f"size min / median / max:    {min(sizes) / 1024:.1f} / {statistics.median(sizes) / 1024:.1f} / "
          f"{max(sizes) / 1024:.1f} KB (goal < {GOAL_BYTES // 1024} KB)")
    return render_rate >= GOAL_PER_SECOND and max(sizes) < GOAL_BYTES


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    ok = run(parser.parse_args().count)
    print("goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
