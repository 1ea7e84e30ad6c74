"""The rewrite grader's checks, text analysis and engine: plain Python, no database.

Each test reads as a sentence about what the grader does with one kind of reply.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizzes.grading import CHECKS, Context, Criterion, Finding, Result, Rubric, RubricError, grade
from quizzes.grading.text import Doc, correct_typo

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "courses" / "content" / "handling-upset-callers"

CUSTOMER = (
    "My parcel, order 4471, was meant to arrive three weeks ago. I've called twice and no one called me "
    "back. I'm sick of chasing you."
)
FACTS = [
    {"label": "order 4471", "any_of": ["4471"]},
    {"label": "three weeks late", "any_of": ["three weeks", "3 weeks", "21 days"]},
]
CTX = Context(customer=CUSTOMER, key_facts=FACTS)
STUFFED = "I'm sorry. I understand. Thank you. Anything else? I will help."
GOOD = (
    "I'm so sorry your parcel, order 4471, is now three weeks late, and that nobody called you back after two "
    "calls; that's on us. I'll track it down with the courier myself and call you by 4 pm today with a "
    "delivery date. So I can reach you, could you please tell me the best number for this afternoon? "
    "Thank you for your patience, and is there anything else I can help with?"
)


def check(name, text, context=CTX, **params):
    return CHECKS[name].run(text, params or None, context)


def met(name, text, context=CTX, **params):
    return check(name, text, context, **params).met


# ----------------------------------------------------------------- text analysis

def test_contractions_are_expanded_so_both_forms_match_one_pattern():
    doc = Doc("I can't, we won't, I'm here, we're on it, you'll see, they've gone, it's done, cannot")
    assert doc.s_all == ("i can not , we will not , i am here , we are on it , you will see , "
                         "they have gone , it is done , can not")


def test_curly_apostrophes_and_missing_apostrophes_are_understood():
    assert Doc("I\u2019m sorry, we don\u2019t").s_all == "i am sorry , we do not"
    assert Doc("Im sorry, we dont").s_all == "i am sorry , we do not"


def test_tokens_keep_offsets_into_the_original_text():
    text = "Well \u2014 I\u2019m SO sorry."
    doc = Doc(text)
    sorry = next(t for t in doc.tokens if t.norm == "sorry")
    assert text[sorry.start:sorry.end] == "sorry"
    assert doc.span_of(doc.pos[2], doc.pos[4] + 2) == (text.index("I\u2019m"), text.index("SO") + 2)


def test_words_inside_straight_or_curly_quotes_are_masked_as_the_customers():
    for text in ('You said "no one called me" and you were right.',
                 "You said \u201cno one called me\u201d and you were right.",
                 "You said 'no one called me' and you were right."):
        doc = Doc(text)
        assert [t.norm for t in doc.tokens if t.quoted] == ["no", "one", "called", "me"]
        assert "no one" not in doc.s and "no one" in doc.s_all


def test_apostrophes_inside_words_are_not_quotation_marks():
    doc = Doc("The customer's parcel didn't come and the couriers' van broke down.")
    assert not any(t.quoted for t in doc.tokens)


def test_a_quote_around_the_whole_reply_is_not_treated_as_quoting_the_customer():
    doc = Doc('"I\'m so sorry your parcel is late. I\'ll send a new one today."')
    assert not any(t.quoted for t in doc.tokens)


def test_sentences_are_split_with_offsets_and_questions_marked():
    text = "I'll call at 4 p.m. tomorrow. Is that OK? Thanks!"
    doc = Doc(text)
    assert [text[s.start:s.end] for s in doc.sentences] == ["I'll call at 4 p.m. tomorrow.", "Is that OK?", "Thanks!"]
    assert [s.question for s in doc.sentences] == [False, True, False]


def test_a_question_mark_inside_a_quote_does_not_end_the_sentence():
    doc = Doc("You asked \u201cwhy does nobody read the notes?\u201d and that's fair. I'm sorry.")
    assert len(doc.sentences) == 2 and not doc.sentences[0].question


def test_common_typos_of_longer_keywords_are_read_as_the_keyword():
    assert correct_typo("sory") == "sorry"
    assert correct_typo("appologize") == "apologize"
    assert correct_typo("unfortunatly") == "unfortunately"
    assert Doc("I apologise").s_all == "i apologize"


def test_real_words_near_a_keyword_are_never_corrected():
    for word in ("worry", "story", "pleased", "thinks", "lease"):
        assert correct_typo(word) == word
    assert Doc("Don't worry, Sorey will call").s_all.split()[:4] == ["do", "not", "worry", ","]


# ----------------------------------------------------------------- acknowledges_specifically

def test_a_specific_acknowledgement_of_the_wait_is_met():
    f = check("acknowledges_specifically", "That must be so frustrating after waiting three weeks for your parcel.")
    assert f.met and f.spans


def test_a_formal_apology_or_a_noted_play_back_naming_the_situation_acknowledges_it():
    # "I apologise for ..." frames an acknowledgement as "I'm sorry about ..." does; "I note that you ..." reports
    # what the agent heard rather than committing to an action
    assert met("acknowledges_specifically", "I sincerely apologise for the delay to order 4471.")
    assert met("acknowledges_specifically", "I note that order 4471 has now been three weeks on its way.")
    assert met("acknowledges_specifically", "I apologise for the inconvenience.") is False


def test_a_bare_i_understand_is_not_an_acknowledgement():
    for text in ("Okay. I understand.", "I hear you. I'll look into it.", "I understand your frustration."):
        assert met("acknowledges_specifically", text) is False


def test_an_emotion_label_alone_is_not_specific():
    f = check("acknowledges_specifically", "That must be frustrating. Let me check.")
    assert f.met is False
    assert "order 4471" in f.message  # the message points at a fact to name


def test_playing_back_what_happened_counts_as_acknowledging():
    assert met("acknowledges_specifically", "Order 4471 is three weeks late and nobody called you back. That's on us.")


def test_quoting_the_customer_counts_as_acknowledging_them():
    assert met("acknowledges_specifically", 'You said \u201cno one called me back\u201d in three weeks of chasing, and you\'re right.')


def test_an_acknowledgement_taken_back_by_but_only_counts_what_came_before():
    text = "I understand, but our system shows order 4471 was delivered three weeks ago."
    assert met("acknowledges_specifically", text) is False


def test_keyword_stuffing_fails_the_acknowledgement():
    assert met("acknowledges_specifically", STUFFED) is False


def test_without_a_customer_text_concrete_words_make_an_acknowledgement_specific():
    none = Context()
    assert met("acknowledges_specifically", "I'm sorry your new sofa arrived with a torn cushion.", none)
    assert met("acknowledges_specifically", "I'm sorry for the inconvenience.", none) is False


# ----------------------------------------------------------------- apologizes_or_owns

def test_a_genuine_apology_for_the_problem_is_met():
    f = check("apologizes_or_owns", "I'm sorry the parcel is three weeks late.")
    assert f.met and f.spans == [(4, 9)]


def test_owning_the_problem_counts_without_the_word_sorry():
    for text in ("That's on us, and I'll take care of this.", "We let you down here.", "Leave it with me."):
        assert met("apologizes_or_owns", text), text


def test_a_negated_apology_is_not_met():
    for text in ("I'm not sorry, that's the rule.", "I am not going to apologise for the courier.",
                 "There's no need for me to apologize."):
        f = check("apologizes_or_owns", text)
        assert f.met is False, text
    assert "negates" in check("apologizes_or_owns", "I'm not sorry about it.").message


def test_a_hollow_or_conditional_apology_that_blames_the_feeling_is_not_met():
    for text in ("I'm sorry you feel that way.", "Sorry if you were offended.",
                 "I'm sorry for any confusion you may have had.", "I'm sorry you're upset.",
                 "We apologise if this caused any inconvenience."):
        f = check("apologizes_or_owns", text)
        assert f.met is False, text
        assert "feelings" in f.message or "maybe" in f.message


def test_sorry_about_the_customers_feeling_with_its_cause_is_genuine():
    assert met("apologizes_or_owns", "I'm sorry you're upset about the late delivery.")


def test_a_sarcastic_sorry_but_policy_is_not_an_apology():
    for text in ("Sorry, but that's policy.", "I'm sorry, but there's nothing I can do."):
        assert met("apologizes_or_owns", text) is False, text


def test_i_cant_apologise_enough_is_a_strong_apology_not_a_negation():
    assert met("apologizes_or_owns", "I can't apologise enough for this.")


def test_misspelt_apologies_still_count():
    for text in ("I'm so sory about the delay.", "I appologize for the delay.", "I apologise for the delay."):
        assert met("apologizes_or_owns", text), text


def test_the_customers_quoted_sorry_is_not_the_agents_apology():
    assert met("apologizes_or_owns", 'You said "sorry is not enough". I\'ll refund it today.') is False


def test_a_sorry_tacked_onto_a_refusal_is_not_an_apology():
    for text in ("The fee is non-negotiable, sorry.", "Refunds are only given within 14 days. Sorry.",
                 "Sorry, I need you to stop talking for a moment."):
        f = check("apologizes_or_owns", text)
        assert f.met is False, text
    assert "tacked onto" in check("apologizes_or_owns", "The fee is non-negotiable, sorry.").message
    assert met("apologizes_or_owns", "I'm so sorry. I'll refund the fee today.")


def test_ownership_inside_a_hollow_apology_is_the_customers_view_not_ownership():
    assert met("apologizes_or_owns", "I'm sorry you feel we let you down on Friday.") is False
    assert met("apologizes_or_owns", "We let you down on Friday, and I'm sorry.")


# ----------------------------------------------------------------- no_undoing_but


# Round 4: an apology or ownership is about the customer's problem, not about the call itself
@pytest.mark.parametrize("text", [
    "Can I take your account number so I can add it to the file?",
    "Sorry to cut in, but could you spell the postcode for me?",
    "Sorry about earlier. The fee can't be changed.",
])
def test_taking_details_interrupting_or_a_sorry_for_the_last_call_is_not_an_apology(text):
    assert met("apologizes_or_owns", text) is False, text


@pytest.mark.parametrize("text", [
    "I take full responsibility for the missed visit.",
    "I'm sorry for keeping you waiting so long on the phone today.",
    "Sorry about that, the late van is our fault.",
])
def test_owning_the_problem_or_the_wait_is_still_an_apology(text):
    assert met("apologizes_or_owns", text), text


def test_but_after_an_apology_takes_it_back():
    f = check("no_undoing_but", "I'm sorry, but you should have checked the tracking email.")
    assert f.met is False and f.spans
    assert "\u201cbut\u201d" in f.message


def test_however_after_i_understand_takes_it_back():
    assert met("no_undoing_but", "I understand, however our policy is clear.") is False
    assert met("no_undoing_but", "I'm sorry for the delay. However, the courier is responsible.") is False
    assert met("no_undoing_but", "Although I understand your frustration, the rules are the rules.") is False


def test_a_but_that_pivots_from_bad_news_to_an_alternative_is_fine():
    f = check("no_undoing_but", "That model is sold out, but I can ship the newer one today.")
    assert f.met is True


def test_but_that_is_not_a_contrast_is_fine():
    assert met("no_undoing_but", "I'm sorry you haven't received it yet. Not only will I refund it, but also the postage.")


def test_a_but_that_leads_straight_into_what_the_agent_will_do_takes_nothing_back():
    assert met("no_undoing_but", "I'm sorry, but the good news is I can get an engineer to you on Tuesday.")
    assert met("no_undoing_but", "I'm sorry about the letter, but we can only go by what's on file.") is False


def test_even_though_you_sides_with_the_customer():
    assert met("no_undoing_but", "I'm sorry you were billed £210 again, even though you sent the reading on the 1st.")
    assert met("no_undoing_but", "I'm sorry, even though you should have read the email.") is False


def test_a_refused_apology_has_nothing_for_a_but_to_take_back():
    assert met("no_undoing_but", "I won't apologise for the contractors, but I can book you a new visit today.")


# ----------------------------------------------------------------- no_bare_refusal

def test_a_bare_no_is_not_met():
    for text in ("No, we can't do that.", "It's our policy.", "There's nothing I can do.",
                 "We cannot refund it.", "We can not refund it.", "That won't be possible.",
                 "We don't offer refunds after 14 days."):
        f = check("no_bare_refusal", text)
        assert f.met is False, text
        assert "can do" in f.message


def test_a_refusal_followed_by_what_can_be_done_is_fine():
    assert met("no_bare_refusal", "We can't refund it, but I can offer a replacement today.")
    assert met("no_bare_refusal", "We can't refund it. What I can do is send a replacement today.")
    assert met("no_bare_refusal", "That's not possible. Would you prefer a voucher or a repair?")


def test_no_problem_no_worries_no_charge_and_no_later_than_are_not_refusals():
    text = ("No problem at all. No worries, there's no charge for this, and it will reach you no later than "
            "Friday. No wonder you're annoyed.")
    assert met("no_bare_refusal", text)


def test_the_customers_quoted_words_are_not_the_agents_refusal():
    assert met("no_bare_refusal", 'You were told "no, that\'s not possible" and I\'m sorry. I\'ll fix it now.')


def test_polite_negations_that_promise_something_are_not_refusals():
    assert met("no_bare_refusal", "I won't leave you waiting two weeks, and I can't imagine how annoying that was.")


def test_what_can_be_done_may_come_later_in_the_reply():
    assert met("no_bare_refusal", "We can't keep handing out vouchers. Deliveries do run late. I'll refund the ice cream today.")


def test_agreeing_no_is_not_a_refusal():
    for text in ("No, you're absolutely right to be cross.", "No, that's not OK at all.", "No, of course not."):
        assert met("no_bare_refusal", text), text


@pytest.mark.parametrize("text", [
    "Sending a new phone for free isn't something we do.",
    "Refunds are only available within 14 days.",
    "The payments stand.",
    "The front desk can't cancel memberships.",
    "A free replacement is a no.",
])
def test_a_limit_stated_as_a_rule_or_a_closed_door_is_a_refusal(text):
    assert met("no_bare_refusal", text) is False, text


# ----------------------------------------------------------------- no_blame

@pytest.mark.parametrize("text", [
    "You should have checked your tracking email.",
    "You didn't read the terms.",
    "You'll have to call the carrier yourself.",
    "That's not our fault.",
    "No one here would have said that.",
    "Calm down, please.",
    "As I already said, the parcel left on Monday.",
    "You need to fill in the online form.",
    "Obviously you clicked the wrong size.",
    "Our system shows the invoice is correct.",
    "The technicians are really busy at the moment.",
])
def test_blame_defence_and_ordering_are_not_met(text):
    f = check("no_blame", text)
    assert f.met is False and f.spans


@pytest.mark.parametrize("text", [
    "It's not your fault at all.",
    "You shouldn't have to chase us for this.",
    "All you need to do is reply to the email and I'll do the rest.",
    "You didn't get the call you were promised, and I'm sorry.",
    "You should have received it three weeks ago.",
    'You said "you should have called me", and you\'re right.',
])
def test_sympathetic_negated_or_quoted_forms_are_not_blame(text):
    assert met("no_blame", text), text


@pytest.mark.parametrize("text", [
    "As I'm sure you'll appreciate, the courier is responsible for the last leg, not us.",
    "Please send it back and we'll look at it again.",
    "First thing is to restart the router.",
    "Could you please do it once more now?",
    "The refund was processed on our side, so that's something to take up with your bank.",
    "It was tested and working when it left us.",
    "Our records still show the membership as active.",
    "Late deliveries happen on busy weekends.",
    "If you cancelled on 28 February, I'll refund it.",
    "I won't apologise for the engineers, they're contractors.",
    "It could be your browser.",
    "We're not useless, actually.",
])
def test_defending_doubting_talking_down_and_polite_orders_are_not_met(text):
    assert met("no_blame", text) is False, text


@pytest.mark.parametrize("text", [
    "I'll make sure you get the £90 back.",
    "Can I just check the best email for the confirmation?",
    "I'll email you the reference so you never have to explain this again.",
    "I'm sorry you were sent the wrong size.",
    "Could you let me know if you sent them by email or by post?",
    "Please let me know which slot suits you.",
])
def test_the_agents_own_promises_and_questions_are_not_orders_or_doubt(text):
    assert met("no_blame", text), text



# Round 4: who carries the obligation, who is named as the cause, and who is told to go elsewhere
@pytest.mark.parametrize("text", [
    "You might have to post the charger back to us first.",
    "You may need to print the label off at home.",
    "You could always try the insurer on your credit card for that.",
    "We can't repair it, so you could check the manual and ring us back.",
    "It's probably down to the sorting depot, not us.",
    "The late van was on the carrier's end.",
    "The hold time isn't down to me, I'm afraid.",
    "I'm sorry, but credits do have to go through the accounts team and that takes a while.",
    "The fee is a standard rate for every visit.",
    "I can assure you our engineers always read the notes.",
    "Have you tried switching it off and on again?",
    "Sorry to interrupt, but could I stop you there for a second?",
    "The app tends to behave better on a laptop, so that's worth trying next time.",
])
def test_obligations_causes_and_hand_offs_put_on_the_customer_are_not_met(text):
    f = check("no_blame", text)
    assert f.met is False and f.spans, text


@pytest.mark.parametrize("text", [
    "I've refunded the £45 today; you may need to allow three to five days for your bank to show it.",
    "You can check the tracking link I'll text you by 5 pm.",
    "I'm sorry, that delay was down to us, not the courier.",
    "I can assure you I'll ring you by 4 pm with the new date.",
    "Next time I'll make sure the engineer rings ahead, and I'll try to keep you the same slot in future.",
    "It may take a little time to arrive, so I'll text you the tracking number by noon.",
    "I'll go through the billing team myself and call you back by 3 pm.",
    "I'm sorry, but the tracking shows it's still at the depot, so I'm sending a replacement today.",
    "There's a fixed fee of £89 for call-outs, but I've waived it because the leak is ours to fix.",
    "It's still under guarantee, so I'll book the repair free of charge for Thursday.",
    "Have you had a chance to see the email I sent at 10, or shall I resend it to you?",
])
def test_the_agent_carrying_the_work_or_owning_the_cause_stays_clear_of_blame(text):
    assert met("no_blame", text), text


def test_thanks_for_something_and_an_offer_of_help_still_close_warmly_next_to_a_stock_cold_phrase():
    text = ("I'm sorry the case cracked after a week. The cover doesn't pay for drops, that's just how the plan works, "
            "but I can book a repair at half price for Thursday. Thanks for your patience, is there anything else I can do?")
    assert met("closes_warmly", text)
    assert met("tone", text) is False


# ----------------------------------------------------------------- no_overpromise

@pytest.mark.parametrize("text", [
    "The new charger will be with you tomorrow, guaranteed.",
    "I guarantee the refund clears tonight.",
    "I promise you this will never happen again.",
    "Rest assured it won't happen again.",
    "I'll have your heating working again within the hour.",
    "I'll get a technician to your door within the hour.",
    "I've added free parking for the next six months as well.",
    "As a thank you, that's a whole year of free breakdown cover.",
])
def test_promises_the_agent_cannot_be_sure_to_keep_are_over_promises(text):
    f = check("no_overpromise", text)
    assert f.met is False and f.spans and f.lesson is None, text
    assert CHECKS["no_overpromise"].lesson == "flexible-not-ratcheting"


@pytest.mark.parametrize("text", [
    "I'll email your confirmation within the hour and call you by 4 pm.",
    "I've switched off auto-renew so this can't happen again.",
    "I can't promise free delivery for a year, but I'll refund the frozen items today.",
    "I won't promise it'll never happen again, but I'm asking the depot why your slot runs late.",
    "A year of free delivery isn't something I can offer, but I've added a £10 credit.",
    "Free delivery for one year I cannot give, but I refund the delivery fee today.",
    "We don't guarantee time slots, so I'll ring you the evening before with a two-hour window.",
    "I promise I'll call you back by 3 pm today.",
    "It's still under guarantee, so the repair is free and I've booked it for Thursday.",
    "Our money-back guarantee covers this, so I've refunded the £40.",
    "I'll send the new pair by guaranteed next-day delivery.",
])
def test_promises_the_agent_controls_or_declines_are_not_over_promises(text):
    assert met("no_overpromise", text), text


# ----------------------------------------------------------------- offers_action

@pytest.mark.parametrize("text", [
    "I'll send a replacement today.", "I can refund the £30 now.", "Let me check the order for you.",
    "I've booked an engineer for Thursday.", "Would you prefer a refund or a replacement?",
    "We're sending a new pair by express.",
])
def test_saying_what_you_will_do_or_offering_a_choice_is_met(text):
    assert met("offers_action", text), text


@pytest.mark.parametrize("text", [
    "I can't do anything about it.", "There's nothing I can do.", "I can imagine how you feel.",
    "If I could, I would.", "I'll see what I can do.", "I'd be happy to help.",
])
def test_negated_conditional_empathy_and_vague_offers_are_not_actions(text):
    assert met("offers_action", text) is False, text


@pytest.mark.parametrize("text", [
    "I will fix the underlying problem and follow through.", "I'm taking ownership of your issue.",
    "I'll do my best to resolve this for you.", "I'll see what I can do about a quicker exchange.",
    "Can I get the claim number?", "I want to go beyond 'I understand'.", "We've checked and the invoice is right.",
])
def test_a_general_purpose_verb_with_a_general_purpose_object_names_no_action(text):
    assert met("offers_action", text) is False, text


@pytest.mark.parametrize("text", [
    "Ill refund the extra 29.99 today.", "Colour cartridges will be dispatched by 5 pm.",
    "A size 9 is going out by express today.", "I've turned off auto-renewal.",
    "I'm treating this as an exception and refunding the £120.", "I'll fix the fault on your line today.",
])
def test_concrete_actions_in_other_forms_are_met(text):
    assert met("offers_action", text), text



# Round 4: an offer is the agent doing something to something of the customer's, not considering it or logging it
@pytest.mark.parametrize("text", [
    "Send the jacket back through the portal and we can look at swapping it.",
    "We'll look at a partial credit.",
    "I'll put a note on the account.",
    "I've added a note to your file.",
    "I'll pass your details over to the delivery team and they'll be in touch.",
    "I'll look into it and come back to you as soon as I can.",
    "Could you read me the reference, just to make sure I'm looking at the right booking?",
])
def test_considering_logging_or_handing_on_is_not_an_offer(text):
    assert met("offers_action", text) is False, text


@pytest.mark.parametrize("text", [
    "I've found a Thursday slot, so I'll hold that for you and refund the delivery fee as well.",
    "I'll look into it and call you back by 3 pm today with the answer.",
    "I'll pass your details over to the delivery team and book the 8 am slot myself.",
])
def test_a_second_verb_sharing_the_agents_subject_and_a_timed_step_are_offers(text):
    assert met("offers_action", text), text


def test_after_a_limit_handing_it_to_the_team_that_can_is_somewhere_to_go_though_not_an_offer():
    text = "I can't change the slot myself, but the depot can, so I'll pass your details to them and they'll be in touch."
    assert met("no_bare_refusal", text)
    assert met("offers_action", text) is False


@pytest.mark.parametrize("text", [
    "A second courtesy credit isn't something I'm able to give.",
    "There's no discount on the repair this time.",
    "No refund on the postage, I'm afraid.",
    "I'm afraid there's no later slot.",
    "The booking fee can't be refunded.",
])
def test_a_closed_door_marked_as_such_is_a_refusal(text):
    assert met("no_bare_refusal", text) is False, text


def test_a_closed_door_followed_by_what_the_agent_will_do_is_fine():
    assert met("no_bare_refusal", "There's no discount on the repair this time, but I'll cover the courier both ways.")
    assert met("no_bare_refusal", "The booking fee can't be refunded, but I'll credit the same amount to your account today.")


def test_ill_is_read_as_i_will_only_where_it_is_not_the_adjective():
    assert Doc("Ill check it").s_all == "i will check it"
    assert Doc("she was ill last week").s_all == "she was ill last week"
    assert Doc("it's late, so ill ask the depot").s_all == "it is late , so i will ask the depot"
    assert Doc("I was so ill that I missed it").s_all == "i was so ill that i missed it"


@pytest.mark.parametrize("written, read", [
    ("Well send a new pair today", "we will send a new pair today"),
    ("thanks and well refund it", "thanks and we will refund it"),
    ("Well, I can see why", "well , i can see why"),
    ("that went well and it arrived", "that went well and it arrived"),
    ("as well as the refund", "as well as the refund"),
    ("its not right and its been a week", "it is not right and it is been a week"),
    ("its screen is cracked", "its screen is cracked"),
    ("Id like to fix this", "i would like to fix this"),
    ("bring photo ID please", "bring photo id please"),
    ("youd have it by friday", "you would have it by friday"),
    ("theyll call you", "they will call you"),
])
def test_apostrophe_less_contractions_that_are_also_words_are_read_from_their_neighbours(written, read):
    assert Doc(written).s_all == read


# ----------------------------------------------------------------- asks_clarifying_question

def test_a_polite_question_for_something_new_is_met():
    f = check("asks_clarifying_question", "So I can reach you, could you please tell me the best number this afternoon?")
    assert f.met and f.spans


def test_asking_for_what_the_customer_already_gave_is_not_met():
    f = check("asks_clarifying_question", "Could you please give me your order number?")
    assert f.met is False and "already told you" in f.message


def test_asking_when_it_happened_after_the_customer_said_is_a_re_ask():
    assert met("asks_clarifying_question", "When did you place the order, please?") is False


def test_verifying_a_detail_the_customer_gave_is_not_a_re_ask():
    assert met("asks_clarifying_question", "Could you confirm that order 4471 is the one with the boots, please?")


def test_a_bare_demand_is_not_polite():
    f = check("asks_clarifying_question", "Account number?", Context())
    assert f.met is False and "please" in f.message


def test_rhetorical_or_hostile_questions_do_not_count():
    for text in ("What do you expect me to do?", "Did you even read the email?", "Can you stop for a second?"):
        assert met("asks_clarifying_question", text) is False, text


def test_the_closing_anything_else_is_not_a_clarifying_question():
    assert met("asks_clarifying_question", "Is there anything else I can help with?") is False


def test_an_open_question_about_something_new_is_met():
    assert met("asks_clarifying_question", "What happened when the courier arrived?", Context())



# Round 4: a question asks for information the customer has not given; a request for a copy is information
def test_asking_for_a_copy_of_evidence_is_a_question_but_asking_them_to_act_is_a_task():
    assert met("asks_clarifying_question", "Could you please send me a photo of the damaged box?")
    assert met("asks_clarifying_question", "Could you please make sure someone is in to sign for it?") is False
    assert met("asks_clarifying_question", "Sorry, could I just stop you there for a second?") is False


def test_a_word_ending_in_ok_is_not_a_curt_ok_question():
    assert met("asks_clarifying_question", "Could you please tell me which slot you usually book?")


def test_asking_them_to_supply_again_what_they_gave_is_a_re_ask_even_with_confirm():
    ctx = Context(customer="My June statement charged me twice for the gold plan. I've called three times.")
    assert met("asks_clarifying_question", "Could you confirm which month the double charge was on?", ctx) is False
    assert met("asks_clarifying_question", "Could you confirm it was the June statement that charged twice?", ctx)


def test_asking_for_what_the_customer_says_they_already_sent_is_a_re_ask():
    ctx = Context(customer="I upload a photo of the fridge display to your portal every week and it still isn't fixed.")
    assert met("asks_clarifying_question", "Could you please send me the photo again?", ctx) is False
    assert met("asks_clarifying_question", "Could you please confirm your photo?", ctx) is False
    assert met("asks_clarifying_question", "Could you please tell me the model number on the door?", ctx)


def test_a_question_about_what_happens_next_is_not_a_re_ask_of_a_date():
    ctx = Context(customer="It broke on Monday and I rang on 5 April.")
    assert met("asks_clarifying_question", "Which day this week would be easiest for you, please?", ctx)
    assert met("asks_clarifying_question", "Which day did it break, please?", ctx) is False


def test_asking_to_redo_something_or_for_more_details_is_not_a_clarifying_question():
    assert met("asks_clarifying_question", "Could you please do it once more now?") is False
    assert met("asks_clarifying_question", "Could you please provide more details?") is False


# ----------------------------------------------------------------- no_reask

def test_a_re_ask_fails_no_reask_even_beside_a_good_question():
    text = ("Could you please give me your order number? And so I can reach you, could you please tell me the best "
            "number for this afternoon?")
    assert met("asks_clarifying_question", text)
    f = check("no_reask", text)
    assert f.met is False and "already told you (order)" in f.message
    assert [text[a:b] for a, b in f.spans] == ["Could you please give me your order number?"]
    assert CHECKS["no_reask"].lesson == "understanding-and-questions"


@pytest.mark.parametrize("text", [
    "I'm so sorry about this, and thank you for telling me.",   # no question at all
    "So I can reach you, could you please tell me the best number for this afternoon?",
    "Could you confirm that order 4471 is the one with the boots, please?",   # verifies, does not re-ask
])
def test_no_question_or_a_new_one_meets_no_reask(text):
    assert met("no_reask", text), text


def test_echoing_a_fact_in_sympathy_or_offering_a_choice_is_not_a_re_ask():
    # "three weeks of this?" asks the customer nothing; "I can chase order 4471 now: today or tomorrow?" is the agent
    # saying what they will do and offering a choice
    for text in ("I'm so sorry, three weeks of this?", "I can chase order 4471 now, before the weekend: today or tomorrow?"):
        assert met("no_reask", text), text
    assert met("no_reask", "Was the parcel three weeks late?") is False


def test_when_dating_another_question_is_not_asking_when_it_happened():
    ctx = Context(customer="I returned the router on 14 October and I still haven't had my refund.")
    assert met("no_reask", "May I ask, did you get an e-mail from us when the router arrived at the warehouse?", ctx)
    assert met("no_reask", "Could you please tell me when the router arrived?", ctx) is False


# Round 6: the agent setting the scene or offering what comes next is not asking again
def test_a_fact_that_sets_the_scene_for_a_new_question_is_not_a_re_ask():
    ctx = Context(customer="I post my meter reading on your website on the 1st of every month and you still estimate my bill.",
                  key_facts=[{"label": "reading posted on the website", "any_of": ["website", "meter reading"]}])
    assert met("no_reask", "When you post it on the website, does a reference number come up at the end?", ctx)
    assert met("no_reask", "Do you post the meter reading on the website?", ctx) is False


def test_a_day_that_is_good_for_you_this_week_looks_forward():
    ctx = Context(customer="Your engineer came on 12 March and it is leaking again.")
    assert met("no_reask", "Which day this week is good for you, please?", ctx)
    assert met("no_reask", "Which day was the engineer with you, please?", ctx) is False


# ----------------------------------------------------------------- paraphrases_facts

def test_restating_every_key_fact_is_met_with_spans_on_the_facts():
    text = "So order 4471 is three weeks late."
    f = check("paraphrases_facts", text)
    assert f.met
    assert sorted(text[a:b] for a, b in f.spans) == ["4471", "three weeks"]


def test_a_missing_fact_is_named_by_its_label():
    f = check("paraphrases_facts", "So order 4471 hasn't arrived.")
    assert f.met is False and "three weeks late" in f.message


def test_facts_match_number_words_ordinals_and_inflections():
    facts = [{"label": "sent on May 2nd", "any_of": ["may 2"]}, {"label": "two weeks", "any_of": ["2 weeks"]},
             {"label": "charged twice", "any_of": ["charged twice"]}]
    ctx = Context(key_facts=facts)
    assert met("paraphrases_facts", "You sent them on the 2nd of May... sorry, May 2nd, two weeks ago, and we charged you, "
                                    "er, charged twice.", ctx)


def test_params_facts_and_min_share_override_the_exercise():
    facts = [{"label": "Saturday", "any_of": ["saturday"]}, {"label": "size 9", "any_of": ["size 9"]}]
    assert met("paraphrases_facts", "Before Saturday, then.", facts=facts) is False
    assert met("paraphrases_facts", "Before Saturday, then.", facts=facts, min_share=0.5)


def test_with_neither_customer_text_nor_facts_the_check_does_not_apply():
    f = check("paraphrases_facts", "I'm sorry about this.", Context())
    assert f.met is None


def test_without_key_facts_numbers_and_names_from_the_customer_are_used():
    ctx = Context(customer="My Galaxy S9 screen cracked after 12 days and the shop on Monday refused to help.")
    assert met("paraphrases_facts", "I'm sorry your Galaxy cracked after only 12 days.", ctx)
    assert met("paraphrases_facts", "I'm sorry about that.", ctx) is False


def test_keyword_stuffing_fails_the_paraphrase():
    assert met("paraphrases_facts", STUFFED) is False


def test_abbreviations_bare_numbers_and_weekdays_restate_facts():
    ctx = Context(customer="I was on hold for 40 minutes, it's been 17 days, and I took a day off work.",
                  key_facts=[{"label": "40 minutes", "any_of": ["40 minutes"]}, {"label": "17 days", "any_of": ["17 days"]},
                             {"label": "day off work", "any_of": ["day off work"]}])
    assert met("paraphrases_facts", "You waited 40 mins, it's been 17, and you took Tuesday off work.", ctx)
    assert met("paraphrases_facts", "You waited 4 mins, it's been 7, and you took Tuesday off work.", ctx) is False


# ----------------------------------------------------------------- states_next_steps

def test_a_call_back_without_a_time_is_not_met_and_asks_for_one():
    f = check("states_next_steps", "I'll call you back.")
    assert f.met is False and "time" in f.message and f.spans


def test_a_call_back_with_a_time_is_met():
    for text in ("I'll call you back by 4 pm today.", "I'll email you within 24 hours.",
                 "I'll send the replacement tomorrow.", "You'll receive a confirmation email this afternoon."):
        assert met("states_next_steps", text), text


def test_as_soon_as_possible_is_not_a_time():
    f = check("states_next_steps", "I'll look into the refund and sort it as soon as possible.")
    assert f.met is False and "As soon as possible" in f.message


def test_an_action_without_any_time_is_not_a_next_step():
    assert met("states_next_steps", "I will refund it.") is False


def test_a_past_date_in_the_sentence_is_not_the_deadline():
    assert met("states_next_steps", "You waited all Friday and I'll look into the refund for you.") is False


def test_later_today_is_not_a_time_but_a_time_before_the_promise_is():
    assert met("states_next_steps", "I'll call you back later today.") is False
    assert met("states_next_steps", "At 2:30 I'll ring you with a confirmed visit.")


# ----------------------------------------------------------------- closes_warmly

def test_thanks_and_an_offer_of_more_help_close_warmly():
    f = check("closes_warmly", GOOD)
    assert f.met and len(f.spans) == 2


def test_thanks_alone_counts_unless_both_are_required():
    text = "I'm sorry about the parcel, I'll send a new one today and text you tonight. Thank you for your patience."
    assert met("closes_warmly", text)
    assert met("closes_warmly", text, require_both=True) is False


def test_a_curt_reply_does_not_close_warmly_whatever_it_ends_on():
    assert met("closes_warmly", "Refund done. Thanks.") is False


def test_no_thanks_and_thanks_to_are_not_thanks():
    assert met("closes_warmly", "The parcel is late thanks to the courier and I will chase them up today, so no thanks "
                                "are needed from you for any of this.") is False


def test_stock_thanks_after_an_order_or_a_refusal_is_perfunctory():
    assert met("closes_warmly", "Please send us the delivery note and we'll review it. Thanks for calling.") is False
    assert met("closes_warmly", "Unplug it for ten minutes, then call us back if it's still dropping.") is False
    assert met("closes_warmly", "I'll refund the £90 today and email you by 4 pm. Thanks for calling us about this.")


# ----------------------------------------------------------------- tone

def test_a_reply_that_is_too_short_or_too_long_is_not_met():
    assert "words" in check("tone", "Sorry. I'll fix it.").message
    assert check("tone", "Sorry. I'll fix it.").met is False
    assert met("tone", " ".join(["I will make sure this is fixed for you today."] * 25)) is False


def test_word_limits_come_from_the_params():
    assert met("tone", "I'm sorry, I'll fix it today.", min_words=5)
    assert met("tone", GOOD, max_words=20) is False


def test_capitals_and_double_exclamation_marks_read_as_shouting():
    assert met("tone", "I AM SO SORRY about this, I will fix it RIGHT NOW and call you back by four today, promise.") is False
    assert met("tone", "I'm so sorry!! I will fix it right now and call you back by four today, I promise you that.") is False


def test_acronyms_and_the_customers_own_capitals_are_not_shouting():
    ctx = Context(customer="My DHL parcel from ACME never came.")
    text = ("I'm sorry your DHL parcel from ACME never came. I'll chase UPS and DHL today and email you ASAP, by 4 pm, "
            "with a new delivery date.")
    assert met("tone", text, ctx)


def test_cold_or_curt_phrasing_is_not_met():
    for text in ("Whatever, that's just how it is, I don't know what to tell you about the parcel or the refund.",
                 "Yes, yes, I know, I know. I will look into the parcel and get back to you by the end of the day."):
        assert met("tone", text) is False, text


def test_length_within_the_bounds_never_raises_the_score():
    rubric = Rubric.from_dict("t", {"title": "T", "pass_mark": 50, "criteria": [{"check": "tone", "weight": 1}]})
    short = grade(GOOD, rubric, CTX)
    padded = grade(GOOD + " " + " ".join(["I really do want to make sure we get this right for you."] * 6), rubric, CTX)
    assert short.score == padded.score == 100


def test_a_defence_is_cold_only_when_nothing_else_in_the_reply_is_warm():
    defence = "our records show the reminder emails went out on time, so the renewal was processed correctly."
    warm = f"I'm so sorry about the £120 charge on 3 June, though {defence} I'll refund it in full today as an exception."
    cold = f"Our records show the reminder emails went out on time, so the renewal was processed correctly. You can turn off renewal in settings."
    assert met("tone", warm)
    f = check("tone", cold)
    assert f.met is False and "cold" in f.message


def test_a_reply_written_as_case_notes_is_cold():
    text = ("Delivery missed Tuesday. Customer took the morning off. Next slot two weeks away. "
            "Action: rebook Saturday morning, refund the delivery fee, confirmation by text today.")
    f = check("tone", text)
    assert f.met is False and "case notes" in f.message


# ----------------------------------------------------------------- phrasings the tuned sets never used (issue 5)
# Each family below is written in several wordings so a fix has to catch the meaning, not one phrase.

# a reply built around one line, so a check's verdict can be compared with and without it
OPENING = "I'm sorry your parcel, order 4471, is three weeks late and that nobody called you back after two calls."
CLOSING = "I'll chase the courier myself today and call you by 4 pm with a delivery date."


@pytest.mark.parametrize("text", [
    "You'd need to contact the courier directly about that.",
    "You will have to take this up with the manufacturer, I'm afraid.",
    "That's a different department, so you'd need to ring them on the number on your invoice.",
    "Your best bet is to get in touch with the seller.",
    "I can give you the courier's phone number so you can chase them.",
    "You'll want to contact your bank, as they handle disputed payments.",
])
def test_sending_the_customer_elsewhere_as_the_whole_answer_is_deflection_and_a_bare_refusal(text):
    assert met("no_blame", text) is False, text
    assert met("no_bare_refusal", text) is False, text
    assert met("offers_action", text) is False, text


@pytest.mark.parametrize("text", [
    "That's handled by our delivery partner.",
    "Billing is a separate team from us.",
    "That sits with another department.",
    "Please contact your bank, as they handle disputed payments.",
    "Ring them on 0300 123 456 and they'll sort it.",
])
def test_naming_someone_else_as_the_owner_of_the_problem_is_deflection(text):
    assert met("no_blame", text) is False, text


@pytest.mark.parametrize("text", [
    "You won't need to contact the courier: I'll chase them this morning.",
    "I'll contact the courier myself and ring you back by 4 pm.",
    "The courier has the parcel, so I'll call them now and book a new slot for tomorrow.",
])
def test_the_agent_contacting_a_third_party_is_an_action_not_a_hand_off(text):
    assert met("no_blame", text), text
    assert met("no_bare_refusal", text), text
    assert met("offers_action", text), text


@pytest.mark.parametrize("text", [
    "Sorry for any inconvenience.",
    "We apologise for any inconvenience caused.",
    "Apologies for any trouble this has caused you.",
    "We regret any disruption to your service.",
    "Unfortunately the parcel is still with the courier.",
    "I'm sorry, but that isn't something we can change.",
    "Sorry, but refunds are only given within 14 days. I can offer a voucher instead.",
    "I'm sorry, but the warranty doesn't cover drops, though I can offer a discounted repair.",
    "We are sorry for the inconvenience caused by the courier.",
])
def test_a_stock_apology_a_regret_word_or_a_sorry_that_opens_a_refusal_owns_nothing(text):
    assert met("apologizes_or_owns", text) is False, text


@pytest.mark.parametrize("text", [
    "I'm sorry for the inconvenience of a second wasted day off.",
    "I apologise that nobody called you back.",
    "Unfortunately we missed your slot, and that's our fault.",
    "Sorry, but the good news is I can send a new one today.",
    "I'm so sorry for the mix-up with order 4471.",
])
def test_an_apology_tied_to_what_happened_still_counts(text):
    assert met("apologizes_or_owns", text), text


@pytest.mark.parametrize("line", [
    "I'd ask you to keep it civil while I look into this.",
    "There's no need for that sort of language.",
    "If you'd calmed down earlier we could have sorted this sooner.",
    "As I was saying, the engineer's slot was eight to twelve.",
    "Let's keep this respectful, please.",
    "I'll carry on once you stop swearing at me.",
])
def test_policing_or_scolding_the_caller_politely_is_blame_and_a_cold_tone(line):
    reply = f"{OPENING} {line} {CLOSING}"
    assert met("no_blame", line) is False, line
    assert met("tone", reply) is False, line
    assert met("tone", f"{OPENING} {CLOSING}")   # the same reply without the line is warm


@pytest.mark.parametrize("text", [
    "You'll need to fill in the claim form on our website.",
    "Please send us photos of the damage.",
    "You can call back tomorrow when the team is in.",
    "I'd suggest you contact us again next week.",
    "I would recommend that you reset the router.",
    "Just let us have the receipt and the returns form.",
])
def test_steps_only_the_customer_takes_are_not_the_agents_offer(text):
    assert met("offers_action", text) is False, text


@pytest.mark.parametrize("text", [
    "Once you've sent the photos, we'll take a look.",
    "Once we receive the form, we can process the refund.",
    "We'll refund you as soon as you've returned the item.",
    "That's handled by our returns team, and they'll be in touch when you post it back.",
])
def test_an_action_that_waits_on_the_customer_doing_the_work_first_is_not_an_offer(text):
    assert met("offers_action", text) is False, text


@pytest.mark.parametrize("text", [
    "That's really one for the courier to answer.",
    "We aren't the right people to ask about that.",
    "I'm only able to help with billing, I'm afraid.",
    "That's outside what I can help with here.",
    "You can reach them on 0300 123 456.",
    "I'd recommend contacting the manufacturer, as it's under their warranty.",
])
def test_drawing_the_agents_remit_around_the_problem_is_a_hand_off(text):
    assert met("no_blame", text) is False, text
    assert met("no_bare_refusal", text) is False, text
    assert met("offers_action", text) is False, text


def test_taking_a_look_or_a_few_days_is_not_taking_responsibility():
    assert met("apologizes_or_owns", "We'll take a look at it tomorrow.") is False
    assert met("apologizes_or_owns", "Refunds take 5 days, and we take no chances.") is False
    assert met("apologizes_or_owns", "We'll take full responsibility for this.")


def test_sorry_you_have_had_a_bad_time_is_not_blame():
    assert met("no_blame", "I'm sorry you've had a miserable week with this.")
    assert met("no_blame", "You've had two chances to return it already.") is False


@pytest.mark.parametrize("text", [
    "I'll fill in the claim form for you with what you've told me.",
    "I'd suggest a replacement, and I'll send it today.",
    "Let me cancel the order now.",
    "I'll send the label today, and once it's back I'll refund the £40.",
    "I'll book the engineer now, and I'll call you when you're home this evening.",
])
def test_the_agent_doing_the_step_is_still_an_offer(text):
    assert met("offers_action", text), text


@pytest.mark.parametrize("text", [
    "That's handled by the courier, so you'll need to call them. Is there anything else I can help with?",
    "We can't refund it, and that's the policy. Thank you for your understanding.",
    "As I said, the form has to go in online. Let me know if you need anything else.",
])
def test_a_stock_sign_off_after_a_cold_reply_is_not_a_warm_close(text):
    assert met("closes_warmly", text) is False, text


@pytest.mark.parametrize("line", [
    "You said nobody answered when you rang the depot, and that's not good enough.",
    "You mentioned you hung up after forty minutes on hold, which I completely understand.",
    "You said you were told to calm down last time, and I'm sorry.",
    "As you said, you've already complained twice.",
])
def test_the_customers_words_reported_without_quotation_marks_are_not_the_agent_scolding(line):
    assert met("no_blame", line), line
    assert met("tone", f"{OPENING} {line} {CLOSING}"), line


@pytest.mark.parametrize("line", [
    "You said you'd send it, but you never sent the form.",
    "You told me the parcel came, so you should have checked it then.",
])
def test_blame_after_reporting_the_customer_is_still_the_agents(line):
    assert met("no_blame", line) is False, line
    assert met("tone", f"{OPENING} {line} {CLOSING}") is False, line


def test_quoting_the_customers_exclamations_is_not_the_agent_shouting():
    quoted = (f'You wrote "this is a JOKE!!", and after three weeks I can see why. {OPENING} {CLOSING} '
              "Thank you for your patience.")
    assert met("tone", quoted)
    assert met("tone", quoted.replace('"this is a JOKE!!"', "this is a JOKE!!")) is False


# ----------------------------------------------------------------- the engine and rubrics

def _rubric(criteria, pass_mark=70):
    return Rubric.from_dict("r", {"title": "R", "pass_mark": pass_mark, "criteria": criteria})


def test_the_score_is_the_share_of_applicable_weight_met():
    rubric = _rubric([{"check": "apologizes_or_owns", "weight": 3}, {"check": "offers_action", "weight": 1},
                      {"check": "paraphrases_facts", "weight": 6}])
    result = grade("I'm sorry about this.", rubric, Context())
    assert [f.met for f in result.findings] == [True, False, None]
    assert result.score == 75 and result.passed


def test_a_missed_required_criterion_fails_whatever_the_score():
    rubric = _rubric([{"check": "apologizes_or_owns", "weight": 9}, {"check": "offers_action", "weight": 1, "required": True}])
    result = grade("I'm sorry about this.", rubric, Context())
    assert result.score == 90 and not result.passed


def test_results_follow_the_grader_contracts_json_shape():
    rubric = _rubric([{"check": "apologizes_or_owns", "weight": 1, "key": "apology"}])
    data = grade("I'm sorry the parcel is late.", rubric, CTX).to_dict()
    assert data == {"score": 100, "passed": True, "criteria": [
        {"key": "apology", "met": True, "message": data["criteria"][0]["message"], "spans": [[4, 9]]}]}
    json.dumps(data)


def test_findings_point_to_a_lesson_which_the_context_or_criterion_can_override():
    rubric = _rubric([{"check": "offers_action", "weight": 1}, {"check": "tone", "weight": 1, "lesson": "four-missteps"}])
    result = grade("Sorry.", rubric, Context(lessons={"offers_action": "bend-without-breaking"}))
    assert [f.lesson for f in result.findings] == ["bend-without-breaking", "four-missteps"]
    assert CHECKS["acknowledges_specifically"].lesson == "vent-and-emotions"


def test_every_check_has_a_title_a_lesson_and_a_docstring():
    assert len(CHECKS) == 14
    for key, check_ in CHECKS.items():
        assert check_.key == key and check_.title and check_.lesson and len(check_.doc) > 80


def test_grading_is_deterministic_and_returns_one_finding_per_criterion():
    rubric = _rubric([{"check": k, "weight": 1} for k in CHECKS])
    first, second = grade(GOOD, rubric, CTX), grade(GOOD, rubric, CTX)
    assert first == second and len(first.findings) == len(CHECKS)
    assert isinstance(first, Result) and all(isinstance(f, Finding) for f in first.findings)


def test_an_empty_reply_scores_zero_with_a_message_to_write_something():
    rubric = _rubric([{"check": "no_blame", "weight": 1}])
    result = grade("   ", rubric, CTX)
    assert result.score == 0 and not result.passed and "Write a reply" in result.findings[0].message


def test_spans_always_point_inside_the_reply():
    rubric = _rubric([{"check": k, "weight": 1} for k in CHECKS])
    for text in (GOOD, STUFFED, "No. You should have read the email!! Whatever.", "I\u2019m SO sorry\u2026 \u201cno\u201d"):
        for f in grade(text, rubric, CTX).findings:
            assert all(0 <= a < b <= len(text) for a, b in f.spans), (f.key, f.spans)


@pytest.mark.parametrize("data, where", [
    ({"title": "x", "pass_mark": 70, "criteria": [{"check": "no_such_check", "weight": 1}]}, "criteria[0].check"),
    ({"title": "x", "pass_mark": 70, "criteria": [{"check": "tone", "weight": 0}]}, "criteria[0].weight"),
    ({"title": "x", "pass_mark": 70, "criteria": [{"check": "tone", "weight": 1},
                                                  {"check": "no_blame", "weight": "ten"}]}, "criteria[1].weight"),
    ({"title": "x", "pass_mark": 120, "criteria": [{"check": "tone", "weight": 1}]}, "pass_mark"),
    ({"title": "x", "pass_mark": 70, "criteria": [{"check": "tone", "weight": 1, "params": {"min_words": "x"}}]},
     "criteria[0].params.min_words"),
    ({"title": "x", "pass_mark": 70, "criteria": [{"check": "tone", "weight": 1, "params": {"max_wrds": 9}}]},
     "criteria[0].params.max_wrds"),
    ({"title": "x", "pass_mark": 70, "criteria": [{"check": "paraphrases_facts", "weight": 1,
                                                   "params": {"facts": [{"label": "a"}]}}]},
     "criteria[0].params.facts[0].any_of"),
    ({"title": "x", "pass_mark": 70, "criteria": [{"check": "tone", "weight": 1}, {"check": "tone", "weight": 2}]},
     "criteria[1].key"),
    ({"title": "x", "pass_mark": 70, "criteria": []}, "criteria"),
    ({"title": "x", "pass_mark": 70, "criteria": [{"check": "tone", "weight": 1, "required": "yes"}]},
     "criteria[0].required"),
])
def test_an_invalid_rubric_names_the_criterion_and_field(data, where):
    with pytest.raises(RubricError) as err:
        Rubric.from_dict("bad", data)
    assert where in str(err.value)


def test_criterion_defaults_and_params_are_validated_with_defaults_filled_in():
    rubric = _rubric([{"check": "tone", "weight": 2.5}])
    assert rubric.criteria == [Criterion("tone", 2.5, False, {"min_words": 25, "max_words": 180})]


# ----------------------------------------------------------------- the built-in rubric and course

yaml = pytest.importorskip("yaml")


def _service_recovery():
    data = yaml.safe_load((COURSE / "rubrics.yaml").read_text())
    return Rubric.from_dict("service-recovery", data["service-recovery"])


def _exercises():
    out = []
    for path in sorted(COURSE.glob("*/exercises.yaml")):
        out.extend(yaml.safe_load(path.read_text()) or [])
    return out


def test_the_service_recovery_rubric_uses_every_general_check_with_all_but_four_required():
    rubric = _service_recovery()
    assert rubric.pass_mark == 70 and rubric.title
    assert {c.check for c in rubric.criteria} == set(CHECKS) - {"goes_after_cause"}  # for recurring faults only
    assert {c.check for c in rubric.criteria if not c.required} == {
        "asks_clarifying_question", "paraphrases_facts", "states_next_steps", "closes_warmly"}


def test_shouting_or_rambling_fails_the_service_recovery_rubric_whatever_it_scores():
    # the coach's bar (labelled/README.md): tone must hold, as the other missteps must
    shouted = GOOD.replace("I'll track it down with the courier myself", "I WILL TRACK IT DOWN WITH THE COURIER MYSELF")
    result = grade(shouted, _service_recovery(), CTX)
    assert not result.passed and result.score >= 70
    assert [f.key for f in result.findings if f.met is False] == ["tone"]


def test_a_re_ask_fails_the_service_recovery_rubric_whatever_it_scores():
    text = GOOD.replace("So I can reach you, could you please tell me the best number for this afternoon?",
                        "So I can find it, could you please give me your order number?")
    result = grade(text, _service_recovery(), CTX)
    assert not result.passed and result.score >= 70
    assert {f.key for f in result.findings if f.met is False} == {"no_reask", "asks_clarifying_question"}


def test_an_apology_taken_back_by_but_fails_the_service_recovery_rubric_whatever_it_scores():
    # the coach's bar (labelled/README.md): a "but" that takes the apology back fails the reply, even when every
    # other criterion holds; the apology itself still counts, so only no_undoing_but is marked
    text = ("I'm so sorry your parcel 4471 is now three weeks late and nobody called you back after two calls, "
            "but the delivery date was only ever an estimate. I'll track it down with the courier myself and call you by 4 pm "
            "today with a delivery date. So I can reach you, could you please tell me the best number for this afternoon? "
            "Thank you for your patience, and is there anything else I can help with?")
    result = grade(text, _service_recovery(), CTX)
    assert not result.passed
    assert "no_undoing_but" in {f.key for f in result.findings if f.met is False}
    assert {f.key: f.met for f in result.findings}["apologizes_or_owns"] is True


def test_an_over_promise_fails_the_service_recovery_rubric_whatever_it_scores():
    text = GOOD.replace("and call you by 4 pm today with a delivery date", "and I guarantee it reaches you by 4 pm today")
    result = grade(text, _service_recovery(), CTX)
    assert not result.passed and result.score >= 70
    assert [f.key for f in result.findings if f.met is False] == ["no_overpromise"]


def test_keyword_stuffing_fails_the_service_recovery_rubric():
    result = grade(STUFFED, _service_recovery(), CTX)
    assert not result.passed
    assert {f.key for f in result.findings if f.met is False} >= {"acknowledges_specifically", "paraphrases_facts"}


def test_a_good_reply_passes_the_service_recovery_rubric():
    result = grade(GOOD, _service_recovery(), CTX)
    assert result.passed and result.score == 100, [(f.key, f.message) for f in result.findings if not f.met]


def test_every_exercises_model_answer_passes_and_its_poor_reply_fails():
    exercises = _exercises()
    if not exercises:
        pytest.skip("no exercises yet")
    rubric = _service_recovery()
    for ex in exercises:
        ctx = Context(customer=ex["customer"], key_facts=ex.get("key_facts") or [])
        model, poor = grade(ex["model_answer"], rubric, ctx), grade(ex["poor_reply"], rubric, ctx)
        assert model.passed, (ex["slug"], [(f.key, f.message) for f in model.findings if not f.met])
        assert not poor.passed, ex["slug"]


# ----------------------------------------------------------------- issue 5, third round

@pytest.mark.parametrize("text", [
    "I'm sorry about this. I'll look into it and someone will get back to you.",
    "I'm sorry the parcel is late. I'll pass it on to the relevant team.",
    "I'm sorry about the delay. I'll raise it with my manager and look into it.",
    "Apologies for the wait. We'll flag it up with head office.",
    "I'm sorry. I will feed that back to the team today.",
])
def test_a_vague_intention_handed_to_unnamed_people_is_not_an_offer(text):
    assert met("offers_action", text) is False


@pytest.mark.parametrize("text", [
    "I'm sorry about the delay. I'll pass it to the courier's claims team and refund your fee now.",
    "I'm so sorry. I'll look into it personally and call you back by 3 pm with what I find.",
])
def test_a_named_fix_beside_the_hand_on_is_still_an_offer(text):
    assert met("offers_action", text) is True


@pytest.mark.parametrize("text", [
    "It's just one day late, so there's no real harm done here.",
    "To be fair, it was only a couple of hours late this time.",
    "It's only a small charge and it will drop off your statement.",
    "I know, but that's hardly a big delay for a made-to-order sofa.",
    "Honestly, it's not the end of the world; the parcel will come.",
])
def test_minimising_what_happened_to_the_customer_is_belittling(text):
    assert met("no_blame", text) is False


def test_saying_an_order_was_small_is_not_minimising_the_problem():
    assert met("no_blame", "I know it was not a big order, but you deserved better, and I'll refund it today.") is True


@pytest.mark.parametrize("text", [
    "Although I can see you cancelled at the front desk on 28 February, our records still show the membership as "
    "active, which is why the £45 was taken twice. I've cancelled it now and I'll refund both payments today.",
    "I understand you've waited in for the engineer twice this week, but the visits are allocated by our field team. "
    "I've booked you the first slot tomorrow morning and I'll text you the engineer's name tonight.",
])
def test_an_acknowledgement_before_a_defence_still_warms_a_reply_that_fixes_things(text):
    assert met("tone", text) is True


@pytest.mark.parametrize("text", [
    "Sorry to say there's nothing more I can do about the refund now; it's with finance and they work to their own "
    "timescales. Thanks for calling.",
    "Okay, I understand, but the refund is handled by our finance team and they set their own timescales for these "
    "things, so it will arrive when it arrives.",
])
def test_a_regret_word_or_a_bare_i_understand_before_a_defence_does_not_warm_it(text):
    assert met("tone", text) is False


@pytest.mark.parametrize("text", [
    "There's really not a lot I can do from here, I'm afraid.",
    "I'm sorry, but refunds aren't given on sale items.",
    "Replacements are not offered once the item has been used.",
])
def test_a_rule_stated_as_a_closed_door_is_a_bare_refusal(text):
    assert met("no_bare_refusal", text) is False


@pytest.mark.parametrize("text", [
    "We can't be blamed for the weather delaying the van.",
    "As it says in our terms and conditions, delivery dates are not guaranteed.",
    "As set out in the small print, the fee is non-refundable.",
    "The parcel is still within the estimated delivery window, so it should come soon.",
    "With respect, it was you who chose the economy delivery option.",
    "You were told at the time that it could take up to three weeks.",
    "As you were informed in the confirmation email, the date was only an estimate.",
])
def test_defending_the_company_with_the_small_print_or_the_customers_choice_is_blame(text):
    assert met("no_blame", text) is False


@pytest.mark.parametrize("text", [
    "I'm so sorry you were told it would arrive on Monday; I'll send a replacement by express today.",
    "With respect to your order, I've refunded the delivery fee this morning.",
    "Your return is still within the 30-day window, so I'll refund it in full today.",
])
def test_sympathy_and_good_news_in_similar_words_are_not_blame(text):
    assert met("no_blame", text) is True


@pytest.mark.parametrize("text", [
    "I'm sorry. I'll make sure the right people know about it.",
    "I'm sorry. I'll escalate this internally and someone will contact you.",
    "I'm sorry about the wait. I've made a note on your account.",
    "I'm sorry. We have passed it on to the delivery team.",
])
def test_a_note_or_a_hand_on_to_unnamed_people_is_not_an_offer(text):
    assert met("offers_action", text) is False


# Round 5: who is the subject decides. The agent taking a problem to a third party, the details of a party the
# agent has sent, and "just" softening a polite request are not blame; the customer sent elsewhere still is.
@pytest.mark.parametrize("text", [
    "I'm sorry the parcel went missing. I'll take it up with the carrier myself and ring you by noon.",
    "That's on us. We will take this up with the installer today and call you at 3 pm.",
    "I've booked the van to collect it tomorrow, and I'll email you the driver details by 5 pm.",
    "So I find the right booking, could you just give me the postcode for the new address?",
    "Would you just confirm the best number to reach you on this afternoon?",
])
def test_the_agent_acting_or_softening_a_polite_request_is_not_blame(text):
    assert met("no_blame", text) is True


@pytest.mark.parametrize("text", [
    "You'll have to take it up with the carrier, I'm afraid.",
    "Just read the confirmation email, it explains everything.",
    "If you just read the terms you'd have seen the fee.",
])
def test_the_customer_sent_elsewhere_or_talked_down_to_is_still_blame(text):
    assert met("no_blame", text) is False


# Round 5: a negated verb in the clause before the agent's "I"/"we" belongs to that clause, so "if it still
# doesn't connect I'll send an engineer" is an offer; "nothing I can do" (the agent's own verb) is still not.
@pytest.mark.parametrize("text", [
    "I'm sorry. If the new code doesn't arrive within the hour I'll post a replacement card today.",
    "Sorry about this. If the fix does not hold we will send an engineer out on Thursday morning.",
])
def test_a_negated_condition_before_the_agents_clause_leaves_the_offer_standing(text):
    assert met("offers_action", text) is True


def test_nothing_the_agent_can_do_is_still_no_offer():
    assert met("offers_action", "I'm sorry, there's nothing I can do about the fee.") is False


# Round 5: asking the customer to redo a step "one more time" is the same burden as "again" or "once more".
@pytest.mark.parametrize("text", [
    "Could you please reset the modem one more time for me?",
    "Can you resend the form one more time so I can check it?",
])
def test_asking_the_customer_to_redo_a_step_one_more_time_is_a_burden(text):
    assert met("no_blame", text) is False


# Round 5: the agent's work already in hand, in the present progressive, is an offer and a next step.
@pytest.mark.parametrize("text", [
    "I'm so sorry. I'm tracing the parcel with the depot now and will ring you at 2 pm with an answer.",
    "That's on us. We're reviewing the meter readings today and I'll email you the corrected bill by 5 pm.",
])
def test_work_the_agent_has_in_hand_is_an_offer(text):
    assert met("offers_action", text) is True
    assert met("states_next_steps", text) is True


# Round 5: a clock time is the hour with optional minutes after a colon or a dot ("by 11.45", "at 3.15pm"),
# and a two-digit hour counts ("by 10"); an amount in pounds is not a time.
@pytest.mark.parametrize("text", [
    "I'm sorry about this. I'll ring you back by 11.45 with the new date.",
    "I'm sorry. I'll email you the label at 3.15pm today.",
    "Sorry for the wait. I'll call you back by 10 with the engineer's slot.",
])
def test_dotted_and_two_digit_clock_times_are_times(text):
    assert met("states_next_steps", text) is True


def test_an_amount_with_pence_is_not_a_time():
    assert met("states_next_steps", "I'm sorry. I'll refund the £12.30 and call you back.") is False


# Round 5: "sorry, but..." is an apology unless what follows the "but" is a refusal; the "but" itself is
# no_undoing_but's to judge, so the same fault is not marked twice. It warms nothing for tone.
@pytest.mark.parametrize("text", [
    "I'm sorry, but the courier's scan shows it at the depot, so I'll have it sent out again today.",
    "I'm really sorry, but the engineer's notes say the part was fitted; I'll send someone back on Friday.",
])
def test_sorry_but_turning_to_something_other_than_a_no_is_still_an_apology(text):
    assert met("apologizes_or_owns", text) is True
    assert met("no_undoing_but", text) is False


@pytest.mark.parametrize("text", [
    "I'm sorry, but that model isn't covered, so we can't replace it.",
    "I'm sorry, but we're unable to refund sale items.",
])
def test_sorry_but_opening_a_refusal_is_no_apology(text):
    assert met("apologizes_or_owns", text) is False


# Round 5: what the agent can do may come before the "no": the customer already has somewhere to go.
@pytest.mark.parametrize("text", [
    "I'll refund the delivery fee for you today. We don't offer vouchers on top of that, I'm afraid.",
    "I can rebook the fitter for Thursday morning. Sadly we can't waive the call-out charge.",
])
def test_an_offer_made_before_the_refusal_keeps_it_from_being_bare(text):
    assert met("no_bare_refusal", text) is True


def test_a_refusal_with_no_offer_anywhere_is_still_bare():
    assert met("no_bare_refusal", "I'm sorry about the delay. We don't offer vouchers for late deliveries.") is False


# Round 5: a call-back in any wording ("give you a call", "drop you a line") needs its own time, and "a few
# days" names no day the customer can hold the agent to.
@pytest.mark.parametrize("text", [
    "I'm sorry. I'm chasing the depot now, and I'll give you a ring later once I hear.",
    "Sorry about this. I'll raise it with billing and drop you a line when it's done.",
    "I'm sorry. The team will be in touch in the next few days.",
    "I'm sorry. You'll receive the refund within a few days.",
])
def test_an_untimed_call_back_or_a_few_days_is_no_next_step(text):
    assert met("states_next_steps", text) is False


@pytest.mark.parametrize("text", [
    "I'm sorry. I'm chasing the depot right now, and I'll give you a call by 3 pm.",
    "I'm sorry. You'll receive the refund within 5 working days.",
])
def test_a_timed_call_back_in_other_words_is_a_next_step(text):
    assert met("states_next_steps", text) is True


# Round 5: the cause put elsewhere by comparison ("rather than ours"), the failure explained by the staff's
# workload, hindsight about what the customer could have done, "the best thing is to ring them", the wrong
# option that "gets picked", and the customer's signature or a party's records held up as proof are blame.
@pytest.mark.parametrize("text", [
    "That was a packing slip from the depot rather than us, I'm afraid.",
    "It looks like a supplier mistake rather than ours.",
    "Our engineers have had a really busy fortnight, so the drivers have been having a hectic week and visits slipped.",
    "The drivers have had an incredibly tough week with the snow.",
    "Booking a week earlier would have helped with the wedding date.",
    "Measuring the doorway first could have avoided this.",
    "The best thing to do is to call the manufacturer on their helpline.",
    "Sometimes the wrong colour gets selected at checkout.",
    "The delivery note was signed on Friday, so it counts as delivered.",
    "The courier's records show the parcel as delivered at 2 pm.",
])
def test_deflection_by_comparison_workload_hindsight_or_proof_is_blame(text):
    assert met("no_blame", text) is False


@pytest.mark.parametrize("text", [
    "I know it's been a really tough week for you, and I'm sorry.",
    "Ordering the replacement now, I'll have it with you by Thursday.",
    "The best thing I can do is send a new one today.",
    "I'm sorry the wrong size was sent; I'll swap it today.",
])
def test_sympathy_the_agents_step_and_admitting_our_mistake_are_not_blame(text):
    assert met("no_blame", text) is True


# Round 5: advice with any gerund ("I'd recommend setting a reminder") is the customer's step, not the agent's offer.
@pytest.mark.parametrize("text", [
    "I'm sorry, we can't refund it. I'd recommend keeping the receipt somewhere safe next time.",
    "I'm sorry about that. I would suggest checking the postcode before you order.",
])
def test_recommending_a_step_to_the_customer_is_not_an_offer(text):
    assert met("offers_action", text) is False


def test_the_agent_recommending_and_doing_is_still_an_offer():
    assert met("offers_action", "I'm sorry. I'd recommend the express option, so I'll upgrade your delivery for free today.") is True


# Round 5: looking into it with a third party names no fix, and an action inside "everything we can" is the
# stock promise; raising it with the party who can act, or a named fix, still counts.
@pytest.mark.parametrize("text", [
    "I'm sorry about the missing parcel. I'll look into it with the depot.",
    "Sorry about this. We will do all we can to sort the matter out for you.",
    "I'm sorry. We'll do whatever we can to fix this.",
])
def test_looking_into_it_with_someone_or_everything_we_can_is_not_an_offer(text):
    assert met("offers_action", text) is False


@pytest.mark.parametrize("text", [
    "I'm sorry about the missing parcel. I'll raise it with the depot and send a replacement today.",
    "I'm sorry. What we can do is refund the fee today.",
])
def test_a_named_step_with_a_third_party_is_still_an_offer(text):
    assert met("offers_action", text) is True


# Round 5: a re-ask is about the thing the question asks for (the first thing it names), not every word near it;
# a question about what happens next, or for a copy of something the customer only mentioned, asks for something new.
_RECEIPT = Context(customer="I returned the jacket to your Leeds store on 2 May and they gave me a paper receipt. "
                            "Order 5521 still hasn't been refunded.",
                   key_facts=[{"label": "returned on 2 May", "any_of": ["2 may", "may 2", "paper receipt"]},
                              {"label": "order 5521", "any_of": ["5521"]}])


@pytest.mark.parametrize("text", [
    "Could you please confirm the email address you'd like the refund note sent to for order 5521?",
    "Could you please send me a photo of the paper receipt, so I can attach it to the claim?",
    "Would you let me know which days next week you're at home, in case the store needs to call?",
])
def test_a_new_request_that_mentions_what_the_customer_said_is_not_a_reask(text):
    assert met("asks_clarifying_question", text, _RECEIPT) is True


@pytest.mark.parametrize("text", [
    "Could you please tell me the order number again?",
    "Could you confirm which store you returned it to?",
])
def test_asking_again_for_what_the_customer_gave_is_still_a_reask(text):
    assert met("asks_clarifying_question", text, _RECEIPT) is False


def test_hindsight_needs_the_customers_step_as_its_subject():
    assert met("no_blame", "I'm sorry. A quicker courier would have helped, so I've upgraded yours for free today.") is True
    assert met("no_blame", "Checking the size chart first would have helped here.") is False


# Round 5: "but to be fair/honest" argues; it is not a "but to put it right..." that goes on to the fix.
@pytest.mark.parametrize("text", [
    "I'm sorry the van was late, but to be fair the roads were closed all morning.",
    "I'm sorry about the bill, but to be honest the meter reading never reached us.",
])
def test_but_to_be_fair_takes_the_apology_back(text):
    assert met("no_undoing_but", text) is False


def test_a_partys_own_records_held_up_as_proof_are_a_defence():
    assert met("no_blame", "The driver's records show it was delivered on time.") is False


# ------------------------------------------------- no_blame: who is at fault, who has to act (round 6)

@pytest.mark.parametrize("line", [
    # the customer sent to complain to a third party, named or not
    "Deliveries go out with our partner firm, so the missed slot was mostly on their side. I'd suggest you raise it with them too.",
    "Your quickest option is to phone the depot yourself on the number below.",
    # the way forward is the customer's work
    "The easiest way forward is for you to post the forms to us again, and I'll chase them.",
    "What you could do is log in tonight and move the booking to Friday.",
    # anyone's workload offered as the reason
    "Our fitters have been really flat out since the cold snap, so a few visits slipped.",
    "It's been a hard month for all of us here, so replies are slower.",
    # the customer's kit, or what customers in general get wrong
    "The checkout can misbehave on outdated phones.",
    "It could well be a settings issue on the laptop.",
    "Quite often customers tick the wrong box on the form.",
    "The portal is working fine for other members this week.",
    # checking the customer's own account of what they did
    "Would you mind double-checking you've got the right account open?",
    "I need to weigh that against what you are saying before I refund anything.",
    # a dig at how the last call went
    "It'd help if we could both keep calm on the line this time.",
    # the problem left to fix itself, and the company's work declared right
    "These pending charges normally drop off themselves in a day or two.",
    "The meter was calibrated correctly when it was fitted.",
])
def test_deflection_digs_hints_and_work_handed_back_are_blame_in_any_wording(line):
    assert met("no_blame", line) is False, line


@pytest.mark.parametrize("line", [
    "I'll raise it with them this afternoon and call you by 4 pm with the new slot.",
    "Sorry, I rang you at 3 but the line was busy, so I'm trying again now.",
    "I know it's been a rough week for you with no heating, and I'm sorry.",
    "Once I double check your order history I'll ring you at 2 pm.",
    "I'll compare that against what you've told us and ring you back.",
    "I'll stay on the line this time until it's booked.",
    "I'm sorry you feel you've been given the brush-off by us.",
    "I'll look at the unit itself when I visit on Tuesday at 10.",
    "It should have been calibrated correctly, and that's on us.",
    "The engineer we sent on Monday did on-site tests and I've booked a follow-up.",
    "If anything else comes up, please ring back and ask for me.",
])
def test_the_agent_acting_owning_or_sympathising_is_not_blame(line):
    assert met("no_blame", line), line


@pytest.mark.parametrize("line", [
    "It may have been jolted on the van, but either way I'll collect it tomorrow.",
    "The payment page can freeze on older tablets.",
    "Duplicate holds usually release themselves within the week.",
])
def test_a_hedged_guess_at_the_cause_is_blame_but_not_a_telling_off_when_the_reply_is_warm(line):
    text = f"{OPENING} {line} {CLOSING} Thank you for bearing with us."
    assert met("no_blame", text) is False, line
    assert met("tone", text), line


@pytest.mark.parametrize("line", [
    "You may have dropped it on the way home.",
    "Booking sooner would have helped here.",
    "Three days is cutting it rather fine for a wedding.",
])
def test_blame_said_to_the_customer_or_about_their_doing_is_still_a_cold_tone(line):
    text = f"{OPENING} {line} {CLOSING} Thank you for bearing with us."
    assert met("tone", text) is False, line


@pytest.mark.parametrize("line", [
    "Before I credit anything, the depot log has to be set against what you claim.",
    "Could you double-check you're looking at the right invoice?",
])
def test_testing_the_customers_account_argues_with_it_and_is_cold_however_warm_the_rest(line):
    text = f"{OPENING} {line} {CLOSING} Thank you for bearing with us."
    assert met("no_blame", text) is False, line
    assert met("tone", text) is False, line


def test_the_agents_need_put_as_the_customers_task_is_an_order_but_the_agents_own_task_is_not():
    assert met("no_blame", "What I need from you now is the card number and the billing postcode.") is False
    assert met("no_blame", "What I need to do is ring the depot, and I'll do that straight after this call.")


# ----------------------------------------------------------------- offers: what the agent does, not what they look at

@pytest.mark.parametrize("text", [
    "I'll investigate the billing error and come back to you.",
    "We'll look at what happened with your installation.",
    "I'm going to keep a close eye on the account over the weekend.",
    "Let me pull up your booking.",
    "I'll check whether the warehouse still has one and let you know.",
    "I'll escalate this issue to the billing department.",
    "I'll scribble a quick note on your file.",
    "I'll make sure the installer hears about it.",
])
def test_looking_watching_or_routing_it_on_is_no_offer(text):
    assert met("offers_action", text) is False, text


@pytest.mark.parametrize("text", [
    "I'll cancel the second direct debit and escalate the complaint to my manager.",
    "I'll make sure you have the replacement blender by Friday.",
    "I'll look at the meter readings and call you back at 11 am with the corrected bill.",
])
def test_a_named_fix_beside_the_looking_is_still_an_offer(text):
    assert met("offers_action", text), text


@pytest.mark.parametrize("text", [
    "Pop the kettle in the post to us and we'll swap it.",
    "If the credit hasn't shown by Monday, email us and we'll chase it.",
    "Please take the lamp back to the shop, and once it is checked in we'll refund you.",
    "Once I've found your order we'll look into a new delivery.",
])
def test_a_step_that_hangs_on_the_customers_instruction_is_not_the_agents_offer(text):
    assert met("offers_action", text) is False, text


def test_an_offer_question_offers_only_what_it_points_back_to():
    assert met("offers_action", "I could look into a faster route for you. Would you like me to do that?") is False
    assert met("offers_action", "Shall I rebook the fitting for Thursday?")


@pytest.mark.parametrize("text", [
    "I can totally see why that stung.",
    "I can completely understand the worry.",
])
def test_an_adverb_before_an_empathy_verb_is_not_an_offer(text):
    assert met("offers_action", text) is False, text


@pytest.mark.parametrize("text", [
    "Right now I cancel the extra payment and put the £60 back on your card.",
    "I'm reversing the late fee today.",
    "We post the spare charger to you this afternoon.",
])
def test_the_agents_act_in_the_present_tied_to_now_is_an_offer(text):
    assert met("offers_action", text), text
    assert met("states_next_steps", text), text


@pytest.mark.parametrize("text", [
    "We send reminder emails before every renewal.",
    "I know today has been a long day for you.",
    "We were told last Tuesday that the part had gone.",
    "We are experiencing long queues today.",
    "I honestly thought the part went out today.",
])
def test_a_habit_a_state_or_the_past_is_not_an_act_now(text):
    assert met("offers_action", text) is False, text


@pytest.mark.parametrize("text, ok", [
    ("I'll phone you at 3 pm today with the new slot.", True),
    ("I'll ring the courier now and call you back by 2 pm.", True),
    ("I'll phone you at 3 pm today.", False),
    ("I'll be in touch when I hear back from them.", False),
])
def test_a_timed_report_back_on_named_work_is_an_offer(text, ok):
    assert bool(met("offers_action", text)) is ok, text


# ----------------------------------------------------------------- next steps: what happens when, to whom

@pytest.mark.parametrize("text", [
    "I'm waiving the fee. The credit reaches your account within three working days.",
    "I've approved the claim, and the payment will take 2 working days.",
    "I've cancelled the duplicate order, and the £35 will go back to your card by Monday.",
])
def test_an_outcome_with_a_timetable_is_a_next_step(text):
    assert met("states_next_steps", text), text


@pytest.mark.parametrize("text", [
    "I'll ring the depot about the missing chair, and the chair goes out on Thursday.",
    "I'll email you a prepaid bag for the old phone, and the new one arrives tomorrow.",
])
def test_contacting_a_third_party_or_sending_a_thing_is_not_an_untimed_call_back(text):
    assert met("states_next_steps", text), text


def test_an_untimed_promise_to_get_back_still_fails():
    assert met("states_next_steps", "The new one arrives tomorrow. I'll email you an update.") is False


def test_any_day_now_is_no_deadline():
    assert met("states_next_steps", "It should reach you any day now.") is False


def test_a_finished_booking_for_a_future_day_is_a_next_step():
    assert met("states_next_steps", "I've booked the fitter for Thursday morning.")


# ----------------------------------------------------------------- the seventh round (blind7-9 as teachers)

GAS_CUSTOMER = ("Third month running my gas bill is estimated. I send a meter reading through your app on the 1st and "
                "you still bill me £210 instead of about £90.")
GAS_CTX = Context(customer=GAS_CUSTOMER, key_facts=[
    {"label": "third month in a row", "any_of": ["third month", "three months"]},
    {"label": "billed £210 instead of about £90", "any_of": ["£210", "210"]},
    {"label": "readings sent through the app on the 1st", "any_of": ["through the app", "on the 1st"]},
])


@pytest.mark.parametrize("text", [
    # the facts named inside the fix, as its reason
    "I'll waive the call-out this time, since a machine that's only eight months old shouldn't leak again "
    "after our 12 March visit.",
    # a bare frame, its specifics after a semicolon
    "I'm sorry; three weeks of waiting on order 4471 is far too long.",
    # note-style fragments that play the facts back
    "Order 4471. Three weeks overdue. I have it in front of me.",
])
def test_the_customers_facts_acknowledge_them_in_a_fix_after_a_bare_frame_or_as_fragments(text):
    context = CTX if "4471" in text else Context(customer="My eight-month-old machine is leaking again after the 12 March repair.",
                                                 key_facts=[{"label": "eight months old", "any_of": ["eight months", "eight-month"]},
                                                            {"label": "repaired 12 March", "any_of": ["12 March"]}])
    assert met("acknowledges_specifically", text, context)


@pytest.mark.parametrize("text", [
    "I'm sorry. I'll chase order 4471 with the courier today.",   # one fact, inside the fix, after a bare frame
    "I hear you. Your order 4471 is with the courier.",            # a status, not the customer's problem
])
def test_a_bare_frame_before_a_fix_or_a_status_is_still_no_acknowledgement(text):
    assert not met("acknowledges_specifically", text)


def test_you_shouldnt_have_to_sides_with_the_customer_and_is_no_instruction():
    assert met("acknowledges_specifically", "Three weeks late and order 4471 still missing: you shouldn't have to chase us.")
    assert met("no_blame", "Three weeks late and order 4471 still missing: you shouldn't have to chase us.")


@pytest.mark.parametrize("text", [
    "Thanks for your patience, and tell me if anything else goes wrong.",
    "You've had a £210 bill for the third month now, and that's our mistake.",
])
def test_inviting_more_or_playing_back_what_the_customer_has_had_is_not_blame(text):
    assert met("no_blame", text)


@pytest.mark.parametrize("text", [
    "You've already had one refund on this order.",
    "You have had two replacements this year.",
    "Fine, and tell me the date it arrived.",
])
def test_holding_past_goodwill_against_the_customer_or_an_order_is_still_blame(text):
    assert not met("no_blame", text)


@pytest.mark.parametrize("text", [
    "I promise it will be completely fixed and with you by Friday.",
    "I can promise you that your line will be back up by noon.",
    "I promise the refund will be in your account by tonight.",
])
def test_promising_the_outcome_of_an_undiagnosed_fix_is_an_over_promise(text):
    assert not met("no_overpromise", text)


def test_promising_what_the_agent_controls_is_not_an_over_promise():
    assert met("no_overpromise", "I promise I'll ring you by 4 pm with what the engineer finds.")
    assert met("no_overpromise", "I can't promise it will be fixed by Friday, but I'll call you at 9 with the diagnosis.")


@pytest.mark.parametrize("text", [
    "Sorry about the three weeks on 4471. Refund issued. Replacement dispatched today.",
    "Sorry about the three weeks on 4471. Your size 9 pair is going out tonight.",
    "Sorry about the three weeks on 4471. An engineer will redo the installation on Monday.",
])
def test_note_style_and_passive_reports_of_the_fix_are_offers(text):
    assert met("offers_action", text)


@pytest.mark.parametrize("text", ["Sorry about 4471. The parcel was sent.", "Sorry about 4471. Nothing was booked."])
def test_a_past_or_negated_report_is_no_offer(text):
    assert not met("offers_action", text)


@pytest.mark.parametrize("text", [
    "I've put this month right and logged a fault so our engineers can trace where your readings go.",
    "This month's bill is fixed. I want to get to the bottom of it, so I'm getting the metering team to look into why "
    "your readings vanish.",
    "I've refunded the £120, and I'm raising it with our app team today so it stops for good.",
])
def test_a_step_aimed_at_why_the_fault_recurs_goes_after_the_cause(text):
    assert met("goes_after_cause", text, GAS_CTX, cause=["metering", "app team"])


@pytest.mark.parametrize("text", [
    "I've corrected this month's bill to £90 and refunded the difference to your card.",
    "I don't know why this keeps happening, but I've corrected the bill.",
    "I've put the bill right. If it happens again, send us a photo of the meter.",
])
def test_correcting_the_symptom_or_advising_the_customer_does_not_go_after_the_cause(text):
    finding = check("goes_after_cause", text, GAS_CTX, cause=["metering"])
    assert finding.met is False and "why it keeps happening" in finding.message


def test_a_recurring_fault_exercise_fails_a_reply_that_only_corrects_this_month():
    data = yaml.safe_load((COURSE / "rubrics.yaml").read_text())
    fix_the_cause = Rubric.from_dict("fix-the-cause", data["fix-the-cause"])
    gas = next(e for e in _exercises() if e["slug"] == "atc-estimated-gas-bill")
    assert gas["rubric"] == "fix-the-cause"
    context = Context(customer=gas["customer"], key_facts=gas["key_facts"])
    symptom = ("I'm so sorry: three months running you've been billed £210 instead of about £90, even though your reading "
               "goes in through the app on the 1st. That's our mistake. I've corrected this month's bill to £90 and I'll "
               "refund the £120 to your card by Wednesday. Could you please confirm the last four digits of that card? "
               "Thank you for your patience, and is there anything else I can help with?")
    assert grade(symptom, _service_recovery(), context).passed
    result = grade(symptom, fix_the_cause, context)
    assert not result.passed and [f.key for f in result.findings if f.met is False] == ["goes_after_cause"]
    cause = symptom.replace("Could you", "I'm also raising a fault with the metering team to find out why your readings "
                                       "aren't reaching us. Could you")
    assert grade(cause, fix_the_cause, context).passed


@pytest.mark.parametrize("text", [
    "We can't sort anything out if the call gets cut off, so let's try again.",       # the hang-up held against them
    "Sorry about 4471, the depot have been having problems lately.",                    # someone's troubles as the excuse
    "Sorry about 4471. It may be that it went to the wrong address at your end.",       # the cause guessed on their side
])
def test_scolding_a_hang_up_excusing_troubles_or_a_guess_at_their_side_is_blame(text):
    assert not met("no_blame", text)


def test_a_hedged_guess_placed_at_the_customers_end_is_blame_but_no_telling_off():
    text = ("I'm so sorry that order 4471 is three weeks late. It may be that it went to the wrong bay at your end. "
            "I'll send a new one by express today and call you by 4 pm. Thank you for your patience.")
    assert not met("no_blame", text) and met("tone", text)


@pytest.mark.parametrize("text", [
    "I'm sorry nobody picked up the notes from your last call.",                       # our failure, owned
    "Could I check home is the best place to deliver to?",                              # an address, not a hand-off
])
def test_owning_our_failure_or_asking_where_to_deliver_is_not_blame(text):
    assert met("no_blame", text)


@pytest.mark.parametrize("text", [
    "Sorry about order 4471. What I'm doing now: chasing the courier and booking a re-delivery. Calling you back at 3 pm today.",
    "Sorry about order 4471. Here's the plan: a new parcel goes out by express this afternoon.",
])
def test_a_chat_style_plan_is_an_offer(text):
    assert met("offers_action", text)


@pytest.mark.parametrize("text", [
    "Sorry about order 4471. Thank you for calling, and can I help with anything else today?",
    "Sorry about order 4471. I'll make sure all of this is noted on your file for whoever picks it up.",
    "Sorry about order 4471. I'll come back to you once I hear from the courier.",
])
def test_the_closing_offer_a_note_on_file_or_coming_back_sometime_is_no_offer(text):
    assert not met("offers_action", text)


def test_asking_for_a_snap_of_something_the_customer_has_asks_for_something_new():
    context = Context(customer="I cancelled at the desk and got a paper receipt, and you still took £45 twice.")
    assert met("no_reask", "Would you be able to snap the paper receipt and send it to me, please?", context)


# ----------------------------------------------------------------- the eighth round (blind10 and blind11 as teachers)

@pytest.mark.parametrize("text", [
    "Three weeks on order 4471 with no call back: that should never have happened.",
    "My fault entirely for not chasing order 4471 sooner.",
])
def test_saying_it_should_never_have_happened_or_my_fault_owns_it(text):
    assert met("apologizes_or_owns", text)


def test_denying_the_fault_is_still_no_ownership():
    assert not met("apologizes_or_owns", "It's not my fault order 4471 is late.")


@pytest.mark.parametrize("text", [
    "Order 4471 is late, though I'd appreciate it if we kept things civil from here.",       # the insult, policed
    "I'd ask that we stay on the line together until order 4471 is sorted.",              # the hang-up, policed
    "It's really easy to click the wrong address on our site.",                            # their slip, implied
    "Don't worry, it happens to lots of people.",                                          # their slip, shrugged off
    "Normally customers check the tracking page first.",                                   # a lecture by comparison
    "The last call ended abruptly, which made it hard for my colleague to help.",          # the hang-up, blamed
])
def test_policing_implying_their_slip_or_comparing_them_with_other_customers_is_blame(text):
    assert not met("no_blame", text)


def test_tell_me_which_suits_offers_a_choice_rather_than_giving_an_order():
    assert met("no_blame", "I've found Friday 1 to 5 or Monday 8 to 12: tell me which suits and I'll book it.")


@pytest.mark.parametrize("before, after", [
    ("I'm sorry, I really am: four calls about the refund for order 4471.", "But refunds take up to 30 days."),
    ("I'm truly sorry; three weeks is a real loss for you.", "But our records show it left on time."),
])
def test_a_but_opening_the_next_sentence_takes_back_an_apology_followed_by_a_play_back(before, after):
    assert not met("no_undoing_but", f"{before} {after}")


def test_a_but_after_a_sentence_that_already_moved_to_the_fix_takes_nothing_back():
    assert met("no_undoing_but", "I'm sorry, I'll send a new one today. But first, could you tell me the best address?")


def test_asking_which_it_was_again_is_a_re_ask_even_when_it_offers_the_values():
    context = Context(customer="I've tried to book the 30,000-mile service for two weeks and the page keeps crashing.")
    assert not met("no_reask", "Just to check, which service was it again: the 30,000-mile one or the 40,000?", context)
    assert met("no_reask", "Just to confirm, it's the 30,000-mile service you need?", context)


@pytest.mark.parametrize("text, kept", [
    ("Sorry about the crack. I'll send you a brand-new phone today by courier, no charge at all.", False),
    ("Sorry about the crack. I'll send a new handset out today, completely free.", False),
    ("A free replacement isn't something we can do for accidental damage, but I can book a repair at half price.", True),
    ("You'd like a new phone free of charge, and I can see why.", True),    # the demand played back, not promised
    ("I'll book a screen repair for tomorrow with a loan phone, free of charge.", True),   # what the shop can give
])
def test_giving_away_what_the_exercise_says_is_not_on_offer_is_an_over_promise(text, kept):
    assert met("no_overpromise", text, not_free=["new phone", "new handset", "replacement phone", "free replacement"]) is kept


def test_the_cracked_screen_exercise_fails_a_reply_that_gives_the_phone_away():
    data = yaml.safe_load((COURSE / "rubrics.yaml").read_text())
    rubric = Rubric.from_dict("outside-policy", data["outside-policy"])
    phone = next(e for e in _exercises() if e["slug"] == "ec-cracked-phone-screen")
    assert phone["rubric"] == "outside-policy"
    context = Context(customer=phone["customer"], key_facts=phone["key_facts"])
    caved = ("I'm so sorry: your Aria X2 is only 12 days old and the screen cracked when it slipped off your desk. I'll send "
             "a brand-new handset out to you today, completely free. Could you please confirm the delivery address? I'll "
             "text you the tracking number within the hour. Thank you for calling, and is there anything else I can do?")
    assert grade(caved, _service_recovery(), context).passed
    result = grade(caved, rubric, context)
    assert not result.passed and [f.key for f in result.findings if f.met is False] == ["no_overpromise"]


# ----------------------------------------------------------------- the ninth round (blind12 and blind13 as teachers)

@pytest.mark.parametrize("text", [
    "Sorry about order 4471. I cancel the old order and I send you a new one by express.",   # the present for the future
    "Sorry about order 4471. Today at 2 pm I call you with the new date.",                   # the time just before the act
])
def test_a_second_language_present_for_the_future_is_an_offer(text):
    assert met("offers_action", text)


def test_a_habit_in_the_present_is_no_offer():
    assert not met("offers_action", "Sorry about order 4471. We send reminders by email every week.")


def test_an_email_of_steps_for_the_customer_to_follow_is_no_offer():
    assert not met("offers_action", "Sorry about order 4471. You'll receive an email with the steps to follow.")


def test_which_would_help_more_offers_a_choice_rather_than_re_asking():
    context = Context(customer="Only ten of the twenty sacks on invoice 3391 came on Monday.")
    assert met("no_reask", "Which would help more: the missing ten sacks on tomorrow's van, or a credit on invoice 3391?",
               context)


def test_a_free_year_of_anything_is_an_over_promise_however_it_is_put():
    assert not met("no_overpromise", "I'll extend your warranty by a full year free to make up for it.")


def test_the_right_visit_is_no_hand_off_but_the_right_people_to_ask_are():
    assert met("no_blame", "I'll test your line first so the next visit is the right one.")
    assert not met("no_blame", "The courier is the right one to ask about that.")


def test_tone_counts_words_as_split_at_spaces_as_its_bounds_are_stated():
    # "the 11s" is two words and a dash none, however the reply is tokenised for the other checks
    text = ("I'm sorry the 11s came instead of the 9s on 4471 – that's on us. " * 12).strip()
    assert len(text.split()) == 180
    assert met("tone", text, min_words=25, max_words=180)
    assert not met("tone", text + " Thanks!", min_words=25, max_words=180)


@pytest.mark.parametrize("text, kept", [
    ("Sorry about the crack. Our policy doesn't cover accidental damage, but I can book a repair at half price.", False),
    ("Sorry about the crack. Accidental damage isn't covered under the warranty terms; I can book a repair today.", False),
    ("Sorry about the crack. Here's what I can do: a repair tomorrow at half price, with a loan phone.", True),
])
def test_where_the_exercise_forbids_a_policy_quote_quoting_policy_is_the_refusal(text, kept):
    assert met("no_bare_refusal", text, policy_is_refusal=True) is kept


def test_elsewhere_a_policy_followed_by_what_can_be_done_is_no_bare_refusal():
    assert met("no_bare_refusal", "Our policy doesn't cover accidental damage, but I can book a repair at half price.")


def test_a_link_for_the_customer_to_do_it_themselves_is_no_offer_but_a_booking_link_is_a_step():
    assert not met("offers_action", "Sorry about the crashing page. I can send you a link.")
    assert met("offers_action", "Sorry about the crashing page. I've booked you in for Tuesday and I'll email you a "
                                "confirmation link by 4 pm.")


def test_a_reply_that_misses_any_criterion_never_scores_a_perfect_100():
    rubric = _rubric([{"check": "apologizes_or_owns", "weight": 999}, {"check": "no_overpromise", "weight": 1}])
    result = grade("I'm so sorry about order 4471. I guarantee it arrives tomorrow.", rubric, CTX)
    assert [f.met for f in result.findings] == [True, False] and result.score == 99
    assert grade("I'm so sorry about order 4471.", rubric, CTX).score == 100


@pytest.mark.parametrize("text, verb", [
    ("Sorry about order 4471. I'll go ahead and rebook it for Friday.", "rebook"),
    ("Sorry about order 4471. I've gone ahead and refunded the £45.", "refunded"),
])
def test_going_ahead_and_doing_it_is_an_offer_highlighted_up_to_its_verb(text, verb):
    finding = check("offers_action", text)
    assert finding.met and any(verb in text[a:b] for a, b in finding.spans)


# ----------------------------------------------------------------- tenth round (read blind14-17; blind18-20 held out)

@pytest.mark.parametrize("text, kept", [
    ("Sorry about order 4471. I'll chase the courier now, and you'll be back up and running by teatime, I promise.", False),
    ("Sorry about order 4471. I'm sending a replacement today and it will definitely be working by Thursday.", False),
    ("Sorry about order 4471. I'll call you by 4 pm today with the delivery date, I promise.", True),
    ("Sorry about order 4471. I can't promise it'll be fixed by Friday, but I'll call you by 4 pm with the plan.", True),
])
def test_a_fix_asserted_as_certain_is_an_over_promise_but_a_step_the_agent_controls_is_not(text, kept):
    assert met("no_overpromise", text) is kept


@pytest.mark.parametrize("text, kept", [
    ("I'm sorry the visit was missed. I've booked an engineer for 8 am tomorrow and you'll be back online by noon.", False),
    ("I'm sorry it came back with the same fault. I'll have it collected tomorrow, repaired and back with you by Friday.",
     False),
    ("I'm sorry the visit was missed. It'll all be working again by the end of the day.", False),
    ("I'm sorry the visit was missed. I've booked an engineer for 8 am tomorrow and I'll call you by 4 pm today.", True),
    ("I'm sorry it came back with the same fault. I'll have it collected tomorrow and fixed properly by a senior "
     "technician, and I'll ring you by 5 pm with what they find.", True),
])
def test_where_the_fault_is_undiagnosed_promising_when_it_will_be_fixed_is_an_over_promise(text, kept):
    assert met("no_overpromise", text, fault_undiagnosed=True) is kept
    assert met("no_overpromise", text)  # elsewhere the same words make no promise the course warns about


def test_the_promised_fix_is_highlighted_with_its_time():
    text = "I'm sorry the visit was missed. I've booked an engineer for 8 am tomorrow and you'll be back online by noon."
    finding = check("no_overpromise", text, fault_undiagnosed=True)
    assert [text[a:b] for a, b in finding.spans] == ["back online by noon"]


def test_a_limit_on_what_is_free_stated_as_one_is_no_giveaway():
    text = ("A free replacement for accidental damage isn't something I'm able to arrange, but I can repair the "
            "screen at half price today.")
    assert met("no_overpromise", text, not_free=["free replacement", "new phone"])


_GIVEN = Context(customer="I returned the kettle on 2 June and you've still taken £60 from my account. My March "
                          "bill shows it twice. I'm booked in for the 30,000-mile service and nobody has called.")


@pytest.mark.parametrize("text", [
    "Shall I switch off the automatic payments so this doesn't happen again?",
    "Could you tell me which bank account the £60 came from, in case you have more than one with us?",
    "You returned it on 2 June and we still took £60?",
    "Could you tell me roughly what the missing £60 has cost you in charges?",
])
def test_an_offer_a_new_detail_or_the_facts_played_back_as_a_question_is_no_re_ask(text):
    assert met("no_reask", text, _GIVEN)


@pytest.mark.parametrize("text", [
    "Could you tell me what date you returned it, please?",
    "Could you please tell me the date the kettle was returned, so I can find it?",
    "Could you confirm which month's bill it was on?",
    "Could you just confirm which service it is you need?",
])
def test_asking_again_when_or_which_the_customer_already_said_is_a_re_ask(text):
    assert not met("no_reask", text, _GIVEN)


@pytest.mark.parametrize("text", [
    "Sorry about order 4471. I'll look into it and do what I can.",
    "Sorry about order 4471. We will endeavour to look into what went wrong and see what we can do.",
    "Sorry about order 4471. I'll look into what's happened with the courier. I'll email you an update by 4 pm.",
])
def test_looking_into_it_with_a_hedge_or_an_update_is_still_no_offer(text):
    assert not met("offers_action", text)


@pytest.mark.parametrize("text", [
    "I'm sorry you've had to chase order 4471 twice, but that's our mistake, not yours, and I'm fixing it today.",
    "I'm sorry order 4471 is late. I won't promise a free year of delivery, but I am asking the depot to track it now.",
])
def test_a_but_that_takes_the_blame_on_or_leads_into_the_agents_own_work_takes_nothing_back(text):
    assert met("no_undoing_but", text)


@pytest.mark.parametrize("text, kept", [
    ("I'm sorry about order 4471. I'll resend it today, and give me a shout if anything else comes up.", True),
    ("I'm sorry about order 4471. That's ours to sort out, not something for you to chase with the courier.", True),
    ("I'm sorry about order 4471. The warehouse packed the wrong item, which is outside my control, but I'll resend it.",
     False),
    ("I'm sorry about order 4471. That'll be the courier, I'm afraid. I'll resend it today.", False),
    ("I'm sorry about order 4471; it's nothing we did on our side. I'll resend it today.", False),
])
def test_an_invitation_or_sparing_a_chase_is_no_blame_but_putting_the_fault_out_of_reach_is(text, kept):
    assert met("no_blame", text) is kept


def test_fillers_in_a_warm_reply_are_speech_and_a_curt_fine_is_cold():
    warm = ("Right. Okay. I'm so sorry: order 4471 is three weeks late and nobody called you back. I'll chase the "
            "courier now and call you by 4 pm today. Thank you for bearing with us.")
    assert met("tone", warm, min_words=25, max_words=180)
    assert not met("tone", "Fine. " + warm[len("Right. Okay. "):], min_words=25, max_words=180)


def test_the_customers_own_insurance_policy_is_no_policy_quote():
    text = ("Sorry about the crack. I can repair it today at half price, and your home insurance policy may cover the "
            "rest.")
    assert met("no_bare_refusal", text, policy_is_refusal=True)


def test_the_facts_played_back_with_a_question_mark_acknowledge_them_but_a_real_question_does_not():
    echo = "Right, I'm sorry. Order 4471, three weeks late, and nobody rang you back after two calls?"
    assert met("acknowledges_specifically", echo)
    assert not met("acknowledges_specifically", "I'm sorry. Could you tell me whether order 4471 is three weeks late?")


# ----------------------------------------------------------------- eleventh round (read blind18-22; blind23-24 held out)

@pytest.mark.parametrize("text", [
    "I'm sorry about order 4471. The depot dispatched it late, not us, but I'll resend it today.",
    "I'm sorry about order 4471. The couriers have been useless lately. I'll resend it today.",
    "I'm sorry about order 4471. The chap who packed it is still in training. I'll resend it today.",
    "I'm sorry about order 4471, it was a slip rather than anything deliberate. I'll resend it today.",
    "I'm sorry order 4471 went astray; we're a small team trying our best. I'll resend it today.",
    "I'm sorry about order 4471. Thatll be the courier again. I'll resend it today.",
    "I'm sorry about order 4471. It was a packing mistake at the third-party warehouse. I'll resend it today.",
    "I'm sorry about order 4471. The mix-up happened on the courier side. I'll resend it today.",
    "I'm sorry about order 4471; that's the depot's backlog rather than anything we did. I'll resend it today.",
    "I'm sorry about order 4471. Our drivers are under a lot of pressure this month. I'll resend it today.",
    "I'm sorry about order 4471. Kindly note that parcels are processed within ten working days. I'll chase it.",
    "I'm sorry about order 4471. These duplicate charges usually vanish on the next statement anyway.",
])
def test_the_fault_handed_elsewhere_in_new_words_is_blame(text):
    assert not met("no_blame", text)


@pytest.mark.parametrize("text", [
    "I'm sorry about order 4471, but the driver's log says both boxes were loaded. I'll look into it.",
    "I'm sorry about order 4471, but our system shows it as delivered. I'll look into it.",
    "I'm sorry, but I'll have to confirm with the depot that only one box came before I can refund anything.",
    "I'm sorry. You apparently never got the confirmation email for order 4471? I'll resend it.",
    "I'm sorry about the faulty kettle. The workshop report shows it passed every test, so something may have "
    "happened in transit. I'll look at it again.",
])
def test_the_customers_account_doubted_with_the_companys_paperwork_is_blame(text):
    assert not met("no_blame", text)


@pytest.mark.parametrize("text", [
    "I'm sorry order 4471 is late. If you can resend the photos today, I'll pass them on.",
    "I'm sorry order 4471 is late. You can keep an eye on the tracking page for updates.",
    "I'm sorry order 4471 is late. I can give you the courier's number so you can book a new slot with them.",
    "I'm sorry the router keeps dropping. Your router should be kept away from the microwave.",
    "I'm sorry, I've got order 4471 here. Could you give me the tracking code again and forward the receipt one more time?",
    "I'm sorry order 4471 is late. Try to stay calm and I'll look into it.",
    "I'm sorry order 4471 is late. I do need you to let me finish, though.",
    "Look, we sent a voucher last time. We can't give a voucher every time a parcel is late.",
    "There's no need for that. I'll look at order 4471 now.",
])
def test_work_handed_back_and_the_customer_policed_in_new_words_are_blame(text):
    assert not met("no_blame", text)


@pytest.mark.parametrize("text", [
    "I'm so sorry. That was my mistake at the counter, nobody else's, and I'll resend order 4471 today.",
    "I'm sorry for the delay and that you had to ring three times. I'll resend order 4471 today.",
    "I'm sorry you had to chase order 4471. That's our job, not something you should have to chase with the courier.",
    "I'm sorry order 4471 is late. I'll send a new one today; post the old one back whenever it suits.",
    "I'm sorry, that isn't right. Order 4471 should have come last week, and I'll resend it today.",
    "Of course you shouldn't pay twice for order 4471. I'm sorry, and I'll refund it today.",
    "I'm sorry order 4471 is late. None of that is your problem, and I'll resend it today.",
    "I'm sorry about order 4471, and I'll fix how it's packed so we don't do this again.",
    "I'm sorry about order 4471. It was a picking error at our own warehouse, and I'll resend it today.",
])
def test_owning_it_sparing_the_customer_or_leaving_them_time_is_no_blame(text):
    assert met("no_blame", text)


def test_a_doubted_account_still_plays_the_facts_back():
    text = "I'm sorry. Order 4471 was three weeks late and you apparently got no call back? I'll resend it today."
    assert met("acknowledges_specifically", text)
    assert not met("no_blame", text)


@pytest.mark.parametrize("text", [
    "I'm sorry about order 4471. The hold-up was not from our side. I'll chase it today.",
    "I'm sorry about order 4471. It was not the fault of our sales team. I'll chase it today.",
    "I'm sorry about order 4471; the courier has it, so it's really down to them. I'll chase it today.",
    "I'm sorry order 4471 is late. The wait is the same for every customer at the moment.",
    "I'm sorry about order 4471. I can't answer for what the previous agent promised you. I'll chase it today.",
    "I'm sorry about order 4471. The delivery firm failed on Monday. I'll chase it today.",
    "I'm sorry about order 4471. The tracking page works fine, though. I'll chase it today.",
    "I'm sorry about order 4471. Maybe the wrong address was picked by mistake. I'll chase it today.",
    "I'm sorry the screen cracked. A protective case is always recommended for this.",
    "I'm sorry order 4471 is late. If you could post the damaged one back, then once it's here we'll send another.",
    "I'm sorry order 4471 is late. What I'm going to need is for you to email the receipt.",
    "I'm sorry order 4471 is late. If you can send the form over once more, I'll chase it.",
    "I'm sorry about order 4471, but go easy on the language. I'll chase it today.",
    "I'm sorry about order 4471. Please let me finish. I'll chase it today.",
])
def test_the_fault_placed_outside_or_the_work_handed_back_in_other_words_is_blame(text):
    assert not met("no_blame", text)


@pytest.mark.parametrize("text", [
    "I'm sorry about order 4471, and I'll chase it today. I'm here to help if anything else comes up.",
    "I'm sorry: this is the third time you have to call about order 4471. I'll chase it today.",
    "I'm sorry about order 4471. I can imagine the worry when the website says three more weeks. I'll chase it today.",
    "I'm sorry about order 4471. I won't promise what I can't control, but I'll chase the depot today.",
])
def test_the_customers_situation_and_an_honest_limit_are_no_blame(text):
    assert met("no_blame", text)


@pytest.mark.parametrize("text", [
    "I'm sorry about order 4471. I will look what happened.",
    "I'm sorry about order 4471. I'll try to get someone out to you.",
    "I'm sorry about order 4471. We'll have another look at it.",
])
def test_looking_or_trying_in_other_words_is_still_no_offer(text):
    assert not met("offers_action", text)


def test_a_question_word_asks_for_something_new_about_a_fact_the_customer_gave():
    assert met("no_reask", "I'm sorry. Could you tell me what time of day you usually send the reading?", GAS_CTX)
    assert not met("no_reask", "I'm sorry. What's the order number?")


def test_free_delivery_for_a_year_is_an_over_promise_with_words_between():
    assert not met("no_overpromise", "I'm sorry. I'll put free delivery on your account for the next year.")


def test_a_letters_sign_off_after_the_close_leaves_the_close_warm():
    letter = ("Dear Ms Shaw,\n\nI'm sorry order 4471 is three weeks late. I'll resend it today by tracked post and email "
              "you the number by 4 pm.\n\nThank you for your patience, and please tell me if there's anything else I can "
              "do.\n\nKind regards,\nSam Patel\nCustomer Care")
    assert met("closes_warmly", letter)
    cold = letter.replace("Thank you for your patience, and please tell me if there's anything else I can do.",
                          "Your new order number follows by email.")
    assert not met("closes_warmly", cold)


# ----------------------------------------------------------------- twelfth round (read blind25-26; blind27-28 held out)

ROUTER_CTX = Context(customer="My broadband drops every evening. I've restarted the router three times and it still cuts out.")


def test_asking_the_customer_to_redo_what_they_said_they_did_is_a_re_ask():
    assert not met("no_reask", "I'm sorry. Could you try restarting the router for me?", ROUTER_CTX)
    assert met("no_reask", "I'm sorry. Could you try unplugging the phone filter for me?", ROUTER_CTX)


@pytest.mark.parametrize("text", [
    "I'm sorry about order 4471. I've opened a case (ref. AB-1234) and will call you by 4 pm today.",
    "I'm sorry about order 4471. Once you choose a day, I'll send a confirmation text within the hour.",
    "I'm sorry about order 4471. I'm resending it today.\nWhat happens next:\n- Confirmation e-mail from me by 5pm today",
])
def test_a_reference_a_confirmation_text_or_a_listed_step_with_its_time_is_a_next_step(text):
    assert met("states_next_steps", text)


def test_on_this_occasion_is_no_time():
    assert not met("states_next_steps", "I'm sorry about order 4471. We will waive the delivery fee on this occasion.")


@pytest.mark.parametrize("text, kept", [
    ("I'm sorry about order 4471. We are prepared to refund the delivery charge.", True),
    ("I'm sorry about order 4471. I've held two delivery slots for you: Friday or Monday.", True),
    ("I'm sorry about order 4471. I will look into this and get back to you at the earliest opportunity.", False),
    ("I'm sorry about order 4471. If you send it back we'll take another look.", False),
    ("Okay. I've got the gist.", False),
])
def test_prepared_to_or_held_is_an_offer_but_looking_again_or_having_heard_is_not(text, kept):
    assert met("offers_action", text) is kept


def test_a_free_item_refused_as_not_included_is_no_giveaway():
    assert met("no_overpromise", "I'm sorry. A free replacement isn't included for drops, but I can repair it at half price.")


@pytest.mark.parametrize("text", [
    "I'm sorry about order 4471. Please make sure you are entering the address correctly next time.",
    "I'm sorry about order 4471. For anything else, see our FAQ page.",
    "I'm sorry about order 4471. Wrong sizes are most often caused by selection at checkout.",
    "I'm sorry about order 4471. We kindly request that you wait a little longer.",
    "I'm sorry about order 4471. Refunds are issued in accordance with our policy.",
    "I'm sorry about order 4471. Driver availability is limited at present.",
    "I'm sorry about order 4471. The delivery firm isn't run by us.",
    "I'm sorry about order 4471, but please bear in mind that our staff are people too.",
    "I'm sorry about order 4471, but the invoice looks right to me.",
    "Okay, I've got the gist. I'll resend order 4471 today.",
])
def test_instructing_citing_rules_or_disputing_in_other_words_is_blame(text):
    assert not met("no_blame", text)


@pytest.mark.parametrize("text", [
    "I'm sorry. Our system still shows order 4471 as delivered, but that's a mistake for us to put right.",
    "I'm sorry order 4471 is late. I'll resend it today, and if anything else crops up, please ring.",
])
def test_the_companys_record_owned_as_a_mistake_or_an_invitation_is_no_blame(text):
    assert met("no_blame", text)


def test_a_form_letter_with_nothing_warm_is_cold_but_a_warm_letter_is_not():
    form = ("Dear Customer,\nWe acknowledge receipt of your complaint about order 4471. It will be processed in due "
            "course and you will be informed of the outcome.\nRegards,\nCustomer Services")
    assert not met("tone", form, min_words=25, max_words=180)
    warm = ("Dear Customer,\nI'm so sorry order 4471 is three weeks late. I'm resending it today by tracked post and "
            "will email you the tracking number by 4 pm.\nThank you for your patience,\nSam")
    assert met("tone", warm, min_words=25, max_words=180)
