"""Write a course from the database to the files format of courses/content/ (FORMAT.md).

The inverse of `courses.services.course_import`: exporting a course and importing
the folder gives the same course, so content can be reviewed in version control
and moved between servers. Nothing here writes to the database.
"""

import re
import zipfile
from pathlib import Path

import yaml

from courses.content import OWN_SOURCE
from courses.models import Lesson
from quizzes.content import QUIZ_DEFAULTS
from quizzes.models import Question, Quiz, RewriteExercise

FINAL_FOLDER = "final-assessment"


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line text, so exported files read like the hand-written ones."""


def _text(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(data):
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def course_files(course):
    """{relative path: text} of every file the course needs."""
    files = {}
    lessons = list(Lesson.objects.filter(module__course=course).select_related("module")
                   .order_by("module__position", "position", "id"))
    quizzes = {quiz.module_id: quiz for quiz in
               Quiz.objects.filter(course=course).prefetch_related("questions__choices").order_by("id")}
    exercises = {}
    for exercise in (RewriteExercise.objects.filter(course=course).select_related("rubric", "lesson")
                     .order_by("position", "id")):
        exercises.setdefault(exercise.module_id, []).append(exercise)

    modules = []
    for module in course.modules.order_by("position", "id"):
        entry = {"slug": module.slug, "title": module.title, "summary": module.summary, "lessons": []}
        for lesson in (lesson for lesson in lessons if lesson.module_id == module.id):
            path = f"{module.slug}/{lesson.slug}.md"
            files[path] = _lesson_file(lesson)
            entry["lessons"].append(path)
        _activities(files, entry, module.slug, quizzes.get(module.id), exercises.get(module.id))
        modules.append(entry)
    final = {}
    _activities(files, final, FINAL_FOLDER, quizzes.get(None), exercises.get(None))

    manifest = {
        "slug": course.slug, "title": course.title, "summary": course.summary, "description": course.description,
        "version": course.version, "published": course.published, "sources": _sources(course, lessons),
        "modules": modules,
    }
    if final:
        manifest["final_assessment"] = final
    files["course.yaml"] = _dump(manifest)
    rubrics = {e.rubric.slug: e.rubric for group in exercises.values() for e in group}
    if rubrics:
        files["rubrics.yaml"] = _dump({slug: _rubric(rubric) for slug, rubric in sorted(rubrics.items())})
    return files


def write_course(course, folder):
    """Write the course's files under `folder` (created if missing); returns the paths written."""
    folder = Path(folder)
    written = []
    for relative, text in course_files(course).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def course_zip(course, target):
    """Write the course's files into a zip at `target` (a path or a binary file), inside a folder named by slug."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for relative, text in course_files(course).items():
            archive.writestr(f"{course.slug}/{relative}", text)


def _activities(files, entry, folder, quiz, exercises):
    if quiz is not None:
        files[f"{folder}/quiz.yaml"] = _dump(_quiz(quiz))
        entry["quiz"] = f"{folder}/quiz.yaml"
    if exercises:
        files[f"{folder}/exercises.yaml"] = _dump([_exercise(e) for e in exercises])
        entry["exercises"] = f"{folder}/exercises.yaml"


def _lesson_file(lesson):
    meta = {"slug": lesson.slug, "title": lesson.title, "minutes": lesson.minutes,
            "source": lesson.source_key or OWN_SOURCE, "objectives": lesson.objective_list}
    if not lesson.required:
        meta["required"] = False
    return f"---\n{_dump(meta)}---\n{lesson.body.strip()}\n"


def _sources(course, lessons):
    """The course's sources as imported, and any other the lessons credit, read back from their credit lines."""
    sources = dict(course.sources or {})
    for lesson in lessons:
        key = lesson.source_key
        if not key or key == OWN_SOURCE or key in sources:
            continue
        match = re.fullmatch(r"\u201c(?P<title>.*)\u201d(?:, (?P<author>.*))?", lesson.credit.strip())
        title, author = (match["title"], match["author"]) if match else (lesson.credit or key, None)
        sources[key] = {"title": title, **({"author": author} if author else {})}
    return sources


def _quiz(quiz):
    data = {"slug": quiz.slug, "title": quiz.title}
    for name, default in QUIZ_DEFAULTS.items():
        value = getattr(quiz, name)
        if value != default:
            data[name] = value
    data["questions"] = [_question(q) for q in quiz.questions.all()]
    return data


def _question(question):
    data = {"type": question.kind}
    if question.kind == Question.Kind.MULTIPLE:
        data["partial_credit"] = question.partial_credit
    if question.kind == Question.Kind.ORDERING:
        data["ordering_credit"] = question.ordering_credit
    if question.scenario:
        data["scenario"] = question.scenario
    data.update(prompt=question.prompt, points=question.points, explanation=question.explanation)
    choices = list(question.choices.all())
    if question.kind == Question.Kind.TRUE_FALSE:
        by_text = {c.text: c for c in choices}
        data["answer"] = by_text["True"].is_correct
        data["feedback_true"], data["feedback_false"] = by_text["True"].feedback, by_text["False"].feedback
    elif question.kind == Question.Kind.ORDERING:
        data["items"] = [{"text": c.text, "feedback": c.feedback}
                         for c in sorted(choices, key=lambda c: c.correct_position)]
    elif question.kind == Question.Kind.MATCHING:
        data["categories"] = question.category_list
        data["items"] = [{"text": c.text, "category": c.category, "feedback": c.feedback} for c in choices]
    else:
        data["choices"] = [{"text": c.text, "correct": c.is_correct, "feedback": c.feedback} for c in choices]
    return data


def _exercise(exercise):
    data = {"slug": exercise.slug, "title": exercise.title}
    if exercise.lesson is not None:
        data["lesson"] = exercise.lesson.slug
    data.update(scenario=exercise.scenario, customer=exercise.customer, poor_reply=exercise.poor_reply,
                instructions=exercise.instructions, rubric=exercise.rubric.slug, key_facts=exercise.key_facts,
                model_answer=exercise.model_answer)
    if not exercise.required:
        data["required"] = False
    return data


def _rubric(rubric):
    return {
        "title": rubric.title,
        **({"description": rubric.description} if rubric.description else {}),
        "pass_mark": rubric.pass_mark,
        "criteria": [
            {"check": c.check_name, "weight": c.weight, **({"required": True} if c.required else {}),
             **({"params": c.params} if c.params else {})}
            for c in rubric.criteria.all()
        ],
    }
