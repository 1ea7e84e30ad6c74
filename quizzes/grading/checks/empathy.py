"""Checks on dealing with the emotion: acknowledge specifically, apologise or own, and no "but"."""
from __future__ import annotations

import re

from ..text import Doc, content_stems
from ._base import doc_find_alt, found, match_fact, profile, register
from .conduct import blame_hits
from ._patterns import (
    refusals,
    ACK_FRAME,
    ADV,
    EMO,
    GENERIC_ACK,
    ack_sentences,
    apologies,
    find,
    ownerships,
    rx,
)


def fact_sentences(doc: Doc, prof) -> dict:
    """{sentence index: number of the profile's facts restated in it}."""
    key = ("facts", id(prof))
    got = doc.cache.get(key)
    if got is None:
        got = {}
        idx = doc.fact_string()[1]
        for _label, alts in prof.facts:
            hit_sents = set()
            for alt in alts:
                hit = doc_find_alt(doc, alt)
                if hit is not None:
                    hit_sents.add(doc.tokens[idx[hit[0]]].sent)
            for k in hit_sents:
                got[k] = got.get(k, 0) + 1
        doc.cache[key] = got
    return got


def specificity(doc: Doc, k: int, prof) -> tuple[int, int]:
    """(shared content words, key facts restated) in sentence ``k``.

    When an acknowledgement is followed by "but"/"however" in the same
    sentence, only the part before the contrast word counts: the details after
    it are what the acknowledgement was traded for, not part of it. With no
    customer text or facts, every concrete content word counts as shared.
    """
    sent = doc.sentences[k]
    cut = _ack_cut(doc, sent)
    if cut is None:
        stems = doc.sentence_stems(k)
        facts = fact_sentences(doc, prof).get(k, 0)
    else:
        last = doc.tok_at(cut) - 1
        stems = content_stems(t.norm for t in doc.tokens[sent.first:last + 1] if t.kind != "p")
        part = doc.fact_words(sent.first, last)
        facts = sum(1 for _l, alts in prof.facts if match_fact(part, alts))
    if prof.doc is None and not prof.facts:
        return max(0, len(stems) - 1), 0
    return len(stems & prof.stems), facts


def _ack_cut(doc: Doc, sent) -> int | None:
    """Position in ``doc.s`` of a contrast word that follows an acknowledgement in ``sent``."""
    contrasts = [c[0] for c in find(doc, CONTRAST) if c[3] == sent.index and c[0] > sent.lo]
    if not contrasts:
        return None
    cut = contrasts[0]
    pre = doc.s[sent.lo:cut]
    if not (ACK_FRAME.search(pre) or UNDO_ACK.search(pre)):
        return None
    return cut


_YOU = rx(r"\byou(?:r)?\b")
# a restatement of the customer's situation names a problem, not just a status
_PROBLEM = rx(r"\b(?:not|never|no|nobody|nothing|none|wrong|late|missing|broken|broke|damaged|cracked|twice|again|still|"
              r"lost|los(?:e|es|ing)|down|crash\w*|fail\w*|instead|only|without|cancel\w*|missed|wait\w*|hold|stuck|leak\w*|overcharged|"
              r"charged|double|third|second|useless|drop\w*|faulty|thawed|spoiled|off work|day off|morning off)\b")
# "you shouldn't have to pay twice" takes the customer's side; "you shouldn't have thrown it away" does not
_INSTRUCTION = rx(r"\byou (?:need to|have to|must|should(?! not (?!have (?!to\b)))|will need|will have to|can|could|may|might)\b")
_COMMITS = rx(r"^(?:(?:so|and|then|now|ok|okay) ,? )?(?:i|we|let me|sending|booking)\b(?! (?:am|are) not\b)(?! (?:have|had) (?:had|kept|been)\b)"
              r"(?! (?:am|are|was|were|have|had|do|did) "
              r"(?:so |really |very |truly )?(?:sorry|afraid|noted|heard|read|got|understand|know|see|hear|realize|appreciate))"
              # "I note that you...", "I have written it all down: ..." report what the agent heard, they commit to nothing
              r"(?! (?:\w+ )?(?:understand|know|see|hear|realize|appreciate|apologize|noted|note|notice|gather|recognize|"
              r"acknowledge|imagine|write|wrote|written)\b)")


# a sentence that asks: it opens with a question word, an auxiliary or a request ("so, could you...", "is it...");
# "you booked Tuesday off, and nobody came?" is the facts played back with a question mark
_ASKS = re.compile(r"(?:(?:so|and|okay|ok|right|just|oh|sorry|also|then|first) ,? )*(?:could|would|can|will|may|might|do|does|"
                   r"did|is|are|was|were|have|has|had|shall|should|what|which|when|where|how|who|whose|why|please|any|"
                   r"anything|am)\b")


@register("acknowledges_specifically", "Acknowledge the situation specifically", "vent-and-emotions")
def acknowledges_specifically(doc: Doc, params: dict, context) -> object:
    """Looks for a sentence that acknowledges the customer's situation in their own terms.

    An acknowledgement frame ("I can see", "that must be", "you've been", an
    emotion label such as "frustrating", or an apology) only counts when the
    same sentence names something specific the customer said: content words
    shared with the customer's text, one of the exercise's key facts, or (with
    no customer text) enough concrete words of its own. A sentence that plays
    the customer's situation back in the second person ("you waited in all
    day Friday") counts when it is specific enough on its own, and so does
    the situation stated wherever the reply states it: two key facts inside
    the fix ("I'll waive the fee, since an eight-month-old machine shouldn't
    leak again"), a bare frame whose specifics follow it ("I'm sorry; two
    days of work lost is a real cost"), or note-style fragments that add up
    to two facts ("Fourth call. £312."). A bare "okay",
    "I understand" or "I hear you" does not count: article 001 is explicit that
    "ok" is not an acknowledgement and that the more specific the
    acknowledgement, the more the customer believes you understood.
    """
    key = "acknowledges_specifically"
    prof = profile(context)
    strong, weak = ack_sentences(doc)
    apology_sents = {a[3] for a in apologies(doc) if a[4]}
    # a genuine apology is a frame like "I'm sorry": "I apologise for the £120 charge on 3 June" names the situation
    strong = strong | apology_sents
    acks = strong | weak
    # doubting the account ("you apparently haven't used it since March") still plays it back; blaming or refusing does not
    hostile = [(h[0], h[3]) for h in blame_hits(doc) if h[4] != "doubt"] + [(r[0], r[3]) for r in refusals(doc)]
    best = None
    fact_hits = fact_sentences(doc, prof)
    no_facts = not prof.facts
    frame = None        # the sentence before, if it was a frame too bare to count on its own ("I'm sorry;")
    run, run_facts = None, 0   # consecutive statements that play facts back ("Fourth call. £312. Returned 14 October.")
    for sent in doc.sentences:
        k = sent.index
        before, frame = frame, None
        if sent.question and _ASKS.match(doc.s, sent.lo):
            run = None
            continue  # a question is not an acknowledgement; the facts played back with a question mark are one
        if k not in acks and not fact_hits.get(k) and not no_facts:
            run = None
            continue  # neither a frame nor a fact: nothing to acknowledge with
        cut = _ack_cut(doc, sent)
        end = cut if cut is not None else sent.hi
        if any(kk == k and a < end for a, kk in hostile):
            run = None
            continue  # nor is a sentence that blames or refuses before any "but"
        shared, facts = specificity(doc, k, prof)
        spec = shared + 2 * facts
        seg = doc.s[sent.lo:end]
        if k in strong and (spec >= 2 or spec >= 1 and k in apology_sents):
            best = (sent.start, sent.end)  # "I'm sorry about the boots", "that must be maddening after three weeks"
            break
        if k in strong:
            frame = sent
        if facts >= 2 and not _INSTRUCTION.search(seg):
            # two of the customer's facts, even inside the fix: "I'll waive the fee, since an eight-month-old machine
            # shouldn't leak again after the 12 March visit"
            best = (sent.start, sent.end)
            break
        if _INSTRUCTION.search(seg) or _COMMITS.match(seg) or seg.startswith("if you "):
            run = None
            continue
        problem = _PROBLEM.search(seg)
        if before is not None and facts >= 1 and spec >= 3 and problem:
            best = (before.start, sent.end)  # "I'm sorry; losing two days of work from home is a real cost"
            break
        if k in weak and spec >= 2 and problem or facts >= 1 and problem and (spec >= 3 and _YOU.search(seg) or spec >= 6):
            best = (sent.start, sent.end)  # a play-back of what happened: "Monday morning off, nobody came, no hot water"
            break
        if not facts:
            run = None
            continue
        run, run_facts = (run or sent), (run_facts + facts if run else facts)
        if run_facts >= 2:
            best = (run.start, sent.end)
            break
    if best is not None:
        sp = best
        return found(key, True, f"You named the customer's situation in specifics (\u201c{doc.excerpt(sp, 80)}\u201d), "
                                "which shows you were listening, not just waiting to talk.", [sp])
    generic = [s for s in doc.sentences if GENERIC_ACK.match(doc.s[s.lo:s.hi].strip()) or s.index in acks]
    example = f" \u2014 for example \u201c{prof.example}\u201d \u2014" if prof.example else ""
    if generic:
        sp = (generic[0].start, generic[0].end)
        return found(key, False, f"\u201c{doc.excerpt(sp, 60)}\u201d is a start, but on its own it doesn't show you heard "
                                 f"the details. Name what went wrong for the customer{example} before moving to the fix.", [sp])
    return found(key, False, f"Start by acknowledging what happened to the customer, in specifics{example} "
                             "before moving to the fix: \u201cthat must be frustrating after\u2026\u201d plus what they told you.")


_APOLOGY_HINT = "\u201cI'm sorry this happened \u2014 that's on us, and I'll put it right.\u201d"


@register("apologizes_or_owns", "Apologise or take ownership", "four-missteps")
def apologizes_or_owns(doc: Doc, params: dict, context) -> object:
    """Looks for a genuine apology for the problem, or the agent taking ownership of it.

    Counts: "I'm so sorry the parcel is late", "please accept my apologies",
    "that's on us", "we let you down", "I'll take care of this", "leave it with
    me". Does not count: a negated apology ("I'm not sorry", "no need to
    apologise"), a hollow or conditional one that blames the customer's
    feelings ("sorry you feel that way", "sorry if you were offended", "sorry
    for any confusion you may have had", "sorry for any inconvenience", "sorry
    for the inconvenience caused by the courier"), "sorry to say/inform you" (a lead-in
    to bad news), a "sorry, but..." that opens a refusal, and a lone "Sorry."
    or ", sorry" tacked onto a refusal or a telling-off. A "sorry, but..." that
    turns to something other than a "no" ("I'm sorry, but our letter says...")
    is still an apology: whether the "but" takes it back is no_undoing_but's
    question, so the same fault is not marked twice.
    Ownership the customer is said to feel ("sorry you feel we let you down")
    is not the agent's. The
    first missteps article 000 names is never apologising or taking ownership;
    article 004 adds: apologise for their dissatisfaction even when they are
    wrong.
    """
    key = "apologizes_or_owns"
    apos = apologies(doc)
    genuine = [a for a in apos if a[4]]
    owns = ownerships(doc)
    if genuine or owns:
        spans = [doc.span_of(a[0], a[1]) for a in genuine] + [doc.span_of(o[0], o[1]) for o in owns]
        first = genuine[0] if genuine else owns[0]
        sp = doc.sent_span(first[3])
        what = "apologised" if genuine else "took ownership"
        if genuine and owns:
            what = "apologised and took ownership"
        if genuine and not owns and all(a[5] == "undone" for a in genuine):
            return found(key, True, f"You apologised (\u201c{doc.excerpt(sp, 70)}\u201d). Let it stand in its own sentence: the "
                                    "\u201cbut\u201d straight after it makes it sound like a lead-in to an argument.", spans)
        return found(key, True, f"You {what} (\u201c{doc.excerpt(sp, 70)}\u201d): that takes the need to argue out of the call.", spans)
    reasons = {a[5]: a for a in apos}
    for reason in ("hollow", "negated", "preface", "tacked on", "not the agent", "pardon"):
        if reason in reasons:
            a = reasons[reason]
            sp = doc.span_of(a[0], a[1])
            ex = doc.excerpt(doc.sent_span(a[3]), 60)
            if reason == "hollow":
                msg = (f"\u201c{ex}\u201d apologises for the customer's feelings or for a maybe, not for what went wrong, "
                       f"and can sound like blame. Apologise for the problem itself: {_APOLOGY_HINT}")
            elif reason == "negated":
                msg = f"\u201c{ex}\u201d negates the apology. Say sorry plainly for what went wrong: {_APOLOGY_HINT}"
            elif reason == "tacked on":
                msg = (f"\u201c{ex}\u201d is a \u201csorry\u201d tacked onto a refusal or a telling-off, so it doesn't land as an "
                       f"apology. Say sorry for what went wrong, in its own sentence: {_APOLOGY_HINT}")
            elif reason == "preface":
                msg = (f"\u201c{ex}\u201d uses \u201csorry\u201d as a lead-in to bad news, so it doesn't land as an apology. "
                       f"Apologise for the problem in its own sentence, then say what you can do.")
            else:
                msg = f"There's no apology from you yet. Say sorry for what went wrong, or own it: {_APOLOGY_HINT}"
            return found(key, False, msg, [sp])
    return found(key, False, "There's no apology or ownership yet, so the customer may keep repeating the story. "
                             f"Say sorry for what went wrong, or own it: {_APOLOGY_HINT}")


CONTRAST = rx(r"\b(?:but|however|although|though|even though|that said|having said that|that being said|"
              r"nevertheless|nonetheless|even so|yet|still ,)")
_NOT_CONTRAST_BEFORE = rx(r"(?:not only|nothing|all|anything|can not help|last|not|as|and) $")
# "..., but the good news is I can..." goes straight to what the agent will do; it takes nothing back
_NOT_CONTRAST_AFTER = rx(r"^ (?:, )?(?:also|to(?! be (?:fair|honest|frank|clear|realistic))|for|not least|the good news|here is the good news|what (?:i|we) can do|(?:i|we) (?:can|will|am going to|"
                         r"are going to|have)(?! only\b| not\b)|(?:i|we) (?:am|are) (?:also |now |already )?(?!not\b)\w+ing"
                         # "..., but that's our failure, not yours" takes the blame on, it doesn't take anything back
                         r"|(?:that|this|it) (?:is|was) (?:all |entirely |completely |squarely )?(?:on (?:us|me)|(?:our|my) (?:own )?"
                         r"(?:\w+ )?(?:failure|fault|mistake|problem|error|responsibility|doing|job)))\b")
# "even though you send your readings on the 1st" sides with the customer
_SUPPORTIVE_AFTER = rx(r"^ (?:, )?your? (?!(?:should|need|must|could|might|will have|would have|have to|had to|can)\b)")
UNDO_ACK = rx(
    rf"\b(?:sorry|apologize|apologies|apology)\b|\b(?:i|we) (?:{ADV}){{0,2}}(?:can |do )?(?:understand|see|hear|know|realize|"
    r"recognize|appreciate|get|agree|sympathize|empathize|hear what)\b|\b(?:that|this|it|which) (?:must|would|will|can|could) (?:have )?"
    rf"(?:be|been|feel|felt)\b|\b(?:that|this|it) (?:sounds|seems|is|was|has been|feels)\b.*\b{EMO}\b|\byou are (?:\w+ )?right\b"
    r"|\bfair enough\b|\bof course\b|\bunderstandabl[ey]\b|\bthank you for\b|\bi hear you\b|\bno wonder\b"
    r"|^(?:(?:oh|well|so) ,? )?(?:ok|okay|yes|yeah|sure|right|alright|absolutely|certainly|i see)\b"
)
_CLAUSE_SPLIT = re.compile(r" [,;:] ")


def _pre_clause(seg: str) -> str:
    parts = [p.strip() for p in _CLAUSE_SPLIT.split(" " + seg + " ") if p.strip(" ,;:")]
    return parts[-1] if parts else ""


# a sentence that already moved on to the fix: a "But" after it answers the fix, not the apology
_COMMITS_BEFORE = rx(r"\b(?:i|we) (?:will|am going to|are going to|have|can) (?!not\b)(?:\w+ )?(?:send|refund|book|arrange|"
                     r"credit|replace|waive|cancel|call|ring|email|text|sort|fix|chase|raise|put)\b")


def undoing_buts(doc: Doc) -> list:
    """(span, connector, excerpt span, sentence) for each acknowledgement taken back by a contrast word."""
    out = []
    s = doc.s
    for a, b, t, k in find(doc, CONTRAST):
        if _NOT_CONTRAST_BEFORE.search(s[max(0, a - 16):a]) or _NOT_CONTRAST_AFTER.search(s[b:b + 40]):
            continue
        sent = doc.sentences[k]
        word = s[a:b].rstrip(" ,")
        lead = s[sent.lo:a].strip(" ,")
        lead_is_filler = lead in ("", "and", "so", "oh", "well")
        if word == "yet" and not (lead_is_filler or s[:a].endswith(", ")):
            continue  # "you haven't received it yet"
        if word in ("although", "though", "even though") and _SUPPORTIVE_AFTER.match(s[b:b + 30]):
            continue
        if word in ("although", "though", "even though") and lead_is_filler:
            # "Although I understand..., <main clause>": the acknowledgement is inside the clause
            rest = s[b:sent.hi]
            clause = rest.split(" , ", 1)[0]
            if UNDO_ACK.search(clause.strip()) and " , " in rest:
                out.append((doc.span_of(a, b), word, (sent.start, sent.end), k))
            continue
        if lead_is_filler:
            if k == 0:
                continue
            prev = first = doc.sentences[k - 1]
            while first.index and s[first.lo - 2:first.lo - 1] == ";":
                first = doc.sentences[first.index - 1]  # "I'm truly sorry; that's a real loss." is one sentence here
            # the whole sentence before: "I'm sorry, I really am: four calls about the refund. But refunds take 30 days"
            # plays the facts back after the apology, and the "But" takes back both
            if UNDO_ACK.search(s[first.lo:prev.hi]) and not _COMMITS_BEFORE.search(s[first.lo:prev.hi]):
                out.append((doc.span_of(a, b), word, (first.start, sent.end), k))
            continue
        pre = _pre_clause(s[sent.lo:a])
        m = UNDO_ACK.search(pre)
        if m and doc.negated(doc.tok_at(a - len(pre) - 1 + m.start() + 1), 3):
            continue  # "I won't apologise..., but": nothing acknowledged, so nothing taken back
        if m:
            out.append((doc.span_of(a, b), word, (sent.start, sent.end), k))
    return out


@register("no_undoing_but", "No \u201cbut\u201d after an acknowledgement", "understanding-and-questions")
def no_undoing_but(doc: Doc, params: dict, context) -> object:
    """Met unless "but", "however", "although", "that said" (and kin) takes back an acknowledgement.

    The acknowledgement or apology has to sit in the clause just before the
    contrast word (or in the previous sentence when the next one starts with
    "However,"), or inside an "Although I understand..., policy is..." clause.
    "I'm sorry, but you should have..." and "I understand, however our policy
    is..." fail. A "but" that pivots from bad news to an alternative ("that
    model is sold out, but I can ship the newer one today") or leads straight
    into what the agent will do ("I'm sorry, but the good news is I can...")
    takes nothing back; nor does "even though you sent the reading on the
    1st", which sides with the customer, nor a "but" after a refused apology
    ("I won't apologise..., but"), where there is nothing to take back.
    Article 001: any acknowledgement followed by "but" or "however" is undone.
    """
    key = "no_undoing_but"
    bad = undoing_buts(doc)
    if not bad:
        return found(key, True, "Your acknowledgement stands on its own: no \u201cbut\u201d or \u201chowever\u201d takes it back.")
    sp, word, ex, _k = bad[0]
    return found(key, False, f"\u201c{doc.excerpt(ex, 70)}\u201d: the \u201c{word}\u201d takes back what you just acknowledged, "
                             "so the customer hears only the second half. End the acknowledgement with a full stop, then "
                             "start a new sentence with what you can do (or use \u201cand\u201d).", [b[0] for b in bad])
