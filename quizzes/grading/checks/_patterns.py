"""Phrase families shared by the checks, and detectors that find them in a Doc.

Every pattern runs on ``Doc.s``: the reply's normalised tokens joined by single
spaces, with contractions expanded ("can't" -> "can not"), British spellings
folded ("apologise" -> "apologize") and quoted words masked. A pattern is a
small family of phrasings around one meaning (a modal + a verb, a subject + a
negation), not a list of whole sentences, so it generalises to wording it has
not seen. Detectors cache their results on ``doc.cache`` so several checks can
share them.
"""
from __future__ import annotations

import re

from ..text import Doc
from ._fastre import _INDEXED, _INDEXED_PIDS, TokenPattern, candidates, index

# ----------------------------------------------------------------- building blocks

ADV = (r"(?:really|truly|so|very|deeply|terribly|genuinely|sincerely|extremely|awfully|incredibly|"
       r"just|also|personally|completely|totally|fully|absolutely|definitely|certainly|now|already|"
       r"still|honestly|quite|entirely|do|most|only|again|of course|even) ")
EMO = (r"(?:frustrat\w*|annoy\w*|upsett?\w*|infuriat\w*|madden\w*|stress\w*|worr\w*|disappoint\w*|"
       r"exasperat\w*|aggravat\w*|irritat\w*|unacceptable|inconvenien\w*|awful|terrible|horrible|"
       r"dreadful|unfair|ridiculous|outrageous|exhausting|tiring|tiresome|difficult|hard|tough|poor|"
       r"disrupti\w*|hassle|nightmare|mess|letdown|let down|not good enough|not ok|not okay|"
       r"not acceptable|not right|not fair|a pain|a lot|the last thing|concerning|alarming|scary|"
       r"distressing|disheartening|confusing|unsettling|painful|costly|angry|furious|fed up|sick of|"
       r"cross|livid|miserable|shock\w*|embarrass\w*|unhelpful|not ideal|far from ideal|anxious|"
       r"anxiety|inexcusable|shameful|appalling|rubbish|unreasonable|draining|sorry|helpless|"
       r"ignored|let you down|in the dark|wasted|waste of|lost \w+ of|exhausted|insult\w*|rude)")
I_WE = r"(?:i|we)"
DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)"
NUMW = (r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|forty|forty eight|twenty four|seventy two|a couple of|next|the next|the)"
        r"(?: (?:to|or|and|-) (?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|thirty))?")


def rx(p: str) -> TokenPattern:
    return TokenPattern(p)


def before(doc: Doc, a: int, n: int = 40) -> str:
    return doc.s[max(0, a - n):a]


def first_index(doc: Doc, masked: bool = True) -> dict:
    """{token: [its positions in doc.s]} (quoted words are masked in doc.s, so they never start a match)."""
    key = "first" if masked else "first_all"
    got = doc.cache.get(key)
    if got is None:
        got = {}
        for t, p in zip(doc.tokens, doc.pos):
            if masked and t.quoted:
                continue
            got.setdefault(t.norm, []).append(p)
        doc.cache[key] = got
    return got


def find(doc: Doc, pattern, masked: bool = True):
    """(start, end, first_token, sentence_index) for each match in the reply (memoised per reply)."""
    key = pattern if masked else (pattern, False)
    cache = doc.cache
    got = cache.get(key)
    if got is not None:
        return got
    if isinstance(pattern, TokenPattern):
        # the index's size is its version: a pattern searched for the first time joins it
        version = len(_INDEXED) if pattern.pid in _INDEXED_PIDS else index(pattern)
        ckey = "cands" if masked else "cands_all"
        got = cache.get(ckey)
        if got is None or got[0] != version:  # a pattern searched for the first time joined the index
            got = cache[ckey] = (version, candidates(doc.pos, doc.norms, doc.quoted_pos if masked else frozenset()))
        cands = got[1].get(pattern.pid)
        if cands is None and pattern.generic is None:
            out = cache[key] = []  # no branch can start anywhere in this reply (two thirds of the searches)
            return out
        s = doc.s if masked else doc.s_all
        spans = pattern.spans(s, cands)
    else:
        s = doc.s if masked else doc.s_all
        spans = [m.span() for m in pattern.finditer(s)]
    out = []
    toks = doc.tokens
    at = doc.cache.get("tok_of")
    if at is None:
        at = doc.cache["tok_of"] = dict(zip(doc.pos, range(len(doc.pos))))
    for a, b in spans:
        if a == b:
            continue
        while a < b and s[a] in " .!?;,:":
            a += 1  # a pattern may anchor on the punctuation before a sentence
        if a == b:
            continue
        t = at.get(a)
        if t is None:
            t = doc.tok_at(a)
        out.append((a, b, t, toks[t].sent))
    doc.cache[key] = out
    return out


def span(doc: Doc, a: int, b: int) -> tuple[int, int]:
    return doc.span_of(a, b)


# ----------------------------------------------------------------- acknowledgement

ACK_FRAME = rx(
    rf"\b{I_WE} (?:{ADV}){{0,3}}(?:can |could |do )?(?:{ADV}){{0,2}}(?:understand|see|hear|know|realize|"
    r"recognize|appreciate|get|imagine|gather|sympathize|empathize|feel for|agree|acknowledge(?! receipt))\b"
    r"|\bi can not (?:begin to |even )?imagine\b"
    r"|\b(?:that|this|it|which|all this|all of this|these|those) (?:must|would|will|can|could|may) (?:have |really |only |well )?"
    r"(?:feel|felt|make|made|have|leave|left|cause|caused|seem)\b"
    # "that must be hard", not "it will be processed": a step, not a feeling
    r"|\b(?:that|this|it|which|all this|all of this|these|those) (?:must|would|will|can|could|may) (?:have |really |only |well )?"
    r"(?:be|been)\b(?! (?:processed|sorted|handled|dealt|refunded|sent|delivered|fixed|resolved|done|reviewed|completed|issued|"
    r"credited|arranged|booked|looked|passed|logged|raised|escalated|investigated|informed|updated|back)\b)"
    rf"|\b(?:that|this|it|which|what|these|those|all this|all of this) (?:sounds|seems|is|was|are|were|has been|have been|feels|felt|looks)"
    rf" (?:{ADV}|(?:such|a|an|understandably|properly|rightly|hugely|massively|pretty|not|\w+ly) ){{0,3}}{EMO}"
    r"|\byou (?:must|would|will|may) (?:be|have been|feel|have felt|have had)\b(?! (?:informed|contacted|notified|sent|refunded|"
    r"called|updated|charged|credited|told|given|asked|pleased|glad|able|emailed|texted|issued|offered|reimbursed)\b)"
    r"|\bno wonder\b|\bunderstandabl[ey]\b|\byou (?:are|were) (?:quite |absolutely |completely |totally )?(?:right|entitled)\b"
    r"|\byou have every (?:right|reason)\b|\byou (?:should not|should never) (?:have (?:had )?to|be)\b|\byou deserved?\b"
    r"|\b(?:that|this|it) (?:is|was|should) (?:not|never) (?:have happened|happen|good enough|acceptable|ok|okay|right|fair|"
    r"the service|what you|how we)\b|\bshould (?:not|never) have (?:happened|been)\b"
    r"|\b(?:so|just) to (?:confirm|make sure|check|recap|be sure|sum up|be clear)\b"
    r"|\blet me (?:just )?(?:make sure|check|confirm|repeat|play|read|recap|sum up) (?:i|that i|back|what|this|it|that|i have)\b"
    r"|\bif i (?:have|understand|heard|understood) (?:this |that |it |you )?(?:right|correctly)\b|\bwhat i am hearing\b"
    r"|\bfrom what you (?:have )?(?:said|told|described)\b|\bas you (?:said|mentioned|explained|described)\b"
    r"|\byou (?:have )?(?:told|explained|mentioned|said|described)\b"
    r"|\bthank you for (?:telling|explaining|letting|walking|raising|sharing|bringing|bearing)\b"
    r"|\b(?:i|we) (?:have |had )?(?:noted|heard|read|written down|taken down|taken note of|made a note of|got (?:all )?(?:that|this|it|the details)|"
    r"caught|listened)\b|\b(?:that is|it is|that was) (?:a )?(?:fair|reasonable|good|valid)\b"
)
# weaker frames: the agent playing the customer's situation back in the second person
ACK_RESTATE = rx(
    r"\byou (?:have|had) (?:been|had|waited|spent|taken|lost|tried|called|missed|gone)\b"
    r"|\byou (?:were|had|waited|spent|took|called|sent|ordered|paid|tried|lost|missed|rang|phoned|went|did|"
    r"booked|bought|received|got|expected|needed|asked|chased|arranged|stayed|left|explained|reported|were promised)\b"
    r"|\byour (?:\w+ ){1,3}(?:has|have|had|was|were|is|are|still|never|did not|has not|keeps|kept)\b"
)
EMO_ANY = rx(rf"\b{EMO}\b")
ACK_OR_EMO = rx(ACK_FRAME.pattern + "|" + EMO_ANY.pattern)  # one pass for ack_sentences
GENERIC_ACK = rx(r"^(?:(?:ok|okay|right|yes|sure|alright|i see|i hear you|i understand|i know|i get it|i hear that|"
                 r"i understand your frustration|i understand how you feel|i understand your concern|noted|got it|"
                 r"i see what you mean|i hear what you are saying|that must be frustrating|"
                 r"i understand that is frustrating) ?[,.!]? ?)+$")


def ack_sentences(doc: Doc) -> tuple[set[int], set[int]]:
    """(sentences with an acknowledgement frame or emotion label, sentences with a second-person play-back)."""
    got = doc.cache.get("ack")
    if got is None:
        strong = {m[3] for m in find(doc, ACK_OR_EMO)}
        got = (strong, {m[3] for m in find(doc, ACK_RESTATE)})
        doc.cache["ack"] = got
    return got


# ----------------------------------------------------------------- apology and ownership

SORRY = rx(r"\b(?:sorry|apologize|apologizing|apologized|apologies|apology|regret|regrets|forgive (?:me|us)|my bad)\b")
HOLLOW_AFTER = rx(
    r"^ (?:, )?(?:(?:for|about) (?:the|any|this|all the|your) (?:\w+ ){0,3}(?:caused|created) by (?:the|our|your|a) (?:\w+ )?(?:courier|"
    r"carrier|driver|manufacturer|supplier|warehouse|partner|bank|system|third party|contractor|engineer|technician)s?\b"
    r"|(?:for |about )?any (?:\w+ ){0,2}(?:inconvenience|trouble|hassle|disruption|difficult\w*|problems?|issues?|upset|"
    r"distress|frustration|delays?|disappointment|confusion|stress|worry|annoyance|bother)\b|if\b|for any (?:\w+ ){0,3}(?:you|that|this|it|which|we) (?:may|might|could)\b|for (?:any|the|all the|this|that) (?:confusion|misunderstanding)\b"
    r"|(?:that )?you (?:feel|felt|think|thought|believe) (?:that )?(?:we|i|our|the|this|it|you were|you have been|like)\b"
    r"|(?:that |if )?(?:you|anyone|someone) (?:(?:feel|felt) (?!(?:so |very |really |a bit )?(?:let down|frustrated|upset|annoyed|"
    r"disappointed|angry|worried|stressed)\b)|think|thought|believe|believed|see it|saw it|took it|take it|took this|take this|"
    r"perceive|perceived|got the impression|misunderstood|misread|(?:find|found) (?:it|our|us|that|this|the service)|are offended|"
    r"were offended|have been offended|may have|might have|chose|decided)\b)"
)
FEELING_ONLY = rx(
    r"^ (?:, )?(?:that )?you (?:are|were|have been|feel|felt|are feeling|seem) (?:so |very |a bit |quite |really )?"
    r"(?:upset|unhappy|disappointed|angry|frustrated|annoyed|cross|let down|dissatisfied|confused|offended)\b"
    r"(?! (?:about|that|by|over|because|at|after|when|to|since|as|for)\b)"  # "upset about the late delivery" names the problem; "disappointed with our service" does not
)
NO_NEED = rx(r"\b(?:no|not any|never any) need (?:\w+ ){0,3}(?:to )?$|\b(?:do not|does not|will not) need (?:\w+ ){0,2}to $")
PREFACE_AFTER = rx(r"^ (?:, )?(?:to|for) (?:say|tell|inform|report|have to|be the bearer|disappoint|break|interrupt|interrupting|"
                   r"cut in|cutting in|jump in|jumping in|stop you|stopping you|bother you)\b")
BARE_BUT = rx(r"^ (?:, )?(?:but|however|though)\b")
STRONG_NEG = rx(r"(?:can not|could not) (?:\w+ )?$")
OWNERSHIP = rx(
    r"\b(?:that|this|it) (?:one )?is (?:all |entirely |completely |squarely )?on (?:us|me)\b"
    # "that should never have happened", "My fault entirely for not catching it"
    r"|\b(?:that|this|it) (?:should|ought to) (?:never|not) have happened\b"
    r"|(?<![^.!?;:] )(?:(?:and|so|honestly|really) ,? )?(?:(?:all|entirely|completely) )?(?:my|our) (?:own )?(?:fault|mistake|error|bad)\b"
    r"|\b(?:that|this|it|the mistake|the error|the delay|the mix up|the mixup) (?:is|was) (?:entirely |completely |totally |all |clearly )?"
    r"(?:our|my) (?:\w+ )?(?:fault|mistake|error|responsibility|doing|problem to fix|job to fix)\b"
    r"|\b(?:we|i) (?:made|got|dropped|messed|let|have let|really let|failed|fell|slipped|broke|lost|did not (?:call|keep|send|follow|update|turn up|show up|arrive|do|get back|deliver|contact|tell|read|record|act|check|pass)|"
    r"never (?:called|sent|followed|updated|got back|arrived|turned up|showed up|delivered|contacted)|should have|should not have|"
    r"should never have|have not (?:kept|lived|done|called|delivered|sent))\b"
    # "we'll take a look" or "take 5 days" is not taking responsibility
    r"|\b(?:i|we) (?:take|accept|will take|am taking|own|own this|owe you)\b(?! (?:no|not|a|an|another|some|around|about|up to|"
    # taking down details is not taking responsibility: "can I take your order number?"
    r"longer|time|\d+|down|details|payment|(?:your|the) (?:\w+ )?(?:number|details|name|address|reference|postcode|email|payment|"
    r"call))\b)"
    r"|\b(?:i|we) (?:will|am going to|are going to|shall|want to) (?:(?:personally|now|also|take it on myself to) )?(?:take care of|take charge of|"
    r"own|sort (?:this|it|that|things) out|put (?:this|it|that|things) right|make (?:this|it|that|things) right|see to it|"
    r"take ownership|take (?:this|it) on|look after (?:this|it)|handle (?:this|it) (?:personally|myself|from here)|"
    r"follow (?:this|it) through|deal with (?:this|it) (?:personally|myself)|make sure (?:this|it|that) (?:gets|is|does not|never|will not)|"
    r"get (?:this|it|that) (?:sorted|fixed|resolved|put right))\b"
    r"|\b(?:fault|mistake|error|responsibility|blame) (?:is|was|lies|sits) (?:all |entirely |squarely |with )?(?:ours|mine|us|me)\b"
    r"|\bhold (?:my|our) hands up\b|\bleave (?:it|this|that) with me\b|\b(?:it is|it was) (?:up to us|on us|our job|my job)\b"
    r"|\bwe (?:are|were) (?:at fault|responsible|to blame|in the wrong)\b|\bthat should not have happened\b"
    r"|(?<!\byou )(?<!\bto )\b(?:take|taking|took) (?:full |complete |personal )?ownership\b"
)


def apologies(doc: Doc) -> list:
    """Each apology word: (a, b, token, sentence, genuine, reason)."""
    got = doc.cache.get("apol")
    if got is not None:
        return got
    out = []
    s = doc.s
    for a, b, t, k in find(doc, SORRY):
        after = s[b:b + 90]
        prior = before(doc, a, 45)
        reason = None
        if STRONG_NEG.search(prior) and re.match(r"^ (?:enough|more)\b", after) or re.search(r"(?:say|tell you|express) how (?:\w+ )?$", prior):
            reason = None  # "I can't apologise enough": a strong apology
        elif doc.negated(t, 3) or NO_NEED.search(prior):
            reason = "negated"
        elif re.search(r"\b(?:you|they|he|she) (?:are|were|will be|would be|should be|need to be|must be|may be) (?:\w+ )?$", prior):
            reason = "not the agent"
        elif PREFACE_AFTER.search(after):
            reason = "preface"
        elif HOLLOW_AFTER.search(after) or FEELING_ONLY.search(after):
            reason = "hollow"
        elif doc.sentences[k].question and t == doc.sentences[k].first and re.match(r"^ [,?]", after):
            reason = "pardon"
        elif BARE_BUT.search(after):
            sent = doc.sentences[k]
            rest = (b, sent.hi)
            # "sorry, but the warranty doesn't cover it": the sorry opens a refusal, whatever is offered after it
            opens_refusal = any(x[3] == k and b <= x[0] < sent.hi for x in refusals(doc))
            # "sorry, but our letter says...": an apology whose "but" turns to something other than a "no" is still
            # an apology (no_undoing_but judges the "but"); it warms nothing (tone), so it is marked "undone"
            reason = "preface" if opens_refusal else "undone"
        elif _tacked_on(doc, a, b, k):
            reason = "tacked on"
        out.append((a, b, t, k, reason is None or reason == "undone", reason))
    doc.cache["apol"] = out
    return out


# "sorry you feel we let you down": the ownership is the customer's view, reported, not the agent's
_PERCEIVED = rx(r"\byou (?:feel|felt|think|thought|believe|seem to think|claim|claimed) (?:that )?(?:\w+ )?$")
# "Sorry about earlier." names nothing the customer went through: as lone as a bare "Sorry."
_LONE_FILL = frozenset("i am we are so really very truly terribly awfully sorry about for earlier before".split())


def _tacked_on(doc: Doc, a: int, b: int, k: int) -> bool:
    """A bare "Sorry." (or ", sorry" / "Sorry, ...") next to a refusal or a telling-off is not an apology for the problem."""
    sent = doc.sentences[k]
    words = [t.norm for t in doc.tokens[sent.first:sent.last + 1] if t.kind != "p"]
    lone = all(w in _LONE_FILL for w in words)
    s = doc.s
    edge = s[max(sent.lo, a - 3):a].endswith(", ") and s[b:sent.hi].strip(" .!") == "" or (
        a == sent.lo and s[b:b + 2] == " ,")
    if not (lone or edge):
        return False
    from .conduct import bare_refusals, blame_hits  # imported here: conduct imports this module

    near = {k - 1, k, k + 1} if lone else {k}
    return any(x[2] in near for x in bare_refusals(doc)) or any(h[3] in near for h in blame_hits(doc))


def ownerships(doc: Doc) -> list:
    got = doc.cache.get("own")
    if got is None:
        got = [m for m in find(doc, OWNERSHIP) if not doc.negated(m[2], 2) and not _PERCEIVED.search(before(doc, m[0], 30))]
        doc.cache["own"] = got
    return got


# ----------------------------------------------------------------- action

MOD = (r"(?:will|would|can|could|shall|am going to|are going to|am able to|are able to|"
       r"(?:am|are|would be|will be) (?:(?:really|more than|very|so) )?(?:happy|glad|pleased|delighted|prepared|willing) to|would like to|want to|"
       r"am about to|plan to|intend to|will be able to|should be able to|will (?:try|endeavou?r|aim|attempt) to|will make sure to|"
       r"will be)")
NOT_ACTION = (r"(?:understand|imagine|see(?! to it| what (?:i|we) can do| if)|hear|appreciate|tell (?:that|how|you are|you were)|"
              r"assure|be honest|be sorry|be frank|not|never|if|but|and|or|agree|feel|sympathize|empathize|relate|guess|"
              r"bet|think|believe|hope|wish|recall|remember|apologize|blame|only imagine|have (?:been|had|done|sent|called)|"
              r"be (?:upset|frustrated|annoyed|angry)|say|promise you|need|require|have to|decide|consider|think about|"
              r"go (?:by|on|off)|only go|under|over|go (?:above|beyond|the extra))")
ACTION = rx(
    rf"\b{I_WE} (?:{ADV}){{0,2}}{MOD} (?:(?:personally|also|now|then|right|immediately|gladly|definitely|certainly|still|"
    rf"happily|absolutely|just|quickly|first|straight|today|actually|only|also|try to|try and|make sure to|be sure to|"
    rf"go ahead and) |{ADV}){{0,3}}(?!{NOT_ACTION}\b|{ADV})[a-z]+"
    r"|\blet (?:me|us) (?:just )?(?!just\b|(?:be|finish|stop|remind|say|tell you something|know|explain (?:our|the) policy|paraphrase|recap|repeat|"
    r"have (?!a (?:look|quick|think|word|go)\b|another)|"
    r"summarize|sum|play|read (?:that|it|this) back|make sure i|get on with)\b)[a-z]+"
    r"|(?<![^.!?;:] )(?:(?:i am|we are|and|so) )?(?:more than )?(?:happy|glad) to (?!help\b|assist\b)[a-z]+"
    r"|\b(?:my colleague|our team|the team|the engineer|an engineer|a technician|the technician|our technician|the courier|our courier|"
    r"a courier|the driver|our driver|someone from \w+|my manager|a specialist) (?:will|is going to|can) (?:\w+ )?(?:come|visit|call|"
    r"bring|deliver|collect|fix|repair|redo|be with you|pick|drop|install|replace|check|contact)\b"
    r"|\b(?:i|we) (?:have|had) (?:(?:already|just|now|also|personally|gone ahead and|gone and) ){0,2}(?:sent|arranged|booked|issued|"
    r"refunded|escalated|raised|logged|flagged|ordered|credited|processed|cancel+ed|updated|added|applied|reserved|put|"
    r"made|asked|contacted|spoken|emailed|called|scheduled|requested|reported|checked|found|located|traced|opened|"
    r"submitted|approved|authorized|reversed|removed|waived|fixed|corrected|set|passed|noted|marked|started|organized|"
    r"confirmed|dispatched|replaced|upgraded|extended|recorded|taken|pulled|looked|reached|got|gotten|moved|rebooked|"
    r"resent|chased|attached|included|secured|prioritized|expedited|assigned|blocked|unblocked|written|sorted|"
    r"refund|texted|messaged|phoned|rung|left|lodged|opened|created|begun|done|turned|switched|closed|stopped|paused|"
    r"restored|reactivated|rescheduled|amended|adjusted|reinstated|authorised|released|swapped|topped|held|reduced)\b"
    r"|(?<![^.!?;:] )(?:(?:and|so|also|now|ok|okay) ,? )?(?:sending|refunding|booking|arranging|dispatching|issuing|"
    r"crediting|processing|cancel+ing|posting|emailing|ordering|replacing|waiving|upgrading|scheduling|putting|reversing|"
    r"(?:calling|ringing|phoning|texting) you)\b"
    r"|\b(?:i|we) (?:am|are) (?:\w+ ){1,8}?and (?:also |then )?(?:sending|refunding|booking|arranging|dispatching|issuing|crediting|processing|cancel+ing|"
    r"posting|emailing|ordering|replacing|waiving|upgrading|scheduling|reversing|switching|turning|closing)\b"
    r"|\b(?:i|we) (?:am|are) (?:(?:now|currently|already|also|personally|just) )?(?:treating|switching|turning|closing|sending|arranging|booking|issuing|"
    r"refunding|escalating|raising|logging|flagging|ordering|crediting|processing|cancel+ing|updating|adding|applying|"
    r"reserving|putting|calling|emailing|scheduling|requesting|reporting|checking|looking|contacting|speaking|"
    r"dispatching|replacing|upgrading|extending|waiving|fixing|correcting|setting|passing|taking|getting|giving|"
    r"offering|organizing|chasing|expediting|prioritizing|assigning|moving|rebooking|making|going to|texting|"
    r"writing|sorting|pulling|opening|creating|refunding|covering|paying|tracing|tracking|running|testing|investigating|"
    r"reviewing|resending|reissuing|rearranging|rescheduling|collecting|finding|fast tracking)\b"
    # the present for the future, as second-language speakers say it: "I cancel the renewal and I return the £120"
    r"|\bi (?:(?:now|also|then|first|personally|today) )?(?:cancel|return|refund|book|rebook|send|give back|credit|waive|replace|"
    r"arrange|switch off|turn off|reserve|reschedule|extend|order|organize) (?:the|your|a|an|you|it|them|full|this|\d+|£)"
    r"|\bwould you (?:like|prefer|rather)\b|\b(?:do|would) you want (?:me|us) to\b|\bshall (?:i|we)\b"
    r"|\b(?:can|may|could) (?:i|we) (?:send|arrange|book|offer|call|put|get|suggest|check|ring|email|refund|organize|set|go|"
    r"replace|reserve|schedule|give|help|move|rebook|upgrade|credit)\b|\bhow about\b|\b(?:the|one|another|two|both|other) options?\b"
    r"|\balternatively\b|\binstead\b(?! of)|\bwhat (?:i|we) (?:can|will) do (?:for you )?(?:is|instead|right now|today)\b|\bhere is what (?:i|we)\b|\bthe good news\b|\bmy plan is\b"
    r"|\bhere is the plan\b|\bwhat (?:i|we) (?:am|are) doing (?:now|today|right now)\b"
    r"|(?<=s )(?:will be|are being|have been|are now) (?:\w+ )?(?:sent|refunded|credited|dispatched|"
    r"delivered|replaced|posted|shipped|collected|couriered|reissued|issued|booked)\b"
    r"|\b(?:a|an|the|your|my|our) (?:\w+ ){0,3}(?:(?:is|are) (?:going out|on (?:its|their) way|being sent|coming (?:to you|out))|goes out|go out)\b"
    r"|\b(?:a|an|the|your|my|our) (?:\w+ ){0,2}(?:will be|is being|has been|have been|are being|will|would|'s been|is now|"
    r"is|are) (?:\w+ )?(?:sent|refunded|credited|corrected|updated|resolved|amended|adjusted|removed|reinstated|"
    r"issued|dispatched|processed|booked|arranged|replaced|cancel+ed|reversed|scheduled|fixed|delivered|collected|"
    r"expedited|upgraded|waived|rebooked|on its way|on the way|with you|arrive|reach you|call you|contact you|be in touch)\b"
    r"|\byou (?:will|should|are going to) (?:(?:also|then|now) )?(?:receive|get|see|have|hear) (?:a|an|the|your|it|them|this|that|"
    r"confirmation|email|\d+|full|back|from)\b"
)
# a second verb that shares the agent's subject: "I'll do that for you and refund the delivery charge too"
COORDINATED = rx(r"\band (?:also |then )?(?:refund|send|book|rebook|replace|credit|waive|cancel|dispatch|reschedule|reissue|arrange|"
                 r"collect|deliver|upgrade|reverse|courier|post) (?:the|your|a|an|it|them|you|both|all)\b")
_AGENT_MODAL = re.compile(r"\b(?:i|we) (?:will|shall|am going to|are going to|can) (?!not\b|never\b)"
                          r"(?:(?!\b(?:but|if|not|once|when|unless)\b).)*$")
# a note-style report of the fix, subject and auxiliary cut: "Fee waived.", "Urgent engineer booked now; I'll ring by 4"
_TERSE_DONE = re.compile(r"(?:(?!(?:was|were|had|has|have|is|are|been|being|it|they|you|nothing|not|never|no|if|when)\b)"
                         r"[a-z0-9£$']+ ){1,3}(?:waived|booked|refunded|credited|cancel+ed|arranged|dispatched|reversed|sent|"
                         r"issued|raised|logged|reissued|rebooked|replaced|ordered)(?: (?:now|today|already|for you|this "
                         r"afternoon|tonight))? [.!;]")
# instructions for the customer to carry out: "you'll receive an email with the steps to follow"
_STEPS_TO_FOLLOW = re.compile(r"you (?:will|should) (?:receive|get) (?:an? )?(?:\w+ )?(?:email|link|form|letter|text|message|pack) "
                              r"(?:with|explaining|containing|listing) (?:the |all the )?(?:steps|instructions|a form|how to|what to do)"
                              # a link sends the customer to do it themselves: "or I can send you a link"
                              r"|(?:i|we) (?:can|could|will) (?:\w+ )?(?:send|email|text) you (?:a|the) link\b"
                              r"(?! (?:to|with|for) (?:your|the) (?:booking|confirmation|appointment|order|tracking))")
# the closing offer of more help, asked: "can I help with anything else today?"
_HELP_MORE = re.compile(r"(?:can|may|could|shall) (?:i|we) (?:help|assist|do)(?: you)?(?: with)? (?:anything|something) (?:else|more|further)")
_EVERYTHING_BEFORE = re.compile(r"\b(?:everything|all|whatever|anything) $")
_HEARD = re.compile(r"(?:i|we) have got (?:the gist|it|that|this|the picture|the details|all (?:of )?(?:that|this|it)|"
                    r"your (?:details|notes|message|point))(?: [.!?,;]|$)")
_PURPOSE_BEFORE = re.compile(r"\b(?:make sure|making sure|so that|to check|to see|to confirm) (?:that )?$")
# "once I've checked it, ...": a step named as the condition for another is not itself offered
CONDITIONAL = rx(r"\b(?:if|wish|unless|whether|hope|only if|even if|before|until|till|once|as soon as|after) $|\b(?:see|know|tell you|find out|check|look at) what $")


# the agent's act in the present, tied to now: "I'm stopping the membership now", "today I send a new pair" (the present
# for the future, as non-native speakers say it). Without a time it is as likely a habit or a state ("we send reminders")
_STATE = (r"(?:am|are|was|were|have|has|had|do|does|did|will|would|can|could|shall|should|may|might|must|know|want|get|mean|"
          r"realize|need|wait|waited|expect|work|live|like|love|hate|let|try|check|usually|normally|always|often|never|sometimes|"
          # past tenses that do not end in -ed
          r"sent|got|made|took|gave|told|said|found|paid|left|lost|brought|bought|knew|saw|came|went|spoke|wrote|heard|kept|"
          r"rang|ran|sold|held|spent|read|put|set|thought|"
          rf"really|only|totally|{NOT_ACTION[3:-1]})")
_STATE_ING = (r"(?:experiencing|having|seeing|getting|waiting|hoping|trying|working|feeling|looking|wondering|thinking|going|"
              r"dealing|handling|sorting|doing|checking|investigating|reviewing|calling (?:about|because|to)|speaking|talking|"
              r"listening|running (?:late|behind))")
AGENT_NOW = re.compile(rf"\b(?:i|we) (?:(?:am|are) (?:(?:now|also|just|personally|already) )?(?!{_STATE_ING}\b)[a-z]+ing|"
               rf"(?:(?:personally|now|also|just|then|first) )?(?!{_STATE}\b|{ADV})[a-z]+(?<!ed)(?<!ing)(?<!s)(?<!ly)) (?!(?:to|that|if|you are|you were)\b)")


def _agent_now(doc: Doc) -> list:
    """AGENT_NOW hits, searched only in the sentences that name a time (few), with the time in the act's own clause
    ("I send it today") or opening the sentence ("Today I raise...")."""
    out = []
    s = doc.s
    tm = times(doc)
    for k in sorted({x[3] for x in tm}):
        sent = doc.sentences[k]
        if sent.question:
            continue
        for m in AGENT_NOW.finditer(s, sent.lo, sent.hi):
            a = m.start()
            for ta, tb, _t, tk in tm:
                # the time after the act in its clause, opening the sentence, or just before it ("today at 2 pm I call you")
                if tk == k and (ta > a and not _CLAUSE_BREAK.search(s, a, ta) or ta == sent.lo and tb >= a - 3
                                or ta < a and 0 <= a - tb <= 6 and not _CLAUSE_BREAK.search(s, tb, a)):
                    if not _PAST_BEFORE.search(s[max(sent.lo, ta - 14):ta]):
                        out.append((a, m.end(), doc.tok_at(a), k))
                    break
    return out


_CLAUSE_BREAK = re.compile(r"[,;:]| but | and (?:you|they|it)\b")
_PAST_BEFORE = re.compile(r"\b(?:since|ago|last|was|were|had|did|have been|has been|waited|took|called|happened)\b")
_SUBJECT_FIRST = re.compile(r"(?:i|we) ")
# a verb negated in the clause before ("does not work", "never arrives"): not "nothing I can do", whose "nothing" is
# the object of the agent's own verb
_VERB_NEGATED_BEFORE = re.compile(r"\b(?:not|never) [a-z]+ (?:[a-z]+ )?$")


def actions(doc: Doc) -> list:
    """Statements of what the agent can or will do (non-negated, non-conditional)."""
    got = doc.cache.get("act")
    if got is not None:
        return got
    out, vague = [], []
    s = doc.s
    hits = find(doc, ACTION)
    starts = {h[0] for h in hits}
    hits = hits + [h for h in _agent_now(doc) if h[0] not in starts]
    for a, b, t, k in hits:
        preceding = before(doc, a, 30)   # the shorter look-backs are its ends: preceding[-12:] is before(doc, a, 12)
        if doc.negated(t, 2) and not (_SUBJECT_FIRST.match(s, a) and _VERB_NEGATED_BEFORE.search(preceding)) \
                or CONDITIONAL.search(preceding[-12:]) \
                or CLOSING_BEFORE.search(preceding):
            continue  # a negator before the agent's own "I"/"we" is the last clause's: "if that doesn't work I'll book..."

        if _HEARD.match(s, a):
            continue  # "I've got the gist", "we've got all that": the agent has heard, not acted
        if _EVERYTHING_BEFORE.search(preceding[-14:]):
            continue  # "we'll do everything we can to resolve this": the stock promise, whatever verb follows
        if _PURPOSE_BEFORE.search(preceding[-24:]):
            continue  # "...just to make sure I'm looking at the right file": a reason for a question, not an offer
        head = s[a:a + 100]
        lead = PLAN_LEAD.match(head)
        if lead:
            head = "i " + head[lead.end():]  # "what I'll do is raise this with the team" reads as "I raise this..."
        if VAGUE_ACTION.match(head) or VAGUE_DONE.match(head):
            vague.append((a, b, t, k))  # no fix named, but the agent still takes it somewhere (see forward_steps)
            continue
        if INFO_REQUEST.match(s[a:a + 50]) or _hollow_object(s, a, b) or _HELP_MORE.match(s, a) or _STEPS_TO_FOLLOW.match(s, a):
            continue
        m = _OFFER_Q_START.match(s, a) and OFFER_Q_VERB.match(s, b)
        if m and (_hollow_object(s, m.start(1), m.end(1)) or VAGUE_ACTION.match("i " + s[m.start(1):m.start(1) + 100])):
            continue  # "would you like me to do that?" offers only what it points back to
        if s[a:b].endswith("ing") and not _SUBJECT_FIRST.match(s, a) and GERUND_SUBJECT.match(s[b:b + 80]):
            continue  # "Sending a new phone isn't something we do": the gerund is what is refused ("I'm raising a fault
            # to find out why your readings aren't arriving" has its subject, and the "not" is another clause's)
        if _customer_first(doc, a, k):
            continue  # "once you've sent the photos, we'll take a look": the next step is the customer's
        if ADVICE.match(s[a:a + 70]) or any(h[3] == k and h[0] <= a + 30 and h[1] > a for h in handoffs(doc)):
            continue  # "I'd suggest you call back", "I can give you the courier's number": the customer does the work
        out.append((a, b, t, k))
    for a, b, t, k in find(doc, COORDINATED):
        if not any(x[3] == k for x in out) and _AGENT_MODAL.search(s[doc.sentences[k].lo:a]) and not doc.negated(t, 2):
            out.append((a, b, t, k))
    for sent in doc.sentences:
        m = None if sent.question or sent.hi - sent.lo > 60 else _TERSE_DONE.match(s, sent.lo)
        if m and not any(x[3] == sent.index for x in out):
            out.append((m.start(), m.end(), sent.first, sent.index))
    out.sort()
    doc.cache["act"] = out
    doc.cache["act_vague"] = vague
    return out


def vague_actions(doc: Doc) -> list:
    """The agent's steps that name no fix ("I'll look into it", "I'll pass it on"), found by ``actions``."""
    actions(doc)
    return doc.cache["act_vague"]


def forward_steps(doc: Doc) -> list:
    """What the agent will do, concrete or not: after a "no", even "I'll pass your details to the team that can"
    or "we can look at a refund" is somewhere to go, though it is not yet an offer of a fix (offers_action)."""
    got = doc.cache.get("fwd")
    if got is None:
        got = doc.cache["fwd"] = sorted(actions(doc) + vague_actions(doc))
    return got


# An action is concrete when its verb names a fix ("refund", "book", "send") or its object is tied to the
# customer's problem. A general-purpose verb with only a general-purpose object ("I will fix the
# underlying problem", "I'll take ownership", "we'll follow through") names no action: it is the stock
# phrase that keyword-stuffed replies are made of.
_GENERIC_VERBS = frozenset(
    "fix resolve sort handle deal take follow work get make do address solve rectify put own action progress help "
    "assist support ensure try keep give go fixing resolving sorting handling dealing taking following working getting "
    "making doing addressing solving putting owning helping trying keeping giving going".split())
_GENERIC_OBJECT = frozenset(
    """this it that these those things everything anything something problem problems issue issues matter matters
    situation complaint complaints case concern concerns underlying root cause causes through ownership responsibility
    care charge properly right sorted resolved fixed done over sure happen happens again never not you your yours
    for of on up out in into with the a an to myself ourselves personally now today and so as soon possible
    experience bottom my our me us fully completely priority beyond above extra mile is are be gets get will resolve
    fix sort handle dealt can could we i notes note quickly fast promptly asap""".split())
_LOOK_VERBS = frozenset("checked looked investigated checking looking".split())
_CLAUSE_END = re.compile(r" (?:[,.;:!?]|and|but|so|because|which|while|then)(?= |$)")


def _hollow_object(s: str, a: int, b: int) -> bool:
    """True when the action's verb and everything it governs up to the clause end are general-purpose words."""
    verb = s[a:b].rsplit(" ", 1)[-1]
    rest = s[b:b + 80]
    m = _CLAUSE_END.search(rest)
    words = (rest[:m.start()] if m else rest).split()
    if verb in _LOOK_VERBS and not words:
        return True
    if verb not in _GENERIC_VERBS:
        return False
    return all(w in _GENERIC_OBJECT or w.strip("_") == "" for w in words)  # quoted words are masked as ___


# an action that waits on the customer doing something first is the customer's step, not the agent's offer
_CUSTOMER_STEP = (r"(?:once|when|as soon as|after|the moment|until) (?:you|we (?:have )?(?:receive|get|got|have) (?:the|your|it|them|those|"
                  r"these|a|an|back)|(?:the|your) (?:\w+ )?(?:form|photos?|pictures?|receipt|proof|item|parcel|return) (?:is|are|has|have|"
                  r"arrives?|reach))")
_GATE_BEFORE = rx(rf"^(?:(?:and|so|then|but|just) ,? )?{_CUSTOMER_STEP}")
# an instruction to the customer that the agent's step hangs on: "ring us back and we'll escalate it", "please return
# the pair, and once it reaches us we'll dispatch the new size"
_GATE_JOINED = rx(r"(?:^|[,;:] |\bthen )(?:please |kindly |just |simply )?(?:ring|call|phone|contact|send|resend|email|bring|return|post|"
                  r"drop|pop|come|visit|reply|fill|upload|pack|print|take|let (?:us|me) know)\b[^.!?]*?(?:\band (?:then )?|"
                  r"\b(?:once|when|after|as soon as) (?:it|they|that|this|those|we)\b[^.!?]*?)$")
_GATE_AFTER = rx(r"\b(?:once|when|as soon as|after|the moment|until) you (?:have |had |'ve )?(?:send|sent|return|returned|fill|filled|complete|"
                 r"completed|post|posted|upload|uploaded|provide|provided|submit|submitted|bring|brought|email|emailed|reply|replied|"
                 r"pay|paid|drop|dropped|rebook|rebooked|book|booked|do|did|done|get back|got back|call|ring|send us|let us know)\b")


def _customer_first(doc: Doc, a: int, k: int) -> bool:
    sent = doc.sentences[k]
    s = doc.s
    if a > sent.lo and (_GATE_BEFORE.match(s[sent.lo:a]) or _GATE_JOINED.search(s[sent.lo:a])):
        return True
    return bool(_GATE_AFTER.search(s[a:sent.hi]))


# advice or a request to the customer phrased with the agent as subject: the step is still the customer's
ADVICE = rx(rf"^(?:i|we) (?:{ADV}){{0,2}}(?:would|will|can|could|might|may|must|have to|am going to|are going to) (?:(?:just|only|strongly|"
            r"really|always|have to|need to) )?(?:suggest|recommend|advise|ask|urge|encourage|invite|remind)(?: that)? (?:you|customers|"
            r"people|everyone|\w+ing)\b")
GERUND_SUBJECT = rx(r"^(?: [^.!?;,]*?)? (?:is|are|was|would be|will be) (?:just |simply |really )?(?:not|never|no)\b")
# "can I get the claim number?" asks for information; it offers nothing
INFO_REQUEST = rx(r"^(?:can|could|may) (?:i|we) (?:get|have|take|grab) (?:the|your|a|an) (?:\w+ ){0,2}(?:number|details|name|address|"
                  r"reference|email|postcode|date|account|info|information)\b")


PLAN_LEAD = rx(r"^(?:what (?:i|we) (?:can|will) do (?:for you )?is|here is what (?:i|we) (?:will|can) do|my plan is|"
               r"what (?:i|we) (?:am|are) doing (?:now |today |right now )?(?:is|:)) (?:to )?")
# the verb an offer question offers: "would you like me to [do] that?"
OFFER_Q_VERB = re.compile(r" (?:(?:me|us) )?(?:to )?([a-z]+)")
_OFFER_Q_START = re.compile(r"(?:would|do) you|shall")


def concrete_actions(doc: Doc) -> list:
    """Actions other than a bare call-back or update promise ("I'll call you back"), or else a call-back with a set time."""
    out = [x for x in actions(doc) if not COMMS_ONLY.match(doc.s[x[0]:x[0] + 70])]
    if out:
        return out
    # a report-back the customer can hold the agent to, on work the agent names ("I'll look at the fault and call you
    # back at 2 pm", "I'll ring you by 3 with the new slot"), commits the agent to doing that work by then; "I'll call
    # you back later", "...when I hear" or a bare "I'll call you back by 4 pm" names no work
    tm = times(doc)
    looked = {x[3]: x[0] for x in reversed(vague_actions(doc))}
    s = doc.s
    return [c for c in find(doc, CALLBACK) if not doc.negated(c[2], 2) and not doc.sentences[c[3]].question
            and any(x[3] == c[3] and x[0] > c[0] for x in tm) and not _customer_first(doc, c[0], c[3])
            and not CONDITIONAL.search(before(doc, c[0], 12))
            and (looked.get(c[3], c[0]) < c[0] or REPORT_CONTENT.search(s, c[1], doc.sentences[c[3]].hi))]


# what a report-back will carry: "with the results", "to confirm the date", "with a new slot"
REPORT_CONTENT = re.compile(r"\b(?:with (?:the|a|an|your|our|my|some) (?:\w+ ){0,2}(?!update\b)\w+|to (?:confirm|tell you|let you know|give you|"
                            r"book|arrange|agree) \w+)")


# "is there anything else I can do": a closing offer, not an action
CLOSING_BEFORE = rx(r"\b(?:anything|something) (?:else |more |further )?(?:that )?$")
# an offer to "help" or to "see what I can do" names no action
VAGUE_ACTION = rx(
    rf"^(?:i|we|let me) (?:(?:{ADV}){{0,2}}{MOD} |)(?:(?:just|really|definitely|certainly) )?(?:see|find out|check) what (?:i|we|else) "
    r"(?:can|could|might) (?:do|offer|arrange)\b|"
    rf"^(?:i|we|let me) (?:(?:{ADV}){{0,2}}{MOD} |)(?:(?:just|really|definitely|certainly|always) )?(?:do|try) (?:my|our|(?:what|everything|all|whatever|anything) "
    r"(?:i|we)) (?:very )?(?:best|can)\b|"
    rf"^(?:i|we|let me) (?:(?:{ADV}){{0,2}}{MOD} |)(?:(?:definitely|certainly|really|just|gladly|happily) )?"
    r"(?:help|assist|carry on|continue|proceed|go from there|take it from there|get on with it|see what (?:i|we) can do|do (?:my|our) best|do what (?:i|we) can|try (?:my|our) best|try to help|"
    # looking into it with whoever (the courier, the depot) is still only looking: no fix is named
    # looking, watching and looking things up find out what is wrong, whatever they look at ("look into the fault", "keep
    # an eye on your account", "pull up the order"); none of them is yet something done for the customer
    r"(?:(?:look|looking|(?:have|take) (?:a|another) (?:quick |proper |closer )?look) (?:at|into)|investigate|dig into)(?:(?! and | but )[^.!?,;])*?|(?:have|take) (?:a|another) (?:quick |proper |closer )?look|"
    # "I will look what happened", as a second-language speaker puts it; trying to do something is not doing it
    r"look (?:what|why|how|if|whether)(?:(?! and | but )[^.!?,;])*?|(?:try|attempt) (?:to|and) [a-z]+(?:(?! and | but )[^.!?,;])*?|"
    r"(?:keep|keeping) (?:an eye|a close eye|watch|track) (?:on|out)(?:(?! and | but )[^.!?,;])*?|monitor(?:(?! and | but )[^.!?,;])*?|"
    r"(?:pull|bring|call) (?:(?:it|this|that|them) up|up(?:(?! and | but )[^.!?,;])*?)|(?:find|locate|access|open) (?:your|the) (?:\w+ ){0,2}"
    r"(?:account|order|booking|details|records?|file|notes|history)|(?:check|see|find out|work out) (?:what|whether|if|why|how|where|when)\b(?:(?! and | but )[^.!?,;])*?|"
    r"sort (?:it|this|that|"
    r"something|things) out|get (?:it|this|that|things) sorted|take care of (?:it|this|that|things|everything)|deal with (?:it|this|that)|"
    # routing the complaint itself on (raise, escalate, pass, flag) hands it to others without naming what they will do
    r"(?:raise|escalate|pass|refer|forward|report|flag|feed) (?:it|this|that|(?:this|the) (?:matter|issue|problem|case|complaint)|"
    r"your (?:\w+ )?(?:details|number|complaint|case|claim|concerns?|feedback|comments|information|info))(?: (?:on|along|up|over|back|internally))?|"
    r"\w+ a (?:\w+ )?note(?: (?:on|to|against|in) (?:the|your) (?:\w+ )?(?:account|file|record|notes|system))?|"
    r"note (?:it|this|that)|see|check (?:it|this|that)|"
    # making sure someone else knows or sees it is telling them, not doing anything
    r"make sure (?:\w+ ){1,3}?(?:knows?|hears?|(?:is|are) aware|sees?|gets?|has|have)(?: (?:it|this|that|them|about (?:it|this|that)))?|"
    # noting it down, or coming back with no time and no fix: "I'll make sure all of this is noted on your file"
    r"make sure (?:\w+ ){1,3}?(?:is|are) (?:noted|recorded|logged|written down|on (?:your|the) (?:file|account|record))"
    r"(?:(?! and | but )[^.!?,;])*?|"
    r"come back to you(?: (?:once|when|as soon as)\b[^.!?,;]*)?)"
    # handing it to unnamed people ("pass it on to the team") or promising to come back later names no fix either
    r"(?: (?:(?:on |over |along )?to|with) (?:the |my |our |a |an |head |senior |relevant |right |appropriate |\w+ ){0,3}(?:team|teams|"
    r"manager|managers|department|supervisor|colleagues?|people|office|management|them|someone|staff))?"
    r"(?: (?:you|with (?:this|that|it)|out|today|further|now|for you|personally|right away|straight away|as soon as possible|asap))*"
    # "...and someone will get back to you" leaves the fix to nobody in particular ("and call you back by 3" is the agent's step)
    r"(?: [.!?,;]|$| and (?:(?:someone|somebody|they|a colleague|the team) (?:will|should|can) (?:get back to you|be in touch|"
    r"contact you|call you|look (?:at|into))\b|(?:see|find out) what\b|(?:do|try) (?:(?:what|all|everything|whatever) (?:i|we) can|"
    r"(?:my|our) (?:very )?best)\b|(?:(?:i|we) (?:will|shall|can) )?look (?:at|into)(?:(?! and | but )[^.!?,;])*? (?:[.!?,;]|$)"
    r"|make sure (?:it|this|that|everything) (?:is|gets|will be) (?:resolved|sorted|fixed|dealt with|handled)\b"
    # "...and get back to you as soon as I can": a call-back with no time adds no fix to a vague intention
    r"|(?:then )?(?:get back to you|call you(?: back)?|ring you(?: back)?|come back to you|let you know|be in touch|"
    r"give you a (?:call|ring|bell)(?: back)?)"
    r"(?: (?:later(?: today| on)?|soon|shortly|as soon as (?:possible|i can|we can)|at the earliest opportunity|in due course|"
    r"when (?:i|we) (?:can|know|hear|have)\b[^.!?]*))? (?:[.!?,;]|$)))"
)
# a note or a hand-on already done is still no fix: "I've made a note on your account", "I've passed it on to the team"
VAGUE_DONE = rx(
    r"^(?:i|we) have (?:(?:now|also|just|already) )?(?:(?:made|added|put|left|placed|written) a (?:\w+ )?note|noted (?:it|this|that|your (?:complaint|comments|feedback))|"
    r"logged (?:it|this|that|your (?:complaint|comments|feedback))|passed (?:it|this|that) (?:on|along)|flagged (?:it|this|that)(?: up)?|"
    r"fed (?:it|this|that) back)(?: (?:of (?:it|this|that) )?(?:on|to|with|in|against) (?:your|the|my|our) (?:\w+ ){0,2}(?:account|file|record|"
    r"notes|team|manager|department|system|office))?(?: [.!?,;]|$)"
)
COMMS_ONLY = rx(
    rf"^(?:i|we) (?:(?:{ADV}){{0,2}}{MOD} )(?:(?:personally|also|then|definitely) )?(?:call|ring|phone|get back to|"
    r"let you know|be in touch|update|follow up|contact|text|email|send(?= you an? (?:\w+ )?(?:update|message|text|email)\b))"
    r"(?: you)?(?: an? (?:quick |full |short |progress )?(?:update|call|"
    r"message|text|email))?(?: back)?(?: (?:(?:by|before|at|within|in|on|this|"
    r"later|tomorrow|today|with an? update|when|once|as soon as|after)\b[^.!?;]*))? ?(?:[.!?;]|$)"
)


# ----------------------------------------------------------------- refusals

REFUSAL = rx(
    r"\b(?:i|we) (?:(?:really|just|simply|unfortunately|honestly|definitely|absolutely|still|currently|normally|"
    r"usually|sadly) )?(?:can not|could not|are not able to|am not able to|are unable to|am unable to|"
    r"(?:will|would) not be able to|are not allowed to|am not allowed to|are not permitted to|am not permitted to|"
    r"are not authorized to|am not authorized to) (?:(?:really|just|normally|usually|actually|currently|ever|simply) )?"
    r"(?!imagine|believe|thank|apologize|blame|stress|wait|agree|say how|tell you how|express|overstate|understand why|"
    r"promise|thank|begin|let (?:this|that|it) happen|leave you|stand|see|find|locate|hear|tell|understand|work out|wait)[a-z]+"
    r"|\b(?:i|we) (?:(?:really|just|simply|unfortunately|normally|usually|generally) )?(?:do not|does not|will not|are not going to|am not going to|never) "
    r"(?:(?:normally|usually|generally|ever|actually|just) )?(?:do|offer|give|accept|allow|provide|issue|refund|replace|exchange|"
    r"deliver|ship|cover|guarantee|handle|support|sell|stock|carry|match|compensate|reimburse|waive|extend|honor|"
    r"honour|book|reverse|approve|authorize|override|bend|budge|reschedule|rebook|return|credit|pay|transfer|expedite|"
    r"make exceptions?|make an exception|take (?:returns|responsibility|back))\b"
    r"|\b(?:that|this|it|which|there|a refund|refunds|a replacement|an exception|exceptions|an earlier \w+|earlier \w+|"
    r"a discount|compensation|an upgrade) (?:is|are|was|were|would be|will be|is just|is simply|is really) (?:not|never|no longer) "
    r"(?:possible|an option|available|allowed|permitted|something (?:we|i) (?:can|do|offer|are able)|going to happen|"
    r"feasible|doable|in my power|covered|refundable|eligible|on offer|within (?:my|our))\b"
    r"|\b(?:is|are|was|would be|will be) (?:impossible|out of the question)\b"
    r"|\b(?:will|would) not be (?:possible|an option|available|allowed|permitted|covered|refundable|eligible|feasible|doable)\b"
    r"|\b(?:we|i) (?:are|am) not in a position to\b|\boutside (?:the|our|your) (?:\w+ )?(?:policy|warranty|window|period|terms|"
    r"guarantee|cover)\b|\b(?:does|do|will|would) not (?:cover|include|qualify)\b|\b(?:i am|i'm) afraid (?=not\b|no\b)|\bthere is no way\b|\bno chance\b|\b(?:it is|that is) (?:now |just |simply )?too late\b|\bpast the "
    r"(?:deadline|return window|cut ?off|\d+ day)\b|\bthe (?:deadline|window|period) has (?:passed|expired|closed)\b"
    r"|\b(?:i|we) do not have (?:the )?(?:authority|power|ability|access|option)\b|\b(?:the|our) system (?:will not|does not|can not|"
    r"would not) (?:let|allow)\b|\bthat is not how (?:it|this|things) works?\b"
    r"|\b(?:is|are) (?:just |simply |all )?(?:our|company|the|standard|store) (?:policy|rules?|procedure)\b"
    r"|\b(?:that|it|this) is (?:just |simply )?policy\b"
    r"|\b(?:there is |there's )?(?:really )?nothing (?:to do|we can do|i can do|to be done|to fix|more to do) here\b"
    r"|\b(?:it|that|this|which) is (?:(?:just|simply|only|all|unfortunately|strictly|company) )*(?:our|company|the|store|standard) "
    r"(?:policy|rules?|procedure)\b|\b(?:our|company|the|store|strict) (?:policy|rules?|terms|procedures?) (?:is|are|say|says|state|"
    r"states|do not|does not|will not|means|forbids?|requires?|prevents?|only allows?)\b"
    r"|\b(?:against|per|as per|due to|because of|under|by) (?:our |company |the |store |strict )?(?:policy|policies|rules|procedure)\b"
    r"|\bnothing (?:(?:more|else|further|much) )?(?:i|we|anyone|anybody) (?:can|could) do\b|\bnot much (?:i|we) can do\b"
    r"|\b(?:i|we) (?:have|has) no (?:way|option|choice|power|authority|control|say)\b|\bout of (?:my|our) (?:hands|control)\b"
    r"|\b(?:my|our) hands are tied\b|\bnot (?:something|anything) (?:i|we) can (?:do|help)\b"
    r"|\bno (?:refunds?|exceptions?|exchanges?|returns?)\b|\bthe answer is no\b|\bafraid not\b"
    r"|\b(?:you are|you were|it is|that is) not (?:eligible|entitled|covered|refundable)\b|\bunable to (?:help|do|offer|refund|"
    r"replace|change|process|give|provide|accept|arrange|book|assist)\b"
    r"|(?<![^.!?;] )(?:(?:oh|well|sorry|unfortunately|look|so) ,? )?(?:no|nope)(?= [,.!;]| (?:we|i|it|that|there|sorry|unfortunately|you)\b| ?$)"
    # "No, you're right" and "No, that's not OK" agree with the customer
    r"(?! [,.!;]? ?(?:you (?:are|were) (?:\w+ )?(?:right|correct|entitled)|(?:that|this|it) (?:is|was) (?:\w+ )?not (?:right|ok|okay|on|"
    r"fair|acceptable|good enough|what)|not at all|of course not|absolutely not|definitely not)\b)"
    r"|\bthere (?:is|are) (?:no|not any) (?:earlier|other|more|way|option|slots?|appointments?|refunds?)\b"
    # a limit stated as a rule or a closed door: "isn't something we do", "refunds are only within 14 days", "the payments stand"
    r"|\b(?:is|are|was) (?:just |simply |really )?(?:not|never) (?:something|anything) (?:that )?(?:we|i) (?:\w+ )?(?:do|offer|can|"
    r"provide|allow|have|are able|able|allowed|permitted|arrange|stock|sell|in a position)\b|\b(?:is|it is|that is|the answer is) a (?:firm |definite |flat )?no\b"
    r"|\bthere is nothing (?:earlier|sooner|available)\b"
    # the passive closed door: "the fee can't be changed", "that won't be refunded"
    r"|\b(?:it|that|this|they|these|the (?:\w+ )?\w+|your (?:\w+ )?\w+) (?:can not|could not|will not|would not) (?:be|get) "
    r"(?:changed|refunded|waived|moved|cancel+ed|reversed|replaced|exchanged|rebooked|rescheduled|brought forward|credited|removed|"
    r"reduced|returned|honou?red|covered|repaired|sped up|expedited|extended|overridden|reissued)\b"
    # a closed door marked as such: "there's no voucher this time", "no free delivery, I'm afraid"
    r"|\bthere (?:is|are|will be) no (?:\w+ ){1,5}(?:this time|any more|anymore|again|on this occasion)\b"
    r"|\bno (?:\w+ ){1,3}(?:, )?i am afraid\b|\bi am afraid (?:there is|there are|there will be|we have|i have) no\b|\b(?:that is|it is|this is) the end of (?:it|the matter|that)\b"
    r"|\b(?:refunds?|exchanges?|returns?|replacements?|cancellations?|credits?|compensation) (?:are|is) only (?:available |possible |"
    r"given |offered |allowed |accepted |done )?(?:within|for|up to|if|when|in|on|after|before)\b"
    r"|\b(?:non|not) negotiable\b|\bnot (?:a lot|a great deal|really anything|anything more) (?:more )?(?:that )?(?:i|we) (?:can|could) do\b"
    r"|\b(?:refunds?|exchanges?|returns?|replacements?|compensation|credits?|discounts?|exceptions?|cancellations?) (?:are|is) "
    r"(?:not|never) (?:given|offered|available|possible|accepted|issued|provided|allowed|permitted|paid|made|done)\b"
    r"|\b(?:the |your |those |these |both )?(?:payments?|charges?|fees?|decision|bill|price) (?:still )?(?:stands?|remains? (?:valid|"
    r"due|in place)|is final|are final)\b"
    r"|\b(?:the|our) (?:\w+ ){0,2}(?:can not|could not|are not able to|is not able to|are unable to|is unable to) (?:cancel|refund|"
    r"process|change|issue|accept|offer|replace|exchange|rebook|reschedule|waive|move)\b"
)


# a flat defence of the company's side: "our system shows the invoice is correct"
DEFENSIVE = rx(
    r"\b(?:our|the) (?:system|records?|notes|screen|computer|logs?|technicians?|engineers?|team|driver|courier|tracking|warehouse|"
    r"account|invoice|report|(?:technician|engineer|driver|courier|warehouse|depot) 's (?:report|records?|notes|logs?|system|tracking)) "
    r"(?:clearly |definitely |did |does |still |also )?(?:shows?|says?|indicates?|states?|tested|checked|confirms?|confirmed|insists?|"
    r"records?)\b(?![^.?!]*\bbut (?:that is|it is|this is) (?:a |an |our |my )?(?:mistake|error|fault)\b)"
    r"(?= [^.?!]*\b(?:correct|complete|completed|active|delivered|fine|was sent|were sent|is right|working|valid|on time|correctly|"
    r"no record|nothing wrong|no fault|tested|properly|was fine|before it left|dispatched|powered on|went out|were sent|was sent)\b)"
    # the customer's own signature held up as proof: "the delivery note was signed on Monday"
    r"|\b(?:the|your) (?:delivery (?:note|docket|receipt)|docket|paperwork|proof of delivery) (?:was|has been|had been) signed\b"
    r"|\b(?:was|were|has been|have been) (?:taken|charged|billed|applied|processed|calculated|sent) correctly\b"
)


# Sending the customer to someone else: when nothing the agent does follows, the hand-off is the whole answer,
# which is a refusal in other words ("you'd need to contact the courier directly", "that's a different department")
_PARTY = (r"(?:them|(?:the|your|their|its) (?:\w+ (?:'s )?){0,2}(?:courier|carrier|manufacturer|maker|bank|card issuer|post office|"
          r"delivery (?:company|firm|partner)|supplier|retailer|shop|store|seller|vendor|department|insurer|network|provider|"
          r"warehouse|driver|contractor|landlord|installer|brand|partner|council)s?|(?:another|a different|a separate|the other|"
          r"the relevant|the right) (?:\w+ )?(?:department|team|company|line|number))")
_GO_TO = (r"(?:contact|call|ring|phone|email|write to|speak (?:to|with)|talk to|get in touch with|reach out to|go (?:back )?to|"
          r"take (?:it |this |that )?up with|raise (?:it|this|that) with|chase|complain to|get hold of|deal (?:directly )?with)")
HANDOFF = rx(
    rf"\byou (?:(?:will|would|may|might|should) )?(?:(?:just|simply|still|also|then|probably|really|first) )?(?:need|have|want) to "
    rf"(?:(?:just|simply|first|then|directly) )?{_GO_TO} {_PARTY}"
    rf"|\b(?:your|the) best (?:bet|option|route|thing|way|thing to do|course of action) (?:is|would be|will be) (?:to )?(?:just )?{_GO_TO}\b"
    rf"|\byou (?:would|will|might|are|may) (?:be )?(?:better off|best off) (?:\w+ing)\b"
    rf"|\b(?:i|we) (?:would |can only |will |could )?(?:just |strongly )?(?:suggest|recommend|advise) (?:that )?you {_GO_TO}\b"
    r"|\b(?:that|this|it|which) is (?:a |an |one )?(?:matter |question |job |one )?(?:for|with) (?:the|your) (?:\w+ )?(?:courier|carrier|"
    r"manufacturer|bank|seller|supplier|retailer|insurer|provider|department|team|partner)\b"
    r"|\b(?:is|are|was|were) (?:a |an |with |handled by |dealt with by |done by )?(?:another|a different|a separate|different|separate|"
    r"outside|external|the other) (?:\w+ )?(?:team|department|company|business|firm|organization|partner)\b"
    r"|\b(?:sits|lies|falls|comes|rests) (?:with|under) (?:another|a different|a separate|the other|the|our|their) (?:\w+ )?"
    r"(?:department|team|company|partner|courier|carrier|manufacturer|bank)\b"
    rf"|\b(?:i|we) (?:would |can only |will |could )?(?:just |strongly )?(?:suggest|recommend|advise) (?:contacting|calling|ringing|"
    rf"phoning|emailing|speaking (?:to|with)|talking to|getting in touch with|reaching out to|going (?:back )?to|giving) {_PARTY}"
    rf"|\bit (?:would be|is|might be|may be|will be) (?:\w+ )?(?:best|better|easiest|quickest|quicker|advisable|a good idea|worth) "
    rf"(?:to |if you |for you to |you )?(?:\w+ing |{_GO_TO} ){_PARTY}"
    rf"|\byou (?:can|could|may) (?:always |just |also )?(?:reach|contact|call|ring|phone|email|get hold of|get through to|speak to|"
    rf"talk to|get in touch with|chase|try) {_PARTY}"
    r"|\btheir (?:\w+ )?(?:number|helpline|phone line|email address|contact details|website) (?:is|are)\b"
    # someone else named as the place to go, or the agent's own remit drawn around the problem
    r"|\b(?:one|a question|a matter|a job|something) for (?:the|your) (?:\w+ )?(?:courier|carrier|manufacturer|bank|seller|supplier|"
    r"retailer|insurer|provider|department|team|partner|landlord|council|engineers?|technicians?)\b"
    r"|\b(?:is|are|would be|will be) (?:the|your) (?:best|right|only|proper|correct) (?:people|person|ones?(?= (?:to|for)\b)|place|team|department|"
    # ("home is the best place to deliver" names an address, not someone else to chase)
    r"route|contact|point of contact)\b(?! (?:to|for) (?:deliver|send|leave|drop|post|ship|delivery|the delivery|the parcel)\b)"
    r"|\b(?:is|are|would be|will be) (?:the )?(?:people|person|ones?|place) to (?:talk|speak|ask|"
    r"contact|call|go|start|deal)\b|\b(?:am|are|is) not (?:the )?(?:right|best|correct) (?:people|person|team|department|place)\b"
    r"|\b(?:is|are) not (?:something|anything|a thing|what) (?:that )?(?:we|i|our (?:\w+ )?team|this (?:\w+ )?(?:team|department)|"
    r"my (?:\w+ )?team) (?:\w+ )?(?:deal|deals|handle|handles|cover|covers|look after|looks after|take care of|takes care of)\b"
    r"|\b(?:i am|we are|i can|we can) only (?:able to |allowed to |here to |set up to )?(?:help|deal|assist|handle)(?: you)? with\b"
    r"|\b(?:i am|we are) (?:just|only) (?:the|in|on) (?:\w+ )?(?:team|department|desk|line)\b"
    r"|\boutside (?:of )?(?:what (?:i|we) can (?:help|do|deal|handle)|(?:my|our) (?:remit|area|department|scope|team))\b"
    r"|\b(?:go|goes|going|went) through (?:the|your|their) (?:\w+ )?(?:courier|carrier|manufacturer|bank|seller|supplier|retailer|"
    r"insurer|provider|partner)\b|\b(?:contracted|outsourced|subcontracted) (?:out|to)\b"
    r"|\b(?:give|send|pass|forward|text|email) you (?:their|(?:the|your) (?:\w+ )?(?:courier|carrier|manufacturer|bank|seller|"
    r"supplier|retailer|insurer|department|team|warehouse|partner)(?: 's)?) (?:(?:phone|direct|contact|customer service|helpline|"
    r"email) )?(?:number|line|email|address|website)\b"
)


# a bare instruction to go elsewhere ("Ring them on 0300") is an order and a deflection; the labels do not
# read it as a refusal, so it joins no_blame only (conduct.py)
HANDOFF_ORDER = rx(rf"(?<![^.!?;,] )(?:(?:so|just|then|instead) ,? )?(?:please |kindly )?{_GO_TO} {_PARTY}")


def handoffs(doc: Doc) -> list:
    got = doc.cache.get("handoff")
    if got is None:
        got = [m for m in find(doc, HANDOFF) if not doc.negated(m[2], 3)]
        doc.cache["handoff"] = got
    return got


def refusals(doc: Doc) -> list:
    got = doc.cache.get("ref")
    if got is None:
        got = sorted(find(doc, REFUSAL) + find(doc, DEFENSIVE) + handoffs(doc))
        doc.cache["ref"] = got
    return got


# ----------------------------------------------------------------- time and commitments

TIME = rx(
    rf"\b(?:(?<!later )today|tonight|tomorrow|this (?:morning|afternoon|evening|week|weekend|{DAY})|(?:straight|right|immediately) after "
    r"(?:this|the|our) (?:call|conversation)|(?:straight|right) over|"
    r"(?:same|next) (?:day|working day|business day|week|morning)|end of (?:the |this |today |play )?(?:day|business|week|month)?|"
    r"close of (?:business|play)|eod|cob|first thing|right away|straight away|immediately|right now|at once|"
    r"as we speak|while (?:we are|you are) (?:on the|still on)|before (?:we|you) (?:hang up|finish|end)|during this call|"
    rf"within (?:the )?(?:next )?(?:{NUMW} )?(?!few\b)(?:\w+ )?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|working days?|business days?|hour)|"
    rf"in (?:the )?(?:next )?{NUMW} (?!few\b)(?:\w+ )?(?:minutes?|mins?|hours?|days?|weeks?)|"
    rf"(?:by|before|at|on|around|until|no later than|from) (?:\d+(?:[.:]\d\d)?|noon|midday|midnight|lunch\w*|the end|close|end|tomorrow|"
    rf"tonight|{DAY}|(?:this|next) (?!occasion|one|case|matter|issue|problem|point)\w+|the \d)|\d+(?:[.:]\d\d)? (?:am|pm|a \. m|p \. m|o'clock)\b|\d+:\d+|{DAY}s?|next (?:week|month|{DAY})"
    # "any day now" is no time anyone can hold the agent to
    r"|(?<!any day )(?<!any time )(?<=[a-z0-9] )now(?= [.!?,;]| and| so|$)|within the hour"
    # how long the fix takes: "the refund takes 5 working days"
    rf"|(?<=take |akes )(?:up to |about |around |no more than )?{NUMW} (?:working |business )?(?:minutes?|hours?|days?|weeks?))\b"
)
VAGUE_TIME = rx(r"\b(?:later today|later this \w+|soon|shortly|as soon as (?:possible|we can|i can)|asap|in due course|at some point|later|when (?:i|we) can|eventually|in a bit)\b")
CALLBACK = rx(
    r"\b(?:i|we|someone|somebody|a manager|my manager|my supervisor|the team|our team|a colleague|(?:a|an) (?:\w+ )?engineer|"
    r"the (?:\w+ )?engineer|a specialist|they|he|she) (?:will|would|shall|am going to|are going to|is going to|(?:will|would) be able to) "
    r"(?:(?:personally|also|then|definitely|certainly|make sure to|be sure to|try to|aim to|again|myself) ){0,2}"
    r"(?:call|ring|phone|email|text|message|contact|get back to|get back in touch|follow up|update|let you know|be in touch|"
    r"reach out|write|come back to|circle back|send (?:you )?an? (?:\w+ )?(?:update|email|e mail|text|message|confirmation)|"
    r"give you an? (?:call|ring|bell|update)|drop you an? (?:line|email|message|text|note))\b"
    r"|\byou will (?:hear|get a call|receive a call|receive an? (?:email|update|text|message|call)|get an? (?:email|update|text|message|call))\b"
    # a letter's list of next steps: "you'll have a confirmation e-mail from me by 4 pm", "Confirmation e-mail from me by 5pm"
    r"|\byou will (?:have|get|receive) (?:an? |the |your )?(?:\w+ )?(?:email|e mail|update|text|message|call|confirmation)\b"
    r"|\b(?:confirmation|e mail|email|text|call|update|message)s? from (?:me|us)\b"
    r"|\band (?:then )?(?:call|ring|phone|email|text|get back to|update|come back to) you\b"
)
FUTURE = rx(
    r"\b(?:i|we|someone|he|she|they|it|the \w+|a \w+|an \w+|your \w+) (?:(?:will|shall|am going to|are going to|is going to|can|would|'ll) |"
    r"(?:am|are) (?:now )?\w+ing )|\byou (?:will|should) (?:receive|get|see|have|hear)\b|\blet me\b|\b(?:i|we) have (?:\w+ )?\w+ed\b"
)


# any thanks to the customer (not "thanks to the courier", not "no thanks")
THANKS_ANY = rx(r"(?<!\bno )\b(?:thank you|thanks|thx|many thanks|cheers)(?: (?:so much|very much|again|a lot))? for (?!calling|your call|"
                r"holding|contacting|getting in touch|nothing)|\b(?:i|we) (?:really |truly |do |greatly |very much )?"
                r"appreciate (?:your|you|it|the|that|how|this)\b")


def times(doc: Doc) -> list:
    got = doc.cache.get("time")
    if got is None:
        got = find(doc, TIME)
        doc.cache["time"] = got
    return got


def sentence_has(items: list, k: int) -> bool:
    return any(x[3] == k for x in items)
