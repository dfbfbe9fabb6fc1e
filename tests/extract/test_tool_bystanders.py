"""Providers whose key or software an attacker used, and platforms that only watch, are not victims."""

from __future__ import annotations

from datetime import date

import pytest

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

CASES = [
    pytest.param(  # a provider whose leaked key the attackers used
        "Bancor blames stolen Akamai key for website hack",
        "Bancor said on Tuesday that attackers used an API key for the hosting provider Akamai, "
        "taken from a developer's laptop, to alter its website and drain about $9 million from users.",
        "Bancor", "Akamai", id="provider-key"),
    pytest.param(  # the compiler with the bug
        "Vyper compiler flaw leaves Harvest Finance $20 million short",
        "Harvest Finance was drained on Sunday; the attackers exploited a flaw in old versions of "
        "Vyper, a programming language used for smart contracts.",
        "Harvest Finance", "Vyper", id="compiler"),
    pytest.param(  # a foundation that only says it is monitoring
        "Bancor hit by $12 million in abnormal outflows",
        "About $12 million left Bancor's contracts on Thursday, analysts said.\n\n"
        "The Fantom Foundation said it was monitoring transfers and urged traders to report stolen deposits.",
        "Bancor", "Fantom Foundation", id="monitoring"),
]


@pytest.mark.parametrize(("title", "body", "victim", "bystander"), CASES)
def test_tool_or_watcher_is_not_a_victim(title: str, body: str, victim: str, bystander: str) -> None:
    text = title + "\n\n" + body
    got = {i["victim"] for i in to_eval("t", run(text, published=date(2023, 8, 2), title=title))["incidents"]}
    assert victim in got and bystander not in got
