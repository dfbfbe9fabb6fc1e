"""Victim candidates: known platforms, unknown ones named the way news names them, and the pattern table."""

from __future__ import annotations

import pytest

from heistwatch.extract.incident_types import TYPE_CUES, infer_type
from heistwatch.extract.model import IncidentType
from heistwatch.extract.victims import VICTIM_PATTERNS, clean_name, find_victim_candidates, is_title_case
from heistwatch.reference.platforms import find_platforms, lookup, platforms


def names(text: str) -> list[str]:
    return [v.name for v in find_victim_candidates(text)]


@pytest.mark.parametrize("pattern", VICTIM_PATTERNS, ids=lambda p: p.name)
def test_every_pattern_matches_its_examples(pattern):
    for sentence, expected in pattern.must_match:
        assert expected in names(sentence), (pattern.name, sentence)
    for sentence in pattern.must_not_match:
        m = pattern.regex.search(sentence)
        assert m is None or clean_name(m.group("name")) is None, (pattern.name, sentence)



@pytest.mark.parametrize("pattern", [p for p in VICTIM_PATTERNS if not p.name_first], ids=lambda p: p.name)
def test_patterns_with_words_before_the_name_never_open_with_it(pattern):
    """find_victim_candidates skips these patterns in a sentence whose only name starts it: that holds only
    while the words before the name cannot be empty."""
    from re import _parser

    from heistwatch.extract.victims import _NAME_CS

    head = pattern.regex.pattern.split(_NAME_CS, 1)[0]
    assert head != pattern.regex.pattern and _parser.parse(head, pattern.regex.flags).getwidth()[0] > 0

@pytest.mark.parametrize("sentence, victim", [
    ("Tokyo-based exchange Coincheck Inc. said it lost NEM tokens.", "Coincheck"),
    ("Investors worried after the hack of Youbit last week.", "Youbit"),
    ("Bithumb, South Korea's biggest exchange, lost $31 million.", "Bithumb"),
    ("The MtGox collapse still haunts bitcoin.", "Mt. Gox"),
    ("Thieves took funds from Mt. Gox in 2014.", "Mt. Gox"),
    ("The Ronin bridge behind Axie Infinity was drained.", "Ronin Network"),
])
def test_known_platforms_under_their_aliases(sentence, victim):
    assert victim in names(sentence)


def test_unknown_platform_named_by_its_role_is_found_with_strength():
    found = find_victim_candidates("Hackers drained $3 million from the Nigerian exchange Quidax on Friday.")
    quidax = [v for v in found if v.name == "Quidax"]
    assert quidax and not quidax[0].known and quidax[0].strength == 2


def test_common_words_are_not_platforms_without_context():
    assert "Curve" not in names("Prices follow a curve. Curve was the word of the day.")
    assert "Curve" in [m.platform.name for m in find_platforms("The Curve Finance pools were drained.")]
    assert "Stake" in [m.platform.name for m in find_platforms("The Stake casino lost $41 million.")]


def test_headline_in_title_case_gives_no_unknown_names():
    headline = "Crypto Exchange Zumo Halts Withdrawals After Massive Hack"
    assert is_title_case(headline, 0, len(headline))
    assert "Halts Withdrawals" not in names(headline)


def test_function_words_and_figures_are_not_names():
    assert clean_name("To") is None
    assert clean_name("240K") is None
    assert clean_name("Method of") is None
    assert clean_name("Lazarus Group") is None
    assert clean_name("Zumo Inc") == "Zumo"


def test_reference_list_is_large_and_consistent():
    table = platforms()
    assert len(table) >= 200
    assert lookup("huobi").name == "HTX"
    assert lookup("Axie Infinity").name == "Ronin Network"
    assert table["Wormhole"].type == IncidentType.BRIDGE_HACK
    assert table["Euler Finance"].type == IncidentType.DEFI_EXPLOIT


@pytest.mark.parametrize("cue", TYPE_CUES, ids=lambda c: c.type.value + ("-strong" if c.strong else ""))
def test_type_cues_match_their_examples(cue):
    for s in cue.must_match:
        assert cue.regex.search(s), s
    for s in cue.must_not_match:
        assert not cue.regex.search(s), s


def test_type_from_platform_and_strong_cues():
    assert infer_type(lookup("Bithumb"), "Bithumb", "Bithumb was hacked.") == IncidentType.EXCHANGE_HACK
    assert infer_type(None, "Zumo Bridge", "The bridge was drained.") == IncidentType.BRIDGE_HACK
    assert infer_type(None, "a server", "Hackers mined Monero on the server.") == IncidentType.CRYPTOJACKING


# ---------------------------------------------------------------- linear time on hostile input
from extract_timing import assert_scales_linearly  # noqa: E402

from heistwatch.extract.actors import find_attributions  # noqa: E402
from heistwatch.extract.model import Span  # noqa: E402
from heistwatch.reference.actors import find_actors  # noqa: E402
from heistwatch.reference.estimative import find_hedges  # noqa: E402

HOSTILE = {
    "digits": lambda n: "7" * n,
    "dollar signs": lambda n: "$" * n,
    "capitalised words": lambda n: ("Zumo " * (n // 5 + 1))[:n],
    "hack of capitalised words": lambda n: "the hack of " + ("Aa " * (n // 3 + 1))[:n],
    "name, a very ... exchange": lambda n: "Zumo, a " + ("very " * (n // 5 + 1))[:n] + "exchange",
    "dotted words": lambda n: ("A.b." * (n // 4 + 1))[:n],
}
FINDERS = {
    "victims": find_victim_candidates,
    "platforms": find_platforms,
    "actors": find_actors,
    "hedges": find_hedges,
    "attributions": lambda s: find_attributions(s, Span(0, len(s))),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("finder", sorted(FINDERS))
def test_finders_are_linear_on_hostile_input(case, finder):
    assert_scales_linearly(FINDERS[finder], HOSTILE[case], 20_000, max_n=2_000_000, runs=2)


def test_people_named_by_their_role_are_not_victims():
    assert "Rowan Pike" not in names("Two platforms tied to investor Rowan Pike were hacked on Friday.")
