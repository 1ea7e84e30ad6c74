"""How far the grader agrees with hand labels (tests/grading/labelled/replies.jsonl).

Every labelled reply is graded with the built-in ``service-recovery`` rubric
against its exercise's customer text and key facts. For each criterion the
test reports precision and recall twice: with "not met" as the positive class
(the grader catching a problem) and with "met" as the positive class, plus
Cohen's kappa for overall pass/fail. It prints the table for the whole set and
for its two halves:

* tuned: ids ending in an even digit, which were read while the checks were
  generalised;
* held out: ids ending in an odd digit, which were never read while tuning;
  their figures say how the grader does on replies it was not shaped on.

Floors are asserted on the whole set: 0.85 for each figure, or the measured
figure rounded down a little where it is higher. Where the grader measured
below 0.85 the floor is the measured figure rounded down, and the gap is
listed in KNOWN_GAPS so nobody mistakes it for the target. Run with ``-s`` to
see the table.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

from quizzes.grading import Context, Rubric, grade  # noqa: E402
from quizzes.grading.checks import ORDER  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "courses" / "content" / "handling-upset-callers"
LABELLED = Path(__file__).resolve().parent / "labelled" / "replies.jsonl"

# (precision "not met", recall "not met", precision "met", recall "met"), whole set
FLOORS = {
    "acknowledges_specifically": (0.86, 0.92, 0.96, 0.94),
    "apologizes_or_owns": (0.97, 0.92, 0.96, 0.97),
    "no_undoing_but": (0.93, 0.93, 0.97, 0.97),
    "no_bare_refusal": (0.78, 0.89, 0.97, 0.96),
    "no_blame": (0.92, 0.68, 0.89, 0.96),
    "offers_action": (0.87, 0.78, 0.93, 0.95),
    "asks_clarifying_question": (0.94, 0.96, 0.95, 0.91),
    "paraphrases_facts": (0.91, 0.96, 0.96, 0.93),
    "states_next_steps": (0.93, 0.96, 0.96, 0.95),
    "closes_warmly": (0.95, 0.93, 0.95, 0.97),
    "tone": (0.92, 0.85, 0.93, 0.96),
}
KAPPA_FLOOR = 0.79

# Measured below the 0.85 target (whole set); the floors above hold them where they are.
KNOWN_GAPS = {
    ("no_blame", "recall not met"): "subtle blame and defensiveness phrased in ways no pattern names (0.71)",
    ("no_bare_refusal", "precision not met"): "some limits the labels accept as softened are read as bare (0.81)",
    ("offers_action", "recall not met"): "vague offers dressed as actions still count as actions (0.82)",
    ("pass/fail", "kappa"): "the labels' pass bar also weighs over-promising and re-asking (0.82)",
}

METRICS = ("precision not met", "recall not met", "precision met", "recall met")


def _exercises() -> dict:
    out = {}
    for path in sorted(COURSE.glob("*/exercises.yaml")):
        for ex in yaml.safe_load(path.read_text()) or []:
            out[ex["slug"]] = ex
    return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def kappa(pairs: Counter) -> float:
    """Cohen's kappa for two raters' boolean judgements, from a Counter of (a, b) pairs."""
    n = sum(pairs.values())
    if not n:
        return 1.0
    observed = (pairs[(True, True)] + pairs[(False, False)]) / n
    a_true = (pairs[(True, True)] + pairs[(True, False)]) / n
    b_true = (pairs[(True, True)] + pairs[(False, True)]) / n
    expected = a_true * b_true + (1 - a_true) * (1 - b_true)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def measure(rows, exercises, rubric):
    """Per-criterion confusion counts {(label, graded): n} and pass/fail pairs."""
    confusion = {key: Counter() for key in ORDER}
    passes = Counter()
    contexts = {}
    for row in rows:
        ex = exercises[row["exercise"]]
        ctx = contexts.setdefault(row["exercise"], Context(customer=ex["customer"], key_facts=ex.get("key_facts") or []))
        result = grade(row["text"], rubric, ctx)
        for finding in result.findings:
            label = row["labels"].get(finding.key)
            if label is not None and finding.met is not None:
                confusion[finding.key][(label, finding.met)] += 1
        passes[(row["passed"], result.passed)] += 1
    return confusion, passes


def figures(confusion: Counter) -> tuple[float, float, float, float]:
    caught = confusion[(False, False)]   # labelled not met, graded not met
    false_alarm = confusion[(True, False)]
    missed = confusion[(False, True)]
    agreed_met = confusion[(True, True)]
    return (_ratio(caught, caught + false_alarm), _ratio(caught, caught + missed),
            _ratio(agreed_met, agreed_met + missed), _ratio(agreed_met, agreed_met + false_alarm))


def table(title: str, confusion, passes) -> str:
    lines = [f"== {title}", f"{'criterion':27} {'n':>4} {'acc':>5} {'P(not)':>7} {'R(not)':>7} {'P(met)':>7} {'R(met)':>7}"]
    for key in ORDER:
        c = confusion[key]
        n = sum(c.values())
        acc = _ratio(c[(True, True)] + c[(False, False)], n)
        lines.append(f"{key:27} {n:4d} {acc:5.2f} " + " ".join(f"{v:7.2f}" for v in figures(c)))
    n = sum(passes.values())
    agree = _ratio(passes[(True, True)] + passes[(False, False)], n)
    lines.append(f"pass/fail: n={n}, agreement {agree:.2f}, Cohen's kappa {kappa(passes):.2f}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def measured():
    if not LABELLED.exists():
        pytest.skip("no labelled replies yet")
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines() if line.strip()]
    exercises = _exercises()
    unknown = sorted({r["exercise"] for r in rows} - set(exercises))
    assert not unknown, f"labelled replies for exercises that do not exist: {unknown}"
    data = yaml.safe_load((COURSE / "rubrics.yaml").read_text())
    rubric = Rubric.from_dict("service-recovery", data["service-recovery"])
    held = [r for r in rows if r["id"][-1] in "13579"]
    tuned = [r for r in rows if r["id"][-1] not in "13579"]
    out = {"all": measure(rows, exercises, rubric), "tuned": measure(tuned, exercises, rubric),
           "held out": measure(held, exercises, rubric)}
    titles = {"all": "whole set", "tuned": "tuned half (even ids)", "held out": "held-out half (odd ids)"}
    report = "\n".join(table(titles[name], *out[name]) for name in titles)
    print("\n" + report)
    return out, report


def test_the_labelled_set_is_big_enough_to_measure(measured):
    _confusion, passes = measured[0]["all"]
    assert sum(passes.values()) >= 200


@pytest.mark.parametrize("key", ORDER)
def test_each_criterion_agrees_with_the_hand_labels(measured, key):
    out, report = measured
    got = figures(out["all"][0][key])
    floors = FLOORS[key]
    low = [(name, round(value, 3), floor) for name, value, floor in zip(METRICS, got, floors) if value < floor]
    assert not low, f"{key} fell below its floors: {low}\n{report}"
    for name, floor in zip(METRICS, floors):
        assert floor >= 0.85 or (key, name) in KNOWN_GAPS, f"{key} {name}: a floor under 0.85 must be a listed gap"


def test_overall_pass_fail_agrees_with_the_hand_labels(measured):
    out, report = measured
    assert kappa(out["all"][1]) >= KAPPA_FLOOR, report
