"""A ransom paid is the victim's loss; the value of coins clawed back from it is a recovery, not the loss."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _losses(text: str, published: date) -> dict[str, list]:
    return {i["victim"]: i["loss_usd"] for i in to_eval("t", run(text, published=published))["incidents"]}


def test_ransom_paid_is_the_loss_and_the_clawed_back_value_is_not():
    text = ("Hospital chain Mervale paid a ransom of about $3.1 million in bitcoin to the gang in April; on Friday "
            "prosecutors said they had clawed back 40 bitcoins of it, then worth about $1.2 million.")
    assert _losses(text, date(2021, 6, 10))["Mervale"] == [3_100_000]


def test_value_of_recovered_coins_then_worth_is_a_recovery():
    text = ("Hackers stole $9 million from exchange Corvix in March; in May police clawed back 150 bitcoins of it, "
            "then worth about $4 million.")
    assert _losses(text, date(2021, 6, 10))["Corvix"] == [9_000_000]
