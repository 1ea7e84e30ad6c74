from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from quizzes import grading, rewrites, selectors
from quizzes.models import Attempt, Choice, Criterion, Question, Quiz, RewriteExercise, Rubric, Submission
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


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
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


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
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
class RubricAdmin(TryGraderMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "pass_mark"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CriterionInline]

    def grader_inputs(self, rubric):
        return rewrites.grading_rubric(rubric), grading.Context()


@admin.register(RewriteExercise)
class RewriteExerciseAdmin(TryGraderMixin, admin.ModelAdmin):
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
