"""Item statistics for trainers, aggregated in the database in a fixed number of queries.

Over every submitted attempt (all attempts, not only first ones) of a quiz:
difficulty is the share of responses that were fully correct; discrimination is
the upper-lower index: the share correct among the top 27% of attempts by score
minus the share among the bottom 27% (from -1 to 1; below about 0.2 the question
does not separate strong learners from weak ones). For rewrite exercises, the
share of submissions that missed each criterion of the rubric.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from quizzes.models import Attempt, Question, Response, ResponseChoice, Submission, SubmissionFinding

UPPER_LOWER_SHARE = 0.27


@dataclass
class QuestionStats:
    question: Question
    responses: int
    difficulty: float | None
    discrimination: float | None
    wrong_choice: object = None
    wrong_choice_count: int = 0


@dataclass
class QuizStats:
    attempts: int
    learners: int
    pass_rate: float | None
    mean_percent: float | None
    questions: list = field(default_factory=list)


def _share(part, whole):
    return round(part / whole, 3) if whole else None


def quiz_statistics(quiz):
    submitted = Attempt.objects.filter(quiz=quiz, status=Attempt.Status.SUBMITTED)
    summary = submitted.aggregate(attempts=Count("id"), learners=Count("user", distinct=True),
                                  passed=Count("id", filter=Q(passed=True)), mean=Avg("percent"))
    result = QuizStats(attempts=summary["attempts"], learners=summary["learners"],
                       pass_rate=_share(summary["passed"], summary["attempts"]),
                       mean_percent=round(summary["mean"], 1) if summary["mean"] is not None else None)
    questions = list(Question.objects.filter(quiz=quiz).prefetch_related("choices").order_by("position", "id"))
    if not questions:
        return result
    group = max(1, round(summary["attempts"] * UPPER_LOWER_SHARE))
    upper_cut = submitted.order_by("-percent").values_list("percent", flat=True)[group - 1:group].first()
    lower_cut = submitted.order_by("percent").values_list("percent", flat=True)[group - 1:group].first()
    responses = Response.objects.filter(attempt__quiz=quiz, attempt__status=Attempt.Status.SUBMITTED)
    upper, lower = Q(attempt__percent__gte=upper_cut), Q(attempt__percent__lte=lower_cut)
    per_question = {row["question"]: row for row in responses.values("question").annotate(
        n=Count("id"), right=Count("id", filter=Q(correct=True)),
        upper_n=Count("id", filter=upper), upper_right=Count("id", filter=upper & Q(correct=True)),
        lower_n=Count("id", filter=lower), lower_right=Count("id", filter=lower & Q(correct=True)),
    )}
    wrong_picks = {row["choice"]: row["n"] for row in ResponseChoice.objects.filter(
        choice__question__quiz=quiz, choice__is_correct=False).values("choice").annotate(n=Count("id"))}
    for question in questions:
        row = per_question.get(question.id, {})
        upper_share, lower_share = (_share(row.get("upper_right", 0), row.get("upper_n", 0)),
                                    _share(row.get("lower_right", 0), row.get("lower_n", 0)))
        stats = QuestionStats(
            question=question, responses=row.get("n", 0), difficulty=_share(row.get("right", 0), row.get("n", 0)),
            discrimination=(round(upper_share - lower_share, 3)
                            if upper_share is not None and lower_share is not None else None),
        )
        counts = [(wrong_picks[c.id], c) for c in question.choices.all() if c.id in wrong_picks]
        if counts:
            stats.wrong_choice_count, stats.wrong_choice = max(counts, key=lambda pair: pair[0])
        result.questions.append(stats)
    return result


@dataclass
class ExerciseStats:
    submissions: int
    learners: int
    pass_rate: float | None
    mean_score: float | None
    # [(check, missed share, missed count)] in rubric order
    criteria: list = field(default_factory=list)


def exercise_statistics(exercise):
    submissions = Submission.objects.filter(exercise=exercise)
    checks = list(exercise.rubric.criteria.order_by("position", "id").values_list("check_name", flat=True))
    summary = submissions.aggregate(n=Count("id"), learners=Count("user", distinct=True),
                                    passed=Count("id", filter=Q(passed=True)), mean=Avg("score"))
    missed = dict(SubmissionFinding.objects.filter(submission__exercise=exercise, met=False)
                  .values("check_name").annotate(n=Count("id")).values_list("check_name", "n"))
    return ExerciseStats(
        submissions=summary["n"], learners=summary["learners"], pass_rate=_share(summary["passed"], summary["n"]),
        mean_score=round(summary["mean"], 1) if summary["mean"] is not None else None,
        criteria=[(check, _share(missed.get(check, 0), summary["n"]), missed.get(check, 0)) for check in checks],
    )
