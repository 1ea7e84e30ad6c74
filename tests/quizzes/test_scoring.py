from decimal import Decimal

import pytest

from quizzes.scoring import AnswerKey, percent, points_for, share


def choice_key(kind="single", correct=(1,), **kw):
    return AnswerKey(kind=kind, points=1, correct=frozenset(correct), **kw)


@pytest.mark.parametrize("kind", ["single", "true_false", "best_response"])
def test_a_one_answer_question_scores_only_the_correct_choice(kind):
    key = choice_key(kind, correct=(2,))

    assert share(key, {"choices": [2]}) == 1
    assert share(key, {"choices": [3]}) == 0
    assert share(key, {}) == 0
    assert share(key, {"choices": []}) == 0


def test_multiple_choice_all_or_nothing_needs_exactly_the_correct_set():
    key = choice_key("multiple", correct=(1, 2), partial_credit="all_or_nothing")

    assert share(key, {"choices": [1, 2]}) == 1
    assert share(key, {"choices": [1]}) == 0
    assert share(key, {"choices": [1, 2, 3]}) == 0


def test_multiple_choice_per_choice_subtracts_wrong_picks_and_floors_at_zero():
    key = choice_key("multiple", correct=(1, 2), partial_credit="per_choice")

    assert share(key, {"choices": [1]}) == Decimal("0.5")
    assert share(key, {"choices": [1, 2, 3]}) == Decimal("0.5")
    assert share(key, {"choices": [1, 3]}) == 0
    assert share(key, {"choices": [1, 3, 4]}) == 0  # 1 - 2 floored, never negative
    assert share(key, {"choices": [1, 2, 3, 4]}) == 0  # ticking everything earns nothing


def test_ordering_exact_gives_credit_only_for_the_whole_order():
    key = AnswerKey(kind="ordering", points=2, order=(1, 2, 3, 4), ordering_credit="exact")

    assert share(key, {"order": [1, 2, 3, 4]}) == 1
    assert share(key, {"order": [1, 2, 4, 3]}) == 0
    assert share(key, {"order": []}) == 0


def test_ordering_by_adjacent_pairs_gives_partial_credit():
    key = AnswerKey(kind="ordering", points=3, order=(1, 2, 3, 4), ordering_credit="adjacent_pairs")

    assert share(key, {"order": [1, 2, 4, 3]}) == Decimal(1) / 3  # only 1-2 is right
    assert share(key, {"order": [2, 3, 4, 1]}) == Decimal(2) / 3  # 2-3 and 3-4
    assert share(key, {"order": [4, 3, 2, 1]}) == 0  # reversed pairs do not count
    assert points_for(key, {"order": [2, 3, 4, 1]}) == Decimal("2.00")


def test_matching_gives_credit_per_item_and_counts_missing_items_as_wrong():
    key = AnswerKey(kind="matching", points=1, categories={1: "Blame", 2: "Refusal", 3: "Cold"})

    assert share(key, {"matches": {"1": "Blame", "2": "Refusal", "3": "Cold"}}) == 1
    assert share(key, {"matches": {"1": "Blame"}}) == Decimal(1) / 3
    assert share(key, {"matches": {"1": "Cold", "2": "Blame"}}) == 0
    assert share(key, {}) == 0


def test_percent_rounds_half_up_and_survives_an_empty_quiz():
    assert percent(Decimal("2.5"), 4) == 63
    assert percent(Decimal("0"), 0) == 0
