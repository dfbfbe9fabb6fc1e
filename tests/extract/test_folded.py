"""Case-insensitive patterns run as case-sensitive twins on the lower-cased text: same spans, always."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heistwatch.extract.incidents import ANAPHORA, ATTACK_CUE
from heistwatch.extract.text import (
    _FOLDS_TO_ASCII,
    _literal_starts,
    Folded,
    anchored,
    case_sensitive_twin,
    finditer_at,
    lowered,
    spaceless,
    started,
    word_starts,
)
from heistwatch.extract.victims import VICTIM_PATTERNS

FIRST_CHAR_FORMS = [
    re.compile(r"\b(?:hack(?:s|ed)?|(?:spear-?)?phish\w*|[sk]ky|\$5|it)\b", re.IGNORECASE),   # \b before "$" too
    re.compile(r"\B(?:ack|ky|\.)", re.IGNORECASE),
    re.compile(r"(?=[hHsS])(?<![\w'-])(?:hack|ski|s\s+million)", re.IGNORECASE),
    re.compile(r"(?<![\w.])(?<!\$)(?:exchange|wallet|it)(?:s\b)?", re.IGNORECASE),
    re.compile(r"(?!s)\b(?:[a-z]\w+\s+stole|the)", re.IGNORECASE),
]
# assertions that open an alternative, moved after its first character too
INNER_ASSERTION_FORMS = [
    re.compile(r"\b(?:no\s+funds|\bden(?:y|ied)\s+it|(?:all\s+)?\bthe\s+hack)\b", re.IGNORECASE),
    re.compile(r"(?<![\w.])(?:(?<!\$)it|(?:the\s+)?(?<![\w'])hack\w*|(?=[sk])\B[sk]ky|\bno\b)", re.IGNORECASE),
]

PATTERNS = [
    ATTACK_CUE,
    ANAPHORA,
    *(p.trigger for p in VICTIM_PATTERNS if p.trigger is not None),
    re.compile(r"(?<![\w.])[A-Za-z]{2,}+\s+(?:exchange|wallet)s?\b", re.IGNORECASE),
    re.compile(r"\b(?:us)?[$\u20ac]\s?\d[\d.,]*+\s*(?:million|bn)\b", re.IGNORECASE),
    re.compile(r"[^\s.;!?]{1,4}?\s+(?:stole|sk[iy])\b|['\u2019]s\s+(?:hack|heist)", re.IGNORECASE),
    # upper-case letters, classes and ranges: the twin lowers them
    re.compile(r"\b(?:Monero|XMR|DEX)\b|[A-Z][A-Z]+\s+(?:Exchange|[^A-Z\s]ALLET)|[K-S]{2}(?!I)", re.IGNORECASE),
    # leading assertions the twin moves after a first character (see _first_char_form)
    *FIRST_CHAR_FORMS,
    *INNER_ASSERTION_FORMS,
]

# Words in any case, the four characters that fold onto ASCII letters, other cased letters and typography.
PIECES = ["no", "Funds", "denied", "DENY", "all", "hack", "HACKED", "Hackers", "Exchange", "exchanges", "Wallet", "the", "It", "its", "stole", "SKI",
          "sky", "$5 million", "US$2 BN", "\u20ac3,5 Million", "Zumo\u2019s", "Heist", "\u0130", "\u0131", "\u017f",
          "\u212a", "\u00c9", "\u00e9", "\u03a3", "\u2019", "\u00a0", ".", ",", ";", "!", "\n", " ", "  ", "x", "K", "s"]
texts = st.one_of(st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
                  st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join), st.text(max_size=120))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=200))
def test_twin_finds_the_same_spans(text: str, pos: int, endpos: int) -> None:
    for pattern in PATTERNS:
        folded = Folded(pattern)
        assert folded.twin is not None, pattern.pattern[:60]
        assert [m.span() for m in folded.finditer(text)] == [m.span() for m in pattern.finditer(text)]
        got, want = folded.search(text, pos, endpos), pattern.search(text, pos, endpos)
        assert (got and got.span()) == (want and want.span())
        got, want = folded.match(text, pos, endpos), pattern.match(text, pos, endpos)
        assert (got and got.span()) == (want and want.span())


@pytest.mark.parametrize("source", [
    r"(?-i:Exchange)|hack",      # part of it is case-sensitive
    r"caf\u00e9",                # a cased letter beyond ASCII
    r"[\u00c0-\u00ff]x",         # a range of them
    r"(a)\1",                    # a back-reference
])
def test_no_twin_where_lowering_would_change_the_matches(source: str) -> None:
    assert case_sensitive_twin(re.compile(source, re.IGNORECASE)) is None
    folded = Folded(source)
    assert [m.span() for m in folded.finditer("CAF\u00c9 Hack HACK aa Aa Exchange")] == \
           [m.span() for m in folded.pattern.finditer("CAF\u00c9 Hack HACK aa Aa Exchange")]


def test_a_case_sensitive_pattern_has_no_twin() -> None:
    assert case_sensitive_twin(re.compile("hack")) is None


def test_lowered_keeps_length_and_refuses_the_characters_that_fold_onto_ascii() -> None:
    text = "Hackers hit \u00c9X Exchange\u2019s \u03a3 wallet"
    assert lowered(text) == text.lower() and len(lowered(text) or "") == len(text)
    for odd in ("\u0130stanbul", "d\u0131zzy", "Mi\u017f\u017fing", "5 \u212a"):
        assert lowered("An exchange in " + odd) is None


def test_the_characters_that_fold_onto_ascii_letters_are_all_known() -> None:
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    beyond_ascii = {c for c in re.findall("[a-z]", everything, re.IGNORECASE) if not c.isascii()}
    assert beyond_ascii == set(_FOLDS_TO_ASCII.pattern.strip("[]"))
    # no uncased character is another character's lower case (lowering keeps classes intact)
    assert not [c for c in everything if len(c.lower()) == 1 and c.lower() != c and c.lower().upper() == c.lower()]


WORD_LIST = ["Lazarus Group", "Lazarus", "APT 38", "DPRK", "D.P.R.K.", "Hidden Cobra", "hid"]
WORD_PATTERN = re.compile(r"(?<![\w])(?:" + "|".join(
    f"(?-i:{re.escape(w)})" if w.isupper() else re.escape(w).replace(r"\ ", r"[\s\-]?") for w in WORD_LIST)
    + r")(?![\w])", re.IGNORECASE)
word_texts = st.lists(st.sampled_from(["Lazarus", "group", "GROUP", "APT", "38", "apt38", "DPRK", "dprk", "D.P.R.K.",
                                       "Hidden", "cobra", "hid", "HID", "x", "-", " ", ".", "\u017f", "\u212a"]),
                      max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(word_texts, st.integers(min_value=0, max_value=20), st.integers(min_value=0, max_value=120))
def test_trying_only_where_a_word_starts_finds_what_finditer_finds(text: str, pos: int, endpos: int) -> None:
    starts = word_starts(w.split()[0][:5] for w in WORD_LIST)
    for a, b in ((0, sys.maxsize), (pos, endpos)):
        got = finditer_at(WORD_PATTERN, (m.start() for m in starts.finditer(text, a, b)), text, a, b)
        assert [m.span() for m in got] == [m.span() for m in WORD_PATTERN.finditer(text, a, b)]


def test_finditer_at_refuses_a_pattern_that_matches_empty() -> None:
    with pytest.raises(ValueError):
        list(finditer_at(re.compile("x*"), [0], "abc"))


HEADED = [
    *(p.regex for p in VICTIM_PATTERNS),
    re.compile(r"\b(?:hack|theft)s?\s+(?:of|on)\s+(?-i:(?P<name>[A-Z]\w+))", re.IGNORECASE),
    re.compile(r"(?:x|y)*z?(?-i:Q)", re.IGNORECASE),            # a head that may be empty: no anchoring
]
headed_texts = st.lists(st.sampled_from(["The", "hack", "HACKS", "theft", "of", "ON", "Zumo", "zumo", "exchange",
                                         "Exchange", "called", "Q", "x", "z", "crypto", "Tokyo-based", "was", "hacked",
                                         "stole", "$5", "million", "from", ",", ".", " ", "  ", "\u017f", "\u00c9"]),
                        max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(headed_texts, st.text(max_size=80)))
def test_anchored_finds_what_finditer_finds(text: str) -> None:
    for pattern in HEADED:
        got = [(m.span(), m.groupdict()) for m in anchored(pattern).finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_anchoring_needs_a_head_that_cannot_be_empty() -> None:
    assert anchored(HEADED[-1]).head is None
    assert anchored(HEADED[-2]).head is not None


# Patterns whose matches begin at a word start: Started looks for their starts only there.
WORD_STARTED = [
    WORD_PATTERN,
    re.compile(r"\b(?:hack|sky|it)s?\b", re.IGNORECASE),
    re.compile(r"(?<![\w])(?:s?kis?|(?:us)?\$\s?5|the)", re.IGNORECASE),
]


def test_started_keeps_only_word_starts_where_the_pattern_asks_for_them() -> None:
    assert all(started(p).at_word for p in WORD_STARTED)
    assert not started(re.compile(r"(?<![\w.])(?:hack|sky)", re.IGNORECASE)).at_word
    assert not started(re.compile(r"\b(?:\$5|hack)", re.IGNORECASE)).at_word   # "$" after a letter is no word start
    assert [m.span() for m in started(WORD_STARTED[1]).finditer("Skyhack its SKY xhack hack_ hack")] == [(8, 11), (12, 15), (28, 32)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=200))
def test_started_finds_what_finditer_finds(text: str, pos: int, endpos: int) -> None:
    for pattern in [*PATTERNS, *HEADED, *WORD_STARTED]:
        s = started(pattern)
        assert [m.span() for m in s.finditer(text)] == [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in s.finditer(text, pos, endpos)] == [m.span() for m in pattern.finditer(text, pos, endpos)]
        got, want = s.search(text, pos, endpos), pattern.search(text, pos, endpos)
        assert (got and got.span()) == (want and want.span())


def test_literal_starts_of_a_word_list() -> None:
    assert _literal_starts(re.compile(r"\b(?:spear[\s\-]?)?phish\w*|e-?mails?\b", re.IGNORECASE)) == \
        {"spe", "phi", "e-m", "ema"}
    assert _literal_starts(re.compile(r"\w+ing")) is None              # no literal start
    assert _literal_starts(re.compile(r"(?:ab)?")) is None             # may match the empty string


# ---------------------------------------------------------------- linear time on hostile input

HOSTILE_STARTS = {
    "a start repeated without a match": lambda n: "phi" * (n // 3),
    "words that all start a pattern": lambda n: "phishing exchange " * (n // 18),
    "a head without its name": lambda n: "the crypto exchange called " * (n // 27),
    "one long word": lambda n: "x" * n,
}


@pytest.mark.parametrize("case", sorted(HOSTILE_STARTS))
def test_the_shortcuts_stay_linear(case: str) -> None:
    from extract_timing import assert_scales_linearly

    def run(text: str) -> None:
        for pattern in (PATTERNS[0], HEADED[0], HEADED[3]):
            list(started(pattern).finditer(text))
            list(anchored(pattern).finditer(text))
            list(folded_search(pattern, text))

    assert_scales_linearly(run, HOSTILE_STARTS[case], 20_000, max_n=1_000_000, runs=2)


def folded_search(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return list(Folded(pattern).finditer(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=200))
def test_folded_matches_are_the_patterns_own(text: str, pos: int, endpos: int) -> None:
    for pattern in [*PATTERNS, re.compile(r"(?P<w>hack|Exchange)?s?", re.IGNORECASE)]:
        got = [(m.span(), m.groupdict(), m.group()) for m in Folded(pattern).matches(text, pos, endpos)]
        assert got == [(m.span(), m.groupdict(), m.group()) for m in pattern.finditer(text, pos, endpos)]


@pytest.mark.parametrize(("source", "expected"), [
    (r"\b(?:was|were|is)\b", True), (r"hack(?:ed|s)?|theft", True), (r"[\w\-]+@\w+", True), (r"(?=\s)ab", True),
    (r"a\s+b", False), (r"[^x]y", False), (r"a.b", False), (r"x*", False), (r"[\x00-\x7f]", False), (r"a\u3000", False),
])
def test_spaceless_tells_patterns_whose_matches_hold_no_space(source: str, expected: bool) -> None:
    assert spaceless(re.compile(source)) is expected


def test_leading_assertions_move_after_the_first_character_where_that_is_exact() -> None:
    from re import _parser

    from heistwatch.extract.text import _first_char_form

    def form(source: str) -> re.Pattern[str] | None:
        return _first_char_form(_parser.parse(source), 0)

    from heistwatch.extract.text import _lower_in_place

    for pattern in FIRST_CHAR_FORMS[:4]:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        assert _lower_in_place(parsed.data)
        parsed.state.flags &= ~re.IGNORECASE
        assert _first_char_form(parsed, pattern.flags & ~re.IGNORECASE) is not None, pattern.pattern
    assert form(r"(?!s)\b(?:[a-z]\w+\s+stole|the)") is None    # a first character from a range: left as written
    assert form(r"\b(?P<w>hack|stole)") is None              # a group: left as written
    assert form(r"\b(?:a|b)(?P<w>x)") is None                 # the group would be written twice
    assert form(r"\b\w+") is None                            # no literal first character
    assert form(r"hack") is None                              # nothing to move
    assert form(r"\b(?:hack|stole)").search("the hackers") is not None


def test_assertions_opening_an_alternative_move_after_its_first_character() -> None:
    from re import _parser

    from heistwatch.extract.text import _first_char_form, _lower_in_place

    for pattern in INNER_ASSERTION_FORMS:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        assert _lower_in_place(parsed.data)
        parsed.state.flags &= ~re.IGNORECASE
        assert _first_char_form(parsed, pattern.flags & ~re.IGNORECASE) is not None, pattern.pattern
    twin = case_sensitive_twin(INNER_ASSERTION_FORMS[0])
    assert twin is not None
    text = "they deny it; no funds. all the hack, suddeny it, nofunds"
    assert [m.span() for m in twin.finditer(text)] == [m.span() for m in INNER_ASSERTION_FORMS[0].finditer(text)] \
        == [(5, 12), (14, 22), (24, 36)]
    assert _first_char_form(_parser.parse(r"\b(?:hack|\Ax)"), 0) is None   # an anchor that cannot move: as written
