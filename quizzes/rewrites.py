"""Rewrite exercises: grade a learner's reply and keep the submission.

The grading itself is `quizzes.grading`, plain Python shared with the admin's
"try the grader" box and the `grade_rewrites` command; this module turns the
database's rubric and exercise into its inputs and records the result.
"""

from http import HTTPStatus

from django.db import transaction
from django.db.models import Max

from academy import ratelimit
from academy.errors import ApplicationError, PermissionDenied
from courses.services import enrollment_complete_if_done, enrollment_lock
from quizzes import grading
from quizzes.models import Submission, SubmissionFinding

MAX_REPLY_CHARS = 2000
SUBMISSIONS_PER_MINUTE = 20


def grading_rubric(rubric):
    """The grader's Rubric for a database rubric; RubricError if its criteria are invalid."""
    return grading.Rubric.from_dict(rubric.slug, {
        "title": rubric.title,
        "pass_mark": rubric.pass_mark,
        "criteria": [
            {"check": c.check_name, "weight": c.weight, "required": c.required, "params": c.params or {}}
            for c in rubric.criteria.all()
        ],
    })


def grading_context(exercise):
    return grading.Context(customer=exercise.customer, key_facts=list(exercise.key_facts or []))


def grade_reply(*, exercise, text):
    """Grade without saving: the admin's try-the-grader box and previews use it."""
    return grading.grade(text, grading_rubric(exercise.rubric), grading_context(exercise))


def clean_reply(text):
    text = (text or "").strip()
    if not text:
        raise ApplicationError("Write your reply before submitting.", code="empty", fields={"text": "Required."})
    if len(text) > MAX_REPLY_CHARS:
        raise ApplicationError(
            f"Your reply is {len(text)} characters; keep it to {MAX_REPLY_CHARS} at most.", code="too_long",
            fields={"text": f"At most {MAX_REPLY_CHARS} characters."},
        )
    return text


def submission_create(*, user, exercise, text, token=""):
    """Grade the learner's rewrite and keep it. Returns (submission, created).

    Refused, with nothing saved, for an empty or over-long reply, a learner not
    enrolled in the course, or more than SUBMISSIONS_PER_MINUTE a minute. The
    same `token` twice (a double click, a replayed request) saves once.
    """
    text = clean_reply(text)
    token = (token or "")[:64]
    with transaction.atomic():
        enrollment = enrollment_lock(user=user, course_id=exercise.course_id)
        if enrollment is None:
            raise PermissionDenied(
                "You are not enrolled in this exercise's course. Enroll from the course page first.",
                code="not_enrolled",
            )
        if token:
            existing = Submission.objects.filter(user=user, exercise=exercise, token=token).first()
            if existing:
                return existing, False
        if not ratelimit.allow(f"rewrite:{user.id}", limit=SUBMISSIONS_PER_MINUTE, period=60):
            raise ApplicationError(
                "That is a lot of submissions in a minute. Take a moment to read the feedback, then try again.",
                code="rate_limited", status=HTTPStatus.TOO_MANY_REQUESTS,
            )
        result = grade_reply(exercise=exercise, text=text)
        number = (Submission.objects.filter(user=user, exercise=exercise).aggregate(n=Max("number"))["n"] or 0) + 1
        submission = Submission.objects.create(
            user=user, exercise=exercise, enrollment=enrollment, number=number, text=text, token=token,
            score=result.score, passed=result.passed, findings=findings_as_data(result),
        )
        SubmissionFinding.objects.bulk_create(
            SubmissionFinding(submission=submission, check_name=f.check, met=f.met) for f in result.findings
        )
        if submission.passed:
            enrollment_complete_if_done(enrollment=enrollment)
    return submission, True


def findings_as_data(result):
    return [
        {"key": f.key, "check": f.check, "met": f.met, "message": f.message,
         "spans": [list(span) for span in f.spans], "lesson": f.lesson}
        for f in result.findings
    ]
