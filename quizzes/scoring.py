"""Scoring of each question type: plain functions from an answer key and an answer to a share 0..1.

An answer is already normalised to choice ids (see services): {"choices": [...]}
for the choice types, {"order": [...]} for ordering, {"matches": {id: category}}
for matching. An empty answer scores 0.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CHOICE_KINDS = {"single", "multiple", "true_false", "best_response"}


@dataclass(frozen=True)
class AnswerKey:
    kind: str
    points: int
    correct: frozenset = frozenset()
    order: tuple = ()
    categories: dict = field(default_factory=dict)
    partial_credit: str = "per_choice"
    ordering_credit: str = "exact"


def share(key, answer):
    """The share of the question's points the answer earns, between 0 and 1."""
    if key.kind in CHOICE_KINDS:
        return _choice_share(key, set(answer.get("choices", [])))
    if key.kind == "ordering":
        return _ordering_share(key, list(answer.get("order", [])))
    if key.kind == "matching":
        return _matching_share(key, {int(k): v for k, v in answer.get("matches", {}).items()})
    raise ValueError(f"unknown question kind {key.kind!r}")


def _choice_share(key, chosen):
    if not chosen:
        return Decimal(0)
    if key.kind != "multiple" or key.partial_credit == "all_or_nothing":
        return Decimal(1 if chosen == key.correct else 0)
    right = len(chosen & key.correct)
    wrong = len(chosen - key.correct)
    return max(Decimal(0), Decimal(right - wrong) / len(key.correct))


def _ordering_share(key, order):
    if not order:
        return Decimal(0)
    if tuple(order) == key.order:
        return Decimal(1)
    if key.ordering_credit != "adjacent_pairs" or len(key.order) < 2:
        return Decimal(0)
    wanted = set(zip(key.order, key.order[1:]))
    given = set(zip(order, order[1:]))
    return Decimal(len(wanted & given)) / len(wanted)


def _matching_share(key, matches):
    if not matches:
        return Decimal(0)
    right = sum(1 for item, category in matches.items() if key.categories.get(item) == category)
    return Decimal(right) / len(key.categories)


def points_for(key, answer):
    return (share(key, answer) * key.points).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def percent(points, max_points):
    if not max_points:
        return 0
    return int((Decimal(points) * 100 / max_points).quantize(Decimal(1), rounding=ROUND_HALF_UP))
