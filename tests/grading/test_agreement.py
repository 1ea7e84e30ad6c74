"""How far the grader agrees with hand labels (tests/grading/labelled/).

Every labelled reply is graded with its exercise's rubric (``service-recovery``,
or the gas bill's ``fix-the-cause`` and the cracked phone's ``outside-policy``,
as a learner's reply would be) against the exercise's customer text and key
facts. For each criterion the test reports precision and recall twice: with
"not met" as the positive class (the grader catching a problem) and with
"met" as the positive class, plus Cohen's kappa for overall pass/fail.
Thirty files are measured:

* ``replies.jsonl`` (306 replies), the set the checks were developed against;
  its table is also printed for its two halves by id (an earlier round of
  work read only the even ids; the round that added heldout.jsonl read both);
* ``heldout.jsonl`` (108 replies), written and labelled later, before the
  grader was run on them, to measure how the grader does on replies it was
  not shaped on (its README records how it was used since);
* ``blind.jsonl`` .. ``blind28.jsonl`` (60 or 80 replies each), each written
  and labelled by a different hand that read neither the grader nor the
  other files, and committed before anything graded it.

Rounds of rule work read blind..blind4 (the fourth and fifth rounds), blind5
and blind6 (the sixth), blind7..blind9 (the seventh), blind10 and blind11
(the eighth), blind12 and blind13 (the ninth), blind14..blind17 (the
tenth), blind18..blind24 (the eleventh) and blind25 and blind26 (the
twelfth), each measured held out before the round that read it
(labelled/README.md has the figures), so those are no clean measure of
unseen replies any more. ``blind27.jsonl`` and ``blind28.jsonl`` are: they
were written while the twelfth round went on, and nobody working on the
grader has read their replies or disagreements.

Where the blind labels and the tuned labels make opposite calls on the same
shape (whether "sorry about Tuesday" is specific, whether scolding fails tone
as well as no_blame, whether "thanks for calling" after a deflection is warm),
the tuned floors hold the grader to the tuned side, and the blind figure is
listed in KNOWN_GAPS with "labels differ".

Three checks came after the labels, which have no column for them: the
over-promise check (no_overpromise), the re-ask check (no_reask, which
fails a reply for what asks_clarifying_question only marks down) and, for
the gas bill only, going after the cause (goes_after_cause). All are
measured through pass/fail kappa and by never failing a reply the labels pass
(FALSE_ALARMS lists where they do).

Floors are asserted on every file: for each figure 0.85, or the measured
figure rounded down to two places where it is higher, and never above 0.99,
so that one new disagreement on a criterion with none today is a signal to
look rather than a broken build. A figure measured below 0.85 gets its
measured value as the floor and is listed in KNOWN_GAPS so nobody mistakes it
for the target. Run with ``-s`` to see the tables.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

from quizzes.grading import Context, Rubric, grade  # noqa: E402
from quizzes.grading.checks import CHECKS, ORDER  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "courses" / "content" / "handling-upset-callers"
LABELLED = Path(__file__).resolve().parent / "labelled"

# (precision "not met", recall "not met", precision "met", recall "met")
FLOORS = {
    "replies": {
        "acknowledges_specifically": (0.97, 0.97, 0.99, 0.99),
        "apologizes_or_owns": (0.99, 0.99, 0.99, 0.99),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        # one cracked-phone reply quotes policy before an alternative: labelled no bare refusal, where the exercise
        # (and every blind set) fails a policy quote outright (labels differ)
        "no_bare_refusal": (0.95, 0.99, 0.99, 0.99),
        "no_blame": (0.98, 0.99, 0.99, 0.99),
        "offers_action": (0.88, 0.98, 0.99, 0.96),
        "asks_clarifying_question": (0.99, 0.99, 0.99, 0.99),
        "paraphrases_facts": (0.96, 0.98, 0.98, 0.97),
        "states_next_steps": (0.99, 0.99, 0.99, 0.99),
        "closes_warmly": (0.99, 0.97, 0.98, 0.99),
        "tone": (0.99, 0.99, 0.99, 0.99),
    },
    "heldout": {
        "acknowledges_specifically": (0.96, 0.93, 0.97, 0.98),
        "apologizes_or_owns": (0.99, 0.99, 0.99, 0.99),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.91, 0.99, 0.99, 0.98),
        "no_blame": (0.97, 0.99, 0.99, 0.98),
        "offers_action": (0.89, 0.99, 0.99, 0.96),
        "asks_clarifying_question": (0.99, 0.97, 0.95, 0.99),
        "paraphrases_facts": (0.97, 0.97, 0.98, 0.98),
        "states_next_steps": (0.95, 0.95, 0.96, 0.96),
        "closes_warmly": (0.92, 0.97, 0.98, 0.95),
        "tone": (0.99, 0.99, 0.99, 0.99),
    },
    "blind": {
        "acknowledges_specifically": (0.91, 0.91, 0.97, 0.97),
        "apologizes_or_owns": (0.99, 0.99, 0.99, 0.99),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.99, 0.99, 0.99),
        "no_blame": (0.99, 0.88, 0.95, 0.99),
        "offers_action": (0.99, 0.99, 0.99, 0.99),
        "asks_clarifying_question": (0.99, 0.99, 0.99, 0.99),
        "paraphrases_facts": (0.95, 0.99, 0.99, 0.97),
        "states_next_steps": (0.99, 0.99, 0.99, 0.99),
        "closes_warmly": (0.93, 0.93, 0.97, 0.97),
        "tone": (0.66, 0.85, 0.98, 0.94),
    },
    "blind2": {
        "acknowledges_specifically": (0.99, 0.83, 0.95, 0.99),
        "apologizes_or_owns": (0.99, 0.99, 0.99, 0.99),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.83, 0.98, 0.99),
        "no_blame": (0.93, 0.99, 0.99, 0.97),
        "offers_action": (0.92, 0.99, 0.99, 0.97),
        "asks_clarifying_question": (0.99, 0.97, 0.96, 0.99),
        "paraphrases_facts": (0.99, 0.99, 0.99, 0.99),
        "states_next_steps": (0.95, 0.91, 0.94, 0.97),
        "closes_warmly": (0.99, 0.94, 0.97, 0.99),
        "tone": (0.74, 0.99, 0.99, 0.96),
    },
    "blind3": {
        "acknowledges_specifically": (0.99, 0.94, 0.97, 0.99),
        "apologizes_or_owns": (0.99, 0.85, 0.95, 0.99),
        "no_undoing_but": (0.99, 0.85, 0.98, 0.99),
        "no_bare_refusal": (0.87, 0.87, 0.98, 0.98),
        "no_blame": (0.94, 0.99, 0.99, 0.97),
        "offers_action": (0.99, 0.89, 0.95, 0.99),
        "asks_clarifying_question": (0.99, 0.97, 0.95, 0.99),
        "paraphrases_facts": (0.99, 0.99, 0.99, 0.99),
        "states_next_steps": (0.95, 0.95, 0.97, 0.97),
        "closes_warmly": (0.99, 0.92, 0.94, 0.99),
        "tone": (0.99, 0.81, 0.93, 0.99),
    },
    "blind4": {
        "acknowledges_specifically": (0.74, 0.37, 0.93, 0.98),
        "apologizes_or_owns": (0.57, 0.99, 0.99, 0.96),
        "no_undoing_but": (0.99, 0.87, 0.98, 0.99),
        "no_bare_refusal": (0.74, 0.74, 0.98, 0.98),
        "no_blame": (0.85, 0.94, 0.98, 0.95),
        "offers_action": (0.99, 0.90, 0.98, 0.99),
        "asks_clarifying_question": (0.96, 0.96, 0.97, 0.97),
        "paraphrases_facts": (0.89, 0.94, 0.98, 0.96),
        "states_next_steps": (0.99, 0.89, 0.96, 0.99),
        "closes_warmly": (0.78, 0.91, 0.98, 0.95),
        "tone": (0.63, 0.87, 0.98, 0.94),
    },
    "blind5": {
        "acknowledges_specifically": (0.66, 0.99, 0.99, 0.97),
        "apologizes_or_owns": (0.74, 0.85, 0.98, 0.97),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.49, 0.98, 0.99),
        "no_blame": (0.94, 0.94, 0.98, 0.98),
        "offers_action": (0.99, 0.89, 0.98, 0.99),
        "asks_clarifying_question": (0.95, 0.91, 0.96, 0.98),
        "paraphrases_facts": (0.83, 0.88, 0.96, 0.95),
        "states_next_steps": (0.99, 0.88, 0.96, 0.99),
        "closes_warmly": (0.82, 0.93, 0.98, 0.95),
        "tone": (0.99, 0.85, 0.98, 0.99),
    },
    "blind6": {
        "acknowledges_specifically": (0.90, 0.76, 0.95, 0.98),
        "apologizes_or_owns": (0.77, 0.87, 0.98, 0.97),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.71, 0.97, 0.99),
        "no_blame": (0.85, 0.99, 0.99, 0.95),
        "offers_action": (0.94, 0.99, 0.99, 0.98),
        "asks_clarifying_question": (0.93, 0.88, 0.91, 0.95),
        "paraphrases_facts": (0.99, 0.94, 0.98, 0.99),
        "states_next_steps": (0.90, 0.90, 0.96, 0.96),
        "closes_warmly": (0.62, 0.76, 0.95, 0.91),
        "tone": (0.99, 0.63, 0.94, 0.99),
    },
    "blind7": {
        "acknowledges_specifically": (0.49, 0.37, 0.93, 0.95),
        "apologizes_or_owns": (0.42, 0.59, 0.97, 0.94),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.74, 0.99, 0.99, 0.98),
        "no_blame": (0.85, 0.85, 0.96, 0.96),
        "offers_action": (0.90, 0.76, 0.95, 0.98),
        "asks_clarifying_question": (0.99, 0.94, 0.95, 0.99),
        "paraphrases_facts": (0.90, 0.95, 0.98, 0.96),
        "states_next_steps": (0.86, 0.86, 0.94, 0.94),
        "closes_warmly": (0.89, 0.94, 0.98, 0.96),
        "tone": (0.71, 0.99, 0.99, 0.97),
    },
    "blind8": {
        "acknowledges_specifically": (0.99, 0.99, 0.99, 0.99),
        "apologizes_or_owns": (0.79, 0.79, 0.98, 0.98),
        "no_undoing_but": (0.99, 0.87, 0.98, 0.99),
        "no_bare_refusal": (0.99, 0.66, 0.97, 0.99),
        "no_blame": (0.88, 0.79, 0.93, 0.96),
        "offers_action": (0.99, 0.53, 0.91, 0.99),
        "asks_clarifying_question": (0.89, 0.89, 0.94, 0.94),
        "paraphrases_facts": (0.84, 0.91, 0.98, 0.97),
        "states_next_steps": (0.77, 0.87, 0.96, 0.93),
        "closes_warmly": (0.69, 0.99, 0.99, 0.94),
        "tone": (0.57, 0.99, 0.99, 0.96),
    },
    "blind9": {
        "acknowledges_specifically": (0.49, 0.39, 0.96, 0.97),
        "apologizes_or_owns": (0.83, 0.55, 0.94, 0.98),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.49, 0.99, 0.99, 0.97),
        "no_blame": (0.83, 0.52, 0.86, 0.96),
        "offers_action": (0.99, 0.72, 0.92, 0.99),
        "asks_clarifying_question": (0.90, 0.99, 0.99, 0.94),
        "paraphrases_facts": (0.93, 0.87, 0.96, 0.98),
        "states_next_steps": (0.83, 0.95, 0.98, 0.93),
        "closes_warmly": (0.77, 0.49, 0.90, 0.96),
        "tone": (0.79, 0.79, 0.98, 0.98),
    },
    "blind10": {
        "acknowledges_specifically": (0.99, 0.93, 0.98, 0.99),
        "apologizes_or_owns": (0.99, 0.72, 0.95, 0.99),
        "no_undoing_but": (0.85, 0.99, 0.99, 0.98),
        "no_bare_refusal": (0.99, 0.33, 0.94, 0.99),
        "no_blame": (0.85, 0.89, 0.96, 0.94),
        "offers_action": (0.89, 0.49, 0.87, 0.98),
        "asks_clarifying_question": (0.97, 0.94, 0.95, 0.97),
        "paraphrases_facts": (0.95, 0.99, 0.99, 0.98),
        "states_next_steps": (0.86, 0.96, 0.97, 0.92),
        "closes_warmly": (0.99, 0.91, 0.96, 0.99),
        "tone": (0.71, 0.99, 0.99, 0.97),
    },
    "blind11": {
        "acknowledges_specifically": (0.85, 0.85, 0.98, 0.98),
        "apologizes_or_owns": (0.66, 0.49, 0.97, 0.98),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.99, 0.99, 0.99),
        "no_blame": (0.99, 0.84, 0.95, 0.99),
        "offers_action": (0.99, 0.87, 0.96, 0.99),
        "asks_clarifying_question": (0.93, 0.99, 0.99, 0.95),
        "paraphrases_facts": (0.77, 0.87, 0.96, 0.93),
        "states_next_steps": (0.94, 0.85, 0.95, 0.98),
        "closes_warmly": (0.96, 0.96, 0.98, 0.98),
        "tone": (0.37, 0.74, 0.98, 0.93),
    },
    "blind12": {
        "acknowledges_specifically": (0.82, 0.77, 0.93, 0.95),
        "apologizes_or_owns": (0.88, 0.49, 0.88, 0.98),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.66, 0.33, 0.94, 0.98),
        "no_blame": (0.92, 0.59, 0.86, 0.98),
        "offers_action": (0.92, 0.86, 0.96, 0.98),
        "asks_clarifying_question": (0.89, 0.97, 0.97, 0.91),
        "paraphrases_facts": (0.96, 0.96, 0.97, 0.97),
        "states_next_steps": (0.92, 0.86, 0.92, 0.95),
        "closes_warmly": (0.99, 0.96, 0.98, 0.99),
        "tone": (0.89, 0.89, 0.98, 0.98),
    },
    "blind13": {
        "acknowledges_specifically": (0.91, 0.68, 0.92, 0.98),
        "apologizes_or_owns": (0.99, 0.69, 0.94, 0.99),
        "no_undoing_but": (0.99, 0.85, 0.98, 0.99),
        "no_bare_refusal": (0.99, 0.71, 0.97, 0.99),
        "no_blame": (0.87, 0.77, 0.93, 0.96),
        "offers_action": (0.79, 0.66, 0.94, 0.97),
        "asks_clarifying_question": (0.96, 0.89, 0.94, 0.98),
        "paraphrases_facts": (0.96, 0.99, 0.99, 0.98),
        "states_next_steps": (0.86, 0.86, 0.94, 0.94),
        "closes_warmly": (0.87, 0.91, 0.96, 0.94),
        "tone": (0.85, 0.74, 0.93, 0.96),
    },
    "blind14": {
        "acknowledges_specifically": (0.85, 0.85, 0.98, 0.98),
        "apologizes_or_owns": (0.74, 0.59, 0.97, 0.98),
        "no_undoing_but": (0.99, 0.89, 0.98, 0.99),
        "no_bare_refusal": (0.99, 0.74, 0.98, 0.99),
        "no_blame": (0.92, 0.72, 0.92, 0.98),
        "offers_action": (0.99, 0.76, 0.95, 0.99),
        "asks_clarifying_question": (0.97, 0.97, 0.97, 0.97),
        "paraphrases_facts": (0.89, 0.94, 0.98, 0.96),
        "states_next_steps": (0.99, 0.91, 0.96, 0.99),
        "closes_warmly": (0.95, 0.90, 0.96, 0.98),
        "tone": (0.69, 0.63, 0.94, 0.95),
    },
    "blind15": {
        "acknowledges_specifically": (0.74, 0.99, 0.99, 0.98),
        "apologizes_or_owns": (0.99, 0.99, 0.99, 0.99),
        "no_undoing_but": (0.99, 0.74, 0.98, 0.99),
        "no_bare_refusal": (0.99, 0.49, 0.98, 0.99),
        "no_blame": (0.62, 0.71, 0.97, 0.95),
        "offers_action": (0.99, 0.99, 0.99, 0.99),
        "asks_clarifying_question": (0.93, 0.99, 0.99, 0.96),
        "paraphrases_facts": (0.99, 0.99, 0.99, 0.99),
        "states_next_steps": (0.87, 0.87, 0.98, 0.98),
        "closes_warmly": (0.90, 0.99, 0.99, 0.98),
        "tone": (0.83, 0.83, 0.98, 0.98),
    },
    "blind16": {
        "acknowledges_specifically": (0.99, 0.66, 0.89, 0.99),
        "apologizes_or_owns": (0.49, 0.74, 0.98, 0.96),
        "no_undoing_but": (0.99, 0.88, 0.98, 0.99),
        "no_bare_refusal": (0.99, 0.99, 0.99, 0.99),
        "no_blame": (0.79, 0.79, 0.95, 0.95),
        "offers_action": (0.63, 0.87, 0.98, 0.94),
        "asks_clarifying_question": (0.96, 0.81, 0.88, 0.97),
        "paraphrases_facts": (0.93, 0.99, 0.99, 0.95),
        "states_next_steps": (0.91, 0.91, 0.96, 0.96),
        "closes_warmly": (0.87, 0.93, 0.98, 0.96),
        "tone": (0.88, 0.57, 0.91, 0.98),
    },
    "blind17": {
        "acknowledges_specifically": (0.99, 0.99, 0.99, 0.99),
        "apologizes_or_owns": (0.66, 0.99, 0.99, 0.98),
        "no_undoing_but": (0.49, 0.33, 0.97, 0.98),
        "no_bare_refusal": (0.99, 0.99, 0.99, 0.99),
        "no_blame": (0.99, 0.81, 0.97, 0.99),
        "offers_action": (0.66, 0.99, 0.99, 0.98),
        "asks_clarifying_question": (0.95, 0.95, 0.98, 0.98),
        "paraphrases_facts": (0.88, 0.88, 0.98, 0.98),
        "states_next_steps": (0.24, 0.33, 0.97, 0.96),
        "closes_warmly": (0.99, 0.49, 0.97, 0.99),
        "tone": (0.66, 0.99, 0.99, 0.97),
    },
    "blind18": {
        "acknowledges_specifically": (0.85, 0.92, 0.98, 0.97),
        "apologizes_or_owns": (0.59, 0.99, 0.99, 0.97),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.66, 0.97, 0.99),
        "no_blame": (0.85, 0.99, 0.99, 0.95),
        "offers_action": (0.89, 0.74, 0.95, 0.98),
        "asks_clarifying_question": (0.96, 0.99, 0.99, 0.98),
        "paraphrases_facts": (0.78, 0.95, 0.98, 0.89),
        "states_next_steps": (0.95, 0.87, 0.94, 0.98),
        "closes_warmly": (0.78, 0.99, 0.99, 0.95),
        "tone": (0.66, 0.99, 0.99, 0.95),
    },
    "blind19": {
        "acknowledges_specifically": (0.33, 0.99, 0.99, 0.97),
        "apologizes_or_owns": (0.99, 0.99, 0.99, 0.99),
        "no_undoing_but": (0.99, 0.83, 0.98, 0.99),
        "no_bare_refusal": (0.99, 0.99, 0.99, 0.99),
        "no_blame": (0.84, 0.99, 0.99, 0.97),
        "offers_action": (0.77, 0.77, 0.97, 0.97),
        "asks_clarifying_question": (0.81, 0.84, 0.92, 0.90),
        "paraphrases_facts": (0.99, 0.94, 0.98, 0.99),
        "states_next_steps": (0.89, 0.89, 0.96, 0.96),
        "closes_warmly": (0.99, 0.86, 0.95, 0.99),
        "tone": (0.99, 0.88, 0.98, 0.99),
    },
    "blind20": {
        "acknowledges_specifically": (0.89, 0.81, 0.97, 0.98),
        "apologizes_or_owns": (0.79, 0.66, 0.94, 0.97),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.99, 0.99, 0.99),
        "no_blame": (0.96, 0.99, 0.99, 0.98),
        "offers_action": (0.77, 0.87, 0.98, 0.97),
        "asks_clarifying_question": (0.97, 0.86, 0.89, 0.97),
        "paraphrases_facts": (0.92, 0.99, 0.99, 0.96),
        "states_next_steps": (0.96, 0.92, 0.96, 0.98),
        "closes_warmly": (0.99, 0.85, 0.92, 0.99),
        "tone": (0.83, 0.71, 0.94, 0.96),
    },
    "blind21": {
        "acknowledges_specifically": (0.64, 0.99, 0.99, 0.92),
        "apologizes_or_owns": (0.99, 0.83, 0.97, 0.99),
        "no_undoing_but": (0.74, 0.74, 0.97, 0.97),
        "no_bare_refusal": (0.99, 0.59, 0.97, 0.99),
        "no_blame": (0.99, 0.99, 0.99, 0.99),
        "offers_action": (0.83, 0.83, 0.97, 0.97),
        "asks_clarifying_question": (0.97, 0.97, 0.96, 0.96),
        "paraphrases_facts": (0.99, 0.93, 0.96, 0.99),
        "states_next_steps": (0.88, 0.88, 0.94, 0.94),
        "closes_warmly": (0.99, 0.99, 0.99, 0.99),
        "tone": (0.89, 0.49, 0.87, 0.98),
    },
    "blind22": {
        "acknowledges_specifically": (0.36, 0.99, 0.99, 0.90),
        "apologizes_or_owns": (0.89, 0.99, 0.99, 0.98),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.59, 0.97, 0.99),
        "no_blame": (0.90, 0.99, 0.99, 0.96),
        "offers_action": (0.77, 0.87, 0.98, 0.97),
        "asks_clarifying_question": (0.99, 0.97, 0.97, 0.99),
        "paraphrases_facts": (0.95, 0.95, 0.98, 0.98),
        "states_next_steps": (0.80, 0.85, 0.94, 0.93),
        "closes_warmly": (0.95, 0.95, 0.98, 0.98),
        "tone": (0.81, 0.81, 0.97, 0.97),
    },
    "blind23": {
        "acknowledges_specifically": (0.86, 0.99, 0.99, 0.95),
        "apologizes_or_owns": (0.94, 0.88, 0.96, 0.98),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.87, 0.77, 0.97, 0.98),
        "no_blame": (0.87, 0.95, 0.98, 0.94),
        "offers_action": (0.88, 0.83, 0.95, 0.96),
        "asks_clarifying_question": (0.99, 0.94, 0.95, 0.99),
        "paraphrases_facts": (0.97, 0.94, 0.95, 0.97),
        "states_next_steps": (0.96, 0.84, 0.87, 0.97),
        "closes_warmly": (0.84, 0.99, 0.99, 0.93),
        "tone": (0.96, 0.99, 0.99, 0.98),
    },
    "blind24": {
        "acknowledges_specifically": (0.99, 0.87, 0.96, 0.99),
        "apologizes_or_owns": (0.79, 0.85, 0.96, 0.95),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.42, 0.94, 0.99),
        "no_blame": (0.87, 0.91, 0.96, 0.94),
        "offers_action": (0.99, 0.47, 0.87, 0.99),
        "asks_clarifying_question": (0.99, 0.92, 0.93, 0.99),
        "paraphrases_facts": (0.95, 0.95, 0.98, 0.98),
        "states_next_steps": (0.86, 0.92, 0.96, 0.92),
        "closes_warmly": (0.83, 0.99, 0.99, 0.93),
        "tone": (0.66, 0.99, 0.99, 0.89),
    },
    "blind25": {
        "acknowledges_specifically": (0.99, 0.99, 0.99, 0.99),
        "apologizes_or_owns": (0.94, 0.99, 0.99, 0.98),
        "no_undoing_but": (0.83, 0.83, 0.98, 0.98),
        "no_bare_refusal": (0.99, 0.87, 0.98, 0.99),
        "no_blame": (0.99, 0.95, 0.98, 0.99),
        "offers_action": (0.82, 0.87, 0.96, 0.95),
        "asks_clarifying_question": (0.97, 0.96, 0.93, 0.96),
        "paraphrases_facts": (0.93, 0.96, 0.97, 0.95),
        "states_next_steps": (0.87, 0.96, 0.97, 0.91),
        "closes_warmly": (0.85, 0.92, 0.96, 0.92),
        "tone": (0.95, 0.79, 0.91, 0.98),
    },
    "blind26": {
        "acknowledges_specifically": (0.89, 0.94, 0.98, 0.96),
        "apologizes_or_owns": (0.86, 0.94, 0.98, 0.94),
        "no_undoing_but": (0.74, 0.59, 0.97, 0.98),
        "no_bare_refusal": (0.83, 0.71, 0.97, 0.98),
        "no_blame": (0.91, 0.99, 0.99, 0.96),
        "offers_action": (0.93, 0.87, 0.96, 0.98),
        "asks_clarifying_question": (0.97, 0.97, 0.97, 0.97),
        "paraphrases_facts": (0.99, 0.99, 0.99, 0.99),
        "states_next_steps": (0.99, 0.93, 0.95, 0.99),
        "closes_warmly": (0.92, 0.96, 0.98, 0.96),
        "tone": (0.99, 0.81, 0.91, 0.99),
    },
    "blind27": {
        "acknowledges_specifically": (0.83, 0.88, 0.96, 0.95),
        "apologizes_or_owns": (0.89, 0.85, 0.94, 0.96),
        "no_undoing_but": (0.99, 0.83, 0.98, 0.99),
        "no_bare_refusal": (0.99, 0.74, 0.97, 0.99),
        "no_blame": (0.90, 0.65, 0.83, 0.96),
        "offers_action": (0.99, 0.76, 0.94, 0.99),
        "asks_clarifying_question": (0.93, 0.97, 0.96, 0.91),
        "paraphrases_facts": (0.99, 0.97, 0.97, 0.99),
        "states_next_steps": (0.99, 0.94, 0.95, 0.99),
        "closes_warmly": (0.93, 0.99, 0.99, 0.96),
        "tone": (0.95, 0.76, 0.87, 0.97),
    },
    "blind28": {
        "acknowledges_specifically": (0.94, 0.94, 0.98, 0.98),
        "apologizes_or_owns": (0.99, 0.99, 0.99, 0.99),
        "no_undoing_but": (0.99, 0.71, 0.97, 0.99),
        "no_bare_refusal": (0.99, 0.45, 0.91, 0.99),
        "no_blame": (0.91, 0.80, 0.91, 0.96),
        "offers_action": (0.91, 0.64, 0.91, 0.98),
        "asks_clarifying_question": (0.97, 0.97, 0.97, 0.97),
        "paraphrases_facts": (0.99, 0.94, 0.95, 0.99),
        "states_next_steps": (0.96, 0.83, 0.87, 0.97),
        "closes_warmly": (0.99, 0.91, 0.96, 0.99),
        "tone": (0.94, 0.85, 0.95, 0.98),
    },
}
KAPPA_FLOORS = {"replies": 0.98, "heldout": 0.96, "blind": 0.96, "blind2": 0.99, "blind3": 0.99, "blind4": 0.92,
                "blind5": 0.97, "blind6": 0.97, "blind7": 0.99, "blind8": 0.94, "blind9": 0.92, "blind10": 0.94,
                "blind11": 0.99, "blind12": 0.97, "blind13": 0.99, "blind14": 0.92, "blind15": 0.89, "blind16": 0.92,
                "blind17": 0.94, "blind18": 0.92, "blind19": 0.97, "blind20": 0.89, "blind21": 0.92, "blind22": 0.94,
                "blind23": 0.92, "blind24": 0.97, "blind25": 0.89, "blind26": 0.97, "blind27": 0.97, "blind28": 0.84}
FILES = ("replies", "heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8",
         "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18",
         "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28")
# Replies labelled passed that a check with no label column fails, where that is measured, not wanted: on blind4,
# no_overpromise caught 4 of the 5 replies both labellers failed for over-promising, and failed 1 they passed; no_reask
# fails 1 reply on blind9 that the labels pass. The false alarms the tenth round read on blind14, blind16 and blind17
# (no_reask 5, no_overpromise 1) are gone. On blind18..blind20, held out from that round, no_reask fails 2 replies the
# labels pass (6 before it) and no_overpromise 1 (1 before); on blind21 and blind22, written after the round,
# goes_after_cause fails 1 gas-bill reply each that the labels pass. On blind26, held out from the eleventh round,
# no_overpromise fails 1 reply the labels pass, as it did at the round's start (the twelfth round read it: a free
# replacement "isn't included" is refused, not promised). On blind27, held out from the twelfth round, no_reask fails 1
# reply the labels pass, as it did at both rounds' starts: measured, not read.
UNLABELLED = ("no_overpromise", "no_reask", "goes_after_cause")
FALSE_ALARMS = {("no_overpromise", "blind4"): 1, ("no_reask", "blind9"): 1, ("no_overpromise", "blind18"): 1,
                ("no_reask", "blind20"): 2, ("goes_after_cause", "blind21"): 1, ("goes_after_cause", "blind22"): 1,
                ("no_reask", "blind27"): 1}

# Figures measured below the 0.85 target, as (file, criterion, metric) -> why; the floors above hold them
# where they are. All are on the blind sets. Entries for blind..blind6 keep the reason and the "before -> after" of
# the sixth round that listed them (several are calls on which the blind labels and the tuned labels disagree, noted
# "labels differ": the tuned sets' floors hold the grader to their side of them). Entries for blind7..blind13 give
# the figure at the seventh round's start (dbf027c) -> the ninth round's end and say which round read the set;
# entries for blind14..blind17 give the figure at the tenth round's start (386685e) -> its end; entries for
# blind18..blind26 give the figure at the eleventh round's start (e722bbc) -> now, and say whether that round read
# the set or it is held out. Where an older set's figure moved in the eleventh round, its entry says so.
# The eleventh round lowered four floors on sets it read, each on a call its labellers make the other way:
# blind18 tone (precision not met 0.75 -> 0.67): a formal script that says the call "was ended from your side" is
# blame for the grader and these labels, a telling-off for the grader only; blind18 closes_warmly (0.85 -> 0.79): after
# advice that "your router should be placed away from other devices" the grader reads a stock thanks as perfunctory;
# blind22 tone (0.90 -> 0.82): a fault put on "wifi interference" with nothing warm reads as cold to the grader only.
# The twelfth round lowered three more: blind5 acknowledges_specifically (precision not met 0.80 -> 0.67): "whether it can
# be reviewed" no longer reads as a frame like "that must be hard", and the reply it carried names the situation in no
# other frame the grader knows; blind25 states_next_steps (recall not met 1.00 -> 0.97): "I've held two slots: Friday
# afternoon or Monday morning" dates the step for the grader, not for these labels; blind25 tone (precision not met
# 1.00 -> 0.95): "please make sure you're submitting readings correctly" with nothing warm is cold to the grader only.
# Many are on a handful of labelled misses (a criterion failed by 2-5 replies of 80), where one reply moves the
# figure by 0.2 or more; pass/fail kappa (KAPPA_FLOORS) is the figure to read first.
# offers_action on the tuned sets (replies, heldout, blind2), lowered in the sixth round: those labels count looking
# into something ("I'll look into it personally and call you back later today", "let me see if I can find you
# something sooner", "I'll check why the order was wrong and get back to you") and a step that waits on the
# customer ("please send it back and we'll prioritise it") as an offer. The definition names "see what I can do"
# and a reply where only the customer acts as false, and blind5/blind6 label the same shapes false ("I'll look into
# the fault and give you a call back later today", "ring us back and we'll escalate it"), so the grader follows
# them: precision (not met) 0.97 -> 0.88 on replies, 0.96 -> 0.90 on heldout, 1.00 -> 0.93 on blind2, and with it
# pass/fail kappa 0.97 -> 0.95 on replies and 0.96 -> 0.94 on heldout (labels differ).
KNOWN_GAPS: dict = {
    ('blind', 'tone', 'precision not met'): 'replies the labels find warm flagged as cold: the blind labels count a '
                                            'defence or a polite hand-off under no_blame only, the tuned labels under '
                                            'tone too (labels differ; 0.60 -> 0.66)',
    ('blind2', 'acknowledges_specifically', 'recall not met'): "'sorry about Tuesday' read as specific, as "
                                                               "replies.jsonl labels 'sorry about the boots' (labels "
                                                               'differ; 0.83 -> 0.83)',
    ('blind2', 'no_bare_refusal', 'recall not met'): 'refusals in wording no pattern names (0.83 -> 0.83, of 6)',
    ('blind2', 'tone', 'precision not met'): 'defensive replies with no warmth the labels still find warm (labels '
                                             'differ; 0.67 -> 0.67)',
    ('blind3', 'tone', 'recall not met'): 'curt replies with no named cold phrase (0.75 -> 0.81)',
    ('blind4', 'acknowledges_specifically', 'precision not met'): 'few labelled misses (0.75 -> 0.75, of 8)',
    ('blind4', 'acknowledges_specifically', 'recall not met'): "'sorry about the kitchen' read as specific, as "
                                                               "replies.jsonl labels 'sorry about the boots' (labels "
                                                               'differ; 0.38 -> 0.38, 3 of 8)',
    ('blind4', 'apologizes_or_owns', 'precision not met'): "'sorry you're disappointed' and a stock 'any "
                                                           "inconvenience' that these labels accept and the tuned ones "
                                                           'do not (labels differ; 0.50 -> 0.57, of 4)',
    ('blind4', 'no_bare_refusal', 'precision not met'): "a polite hand-off ('the best thing is to contact them') these "
                                                        "labels do not count as a refusal and blind3's do (labels "
                                                        'differ; 0.60 -> 0.75, of 4)',
    ('blind4', 'no_bare_refusal', 'recall not met'): 'refusals in wording no pattern names (0.75 -> 0.75, of 4)',
    ('blind4', 'closes_warmly', 'precision not met'): "'Thanks for calling' after a deflection, which these labels "
                                                      'accept and the tuned ones call perfunctory (labels differ; 0.82 '
                                                      '-> 0.79, of 14)',
    ('blind4', 'tone', 'precision not met'): 'scolding or doubting counted under no_blame only by these labels, under '
                                             'tone too by the tuned ones (labels differ; 0.54 -> 0.63)',
    ('blind5', 'acknowledges_specifically', 'precision not met'): 'formal or indirect acknowledgements read as generic '
                                                                  '(0.57 -> 0.67, of 4); twelfth round 0.80 -> 0.67',
    ('blind5', 'apologizes_or_owns', 'precision not met'): "a stock 'any inconvenience' these labels accept and the "
                                                           'tuned ones do not (labels differ; 0.75 -> 0.75)',
    ('blind5', 'no_bare_refusal', 'recall not met'): 'a refusal in wording no pattern names (0.50 -> 0.50, of 2)',
    ('blind5', 'paraphrases_facts', 'precision not met'): 'facts restated in wording no key-fact variant names (0.79 '
                                                          '-> 0.79); twelfth round 0.79 -> 0.83',
    ('blind5', 'closes_warmly', 'precision not met'): "'thanks for calling' after a defence, which these labels accept "
                                                      '(labels differ; 0.80 -> 0.82)',
    ('blind6', 'acknowledges_specifically', 'recall not met'): "'sorry to hear about Friday' read as specific (labels "
                                                               'differ; 0.77 -> 0.77)',
    ('blind6', 'apologizes_or_owns', 'precision not met'): 'stock apologies these labels accept (labels differ; 0.78 '
                                                           '-> 0.78)',
    ('blind6', 'no_bare_refusal', 'recall not met'): 'refusals in wording no pattern names (0.57 -> 0.71, of 7)',
    ('blind6', 'closes_warmly', 'precision not met'): 'a closing thanks after a lecture, which these labels accept and '
                                                      'the tuned ones call perfunctory (labels differ; 0.60 -> 0.62)',
    ('blind6', 'closes_warmly', 'recall not met'): 'stock closings counted as warm (0.69 -> 0.77)',
    ('blind6', 'tone', 'recall not met'): 'flat or curt replies with no cold phrase (0.45 -> 0.64)',
    ('blind7', 'acknowledges_specifically', 'precision not met'): 'read in the seventh round (0.33 -> 0.50)',
    ('blind7', 'acknowledges_specifically', 'recall not met'): 'read in the seventh round (0.38 -> 0.38)',
    ('blind7', 'apologizes_or_owns', 'precision not met'): 'read in the seventh round (0.43 -> 0.43)',
    ('blind7', 'apologizes_or_owns', 'recall not met'): 'read in the seventh round (0.60 -> 0.60)',
    ('blind7', 'no_bare_refusal', 'precision not met'): 'read in the seventh round (0.75 -> 0.75)',
    ('blind7', 'offers_action', 'recall not met'): 'read in the seventh round (0.69 -> 0.69); twelfth round 0.69 -> '
                                                   '0.77',
    ('blind7', 'tone', 'precision not met'): 'read in the seventh round (0.56 -> 0.71)',
    ('blind8', 'apologizes_or_owns', 'precision not met'): 'read in the seventh round (0.80 -> 0.80)',
    ('blind8', 'apologizes_or_owns', 'recall not met'): 'read in the seventh round (0.80 -> 0.80)',
    ('blind8', 'no_bare_refusal', 'recall not met'): 'read in the seventh round (0.50 -> 0.67)',
    ('blind8', 'no_blame', 'recall not met'): 'read in the seventh round (0.70 -> 0.80)',
    ('blind8', 'offers_action', 'recall not met'): 'read in the seventh round (0.46 -> 0.54)',
    ('blind8', 'paraphrases_facts', 'precision not met'): 'read in the seventh round (0.85 -> 0.85)',
    ('blind8', 'states_next_steps', 'precision not met'): 'read in the seventh round (0.74 -> 0.74); twelfth round '
                                                          '0.74 -> 0.78',
    ('blind8', 'closes_warmly', 'precision not met'): 'read in the seventh round (0.69 -> 0.69)',
    ('blind8', 'tone', 'precision not met'): 'read in the seventh round (0.57 -> 0.57)',
    ('blind9', 'acknowledges_specifically', 'precision not met'): 'read in the seventh round (0.25 -> 0.50)',
    ('blind9', 'acknowledges_specifically', 'recall not met'): 'read in the seventh round (0.40 -> 0.40)',
    ('blind9', 'apologizes_or_owns', 'precision not met'): 'read in the seventh round (0.83 -> 0.83)',
    ('blind9', 'apologizes_or_owns', 'recall not met'): 'read in the seventh round (0.56 -> 0.56)',
    ('blind9', 'no_bare_refusal', 'precision not met'): 'read in the seventh round (0.50 -> 0.50)',
    ('blind9', 'no_blame', 'precision not met'): 'read in the seventh round (0.62 -> 0.83)',
    ('blind9', 'no_blame', 'recall not met'): 'read in the seventh round (0.53 -> 0.53)',
    ('blind9', 'offers_action', 'recall not met'): 'read in the seventh round (0.56 -> 0.67); twelfth round 0.67 -> '
                                                   '0.72',
    ('blind9', 'states_next_steps', 'precision not met'): 'read in the seventh round (0.81 -> 0.81); twelfth round '
                                                          '0.81 -> 0.84',
    ('blind9', 'closes_warmly', 'precision not met'): 'read in the seventh round (0.78 -> 0.78)',
    ('blind9', 'closes_warmly', 'recall not met'): 'read in the seventh round (0.50 -> 0.50)',
    ('blind9', 'tone', 'precision not met'): 'read in the seventh round (0.80 -> 0.80)',
    ('blind9', 'tone', 'recall not met'): 'read in the seventh round (0.80 -> 0.80)',
    ('blind10', 'apologizes_or_owns', 'recall not met'): 'read in the eighth round (0.73 -> 0.73)',
    ('blind10', 'no_bare_refusal', 'recall not met'): 'read in the eighth round (0.33 -> 0.33)',
    ('blind10', 'offers_action', 'recall not met'): 'read in the eighth round (0.50 -> 0.50)',
    ('blind10', 'tone', 'precision not met'): 'read in the eighth round (0.71 -> 0.71)',
    ('blind11', 'apologizes_or_owns', 'precision not met'): 'read in the eighth round (0.40 -> 0.67)',
    ('blind11', 'apologizes_or_owns', 'recall not met'): 'read in the eighth round (0.50 -> 0.50)',
    ('blind11', 'no_blame', 'recall not met'): 'read in the eighth round (0.63 -> 0.79); eleventh round 0.79 -> 0.84',
    ('blind11', 'paraphrases_facts', 'precision not met'): 'read in the eighth round (0.78 -> 0.78)',
    ('blind11', 'tone', 'precision not met'): 'read in the eighth round (0.60 -> 0.38)',
    ('blind11', 'tone', 'recall not met'): 'read in the eighth round (0.75 -> 0.75)',
    ('blind12', 'acknowledges_specifically', 'precision not met'): 'read in the ninth round (0.78 -> 0.82)',
    ('blind12', 'acknowledges_specifically', 'recall not met'): 'read in the ninth round (0.78 -> 0.78)',
    ('blind12', 'apologizes_or_owns', 'recall not met'): 'read in the ninth round (0.50 -> 0.50)',
    ('blind12', 'no_bare_refusal', 'precision not met'): 'read in the ninth round (0.67 -> 0.67)',
    ('blind12', 'no_bare_refusal', 'recall not met'): 'read in the ninth round (0.33 -> 0.33)',
    ('blind12', 'no_blame', 'recall not met'): 'read in the ninth round (0.50 -> 0.50); eleventh round 0.55 -> 0.59',
    ('blind13', 'acknowledges_specifically', 'recall not met'): 'read in the ninth round (0.69 -> 0.69)',
    ('blind13', 'apologizes_or_owns', 'recall not met'): 'read in the ninth round (0.69 -> 0.69)',
    ('blind13', 'no_bare_refusal', 'recall not met'): 'read in the ninth round (0.71 -> 0.71)',
    ('blind13', 'no_blame', 'recall not met'): 'read in the ninth round (0.78 -> 0.78)',
    ('blind13', 'offers_action', 'precision not met'): 'read in the ninth round (0.62 -> 0.80)',
    ('blind13', 'offers_action', 'recall not met'): 'read in the ninth round (0.67 -> 0.67)',
    ('blind13', 'tone', 'recall not met'): 'read in the ninth round (0.75 -> 0.75)',
    ('blind14', 'apologizes_or_owns', 'precision not met'): 'read in the tenth round (0.75 -> 0.75)',
    ('blind14', 'apologizes_or_owns', 'recall not met'): 'read in the tenth round (0.60 -> 0.60)',
    ('blind14', 'no_bare_refusal', 'recall not met'): 'read in the tenth round (0.75 -> 0.75)',
    ('blind14', 'no_blame', 'recall not met'): 'read in the tenth round (0.67 -> 0.67); eleventh round 0.67 -> 0.72',
    ('blind14', 'offers_action', 'recall not met'): 'read in the tenth round (0.77 -> 0.77)',
    ('blind14', 'tone', 'precision not met'): 'read in the tenth round (0.58 -> 0.70)',
    ('blind14', 'tone', 'recall not met'): 'read in the tenth round (0.64 -> 0.64)',
    ('blind15', 'acknowledges_specifically', 'precision not met'): 'read in the tenth round (0.75 -> 0.75)',
    ('blind15', 'no_undoing_but', 'recall not met'): 'read in the tenth round (0.75 -> 0.75)',
    ('blind15', 'no_bare_refusal', 'recall not met'): 'read in the tenth round (0.50 -> 0.50)',
    ('blind15', 'no_blame', 'precision not met'): 'read in the tenth round (0.56 -> 0.62)',
    ('blind15', 'no_blame', 'recall not met'): 'read in the tenth round (0.71 -> 0.71)',
    ('blind15', 'tone', 'precision not met'): 'read in the tenth round (0.80 -> 0.83)',
    ('blind15', 'tone', 'recall not met'): 'read in the tenth round (0.67 -> 0.83)',
    ('blind16', 'acknowledges_specifically', 'recall not met'): 'read in the tenth round (0.67 -> 0.67)',
    ('blind16', 'apologizes_or_owns', 'precision not met'): 'read in the tenth round (0.50 -> 0.50)',
    ('blind16', 'apologizes_or_owns', 'recall not met'): 'read in the tenth round (0.75 -> 0.75)',
    ('blind16', 'no_blame', 'precision not met'): 'read in the tenth round (0.73 -> 0.79); eleventh round 0.79 -> 0.80',
    ('blind16', 'no_blame', 'recall not met'): 'read in the tenth round (0.73 -> 0.73); eleventh round 0.73 -> 0.80',
    ('blind16', 'offers_action', 'precision not met'): 'read in the tenth round (0.64 -> 0.64)',
    ('blind16', 'asks_clarifying_question', 'recall not met'): 'read in the tenth round (0.84 -> 0.81)',
    ('blind16', 'tone', 'recall not met'): 'read in the tenth round (0.57 -> 0.57)',
    ('blind17', 'apologizes_or_owns', 'precision not met'): 'read in the tenth round (0.67 -> 0.67)',
    ('blind17', 'no_undoing_but', 'precision not met'): 'read in the tenth round (0.50 -> 0.50)',
    ('blind17', 'no_undoing_but', 'recall not met'): 'read in the tenth round (0.33 -> 0.33)',
    ('blind17', 'no_blame', 'recall not met'): 'read in the tenth round (0.73 -> 0.82)',
    ('blind17', 'offers_action', 'precision not met'): 'read in the tenth round (0.50 -> 0.67)',
    ('blind17', 'states_next_steps', 'precision not met'): 'read in the tenth round (0.25 -> 0.25)',
    ('blind17', 'states_next_steps', 'recall not met'): 'read in the tenth round (0.33 -> 0.33)',
    ('blind17', 'closes_warmly', 'recall not met'): 'read in the tenth round (0.50 -> 0.50)',
    ('blind17', 'tone', 'precision not met'): 'read in the tenth round (0.67 -> 0.67)',
    ('blind18', 'apologizes_or_owns', 'precision not met'): 'read in the eleventh round (e722bbc 0.60 -> now 0.60)',
    ('blind18', 'no_bare_refusal', 'recall not met'): 'read in the eleventh round (e722bbc 0.67 -> now 0.67)',
    ('blind18', 'offers_action', 'recall not met'): 'read in the eleventh round (e722bbc 0.75 -> now 0.75)',
    ('blind18', 'paraphrases_facts', 'precision not met'): 'read in the eleventh round (e722bbc 0.79 -> now 0.79)',
    ('blind18', 'closes_warmly', 'precision not met'): 'read in the eleventh round (e722bbc 0.85 -> now 0.79)',
    ('blind18', 'tone', 'precision not met'): 'read in the eleventh round (e722bbc 0.75 -> now 0.67)',
    ('blind19', 'acknowledges_specifically', 'precision not met'): 'read in the eleventh round (e722bbc 0.33 -> now '
                                                                   '0.33)',
    ('blind19', 'no_undoing_but', 'recall not met'): 'read in the eleventh round (e722bbc 0.83 -> now 0.83)',
    ('blind19', 'no_blame', 'precision not met'): 'read in the eleventh round (e722bbc 0.62 -> now 0.85)',
    ('blind19', 'offers_action', 'precision not met'): 'read in the eleventh round (e722bbc 0.78 -> now 0.78)',
    ('blind19', 'offers_action', 'recall not met'): 'read in the eleventh round (e722bbc 0.78 -> now 0.78)',
    ('blind19', 'asks_clarifying_question', 'precision not met'): 'read in the eleventh round (e722bbc 0.81 -> now '
                                                                  '0.81)',
    ('blind19', 'asks_clarifying_question', 'recall not met'): 'read in the eleventh round (e722bbc 0.85 -> now 0.85)',
    ('blind20', 'acknowledges_specifically', 'recall not met'): 'read in the eleventh round (e722bbc 0.82 -> now 0.82)',
    ('blind20', 'apologizes_or_owns', 'precision not met'): 'read in the eleventh round (e722bbc 0.80 -> now 0.80)',
    ('blind20', 'apologizes_or_owns', 'recall not met'): 'read in the eleventh round (e722bbc 0.67 -> now 0.67)',
    ('blind20', 'offers_action', 'precision not met'): 'read in the eleventh round (e722bbc 0.78 -> now 0.78)',
    ('blind20', 'tone', 'precision not met'): 'read in the eleventh round (e722bbc 0.67 -> now 0.83)',
    ('blind20', 'tone', 'recall not met'): 'read in the eleventh round (e722bbc 0.57 -> now 0.71)',
    ('blind21', 'acknowledges_specifically', 'precision not met'): 'read in the eleventh round (e722bbc 0.64 -> now '
                                                                   '0.64)',
    ('blind21', 'apologizes_or_owns', 'recall not met'): 'read in the eleventh round (e722bbc 0.75 -> now 0.83)',
    ('blind21', 'no_undoing_but', 'precision not met'): 'read in the eleventh round (e722bbc 0.75 -> now 0.75)',
    ('blind21', 'no_undoing_but', 'recall not met'): 'read in the eleventh round (e722bbc 0.75 -> now 0.75)',
    ('blind21', 'no_bare_refusal', 'recall not met'): 'read in the eleventh round (e722bbc 0.60 -> now 0.60)',
    ('blind21', 'offers_action', 'precision not met'): 'read in the eleventh round (e722bbc 0.82 -> now 0.83)',
    ('blind21', 'offers_action', 'recall not met'): 'read in the eleventh round (e722bbc 0.75 -> now 0.83)',
    ('blind21', 'tone', 'recall not met'): 'read in the eleventh round (e722bbc 0.50 -> now 0.50)',
    ('blind22', 'acknowledges_specifically', 'precision not met'): 'read in the eleventh round (e722bbc 0.36 -> now '
                                                                   '0.36)',
    ('blind22', 'no_bare_refusal', 'recall not met'): 'read in the eleventh round (e722bbc 0.60 -> now 0.60)',
    ('blind22', 'offers_action', 'precision not met'): 'read in the eleventh round (e722bbc 0.78 -> now 0.78)',
    ('blind22', 'states_next_steps', 'precision not met'): 'read in the eleventh round (e722bbc 0.81 -> now 0.81)',
    ('blind22', 'tone', 'precision not met'): 'read in the eleventh round (e722bbc 0.90 -> now 0.82)',
    ('blind22', 'tone', 'recall not met'): 'read in the eleventh round (e722bbc 0.82 -> now 0.82)',
    ('blind23', 'no_bare_refusal', 'recall not met'): 'read in the eleventh round (e722bbc 0.78 -> now 0.78)',
    ('blind23', 'offers_action', 'recall not met'): 'read in the eleventh round (e722bbc 0.67 -> now 0.83)',
    ('blind23', 'states_next_steps', 'recall not met'): 'read in the eleventh round (e722bbc 0.84 -> now 0.84)',
    ('blind23', 'closes_warmly', 'precision not met'): 'read in the eleventh round (e722bbc 0.88 -> now 0.85)',
    ('blind24', 'apologizes_or_owns', 'precision not met'): 'read in the eleventh round (e722bbc 0.92 -> now 0.80)',
    ('blind24', 'no_bare_refusal', 'recall not met'): 'read in the eleventh round (e722bbc 0.43 -> now 0.43)',
    ('blind24', 'offers_action', 'recall not met'): 'read in the eleventh round (e722bbc 0.47 -> now 0.47)',
    ('blind24', 'closes_warmly', 'precision not met'): 'read in the eleventh round (e722bbc 0.86 -> now 0.84)',
    ('blind24', 'tone', 'precision not met'): 'read in the eleventh round (e722bbc 0.65 -> now 0.67)',
    ('blind25', 'no_undoing_but', 'precision not met'): 'held out from the eleventh round, read in the twelfth '
                                                        '(e722bbc 0.83 -> 5f0a325 0.83 -> now 0.83)',
    ('blind25', 'no_undoing_but', 'recall not met'): 'held out from the eleventh round, read in the twelfth (e722bbc '
                                                     '0.83 -> 5f0a325 0.83 -> now 0.83)',
    ('blind25', 'offers_action', 'precision not met'): 'held out from the eleventh round, read in the twelfth (e722bbc '
                                                       '0.74 -> 5f0a325 0.74 -> now 0.82)',
    ('blind25', 'tone', 'recall not met'): 'held out from the eleventh round, read in the twelfth (e722bbc 0.64 -> '
                                           '5f0a325 0.64 -> now 0.80)',
    ('blind26', 'no_undoing_but', 'precision not met'): 'held out from the eleventh round, read in the twelfth '
                                                        '(e722bbc 0.75 -> 5f0a325 0.75 -> now 0.75)',
    ('blind26', 'no_undoing_but', 'recall not met'): 'held out from the eleventh round, read in the twelfth (e722bbc '
                                                     '0.60 -> 5f0a325 0.60 -> now 0.60)',
    ('blind26', 'no_bare_refusal', 'precision not met'): 'held out from the eleventh round, read in the twelfth '
                                                         '(e722bbc 0.83 -> 5f0a325 0.83 -> now 0.83)',
    ('blind26', 'no_bare_refusal', 'recall not met'): 'held out from the eleventh round, read in the twelfth (e722bbc '
                                                      '0.71 -> 5f0a325 0.71 -> now 0.71)',
    ('blind26', 'tone', 'recall not met'): 'held out from the eleventh round, read in the twelfth (e722bbc 0.78 -> '
                                           '5f0a325 0.78 -> now 0.81)',
    ('blind27', 'acknowledges_specifically', 'precision not met'): 'held out from the twelfth round (5f0a325 0.83 -> '
                                                                   'now 0.83)',
    ('blind27', 'no_undoing_but', 'recall not met'): 'held out from the twelfth round (5f0a325 0.83 -> now 0.83)',
    ('blind27', 'no_bare_refusal', 'recall not met'): 'held out from the twelfth round (5f0a325 0.75 -> now 0.75)',
    ('blind27', 'no_blame', 'recall not met'): 'held out from the twelfth round (5f0a325 0.66 -> now 0.66)',
    ('blind27', 'no_blame', 'precision met'): 'held out from the twelfth round (5f0a325 0.83 -> now 0.83)',
    ('blind27', 'offers_action', 'recall not met'): 'held out from the twelfth round (5f0a325 0.76 -> now 0.76)',
    ('blind27', 'tone', 'recall not met'): 'held out from the twelfth round (5f0a325 0.77 -> now 0.77)',
    ('blind28', 'no_undoing_but', 'recall not met'): 'held out from the twelfth round (5f0a325 0.71 -> now 0.71)',
    ('blind28', 'no_bare_refusal', 'recall not met'): 'held out from the twelfth round (5f0a325 0.45 -> now 0.45)',
    ('blind28', 'no_blame', 'recall not met'): 'held out from the twelfth round (5f0a325 0.81 -> now 0.81)',
    ('blind28', 'offers_action', 'recall not met'): 'held out from the twelfth round (5f0a325 0.65 -> now 0.65)',
    ('blind28', 'states_next_steps', 'recall not met'): 'held out from the twelfth round (5f0a325 0.83 -> now 0.83)',
    ('blind28', 'pass/fail', 'kappa'): 'held out from the twelfth round (5f0a325 0.84 -> now 0.84)',
}

METRICS = ("precision not met", "recall not met", "precision met", "recall met")
# the criteria the hand labels cover; the UNLABELLED checks came after them, so they are measured through pass/fail
# kappa and by never failing a reply the labels pass (test_a_check_the_labels_lack_fails_no_reply_they_pass)
LABELLED_KEYS = tuple(k for k in ORDER if k not in UNLABELLED)


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


def measure(rows, exercises, rubrics):
    """Per-criterion confusion counts {(label, graded): n} and pass/fail pairs, each reply graded by its exercise's rubric."""
    confusion = {key: Counter() for key in ORDER}
    passes = Counter()
    contexts = {}
    for row in rows:
        ex = exercises[row["exercise"]]
        ctx = contexts.setdefault(row["exercise"], Context(customer=ex["customer"], key_facts=ex.get("key_facts") or []))
        result = grade(row["text"], rubrics[ex["rubric"]], ctx)
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
    for key in LABELLED_KEYS:
        c = confusion[key]
        n = sum(c.values())
        acc = _ratio(c[(True, True)] + c[(False, False)], n)
        lines.append(f"{key:27} {n:4d} {acc:5.2f} " + " ".join(f"{v:7.2f}" for v in figures(c)))
    n = sum(passes.values())
    agree = _ratio(passes[(True, True)] + passes[(False, False)], n)
    lines.append(f"pass/fail: n={n}, agreement {agree:.2f}, Cohen's kappa {kappa(passes):.2f}")
    return "\n".join(lines)


def _rows(name: str) -> list:
    path = LABELLED / f"{name}.jsonl"
    if not path.exists():
        pytest.skip(f"no {path.name} yet")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def setup():
    exercises = _exercises()
    data = yaml.safe_load((COURSE / "rubrics.yaml").read_text())
    return exercises, {slug: Rubric.from_dict(slug, rubric) for slug, rubric in data.items()}


@pytest.fixture(scope="module")
def measured(setup):
    exercises, rubrics = setup
    out, reports = {}, []
    for name in FILES:
        rows = _rows(name)
        unknown = sorted({r["exercise"] for r in rows} - set(exercises))
        assert not unknown, f"{name}: labelled replies for exercises that do not exist: {unknown}"
        out[name] = measure(rows, exercises, rubrics)
        reports.append(table(f"{name}.jsonl", *out[name]))
        if name == "replies":
            for title, keep in (("even ids", "02468"), ("odd ids", "13579")):
                reports.append(table(f"replies.jsonl, {title}", *measure([r for r in rows if r["id"][-1] in keep],
                                                                          exercises, rubrics)))
    report = "\n".join(reports)
    print("\n" + report)
    return out, report


@pytest.mark.parametrize("name, least", [("replies", 300), ("heldout", 80), ("blind", 60), ("blind2", 60), ("blind3", 60),
                                         ("blind4", 80), ("blind5", 80), ("blind6", 80), ("blind7", 80),
                                         ("blind8", 80), ("blind9", 80), ("blind10", 80), ("blind11", 80),
                                         ("blind12", 80), ("blind13", 80), ("blind14", 80), ("blind15", 80),
                                         ("blind16", 80), ("blind17", 80), ("blind18", 80), ("blind19", 80),
                                         ("blind20", 80), ("blind21", 80), ("blind22", 80),
                                         ("blind23", 80), ("blind24", 80), ("blind25", 80), ("blind26", 80),
                                         ("blind27", 80), ("blind28", 80)])
def test_the_labelled_sets_are_big_enough_to_measure(measured, name, least):
    _confusion, passes = measured[0][name]
    assert sum(passes.values()) >= least


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("key", LABELLED_KEYS)
def test_each_criterion_agrees_with_the_hand_labels(measured, name, key):
    out, report = measured
    got = figures(out[name][0][key])
    floors = FLOORS[name][key]
    low = [(metric, round(value, 3), floor) for metric, value, floor in zip(METRICS, got, floors) if value < floor]
    assert not low, f"{name}: {key} fell below its floors: {low}\n{report}"
    for metric, floor in zip(METRICS, floors):
        assert floor >= 0.85 or (name, key, metric) in KNOWN_GAPS, f"{name} {key} {metric}: a floor under 0.85 must be a listed gap"


@pytest.mark.parametrize("name", FILES)
def test_overall_pass_fail_agrees_with_the_hand_labels(measured, name):
    out, report = measured
    assert kappa(out[name][1]) >= KAPPA_FLOORS[name], report
    assert KAPPA_FLOORS[name] >= 0.85 or (name, "pass/fail", "kappa") in KNOWN_GAPS


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("key", UNLABELLED)
def test_a_check_the_labels_lack_fails_no_reply_they_pass(setup, name, key):
    """A check with no hand label of its own must never fail a reply a coach passed."""
    exercises, rubrics = setup
    flagged = []
    for row in _rows(name):
        ex = exercises[row["exercise"]]
        criterion = next((c for c in rubrics[ex["rubric"]].criteria if c.check == key), None)
        if not row["passed"] or criterion is None:
            continue  # the check judges only the exercises whose rubric asks for it
        f = CHECKS[key].run(row["text"], criterion.params, Context(customer=ex["customer"], key_facts=ex.get("key_facts") or []))
        if f.met is False:
            flagged.append(row["id"])
    assert len(flagged) <= FALSE_ALARMS.get((key, name), 0), f"{name}: replies labelled passed that {key} fails: {flagged}"
