from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _trainers_group_refresh(sender, **kwargs):
    # Sent for each app after `migrate`; Django's own handler has made an app's permissions by the
    # time ours runs, and quizzes comes after courses, so both apps' permissions exist here.
    if sender.label == "quizzes":
        from accounts.services import trainers_group_ensure

        trainers_group_ensure()


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        post_migrate.connect(_trainers_group_refresh, dispatch_uid="accounts.trainers_group")
