from django.core.management.base import BaseCommand, CommandError

from courses.export import write_course
from courses.models import Course


class Command(BaseCommand):
    help = "Write a course to the files format of courses/content/, for review in version control or load_course."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the course's slug")
        parser.add_argument("folder", help="where to write it (created if missing)")

    def handle(self, *args, slug, folder, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"There is no course {slug!r}. Courses: {', '.join(Course.objects.values_list('slug', flat=True))}")
        written = write_course(course, folder)
        self.stdout.write(f"{slug}: {len(written)} files written to {folder}")
