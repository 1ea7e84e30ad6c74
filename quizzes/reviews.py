"""A learner asks a trainer to look again at how a rewrite was graded; the trainer may override the grade."""

from http import HTTPStatus

from django.db import IntegrityError, transaction
from django.utils import timezone

from academy.errors import ApplicationError, Conflict
from courses.services import enrollment_complete_if_done, enrollment_lock
from quizzes.models import CalibrationSample, ReviewRequest, Submission

MAX_COMMENT_CHARS = 1000


def review_request_create(*, user, submission_id, comment):
    """Ask for a review of one of the user's own submissions, once. Refused, with nothing saved, otherwise."""
    comment = (comment or "").strip()
    if not comment:
        raise ApplicationError("Say what you think the grader got wrong, so the trainer knows where to look.",
                               code="empty", fields={"comment": "Required."})
    if len(comment) > MAX_COMMENT_CHARS:
        raise ApplicationError(f"Keep the comment to {MAX_COMMENT_CHARS} characters; it has {len(comment)}.",
                               code="too_long", fields={"comment": f"At most {MAX_COMMENT_CHARS} characters."})
    try:
        with transaction.atomic():
            submission = Submission.objects.select_for_update().filter(id=submission_id, user=user).first()
            if submission is None:
                raise ApplicationError("There is no such submission.", code="not_found", status=HTTPStatus.NOT_FOUND)
            if ReviewRequest.objects.filter(submission=submission).exists():
                raise Conflict("You have already asked for a review of this reply.", code="already_requested")
            return ReviewRequest.objects.create(submission=submission, comment=comment,
                                                graded_score=submission.score, graded_passed=submission.passed)
    except IntegrityError:  # a concurrent request won the one-to-one
        raise Conflict("You have already asked for a review of this reply.", code="already_requested") from None


def review_resolve(*, review_id, by, score, passed, resolution="", add_to_calibration=False):
    """Close a review, setting the submission's score and pass as the trainer judges them.

    The grader's own grade stays on the review (and both are in its history). A pass
    counts toward completion at once, like any passed rewrite. Optionally keeps the
    reply as a calibration sample of the exercise, marked as the trainer judged it.
    """
    if not isinstance(score, int) or not 0 <= score <= 100:
        raise ApplicationError("The score is a whole number from 0 to 100.", code="invalid", fields={"score": "0-100"})
    with transaction.atomic():
        review = ReviewRequest.objects.select_related("submission__exercise").filter(id=review_id).first()
        if review is None:
            raise ApplicationError("There is no such review request.", code="not_found", status=HTTPStatus.NOT_FOUND)
        submission = review.submission
        # The same lock order as every progress service: the enrollment first.
        enrollment = enrollment_lock(user=submission.user, course_id=submission.exercise.course_id)
        review = ReviewRequest.objects.select_for_update().get(id=review.id)
        if review.status == ReviewRequest.Status.RESOLVED:
            raise Conflict("This review has already been resolved.", code="already_resolved")
        Submission.objects.filter(id=submission.id).update(score=score, passed=passed)
        review.status = ReviewRequest.Status.RESOLVED
        review.resolved_by, review.resolved_at, review.resolution = by, timezone.now(), resolution.strip()[:1000]
        review.save()
        if add_to_calibration:
            CalibrationSample.objects.create(exercise=submission.exercise, text=submission.text, expected_pass=passed,
                                             note=f"From review request #{review.id}", created_by=by)
        if passed and enrollment is not None:
            enrollment_complete_if_done(enrollment=enrollment)
    return review
