"""Faster ways of running a pattern find exactly what the plain scan finds (sentences written for these tests)."""

from __future__ import annotations

import pytest

from heistwatch.extract import actors, indicators

IPV6_TEXTS = [
    "The attacker's server at 2001:db8::1 answered, and fe80::a:b was seen too.",
    "Logs showed deadbeef:cafe and 10:30 and ::1 on the same line.",
    "x2001:db8::1 is glued to a letter; 2001:db8::1.5 runs into a dot; 2001:db8::1_ into an underscore.",
    "A colon at the end:",
    "::",
    ":a:b:c: and a:b and abc:: and 1:2:3:4:5:6:7:8 in a row",
    "no colon at all here",
    "",
]


@pytest.mark.parametrize("text", IPV6_TEXTS)
def test_ipv6_runs_are_the_scans_matches_with_a_colon(text: str) -> None:
    plain = [m.span() for m in indicators._IPV6_RUN.finditer(text) if ":" in m.group()]
    assert [m.span() for m in indicators._ipv6_runs(text)] == plain


def test_ipv6_address_still_found() -> None:
    got = indicators.find_indicators("Traffic went to 2001:db8:0:0:0:0:2:1 before the funds moved.")
    assert [ind.value for _, ind in got if ind.type == "ipv6"] == ["2001:db8::2:1"]


SPEAKER_TEXTS = [
    "Long before the exchange reopened its doors to customers in the north, the FBI said Lazarus was behind it.",
    "In a statement published late on a quiet Sunday evening after weeks of silence, investigators said the funds moved.",
    "Officials said hackers stole the coins and analysts said the trail led to mixers.",
    "The company, which runs the largest exchange in the country, said no customer lost money.",
    "Security researchers at a small firm in the capital city of the republic have long suspected the group.",
    "It was an unsaid rule that nobody at the firm ever said anything about the theft, police said.",
    "Prosecutors in the case of the stolen ether have also repeatedly said the thief acted alone.",
    "one two three four five six seven eight nine ten eleven twelve thirteen officials said",
    "one two three four five six seven eight nine Officials said",
    "said",
]


NAME_START_TEXTS = [
    "Hackers hit Zumo on Monday.",
    "the 4E exchange and 3 exchanges were hit",
    "a.B and x-Y and _Z are glued; 12 coins; 3d printing",
    "nothing capitalised here at all",
    "Z",
    "after it, 2Fast lost funds",
    "x" * 50 + " 77 and 8",
]


@pytest.mark.parametrize("text", NAME_START_TEXTS)
def test_name_start_after_first_character(text: str) -> None:
    from heistwatch.extract import victims

    assert victims._named_after_first(text) == (victims._NAME_START.search(text, 1) is not None)


TIER_TEXTS = [
    "Long after the bridge was drained of most of its funds, several blockchain analytics firms linked the attack to Lazarus.",
    "Analysts have quickly tied it to the group.",
    "one two three four five six seven eight nine ten eleven researchers later traced them to a mixer",
    "The police linked, tied and traced this to nobody.",
    "Nothing here is tied.",
]


@pytest.mark.parametrize(("patterns", "text"), [("speaker", t) for t in SPEAKER_TEXTS] + [("tier", t) for t in TIER_TEXTS])
def test_claimant_scan_starts_no_later_than_a_match(patterns: str, text: str) -> None:
    """The bounded scans (speaker patterns from 9 words before a speech verb, tier patterns around
    'linked/tied/traced') find exactly what the plain finditer finds."""
    for rx in {"speaker": actors._CLAIMANT_RES, "tier": actors._TIER_RES}[patterns]:
        plain = [(m.span(), m.group("who")) for m in rx.finditer(text)]
        assert [(m.span(), m.group("who")) for m in actors._claimant_finditer(rx, text)] == plain


WHOLE_NAME_CASES = [
    ("Zumo Wallet sent seed phrases to Zumo and to Sentry.", ["Zumo", "Zumo Wallet", "Sentry"]),
    ("ZumoX and xZumo are not Zumo; Zumo_1 is not either, but (Zumo) is.", ["Zumo"]),
    ("Coincheck Inc. and Coincheck Inc.x and Coincheck", ["Coincheck Inc.", "Coincheck"]),
    ("aaa aa a aaaa", ["a", "aa", "aaa"]),
    ("no names here", ["Zumo"]),
]


@pytest.mark.parametrize(("text", "names"), WHOLE_NAME_CASES)
def test_whole_names_find_what_one_alternation_finds(text: str, names: list[str]) -> None:
    """incidents._whole_names gives the same places and names as a longest-first alternation with word edges,
    in the whole text and in a window of it (look-behind sees before the window, look-ahead stops at its end)."""
    import re

    from heistwatch.extract import incidents
    from heistwatch.extract.model import Span

    rx = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names, key=len, reverse=True)))
    for start, end in ((0, len(text)), (1, len(text) - 1), (3, max(3, len(text) // 2))):
        plain = [(m.start(), m.group(0)) for m in rx.finditer(text, start, end)]
        assert incidents._whole_names(text, Span(start, end), names) == plain
