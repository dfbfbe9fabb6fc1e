"""Roundup sentences that tell two victims' stories as clauses keep each clause's figure and date with its own
victim; losses told with unusual verbs ("sent to their own wallet", "to addresses nobody controls") count, what
went to a third party does not."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _incidents(text: str, published: date | None = date(2024, 3, 1), title: str | None = None) -> dict[str, dict]:
    out = to_eval("t", run(text, published=published, title=title))
    return {i["victim"]: i for i in out["incidents"]}


def test_second_clause_figure_and_date_go_to_the_second_victim() -> None:
    text = ("Exchange hot wallets keep getting emptied. Bitstamp lost about $5 million in January 2015, "
            "and in March 2016 Gatecoin lost roughly $2 million in a separate attack.")
    got = _incidents(text)
    assert got["Bitstamp"]["loss_usd"] == [5000000] and got["Bitstamp"]["date"] == "2015-01"
    assert got["Gatecoin"]["loss_usd"] == [2000000] and got["Gatecoin"]["date"] == "2016-03"


def test_plural_pools_of_a_named_protocol_are_its_victim_mention() -> None:
    text = ("The month was rough for DeFi. Harvest Finance lost about $24 million in October, "
            "and in the same month several Akropolis pools were drained of about $2 million.")
    got = _incidents(text)
    assert "Akropolis" in got and got["Akropolis"]["loss_usd"] == [2000000]
    assert got["Harvest Finance"]["loss_usd"] == [24000000]


def test_transfer_to_the_attackers_own_wallet_is_the_loss() -> None:
    text = ("An attacker took over the admin keys of the Bancor protocol on Monday and sent roughly $41 million from the "
            "protocol's treasury to their own wallet. Bancor said it was working with police.")
    assert _incidents(text, title="Bancor hacked")["Bancor"]["loss_usd"] == [41000000]


def test_funds_sent_where_nobody_can_retrieve_them_are_the_loss() -> None:
    text = ("Activists hacked the Quidax exchange on Tuesday and sent about $12 million in tokens to an "
            "address where the coins can never be retrieved, analysts said.")
    assert _incidents(text, title="Quidax hacked")["Quidax"]["loss_usd"] == [12000000]


def test_what_went_to_a_donation_address_is_not_the_loss() -> None:
    text = ("Hackers drained $30 million from Zumo on Friday. Some $100,000 in stablecoins later went to a "
            "wallet run by a relief charity.")
    assert _incidents(text, title="Zumo drained")["Zumo"]["loss_usd"] == [30000000]


def test_headline_loses_with_a_borrowing_cue_is_still_the_loss() -> None:
    text = ("Quidax loses $9 million after attacker borrows tokens to sway a vote\n\n"
            "An attacker used a flash loan to take over Quidax's governance on Sunday.")
    assert _incidents(text, title="Quidax loses $9 million after attacker borrows tokens to sway a vote")["Quidax"]["loss_usd"] == [9000000]
