"""The grading engine: rubrics, criteria, findings and the ``grade`` function.

A :class:`Rubric` is a list of weighted :class:`Criterion` entries, each naming
a check from :data:`quizzes.grading.checks.CHECKS`. ``grade(text, rubric,
context)`` runs every criterion's check on the learner's reply and returns a
:class:`Result`:

* ``score`` = round(100 * weight of the criteria met / weight of the criteria
  that apply); a check that does not apply (``met is None``, e.g. there are no
  facts to paraphrase) is left out of both sums. 100 means every criterion is
  met: a reply that misses one scores at most 99, however light its weight;
* ``passed`` = score >= the rubric's pass mark and every applicable required
  criterion is met.

Plain Python: no Django, deterministic, and fast enough to run on a request.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

__all__ = ["RubricError", "Finding", "Context", "Criterion", "Rubric", "Result", "grade"]


class RubricError(ValueError):
    """A rubric (or one of its criteria's params) is not valid; the message says where."""


@dataclass(frozen=True)
class Finding:
    """What one criterion found in the reply."""

    key: str
    check: str
    met: bool | None            # None: the check does not apply to this reply
    message: str
    spans: list = field(default_factory=list)   # [(start, end), ...] into the reply text
    lesson: str | None = None

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "met": self.met,
            "message": self.message,
            "spans": [[int(a), int(b)] for a, b in self.spans],
        }


def make_finding(key: str, check: str, met, message: str, spans: list, lesson: str | None) -> Finding:
    """A Finding built without the frozen dataclass's per-field ``object.__setattr__`` calls.

    Grading builds one per criterion per reply, so this is on the hot path;
    the result is an ordinary, equal and immutable-by-convention Finding.
    """
    f = object.__new__(Finding)
    f.__dict__.update(key=key, check=check, met=met, message=message, spans=spans, lesson=lesson)
    return f


@dataclass
class Context:
    """What the grader knows beyond the reply: the customer's words and the exercise's key facts.

    ``key_facts`` is a list of ``{"label": str, "any_of": [str, ...]}``;
    ``lessons`` maps a criterion key (or check name) to the lesson slug its
    finding should point to, overriding the check's default.
    """

    customer: str = ""
    key_facts: list = ()
    lessons: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.customer is None:
            self.customer = ""
        if self.key_facts is None:
            self.key_facts = ()
        if self.lessons is None:
            self.lessons = {}


_CRITERION_FIELDS = {"check", "weight", "required", "params", "key", "lesson"}


@dataclass(frozen=True)
class Criterion:
    """One weighted line of a rubric."""

    check: str
    weight: float
    required: bool = False
    params: dict = field(default_factory=dict)
    key: str | None = None
    lesson: str | None = None

    @property
    def name(self) -> str:
        return self.key or self.check


@dataclass(frozen=True)
class Rubric:
    slug: str
    title: str
    pass_mark: float
    criteria: list

    @classmethod
    def from_dict(cls, slug: str, data: Any) -> "Rubric":
        """Build and validate a rubric from its ``rubrics.yaml`` mapping.

        Raises :class:`RubricError` naming the criterion index and the field
        at fault (``criteria[2].weight: ...``).
        """
        from .checks import CHECKS

        if not isinstance(data, dict):
            raise RubricError(f"rubric {slug!r}: expected a mapping with title, pass_mark and criteria")
        unknown = set(data) - {"title", "pass_mark", "criteria", "description"}
        if unknown:
            raise RubricError(f"rubric {slug!r}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        title = data.get("title", slug)
        if not isinstance(title, str) or not title.strip():
            raise RubricError(f"rubric {slug!r}: title must be a non-empty string")
        pass_mark = data.get("pass_mark", 70)
        if isinstance(pass_mark, bool) or not isinstance(pass_mark, (int, float)) or not (
            0 <= pass_mark <= 100
        ) or (isinstance(pass_mark, float) and math.isnan(pass_mark)):
            raise RubricError(f"rubric {slug!r}: pass_mark must be a number from 0 to 100, got {pass_mark!r}")
        raw = data.get("criteria")
        if not isinstance(raw, list) or not raw:
            raise RubricError(f"rubric {slug!r}: criteria must be a non-empty list")
        criteria = []
        seen = set()
        for i, item in enumerate(raw):
            where = f"rubric {slug!r} criteria[{i}]"
            if not isinstance(item, dict):
                raise RubricError(f"{where}: expected a mapping with check and weight")
            extra = set(item) - _CRITERION_FIELDS
            if extra:
                raise RubricError(f"{where}: unknown field(s) {', '.join(sorted(map(str, extra)))}")
            check = item.get("check")
            if check not in CHECKS:
                known = ", ".join(sorted(CHECKS))
                raise RubricError(f"{where}.check: unknown check {check!r} (known: {known})")
            weight = item.get("weight")
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not (
                weight > 0 and math.isfinite(weight)
            ):
                raise RubricError(f"{where}.weight: must be a positive number, got {weight!r}")
            required = item.get("required", False)
            if not isinstance(required, bool):
                raise RubricError(f"{where}.required: must be true or false, got {required!r}")
            key = item.get("key")
            if key is not None and (not isinstance(key, str) or not key.strip()):
                raise RubricError(f"{where}.key: must be a non-empty string")
            lesson = item.get("lesson")
            if lesson is not None and (not isinstance(lesson, str) or not lesson.strip()):
                raise RubricError(f"{where}.lesson: must be a lesson slug")
            name = key or check
            if name in seen:
                raise RubricError(f"{where}.key: {name!r} is used twice; give one of them a distinct key")
            seen.add(name)
            params = item.get("params") or {}
            if not isinstance(params, dict):
                raise RubricError(f"{where}.params: must be a mapping")
            try:
                params = CHECKS[check].validate_params(params)
            except RubricError as exc:
                raise RubricError(f"{where}.{exc}") from None
            criteria.append(Criterion(check, weight, required, params, key, lesson))
        return cls(slug, title, pass_mark, criteria)


@dataclass(frozen=True)
class Result:
    score: int
    passed: bool
    findings: list

    def to_dict(self) -> dict:
        """The grader contract's JSON shape (see DESIGN.md)."""
        return {
            "score": self.score,
            "passed": self.passed,
            "criteria": [f.to_dict() for f in self.findings],
        }


def grade(text: str, rubric: Rubric, context: Context | None = None) -> Result:
    """Grade one rewrite. Deterministic: the same inputs give the same result."""
    from .checks import CHECKS
    from .text import Doc

    if context is None:
        context = Context()
    doc = Doc(text if isinstance(text, str) else "")
    findings = []
    got = total = 0.0
    passed_required = True
    empty = doc.word_count == 0
    lessons = context.lessons
    for c in rubric.criteria:
        check = CHECKS[c.check]
        name = c.key or c.check   # Criterion.name, without a property call per criterion and reply
        # most contexts map no lessons: then the criterion's or the check's own lesson, without two look-ups
        lesson = c.lesson or (lessons and (lessons.get(name) or lessons.get(c.check))) or check.lesson
        if empty:
            f = make_finding(name, c.check, False, "Write a reply to the customer first; there is nothing to grade yet.", [],
                             lesson)
        else:
            f = check.func(doc, c.params, context)   # the rubric validated the params (Check.run_validated)
            # every check returns a Finding of its own, spans list included (checks._base.found builds one per
            # call), that nothing else holds yet: it is given the criterion's name and lesson in place rather
            # than copied into a second Finding per criterion and reply
            f.__dict__.update(key=name, check=c.check, lesson=lesson)
        findings.append(f)
        if f.met is None:
            continue
        total += c.weight
        if f.met:
            got += c.weight
        elif c.required:
            passed_required = False
    score = int(math.floor(100 * got / total + 0.5)) if total else 0  # half up: 69.5 -> 70
    if got < total:
        score = min(score, 99)  # a weight-1 gate missed out of ~500 would round to a perfect score it isn't
    return Result(score, bool(score >= rubric.pass_mark and passed_required), findings)
