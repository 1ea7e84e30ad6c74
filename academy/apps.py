from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AcademyConfig(AppConfig):
    default = True
    name = "academy"
    verbose_name = "Academy"


class AcademyAdminConfig(admin_apps.AdminConfig):
    # The admin's sign-in page would otherwise let anyone guess passwords without limit.
    default = False
    default_site = "academy.admin_site.AcademyAdminSite"
