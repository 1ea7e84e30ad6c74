"""Load benchmark: Academy under gunicorn, PostgreSQL, Redis and a Celery worker, driven by locust.

    .venv/bin/python benchmarks/load/run.py [--window 30] [--server postgres://postgres@127.0.0.1:5432]

(`make bench` runs it after the grader benchmark; it needs the `bench` extra: pip install -e '.[test,bench]'.)

What it does, all in one run:
1. creates the scratch database academy_bench_load, migrates, loads the built-in course, collects
   static files, and seeds 2,000 enrolled learners with varied progress (benchmarks/load/seed.py);
2. starts gunicorn (academy.wsgi, 2 workers x 4 threads) on 127.0.0.1:8011 and a Celery worker
   (one pool process, so "one worker's memory" is the process that issued every certificate), both
   in production mode (ACADEMY_ENV=production, fresh SECRET_KEY and credential key, DEBUG off, Redis
   DB 13 as broker and cache). The site keeps its production security settings; the locust users
   act as the TLS proxy in front of it (see locustfile.py). Two workers because the GIL lets a
   process use one core and there are two; four threads each so a worker keeps its core busy while
   a thread waits on PostgreSQL. In a trial of 15-second windows at 50 users (--workers, --threads),
   2x4 and 2x8 served the saturated mix alike (104 and 108 requests/s), 3x4 too but with 3x the
   paced latency, 4x2 less (77/s); 2x8 takes more memory per worker;
3. at 50 and then 200 concurrent users, measures /health/ (no database) and the mixed learner
   workload, each twice: *paced* (every user pauses 1-3 s between actions, for latency) and
   *saturated* (no pauses, for throughput). Learners sign in once, through the sign-in form. Then
   the ceiling, saturated: signed-in learners ask only for a view that does nothing and for the bare
   site frame (benchmarks/load/urls.py, which this gunicorn alone serves), the most any page of the
   site can reach beside /health/;
4. the burst: 500 more learners sign in, then all start the final assessment at random moments
   within the same 10 seconds (POST to start it, then its page);
5. reads the resident set size (VmRSS) of each gunicorn worker, then enqueues 1,000 certificate
   issuances through the real path and reads the Celery worker's VmRSS once all are issued;
6. prints Markdown tables, writes benchmarks/results/load.json, and always tears down: stops the
   processes it started, drops the database, empties Redis DB 13 and removes var/bench-load/ (the
   gunicorn and Celery logs are kept in var/bench-load-logs/).

Goals, each shown beside /health/ in the same run: zero errors; at 50 paced users lesson page
p95 < 150 ms and quiz submission p95 < 100 ms; the burst with no errors and p99 < 1 s; the
saturated mixed workload >= 35% of /health/'s saturated throughput. Exits 1 when one is missed.

One machine runs everything: locust (one process, gevent, FastHttpUser), gunicorn, the Celery
worker and PostgreSQL share its cores, and so may other work. Nothing is pinned by default
(--pin-locust N keeps locust on core N); the CPU seconds each party used in each window are reported,
including the whole machine's, so a busy neighbour shows.
"""

import locust  # noqa: F401  first: gevent patches the standard library before anything else imports it

import argparse
import base64
import json
import math
import os
import platform
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

import gevent
import psycopg
import redis
from locust.env import Environment

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.load.locustfile import BurstLearner, CeilingUser, HealthUser, Learner, Plan  # noqa: E402
from benchmarks.scratch import scratch_database  # noqa: E402

DATABASE = "academy_bench_load"
PORT = 8011
REDIS_URL = "redis://127.0.0.1:6379/13"
WORK = ROOT / "var" / "bench-load"
LOGS = ROOT / "var" / "bench-load-logs"
BIN = Path(sys.executable).parent
TICK = os.sysconf("SC_CLK_TCK")

GOAL_LESSON_P95_MS = 150
GOAL_QUIZ_SUBMIT_P95_MS = 100
GOAL_BURST_P99_MS = 1000
GOAL_MIXED_SHARE = 0.35
CEILING_NAMES = ["signed-in constant", "signed-in frame"]
LEARNER_NAMES = ["dashboard", "lesson page", "lesson complete", "quiz start (API)", "quiz submit (API)",
                 "exercise page", "rewrite submit", "submission page", "certificates page"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432",
                        help="a PostgreSQL server URL, without the database name")
    parser.add_argument("--window", type=float, default=30, help="seconds of each paced learner window")
    parser.add_argument("--users", default="50,200", help="the concurrency levels, comma-separated")
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--spawn-rate", type=float, default=8, help="sign-ins started per second")
    parser.add_argument("--pin-locust", type=int, default=None, help="keep the load generator on this core")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "load.json"))
    return parser.parse_args()


# Measurement -------------------------------------------------------------------------------------------------------


class Recorder:
    """Every request's latency and outcome since the last `take()`, by name, and every error of the run."""

    def __init__(self):
        self.requests_in_run, self.errors_in_run = Counter(), Counter()
        self.take()

    def on_request(self, request_type, name, response_time, exception=None, **_):
        self.latencies[name].append(response_time)
        self.requests_in_run[name] += 1
        if exception is not None:
            self.errors[name] += 1
            self.errors_in_run[name] += 1
            self.messages[(name, str(exception)[:160])] += 1

    def on_user_error(self, user_instance, exception, tb):
        """An exception in a user's task: not a request's outcome, but an error of the run all the same."""
        name = f"task error in {type(user_instance).__name__}"
        self.on_request("TASK", name, 0, exception=exception)

    def take(self):
        """What was recorded since the last call, and how long that was, then start afresh."""
        now = time.perf_counter()
        window = getattr(self, "started", now)
        taken = (getattr(self, "latencies", {}), getattr(self, "errors", {}), getattr(self, "messages", {}),
                 now - window)
        self.latencies, self.errors, self.messages = defaultdict(list), Counter(), Counter()
        self.started = now
        return taken


def percentile(sorted_values, share):
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def summarise(taken):
    latencies, errors, messages, seconds = taken
    endpoints = {}
    for name, values in latencies.items():
        values = sorted(values)
        endpoints[name] = {
            "requests": len(values), "per_second": round(len(values) / seconds, 1), "errors": errors[name],
            "p50_ms": round(percentile(values, 0.50), 1), "p95_ms": round(percentile(values, 0.95), 1),
            "p99_ms": round(percentile(values, 0.99), 1), "max_ms": round(values[-1], 1),
        }
    return {"seconds": round(seconds, 1), "endpoints": endpoints,
            "error_samples": [{"request": n, "error": m, "count": c} for (n, m), c in messages.most_common(10)]}


def totals(window, names):
    rows = [window["endpoints"][n] for n in names if n in window["endpoints"]]
    return {"requests": sum(r["requests"] for r in rows), "errors": sum(r["errors"] for r in rows),
            "per_second": round(sum(r["requests"] for r in rows) / window["seconds"], 1)}


def proc_stat(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return {"ppid": int(fields[1]), "cpu": (int(fields[11]) + int(fields[12])) / TICK}


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = proc_stat(entry.name)
            if stat and stat["ppid"] == pid:
                found.append(int(entry.name))
    return sorted(found)


def rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None


def machine_busy_seconds():
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / TICK


class CpuMeter:
    """CPU seconds used by locust, gunicorn, the Celery worker, our PostgreSQL backends and the whole machine."""

    def __init__(self, bench):
        self.bench = bench
        self.start = self.read()

    def read(self):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        parties = {"locust": usage.ru_utime + usage.ru_stime,
                   "gunicorn": self.tree_cpu(self.bench.gunicorn), "celery": self.tree_cpu(self.bench.celery),
                   "machine": machine_busy_seconds()}
        backends = {pid: self.pid_cpu(pid) for pid in self.bench.backend_pids()}
        return parties, {pid: cpu for pid, cpu in backends.items() if cpu is not None}, time.perf_counter()

    @staticmethod
    def pid_cpu(pid):
        stat = proc_stat(pid)
        return stat["cpu"] if stat else None

    def tree_cpu(self, process):
        if process is None:
            return 0.0
        return sum(filter(None, (self.pid_cpu(p) for p in [process.pid, *children(process.pid)])))

    def stop(self):
        (before, backends_before, t0), (after, backends_after, t1) = self.start, self.read()
        seconds = t1 - t0
        used = {name: round(after[name] - before[name], 1) for name in before}
        # Backends come and go (connections live CONN_MAX_AGE seconds): a new one counts from zero, and
        # one closed during the window is lost, so this is a lower bound.
        used["postgres"] = round(sum(cpu - backends_before.get(pid, 0.0)
                                     for pid, cpu in backends_after.items()), 1)
        used["wall_seconds"] = round(seconds, 1)
        used["cores"] = os.cpu_count()
        used["others"] = round(used["machine"] - sum(used[n] for n in ("locust", "gunicorn", "celery", "postgres")), 1)
        return used


# The benchmark -----------------------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args):
        self.args = args
        self.gunicorn = self.celery = None
        self.database_created = False
        self.base_url = f"http://127.0.0.1:{PORT}"
        self.env = {
            **os.environ,
            "ACADEMY_ENV": "production",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "CREDENTIAL_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"{args.server.rstrip('/')}/{DATABASE}",
            "REDIS_URL": REDIS_URL,
            # Locust plays the TLS proxy: it sends X-Forwarded-Proto, so Secure cookies, HSTS and CSRF's
            # https checks all behave as in production; with the header set, no request is redirected.
            "BEHIND_TLS_PROXY": "true",
            "SECURE_SSL_REDIRECT": "false",
            "SITE_URL": f"https://127.0.0.1:{PORT}",
            "MEDIA_ROOT": str(WORK / "media"),
            "ACADEMY_VAR_DIR": str(WORK / "var"),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.recorder = Recorder()
        self.taken = {}
        self.results = {}

    # set-up and tear-down

    def prepare(self):
        shutil.rmtree(WORK, ignore_errors=True)
        WORK.mkdir(parents=True)
        redis.Redis.from_url(REDIS_URL).flushdb()
        self.results["postgres"] = scratch_database(self.args.server, DATABASE, create=True)
        self.database_created = True
        started = time.perf_counter()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_course")
        self.manage("collectstatic", "--noinput", "-v0")
        self.plan_path = WORK / "plan.json"
        seeded = self.python("benchmarks/load/seed.py", "seed", "--plan", str(self.plan_path),
                             env={"ACADEMY_BENCH_PASSWORD": secrets.token_urlsafe(16)})  # seed.py reads it
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as connection:
            # Fresh bulk-loaded tables have no statistics yet; a live database would, from autovacuum.
            connection.execute("ANALYZE")
        self.results["seed"] = {"summary": seeded.strip(), "seconds": round(time.perf_counter() - started, 1)}
        print(seeded.strip(), flush=True)
        Plan.data = json.loads(self.plan_path.read_text())

    def manage(self, *argv):
        return self.python("manage.py", *argv)

    def python(self, *argv, env=None):
        done = subprocess.run([sys.executable, *argv], cwd=ROOT, env={**self.env, **(env or {})},
                              capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def start(self, name, argv, env=None):
        log = open(WORK / f"{name}.log", "wb")
        # A session of its own, so tear-down can stop the process and every child it forked.
        return subprocess.Popen(argv, cwd=ROOT, env={**self.env, **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def start_services(self):
        self.gunicorn = self.start("gunicorn", [
            str(BIN / "gunicorn"), "academy.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers",
            str(self.args.workers), "--threads", str(self.args.threads), "--no-control-socket",
            # Longer than a learner's longest pause, as a proxy's idle upstream connections would be. With the
            # default 2 s the server closed idle connections just as learners sent their next request, and a
            # POST on a closed connection is not retried (RFC 9110): 16 of 132,184 requests failed that way.
            "--keep-alive", "5",
        ], env={"DJANGO_SETTINGS_MODULE": "benchmarks.load.settings"})  # the site plus the ceiling's two views
        self.celery = self.start("celery", [
            str(BIN / "celery"), "-A", "academy", "worker", "--concurrency", "1", "--loglevel", "INFO",
            "--without-gossip", "--without-mingle", "-n", f"bench-load-{os.getpid()}@%h",
        ])
        self.wait_for(lambda: self.health_ok(), "gunicorn to answer /health/")
        self.wait_for(lambda: b"ready." in (WORK / "celery.log").read_bytes(), "the Celery worker")
        if self.args.pin_locust is not None:
            os.sched_setaffinity(0, {self.args.pin_locust})

    def health_ok(self):
        try:
            return urllib.request.urlopen(f"{self.base_url}/health/", timeout=2).status == 200
        except OSError:
            return False

    def wait_for(self, condition, what, timeout=90):
        deadline = time.monotonic() + timeout
        while not condition():
            for process in (self.gunicorn, self.celery):
                if process is not None and process.poll() is not None:
                    raise RuntimeError(f"{process.args[0]} exited; see {WORK}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}")
            gevent.sleep(0.5)

    def backend_pids(self):
        try:
            with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as connection:
                return [row[0] for row in connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [DATABASE])]
        except psycopg.Error:
            return []

    def teardown(self):
        for process in (self.gunicorn, self.celery):
            if process is None or process.poll() is not None:
                continue
            for sig, grace in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
                try:
                    os.killpg(process.pid, sig)
                    process.wait(grace)
                    break
                except ProcessLookupError:
                    break
                except subprocess.TimeoutExpired:
                    continue
        try:
            if self.database_created:
                scratch_database(self.args.server, DATABASE, create=False)
        finally:
            redis.Redis.from_url(REDIS_URL).flushdb()
            # The logs outlive the run, for whoever wants to know what a failure was.
            shutil.rmtree(LOGS, ignore_errors=True)
            LOGS.mkdir(parents=True)
            for log in WORK.glob("*.log"):
                shutil.move(log, LOGS / log.name)
            shutil.rmtree(WORK, ignore_errors=True)

    # phases

    def crowd(self, user_class, count, pool=None, again=False):
        """Start `count` users of the class and wait until each has signed in (if it signs in).

        Signed-in users take learners from the pool that no earlier crowd has taken, or with `again` the
        pool's first ones, signing in to a session of their own."""
        if pool:
            taken = 0 if again else self.taken.get(pool, 0)
            usernames = Plan.data["pools"][pool][taken:taken + count]
            if len(usernames) < count:
                raise RuntimeError(f"the {pool!r} pool has {len(usernames)} learners left, not {count}")
            if not again:
                self.taken[pool] = taken + count
            Plan.usernames = iter(usernames)
        Plan.signed_in = 0
        environment = Environment(user_classes=[user_class], host=self.base_url)
        environment.events.request.add_listener(self.recorder.on_request)
        environment.events.user_error.add_listener(self.recorder.on_user_error)
        runner = environment.create_local_runner()
        self.recorder.take()
        rate = self.args.spawn_rate if pool else min(count, 100)
        runner.start(count, spawn_rate=rate)
        if pool:
            self.wait_for(lambda: Plan.signed_in + self.recorder.errors["sign in"] >= count,
                          f"{count} sign-ins", timeout=60 + count / rate * 4)
        return runner

    def window(self, seconds):
        self.recorder.take()
        meter = CpuMeter(self)
        gevent.sleep(seconds)
        result = summarise(self.recorder.take())
        result["cpu_seconds"] = meter.stop()
        return result

    def concurrency(self, users):
        window = self.args.window
        phase = {}
        Plan.paced = True
        runner = self.crowd(HealthUser, users)
        gevent.sleep(3)
        phase["health_paced"] = self.window(window / 2)
        Plan.paced = False
        gevent.sleep(3)  # users already pausing finish their pause
        phase["health_saturated"] = self.window(window / 2)
        runner.quit()

        Plan.paced = True
        runner = self.crowd(Learner, users, pool="mixed")
        phase["sign_in"] = summarise(self.recorder.take())
        gevent.sleep(3)
        phase["learners_paced"] = self.window(window)
        Plan.paced = False
        gevent.sleep(3)
        phase["learners_saturated"] = self.window(window * 2 / 3)
        runner.quit()
        gevent.sleep(2)

        runner = self.crowd(CeilingUser, users, pool="mixed", again=True)
        self.recorder.take()
        gevent.sleep(3)
        phase["ceiling_saturated"] = self.window(window / 2)
        runner.quit()
        gevent.sleep(2)
        return phase

    def burst(self):
        count = self.args.burst
        Plan.burst_at, Plan.burst_done = None, 0
        runner = self.crowd(BurstLearner, count, pool="burst")
        signed_in = summarise(self.recorder.take())
        gevent.sleep(2)
        self.recorder.take()
        meter = CpuMeter(self)
        Plan.burst_at = time.time() + 0.5
        self.wait_for(lambda: Plan.burst_done + self.recorder.errors["sign in"] >= count,
                      "the burst to finish", timeout=120)
        result = summarise(self.recorder.take())
        result["cpu_seconds"] = meter.stop()
        result["learners"] = count
        result["window_seconds"] = Plan.burst_window
        result["sign_in"] = signed_in
        runner.quit()
        return result

    def gunicorn_memory(self):
        workers = children(self.gunicorn.pid)
        return {"master_kb": rss_kb(self.gunicorn.pid), "workers_kb": [rss_kb(pid) for pid in workers]}

    def certificate_memory(self):
        pool = children(self.celery.pid)
        before = {"main_kb": rss_kb(self.celery.pid), "pool_kb": [rss_kb(pid) for pid in pool]}
        started = time.perf_counter()
        self.python("benchmarks/load/seed.py", "certificates", "--plan", str(self.plan_path), "--count",
                    str(self.args.certificates))
        usernames = Plan.data["pools"]["certificates"][:self.args.certificates]
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as connection:
            def issued():
                return connection.execute(
                    "SELECT count(*) FROM certificates_certificate c JOIN auth_user u ON u.id = c.user_id "
                    "WHERE c.pdf_ready_at IS NOT NULL AND u.username = ANY(%s)", [usernames]).fetchone()[0]
            self.wait_for(lambda: issued() >= len(usernames), f"{len(usernames)} certificates", timeout=1800)
        seconds = time.perf_counter() - started
        pool = children(self.celery.pid)
        return {
            "certificates": len(usernames), "seconds": round(seconds, 1),
            "per_second": round(len(usernames) / seconds, 1),
            "before": before,
            "after": {"main_kb": rss_kb(self.celery.pid), "pool_kb": [rss_kb(pid) for pid in pool]},
        }

    def run(self):
        self.prepare()
        self.start_services()
        self.results["phases"] = {}
        for users in [int(u) for u in self.args.users.split(",")]:
            print(f"{users} concurrent users ...", flush=True)
            self.results["phases"][str(users)] = self.concurrency(users)
        print(f"burst of {self.args.burst} ...", flush=True)
        self.results["burst"] = self.burst()
        self.results["memory"] = {"gunicorn_after_load": self.gunicorn_memory()}
        print(f"issuing {self.args.certificates} certificates ...", flush=True)
        self.results["memory"]["celery_certificates"] = self.certificate_memory()
        # Counted over the whole run, the moments between measured windows (sign-ins, pauses) included.
        self.results["requests_in_run"] = dict(self.recorder.requests_in_run)
        self.results["errors_in_run"] = dict(self.recorder.errors_in_run)


# Report ------------------------------------------------------------------------------------------------------------


def goals(results):
    checks = []
    phases = results["phases"]
    errors = sum(results["errors_in_run"].values())
    checks.append({"goal": f"no errors in the whole run ({sum(results['requests_in_run'].values())} requests)",
                   "measured": errors, "met": errors == 0})
    if "50" in phases:
        paced, health = phases["50"]["learners_paced"]["endpoints"], phases["50"]["health_paced"]["endpoints"]
        for name, limit in (("lesson page", GOAL_LESSON_P95_MS), ("quiz submit (API)", GOAL_QUIZ_SUBMIT_P95_MS)):
            value = paced.get(name, {}).get("p95_ms")
            checks.append({"goal": f"{name} p95 < {limit} ms at 50 paced users", "measured": value,
                           "health": health["/health/"]["p95_ms"], "met": value is not None and value < limit})
    burst = results["burst"]["endpoints"]
    for name in ("final assessment start", "final assessment page"):
        row = burst.get(name, {})
        met = row.get("requests") == results["burst"]["learners"] and row.get("errors") == 0 \
            and row.get("p99_ms", math.inf) < GOAL_BURST_P99_MS
        checks.append({"goal": f"burst: {name} p99 < {GOAL_BURST_P99_MS} ms, no errors",
                       "measured": row.get("p99_ms"), "met": met})
    for users, phase in phases.items():
        mixed = totals(phase["learners_saturated"], LEARNER_NAMES)["per_second"]
        health = phase["health_saturated"]["endpoints"]["/health/"]["per_second"]
        ceiling = phase.get("ceiling_saturated", {}).get("endpoints", {})
        checks.append({"goal": f"mixed >= {GOAL_MIXED_SHARE:.0%} of /health/ throughput at {users} saturated users",
                       "measured": round(mixed / health, 3), "health": health, "mixed": mixed,
                       # What a signed-in page costs before any work of its own, as a share of /health/.
                       "ceilings": {name: round(ceiling[name]["per_second"] / health, 3)
                                    for name in CEILING_NAMES if name in ceiling},
                       "met": mixed / health >= GOAL_MIXED_SHARE})
    return checks


def fmt(value):
    return "-" if value is None else f"{value:g}"


def print_report(results):
    for users, phase in results["phases"].items():
        health = phase["health_saturated"]["endpoints"]["/health/"]["per_second"]
        print(f"\n### {users} concurrent users\n")
        print("| request | paced: n | p50 ms | p95 ms | p99 ms | saturated: req/s | ÷ /health/ | p50 ms | p95 ms "
              "| p99 ms | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        rows = [("/health/", phase["health_paced"], phase["health_saturated"])]
        rows += [(name, phase["learners_paced"], phase["learners_saturated"]) for name in LEARNER_NAMES]
        rows += [(name, {"endpoints": {}}, phase["ceiling_saturated"]) for name in CEILING_NAMES
                 if "ceiling_saturated" in phase]
        for name, paced, saturated in rows:
            p, s = paced["endpoints"].get(name, {}), saturated["endpoints"].get(name, {})
            ratio = s["per_second"] / health if s else None
            print(f"| {name} | {fmt(p.get('requests'))} | {fmt(p.get('p50_ms'))} | {fmt(p.get('p95_ms'))} | "
                  f"{fmt(p.get('p99_ms'))} | {fmt(s.get('per_second'))} | {fmt(ratio and round(ratio, 3))} | "
                  f"{fmt(s.get('p50_ms'))} | {fmt(s.get('p95_ms'))} | {fmt(s.get('p99_ms'))} | "
                  f"{p.get('errors', 0) + s.get('errors', 0)} |")
        mixed = totals(phase["learners_saturated"], LEARNER_NAMES)
        paced_total = totals(phase["learners_paced"], LEARNER_NAMES)
        print(f"| **all learner requests** | {paced_total['requests']} | | | | {mixed['per_second']} | "
              f"{mixed['per_second'] / health:.3f} | | | | {mixed['errors'] + paced_total['errors']} |")
        sign_in = phase["sign_in"]["endpoints"].get("sign in", {})
        print(f"\nSign-in ({fmt(sign_in.get('requests'))}, PBKDF2 as in production, while the others were "
              f"signing in): p50 {fmt(sign_in.get('p50_ms'))} ms, p95 {fmt(sign_in.get('p95_ms'))} ms, "
              f"errors {sign_in.get('errors', 0)}.")
        print_cpu([(f"{name} {mode}", phase[f"{key}_{mode}"]) for name, key in (("/health/", "health"),
                                                                                  ("learners", "learners"),
                                                                                  ("ceiling", "ceiling"))
                   for mode in ("paced", "saturated") if f"{key}_{mode}" in phase])
    burst = results["burst"]
    print(f"\n### Burst: {burst['learners']} learners start the final assessment within {burst['window_seconds']:g} s\n")
    print("| request | n | p50 ms | p95 ms | p99 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, row in burst["endpoints"].items():
        print(f"| {name} | {row['requests']} | {row['p50_ms']:g} | {row['p95_ms']:g} | {row['p99_ms']:g} | "
              f"{row['max_ms']:g} | {row['errors']} |")
    sign_in = burst["sign_in"]["endpoints"].get("sign in", {})
    print(f"\nThe {fmt(sign_in.get('requests'))} sign-ins before it: p50 {fmt(sign_in.get('p50_ms'))} ms, "
          f"p95 {fmt(sign_in.get('p95_ms'))} ms, errors {sign_in.get('errors', 0)}.")
    print_cpu([("burst", burst)])
    memory = results["memory"]
    certificates = memory["celery_certificates"]
    print("\n### Memory (VmRSS)\n")
    print("| process | RSS |")
    print("|---|---:|")
    for i, kb in enumerate(memory["gunicorn_after_load"]["workers_kb"], start=1):
        print(f"| gunicorn worker {i}, after the load run | {kb / 1024:.1f} MiB |")
    for i, kb in enumerate(certificates["after"]["pool_kb"], start=1):
        print(f"| Celery pool process {i}, after issuing {certificates['certificates']} certificates "
              f"({certificates['per_second']:g}/s) | {kb / 1024:.1f} MiB |")
    print(f"| Celery main process, same moment | {certificates['after']['main_kb'] / 1024:.1f} MiB |")
    print("\n### Goals\n")
    print("| goal | measured | /health/ in the same run | met |")
    print("|---|---:|---:|---|")
    for check in results["goals"]:
        print(f"| {check['goal']} | {fmt(check['measured'])} | {fmt(check.get('health'))} | "
              f"{'yes' if check['met'] else '**NO**'} |")
    for check in results["goals"]:
        if check.get("ceilings"):
            print(f"\n{check['goal'].split(' at ')[1]}: the mixed workload reached {check['measured']:g} of /health/; "
                  "a signed-in request that does nothing reached "
                  + ", and one that renders only the site's frame ".join(
                      f"{share:g}" for share in check["ceilings"].values()) + " (benchmarks/load/urls.py).")
    samples = [s for phase in results["phases"].values() for w in phase.values() for s in w.get("error_samples", [])]
    samples += burst.get("error_samples", [])
    if samples:
        print("\nErrors seen: " + "; ".join(f"{s['request']}: {s['error']} (x{s['count']})" for s in samples[:10]))


def terminate():
    raise SystemExit(143)


def print_cpu(windows):
    print("\n| CPU seconds | wall s | locust | gunicorn | celery | postgres (ours) | others | whole machine |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, window in windows:
        c = window["cpu_seconds"]
        print(f"| {label} | {c['wall_seconds']} | {c['locust']} | {c['gunicorn']} | {c['celery']} | {c['postgres']} | "
              f"{c['others']} | {c['machine']} of {round(c['wall_seconds'] * c['cores'], 1)} |")


def main():
    args = parse_args()
    bench = Bench(args)
    # A stop request (kill) still tears down: gevent raises the handler's SystemExit in the main greenlet.
    gevent.signal_handler(signal.SIGTERM, terminate)
    try:
        bench.run()
    finally:
        bench.teardown()
    results = {
        "python": platform.python_version(), "cores": os.cpu_count(), "postgres": bench.results["postgres"],
        "set_up": {"gunicorn": f"{args.workers} workers x {args.threads} threads (gthread), keep-alive 5 s",
                   "celery": "prefork, one pool process", "locust": "one process, FastHttpUser",
                   "locust_pinned_to_core": args.pin_locust, "paced_pause_seconds": [1, 3],
                   "paced_window_seconds": args.window},
        **{k: v for k, v in bench.results.items() if k != "postgres"},
    }
    results["goals"] = goals(results)
    print_report(results)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    met = all(check["met"] for check in results["goals"])
    print("goals met" if met else "GOAL MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
