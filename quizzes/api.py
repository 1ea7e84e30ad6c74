"""The quizzes API: list a module's quizzes, start an attempt, submit it, read my attempts.

An attempt in progress carries its questions and options (named "1", "2", ...)
and nothing of the answer key; a submitted one carries the key only when the
quiz's reveal setting allows it.
"""

from http import HTTPStatus

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from academy.api import TextField
from courses.models import Module
from courses.selectors import readable
from quizzes import rewrites, selectors, services
from quizzes.models import Attempt, Quiz, RewriteExercise, Submission


class QuizOutput(serializers.ModelSerializer):
    module = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Quiz
        fields = ["id", "slug", "title", "module", "pass_mark", "max_attempts", "time_limit_minutes",
                  "reveal_answers", "one_question_per_page"]


class OptionOutput(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField()
    chosen = serializers.BooleanField()
    place = serializers.IntegerField(allow_null=True)
    matched = serializers.CharField()


class RevealedOptionOutput(OptionOutput):
    is_correct = serializers.BooleanField()
    correct_place = serializers.IntegerField(allow_null=True)
    correct_category = serializers.CharField()
    feedback = serializers.CharField()


class QuestionOutput(serializers.Serializer):
    id = serializers.IntegerField(source="question.id")
    number = serializers.IntegerField()
    kind = serializers.CharField(source="question.kind")
    prompt = serializers.CharField(source="question.prompt")
    scenario = serializers.CharField(source="question.scenario")
    points = serializers.IntegerField(source="question.points")
    categories = serializers.ListField(child=serializers.CharField())
    options = serializers.SerializerMethodField()
    points_awarded = serializers.DecimalField(source="points", max_digits=6, decimal_places=2, allow_null=True)
    correct = serializers.BooleanField(allow_null=True)
    explanation = serializers.CharField()

    @extend_schema_field(RevealedOptionOutput(many=True))
    def get_options(self, view):
        serializer = RevealedOptionOutput if self.context.get("reveal") else OptionOutput
        return serializer(view.options, many=True).data


class AttemptSummaryOutput(serializers.ModelSerializer):
    quiz = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Attempt
        fields = ["id", "quiz", "number", "status", "started_at", "deadline", "submitted_at", "points",
                  "max_points", "percent", "passed"]


class AttemptOutput(AttemptSummaryOutput):
    answers_revealed = serializers.SerializerMethodField()
    questions = serializers.SerializerMethodField()

    class Meta(AttemptSummaryOutput.Meta):
        fields = [*AttemptSummaryOutput.Meta.fields, "answers_revealed", "questions"]

    def get_answers_revealed(self, attempt) -> bool:
        return self.context["reveal"]

    @extend_schema_field(QuestionOutput(many=True))
    def get_questions(self, attempt):
        views = selectors.attempt_questions(attempt, reveal=self.context["reveal"])
        return QuestionOutput(views, many=True, context=self.context).data


class AnswersInput(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text='Question id to answer: {"choices": ["2"]}, {"order": ["3", "1", "2"]} or '
                  '{"matches": {"1": "Category"}}; options are named by their "key" in the attempt.',
    )


def attempt_response(attempt, status=HTTPStatus.OK):
    reveal = selectors.answers_revealed(attempt)
    return Response(AttemptOutput(attempt, context={"reveal": reveal}).data, status=status)


class ModuleQuizListApi(APIView):
    @extend_schema(responses=QuizOutput(many=True), summary="A module's quizzes")
    def get(self, request, module_id):
        module = get_object_or_404(Module.objects.filter(readable(request.user, "course")), id=module_id)
        return Response(QuizOutput(module.quizzes.select_related("module"), many=True).data)


class AttemptStartApi(APIView):
    @extend_schema(request=None, responses={201: AttemptOutput, 200: AttemptOutput},
                   summary="Start an attempt, or get my open one")
    def post(self, request, quiz_id):
        quiz = get_object_or_404(Quiz.objects.select_related("course").filter(readable(request.user, "course")),
                                 id=quiz_id)
        attempt, created = services.attempt_start(user=request.user, quiz=quiz)
        return attempt_response(attempt, HTTPStatus.CREATED if created else HTTPStatus.OK)


class AttemptDetailApi(APIView):
    @extend_schema(responses=AttemptOutput, summary="One of my attempts, with its result once submitted")
    def get(self, request, attempt_id):
        return attempt_response(selectors.my_attempt(user=request.user, attempt_id=attempt_id))


class AttemptSubmitApi(APIView):
    @extend_schema(request=AnswersInput, responses=AttemptOutput, summary="Submit answers; graded at once")
    def post(self, request, attempt_id):
        data = AnswersInput(data=request.data)
        data.is_valid(raise_exception=True)
        attempt, _ = services.attempt_submit(user=request.user, attempt_id=attempt_id,
                                             answers=data.validated_data["answers"])
        return attempt_response(attempt)


@extend_schema(summary="My attempts, newest first")
class MyAttemptListApi(generics.ListAPIView):
    serializer_class = AttemptSummaryOutput

    def get_queryset(self):
        return Attempt.objects.filter(user=self.request.user).select_related("quiz").order_by("-started_at", "-id")


class ExerciseOutput(serializers.ModelSerializer):
    module = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    rubric = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = RewriteExercise
        fields = ["id", "slug", "title", "module", "scenario", "customer", "poor_reply", "instructions", "rubric"]


class FindingOutput(serializers.Serializer):
    key = serializers.CharField()
    check = serializers.CharField()
    met = serializers.BooleanField(allow_null=True)
    message = serializers.CharField()
    spans = serializers.ListField(child=serializers.ListField(child=serializers.IntegerField()))
    lesson = serializers.CharField(allow_null=True)


class SubmissionOutput(serializers.ModelSerializer):
    exercise = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    findings = FindingOutput(many=True)

    class Meta:
        model = Submission
        fields = ["id", "exercise", "number", "text", "score", "passed", "findings", "created_at"]


class SubmissionInput(serializers.Serializer):
    text = TextField(allow_blank=True, trim_whitespace=False,
                                 help_text=f"The rewritten reply, at most {rewrites.MAX_REPLY_CHARS} characters.")


class ModuleExerciseListApi(APIView):
    @extend_schema(responses=ExerciseOutput(many=True), summary="A module's rewrite exercises")
    def get(self, request, module_id):
        module = get_object_or_404(Module.objects.filter(readable(request.user, "course")), id=module_id)
        return Response(ExerciseOutput(module.exercises.select_related("module", "rubric"), many=True).data)


class SubmissionCreateApi(APIView):
    @extend_schema(
        request=SubmissionInput, responses={201: SubmissionOutput, 200: SubmissionOutput},
        summary="Submit a rewrite; graded at once",
        description="Send an Idempotency-Key header to make a retried request save once (200 on a repeat).",
    )
    def post(self, request, exercise_id):
        exercise = get_object_or_404(
            RewriteExercise.objects.select_related("rubric").filter(readable(request.user, "course")), id=exercise_id)
        data = SubmissionInput(data=request.data)
        data.is_valid(raise_exception=True)
        submission, created = rewrites.submission_create(
            user=request.user, exercise=exercise, text=data.validated_data["text"],
            token=request.headers.get("Idempotency-Key", ""),
        )
        return Response(SubmissionOutput(submission).data, status=HTTPStatus.CREATED if created else HTTPStatus.OK)


class SubmissionDetailApi(APIView):
    @extend_schema(responses=SubmissionOutput, summary="One of my rewrite submissions")
    def get(self, request, submission_id):
        return Response(SubmissionOutput(selectors.my_submission(user=request.user, submission_id=submission_id)).data)


@extend_schema(summary="My rewrite submissions, newest first")
class MySubmissionListApi(generics.ListAPIView):
    serializer_class = SubmissionOutput

    def get_queryset(self):
        return Submission.objects.filter(user=self.request.user).select_related("exercise")
