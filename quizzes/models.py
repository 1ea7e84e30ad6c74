from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from courses.models import Course, Enrollment, Module


class Quiz(models.Model):
    class Reveal(models.TextChoices):
        AFTER_SUBMISSION = "after_submission", "After each submission"
        AFTER_PASSING = "after_passing", "Once the learner has passed"
        NEVER = "never", "Never"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, null=True, blank=True, related_name="quizzes",
        help_text="Leave empty for the course's final assessment.",
    )
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    pass_mark = models.PositiveSmallIntegerField(
        default=80, validators=[MaxValueValidator(100)], help_text="Percent of points needed to pass."
    )
    max_attempts = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Empty for unlimited attempts."
    )
    shuffle = models.BooleanField(default=True, help_text="Shuffle questions and choices, once per attempt.")
    reveal_answers = models.CharField(max_length=20, choices=Reveal.choices, default=Reveal.AFTER_SUBMISSION)
    time_limit_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Empty for no time limit."
    )
    one_question_per_page = models.BooleanField(default=False)
    required = models.BooleanField(default=True, help_text="Completing the course needs a pass.")

    # Who changed what and when, with undo in the admin (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "quizzes"
        ordering = ["course", "module__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="quiz_unique_slug_per_course"),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quiz_pass_mark_at_most_100"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("quizzes:quiz-detail", kwargs={"course_slug": self.course.slug, "quiz_slug": self.slug})

    @property
    def is_final(self):
        return self.module_id is None


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        TRUE_FALSE = "true_false", "True or false"
        ORDERING = "ordering", "Ordering"
        MATCHING = "matching", "Matching"
        BEST_RESPONSE = "best_response", "Best response"

    class PartialCredit(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", "All or nothing"
        PER_CHOICE = "per_choice", "Per correct choice, minus wrong ones"

    class OrderingCredit(models.TextChoices):
        EXACT = "exact", "Only for the fully correct order"
        ADJACENT_PAIRS = "adjacent_pairs", "Per adjacent pair in the right order"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    position = models.PositiveIntegerField(default=0)
    scenario = models.TextField(blank=True, help_text="For best-response questions: the caller's words.")
    prompt = models.TextField()
    points = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    explanation = models.TextField(blank=True, help_text="Shown after submission when answers are revealed.")
    partial_credit = models.CharField(
        max_length=20, choices=PartialCredit.choices, default=PartialCredit.PER_CHOICE,
        help_text="Multiple choice only.",
    )
    ordering_credit = models.CharField(
        max_length=20, choices=OrderingCredit.choices, default=OrderingCredit.EXACT, help_text="Ordering only."
    )
    categories = models.TextField(blank=True, help_text="Matching only: the categories, one per line.")

    # Who changed what and when, with undo in the admin (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["quiz", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=1), name="question_points_positive"),
        ]

    def __str__(self):
        return self.prompt[:80]

    @property
    def category_list(self):
        return [line.strip() for line in self.categories.splitlines() if line.strip()]


class Choice(models.Model):
    """An option of a question; for ordering an item with its place, for matching an item with its category."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    is_correct = models.BooleanField(default=False)
    correct_position = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Ordering only: 1 is first.")
    category = models.CharField(max_length=200, blank=True, help_text="Matching only: the category it belongs to.")
    feedback = models.TextField(help_text="Why this choice is right or wrong.")

    # Who changed what and when, with undo in the admin (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position", "id"]

    def __str__(self):
        return self.text[:80]


class Attempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="quiz_attempts")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The learner's view of the quiz, fixed when the attempt starts so a reload does not reshuffle:
    # question ids in order, and for each question its choice ids in the order shown.
    layout = models.JSONField(default=list)
    points = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    max_points = models.PositiveIntegerField(default=0)
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz", "number"], name="attempt_unique_number"),
            models.UniqueConstraint(
                fields=["user", "quiz"], condition=Q(status="in_progress"), name="attempt_one_open_per_quiz"
            ),
        ]
        indexes = [models.Index(fields=["quiz", "status"])]

    def __str__(self):
        return f"{self.user} on {self.quiz} (#{self.number})"

    def get_absolute_url(self):
        return reverse("quizzes:attempt-detail", kwargs={"attempt_id": self.id})

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED


class Response(models.Model):
    """A learner's answer to one question of an attempt, and after submission its grade."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    answer = models.JSONField(default=dict)
    points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    correct = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="response_unique_per_question"),
        ]

    def __str__(self):
        return f"{self.attempt} / question {self.question_id}"


class ResponseChoice(models.Model):
    """A choice picked in a graded response, as a row so item statistics can count picks in the database."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="picks")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="picks")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "choice"], name="response_choice_unique"),
        ]

    def __str__(self):
        return f"{self.response} picked {self.choice_id}"


class Rubric(models.Model):
    """What a rewrite is judged on: weighted criteria, each a named check of the grader."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    pass_mark = models.PositiveSmallIntegerField(default=70, validators=[MaxValueValidator(100)])
    description = models.TextField(blank=True, help_text="What the rubric checks, for trainers.")

    # Who changed what and when, with undo in the admin (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [models.CheckConstraint(condition=Q(pass_mark__lte=100), name="rubric_pass_mark_at_most_100")]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    check_name = models.CharField("check", max_length=60)
    weight = models.PositiveSmallIntegerField(default=10, validators=[MinValueValidator(1)])
    required = models.BooleanField(default=False, help_text="A reply that misses it fails, whatever its score.")
    params = models.JSONField(default=dict, blank=True, help_text="Settings of the check, e.g. {\"max_words\": 150}.")

    # Who changed what and when, with undo in the admin (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["rubric", "position", "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["rubric", "check_name"], name="criterion_unique_check_per_rubric"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return f"{self.check_name} ({self.weight})"


class RewriteExercise(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="exercises")
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, null=True, blank=True, related_name="exercises",
        help_text="Leave empty for an exercise of the final assessment.",
    )
    slug = models.SlugField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    lesson = models.ForeignKey(
        "courses.Lesson", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="The lesson that teaches what this exercise practises; feedback links to it.",
    )
    scenario = models.TextField(help_text="Context for the learner.")
    customer = models.TextField(help_text="What the upset customer says.")
    poor_reply = models.TextField(help_text="The agent reply the learner rewrites.")
    instructions = models.TextField(blank=True)
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="exercises")
    key_facts = models.JSONField(
        default=list, blank=True,
        help_text='Facts a good reply restates: [{"label": "order number", "any_of": ["4471"]}].',
    )
    model_answer = models.TextField(help_text="A reply that passes; shown to the learner once they pass.")
    required = models.BooleanField(default=True, help_text="Completing the course needs a pass.")
    calibration_threshold = models.PositiveSmallIntegerField(
        default=80, validators=[MaxValueValidator(100)],
        help_text="Publishing warns when the grader agrees with fewer of the calibration samples than this percent.",
    )

    # Who changed what and when, with undo in the admin (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["course", "module__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="exercise_unique_slug_per_course"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("quizzes:exercise-detail", kwargs={"course_slug": self.course.slug, "exercise_slug": self.slug})


class Submission(models.Model):
    """One graded rewrite. Kept whole: the text, the score and every finding as graded then."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rewrite_submissions")
    exercise = models.ForeignKey(RewriteExercise, on_delete=models.CASCADE, related_name="submissions")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="rewrite_submissions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    passed = models.BooleanField()
    findings = models.JSONField(default=list)
    # A token carried by the form (or an Idempotency-Key header), so a double click or replay saves once.
    token = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise", "number"], name="submission_unique_number"),
            models.UniqueConstraint(
                fields=["user", "exercise", "token"], condition=~Q(token=""), name="submission_unique_token"
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="submission_score_at_most_100"),
        ]
        indexes = [models.Index(fields=["exercise", "passed"])]

    def __str__(self):
        return f"{self.user} on {self.exercise} (#{self.number})"

    def get_absolute_url(self):
        return reverse("quizzes:submission-detail", kwargs={"submission_id": self.id})


class SubmissionFinding(models.Model):
    """One criterion's verdict on a submission, as a row so item statistics can count misses in the database.

    The submission's `findings` keep the full feedback (messages, spans); these rows repeat only the verdict.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="verdicts")
    check_name = models.CharField("check", max_length=60)
    met = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "check_name"], name="submission_finding_unique_check"),
        ]

    def __str__(self):
        return f"{self.submission_id} {self.check_name}: {'met' if self.met else 'missed'}"


class CalibrationSample(models.Model):
    """A reply a trainer has judged by hand, to check the grader against before learners see an exercise."""

    exercise = models.ForeignKey(RewriteExercise, on_delete=models.CASCADE, related_name="calibration_samples")
    text = models.TextField(max_length=2000)
    expected_pass = models.BooleanField("should pass")
    expected_criteria = models.JSONField(
        default=dict, blank=True,
        help_text='Optional: the criteria it meets or misses, e.g. {"no_blame": false, "offers_action": true}.',
    )
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["exercise", "id"]

    def __str__(self):
        return f"{'pass' if self.expected_pass else 'fail'}: {self.text[:60]}"


class ReviewRequest(models.Model):
    """A learner's request that a trainer look again at how a rewrite was graded."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="review_request")
    comment = models.TextField(max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    # The grade as the grader gave it, kept when a trainer overrides it.
    graded_score = models.PositiveSmallIntegerField()
    graded_passed = models.BooleanField()
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True, max_length=1000, help_text="Shown to the learner.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"Review of {self.submission}"
