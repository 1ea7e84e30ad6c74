"""The HR dashboard and its CSV export at 10,000 people × 3 courses, on PostgreSQL.

Goal: the dashboard's first page renders in under 300 ms and the full CSV
export (30,000 rows) streams in under 3 s. Two other pages are timed for
reference: one sorted by progress (counted for every row, then sorted in
Python) and one filtered by status, team and name. Creates a scratch database on the PostgreSQL server
of --server, builds the schema from the models, seeds it with bulk_create
(people spread over 20 teams in every status: not started, in progress,
completed, overdue, recertification due, expired), times the pages through
Django's test client (middleware, session, template and all), then drops the
database.

    .venv/bin/python benchmarks/hr_dashboard.py [--server postgres://postgres@127.0.0.1:5432] [--people 10000]

Exits non-zero when a goal is missed.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scratch import scratch_database  # noqa: E402

GOAL_PAGE_SECONDS = 0.3
GOAL_EXPORT_SECONDS = 3.0
SCRATCH = "academy_bench_hr"
COURSES, LESSONS, TEAMS = 3, 8, 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432",
                        help="a PostgreSQL server URL, without the database name")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    return parser.parse_args()


def set_up_django(server):
    os.environ["DATABASE_URL"] = f"{server}/{SCRATCH}"
    os.environ["CONN_MAX_AGE"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
    from django.conf import settings

    # The schema straight from the models: this measures queries, not the migration history.
    settings.MIGRATION_MODULES = {app: None for app in
                                  ("admin", "auth", "contenttypes", "sessions", "accounts", "courses", "quizzes",
                                   "certificates", "organizations")}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)


def seed(people):
    """People × courses in a spread of states; returns the organization and its HR manager."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from certificates.models import Certificate, new_verification_code
    from courses.models import Course, Enrollment, Lesson, LessonProgress, Module
    from organizations.models import Assignee, Assignment, Membership, Organization, Team
    from quizzes.models import Attempt, Quiz, RewriteExercise, Rubric, Submission

    User = get_user_model()
    now = timezone.now()
    today = timezone.localdate(now)
    organization = Organization.objects.create(name="Benchmark Contact Centre", slug="bench")
    hr = User.objects.create_user("hr", "hr@example.com", "bench-password-42")
    Membership.objects.create(user=hr, organization=organization, role=Membership.Role.HR)
    teams = Team.objects.bulk_create(Team(organization=organization, name=f"Team {i:02}") for i in range(TEAMS))
    rubric = Rubric.objects.create(slug="bench", title="Bench")
    courses, lessons = [], {}
    for c in range(COURSES):
        course = Course.objects.create(slug=f"course-{c}", title=f"Course {c}", summary="s", published=True)
        module = Module.objects.create(course=course, slug="m", title="M")
        lessons[course.id] = Lesson.objects.bulk_create(
            Lesson(module=module, slug=f"l{i}", title=f"L{i}", position=i, body="b") for i in range(LESSONS))
        Quiz.objects.create(course=course, slug="final", title="Final")
        RewriteExercise.objects.create(course=course, slug="x", title="X", scenario="s", customer="c", poor_reply="p",
                                       rubric=rubric, model_answer="m")
        courses.append(course)
    quizzes = {q.course_id: q for q in Quiz.objects.all()}
    exercises = {e.course_id: e for e in RewriteExercise.objects.all()}

    users = User.objects.bulk_create(
        User(username=f"person{i:05}", email=f"person{i:05}@example.com", first_name=f"First{i % 97}",
             last_name=f"Last{i:05}", password="!") for i in range(people))
    memberships = Membership.objects.bulk_create(
        Membership(user=user, organization=organization, team=teams[i % TEAMS] if i % 10 else None)
        for i, user in enumerate(users))
    assignments = {(course.id, team.id): Assignment(organization=organization, course=course, team=team,
                                                    due_within_days=30, recertify_window_days=30)
                   for course in courses for team in teams}
    direct = {course.id: Assignment(organization=organization, course=course, membership=memberships[0],
                                    due_on=today + timedelta(days=30)) for course in courses}
    Assignment.objects.bulk_create([*assignments.values(), *direct.values()])

    enrollments, assignees, progress, attempts, submissions, certificates = [], [], [], [], [], []
    for i, (user, membership) in enumerate(zip(users, memberships)):
        for course in courses:
            state = (i + course.id) % 6  # 0 not started, 1 in progress, 2 overdue, 3 completed, 4 recertify, 5 expired
            enrollments.append(Enrollment(
                user=user, course=course, last_activity_at=now - timedelta(days=i % 40) if state else None,
                completed_at=now - timedelta(days=300 if state >= 4 else 10) if state >= 3 else None))
    Enrollment.objects.bulk_create(enrollments, batch_size=5000)
    for n, enrollment in enumerate(enrollments):
        i, course_index = divmod(n, COURSES)
        course, membership = courses[course_index], memberships[i]
        state = (i + course.id) % 6
        assignment = assignments[(course.id, membership.team_id)] if membership.team_id else direct[course.id]
        assigned_at = now - timedelta(days=60 if state == 2 else 5)
        assignees.append(Assignee(assignment=assignment, membership=membership, course=course, enrollment=enrollment,
                                  assigned_at=assigned_at, due_on=(assigned_at + timedelta(days=30)).date()))
        done = {0: 0, 1: 3, 2: 2}.get(state, LESSONS)
        progress += [LessonProgress(enrollment=enrollment, lesson=lesson, completed_at=now)
                     for lesson in lessons[course.id][:done]]
        if state >= 3:
            attempts.append(Attempt(user=enrollment.user, quiz=quizzes[course.id], enrollment=enrollment, number=1,
                                    status="submitted", started_at=now, submitted_at=now, percent=90, passed=True))
            submissions.append(Submission(user=enrollment.user, exercise=exercises[course.id], enrollment=enrollment,
                                          number=1, text="A learner's rewrite.", score=85, passed=True))
            expires = {3: now + timedelta(days=300), 4: now + timedelta(days=20), 5: now - timedelta(days=5)}[state]
            certificates.append(Certificate(
                user=enrollment.user, course=course, enrollment=enrollment, code=new_verification_code(),
                issued_at=enrollment.completed_at, expires_at=expires, learner_name="Someone",
                course_title=course.title, course_version=1))
    for model, rows in ((Assignee, assignees), (LessonProgress, progress), (Attempt, attempts),
                        (Submission, submissions), (Certificate, certificates)):
        model.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return organization, hr, len(assignees)


def timed(action, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def measure(organization, hr, repeat):
    from django.db import connection, reset_queries
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(hr)
    dashboard = reverse("organizations:hr-dashboard", args=[organization.slug])
    export = reverse("organizations:export", args=[organization.slug])

    def get(url, params=None):
        response = client.get(url, params or {})
        assert response.status_code == 200, response.status_code
        return response

    def download():
        return sum(len(chunk) for chunk in get(export).streaming_content)

    get(dashboard)  # warm up: templates, connections
    pages = {
        "dashboard, first page": lambda: get(dashboard),
        "dashboard, page 100 by progress": lambda: get(dashboard, {"sort": "-progress", "page": 100}),
        "dashboard, overdue in one team, searched": lambda: get(
            dashboard, {"status": "overdue", "team": organization.teams.first().id, "q": "last0"}),
    }
    results = {name: timed(action, repeat) for name, action in pages.items()}
    results["CSV export, every row"] = timed(download, max(2, repeat // 2))
    reset_queries()
    size = download()
    return results, size, connection


def main():
    args = parse_args()
    scratch_database(args.server, SCRATCH, create=True)
    try:
        set_up_django(args.server)
        started = time.perf_counter()
        organization, hr, rows = seed(args.people)
        print(f"Seeded {args.people:,} people × {COURSES} courses = {rows:,} assignees "
              f"in {time.perf_counter() - started:.1f} s")
        results, size, connection = measure(organization, hr, args.repeat)
        connection.close()
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            scratch_database(args.server, SCRATCH, create=False)
    failed = False
    goals = {"dashboard, first page": GOAL_PAGE_SECONDS, "CSV export, every row": GOAL_EXPORT_SECONDS}
    for name, times in results.items():
        median = statistics.median(times)
        line = f"{name:45} median {median * 1000:7.0f} ms  best {min(times) * 1000:7.0f} ms"
        if name in goals:
            failed |= median >= goals[name]
            line += f"  (goal < {goals[name] * 1000:.0f} ms) {'ok' if median < goals[name] else 'MISSED'}"
        print(line)
    print(f"CSV export size: {size / 1e6:.1f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
