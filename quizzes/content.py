"""Quizzes kept as files (courses/content/FORMAT.md): parse and validate, then write.

`read_quizzes` touches no database and raises ContentError naming the file and
field; `import_quizzes` writes in place, keyed by quiz slug and question
position, so learners' attempts survive a reload of the course.
"""

from dataclasses import dataclass, field

from courses.content import ContentError, check_unique, flag, read_yaml, require, require_slug
from quizzes.models import Choice, Question, Quiz
from quizzes.validation import ChoiceDraft, question_problems

KINDS = {choice.value for choice in Question.Kind}
QUIZ_DEFAULTS = {
    "pass_mark": 80, "max_attempts": None, "shuffle": True, "reveal_answers": "after_submission",
    "time_limit_minutes": None, "one_question_per_page": False, "required": True,
}


@dataclass
class QuestionSpec:
    kind: str
    prompt: str
    points: int
    explanation: str
    scenario: str = ""
    partial_credit: str = "per_choice"
    ordering_credit: str = "exact"
    categories: list = field(default_factory=list)
    choices: list = field(default_factory=list)


@dataclass
class QuizSpec:
    slug: str
    title: str
    settings: dict
    questions: list
    module_slug: str | None


def read_quizzes(course_spec):
    """Parse every quiz file the course names; the final assessment has module_slug None."""
    quizzes = [read_quiz(m.quiz_path, m.slug) for m in course_spec.modules if m.quiz_path]
    if course_spec.final_quiz_path:
        quizzes.append(read_quiz(course_spec.final_quiz_path, None))
    check_unique([quiz.slug for quiz in quizzes], course_spec.root / "course.yaml", "quiz slugs")
    return quizzes


def read_quiz(path, module_slug):
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, None, "must be a mapping of quiz fields")
    settings = {name: data.get(name, default) for name, default in QUIZ_DEFAULTS.items()}
    _check_settings(path, settings)
    questions = require(data, "questions", path, list)
    return QuizSpec(
        slug=require_slug(data, "slug", path),
        title=require(data, "title", path),
        settings=settings,
        questions=[_read_question(path, i, q) for i, q in enumerate(questions)],
        module_slug=module_slug,
    )


def _check_settings(path, settings):
    if not isinstance(settings["pass_mark"], int) or not 0 <= settings["pass_mark"] <= 100:
        raise ContentError(path, "pass_mark", "must be a whole percent from 0 to 100")
    for name in ("max_attempts", "time_limit_minutes"):
        value = settings[name]
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise ContentError(path, name, "must be a whole number of at least 1, or null")
    if settings["reveal_answers"] not in Quiz.Reveal.values:
        raise ContentError(path, "reveal_answers", f"must be one of {', '.join(Quiz.Reveal.values)}")
    for name in ("shuffle", "one_question_per_page", "required"):
        if not isinstance(settings[name], bool):
            raise ContentError(path, name, "must be true or false")


def _read_question(path, index, data):
    where = f"questions[{index}]."
    kind = require(data, "type", path, where=where)
    if kind not in KINDS:
        raise ContentError(path, f"{where}type", f"{kind!r} is not one of {', '.join(sorted(KINDS))}")
    points = data.get("points", 1)
    if not isinstance(points, int) or isinstance(points, bool) or points < 1:
        raise ContentError(path, f"{where}points", "must be a whole number of at least 1")
    spec = QuestionSpec(
        kind=kind, prompt=require(data, "prompt", path, where=where), points=points,
        explanation=data.get("explanation") or "", scenario=data.get("scenario") or "",
        partial_credit=data.get("partial_credit", "per_choice"), ordering_credit=data.get("ordering_credit", "exact"),
    )
    if spec.partial_credit not in Question.PartialCredit.values:
        raise ContentError(path, f"{where}partial_credit", f"must be one of {', '.join(Question.PartialCredit.values)}")
    if spec.ordering_credit not in Question.OrderingCredit.values:
        raise ContentError(path, f"{where}ordering_credit", f"must be one of {', '.join(Question.OrderingCredit.values)}")
    spec.choices, spec.categories = _read_choices(path, where, kind, data)
    problems = question_problems(kind, spec.choices, spec.categories)
    if problems:
        raise ContentError(path, f"{where}choices", " ".join(problems))
    return spec


def _read_choices(path, where, kind, data):
    if kind == "true_false":
        answer = data.get("answer")
        if not isinstance(answer, bool):
            raise ContentError(path, f"{where}answer", "must be true or false")
        return [
            ChoiceDraft("True", data.get("feedback_true") or "", is_correct=answer),
            ChoiceDraft("False", data.get("feedback_false") or "", is_correct=not answer),
        ], []
    if kind == "ordering":
        items = require(data, "items", path, list, where)
        return [ChoiceDraft(_text(path, where, i, item), item.get("feedback") or "", correct_position=i + 1)
                for i, item in enumerate(items)], []
    if kind == "matching":
        categories = require(data, "categories", path, list, where)
        items = require(data, "items", path, list, where)
        return [ChoiceDraft(_text(path, where, i, item), item.get("feedback") or "", category=item.get("category") or "")
                for i, item in enumerate(items)], [str(c) for c in categories]
    choices = require(data, "choices", path, list, where)
    return [ChoiceDraft(_text(path, where, i, c), c.get("feedback") or "", is_correct=c.get("correct") is True)
            for i, c in enumerate(choices)], []


def _text(path, where, index, item):
    if not isinstance(item, dict):
        raise ContentError(path, f"{where}choices[{index}]", "must be a mapping with text and feedback")
    return str(require(item, "text", path, where=f"{where}choices[{index}]."))


def _write(obj, values):
    """Set `values` on obj and save it only if it is new or one of them changed.

    Reloading unchanged content then writes nothing, so the content history
    holds edits, not one row per object for every `load_course`.
    """
    changed = [name for name, value in values.items() if obj.pk is None or getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if obj.pk is None:
        obj.save()
    elif changed:
        obj.save(update_fields=changed)
    return obj


def import_quizzes(*, course, quiz_specs, modules_by_slug):
    """Write the quizzes in place; quizzes of the course no longer in the files are deleted."""
    kept = []
    for spec in quiz_specs:
        module = modules_by_slug[spec.module_slug] if spec.module_slug else None
        quiz = _write(Quiz.objects.filter(course=course, slug=spec.slug).first() or Quiz(course=course, slug=spec.slug),
                      {"title": spec.title, "module": module, **spec.settings})
        _import_questions(quiz, spec.questions)
        kept.append(quiz.id)
    Quiz.objects.filter(course=course).exclude(id__in=kept).delete()


def _import_questions(quiz, specs):
    existing = {q.position: q for q in quiz.questions.all()}
    for position, spec in enumerate(specs, start=1):
        question = _write(existing.pop(position, None) or Question(quiz=quiz, position=position), {
            **{name: getattr(spec, name) for name in ("kind", "prompt", "points", "explanation", "scenario",
                                                       "partial_credit", "ordering_credit")},
            "categories": "\n".join(spec.categories)})
        _import_choices(question, spec.choices)
    Question.objects.filter(id__in=[q.id for q in existing.values()]).delete()


def _import_choices(question, drafts):
    existing = {c.position: c for c in question.choices.all()}
    for position, draft in enumerate(drafts, start=1):
        _write(existing.pop(position, None) or Choice(question=question, position=position), {
            "text": draft.text, "feedback": draft.feedback, "is_correct": draft.is_correct,
            "correct_position": draft.correct_position, "category": draft.category})
    Choice.objects.filter(id__in=[c.id for c in existing.values()]).delete()


@dataclass
class ExerciseSpec:
    slug: str
    title: str
    lesson_slug: str | None
    scenario: str
    customer: str
    poor_reply: str
    instructions: str
    rubric_slug: str
    key_facts: list
    model_answer: str
    module_slug: str | None
    required: bool = True


def read_rubrics(course_spec):
    """rubrics.yaml beside course.yaml, each rubric checked by the grader itself."""
    from quizzes import grading

    path = course_spec.root / "rubrics.yaml"
    if not path.is_file():
        return {}
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ContentError(path, None, "must be a mapping of rubric slugs to rubrics")
    for slug, rubric in data.items():
        try:
            grading.Rubric.from_dict(slug, rubric)
        except grading.RubricError as exc:
            raise ContentError(path, slug, str(exc)) from None
    return data


def read_exercises(course_spec, rubrics):
    lesson_slugs = {lesson.slug for module in course_spec.modules for lesson in module.lessons}
    specs = [
        spec
        for module in course_spec.modules if module.exercises_path
        for spec in _read_exercise_file(module.exercises_path, module.slug, rubrics, lesson_slugs)
    ]
    if course_spec.final_exercises_path:
        specs += _read_exercise_file(course_spec.final_exercises_path, None, rubrics, lesson_slugs)
    check_unique([spec.slug for spec in specs], course_spec.root / "course.yaml", "exercise slugs")
    return specs


def _read_exercise_file(path, module_slug, rubrics, lesson_slugs):
    data = read_yaml(path)
    if not isinstance(data, list):
        raise ContentError(path, None, "must be a list of exercises")
    return [_read_exercise(path, f"[{i}].", item, module_slug, rubrics, lesson_slugs) for i, item in enumerate(data)]


def _read_exercise(path, where, data, module_slug, rubrics, lesson_slugs):
    rubric = require(data, "rubric", path, where=where)
    if rubric not in rubrics:
        raise ContentError(path, f"{where}rubric", f"{rubric!r} is not in rubrics.yaml")
    lesson = data.get("lesson")
    if lesson and lesson not in lesson_slugs:
        raise ContentError(path, f"{where}lesson", f"{lesson!r} is not a lesson of this course")
    facts = data.get("key_facts") or []
    for i, fact in enumerate(facts):
        require(fact, "label", path, where=f"{where}key_facts[{i}].")
        phrases = require(fact, "any_of", path, list, where=f"{where}key_facts[{i}].")
        if not all(isinstance(p, str) and p.strip() for p in phrases):
            raise ContentError(path, f"{where}key_facts[{i}].any_of", "must be a list of phrases")
    return ExerciseSpec(
        slug=require_slug(data, "slug", path, where), title=require(data, "title", path, where=where),
        lesson_slug=lesson, scenario=require(data, "scenario", path, where=where),
        customer=require(data, "customer", path, where=where), poor_reply=require(data, "poor_reply", path, where=where),
        instructions=data.get("instructions") or "", rubric_slug=rubric, key_facts=facts,
        model_answer=require(data, "model_answer", path, where=where), module_slug=module_slug,
        required=flag(data, "required", path, where),
    )



def import_rubrics(rubrics):
    """Write rubrics in place, keyed by slug; criteria are replaced by the file's."""
    from quizzes.models import Criterion, Rubric

    saved = {}
    for slug, data in rubrics.items():
        rubric = _write(Rubric.objects.filter(slug=slug).first() or Rubric(slug=slug), {
            "title": data.get("title") or slug, "pass_mark": data.get("pass_mark", 70),
            "description": data.get("description") or ""})
        criteria = [Criterion(rubric=rubric, position=i, check_name=c["check"], weight=c.get("weight", 10),
                              required=bool(c.get("required", False)), params=c.get("params") or {})
                    for i, c in enumerate(data.get("criteria") or [], start=1)]
        fields = ("position", "check_name", "weight", "required", "params")
        if ([[getattr(c, f) for f in fields] for c in rubric.criteria.order_by("position")]
                != [[getattr(c, f) for f in fields] for c in criteria]):
            rubric.criteria.all().delete()
            Criterion.objects.bulk_create(criteria)
        saved[slug] = rubric
    return saved


def import_exercises(*, course, exercise_specs, modules_by_slug, rubrics):
    from courses.models import Lesson
    from quizzes.models import RewriteExercise

    lessons = {lesson.slug: lesson for lesson in Lesson.objects.filter(module__course=course)}
    kept = []
    for position, spec in enumerate(exercise_specs, start=1):
        exercise = _write(RewriteExercise.objects.filter(course=course, slug=spec.slug).first()
                          or RewriteExercise(course=course, slug=spec.slug), {
            "module": modules_by_slug[spec.module_slug] if spec.module_slug else None, "position": position,
            "title": spec.title, "lesson": lessons.get(spec.lesson_slug), "scenario": spec.scenario,
            "customer": spec.customer, "poor_reply": spec.poor_reply, "instructions": spec.instructions,
            "rubric": rubrics[spec.rubric_slug], "key_facts": spec.key_facts, "model_answer": spec.model_answer,
            "required": spec.required,
        })
        kept.append(exercise.id)
    RewriteExercise.objects.filter(course=course).exclude(id__in=kept).delete()
