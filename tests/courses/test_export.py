"""Export then import gives the same course: the files format round-trips through the database."""

import dataclasses
import io
import zipfile

import pytest
from django.core.management import call_command

from courses.content import BUILTIN_CONTENT_DIR, read_course
from courses.export import course_zip
from courses.models import Course, Lesson
from courses.services import course_import
from quizzes import content as quiz_content

pytestmark = pytest.mark.django_db
BUILTIN = BUILTIN_CONTENT_DIR / "handling-upset-callers"


def everything_in(folder):
    """The course as the loader reads it, without file paths: what a round trip must keep."""
    spec = read_course(folder)
    rubrics = quiz_content.read_rubrics(spec)

    def plain(obj):
        data = dataclasses.asdict(obj)
        return {k: v for k, v in data.items() if k not in {"path", "root", "quiz_path", "exercises_path",
                                                           "final_quiz_path", "final_exercises_path"}}

    return {
        "course": plain(spec) | {"modules": [plain(m) | {"lessons": [plain(lesson) for lesson in m.lessons]}
                                             for m in spec.modules]},
        "quizzes": [plain(q) for q in quiz_content.read_quizzes(spec)],
        "exercises": [plain(e) for e in quiz_content.read_exercises(spec, rubrics)],
        "rubrics": rubrics,
    }


def test_the_built_in_course_exported_reads_back_the_same(tmp_path):
    call_command("load_course", verbosity=0)

    call_command("export_course", "handling-upset-callers", str(tmp_path / "out"), verbosity=0)

    assert everything_in(tmp_path / "out") == everything_in(BUILTIN)


def test_importing_an_export_changes_nothing_and_an_edit_survives_the_trip(tmp_path):
    report = course_import(folder=BUILTIN)
    course = report.course
    lesson = Lesson.objects.filter(module__course=course).first()
    lesson.set_body(lesson.body + "\nA line a trainer added in the admin.\n")
    lesson.save()
    call_command("export_course", course.slug, str(tmp_path / "out"), verbosity=0)

    again = course_import(folder=tmp_path / "out")

    assert (again.created, again.updated, again.deleted) == ([], [], [])
    assert "A line a trainer added in the admin." in Lesson.objects.get(id=lesson.id).body


def test_the_zip_holds_the_course_in_a_folder_of_its_slug():
    course = course_import(folder=BUILTIN).course
    buffer = io.BytesIO()

    course_zip(course, buffer)

    names = zipfile.ZipFile(buffer).namelist()
    assert "handling-upset-callers/course.yaml" in names
    assert all(name.startswith("handling-upset-callers/") for name in names)


def test_exporting_an_unknown_course_names_the_ones_there_are(tmp_path):
    from django.core.management.base import CommandError

    course_import(folder=BUILTIN)

    with pytest.raises(CommandError, match="handling-upset-callers"):
        call_command("export_course", "nope", str(tmp_path))
    assert Course.objects.count() == 1
