"""How far two labellers agree, beside how far the grader agrees with the first: the ceiling it is held to.

`labelled/second/` holds a second labelling of the blind sets, made by a labeller who read only the replies,
the label definitions and the exercises, never the first labels, the notes or the grader. Where two careful
readers agree and the grader does not, the gap is the grader's, not the labels' noise. Run with -s for the
table: per criterion, Cohen's kappa between the labellers and between the grader and the first labeller.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from quizzes.grading.checks import ORDER
from tests.grading.test_agreement import LABELLED, _rows, kappa, measured, setup  # noqa: F401  (fixtures)

SECOND = {"blind2": 60, "blind3": 60, "blind4": 80, "blind6": 80, "blind7": 80, "blind14": 80, "blind15": 80, "blind18": 80,
          "blind20": 80}
# Pass/fail kappa between the two labellers, as measured (1.00 on each set but blind6, 0.98), less a margin for one slip.
LABELLERS_PASS_FAIL_FLOOR = 0.90


def _second(name):
    return {row["id"]: row for row in map(json.loads, (LABELLED / "second" / f"{name}.jsonl").read_text().splitlines())}


@pytest.fixture(scope="module")
def compared(measured):  # noqa: F811
    out, lines = {}, []
    for name in SECOND:
        first, second = _rows(name), _second(name)
        labellers = {key: Counter((row["labels"][key], second[row["id"]]["labels"][key]) for row in first)
                     for key in ORDER if key in first[0]["labels"]}
        passes = Counter((row["passed"], second[row["id"]]["passed"]) for row in first)
        out[name] = (first, second, labellers, passes)
        grader = measured[0][name][0]
        lines.append(f"== {name}: Cohen's kappa, labellers | grader vs first labeller")
        lines += [f"{key:27} {kappa(labellers[key]):5.2f} | {kappa(grader[key]):5.2f}" for key in labellers]
        lines.append(f"{'pass/fail':27} {kappa(passes):5.2f} | {kappa(measured[0][name][1]):5.2f}")
    print("\n" + "\n".join(lines))
    return out


@pytest.mark.parametrize("name", SECOND)
def test_the_second_labelling_covers_the_same_replies(compared, name):
    first, second, _labellers, _passes = compared[name]
    assert [row["id"] for row in first] == list(second)
    assert len(second) == SECOND[name]
    assert all(set(row["labels"]) == set(first[0]["labels"]) for row in second.values())


@pytest.mark.parametrize("name", SECOND)
def test_two_labellers_agree_on_pass_or_fail(compared, name):
    _first, _second_rows, _labellers, passes = compared[name]
    assert kappa(passes) >= LABELLERS_PASS_FAIL_FLOOR, f"{name}: the labellers disagree: {dict(passes)}"
