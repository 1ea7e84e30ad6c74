from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from courses.content import ContentError
from courses.models import Course, Lesson, LessonProgress, Module
from courses.services import course_import, enrollment_create, lesson_complete
from tests.factories import UserFactory

MANIFEST = """\
slug: phone-basics
title: Phone basics
summary: A small course for the loader's tests.
description: |
  Learn the *basics*.
version: 1
published: true
sources:
  rampage:
    title: Why a customer goes on a rampage
    author: Impact Communications, Inc.
modules:
  - slug: first
    title: First module
    lessons:
      - first/one.md
      - first/two.md
  - slug: second
    title: Second module
    lessons:
      - second/three.md
"""


def lesson_file(slug, title, body="Say what you **will** do.", source="rampage"):
    return f"---\nslug: {slug}\ntitle: {title}\nminutes: 4\nsource: {source}\nobjectives:\n  - Do a thing\n---\n{body}\n"


@pytest.fixture
def course_dir(tmp_path):
    root = tmp_path / "phone-basics"
    (root / "first").mkdir(parents=True)
    (root / "second").mkdir()
    (root / "course.yaml").write_text(MANIFEST)
    (root / "first" / "one.md").write_text(lesson_file("one", "Lesson one"))
    (root / "first" / "two.md").write_text(lesson_file("two", "Lesson two"))
    (root / "second" / "three.md").write_text(lesson_file("three", "Lesson three", source="ours"))
    return root


def test_it_creates_the_course_modules_and_lessons_in_order(db, course_dir):
    course_import(folder=course_dir)

    course = Course.objects.get(slug="phone-basics")
    assert course.published
    assert "<em>basics</em>" in course.description_html
    assert [m.slug for m in course.modules.order_by("position")] == ["first", "second"]
    lessons = list(Lesson.objects.filter(module__course=course).order_by("module__position", "position"))
    assert [lesson.slug for lesson in lessons] == ["one", "two", "three"]
    assert lessons[0].credit == "\u201cWhy a customer goes on a rampage\u201d, Impact Communications, Inc."
    assert lessons[0].objective_list == ["Do a thing"]
    assert "<strong>will</strong>" in lessons[0].body_html
    assert lessons[2].source_key == "ours"


def test_loading_twice_creates_no_duplicates(db, course_dir):
    course_import(folder=course_dir)
    report = course_import(folder=course_dir)

    assert Course.objects.count() == 1
    assert Module.objects.count() == 2
    assert Lesson.objects.count() == 3
    assert report.created == [] and report.updated == [] and report.deleted == []


def test_a_changed_lesson_file_updates_the_lesson_and_keeps_progress(db, course_dir):
    course_import(folder=course_dir)
    user = UserFactory()
    course = Course.objects.get()
    enrollment_create(user=user, course=course)
    lesson = Lesson.objects.get(slug="one")
    lesson_complete(user=user, lesson=lesson)

    (course_dir / "first" / "one.md").write_text(lesson_file("one", "Lesson one, revised", body="New *text*."))
    report = course_import(folder=course_dir)

    lesson.refresh_from_db()
    assert lesson.title == "Lesson one, revised"
    assert "<em>text</em>" in lesson.body_html
    assert [obj.slug for obj in report.updated] == ["one"]
    assert LessonProgress.objects.filter(enrollment__user=user, lesson=lesson).exists()


def test_a_lesson_moved_to_another_module_keeps_its_progress(db, course_dir):
    course_import(folder=course_dir)
    user = UserFactory()
    enrollment_create(user=user, course=Course.objects.get())
    lesson_complete(user=user, lesson=Lesson.objects.get(slug="two"))

    manifest = MANIFEST.replace("      - first/two.md\n", "").replace("      - second/three.md\n", "      - second/three.md\n      - first/two.md\n")
    (course_dir / "course.yaml").write_text(manifest)
    course_import(folder=course_dir)

    lesson = Lesson.objects.get(slug="two")
    assert lesson.module.slug == "second"
    assert LessonProgress.objects.filter(lesson=lesson).count() == 1


@pytest.mark.parametrize(
    ("breakage", "file_name", "field"),
    [
        (lambda root: (root / "course.yaml").write_text(MANIFEST.replace("title: Phone basics\n", "")), "course.yaml", "title"),
        (lambda root: (root / "course.yaml").write_text(MANIFEST.replace("slug: phone-basics", "slug: Phone Basics")), "course.yaml", "slug"),
        (lambda root: (root / "course.yaml").write_text(MANIFEST + "  - [unclosed\n"), "course.yaml", None),
        (lambda root: (root / "course.yaml").write_text(MANIFEST.replace("version: 1", "version: first")), "course.yaml", "version"),
        (lambda root: (root / "first" / "two.md").unlink(), "two.md", None),
        (lambda root: (root / "first" / "two.md").write_text(lesson_file("two", "Two", source="nowhere")), "two.md", "source"),
        (lambda root: (root / "first" / "two.md").write_text(lesson_file("two", "Two").replace("minutes: 4", "minutes: soon")), "two.md", "minutes"),
        (lambda root: (root / "first" / "two.md").write_text("No front matter here."), "two.md", "front matter"),
        (lambda root: (root / "second" / "three.md").write_text(lesson_file("one", "Duplicate slug")), "course.yaml", "lesson slugs"),
    ],
)
def test_a_broken_course_names_the_file_and_field_and_changes_nothing(db, course_dir, breakage, file_name, field):
    course_import(folder=course_dir)
    (course_dir / "first" / "one.md").write_text(lesson_file("one", "An edit that must not land"))
    breakage(course_dir)

    with pytest.raises(ContentError) as error:
        course_import(folder=course_dir)

    assert error.value.path.name == file_name
    assert error.value.field_name == field
    assert Lesson.objects.get(slug="one").title == "Lesson one"


def test_the_command_reports_a_broken_course_without_a_traceback(db, course_dir):
    (course_dir / "course.yaml").write_text(MANIFEST.replace("summary: A small course for the loader's tests.\n", ""))

    with pytest.raises(CommandError, match=r"Nothing was changed\. .*course\.yaml: summary: is required"):
        call_command("load_course", str(course_dir))
    assert not Course.objects.exists()


def test_raw_html_in_a_lesson_is_stripped(db, course_dir):
    body = 'Hello <script>alert("x")</script> <a href="javascript:alert(1)">link</a> <img src=x onerror=alert(1)>'
    (course_dir / "first" / "one.md").write_text(lesson_file("one", "One", body=body))
    course_import(folder=course_dir)

    html = Lesson.objects.get(slug="one").body_html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html and "<img" not in html


def test_the_built_in_course_loads_and_every_lesson_credits_a_source(db):
    call_command("load_course")

    course = Course.objects.get(slug="handling-upset-callers")
    assert course.published
    assert course.modules.count() >= 6
    lessons = Lesson.objects.filter(module__course=course)
    assert lessons.count() >= 2
    for lesson in lessons:
        assert lesson.credit, f"{lesson.slug} has no credit line"
        assert len(lesson.body.split()) >= 300, f"{lesson.slug} is shorter than 300 words"


def test_every_source_of_the_built_in_course_is_one_of_the_articles():
    from courses.content import BUILTIN_CONTENT_DIR, read_course

    spec = read_course(BUILTIN_CONTENT_DIR / "handling-upset-callers")
    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    for key, source in spec.sources.items():
        assert source.get("seed"), f"source {key} names no article"
        if seeds.is_dir():
            assert (seeds / f"{source['seed']}.txt").is_file(), f"source {key}: no article {source['seed']}"


def test_reloading_the_unchanged_built_in_course_leaves_the_content_history_as_it_was(db):
    from django.apps import apps

    def history_rows():
        return {m.__name__: m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical")}

    call_command("load_course")
    first = history_rows()
    call_command("load_course")

    assert first["HistoricalChoice"] > 100  # the first load is in the history
    assert history_rows() == first  # a reload of the same files adds nothing to it
