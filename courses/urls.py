from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("courses/<slug:course_slug>/", views.course_detail, name="course-detail"),
    path("courses/<slug:course_slug>/enroll/", views.course_enroll, name="course-enroll"),
    path("courses/<slug:course_slug>/<slug:module_slug>/<slug:lesson_slug>/", views.lesson_detail, name="lesson-detail"),
    path(
        "courses/<slug:course_slug>/<slug:module_slug>/<slug:lesson_slug>/complete/",
        views.lesson_complete,
        name="lesson-complete",
    ),
]
