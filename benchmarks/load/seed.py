"""The load benchmark's data: 2,000 learners in the built-in course, and 1,000 certificates to issue.

Run by benchmarks/load/run.py in the benchmark's environment (DATABASE_URL, MEDIA_ROOT, ...),
after `manage.py migrate` and `manage.py load_course`:

    ACADEMY_BENCH_PASSWORD=... python benchmarks/load/seed.py seed --learners 2000 --plan DIR/plan.json
    python benchmarks/load/seed.py certificates --plan DIR/plan.json [--count 1000]

`seed` writes everything with bulk_create, hashing the password once with the site's own hasher
(so signing in costs what it costs in production, while seeding does not). One learner in ten has
finished the course and holds a certificate, issued through the real service; the others have read
some lessons and, for the modules they have read, quiz attempts and rewrite submissions, passed or
failed, graded by the real scoring and grader. It writes plan.json: the course's URLs and who signs
in for which phase. Nobody in the burst pool has an attempt at the final assessment yet.

`certificates` marks the 1,000 learners of the certificate pool as having completed the course and
enqueues each certificate through the real path (certificate_issue_on_commit -> the Celery task ->
certificate_issue), for the worker whose memory the benchmark reads.
"""

import argparse
import json
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from certificates.services import certificate_issue, certificate_issue_on_commit  # noqa: E402
from courses.models import Course, Enrollment, LessonProgress  # noqa: E402
from courses.selectors import course_outline  # noqa: E402
from quizzes import scoring  # noqa: E402
from quizzes.models import Attempt, Question, Response, RewriteExercise, Submission  # noqa: E402
from quizzes.rewrites import findings_as_data, grade_reply  # noqa: E402
from quizzes.services import answer_key  # noqa: E402

COURSE_SLUG = "handling-upset-callers"
FIRST = ["Ada", "Bo", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivo", "Jun", "Kemal", "Lena", "Mo", "Nia"]
LAST = ["Achebe", "Berg", "Costa", "Dahl", "Eze", "Fischer", "Gomez", "Hale", "Ito", "Jonsson", "Kowalski", "Li"]
# Who signs in where: mixed takes what the other two leave, at least 50 + 200.
POOLS = {"mixed": 250, "burst": 500, "certificates": 1000}
BATCH = 2000
PASSWORD_VARIABLE = "ACADEMY_BENCH_PASSWORD"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["seed", "certificates"])
    parser.add_argument("--plan", required=True, type=Path)
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--count", type=int, default=1000, help="certificates to enqueue")
    args = parser.parse_args()
    if args.command == "seed":
        # From the environment, not the command line, where any user of the machine could read it.
        seed(args.learners, os.environ.get(PASSWORD_VARIABLE, ""), args.plan, random.Random(args.seed))
    else:
        enqueue_certificates(json.loads(args.plan.read_text())["pools"]["certificates"][:args.count])


def seed(count, password, plan_path, rng):
    if not password:
        sys.exit(f"seed: set {PASSWORD_VARIABLE}, the learners' password")
    course = Course.objects.get(slug=COURSE_SLUG)
    outline = course_outline(course=course, user=get_user_model()(id=0))
    content = Content(course, outline)
    started = timezone.now() - timedelta(days=60)
    with transaction.atomic():
        users = create_learners(count, make_password(password))
        enrollments = Enrollment.objects.bulk_create(
            [Enrollment(user=user, course=course, cycle_started_at=started) for user in users], batch_size=BATCH)
        Enrollment.objects.filter(id__in=[e.id for e in enrollments]).update(enrolled_at=started)
        finished = [e for i, e in enumerate(enrollments) if i % 10 == 0]
        progress, attempts, responses, submissions = [], [], [], []
        for i, enrollment in enumerate(enrollments):
            history = content.history(enrollment, finished=i % 10 == 0, started=started, rng=rng)
            progress += history.progress
            submissions += history.submissions
            for attempt, attempt_responses in history.attempts:
                attempts.append(attempt)
                responses.append(attempt_responses)
        LessonProgress.objects.bulk_create(progress, batch_size=BATCH)
        Submission.objects.bulk_create(submissions, batch_size=BATCH)
        Attempt.objects.bulk_create(attempts, batch_size=BATCH)
        for attempt, attempt_responses in zip(attempts, responses):
            for response in attempt_responses:
                response.attempt = attempt
        Response.objects.bulk_create([r for rs in responses for r in rs], batch_size=BATCH * 5)
        Enrollment.objects.filter(id__in=[e.id for e in finished]).update(
            completed_at=timezone.now() - timedelta(days=1), last_activity_at=timezone.now() - timedelta(days=1))
    for enrollment in finished:  # the real service: certificate row, PDF rendered and stored
        certificate_issue(enrollment_id=enrollment.id)
    plan = content.plan(pools(users, {e.user_id for e in finished}, rng), password)
    plan_path.write_text(json.dumps(plan, indent=1))
    print(f"seeded {len(users)} learners ({len(finished)} finished with certificates), {len(progress)} lessons "
          f"done, {len(attempts)} quiz attempts, {sum(len(rs) for rs in responses)} answers, "
          f"{len(submissions)} rewrites")


def create_learners(count, password_hash):
    User = get_user_model()
    return User.objects.bulk_create([
        User(username=f"bench{i:04d}", first_name=FIRST[i % len(FIRST)], last_name=LAST[i * 7 % len(LAST)],
             email=f"bench{i:04d}@example.com", password=password_hash)
        for i in range(count)
    ], batch_size=BATCH)


def pools(users, finished_user_ids, rng):
    """Disjoint sets of usernames: learners still working for the burst and the certificates, the rest mixed."""
    working = [u.username for u in users if u.id not in finished_user_ids]
    rng.shuffle(working)
    burst, certificates = working[:POOLS["burst"]], working[POOLS["burst"]:POOLS["burst"] + POOLS["certificates"]]
    rest = working[POOLS["burst"] + POOLS["certificates"]:] + [u.username for u in users if u.id in finished_user_ids]
    rng.shuffle(rest)
    if len(rest) < POOLS["mixed"] or len(certificates) < POOLS["certificates"]:
        sys.exit("seed: too few learners for the pools; use --learners 2000 or more")
    return {"mixed": rest, "burst": burst, "certificates": certificates}


class History:
    def __init__(self):
        self.progress, self.attempts, self.submissions = [], [], []


class Content:
    """The course's items, with answers and rewrites pre-graded once, to copy into each learner's history."""

    def __init__(self, course, outline):
        self.course = course
        self.modules = [m for m in outline.modules if m.module is not None]
        self.final_quiz = next(q for q in outline.final.quizzes)
        self.final_exercises = list(outline.final.exercises)
        self.graded_answers = {quiz.id: {ok: self._answers(quiz, ok) for ok in (True, False)}
                               for module in outline.modules for quiz in module.quizzes}
        exercises = RewriteExercise.objects.filter(course=course).select_related("rubric")
        self.rewrites = {ex.id: {ok: (text, grade_reply(exercise=ex, text=text))
                                 for ok, text in ((True, ex.model_answer), (False, ex.poor_reply))}
                         for ex in exercises.prefetch_related("rubric__criteria")}

    def _answers(self, quiz, right):
        """(layout, [(question id, answer, points, correct)], points, max points) of a right or a wrong attempt."""
        questions = list(Question.objects.filter(quiz=quiz).prefetch_related("choices").order_by("position", "id"))
        layout, rows, total = [], [], 0
        for question in questions:
            key = answer_key(question)
            choices = [c.id for c in question.choices.all()]
            layout.append({"q": question.id, "c": choices})
            answer = _answer(question, key, choices, right)
            points = scoring.points_for(key, answer)
            rows.append((question.id, answer, points, points == question.points))
            total += points
        return layout, rows, total, sum(q.points for q in questions)

    def history(self, enrollment, *, finished, started, rng):
        history = History()
        lessons = [entry.lesson for module in self.modules for entry in module.lessons]
        read = len(lessons) if finished else rng.randint(0, len(lessons) - 1)
        day = [0]

        def moment():
            day[0] += 1
            return started + timedelta(days=day[0] * 50 / (len(lessons) + 40), minutes=rng.randint(0, 600))

        history.progress = [LessonProgress(enrollment=enrollment, lesson=lesson, completed_at=moment())
                            for lesson in lessons[:read]]
        done = {lesson.id for lesson in lessons[:read]}
        for module in self.modules:
            if not all(entry.lesson.id in done for entry in module.lessons):
                continue
            for quiz in module.quizzes:
                self._attempts(history, enrollment, quiz, finished or rng.random() < 0.6, rng, moment)
            for exercise in module.exercises:
                self._submissions(history, enrollment, exercise, finished or rng.random() < 0.5, rng, moment)
        if finished:
            self._attempts(history, enrollment, self.final_quiz, True, rng, moment)
            for exercise in self.final_exercises:
                self._submissions(history, enrollment, exercise, True, rng, moment)
        return history

    def _attempts(self, history, enrollment, quiz, passes, rng, moment):
        outcomes = ([False] if rng.random() < 0.3 else []) + [passes]
        for number, right in enumerate(outcomes, start=1):
            layout, rows, points, max_points = self.graded_answers[quiz.id][right]
            at = moment()
            percent = scoring.percent(points, max_points)
            attempt = Attempt(user_id=enrollment.user_id, quiz_id=quiz.id, enrollment=enrollment, number=number,
                              status=Attempt.Status.SUBMITTED, started_at=at, submitted_at=at + timedelta(minutes=6),
                              layout=layout, points=points, max_points=max_points, percent=percent,
                              passed=percent >= quiz.pass_mark)
            history.attempts.append((attempt, [Response(question_id=qid, answer=answer, points=p, correct=ok)
                                               for qid, answer, p, ok in rows]))

    def _submissions(self, history, enrollment, exercise, passes, rng, moment):
        outcomes = ([False] if rng.random() < 0.4 else []) + ([True] if passes else [False])
        for number, good in enumerate(outcomes, start=1):
            text, result = self.rewrites[exercise.id][good]
            history.submissions.append(Submission(
                user_id=enrollment.user_id, exercise_id=exercise.id, enrollment=enrollment, number=number,
                text=text, score=result.score, passed=result.passed, findings=findings_as_data(result)))

    def plan(self, pools, password):
        lessons = [entry.lesson for module in self.modules for entry in module.lessons]
        return {
            "password": password,
            "course": self.course.slug,
            "lessons": [{"url": lesson.get_absolute_url(),
                         "complete": reverse("courses:lesson-complete", kwargs={
                             "course_slug": self.course.slug, "module_slug": lesson.module.slug,
                             "lesson_slug": lesson.slug})} for lesson in lessons],
            "quizzes": [quiz.id for module in self.modules for quiz in module.quizzes],
            "exercises": [exercise.get_absolute_url() for module in self.modules for exercise in module.exercises],
            "final_start": reverse("quizzes:attempt-start", kwargs={"course_slug": self.course.slug,
                                                                    "quiz_slug": self.final_quiz.slug}),
            "pools": pools,
        }


def _answer(question, key, choice_ids, right):
    """An answer in choice ids: the key itself, or a plausible wrong one."""
    if question.kind == Question.Kind.ORDERING:
        order = list(key.order)
        return {"order": order if right else order[1:] + order[:1]}
    if question.kind == Question.Kind.MATCHING:
        categories = question.category_list
        return {"matches": {str(cid): (key.categories[cid] if right else categories[0]) for cid in choice_ids}}
    correct = sorted(key.correct)
    wrong = [cid for cid in choice_ids if cid not in key.correct][:1]
    return {"choices": correct if right else wrong}


def enqueue_certificates(usernames):
    """Complete the pool's enrollments and enqueue each certificate as completing a course does."""
    enrollments = list(Enrollment.objects.filter(user__username__in=usernames, course__slug=COURSE_SLUG,
                                                 completed_at__isnull=True))
    for enrollment in enrollments:
        with transaction.atomic():
            Enrollment.objects.filter(id=enrollment.id).update(completed_at=timezone.now())
            certificate_issue_on_commit(enrollment)
    print(f"enqueued {len(enrollments)} certificate issuances")


if __name__ == "__main__":
    main()
