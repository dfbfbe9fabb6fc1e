"""A chain named as where a victim's own part runs ("its Arbitrum market", "their Polygon and BNB Chain
pools") is no victim of its own: the figures stay with the protocol that lost them."""

from __future__ import annotations

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _victims(text: str) -> list[str]:
    return [i["victim"] for i in to_eval("t", run(text))["incidents"]]


def test_the_protocol_s_market_on_a_chain_is_the_protocol_s():
    text = ("Hackers drained about $7 million from the lending protocol Zumo Finance on Monday across its Arbitrum "
            "and BNB Chain markets. "
            "Zumo Finance had already lost $1 million in an earlier exploit that took funds from its Arbitrum market.")
    assert set(_victims(text)) == {"Zumo Finance"}


def test_a_chain_that_was_itself_attacked_is_still_a_victim():
    text = ("Attackers exploited a flaw in the Arbitrum sequencer and stole $3 million from Arbitrum users on Monday. "
            "Arbitrum paused the chain after the attack.")
    assert "Arbitrum" in _victims(text)
