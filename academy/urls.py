from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from academy.views import health

from certificates import urls as certificates_urls
from courses import api as courses_api
from organizations import urls as organizations_urls
from quizzes import api as quizzes_api

api_v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("courses/", courses_api.CourseListApi.as_view(), name="course-list"),
    path("courses/<slug:course_slug>/", courses_api.CourseDetailApi.as_view(), name="course-detail"),
    path("courses/<slug:course_slug>/enrollment/", courses_api.EnrollmentCreateApi.as_view(), name="enrollment-create"),
    path("lessons/<int:lesson_id>/completion/", courses_api.LessonCompleteApi.as_view(), name="lesson-complete"),
    path("me/enrollments/", courses_api.MyEnrollmentsApi.as_view(), name="my-enrollments"),
    path("modules/<int:module_id>/quizzes/", quizzes_api.ModuleQuizListApi.as_view(), name="module-quizzes"),
    path("quizzes/<int:quiz_id>/attempts/", quizzes_api.AttemptStartApi.as_view(), name="attempt-start"),
    path("attempts/<int:attempt_id>/", quizzes_api.AttemptDetailApi.as_view(), name="attempt-detail"),
    path("attempts/<int:attempt_id>/submission/", quizzes_api.AttemptSubmitApi.as_view(), name="attempt-submit"),
    path("me/attempts/", quizzes_api.MyAttemptListApi.as_view(), name="my-attempts"),
    path("modules/<int:module_id>/exercises/", quizzes_api.ModuleExerciseListApi.as_view(), name="module-exercises"),
    path("exercises/<int:exercise_id>/submissions/", quizzes_api.SubmissionCreateApi.as_view(),
         name="submission-create"),
    path("submissions/<int:submission_id>/", quizzes_api.SubmissionDetailApi.as_view(), name="submission-detail"),
    path("me/submissions/", quizzes_api.MySubmissionListApi.as_view(), name="my-submissions"),
    *certificates_urls.api_urlpatterns,
    *organizations_urls.api_urlpatterns,
]

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", include((api_v1, "api"))),
    # Before courses: its lesson pattern would otherwise take /courses/<course>/quizzes/<quiz>/.
    path("", include("quizzes.urls")),
    path("", include("courses.urls")),
    path("", include("certificates.urls")),
    path("", include("organizations.urls")),
]

handler400 = "academy.views.bad_request"
handler403 = "academy.views.permission_denied"
handler404 = "academy.views.page_not_found"
handler500 = "academy.views.server_error"
