"""Item statistics of a quiz and a rewrite exercise with 100,000 attempts and submissions, on PostgreSQL.

Goal: each statistics computation (what the admin page runs) in under 500 ms.
Creates a scratch database from the models, seeds a 10-question quiz with
100,000 submitted attempts (1,000,000 responses) by 20,000 learners and an
exercise with 100,000 graded submissions (12 criteria each), times quizzes.statistics over
several runs, then drops the database.

    .venv/bin/python benchmarks/item_statistics.py [--server postgres://postgres@127.0.0.1:5432] [--attempts 100000]

Exits non-zero when the goal is missed.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scratch import scratch_database  # noqa: E402

GOAL_SECONDS = 0.5
SCRATCH = "academy_bench_item_statistics"
QUESTIONS, CHOICES, LEARNERS = 10, 4, 20_000


def set_up_django(server):
    os.environ["DATABASE_URL"] = f"{server}/{SCRATCH}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
    from django.conf import settings

    settings.MIGRATION_MODULES = {app: None for app in
                                  ("admin", "auth", "contenttypes", "sessions", "accounts", "courses", "quizzes",
                                   "certificates", "organizations")}
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)


def seed(attempt_count):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from courses.models import Course, Enrollment
    from quizzes.grading.checks import ORDER
    from quizzes.models import (
        Attempt, Choice, Criterion, Question, Quiz, Response, ResponseChoice, RewriteExercise, Rubric, Submission,
        SubmissionFinding,
    )

    rng = random.Random(7)
    now = timezone.now()
    course = Course.objects.create(slug="bench", title="Bench", summary="s", published=True)
    quiz = Quiz.objects.create(course=course, slug="final", title="Final", pass_mark=60)
    questions = []
    for q in range(QUESTIONS):
        question = Question.objects.create(quiz=quiz, kind="single", position=q, prompt=f"Q{q}", points=1)
        Choice.objects.bulk_create(Choice(question=question, text=f"Q{q} c{c}", is_correct=c == 0, feedback="f",
                                          position=c) for c in range(CHOICES))
        questions.append((question, list(question.choices.order_by("position"))))
    rubric = Rubric.objects.create(slug="bench", title="Bench", pass_mark=70)
    checks = list(ORDER)  # every check, as the built-in rubric has them
    Criterion.objects.bulk_create(Criterion(rubric=rubric, position=i, check_name=c) for i, c in enumerate(checks))
    exercise = RewriteExercise.objects.create(course=course, slug="x", title="X", scenario="s", customer="c",
                                              poor_reply="p", rubric=rubric, model_answer="m")
    User = get_user_model()
    users = User.objects.bulk_create(User(username=f"learner{i:05}", password="!") for i in range(LEARNERS))
    enrollments = Enrollment.objects.bulk_create(Enrollment(user=u, course=course) for u in users)
    per_learner = max(1, attempt_count // LEARNERS)
    for start in range(0, LEARNERS, 2_000):
        attempts, abilities = [], []
        for user, enrollment in zip(users[start:start + 2_000], enrollments[start:start + 2_000]):
            ability = rng.random()
            for number in range(1, per_learner + 1):
                attempts.append(Attempt(user=user, quiz=quiz, enrollment=enrollment, number=number, started_at=now,
                                        submitted_at=now, status="submitted", layout=[], max_points=QUESTIONS))
                abilities.append(ability)
        Attempt.objects.bulk_create(attempts, batch_size=5_000)
        responses = []
        for attempt, ability in zip(attempts, abilities):
            right = 0
            for question, choices in questions:
                correct = rng.random() < 0.3 + 0.6 * ability
                right += correct
                choice = choices[0] if correct else rng.choice(choices[1:])
                responses.append(Response(attempt=attempt, question=question, answer={"choices": [choice.id]},
                                          points=int(correct), correct=correct))
            attempt.points, attempt.percent = right, round(100 * right / QUESTIONS)
            attempt.passed = attempt.percent >= quiz.pass_mark
        Attempt.objects.bulk_update(attempts, ["points", "percent", "passed"], batch_size=5_000)
        Response.objects.bulk_create(responses, batch_size=10_000)
        ResponseChoice.objects.bulk_create((ResponseChoice(response=r, choice_id=r.answer["choices"][0])
                                            for r in responses), batch_size=10_000)
        submissions = []
        for user, enrollment in zip(users[start:start + 2_000], enrollments[start:start + 2_000]):
            for number in range(1, per_learner + 1):
                findings = [{"key": c, "check": c, "met": rng.random() < 0.7, "message": "", "spans": []}
                            for c in checks]
                score = round(100 * sum(f["met"] for f in findings) / len(findings))
                submissions.append(Submission(user=user, exercise=exercise, enrollment=enrollment, number=number,
                                              text="t", score=score, passed=score >= 70, findings=findings))
        Submission.objects.bulk_create(submissions, batch_size=5_000)
        SubmissionFinding.objects.bulk_create((SubmissionFinding(submission=s, check_name=f["check"], met=f["met"])
                                               for s in submissions for f in s.findings), batch_size=10_000)
    return quiz, exercise


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    args.add_argument("--attempts", type=int, default=100_000)
    args.add_argument("--repeat", type=int, default=5)
    options = args.parse_args()
    scratch_database(options.server, SCRATCH, create=True)
    try:
        set_up_django(options.server)
        started = time.perf_counter()
        quiz, exercise = seed(options.attempts)
        from django.db import connection

        from quizzes.models import Attempt, Response, Submission
        from quizzes.statistics import exercise_statistics, quiz_statistics

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"Seeded {Attempt.objects.count():,} attempts, {Response.objects.count():,} responses and "
              f"{Submission.objects.count():,} submissions in {time.perf_counter() - started:.1f} s")
        missed = False
        for label, function in [("quiz statistics", lambda: quiz_statistics(quiz)),
                                ("exercise statistics", lambda: exercise_statistics(exercise))]:
            median, best = timed(function, options.repeat)
            ok = median < GOAL_SECONDS
            missed |= not ok
            print(f"{label:<22} median {median * 1000:7.0f} ms  best {best * 1000:7.0f} ms  "
                  f"(goal < {GOAL_SECONDS * 1000:.0f} ms) {'ok' if ok else 'MISSED'}")
    finally:
        from django.db import connections

        connections.close_all()
        scratch_database(options.server, SCRATCH, create=False)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
