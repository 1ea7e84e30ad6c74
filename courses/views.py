from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from courses import selectors, services


def catalog(request):
    return render(request, "courses/catalog.html", {"courses": selectors.published_courses()})


def course_detail(request, course_slug):
    course = selectors.published_course(course_slug, request.user)
    outline = selectors.course_outline(course=course, user=request.user)
    newer = None if course.published else selectors.newer_version(course)
    return render(request, "courses/course_detail.html", {"course": course, "outline": outline, "newer": newer})


@login_required
@require_POST
def course_enroll(request, course_slug):
    course = selectors.published_course(course_slug)
    _, created = services.enrollment_create(user=request.user, course=course)
    if created:
        messages.success(request, f"You are enrolled in {course.title}.")
    outline = selectors.course_outline(course=course, user=request.user)
    return redirect(outline.next_lesson or course)


@login_required
def lesson_detail(request, course_slug, module_slug, lesson_slug):
    course = selectors.published_course(course_slug, request.user)
    lesson = selectors.lesson_for_reading(course=course, module_slug=module_slug, lesson_slug=lesson_slug)
    outline = selectors.course_outline(course=course, user=request.user)
    previous, following = outline.neighbours(lesson)
    done = any(entry.done for entry in outline.lessons if entry.lesson.id == lesson.id)
    return render(request, "courses/lesson_detail.html", {
        "course": course, "lesson": lesson, "outline": outline, "done": done,
        "previous": previous, "next": following,
    })


@login_required
@require_POST
def lesson_complete(request, course_slug, module_slug, lesson_slug):
    course = selectors.published_course(course_slug, request.user)
    lesson = selectors.lesson_for_reading(course=course, module_slug=module_slug, lesson_slug=lesson_slug)
    services.lesson_complete(user=request.user, lesson=lesson)
    following = selectors.lesson_following(course=course, lesson=lesson)
    if following is None:
        messages.success(request, "Lesson complete. That was the last lesson of the course.")
        return redirect(course)
    messages.success(request, f"Lesson complete. Next: {following.title}.")
    return redirect(following)


@login_required
def dashboard(request):
    outlines = selectors.learner_dashboard(user=request.user)
    resume = next((o for o in outlines if o.next_item), None)
    return render(request, "courses/dashboard.html", {"outlines": outlines, "resume": resume})
