from django.urls import path

from quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("courses/<slug:course_slug>/quizzes/<slug:quiz_slug>/", views.quiz_detail, name="quiz-detail"),
    path("courses/<slug:course_slug>/quizzes/<slug:quiz_slug>/attempts/", views.attempt_start, name="attempt-start"),
    path("courses/<slug:course_slug>/exercises/<slug:exercise_slug>/", views.exercise_detail, name="exercise-detail"),
    path("submissions/<int:submission_id>/", views.submission_detail, name="submission-detail"),
    path("submissions/<int:submission_id>/review/", views.review_request, name="review-request"),
    path("attempts/<int:attempt_id>/", views.attempt_detail, name="attempt-detail"),
    path("attempts/<int:attempt_id>/submit/", views.attempt_submit, name="attempt-submit"),
]
