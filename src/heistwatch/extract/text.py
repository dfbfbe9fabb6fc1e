"""Sentence splitting with character spans, and length-preserving normalisation.

Every offset here indexes the text exactly as given: ``fold_chars`` maps one character to one
character so that matching can run on the folded copy while spans stay valid for the original.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from heistwatch.extract.model import Span

# One character in, one character out: typographic variants to their ASCII form.
_FOLD = str.maketrans(
    {
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\uff04": "$", "\uff05": "%",
    }
)


_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]")


def fold_chars(text: str) -> str:
    """Typographic quotes, dashes and spaces to ASCII; same length as the input (offsets stay valid)."""
    if text.isascii():
        return text
    return _FOLDABLE.sub(_fold_one, text)


def _fold_one(m: re.Match[str]) -> str:
    return _FOLD[ord(m.group())]  # type: ignore[return-value]


# Words that end with a period without ending the sentence. Titles and month abbreviations are
# always followed by more of the same sentence; company suffixes and "U.S." may end one, so
# for those a break is taken only when a typical sentence opener follows.
NEVER_FINAL = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gov sen rep gen lt col capt sgt maj adm cmdr rev hon pres supt
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vs v etc e.g i.e cf approx est fig figs vol vols pp ca
    """.split()
)
MAYBE_FINAL = frozenset("inc ltd corp co bros plc llc ag sa nv bv gmbh u.s u.k u.n e.u a.m p.m".split())
OPENERS = frozenset(
    """the a an it its this that these those he she they we i in on at but however according after before
    while when since if as there his her their our what who why how also meanwhile yet still so and for
    some many most one two three""".split()
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, then space. Tried only
# where a run of terminal punctuation begins: a run that is not followed by space fails the same
# way from every position inside it, so starting inside one would only make long runs quadratic.
# Written to open with a character class (a newline is an end by itself; for a stop, the look-behind
# after its first character says no stop came before it) so that sre skips in C to the next stop.
_END = re.compile(r"""[.!?\u2026\n](?:(?<=\n)|(?<![.!?\u2026](?s:.))[.!?\u2026]*+["'\u201d\u2019)\]]*+(?=\s))""")
_WORD_BEFORE = re.compile(r"""([A-Za-z][A-Za-z.]{0,11})\.["'\u201d\u2019)\]]*$""")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_NEXT = re.compile(r"""\s*+["'\u201c\u2018(\[]?([^\s]{0,20})""")


def split_sentences(text: str) -> list[Span]:
    """Sentences as spans into ``text`` (whitespace trimmed). Newlines are hard breaks.

    Keeps "Mt. Gox", "Coincheck Inc. said", "Jan. 26", "U.S. officials", "$5.2 million" and
    "J. Smith" inside one sentence; breaks after a closing quote that follows a full stop.
    """
    spans: list[Span] = []
    n = len(text)
    begin = 0
    for m in _END.finditer(text):
        cut = m.end()
        if m.group() != "\n":
            if "." in m.group() and not _is_real_stop(text, m.start(), cut):
                continue
        _emit(text, begin, cut, spans)
        begin = cut
    _emit(text, begin, n, spans)
    return spans


def _is_real_stop(text: str, dot: int, cut: int) -> bool:
    if text[dot] != "." or text[dot:cut].count(".") > 1:
        # "!", "?", or an ellipsis "..." : a stop
        return True
    if _is_item_number(text, dot):
        return False              # "2. Zaif (September 2018)": a numbered list item's number, not a sentence
    wb = _WORD_BEFORE.search(text, max(0, dot - 12), cut)
    nxt = _NEXT.match(text, cut, min(len(text), cut + 24))
    following = nxt.group(1) if nxt else ""
    if not following:
        return True
    first = following[0]
    if first.islower():
        return False
    if wb:
        word = wb.group(1).lower()
        if word in NEVER_FINAL:
            return False
        if len(word) == 1 and wb.group(1).isupper():
            return False          # an initial: "J. Smith"
        if word in MAYBE_FINAL or ("." in word and _INITIALISM.fullmatch(word)):
            return following.strip("\"'(").lower().rstrip(",.;:") in OPENERS
    return True


def _is_item_number(text: str, dot: int) -> bool:
    """Is all of the line before ``dot`` a list number (spaces or tabs, then one or two digits)?

    Read backwards from the stop, so a long line full of stops is not scanned again for each of them."""
    i = dot
    while i > 0 and dot - i < 2 and text[i - 1].isdecimal():
        i -= 1
    if i == dot:
        return False
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _emit(text: str, a: int, b: int, out: list[Span]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append(Span(a, b))


def sentence_index(sentences: list[Span], pos: int) -> int | None:
    """Index of the sentence containing character ``pos`` (None if it falls between sentences)."""
    i = bisect_right([s.start for s in sentences], pos) - 1
    if i >= 0 and sentences[i].start <= pos < sentences[i].end:
        return i
    return None


class SentenceIndex:
    """Fast lookup of the sentence around an offset, for one document."""

    __slots__ = ("spans", "_starts")

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._starts = [s.start for s in spans]

    @classmethod
    def of(cls, text: str) -> "SentenceIndex":
        return cls(split_sentences(text))

    def index(self, pos: int) -> int | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i].start <= pos < self.spans[i].end:
            return i
        return None

    def around(self, span: Span) -> Span:
        """The sentence containing ``span``'s start, or the span itself if it lies between sentences."""
        i = self.index(span.start)
        return self.spans[i] if i is not None else span


# ---------------------------------------------------------------- case-insensitive patterns, run faster
#
# Python's ``re`` scans a case-insensitive alternation ("hack|theft|heist|...") several times more
# slowly than a case-sensitive one, which can skip ahead on the letters a match may start with. So a
# case-insensitive pattern whose letters are all lower case runs as its case-sensitive twin over the
# lower-cased text, which finds exactly the same spans: lower() keeps the length and every character's
# class (letter, digit, space) and the twin's letters, classes and ranges match what the original
# matched. Exactness needs three things, checked here: the twin's ASCII letters are lowered (a class
# that held "A-Z" gains "a-z"), the pattern has no cased letter beyond ASCII and no part that turns
# case-insensitivity off; and the text holds none of the four characters that a case-insensitive
# ASCII letter also matches (dotted and dotless i, long s, the Kelvin sign). Otherwise the pattern
# runs as written.

_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_LOWERED: list[tuple[str, str | None]] = [("", ""), ("", "")]   # the last two texts lowered


def lowered(text: str) -> str | None:
    """``text.lower()`` when it indexes like ``text`` and matches like it (see above), else None.

    The last two long texts are remembered by identity, so the pipeline's many calls on one document
    lower it once; pass the whole document (with ``pos``/``endpos``), not slices of it.
    """
    if len(text) < 200:
        return _lower_exact(text)   # cheaper than a look-up, and keeps the documents remembered
    recent, older = _LOWERED
    if recent[0] is text:
        return recent[1]
    if older[0] is text:
        _LOWERED[0], _LOWERED[1] = older, recent
        return older[1]
    low = _lower_exact(text)
    _LOWERED[1] = _LOWERED[0]
    _LOWERED[0] = (text, low)
    return low


def _lower_exact(text: str) -> str | None:
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and _FOLDS_TO_ASCII.search(text)):
        return None
    return low


def _cased(code: int) -> bool:
    c = chr(code)
    return c.lower() != c or c.upper() != c


def _inner(op, av) -> list | None:
    """The parsed sequences a node of re._parser's tree holds (a group's body, a repeat's, an assertion's,
    each alternative of a branch), or None for a node that holds none."""
    from re import _constants as k

    if op is k.BRANCH:
        return [b.data for b in av[1]]
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):
        return [av[2].data]
    if op is k.SUBPATTERN:
        return [av[3].data]
    if op in (k.ASSERT, k.ASSERT_NOT):
        return [av[1].data]
    if op is k.ATOMIC_GROUP:
        return [av.data]
    return None


def _every(items, judge) -> bool:
    """Does ``judge`` accept every node of a parsed sequence, in order? ``judge(items, n)`` answers for node
    ``n``: True, False, or None to answer by every node of what it holds (see :func:`_inner`; a node that
    holds nothing is then refused)."""
    for n, (op, av) in enumerate(items):
        ok = judge(items, n)
        if ok is None:
            inner = _inner(op, av)
            ok = inner is not None and all(_every(seq, judge) for seq in inner)
        if not ok:
            return False
    return True


def _lower_in_place(items) -> bool:
    """Rewrite a parsed pattern (re._parser) to match the lowered text case-sensitively; False if it cannot."""
    return _every(items, _lower_node)


def _lower_node(items, n: int) -> bool | None:  # noqa: C901 - one case per node kind of re._parser's tree
    from re import _constants as k

    op, av = items[n]
    if op in (k.LITERAL, k.NOT_LITERAL):
        if 65 <= av <= 90:
            items[n] = (op, av + 32)
        return not (av > 127 and _cased(av))
    if op is k.IN:
        extra = []
        for iop, iav in av:
            if iop is k.LITERAL:
                if 65 <= iav <= 90:
                    extra.append((k.LITERAL, iav + 32))
                elif iav > 127 and _cased(iav):
                    return False
            elif iop is k.RANGE:
                lo, hi = iav
                if hi > 127 and any(_cased(c) for c in range(max(lo, 128), hi + 1)):
                    return False
                if lo <= 90 and hi >= 65:
                    extra.append((k.RANGE, (max(lo, 65) + 32, min(hi, 90) + 32)))
            elif iop not in (k.NEGATE, k.CATEGORY):
                return False
        av.extend(extra)
        return True
    if op is k.SUBPATTERN and av[2] & re.IGNORECASE:
        return False   # a part that is case-sensitive on purpose
    if op in (k.AT, k.ANY, k.CATEGORY):
        return True
    return None   # a group, a branch, a repeat, an assertion: by what it holds (back-references, conditionals: no)


def case_sensitive_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive pattern that finds on ``lowered(text)`` what ``pattern`` finds on ``text``, or None.

    Built from the parsed pattern with every upper-case ASCII letter lowered (classes and ranges
    gain their lower case), then compiled without IGNORECASE; its ``pattern`` attribute is None.
    """
    if not pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        from re import _compiler, _parser

        flags = pattern.flags & ~re.IGNORECASE
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        if not _lower_in_place(parsed.data):
            return None
        parsed.state.flags &= ~re.IGNORECASE
        twin = _compiler.compile(parsed, flags)
    except Exception:   # another Python's internals: run the pattern as written
        return None
    if twin.flags & re.IGNORECASE:
        return None
    try:
        return _first_char_form(parsed, flags) or twin
    except Exception:
        return twin


def _first_char_form(parsed, flags: int) -> re.Pattern[str] | None:  # noqa: C901
    r"""The same pattern with its leading assertions moved after a first character, or None.

    sre skips in C to where a pattern can begin only when the pattern opens with a character (or an
    alternation of them); one that opens with ````, a lookbehind or a one-character lookahead is
    tried at every position. So ``(?:hack|stole)`` is compiled as ``h(?<![\w][\s\S])ack|s(?<![\w][\s\S])tole``:
    the pattern is split into alternatives by their possible first characters (keeping the order in
    which sre tries them among those with the same first character; different first characters
    exclude each other), and each assertion becomes the lookbehind that says the same one character
    later. Only for shapes where that is exact (no group written twice); else None.
    """
    from re import _compiler, _parser
    from re import _constants as k

    data = list(parsed.data)
    lead = []
    while data and data[0][0] in (k.AT, k.ASSERT, k.ASSERT_NOT):
        lead.append(data.pop(0))
    if not lead or not data or _has_group(lead, k):
        return None
    firsts = _split_first(data, k, parsed.state)
    if not firsts or len(firsts) > 1 and any(_has_group(rest, k) for _, rest in firsts):
        return None
    by_first: dict[int, list[list]] = {}
    for c, rest in firsts:
        by_first.setdefault(c, []).append(rest)
    alts = []
    for c, rests in by_first.items():
        moved = [_moved(op, av, c, parsed.state) for op, av in lead]
        if None in moved:
            return None
        tail = rests[0] if len(rests) == 1 else \
            [(k.BRANCH, (None, [_parser.SubPattern(parsed.state, r) for r in rests]))]
        alts.append(_parser.SubPattern(parsed.state, [(k.LITERAL, c), *moved, *tail]))
    data = [(k.BRANCH, (None, alts))] if len(alts) > 1 else list(alts[0].data)
    return _compiler.compile(_parser.SubPattern(parsed.state, data), flags)


def _moved(op, av, c: int, state) -> tuple | None:
    """The zero-width assertion ``(op, av)`` that held before the character ``c``, said after ``c`` (one
    character later) as a lookbehind; None where that would not be exact."""
    from re import _parser
    from re import _constants as k

    if op is k.AT:
        if av not in (k.AT_BOUNDARY, k.AT_NON_BOUNDARY):
            return None
        #  before a word character: none before it; before another character: one before it
        after_word = re.match(r"\w", chr(c)) is not None
        kind = k.ASSERT_NOT if (av is k.AT_BOUNDARY) == after_word else k.ASSERT
        return (kind, (-1, _parser.SubPattern(state, list(_parser.parse(r"\w[\s\S]").data))))
    if av[0] == -1:    # a lookbehind: the same, one character wider
        lo, hi = av[1].getwidth()
        if lo != hi:
            return None
        return (op, (-1, _parser.SubPattern(state, [*av[1].data, *_parser.parse(r"[\s\S]").data])))
    if av[1].getwidth() != (1, 1):    # a lookahead of one character: a lookbehind over that character
        return None
    return (op, (-1, av[1]))


def _has_group(items, k) -> bool:
    """Does the parsed sequence hold a capturing group (or refer to one)?"""
    def groupless(seq, n: int) -> bool | None:
        op, av = seq[n]
        if op in (k.GROUPREF, k.GROUPREF_EXISTS) or (op is k.SUBPATTERN and av[0] is not None):
            return False
        return None if _inner(op, av) is not None else True

    return not _every(items, groupless)


def _split_first(items, k, state=None) -> list[tuple[int, list]] | None:  # noqa: C901
    """``items`` as (first character, the rest) alternatives in the order sre tries them, or None. With the
    parsed pattern's ``state``, an assertion that opens an alternative ("\\b(?:no\\s+funds|\\bden(?:y|ied))")
    is moved after each first character as :func:`_first_char_form` moves the pattern's leading ones."""
    if not items:
        return None
    op, av = items[0]
    rest = list(items[1:])
    out: list[tuple[int, list]] = []
    if op in (k.AT, k.ASSERT, k.ASSERT_NOT) and state is not None and not _has_group([items[0]], k):
        for c, after in _split_first(rest, k, state) or ():
            moved = _moved(op, av, c, state)
            if moved is None:
                return None
            out.append((c, [moved, *after]))
        if not out:
            return None
    elif op is k.LITERAL:
        out = [(av, rest)]
    elif op is k.IN:
        if not all(iop is k.LITERAL for iop, _ in av):
            return None
        seen: list[int] = []
        for _, c in av:
            if c not in seen:
                seen.append(c)
        out = [(c, rest) for c in seen]   # one character: at most one of them matches
    elif op is k.BRANCH:
        for alt in av[1]:
            got = _split_first([*alt.data, *rest], k, state)
            if got is None:
                return None
            out.extend(got)
    elif op is k.SUBPATTERN:
        group, add_flags, del_flags, body = av
        if group is not None or add_flags or del_flags:
            return None
        return _split_first([*body.data, *rest], k, state)
    elif op is k.MAX_REPEAT and av[0] == 0 and av[1] == 1:   # greedy "?": first with it, then without
        with_it = _split_first([*av[2].data, *rest], k, state)
        without = _split_first(rest, k, state)
        if with_it is None or without is None:
            return None
        out = with_it + without
    else:
        return None
    return out if len(out) <= 300 else None


class Folded:
    """A case-insensitive pattern that runs as its case-sensitive twin on the lowered text when that is exact.

    ``search``, ``match`` and ``finditer`` take the whole text with ``pos``/``endpos`` like a pattern's.
    The spans of the matches index ``text``; their group strings may be lower-cased, so read the
    words from ``text`` (``text[m.start():m.end()]``) when their case matters.
    """

    __slots__ = ("pattern", "twin")

    def __init__(self, pattern: re.Pattern[str] | str, flags: int = re.IGNORECASE) -> None:
        self.pattern = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        self.twin = case_sensitive_twin(self.pattern)

    def _on(self, text: str) -> tuple[re.Pattern[str], str]:
        if self.twin is not None:
            low = lowered(text)
            if low is not None:
                return self.twin, low
        return self.pattern, text

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        # = self._on(text), inlined: searches in windows of one document run hundreds of times per document
        twin = self.twin
        if twin is not None:
            recent = _LOWERED[0]
            low = recent[1] if recent[0] is text else lowered(text)
            if low is not None:
                return twin.search(low, pos, endpos)
        return self.pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, s = self._on(text)
        return rx.match(s, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        rx, s = self._on(text)
        return rx.finditer(s, pos, endpos)

    def matches(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, pos, endpos)`` itself (groups as written): the twin finds where, the
        pattern is matched only there. For patterns that can match the empty string, plain finditer."""
        rx, s = self._on(text)
        if rx is self.pattern or self.pattern.match("") is not None or _may_be_empty(self.pattern):
            return self.pattern.finditer(text, pos, endpos)
        return finditer_at(self.pattern, (m.start() for m in rx.finditer(s, pos, endpos)), text, pos, endpos)


_Form = TypeVar("_Form")
_FORMS: dict[tuple[type, int], tuple[re.Pattern[str], Any]] = {}


def _made_once(form: type[_Form], pattern: re.Pattern[str]) -> _Form:
    """``form(pattern)``, built once per pattern and kept by the pattern's identity: hashing a
    compiled pattern hashes its whole program each time."""
    key = (form, id(pattern))
    got = _FORMS.get(key)
    if got is None or got[0] is not pattern:
        got = _FORMS[key] = (pattern, form(pattern))
    return got[1]  # type: ignore[no-any-return]


_FOLDED: dict[int, tuple[re.Pattern[str], Folded]] = {}


def folded(pattern: re.Pattern[str]) -> Folded:
    """The :class:`Folded` form of a compiled pattern, made once: ``folded(ATTACK_CUE).search(text, a, b)``.

    (Kept by the pattern's identity like :func:`_made_once`, in a table of its own: it is called
    hundreds of times per document.)"""
    got = _FOLDED.get(id(pattern))
    if got is None or got[0] is not pattern:
        got = _FOLDED[id(pattern)] = (pattern, Folded(pattern))
    return got[1]


# ---------------------------------------------------------------- trying a pattern only where it can start

def word_starts(prefixes: Iterable[str]) -> Folded:
    """An empty match wherever a word (not preceded by a word character) begins with one of ``prefixes``, any case.

    With every alternative of a word-list pattern contributing the literal start it must begin with,
    these positions hold every place the pattern can match; see :func:`finditer_at`.
    """
    return Folded(re.compile(rf"(?<![\w])(?={_trie({p.lower() for p in prefixes})})", re.IGNORECASE))


def _trie(words: set[str]) -> str:
    """An alternation that matches at a position where one of ``words`` begins, sharing prefixes (one
    try per distinct first letter instead of one per word); a word that starts another stands for it."""
    if "" in words or not words:
        return ""
    groups: dict[str, set[str]] = {}
    for w in words:
        groups.setdefault(w[0], set()).add(w[1:])
    alts = [re.escape(c) + _trie(rest) for c, rest in sorted(groups.items())]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def longest_trie(words: set[str]) -> str:
    """An alternation of ``words`` in trie shape that matches the longest of them at a position (the
    longer continuation is tried first, so with a boundary after it a whole word is matched)."""
    groups: dict[str, set[str]] = {}
    for w in words:
        if w:
            groups.setdefault(w[0], set()).add(w[1:])
    if not groups:
        return ""
    alts = [re.escape(c) + longest_trie(rest) for c, rest in sorted(groups.items())]
    body = "(?:" + "|".join(alts) + ")"
    return body + "?" if "" in words else body


def finditer_at(pattern: re.Pattern[str], starts: Iterable[int], text: str, pos: int = 0,
                endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text, pos, endpos)`` yields, trying ``pattern`` only at ``starts``.

    ``starts`` (ascending) must hold every position where ``pattern`` can match; extra positions
    cost a failed attempt each. Like ``finditer``, a match is sought at a position only once the
    previous match has ended; ``pattern`` must not match the empty string.
    """
    nxt = pos
    for p in starts:
        if p < nxt:
            continue
        m = pattern.match(text, p, endpos)
        if m is None:
            continue
        if m.end() == m.start():
            raise ValueError(f"finditer_at needs a pattern that cannot match the empty string: {pattern.pattern!r}")
        yield m
        nxt = m.end()


class Anchored:
    """``pattern.finditer`` on a whole string, tried only where the pattern's case-insensitive head matches.

    The head is the longest leading part of the pattern (a case-insensitive one) that lowering keeps
    exact, e.g. the "exchange called" before a case-sensitive name; every match of the pattern starts
    where its head matches, so the pattern proper is tried only at those places (see
    :func:`finditer_at`), found by the head's twin on the lowered string (every place, overlapping
    ones too: each search starts one character after the last place found). Without such a head, or on
    a string that cannot be lowered exactly, it is ``pattern.finditer``.
    """

    __slots__ = ("pattern", "head")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.head = _head_finder(pattern)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = _lower_exact(text) if self.head is not None else None
        if low is None:
            return self.pattern.finditer(text)
        return finditer_at(self.pattern, _occurrences(self.head, low, 0, len(low)), text)


def _head_finder(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    if not pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        from re import _compiler, _parser

        def parse():  # a fresh tree each time: lowering rewrites it
            return _parser.parse(pattern.pattern, pattern.flags)

        whole = parse()
        lo, hi = whole.getwidth()
        if lo == 0:
            return None   # a pattern that can match the empty string: finditer_at does not apply
        # how many leading parts lowering keeps exact: each part is tried on this tree (the parts share nothing,
        # so lowering one leaves the others as parsed; the tree is not used after)
        k = 0
        while k < len(whole.data) and _lower_in_place([whole.data[k]]):
            k += 1
        if k == 0:
            return None
        tree = parse()
        head = _parser.SubPattern(tree.state, tree.data[:k])
        if head.getwidth()[0] == 0 or not _lower_in_place(head.data):
            return None   # a head that may be empty filters nothing
        tree.data[:] = list(head.data)   # the head itself: found with a search from each place found + 1
        tree.state.flags &= ~re.IGNORECASE
        flags = pattern.flags & ~re.IGNORECASE
    except Exception:   # another Python's internals: run the pattern as written
        return None
    try:
        return _first_char_form(tree, flags) or _compiler.compile(tree, flags)
    except Exception:
        return None


def anchored(pattern: re.Pattern[str]) -> Anchored:
    """The :class:`Anchored` form of a compiled pattern, made once (kept by identity, like :func:`folded`)."""
    return _made_once(Anchored, pattern)


# ---------------------------------------------------------------- trying a pattern only where its literal start occurs

def _literal_starts(pattern: re.Pattern[str], n: int = 3, limit: int = 400) -> set[str] | None:
    """Lower-case strings (up to ``n`` characters) one of which every match of ``pattern`` begins with, or None."""
    try:
        from re import _parser

        tree = _parser.parse(pattern.pattern, pattern.flags)
        if tree.getwidth()[0] == 0:
            return None
        return _starts_of(tree.data, n, limit)
    except Exception:   # another Python's internals, or too many starts: no shortcut
        return None


def _starts_of(items, n: int, limit: int, digit: str | None = None) -> set[str] | None:
    """The starts of a parsed sequence (see :func:`_literal_starts`), None if some match may begin otherwise.
    With ``digit``, a decimal digit class is that character, the last of a start ("q" + digit for "Q[1-4]")."""
    open_, closed = _extend({""}, items, n, limit, digit)
    closed |= open_
    if "" in closed or not closed or len(closed) > limit:
        return None
    return closed


def _is_digit_class(op, av) -> bool:
    """A literal decimal digit, or a class of nothing but decimal digits (``\\d``, ``[0-3]``)."""
    from re import _constants as k

    if op is k.LITERAL:
        return chr(av).isdecimal()
    return op is k.IN and all((iop is k.CATEGORY and iav is k.CATEGORY_DIGIT) or (iop is k.LITERAL and chr(iav).isdecimal())
                              or (iop is k.RANGE and all(chr(c).isdecimal() for c in range(iav[0], iav[1] + 1)))
                              for iop, iav in av)


def _extend(open_: set[str], items, n: int, limit: int,  # noqa: C901
            digit: str | None = None) -> tuple[set[str], set[str]]:
    """Follow a parsed sequence from the prefixes ``open_``: (prefixes still growing, prefixes that are complete)."""
    from re import _constants as k

    closed: set[str] = set()
    for op, av in items:
        if not open_:
            break
        if len(open_) + len(closed) > limit:
            raise OverflowError
        if op in (k.AT, k.ASSERT, k.ASSERT_NOT):
            continue   # zero-width: it constrains where, not what
        if digit is not None and _is_digit_class(op, av):
            closed |= {p + digit for p in open_}
            open_ = set()
            continue
        chars: list[int] | None = None
        if op is k.LITERAL:
            chars = [av]
        elif op is k.IN and all(iop is k.LITERAL for iop, _ in av) and len(av) <= 12:
            chars = [iav for _, iav in av]
        if chars is not None:
            if any(c > 127 and _cased(c) for c in chars):
                closed |= open_
                open_ = set()
                continue
            grown = {p + chr(c).lower() for p in open_ for c in chars}
            closed |= {p for p in grown if len(p) >= n}
            open_ = {p for p in grown if len(p) < n}
        elif op is k.SUBPATTERN:
            open_, more = _extend(open_, av[3].data, n, limit, digit)
            closed |= more
        elif op is k.ATOMIC_GROUP:
            open_, more = _extend(open_, av.data, n, limit, digit)
            closed |= more
        elif op is k.BRANCH:
            grown = set()
            for alt in av[1]:
                o, more = _extend(set(open_), alt.data, n, limit, digit)
                grown |= o
                closed |= more
            open_ = grown
        elif op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):
            lo, hi, body = av
            once, more = _extend(set(open_), body.data, n, limit, digit)
            closed |= more
            if hi != 1:
                closed |= once      # what follows a repeat is not known: those starts end here
                once = set()
            open_ = (open_ | once) if lo == 0 else once
        else:
            closed |= open_         # a class, any character, a back-reference: the known start ends here
            open_ = set()
    return open_, closed


def _starts_a_word(pattern: re.Pattern[str], starts: set[str]) -> bool:
    r"""True when no match of ``pattern`` can follow a word character: it opens with ``(?<![\w])`` (or
    ``\b`` before starts that all begin with a word character). Lower-casing keeps every character's
    word class, so the lowered text can be checked for it too."""
    if pattern.flags & (re.ASCII | re.LOCALE):
        return False     # another meaning of \w
    try:
        from re import _constants as k
        from re import _parser

        op, av = _parser.parse(pattern.pattern, pattern.flags).data[0]
    except Exception:
        return False
    if op is k.AT:
        return av is k.AT_BOUNDARY and all(re.match(r"\w", s[0]) for s in starts)
    if op is not k.ASSERT_NOT or av[0] != -1 or len(av[1].data) != 1:
        return False
    iop, iav = av[1].data[0]
    return iop is k.IN and list(iav) == [(k.CATEGORY, k.CATEGORY_WORD)]


class Started:
    r"""``pattern.finditer``, tried only where one of the literal starts every match begins with occurs.

    The starts (up to three letters, any case) come from the parsed pattern; each occurrence of each
    of them (overlapping ones too) is found with ``str.find`` on the lowered text, which for a few
    starts is several times faster than one regex scan for all of them, and when the pattern opens
    with ``(?<![\w])`` or ``\b`` only those at a word start are kept; the pattern proper runs only
    there (see :func:`finditer_at`). On text that cannot be lowered exactly a case-insensitive regex
    finds the starts. Without such starts it is ``pattern.finditer``.
    """

    __slots__ = ("pattern", "strings", "at_word", "first_i", "count")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        starts = _literal_starts(pattern)
        self.count = len(starts) if starts else 0
        self.strings = tuple(sorted(starts)) if starts else ()
        self.at_word = bool(starts) and _starts_a_word(pattern, starts or set())
        body = _trie(starts) if starts else ""
        self.first_i = re.compile(body, re.IGNORECASE) if body else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        if self.first_i is None:
            return self.pattern.finditer(text, pos, endpos)
        low = lowered(text)
        if low is None:
            return finditer_at(self.pattern, _occurrences(self.first_i, text, pos, endpos), text, pos, endpos)
        return finditer_at(self.pattern, _found(low, self.strings, pos, endpos, self.at_word), text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)


def _found(low: str, strings: tuple[str, ...], pos: int, endpos: int, at_word: bool) -> list[int]:
    r"""Every position in ``low[pos:endpos]`` where one of ``strings`` occurs whole (at a word start only,
    when ``at_word``: after no word character, which is what ``(?<![\w])`` asks), ascending."""
    n = len(low)
    pos, endpos = min(max(pos, 0), n), min(max(endpos, 0), n)   # as a pattern reads them
    out: set[int] = set()
    for w in strings:
        i = low.find(w, pos, endpos)
        while i >= 0:
            if not at_word or i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_"):
                out.add(i)
            i = low.find(w, i + 1, endpos)
    return sorted(out)


def _occurrences(rx: re.Pattern[str], s: str, pos: int, endpos: int) -> Iterator[int]:
    m = rx.search(s, pos, endpos)
    while m is not None:
        yield m.start()
        m = rx.search(s, m.start() + 1, endpos)


def _needles(items) -> set[str] | None:  # noqa: C901 - one case per node kind of re._parser's tree
    """Lower-case strings one of which every match of a parsed sequence contains, or None if there are none."""
    from re import _constants as k

    best: set[str] | None = None

    def offer(found: set[str] | None) -> None:
        nonlocal best
        if found and "" not in found and (best is None or _needle_score(found) > _needle_score(best)):
            best = found

    run = ""
    for op, av in [*items, (None, None)]:
        if op is k.LITERAL and not (av > 127 and _cased(av)):
            run += chr(av).lower()
            continue
        if run:
            offer({run})
            run = ""
        if op is k.SUBPATTERN:
            offer(_needles(av[3].data))
        elif op is k.ATOMIC_GROUP:
            offer(_needles(av.data))
        elif op is k.BRANCH:
            alts = [_needles(a.data) for a in av[1]]
            if all(alts):
                offer(set().union(*alts))   # type: ignore[arg-type]
        elif op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT) and av[0] >= 1:
            offer(_needles(av[2].data))
    return best


def _needle_score(found: set[str]) -> tuple[int, int]:
    return min(map(len, found)), -len(found)   # longer needles are rarer; fewer are found faster


class Needled:
    """A cheap test before a pattern: is one of the literal strings every match contains in the window?

    The strings come from the parsed pattern (lower-case: they are looked for in the lowered text, where
    any case of them is found); ``may_match(low, pos, endpos)`` is False only when no match of the pattern
    can lie in ``text[pos:endpos]``, so the pattern proper need not run there. Without such strings, or
    on text that cannot be lowered exactly (``low`` None), it is always True.
    """

    __slots__ = ("pattern", "needles", "rx")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        try:
            from re import _parser

            found = _needles(_parser.parse(pattern.pattern, pattern.flags).data)
        except Exception:   # another Python's internals: no test
            found = None
        if found:   # a string that holds another one is found with it
            found = {w for w in found if not any(v != w and v in w for v in found)}
        self.needles = frozenset(found) if found else None
        self.rx = re.compile(_trie(set(found))) if found else None

    def may_match(self, low: str | None, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        return self.rx is None or low is None or self.rx.search(low, pos, endpos) is not None


def needled(pattern: re.Pattern[str]) -> Needled:
    """The :class:`Needled` test of a compiled pattern, made once (kept by identity, like :func:`folded`)."""
    return _made_once(Needled, pattern)


class Dispatched:
    """``pattern.match(text, p, endpos)`` for a table-driven scanner: zero-width assertions, then one
    alternation of many alternatives, of which only those that can begin with the text at ``p`` are tried.

    sre tries every alternative at every position it is asked about, which for a scanner of twenty
    alternatives costs microseconds per word. Each alternative's literal starts are known from the parsed
    pattern (lower-case, up to ``n`` characters, a decimal digit standing for any digit; an alternative
    without them is always tried); the alternatives whose starts fit the next ``n`` lowered characters are
    compiled into a pattern of their own, once per distinct set: same alternatives in the same order and
    the same groups, so it finds the same match (leftmost-first), or none where none could. Raises
    ValueError for a pattern of another shape.
    """

    DIGIT = "\x00"

    def __init__(self, pattern: re.Pattern[str], n: int = 3) -> None:
        from re import _constants as k
        from re import _parser

        tree = _parser.parse(pattern.pattern, pattern.flags)
        lead = 0
        while lead < len(tree.data) and tree.data[lead][0] in (k.ASSERT, k.ASSERT_NOT, k.AT):
            lead += 1
        if lead >= len(tree.data) or tree.data[lead][0] is not k.BRANCH:
            raise ValueError("not a scanner of alternatives")
        self.pattern = pattern
        self.n = n
        self._lead = lead
        self._tree = tree   # parsed once: a long pattern takes milliseconds to parse, and each set of alternatives
        #                     is compiled from it (the compiler reads the tree, it does not change it)
        # per alternative: its starts, or None when it may begin with anything
        self.starts = [_starts_of(alt.data, n, 400, self.DIGIT) for alt in tree.data[lead][1][1]]
        # the starts without a digit, for one str.startswith per alternative, and those with one
        self._plain = [tuple(w for w in ws if self.DIGIT not in w) if ws else () for ws in self.starts]
        self._marked = [tuple(w for w in ws if self.DIGIT in w) if ws else () for ws in self.starts]
        self._by_key: dict[str, re.Pattern[str] | None] = {}
        self._by_set: dict[tuple[int, ...], re.Pattern[str]] = {}

    def letter_starts(self) -> set[str] | None:
        """Every start up to its first digit ("q" for "Q1"), without the starts that are a digit only;
        None when some alternative may begin with anything."""
        if any(s is None for s in self.starts):
            return None
        cut = {w.split(self.DIGIT)[0] for ws in self.starts for w in ws}   # type: ignore[union-attr]
        cut.discard("")
        return cut

    def match(self, text: str, low: str, p: int, endpos: int) -> re.Match[str] | None:
        """``pattern.match(text, p, endpos)``; ``low`` is ``lowered(text)`` (not None)."""
        key = low[p : min(p + self.n, endpos)]
        rx = self._by_key.get(key, self)
        if rx is self:
            if len(self._by_key) >= 100_000:
                self._by_key.clear()   # keys are at most n characters: only odd text gets here
            rx = self._by_key[key] = self._for(key)
        return rx.match(text, p, endpos) if rx is not None else None   # type: ignore[union-attr]

    def _for(self, key: str) -> re.Pattern[str] | None:
        chosen = tuple(i for i, (ws, plain, marked) in enumerate(zip(self.starts, self._plain, self._marked))
                       if ws is None or key.startswith(plain) or any(self._fits(w, key) for w in marked))
        if not chosen:
            return None
        rx = self._by_set.get(chosen)
        if rx is None:
            from re import _compiler, _parser

            tree = self._tree
            op, (_, alts) = tree.data[self._lead]
            data = list(tree.data)
            data[self._lead] = (op, (None, [alts[i] for i in chosen]))
            rx = self._by_set[chosen] = _compiler.compile(_parser.SubPattern(tree.state, data), self.pattern.flags)
        return rx

    def _fits(self, start: str, key: str) -> bool:
        return len(key) >= len(start) and all(c == k or (c == self.DIGIT and k.isdecimal()) for c, k in zip(start, key))


def started(pattern: re.Pattern[str]) -> Started:
    """The :class:`Started` form of a compiled pattern, made once (kept by identity, like :func:`folded`)."""
    return _made_once(Started, pattern)


def quick(pattern: re.Pattern[str]) -> Started | Folded:
    """The faster of the exact scanners for a simple alternation: :class:`Started` when its matches begin
    with a handful of literal starts (few rare strings are found fastest), else :class:`Folded`.
    Spans are those of ``pattern.finditer``; read words from the text (a Folded match's may be lower-cased)."""
    s = started(pattern)
    return s if 0 < s.count <= 10 else folded(pattern)


_EMPTY: dict[int, tuple[re.Pattern[str], bool]] = {}


def _may_be_empty(pattern: re.Pattern[str]) -> bool:
    got = _EMPTY.get(id(pattern))
    if got is None or got[0] is not pattern:
        try:
            from re import _parser

            empty = _parser.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0
        except Exception:
            empty = True
        got = _EMPTY[id(pattern)] = (pattern, empty)
    return got[1]


_SPACELESS: dict[int, tuple[re.Pattern[str], bool]] = {}


def spaceless(pattern: re.Pattern[str]) -> bool:
    """True when no match of ``pattern`` can hold a whitespace character (nor be empty): its matches never
    run from one sentence into the next, since :func:`split_sentences` leaves only whitespace between them."""
    got = _SPACELESS.get(id(pattern))
    if got is None or got[0] is not pattern:
        try:
            from re import _parser

            tree = _parser.parse(pattern.pattern, pattern.flags)
            ok = tree.getwidth()[0] > 0 and _spaceless(tree.data)
        except Exception:
            ok = False
        got = _SPACELESS[id(pattern)] = (pattern, ok)
    return got[1]


def _spaceless(items) -> bool:
    return _every(items, _spaceless_node)


def _spaceless_node(items, n: int) -> bool | None:
    from re import _constants as k

    op, av = items[n]
    if op in (k.LITERAL, k.NOT_LITERAL):
        return op is k.LITERAL and not chr(av).isspace()
    if op is k.IN:
        for iop, iav in av:
            if iop is k.LITERAL:
                if chr(iav).isspace():
                    return False
            elif iop is k.RANGE:
                if any(chr(c).isspace() for c in range(iav[0], min(iav[1], 0x3000) + 1)):
                    return False
            elif iop is k.CATEGORY:
                if iav not in (k.CATEGORY_WORD, k.CATEGORY_DIGIT):
                    return False
            else:
                return False   # a negated class holds spaces
        return True
    if op in (k.AT, k.ASSERT, k.ASSERT_NOT):
        return True   # zero-width
    return None   # a group, a branch, a repeat: by what it holds (any character, back-references: no)


# ---------------------------------------------------------------- which sentences a pattern's scan hits

class SentenceHits:
    r"""Which sentences hold the start of a match of ``pattern.finditer(text)``, found with ``str.find``.

    For a pattern whose matches hold no whitespace (:func:`spaceless`) and begin with one of a few literal
    starts (whole words of a word list: "exchange|platform|...", "\bfrom\b"): no match runs from one
    sentence into the next, so a sentence holds the start of a match of the whole text's scan exactly when
    the pattern matches (on the whole text, so assertions read the characters around) at some place in it
    where one of the starts occurs. Each start is looked for with ``str.find`` on the lowered text, which is
    several times faster than ``sre`` scanning for an alternation of many words; once a sentence is hit the
    rest of it is skipped. Sentences must be those of :func:`split_sentences` (only whitespace between
    them); otherwise, and without such starts or on text that cannot be lowered exactly, the scan itself runs.
    """

    __slots__ = ("pattern", "strings")

    def __init__(self, pattern: re.Pattern[str], n: int = 12) -> None:
        self.pattern = pattern
        starts = _literal_starts(pattern, n, 60) if spaceless(pattern) else None
        self.strings = tuple(sorted(starts)) if starts else ()

    def scan(self, text: str, sentences: list[Span]) -> set[int]:
        """The indices of the sentences holding the start of a match (see the class)."""
        return hits_by_sentence([self.pattern], text, sentences)[0]

    def _found(self, text: str, low: str, sentences: list[Span], starts: list[int]) -> set[int]:
        match = self.pattern.match
        hit: set[int] = set()
        for w in self.strings:
            i = low.find(w)
            while i >= 0:
                k = bisect_right(starts, i) - 1
                if k < 0 or i >= sentences[k].end:
                    i = low.find(w, i + 1)
                elif k in hit:
                    i = low.find(w, sentences[k].end)
                elif match(text, i) is not None:
                    hit.add(k)
                    i = low.find(w, sentences[k].end)
                else:
                    i = low.find(w, i + 1)
        return hit


def hits_by_sentence(patterns: Iterable[re.Pattern[str]], text: str, sentences: list[Span]) -> list[set[int]]:
    """For each pattern, the indices of the sentences that hold the start of a match of ``pattern.finditer(text)``
    (see :class:`SentenceHits`; the sentences are checked once for all the patterns)."""
    low = lowered(text)
    fast = low is not None and _whitespace_between(text, sentences)
    starts = [s.start for s in sentences]
    out: list[set[int]] = []
    for pattern in patterns:
        form = sentence_hits(pattern)
        if fast and form.strings:
            out.append(form._found(text, low, sentences, starts))   # type: ignore[arg-type]
        else:
            out.append(_hits_by_scan(pattern, text, sentences, starts))
    return out


def _hits_by_scan(pattern: re.Pattern[str], text: str, sentences: list[Span], starts: list[int]) -> set[int]:
    hit: set[int] = set()
    for m in folded(pattern).finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < sentences[i].end:
            hit.add(i)
    return hit


def _whitespace_between(text: str, sentences: list[Span]) -> bool:
    """Are the sentences non-empty and in order, with only whitespace before the first and (some) between two?"""
    end = -1
    for s in sentences:
        if s.end <= s.start:
            return False
        gap = text[max(end, 0) : s.start]
        if s.start <= end or (gap and not gap.isspace()) or (end >= 0 and not gap):
            return False
        end = s.end
    return True


def sentence_hits(pattern: re.Pattern[str]) -> SentenceHits:
    """The :class:`SentenceHits` form of a compiled pattern, made once (kept by identity, like :func:`folded`)."""
    return _made_once(SentenceHits, pattern)
