import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from organizations.models import Membership


def run_demo_accounts(capsys):
    call_command("demo_accounts")
    out = capsys.readouterr().out
    return dict(re.findall(r"username: (\w+)\s+password: (\S+)", out))


def test_it_creates_four_accounts_whose_printed_passwords_work(db, client, capsys):
    passwords = run_demo_accounts(capsys)

    assert set(passwords) == {"learner", "hr", "trainer", "admin"}
    for username, password in passwords.items():
        assert client.login(username=username, password=password), username
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    trainer = User.objects.get(username="trainer")
    assert trainer.is_staff and not trainer.is_superuser
    assert trainer.has_perm("courses.change_lesson") and not trainer.has_perm("courses.view_enrollment")
    assert Membership.objects.get(user__username="hr").role == Membership.Role.HR


def test_running_it_again_resets_the_passwords_without_duplicating(db, client, capsys):
    first = run_demo_accounts(capsys)
    second = run_demo_accounts(capsys)

    assert get_user_model().objects.count() == 4
    assert first["learner"] != second["learner"]
    assert not client.login(username="learner", password=first["learner"])
    assert client.login(username="learner", password=second["learner"])


def test_it_refuses_in_production_mode(db, settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="not created in production mode"):
        call_command("demo_accounts")
    assert not get_user_model().objects.exists()
