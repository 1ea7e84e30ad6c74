"""Do now, in this process, the certificate work lost tasks left undone.

The beat schedule runs the sweep task in production; embedded mode has no beat,
so this command is the way to catch up there (or from cron).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from academy.errors import ApplicationError
from certificates import selectors, services


class Command(BaseCommand):
    help = "Issue the certificates and build the exports that lost tasks left undone."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-minutes", type=int, default=15,
                            help="Leave alone work younger than this: its task may still be running.")

    def handle(self, *args, older_than_minutes, **options):
        older_than = timedelta(minutes=older_than_minutes)
        issued = failed = 0
        for enrollment_id in selectors.certificates_pending(older_than=older_than):
            try:
                services.certificate_issue(enrollment_id=enrollment_id)
                issued += 1
            except (ApplicationError, OSError) as error:
                failed += 1
                self.stderr.write(f"Enrollment {enrollment_id}: {error}")
        for export_id in selectors.exports_pending(older_than=older_than):
            services.certificate_export_build(export_id=export_id)
        self.stdout.write(f"{issued} certificates issued, {failed} failed.")
