"""Figures near a theft that are not the loss: a coin's price, an exchange-rate footer, funds that came back,
today's value of the loot, a capital injection, and the parts of a total (one group of victims, the customers' share)."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _loss(text: str) -> dict[str, tuple[list[float], list[tuple[str, float]]]]:
    out = to_eval("t", run(text, published=date(2023, 3, 1)))
    return {i["victim"]: (sorted(i["loss_usd"]), sorted((x["asset"], x["amount"]) for x in i["loss_native"]))
            for i in out["incidents"]}


def test_a_coins_price_is_no_loss():
    got = _loss("Hackers stole about 900 BTC from Bitstamp on Monday, then worth about $5 million. "
                "With bitcoin climbing past $30,000 on Tuesday, the damage has grown.")
    assert got["Bitstamp"][0] == [5000000]


def test_an_exchange_rate_footer_is_no_loss():
    got = _loss("Hackers stole 3 billion yen of crypto from Coincheck on Friday, the exchange said.\n\n($1 = 140.5 yen)")
    assert got["Coincheck"][1] == [("JPY", 3000000000)]


def test_funds_that_came_back_are_no_loss_but_the_whole_that_came_back_is():
    got = _loss("An attacker took $90 million from Poly Network on Monday. By Wednesday about $40 million had "
                "come back to the project's wallets.")
    assert got["Poly Network"][0] == [90000000]
    got = _loss("An attacker took funds from Poly Network on Monday. Within two weeks nearly all of the "
                "$90 million had come back.")
    assert got["Poly Network"][0] == [90000000]


def test_todays_value_in_a_conversion_is_no_loss():
    got = _loss("Thieves took 40 billion won in ether from Upbit in 2019. Today the coins would be worth "
                "about 900 billion won, or a little over $700 million.")
    assert got["Upbit"][0] == []
    assert got["Upbit"][1] == [("KRW", 40000000000)]


def test_a_capital_injection_is_no_loss():
    got = _loss("DMM Bitcoin said 30 billion yen of bitcoin was stolen. Its parent will back the exchange with a "
                "capital injection that newspapers estimated at some 40 billion yen.")
    assert got["DMM Bitcoin"][1] == [("JPY", 30000000000)]
    got = _loss("Hackers stole 30 billion yen from DMM Bitcoin. The parent company injected 40 billion yen.")
    assert got["DMM Bitcoin"][1] == [("JPY", 30000000000)]


def test_parts_of_a_total_are_no_loss():
    got = _loss("Zaif said 7 billion yen in crypto was stolen from its hot wallet. Of the total, about 2 billion "
                "yen belonged to customers.")
    assert got["Zaif"][1] == [("JPY", 7000000000)]
    got = _loss("Hackers drained more than $50 million from Atomic Wallet, with the three largest victims "
                "alone accounting for $9 million.")
    assert got["Atomic Wallet"][0] == [50000000]


def test_money_raised_to_repay_users_is_neither_the_loss_nor_a_recovery():
    from heistwatch.extract.model import ClaimKind

    text = ("Thieves took $90 million from the Kestrel bridge in May. The developer said it had raised "
            "$40 million from investors to repay the users whose coins were taken.")
    ex = run(text)
    linked = {(c.kind, c.value.value) for c in ex.claims
              if c.kind in (ClaimKind.LOSS, ClaimKind.RECOVERY) and c.incident is not None}
    assert linked == {(ClaimKind.LOSS, 90_000_000)}


def test_a_linked_story_line_gives_its_figure_to_the_victim_it_names_only():
    from heistwatch.extract.evalformat import to_eval

    text = ("Hackers drained $10 million from the Zumo exchange on Monday, the company said.\n\n"
            "Read: Gannetswap reportedly hacked for $780,000\n\n"
            "Related: markets fell $2 billion on the news\n\n"
            "The exchange said it would repay users.")
    got = {i["victim"]: i["loss_usd"] for i in to_eval("t", run(text))["incidents"]}
    assert got["Zumo"] == [10_000_000]
    assert got["Gannetswap"] == [780_000]
