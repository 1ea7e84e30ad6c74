"""Checks on what never to do: a bare refusal, blame or defensiveness, and a cold or shouting tone."""
from __future__ import annotations

import re

from ..text import Doc
from ._base import bool_param, found, int_param, phrases_param, profile, register, sentence_restates
from ._patterns import (
    ACK_FRAME, DEFENSIVE, GENERIC_ACK, HANDOFF, HANDOFF_ORDER, THANKS_ANY, ack_sentences, apologies, before, find, first_index,
    forward_steps, ownerships, refusals, rx,
)


# the agent citing policy, terms or rules as the reason: "it's our policy", "our terms don't cover it"
# the business's rules, not the customer's insurance ("your home policy might cover it")
_POLICY = rx(r"\b(?:our|the|company|store|shop|returns|warranty) (?!(?:home|insurance|contents|travel|gadget|phone) )(?:\w+ )?"
             r"(?:policy|policies|terms|rules)\b|\bpolicy\b(?<!\b(?:home|your) policy)(?<!\binsurance policy)(?<!\bcontents policy)")


@register("no_bare_refusal", "No bare \u201cno\u201d", "four-missteps", policy_is_refusal=bool_param(False))
def no_bare_refusal(doc: Doc, params: dict, context) -> object:
    """Met unless a refusal stands without saying what can be done.

    Refusals: a "No." answer, "we can't/are unable to/aren't allowed to...",
    "we don't offer/do refunds", "that's not possible/an option", "it's our
    policy", "there's nothing I can do", "not a lot I can do", "out of my
    hands", "refunds aren't given on sale items", "the answer is no".
    A limit stated as a rule counts too ("isn't something we do", "refunds are
    only within 14 days", "the payments stand", "the front desk can't cancel
    it"). Sending the customer elsewhere ("you'd need to contact the courier
    directly", "that's a different department", "I'm only able to help with
    billing") is a refusal in other words, and so is a closed door marked as
    one ("there's no voucher this time", "no free delivery, I'm afraid",
    "not something I'm able to change"). Each needs an alternative, an offer or an action ("but I can...",
    "what I can do is...", "would you prefer...", "I'll...") anywhere in the
    reply: an offer made first ("I can refund the peas today. We don't do
    vouchers.") already told the customer where they can go; handing it on to the people who can
    ("I'll pass your details to the team that can") is somewhere to go even
    though offers_action wants more; pointing the customer at self-service is
    not one. "No, you're right" and "No, that's not OK" agree with the
    customer. "No problem", "no worries", "no charge", "no later than" are
    not refusals; words the learner quotes (the customer's) are not the
    agent's. Article 000 counts a refusal with no way forward among the
    missteps that keep a caller repeating the story. Where an exercise asks
    for the answer in positive terms with no policy quote at all
    (``policy_is_refusal``), citing policy is the refusal whatever follows it.
    """
    key = "no_bare_refusal"
    if params["policy_is_refusal"]:
        quoted = find(doc, _POLICY)   # the customer's own words, quoted back, are masked
        if quoted:
            k = quoted[0][3]
            return found(key, False, f"\u201c{doc.excerpt(doc.sent_span(k), 70)}\u201d quotes policy, and a customer hears "
                                     "policy as a no however well you follow it. Leave the rule out and lead with what "
                                     "you can do: \u201cHere's what I can do for you today\u2026\u201d",
                         [doc.span_of(h[0], h[1]) for h in quoted])
    refs = refusals(doc)
    if not refs:
        return found(key, True, "No bare refusals: you told the customer what you can do rather than what you can't.")
    bare = bare_refusals(doc)
    if not bare:
        return found(key, True, "Where you had to say no, you went straight on to what you can do: that keeps the "
                                "customer negotiating with you instead of against you.",
                     [doc.span_of(a, b) for a, b, _t, _k in refs])
    a, b, k = bare[0]
    ex = doc.excerpt(doc.sent_span(k), 70)
    return found(key, False, f"\u201c{ex}\u201d says what you can't do and stops there. Follow it at once with what you "
                             "can do \u2014 an alternative, a workaround or the next best option \u2014 so the customer "
                             "has somewhere to go.", [doc.span_of(x[0], x[1]) for x in bare])


def bare_refusals(doc: Doc) -> list:
    """(start, end, sentence) of each refusal with no action anywhere else in the reply."""
    got = doc.cache.get("bare")
    if got is None:
        acts = forward_steps(doc)
        # what the agent can do may come before the "no", in the same sentence, next, or later in the reply
        # ("...we can't keep handing them out. Deliveries run late. I'll refund the ice cream.")
        got = [(a, b, k) for a, b, _t, k in refusals(doc) if not any(not a <= x[0] < b for x in acts)]
        doc.cache["bare"] = got
    return got


# (pattern, kind, skip-when-negated)
_CUSTOMER_ACTS = (r"(?:read|check|follow|fill|include|tell|provide|give|send|call|contact|register|sign|attach|enter|select|"
                  r"click|update|notice|mention|specify|pay|keep|return|listen|understand|book|choose|pick|measure|look|print|"
                  r"answer|reply|respond|confirm|save|install|plug|ask|use|open|type|write|bother|realize|read|label|pack|"
                  r"check in|turn|switch|restart|reset|log)")
BLAME = [
    (rx(r"\byou (?:really |honestly |probably |just )?(?:should|ought to|could|might) have (?!been\b|received|got|gotten|had|heard|expected|felt)[a-z]+"
        r"|\byou (?:really |always |probably |just )?(?:should|ought to|need to remember to|must remember to) (?!not\b|never\b|receive|get|see|"
        r"hear|have|be\b|expect|find|feel|notice)[a-z]+"
        r"|\byou (?:\w+ )?(?:picked|chose|ordered|clicked|entered|selected|typed|put|bought|booked|gave) (?:in )?(?:the|a) wrong\b"
        r"|(?<!if )\b(?:which|really|that|this) (?:really )?did not help\b|\bdid not help (?:anyone|anybody|matters)\b"
        r"|\b(?:maybe|perhaps|probably|possibly) (?:it|you|they|the \w+) (?:was |were |got |had been )?(?:dropped|damaged|misused|"
        r"broken|mishandled|knocked|forgot|missed|deleted|ignored)\b"), "blame"),
    (rx(r"(?<![^.!?;,] )(?:for next time|next time|in future|in the future) ,? (?:please |you |just |make sure|check|remember|try)"), "lecture"),
    (rx(rf"\byou (?:did not|never|have not|had not|did not even|never even) (?:bother to |even )?{_CUSTOMER_ACTS}\b"
        r"|\byou (?:never|have not|had not|have never) (?:even )?(?:sent|told|called|read|checked|filled|included|provided|gave|given|"
        r"mentioned|attached|returned|paid|replied|answered|confirmed|registered|signed|booked|ordered|followed|kept|listened|noticed|"
        r"updated|contacted|bothered|submitted|uploaded|cancel+ed)\b"
        r"|\byou (?:hung up|put the phone down|cut (?:us|me|the call|him|her|them) off|walked away)\b"
        # the slip that is "easy to make", or what "normally customers" do: the customer's own doing, by implication
        r"|\b(?:easy|common) to (?:click|select|pick|choose|tick|press|get|enter|type|miss) (?:on )?(?:the )?wrong\b"
        r"|\b(?:normally|usually|most|generally) (?:customers|people) (?:would )?(?:check|read|call|ring|keep|make sure|look|know|"
        r"remember|order|book|confirm)\b"
        r"|\bwhich made it (?:hard|harder|difficult|impossible) for (?:us|me|my colleague|the team|him|her|them|anyone) to\b"
        # the hang-up held against the customer without naming them: "we can't sort things out if the call gets cut off"
        r"|\bif (?:the (?:call|line|phone) (?:gets|got|is|was) (?:cut off|dropped|ended|put down)|(?:you|people|customers) "
        r"(?:hang up|cut (?:us|me|the call) off))\b"
        r"|\byou (?:were not|are not|was not) (?:in|home|at home|there|available|answering|picking up)\b"
        r"|\b(?:nobody|no one) (?:answered|was in|was home|was there|picked up|came to the door|responded)\b"
        r"|\byou must have been (?:out|away|asleep|busy|on the phone|elsewhere|in the shower|upstairs|not in|mistaken)\b"
        r"|\b(?:on|at|from) your (?:end|side)\b|\b(?:it is|that is|this is) (?:probably|likely|most likely|almost certainly|definitely) "
        r"(?:your|you|something you)\b|\bdid you (?:drop|damage|break|spill|misuse|knock|sit on|get it wet)\b"
        r"|\b(?:you|someone|somebody|your staff|your team) signed for\b|\byou can not (?:expect|keep|just|always)\b"
        r"|\byou had (?:\d+|\w+) (?:days|weeks|chances|opportunities|months)\b|(?<!sorry )(?<!sorry that )\byou have (?:already )?(?:complained|been given)\b"
        # what the customer already had held against them; "you have had a £210 estimate" is the problem played back
        r"|\byou have (?:already had|had (?:a|one|two|several) (?:free |full |partial |\w+ )?(?:refunds?|replacements?|credits?|"
        r"vouchers?|goodwill|gestures?|discounts?|compensation|chances?|warnings?|reminders?|extensions?|exceptions?))\b"), "blame"),
    (rx(r"\byou (?:failed|forgot|neglected|omitted) to\b|\bif you (?:had |would )?(?:only |just )?(?:read|listened|checked|looked|paid attention|"
        r"followed|bothered)\b|\b(?:you were|you are) supposed to (?:read|check|follow|fill|tell|call|contact|keep|send)\b"), "blame"),
    # a guess at what the customer did wrong is blame however hedged ("you may have dropped it")
    (rx(r"\byou (?:must|probably|obviously|clearly|likely|may|might) (?:have )?(?:clicked|entered|selected|typed|chose|picked|ordered|"
        r"made|put|misread|misunderstood|missed|forgot|deleted|ignored|skipped|got it wrong|did|dropped|broke|damaged|"
        r"used|set|pressed|sent|gave|filled)\b"), "blame"),
    (rx(r"(?<!\bnone of )(?<!\bnot )\b(?:it is|that is|this is|it was|that was|this was) (?:all |entirely )?your (?:own )?(?:fault|mistake|error|responsibility|problem)\b"
        r"|\b(?:your|customer) (?:own )?(?:fault|mistake|error)\b"), "blame"),
    (rx(r"\b(?:we|i) (?:are|am) not (?:responsible|liable|to blame|accountable)\b|\bcan not be held (?:responsible|liable)\b"
        r"|\bnot (?:our|my) (?:fault|problem|responsibility|department|job|concern|issue|mistake|doing|area)\b"
        r"|\bnothing to do with (?:us|me|our)\b|\b(?:that|this|it) is not (?:on us|on me|down to us|our end)\b"
        r"|\b(?:outside|beyond|out of) (?:my|our) (?:\w+ )?(?:control|hands)\b|\bnothing (?:we|i) (?:did|have done)\b"
        # the cause pinned on another party before anyone has looked: "that'll be the warehouse"
        r"|\b(?:that|this|it) (?:will|would|must) (?:be|have been) (?:down to )?the (?:courier|carrier|warehouse|depot|driver|supplier|"
        r"manufacturer|factory|post office)\b"
        # the cause put on another party by comparison: "a warehouse error rather than ours"
        r"|\brather than (?:us|ours|me|mine|our (?:\w+ )?(?:fault|doing|side|end|error|mistake|team|department))\b"
        # the failure explained by the staff's workload: "the technicians have had a really heavy week"
        r"|\b(?:the (?:team|teams|technicians?|engineers?|drivers?|couriers?|staff|warehouse|depot)|we|they) (?:have|has|had|are|were|is) "
        r"(?:had |having |been having |been )?(?:a |an )?(?:really |very |extremely |particularly |incredibly )?(?:heavy|busy|hectic|mad|"
        r"tough|difficult) (?:week|period|time|few days|few weeks|month|day|spell)\b"
        # or by their troubles: "the warehouse picked the wrong size, they've been having problems lately"
        r"|\b(?:the (?:team|teams|technicians?|engineers?|drivers?|couriers?|staff|warehouse|depot|system)|they) (?:have|has) "
        r"been having (?:a (?:few |lot of )?|some |lots of )?(?:problems|issues|trouble|difficulties|glitches)\b"), "deflect"),
    (rx(r"\b(?:it|that|this) (?:is|was) (?:the |a |an )?(?:\w+ )?(?:courier|carrier|driver|warehouse|manufacturer|bank|post office|"
        r"delivery company|supplier|system|department|technicians?|engineers?|website|agent|team|computer|network)(?: 's)? "
        r"(?:packing |picking |delivery |processing |billing )?(?:fault|problem|responsibility|issue|mistake|job|error)\b|\bblame (?:the|our|them|it on)\b"
        r"|\bthese things happen\b"
        r"|\b(?:is|are|was|were|gets|get) (?:all )?(?:allocated|handled|decided|set|managed|controlled|dealt with|done|booked|run) by "
        r"(?:the|our|another|a different|a separate) (?:\w+ )?(?:team|department|courier|carrier|partner|company|system|contractor)\b"
        r"|(?<!\bwhat )\b(?:we|i) (?:really |just |simply )?(?:do not|can not|does not) control\b"), "deflect"),
    (DEFENSIVE, "deflect"),
    (HANDOFF, "deflect"),
    (rx(r"\b(?:caused|created) by (?:the|our|your|a) (?:\w+ )?(?:courier|carrier|driver|manufacturer|supplier|warehouse|partner|bank|"
        r"third party|contractor)s?\b"), "deflect"),
    (HANDOFF_ORDER, "deflect"),
    (rx(r"\byou (?:will|would) (?:just |simply |still |also )?(?:need|have) to (?!do (?:is|anything|nothing)|worry|be (?:able|happy|glad)|say)[a-z]+"
        r"|\b(?:have|has|need|needs|must|will have|would have|will need|would need) to (?:go|be (?:done|made|submitted|booked|requested|"
        r"arranged|sent|resent)|rebook|book|apply|submit|request|complete|fill)\b[^.?!]*\b(?:website|app|online|portal|form)\b"
        r"|\b(?:goes|go|must go|has to go|have to go) through (?:the|our) (?:website|app|portal|online)\b"
        r"|\b(?:will )?need(?:s)? (?:sending|doing|resubmitting|re sending|redoing|to be sent|to be resent|to be redone) again\b"
        r"|(?<![^.!?;,] )(?:please |just |kindly )?(?:resend|re send|resubmit|re submit|reupload|re upload|reapply|re enter|redo)\b"
        r"|\b(?:and|then) (?:please |just )?(?:send|forward|upload|submit|email|post) (?:\w+ ){0,4}(?:again|once more|one more time)\b"
        r"|\b(?:please|could you|can you|would you|you will need to|you need to)(?: please| just| kindly)? (?:resend|re send|resubmit|"
        r"re submit|reupload|re upload|reapply|re enter|redo|reinstall)\b|(?<![^.!?;,] )(?:please |just |kindly )?(?:send|upload|"
        r"submit|email|post|fill in|try) (?:\w+ ){0,4}(?:again|once more|one more time)\b|\b(?:could|can|would) you (?:please |just )?"
        r"(?:send|forward|upload|submit|email|post|fill in|try|restart|reboot|reset|redo|resend) (?:\w+ ){0,4}(?:again|once more|one more time)\b"),
     "burden"),
    (rx(r"(?:you (?:can|could|should|might want to|may want to|will need to|will have to|would need to|would have to) |"
        r"(?<![^.!?;,] )(?:please |just |simply )?)(?:call|contact|ring|phone|email|speak to|talk to|take it up with|"
        r"get in touch with|chase|complain to) (?:the|your) (?:courier|carrier|manufacturer|bank|post office|delivery company|"
        r"supplier|retailer|shop|store|other department|seller|driver|warehouse|insurer|network|provider)\b"), "deflect"),
    # ("the third time you have to call" is what happened to the customer)
    (rx(r"(?<!\btime )(?<!\btimes )\byou (?:(?:need|have|must|got) to\b|must (?!be\b|have been|feel|have felt|have had)[a-z]+)"
        r"|\byou (?:would|had) better\b"
        r"|\byou (?:are|were) (?:required|expected) to\b"
        r"|(?:(?<![^.!?;] )|(?<=, )(?:so|and|then) )(?:(?:just|so|now|then|first|ok|okay) ,? )?(?:give(?! (?:me|us) a "
        r"(?:shout|call|ring|bell|buzz|try|chance)\b)|send|tell(?! (?:me|us) (?:if|whether|what|when|how|which|anything)\b)|fill|read|bring|restart|pay|wait|stop|"
        r"hold on|listen|reboot|resend|complete|submit|email|post|upload|attach|forward|reply|check) (?:me|us|them|it|the|your|in|out|"
        r"back|a|on)\b(?![^.!?]*\bplease\b)"), "order"),
    (rx(r"(?<![^.!?;,] )(?:please |just |now |ok |okay |look ,? )?(?:relax|calm down|settle down|cool down|calm yourself)\b"
        r"|\bcalm down\b|\b(?:do not|stop|quit) (?:shouting|yelling|swearing|screaming|raising your voice|being rude|getting)\b"
        r"|\blower your voice\b|\bno need to (?:shout|yell|be rude|swear|get upset|get angry|raise|be like that|take that tone)\b"
        r"|\bwatch your (?:tone|language)\b|\bif you (?:keep|continue|carry on) (?:shouting|swearing|yelling)\b"), "tone"),
    (rx(r"\bas i (?:have )?(?:already |just |previously )?(?:said|told you|explained|mentioned|stated)\b|\blike i (?:already |just )?"
        r"(?:said|told you)\b|\bi (?:have |had )?already (?:told|explained|said)\b|\bper my last\b|\bas (?:previously|already) "
        r"(?:stated|mentioned|explained)\b|\bfor the last time\b|\bhow many times\b"), "repeat"),
    (rx(r"\bobviously(?= (?:you|your|it (?:says|said|was|is)|the (?:terms|instructions|email)))|\byou (?:\w+ )?obviously\b"
        r"|\bnothing (?:to do|to worry about|we need to do|to fix) here\b|\b(?:happens?|get \w+|are \w+|is \w+) all the time\b"
        r"|\bclearly you\b|\bof course you\b(?! (?:should not|should never|do not have to|deserve|are right|are entitled|can|will|would|shall)\b)|(?<!\bi )(?<!\bwe )(?<!\bme )(?<!\bus )(?<!\bwill )(?<!\bcan )(?<!\bcould )(?<!\bcould you )(?<!\bcan you )"
        r"(?<!\bwould you )(?<!\bwill you )(?:simply|just) "
        r"(?:read|check|follow|look at|click|scroll)\b"
        r"|\bnot rocket science\b|\bit is not (?:that )?(?:hard|difficult|complicated)\b|\beveryone else\b|\bother customers "
        r"(?:do not|manage|have no|never)\b|\bworks (?:fine|perfectly|ok) for (?:everyone|everybody|other|most)\b|\byou people\b"
        r"|\b(?:that|it) happens all the time\b"), "belittle"),
    # the problem left to fix itself, whatever the verb ("these usually reverse themselves", "it may well sort itself
    # out"): a brush-off, not a put-down, so it is cold only where nothing else is warm
    (rx(r"\b(?:correct|sort|fix|resolve|clear|sorts|corrects|fixes|resolves|clears) (?:themselves|itself)\b"
        r"|\b(?:usually|normally|often|generally|typically|tend to|tends to|will|should|just|can|always|may well|might well) "
        r"(?:\w+ )?[a-z]+ (?:themselves|itself)\b"), "deflect"),
    (rx(r"\bno one (?:here |at \w+ )?(?:would|could|will) (?:ever )?(?:have )?(?:said|say|told|tell|promised|promise)\b|\b(?:we|our "
        r"(?:staff|agents|team|people|drivers?|engineers?)) (?:would|do|did|will) (?:never|not) (?:say|said|tell|promise|do) "
        r"(?:that|such|this)\b(?! again\b)|\bthat is not what (?:happened|we said|i said|they said)\b|\bi (?:doubt|find it hard to believe)\b"
        r"|\byou (?:are|were|must be) (?:wrong|mistaken|confused)\b|\byou (?:misunderstood|misheard|misread|got it wrong|are not listening|are not letting me)\b"
        r"|(?<!\bsorry , )(?<!\bsorry )\b(?:that|this) (?:is|was) not (?:true|correct|right)\b(?! (?:order|size|item|product|one|amount|charge|address|at all))"
        r"(?![^.!?]*\byou (?:should not|should never|deserve))"
        r"|\b(?:it is|that is) (?:a bit |very |quite |rather )?(?:odd|strange|unusual|surprising|hard to believe) (?:that )?you\b"
        r"|\bthere is nothing wrong with\b|\b(?:that|this|it) (?:can not|could not) (?:be right|have happened)\b"
        r"|\bno one else (?:has|had|is|was)\b|\bwe (?:have not|have never) had (?:any )?(?:other )?(?:complaints|problems|issues)\b"
        r"|\byou are the (?:only|first) (?:one|person|customer)\b"), "deny"),
    # the agent defending the company: emphatic "we did send", "according to our records", "to be fair"
    (rx(r"\b(?:we|it|they|the \w+|our \w+|this|that|i) did (?!not\b|you\b|we\b|i\b|it\b|they\b|so\b|too\b|the\b|a\b|your\b|"
        # emphatic "did" needs a verb after it: "the repair we did on 12 March" is a relative clause
        r"on\b|in\b|at\b|for\b|with\b|last\b|yesterday\b|earlier\b|before\b|then\b|there\b|here\b|today\b|back\b|when\b|"
        r"from\b|to\b|after\b|wrong\b|right\b|well\b|badly\b|properly\b|correctly\b|\d|"
        r"our\b|this\b|that\b|everything\b|anything\b|nothing\b|all\b|understand|apologize|appreciate|know|see|hear|want|"
        r"need|feel|care|hope|mean|like|love|agree|realize|recognize|get|sympathize|promise)[a-z]+"
        r"|\b(?:it|they|the \w+|our \w+|this|that) (?:does|do) (?!not\b)(?:go|send|notify|tell|inform|email|warn|arrive|work|test|"
        r"check|show|state|say|explain|mention|estimate|charge|apply|happen)\w*\b"
        r"|\b(?:the|our) (?:system|website|app|process|courier|computer|meter|network) (?:\w+ ){0,2}(?:sometimes|occasionally|"
        r"from time to time|now and then)\b|\b(?:refunds?|these things|things|deliveries|repairs|exchanges|claims) (?:can )?"
        r"(?:take|takes) (?:time|a while)\b|\b(?:nobody|no one|noone) 's fault\b|\bno one is to blame\b"
        r"|\b(?:happen|happens|go missing|goes missing|get lost|gets lost|get delayed) (?:sometimes|from time to time|occasionally|"
        r"now and then)\b|\b(?:call|contact|chase|sort|handle|ring|email|deal with) (?:it |them |this |that )?yourself\b"
        r"|\b(?:that|this|it) (?:is|was|counts as|looks like) (?:\w+ )?(?:accidental damage|user damage|misuse|wear and tear|"
        r"user error|customer damage|customer error)\b|\bi am not sure (?:who|what|how|why|where) you\b"
        r"|\baccording to (?:our|the) (?:records?|system|notes|terms|policy|tracking|logs?|account)\b|\b(?:to be fair|in fairness|"
        r"in our defen[cs]e)\b|\b(?:as|it is|this is|that is|which is) (?:clearly |plainly )?(?:stated|outlined|explained|written|"
        r"set out|mentioned|shown|listed) (?:in|on) (?:our|the|your)\b|(?<!\bwhen )(?<!\bnow )\bthe (?:terms|instructions|website|email|contract|confirmation) "
        r"(?:clearly |do |does )?(?:state|states|say|says|show|shows|explain|explains|mention|mentions)\b(?! (?:the next|a next|no|nothing|only)\b)|\bit (?:clearly )?says "
        r"(?:so |clearly |right )?(?:there|on)\b|\byou (?:agreed|accepted|consented|signed up|opted in|ticked)\b"
        r"|(?<!sorry )(?<!sorry that )\byou were (?:informed|advised|notified|warned|reminded|sent (?:an? |the |several |three |two |\d+ )?"
        r"(?:\w+ )?(?:emails?|texts?|letters?|reminders?|notices?|notifications?|messages?|confirmations?))\b|\bif you (?:had|would have) (?:not )?(?:\w+ )?"
        r"(?:\w+ed|told|sent|read|rung|done|let|kept|paid|chosen|gone|written)\b|\bhad you (?:\w+ed|told|sent|read|rung|done|let|kept)\b"
        r"|\b(?:we|they|i) (?:are|were|have been) (?:very |really |extremely |incredibly |so )?(?:busy|short staffed|swamped|"
        r"overloaded|stretched|inundated|snowed under)\b|\b(?:high|heavy|unprecedented) (?:call |order )?(?:volumes?|demand)\b"
        r"|\b(?:the|our) (?:courier|carrier|driver|manufacturer|warehouse|supplier|bank|post office|delivery (?:company|partner)|"
        r"third party|engineers?|technicians?|previous agent|last agent|other department)s? (?:is|are|was|were) (?:responsible|to blame|"
        r"at fault|the ones?)\b|\b(?:that|it) is (?:up to|down to|a matter for|for) (?:the|your) (?:courier|carrier|bank|manufacturer|"
        r"supplier|retailer|insurer|provider|post office)\b|\b(?:it|that) (?:was|is) not (?:me|my call|my decision|my doing)\b"
        r"|\bdo not blame me\b|\bi (?:was|am) not the one\b|\bnot my department\b|\bthat is not how (?:it|this|things) works?\b"
        r"|\bnot (?:me|my fault|my doing|my problem)\b|\b(?:did|does|was doing|were doing|tried) (?:his|her|their|our) best\b"
        r"|\b(?:says|said|claims|claimed|reported|shows) (?:that )?(?:they|he|she|the driver|the courier|the engineer|the technician) "
        r"(?:attempted|tried|knocked|called|came|delivered|left|rang)\b"
        # (not "it should have been fitted properly": that owns the fault)
        r"|(?<!should )(?<!ought to )(?<!could )(?<!would )\b(?:was|were|has been|have been) (?:done|carried out|made|set up|set|put|"
        r"built|sent|paid|taken|[a-z]+ed) "
        r"(?:properly|correctly|fine|to standard|as ordered)\b|\b(?:app|system|website|page|site|meter|service|line|router|network|"
        r"portal|product|item|phone|laptop) (?:is|was|are|were) (?:working|running) (?:fine|perfectly|properly|correctly|normally|ok)\b"
        r"|(?:(?<=s )|(?<=\bit )|(?<=\bthat )|(?<=\bthis ))(?:can )?(?:fail|break|go wrong|happen|get lost|go missing|arrive late|get delayed|"
        r"crack|leak) (?:sometimes|all the time|occasionally|from time to time|now and then)\b"
        r"|\b(?:works|worked) (?:fine|perfectly|ok|okay) (?:for|on) (?:me|my end|our end|my side|our side)\b"
        r"|\b(?:i am|we are) (?:only |just )?(?:doing (?:my|our) best|trying (?:my|our) best|trying to help)\b|\b(?:i am|we are) only here to help\b"
        r"|\b(?:that is|it is|this is) (?:just |simply )?(?:how|the way) (?:it|things|the \w+|our \w+|we) (?:is|are|work|works|goes|"
        r"operate|operates|do things)\b(?! (?:felt|been|seemed|looked|sounded|come|landed|feel)\b)|\brules are rules\b|\bpolicy (?:is|'s) policy\b|\bas per (?:our|the) (?:terms|policy|conditions|"
        r"contract|agreement)\b|\bi did not make the (?:rules|policy)\b|\bnot up to me\b|\babove my pay grade\b|\bnot my (?:call|job|"
        r"responsibility)\b|\bwrong department\b|\bnot like we did\b|\b(?:mistakes|accidents|delays|errors|these things|things) "
        r"(?:happen|do happen)\b|\b(?:it is|it was|it has been|we are having|we have had) (?:a )?(?:very |really |extremely )?"
        r"(?:busy|hectic) (?:day|week|period|time|month)\b|\b(?:a lot of|lots of|so many|hundreds of|loads of) (?:deliveries|calls|"
        r"customers|orders|jobs|claims|callers)\b|\b(?:the|my|our) (?:previous|last|other) (?:agent|colleague|advisor|adviser|person|"
        r"rep)\b(?= [^.?!]*\b(?:should not|was wrong|made a mistake|got it wrong|gave you wrong|misinformed)\b)"
        r"|\b(?:my|a) colleague (?:should not|was wrong|made a mistake|got it wrong|must have)\b"
        r"|\bwe (?:were|are|acted) (?:within|entitled|following|in line with)\b|\bwe followed (?:the|our) (?:process|procedure|policy|"
        r"rules|terms)\b|\bwe did (?:everything|nothing) (?:right|wrong|correctly|by the book)\b|\b(?:the|our|this|that|your) (?:charge|"
        r"fee|bill|payment|price|invoice|amount|renewal|estimate) (?:is|was|were) (?:correct|valid|accurate|right|legitimate|fair|"
        r"standard|due|owed)\b|\b(?:that|this|it) is the (?:correct|right|standard) (?:amount|charge|price|fee|procedure|process)\b"
        r"|\b(?:that|this|it) is (?:completely |perfectly |quite |pretty )?(?:normal|standard|usual|expected)(?: practice| procedure| "
        r"for \w+)?(?= [.!?,;]|$)|\bthere is no fault (?:on|with|in) (?:our|the)\b"), "deflect"),
    (rx(r"\b(?:because|since|as|so) you (?!(?:did not|never|do not|will not) (?:have|need) to\b)(?:did not|never|missed|forgot|chose|selected|ticked|agreed|signed|declined|opted|failed|"
        r"left|were not|ordered the wrong|gave)\b|\byou were (?:late|out|away|not in)\b|\b(?:the )?wrong (?:\w+ )?(?:was|were) "
        r"(?:ordered|entered|selected|chosen|picked|given|typed)\b"), "blame"),
    (rx(r"(?<!given )(?<!considering )\b(?:it is|it was|that is|it has) only (?:been )?(?:a|an|\d+|£|\$|one|two|three|a few|a couple|a small|a little)\b"
        r"|\bnot (?:a|such a) big deal\b|\bno big deal\b|\bnot the end of the world\b|\byou are (?:getting |being )?(?:overreacting|"
        r"shouting|yelling|worked up|aggressive|rude|dramatic|unreasonable|difficult|hysterical)\b|\b(?:do not|no need to) (?:overreact|"
        r"be so dramatic|get so worked up)\b|\bi do not see why you are\b|\bwhy are you (?:so )?(?:upset|angry|annoyed|worked up|"
        r"shouting)\b|\bthere is no reason to be (?:upset|angry|annoyed)\b|\byou are not the only\b|\bother (?:customers|callers|"
        r"people) (?:are )?(?:waiting|to deal with|to help|in the queue)\b|\blet us get on with it\b|\bmake it quick\b|"
        r"\bhurry up\b|\bget to the point\b|\bnobody else\b(?! 's)|\btake a (?:deep )?breath\b"
        r"|\bwhat (?:do|did) you (?:want|expect) (?:me|us) to do\b|\bwhat (?:else|more) do you want\b"), "belittle"),
    (rx(r"\bare you sure (?:you|that you|it|this)\b|\b(?:did|have) you (?:actually|really|even|not) (?:read|check|checked|see|seen|"
        r"look|looked|get|got|receive|received|try|tried|open|opened|follow|followed)\b|\b(?:that|this|it) (?:seems|sounds|is) "
        r"(?:very |highly |a bit |rather |quite )?(?:unlikely|implausible|suspicious)\b|\b(?:our|the) (?:records|system|notes|logs?) "
        r"(?:do not|does not|did not) (?:show|have|mention|say|record)\b|\b(?:we have|there is) no record (?:of|that)\b"
        r"|\bi can not (?:see|find) (?:any|a) record\b|\bare you (?:certain|positive)\b"), "deny"),
    # policing the caller politely: "I'd ask you to keep it civil", "there's no need for that language"
    (rx(r"\b(?:keep|keeping|kept) (?:it|this|things|the (?:conversation|call|language|tone)) (?:\w+ )?(?:civil|polite|respectful|calm|"
        r"professional|friendly|clean|courteous)\b|\bno (?:need|call) for (?:that|this|such|the|any) (?:\w+ ){0,2}(?:language|tone|attitude|"
        r"behaviou?r|rudeness|swearing|abuse|shouting|comments?|remarks?|talk)\b|\bthere is no call for (?:that|this)\b"
        # "I'll let the 'useless' comment go": passing over the insult out loud is still pointing at it
        r"|\blet (?:the|that|your|those) (?:\w+ ){0,3}(?:comments?|remarks?|words?|language|insults?) (?:go|slide|pass)\b"
        r"|\b(?:would|will|must|have to|need to|am going to have to|going to) ask (?:you )?(?:to|that you|that we) (?:please )?(?:keep|stay|remain|"
        r"be|stop|refrain|lower|calm|moderate|watch|mind|not)\b|\b(?:mind|moderate|watch) your (?:language|tone|words|manners)\b"
        r"|\brefrain from\b|\bif you (?:had|would have|would|could have) (?:just |only )?(?:calmed|stayed calm|kept calm|been calmer|"
        r"been (?:more )?patient|been (?:more )?polite|listened|let me (?:finish|speak|explain))\b"), "tone"),
    (rx(r"\bas i was (?:saying|explaining|trying to (?:say|explain))\b|\b(?:i|we) (?:have|had) (?:now |already )?(?:explained|said|told you) "
        r"(?:this|that|it) (?:twice|already|before|several times|three times|more than once|a few times)\b"), "repeat"),
    (rx(r"\blet me finish\b|\bif you (?:would |will )?(?:just )?let me (?:finish|speak|talk|explain|get a word)\b|\bplease listen\b"
        r"|\blisten to me\b|\bstop interrupting\b|\byou keep interrupting\b|\bcan i (?:just )?(?:finish|speak|get a word in)\b"
        r"|\bi do not appreciate\b|\bi (?:will not|am not going to) (?:tolerate|be spoken)\b|\byour (?:tone|attitude|language)\b"
        r"|\bthat kind of language\b|\bbeing (?:rude|abusive|aggressive)\b|\bbe (?:rude|abusive)\b"
        r"|\b(?:you will|you need to|please|just) (?:have to )?be patient\b"
        r"|\b(?:can|could|would|will) you (?:just |please |kindly )?(?:stop|be quiet|hold on a (?:second|minute|moment))\b"
        r"|\b(?:calling|swearing|shouting|insulting|hanging up|being rude)\b[^.?!]*\b(?:is not|was not|does not|did not|will not) "
        r"(?:really |exactly |actually )?(?:fair|helpful|help|necessary|nice|appropriate|acceptable|okay|ok|get)\b|\b(?:please )?(?:do not|never) (?:call|talk to|"
        r"speak to|swear at|insult|shout at|hang up on) (?:me|us|my colleague|our staff|the staff|anyone)\b"), "tone"),
    (rx(r"\byou (?:might|may) want to (?:check|make sure|read|look|double check|be more)\b"
        r"|(?<![^.!?;,] )(?:(?:please|just|so|now|then) )?(?:make sure|ensure|be sure|remember|do not forget) (?:that )?(?:you|to)\b|\bit (?:is|would be) (?:always )?"
        r"(?:best|important|wise|a good idea|worth) (?:that )?(?:you|to|if you)\b"
        # hindsight that takes in the customer: "it would help if you...", "...if we could both..."
        r"|\bit (?:helps|would help|may help|might help|will help|would be (?:easier|better|helpful)) if (?:you|we (?:\w+ )?both)\b"
        r"|\byou (?:will|may|might) (?:want|like|wish) to\b|\bwe (?:always )?(?:recommend|advise|suggest|ask) (?:that )?(?:you|customers|"
        r"all customers|people)\b|\byou will find (?:that )?(?:the|our|it|this)\b|\b(?:it )?(?:may|might|would|is) be worth (?:you )?\w+ing\b"
        r"|\bit is (?:always |usually )?worth (?:you )?\w+ing\b|(?<![^.!?;,] )(?:(?:just|so|now|then|maybe|perhaps|first) ,? )?"
        r"(?:try|resend|reinstall|restart|clear|reset|reboot) (?:\w+ing|it|them|the|your|a|again)\b(?![^.!?]*\bplease\b)"), "lecture"),
    # defending the company's record: the work was done right, the notice went out, the system is automatic
    (rx(r"\b(?:it|this|that|the \w+) (?:was|is) (?:all |clearly |right |already )?(?:in|on) (?:your|the) (?:\w+ )?(?:email|emails|terms|"
        r"contract|confirmation|letter|text|receipt|small print|faq|tracking)\b|\b(?:was|were) (?:\w+ )?(?:tested|working|fine|checked|processed|sent|correct|dispatched|packed)(?: \w+){0,4} (?:when|before) "
        r"(?:it|they|the \w+) left\b|\b(?:was|were|has been|have been) processed (?:on|at|from) (?:our|my) (?:side|end)\b"
        r"|\b(?:is|are|was|were) (?:generated |sent |produced |issued |done |run )?automatically\b|\b(?:is|are|was|were) (?:all |fully )?"
        r"automated\b|\b(?:we|it|they) (?:sent|shipped|delivered|supplied|charged) (?:you )?(?:the |exactly )?(?:right|correct) \w+"
        r"|\b(?:emails?|texts?|letters?|reminders?|notifications?|messages?) (?:went out|was sent|were sent|were issued|was issued)\b"), "deflect"),
    # contradicting the customer's account
    (rx(r"\b(?:we|i) can only go (?:by|on|off) what\b|\bas far as (?:we|i) (?:are|am) concerned\b"
        r"|\b(?:is|are|was|were) (?:usually|normally|often|probably|likely) (?:a )?(?:different|separate|new|unrelated) (?:fault|issue|problem)\b"), "deny"),
    # handing the problem to someone else
    (rx(r"\btake (?:it |that |this )?up with (?:your|the) \w+|\bbetween you and (?:the|your) \w+"
        r"|(?<!\bi )(?<!\bwe )(?<!\bwill )\b(?:go|goes) through (?:the|our) (?:\w+ )?(?:team|department)\b"
        r"|\b(?:is|are|was|were|gets|get) (?:all )?(?:handled|managed|run|done|dealt with|delivered|carried out) by (?:an? )?(?:outside|external|"
        r"third party|separate|different) (?:\w+ )?(?:courier|company|team|firm|contractor|partner|carrier|supplier)\b"
        r"|\b(?:not|never) (?:something|anything) (?:that )?(?:we|i) (?:have )?(?:any )?control\b|\b(?:we|i) have no control\b"
        r"|\btheir own (?:timescales?|rules|schedule|process|processes|system|policies|timeline)\b"
        r"|\b(?:they are|are|is) (?:\w+ )?(?:contractors|subcontractors|a third party|third parties|an outside company|a separate company)\b"
        r"|\b(?:are|is|were|was) (?:fully booked|completely booked|booked up|snowed under|inundated)\b|\b(?:a lot of|high|heavy|huge|"
        r"massive) demand\b|(?:(?<=s )|(?<=\bit )|(?<=\bthat )|(?<=\bthis ))(?:do |can |will )?(?:run late|happen|go wrong|get delayed|arrive late)(?: \w+){0,3} "
        r"(?:sometimes|occasionally|from time to time|now and then|on busy \w+|at busy \w+)\b|\blate deliveries (?:do )?happen\b"
        r"|\b(?:i am|we are) not (?:going to )?(?:sorry|apologiz\w*)\b|\b(?:i|we) (?:will not|do not|am not going to|are not going to) apologize\b"
        r"|\b(?:courier|carrier|warehouse|driver|supplier|manufacturer|bank|finance|team|department|contractors?|partner|engineers?|"
        r"technicians?|system)\b[^.!?]{0,40}, not (?:us|me|ours|our fault|our doing)\b|\b(?:it is|that is|it was|that was) (?:really |"
        r"actually |all |entirely )?their (?:fault|mistake|error|problem|responsibility|doing)\b"
        r"|\bsame as (?:my colleague|i|we|the last \w+|he|she|they) (?:said|told you|explained)\b"
        r"|\b(?:that|it|this) is (?:just |simply |only )?(?:the|our) (?:process|procedure|rules?|policy|system)(?= [.!?,;]|$)"), "deflect"),
    # talking down: presuming the customer agrees, calling them careless, minimising the wait
    (rx(r"\bas i am sure you (?:will |would |can )?(?:appreciate|understand|know|realize|are aware)\b|\bas you (?:should |will |must |"
        r"would )?(?:know|be aware)\b|\bas you are (?:no doubt )?aware\b|(?<!our )(?<!my )\bcareless(?:ness)?\b|\bclumsy\b"
        r"|\bonly (?:a few|a couple of|two|three|\d+) (?:days|weeks|hours|minutes) (?:ago|late)\b|\bnine times out of ten\b"
        r"|\b(?:can not|could not) keep (?:handing|giving|paying|doing|sending|offering)\b|\b(?:is not|is never) something (?:we|i) can keep\b"
        # brushing the problem off as normal
        r"|\b(?:mistakes|accidents|delays|errors|these things|things|late deliveries) (?:do |can )?happen\b"
        r"|\bit happens to (?:lots of|a lot of|many|plenty of|loads of|most) (?:people|customers|us)\b"), "belittle"),
    # the customer's part made the fault, or their account is doubted
    (rx(r"\bwrong (?:box|option|button|size|item|setting|colou?r|date|address) (?:(?:gets|get|got|was|were|is|being) )?(?:ticked|"
        r"selected|clicked|chosen|picked|entered|pressed)\b"
        r"|\b(?:the|your) (?:\w+ ){0,2}should have (?:gone|been (?:put|kept|stored|plugged|registered|unpacked|frozen|refrigerated|returned|"
        r"sent back|packed))\b|\b(?:something|it|they|the \w+) (?:must|may|might|could) have (?:happened to (?:it|them)|been (?:dropped|damaged|"
        r"knocked|mishandled|misused|broken|jolted|bumped|bashed|crushed|squashed|dented|cracked|bent|soaked|left out))\b"
        r"|\bwould have (?:told|shown|warned|informed|notified|reminded) you\b"
        r"|\bcutting it (?:a bit |rather |very )?(?:fine|close)\b|\bleft it (?:a bit |rather |very |too )?late\b"
        # hindsight: what the customer could have done, as the subject of "would have helped" (the gerund is checked
        # in blame_hits, so the pattern can start at its own words)
        r"|\b(?:would|could|might) (?:have )?(?:helped|saved you|avoided|prevented|been (?:better|safer|wiser|quicker|easier))\b"
        r"|\bshould have (?:ordered|booked|called|rung|contacted us|got in touch) (?:\w+ )?(?:earlier|sooner|before)\b"
        r"|\b(?:your|the) (?:staff|team|family|neighbou?r|partner|colleague)s? (?:who )?signed for\b"
        r"|\b(?:it|that|this) (?:could|might|may|must) (?:be|have been) (?:your|on your|at your|down to your) \w+"), "blame"),
    (rx(r"(?<!know )(?<!tell me )(?<!ask )(?<!wonder )(?<!whether )(?<!check )(?<!confirm )\bif you (?:really |actually |genuinely |did )?"
        r"(?:cancelled|canceled|sent|returned|posted|submitted|rang|called|ordered|paid|emailed|uploaded|handed)\b"
        r"|\bif you are (?:sure|certain|positive)\b"), "deny"),
    (rx(r"\b(?:there is )?no need to (?:call|speak to|talk to) (?:us|me|anyone)\b|\b(?:do not|please do not) (?:speak|talk) to (?:me|us) like that\b"
        r"|\bi need you to (?:stop|calm|listen|be quiet|let me|lower)\b|\b(?:we|i) (?:are|am) not (?:useless|incompetent|stupid|idiots|"
        r"an idiot|lying)\b"), "tone"),
    # polite-sounding orders: "Please send it back", "first thing is to restart the router", "could you do it once more?"
    (rx(r"(?<![^.!?;,] )(?:(?:just|so|now|then|first|ok|okay|and) ,? )?please (?:send|resend|complete|fill|bring|return|take|post|upload|"
        r"submit|go|visit|restart|reboot|reset|reinstall|try|switch|unplug|keep an eye|check your|wait|forward|"
        r"(?:call|ring|contact|email)(?! (?:me|us|back)\b))\b|(?<![^.!?;] )(?:(?:just|so|now|then|first|ok|okay) ,? )?(?:switch|unplug|turn|plug) "
        r"(?:it|the|your|them)\b|\b(?:the )?first (?:thing|step) (?:is|will be|would be) (?:to|for you to) (?:restart|reboot|reset|switch|"
        r"unplug|turn|check|try|send|resend|fill)\b"), "order"),
    (rx(r"\b(?:could|can|would) you (?:please |just )?(?:do|try) (?:it|that|this) (?:once more|again|one more time)\b"), "burden"),
    # the agent defending the company with the small print or the customer's own choice
    (rx(r"\b(?:we|i|the company) (?:can not|could not) (?:really )?be (?:blamed|held (?:responsible|accountable|liable))\b"
        r"|\bas (?:it )?(?:says|said|stated|states|is stated|was stated|set out|is set out|sets out|explained|outlined|shown|detailed|clearly stated) "
        r"(?:in|on) (?:our|the|your) (?:terms|conditions|t and cs|policy|contract|agreement|small print|fine print)\b"
        r"|\b(?:it|that|this|the \w+) (?:is|was) (?:still )?(?:technically )?within (?:the|our) (?:\w+ ){0,2}(?:delivery|dispatch|processing|"
        r"estimated|stated|quoted|published) (?:window|timeframe|time frame|period|times?)\b"), "deflect"),
    (rx(r"\b(?:it was|that was) you (?:who|that)\b|\byou were the one (?:who|that)\b|\bwith (?:all due )?respect ,"
        r"|\b(?:as )?you were (?:clearly |already )?(?:told|informed|advised|warned|made aware|notified) (?:at the time|at checkout|"
        r"when you (?:ordered|booked|signed|bought|paid)|in (?:the|our|your) (?:email|confirmation|terms|contract|letter))\b"), "blame"),
    # minimising what happened to the customer: "it's only a day late", "that's hardly a big delay"
    (rx(r"\b(?:only|just|merely|barely|not even) (?:a|an|one|two|three|\d+|a few|a couple of|a little|a bit|a short|half an?) "
        r"(?:\w+ )?(?:days?|hours?|minutes?|weeks?|nights?|bit|while|pounds?|charge|fee|delay) (?:late|overdue|behind|delayed|"
        r"longer|over|out|extra|more)\b|\b(?:only|just|merely) (?:a )?(?:small|minor|slight|tiny|little|short) (?:delay|wait|"
        r"charge|fee|amount|issue|problem|mistake|error|scratch|mark|dent)\b"
        r"|\b(?:that|it|this) (?:is|was) (?:hardly|not exactly|not really|not) (?:(?:a|that|any|such a) )?(?:big|huge|long|major|serious|"
        r"massive|significant) (?:deal|delay|wait|problem|issue|difference|inconvenience|amount|charge)\b"
        r"|\b(?:that|it|this) (?:is|was) (?:hardly|not exactly|not really|not) (?:that (?:long|late|bad|big|much)|the end of the world|"
        r"much of a)\b"
        r"|\bhardly (?:a|any|that) (?:big |huge |long |major |serious )?(?:delay|wait|problem|issue|deal|difference|inconvenience)\b"), "belittle"),
    # Who carries the obligation decides: any modal that puts the work on the customer ("you may need to",
    # "you might have to", "you could always try") is an order or a burden, whatever softens it
    (rx(r"\byou (?:may|might|could|will|would|probably|also|then|first) (?:well |also |still |just |then |first |probably )?"
        r"(?:need|have) to (?!do (?:is|anything|nothing)|worry|be (?:able|happy|glad)|say|wait|allow|expect|see|hear|give it|bear)[a-z]+"
        r"|\byou (?:could|can|might want to|may want to|might like to|may wish to|might wish to|could always|can always|might) "
        r"(?:always |just |also |then |perhaps |still )?(?:try|look (?:into|through)|go online|visit (?:our|the) "
        r"(?:website|site|web page|page|app|help|portal|faq))\b"
        r"|\b(?:so|instead) (?:, )?you (?:could|can|might|may) (?:always |just |also |perhaps )?(?:check|use|look at|ring|call|contact)\b"),
     "burden"),
    # a third party or the customer named as the cause ("it may be down to the driver", "the missed slot was on
    # their side"), the agent's own part denied ("the wait wasn't down to me"), or a process offered as the excuse
    (rx(r"\bdown to (?:the|their|a|your|another|an) (?:\w+ )?(?:courier|carrier|drivers?|warehouse|manufacturer|supplier|bank|"
        r"partner|contractor|depot|post office|third party|system|team|department|engineers?|technicians?|weather|traffic|app|"
        r"website|browser|settings|router|network|provider|insurer|retailer|seller|previous|other)\b"
        r"|\b(?:was|is|were|are) (?:really |actually |more |very much |probably |likely |entirely |squarely |all )?(?:on|at) "
        r"(?:their|the (?:\w+ )?(?:courier|carrier|driver|partner|warehouse|bank|supplier|"
        r"manufacturer|contractor|depot)(?: 's)?) (?:side|end)\b"
        r"|\b(?:is|was|were|are) not (?:down to|on|because of|the fault of) (?:me|us|our end|my end|our side|my side)\b"
        r"|\b(?:refunds?|it|this|that|they|these|claims?|requests?|payments?|exchanges?|returns?|everything|cancellations?) "
        r"(?:do |does |will |would |still |first |all |always )*(?:have|has|need|needs|must) to go through (?:finance|accounts|billing|"
        r"(?:the|our|a|their) (?:\w+ )?(?:team|department|process|system|checks?|finance|approval|procedure))\b"
        r"|\b(?:but|however)\b[^.!?]*\b(?:take|takes) (?:some |a bit of |a little )?(?:time|a while)\b"
        r"|\b(?:is|are) (?:a |the |our )?(?:standard|normal|usual|fixed|flat|set) (?:\w+ )?(?:charge|fee|price|rate|cost)\b"
        r"(?![^.!?]*\b(?:but|however|waive\w*|refund\w*|cover|i will|i have|i am|we will|we have)\b)"
        r"|\bwhat everyone (?:else )?(?:pays|gets|is charged)\b"), "deflect"),
    # the agent vouching for the company against the customer's account ("I can assure you we do")
    (rx(r"\b(?:i can |let me |i )(?:re)?assure you (?:that )?(?:we|our \w+|the \w+|they|nobody|no one|everyone|everybody|"
        r"someone) (?:do|does|did|was|were|have|has|always|never|all|really|certainly|definitely|take|read|care)\b"), "deflect"),
    # second-guessing what the customer tried: "Have you tried restarting it?", "did you check the app?"
    (rx(r"\b(?:have|did) you (?:already |definitely |actually )?(?:tried|try|checked|check|made sure|make sure|considered|"
        r"thought (?:about|of)|restarted|restart|rebooted|reboot|switched|switch|turned|turn|cleared|updated|looked)\b"
        r"(?= [^.!?]*\?)"), "doubt"),
    # taking the floor from the customer: "could I just stop you there", "sorry to interrupt"
    (rx(r"\b(?:stop|interrupt|cut) you (?:off |short )?(?:there|right there|for a (?:moment|second|minute|sec)|a (?:moment|second)|off)\b"
        r"|\bsorry (?:to|for) (?:interrupt|interrupting|cut in|cutting in|jump in|jumping in)\b"), "interrupt"),
    # advice for next time, with the customer as the one who should do better ("might be worth a try next time")
    (rx(r"\b(?:worth|tip|best to|better to|might want|may want|helps? to|works? better|tend to|tends to)\b(?:(?! (?:i|we) )[^.!?]){0,60}?"
        r"\b(?:for next time|next time|in future|in the future|going forward)\b(?![^.!?]*\b(?:i|we) (?:will|can|shall|am|are|would)\b)"),
     "lecture"),
    # the customer sent to complain to a third party, named or not ("raise it with them as well", "give them a ring");
    # with the agent as the subject it is the agent acting (checked in blame_hits)
    (rx(r"\b(?:raise|raising|take|taking|chase|chasing|pursue|pursuing|complain|complaining) (?:it |this |that |the matter |"
        r"a complaint |your complaint )?(?:up )?(?:with|to) (?:them|their \w+|the (?:\w+ )?(?:courier|carrier|driver|warehouse|"
        r"manufacturer|supplier|bank|partner|contractor|depot|post office|retailer|seller|insurer|provider))\b"
        r"|\b(?:give|giving) (?:them|the (?:\w+ )?(?:courier|carrier|driver|warehouse|manufacturer|supplier|bank|depot)) a "
        r"(?:ring|call|bell|shout)\b"
        # a third party as the one that has to act before the agent can ("the courier needs to close it first")
        r"|\b(?:the|their) (?:courier|carrier|driver|warehouse|manufacturer|supplier|bank|partner|contractor|depot|post office) "
        r"(?:needs|need|has|have|must|will need|will have) to\b"), "deflect"),
    # the failure explained by anyone's workload ("our technicians have been very stretched"), or a hard time shared out
    # (a busy phone line is a report, not an excuse)
    (rx(r"\b(?:we|they|(?:the|our|their) (?:\w+ ){0,2}?(?!lines?\b|phones?\b|numbers?\b)[a-z]+) "
        r"(?:are|were|is|was|have been|has been|had been) (?:\w+ )?"
        r"(?:busy|swamped|stretched|short staffed|understaffed|overloaded|inundated|overwhelmed|flat out|snowed under|under pressure)\b"
        r"|\b(?:a|an) (?:\w+ )?(?:tough|difficult|hard|rough|busy|hectic|crazy|mad) (?:week|month|period|time|day|few days|few weeks|"
        r"spell) for (?:everyone|everybody|us|all of us|the team|all)\b"), "deflect"),
    # the fault put on the customer's kit or on what customers in general get wrong, or the service said to work for others
    (rx(r"\b(?:works?|working|worked) (?:\w+ )?(?:for|on) (?:everyone|everybody|other|others|most|the majority|plenty of|lots of)\b"
        r"|\b(?:older|outdated|out of date|unsupported|old versions? of) (?:browsers?|phones?|devices?|versions?|routers?|"
        r"computers?|laptops?|tablets?|software|apps?|operating systems?)\b"
        r"|\b(?:may|might|could|probably|likely|must) (?:just |well |simply )?(?:be|have been) (?:a |an )?(?:\w+ )?"
        r"(?:browser|cache|cookies?|device|"
        r"settings?|wifi|wi fi|connection|phone|computer|laptop|user|setup|set up) (?:thing|issue|problem|fault|error)\b"
        r"|\b(?:customers|people|callers|users)\b[^.!?]{0,25}\b(?:pick|picks|choose|chooses|select|selects|click|clicks|tick|ticks|"
        r"enter|enters|type|types|order|orders|put|puts|get|gets|mix up|mixes up|press|presses) (?:\w+ )?(?:the )?wrong\b"), "hint"),
    # the work handed to the customer as the way forward: "the quickest route is for you to resend", "your best bet is
    # to ring them", "what you can do is go into the app"
    (rx(r"\b(?:best|quickest|easiest|fastest|simplest|only|usual|normal|next) (?:\w+ )?(?:route|way|option|bet|thing|step|fix|course)"
        r"(?: \w+){0,3} (?:is|would be|will be) for you to\b"
        r"|\byour (?:best|quickest|easiest|fastest|simplest|only|safest) (?:bet|option|route|way|move|course) (?:is|would be|will be) to\b"
        r"|\bwhat you (?:can|could|need to|should|will need to|would need to|will have to|might want to|may want to) do "
        r"(?:\w+ ){0,2}is\b"), "burden"),
    # the agent's need put as the customer's task: "what I need first is your name and postcode" ("what I need to do is"
    # is the agent's own task)
    (rx(r"\bwhat (?:i|we) (?:need|want|will need|would need|am going to need|are going to need)(?: first| from you| now| off you){0,2} "
        r"(?:is|are) (?:your|the|a|an|you|for you)\b"), "order"),
    # checking the customer's account of what they did ("double-check you're reading the right dial", "check that against
    # what you're saying") argues with it, however politely
    (rx(r"\b(?:could|can|would|will) you (?:please |just )?(?:double check|re check|recheck|check again)\b"
        r"|\b(?:double check|recheck|re check)(?:ing)? (?:that )?(?:you|your)\b"
        r"|\b(?:against|with) what you (?:are saying|say|said|are claiming|claim|claimed|are reporting)\b"), "deny"),
    # a dig about how the last call went: asking the customer to behave "this time"
    (rx(r"\b(?:stay|staying|remain|remaining|listen|listening|hear me out|hold on|hang on|let me (?:finish|speak|talk|explain)|"
        r"be patient|keep calm|stay calm) [^.!?]{0,25}\bthis time\b"), "lecture"),
    # the fault handed to someone else with a disclaimer ("the warehouse packed it, not us"), to a third party's
    # general failings ("they've been hopeless this month") or to a colleague's inexperience ("the lad on the desk
    # was new"), or excused as an accident ("a training thing rather than anything deliberate")
    (rx(r"\bnot (?:us|me|ours|mine)\b(?= [.!?;,]|$)"
        r"|\b(?:they|the (?:\w+ )?(?:couriers?|carriers?|drivers?|warehouse|depot|suppliers?|engineers?|technicians?|manufacturer|"
        r"factory|network|partner|contractors?)(?: company)?) (?:have been|has been|are|is|were|was) (?:\w+ )?(?:hopeless|useless|"
        r"terrible|awful|rubbish|shocking|a nightmare|a shambles|unreliable|all over the place)\b"
        r"|\b(?:lad|guy|girl|lady|chap|staff member|member of staff|colleague|agent|driver|engineer|technician|person|receptionist|"
        r"trainee) (?:\w+ ){0,6}(?:was|is) (?:brand new|new|still learning|still in training|in training|a trainee|inexperienced|"
        r"only new)\b|\brather than (?:anything )?(?:deliberate|intentional|on purpose)\b"
        # the business defended by what it is: "we're a family business doing our best"
        r"|\b(?:business|company|team|shop|firm|outfit|staff|people) (?:\w+ )?(?:doing|trying) (?:our|their|its) (?:very )?best\b"), "deflect"),
    # the customer's account disputed with the company's paperwork: "but our packing sheet says twenty went out"
    (rx(r"\b(?:records?|system|sheet|slip|notes|tracking|paperwork|logs?|manifest|screen|list) (?:says|say|shows|show|states|"
        r"has|have|records|confirms|confirm) (?:that )?(?:\w+ ){0,4}(?:went out|was sent|were sent|was delivered|were delivered|"
        r"arrived|was packed|were packed|was dispatched|were dispatched|was fitted|was completed|was received|were received|"
        r"was left|were left|was loaded|were loaded)\b"), "doubt"),
    # goodwill held over the customer: "we can't do that every time the van's late"; an insult answered in kind:
    # "there's no need for that"
    (rx(r"\b(?:can not|will not|do not|are not going to) (?:\w+ )?(?:do|give|offer|keep \w+) (?:a |an )?(?:that|this|it|one|vouchers?|"
        r"refunds?|credits?) every time\b|\bthere is no (?:need|call) for (?:that|this)(?= [.!?;,]|$)"), "lecture"),
    # the fault placed elsewhere by where it happened ("a picking error at our third-party warehouse", "the mistake
    # happened there", "on the warehouse side"), by what else is to blame ("their backlog rather than anything we
    # did", "down to wifi interference rather than our line"), by the staff's pressures or by a guess at a colleague's
    # slip ("the front desk may not have processed it")
    (rx(r"\b(?:error|mistake|fault|slip|mix up) (?:at|by|with|from) (?:(?:the |a |their )?(?:third party |external |partner )?|our "
        r"(?:third party|external|partner) )(?:warehouse|courier|carrier|depot|supplier|manufacturer|partner|factory)\b"
        r"|\b(?:mistake|error|fault|mix up) (?:happened|was made|occurred) (?:there|at their end|on their (?:side|end)|with them)\b"
        r"|\bon the (?:\w+ )?(?:warehouse|courier|supplier|depot|manufacturer|factory|carrier) (?:side|end)\b"
        r"|\brather than (?:anything|something) (?:we|i) (?:did|have done|had done)\b"
        r"|\brather than (?:our|the) (?:line|network|service|system|product|engineers?|team|staff|equipment|repair|work)\b"
        r"|\b(?:is|are|were|was|have been|has been) under (?:a lot of |so much |huge |real |heavy |a great deal of )?pressure\b"
        r"|\b(?:not something|nothing) (?:we|i) (?:can|could) (?:control|help)\b"
        r"|\b(?:the (?:\w+ )?(?:desk|team|warehouse|depot|office|staff|driver|engineer|technician)|they|he|she) (?:may|might|must) "
        r"(?:not|never) have (?:processed|done|put|entered|actioned|logged|passed|recorded|updated)\b"
        r"|\b(?:usually|normally|often|generally|typically|probably|most likely) (?:down to|caused by|due to) (?:\w+ ){0,2}(?:wifi|"
        r"wi fi|interference|your|the house|the home|user|customer)\b"), "deflect"),
    # a formal notice that cites the rules at the customer: "please be advised that refunds are processed within 30
    # working days", "kindly note the tracking page can take 48 hours"; good news so announced is not one. It defends
    # the company without scolding, so it costs no_blame but not the tone of a reply that is otherwise courteous
    (rx(r"\b(?:please be advised|kindly note)\b(?! (?:that )?(?:i|we) (?:have|will|am|are|would)\b)"
        r"(?! (?:that )?your (?:\w+ )?(?:refund|credit|replacement|compensation|voucher) (?:has|will|is)\b)"), "notice"),
    # the customer's account doubted: checking it before acting on it ("I'll need to check with the warehouse that only
    # ten sacks were delivered before I can change the invoice"), "apparently", a card they should look for
    (rx(r"\b(?:check|verify|confirm|investigate) (?:with (?:the |our )?\w+ )?(?:that|whether|if) [^.!?]{0,60}\bbefore (?:i|we) "
        r"(?:can|will) (?:credit|refund|change|amend|replace|reimburse|do anything|send|adjust)\b"
        r"|\bapparently\b|\b(?:check|see|look) (?:whether|if) (?:a|the|any) (?:\w+ )?(?:card|note|slip) (?:was|has been) "
        r"(?:left|put)\b"
        r"|\b(?:records?|system) (?:does |do )?(?:still )?(?:shows?|has|have|lists?) (?:the \w+|it|them|your \w+) as (?:complete|"
        r"delivered|sent|fitted|done|received|dispatched|fulfilled|active|live|open|valid|paid)\b"
        r"(?![^.!?]*\bbut (?:that is|it is|this is) (?:a |an |our |my )?(?:mistake|error|fault)\b)"
        r"|\b(?:recorded|logged|marked) (?:the \w+|it|them|your \w+) as (?:complete|delivered|sent|fitted|done|received|"
        r"dispatched|fulfilled)\b"
        r"|\b(?:sheet|report|depot|warehouse|driver|courier) (?:says|shows|states|records|confirms) (?:that )?(?:\w+ ){0,4}"
        r"(?:were|was) loaded\b|\b(?:report|records?|notes) (?:says|shows|show|say|states) (?:that )?(?:\w+ ){0,3}passed (?:all |every )?"
        r"(?:the |its |our )?(?:tests|checks)\b"
        r"|\bsomething (?:may have |might have |must have |could have )?happened (?:to it )?(?:in transit|at home|on the way|at your end)\b"
        r"|\b(?:sometimes|often|a lot of|many|plenty of) (?:people|customers|users) (?:miss|forget|skip|overlook)\b"), "doubt"),
    # the work handed back: self-service ("you can keep an eye on the website"), the redo ("if you can resend them"),
    # a third party's number "so you can sort it with them"
    (rx(r"\byou (?:can|could|might want to|may want to) (?:keep an eye on|keep checking|check back on|watch|refresh) (?:the|our) "
        r"(?:website|app|site|portal|tracking)\b|\byou (?:might|may) want to check (?:the|your|our) (?:app|website|meter|router|"
        r"settings)\b|\b(?:if you can|if you could|you can|you could) (?:please |just )?(?:resend|re send|resubmit|"
        r"re submit|reupload|re upload|reapply|re enter|redo)\b"
        r"|\bgive you (?:the|their) [^.!?]{0,30}(?:number|details|email|contact)\b[^.!?]*\bso (?:that )?you can\b"), "burden"),
    # advice on the customer's own set-up in answer to a fault: "your router should be placed away from other devices"
    (rx(r"\byour (?:\w+ )?(?:router|device|phone|machine|laptop|equipment|meter|boiler) (?:should|must|needs to) be (?:placed|kept|"
        r"positioned|plugged|moved|installed|stored|turned)\b"), "lecture"),
    # the customer told to keep calm, or to let the agent speak
    (rx(r"\b(?:try to |try and |please |just )(?:stay|keep|remain) calm\b"
        r"|\b(?:i|we) (?:do |really |just )?need you to (?:let me (?:speak|finish|talk|explain)|listen|calm|stop|be quiet|hold on)\b"),
     "tone"),
    # the fault placed outside: "not from our side", "not the fault of customer service", "it's really down to them",
    # "the engineers aren't even ours", "it's the same for all customers", "the courier company failed"
    (rx(r"\bnot (?:from|on) our (?:side|end)\b|\bnot the fault of (?:customer service|our (?:\w+ )?(?:team|staff|department)|us|me)\b"
        r"|\b(?:it is|that is|this is) (?:really |all |entirely |just )?down to (?:them|their \w+)\b|\bnot (?:even )?ours\b(?= [.!?;,]|$)"
        r"|\b(?:the same|standard) for (?:everybody|everyone|all (?:our )?customers|every customer)\b"
        r"|\b(?:can not|could not) (?:answer|speak|vouch) for (?:what|the) (?:\w+ )?(?:other|previous|last|another)\b"
        r"|\bthe (?:\w+ )?(?:courier|carrier|delivery)(?: company| firm)? failed\b"
        r"|\b(?:page|site|website|app|system|portal|link) (?:works|is working|is fine|works perfectly) ?(?:fine|perfectly|ok|okay)?"
        r"(?= [.!?;,]|$)"), "deflect"),
    # a guess that the customer slipped ("maybe the 11 was selected by accident"), a dig about the hang-up ("which
    # doesn't really help anyone"), a lesson in prevention ("a screen protector is recommended exactly for this reason")
    (rx(r"\b(?:was|were) (?:selected|chosen|picked|clicked|ordered|entered|typed) by (?:accident|mistake)\b"
        r"|\b(?:screen protector|protective case|case|cover|insurance|protection plan) (?:is|was|are) (?:\w+ )?recommended\b"), "blame"),
    (rx(r"\bwhich (?:does not|did not) (?:really )?help (?:anyone|anybody|matters|things|either of us|us)\b"), "hint"),
    # the work handed back before the agent will act: "if you could pop the 44 back in the post, then as soon as it's
    # back we'll...", "what I'm going to need is if you could email us a screenshot", "if you could send them over again"
    (rx(r"\bif you could (?:just )?(?:pop|send|post|return|bring|drop) (?:the |it |them |your )?(?:\w+ ){0,2}back\b[^.!?]*"
        r"\b(?:then|once|as soon as|when)\b"
        r"|\bwhat (?:i|we) (?:will|am going to|are going to|am gonna|are gonna) need (?:is )?(?:for you to|if you could|you to|from you)\b"
        r"|\bif you (?:can|could) (?:please |just )?(?:send|forward|upload|submit|email|post) (?:\w+ ){0,4}(?:again|once more|"
        r"one more time)\b"), "burden"),
    # the caller told to ease off or to let the agent speak: "go a bit easy on the 'useless'", "please let me speak now"
    (rx(r"\bgo (?:a bit |a little )?easy on\b|\bplease let me (?:speak|talk|finish|explain)\b|\b(?:stop|be quiet) and listen\b"),
     "tone"),
    # the customer told to do it right ("please make sure you're submitting readings correctly"), sent to the help
    # pages, or told where mistakes usually come from ("sizing errors are most often caused by selection at checkout")
    (rx(r"\bmake sure (?:that )?you (?:are |were |have )?(?:\w+ ){0,4}(?:correctly|properly)\b"
        r"|(?:caused by|due to|down to) (?:\w+ ){0,2}(?:selection|customers?|users?|incorrect)\b"), "hint"),
    (rx(r"\bsee our (?:faq|help|website|online)\b|\b(?:request|ask) (?:that )?you (?:to )?(?:wait|be patient|allow)\b"
        r"|\bsummary of (?:the|your) (?:issue|problem|complaint)\b"), "burden"),
    # rules, capacity and ownership as the reason: "in accordance with our policy", "engineer availability is limited",
    # "the courier isn't run by us"
    (rx(r"\b(?:in accordance with|in line with) (?:our|the) (?:policy|terms|procedure|process)\b"
        r"|\b(?:availability|capacity|stock|slots?) (?:is|are) (?:\w+ )?(?:limited|restricted|low|scarce)\b"
        r"|\b(?:not|never) (?:run|owned|operated|managed) by us\b"), "deflect"),
    # the account disputed by the agent's own reading ("the invoice on our side looks right to me"), the story waved
    # through ("I've got the gist")
    (rx(r"\b(?:looks|seems|is) (?:right|correct|fine|ok|okay) (?:to me|to us|on our side|from our side|from here|our end)\b"), "deny"),
    (rx(r"\bgot the gist\b"), "belittle"),
    # the caller asked to mind the agents' feelings: "bear in mind that our agents are people too"
    (rx(r"\bbear in mind that (?:our|the|my) (?:\w+ )?(?:agents|staff|team|colleagues|advisers|advisors|people)\b"
        r"|\b(?:are|is) (?:people|human) too\b|\bnot a (?:helpful|nice|fair|kind) (?:word|thing to say)\b"), "tone"),
    # the problem left to fix itself: "double charges normally drop off on the next bill"
    (rx(r"\b(?:normally|usually|should|will|often) (?:just )?(?:drop off|fall off|disappear|vanish|go away)\b"), "deflect"),
]
# the customer told they won't have to do it: "not something for you to chase", "you won't need to call the courier"
_SPARED = rx(r"(?:\bnot (?:something |one |a job |for you )?(?:for you )?to|\bnot (?:something|one|a job) you (?:should |would |will |ought to )?(?:have|need) to|\byou (?:do not|will not|should not|shall not) (?:need|have) "
             r"to|\bno need (?:for you )?to|\bwithout you having to|\bso you do not have to|\brather than you having to)"
             r"(?: (?:\w+ ){0,2})? $")
_ORDER_EXEMPT = rx(r"(?:\b(?:comes|crops|pops|turns) up ,|\ball|everything|what|anything|if|whatever|when|whenever|case|only thing|sorry|sorry that|"
                   r"apologize that|shame that|hate that|unfair that|wrong that|shame|unless|before|so that|the moment|why|do|"
                   r"nothing|how much|as soon as) $")
_BLAME_ADVICE = {
    "blame": "points at something the customer did or didn't do",
    "hint": "hints that the fault lies with the customer's side",
    "lecture": "lectures the customer about next time, as if the failure were theirs",
    "burden": "hands the work back to the customer",
    "deflect": "pushes the problem onto someone else",
    "order": "orders the customer about",
    "tone": "polices the customer's tone",
    "repeat": "sounds impatient (\u201cas I said\u201d)",
    "belittle": "talks down to the customer",
    "deny": "argues with the customer's account",
    "doubt": "second-guesses what the customer already tried",
    "interrupt": "cuts the customer off mid-story",
    "notice": "cites the rules at the customer instead of dealing with their problem",
}


# one pattern per kind: the families are listed apart for reading, searched together for speed
_BLAME_BY_KIND = []
for _kind in dict.fromkeys(k for _p, k in BLAME):
    _BLAME_BY_KIND.append((rx("|".join(p.pattern for p, k in BLAME if k == _kind)), _kind))


# the customer's words reported back without quotation marks ("you said nobody answered", "you were told to calm
# down") are still theirs, or what was done to them: the agent is not saying it
_REPORTED = rx(r"(?:\byou (?:have |had )?(?:just )?(?:said|say|told (?:me|us)|mentioned|explained|described|wrote|put it|were told|"
               r"have been told|got told|were asked|heard)(?: (?:that|how|me|us))?|\bas you (?:have )?(?:said|mentioned|explained|put it) ,)"
               r"(?: (?!(?:but|and|so|because)\b)[^ .,;!?]+){0,4} $")


# the agent as the subject: "I'll take it up with the courier myself" is the agent acting, not a hand-off
_AGENT_SUBJECT = re.compile(r"\b(?:i|we) (?:(?:will|can|could|would|shall|am|are|going|to|also|then|now|personally|just|happily|"
                            r"gladly|need|have|want|be|happy|glad|first) ){0,4}$|\blet (?:me|us) $")
_AGENT_VERB = re.compile(r"(?:take|taking|raise|raising|chase|chasing|pursue|give|giving|double check|recheck|re check|stay|remain|"
                         r"listen|hold on|hang on|keep calm|stay calm|be patient)\b")
# a clause under "sorry (that) you..." or straight after "sorry" ("sorry nobody picked up the notes") describes what
# happened to the customer; a "but" starts another clause
_SYMPATHY = re.compile(r"\b(?:sorry|apologi[sz]e|shame|unfair|hate) (?:that )?(?:(?:you|your)\b(?:(?! but | however )[^.;!?])*)?$"
                       r"|\b(?:sorry|apologi[sz]e)\b(?:(?! but | however )[^.;!?]){0,50} and that $")
# an imperative that leaves the timing to the customer is a permission, not an order: "send the 44 back whenever it suits"
_AT_LEISURE = re.compile(r"[^.!?;]*\b(?:whenever|in your own time|no rush|when it suits|at your convenience|at your leisure|"
                         r"when you are (?:next )?passing|next time you are passing|if you like|if you prefer)\b")
_AT_CUSTOMER = frozenset(("blame", "hint", "deny", "order", "burden", "lecture", "doubt"))
_HINDSIGHT = re.compile(r"(?:would|could|might) (?:have )?(?:helped|saved you|avoided|prevented|been)\b")
_GERUND_BEFORE = re.compile(r"\b\w+ing (?:[a-z0-9']+ ){0,4}$")


def blame_hits(doc: Doc) -> list:
    got = doc.cache.get("blame")
    if got is not None:
        return got
    out = []
    for pattern, kind in _BLAME_BY_KIND:
        for a, b, t, k in find(doc, pattern):
            if _REPORTED.search(doc.s[max(doc.sentences[k].lo, a - 60):a]):
                continue
            if kind in ("deflect", "doubt", "deny", "lecture") and _AGENT_VERB.match(doc.s, a) and _AGENT_SUBJECT.search(before(doc, a, 50)):
                continue  # "I'll raise it with them", "once I double-check your order": the agent doing it
            if kind in _AT_CUSTOMER and _SYMPATHY.search(before(doc, a, 60)):
                continue  # "I'm sorry you feel you've been given the runaround": said for the customer, not at them
            if kind == "blame" and _HINDSIGHT.match(doc.s, a) and not _GERUND_BEFORE.search(before(doc, a, 50)):
                continue  # "ordering earlier would have helped" is hindsight about the customer; "that would have helped" is not
            if kind in ("blame", "hint", "order", "burden") and doc.negated(t, 3):
                continue
            if kind == "deflect" and _SPARED.search(before(doc, a, 40)):
                continue  # "that's our job, not something for you to chase with the courier"
            if kind == "blame" and doc.s[a:b].startswith("your") and doc.negated(t, 3):
                continue
            if kind in ("order", "burden"):
                if _ORDER_EXEMPT.search(before(doc, a, 24)) or re.match(r"\byou (?:need|have) to (?:do|worry|be)\b", doc.s[a:b + 6]):
                    continue
                if kind == "order" and (doc.sentences[k].question or _AT_LEISURE.match(doc.s, b)):
                    continue  # "could you tell me...?" asks; a request to redo something ("...again?") is still a burden
            out.append((a, b, t, k, kind))
    out.sort()
    doc.cache["blame"] = out
    return out


@register("no_blame", "No blame or defensiveness", "alternatives-and-follow-through")
def no_blame(doc: Doc, params: dict, context) -> object:
    """Met unless the reply blames, defends, deflects, belittles or orders the customer about.

    Families: blame ("you should have", "you didn't read", "you must have
    clicked", "your fault"); deflection and defence ("not our fault", "you'll
    have to call the carrier", "the technicians are really busy", "it was
    tested and working when it left us", "the reminder emails went out", "I
    won't apologise, they're contractors"); ordering ("you need to", "you
    must", "Please send it back", "first thing is to restart the router");
    tone policing ("calm down", "I'd ask you to keep it civil", "there's no
    need for that language"); impatience ("as I already said", "as I was saying");
    hand-offs ("you'll want to contact your bank", "that's one for the courier");
    belittling ("obviously", "it works fine for everyone else", "as I'm sure
    you'll appreciate", "mistakes happen", "it's only a day late", "that's
    hardly a big delay"); citing the small print or the customer's own choice
    ("as it says in our terms", "it's still within the delivery window", "it
    was you who chose", "you were told at the time"); and denial or doubt ("no one here
    would have said that", "if you cancelled on the 28th"). Who carries the
    obligation or the cause decides, whatever softens it: any modal that puts
    the work on the customer ("you may need to", "you could always try"), a
    third party named as the cause ("down to the driver", "on their side"), a
    process offered as the excuse ("has to go through finance"), vouching for
    the company ("I can assure you we do"), second-guessing what the customer
    tried ("have you tried restarting it?"), cutting them off ("could I stop
    you there") and tips for next time. The same holds for wording nobody has
    listed: the customer sent to a third party ("raise it with them"), the way
    forward made the customer's job ("the quickest route is for you to..."),
    anyone's workload as the excuse, the customer's kit or what customers
    usually get wrong as the cause, checking the customer's account ("check
    that against what you're saying"), a dig about the last call ("stay on the
    line this time") and a problem left to fix itself. Who is the
    subject decides: the agent's own promise ("I'll make sure you get it
    back") and negated or sympathetic forms ("it's not your fault", "you
    shouldn't have to", "all you need to do is", "I'm sorry you've had to")
    are fine, and so are the customer's own words reported back ("you said
    nobody answered"). Articles 000 and 002: never defend, order, belittle or argue.
    """
    key = "no_blame"
    hits = blame_hits(doc)
    if not hits:
        return found(key, True, "No blame, excuses or orders: the reply stays on the customer's side of the problem.")
    a, b, t, k, kind = hits[0]
    ex = doc.excerpt(doc.span_of(a, b), 50)
    return found(key, False, f"\u201c{ex}\u201d {_BLAME_ADVICE[kind]}, which makes the customer defend themselves "
                             "instead of working with you. Drop it and say what you will do; if the customer needs to do "
                             "something, offer it as help (\u201cit may help to\u2026\u201d, \u201cif you can, please\u2026\u201d).",
                 [doc.span_of(h[0], h[1]) for h in hits])


COLD = rx(
    r"\bwhatever\b(?! (?:you|it|we|is|i|works|suits|time|day|the|they|option|date|happens|else|way|your|is best|we can)\b)"
    r"|\bthat is (?:just |simply )?(?:how|the way) (?:it is|things are|it works|it goes|(?:the|our) (?:\w+ ){1,2}(?:works?|goes|is|are))\b"
    r"(?! (?:felt|been|seemed|looked|sounded|come|landed|feel)\b)|\bit is what it is\b|\bdeal with it\b"
    r"|\bi do not know what (?:else )?(?:to tell you|you want)\b|(?<![^.!?] )next (?:[!.]|$)|\bas per (?:our |the |company )?policy\b"
    r"|\bper my last\b|\btake it or leave it\b|\bend of (?:story|discussion)\b|\btoo bad\b|\btough luck\b|\bnot my problem\b"
    r"|\bnothing (?:more|else) to (?:discuss|say)\b|\bif you do not like it\b|\bwhat do you (?:expect|want) (?:me|us) to do\b"
    r"|\bwhat (?:else |more )?do you want (?:from me|me to)\b|(?<![^.!?] )look ,|\bno big deal\b|\bit is not a big deal\b"
    + "".join(rf"|\b{w} ,? {w}\b" for w in ("yes", "ok", "okay", "right", "sure", "fine", "i know", "i hear you", "i see", "yeah",
                                             "alright"))  # "yes, yes": written out so each can be indexed by its word
    + r"|\bwhat is it (?:that )?you want\b|\bwhat (?:is|was) it you (?:want|need)\w*\b|\bi already told you\b"
    r"|(?<![^.!?] )anyway ,|\bfine , whatever\b|\bif you want\b(?! (?:me|us) to\b)|\b(?:that|it|this) is (?:just |simply )?(?:the|our) "
    r"(?:process|procedure|rules?|policy|system)(?= [.!?,;]|$)|\b(?:that|it) is (?:just |simply )?not something (?:we|i) do\b"
    r"|\bthat is what you get\b|\bas far as (?:we|i) (?:are|am) concerned\b|(?<![^.!?] )fine [.!]"
)
FILLER = rx(r"(?<![^.!?] )(?:uh huh|uh|um|erm|hmm|mm|mhm|right|okay|ok) [.!,]")
# blame kinds that set the tone whatever else the reply says: scolding, talking down, arguing
# a form letter's impersonal wording: "Dear Customer", "we acknowledge receipt of your complaint", "do not reply"
_IMPERSONAL = rx(r"^dear (?:customer|member|valued customer|sir or madam)\b|\b(?:we|i) acknowledge receipt\b"
                 r"|\bdo not reply to this\b")
_SCOLDING = frozenset(("blame", "tone", "repeat", "belittle", "deny"))
# a defence, an order or a flat "no" (bare_refusals) is cold when nothing else in the reply is warm
_COLD_WITHOUT_WARMTH = frozenset(("deflect", "order", "burden", "doubt", "interrupt", "hint"))
_LEAD_CONTRAST = re.compile(r"^(?:although|though|while|whilst) ")  # "Although I understand X, ..." acknowledges X
_CONTRAST_CUT = re.compile(r"\b(?:but|however|although|though|yet)\b")
_PERSONAL = frozenset("i we you your me us my our yours ours".split())
_CAPS_RUN = re.compile(r"[A-Z]{3}")


_HEDGE = re.compile(r"\b(?:may|might|could|can|perhaps|maybe|possibly|probably|likely|sometimes)\b")


def _hedged_aside(doc: Doc, h: tuple) -> bool:
    """A blame hit that guesses at a cause in the third person: hedged, with no "you"/"your" in its clause, and not
    hindsight about what the customer did ("ordering earlier would have helped")."""
    a, b, _t, k, _kind = h
    sent = doc.sentences[k]
    lo, hi = doc.s.rfind(";", sent.lo, a), doc.s.find(";", a, sent.hi)
    lo, hi = sent.lo if lo < 0 else lo + 1, sent.hi if hi < 0 else hi
    first = first_index(doc)
    # the hit's own "your" ("some went to the wrong bay at your end") places the guess; it doesn't address the customer
    placed = doc.s.startswith(("on your", "at your"), a)
    if any(lo <= p < hi and not (placed and a <= p < b) for w in ("you", "your") for p in first.get(w, ())) \
            or _HINDSIGHT.match(doc.s, a):
        return False
    return bool(_HEDGE.search(doc.s, lo, hi))


def _has_warmth(doc: Doc) -> bool:
    """A genuine apology, ownership, thanks for something, or an acknowledgement beyond a bare "I understand"."""
    if any(a[4] and a[5] is None for a in apologies(doc)) or ownerships(doc) or find(doc, THANKS_ANY):
        return True
    strong, _weak = ack_sentences(doc)
    hostile: dict = {}
    for x in blame_hits(doc) + refusals(doc):
        hostile[x[3]] = min(hostile.get(x[3], x[0]), x[0])
    acks = None
    for k in strong:
        lo, hi = doc.sentences[k].lo, doc.sentences[k].hi
        if k in hostile:
            # "I understand you cancelled on the 28th, but our records show...": the acknowledgement before the
            # defence still names what happened to the customer; one that only comes after it does not soften it
            hi = hostile[k]
            if acks is None:
                acks = find(doc, ACK_FRAME)  # a frame, not a bare "sorry": "Sorry to say there's nothing..." is no softener
            if not any(m[3] == k and m[0] < hi for m in acks):
                continue
        # what comes before a "but" is all the acknowledgement there is: "Ok, I understand, but..." is bare
        lead = _CONTRAST_CUT.split(_LEAD_CONTRAST.sub("", doc.s[lo:hi], 1), 1)[0].strip()
        if lead and not GENERIC_ACK.match(lead):
            return True
    return False


_ACRONYMS = frozenset(
    "ASAP UPS DHL DPD USPS TNT USB SMS MMS PDF VAT FAQ ETA EOD COB SIM PIN URL API GPS DVD IBAN UK USA EU CEO HR NHS "
    "ATM VIP RMA SKU POS ISP WIFI TV OK AM PM BST GMT EST PST IT ID FEDEX HDMI LCD LED SSD RAM CPU MOT PAYE ISA BACS "
    "CHAPS SWIFT IOS ECO XL XXL XS".split()
)


@register("tone", "Warm, professional tone", "professional-and-listening",
          min_words=int_param(1, 1000, 25), max_words=int_param(10, 5000, 180))
def tone(doc: Doc, params: dict, context) -> object:
    """Met unless the reply is too short, too long, shouting or cold.

    Too short: fewer than ``min_words`` (default 25) words reads as curt. Too
    long: more than ``max_words`` (default 180) buries the fix. Shouting: two
    or more all-capital words of three letters or more (acronyms and the
    customer's own capitalised names excepted), or "!!" (exclamation marks
    inside quotation marks are the customer's). Cold or curt
    phrasing: "whatever", "that's just how it is", "deal with it", "I don't
    know what to tell you", "next", "as per policy", "per my last", "yes,
    yes", "if you want", "that's the process" and the like. Scolding, talking
    down or arguing (the no_blame families other than defence and orders) is
    cold whatever else the reply says, except a hedged guess at the cause said
    in the third person ("it may have been knocked in transit"), which is blame
    but not a telling-off; that, a defence, an order or a bare refusal
    is cold when nothing in the reply is warm (no genuine apology, ownership,
    thanks for something, or acknowledgement beyond a bare "I understand"; an
    acknowledgement of what happened that comes before the defence in the same
    sentence counts, a bare "sorry to say" does not).
    A reply with no "I", "we" or "you" at all reads as case notes. Within the
    bounds, length never raises the score.
    Article 000: sounding cold or uncaring is one of the four missteps; 001:
    behave professionally and don't rush the caller.
    """
    key = "tone"
    lo, hi = params["min_words"], params["max_words"]
    if lo > hi:
        lo, hi = hi, lo
    # words as the learner sees them, split at spaces ("the 11s" is two words, a dash none), as the bounds are stated
    n = len(doc.text.split())
    prof = profile(context)
    caps = []
    if _CAPS_RUN.search(doc.text):  # most replies have no capitalised word at all: skip the token walk
        customer_caps = prof.raws
        caps = [t for t in doc.tokens if t.kind == "w" and len(t.raw) >= 3 and t.raw.isupper() and t.raw.isalpha()
                and t.raw not in _ACRONYMS and t.raw not in customer_caps and not t.quoted]
    caps_spans = sorted({(t.start, t.end) for t in caps})
    # exclamation marks inside quotation marks are the customer's, quoted back to them
    own = [t for t in doc.tokens if t.norm == "!" and not t.inq] if "!" in doc.text else []
    runs: list = []
    for t in own:
        if runs and runs[-1][1] == t.start:
            runs[-1][1] = t.end
        else:
            runs.append([t.start, t.end])
    bangs = [(a, b) for a, b in runs if b - a >= 2]
    if len(caps_spans) >= 2 or bangs or len(own) >= 3:
        spans = caps_spans + bangs
        what = "capitals" if len(caps_spans) >= 2 else "exclamation marks"
        return found(key, False, f"The {what} read as shouting. Write in sentence case with full stops; let the words "
                                 "carry the warmth.", spans)
    own = doc.s.split(" ")   # the reply's tokens, with the words it quotes masked
    personal = _PERSONAL.intersection(own)
    if not personal or personal == {"you"} and own.count("you") == f" {doc.s} ".count(" thank you "):
        return found(key, False, "The reply reads like case notes: no \u201cI\u201d, \u201cwe\u201d or \u201cyou\u201d anywhere. "
                                 "Talk to the customer: say what happened to them and what you will do.")
    hits = blame_hits(doc)
    # a telling-off is said to the customer: a hedged guess at the cause in the third person ("it may have been knocked
    # in transit", "the page can struggle on older browsers") is blame, but it is cold only where nothing else is warm
    asides = [h for h in hits if h[4] == "blame" and _hedged_aside(doc, h)]
    scold = [h for h in hits if h[4] in _SCOLDING and h not in asides]
    if scold:
        ex = doc.excerpt(doc.span_of(scold[0][0], scold[0][1]), 50)
        return found(key, False, f"\u201c{ex}\u201d reads as a telling-off or an argument, and the customer will hear the tone before the "
                                 "fix. Keep to what happened and what you'll do about it.",
                     [doc.span_of(h[0], h[1]) for h in scold])
    unwarm = [(h[0], h[1], h[3]) for h in hits if h[4] in _COLD_WITHOUT_WARMTH or h in asides] + bare_refusals(doc) \
        + [(f[0], f[1], f[3]) for f in find(doc, _IMPERSONAL)]
    if unwarm and not _has_warmth(doc):
        a, b, _k = min(unwarm)
        ex = doc.excerpt(doc.span_of(a, b), 50)
        return found(key, False, f"\u201c{ex}\u201d, with no apology, thanks or acknowledgement anywhere, reads as cold. "
                                 "Acknowledge what happened and say what you'll do.", [doc.span_of(x[0], x[1]) for x in unwarm])
    cold = find(doc, COLD)
    fillers = find(doc, FILLER)
    # fillers are how people talk ("Right. Okay. I'm really sorry..."); a run of them is cold where nothing is warm
    if cold or len(fillers) >= 2 and not _has_warmth(doc):
        hit = cold[0] if cold else fillers[0]
        ex = doc.excerpt(doc.span_of(hit[0], hit[1]), 50)
        return found(key, False, f"\u201c{ex}\u201d sounds cold or dismissive. Swap it for words that show you're on the "
                                 "customer's side, and say what you'll do.", [doc.span_of(h[0], h[1]) for h in cold + fillers])
    if n < lo:
        return found(key, False, f"At {n} words the reply reads as curt. Take a few more sentences to acknowledge the "
                                 f"customer, say what you'll do and close warmly (aim for at least {lo} words).")
    if n > hi:
        return found(key, False, f"At {n} words the reply is long enough to bury the fix. Cut it to under {hi} words: "
                                 "one acknowledgement, the action and the next step.")
    return found(key, True, "Calm, courteous and to the point: the tone keeps the customer listening.")


# the fault's outcome, not a step the agent takes: fixed, working, back online
_FIXED = r"fixed|repaired|working|back up|back on|back online|resolved|sorted|running|back to normal"
_OUTCOME = rf"(?:{_FIXED}|online|up and running|(?:fully )?functional)\b"


# Promising what the agent cannot be sure to deliver: a guarantee, "it will never happen again", the fix itself
# (not a confirmation e-mail) within the hour, or an open-ended giveaway ("free delivery for a year"). A promise
# the agent controls ("I'll call you by 4 pm", "I'll switch off auto-renew so it can't happen again") is the
# course's advice, and a refused or negated one ("I can't promise free delivery for a year") is honesty.
OVERPROMISE = rx(
    r"\bguarantee(?:d|s)?\b|\b(?:will|would|is going to) never happen again\b|\b(?:will not|would not) happen again\b"
    r"|\bnever happens again\b"
    r"|\b(?:fix|fixed|repair|repaired|sorted|resolved|back up|back on|back online|working|running|(?:engineer|technician|driver|courier|van|someone) "
    r"(?:\w+ ){0,3}(?:with you|to you|to your \w+|there|at your \w+))\b[^.!?;,]{0,30}"
    r"\bwithin (?:the|an|one) hour\b"
    r"|\bfree (?:\w+ ){0,4}(?:for|over) (?:a|one|the next|a whole|the whole|the coming) (?:\w+ )?(?:year|months)\b"
    r"|\b(?:a|one|a whole|a full) (?:full )?year(?: 's)? (?:of )?free\b|\bfree (?:\w+ ){0,2}(?:for life|forever)\b"
    # the outcome of a fix nobody has diagnosed, promised: "I promise it will be fully fixed by Saturday"
    r"|\bpromise (?:you )?(?:that )?(?:\w+ ){1,3}(?:will|is going to|are going to) (?:be )?(?:\w+ )?(?:" + _FIXED +
    r"|(?:back )?in your (?:account|bank|card)|with you|there|arrive|reach you)\b"
    # the same outcome asserted as certain: "it'll definitely be working by Monday" (and "..., I promise": _PROMISE_TAIL)
    r"|\b(?:will|is going to|are going to) (?:definitely|certainly|absolutely|100 %|for sure) (?:be )?(?:\w+ )?" + _OUTCOME
)
# "you'll be back online by lunchtime, I promise": the promise comes after the outcome, so it is found from its end
_PROMISE_TAIL = rx(r"\b(?:i promise|i swear|you have my word|for sure|definitely)(?= [.!?;,]| $|$)")
_OUTCOME_BEFORE = re.compile(r"\b(?:will|is going to|are going to|your|the|it|everything) (?:be )?(?:\w+ )?" + _OUTCOME
                             + r"[^.!?;]{0,40}$")
_CLAUSE_NEG = re.compile(r"\b(?:not|never|no|unable|can not|cannot)\b")
_CLAUSE_START = re.compile(r"(?:^|[.!?;:,] | but | however )(?!.*(?:[.!?;:,] | but | however ))")
# "a year of free delivery isn't something I can offer", and the object put first: "free delivery for a year I cannot give"
_REFUSED_AFTER = re.compile(r"^[^.,;!?]*\b(?:is|are) (?:not|never) (?:something|an option|possible|on offer|included|covered|"
                            r"available)\b"
                            r"|^ (?:(?:is )?(?:something|one thing) )?(?:i|we) (?:can not|could not|will not|am not able to|"
                            r"are not able to|am unable to|are unable to|do not)\b")
# "guarantee" the noun is the product's cover, not a promise: "it's still under guarantee", "our money-back guarantee covers it",
# and "guaranteed" can name a postal service ("by guaranteed next-day delivery")
_GUARANTEE_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|our|your|its|their|this|that|under|with|no|back|satisfaction|price|match|"
                                    r"manufacturer 's|month|months|year|years|lifetime|extended|by|special delivery) $")
_GUARANTEE_NOUN_AFTER = re.compile(r"^ (?:covers?|period|card|scheme|runs|lasts|is valid|expires|still|next day|delivery|service|"
                                   r"on|of|terms)\b")


def _refused(doc: Doc, a: int, b: int, k: int) -> bool:
    """Whether the promise at ``a:b`` is negated in its own clause or refused after it."""
    head = doc.s[doc.sentences[k].lo:a]
    m = _CLAUSE_START.search(head)
    clause = head[m.end():] if m else head
    return bool(_CLAUSE_NEG.search(clause) or _REFUSED_AFTER.match(doc.s[b:b + 80]))


def overpromises(doc: Doc) -> list:
    """(start, end, token, sentence) of each promise the agent cannot be sure to keep, unless negated in its clause."""
    got = doc.cache.get("overpromise")
    if got is None:
        got = []
        s = doc.s
        hits = list(find(doc, OVERPROMISE))
        for a, b, t, k in find(doc, _PROMISE_TAIL):
            head = s[max(doc.sentences[k].lo, a - 80):a]
            m = _OUTCOME_BEFORE.search(head)
            if m:
                start = a - len(head) + m.start()
                hits.append((start, b, doc.tok_at(start), k))
        for a, b, t, k in sorted(hits):
            if _refused(doc, a, b, k):
                continue  # "I won't promise it'll never happen again", "a year of free delivery isn't something I can offer"
            if s[a:b].startswith("guarantee") and (_GUARANTEE_NOUN_BEFORE.search(s[max(0, a - 20):a])
                                                   or _GUARANTEE_NOUN_AFTER.match(s[b:b + 20])):
                continue
            got.append((a, b, t, k))
        doc.cache["overpromise"] = got
    return got


# the fault's outcome tied to a time: "back online by lunchtime", "fixed and back with her by Friday", "working again
# tomorrow"; "fixed properly by a senior technician" names who, not when
_OUTCOME_BY = rx(r"\b" + _OUTCOME + r"(?: [^.!?;]{0,30}?)? (?:(?:before|within|until|in time for) (?:the )?\w+"
                 r"|by (?:the (?:end of (?:the |this )?\w+|weekend|morning|afternoon|evening)|(?!(?:a|an|the|our|one|someone|"
                 r"somebody|my|his|her|their)\b)\w+(?: (?:pm|am|o'clock))?)"
                 r"|today|tonight|tomorrow(?: (?:morning|afternoon|evening|lunchtime))?|this (?:afternoon|evening|morning|week)"
                 r"|first thing(?: tomorrow)?)\b")


_FUTURE_BEFORE = re.compile(r"\b(?:will|is going to|are going to|shall)\b(?:(?![.!?;]).)*$")


def _undiagnosed_outcomes(doc: Doc) -> list:
    """(start, end, token, sentence) of the agent promising when a fault nobody has diagnosed will be fixed."""
    steps = {h[3] for h in forward_steps(doc)}
    return [h for h in find(doc, _OUTCOME_BY) if (h[3] in steps or _FUTURE_BEFORE.search(doc.s, max(0, h[0] - 30), h[0]))
            and not _refused(doc, *h[:2], h[3])]


# given away: "completely free", "at no charge", "you won't pay a penny"
_FREE = rx(r"\b(?:free|free of charge|no charge|no cost|at our cost|on the house|complimentary|without charge)\b"
           r"|\b(?:not|never|will not|won't) (?:pay|be charged|cost you)\b")


def _giveaways(doc: Doc, not_free: tuple) -> list:
    """(start, end, token, sentence) of the agent giving for nothing what the exercise says the business doesn't."""
    out = []
    steps = {h[3] for h in forward_steps(doc)}
    for a, b, t, k in find(doc, _FREE):
        sent = doc.sentences[k]
        if k not in steps or _refused(doc, a, b, k):
            continue
        if sentence_restates(doc, sent, not_free):
            out.append((sent.lo, sent.hi, sent.first, k))
    return out


@register("no_overpromise", "Promise only what you can keep", "flexible-not-ratcheting", not_free=phrases_param(),
          fault_undiagnosed=bool_param(False))
def no_overpromise(doc: Doc, params: dict, context) -> object:
    """Met unless the reply promises what the agent cannot be sure to deliver.

    Over-promises: a guarantee ("guaranteed tomorrow", "I guarantee it'll be
    fixed by Friday"), "it will never happen again", the fix itself within
    the hour ("I'll get it fixed within the hour"; a confirmation e-mail
    within the hour is fine), and an open-ended giveaway ("free delivery for
    the next twelve months", "a year of free servicing"). A promise the agent
    controls ("I'll call you by 4 pm", "so it can't happen again" after
    switching something off) is what the course teaches, and a negated or
    refused one ("I can't promise free delivery for a year") is honesty.
    Article 004 warns that above-and-beyond promises raise expectations the
    next call has to meet; the exercises fail a reply that makes one. Where
    an exercise's business can't give something away (a new phone for
    accidental damage), ``not_free`` names it, and the agent offering it free
    ("I'll send a brand-new handset today, no charge") is an over-promise too.
    Where the fault still needs diagnosing (``fault_undiagnosed``: the missed
    broadband visit, the laptop back from repair with the same fault), when it
    will be fixed is not the agent's to promise: "you'll be back online by
    lunchtime" and "fixed and back with her by Friday" are over-promises,
    where "an engineer with you tomorrow morning" is a step the agent books.
    """
    key = "no_overpromise"
    hits = overpromises(doc)
    if params["not_free"]:
        hits = sorted(hits + _giveaways(doc, params["not_free"]))
    if params["fault_undiagnosed"]:
        hits = sorted(set(hits + _undiagnosed_outcomes(doc)))
    if not hits:
        return found(key, True, "You promised only what you can deliver, so the next call won't be about a broken promise.")
    a, b, _t, k = hits[0]
    ex = doc.excerpt(doc.span_of(a, b), 50)
    return found(key, False, f"\u201c{ex}\u201d promises more than you can be sure to deliver, and a broken promise brings "
                             "the customer back angrier. Promise the steps you control instead, with a time: \u201cI've booked "
                             "the first slot tomorrow and I'll call you by 9 am to confirm it.\u201d",
                 [doc.span_of(h[0], h[1]) for h in hits])
