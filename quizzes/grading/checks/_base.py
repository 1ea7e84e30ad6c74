"""The Check type, the registry, parameter validation and the customer profile."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from ..engine import Context, Finding, RubricError, make_finding
from ..text import STOPWORDS, Doc, analyse_cached, content_stems, phrase_stems, stem

CHECKS: dict[str, "Check"] = {}


# ----------------------------------------------------------------- params

@dataclass(frozen=True)
class Param:
    default: Any
    validate: Callable[[str, Any], Any]


def int_param(lo: int, hi: int, default: int) -> Param:
    def v(name, value):
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise RubricError(f"params.{name}: must be a whole number from {lo} to {hi}, got {value!r}")
        return value
    return Param(default, v)


def float_param(lo: float, hi: float, default: float) -> Param:
    def v(name, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            raise RubricError(f"params.{name}: must be a number from {lo} to {hi}, got {value!r}")
        return float(value)
    return Param(default, v)


def bool_param(default: bool) -> Param:
    def v(name, value):
        if not isinstance(value, bool):
            raise RubricError(f"params.{name}: must be true or false, got {value!r}")
        return value
    return Param(default, v)


def phrases_param() -> Param:
    """A list of phrases (each a non-empty string), kept as a tuple; none by default."""
    def v(name, value):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(a, str) and a.strip() for a in value):
            raise RubricError(f"params.{name}: must be a list of non-empty phrases, got {value!r}")
        return tuple(a.strip() for a in value)
    return Param((), v)


def validate_facts(name: str, value: Any) -> tuple:
    """Key facts: a list of {label, any_of: [phrases]} -> tuple of (label, (phrases...))."""
    if value is None:
        return ()
    if isinstance(value, tuple) and all(isinstance(f, tuple) and len(f) == 2 for f in value):
        return value  # already validated
    if not isinstance(value, (list, tuple)):
        raise RubricError(f"params.{name}: must be a list of {{label, any_of}} mappings")
    out = []
    for i, fact in enumerate(value):
        if not isinstance(fact, dict) or not isinstance(fact.get("label"), str) or not fact["label"].strip():
            raise RubricError(f"params.{name}[{i}].label: each fact needs a non-empty label")
        alts = fact.get("any_of")
        if isinstance(alts, str):
            alts = [alts]
        if not isinstance(alts, (list, tuple)) or not alts or not all(isinstance(a, (str, int)) and str(a).strip() for a in alts):
            raise RubricError(f"params.{name}[{i}].any_of: must be a non-empty list of phrases")
        extra = set(fact) - {"label", "any_of"}
        if extra:
            raise RubricError(f"params.{name}[{i}]: unknown field(s) {', '.join(sorted(extra))}")
        out.append((fact["label"].strip(), tuple(str(a) for a in alts)))
    return tuple(out)


# ----------------------------------------------------------------- checks

@dataclass(frozen=True)
class Check:
    """A registered check: ``run(doc, params, context) -> Finding``."""

    key: str
    title: str
    lesson: str
    func: Callable[[Doc, dict, Context], Finding]
    params_spec: dict = field(default_factory=dict)
    doc: str = ""

    def validate_params(self, params: dict | None) -> dict:
        params = params or {}
        if not isinstance(params, dict):
            raise RubricError("params: must be a mapping")
        unknown = set(params) - set(self.params_spec)
        if unknown:
            allowed = ", ".join(sorted(self.params_spec)) or "none"
            raise RubricError(f"params.{sorted(map(str, unknown))[0]}: unknown param for {self.key} (allowed: {allowed})")
        out = {}
        for name, spec in self.params_spec.items():
            out[name] = spec.validate(name, params[name]) if name in params else spec.default
        return out

    def run(self, doc: Doc | str, params: dict | None = None, context: Context | None = None) -> Finding:
        """Run the check on a reply (a Doc or its text); ``params`` are validated first."""
        if isinstance(doc, str):
            doc = Doc(doc)
        if context is None:
            context = Context()
        return self.func(doc, self.validate_params(params), context)

    def run_validated(self, doc: Doc, params: dict, context: Context) -> Finding:
        """Run with params that already went through :meth:`validate_params` (as a Rubric's do)."""
        return self.func(doc, params, context)


def register(key: str, title: str, lesson: str, **params: Param):
    def deco(func):
        CHECKS[key] = Check(key, title, lesson, func, dict(params), (func.__doc__ or "").strip())
        return func
    return deco


def found(key: str, met: bool | None, message: str, spans=()) -> Finding:
    """A new Finding for one check's run. grade() names it after the criterion in place, so a check must return
    one of these per call, never a Finding it has kept."""
    return make_finding(key, key, met, message, sorted(set(spans)) if spans else [], None)


# ----------------------------------------------------------------- customer profile

class Profile:
    """What the grader knows about the customer's side, computed once per context."""

    __slots__ = ("doc", "stems", "words", "done", "facts", "derived", "numbers", "has_date", "anchored", "example", "raws", "given")

    def __init__(self, customer: str, key_facts: tuple):
        self.doc = analyse_cached(customer) if customer.strip() else None
        self.facts = [(label, tuple(phrase_stems(a) for a in alts)) for label, alts in key_facts]
        self.facts = [(label, tuple(a for a in alts if a)) for label, alts in self.facts]
        self.facts = [f for f in self.facts if f[1]]
        stems = set(self.doc.stems()) if self.doc else set()
        for label, alts in self.facts:
            stems |= content_stems(label.lower().split())
            for a in alts:
                stems |= {w for w in a if w not in _STOP_STEMS and (len(w) >= 3 or w.isdigit())}
        self.stems = frozenset(stems - _WEAK)
        # every word the customer used, service talk included ("service", "account"), as stems
        self.words = frozenset(stem(t.norm) for t in self.doc.tokens if t.kind == "w") if self.doc else frozenset()
        # the verbs of what the customer says they did ("I've restarted the router three times" -> restart)
        self.done = frozenset(stem(t.norm) for t in self.doc.tokens
                              if t.kind == "w" and t.norm.endswith("ed") and len(t.norm) > 4) if self.doc else frozenset()
        self.numbers = frozenset(t.norm for t in self.doc.tokens if t.kind == "n") if self.doc else frozenset()
        self.has_date = bool(self.doc and _DATE_RE.search(self.doc.s_all))
        # nouns the customer pinned to a value ("order 7714", "size 9", "March bill", "30,000-mile service"); a
        # preposition or a verb between them ties the value to something else ("£45 from my account on 1 March")
        anchored = set()
        if self.doc:
            toks = self.doc.tokens
            for i, t in enumerate(toks):
                if t.kind == "n" or (t.raw[:1].isupper() and i and toks[i - 1].norm not in ".!?" and t.norm != "i"):
                    for step in (-1, 1):
                        for k in range(i + step, i + 4 * step, step):
                            if not 0 <= k < len(toks) or toks[k].kind != "w" or toks[k].norm in _UNPINNED:
                                break
                            anchored.add(stem(toks[k].norm))
        for label, _ in self.facts:
            anchored |= {stem(w) for w in re.findall(r"[a-z]+", label.lower())}
        self.anchored = frozenset(anchored)
        # what the customer says they already sent or gave ("I send you a meter reading", "I emailed the photos")
        self.given = frozenset(stem(w) for m in _GIVEN_RE.finditer(self.doc.s_all) for w in m.groups()
                               if w and w not in STOPWORDS) if self.doc else frozenset()
        self.derived = not self.facts
        if self.derived and self.doc:
            self.facts = derive_facts(self.doc)
        self.example = self.facts[0][0] if self.facts else None
        # the customer's own words as written (their capitals are not the agent shouting)
        self.raws = frozenset(t.raw for t in self.doc.tokens) if self.doc else frozenset()


_GIVEN_RE = re.compile(r"\bi (?:have |had |already |always |even )*(?:send|sent|gave|give|given|submit|submitted|submitting|email|emailed|"
                       r"upload|uploaded|provide|provided|post|posted|put in|read out|told you|filled in|returned) (?:you |them |it |in )?"
                       r"(?:a |an |the |my |all (?:the |my )?|both |\d+ )?(\w+)(?: (\w+))?")
_UNPINNED = frozenset("on at from for in to of by since until till and or but with was is were are am be been had have has "
                      "after before about during than because when while so then".split())
_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS) | STOPWORDS
_WEAK = frozenset("order orders account call bill time day week number item thing way".split()) - {""}
_DATE_RE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|last week|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"\d+ (?:st|nd|rd|th)|since|ago|\d+ (?:day|days|week|weeks|month|months|hour|hours|minute|minutes)|"
    r"(?:two|three|four|five|six|several|few) (?:day|days|week|weeks|month|months|hours))\b"
)
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_UNITS = frozenset("minute minutes hour hours day days week weeks month months year years times".split())


def derive_facts(doc: Doc) -> list:
    """Candidate facts from the customer's own words: numbers, dates, product names."""
    facts = []
    seen = set()
    toks = doc.tokens
    for i, t in enumerate(toks):
        label = alts = None
        nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
        if t.kind == "n":
            if nxt in _UNITS:
                label = f"{t.raw} {nxt}"
            else:
                label = t.raw
            alts = (t.norm,)
        elif t.norm in _WEEKDAYS or (t.norm in _MONTHS and t.raw[:1].isupper() and t.norm != "may"):
            label, alts = t.raw, (t.norm,)
        elif t.kind == "w" and t.norm in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                            "twenty", "thirty", "forty", "fifty") and nxt in _UNITS:
            label, alts = f"{t.raw} {nxt}", (t.norm,)
        elif (t.kind == "w" and t.raw[:1].isupper() and len(t.norm) > 2 and i > 0
              and toks[i - 1].norm not in (".", "!", "?", '"', ":") and t.norm not in _COMMON_CAPS):
            label, alts = t.raw, (t.norm,)
        if label and alts[0] not in seen:
            seen.add(alts[0])
            facts.append((label, (tuple(stem(a) for a in alts),)))
    return facts


_COMMON_CAPS = frozenset("i i'm mr mrs ms dr ok okay".split()) | _WEEKDAYS | _MONTHS


@lru_cache(maxsize=512)
def _profile(customer: str, facts: tuple) -> Profile:
    return Profile(customer, facts)


def profile(context: Context, facts_override: tuple | None = None) -> Profile:
    facts = facts_override if facts_override else _facts_key(context)
    return _profile(context.customer or "", facts)


def _facts_key(context: Context) -> tuple:
    kf = context.key_facts
    if not kf:
        return ()
    cached = getattr(context, "_facts_cache", None)
    if cached is not None and cached[0] is kf:
        return cached[1]
    try:
        value = validate_facts("key_facts", list(kf))
    except RubricError:
        value = ()
    try:
        object.__setattr__(context, "_facts_cache", (kf, value))
    except Exception:  # pragma: no cover
        pass
    return value


# words a restatement may leave out or reorder around ("took the morning off" ~ "took Tuesday morning off")
_FACT_FILLER = frozenset("a an the of to in on at by for with from your my our you i we it its is are was were be been "
                         "has have had and or that this these those".split())


def _positions(words: list) -> dict:
    where: dict = {}
    for i, w in enumerate(words):
        where.setdefault(w, []).append(i)
    return where


_UNIT_STEMS = frozenset(stem(w) for w in "minutes hours days weeks months years times".split())
# a weekday is a day: "took Tuesday off work" restates "took a day off work"
_DAY_STEMS = tuple(stem(w) for w in "monday tuesday wednesday thursday friday saturday sunday".split())
_DAY = stem("day")


def _where(where: dict, word: str):
    if word == _DAY:
        out = list(where.get(word, ()))
        for d in _DAY_STEMS:
            out.extend(where.get(d, ()))
        return out
    return where.get(word, ())


@lru_cache(maxsize=4096)
def _loose_plan(alt: tuple) -> tuple | None:
    """(content words, a number that restates the phrase alone) for a phrase restated loosely, or None if it may not be.

    Worked out once per key-fact phrase rather than in every reply graded against it.
    """
    core = [w for w in alt if w not in _FACT_FILLER] or list(alt)
    if len(core) == 1 and len(alt) > 1 and not core[0].isdigit():
        return None  # "the 3rd" needs its article; "size 9" is not just "9"
    nums = [w for w in core if w.isdigit()]
    if len(nums) == 1 and len(nums[0]) >= 2 and all(w in _UNIT_STEMS for w in core if w != nums[0]):
        return tuple(core), nums[0]
    return tuple(core), None


def find_alt(words: list, where: dict, alt: tuple) -> tuple[int, int] | None:
    """Where the stem sequence ``alt`` is restated in ``words``: exactly, or its content words close together.

    A one-word phrase must appear as such. A longer one also counts when all
    its content words (not articles, pronouns, prepositions) appear, in any
    order, within a window a little longer than the phrase: "charged you
    twice", "the router restarts" for "restarted the router".
    """
    n = len(alt)
    for i in where.get(alt[0], ()):
        if n == 1 or tuple(words[i:i + n]) == alt:
            return (i, i + n - 1)
    if n == 1:
        return None
    plan = _loose_plan(alt)
    if plan is None:
        return None
    core, number = plan
    if number is not None:
        for i in where.get(number, ()):
            return (i, i)  # "it's been 17" restates "17 days": a two-digit number is specific enough on its own
    span = n + 2
    for i in _where(where, core[0]):
        found = [i]
        for c in core[1:]:
            near = [j for j in _where(where, c) if abs(j - i) <= span]
            if not near:
                break
            found.append(min(near, key=lambda j: abs(j - i)))
        else:
            return (min(found), max(found))
    return None


def doc_find_alt(doc, alt: tuple) -> tuple[int, int] | None:
    """:func:`find_alt` over the whole reply, remembered per reply (the acknowledgement and paraphrase checks share it)."""
    got = doc.cache.get("alts")
    if got is None:
        got = doc.cache["alts"] = {None: (doc.fact_string()[0], doc.fact_positions())}
    hit = got.get(alt, False)
    if hit is False:
        hit = got[alt] = find_alt(*got[None], alt)
    return hit


def match_fact(words: list, alts: tuple, where: dict | None = None) -> tuple[int, int] | None:
    """The first place one of the phrases ``alts`` (stem sequences) is restated in ``words``.

    ``where`` (stem -> positions, as Doc.fact_positions gives) saves recomputing it.
    """
    if where is None:
        where = _positions(words)
    best = None
    for alt in alts:
        got = find_alt(words, where, alt)
        if got is not None and (best is None or got[0] < best[0]):
            best = got
    return best


@lru_cache(maxsize=256)
def _phrase_alts(phrases: tuple) -> tuple:
    return tuple(a for a in map(phrase_stems, phrases) if a)


def sentence_restates(doc, sent, phrases: tuple) -> bool:
    """Whether sentence ``sent`` names one of a criterion's ``phrases``, matched as key facts are."""
    alts = _phrase_alts(phrases)
    return bool(alts) and match_fact(doc.fact_words(sent.first, sent.last), alts) is not None
