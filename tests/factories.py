import factory
from django.contrib.auth import get_user_model

from courses.models import Course, Enrollment, Lesson, Module
from quizzes.models import Choice, Question, Quiz

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"learner{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    slug = factory.Sequence(lambda n: f"course-{n}")
    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "A course for testing."
    published = True


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    slug = factory.Sequence(lambda n: f"module-{n}")
    title = factory.Sequence(lambda n: f"Module {n}")
    position = factory.Sequence(lambda n: n)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    title = factory.Sequence(lambda n: f"Lesson {n}")
    position = factory.Sequence(lambda n: n)
    minutes = 5
    body = "Some **guidance**."
    body_html = "<p>Some <strong>guidance</strong>.</p>"
    credit = "A source article"


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)


def course_with_lessons(count, *, modules=1, **course_fields):
    """A published course with `count` lessons spread over `modules` modules, in order."""
    course = CourseFactory(**course_fields)
    module_list = [ModuleFactory(course=course, position=i) for i in range(modules)]
    lessons = [LessonFactory(module=module_list[i % modules], position=i) for i in range(count)]
    return course, sorted(lessons, key=lambda lesson: (lesson.module.position, lesson.position))


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    course = factory.SubFactory(CourseFactory)
    module = None
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark = 60
    shuffle = True


def add_question(quiz, kind, choices, **fields):
    """Add a question; `choices` are (text, correct) pairs, or (text, place) for ordering, (text, category) for matching."""
    position = quiz.questions.count() + 1
    question = Question.objects.create(quiz=quiz, kind=kind, position=position,
                                       prompt=fields.pop("prompt", f"Question {position} ({kind})"),
                                       explanation=fields.pop("explanation", f"Explanation {position}"), **fields)
    for i, (text, value) in enumerate(choices, start=1):
        Choice.objects.create(
            question=question, position=i, text=text, feedback=f"Feedback on {text}",
            is_correct=value is True,
            correct_position=value if kind == "ordering" else None,
            category=value if kind == "matching" else "",
        )
    return question


def quiz_of_every_kind(course, **quiz_fields):
    """A quiz with one question of each type, each worth 1 point (ordering 2, by adjacent pairs)."""
    quiz = QuizFactory(course=course, **quiz_fields)
    add_question(quiz, "single", [("Own the problem", True), ("Quote the policy", False), ("Transfer", False)])
    add_question(quiz, "multiple", [("Apologise", True), ("Paraphrase", True), ("Interrupt", False), ("Argue", False)])
    add_question(quiz, "true_false", [("True", False), ("False", True)])
    add_question(quiz, "ordering", [("Listen", 1), ("Acknowledge", 2), ("Ask", 3), ("Paraphrase", 4)],
                 ordering_credit="adjacent_pairs", points=2)
    add_question(quiz, "matching", [("\u201cNo.\u201d", "Bare refusal"), ("\u201cYou should have\u2026\u201d", "Blame")],
                 categories="Bare refusal\nBlame\nCold tone")
    add_question(quiz, "best_response", [("I'm sorry the parcel is late; I'll trace it now.", True),
                                         ("Calm down, please.", False)], scenario="Caller: My parcel is late!")
    return quiz


def builtin_rubric(slug="service-recovery"):
    """The course's own rubric, loaded from its content file as the loader does."""
    from courses.content import BUILTIN_CONTENT_DIR, read_yaml
    from quizzes.content import import_rubrics

    data = read_yaml(BUILTIN_CONTENT_DIR / "handling-upset-callers" / "rubrics.yaml")
    return import_rubrics({slug: data[slug]})[slug]


LATE_ORDER_CUSTOMER = (
    "I ordered a sofa three weeks ago, order 4471, and it still hasn't arrived. "
    "Nobody called me and I took a day off work for the delivery."
)
GOOD_REPLY = (
    "I'm so sorry your sofa from order 4471 still hasn't arrived after three weeks, and that you took a day off "
    "work for nothing. That's on us. I'll call the warehouse now and find out exactly where it is, and I'll ring "
    "you back by 4 pm today with a confirmed delivery slot. Could you tell me which days next week suit you best, "
    "please? Thank you for your patience, and is there anything else I can help with?"
)
POOR_REPLY = "No. It's our policy. You should have called the carrier."


def rewrite_exercise(course, **fields):
    from quizzes.models import RewriteExercise

    defaults = dict(
        slug="late-sofa", title="The late sofa", scenario="A customer's sofa is late.",
        customer=LATE_ORDER_CUSTOMER, poor_reply=POOR_REPLY, rubric=builtin_rubric(),
        key_facts=[{"label": "order number", "any_of": ["4471"]},
                   {"label": "three weeks late", "any_of": ["three weeks", "3 weeks"]}],
        model_answer=GOOD_REPLY,
    )
    return RewriteExercise.objects.create(course=course, **{**defaults, **fields})
