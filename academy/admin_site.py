"""The admin site, with the same limit on password guessing as the site's own sign-in page."""

from django.contrib import admin

from accounts.signin import AdminSignInForm, refused_status


class AcademyAdminSite(admin.AdminSite):
    login_form = AdminSignInForm

    def login(self, request, extra_context=None):
        return refused_status(super().login(request, extra_context))
