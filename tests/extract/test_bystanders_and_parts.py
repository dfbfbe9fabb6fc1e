"""A platform that froze the loot is no victim; one wallet's loss and the attacker's own stake are not the loss."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _incidents(text: str, title: str) -> dict[str, dict]:
    out = to_eval("t", run(text, published=date(2024, 3, 1), title=title))
    return {i["victim"]: i for i in out["incidents"]}


def test_exchange_that_froze_stolen_funds_is_a_bystander() -> None:
    text = ("Bitstamp says hackers emptied hot wallets\n\n"
            "Bitstamp, a large bitcoin exchange, said an intrusion on Monday hit two of its hot wallets and that it "
            "had halted withdrawals.\n\nAnalysts put the loss at about $20 million.\n\n"
            "Johnny Lyu, chief executive of KuCoin, said on Monday evening that his exchange had frozen $1.2 million "
            "of the stolen funds after the hacker tried to move them onto the platform.")
    got = _incidents(text, "Bitstamp says hackers emptied hot wallets")
    assert "Bitstamp" in got and "KuCoin" not in got


def test_exchange_hit_itself_is_still_a_victim_when_it_freezes_withdrawals() -> None:
    text = "KuCoin was hacked on Tuesday and lost about $3 million; it froze withdrawals of the stolen assets' tokens."
    assert "KuCoin" in _incidents(text, "KuCoin hacked")


def test_one_wallets_loss_is_a_part_not_the_loss() -> None:
    text = ("Attackers drained about $40 million from users of Harvest Finance on Monday. One wallet alone "
            "lost 300 bitcoin, about $9 million.")
    got = _incidents(text, "Harvest Finance users drained of $40 million")
    assert got["Harvest Finance"]["loss_usd"] == [40000000]
    assert got["Harvest Finance"]["loss_native"] == []


def test_the_attackers_own_funding_is_not_the_loss() -> None:
    text = ("Bancor lost about $25 million on Friday. The attacker funded a fresh account with about $2 million "
            "in USDC and then pushed up a token's price to borrow against it.")
    assert _incidents(text, "Bancor loses $25 million")["Bancor"]["loss_usd"] == [25000000]
