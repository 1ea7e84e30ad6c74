"""Reads of courses and progress, each a fixed number of queries whatever the course size.

Progress counts the course's required items: lessons completed, quizzes passed
and rewrite exercises passed. Quizzes and exercises are read through
quizzes.selectors; the final assessment is the outline's last entry, with no
module.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from courses.models import Course, Enrollment, Lesson, LessonProgress, Module
from quizzes import selectors as quiz_selectors


@dataclass
class LessonEntry:
    lesson: Lesson
    done: bool

    @property
    def required(self):
        return self.lesson.required

    @property
    def title(self):
        return self.lesson.title

    def get_absolute_url(self):
        return self.lesson.get_absolute_url()


@dataclass
class ModuleEntry:
    """A module's lessons, quizzes and exercises; quizzes and exercises carry `done` and `required`."""

    module: Module | None
    lessons: list = field(default_factory=list)
    quizzes: list = field(default_factory=list)
    exercises: list = field(default_factory=list)

    @property
    def items(self):
        return [*self.lessons, *self.quizzes, *self.exercises]

    @property
    def required_count(self):
        return sum(1 for item in self.items if item.required)

    @property
    def done_count(self):
        return sum(1 for item in self.items if item.required and item.done)

    @property
    def percent(self):
        return _percent(self.done_count, self.required_count)


@dataclass
class Outline:
    """A course's modules and activities in order, with one learner's progress."""

    course: Course
    enrollment: Enrollment | None
    modules: list

    @property
    def lessons(self):
        return [entry for module in self.modules for entry in module.lessons]

    @property
    def items(self):
        return [item for module in self.modules for item in module.items]

    @property
    def done_count(self):
        return sum(module.done_count for module in self.modules)

    @property
    def total(self):
        return sum(module.required_count for module in self.modules)

    @property
    def percent(self):
        return _percent(self.done_count, self.total)

    @property
    def complete(self):
        return self.total > 0 and self.done_count == self.total

    @property
    def minutes(self):
        return sum(entry.lesson.minutes for entry in self.lessons)

    @property
    def next_item(self):
        """The first required item not yet done: where the learner left off."""
        return next((item for item in self.items if item.required and not item.done), None)

    @property
    def next_lesson(self):
        return next((entry.lesson for entry in self.lessons if not entry.done), None)

    @property
    def final(self):
        return next((module for module in self.modules if module.module is None), None)

    def neighbours(self, lesson):
        ordered = [entry.lesson for entry in self.lessons]
        index = [item.id for item in ordered].index(lesson.id)
        previous = ordered[index - 1] if index > 0 else None
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        return previous, following


def _percent(done, total):
    return round(100 * done / total) if total else 0


def published_courses():
    return (
        Course.objects.filter(published=True)
        .annotate(lesson_count=Count("modules__lessons"), minutes_total=Sum("modules__lessons__minutes"))
        .order_by("title")
    )


def published_course(slug, user=None):
    """The course if it is published, or if `user` is enrolled in it: learners keep reading the version they
    enrolled in after a trainer unpublishes it in favour of a newer one. A 404 otherwise."""
    course = Course.objects.filter(readable(user), slug=slug).first()
    if course is None:
        raise Http404("No such course.")
    return course


def readable(user, course_path=""):
    """Q for content whose course `user` may read: published, or one they are enrolled in (an older version).

    `course_path` leads from the queried model to its course, e.g. "module__course"; empty for Course itself.
    The same rule as published_course, for the API's lookups by id.
    """
    prefix = f"{course_path}__" if course_path else ""
    published = Q(**{f"{prefix}published": True})
    if user is None or not user.is_authenticated:
        return published
    # EXISTS, not a join: a join reads (and sorts) a row for every learner enrolled in the course.
    enrolled = Enrollment.objects.filter(user=user, course=OuterRef(course_path or "pk"))
    return published | Q(Exists(enrolled))


def newer_version(course):
    """The latest published version made from this course, if a trainer has published one."""
    return Course.objects.filter(previous_version=course, published=True).order_by("-version").first()


def _build(course, enrollment, modules, lessons_by_module, done_lessons, quizzes, exercises):
    entries = [
        ModuleEntry(
            module,
            [LessonEntry(lesson, lesson.id in done_lessons) for lesson in lessons_by_module.get(module.id, [])],
            quizzes.get(module.id, []),
            exercises.get(module.id, []),
        )
        for module in modules
    ]
    if quizzes.get(None) or exercises.get(None):
        entries.append(ModuleEntry(None, [], quizzes.get(None, []), exercises.get(None, [])))
    return Outline(course=course, enrollment=enrollment, modules=entries)


def course_outline(*, course, user):
    """The outline with the user's progress, in a fixed number of queries."""
    enrollment = Enrollment.objects.filter(user=user, course=course).first() if user.is_authenticated else None
    return _outline(course, user, enrollment)


def _outline(course, user, enrollment):
    modules = list(
        Module.objects.filter(course=course)
        .order_by("position", "id")
        .prefetch_related(Prefetch("lessons", queryset=Lesson.objects.order_by("position", "id").defer("body", "body_html")))
    )
    for module in modules:
        module.course = course  # known already: lesson links need its slug, and a join would read it once per module
    done = set()
    if enrollment:
        done = set(LessonProgress.objects.filter(enrollment=enrollment).in_current_cycle()
                   .values_list("lesson_id", flat=True))
    quizzes, exercises = quiz_selectors.course_activities(courses=[course], user=user).get(course.id, ({}, {}))
    return _build(course, enrollment, modules, {m.id: list(m.lessons.all()) for m in modules}, done, quizzes, exercises)


def lesson_following(*, course, lesson):
    """The lesson after this one in the course's order (across modules), or None after the last: one query."""
    lessons = list(
        Lesson.objects.filter(module__course=course).select_related("module")
        .order_by("module__position", "module__id", "position", "id").defer("body", "body_html")
    )
    index = next((i for i, other in enumerate(lessons) if other.id == lesson.id), len(lessons))
    following = lessons[index + 1] if index + 1 < len(lessons) else None
    if following is not None:
        following.module.course = course
    return following


def lesson_for_reading(*, course, module_slug, lesson_slug):
    return get_object_or_404(
        Lesson.objects.select_related("module"), module__course=course, module__slug=module_slug, slug=lesson_slug
    )


def learner_dashboard(*, user):
    """Each of the learner's enrollments with its outline, in a constant number of queries."""
    enrollments = list(Enrollment.objects.filter(user=user).select_related("course"))
    if not enrollments:
        return []
    courses = {e.course_id: e.course for e in enrollments}
    modules = list(Module.objects.filter(course__in=courses).order_by("position", "id"))
    modules_by_id = {}
    for module in modules:
        module.course = courses[module.course_id]
        modules_by_id[module.id] = module
    # The modules and courses are in hand: joining them here would read each course again for every lesson.
    lessons = Lesson.objects.filter(module__in=modules_by_id).defer("body", "body_html").order_by("position", "id")
    done = set(LessonProgress.objects.filter(enrollment__in=enrollments).in_current_cycle()
               .values_list("enrollment_id", "lesson_id"))
    lessons_by_module = {}
    for lesson in lessons:
        lesson.module = modules_by_id[lesson.module_id]
        lessons_by_module.setdefault(lesson.module_id, []).append(lesson)
    activities = quiz_selectors.course_activities(courses=list(courses.values()), user=user)
    outlines = []
    for enrollment in enrollments:
        quizzes, exercises = activities.get(enrollment.course_id, ({}, {}))
        done_here = {lesson_id for enrollment_id, lesson_id in done if enrollment_id == enrollment.id}
        course_modules = [m for m in modules if m.course_id == enrollment.course_id]
        outlines.append(_build(enrollment.course, enrollment, course_modules, lessons_by_module, done_here,
                               quizzes, exercises))
    return outlines


def required_lessons_left(*, enrollment):
    """Whether a required lesson of the course is not done in the enrollment's current cycle: one query."""
    done = LessonProgress.objects.filter(enrollment=enrollment).in_current_cycle().values("lesson_id")
    return Lesson.objects.filter(module__course_id=enrollment.course_id, required=True).exclude(id__in=done).exists()


def enrollment_outline(*, enrollment):
    """The progress of one enrollment (used by the completion rule), read with the enrollment given, which the
    caller may hold locked."""
    return _outline(enrollment.course, enrollment.user, enrollment)

