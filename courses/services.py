"""Operations that change courses, enrollments and progress.

Each is one transaction; views, the API and commands call these and nothing else
writes these rows.
"""

import re
from dataclasses import dataclass, field
from http import HTTPStatus

from django.db import transaction
from django.utils import timezone

from academy.errors import ApplicationError, PermissionDenied
from courses.content import read_course
from courses.models import Course, Enrollment, Lesson, LessonProgress, Module


@dataclass
class ImportReport:
    course: Course
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    deleted: list = field(default_factory=list)

    def summary(self):
        return (
            f"{self.course.slug}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.deleted)} deleted"
        )


def course_import(*, folder):
    """Create or update a course from its files; idempotent, keyed by slugs.

    The files are parsed and validated before anything is written (ContentError
    otherwise). Rows are updated in place, so enrollments and progress stay;
    modules and lessons no longer in the files are deleted and reported.
    """
    from quizzes import content as quiz_content

    spec = read_course(folder)
    quiz_specs = quiz_content.read_quizzes(spec)
    rubric_specs = quiz_content.read_rubrics(spec)
    exercise_specs = quiz_content.read_exercises(spec, rubric_specs)
    with transaction.atomic():
        course, created = Course.objects.select_for_update().get_or_create(
            slug=spec.slug, defaults={"title": spec.title, "summary": spec.summary}
        )
        report = ImportReport(course=course)
        _apply(report, course, created, title=spec.title, summary=spec.summary, version=spec.version,
               published=spec.published, description=spec.description, sources=spec.sources)
        kept_lessons, modules = [], {}
        for position, module_spec in enumerate(spec.modules, start=1):
            module = modules[module_spec.slug] = _import_module(report, course, module_spec, position)
            kept_lessons += [_import_lesson(report, course, module, lesson_spec, i)
                             for i, lesson_spec in enumerate(module_spec.lessons, start=1)]
        _delete_missing(report, course, spec, kept_lessons)
        quiz_content.import_quizzes(course=course, quiz_specs=quiz_specs, modules_by_slug=modules)
        rubrics = quiz_content.import_rubrics(rubric_specs)
        quiz_content.import_exercises(course=course, exercise_specs=exercise_specs, modules_by_slug=modules,
                                      rubrics=rubrics)
    return report


def _apply(report, obj, created, **values):
    """Set the values on obj, save only if something changed, and record what happened."""
    changed = created
    for name, value in values.items():
        if name == "description":
            if obj.description != value or not obj.description_html:
                obj.set_description(value)
                changed = True
        elif name == "body":
            if obj.body != value or not obj.body_html:
                obj.set_body(value)
                changed = True
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
        (report.created if created else report.updated).append(obj)
    return obj


def _import_module(report, course, spec, position):
    module, created = Module.objects.get_or_create(
        course=course, slug=spec.slug, defaults={"title": spec.title, "position": position}
    )
    return _apply(report, module, created, title=spec.title, summary=spec.summary, position=position)


def _import_lesson(report, course, module, spec, position):
    # Looked up across the course, so a lesson moved to another module keeps its progress.
    lesson = Lesson.objects.filter(module__course=course, slug=spec.slug).first()
    created = lesson is None
    if created:
        lesson = Lesson(module=module, slug=spec.slug)
    return _apply(
        report, lesson, created, module=module, title=spec.title, position=position, minutes=spec.minutes,
        objectives="\n".join(spec.objectives), body=spec.body, source_key=spec.source_key, credit=spec.credit,
        required=spec.required,
    )


def _delete_missing(report, course, spec, kept_lessons):
    stale_lessons = Lesson.objects.filter(module__course=course).exclude(id__in=[lesson.id for lesson in kept_lessons])
    stale_modules = Module.objects.filter(course=course).exclude(slug__in=[m.slug for m in spec.modules])
    report.deleted += [*stale_lessons, *stale_modules]
    stale_lessons.delete()
    stale_modules.delete()


def enrollment_create(*, user, course):
    """Enroll the user in a published course; enrolling twice returns the same enrollment."""
    if not course.published:
        raise ApplicationError("This course is not open for enrollment.", code="course_unpublished",
                               status=HTTPStatus.NOT_FOUND)
    enrollment, created = Enrollment.objects.get_or_create(user=user, course=course)
    return enrollment, created


def lesson_complete(*, user, lesson):
    """Record that the user completed the lesson; idempotent.

    Returns (progress, created). Refused when the user is not enrolled in the
    lesson's course. The enrollment row is locked so concurrent completions of
    the same learner are serialised.
    """
    course_id = lesson.module.course_id
    with transaction.atomic():
        enrollment = enrollment_lock(user=user, course_id=course_id)
        if enrollment is None:
            raise PermissionDenied(
                "You are not enrolled in this course. Enroll from the course page to record your progress.",
                code="not_enrolled",
            )
        now = timezone.now()
        progress, created = LessonProgress.objects.get_or_create(
            enrollment=enrollment, lesson=lesson, defaults={"completed_at": now}
        )
        if not created and progress.completed_at < enrollment.cycle_started_at:
            # Done in an earlier certification cycle: this pass counts it anew.
            progress.completed_at = now
            progress.save(update_fields=["completed_at"])
            created = True
        if created:
            enrollment.last_lesson = lesson
            enrollment.last_activity_at = now
            enrollment.save(update_fields=["last_lesson", "last_activity_at"])
            enrollment_complete_if_done(enrollment=enrollment)
    return progress, created


def enrollment_lock(*, user, course_id):
    """The learner's enrollment, locked for the rest of the transaction; None when not enrolled.

    Every service that records progress takes this lock first, so the check
    for completion after the last item sees every other item's commit.
    """
    # Only the enrollment row is locked; its course and learner come along for the completion check.
    return (Enrollment.objects.select_for_update(of=("self",)).select_related("course", "user")
            .filter(user=user, course_id=course_id).first())


def enrollment_recertify(*, enrollment_id):
    """Start a fresh pass of a completed enrollment (recertification); True if one was started.

    Earlier work stays in the history but stops counting: the learner completes
    every required item again, and the certificate of the new cycle is issued
    when they do. Earlier certificates are kept. An enrollment already in a
    new, unfinished cycle is left as it is, so calling this twice starts one.
    """
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().filter(id=enrollment_id).first()
        if enrollment is None or enrollment.completed_at is None:
            return False
        enrollment.cycle += 1
        enrollment.cycle_started_at = timezone.now()
        enrollment.completed_at = None
        enrollment.save(update_fields=["cycle", "cycle_started_at", "completed_at"])
    return True


def enrollment_complete_if_done(*, enrollment):
    """Record the completion once every required item is done; call with the enrollment locked.

    Completion is recorded once and kept: a course edited later (a new required
    lesson) shows new work, but does not take the completion or certificate away.
    The certificate is issued by a worker after the transaction commits.
    """
    from certificates.services import certificate_issue_on_commit
    from courses.selectors import enrollment_outline, required_lessons_left

    if enrollment.completed_at is not None:
        return False
    # Most calls come while lessons are still unread: one query says so, before the whole outline is read.
    if required_lessons_left(enrollment=enrollment) or not enrollment_outline(enrollment=enrollment).complete:
        return False
    enrollment.completed_at = timezone.now()
    enrollment.save(update_fields=["completed_at"])
    certificate_issue_on_commit(enrollment)
    return True


# Authoring -------------------------------------------------------------------------------------------------------


def course_publish_check(course):
    """(problems, warnings) for publishing the course: problems refuse it, warnings are for the trainer to read."""
    from quizzes.publishing import course_publish_problems, course_publish_warnings

    problems = []
    lessons = Lesson.objects.filter(module__course=course)
    if not lessons.exists():
        problems.append("Add at least one module with a lesson.")
    problems += [f"Lesson “{title}”: write its text." for title in
                 lessons.filter(body__regex=r"^\s*$").values_list("title", flat=True)]
    problems += course_publish_problems(course)
    return problems, course_publish_warnings(course)


def course_publish(*, course):
    """Open the course in the catalog. Refused, unchanged, while any quiz, exercise or lesson is invalid.

    Returns the warnings a trainer should read (e.g. a grader that disagrees with its calibration samples).
    """
    problems, warnings = course_publish_check(course)
    if problems:
        raise ApplicationError(
            f"“{course.title}” was not published. Fix these first: " + " ".join(problems),
            code="invalid_content", fields={"problems": problems},
        )
    with transaction.atomic():
        course = Course.objects.select_for_update().get(id=course.id)
        if not course.published:
            course.published = True
            course.save(update_fields=["published", "updated_at"])
    return warnings


def course_unpublish(*, course):
    """Take the course out of the catalog; enrolled learners keep reading and finishing it."""
    with transaction.atomic():
        course = Course.objects.select_for_update().get(id=course.id)
        if course.published:
            course.published = False
            course.save(update_fields=["published", "updated_at"])
    return course


def course_duplicate(*, course):
    """A new, unpublished version of the course with copies of its modules, lessons, quizzes and exercises.

    Rubrics are shared, not copied. Learners' enrollments stay on the course they enrolled in: the copy is a
    course of its own (linked by previous_version), which a trainer edits and publishes when it is ready.
    """
    from quizzes.models import Choice, Question, Quiz, RewriteExercise

    with transaction.atomic():
        version = course.version + 1
        base = re.sub(r"-v\d+$", "", course.slug)[:70]
        slug, n = f"{base}-v{version}", version
        while Course.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-v{n}"
        copy = Course.objects.create(
            slug=slug, title=course.title, summary=course.summary, description=course.description,
            description_html=course.description_html, version=version, published=False, previous_version=course,
        )
        modules, lessons = {}, {}
        for module in course.modules.order_by("position", "id"):
            modules[module.id] = Module.objects.create(course=copy, slug=module.slug, title=module.title,
                                                       summary=module.summary, position=module.position)
            for lesson in module.lessons.order_by("position", "id"):
                lessons[lesson.id] = _copy(lesson, module=modules[module.id])
        for quiz in Quiz.objects.filter(course=course).prefetch_related("questions__choices"):
            quiz_copy = _copy(quiz, course=copy, module=modules.get(quiz.module_id))
            for question in quiz.questions.all():
                question_copy = _copy(question, quiz=quiz_copy)
                Choice.objects.bulk_create([_copy(choice, save=False, question=question_copy)
                                            for choice in question.choices.all()])
        for exercise in RewriteExercise.objects.filter(course=course):
            _copy(exercise, course=copy, module=modules.get(exercise.module_id), lesson=lessons.get(exercise.lesson_id))
    return copy


def _copy(obj, save=True, **changes):
    """A copy of a row with `changes`, as a new row (saved unless told otherwise)."""
    fields = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}
    for name, value in changes.items():
        fields.pop(f"{name}_id", None)
        fields[name] = value
    new = type(obj)(**fields)
    if save:
        new.save()
    return new
