"""The linking stages stay linear on hostile sentences (one sentence naming thousands of victims with their losses
and dates, or thousands of hedged actors), and the look-ups that made them so answer what a plain scan answers.

Timing compares two input sizes (doubling) with a generous ratio, never an absolute time (see extract_timing)."""

from __future__ import annotations

import re

from extract_timing import assert_scales_linearly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heistwatch.extract import actors as actors_mod
from heistwatch.extract import pipeline
from heistwatch.extract.actors import _ACCUSED_GAP, _APPOSITIVE, _TIES, _TO_A_THING, _Hedges, _stance_near
from heistwatch.extract.incidents import _holds_any
from heistwatch.extract.model import ClaimKind, Span, Stance
from heistwatch.extract.pipeline import (
    _COMPARISON,
    _GAP_WORDS,
    _NAME_NEXT,
    _PAST_AFTER,
    _PAST_HERE,
    _PAST_WORDS,
    _POINTS_AHEAD,
    _last_comparison,
    _Named,
    run,
)
from heistwatch.reference.actors import find_actors
from heistwatch.reference.estimative import find_hedges, hedges

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- linear time on hostile sentences

OWN_NAMES = ["Zumo", "Quidax", "Bitfarm", "Coinrail", "Pexbit", "Lendora", "Vaultix", "Swapnet"]


def _victims_with_losses(n: int) -> str:
    parts, i = [], 0
    while sum(len(p) + 2 for p in parts) < n:
        parts.append(f"{OWN_NAMES[i % len(OWN_NAMES)]}{i} lost ${i % 90 + 1} million")
        i += 1
    return "Hackers hit many exchanges: " + ", ".join(parts) + "."


def _known_victims_with_losses_and_dates(n: int) -> str:
    names = ["Coincheck", "Bithumb", "Youbit", "Bitstamp", "Coinrail", "Upbit", "Zaif", "KuCoin", "Poloniex", "Bybit"]
    parts, i = [], 0
    while sum(len(p) + 2 for p in parts) < n:
        parts.append(f"{names[i % len(names)]} lost ${i % 90 + 1} million in {['March', 'June', 'May'][i % 3]} {2015 + i % 8}")
        i += 1
    return "Hackers hit many exchanges: " + ", ".join(parts) + "."


def _hedged_actors(n: int, join: str) -> str:
    says = ["may have been behind it", "was likely involved", "is suspected", "was behind it", "was not responsible"]
    actors = ["the Lazarus Group", "APT38", "Andariel", "Kimsuky", "BlueNoroff"]
    parts, i = [], 0
    while sum(len(p) + len(join) for p in parts) < n:
        parts.append(f"{actors[i % 5]} {says[(i // 5) % 5]}")
        i += 1
    return "Zumo was hacked for $5 million; analysts said " + join.join(parts) + "."


def test_a_sentence_listing_thousands_of_victims_with_losses_is_read_in_linear_time() -> None:
    assert_scales_linearly(run, _victims_with_losses, 40_000, max_n=400_000, runs=2)


def test_known_victims_with_losses_and_dates_in_one_sentence_are_read_in_linear_time() -> None:
    assert_scales_linearly(run, _known_victims_with_losses_and_dates, 40_000, max_n=400_000, runs=2)


def test_thousands_of_hedged_actors_in_one_clause_are_read_in_linear_time() -> None:
    assert_scales_linearly(run, lambda n: _hedged_actors(n, ", "), 160_000, max_n=640_000, runs=2)


def test_thousands_of_hedged_actors_in_clauses_of_their_own_are_read_in_linear_time() -> None:
    assert_scales_linearly(run, lambda n: _hedged_actors(n, ", and "), 160_000, max_n=640_000, runs=2)


def test_hostile_sentences_still_link_their_claims() -> None:
    text = _victims_with_losses(2_000)
    out = run(text)
    assert len(out.incidents) > 20
    # every figure is read (a breakdown of many figures in one sentence goes to no one incident)
    assert len([c for c in out.claims if c.kind == ClaimKind.LOSS]) == text.count("$")


# ---------------------------------------------------------------- the look-ups answer what a scan answers

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 12), st.integers(0, 3)), min_size=1, max_size=12)


class _V:
    def __init__(self, a: int, b: int) -> None:
        self.span = Span(a, b)


@SETTINGS
@given(spans, st.integers(-5, 220), st.integers(-5, 220), st.integers(0, 30))
def test_named_lookups_answer_as_a_scan(raw, pos: int, lo: int, width: int) -> None:
    here = sorted(((_V(a, a + w), n) for a, w, n in raw), key=lambda t: t[0].span.start)
    named = _Named(here)  # type: ignore[arg-type]
    before = [(pos - v.span.end, n) for v, n in here if v.span.end <= pos]
    assert named.nearest_before(pos) == (min(before)[1] if before else None)
    assert named.first == min((v.span.start, n) for v, n in here)
    hi = lo + width
    assert named.starting_in(lo, hi) == any(lo <= v.span.start < hi for v, _ in here)
    assert named.overlapping(lo, hi) == any(v.span.start < hi and v.span.end > lo for v, _ in here)
    k = named.first_from(pos)
    assert [t for t in here if t[0].span.start >= pos] == here[k:]


WORDS = ["exceeds that", "larger than the", "the previous record", "compared with", "than", "record", "top", "topped",
         "the", "loss", "$5 million", "5", "theft", " ", ", ", "surpassed the theft", "Coincheck", "x", "that"]


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join), st.data())
def test_last_comparison_is_the_last_match_of_a_scan_up_to_the_figure(text: str, data) -> None:
    pipeline._COMPARED_IN[0] = None
    s = Span(0, len(text))
    before = data.draw(st.integers(0, len(text)))
    last = None
    for m in _COMPARISON.finditer(text, s.start, before):
        last = m.span()
    assert _last_comparison(text, s, before) == last


GAP_WORDS = ["from", "at", "the", "of", "in", "worth", "and", "its", "hot", "wallet", "Zumo", "x-y", ",", "(", "on",
             "targeting", "against", "stolen", "  ", "\n"]


@SETTINGS
@given(st.lists(st.sampled_from(GAP_WORDS), min_size=_GAP_WORDS + 1, max_size=_GAP_WORDS + 8))
def test_a_gap_of_more_words_than_the_bound_fits_neither_name_pattern(words: list[str]) -> None:
    gap = " " + " ".join(words) + " "
    if len(gap.split()) > _GAP_WORDS:
        assert not _POINTS_AHEAD.match(gap) and not _NAME_NEXT.match(gap)


def test_no_hedge_is_made_of_the_words_between_an_accused_and_its_denial() -> None:
    """_standing_denial reads only the first hedge after the name: a later one has the first between them, which
    _ACCUSED_GAP could only pass if a hedge were made of its words (or their pieces, like "so" of "so far")."""
    pieces = re.compile(r"(?:(?:has|have|had|again|flatly|repeatedly|strongly|previously|consistently|always|long|"
                        r"routinely|publicly|vehemently|categorically|so|far|in|the|past)\s*)+", re.IGNORECASE)
    for h in hedges():
        assert not pieces.fullmatch(h.phrase), h.phrase
        assert not _ACCUSED_GAP.fullmatch(h.phrase), h.phrase


def _stance_by_scan(text: str, match, hs: list) -> tuple[Stance, str | None, str | None]:
    """The stance as it was read before the windowed look-up: every hedge of the clause ranked by distance."""
    if not hs:
        return Stance.CONFIRMED, None, "almost certain"

    def dist(h) -> int:
        if h.end <= match.start:
            return match.start - h.end
        if h.start >= match.end:
            return h.start - match.end + 10
        return 0
    hs = [h for h in hs if not (h.start >= match.end and h.hedge.stance == Stance.SUSPECTED and _TIES.match(h.hedge.phrase)
                                and _APPOSITIVE.fullmatch(text, match.end, h.start))]
    hs = [h for h in hs if not (h.start >= match.end and _TIES.match(h.hedge.phrase) and _TO_A_THING.match(text, h.end))]
    if not hs:
        return Stance.CONFIRMED, None, "almost certain"
    ranked = sorted(hs, key=lambda h: (dist(h), h.start))
    for h in ranked:
        if h.hedge.stance == Stance.DENIED and h.start >= match.end and _ACCUSED_GAP.fullmatch(text, match.end, h.start):
            continue
        if h.hedge.stance == Stance.CONFIRMED:
            doubt = [x for x in ranked if x.hedge.stance == Stance.SUSPECTED and (
                dist(x) <= dist(h) + 15 or (x.end <= h.start and h.start - x.end <= 40))]
            if doubt:
                return Stance.SUSPECTED, doubt[0].hedge.phrase, doubt[0].hedge.word
        return h.hedge.stance, text[h.start:h.end], h.hedge.word
    return Stance.SUSPECTED, None, "likely"


PIECES = ["Lazarus", "APT38", "Andariel", "may have been behind it", "was likely involved", "is suspected",
          "was behind", "confirmed", "denied", "has repeatedly denied", "believed to be", "linked to the game Zumo",
          ", linked to the RGB,", "carried out", "not responsible", "and", "the", "hackers", "said", "a" * 30,
          "according to police", "some very long words in between the names here"]


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map(" ".join))
def test_windowed_stance_is_the_stance_of_all_the_clause_hedges(text: str) -> None:
    found = find_hedges(text)
    hs = _Hedges(found)
    for m in find_actors(text):
        assert _stance_near(text, m, hs, 0, len(found)) == _stance_by_scan(text, m, found), (text, m)


def test_past_words_gate_lets_every_past_cue_through() -> None:
    for phrase in ["It was previously hacked", "hacked once before", "attacked twice before", "an earlier hack",
                   "its prior breach", "their previous big exploit", "not the platform's first", "had already been hacked",
                   "had already lost", "a separate attack", "the earlier theft"]:
        assert _PAST_HERE.search(phrase) or _PAST_AFTER.search(phrase), phrase
        low = phrase.lower()
        assert _holds_any(low, _PAST_WORDS, 0, len(low)), phrase


TALK = ["some posts", "on social media", "rumours", "rumors", "speculation", "online speculation", "many users",
        "said", "Lazarus", "x", "y", "a few traders", "blamed", "people", "some very long words", "-", ","]


@SETTINGS
@given(st.lists(st.sampled_from(TALK), max_size=25).map(" ".join), st.data())
def test_hearsay_before_an_actor_is_what_a_search_up_to_it_finds(text: str, data) -> None:
    actors_mod._HEARD[0] = None
    s = Span(0, len(text))
    pos = data.draw(st.integers(0, len(text)))
    m = actors_mod._HEARSAY.search(text, s.start, pos)
    assert actors_mod._hearsay_before(text, s, pos) == (None if m is None else m.group(0))
