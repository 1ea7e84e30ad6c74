from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

FORM = {
    "username": "newcomer", "first_name": "Nia", "last_name": "Okafor", "email": "nia@example.com",
    "password1": "correct-horse-battery-9", "password2": "correct-horse-battery-9",
}


def test_signing_up_creates_the_account_and_signs_in(client, db):
    response = client.post(reverse("accounts:signup"), {**FORM, "next": "/dashboard/"})

    assert response.status_code == HTTPStatus.FOUND and response.url == "/dashboard/"
    user = get_user_model().objects.get(username="newcomer")
    assert user.get_full_name() == "Nia Okafor"
    assert client.get(reverse("courses:dashboard")).status_code == HTTPStatus.OK


def test_sign_up_reports_every_field_error_at_once_and_creates_nothing(client, db):
    UserFactory(username="taken", email="nia@example.com")
    bad = {**FORM, "username": "taken", "password2": "something-else-entirely", "first_name": ""}

    response = client.post(reverse("accounts:signup"), bad)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    body = response.content.decode()
    assert "A user with that username already exists." in body
    assert "An account with this e-mail already exists." in body
    assert "password fields didn\u2019t match" in body
    assert "This field is required." in body
    assert not get_user_model().objects.filter(first_name="Nia").exists()


def test_sign_up_ignores_a_next_address_on_another_site(client, db):
    response = client.post(reverse("accounts:signup"), {**FORM, "next": "https://evil.example/"})

    assert response.url == reverse("courses:catalog")


def test_signing_in_brings_the_learner_back_to_the_page_they_asked_for(client, db):
    UserFactory(username="lena")

    response = client.post(reverse("accounts:login"), {"username": "lena", "password": PASSWORD, "next": "/dashboard/"})

    assert response.status_code == HTTPStatus.FOUND and response.url == "/dashboard/"


def test_a_wrong_password_is_refused(client, db):
    UserFactory(username="lena")

    response = client.post(reverse("accounts:login"), {"username": "lena", "password": "wrong"})

    assert response.status_code == HTTPStatus.OK
    assert b"Please enter a correct username and password" in response.content
