"""What stands between a course and publishing, on the quizzes side.

`course_publish_problems` lists what makes publishing refuse (the same rules the
content loader and the admin's forms apply); `course_publish_warnings` lists what
a trainer should know but may publish anyway.
"""

from quizzes import grading
from quizzes.models import Quiz, RewriteExercise
from quizzes.rewrites import grade_reply, grading_rubric
from quizzes.validation import ChoiceDraft, question_problems


def course_publish_problems(course):
    """Messages naming each invalid quiz, question or exercise of the course; empty when all is well."""
    problems = []
    quizzes = Quiz.objects.filter(course=course).prefetch_related("questions__choices").order_by("id")
    for quiz in quizzes:
        questions = list(quiz.questions.all())
        if not questions:
            problems.append(f"Quiz “{quiz.title}”: add at least one question.")
        for number, question in enumerate(questions, start=1):
            drafts = [
                ChoiceDraft(text=c.text, feedback=c.feedback, is_correct=c.is_correct,
                            correct_position=c.correct_position, category=c.category)
                for c in question.choices.all()
            ]
            for message in question_problems(question.kind, drafts, question.category_list):
                problems.append(f"Quiz “{quiz.title}”, question {number}: {message}")
    exercises = RewriteExercise.objects.filter(course=course).select_related("rubric").prefetch_related(
        "rubric__criteria").order_by("id")
    for exercise in exercises:
        problems += _exercise_problems(exercise)
    return problems


def course_publish_warnings(course):
    """Messages a trainer should read before publishing; publishing goes ahead regardless."""
    from quizzes.calibration import calibration_warnings

    exercises = (RewriteExercise.objects.filter(course=course, calibration_samples__isnull=False).distinct()
                 .select_related("rubric").prefetch_related("rubric__criteria", "calibration_samples"))
    return calibration_warnings(exercises)


def _exercise_problems(exercise):
    where = f"Exercise “{exercise.title}”"
    try:
        grading_rubric(exercise.rubric)
    except grading.RubricError as exc:
        return [f"{where}: its rubric “{exercise.rubric.slug}” is invalid: {exc}"]
    problems = [f"{where}: {label} is empty." for label, value in
                (("the customer's words", exercise.customer), ("the poor reply", exercise.poor_reply))
                if not value.strip()]
    if exercise.model_answer.strip() and not grade_reply(exercise=exercise, text=exercise.model_answer).passed:
        problems.append(f"{where}: the grader does not pass its model answer; fix the answer or the rubric.")
    return problems
