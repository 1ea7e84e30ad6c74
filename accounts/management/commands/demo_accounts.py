from django.core.management.base import BaseCommand, CommandError

from academy.errors import ApplicationError
from accounts.services import demo_accounts_create


class Command(BaseCommand):
    help = "Create or reset the demo accounts (embedded mode only) and print their new passwords once."

    def handle(self, *args, **options):
        try:
            accounts = demo_accounts_create()
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write("Demo accounts (passwords are new on every run and shown only here):")
        for account in accounts:
            self.stdout.write(f"  {account.role:<8} username: {account.username:<8} password: {account.password}")
