"""Where a learner request's time goes: CPU and queries per request type, and a cProfile of one of them.

    .venv/bin/python benchmarks/load/profile.py [--requests 150] [--profile "lesson page"] [--top 40]

Seeds the load benchmark's data (benchmarks/load/run.py's set-up, in the scratch database
academy_bench_profile), then, in a child process with the benchmark's production settings, sends each
request of the learner workload through Django's full middleware stack with the test client, signed in
as one learner: no server, no network, so the figures are the application's own cost. It also times what
every signed-in page pays before its own work (the two views of benchmarks/load/urls.py) beside /health/.
With --profile it prints cProfile's table for that request type. Drops the database when done.
"""

import locust  # noqa: F401  first, as in run.py: gevent patches the standard library before anything else

import argparse
import json
import os
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.load import run  # noqa: E402

DATABASE = "academy_bench_profile"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--requests", type=int, default=150, help="requests of each type")
    parser.add_argument("--profile", default=None, help="a request type to profile")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    run.DATABASE, run.WORK, run.LOGS = DATABASE, ROOT / "var" / "bench-profile", ROOT / "var" / "bench-profile-logs"
    bench = run.Bench(types.SimpleNamespace(server=args.server))
    try:
        bench.prepare()
        child = [sys.executable, "-m", "benchmarks.load.measure_requests",
                 "--plan", str(bench.plan_path), "--requests", str(args.requests), "--top", str(args.top)]
        if args.profile:
            child += ["--profile", args.profile]
        env = {**bench.env, "DJANGO_SETTINGS_MODULE": "benchmarks.load.settings"}
        return subprocess.run(child, cwd=ROOT, env=env).returncode
    finally:
        bench.teardown()


if __name__ == "__main__":
    sys.exit(main())
