"""Improving content from evidence: item statistics, grader calibration and learners' review requests."""

import csv
import io
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import trainers_group_ensure
from courses.models import Enrollment
from courses.services import course_publish, course_unpublish, lesson_complete
from quizzes.calibration import exercise_calibration
from quizzes.models import Attempt, CalibrationSample, ReviewRequest, Submission
from quizzes.publishing import course_publish_warnings
from quizzes.rewrites import submission_create
from quizzes.services import attempt_start, attempt_submit
from quizzes.statistics import exercise_statistics, quiz_statistics
from tests.factories import (
    GOOD_REPLY, PASSWORD, POOR_REPLY, EnrollmentFactory, QuizFactory, UserFactory, add_question, course_with_lessons,
    rewrite_exercise,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client():
    user = UserFactory(username="tess", is_staff=True)
    user.groups.add(trainers_group_ensure())
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def quiz():
    course, _ = course_with_lessons(1)
    quiz = QuizFactory(course=course, module=None, pass_mark=60, max_attempts=None)
    add_question(quiz, "single", [("Q1 right", True), ("Q1 wrong a", False), ("Q1 wrong b", False)])
    add_question(quiz, "single", [("Q2 right", True), ("Q2 wrong", False)])
    add_question(quiz, "multiple", [("Q3 right a", True), ("Q3 right b", True), ("Q3 wrong", False)])
    return quiz


def take(quiz, picks):
    """A new learner answers each question by choice text; returns the submitted attempt."""
    user = UserFactory()
    EnrollmentFactory(user=user, course=quiz.course)
    attempt, _ = attempt_start(user=user, quiz=quiz)
    answers = {}
    for item in attempt.layout:
        texts = {c.id: c.text for c in quiz.questions.get(id=item["q"]).choices.all()}
        wanted = picks[list(quiz.questions.order_by("position", "id").values_list("id", flat=True)).index(item["q"])]
        answers[str(item["q"])] = {"choices": [str(i + 1) for i, cid in enumerate(item["c"]) if texts[cid] in wanted]}
    return attempt_submit(user=user, attempt_id=attempt.id, answers=answers)[0]


class TestQuizStatistics:
    def test_figures_match_a_hand_computed_fixture(self, quiz):
        # Four learners: 100%, 67%, 50% (half credit on Q3) and 0%; a 27% group is one attempt each side.
        take(quiz, [{"Q1 right"}, {"Q2 right"}, {"Q3 right a", "Q3 right b"}])
        take(quiz, [{"Q1 right"}, {"Q2 right"}, {"Q3 wrong"}])
        take(quiz, [{"Q1 wrong a"}, {"Q2 right"}, {"Q3 right a"}])
        take(quiz, [{"Q1 wrong a"}, {"Q2 wrong"}, {"Q3 wrong", "Q3 right a"}])

        stats = quiz_statistics(quiz)

        assert (stats.attempts, stats.learners, stats.pass_rate) == (4, 4, 0.5)
        q1, q2, q3 = stats.questions
        assert (q1.difficulty, q2.difficulty, q3.difficulty) == (0.5, 0.75, 0.25)
        # Top attempt (100%) got all right; bottom (0%) none: discrimination 1.0 for each.
        assert (q1.discrimination, q2.discrimination, q3.discrimination) == (1.0, 1.0, 1.0)
        assert (q1.wrong_choice.text, q1.wrong_choice_count) == ("Q1 wrong a", 2)
        assert (q2.wrong_choice.text, q2.wrong_choice_count) == ("Q2 wrong", 1)
        assert (q3.wrong_choice.text, q3.wrong_choice_count) == ("Q3 wrong", 2)

    def test_the_page_and_csv_cost_the_same_queries_for_5_and_50_attempts(self, trainer_client, quiz):
        url = reverse("admin:quizzes_quiz_statistics", args=[quiz.id])
        counts = []
        for total in (5, 50):
            while Attempt.objects.filter(quiz=quiz).count() < total:
                take(quiz, [{"Q1 right"}, {"Q2 wrong"}, {"Q3 right a"}])
            with CaptureQueriesContext(connection) as context:
                assert trainer_client.get(url).status_code == HTTPStatus.OK
            counts.append(len(context.captured_queries))
        assert counts[0] == counts[1]

        rows = list(csv.reader(io.StringIO(
            b"".join(trainer_client.get(url, {"format": "csv"}).streaming_content).decode("utf-8-sig"))))
        assert rows[0][:5] == ["#", "Type", "Question", "Responses", "% correct"]
        assert [row[4] for row in rows[1:]] == ["100", "0", "0"]


def test_exercise_statistics_count_the_share_missing_each_criterion():
    course, _ = course_with_lessons(1)
    exercise = rewrite_exercise(course)
    for text in (GOOD_REPLY, POOR_REPLY, POOR_REPLY):
        user = UserFactory()
        EnrollmentFactory(user=user, course=course)
        submission_create(user=user, exercise=exercise, text=text)

    stats = exercise_statistics(exercise)

    by_check = {check: (share, count) for check, share, count in stats.criteria}
    expected = {}
    for submission in Submission.objects.all():
        for finding in submission.findings:
            if finding["met"] is False:
                expected[finding["check"]] = expected.get(finding["check"], 0) + 1
    assert (stats.submissions, stats.learners) == (3, 3)
    assert {check: count for check, (_, count) in by_check.items() if count} == expected
    assert all(share == round(count / 3, 3) for share, count in by_check.values())


class TestCalibration:
    def test_agreement_and_disagreements_against_the_trainers_marks(self):
        course, _ = course_with_lessons(1)
        exercise = rewrite_exercise(course)
        CalibrationSample.objects.create(exercise=exercise, text=GOOD_REPLY, expected_pass=True,
                                         expected_criteria={"apologizes_or_owns": True})
        CalibrationSample.objects.create(exercise=exercise, text=POOR_REPLY, expected_pass=False)
        wrong = CalibrationSample.objects.create(exercise=exercise, text=POOR_REPLY, expected_pass=True,
                                                 expected_criteria={"apologizes_or_owns": True})

        calibration = exercise_calibration(exercise)

        assert (calibration.samples, calibration.agreed, calibration.percent) == (3, 2, 67)
        assert calibration.criterion_rows() == [("apologizes_or_owns", 1, 2, 50)]
        assert [d.sample for d in calibration.disagreements] == [wrong]

    def test_publishing_warns_below_the_threshold_and_still_publishes(self, trainer_client):
        course, _ = course_with_lessons(1)
        course_unpublish(course=course)
        exercise = rewrite_exercise(course)
        exercise.calibration_threshold = 90
        exercise.save()
        CalibrationSample.objects.create(exercise=exercise, text=GOOD_REPLY, expected_pass=True)
        CalibrationSample.objects.create(exercise=exercise, text=POOR_REPLY, expected_pass=True)

        assert course_publish_warnings(course) and "1 of 2 calibration samples (50%)" in course_publish_warnings(course)[0]
        response = trainer_client.post(reverse("admin:courses_course_change", args=[course.id]), {"_publish": "1"},
                                       follow=True)

        course.refresh_from_db()
        assert course.published
        assert "below the 90% set for it" in response.content.decode()
        page = trainer_client.get(reverse("admin:quizzes_rewriteexercise_calibration", args=[exercise.id]))
        assert "1 of 2" in page.content.decode()


class TestReviewRequests:
    @pytest.fixture
    def failed(self, learner, learner_client):
        course, lessons = course_with_lessons(1)
        EnrollmentFactory(user=learner, course=course)
        lesson_complete(user=learner, lesson=lessons[0])
        exercise = rewrite_exercise(course)
        submission, _ = submission_create(user=learner, exercise=exercise, text=POOR_REPLY)
        assert not submission.passed
        return submission

    def test_a_learner_asks_once_and_a_trainer_overrides_which_completes_the_course(
            self, learner_client, trainer_client, failed):
        url = reverse("quizzes:review-request", args=[failed.id])

        learner_client.post(url, {"comment": "I did apologise in my first sentence."})
        again = learner_client.post(url, {"comment": "Please?"})

        assert again.status_code == HTTPStatus.CONFLICT
        review = ReviewRequest.objects.get()
        queue = trainer_client.get(reverse("admin:quizzes_reviewrequest_change", args=[review.id])).content.decode()
        assert "I did apologise in my first sentence." in queue and "MISSED" in queue
        trainer_client.post(reverse("admin:quizzes_reviewrequest_change", args=[review.id]), {
            "score": 80, "passed": "on", "resolution": "You are right; well done.", "add_to_calibration": "on"})

        failed.refresh_from_db()
        review.refresh_from_db()
        assert (failed.score, failed.passed, review.status) == (80, True, "resolved")
        assert (review.graded_score, review.graded_passed) != (80, True)  # the grader's grade is kept
        assert Enrollment.objects.get(user=failed.user).completed_at is not None  # the exercise was all it needed
        assert CalibrationSample.objects.filter(text=failed.text, expected_pass=True).exists()
        page = learner_client.get(failed.get_absolute_url()).content.decode()
        assert "changed the grade" in page and "You are right; well done." in page

    def test_only_the_owner_can_ask_and_an_empty_comment_is_refused(self, client, failed, other_learner,
                                                                    learner_client):
        url = reverse("quizzes:review-request", args=[failed.id])
        client.login(username=other_learner.username, password=PASSWORD)

        assert client.post(url, {"comment": "Mine now"}).status_code == HTTPStatus.NOT_FOUND
        assert learner_client.post(url, {"comment": "   "}).status_code == HTTPStatus.BAD_REQUEST
        assert not ReviewRequest.objects.exists()

    def test_staff_outside_the_trainers_group_cannot_see_the_queue(self, failed):
        staff = UserFactory(is_staff=True)
        client = Client()
        client.login(username=staff.username, password=PASSWORD)

        assert client.get(reverse("admin:quizzes_reviewrequest_changelist")).status_code == HTTPStatus.FORBIDDEN


def test_publishing_a_course_with_calibration_samples_that_agree_gives_no_warning():
    course, _ = course_with_lessons(1)
    course_unpublish(course=course)
    exercise = rewrite_exercise(course)
    CalibrationSample.objects.create(exercise=exercise, text=GOOD_REPLY, expected_pass=True)

    assert course_publish(course=course) == []


def test_the_migration_backfills_picks_and_verdicts_graded_before_the_rows_existed(quiz):
    import importlib

    from django.apps import apps

    from quizzes.models import ResponseChoice, SubmissionFinding

    backfill = importlib.import_module("quizzes.migrations.0005_picks_and_verdicts").backfill
    take(quiz, [{"Q1 wrong a"}, {"Q2 wrong"}, {"Q3 wrong", "Q3 right a"}])
    exercise = rewrite_exercise(quiz.course)
    user = UserFactory()
    EnrollmentFactory(user=user, course=quiz.course)
    submission_create(user=user, exercise=exercise, text=POOR_REPLY)
    before_stats = (quiz_statistics(quiz).questions, exercise_statistics(exercise).criteria)
    picks = sorted(ResponseChoice.objects.values_list("response_id", "choice_id"))
    verdicts = sorted(SubmissionFinding.objects.values_list("submission_id", "check_name", "met"))
    ResponseChoice.objects.all().delete()
    SubmissionFinding.objects.all().delete()

    backfill(apps, None)

    assert sorted(ResponseChoice.objects.values_list("response_id", "choice_id")) == picks and len(picks) == 4
    assert sorted(SubmissionFinding.objects.values_list("submission_id", "check_name", "met")) == verdicts
    assert (quiz_statistics(quiz).questions, exercise_statistics(exercise).criteria) == before_stats


def test_the_exercise_statistics_page_costs_the_same_queries_for_2_and_12_submissions(trainer_client):
    course, _ = course_with_lessons(1)
    exercise = rewrite_exercise(course)
    url = reverse("admin:quizzes_rewriteexercise_statistics", args=[exercise.id])
    counts = []
    for total in (2, 12):
        while Submission.objects.filter(exercise=exercise).count() < total:
            user = UserFactory()
            EnrollmentFactory(user=user, course=course)
            submission_create(user=user, exercise=exercise, text=POOR_REPLY)
        with CaptureQueriesContext(connection) as context:
            response = trainer_client.get(url)
        assert response.status_code == HTTPStatus.OK
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]
    assert b"12" in response.content
