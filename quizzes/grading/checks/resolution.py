"""Checks on moving to a fix: offer action, ask well, paraphrase, state next steps, close warmly."""
from __future__ import annotations

import math
import re

from ..engine import RubricError
from ..text import Doc, phrase_stems, stem
from ._base import (Param, bool_param, doc_find_alt, found, match_fact, phrases_param, profile, register,
                    sentence_restates, validate_facts)
from ._patterns import (
    ACTION,
    CALLBACK,
    VAGUE_TIME,
    actions,
    concrete_actions,
    forward_steps,
    find,
    rx,
    times,
)
from .conduct import COLD, _has_warmth, bare_refusals, blame_hits


@register("offers_action", "Say what you can and will do", "alternatives-and-follow-through")
def offers_action(doc: Doc, params: dict, context) -> object:
    """Looks for the agent saying what they can and will do, or offering alternatives.

    Counts: "I'll...", "I can...", "we're sending...", "let me check...",
    "I've booked...", "would you prefer X or Y?", "what I can do is...",
    "a replacement will be sent...". Does not count when negated ("I can't do
    anything", "there's nothing I can do") or conditional ("if I could",
    "I wish we could"), nor empathy verbs ("I can imagine", "I can see why"),
    nor a general-purpose verb whose object is general-purpose too ("I will
    fix the underlying problem", "I'll take ownership", "I'll do my best to
    resolve this"), advice to the customer ("I'd suggest you call back"), a
    third party's number, or an action that waits on the customer's step
    ("once you've sent the photos, we'll take a look"), nor a vague intention
    or a hand-on to unnamed people ("I'll look into it", "I'll pass it on to
    the team", "I've made a note on your account", "...and someone will get
    back to you"), nor considering or logging ("we can look at a refund",
    "I'll put a note on the account", "I'll look into it and get back to you
    as soon as I can"): an offer is concrete when the agent does something to
    something of the customer's. Looking is not yet doing, whatever is looked
    at ("I'll look into the fault", "I'll keep an eye on the account", "let me
    pull up the order"), nor is routing the complaint on ("I'll escalate this
    to the team"), a step hung on an instruction to the customer ("ring us back
    and we'll escalate it") or an offer question pointing back at one ("would
    you like me to do that?"). The agent's act in the present, tied to now,
    counts ("I'm reversing the fee today", "today I send a new pair"), and so
    does a timed report-back on named work ("I'll check the line and call you
    back at 2 pm"). A second verb shares the agent's subject
    ("I'll do that and refund the delivery charge").
    Article 001: people only want to hear what you can do for them, not what
    you can't; article 002: solve by offering alternatives.
    """
    key = "offers_action"
    acts = concrete_actions(doc)
    if acts:
        sp = doc.sent_span(acts[0][3])
        return found(key, True, f"You said what you'll do (\u201c{doc.excerpt(sp, 70)}\u201d), which moves the call from "
                                "the problem to the fix.", [doc.span_of(a[0], a[1]) for a in acts])
    negated = [m for m in find(doc, ACTION) if doc.negated(m[2], 2)]
    if negated:
        ex = doc.excerpt(doc.sent_span(negated[0][3]), 60)
        return found(key, False, f"\u201c{ex}\u201d says what you can't do. Say what you can and will do instead: "
                                 "\u201cI'll\u2026\u201d, \u201cI can\u2026\u201d, or offer a choice (\u201cwould you prefer X or Y?\u201d).",
                     [doc.span_of(negated[0][0], negated[0][1])])
    return found(key, False, "Say what you can and will do for the customer: \u201cI'll\u2026\u201d, \u201cI can\u2026\u201d, "
                             "\u201clet me\u2026\u201d, or offer a choice (\u201cwould you prefer a refund or a replacement?\u201d).")


REQUEST = rx(
    r"\b(?:could|would|can|will) you (?:please |kindly |just |also )?(?:tell|confirm|let|send|share|check|give|describe|explain|"
    r"walk|read|provide|clarify|say|show|help me|forward|remind)\b|\bplease (?:tell|confirm|let me know|send|share|check|describe|"
    r"explain|reply|provide|clarify)\b|\b(?:may|could|can) i (?:just )?(?:ask|have|check|confirm|get)\b|\blet me know (?:which|what|"
    r"whether|if (?:you|that|the|there)|when|how|where)\b|\bi (?:would|wanted to|want to|would like to) (?:just )?(?:ask|check|confirm) "
    r"(?:whether|if|which|what|when|how)\b"
)
CLOSING_Q = rx(r"\banything else\b|\bis there anything\b|\bsomething else\b|\bany (?:other|more|further) (?:questions|concerns|problems)\b"
               r"|\bhow (?:can|may|could) (?:i|we) (?:help|assist)\b|\bwhat (?:else )?can i (?:do|help) (?:for|with)\b|\bhow are you\b"
               r"|\bstill there\b|\bif there is anything\b|\blet me know if (?:you need|you have|there is) (?:\w+ )?"
               r"(?:anything|something|any other|any more|any further)\b")
GENERIC_Q = rx(r"\b(?:more|further|some|any|the) (?:details|information|info)(?! (?:of|on|about) (?:a|an|the|which|your) (?!problem|issue))\b"
               r"|\bwhat (?:seems to be|is|was) (?:the|your) (?:problem|issue|matter|complaint)\b|\bwhat (?:is|was|went) wrong\b"
               r"|\bwhat happened \?|\bwhat (?:is|was) this (?:about|regarding)\b|\bhow can (?:i|we) help\b"
               r"|\b(?:tell|explain to) me (?:a bit |a little )?more about (?:the|your|this|what) (?:issue|problem|situation|complaint|"
               r"matter|happened)\b|\bwhat the (?:issue|problem|matter) (?:is|was)\b|\bexplain (?:the|your) (?:issue|problem)\b")
HOSTILE_Q = rx(
    r"\bwhat (?:do|did) you (?:expect|want)\b|\bwhat (?:else|more) do you want\b|\b(?:did|have) you (?:even|not|actually|really) "
    r"[a-z]+|\bhow many times\b|\bwhy (?:did|would|could|do|did not|have|have not) you\b|\bare you (?:serious|kidding|joking|sure you|"
    r"even|listening|saying)\b|\bdo you (?:even |not )?(?:understand|realize|know how|get it)\b|\bis that (?:clear|understood)\b"
    r"|(?<![^,.] )\b(?:ok|okay|right|understood|got it|alright) \?|\bcalm down\b|\bstop (?:shouting|yelling)\b|\blet me finish\b"
    r"|\b(?:stop|interrupt|cut) you (?:there|right there|for a|off|short)\b"
    r"|\blisten to me\b|\bwhat is (?:your|the) problem\b|\bwhat is wrong with\b|\bwho told you\b|\bwhat is it (?:that )?you\b"
    r"|\bwhat (?:is|was) it you (?:want|need)\w*\b|\bseriously\b|\bcan you not\b|\bwhat were you\b|\bwhy not just\b"
    r"|\b(?:can|could|would|will) you (?:just |please )?(?:stop|let me (?:talk|speak|finish)|be quiet|hold on|listen)\b"
)
POLITE = rx(r"\b(?:please|thank|thanks|could|would|may|might|kindly|mind|shall|so (?:that )?(?:i|we) can|to make sure|just so|"
            r"if possible|when you (?:have|get) a (?:moment|chance)|can you|do you happen|happy to|best|prefer|suit|suits|"
            r"convenient|rather)\b")
OPEN_Q = rx(r"^(?:(?:so|and|also|just|and|first|lastly) ,? )*(?:what|how|which|when|where|tell me|describe|walk me through)\b")
REASK_DATE = rx(r"\bwhen did\b|\bwhat (?:date|day|time|month) (?:did|was|were|is it|was it)\b|\bwhich (?:date|day|month|week) "
                r"(?:did|was|were|is|this)\b|\bhow long (?:have|has|did|ago)\b|\bsince when\b|\bwhen was (?:this|it|that)\b"
                r"|\bwhen do you need\b|\bby when\b|\bwhat (?:date|day) do you need\b"
                # "when it went down" asks for a date where it is the question ("could you tell me when it went down?"), not
                # where it dates something else ("did you get an e-mail from us when the router arrived?")
                r"|(?:^|\b(?:tell (?:me|us)|know|remember|recall|confirm|check|remind me|and|or|,) )when (?:it|this|that|your \w+|the \w+) "
                r"(?:first )?(?:went|started|happened|stopped|began|broke|arrived|dropped)\b"
                r"|(?:^|\b(?:tell (?:me|us)|know|remember|recall|confirm|check|remind me|and|or|,) )when (?:the|your|it|this|that) (?:\w+ )?"
                r"(?:was|were) (?:\w+ed|taken|sent|made|done)\b"
                r"|\bwhich (?:date|day|month|week) (?:the|your|it|this|that)\b|\bwhich month 's\b"
                # the date of something past: "what date you cancelled", "the date the engineer was due", "what date and time
                # the visit was originally booked for"
                r"|\b(?:what|which|the) (?:date|day)(?: and time)? (?:you|the \w+|your \w+|it|this|that|they) (?:\w+ly )?"
                r"(?:(?:was|were|had|did) )?(?:\w+ly )?(?:\w+ed|due|came|sent|went|paid|took|made|gave|rang|phoned)\b")
# a question about what happens next, not about what happened
FORWARD_Q = rx(r"\b(?:would|will|suit|suits|best|easiest|easier|prefer|works?|convenient|next|available|free|upcoming"
               r"|(?:good|okay|ok|right|better) for you|this week|coming)\b")
REASK_AMOUNT = rx(r"\bhow much (?:it was|was it|were you charged|did you pay|you paid|was taken|you were charged|did we (?:take|charge))\b")
# a question that says why it is asked ("so I can push for the refund before then") is moving things on
PURPOSE = rx(r"\bso (?:that )?(?:i|we) (?:can|could|am able)\b")
INFO_NOUN = rx(r"\b(?:order|account|reference|ref|claim|booking|confirmation|case|ticket|tracking|invoice|policy|membership|"
               r"serial|model|size|colour|color|address|postcode|zip|email|phone|name|plan|amount|charge|price|bill|service|"
               r"product|item|store|branch|car|vehicle|registration|flight|room|parcel|package|boots|shoes|sofa|month)\b")
_CALENDAR = frozenset("january february march april may june july august september october november december monday tuesday "
                      "wednesday thursday friday saturday sunday".split())
# the thing a request asks the customer to hand over: "confirm your meter reading", "send me the photos"
ASKED_FOR = re.compile(r"\b(?:confirm|give|tell|send|provide|read|resend|forward|share|let (?:me|us) (?:know|have)) (?:me |us )?"
                       r"(?:(?:your|the|those|that|a|an) )(?:\w+ )?(\w+)(?= [?.,]| again| so| please| for| to| $|$)")
# where a question starts asking: "could you", "do you", "which", "please tell me"
ASK_AT = re.compile(r"\b(?:could|would|can|will|may|do|does|did|is|are|was|were|have|has|had) (?:you|i|we|it|they|there|that|this|"
                    r"the|your)\b|\b(?:what|which|when|where|how|who|whose|whether)\b|\bplease\b|\blet (?:me|us) know\b|"
                    r"\btell (?:me|us)\b|\b(?:confirm|give|send|provide|share)\b")
AGAIN = rx(r"(?<!\bhappen )(?<!\bhappens )(?<!\bhappening )(?<!\bgo wrong )\bagain\b|\bremind me\b")
_ONWARD = rx(r"\bnext (?:week|month|time|few)\b|\bfrom now on\b|\bin future\b|\bin the future\b|\bgoing forward\b|\b(?:any|which) days?\b")
_COPY = rx(r"\b(?:photo|picture|copy|screenshot|scan|image|pic)s? of\b|\b(?:snap|photograph|scan|screenshot) (?:the|your|a|that)\b")
THANKS_START = rx(r"^(?:thank|thanks)\b")


def _questions(doc: Doc, prof):
    """(sentence, verdict, detail) for each question or request; verdict 'ok' passes."""
    out = doc.cache.get("questions")
    if out is not None:
        return out
    out = doc.cache["questions"] = []
    sents = doc.sentences
    # which sentences hold a request or an action, from the reply-wide searches the other checks share
    requests = {x[3] for x in find(doc, REQUEST)}
    acting = None
    for sent in sents:
        if not (sent.question or sent.index in requests):
            continue
        seg = doc.s[sent.lo:sent.hi].strip()
        if CLOSING_Q.search(seg):
            continue
        if not sent.question:
            if acting is None:
                acting = {x[3] for x in find(doc, ACTION)}
            if sent.index in acting and _OFFER_Q.search(seg) is None:
                continue
        if HOSTILE_Q.search(seg):
            out.append((sent, "hostile", None))
            continue
        if TASK.search(seg):
            # "could you please send it back" is work for the customer, not a question; asking them to do again what
            # they said they did ("could you try restarting the router?" after three restarts) asks it over
            did = _REQUESTED.search(seg)
            if did and stem(did.group(1)) in prof.done:
                out.append((sent, "reask", "something they already tried"))
            else:
                out.append((sent, "task", None))
            continue
        if prof.doc is not None:
            if GENERIC_Q.search(seg):
                out.append((sent, "reask", "what the problem is"))
                continue
            hit = None
            preference = PREFERENCE.search(seg)
            if REASK_DATE.search(seg) and prof.has_date and not FORWARD_Q.search(seg):
                hit = "when it happened"  # "which day did it start?", not "which day this week suits you?"
            if hit is None and REASK_AMOUNT.search(seg) and prof.numbers:
                hit = "the amount"
            # a question about what happens next, or for a copy of something the customer only mentioned ("a photo
            # of your receipt"), asks for something new even when it names what they told you
            onward = _ONWARD.search(seg) or sent.question and _COPY.search(seg)
            stating = AGENT_STATES.match(seg)
            ask = ASK_AT.search(seg)
            if hit is None and not preference and not onward and not stating and ask is not None:
                # the first thing named after the asking words is the thing asked for: earlier ones set the scene ("if
                # you have phone insurance, do you have any cover...?"), later ones are context. A statement with a
                # question mark ("you booked Tuesday off, the sofa never came?") plays the facts back; it asks for none
                m = INFO_NOUN.search(seg, ask.start())
                if m is not None:
                    n = stem(m.group())
                    # a question word names what is asked before the given fact it is about: "what time of day do you
                    # send the reading?" asks for a time the customer never gave
                    wh = _WH_WORD.search(seg, ask.start(), m.start())
                    if n in prof.anchored and n in prof.words and not (wh and stem(wh.group(1)) not in prof.words):
                        hit = m.group()
            if hit is None and AGAIN.search(seg) and sent.question and not _OFFER_Q.search(seg):
                hit = "something already covered"
            restated = _facts_in(doc, sent, prof)
            # asking whether something the customer told you is so needs the question put to them: "three months of
            # this?" echoes the customer in sympathy, and "I can book the 30,000-mile service: Wednesday or Friday?" is
            # the agent saying what they will do and offering a choice
            # and a question word asks for something else about it ("what were those two orders worth?")
            if (hit is None and restated and not CONFIRMING.search(seg) and not preference and not PURPOSE.search(seg)
                    and not onward and ADDRESSED.search(seg) and not stating and ask is not None
                    and not _WH_ELSE.search(seg, ask.start())):
                hit = restated  # asking whether something the customer told you is so
            value_in = any(t.kind == "n" and t.norm in prof.numbers or t.norm in _CALENDAR and t.norm in prof.doc.s_all.split()
                           for t in doc.tokens[sent.first:sent.last + 1])
            # "could you confirm which month it was?" asks them to supply it again; verifying states the value for a yes
            verifying = CONFIRMING.search(seg) and (value_in or restated and hit not in ("when it happened", "the amount"))
            if verifying and AGAIN.search(seg) and _WH.search(seg):
                verifying = False  # "just to check, which service was it again: the 30,000 or the 40,000?" asks it over
            if hit is None and prof.given and not preference:
                for m in ASKED_FOR.finditer(seg):
                    wh = _WH_WORD.search(seg, 0, m.start())
                    if stem(m.group(1)) in prof.given and not (wh and stem(wh.group(1)) not in prof.words):
                        hit = f"the {m.group(1)} they already sent"
                        break
            if hit and not verifying:
                out.append((sent, "reask", hit))
                continue
        nxt = sents[sent.index + 1] if sent.index + 1 < len(sents) else None
        polite = (POLITE.search(seg) or (nxt is not None and THANKS_START.search(doc.s[nxt.lo:nxt.hi]))
                  or (OPEN_Q.match(seg) and not INFO_NOUN.search(seg)))
        out.append((sent, "ok" if polite else "impolite", None))
    return out


_WH = re.compile(r"\b(?:which|what|when|where|how many|how much|who)\b")
# a question word that asks for something other than when
_WH_WORD = re.compile(r"\b(?:what|which) (?!(?:is|are|was|were|did|do|does|would|could|will|can|kind|sort|type|exactly|the|your|a|"
                      r"an)\b)([a-z]+)\b")
_WH_ELSE = re.compile(r"\b(?:which|what|where|how many|how much|who)\b(?! (?:date|day|time|month|week)\b)")
_OFFER_Q = re.compile(r"\bwould you (?:like|prefer|rather)\b|\bshall (?:i|we)\b|\bdo you want me\b")
# the verb of a request: "could you please try restarting the router" -> "restarting"
_REQUESTED = re.compile(r"\byou (?:please |kindly |just |also )*(?:try (?:and |to )?)?(?!try\b)([a-z]+)")


TASK = rx(r"\b(?:could|would|can|will) you (?:please |kindly |just |also )?(?:do|try) (?:it|that|this) (?:again|once more|one more time)\b"
          # a copy of something ("could you send me a photo of the receipt?") is information, not a task
          r"|\b(?:could|would|can|will) you (?:please |kindly |just |also )?(?!(?:send|email|forward|upload|text) (?:me|us|over) (?:a |an |the |"
          r"your |some )?(?:photo|picture|copy|screenshot|scan|image|pic)s?\b)(?:send|resend|bring|return|try|restart|reboot|fill|post|"
          r"upload|pop|drop|take|re ?submit|resubmit|go|visit|call|ring|reinstall|reset|switch|turn|unplug|plug|check your|"
          r"look in|complete|print|forward|make sure|ensure|be (?:in|home|available|around|there)|keep)\b"
          r"|\bplease (?!(?:send|email|forward|upload|text) (?:me|us|over) (?:a |an |the |your |some )?(?:photo|picture|copy|"
          r"screenshot|scan|image|pic)s?\b)(?:send|resend|bring|return|try|restart|fill|post|upload|re ?submit|go|visit)\b")
PREFERENCE = rx(r"\b(?:would|will) (?:you )?(?:like|prefer|rather)\b|\bwhich (?:would|will|do you think would) (?:help|suit|work|be "
                r"(?:better|best|easier|more useful))\b|\bwould like\b|\bprefer\b|\brather\b|\bsuits?\b|\bbest\b"
                r"|\bconvenient\b|\bwant me to\b|\bshall (?:i|we)\b|\bworks? (?:better|best|for you)\b")
ADDRESSED = re.compile(r"\byou\b|\byour\b|\bplease\b|^(?:could|would|can|will|may|did|do|does|is|are|was|were|have|has|what|which|"
               r"when|where|how|why|who)\b")
# the agent saying what they will do, not asking for something ("I'll need your order number?" asks)
AGENT_STATES = re.compile(r"(?:and |right |okay |ok |now )?(?:i|we) (?:can|will|could|am|are|shall)\b"
                          r"(?! (?:just |also )?(?:need|want|require|ask|take|get|grab|have|confirm|check)\b)")
CONFIRMING = rx(r"\b(?:confirm|check|is that right|is that correct|have i got|did i get|just to be sure|make sure i)\b")


def _facts_in(doc: Doc, sent, prof) -> str | None:
    """The label of a key fact the customer gave that sentence ``sent`` asks about, if any.

    In a question that is the last clause: "when you submit it in the app, do you get a reference number?" names
    the app to set the scene and asks about the reference number.
    """
    if not prof.facts or prof.derived:
        return None
    first = sent.first
    if sent.question:
        toks = doc.tokens
        for i in range(sent.last - 3, sent.first, -1):
            if toks[i].norm in (",", ":", ";"):
                first = i + 1
                break
    part = doc.fact_words(first, sent.last)
    if not part:
        return None
    for label, alts in prof.facts:
        if match_fact(part, alts):
            return label
    return None


_ASK_HINT = "\u201cSo I can put this right first time, could you please tell me\u2026?\u201d"


@register("asks_clarifying_question", "Ask a polite, useful question", "ask-and-paraphrase")
def asks_clarifying_question(doc: Doc, params: dict, context) -> object:
    """Looks for a polite question (or "could you..." request) that asks for something new.

    A question sentence ("?") or a polite request ("could you please
    confirm...", "please let me know which...") counts when it is polite
    (please, thank you, could/would/may, a stated reason, or an open what/how
    question) and does not re-ask what the customer already gave: a noun the
    customer pinned to a value ("order 7714", "size 9", "claim 88213"), a date
    they gave ("when did it start?" after "since the 3rd"), or the problem
    itself ("what seems to be the problem?"), or something they say they
    already sent ("I send you a meter reading every month" -> "could you
    confirm your meter reading?"); "could you confirm which month it was?"
    asks them to supply it again, while "could you confirm it was the June
    bill?" verifies. A request for a copy ("could you send me a photo of the
    receipt?") asks for information; one to act ("could you make sure
    someone is in?") is a task. Rhetorical or hostile questions
    ("what do you expect me to do?", "did you even read the email?") and the
    closing "anything else?" do not count. Articles 001 and 002: ask
    questions with please and thank you, prefer open ones, never re-ask.
    """
    key = "asks_clarifying_question"
    prof = profile(context)
    qs = _questions(doc, prof)
    good = [q for q in qs if q[1] == "ok"]
    if good:
        sp = (good[0][0].start, good[0][0].end)
        return found(key, True, f"Your question (\u201c{doc.excerpt(sp, 70)}\u201d) is polite and asks for something new, "
                                "so it moves the call forward.", [sp])
    for verdict in ("reask", "hostile", "task", "impolite"):
        bad = [q for q in qs if q[1] == verdict]
        if not bad:
            continue
        sent, _v, detail = bad[0]
        sp = (sent.start, sent.end)
        ex = doc.excerpt(sp, 60)
        if verdict == "reask":
            msg = (f"\u201c{ex}\u201d asks for something the customer already told you ({detail}), so it can't count as "
                   f"your question. Ask for something you don't know yet, with a reason: {_ASK_HINT}")
        elif verdict == "task":
            msg = (f"\u201c{ex}\u201d asks the customer to do something rather than asking for information. If you need "
                   f"a detail from them, ask for it politely, with a reason: {_ASK_HINT}")
        elif verdict == "hostile":
            msg = (f"\u201c{ex}\u201d sounds rhetorical or hostile rather than a real question. Ask for something you need, "
                   f"politely: {_ASK_HINT}")
        else:
            msg = f"\u201c{ex}\u201d lands as a demand. Add please and a reason: {_ASK_HINT}"
        return found(key, False, msg, [(q[0].start, q[0].end) for q in bad])
    return found(key, False, "Ask one polite question about something you don't know yet, with a reason attached: "
                             f"{_ASK_HINT} Open questions (what, how) get the whole story.")


@register("no_reask", "Don't ask for what the customer already told you", "understanding-and-questions")
def no_reask(doc: Doc, params: dict, context) -> object:
    """Met unless a question asks the customer again for something they gave.

    Reads the questions as asks_clarifying_question does (a value the
    customer pinned to a noun, a date they gave, the problem itself,
    something they say they already sent, "again"), but fails the reply
    where that check only misses a point: a good question elsewhere does not
    make up for a re-ask. A reply with no question meets it. Articles 001
    and 002: a caller asked again for what they said hears that nobody was
    listening, and starts the story over; the exercises fail such a reply.
    """
    key = "no_reask"
    reasks = [q for q in _questions(doc, profile(context)) if q[1] == "reask"]
    if not reasks:
        return found(key, True, "You asked only for what the customer hasn't told you, so they know you were listening.")
    sent, _v, detail = reasks[0]
    ex = doc.excerpt((sent.start, sent.end), 60)
    return found(key, False, f"\u201c{ex}\u201d asks again for something the customer already told you ({detail}), which "
                             "tells them nobody was listening. Use your notes: play back what they gave you and ask only for "
                             "what is still missing.", [(q[0].start, q[0].end) for q in reasks])


def _share(name, value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise RubricError(f"params.{name}: must be a number above 0 and at most 1, got {value!r}")
    return float(value)


@register("paraphrases_facts", "Play back the key facts", "ask-and-paraphrase",
          facts=Param((), validate_facts), min_share=Param(None, _share))
def paraphrases_facts(doc: Doc, params: dict, context) -> object:
    """Looks for the key facts of the customer's problem, restated in the reply.

    Facts come from ``params.facts`` or the exercise's key facts, each a
    label and the phrasings that count (``any_of``); the match tolerates
    inflection, ordinals and number words ("three weeks" = "3 weeks", "May
    2nd" = "May 2"). Met when every fact (or ``min_share`` of them) is
    restated. With no facts, candidates are taken from the customer's text
    (numbers, dates, capitalised product names; half of them must be
    restated); with neither facts nor customer text the check does not apply.
    Article 001: verify by paraphrasing before suggesting a solution.
    """
    key = "paraphrases_facts"
    prof = profile(context)
    if params["facts"]:
        facts = [(label, tuple(a for a in (phrase_stems(x) for x in alts) if a)) for label, alts in params["facts"]]
        derived = False
    else:
        facts, derived = prof.facts, prof.derived
    if not facts:
        if prof.doc is None:
            return found(key, None, "No customer text or key facts were given, so there is nothing to paraphrase.")
        shared = doc.stems() & prof.stems
        if len(shared) >= 2:
            return found(key, True, "You played back what the customer told you in your own words.")
        return found(key, False, "Play back what the customer told you, in your own words, so they can hear you "
                                 "listened and correct anything you got wrong.")
    share = params["min_share"] if params["min_share"] is not None else (0.5 if derived else 1.0)
    idx = doc.fact_string()[1]
    hit, missing, spans = [], [], []
    for label, alts in facts:
        m = None
        for alt in alts:  # the earliest restatement of any of the fact's phrasings
            got = doc_find_alt(doc, alt)
            if got is not None and (m is None or got[0] < m[0]):
                m = got
        if m is None:
            missing.append(label)
        else:
            hit.append(label)
            spans.append((doc.tokens[idx[m[0]]].start, doc.tokens[idx[m[1]]].end))
    need = max(1, math.ceil(share * len(facts) - 1e-9))
    if len(hit) >= need:
        return found(key, True, f"You played back the key facts ({_join(hit)}), so the customer knows you listened and "
                                "can correct you if anything is off.", spans)
    return found(key, False, f"Play back what the customer told you, in your own words: the reply doesn't mention "
                             f"{_join(missing)}. Restating the details shows you listened and lets them correct you.", spans)


def _join(labels: list) -> str:
    labels = [f"\u201c{x}\u201d" for x in labels]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


# a commitment, not a capability: "I'll", "we're sending", "let me", "it will arrive" (not "I can")
_COMMIT_START = rx(r"^(?:i|we|let me|you (?:will|should|are going)|a|an|the|your|my|our|(?:\w+ )?(?:will be|are being|have been|are now)\b|sending|refunding|booking|arranging|"
                   r"dispatching|issuing|crediting|processing|cancel+ing|posting|emailing|ordering|replacing|waiving|upgrading|"
                   r"scheduling|putting|reversing|and)\b")
OUTCOME = rx(r"\b(?:it|they|this|that|these|those|the \w+|your \w+|a \w+|an \w+) (?:will|should|is going to|are going to|would) "
             r"(?:\w+ )?(?:arrive|reach you|be with you|be there|land|come|be delivered|be sent|be refunded|be credited|show|appear|"
             r"clear|be back|be fixed|be working|be on|go back|go out|come back|take)\b"
             # the same outcome in the present, as for a timetable: "the refund lands within five working days"
             r"|\b(?:it|the \w+|your \w+) (?:lands|arrives|reaches|clears|shows|goes (?:out|back)|comes back|takes)\b|\b(?:is |are )?(?:coming|on (?:its|their|the) way|heading your way|"
             r"going out|being sent)\b")
_NOT_TO_CUSTOMER = re.compile(r" (?:(?:the|a|an|our|their|his|her|my) \w+|you (?:a|an|the|your) (?!update|call|confirmation|message|"
                              r"text|email|note|line|ring|answer|reply)\w+)")
_THEN = rx(r"^(?:then|after that|and then|once|at that point|when)\b")
_FORWARD_TIME = rx(r"^(?:at \d|by|before|within|in|today|tonight|tomorrow|this|first|right|straight|immediately|next|no later|"
                   r"end|close|eod|cob|at once|as we speak)\b")
_PAST = rx(r"\b(?:since|ago|last|was|were|had|did|have been|has been|waited|took|called|happened)\b")


@register("states_next_steps", "State the next steps with a time", "same-day-call-back")
def states_next_steps(doc: Doc, params: dict, context) -> object:
    """Looks for who does what and by when.

    Met when a commitment ("I'll...", "we're sending...", "you'll receive...")
    carries a time the customer can hold the agent to ("by 4 pm", "this
    afternoon", "within 24 hours", "tomorrow", "before Saturday") and every
    promised call-back, e-mail or update carries one too (in its own sentence
    or the next). "I'll call you back" with no time, or only "as soon as
    possible", is not met. Articles 002 and 003: summarise and follow
    through; promise a call back the same day, and keep it.
    """
    key = "states_next_steps"
    tm = times(doc)
    acts = [a for a in actions(doc) if _COMMIT_START.match(doc.s[a[0]:a[0] + 40])] + find(doc, OUTCOME)
    # a call-back reaches the customer and carries nothing of its own: contacting the courier, or e-mailing them a
    # returns label, is an act (timed or not), not a promise to get back to them
    cbs = [c for c in find(doc, CALLBACK) if not doc.negated(c[2], 2) and not doc.sentences[c[3]].question
           and not _NOT_TO_CUSTOMER.match(doc.s, c[1])]
    act_sents = {a[3] for a in acts}

    def timed(k: int, start: int) -> bool:
        for a, b, _t, tk in tm:
            if tk != k:
                continue
            if a >= start or _FORWARD_TIME.match(doc.s[a:b]):
                if not _PAST.search(doc.s[max(doc.sentences[k].lo, a - 14):a]):
                    return True
        return False

    untimed_cb = []
    for a, b, t, k in cbs:
        if timed(k, a):
            continue
        nxt = k + 1
        if nxt < len(doc.sentences) and nxt not in act_sents and any(x[3] == nxt for x in tm):
            continue
        sent = doc.sentences[k]
        if k > 0 and _THEN.match(doc.s[sent.lo:sent.hi]) and any(x[3] == k - 1 for x in tm):
            continue  # "Before 2 pm today I'll check; then I'll call you"
        untimed_cb.append((a, b, k))
    if untimed_cb:
        a, b, k = untimed_cb[0]
        ex = doc.excerpt(doc.sent_span(k), 60)
        return found(key, False, f"You promise to get back to the customer (\u201c{ex}\u201d) but not when. Add a time they "
                                 "can hold you to: \u201cI'll call you back by 4 pm today.\u201d", [doc.span_of(x[0], x[1]) for x in untimed_cb])
    commits = [(a[0], a[3]) for a in acts] + [(c[0], c[3]) for c in cbs]
    for start, k in sorted(commits):
        if timed(k, start):
            sp = doc.sent_span(k)
            return found(key, True, f"Clear next step with a time (\u201c{doc.excerpt(sp, 70)}\u201d): the customer knows who "
                                    "will do what, and by when.", [sp])
    if commits:
        k = commits[0][1]
        ex = doc.excerpt(doc.sent_span(k), 60)
        vague = any(VAGUE_TIME.search(doc.s[doc.sentences[c[1]].lo:doc.sentences[c[1]].hi]) for c in commits)
        extra = " \u201cAs soon as possible\u201d isn't a time the customer can hold you to." if vague else ""
        return found(key, False, f"You say what you'll do (\u201c{ex}\u201d), but not when.{extra} Add a time: \u201cby 4 pm "
                                 "today\u201d, \u201cwithin 24 hours\u201d, \u201ctomorrow morning\u201d.", [doc.sent_span(k)])
    return found(key, False, "Say what happens next, who does it and by when \u2014 for example \u201cI'll email your "
                             "confirmation by 4 pm today.\u201d")


# under this many words (as typed) a reply is too short for its thanks to land as warm
CURT_WORDS = 15
# thanks for something ("thank you for your patience"), not a one-word "Thanks." after an instruction
_REAL_THANKS = rx(r"^ (?:so much |very much |again |a lot )?for (?!calling|your call|holding|contacting|getting in touch)")
THANKS = rx(r"\b(?:thank you|thanks|many thanks|thank|cheers for|thx|thanx|thnx)\b|\b(?:i|we) (?:really |truly |do |greatly |very much )?"
            r"appreciate (?:your|you|it|the|that|how|this)\b")
OFFER_MORE = rx(
    r"\b(?:anything (?:else |more |further )?|something (?:else|more|further) )(?:at all )?(?:(?:that )?(?:i|we) (?:can|could|may)|"
    r"you need|for you)\b|\bany (?:other|more|further) (?:questions|problems|concerns|"
    r"issues|way|help)\b|\blet (?:me|us) know (?:if|whether|should) (?:you (?:need|have|want|would|think)|there is|anything|i can|we can)\b"
    r"|\blet (?:me|us) know (?:how|what) (?:else )?(?:i|we) can\b|\b(?:do not|never) hesitate\b|\bfeel free to\b"
    r"|\b(?:call|contact|reach|ring|email) (?:me|us) (?:directly|back|any ?time|again|on|at|if|whenever)\b|\bmy direct "
    r"(?:line|number|email|extension)\b|\byou can (?:reach|call|contact|email|ring|get hold of) (?:me|us)\b|\b(?:i am|we are) "
    r"(?:here|always here|happy|glad|available) (?:to help|if|for|whenever|should)\b|\bhappy to help (?:with|further)\b"
    r"|\bif you (?:need|have) (?:anything|any)\b|\bif there is anything\b|\bhere (?:for you|if you need)\b"
)


# a letter's or an e-mail's sign-off ("Kind regards, / Sam Patel / Customer Care") follows the close; it is not the close
_VALEDICTION = re.compile(r"(?:(?:kind|best|warm|warmest|with (?:kind|best|warm)) )?(?:regards|wishes)\b|yours (?:sincerely|faithfully|"
                          r"truly)\b|(?:all the best|sincerely|best)(?: ,)?(?: [a-z]+)?(?: [.,])?$")


def _signed_off_at(doc: Doc) -> int:
    """Index of the sentence that signs the reply off among its last four (the number of sentences if none does)."""
    n = len(doc.sentences)
    for k in range(n - 1, max(0, n - 4) - 1, -1):
        sent = doc.sentences[k]
        if k > 0 and sent.last - sent.first < 8 and _VALEDICTION.match(doc.s, sent.lo):
            return k
    return n


@register("closes_warmly", "Close warmly", "verify-fix-close", require_both=bool_param(False))
def closes_warmly(doc: Doc, params: dict, context) -> object:
    """Looks for thanks (for their patience, for calling, for raising it) and an offer of further help.

    Either one counts by default (``require_both: true`` asks for both), but
    only when the reply is not curt: a reply under fifteen words or with cold
    phrasing does not close warmly whatever it ends on. "No thanks", "thanks
    to the courier" and "thanks for nothing" are not thanks, and after an
    order, a telling-off or a bare refusal a one-word "Thanks." or a stock
    "thanks for calling" is perfunctory; "let me know if that fixes it" or
    "call us back if..." inside an instruction is not an offer of help, nor is
    a stock "anything else?" after blame or a hand-off in a reply with no
    warmth anywhere. Article 001:
    thank the customer and ask if there is anything more you can do; article
    004: thank them for raising the problem.
    """
    key = "closes_warmly"
    closing = max(0, _signed_off_at(doc) - 2)  # a close is in the last two sentences before any sign-off
    hits = [h for h in blame_hits(doc) if h[4] != "notice"]   # a formal "please be advised" is no telling-off
    cold_context = bool(hits) or bool(bare_refusals(doc))
    cold_sents = {h[3] for h in hits}
    thanks = []
    for a, b, t, k in find(doc, THANKS):
        tail = doc.s[b:b + 30]
        if k < closing or doc.negated(t, 1) or re.match(r"^ (?:to|for nothing|a lot for nothing)\b", tail):
            continue
        if cold_context and not _REAL_THANKS.match(tail):
            continue  # a bare or stock "Thanks for calling." after a telling-off, an order or a refusal is perfunctory
        thanks.append((a, b, k))
    # "then call us back if it's still dropping" is part of an instruction, not an offer of more help
    offers = [(a, b, k) for a, b, t, k in find(doc, OFFER_MORE) if k >= closing and not doc.negated(t, 2) and k not in cold_sents]
    if hits and offers and not _has_warmth(doc):
        offers = []  # "anything else I can help with?" after a hand-off or a telling-off with no warmth anywhere is a stock sign-off
    have = bool(thanks) + bool(offers)
    # cold phrasing makes a lone thanks or a lone offer perfunctory; thanks for something plus an offer of help
    # still closes warmly
    full_close = have == 2 and any(_REAL_THANKS.match(doc.s[b:b + 30]) for _a, b, _k in thanks)
    curt = doc.word_count < CURT_WORDS or bool(find(doc, COLD)) and not full_close
    spans = [doc.span_of(a, b) for a, b, _k in thanks + offers]
    ok = have == 2 or (have == 1 and not params["require_both"])
    if ok and not curt:
        if have == 2:
            return found(key, True, "You thanked the customer and offered further help: a warm close that doesn't rush them.", spans)
        missing = "offering further help (\u201cis there anything else I can help with?\u201d)" if thanks else \
            "thanking them (for their patience, or for raising it)"
        return found(key, True, f"You close warmly. To round it off, consider also {missing}.", spans)
    if ok and curt:
        return found(key, False, "The thanks is there, but the reply is so short or cold that the close lands as curt. "
                                 "Give the customer the fix first, then thank them and offer more help.", spans)
    if have == 1:
        return found(key, False, "Close with both thanks and an offer of more help: \u201cThank you for bearing with us \u2014 "
                                 "is there anything else I can help with?\u201d", spans)
    return found(key, False, "End by thanking the customer (for their patience, or for raising it) and offering further "
                             "help: \u201cThank you for bearing with us \u2014 is there anything else I can help with?\u201d")


# the cause named as what the step is for: "find out why", "a fault ticket", "so it doesn't happen a fourth time";
# a bare "why" is not ("I don't know why this happened, but I've corrected it")
_CAUSE = rx(r"\b(?:find|found|work|figure|look|looking|dig|check|ask|asking|trace|establish|investigate|learn|see|"
            r"get to the bottom of) (?:\w+ ){0,4}why\b|\b(?:the |root |underlying )cause\b|\b(?:fault|ticket|investigation|investigate|get to the bottom)\b"
            r"|\b(?:so|so that|to make sure|to stop|stop) (?:it|this) (?:does not |will not |never |stops|happening)"
            r"|\b(?:a|the) (?:second|third|fourth|fifth) time\b|\bfor good\b")


@register("goes_after_cause", "Go after the cause, not only this time's symptom", "three-part-resolution",
          cause=phrases_param())
def goes_after_cause(doc: Doc, params: dict, context) -> object:
    """Met when the agent commits to a step aimed at why the problem keeps coming back.

    For an exercise about a fault that recurs (the third wrong bill in a row),
    putting this time right is half the job: article 004's three-part
    resolution finds the underlying issue and fixes the process so that it
    does not recur. A sentence counts when the
    agent takes a step in it ("I'm raising it with our metering team", "I'll
    find out...") and it says what the step is for: why it happens, a fault or
    a ticket, stopping it for good or a fourth time, or one of the exercise's
    own phrases for the cause (``cause``, e.g. "metering team"). Correcting the
    figure, however promptly, and advice to the customer do not count.
    """
    key = "goes_after_cause"
    for k in sorted({h[3] for h in forward_steps(doc)}):
        sent = doc.sentences[k]
        if _CAUSE.search(doc.s, sent.lo, sent.hi) or sentence_restates(doc, sent, params["cause"]):
            sp = (sent.start, sent.end)
            return found(key, True, f"You went after the cause (\u201c{doc.excerpt(sp, 80)}\u201d), so the customer "
                                    "won't be calling about this again next month.", [sp])
    return found(key, False, "You put this time right, but the fault will come back: say what you'll do about why it "
                             "keeps happening, who looks into it and when you'll report back \u2014 for example "
                             "\u201cI'm raising a fault with our metering team today to find out why your readings "
                             "aren't reaching us.\u201d")
