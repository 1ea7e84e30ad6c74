"""Text analysis for the rewrite grader: tokens that remember where they came from.

A learner's reply is turned into a :class:`Doc`:

* every token keeps the character offsets of the ORIGINAL text, so a finding
  can point at "the words you wrote" even after normalisation;
* tokens are normalised for matching: lowercase, curly quotes and dashes made
  straight, British ``-ise`` spellings folded into ``-ize``, contractions
  expanded (``can't`` -> ``can not``, ``I'm`` -> ``i am``, ``dont`` ->
  ``do not``), so one pattern matches both the short and the long form and a
  negation is always the separate word ``not``;
* a small, principled typo tolerance: a word of four letters or more that is
  not itself an English word and sits within one edit (two for keywords of
  eight letters or more) of a keyword the checks look for is read as that
  keyword ("sory" -> "sorry", "appologize" -> "apologize");
* words the learner puts inside quotation marks (straight or curly) are
  marked ``quoted``: quoting the customer (``you said "no one called me"``)
  is not the agent saying it;
* sentences are split with their offsets.

The token string ``Doc.s`` is the normalised tokens joined by single spaces,
with quoted words masked by underscores; ``Doc.s_all`` is the same without the
masking. Both have identical lengths, so a regular-expression match in either
maps back to tokens (and from there to the original text) through ``Doc.pos``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from ._lexicon import PROTECTED_WORDS, TYPO_KEYWORDS

__all__ = [
    "Doc",
    "Token",
    "analyse",
    "stem",
    "content_stems",
    "edit_distance",
    "correct_typo",
    "STOPWORDS",
]

# One-for-one character replacements, so offsets into the original survive.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2026": ".",
    }
)

_NUMBER = r"\d+(?:[.,:/]\d+)*"            # 4471, 59.98, 30,000, 4:30, 12/03
_WORD = r"[^\W\d_]+(?:'[^\W\d_]+)*"        # words, with inner apostrophes
_PUNCT = r"[^\w\s]"                       # one punctuation character
_TOKEN_RE = re.compile(f"(?P<n>{_NUMBER})|(?P<w>{_WORD})|(?P<p>{_PUNCT})")
# The same tokens as plain strings: findall makes no match object per token. A token holds no space or underscore,
# the only characters between tokens, so each is found at its own start by str.find from the previous one's end.
# Words first (most tokens are words), and possessive: the three kinds open with different characters, so no
# branch ever has to give back what it took.
_TOKEN_TEXT_RE = re.compile(r"[^\W\d_]++(?:'[^\W\d_]++)*+|\d++(?:[.,:/]\d++)*+|[^\w\s]")


@lru_cache(maxsize=50000)
def _kind(raw: str) -> str:
    """A token's kind as _TOKEN_RE tells it: "n" number, "w" word, "p" punctuation."""
    return _TOKEN_RE.match(raw).lastgroup

# Contractions: whole words first, then suffixes.
_WHOLE = {
    "can't": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"),
    "shan't": ("shall", "not"), "ain't": ("is", "not"), "let's": ("let", "us"),
    "y'all": ("you", "all"), "o'clock": ("o'clock",), "ma'am": ("ma'am",),
    # common apostrophe-less spellings
    "dont": ("do", "not"), "didnt": ("did", "not"), "doesnt": ("does", "not"),
    "isnt": ("is", "not"), "wasnt": ("was", "not"), "arent": ("are", "not"),
    "werent": ("were", "not"), "havent": ("have", "not"), "hasnt": ("has", "not"),
    "hadnt": ("had", "not"), "wouldnt": ("would", "not"), "couldnt": ("could", "not"),
    "shouldnt": ("should", "not"), "cant": ("can", "not"), "wont": ("will", "not"),
    "im": ("i", "am"), "ive": ("i", "have"), "youre": ("you", "are"),
    "youve": ("you", "have"), "youll": ("you", "will"), "theyre": ("they", "are"),
    "thats": ("that", "is"), "theres": ("there", "is"), "whats": ("what", "is"),
    "itll": ("it", "will"), "weve": ("we", "have"), "youd": ("you", "would"),
    "theyll": ("they", "will"), "theyve": ("they", "have"), "theyd": ("they", "would"),
    "heres": ("here", "is"), "wheres": ("where", "is"), "couldve": ("could", "have"),
    "wouldve": ("would", "have"), "shouldve": ("should", "have"), "thatll": ("that", "will"), "therell": ("there", "will"),
    "thatd": ("that", "would"),
}
_IS_HOSTS = frozenset(
    "it that there what here he she who where how this everything nothing "
    "something anything everyone nobody someone which when why".split()
)
_SUFFIX = {"'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}

# -ise -> -ize for the stems the checks care about (apologise, realise...).
_ISE_RE = re.compile(
    r"^(apolog|real|recogn|priorit|organ|sympath|emphas|author|final|special|"
    r"minim|maxim|summar|util|custom|personal|critic|categor|standard|"
    r"familiar|visual|penal|compens|character)is(e|ed|es|ing|ation|ations)$"
)

STOPWORDS = frozenset(
    """a an the and or but if then so as of to in on at by for from with without
    about into over after before under again further once here there when where why
    how all any both each few more most other some such no nor not only own same than
    too very can will just should now i me my myself we our ours ourselves you your
    yours yourself yourselves he him his she her it its itself they them their theirs
    what which who whom this that these those am is are was were be been being have
    has had having do does did doing would could may might must shall also yet still
    up down out off ever even much many get got getting let us let's please thank
    thanks sorry okay ok yes yeah oh well really just like lot lots one ones thing
    things something anything everything nothing someone anyone everyone nobody
    know knew want wanted need needed make made go going went come came see say said
    tell told way back time times today day call called calling ask asked
    right sure able help because while though although however since until""".split()
)

# Words of service talk that carry no specific fact about this customer.
GENERIC = frozenset(
    """issue issues problem problems situation matter experience inconvenience
    frustration frustrating frustrated upset angry annoyed disappointed concern
    concerns feel feeling feelings understand understanding hear apologise apologize
    apology apologies customer service company team help helping assist assistance
    contact support appreciate patience business happy glad great good bad sorry
    definitely certainly absolutely totally completely look looking take care
    thing situation""".split()
)

_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11",
    "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
    "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "ninety": "90", "hundred": "100",
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
    "sixth": "6", "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}
_ORDINAL_SUFFIX = frozenset(("st", "nd", "rd", "th"))
# "40 mins" restates "40 minutes"
_ABBREV = {"mins": "minutes", "min": "minute", "hrs": "hours", "hr": "hour", "wks": "weeks", "secs": "seconds",
           "jan": "january", "feb": "february", "apr": "april", "jun": "june", "jul": "july", "aug": "august",
           "sep": "september", "sept": "september", "oct": "october", "nov": "november", "dec": "december",
           "tues": "tuesday", "weds": "wednesday", "thurs": "thursday", "fri": "friday", "sat": "saturday"}

# Apostrophe-less contractions that are also words of their own ("well", "its", "id"): read as the
# contraction only where the word itself cannot stand. "Well send it today" (no comma, a verb next) is
# "we'll"; "its not" or "its been" is "it's", where the possessive would need a noun; "Id like to" is "I'd".
_SPELLED_TOGETHER = {"well": ("we", "will"), "its": ("it", "is"), "id": ("i", "would")}
_NOT_AFTER_WELL = frozenset(
    "done aware worth over known said within before after past enough as and or but then so i you we he she they "
    "it that this these those there here my your our their his her its a an the to of in on at for with by from "
    "if when now just really very too also".split())
_AFTER_ITS = frozenset(
    "not been a an the my our your their his her only just really so too very all going getting still now "
    "definitely clearly completely totally absolutely no nothing never always also likely probably because "
    "what how that down up on out fine ok okay true right wrong fair clear obvious possible impossible "
    "understandable unacceptable frustrating annoying".split())
_AFTER_ID = frozenset("like love be recommend suggest rather need have say ask appreciate hope want expect "
                      "normally also just really happily gladly".split())
_CLAUSE_OPEN = frozenset(". ! ? ; : , and so then but because".split())

# words after which "ill" is the adjective, not an apostrophe-less "I'll"
_ILL_ADJ = frozenset("feel feeling feels felt am is are was were be been being very so too really quite fell falling "
                     "seriously critically mentally become became look looks looked get got gets getting an the".split())

_ABBREVIATIONS = frozenset(("mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "approx", "ref", "tel"))
NEGATORS = frozenset(("not", "never", "no", "nothing", "nobody", "neither", "nor", "hardly", "barely", "without"))


# ----------------------------------------------------------------- typos

def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (a swap of two letters counts as one edit)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    prev2 = None
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ai = a[i - 1]
        best = cur[0]
        for j in range(1, lb + 1):
            cost = 0 if ai == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            if v < best:
                best = v
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[lb]


def _allowed(keyword: str) -> int:
    return 2 if len(keyword) >= 8 else 1


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1:])
        out |= nxt
        frontier = nxt
    return out


_DELETE_INDEX: dict[str, list[str]] = {}
for _kw in TYPO_KEYWORDS:
    for _d in _deletes(_kw, _allowed(_kw)):
        _DELETE_INDEX.setdefault(_d, []).append(_kw)


@lru_cache(maxsize=20000)
def correct_typo(word: str) -> str:
    """Return the keyword ``word`` is a near-miss of, or ``word`` unchanged.

    Only words of four letters or more that are not English words themselves
    are corrected, and only towards the checks' keywords.
    """
    if len(word) < 4 or word in TYPO_KEYWORDS or word in PROTECTED_WORDS or not word.isalpha():
        return word
    depth = 2 if len(word) >= 7 else 1
    candidates = set()
    for d in _deletes(word, depth):
        for kw in _DELETE_INDEX.get(d, ()):
            candidates.add(kw)
    best, best_d = word, 99
    for kw in sorted(candidates):
        dist = edit_distance(word, kw, _allowed(kw))
        if dist <= _allowed(kw) and dist < best_d:
            best, best_d = kw, dist
    return best


# ----------------------------------------------------------------- stems

@lru_cache(maxsize=50000)
def stem(word: str) -> str:
    """A light suffix-stripper: enough to match "waited"/"waiting"/"wait"."""
    w = _NUMBER_WORDS.get(word) or _ABBREV.get(word, word)
    if not w.isalpha() or len(w) <= 3:
        return w.replace(",", "")
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suf in ("ing", "ed"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w


def content_stems(norms) -> set[str]:
    """Stems of the content words among normalised tokens (numbers included)."""
    out = set()
    for n in norms:
        if n in STOPWORDS or n in GENERIC or len(n) < 3 and not n.isdigit():
            continue
        if n[0].isalnum():
            out.add(stem(n))
    return out


# ----------------------------------------------------------------- tokens

_SENTENCE_OPEN = frozenset(".!?\"")
_ENDERS = frozenset(".!?;")
_ILL = ("i", "will")
_WORD_CACHE: dict = {}   # lower-case-initial word as written -> its normalised tokens (bounded below)
# token as written -> (norm, kind), for the tokens read the same wherever they stand: words with one norm that is
# not an apostrophe-less contraction ("well", "its", "id", "ill" depend on their neighbours) and, if capitalised,
# read the same as a name or not; numbers; punctuation other than sentence enders and hyphens. Outside quotation
# marks such a token needs no more work.
_PLAIN: dict = {}


def _remember_plain(raw: str, norm: str, kind: str) -> None:
    if len(_PLAIN) > 50000:
        _PLAIN.clear()  # learners' typos make the vocabulary open-ended: stay bounded
    _PLAIN[raw] = (norm, kind)


@lru_cache(maxsize=50000)
def _normalise(low: str, name: bool) -> tuple[str, ...]:
    """A lowercased word as its normalised token(s): contractions expanded, -ise folded, typos corrected."""
    if low == "ill":
        return _ILL   # "Ill check the line": "I'll" without its apostrophe (the adjective is restored by context)
    exp = _WHOLE.get(low)
    if exp is None and "'" in low:
        base, _, suf = low.rpartition("'")
        suf = "'" + suf
        if suf == "'t" and base.endswith("n"):
            exp = (base[:-1], "not")
        elif suf in _SUFFIX:
            exp = (base, _SUFFIX[suf])
        elif suf == "'s":
            exp = (base, "is") if base in _IS_HOSTS else (base, "'s")
    if exp is not None:
        return exp
    m2 = _ISE_RE.match(low)
    if m2:
        return (m2.group(1) + "iz" + m2.group(2),)
    if len(low) >= 4 and not name:
        return (correct_typo(low),)
    return (low,)


_NOT_AFTER_ILL = frozenset("with and or but that from after since because at in for to of today yesterday lately "
                           "recently again now i you he she we they it this all last".split())


def _verb_follows(raws, index) -> bool:
    """Whether the word after "so ill" can be the verb of an "I'll": "so ill ask them", not "so ill that"."""
    following = raws[index + 1] if index + 1 < len(raws) else None
    return following is not None and _kind(following) == "w" and following.lower() not in _NOT_AFTER_ILL


def _spelled_together(word: str, prev: str, following: str) -> tuple[str, ...] | None:
    """The contraction an apostrophe-less "well", "its" or "id" stands for, read from its neighbours, or None."""
    if _kind(following) != "w":
        return None   # "Well," or "its." : the word itself
    after = following.lower()
    if word == "well":
        ok = prev in _CLAUSE_OPEN and after not in _NOT_AFTER_WELL and not after.endswith("ly")
    elif word == "its":
        ok = after in _AFTER_ITS or (after.endswith(("ing", "ed")) and len(after) > 4)
    else:
        ok = prev in _CLAUSE_OPEN and after in _AFTER_ID
    return _SPELLED_TOGETHER[word] if ok else None


class Token:
    __slots__ = ("norm", "start", "end", "kind", "quoted", "inq", "sent", "raw")

    def __init__(self, norm, start, end, kind, raw):
        self.norm = norm
        self.start = start
        self.end = end
        self.kind = kind  # "w" word, "n" number, "p" punctuation
        self.quoted = False   # a word inside quotation marks
        self.inq = False      # any token (punctuation too) inside quotation marks
        self.sent = 0
        self.raw = raw

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"Token({self.norm!r}, {self.start}, {self.end}{', q' if self.quoted else ''})"


class Sentence:
    __slots__ = ("index", "first", "last", "start", "end", "question", "lo", "hi")

    def __init__(self, index, first, last, start, end, question, lo, hi):
        self.index = index
        self.first = first      # first token index
        self.last = last        # last token index (inclusive)
        self.start = start      # offsets in the original text
        self.end = end
        self.question = question
        self.lo = lo            # offsets in Doc.s
        self.hi = hi


def _within(ranges: list, start: int, end: int) -> bool:
    """Whether the text from ``start`` to ``end`` lies inside one of the quoted ``ranges``."""
    for qa, qb in ranges:
        if qa <= start and end <= qb:
            return True
    return False


_QUOTE_MARK = re.compile("[\"'\u2018\u2019\u201c\u201d\u201e]")


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside paired quotation marks (the marks excluded)."""
    ranges = []
    n = len(text)
    marks = [(m.start(), m.group()) for m in _QUOTE_MARK.finditer(text)]
    if not marks:
        return ranges
    # curly doubles pair directly, straight doubles alternate
    opener = None
    straight = None
    for i, ch in marks:
        if ch == "\u201c" or ch == "\u201e":
            opener = i
        elif ch == "\u201d" and opener is not None:
            ranges.append((opener + 1, i))
            opener = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                ranges.append((straight + 1, i))
                straight = None
    # single quotes: an opener follows a space or start, a closer is not between letters
    single = None
    for i, ch in marks:
        if ch not in "'\u2018\u2019":
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < n else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe: don't, customer's
        if single is None:
            if (before.isspace() or before in "([{:,") and not after.isspace() and ch != "\u2019":
                single = i
        elif not before.isspace() and (after.isspace() or not after.isalnum()) and ch != "\u2018":
            ranges.append((single + 1, i))
            single = None
    # a quote around (nearly) the whole reply is the learner quoting their own answer
    total = len(text.strip())
    return [r for r in ranges if total == 0 or (r[1] - r[0]) < 0.85 * total]


class Doc:
    """A tokenised reply. See the module docstring."""

    __slots__ = ("text", "tokens", "norms", "s", "s_all", "pos", "quoted_pos", "sentences", "word_count", "_stems",
                 "_sent_stems", "cache")

    def __init__(self, text: str):
        self.text = text
        folded = text.translate(_FOLD)
        ranges = _quoted_ranges(text)   # from the text alone, so tokens are marked as they are made
        tokens: list[Token] = []
        append = tokens.append
        parts: list = []
        pos: list = []
        quoted_pos = []        # positions in s of quoted words, where no match may start
        enders = []            # indices of the tokens that may end a sentence (. ! ? ;), for _split
        words = offset = 0
        prev = "."   # the previous token's norm
        raws = _TOKEN_TEXT_RE.findall(folded)
        plain = _PLAIN
        find = folded.find
        end = 0
        for index, raw in enumerate(raws):
            start = find(raw, end)
            end = start + len(raw)
            known = plain.get(raw)
            if known is not None and not (ranges and _within(ranges, start, end)):
                # most tokens: read as before, outside quotation marks, without the questions below
                norm, kind = known
                if kind != "p":
                    words += 1
                append(Token(norm, start, end, kind, raw))
                pos.append(offset)
                parts.append(norm)
                offset += len(norm) + 1
                prev = norm
                continue
            kind = _kind(raw)
            if kind == "w":
                words += 1
                if raw[0].isupper():
                    # a capitalised word inside a sentence is a name: never typo-corrected
                    low = raw.lower()
                    name = prev not in _SENTENCE_OPEN
                    norms = _normalise(low, name)
                    if len(norms) == 1 and norms[0] not in _SPELLED_TOGETHER and norms == _normalise(low, not name):
                        _remember_plain(raw, norms[0], kind)  # read the same as a name or not ("I", "Thank")
                else:
                    norms = _WORD_CACHE.get(raw)
                    if norms is None:
                        if len(_WORD_CACHE) > 50000:
                            _WORD_CACHE.clear()  # learners' typos make the vocabulary open-ended: stay bounded
                        norms = _WORD_CACHE[raw] = _normalise(raw.lower(), False)
                    if len(norms) == 1 and norms[0] not in _SPELLED_TOGETHER:
                        _remember_plain(raw, norms[0], kind)
                if norms is _ILL and prev in _ILL_ADJ and not (prev == "so" and _verb_follows(raws, index)):
                    norms = ("ill",)  # "feeling ill", not an apostrophe-less "I'll" ("so ill ask them" is)
                elif norms[0] in _SPELLED_TOGETHER and len(norms) == 1 and index + 1 < len(raws):
                    norms = _spelled_together(norms[0], prev, raws[index + 1]) or norms
            elif kind == "n":
                words += 1
                norms = (raw.replace(",", "") if "," in raw and "." not in raw else raw,)
                _remember_plain(raw, norms[0], kind)
            else:
                if raw == "-" and tokens and start > 0 and end < len(folded) and folded[start - 1].isalnum() and folded[end].isalnum():
                    continue  # inner hyphen: three-week, follow-up
                norms = (raw,)
                if raw in _ENDERS:
                    enders.append(len(tokens))
                elif raw != "-":
                    _remember_plain(raw, raw, kind)
            inq = bool(ranges) and _within(ranges, start, end)
            if not inq and len(norms) == 1:  # most tokens: one norm, outside quotation marks
                norm = norms[0]
                append(Token(norm, start, end, kind, raw))
                pos.append(offset)
                parts.append(norm)
                offset += len(norm) + 1
                prev = norm
                continue
            for norm in norms:
                tok = Token(norm, start, end, kind, raw)
                append(tok)
                pos.append(offset)
                parts.append(norm)
                if inq:
                    tok.inq = True
                    if kind != "p":
                        tok.quoted = True
                        quoted_pos.append(offset)
                        offset += len(norm) + 1
                        continue
                offset += len(norm) + 1
            prev = norms[-1]
        self.tokens = tokens
        self.s_all = " ".join(parts)
        # most replies quote nobody: then the masked string is the same string, not built a second time
        self.s = " ".join("_" * len(t.norm) if t.quoted else t.norm for t in tokens) if quoted_pos else self.s_all
        self.pos = pos
        self.norms = parts
        self.quoted_pos = frozenset(quoted_pos)
        self.word_count = words
        self.sentences = self._split(folded, enders)
        self._stems = None
        self._sent_stems = None
        # per-document results shared between checks
        self.cache = {}

    # -- sentences
    def _split(self, folded: str, enders: list) -> list[Sentence]:
        toks = self.tokens
        out: list[Sentence] = []
        first = 0
        n = len(toks)
        if "\n" in folded:
            stops = range(n)
        else:  # without line breaks only the enders the tokeniser noted (and the last token) can end a sentence
            stops = enders
            if not stops or stops[-1] != n - 1:
                stops.append(n - 1)
        has_newline = "\n" in folded
        for i in stops:
            if i < first:
                continue  # already inside the previous sentence's closing run of punctuation
            t = toks[i]
            end_here = False
            if t.norm in _ENDERS and t.kind == "p" and not t.inq:
                j = i
                while j + 1 < n and toks[j + 1].kind == "p" and toks[j + 1].norm in (".", "!", "?", '"', "'", ")"):
                    j += 1
                prev = toks[i - 1] if i > 0 else None
                nxt = toks[j + 1] if j + 1 < n else None
                if t.norm == "." and prev is not None and prev.kind == "w" and (
                    prev.norm in _ABBREVIATIONS and nxt is not None and nxt.kind == "n"
                    or len(prev.norm) == 1 and prev.norm != "i"
                    and (nxt is None or not nxt.raw[:1].isupper() or len(nxt.norm) == 1)
                ):
                    end_here = nxt is None
                elif t.norm == "." and prev is not None and prev.norm in ("mr", "mrs", "ms", "dr"):
                    end_here = False
                elif t.norm == "." and prev is not None and prev.norm in ("ref", "tel") and nxt is not None:
                    end_here = False   # "(ref. FL-3391-A)": a reference code follows, whatever it starts with
                elif t.norm == ";":
                    end_here = True
                else:
                    end_here = True
                if end_here:
                    i = j
            elif has_newline and i + 1 < n and "\n" in folded[t.end:toks[i + 1].start]:
                end_here = True
            if end_here or i == n - 1:
                last = i
                q = "?" in self.s_all[self.pos[first]:self.pos[last] + 1] and any(
                    toks[k].norm == "?" and not toks[k].inq
                    and not (k + 1 <= last and toks[k + 1].norm == "!") and not (k > first and toks[k - 1].norm == "!")
                    for k in range(first, last + 1))
                out.append(Sentence(len(out), first, last, toks[first].start, toks[last].end, q,
                                    self.pos[first], self.pos[last] + len(toks[last].norm)))
                first = i + 1
        for s in out[1:]:   # a token's sent starts at 0: the first sentence's need no change
            index = s.index
            for t in toks[s.first:s.last + 1]:
                t.sent = index
        return out

    # -- mapping helpers
    def tok_at(self, char: int) -> int:
        """Index of the token whose text in ``s`` contains (or precedes) ``char``."""
        return max(0, bisect_right(self.pos, char) - 1)

    def span_of(self, a: int, b: int) -> tuple[int, int]:
        """Original-text span of the ``s`` range [a, b)."""
        if not self.tokens:
            return (0, 0)
        i = self.tok_at(a)
        j = self.tok_at(max(a, b - 1))
        return (self.tokens[i].start, self.tokens[j].end)

    def tok_span(self, i: int, j: int) -> tuple[int, int]:
        return (self.tokens[i].start, self.tokens[j].end)

    def sent_span(self, k: int) -> tuple[int, int]:
        s = self.sentences[k]
        return (s.start, s.end)

    def sentence_of(self, a: int) -> Sentence:
        return self.sentences[self.tokens[self.tok_at(a)].sent]

    def negated(self, tok: int, window: int = 3) -> bool:
        """True when a negator sits within ``window`` words before token ``tok`` in its clause."""
        toks = self.tokens
        k = tok - 1
        seen = 0
        while k >= 0 and seen < window:
            t = toks[k]
            if t.kind == "p":
                if t.norm in ",.;:!?-()\"":
                    return False
            elif t.norm in NEGATORS:
                return True
            else:
                seen += 1
            k -= 1
        return False

    def stems(self) -> set[str]:
        if self._stems is None:
            self._stems = content_stems(t.norm for t in self.tokens if t.kind != "p")
        return self._stems

    def sentence_stems(self, k: int) -> set[str]:
        if self._sent_stems is None:
            self._sent_stems = {}
        got = self._sent_stems.get(k)
        if got is None:
            s = self.sentences[k]
            got = content_stems(t.norm for t in self.tokens[s.first:s.last + 1] if t.kind != "p")
            self._sent_stems[k] = got
        return got

    def excerpt(self, span: tuple[int, int], limit: int = 70) -> str:
        a, b = span
        piece = " ".join(self.text[a:b].split())
        if len(piece) > limit:
            piece = piece[: limit - 1].rstrip() + "\u2026"
        return piece

    def fact_positions(self) -> dict:
        """{stem: its positions in fact_string()}."""
        got = self.cache.get("fact_positions")
        if got is None:
            self.fact_string()
            got = self.cache["fact_positions"]
        return got

    def fact_words(self, first: int, last: int) -> list:
        """The :meth:`fact_string` stems of tokens ``first`` to ``last`` (inclusive): its token indices rise, so
        two bisections find them rather than a walk over the whole reply per sentence."""
        words, idx = self.fact_string()
        return words[bisect_left(idx, first):bisect_right(idx, last)]

    def fact_string(self) -> tuple[list, list]:
        """Word tokens only, ordinals dropped, numbers as digits, stemmed; with token indices."""
        got = self.cache.get("fact_string")
        if got is not None:
            return got
        out, idx = [], []
        where: dict = {}   # fact_positions, built in the same pass: every reply with key facts needs both
        prev_num = False
        known = _FACT_STEMS
        for i, norm in enumerate(self.norms):
            got = known.get(norm)
            if got is None:
                got = _fact_stem(norm)
            w, num = got
            if w is None or prev_num and norm in _ORDINAL_SUFFIX:
                prev_num = False
                continue   # punctuation, or the "th" of "12th"
            at = where.get(w)
            if at is None:
                where[w] = [len(out)]
            else:
                at.append(len(out))
            out.append(w)
            idx.append(i)
            prev_num = num
        self.cache["fact_string"] = (out, idx)
        self.cache["fact_positions"] = where
        return out, idx


# a token's norm -> (its stem, or None for punctuation; whether it is a number), for fact_string: a token's kind
# follows from its norm (punctuation is one character that is not a letter or digit, a number opens with a digit)
_FACT_STEMS: dict = {}


def _fact_stem(norm: str) -> tuple:
    if len(_FACT_STEMS) > 50000:
        _FACT_STEMS.clear()  # learners' typos make the vocabulary open-ended: stay bounded
    if len(norm) == 1 and not norm.isalnum():
        got = (None, False)
    else:
        got = (stem(norm), norm[0].isdigit())
    _FACT_STEMS[norm] = got
    return got


@lru_cache(maxsize=4096)
def analyse_cached(text: str) -> Doc:
    return Doc(text)


def analyse(text: str) -> Doc:
    """Build a :class:`Doc` (customer texts repeat, so callers may use :func:`analyse_cached`)."""
    return Doc(text)


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """A key-fact phrase as the stem sequence :meth:`Doc.fact_string` produces."""
    words, _ = analyse_cached(phrase).fact_string()
    return tuple(words)
