"""The course import in the admin against hostile or broken uploads: each is refused with a message, none
is a server error, nothing is imported."""

import io
import zipfile
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import trainers_group_ensure
from courses import admin as course_admin
from courses.models import Course, Lesson
from tests.factories import UserFactory, course_with_lessons

pytestmark = pytest.mark.django_db

MANIFEST = b"slug: c\ntitle: T\nsummary: S\nmodules:\n  - slug: m\n    title: M\n    lessons: [l.md]\n"
LESSON = b"---\nslug: l\ntitle: L\nminutes: 5\nsource: ours\n---\n"


@pytest.fixture
def trainer_client():
    trainer = UserFactory(username="tess", is_staff=True)
    trainer.groups.add(trainers_group_ensure())
    client = Client(raise_request_exception=False)
    client.force_login(trainer)
    return client


def zip_of(files, **options):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", **options) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, data, name="course.zip"):
    archive = io.BytesIO(data)
    archive.name = name
    return client.post(reverse("admin:courses_course_import"), {"archive": archive}, follow=True)


def refusal(response):
    assert response.status_code == HTTPStatus.OK  # the import page again, with the message
    assert not Course.objects.exists()
    return response.content.decode()


def test_a_sound_zip_imports(trainer_client):
    response = upload(trainer_client, zip_of({"c/course.yaml": MANIFEST, "c/l.md": LESSON + b"Be kind.\n"}))

    assert "Imported" in response.content.decode()
    assert Lesson.objects.get().body_html == "<p>Be kind.</p>"


@pytest.mark.parametrize("files, message", [
    ({"c/course.yaml": b"slug: \xff\xfe\n"}, "c/course.yaml: is not UTF-8 text"),
    ({"c/course.yaml": MANIFEST, "c/l.md": LESSON.replace(b"Be", b"\xff") + b"\xff\xfe"}, "c/l.md: is not UTF-8"),
    ({"c/course.yaml": b"slug: " + b"[" * 5000 + b"]" * 5000}, "c/course.yaml: nests too deeply"),
    ({"c/course.yaml": MANIFEST, "c/l.md": LESSON + b"- " * 3000 + b"x\n"}, "nests lists or quotes too deeply"),
    ({"c/course.yaml": b"!!python/object/apply:os.system ['true']\n"}, "not valid YAML"),
    ({"c/course.yaml": MANIFEST + b"description: [1, 2]\n", "c/l.md": LESSON + b"x\n"},
     "description: must be text, not list"),
])
def test_broken_content_is_refused_with_the_file_named(trainer_client, files, message):
    text = refusal(upload(trainer_client, zip_of(files)))

    assert "Nothing was imported" in text
    assert message in text
    assert "/tmp" not in text  # files are named as in the zip, not where they were unpacked


def test_a_zip_whose_data_is_damaged_is_refused(trainer_client):
    data = bytearray(zip_of({"c/course.yaml": MANIFEST * 20}, compression=zipfile.ZIP_DEFLATED))
    data[30 + len("c/course.yaml") + 3] ^= 0xFF  # a byte of the compressed file, behind its local header

    text = refusal(upload(trainer_client, bytes(data)))

    assert "The zip is damaged" in text


def test_a_file_over_the_size_limit_is_refused(trainer_client):
    padding = bytes(course_admin.MAX_IMPORT_BYTES)  # zeros do not compress away when stored

    text = refusal(upload(trainer_client, zip_of({"c/course.yaml": MANIFEST, "c/pad.md": padding})))

    assert "the limit is 2 MB" in text


def test_a_zip_bomb_is_refused_before_it_is_unpacked(trainer_client):
    bomb = zip_of({"c/course.yaml": MANIFEST, "c/big.md": bytes(course_admin.MAX_IMPORT_UNPACKED_BYTES + 1)},
                  compression=zipfile.ZIP_DEFLATED)
    assert len(bomb) < course_admin.MAX_IMPORT_BYTES

    text = refusal(upload(trainer_client, bomb))

    assert "unpacks to more than 10 MB" in text


def test_too_many_files_are_refused(trainer_client):
    files = {f"c/{n}.md": b"x" for n in range(course_admin.MAX_IMPORT_FILES + 1)}

    text = refusal(upload(trainer_client, zip_of(files)))

    assert f"a course has at most {course_admin.MAX_IMPORT_FILES}" in text


@pytest.mark.parametrize("data", [b"%PDF-1.7 not a zip", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b""])
def test_a_file_of_another_type_named_zip_is_refused(trainer_client, data):
    text = refusal(upload(trainer_client, data))

    assert "not a zip file" in text or "The submitted file is empty" in text


def test_a_lesson_too_deeply_nested_to_show_is_refused_in_the_editor(trainer_client):
    _, (lesson,) = course_with_lessons(1)
    url = reverse("admin:courses_lesson_change", args=[lesson.id])
    form = {"module": lesson.module_id, "slug": lesson.slug, "title": lesson.title, "position": lesson.position,
            "minutes": lesson.minutes, "objectives": "", "body": "- " * 3000 + "x", "source_key": "",
            "credit": lesson.credit, "required": "on"}

    response = trainer_client.post(url, form)

    assert response.status_code == HTTPStatus.OK
    assert "nests lists or quotes too deeply" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.body == "Some **guidance**."
