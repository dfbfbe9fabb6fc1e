"""The size of the market (total value locked, a market cap) told beside a theft is no loss of the victim."""

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def main_losses(text: str) -> list[float]:
    ev = to_eval("t", run(text))
    main = next(i for i in ev["incidents"] if i.get("main"))
    return main.get("loss_usd") or []


def test_total_value_locked_is_no_loss():
    text = ("Kraken lost about $7 million to an attacker on Sunday. Total value locked in lending protocols "
            "stood near $48 billion, according to trackers.")
    assert main_losses(text) == [7_000_000]


def test_money_that_left_beside_the_tvl_stays_a_loss():
    text = ("Bitfinex was hacked on Monday. Data shows that TVL on the exchange's chain dropped from $90 million "
            "to $40 million, with net outflows of $52.5 million.")
    assert 52_500_000 in main_losses(text)
