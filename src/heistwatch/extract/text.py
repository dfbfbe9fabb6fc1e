"""Sentence splitting with character spans, and length-preserving normalisation.

Every offset here indexes the text exactly as given: ``fold_chars`` maps one character to one
character so that matching can run on the folded copy while spans stay valid for the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right

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
_END = re.compile(r"""(?<![.!?\u2026])[.!?\u2026]++["'\u201d\u2019)\]]*+(?=\s)|\n""")
_WORD_BEFORE = re.compile(r"""([A-Za-z][A-Za-z.]{0,11})\.["'\u201d\u2019)\]]*$""")
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
        if word in MAYBE_FINAL or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
            return following.strip("\"'(").lower().rstrip(",.;:") in OPENERS
    return True


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
