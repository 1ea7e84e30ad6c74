"""A small site with one of everything, owned by one learner, and the people who may or may not see it.

The permission matrix and the API fuzzing run against it: the owner's attempt, submission,
certificate and organization are what every other role must not reach.
"""

import base64
from dataclasses import dataclass
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from accounts.services import trainers_group_ensure
from certificates import credential
from certificates.services import certificate_export_build, certificate_export_request
from organizations import services as organization_services
from organizations.models import Membership, Organization, Team
from quizzes import rewrites
from quizzes import services as quiz_services
from tests.certificates.factories import issued_certificate
from tests.factories import (
    GOOD_REPLY, EnrollmentFactory, QuizFactory, UserFactory, add_question, course_with_lessons, rewrite_exercise,
)

# In the owner's rewrite only: a page that shows it to anyone but the owner leaks it.
OWNER_SECRET = "Reference OWNER-7Q2X."
ROLES = ("anonymous", "owner", "other_learner", "hr", "hr_elsewhere", "trainer", "admin")
SIGNING_KEY = base64.b64encode(bytes(range(32))).decode()


@dataclass
class World:
    users: dict
    organization: Organization
    other_organization: Organization
    course: object
    lesson: object
    quiz: object
    question: object
    attempt: object
    exercise: object
    submission: object
    certificate: object
    export: object
    membership: Membership
    other_membership: Membership
    team: Team
    assignment: object
    invitation: object

    def client(self, role):
        """A client signed in as the role (anonymous: signed out), from an address of its own."""
        client = Client(REMOTE_ADDR=f"10.0.0.{ROLES.index(role) + 1}", raise_request_exception=False)
        if self.users.get(role) is not None:
            client.force_login(self.users[role])
        return client

    def url_argument(self, name):
        """The value of a URL's parameter, by the parameter's name: always the owner's object."""
        return {
            "course_slug": self.course.slug, "module_slug": self.lesson.module.slug, "lesson_slug": self.lesson.slug,
            "quiz_slug": self.quiz.slug, "exercise_slug": self.exercise.slug, "lesson_id": self.lesson.id,
            "module_id": self.lesson.module_id, "quiz_id": self.quiz.id, "attempt_id": self.attempt.id,
            "exercise_id": self.exercise.id, "submission_id": self.submission.id,
            "certificate_id": self.certificate.id, "code": self.certificate.code, "export_id": self.export.id,
            "org_slug": self.organization.slug, "assignment_id": self.assignment.id,
            "membership_id": self.membership.id, "token": self.invitation.token,
            "object_id": self.submission.id,
        }[name]

    def credential_document(self):
        return credential.credential_for(self.certificate)


def _member(organization, username, role=Membership.Role.LEARNER, **fields):
    user = UserFactory(username=username, **fields)
    return Membership.objects.create(user=user, organization=organization, role=role)


def world_build():
    """The world: call it with the database open and the certificate settings of world_settings."""
    organization = Organization.objects.create(name="Acme Contact", slug="acme")
    other_organization = Organization.objects.create(name="Globex Support", slug="globex")
    membership = _member(organization, "lena", first_name="Lena", last_name="Owner")
    other_membership = _member(organization, "otto", first_name="Otto", last_name="Peer")
    hr = _member(organization, "hanna", Membership.Role.HR).user
    hr_elsewhere = _member(other_organization, "gus", Membership.Role.HR).user
    trainer = UserFactory(username="tom", is_staff=True)
    trainer.groups.add(trainers_group_ensure())
    admin = UserFactory(username="ada", is_staff=True, is_superuser=True)
    owner, other = membership.user, other_membership.user

    course, lessons = course_with_lessons(2, title="Handling upset callers")
    team = Team.objects.create(organization=organization, name="Night shift")
    assignment = organization_services.assignment_create(
        organization=organization, course=course, assigned_by=hr, memberships=[membership],
        due_on=timezone.localdate() + timedelta(days=10)).assignments[0]
    EnrollmentFactory(user=other, course=course)
    quiz = QuizFactory(course=course, module=lessons[0].module, shuffle=False, max_attempts=None)
    question = add_question(quiz, "single", [("Own the problem", True), ("Quote the policy", False)])
    attempt, _ = quiz_services.attempt_start(user=owner, quiz=quiz)
    exercise = rewrite_exercise(course, module=lessons[0].module)
    submission, _ = rewrites.submission_create(user=owner, exercise=exercise, text=f"{GOOD_REPLY} {OWNER_SECRET}")

    # The certificate is of a second course the owner has finished, so the first stays in progress.
    certificate = issued_certificate(user=owner)
    _member_of_certificate_course(organization, membership, certificate)
    export, _ = certificate_export_request(user=hr, organization=organization, course=certificate.course)
    certificate_export_build(export_id=export.id)
    export.refresh_from_db()
    invitation = organization_services.invitation_create(organization=organization, email="newcomer@example.com",
                                                         invited_by=hr)
    return World(
        users={"anonymous": None, "owner": owner, "other_learner": other, "hr": hr, "hr_elsewhere": hr_elsewhere,
               "trainer": trainer, "admin": admin},
        organization=organization, other_organization=other_organization, course=course, lesson=lessons[0],
        quiz=quiz, question=question, attempt=attempt, exercise=exercise, submission=submission,
        certificate=certificate, export=export, membership=membership, other_membership=other_membership,
        team=team, assignment=assignment, invitation=invitation,
    )


def _member_of_certificate_course(organization, membership, certificate):
    """Assign the certificate's course too, so the organization's HR has it in their export."""
    organization_services.assignment_create(
        organization=organization, course=certificate.course, assigned_by=None, memberships=[membership],
        due_on=timezone.localdate() + timedelta(days=10))
