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


def test_a_coins_price_is_no_loss():
    text = ("Kraken was hacked for $5 million on Friday. Markets were calm, with bitcoin just under $31,000 and "
            "ether near $1,870. Ether was close to $1,900 by the evening.")
    assert main_losses(text) == [5_000_000]


def test_a_share_offered_to_the_thief_is_no_loss():
    text = ("Bitfinex was drained of $12 million. It offered to let the attacker keep 10% of the stolen funds, "
            "about $1.2 million, if the rest was returned.")
    assert main_losses(text) == [12_000_000]


def test_an_industry_tally_is_no_loss_of_the_victim():
    text = ("Kraken lost $4 million on June 3. Our running tally of crypto losses to hacks for June stands at "
            "about $90 million so far. Analysts counted about $2 billion in losses for the first half of the year as a whole.")
    assert main_losses(text) == [4_000_000]
