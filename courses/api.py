"""The courses API: catalog, outlines with my progress, enrolling and completing lessons."""

from http import HTTPStatus

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import selectors, services
from courses.models import Lesson


class CourseListOutput(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    version = serializers.IntegerField()
    lesson_count = serializers.IntegerField()
    minutes_total = serializers.IntegerField(allow_null=True)


class LessonEntryOutput(serializers.Serializer):
    id = serializers.IntegerField(source="lesson.id")
    slug = serializers.SlugField(source="lesson.slug")
    required = serializers.BooleanField(source="lesson.required")
    title = serializers.CharField(source="lesson.title")
    minutes = serializers.IntegerField(source="lesson.minutes")
    credit = serializers.CharField(source="lesson.credit")
    done = serializers.BooleanField()


class ActivityOutput(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    required = serializers.BooleanField()
    done = serializers.BooleanField()


class ModuleEntryOutput(serializers.Serializer):
    slug = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    percent = serializers.IntegerField()
    required_count = serializers.IntegerField()
    done_count = serializers.IntegerField()
    lessons = LessonEntryOutput(many=True)
    quizzes = ActivityOutput(many=True)
    exercises = ActivityOutput(many=True)

    def get_slug(self, entry) -> str | None:
        return entry.module.slug if entry.module else None

    def get_title(self, entry) -> str:
        return entry.module.title if entry.module else "Final assessment"


class OutlineOutput(serializers.Serializer):
    slug = serializers.SlugField(source="course.slug")
    title = serializers.CharField(source="course.title")
    summary = serializers.CharField(source="course.summary")
    enrolled = serializers.SerializerMethodField()
    completed_at = serializers.DateTimeField(source="enrollment.completed_at", allow_null=True, default=None)
    percent = serializers.IntegerField()
    next_lesson_id = serializers.SerializerMethodField()
    modules = ModuleEntryOutput(many=True)

    def get_enrolled(self, outline) -> bool:
        return outline.enrollment is not None

    def get_next_lesson_id(self, outline) -> int | None:
        return outline.next_lesson.id if outline.next_lesson else None


class EnrollmentOutput(serializers.Serializer):
    course = serializers.SlugField(source="course.slug")
    enrolled_at = serializers.DateTimeField()


class ProgressOutput(serializers.Serializer):
    lesson_id = serializers.IntegerField(source="lesson.id")
    completed_at = serializers.DateTimeField()


class MyEnrollmentOutput(serializers.Serializer):
    course = serializers.SlugField(source="course.slug")
    title = serializers.CharField(source="course.title")
    percent = serializers.IntegerField()
    done_count = serializers.IntegerField()
    total = serializers.IntegerField()
    completed_at = serializers.DateTimeField(source="enrollment.completed_at", allow_null=True)
    next_lesson_id = serializers.SerializerMethodField()

    def get_next_lesson_id(self, outline) -> int | None:
        return outline.next_lesson.id if outline.next_lesson else None


class CourseListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=CourseListOutput(many=True), summary="Published courses")
    def get(self, request):
        return Response(CourseListOutput(selectors.published_courses(), many=True).data)


class CourseDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=OutlineOutput, summary="A course's outline, with my progress when signed in")
    def get(self, request, course_slug):
        course = selectors.published_course(course_slug)
        return Response(OutlineOutput(selectors.course_outline(course=course, user=request.user)).data)


class EnrollmentCreateApi(APIView):
    @extend_schema(request=None, responses={201: EnrollmentOutput, 200: EnrollmentOutput}, summary="Enroll me")
    def post(self, request, course_slug):
        course = selectors.published_course(course_slug)
        enrollment, created = services.enrollment_create(user=request.user, course=course)
        return Response(EnrollmentOutput(enrollment).data, status=HTTPStatus.CREATED if created else HTTPStatus.OK)


class LessonCompleteApi(APIView):
    @extend_schema(request=None, responses={201: ProgressOutput, 200: ProgressOutput}, summary="Mark a lesson complete")
    def post(self, request, lesson_id):
        lesson = get_object_or_404(
            Lesson.objects.select_related("module__course").filter(selectors.readable(request.user, "module__course")),
            id=lesson_id)
        progress, created = services.lesson_complete(user=request.user, lesson=lesson)
        return Response(ProgressOutput(progress).data, status=HTTPStatus.CREATED if created else HTTPStatus.OK)


class MyEnrollmentsApi(APIView):
    @extend_schema(responses=MyEnrollmentOutput(many=True), summary="My enrollments and progress")
    def get(self, request):
        return Response(MyEnrollmentOutput(selectors.learner_dashboard(user=request.user), many=True).data)
