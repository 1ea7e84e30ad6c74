import uuid
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from academy.errors import ApplicationError
from courses import selectors as course_selectors
from quizzes import reviews, rewrites, selectors, services
from quizzes.forms import answers_from_form, keep_posted


@login_required
def quiz_detail(request, course_slug, quiz_slug):
    course = course_selectors.published_course(course_slug, request.user)
    quiz = selectors.quiz_for_course(course=course, quiz_slug=quiz_slug)
    overview = selectors.quiz_overview(user=request.user, quiz=quiz)
    return render(request, "quizzes/quiz_detail.html", {"course": course, "quiz": quiz, "overview": overview,
                                                        "question_count": quiz.questions.count()})


@login_required
@require_POST
def attempt_start(request, course_slug, quiz_slug):
    course = course_selectors.published_course(course_slug, request.user)
    quiz = selectors.quiz_for_course(course=course, quiz_slug=quiz_slug)
    attempt, _ = services.attempt_start(user=request.user, quiz=quiz)
    return redirect(attempt)


@login_required
def attempt_detail(request, attempt_id):
    attempt = selectors.my_attempt(user=request.user, attempt_id=attempt_id)
    if attempt.is_submitted:
        return _result(request, attempt)
    return _take(request, attempt)


def _take(request, attempt, *, views=None, errors=None, status=HTTPStatus.OK):
    views = views or selectors.attempt_questions(attempt)
    page = _page_number(request, attempt, len(views))
    shown = views[page - 1:page] if attempt.quiz.one_question_per_page else views
    return render(request, "quizzes/attempt_take.html", {
        "attempt": attempt, "quiz": attempt.quiz, "questions": shown, "total": len(views), "page": page,
        "answered": sum(v.answered for v in views), "errors": errors or {},
        "last_page": not attempt.quiz.one_question_per_page or page == len(views),
    }, status=status)


def _page_number(request, attempt, total):
    if not attempt.quiz.one_question_per_page:
        return 1
    try:
        return min(max(int(request.GET.get("page") or request.POST.get("page") or 1), 1), max(total, 1))
    except ValueError:
        return 1


def _result(request, attempt):
    reveal = selectors.answers_revealed(attempt)
    return render(request, "quizzes/attempt_result.html", {
        "attempt": attempt, "quiz": attempt.quiz, "reveal": reveal,
        "questions": selectors.attempt_questions(attempt, reveal=reveal),
        "overview": selectors.quiz_overview(user=request.user, quiz=attempt.quiz),
    })


@login_required
@require_POST
def attempt_submit(request, attempt_id):
    attempt = selectors.my_attempt(user=request.user, attempt_id=attempt_id)
    if attempt.is_submitted:
        return redirect(attempt)
    views = selectors.attempt_questions(attempt)
    page = _page_number(request, attempt, len(views))
    on_form = views[page - 1:page] if attempt.quiz.one_question_per_page else views
    try:
        answers = answers_from_form(on_form, request.POST)
        if attempt.quiz.one_question_per_page and request.POST.get("action") != "submit":
            for question_id, answer in answers.items():
                services.attempt_answer_save(user=request.user, attempt_id=attempt.id, question_id=question_id,
                                             answer=answer)
            target = page + (-1 if request.POST.get("action") == "back" else 1)
            return redirect(f"{reverse('quizzes:attempt-detail', args=[attempt.id])}?page={target}")
        services.attempt_submit(user=request.user, attempt_id=attempt.id, answers=answers)
    except ApplicationError as error:
        if error.code != "invalid_answers":
            raise
        keep_posted(on_form, request.POST)
        return _take(request, attempt, views=views, errors=error.fields, status=HTTPStatus.BAD_REQUEST)
    return redirect(attempt)


@login_required
def exercise_detail(request, course_slug, exercise_slug):
    course = course_selectors.published_course(course_slug, request.user)
    exercise = selectors.exercise_for_course(course=course, exercise_slug=exercise_slug)
    if request.method == "POST":
        try:
            submission, _ = rewrites.submission_create(user=request.user, exercise=exercise,
                                                       text=request.POST.get("text", ""),
                                                       token=request.POST.get("token", ""))
        except ApplicationError as error:
            if error.code not in {"empty", "too_long"}:
                raise
            return _exercise_page(request, course, exercise, draft=request.POST.get("text", ""),
                                  errors={"text": error.message}, status=HTTPStatus.BAD_REQUEST)
        return redirect(submission)
    return _exercise_page(request, course, exercise)


def _exercise_page(request, course, exercise, *, draft=None, errors=None, status=HTTPStatus.OK):
    submissions, best = selectors.exercise_history(user=request.user, exercise=exercise)
    if draft is None:
        draft = submissions[0].text if submissions else exercise.poor_reply
    return render(request, "quizzes/exercise_detail.html", {
        "course": course, "exercise": exercise, "submissions": submissions, "best": best,
        "token": uuid.uuid4().hex, "max_chars": rewrites.MAX_REPLY_CHARS, "draft": draft, "errors": errors or {},
    }, status=status)


@login_required
def submission_detail(request, submission_id):
    submission = selectors.my_submission(user=request.user, submission_id=submission_id)
    findings = selectors.findings_for_display(submission)
    submissions, best = selectors.exercise_history(user=request.user, exercise=submission.exercise)
    return render(request, "quizzes/submission_detail.html", {
        "submission": submission, "exercise": submission.exercise, "findings": findings,
        # the required points missed: the reason a reply fails even with a high score
        "blocking": [f["title"] for f in findings if f.get("met") is False and f["required"]],
        "segments": selectors.highlighted(submission.text, findings), "best": best,
        "show_model_answer": best is not None and best.passed,
        "review": getattr(submission, "review_request", None),
    })


@login_required
@require_POST
def review_request(request, submission_id):
    reviews.review_request_create(user=request.user, submission_id=submission_id, comment=request.POST.get("comment"))
    messages.success(request, "Thank you. A trainer will look at this reply; their answer will show here.")
    return redirect("quizzes:submission-detail", submission_id=submission_id)
