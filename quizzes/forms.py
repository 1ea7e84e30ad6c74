"""Reading quiz answers from a plain HTML form, which works without JavaScript.

Choice questions post their option keys under `q<question id>`; ordering and
matching questions post one select per item, `q<question id>-<option key>`,
holding the item's place or category.
"""

from academy.errors import ApplicationError
from quizzes.models import Question

CHOICE_KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE, Question.Kind.BEST_RESPONSE}


def answers_from_form(question_views, data):
    """{question id: answer in the learner's terms} for the questions on the form."""
    answers, errors = {}, {}
    for view in question_views:
        name = view.field_name
        kind = view.question.kind
        if kind in CHOICE_KINDS:
            answers[view.question.id] = {"choices": data.getlist(name)}
        elif kind == Question.Kind.MATCHING:
            answers[view.question.id] = {"matches": {o.key: data[f"{name}-{o.key}"] for o in view.options
                                                     if data.get(f"{name}-{o.key}")}}
        else:
            places = {o.key: data.get(f"{name}-{o.key}", "") for o in view.options}
            if not any(places.values()):
                answers[view.question.id] = {"order": []}
                continue
            if sorted(_int(place) for place in places.values()) != list(range(1, len(places) + 1)):
                errors[f"question-{view.question.id}"] = f"Give each item a different place from 1 to {len(places)}."
                continue
            answers[view.question.id] = {"order": sorted(places, key=lambda key: _int(places[key]))}
    if errors:
        raise ApplicationError("Some answers could not be accepted; nothing was saved.", code="invalid_answers",
                               fields=errors)
    return answers


def _int(value):
    try:
        return int(value)
    except ValueError:
        return -1


def keep_posted(question_views, data):
    """Show what the learner posted on a form that is being returned with errors."""
    for view in question_views:
        name = view.field_name
        chosen = set(data.getlist(name))
        for option in view.options:
            option.chosen = option.key in chosen
            option.place = _int(data.get(f"{name}-{option.key}", "")) if data.get(f"{name}-{option.key}") else None
            option.matched = data.get(f"{name}-{option.key}", "")
