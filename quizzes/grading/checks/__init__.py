"""The grader's check registry: ``CHECKS[name] -> Check``.

Each check reads a learner's reply (a :class:`~quizzes.grading.text.Doc`),
the criterion's validated params and the :class:`~quizzes.grading.engine.Context`
(the customer's words and the exercise's key facts), and returns one
:class:`~quizzes.grading.engine.Finding`: met or not (or ``None`` when it does
not apply), a message that says what to change (or affirms what worked), the
spans of the reply it is about, and a pointer to the lesson that teaches it.

The checks, and the articles they come from (see shared/seeds/README.md):

=========================  ==================================================
acknowledges_specifically  name the customer's situation in their terms (001, 002)
apologizes_or_owns         a genuine apology or ownership, not a hollow one (000, 004)
no_undoing_but             no "but"/"however" taking an acknowledgement back (001)
no_bare_refusal            never "no" without what you can do (000)
no_blame                   no blame, deflection, orders, belittling (000, 002, 004)
offers_action              say what you can and will do; offer alternatives (001, 002)
asks_clarifying_question   a polite question for something new (001, 002)
no_reask                   never ask again for what the customer gave (001, 002)
paraphrases_facts          play back the key facts (001, 002)
states_next_steps          who does what by when; a call-back carries a time (002, 003)
closes_warmly              thanks and an offer of more help (001, 004)
tone                       not curt, long, shouting or cold (000, 001)
no_overpromise             promise only what you can keep (004)
goes_after_cause           for a recurring fault, go after why it recurs (004)
=========================  ==================================================

Matching is by meaning-bearing patterns over a normalised token string
(contractions expanded, quotes masked, small typos corrected), with negation
scope, rather than by long lists of whole phrases; see ``_patterns.py``.
Keys are fixed: rubrics, exercises and stored results rely on them.
"""
from ._base import CHECKS, Check, Param
from . import empathy, conduct, resolution  # noqa: F401  (registers the checks)

ORDER = (
    "acknowledges_specifically", "apologizes_or_owns", "no_undoing_but", "no_bare_refusal", "no_blame",
    "offers_action", "asks_clarifying_question", "no_reask", "paraphrases_facts", "states_next_steps", "closes_warmly", "tone",
    "no_overpromise", "goes_after_cause",
)
assert set(ORDER) == set(CHECKS), sorted(set(ORDER) ^ set(CHECKS))

__all__ = ["CHECKS", "Check", "Param", "ORDER"]
