"""Grade replies in bulk: JSON lines in, JSON lines out (the grader contract of DESIGN.md)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from quizzes import grading
from quizzes.models import Rubric
from quizzes.rewrites import MAX_REPLY_CHARS, grading_rubric


class Command(BaseCommand):
    help = ('Grade replies with a rubric. Reads JSON lines {"id", "text", "customer"?} and writes '
            '{"id", "score", "passed", "criteria": [{"key", "met", "message", "spans"}]}.')

    def add_arguments(self, parser):
        parser.add_argument("--rubric", required=True, help="The rubric's slug, e.g. service-recovery.")
        parser.add_argument("--input", help="A JSON-lines file; standard input when omitted.")
        parser.add_argument("--output", help="Where to write; standard output when omitted.")

    def handle(self, *args, rubric, input=None, output=None, **options):
        found = Rubric.objects.filter(slug=rubric).first()
        if found is None:
            known = ", ".join(Rubric.objects.values_list("slug", flat=True)) or "none (run load_course first)"
            raise CommandError(f"No rubric {rubric!r}. Known rubrics: {known}.")
        graded_rubric = grading_rubric(found)
        source = open(input, encoding="utf-8") if input else sys.stdin
        target = open(output, "w", encoding="utf-8") if output else self.stdout
        try:
            for number, line in enumerate(source, start=1):
                if line.strip():
                    target.write(json.dumps(self.grade_line(graded_rubric, line, number)) + "\n")
        finally:
            if input:
                source.close()
            if output:
                target.close()

    def grade_line(self, rubric, line, number):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CommandError(f"Line {number}: not valid JSON ({exc.msg}).") from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise CommandError(f'Line {number}: expected an object with a "text" string.')
        if len(item["text"]) > MAX_REPLY_CHARS:
            raise CommandError(f"Line {number}: text is over {MAX_REPLY_CHARS} characters.")
        context = grading.Context(customer=item.get("customer") or "")
        return {"id": item.get("id"), **grading.grade(item["text"], rubric, context).to_dict()}
