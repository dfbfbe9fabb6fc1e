"""Native amounts whose unit is a plural, a generic word ("coins") naming the asset told just before, or coins
minted rather than taken ("created 3 million new XYZ tokens")."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.money import find_amounts
from heistwatch.extract.pipeline import run


def _native(text: str, title: str | None = None) -> dict[str, list[tuple[str, float]]]:
    out = to_eval("t", run(text, published=date(2021, 6, 2), title=title))
    return {i["victim"]: sorted((x["asset"], x["amount"]) for x in i["loss_native"]) for i in out["incidents"]}


def test_generic_coins_take_the_asset_named_before_in_a_theft_sentence():
    units = {(a.money.unit, a.money.value) for a in find_amounts(
        "Ether fell after Kraken said almost 30,000 coins were stolen from a hot wallet.") if a.money}
    assert ("ETH", 30000) in units


def test_generic_coins_without_a_theft_or_an_asset_are_no_amount():
    assert not [a for a in find_amounts("The exchange listed bitcoin and 150 tokens last year.") if a.money]
    assert not [a for a in find_amounts("Hackers stole 5,000 coins from a game.") if a.money]


def test_minted_tokens_with_an_adjective_before_the_ticker():
    units = {(a.money.unit, a.money.value) for a in find_amounts(
        "An attacker abused the bridge and created 3 million new BNB tokens out of thin air.") if a.money}
    assert ("BNB", 3000000) in units


def test_a_freeze_of_the_platform_is_no_recovery_of_the_coins_taken_afterwards():
    got = _native("Bitstamp halted trading and froze withdrawals after discovering that thieves had taken 18,500 "
                  "bitcoins from its hot wallet, the firm said.")
    assert got["Bitstamp"] == [("BTC", 18500)]
