"""Operations that change courses, enrollments and progress.

Each is one transaction; views, the API and commands call these and nothing else
writes these rows.
"""

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
               published=spec.published, description=spec.description)
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
    return Enrollment.objects.select_for_update().filter(user=user, course_id=course_id).first()


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
    from courses.selectors import enrollment_outline

    if enrollment.completed_at is not None or not enrollment_outline(enrollment=enrollment).complete:
        return False
    enrollment.completed_at = timezone.now()
    enrollment.save(update_fields=["completed_at"])
    certificate_issue_on_commit(enrollment)
    return True
