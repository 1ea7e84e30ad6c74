"""Reads of quizzes and attempts, shaped for the learner: keys only where they may be seen."""

from dataclasses import dataclass, field
from http import HTTPStatus

from django.db.models import Count, F, Max, Prefetch, Q
from django.shortcuts import get_object_or_404

from academy.errors import ApplicationError
from courses.models import Lesson
from quizzes.grading import CHECKS
from quizzes.models import Attempt, Choice, Criterion, Question, Quiz, Response, RewriteExercise, Submission


@dataclass
class Option:
    key: str
    text: str
    chosen: bool = False
    place: int | None = None        # ordering: the place the learner gave it
    matched: str = ""               # matching: the category the learner gave it
    is_correct: bool | None = None  # only filled when answers are revealed
    correct_place: int | None = None
    correct_category: str = ""
    feedback: str = ""


@dataclass
class QuestionView:
    number: int
    question: Question
    options: list
    answered: bool = False
    points: object = None
    correct: bool | None = None
    explanation: str = ""
    categories: list = field(default_factory=list)

    @property
    def field_name(self):
        return f"q{self.question.id}"


# What an outline never shows of an exercise: its texts, only read on the exercise's own page.
OUTLINE_SKIPS = ("scenario", "customer", "poor_reply", "instructions", "key_facts", "model_answer")


@dataclass
class QuizOverview:
    quiz: Quiz
    attempts: list
    open_attempt: Attempt | None
    best_percent: int | None
    passed: bool
    attempts_left: int | None


def course_activities(*, courses, user):
    """Quizzes and exercises of the courses, each with the user's best result and `done` (passed)
    in the enrollment's current certification cycle.

    Returns {course id: (quizzes by module id, exercises by module id)}, module id None
    for the final assessment. Four queries however many courses, quizzes or attempts.
    Exercises carry what an outline shows, not their texts.
    """
    by_id = {course.id: course for course in courses}
    course_ids = list(by_id)
    quizzes = list(Quiz.objects.filter(course__in=course_ids).order_by("id"))
    exercises = list(RewriteExercise.objects.filter(course__in=course_ids)
                     .defer(*OUTLINE_SKIPS).order_by("position", "id"))
    for activity in [*quizzes, *exercises]:
        activity.course = by_id[activity.course_id]  # for their links; no need to read each course again
    quiz_best, exercise_best = {}, {}
    if user.is_authenticated:
        quiz_best = {row["quiz_id"]: row for row in
                     Attempt.objects.filter(user=user, quiz__in=quizzes, status=Attempt.Status.SUBMITTED,
                                            submitted_at__gte=F("enrollment__cycle_started_at"))
                     .values("quiz_id").annotate(best=Max("percent"), passes=Count("id", filter=Q(passed=True)))}
        exercise_best = {row["exercise_id"]: row for row in
                         Submission.objects.filter(user=user, exercise__in=exercises,
                                                   created_at__gte=F("enrollment__cycle_started_at"))
                         .values("exercise_id").annotate(best=Max("score"), passes=Count("id", filter=Q(passed=True)))}
    result = {course_id: ({}, {}) for course_id in course_ids}
    for quiz in quizzes:
        row = quiz_best.get(quiz.id, {})
        quiz.best_percent, quiz.done = row.get("best"), bool(row.get("passes"))
        result[quiz.course_id][0].setdefault(quiz.module_id, []).append(quiz)
    for exercise in exercises:
        row = exercise_best.get(exercise.id, {})
        exercise.best_score, exercise.done = row.get("best"), bool(row.get("passes"))
        result[exercise.course_id][1].setdefault(exercise.module_id, []).append(exercise)
    return result


def quiz_for_course(*, course, quiz_slug):
    return get_object_or_404(Quiz.objects.select_related("course", "module"), course=course, slug=quiz_slug)


def quiz_overview(*, user, quiz):
    attempts = list(Attempt.objects.filter(user=user, quiz=quiz).select_related("enrollment").order_by("-number"))
    # Counted in the current certification cycle; earlier cycles' attempts stay in the history.
    current = [a for a in attempts if a.started_at >= a.enrollment.cycle_started_at]
    submitted = [a for a in current if a.is_submitted]
    used = len(current)
    return QuizOverview(
        quiz=quiz,
        attempts=attempts,
        open_attempt=next((a for a in attempts if not a.is_submitted), None),
        best_percent=max((a.percent for a in submitted), default=None),
        passed=any(a.passed for a in submitted),
        attempts_left=None if quiz.max_attempts is None else max(0, quiz.max_attempts - used),
    )


def best_passing_attempt(*, user, quiz):
    return (
        Attempt.objects.filter(user=user, quiz=quiz, passed=True).order_by("-percent", "submitted_at").first()
    )


def my_attempt(*, user, attempt_id):
    """The user's own attempt; someone else's is a 404 that says nothing about it."""
    attempt = Attempt.objects.select_related("quiz__course", "quiz__module").filter(id=attempt_id, user=user).first()
    if attempt is None:
        raise ApplicationError("There is no such attempt.", code="not_found", status=HTTPStatus.NOT_FOUND)
    return attempt


def answers_revealed(attempt):
    """Whether this learner may see the answer key of this attempt's quiz."""
    if not attempt.is_submitted:
        return False
    reveal = attempt.quiz.reveal_answers
    if reveal == Quiz.Reveal.AFTER_SUBMISSION:
        return True
    if reveal == Quiz.Reveal.AFTER_PASSING:
        return attempt.passed or Attempt.objects.filter(user=attempt.user, quiz=attempt.quiz, passed=True).exists()
    return False


def questions_with_choices(questions):
    """The questions in authored order, their choices prefetched in authored order.

    Ordered by their own columns on purpose: the models' default orderings go
    through the quiz to the course and the module, a four-table join on every read.
    """
    return questions.order_by("position", "id").prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position", "id")))


def attempt_questions(attempt, *, reveal=False):
    """The attempt's questions in its own order, with options named "1", "2", ... as laid out.

    Without `reveal` nothing of the key is filled in: no correct flags, places,
    categories, feedback or explanations. Three queries whatever the quiz size.
    """
    ids = [item["q"] for item in attempt.layout]
    questions = {q.id: q for q in questions_with_choices(Question.objects.filter(id__in=ids))}
    responses = {r.question_id: r for r in Response.objects.filter(attempt=attempt)}
    views = []
    for number, item in enumerate(attempt.layout, start=1):
        question = questions.get(item["q"])
        if question is None:  # removed by a trainer after the attempt started
            continue
        response = responses.get(question.id)
        views.append(_question_view(number, question, item["c"], response, reveal, attempt.is_submitted))
    return views


def _question_view(number, question, shown_ids, response, reveal, submitted):
    choices = {c.id: c for c in question.choices.all()}
    answer = response.answer if response else {}
    chosen = set(answer.get("choices", []))
    order = answer.get("order", [])
    matches = answer.get("matches", {})
    options = []
    for index, choice_id in enumerate(shown_ids, start=1):
        choice = choices.get(choice_id)
        if choice is None:
            continue
        option = Option(
            key=str(index), text=choice.text, chosen=choice_id in chosen,
            place=order.index(choice_id) + 1 if choice_id in order else None,
            matched=matches.get(str(choice_id), ""),
        )
        if reveal:
            option.is_correct = choice.is_correct
            option.correct_place = choice.correct_position
            option.correct_category = choice.category
            option.feedback = choice.feedback
        options.append(option)
    view = QuestionView(
        number=number, question=question, options=options, answered=bool(chosen or order or matches),
        categories=question.category_list,
    )
    if submitted and response is not None:
        view.points, view.correct = response.points, response.correct
    if reveal:
        view.explanation = question.explanation
    return view


@dataclass
class Segment:
    text: str
    findings: list = field(default_factory=list)

    @property
    def css(self):
        if not self.findings:
            return ""
        return "missed" if any(f["met"] is False for f in self.findings) else "met"

    @property
    def label(self):
        return ", ".join(f["title"] for f in self.findings)


def highlighted(text, findings):
    """Split the learner's text into segments, each with the findings whose spans cover it."""
    cuts = {0, len(text)}
    for finding in findings:
        for start, end in finding["spans"]:
            cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    points = sorted(cuts)
    segments = []
    for start, end in zip(points, points[1:]):
        covering = [f for f in findings if any(s <= start and end <= e for s, e in f["spans"])]
        segments.append(Segment(text[start:end], covering))
    return segments


def findings_for_display(submission):
    """The stored findings with a readable title, a link to the lesson that teaches each, and whether the
    exercise's rubric requires it (a reply that misses a required point fails whatever it scores)."""
    slugs = {f.get("lesson") for f in submission.findings if f.get("lesson")}
    lessons = {lesson.slug: lesson for lesson in
               Lesson.objects.filter(module__course_id=submission.exercise.course_id, slug__in=slugs)
               .select_related("module__course")}
    required = set(Criterion.objects.filter(rubric_id=submission.exercise.rubric_id, required=True)
                   .values_list("check_name", flat=True))
    shown = []
    for finding in submission.findings:
        check = CHECKS.get(finding["check"])
        shown.append({**finding, "title": check.title if check else finding["check"],
                      "lesson_obj": lessons.get(finding.get("lesson")), "required": finding["check"] in required})
    return shown


def exercise_for_course(*, course, exercise_slug):
    return get_object_or_404(RewriteExercise.objects.select_related("course", "module", "lesson__module__course",
                                                                    "rubric"),
                             course=course, slug=exercise_slug)


def exercise_history(*, user, exercise):
    submissions = list(Submission.objects.filter(user=user, exercise=exercise).order_by("-number"))
    best = max(submissions, key=lambda s: (s.score, -s.number), default=None)
    return submissions, best


def my_submission(*, user, submission_id):
    submission = (Submission.objects.select_related("exercise__course", "exercise__lesson__module__course",
                                                    "review_request")
                  .filter(id=submission_id, user=user).first())
    if submission is None:
        raise ApplicationError("There is no such submission.", code="not_found", status=HTTPStatus.NOT_FOUND)
    return submission
