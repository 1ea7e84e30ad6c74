"""Rules a question must keep, shared by the content loader, the admin and publishing."""

from dataclasses import dataclass

CHOICE_KINDS_WITH_ONE_ANSWER = {"single", "true_false", "best_response"}


@dataclass
class ChoiceDraft:
    text: str
    feedback: str = ""
    is_correct: bool = False
    correct_position: int | None = None
    category: str = ""


def question_problems(kind, choices, categories=()):
    """Everything wrong with a question, as messages that say what to fix."""
    problems = []
    if not choices:
        return ["Add the choices (or items) of the question."]
    if any(not c.feedback.strip() for c in choices):
        problems.append("Every choice needs feedback saying why it is right or wrong.")
    texts = [c.text.strip() for c in choices]
    if len(set(texts)) != len(texts):
        problems.append("Two choices have the same text; make each one different.")
    correct = sum(c.is_correct for c in choices)
    if kind in CHOICE_KINDS_WITH_ONE_ANSWER and correct != 1:
        problems.append(f"A {kind.replace('_', ' ')} question needs exactly one correct choice; it has {correct}.")
    if kind == "true_false" and len(choices) != 2:
        problems.append("A true/false question has exactly two choices, True and False.")
    if kind == "multiple" and correct < 1:
        problems.append("A multiple-choice question needs at least one correct choice.")
    if kind in CHOICE_KINDS_WITH_ONE_ANSWER | {"multiple"} and len(choices) < 2:
        problems.append("Give at least two choices.")
    if kind == "ordering":
        problems += _ordering_problems(choices)
    if kind == "matching":
        problems += _matching_problems(choices, categories)
    return problems


def _ordering_problems(choices):
    positions = [c.correct_position for c in choices]
    if len(choices) < 2:
        return ["An ordering question needs at least two items."]
    if None in positions:
        return ["Give every item its place in the correct order (1 is first)."]
    if sorted(positions) != list(range(1, len(choices) + 1)):
        return [f"The places must be 1 to {len(choices)}, each used once; they are {sorted(positions)}."]
    return []


def _matching_problems(choices, categories):
    problems = []
    if len(categories) < 2:
        problems.append("A matching question needs at least two categories.")
    unknown = sorted({c.category for c in choices if c.category not in categories})
    if unknown:
        problems.append(f"These items' categories are not in the category list: {', '.join(unknown) or '(empty)'}.")
    return problems
