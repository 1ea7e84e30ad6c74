from django.conf import settings
from django.db import models
from django.utils import timezone
from django.urls import reverse
from simple_history.models import HistoricalRecords

from courses.markdown import render_markdown


class Course(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="One sentence for the catalog.")
    description = models.TextField(blank=True, help_text="Markdown, shown on the course page.")
    description_html = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    published = models.BooleanField(default=False, help_text="Only published courses appear in the catalog.")
    # The articles the lessons draw on, as course.yaml lists them (key: title, author, seed), kept for export.
    sources = models.JSONField(default=dict, blank=True, editable=False)
    # Set on a draft made by "duplicate as new version"; learners enrolled in the earlier version stay on it.
    previous_version = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_versions", editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Who changed what and when, with undo in the admin (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("courses:course-detail", kwargs={"course_slug": self.slug})

    def set_description(self, markdown_text):
        self.description = markdown_text
        self.description_html = render_markdown(markdown_text)


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Modules are taken in ascending order.")

    # Who changed what and when, with undo in the admin (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["course", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="module_unique_slug_per_course"),
        ]

    def __str__(self):
        return f"{self.course.title}: {self.title}"


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0, help_text="Lessons are taken in ascending order.")
    minutes = models.PositiveIntegerField(default=5, help_text="Estimated reading time in minutes.")
    objectives = models.TextField(blank=True, help_text="Learning objectives, one per line.")
    body = models.TextField(help_text="Markdown. Raw HTML is stripped when the lesson is shown.")
    body_html = models.TextField(blank=True, editable=False)
    source_key = models.SlugField(max_length=40, blank=True, help_text="Which source this lesson draws on.")
    credit = models.CharField(max_length=300, blank=True, help_text='Shown as "Draws on: ..." under the lesson.')
    required = models.BooleanField(default=True, help_text="Completing the course needs this lesson.")

    # Who changed what and when, with undo in the admin (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["module__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["module", "slug"], name="lesson_unique_slug_per_module"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "courses:lesson-detail",
            kwargs={"course_slug": self.module.course.slug, "module_slug": self.module.slug, "lesson_slug": self.slug},
        )

    def set_body(self, markdown_text):
        self.body = markdown_text
        self.body_html = render_markdown(markdown_text)

    @property
    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class Enrollment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrollments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    # Recertification starts a fresh pass through the same enrollment: cycle 2, 3, ... Only work
    # done since the cycle started counts toward completing it; earlier cycles' certificates stay.
    cycle = models.PositiveSmallIntegerField(default=1)
    cycle_started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_activity_at", "-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrollment_unique_user_course"),
        ]

    def __str__(self):
        return f"{self.user} in {self.course}"


class LessonProgressQuerySet(models.QuerySet):
    def in_current_cycle(self):
        """Only lessons completed in the enrollment's current pass (see Enrollment.cycle)."""
        return self.filter(completed_at__gte=models.F("enrollment__cycle_started_at"))


class LessonProgress(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField()

    objects = LessonProgressQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "lesson progress"
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson"], name="progress_unique_enrollment_lesson"),
        ]

    def __str__(self):
        return f"{self.enrollment.user} completed {self.lesson}"
