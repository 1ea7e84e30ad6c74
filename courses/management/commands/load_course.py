from django.core.management.base import BaseCommand, CommandError

from courses.content import BUILTIN_CONTENT_DIR, ContentError
from courses.services import course_import


class Command(BaseCommand):
    help = "Create or update a course from its folder of files (see courses/content/FORMAT.md). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="The course folder. Without it: every built-in course.")

    def handle(self, *args, path=None, **options):
        folders = [path] if path else sorted(p for p in BUILTIN_CONTENT_DIR.iterdir() if (p / "course.yaml").is_file())
        for folder in folders:
            try:
                report = course_import(folder=folder)
            except ContentError as exc:
                raise CommandError(f"Nothing was changed. {exc}") from None
            self.stdout.write(report.summary())
