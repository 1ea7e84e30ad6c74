"""Inviting people without an account: the e-mail, then signing up or in, joining, and the team's assignments."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from academy.errors import ApplicationError
from organizations import services, tasks
from organizations.models import Assignee, Invitation, Membership
from tests.factories import UserFactory
from tests.organizations.conftest import client_for, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(organization, team, hr, course):
    services.assignment_create(organization=organization, course=course, assigned_by=hr, teams=[team],
                               due_within_days=21)
    return services.invitation_create(organization=organization, email="New.Person@example.com", team=team,
                                      invited_by=hr)


def test_the_invitation_mail_has_a_text_and_an_html_part_with_the_link(invitation, settings):
    settings.SITE_URL = "https://academy.example"

    assert tasks.invitation_send.run(invitation.id) is True
    assert tasks.invitation_send.run(invitation.id) is False  # a redelivered task sends nothing

    (message,) = mail.outbox
    link = f"https://academy.example/invitations/{invitation.token}/"
    assert message.to == ["New.Person@example.com"]
    assert message.subject == "You are invited to join Acme Contact on Academy"
    assert link in message.body
    assert link in message.alternatives[0][0] and message.alternatives[0][1] == "text/html"


def test_inviting_again_renews_the_link_and_sends_it_anew(invitation, organization, hr):
    services.invitation_send(invitation_id=invitation.id)
    renewed = services.invitation_create(organization=organization, email="new.person@example.com", invited_by=hr)

    assert renewed.id == invitation.id and renewed.token != invitation.token
    assert services.invitation_send(invitation_id=invitation.id) is True
    assert len(mail.outbox) == 2
    assert Invitation.objects.count() == 1


def test_a_member_cannot_be_invited(organization, hr):
    member(organization, "ada")

    with pytest.raises(ApplicationError):
        services.invitation_create(organization=organization, email="ADA@example.com", invited_by=hr)


def test_signing_up_from_the_invitation_joins_the_team_with_its_assignments(invitation, organization, team, course):
    client = Client()
    url = reverse("organizations:invitation-accept", args=[invitation.token])

    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert f"{reverse('accounts:signup')}?next={url}" in page.content.decode().replace("%2F", "/")

    signup = client.post(reverse("accounts:signup"), {
        "username": "newperson", "first_name": "New", "last_name": "Person", "email": "new.person@example.com",
        "password1": "a-long-test-password-42", "password2": "a-long-test-password-42", "next": url,
    })
    assert signup.status_code == HTTPStatus.FOUND and signup.url == url
    joined = client.post(url)

    assert joined.status_code == HTTPStatus.FOUND
    membership = Membership.objects.get(user__username="newperson")
    assert (membership.organization, membership.team, membership.role) == (organization, team, "learner")
    assignee = Assignee.objects.get(membership=membership)
    assert (assignee.course, assignee.due_on) == (course, timezone.localdate() + timedelta(days=21))
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.accepted_by == membership.user


def test_an_existing_account_signs_in_and_joins(invitation, organization):
    user = UserFactory(username="existing", email="new.person@example.com")
    client = client_for(user)

    client.post(reverse("organizations:invitation-accept", args=[invitation.token]))

    assert Membership.objects.filter(user=user, organization=organization).exists()


def test_posting_while_signed_out_leads_to_sign_in(invitation):
    response = Client().post(reverse("organizations:invitation-accept", args=[invitation.token]))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("accounts:login"))
    assert not Membership.objects.filter(user__email__iexact=invitation.email).exists()


def test_another_account_cannot_use_the_link(invitation, organization):
    intruder = UserFactory(username="intruder")

    response = client_for(intruder).post(reverse("organizations:invitation-accept", args=[invitation.token]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Membership.objects.filter(user=intruder).exists()


def test_an_expired_or_used_invitation_is_refused(invitation):
    user = UserFactory(username="existing", email="new.person@example.com")
    client = client_for(user)
    url = reverse("organizations:invitation-accept", args=[invitation.token])
    Invitation.objects.filter(id=invitation.id).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert client.post(url).status_code == HTTPStatus.GONE
    Invitation.objects.filter(id=invitation.id).update(expires_at=timezone.now() + timedelta(days=1))
    assert client.post(url).status_code == HTTPStatus.FOUND
    assert client.post(url).status_code == HTTPStatus.NOT_FOUND


def test_an_unknown_token_is_not_found(db):
    assert Client().get(reverse("organizations:invitation-accept", args=["nope"])).status_code == HTTPStatus.NOT_FOUND


def test_the_invite_page_creates_the_invitation(hr_client, organization, team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = hr_client.post(reverse("organizations:invite", args=[organization.slug]),
                                  {"email": "someone@example.com", "team": team.id})

    assert response.status_code == HTTPStatus.FOUND
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.team) == ("someone@example.com", team)
    assert len(callbacks) == 1  # the mail is queued for after commit
