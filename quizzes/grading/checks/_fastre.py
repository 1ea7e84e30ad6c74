"""A regular expression that is tried only where it can start.

The checks' patterns are alternations of many phrase families ("a|b|c|...")
over a token string (words separated by single spaces). Scanning such a
pattern over a reply makes Python's ``re`` try every branch at every
character. :class:`TokenPattern` splits the top-level alternation into
branches and works out, from each branch's source, the first word (or word
prefix) it can start with and, where it can tell, the second word. At run time
it tries a branch only at tokens that start with its first word and are
followed by its second word, with the branches that share those two words
joined into one pattern in their original order. Branches whose start cannot
be told (a digit, a lookahead...) are scanned as usual. Anything else
(``search``, ``match``, ...) goes to the whole compiled pattern.

The word index is also kept across patterns (:func:`candidates`): one pass
over a reply's tokens finds where every pattern searched with ``find`` may
start, so a reply is looked up once rather than once per pattern. A pattern
joins that index the first time it is searched (:func:`index`); patterns only
ever used with ``match`` or ``search`` on short strings never cost a reply
anything.

This is an optimisation only: what matches is what the whole pattern matches
at token starts.
"""
from __future__ import annotations

import re
import threading
from operator import itemgetter

_ANY = None  # a start we cannot tell
_LIT = re.compile(r"[a-z0-9'£$_ ]+")

# every prefix any pattern uses, keyed by its first three letters (shorter prefixes by themselves)
PREFIXES: dict[str, set] = {}
# every TokenPattern, by its number, and those in the merged index (rebuilt when one joins)
_REGISTRY: list = []
_INDEXED: list = []
_LOCK = threading.Lock()   # patterns join the index on first use, possibly from several request threads
_MERGED: list = [-1, {}, {}, {}]   # [how many patterns it covers, by pair, by word, by prefix]


def split_top(pattern: str) -> list[str]:
    """Split ``pattern`` at the ``|`` that are not inside a group or a character class."""
    parts, depth, cls, esc, start = [], 0, False, False, 0
    for i, ch in enumerate(pattern):
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif cls:
            if ch == "]":
                cls = False
        elif ch == "[":
            cls = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _group_end(p: str, i: int) -> int:
    """Index of the ``)`` closing the group that opens at ``p[i] == '('``."""
    depth, cls, esc = 0, False, False
    for j in range(i, len(p)):
        ch = p[j]
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif cls:
            if ch == "]":
                cls = False
        elif ch == "[":
            cls = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


def _strip_zero_width(p: str) -> str | None:
    while True:
        if p.startswith("\\b"):
            p = p[2:]
        elif p.startswith("(?<"):  # a lookbehind consumes nothing
            end = _group_end(p, 0)
            if end < 0:
                return None
            p = p[end + 1:]
        else:
            return p


def heads(p: str):
    """How a match of ``p`` can begin: a list of ("word", rest) and ("prefix", None), or None if unknown.

    ``rest`` is the pattern left after the word (starting with its separator).
    """
    p = _strip_zero_width(p)
    if not p:
        return _ANY
    if p.startswith("(?:") or p.startswith("(?P<"):
        end = _group_end(p, 0)
        if end < 0:
            return _ANY
        inner = p[p.index(">") + 1:end] if p.startswith("(?P<") else p[3:end]
        if p.startswith("(?P<") and "(?P=" in p[end:]:
            return _ANY  # a back-reference needs the group kept whole
        rest = p[end + 1:]
        optional = repeated = False
        if rest[:1] == "?":
            optional, rest = True, rest[1:]
        elif rest[:1] in ("*", "+"):
            optional, repeated, rest = rest[:1] == "*", True, rest[1:]
        elif rest[:1] == "{":
            close = rest.find("}")
            if close < 0:
                return _ANY
            bounds = rest[1:close].split(",")
            optional = bounds[0] in ("", "0")
            repeated = len(bounds) > 1 and bounds[1] != "1"
            rest = rest[close + 1:]
        if rest[:1] == "?":  # a lazy quantifier
            rest = rest[1:]
        out = []
        for alt in split_top(inner):
            got = heads(alt + rest)
            if got is _ANY:
                return _ANY
            if repeated:  # the group may come again: what follows the first word is not known
                got = [(h[0], h[1], "\x00") if h[0] == "word" else h for h in got]
            out.extend(got)
        if optional:
            got = heads(rest)
            if got is _ANY:
                return _ANY
            out.extend(got)
        return out
    if p.startswith(",? "):
        rest = heads(p[3:])
        return _ANY if rest is _ANY else [("word", ",", " " + p[3:])] + rest
    if p.startswith("\\d"):
        return [("prefix", d) for d in "0123456789"]
    m = _LIT.match(p)
    if not m or m.group()[0] == " ":
        return _ANY
    run = m.group()
    after = p[m.end():]
    if " " in run:
        sp = run.index(" ")
        return [("word", run[:sp], p[sp:])]
    if after[:1] == "?" and len(run) > 1 and _ends_word(after[1:]):
        return [("word", run[:-1], after[1:]), ("word", run, after[1:])]  # "an?", "apologies?": two whole words
    if after[:1] in ("?", "*", "{"):
        run = run[:-1]  # "apologies?": the last letter is optional
        return [("prefix", run)] if run else _ANY
    if _ends_word(after):
        return [("word", run, after)]
    return [("prefix", run)]


def _ends_word(after: str) -> bool:
    """Whether the pattern ``after`` a literal cannot run on into the same token: a boundary, a space, the end,
    or a group whose every alternative opens with a space (``the(?: next)? (?:minutes|days)``)."""
    if after == "" or after.startswith(("\\b", ")", "(?=", " ")):
        return True
    if not after.startswith("(?:"):
        return False
    end = _group_end(after, 0)
    if end < 0 or not all(alt.startswith(" ") for alt in split_top(after[3:end])):
        return False
    rest = after[end + 1:]
    if rest[:1] in ("?", "*"):  # the group may be left out: then what follows it must end the word
        return _ends_word(rest[1:])
    return rest[:1] != "{"


def _next_heads(rest: str):
    """How the next word can begin, given what follows a word: a list as :func:`heads` gives, or None if unknown."""
    if not rest.startswith(" "):
        return _ANY
    return heads(rest[1:])


def _next_words(rest: str):
    """(the words, the word prefixes) that can come next, given what follows a word; None if unknown."""
    got = _next_heads(rest)
    if got is _ANY:
        return _ANY
    words, prefixes = set(), set()
    for h in got:
        (words if h[0] == "word" else prefixes).add(h[1])
    return words, prefixes


def _distribute(branches: list) -> tuple[list, set]:
    """Split each branch that is one group of alternatives (``\\b(?:today|tonight|within ...)\\b``) into a branch per
    alternative, in order, so a token is tried only against the alternatives that can start with it rather than
    the whole group; what matches at a position is unchanged. Also returns the numbers of the branches that open
    with a lookbehind ("(?<=s )will be sent"): those have their subject before the match, and their matches are
    reported from the word before, so an excerpt quotes the whole phrase.
    """
    out, backs = [], set()
    for br in branches:
        back = br.startswith(("(?<=", "(?:(?<="))
        lead = "\\b" if br.startswith("\\b(?:") else ""
        body = br[len(lead):]
        alts = [br]
        if body.startswith("(?:"):
            end = _group_end(body, 0)
            rest = body[end + 1:]
            if end > 0 and rest[:1] not in ("?", "*", "+", "{"):
                inner = split_top(body[3:end])
                if len(inner) > 1:
                    alts = [f"{lead}(?:{alt}){rest}" for alt in inner]
        for alt in alts:
            if back:
                backs.add(len(out))
            out.append(alt)
    return out, backs


class TokenPattern:
    """A compiled pattern whose top-level branches are indexed by the words they start with."""

    __slots__ = ("regex", "pattern", "by_pair", "by_pair_prefix", "by_triple", "by_triple_prefix", "by_word", "by_prefix",
                 "generic", "pid", "search", "match", "finditer")

    def __init__(self, pattern: str):
        self.regex = re.compile(pattern)
        self.pattern = pattern
        # the whole pattern's own methods, bound here rather than found through __getattr__ on every call
        self.search, self.match, self.finditer = self.regex.search, self.regex.match, self.regex.finditer
        branches, backs = _distribute(split_top(pattern))
        pair: dict[tuple, list] = {}      # (first, second) -> branch numbers
        pair_prefix: dict[tuple, list] = {}   # (first, what the second starts with: "technician" for "technicians?")
        # (first, second, third) and (first, second, what the third starts with), where the third word can be told
        triple: dict[tuple, list] = {}
        triple_prefix: dict[tuple, list] = {}
        loose: dict[str, list] = {}       # first -> branches whose second word we cannot tell
        by_prefix: dict[str, list] = {}
        generic = []
        for n, br in enumerate(branches):
            got = heads(br)
            if got is _ANY:
                generic.append(br)
                continue
            for h in got:
                if h[0] == "prefix":
                    by_prefix.setdefault(h[1], []).append(n)
                    PREFIXES.setdefault(h[1][:3], set()).add(h[1])
                    continue
                second = _next_heads(h[2])
                if second is _ANY:
                    loose.setdefault(h[1], []).append(n)
                    continue
                for h2 in second:
                    if h2[0] == "prefix":
                        pair_prefix.setdefault((h[1], h2[1]), []).append(n)
                        continue
                    third = _next_words(h2[2])
                    if third is _ANY:
                        pair.setdefault((h[1], h2[1]), []).append(n)
                        continue
                    for w3 in third[0]:
                        triple.setdefault((h[1], h2[1], w3), []).append(n)
                    for pre3 in third[1]:
                        triple_prefix.setdefault((h[1], h2[1], pre3), []).append(n)
        combined: dict[tuple, list] = {}

        def join(ns):
            ns = sorted(set(ns))
            key = tuple(ns)
            if key not in combined:
                combined[key] = [(group[0], re.compile("|".join(branches[n] for n in group)).match, back)
                                 for back, group in ((False, [n for n in ns if n not in backs]),
                                                     (True, [n for n in ns if n in backs])) if group]
            return combined[key]

        self.by_pair = {k: join(ns) for k, ns in pair.items()}
        self.by_pair_prefix = {k: join(ns) for k, ns in pair_prefix.items()}
        self.by_triple = {k: join(ns) for k, ns in triple.items()}
        self.by_triple_prefix = {k: join(ns) for k, ns in triple_prefix.items()}
        self.by_word = {w: join(ns) for w, ns in loose.items()}
        self.by_prefix = {pre: join(ns) for pre, ns in by_prefix.items()}
        self.generic = re.compile("|".join(generic)) if generic else None
        self.pid = len(_REGISTRY)
        _REGISTRY.append(self)

    def spans(self, s: str, cands: list | None) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) of matches in ``s``, given this pattern's share of :func:`candidates`."""
        found = []
        if cands:  # in the order to try them (see candidates)
            last_pos = -1
            for p, later, order, match in cands:
                if p == last_pos:
                    continue  # an earlier branch already matched here
                m = match(s, p)
                if m is not None and m.end() > p:
                    found.append((p if later else s.rfind(" ", 0, p - 1) + 1, m.end(), order))
                    last_pos = p
        if self.generic is not None:
            for m in self.generic.finditer(s):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), -1))
        if len(found) <= 1:
            return [(f[0], f[1]) for f in found]
        found.sort()
        out, end = [], -1
        for a, b, _o in found:
            if a >= end:
                out.append((a, b))
                end = b
        return out

    def __getattr__(self, name):
        return getattr(self.regex, name)

    def __repr__(self):  # pragma: no cover
        return f"TokenPattern({self.pattern[:40]!r}...)"


def _merge() -> None:
    """Index every registered pattern's branches by the words they start with, in one set of maps."""
    by_pair: dict = {}
    by_pair_prefix: dict = {}
    by_triple: dict = {}
    by_triple_prefix: dict = {}
    by_word: dict = {}
    by_prefix: dict = {}
    for pat in _INDEXED:
        for index, own in ((by_pair, pat.by_pair), (by_pair_prefix, pat.by_pair_prefix), (by_triple, pat.by_triple),
                           (by_triple_prefix, pat.by_triple_prefix), (by_word, pat.by_word), (by_prefix, pat.by_prefix)):
            for key, entries in own.items():
                index.setdefault(key, []).extend((pat.pid, 0 if back else 1, order, match) for order, match, back in entries)
    # pair branches by first word, then second: a reply's tokens are looked up by their own next token
    by_first: dict = {}
    for (w1, w2), entries in by_pair.items():
        by_first.setdefault(w1, {})[w2] = entries
    by_first_prefix: dict = {}
    for (w1, pre2), entries in by_pair_prefix.items():
        by_first_prefix.setdefault(w1, {})[pre2] = entries
    # and by first word, second word, then third
    by_second: dict = {}
    for (w1, w2, w3), entries in by_triple.items():
        by_second.setdefault(w1, {}).setdefault(w2, {})[w3] = entries
    by_second_prefix: dict = {}
    for (w1, w2, pre3), entries in by_triple_prefix.items():
        by_second_prefix.setdefault(w1, {}).setdefault(w2, {})[pre3] = entries
    _MERGED[:] = [len(_INDEXED), by_first, by_first_prefix, by_second, by_second_prefix, by_word, by_prefix]
    _BY_TOKEN.clear()


# a token's share of the merged index, worked out the first time the token (and the tokens after it) are seen
# rather than in every reply that has them: [{next token: entries, or {token after that: entries}}, pairs by
# second word, pairs by second word's prefix, triples by second word (by third word or its prefix), entries whatever
# comes next], each list of entries in the order spans() tries them
_BY_TOKEN: dict = {}
_ENTRY_KEY = itemgetter(1, 2)   # the subject-quoting branch first, then the pattern's own order


def _token_entries(norm: str) -> list:
    _n, by_first, by_first_prefix, by_second, by_second_prefix, by_word, by_prefix = _MERGED
    loose = list(by_word.get(norm, ()))
    for k in (1, 2, 3):
        if len(norm) >= k:
            for pre in PREFIXES.get(norm[:k], ()):
                if norm.startswith(pre) and pre in by_prefix:
                    loose.extend(by_prefix[pre])
    if len(_BY_TOKEN) > 50000:
        _BY_TOKEN.clear()  # learners' typos make the vocabulary open-ended: stay bounded
    got = _BY_TOKEN[norm] = [{}, by_first.get(norm, {}), by_first_prefix.get(norm, {}), by_second.get(norm, {}),
                             by_second_prefix.get(norm, {}), loose]
    return got


def _entries_before(got: list, following: str | None, third: str | None = None) -> list | dict:
    """The entries of a token (``_token_entries``) that apply when ``following`` and then ``third`` come after it.

    Where no branch depends on the third token, the list is remembered for ``following`` alone; otherwise a
    dict {third token: list} is remembered for it, and the list for ``third`` is returned.
    """
    memo, pairs, pair_prefixes, triples, triple_prefixes, loose = got
    if len(memo) > 5000:
        memo.clear()
    specific = list(pairs.get(following, ()))
    if following is not None:
        for pre2, entries in pair_prefixes.items():
            if following.startswith(pre2):
                specific.extend(entries)
    by_third = following in triples or following in triple_prefixes
    if by_third:
        specific.extend(triples.get(following, {}).get(third, ()))
        if third is not None:
            for pre3, entries in triple_prefixes.get(following, {}).items():
                if third.startswith(pre3):
                    specific.extend(entries)
    # a stable sort: entries that tie keep the order the merged index lists them in (pairs, triples, words, prefixes)
    out = sorted(specific + loose, key=_ENTRY_KEY)
    if by_third:
        thirds = memo.get(following)
        if thirds is None:
            thirds = memo[following] = {}
        if len(thirds) > 5000:
            thirds.clear()
        thirds[third] = out
    else:
        memo[following] = out
    return out


def index(pattern: "TokenPattern") -> int:
    """Add ``pattern`` to the merged index if it is not there yet; returns the index's version (its size)."""
    with _LOCK:
        if pattern.pid not in _INDEXED_PIDS:
            _INDEXED_PIDS.add(pattern.pid)
            _INDEXED.append(pattern)
        return len(_INDEXED)


_INDEXED_PIDS: set = set()


def candidates(pos: list, norms: list, skip: frozenset) -> dict:
    """{pattern number: [(position, 0 if the match starts a word earlier else 1, branch order, matcher), ...]}, in one pass.

    ``pos`` and ``norms`` are a reply's token positions in the token string
    and its tokens, ``skip`` the positions no match may start at (quoted
    words). Each pattern's list comes out in the order :meth:`TokenPattern.spans`
    tries it: by position, then the subject-quoting branch first, then the
    pattern's own order, because tokens are visited in order and each token's
    entries are kept sorted.
    """
    if _MERGED[0] != len(_INDEXED):
        with _LOCK:
            _merge()
    by_token = _BY_TOKEN
    out: dict = {}
    nexts = norms[1:]
    nexts.append(None)
    thirds = norms[2:]
    thirds += (None, None)
    for p, norm, following, third in zip(pos, norms, nexts, thirds):
        if skip and p in skip:
            continue
        got = by_token.get(norm)
        if got is None:
            got = _token_entries(norm)
        entries = got[0].get(following)
        if entries is None:
            entries = _entries_before(got, following, third)
        elif entries.__class__ is dict:  # these entries depend on the third token as well
            by_third = entries
            entries = by_third.get(third)
            if entries is None:
                entries = _entries_before(got, following, third)
        for pid, later, order, match in entries:
            mine = out.get(pid)
            if mine is None:
                out[pid] = [(p, later, order, match)]
            else:
                mine.append((p, later, order, match))
    return out
