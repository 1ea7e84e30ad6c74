"""Quiz attempts: start, save an answer, submit and grade.

Learners name options by their place in the attempt's layout ("1", "2", ...),
never by database id, so nothing in a page or API response hints at the key
(ids follow authoring order, which for an ordering question is the answer).
Each operation locks the attempt or the enrollment, so a double click, a
replay or two concurrent requests grade once and count once.
"""

import random
from datetime import timedelta
from http import HTTPStatus

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from academy.errors import ApplicationError, Conflict, PermissionDenied
from courses.models import Enrollment
from courses.services import enrollment_complete_if_done, enrollment_lock
from quizzes import scoring
from quizzes.models import Attempt, Question, Response, ResponseChoice
from quizzes.selectors import questions_with_choices

# Time allowed past the deadline for the request carrying the last answers to arrive.
SUBMIT_GRACE = timedelta(seconds=30)


def attempt_start(*, user, quiz):
    """Return the learner's open attempt at the quiz, or start a new one.

    Returns (attempt, created). Refused when the learner is not enrolled in the
    quiz's course or has used every attempt.
    """
    with transaction.atomic():
        enrollment = enrollment_lock(user=user, course_id=quiz.course_id)
        if enrollment is None:
            raise PermissionDenied(
                "You are not enrolled in this quiz's course. Enroll from the course page first.", code="not_enrolled"
            )
        open_attempt = Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS).first()
        if open_attempt and not _expired(open_attempt):
            return open_attempt, False
        if open_attempt:
            _grade(open_attempt, now=open_attempt.deadline)
            if open_attempt.passed:
                enrollment_complete_if_done(enrollment=enrollment)
        # The attempt limit is per certification cycle: a recertifying learner gets a fresh set.
        earlier = Attempt.objects.filter(user=user, quiz=quiz).aggregate(
            total=Count("id"), used=Count("id", filter=Q(started_at__gte=enrollment.cycle_started_at)))
        if quiz.max_attempts is not None and earlier["used"] >= quiz.max_attempts:
            raise ApplicationError(
                f"You have used all {quiz.max_attempts} attempts at this quiz.", code="no_attempts_left"
            )
        number = earlier["total"] + 1
        now = timezone.now()
        questions = list(questions_with_choices(quiz.questions.all()))
        attempt = Attempt.objects.create(
            user=user, quiz=quiz, enrollment=enrollment, number=number, started_at=now,
            deadline=now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None,
            layout=_layout(quiz, questions, seed=f"{user.id}:{quiz.id}:{number}:{now.timestamp()}"),
            max_points=sum(q.points for q in questions),
        )
    return attempt, True


def _layout(quiz, questions, *, seed):
    """Question and option order for one attempt: shuffled if the quiz says so.

    `questions` are the quiz's, in authored order, with their choices. Ordering
    items are always shuffled, and never left in the correct order, since the
    authored order is the answer.
    """
    rng = random.Random(seed)
    questions = list(questions)
    if quiz.shuffle:
        rng.shuffle(questions)
    layout = []
    for question in questions:
        choice_ids = [c.id for c in question.choices.all()]
        authored = list(choice_ids)
        if question.kind == Question.Kind.ORDERING or (quiz.shuffle and question.kind != Question.Kind.TRUE_FALSE):
            rng.shuffle(choice_ids)
        if question.kind == Question.Kind.ORDERING and choice_ids == authored and len(authored) > 1:
            choice_ids = authored[1:] + authored[:1]
        layout.append({"q": question.id, "c": choice_ids})
    return layout


def _expired(attempt, now=None):
    return attempt.deadline is not None and (now or timezone.now()) > attempt.deadline + SUBMIT_GRACE


def _locked_open_attempt(user, attempt_id):
    """The user's attempt, locked after its enrollment (always in that order, so no deadlock)."""
    enrollment_id = Attempt.objects.filter(id=attempt_id, user=user).values_list("enrollment_id", flat=True).first()
    if enrollment_id is None:
        raise ApplicationError("There is no such attempt.", code="not_found", status=HTTPStatus.NOT_FOUND)
    # The course and learner come along for the completion check, unlocked.
    enrollment = (Enrollment.objects.select_for_update(of=("self",)).select_related("course", "user")
                  .get(id=enrollment_id))
    # "of self": a plain FOR UPDATE would also lock the joined quiz row, making every learner's
    # submission of the same quiz wait for the others'.
    attempt = Attempt.objects.select_for_update(of=("self",)).select_related("quiz").get(id=attempt_id)
    attempt.enrollment = enrollment
    return attempt


def attempt_answer_save(*, user, attempt_id, question_id, answer):
    """Keep one answer of an open attempt (one-question-per-page mode), without grading it."""
    with transaction.atomic():
        attempt = _locked_open_attempt(user, attempt_id)
        if attempt.is_submitted:
            raise Conflict("This attempt has already been submitted.", code="already_submitted")
        if _expired(attempt):
            raise ApplicationError("The time limit of this attempt has passed.", code="time_limit_passed")
        normalised = normalise_answers(attempt, {question_id: answer})
        for qid, value in normalised.items():
            Response.objects.update_or_create(attempt=attempt, question_id=qid, defaults={"answer": value})
    return attempt


def attempt_submit(*, user, attempt_id, answers):
    """Grade the attempt with the given answers (plus any saved ones). Idempotent.

    Submitting an attempt that is already graded returns it unchanged, so a
    double click or a replay grades once. Bad answers, a submission past the
    time limit, or an attempt of someone else are refused and nothing is saved.
    """
    with transaction.atomic():
        attempt = _locked_open_attempt(user, attempt_id)
        if attempt.is_submitted:
            return attempt, False
        if _expired(attempt):
            raise ApplicationError(
                "The time limit of this attempt has passed, so these answers cannot be accepted. "
                "Answers saved before the deadline will be graded.",
                code="time_limit_passed",
            )
        questions = _attempt_questions(attempt)
        _grade(attempt, now=timezone.now(), answers=normalise_answers(attempt, answers, questions=questions),
               questions=questions)
        if attempt.passed:
            enrollment_complete_if_done(enrollment=attempt.enrollment)
    return attempt, True


def _attempt_questions(attempt):
    return list(questions_with_choices(Question.objects.filter(id__in=[item["q"] for item in attempt.layout])))


def _grade(attempt, *, now, answers=None, questions=None):
    """Score every question of the attempt from its saved responses, overridden by `answers`, and close it.

    A fixed number of queries, however many questions the quiz has; none for the
    questions when the caller has them (with their choices) already.
    """
    if questions is None:
        questions = _attempt_questions(attempt)
    responses = {r.question_id: r for r in Response.objects.filter(attempt=attempt)}
    total = 0
    for question in questions:
        key = answer_key(question)
        response = responses.get(question.id) or Response(attempt=attempt, question=question, answer={})
        if answers and question.id in answers:
            response.answer = answers[question.id]
        response.points = scoring.points_for(key, response.answer)
        response.correct = response.points == question.points
        total += response.points
        responses[question.id] = response
    Response.objects.bulk_create([r for r in responses.values() if r.pk is None])
    Response.objects.bulk_update([r for r in responses.values() if r.pk is not None], ["answer", "points", "correct"])
    _record_picks(questions, responses)
    attempt.points = total
    attempt.percent = scoring.percent(total, attempt.max_points)
    attempt.passed = attempt.percent >= attempt.quiz.pass_mark
    attempt.status = Attempt.Status.SUBMITTED
    attempt.submitted_at = now
    attempt.save(update_fields=["points", "percent", "passed", "status", "submitted_at"])


# Kinds whose picks can be a wrong answer worth showing trainers; ordering and matching pick every choice.
PICKED_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE, Question.Kind.BEST_RESPONSE)


def _record_picks(questions, responses):
    """Keep the choices each graded response picked as rows, which item statistics count in the database."""
    picks = []
    for question in questions:
        if question.kind not in PICKED_KINDS:
            continue
        choice_ids = {c.id for c in question.choices.all()}
        response = responses[question.id]
        picks += [ResponseChoice(response=response, choice_id=choice_id)
                  for choice_id in dict.fromkeys(response.answer.get("choices", [])) if choice_id in choice_ids]
    ResponseChoice.objects.bulk_create(picks, ignore_conflicts=True)


def answer_key(question):
    choices = list(question.choices.all())
    return scoring.AnswerKey(
        kind=question.kind,
        points=question.points,
        correct=frozenset(c.id for c in choices if c.is_correct),
        order=tuple(c.id for c in sorted(choices, key=lambda c: c.correct_position or 0)),
        categories={c.id: c.category for c in choices},
        partial_credit=question.partial_credit,
        ordering_credit=question.ordering_credit,
    )


def normalise_answers(attempt, answers, *, questions=None):
    """Turn answers in the learner's terms into choice ids, or refuse all of them.

    `answers` maps a question id to {"choices": ["2"]}, {"order": ["3", "1", "2"]}
    or {"matches": {"1": "Category"}}, options named by their place in the
    attempt's layout. Every error is collected before anything is refused.
    `questions`, when given, are the attempt's questions, saving a query.
    """
    layout = {item["q"]: item["c"] for item in attempt.layout}
    if questions is None:
        rows = Question.objects.filter(id__in=layout).order_by().values_list("id", "kind", "categories")
    else:
        rows = [(q.id, q.kind, q.categories) for q in questions]
    kinds = {qid: kind for qid, kind, _ in rows}
    categories = {qid: text for qid, kind, text in rows if kind == Question.Kind.MATCHING}
    errors, normalised = {}, {}
    for raw_qid, answer in answers.items():
        qid = _as_int(raw_qid)
        field = f"question-{raw_qid}"
        if qid not in layout:
            errors[field] = "This question is not part of your attempt."
            continue
        try:
            normalised[qid] = _normalise(kinds[qid], layout[qid], answer, categories.get(qid, ""))
        except ValueError as exc:
            errors[field] = str(exc)
    if errors:
        raise ApplicationError("Some answers could not be accepted; nothing was saved.", code="invalid_answers",
                               fields=errors)
    return normalised


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _option(shown, key):
    index = _as_int(key)
    if index is None or not 1 <= index <= len(shown):
        raise ValueError(f"There is no option {key!r}; options are numbered 1 to {len(shown)}.")
    return shown[index - 1]


def _normalise(kind, shown, answer, categories):
    if not isinstance(answer, dict):
        raise ValueError("An answer must be an object such as {\"choices\": [\"1\"]}.")
    if kind == Question.Kind.ORDERING:
        order = [_option(shown, key) for key in _as_list(answer.get("order", []))]
        if order and sorted(order) != sorted(shown):
            raise ValueError(f"Put all {len(shown)} items in order, each once.")
        return {"order": order}
    if kind == Question.Kind.MATCHING:
        matches = answer.get("matches", {})
        if not isinstance(matches, dict):
            raise ValueError("Matches must be an object of item number to category.")
        allowed = {line.strip() for line in categories.splitlines() if line.strip()}
        result = {}
        for key, category in matches.items():
            if category not in allowed:
                raise ValueError(f"{category!r} is not one of the categories.")
            result[str(_option(shown, key))] = category
        return {"matches": result}
    chosen = [_option(shown, key) for key in _as_list(answer.get("choices", []))]
    if len(set(chosen)) != len(chosen):
        raise ValueError("An option is chosen twice.")
    if kind != Question.Kind.MULTIPLE and len(chosen) > 1:
        raise ValueError("Choose one option only.")
    return {"choices": chosen}


def _as_list(value):
    if not isinstance(value, list):
        raise ValueError("Give the options as a list, e.g. [\"1\", \"3\"].")
    return value

