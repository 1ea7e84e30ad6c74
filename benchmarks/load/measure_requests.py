"""The child of profile.py: times each learner request through the test client (see profile.py)."""

from benchmarks.load.locustfile import REPLIES, random_answer  # first: locust's gevent patches come before Django

import argparse
import cProfile
import json
import pstats
import random
import re
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import quizzes.rewrites  # noqa: E402

TOKEN = re.compile(r'name="token" value="([0-9a-f]+)"')


class Learner:
    """One signed-in learner sending the load benchmark's requests, as the locust Learner does."""

    def __init__(self, plan, username):
        self.plan, self.rng = plan, random.Random(7)
        self.client = Client(HTTP_X_FORWARDED_PROTO="https", secure=True, HTTP_HOST="127.0.0.1:8011")
        self.client.force_login(get_user_model().objects.get(username=username))

    def get(self, url, expect=200):
        response = self.client.get(url)
        assert response.status_code == expect, (url, response.status_code)
        return response

    def post(self, url, expect, **kwargs):
        response = self.client.post(url, **kwargs)
        assert response.status_code in expect, (url, response.status_code, response.content[:200])
        return response

    def requests(self):
        """{name: (send one, how many requests one send makes)}."""
        plan, rng = self.plan, self.rng

        def quiz():
            attempt = self.post(f"/api/v1/quizzes/{rng.choice(plan['quizzes'])}/attempts/", {200, 201}).json()
            answers = {str(q["id"]): random_answer(q) for q in attempt["questions"]}
            self.post(f"/api/v1/attempts/{attempt['id']}/submission/", {200}, data={"answers": answers},
                      content_type="application/json")

        def rewrite():
            url = rng.choice(plan["exercises"])
            token = TOKEN.search(self.get(url).content.decode()).group(1)
            response = self.post(url, {302}, data={"text": rng.choice(REPLIES), "token": token})
            self.get(response["Location"])

        return {
            "/health/": (lambda: self.get("/health/"), 1),
            "signed-in constant": (lambda: self.get("/bench/signed-in/"), 1),
            "signed-in frame": (lambda: self.get("/bench/frame/"), 1),
            "dashboard": (lambda: self.get("/dashboard/"), 1),
            "lesson page": (lambda: self.get(rng.choice(plan["lessons"])["url"]), 1),
            "lesson complete": (lambda: self.post(rng.choice(plan["lessons"])["complete"], {302}), 1),
            "quiz start + submit (API)": (quiz, 2),
            "exercise page + rewrite submit + submission page": (rewrite, 3),
            "certificates page": (lambda: self.get("/certificates/"), 1),
        }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plan", required=True)
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--profile", default=None)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    plan = json.load(open(args.plan))
    # One learner sends every rewrite here; the per-learner limit (10 a minute) would answer 429 after ten.
    quizzes.rewrites.SUBMISSIONS_PER_MINUTE = 10**9
    learner = Learner(plan, plan["pools"]["mixed"][0])
    print("| request | CPU ms per request | wall ms per request | queries per request |\n|---|---:|---:|---:|")
    for name, (send, per_send) in learner.requests().items():
        for _ in range(10):
            send()  # warm: templates, URL resolvers, the grader's caches
        profiler = cProfile.Profile() if name == args.profile else None
        with CaptureQueriesContext(connection) as queries:
            cpu, wall = time.process_time(), time.perf_counter()
            if profiler:
                profiler.enable()
            for _ in range(args.requests):
                send()
            if profiler:
                profiler.disable()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        n = args.requests * per_send
        print(f"| {name} | {cpu / n * 1000:.2f} | {wall / n * 1000:.2f} | {len(queries) / n:.1f} |", flush=True)
        if profiler:
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
