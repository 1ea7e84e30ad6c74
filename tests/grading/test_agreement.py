"""How far the grader agrees with hand labels (tests/grading/labelled/).

Every labelled reply is graded with the built-in ``service-recovery`` rubric
against its exercise's customer text and key facts. For each criterion the
test reports precision and recall twice: with "not met" as the positive class
(the grader catching a problem) and with "met" as the positive class, plus
Cohen's kappa for overall pass/fail. Eleven files are measured:

* ``replies.jsonl`` (306 replies), the set the checks were developed against;
  its table is also printed for its two halves by id (an earlier round of
  work read only the even ids; the round that added heldout.jsonl read both);
* ``heldout.jsonl`` (108 replies), written and labelled later, before the
  grader was run on them, to measure how the grader does on replies it was
  not shaped on (its README records how it was used since);
* ``blind.jsonl`` .. ``blind9.jsonl`` (60 or 80 replies each), each written
  and labelled by a different hand that read neither the grader nor the
  other files, and committed before anything graded it.

Rounds of rule work read blind..blind4 (the fourth and fifth rounds) and
blind5 and blind6 (the sixth), so those are no clean measure of unseen
replies any more. ``blind7.jsonl``, ``blind8.jsonl`` and ``blind9.jsonl``
are: nobody working on the grader has read their replies or disagreements.
The sixth round moved none of them except through the two criteria it made
required (tone and no_reask), which follow the labels' pass bar rather than
anybody's wording.

Where the blind labels and the tuned labels make opposite calls on the same
shape (whether "sorry about Tuesday" is specific, whether scolding fails tone
as well as no_blame, whether "thanks for calling" after a deflection is warm),
the tuned floors hold the grader to the tuned side, and the blind figure is
listed in KNOWN_GAPS with "labels differ".

Two checks came after the labels, which have no column for them: the
over-promise check (no_overpromise) and the re-ask check (no_reask, which
fails a reply for what asks_clarifying_question only marks down). Both are
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
        "acknowledges_specifically": (0.91, 0.97, 0.99, 0.96),
        "apologizes_or_owns": (0.99, 0.99, 0.99, 0.99),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.99, 0.99, 0.99),
        "no_blame": (0.98, 0.99, 0.99, 0.99),
        "offers_action": (0.88, 0.98, 0.99, 0.96),
        "asks_clarifying_question": (0.99, 0.99, 0.99, 0.99),
        "paraphrases_facts": (0.96, 0.98, 0.98, 0.97),
        "states_next_steps": (0.99, 0.99, 0.99, 0.99),
        "closes_warmly": (0.99, 0.97, 0.98, 0.99),
        "tone": (0.99, 0.99, 0.99, 0.99),
    },
    "heldout": {
        "acknowledges_specifically": (0.93, 0.93, 0.97, 0.97),
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
        "acknowledges_specifically": (0.90, 0.83, 0.95, 0.97),
        "apologizes_or_owns": (0.99, 0.99, 0.99, 0.99),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.83, 0.98, 0.99),
        "no_blame": (0.93, 0.99, 0.99, 0.97),
        "offers_action": (0.92, 0.99, 0.99, 0.97),
        "asks_clarifying_question": (0.99, 0.94, 0.92, 0.99),
        "paraphrases_facts": (0.99, 0.99, 0.99, 0.99),
        "states_next_steps": (0.95, 0.91, 0.94, 0.97),
        "closes_warmly": (0.99, 0.94, 0.97, 0.99),
        "tone": (0.66, 0.99, 0.99, 0.94),
    },
    "blind3": {
        "acknowledges_specifically": (0.99, 0.94, 0.97, 0.99),
        "apologizes_or_owns": (0.99, 0.85, 0.95, 0.99),
        "no_undoing_but": (0.99, 0.85, 0.98, 0.99),
        "no_bare_refusal": (0.87, 0.87, 0.98, 0.98),
        "no_blame": (0.95, 0.99, 0.99, 0.97),
        "offers_action": (0.99, 0.90, 0.95, 0.99),
        "asks_clarifying_question": (0.99, 0.97, 0.96, 0.99),
        "paraphrases_facts": (0.99, 0.99, 0.99, 0.99),
        "states_next_steps": (0.96, 0.96, 0.97, 0.97),
        "closes_warmly": (0.99, 0.92, 0.94, 0.99),
        "tone": (0.99, 0.81, 0.93, 0.99),
    },
    "blind4": {
        "acknowledges_specifically": (0.75, 0.37, 0.93, 0.98),
        "apologizes_or_owns": (0.57, 0.99, 0.99, 0.96),
        "no_undoing_but": (0.99, 0.87, 0.98, 0.99),
        "no_bare_refusal": (0.75, 0.75, 0.98, 0.98),
        "no_blame": (0.85, 0.94, 0.98, 0.95),
        "offers_action": (0.99, 0.90, 0.98, 0.99),
        "asks_clarifying_question": (0.96, 0.96, 0.97, 0.97),
        "paraphrases_facts": (0.89, 0.94, 0.98, 0.96),
        "states_next_steps": (0.99, 0.90, 0.96, 0.99),
        "closes_warmly": (0.78, 0.91, 0.98, 0.95),
        "tone": (0.63, 0.87, 0.98, 0.94),
    },
    "blind5": {
        "acknowledges_specifically": (0.66, 0.99, 0.99, 0.97),
        "apologizes_or_owns": (0.75, 0.85, 0.98, 0.97),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.99, 0.50, 0.98, 0.99),
        "no_blame": (0.94, 0.94, 0.98, 0.98),
        "offers_action": (0.99, 0.90, 0.98, 0.99),
        "asks_clarifying_question": (0.95, 0.84, 0.93, 0.98),
        "paraphrases_facts": (0.78, 0.88, 0.96, 0.93),
        "states_next_steps": (0.99, 0.88, 0.96, 0.99),
        "closes_warmly": (0.82, 0.93, 0.98, 0.95),
        "tone": (0.99, 0.85, 0.98, 0.99),
    },
    "blind6": {
        "acknowledges_specifically": (0.90, 0.76, 0.95, 0.98),
        "apologizes_or_owns": (0.77, 0.87, 0.98, 0.97),
        "no_undoing_but": (0.99, 0.85, 0.98, 0.99),
        "no_bare_refusal": (0.99, 0.71, 0.97, 0.99),
        "no_blame": (0.85, 0.99, 0.99, 0.95),
        "offers_action": (0.94, 0.99, 0.99, 0.98),
        "asks_clarifying_question": (0.93, 0.91, 0.93, 0.95),
        "paraphrases_facts": (0.99, 0.94, 0.98, 0.99),
        "states_next_steps": (0.90, 0.90, 0.96, 0.96),
        "closes_warmly": (0.62, 0.76, 0.95, 0.91),
        "tone": (0.99, 0.63, 0.94, 0.99),
    },
    "blind7": {
        "acknowledges_specifically": (0.33, 0.37, 0.92, 0.91),
        "apologizes_or_owns": (0.42, 0.60, 0.97, 0.94),
        "no_undoing_but": (0.99, 0.99, 0.99, 0.99),
        "no_bare_refusal": (0.75, 0.99, 0.99, 0.98),
        "no_blame": (0.64, 0.78, 0.95, 0.90),
        "offers_action": (0.90, 0.69, 0.94, 0.98),
        "asks_clarifying_question": (0.97, 0.94, 0.95, 0.97),
        "paraphrases_facts": (0.86, 0.95, 0.98, 0.94),
        "states_next_steps": (0.86, 0.86, 0.94, 0.94),
        "closes_warmly": (0.89, 0.94, 0.98, 0.96),
        "tone": (0.55, 0.99, 0.99, 0.94),
    },
    "blind8": {
        "acknowledges_specifically": (0.57, 0.99, 0.99, 0.96),
        "apologizes_or_owns": (0.80, 0.80, 0.98, 0.98),
        "no_undoing_but": (0.99, 0.62, 0.96, 0.99),
        "no_bare_refusal": (0.99, 0.50, 0.96, 0.99),
        "no_blame": (0.87, 0.70, 0.90, 0.96),
        "offers_action": (0.75, 0.46, 0.90, 0.97),
        "asks_clarifying_question": (0.89, 0.86, 0.92, 0.94),
        "paraphrases_facts": (0.84, 0.91, 0.98, 0.97),
        "states_next_steps": (0.73, 0.87, 0.96, 0.92),
        "closes_warmly": (0.69, 0.99, 0.99, 0.94),
        "tone": (0.57, 0.99, 0.99, 0.96),
    },
    "blind9": {
        "acknowledges_specifically": (0.25, 0.40, 0.95, 0.92),
        "apologizes_or_owns": (0.83, 0.55, 0.94, 0.98),
        "no_undoing_but": (0.85, 0.85, 0.98, 0.98),
        "no_bare_refusal": (0.50, 0.99, 0.99, 0.97),
        "no_blame": (0.62, 0.52, 0.85, 0.90),
        "offers_action": (0.76, 0.55, 0.88, 0.95),
        "asks_clarifying_question": (0.87, 0.99, 0.99, 0.92),
        "paraphrases_facts": (0.87, 0.87, 0.96, 0.96),
        "states_next_steps": (0.80, 0.95, 0.98, 0.91),
        "closes_warmly": (0.77, 0.50, 0.90, 0.96),
        "tone": (0.80, 0.80, 0.98, 0.98),
    },
}
KAPPA_FLOORS = {"replies": 0.95, "heldout": 0.94, "blind": 0.93, "blind2": 0.96, "blind3": 0.96, "blind4": 0.87,
                "blind5": 0.89, "blind6": 0.92, "blind7": 0.85, "blind8": 0.75, "blind9": 0.50}
FILES = ("replies", "heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9")
# Replies labelled passed that a check with no label column fails, where that is measured, not wanted: on blind4,
# unseen, no_overpromise caught 4 of the 5 replies both labellers failed for over-promising, and failed 1 they passed;
# on blind7 and blind9, held out, no_reask fails 1 reply each that the labels pass (measured, not read), and on
# the eleven files it fails 71 replies, 69 of them labelled failed.
UNLABELLED = ("no_overpromise", "no_reask", "goes_after_cause")
FALSE_ALARMS = {("no_overpromise", "blind4"): 1, ("no_reask", "blind7"): 1, ("no_reask", "blind9"): 1}

# Figures measured below the 0.85 target, as (file, criterion, metric) -> why; the floors above hold them
# where they are. All are on the blind sets. Figures are "before -> after" the sixth round, which made tone and
# no_reask required (the labels' pass bar), and read the disagreements of blind5 and blind6 (never read before) to fix
# by principle who acts and on what (offers, next steps), who is at fault and who has to act (no_blame, tone), and
# what a re-ask asks; blind7 was held out and measured only. The gaps earlier rounds listed that are not here now
# measure 0.85 or more (see labelled/README.md). Several that remain are calls on which the blind labels and the
# tuned labels disagree (noted "labels differ"): the tuned sets' floors hold the grader to their side of them.
# offers_action on the tuned sets (replies, heldout, blind2), lowered in the sixth round: those labels count looking
# into something ("I'll look into it personally and call you back later today", "let me see if I can find you
# something sooner", "I'll check why the order was wrong and get back to you") and a step that waits on the
# customer ("please send it back and we'll prioritise it") as an offer. The definition names "see what I can do"
# and a reply where only the customer acts as false, and blind5/blind6 label the same shapes false ("I'll look into
# the fault and give you a call back later today", "ring us back and we'll escalate it"), so the grader follows
# them: precision (not met) 0.97 -> 0.88 on replies, 0.96 -> 0.90 on heldout, 1.00 -> 0.93 on blind2, and with it
# pass/fail kappa 0.97 -> 0.95 on replies and 0.96 -> 0.94 on heldout (labels differ).
KNOWN_GAPS: dict = {
    # blind5.jsonl and blind6.jsonl: each written and labelled by a hand that saw neither the grader nor the other
    # sets, then read by the sixth round as its teachers.
    ("blind5", "acknowledges_specifically", "precision not met"): "formal or indirect acknowledgements read as "
                                                                 "generic (0.57 -> 0.67, of 4)",
    ("blind5", "apologizes_or_owns", "precision not met"): "a stock 'any inconvenience' these labels accept and the "
                                                           "tuned ones do not (labels differ; 0.75 -> 0.75)",
    ("blind5", "no_bare_refusal", "recall not met"): "a refusal in wording no pattern names (0.50 -> 0.50, of 2)",
    ("blind5", "asks_clarifying_question", "recall not met"): "re-asks or closing questions read as new "
                                                              "(0.84 -> 0.84)",
    ("blind5", "paraphrases_facts", "precision not met"): "facts restated in wording no key-fact variant names "
                                                          "(0.79 -> 0.79)",
    ("blind5", "closes_warmly", "precision not met"): "'thanks for calling' after a defence, which these labels accept "
                                                      "(labels differ; 0.80 -> 0.82)",
    ("blind6", "acknowledges_specifically", "recall not met"): "'sorry to hear about Friday' read as specific "
                                                              "(labels differ; 0.77 -> 0.77)",
    ("blind6", "apologizes_or_owns", "precision not met"): "stock apologies these labels accept (labels differ; "
                                                           "0.78 -> 0.78)",
    ("blind6", "no_bare_refusal", "recall not met"): "refusals in wording no pattern names (0.57 -> 0.71, of 7)",
    ("blind6", "closes_warmly", "precision not met"): "a closing thanks after a lecture, which these labels accept and "
                                                      "the tuned ones call perfunctory (labels differ; 0.60 -> 0.62)",
    ("blind6", "closes_warmly", "recall not met"): "stock closings counted as warm (0.69 -> 0.77)",
    ("blind6", "tone", "recall not met"): "flat or curt replies with no cold phrase (0.45 -> 0.64)",
    # blind7.jsonl: written and labelled while the sixth round worked, held out from it: measured, never read.
    ("blind7", "acknowledges_specifically", "precision not met"): "held out (0.33 -> 0.33)",
    ("blind7", "acknowledges_specifically", "recall not met"): "held out (0.38 -> 0.38)",
    ("blind7", "apologizes_or_owns", "precision not met"): "held out (0.43 -> 0.43)",
    ("blind7", "apologizes_or_owns", "recall not met"): "held out (0.60 -> 0.60)",
    ("blind7", "no_bare_refusal", "precision not met"): "held out (0.75 -> 0.75, of 3)",
    ("blind7", "no_blame", "precision not met"): "held out (0.62 -> 0.65)",
    ("blind7", "no_blame", "recall not met"): "held out (0.71 -> 0.79)",
    ("blind7", "offers_action", "recall not met"): "held out (0.54 -> 0.69)",
    ("blind7", "tone", "precision not met"): "held out (0.56 -> 0.56)",
    # blind8.jsonl and blind9.jsonl: written and labelled after the sixth round, held out from everything: measured,
    # never read. Figures are the session's first grader (66d529a) -> now. blind9's writer was asked for replies
    # that game a grader (copied-back facts, politeness with no action, surface-perfect over-promises).
    ("blind8", "acknowledges_specifically", "precision not met"): "held out (0.57 -> 0.57)",
    ("blind8", "apologizes_or_owns", "precision not met"): "held out (0.80 -> 0.80)",
    ("blind8", "apologizes_or_owns", "recall not met"): "held out (0.80 -> 0.80)",
    ("blind8", "no_undoing_but", "recall not met"): "held out (0.62 -> 0.62)",
    ("blind8", "no_bare_refusal", "recall not met"): "held out (0.50 -> 0.50)",
    ("blind8", "no_blame", "recall not met"): "held out (0.70 -> 0.70)",
    ("blind8", "offers_action", "precision not met"): "held out (0.71 -> 0.75)",
    ("blind8", "offers_action", "recall not met"): "held out (0.38 -> 0.46)",
    ("blind8", "paraphrases_facts", "precision not met"): "held out (0.85 -> 0.84)",
    ("blind8", "states_next_steps", "precision not met"): "held out (0.78 -> 0.73)",
    ("blind8", "closes_warmly", "precision not met"): "held out (0.69 -> 0.69)",
    ("blind8", "tone", "precision not met"): "held out (0.57 -> 0.57)",
    ("blind9", "acknowledges_specifically", "precision not met"): "held out (0.25 -> 0.25)",
    ("blind9", "acknowledges_specifically", "recall not met"): "held out (0.40 -> 0.40)",
    ("blind9", "apologizes_or_owns", "precision not met"): "held out (0.83 -> 0.83)",
    ("blind9", "apologizes_or_owns", "recall not met"): "held out (0.56 -> 0.55)",
    ("blind9", "no_bare_refusal", "precision not met"): "held out (0.50 -> 0.50)",
    ("blind9", "no_blame", "precision not met"): "held out (0.65 -> 0.62)",
    ("blind9", "no_blame", "recall not met"): "held out (0.58 -> 0.52)",
    ("blind9", "offers_action", "precision not met"): "held out (0.69 -> 0.76)",
    ("blind9", "offers_action", "recall not met"): "held out (0.50 -> 0.55)",
    ("blind9", "states_next_steps", "precision not met"): "held out (0.75 -> 0.80)",
    ("blind9", "closes_warmly", "precision not met"): "held out (0.78 -> 0.77)",
    ("blind9", "closes_warmly", "recall not met"): "held out (0.50 -> 0.50)",
    ("blind9", "tone", "precision not met"): "held out (0.80 -> 0.80)",
    ("blind9", "tone", "recall not met"): "held out (0.80 -> 0.80)",

    ("blind8", "pass/fail", "kappa"): "held out (0.70 -> 0.75, all of it from requiring tone and no_reask)",
    ("blind9", "pass/fail", "kappa"): "held out (0.43 -> 0.50, all of it from requiring tone and no_reask)",
    ("blind", "tone", "precision not met"): "replies the labels find warm flagged as cold: the blind labels count a "
                                            "defence or a polite hand-off under no_blame only, the tuned labels under "
                                            "tone too (labels differ; 0.60 -> 0.66)",
    ("blind2", "acknowledges_specifically", "recall not met"): "'sorry about Tuesday' read as specific, as "
                                                               "replies.jsonl labels 'sorry about the boots' "
                                                               "(labels differ; 0.83 -> 0.83)",
    ("blind2", "no_bare_refusal", "recall not met"): "refusals in wording no pattern names (0.83 -> 0.83, of 6)",
    ("blind2", "tone", "precision not met"): "defensive replies with no warmth the labels still find warm "
                                             "(labels differ; 0.67 -> 0.67)",
    ("blind3", "tone", "recall not met"): "curt replies with no named cold phrase (0.75 -> 0.81)",
    # blind4.jsonl: written and labelled after the fourth round began, by a hand that saw neither the grader nor
    # the other sets; read for the first time in the fifth round, which used it as its main teacher.
    ("blind4", "acknowledges_specifically", "precision not met"): "few labelled misses (0.75 -> 0.75, of 8)",
    ("blind4", "acknowledges_specifically", "recall not met"): "'sorry about the kitchen' read as specific, as "
                                                              "replies.jsonl labels 'sorry about the boots' "
                                                              "(labels differ; 0.38 -> 0.38, 3 of 8)",
    ("blind4", "apologizes_or_owns", "precision not met"): "'sorry you're disappointed' and a stock 'any "
                                                           "inconvenience' that these labels accept and the tuned "
                                                           "ones do not (labels differ; 0.50 -> 0.57, of 4)",
    ("blind4", "no_bare_refusal", "precision not met"): "a polite hand-off ('the best thing is to contact them') these "
                                                        "labels do not count as a refusal and blind3's do "
                                                        "(labels differ; 0.60 -> 0.75, of 4)",
    ("blind4", "no_bare_refusal", "recall not met"): "refusals in wording no pattern names (0.75 -> 0.75, of 4)",
    ("blind4", "closes_warmly", "precision not met"): "'Thanks for calling' after a deflection, which these labels "
                                                      "accept and the tuned ones call perfunctory (labels differ; "
                                                      "0.82 -> 0.79, of 14)",
    ("blind4", "tone", "precision not met"): "scolding or doubting counted under no_blame only by these labels, under "
                                             "tone too by the tuned ones (labels differ; 0.54 -> 0.63)",
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
                                         ("blind8", 80), ("blind9", 80)])
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
