"""A run of revised estimates: each figure is a loss figure of the same theft, even in sentences that
name no victim ("The first public figure was ...", "analysts put the total at ...")."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _usd(text: str, title: str | None = None) -> dict[str, list[float]]:
    out = to_eval("t", run(text, published=date(2023, 11, 14), title=title))
    return {i["victim"]: sorted(i["loss_usd"]) for i in out["incidents"]}


def test_each_estimate_in_a_section_without_the_victims_name_is_a_loss():
    text = ("KuCoin wallet drain: what we know\n\n"
            "Late on Friday, alerts showed tokens leaving hot wallets run by KuCoin.\n\n"
            "Estimates\n"
            "Counting took most of the weekend. The earliest published figure was about $40 million. "
            "A day later it had grown to $95 million, and by Monday researchers put the total at roughly $150 million.")
    assert _usd(text, title="KuCoin wallet drain: what we know")["KuCoin"] == [40000000, 95000000, 150000000]


def test_estimates_that_climb_are_the_loss_but_a_coins_price_is_not():
    text = ("Hackers stole 3,000 BTC from Bitstamp on Tuesday, then worth about $40 million. With bitcoin trading "
            "near $16,000 on Wednesday, estimates of the damage have climbed to more than $48 million.")
    assert _usd(text)["Bitstamp"] == [40000000, 48000000]
