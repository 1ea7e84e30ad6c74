"""Word lists for the typo tolerance in text.py.

TYPO_KEYWORDS are the words the checks look for; a misspelling of one of them
is read as the keyword. PROTECTED_WORDS are real English words that sit within
the same edit distance of a keyword ("worry" of "sorry", "pleased" of "please"),
so they are never "corrected". The protected list was derived once from a
standard English word list; it is data, not code.
"""

TYPO_KEYWORDS = frozenset(
    """
    absolutely address afternoon although annoying anything apologies apologize
    apologized apologizing apology appreciate appreciated arrange arranged
    awful before certainly confirm confirmation december definitely delivery
    disappointed disappointing disappointment escalate evening everything
    experience february friday frustrated frustrating frustration guarantee
    honestly hours however imagine immediately impossible inconvenience
    inconvenienced investigate january minutes mistake monday morning nothing
    november number obviously october ourselves ownership patience personally
    please policy possible priority problem receive received refund refunded
    replacement responsibility responsible saturday schedule scheduled
    september sincerely situation something sorry stressful sunday terrible
    thank thanks thursday tomorrow tonight tuesday unable unacceptable
    understand understandable understanding understood unfortunately upsetting
    wednesday whatever within yourself
    """.split()
)

PROTECTED_WORDS = frozenset(
    """
    absolute absolutes absolutest acceptable afternoons alloying analogies
    annexing annoyingly anteing anythings apologia apologias apologise
    apologised apologises apologising apologist apologists apologizes
    appreciable appreciates appreciative arraigned arranger arrangers arranges
    arrayed barraged besetting cannoning certain certainty citation
    confirmations confirms confiscation conform conformation conformations
    convenience corning deceive deceived deceiver deceives deescalate defended
    definite definitively deliver delivered deliverer delivers depreciate
    depreciated deranged deviously disappoint disappointingly disappointments
    disappoints distressful dumber emplacement enable enjoying enviously
    escalated escalates escalator escapade evenings excavate expedience
    expediences expediency experienced experiences finitely fortunately fours
    frustrate frustrates frustrations funded geologies guaranteed guarantees
    guarantied guaranties guarantor guaranty hank hanks honest honester honesty
    horrible hour imagined imagines imaging immediate impassable impatience
    impersonally impossibles impossibly inconveniences inconvenient
    indefinitely inexperience infinitely insetting insincerely instigate
    investigated investigates investigative investigator irresponsibility
    irresponsible lawful lease livery lorry lumber minuets minuses minute
    minuted minuter minutest mistaken mistakes moaning modestly mooning
    mornings morrow mourning nonmember noshing notching nothings noting numbed
    numbers obliviously obvious odiously ours passable patient patienter
    patients patinae patine pease perceived personable personal personality
    personals petting placement pleas pleased pleases police polity possibles
    possibly pours priories priory probity problems prostrated prostrating
    prostration ranged rearranged rebounded receded receipted receiver
    receivers receives recessed recited reclined recoiled redounded reeved
    refined refueled refunds refused refuted relieved relived remanded remember
    reminded replacements reschedule rescheduled reserved resetting resolutely
    resounded responsibly responsive revived rounded salience sapience
    saturation scheduler schedulers schedules scything seasonally seething
    setting shank shanks simulation sincere sincerer sincerest sincerity
    situating situations smoothing somethings soothing sours station sturdy
    sundae sundry tank tanks terribly than think thinks though thunk thunks
    tomorrows tours umber unacceptably unappreciated uncertainly underhand
    undershoot undersold understandably understandingly understandings
    understands understate understated understating undertook unfortunate
    unfortunates unscheduled unseating unsettling usable vitiation warranted
    whatsoever whenever wherever whitener whoever whomever worry yours
    yourselves
    """.split()
)
