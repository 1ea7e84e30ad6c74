"""Trainers author in the admin: what the Trainers group can reach, publishing checks, versions,
previews, history with undo, and import from a zip."""

import io
import zipfile
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.services import TRAINERS_GROUP, trainers_group_ensure
from courses.content import BUILTIN_CONTENT_DIR
from courses.export import course_zip
from courses.models import Course, Lesson
from courses.services import course_duplicate, course_import, course_publish, course_unpublish
from quizzes.models import Choice, Question, Quiz, RewriteExercise
from tests.factories import (
    GOOD_REPLY, PASSWORD, EnrollmentFactory, UserFactory, add_question, course_with_lessons,
)

pytestmark = pytest.mark.django_db
BUILTIN = BUILTIN_CONTENT_DIR / "handling-upset-callers"


@pytest.fixture
def trainer():
    user = UserFactory(username="tess", is_staff=True)
    user.groups.add(trainers_group_ensure())
    return user


@pytest.fixture
def trainer_client(trainer):
    client = Client()
    assert client.login(username=trainer.username, password=PASSWORD)
    return client


@pytest.fixture
def course():
    return course_import(folder=BUILTIN).course


def lesson_form(lesson, **changes):
    data = {"module": lesson.module_id, "slug": lesson.slug, "title": lesson.title, "position": lesson.position,
            "minutes": lesson.minutes, "objectives": lesson.objectives, "body": lesson.body,
            "source_key": lesson.source_key, "credit": lesson.credit, "required": "on" if lesson.required else ""}
    return {**data, **changes}


class TestTheTrainersGroup:
    @pytest.mark.parametrize("url_name", [
        "admin:courses_course_changelist", "admin:courses_lesson_changelist", "admin:quizzes_quiz_changelist",
        "admin:quizzes_rubric_changelist", "admin:quizzes_rewriteexercise_changelist",
        "admin:quizzes_reviewrequest_changelist", "admin:courses_course_import",
    ])
    def test_can_author(self, trainer_client, course, url_name):
        assert trainer_client.get(reverse(url_name)).status_code == HTTPStatus.OK

    @pytest.mark.parametrize("url_name", [
        "admin:auth_user_changelist", "admin:auth_group_changelist", "admin:quizzes_submission_changelist",
        "admin:quizzes_attempt_changelist", "admin:courses_enrollment_changelist",
        "admin:courses_lessonprogress_changelist", "admin:certificates_certificate_changelist",
        "admin:organizations_organization_changelist",
    ])
    def test_cannot_reach_learners_or_accounts(self, trainer_client, url_name):
        assert trainer_client.get(reverse(url_name)).status_code == HTTPStatus.FORBIDDEN

    def test_the_group_exists_after_migrate_with_no_user_data_permissions(self):
        group = Group.objects.get(name=TRAINERS_GROUP)  # made by the post-migrate hook, not by this test
        codenames = set(group.permissions.values_list("codename", flat=True))

        assert {"change_lesson", "add_quiz", "change_rubric", "add_calibrationsample", "change_reviewrequest"} <= codenames
        assert not codenames & {"view_user", "view_submission", "view_attempt", "view_enrollment",
                                "delete_reviewrequest", "view_certificate"}


class TestPublishing:
    def test_an_invalid_quiz_blocks_publishing_and_says_what_to_fix(self, trainer_client):
        course, _ = course_with_lessons(2)
        course_unpublish(course=course)
        quiz = Quiz.objects.create(course=course, module=None, slug="final", title="Final")
        question = add_question(quiz, "single", [("A", True), ("B", False)])
        Choice.objects.filter(question=question).update(is_correct=True)

        response = trainer_client.post(reverse("admin:courses_course_changelist"),
                                       {"action": "publish", "_selected_action": [course.id]}, follow=True)

        course.refresh_from_db()
        assert not course.published
        assert "needs exactly one correct choice; it has 2" in response.content.decode()

    def test_a_valid_course_is_published_from_its_page(self, trainer_client, course):
        course_unpublish(course=course)
        url = reverse("admin:courses_course_change", args=[course.id])

        page = trainer_client.get(url).content.decode()
        assert "Publish the saved course" in page
        response = trainer_client.post(url, {"_publish": "1"}, follow=True)

        course.refresh_from_db()
        assert course.published
        assert "is published" in response.content.decode()

    def test_the_published_checkbox_cannot_bypass_the_checks(self, trainer_client, course):
        course_unpublish(course=course)

        form = trainer_client.get(reverse("admin:courses_course_change", args=[course.id])).context["adminform"].form

        assert "published" not in form.fields


class TestVersions:
    def test_a_duplicate_is_an_unpublished_copy_of_everything(self, course):
        copy = course_duplicate(course=course)

        assert (copy.slug, copy.version, copy.published, copy.previous_version) == (
            "handling-upset-callers-v2", 2, False, course)
        for model, lookup in [(Lesson, "module__course"), (Quiz, "course"), (Question, "quiz__course"),
                              (Choice, "question__quiz__course"), (RewriteExercise, "course")]:
            assert model.objects.filter(**{lookup: copy}).count() == model.objects.filter(**{lookup: course}).count()
        assert RewriteExercise.objects.filter(course=copy, lesson__module__course=copy).exists()

    def test_learners_stay_on_their_version_and_are_told_of_the_new_one(self, client, course):
        learner = UserFactory()
        EnrollmentFactory(user=learner, course=course)
        copy = course_duplicate(course=course)
        course_publish(course=copy)
        course_unpublish(course=course)
        client.login(username=learner.username, password=PASSWORD)

        page = client.get(course.get_absolute_url())
        newcomer = Client().get(course.get_absolute_url())

        assert page.status_code == HTTPStatus.OK
        assert "A newer version is available" in page.content.decode()
        assert copy.get_absolute_url() in page.content.decode()
        assert newcomer.status_code == HTTPStatus.NOT_FOUND
        assert list(Course.objects.filter(published=True)) == [copy]


    def test_learners_on_an_unpublished_version_keep_working_through_the_api(self, client, course):
        learner, stranger = UserFactory(), UserFactory()
        EnrollmentFactory(user=learner, course=course)
        course_publish(course=course_duplicate(course=course))
        course_unpublish(course=course)
        lesson = Lesson.objects.filter(module__course=course).first()
        exercise = RewriteExercise.objects.filter(course=course).first()
        quiz = Quiz.objects.filter(course=course).first()
        urls = [(reverse("api:lesson-complete", args=[lesson.id]), None),
                (reverse("api:submission-create", args=[exercise.id]), {"text": GOOD_REPLY}),
                (reverse("api:attempt-start", args=[quiz.id]), None),
                (reverse("api:module-quizzes", args=[lesson.module_id]), "get")]

        for user, expected in [(learner, {HTTPStatus.OK, HTTPStatus.CREATED}), (stranger, {HTTPStatus.NOT_FOUND})]:
            client.force_login(user)
            for url, body in urls:
                response = client.get(url) if body == "get" else client.post(url, body, content_type="application/json")
                assert response.status_code in expected, (user, url, response.content[:200])


class TestPreviewAndHistory:
    def test_the_preview_shows_the_lesson_as_learners_see_it_without_saving(self, trainer_client, course):
        lesson = Lesson.objects.filter(module__course=course).first()
        url = reverse("admin:courses_lesson_preview", args=[lesson.id])

        saved = trainer_client.get(url).content.decode()
        draft = trainer_client.post(url, {"title": lesson.title, "body": "## New heading\n\n<script>x()</script>Hi"})

        assert lesson.body_html[:80] in saved
        assert "<h2>New heading</h2>" in draft.content.decode()
        assert "<script>" not in draft.content.decode()
        assert Lesson.objects.get(id=lesson.id).body == lesson.body

    def test_an_edit_is_kept_with_its_author_and_can_be_undone(self, trainer_client, trainer, course):
        lesson = Lesson.objects.filter(module__course=course).first()
        original = lesson.body
        change_url = reverse("admin:courses_lesson_change", args=[lesson.id])

        response = trainer_client.post(change_url, lesson_form(lesson, body="A rewritten lesson."))
        assert response.status_code == HTTPStatus.FOUND

        latest, before = lesson.history.all()[:2]
        assert (latest.history_user, latest.body, before.body) == (trainer, "A rewritten lesson.", original)
        history_page = trainer_client.get(reverse("admin:courses_lesson_history", args=[lesson.id]))
        assert "tess" in history_page.content.decode()

        revert_url = reverse("admin:courses_lesson_simple_history", args=[lesson.id, before.history_id])
        trainer_client.post(revert_url, lesson_form(lesson, body=before.body))

        restored = Lesson.objects.get(id=lesson.id)
        assert restored.body.strip() == original.strip()
        assert lesson.history.first().history_user == trainer  # the undo is itself in the history


class TestImport:
    def upload(self, client, files):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        buffer.seek(0)
        buffer.name = "course.zip"
        return client.post(reverse("admin:courses_course_import"), {"archive": buffer}, follow=True)

    def test_an_exported_zip_imports_as_an_update(self, trainer_client, course):
        buffer = io.BytesIO()
        course_zip(course, buffer)
        files = {name: zipfile.ZipFile(buffer).read(name) for name in zipfile.ZipFile(buffer).namelist()}
        files["handling-upset-callers/course.yaml"] = files["handling-upset-callers/course.yaml"].replace(
            b"version: 1", b"version: 3")

        response = self.upload(trainer_client, files)

        assert "Imported: handling-upset-callers: 0 created, 1 updated" in response.content.decode()
        assert Course.objects.get().version == 3

    @pytest.mark.parametrize("files, message", [
        ({"../evil/course.yaml": b"slug: x"}, "path outside its folder"),
        ({"c/course.yaml": b"slug: x", "c/run.sh": b"rm -rf /"}, "only .yaml and .md files"),
        ({"c/readme.md": b"hello"}, "no course.yaml"),
        ({"c/course.yaml": b"slug: Bad Slug\ntitle: T\nsummary: S\nmodules: []\n"}, "Nothing was imported"),
    ])
    def test_a_bad_zip_is_refused_and_changes_nothing(self, trainer_client, course, files, message):
        before = Course.objects.get().updated_at

        response = self.upload(trainer_client, files)

        assert message in response.content.decode()
        assert Course.objects.count() == 1 and Course.objects.get().updated_at == before

    def test_a_file_that_is_not_a_zip_is_refused(self, trainer_client):
        upload = io.BytesIO(b"not a zip")
        upload.name = "course.zip"

        response = trainer_client.post(reverse("admin:courses_course_import"), {"archive": upload})

        assert "That is not a zip file" in response.content.decode()
        assert not Course.objects.exists()
