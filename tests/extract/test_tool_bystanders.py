"""Providers whose key or software an attacker used, and platforms that only watch, are not victims."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _victims(text: str, title: str) -> set[str]:
    return {i["victim"] for i in to_eval("t", run(text, published=date(2023, 8, 2), title=title))["incidents"]}


def test_provider_whose_leaked_key_was_used_is_not_a_victim() -> None:
    title = "Bancor blames stolen Akamai key for website hack"
    text = (title + "\n\nBancor said on Tuesday that attackers used an API key for the hosting provider Akamai, "
            "taken from a developer's laptop, to alter its website and drain about $9 million from users.")
    got = _victims(text, title)
    assert "Bancor" in got and "Akamai" not in got


def test_compiler_with_the_bug_is_not_a_victim() -> None:
    title = "Vyper compiler flaw leaves Harvest Finance $20 million short"
    text = (title + "\n\nHarvest Finance was drained on Sunday; the attackers exploited a flaw in old versions of "
            "Vyper, a programming language used for smart contracts.")
    got = _victims(text, title)
    assert "Harvest Finance" in got and "Vyper" not in got


def test_foundation_that_says_it_is_monitoring_is_not_a_victim() -> None:
    title = "Bancor hit by $12 million in abnormal outflows"
    text = (title + "\n\nAbout $12 million left Bancor's contracts on Thursday, analysts said.\n\n"
            "The Fantom Foundation said it was monitoring transfers and urged traders to report stolen deposits.")
    got = _victims(text, title)
    assert "Bancor" in got and "Fantom Foundation" not in got
