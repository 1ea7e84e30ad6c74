"""Accounts: signing up, the Trainers group, and the demo accounts of embedded mode."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from academy.errors import ApplicationError

TRAINERS_GROUP = "Trainers"
AUTHORING = ("add", "change", "delete", "view")
# What authoring needs, and nothing more: course content, quizzes, rubrics, exercises and their
# calibration samples, and the review requests learners send (the one place a trainer reads a
# learner's rewrite, because the learner asked). Not users, enrollments, progress, attempts,
# submissions, certificates or organizations.
TRAINER_PERMISSIONS = {
    "courses": {"course": AUTHORING, "module": AUTHORING, "lesson": AUTHORING},
    "quizzes": {
        "quiz": AUTHORING, "question": AUTHORING, "choice": AUTHORING, "rubric": AUTHORING,
        "criterion": AUTHORING, "rewriteexercise": AUTHORING, "calibrationsample": AUTHORING,
        "reviewrequest": ("change", "view"),
    },
}


def trainers_group_ensure():
    """Create or refresh the Trainers group with exactly the authoring permissions."""
    group, _ = Group.objects.get_or_create(name=TRAINERS_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label__in=TRAINER_PERMISSIONS,
    ).select_related("content_type")
    wanted = [
        p for p in permissions
        if p.codename.split("_", 1)[0] in TRAINER_PERMISSIONS[p.content_type.app_label].get(p.content_type.model, ())
    ]
    group.permissions.set(wanted)
    return group


@dataclass
class DemoAccount:
    role: str
    username: str
    password: str


DEMO_ROLES = [
    ("learner", "Lena", "Learner"),
    ("hr", "Harriet", "Manager"),
    ("trainer", "Tom", "Trainer"),
    ("admin", "Ada", "Admin"),
]


def demo_accounts_create():
    """Create or reset the four demo accounts with fresh random passwords.

    Refused in production mode: demo accounts are for a local trial only, and
    their passwords exist only in the output of the run that made them.
    """
    if settings.PRODUCTION:
        raise ApplicationError("Demo accounts are not created in production mode.", code="production")
    from organizations.services import demo_organization_ensure

    User = get_user_model()
    accounts = []
    with transaction.atomic():
        for username, first, last in DEMO_ROLES:
            user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
            user.first_name, user.last_name = first, last
            user.is_staff = username in {"trainer", "admin"}
            user.is_superuser = username == "admin"
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            accounts.append(DemoAccount(username, username, password))
        User.objects.get(username="trainer").groups.add(trainers_group_ensure())
        demo_organization_ensure(hr=User.objects.get(username="hr"), learner=User.objects.get(username="learner"))
    return accounts
