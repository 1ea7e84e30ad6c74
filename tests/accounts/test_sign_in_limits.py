"""Password guessing: wrong passwords are counted per account and per address, then sign-in is refused."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings):
    settings.SIGNIN_FAILURES_PER_ACCOUNT = 3
    settings.SIGNIN_FAILURES_PER_ADDRESS = 5
    settings.SIGNIN_FAILURE_WINDOW = 600
    return settings


def sign_in(username, password, *, address="10.1.1.1", url=None):
    client = Client(REMOTE_ADDR=address)
    response = client.post(url or reverse("accounts:login"), {"username": username, "password": password})
    return client, response


def signed_in(client):
    return "_auth_user_id" in client.session


def test_after_the_accounts_limit_even_the_right_password_is_refused_with_a_clear_message(limits):
    UserFactory(username="lena")
    for _ in range(limits.SIGNIN_FAILURES_PER_ACCOUNT):
        _, response = sign_in("lena", "guess")
        assert response.status_code == HTTPStatus.OK  # the usual "wrong password" form

    client, response = sign_in("lena", PASSWORD)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Retry-After"] == "600"
    assert "Too many failed sign-ins" in response.content.decode()
    assert "paused for 10 minutes" in response.content.decode()
    assert not signed_in(client)


def test_guesses_from_many_addresses_count_against_the_one_account(limits):
    UserFactory(username="lena")
    for n in range(limits.SIGNIN_FAILURES_PER_ACCOUNT):
        sign_in("LENA ", "guess", address=f"10.2.0.{n}")  # the name as typed: case and spaces do not matter

    _, response = sign_in("lena", PASSWORD, address="10.2.1.1")

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_one_address_guessing_across_accounts_is_stopped_for_every_account(limits):
    UserFactory(username="otto")
    for n in range(limits.SIGNIN_FAILURES_PER_ADDRESS):
        sign_in(f"someone{n}", "guess")

    _, refused = sign_in("otto", PASSWORD)
    client, elsewhere = sign_in("otto", PASSWORD, address="10.9.9.9")

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert elsewhere.status_code == HTTPStatus.FOUND and signed_in(client)


def test_a_success_clears_the_accounts_count(limits):
    UserFactory(username="lena")
    for _ in range(limits.SIGNIN_FAILURES_PER_ACCOUNT - 1):
        sign_in("lena", "typo", address="10.3.0.1")
    sign_in("lena", PASSWORD, address="10.3.0.2")
    for _ in range(limits.SIGNIN_FAILURES_PER_ACCOUNT - 1):
        sign_in("lena", "typo", address="10.3.0.3")

    client, response = sign_in("lena", PASSWORD, address="10.3.0.4")

    assert response.status_code == HTTPStatus.FOUND and signed_in(client)


def test_the_admins_sign_in_page_has_the_same_limit(limits):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(limits.SIGNIN_FAILURES_PER_ACCOUNT):
        assert sign_in("root", "guess", url=url)[1].status_code == HTTPStatus.OK

    client, response = sign_in("root", PASSWORD, url=url)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many failed sign-ins" in response.content.decode()
    assert not signed_in(client)


def test_a_learner_with_the_right_password_at_the_admin_is_not_counted_as_guessing(limits):
    UserFactory(username="lena")
    for _ in range(limits.SIGNIN_FAILURES_PER_ACCOUNT + 1):
        sign_in("lena", PASSWORD, url=reverse("admin:login"))

    client, response = sign_in("lena", PASSWORD)

    assert response.status_code == HTTPStatus.FOUND and signed_in(client)


