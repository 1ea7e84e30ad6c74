from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from academy.errors import ApplicationError
from organizations.exports import stream_csv
from quizzes import grading, reviews, rewrites, selectors, statistics
from quizzes.calibration import exercise_calibration
from quizzes.models import (
    Attempt, CalibrationSample, Choice, Criterion, Question, Quiz, ReviewRequest, RewriteExercise, Rubric, Submission,
)
from quizzes.validation import ChoiceDraft, question_problems


class ChoiceFormSet(forms.BaseInlineFormSet):
    """Refuses a question whose choices break its type's rules, saying what to fix."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        drafts = [
            ChoiceDraft(
                text=form.cleaned_data.get("text", ""), feedback=form.cleaned_data.get("feedback", ""),
                is_correct=form.cleaned_data.get("is_correct", False),
                correct_position=form.cleaned_data.get("correct_position"),
                category=form.cleaned_data.get("category", ""),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = question_problems(self.instance.kind, drafts, self.instance.category_list)
        if problems:
            raise ValidationError(problems)


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    fields = ["position", "text", "is_correct", "correct_position", "category", "feedback"]
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["widgets"] = {"text": forms.Textarea(attrs={"rows": 2}), "feedback": forms.Textarea(attrs={"rows": 2})}
        return super().get_formset(request, obj, **kwargs)


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "kind", "prompt", "points"]
    extra = 0
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["widgets"] = {"prompt": forms.Textarea(attrs={"rows": 2})}
        return super().get_formset(request, obj, **kwargs)


def _statistics_response(request, admin_site, obj, *, title, explanation, summary, header, rows):
    if request.GET.get("format") == "csv":
        return stream_csv(filename=f"statistics-{obj._meta.model_name}-{obj.pk}.csv", header=header, rows=rows)
    return TemplateResponse(request, "admin/quizzes/statistics.html", {
        **admin_site.each_context(request), "title": title, "opts": obj._meta, "original": obj,
        "explanation": explanation, "summary": summary, "header": header, "rows": rows,
    })


def _percent(share):
    return None if share is None else round(100 * share)


@admin.register(Quiz)
class QuizAdmin(SimpleHistoryAdmin):
    change_form_template = "admin/quizzes/quiz_change_form.html"
    list_display = ["title", "course", "module", "pass_mark", "max_attempts", "required", "question_count"]
    list_editable = ["required"]
    list_filter = ["course", "required"]
    list_select_related = ["course", "module"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(ordering="question_count", description="Questions")
    def question_count(self, obj):
        return obj.question_count

    def get_urls(self):
        return [path("<int:quiz_id>/statistics/", self.admin_site.admin_view(self.statistics_view),
                     name="quizzes_quiz_statistics")] + super().get_urls()

    def statistics_view(self, request, quiz_id):
        quiz = self.get_object(request, str(quiz_id))
        if quiz is None or not self.has_view_permission(request, quiz):
            raise PermissionDenied
        stats = statistics.quiz_statistics(quiz)
        rows = [[i, q.question.get_kind_display(), str(q.question), q.responses, _percent(q.difficulty),
                 q.discrimination, q.wrong_choice.text if q.wrong_choice else None, q.wrong_choice_count or None]
                for i, q in enumerate(stats.questions, start=1)]
        return _statistics_response(
            request, self.admin_site, quiz, title=f"Statistics: {quiz}",
            explanation="Over every submitted attempt. % correct is the share of fully correct responses; "
                        "discrimination is the share correct in the top 27% of attempts minus the bottom 27% "
                        "(below 0.2, the question hardly separates strong learners from weak ones).",
            summary=[("Submitted attempts", stats.attempts), ("Learners", stats.learners),
                     ("Pass rate %", _percent(stats.pass_rate)), ("Mean score %", stats.mean_percent)],
            header=["#", "Type", "Question", "Responses", "% correct", "Discrimination", "Most chosen wrong answer",
                    "Chosen"],
            rows=rows)


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "quiz", "kind", "points", "position"]
    list_filter = ["kind", "quiz__course", "quiz"]
    list_select_related = ["quiz"]
    search_fields = ["prompt"]
    fields = ["quiz", "position", "kind", "points", "scenario", "prompt", "explanation", "partial_credit",
              "ordering_credit", "categories"]
    inlines = [ChoiceInline]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "quiz", "number", "status", "percent", "passed", "started_at"]
    list_filter = ["status", "passed", "quiz"]
    list_select_related = ["user", "quiz"]
    raw_id_fields = ["user", "enrollment"]
    readonly_fields = ["layout"]


class CriterionFormSet(forms.BaseInlineFormSet):
    """Checks the criteria with the grader itself, so a rubric that cannot grade is never saved."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        criteria = [
            {"check": f.cleaned_data["check_name"], "weight": f.cleaned_data.get("weight") or 0,
             "required": f.cleaned_data.get("required", False), "params": f.cleaned_data.get("params") or {}}
            for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if not criteria:
            raise ValidationError("A rubric needs at least one criterion.")
        try:
            grading.Rubric.from_dict(self.instance.slug or "draft", {
                "title": self.instance.title or "draft", "pass_mark": self.instance.pass_mark, "criteria": criteria,
            })
        except grading.RubricError as exc:
            raise ValidationError(str(exc)) from None


class CriterionForm(forms.ModelForm):
    check_name = forms.ChoiceField(label="Check", choices=())

    class Meta:
        model = Criterion
        fields = ["position", "check_name", "weight", "required", "params"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check_name"].choices = [(key, f"{check.title} ({key})") for key, check in grading.CHECKS.items()]


class CriterionInline(admin.TabularInline):
    model = Criterion
    form = CriterionForm
    formset = CriterionFormSet
    extra = 0


class TryGraderForm(forms.Form):
    customer = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               help_text="What the customer said (optional for a rubric).")
    text = forms.CharField(label="Reply to grade", widget=forms.Textarea(attrs={"rows": 8}),
                           max_length=rewrites.MAX_REPLY_CHARS)


class TryGraderMixin:
    """Adds a "Try the grader" page to a change page: paste a reply, see the score and findings."""

    change_form_template = "admin/quizzes/change_form_with_grader.html"

    def get_urls(self):
        opts = self.model._meta
        extra = [path("<path:object_id>/try-grader/", self.admin_site.admin_view(self.try_grader_view),
                      name=f"{opts.app_label}_{opts.model_name}_try_grader")]
        return extra + super().get_urls()

    def try_grader_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        rubric, context = self.grader_inputs(obj)
        form = TryGraderForm(request.POST or None, initial={"customer": context.customer})
        result = segments = None
        if request.method == "POST" and form.is_valid():
            context = grading.Context(customer=form.cleaned_data["customer"], key_facts=context.key_facts)
            result = grading.grade(form.cleaned_data["text"], rubric, context)
            findings = [{**f, "title": grading.CHECKS[f["check"]].title} for f in rewrites.findings_as_data(result)]
            segments = selectors.highlighted(form.cleaned_data["text"], findings)
            result = {"score": result.score, "passed": result.passed, "findings": findings}
        return TemplateResponse(request, "admin/quizzes/try_grader.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": obj,
            "title": f"Try the grader: {obj}", "form": form, "result": result, "segments": segments,
        })


@admin.register(Rubric)
class RubricAdmin(TryGraderMixin, SimpleHistoryAdmin):
    list_display = ["title", "slug", "pass_mark"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CriterionInline]

    def grader_inputs(self, rubric):
        return rewrites.grading_rubric(rubric), grading.Context()


class CalibrationSampleInline(admin.StackedInline):
    model = CalibrationSample
    fields = [("expected_pass", "note"), "text", "expected_criteria"]
    extra = 0


@admin.register(RewriteExercise)
class RewriteExerciseAdmin(TryGraderMixin, SimpleHistoryAdmin):
    inlines = [CalibrationSampleInline]

    def save_formset(self, request, form, formset, change):
        for sample in formset.save(commit=False):
            if isinstance(sample, CalibrationSample) and sample.created_by_id is None:
                sample.created_by = request.user
            sample.save()
        for sample in formset.deleted_objects:
            sample.delete()

    def get_urls(self):
        return [
            path("<int:exercise_id>/calibration/", self.admin_site.admin_view(self.calibration_view),
                 name="quizzes_rewriteexercise_calibration"),
            path("<int:exercise_id>/statistics/", self.admin_site.admin_view(self.statistics_view),
                 name="quizzes_rewriteexercise_statistics"),
        ] + super().get_urls()

    def _exercise(self, request, exercise_id):
        exercise = self.get_object(request, str(exercise_id))
        if exercise is None or not self.has_view_permission(request, exercise):
            raise PermissionDenied
        return exercise

    def calibration_view(self, request, exercise_id):
        exercise = self._exercise(request, exercise_id)
        return TemplateResponse(request, "admin/quizzes/calibration.html", {
            **self.admin_site.each_context(request), "title": f"Calibration: {exercise}", "opts": self.model._meta,
            "original": exercise, "exercise": exercise, "calibration": exercise_calibration(exercise),
        })

    def statistics_view(self, request, exercise_id):
        exercise = self._exercise(request, exercise_id)
        stats = statistics.exercise_statistics(exercise)
        return _statistics_response(
            request, self.admin_site, exercise, title=f"Statistics: {exercise}",
            explanation="Over every submission. For each criterion of the rubric, the share of submissions "
                        "that missed it: the moves learners find hardest in this exercise.",
            summary=[("Submissions", stats.submissions), ("Learners", stats.learners),
                     ("Pass rate %", _percent(stats.pass_rate)), ("Mean score", stats.mean_score)],
            header=["Criterion", "% of submissions missing it", "Submissions missing it"],
            rows=[[check, _percent(share), count] for check, share, count in stats.criteria])
    list_display = ["title", "course", "module", "rubric", "position", "required"]
    list_editable = ["position", "required"]
    list_filter = ["course", "rubric", "required"]
    list_select_related = ["course", "module", "rubric"]
    search_fields = ["title", "slug", "customer"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["lesson"]

    def grader_inputs(self, exercise):
        return rewrites.grading_rubric(exercise.rubric), rewrites.grading_context(exercise)


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["user", "exercise", "number", "score", "passed", "created_at"]
    list_filter = ["passed", "exercise"]
    list_select_related = ["user", "exercise"]
    raw_id_fields = ["user", "enrollment"]


class ReviewResolveForm(forms.ModelForm):
    score = forms.IntegerField(min_value=0, max_value=100, help_text="The score the reply deserves.")
    passed = forms.BooleanField(required=False, help_text="Counts toward the course as a passed exercise.")
    add_to_calibration = forms.BooleanField(
        required=False, help_text="Keep this reply as a calibration sample of the exercise, marked as you judge it.")

    class Meta:
        model = ReviewRequest
        fields = ["resolution"]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(SimpleHistoryAdmin):
    """The queue of learners' review requests: their reply, what the grader found, and their comment."""

    form = ReviewResolveForm
    list_display = ["created_at", "exercise", "graded_score", "status"]

    class Media:
        css = {"all": ["quizzes/admin.css"]}
    list_filter = ["status", "submission__exercise__course"]
    list_select_related = ["submission__exercise"]
    readonly_fields = ["exercise", "comment", "reply", "findings", "graded_score", "graded_passed", "status",
                       "resolved_by", "resolved_at"]
    fieldsets = [
        (None, {"fields": ["exercise", "comment", "reply", "findings", ("graded_score", "graded_passed")]}),
        ("Your decision", {"fields": ["score", "passed", "resolution", "add_to_calibration"]}),
        ("Outcome", {"fields": ["status", "resolved_by", "resolved_at"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Exercise")
    def exercise(self, obj):
        return obj.submission.exercise

    @admin.display(description="The learner's reply")
    def reply(self, obj):
        return format_html('<div class="learner-text">{}</div>', obj.submission.text)

    @admin.display(description="What the grader found")
    def findings(self, obj):
        return format_html("<ul>{}</ul>", format_html_join(
            "", "<li>{}: {}</li>",
            (("met" if f.get("met") else "n/a" if f.get("met") is None else "MISSED", f.get("check"))
             for f in obj.submission.findings)))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            form.base_fields["score"].initial = obj.submission.score
            form.base_fields["passed"].initial = obj.submission.passed
        return form

    def save_model(self, request, obj, form, change):
        try:
            reviews.review_resolve(
                review_id=obj.id, by=request.user, score=form.cleaned_data["score"],
                passed=form.cleaned_data["passed"], resolution=form.cleaned_data.get("resolution") or "",
                add_to_calibration=form.cleaned_data["add_to_calibration"])
        except ApplicationError as exc:
            messages.error(request, exc.message)

    def response_change(self, request, obj):
        messages.success(request, "Review resolved; the learner sees the outcome on their submission page.")
        return redirect("admin:quizzes_reviewrequest_changelist")
