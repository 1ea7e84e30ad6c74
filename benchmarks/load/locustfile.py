"""The load benchmark's users: learners working through the course, the burst, and the /health/ baseline.

Driven by benchmarks/load/run.py as a library (it sets the plan, the pools and the pace before each
phase). Every user stands in for the TLS-terminating proxy of a production set-up: it sends
`X-Forwarded-Proto: https` (the site runs with BEHIND_TLS_PROXY) and keeps the Secure session and
CSRF cookies over the plain-http loopback connection, so the site runs with its production settings
unchanged. Learners sign in once, through the sign-in form, and never follow redirects on their own:
each request is checked for the answer a browser would expect (a page, or a redirect to the right
place), so a lost session or a refusal counts as an error instead of a quick 200 login page.
"""

import random
import re
import time
from http.cookiejar import DefaultCookiePolicy

import gevent
from locust import FastHttpUser, task
from locust.exception import StopUser

SUBMISSION_URL = re.compile(r"/submissions/\d+/$")
TOKEN = re.compile(r'name="token" value="([0-9a-f]+)"')

# Replies of mixed quality for the rewrite exercises, written for this benchmark.
REPLIES = [
    "I'm really sorry this has dragged on, and I can hear how tired of it you are. That's on us. I'm booking "
    "the engineer for tomorrow morning now, and I'll text you the time slot within the hour. Is this still the "
    "best number to reach you on?",
    "Sorry, but that's just our policy and there is nothing I can change about it.",
    "Thank you for telling me all of that, and I'm sorry you had to chase us twice. I've found your account "
    "and I can see the missed visit. I'll put a full credit on this month's bill today and email you the "
    "confirmation before 5 pm. Would a call back tomorrow to check everything is working suit you?",
    "Okay. You need to fill in the online form and wait for someone to contact you.",
    "I understand how frustrating this is. I'm going to look into it myself and call you back this "
    "afternoon with an answer, whatever I find.",
    "As I already said, the courier is not our responsibility. You should have checked the tracking email.",
]


class Plan:
    """What run.py hands the users: the course's URLs, who signs in, and whether learners pause."""

    data = {}
    usernames = iter(())
    paced = True
    signed_in = 0
    burst_at = None        # the moment the burst window opens (time.time())
    burst_window = 10.0
    burst_done = 0


class Proxied(FastHttpUser):
    """A user behind a TLS proxy, as production sees them."""

    abstract = True
    default_headers = {"X-Forwarded-Proto": "https"}
    network_timeout = connection_timeout = 60.0

    def on_start(self):
        # The site sets Secure cookies (it believes the proxy's header); keep them on the loopback hop.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "http")))

    def csrf_headers(self):
        token = next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")
        # The Origin a browser sends with a form post to the https site.
        return {"X-CSRFToken": token, "Origin": f"https://{self.host.split('://', 1)[1].rstrip('/')}"}

    def constant(self, url, name):
        """GET a view that answers "ok"; anything else (a sign-in page, an error) is a failure."""
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.text != "ok\n":
                response.failure(f"{response.status_code}: {what_went_wrong(response)}")

    def page(self, url, name):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}, expected the page: {what_went_wrong(response)}")
            return response

    def post(self, url, name, expect, data=None, json=None, location=None):
        """POST with the CSRF token; `expect` is the status wanted, `location` a check on a redirect."""
        with self.client.post(url, name=name, data=data, json=json, headers=self.csrf_headers(),
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code}, expected {expect}: {what_went_wrong(response)}")
            elif location and not location(response.headers.get("Location", "")):
                response.failure(f"redirected to {response.headers.get('Location')!r}")
            return response

    def sign_in(self):
        username = next(Plan.usernames)
        self.page("/accounts/login/", "sign-in page")
        response = self.post("/accounts/login/", "sign in", expect={302},
                             data={"username": username, "password": Plan.data["password"]},
                             location=lambda url: url.endswith("/dashboard/"))
        if response.status_code != 302:
            raise StopUser()
        Plan.signed_in += 1


class HealthUser(Proxied):
    """The baseline: the constant view, no session, no database."""

    def wait_time(self):
        return random.uniform(1, 3) if Plan.paced else 0

    @task
    def health(self):
        self.constant("/health/", "/health/")


class SignedIn(Proxied):
    """A user who signs in through the form before doing anything else."""

    abstract = True

    def on_start(self):
        super().on_start()
        self.sign_in()


class Learner(SignedIn):
    """A signed-in learner: dashboard, lessons, completions, quizzes, rewrites, certificates."""

    def wait_time(self):
        return random.uniform(1, 3) if Plan.paced else 0

    @task(3)
    def dashboard(self):
        self.page("/dashboard/", "dashboard")

    @task(4)
    def read_lesson(self):
        self.page(random.choice(Plan.data["lessons"])["url"], "lesson page")

    @task(2)
    def complete_lesson(self):
        lesson = random.choice(Plan.data["lessons"])
        self.post(lesson["complete"], "lesson complete", expect={302},
                  location=lambda url: Plan.data["course"] in url)

    @task(1)
    def take_quiz(self):
        quiz_id = random.choice(Plan.data["quizzes"])
        started = self.post(f"/api/v1/quizzes/{quiz_id}/attempts/", "quiz start (API)", expect={200, 201})
        if started.status_code not in {200, 201}:
            return
        attempt = started.json()
        answers = {str(q["id"]): random_answer(q) for q in attempt["questions"]}
        self.post(f"/api/v1/attempts/{attempt['id']}/submission/", "quiz submit (API)", expect={200},
                  json={"answers": answers})

    @task(1)
    def rewrite(self):
        url = random.choice(Plan.data["exercises"])
        found = TOKEN.search(self.page(url, "exercise page").text or "")
        if not found:
            return
        response = self.post(url, "rewrite submit", expect={302}, data={"text": random.choice(REPLIES),
                                                                        "token": found.group(1)},
                             location=SUBMISSION_URL.search)
        if response.status_code == 302:
            self.page(response.headers["Location"], "submission page")

    @task(1)
    def certificates(self):
        self.page("/certificates/", "certificates page")


class CeilingUser(SignedIn):
    """Signed in like a learner, it asks only for what every signed-in page pays (benchmarks/load/urls.py)."""

    def wait_time(self):
        return 0

    @task
    def signed_in(self):
        self.constant("/bench/signed-in/", "signed-in constant")

    @task
    def frame(self):
        self.page("/bench/frame/", "signed-in frame")


class BurstLearner(SignedIn):
    """Signs in, waits for the burst window, starts the final assessment at a random moment in it, stops."""

    def wait_time(self):
        return 0

    @task
    def start_final_assessment(self):
        while Plan.burst_at is None:
            gevent.sleep(0.05)
        gevent.sleep(max(0.0, Plan.burst_at + random.uniform(0, Plan.burst_window) - time.time()))
        response = self.post(Plan.data["final_start"], "final assessment start", expect={302},
                             location=lambda url: "/attempts/" in url)
        if response.status_code == 302:
            self.page(response.headers["Location"], "final assessment page")
        Plan.burst_done += 1
        raise StopUser()


def what_went_wrong(response):
    """The connection error (status 0), or the start of the body."""
    if response.status_code == 0:
        return repr(response.error)
    return repr((response.text or "")[:200])


def random_answer(question):
    keys = [option["key"] for option in question["options"]]
    if question["kind"] == "ordering":
        return {"order": random.sample(keys, len(keys))}
    if question["kind"] == "matching":
        return {"matches": {key: random.choice(question["categories"]) for key in keys}}
    if question["kind"] == "multiple":
        return {"choices": random.sample(keys, random.randint(1, min(2, len(keys))))}
    return {"choices": [random.choice(keys)]}
