"""Figures news tells beside a theft that are not the amount taken: a failed firm's shortfall, a demand that was
refused, a cost still to come, one total for two incidents, a coin's price on the day."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stated_losses_by_victim

_losses = partial(stated_losses_by_victim, published=date(2024, 6, 14))


def test_a_shortfall_between_deposits_and_assets_is_not_the_theft():
    got = _losses("Kraken says hackers stole $90 million from its hot wallet on Tuesday.\n\nAuditors are still "
                  "working out how far customer deposits exceed what the firm holds; one estimate puts the gap "
                  "between them at $2 billion.")
    assert got["Kraken"] == [90_000_000]


def test_a_hole_in_the_balance_sheet_is_not_the_theft():
    got = _losses("Kraken says hackers stole $90 million from its hot wallet on Tuesday, leaving a $2 billion "
                  "hole in its accounts, by one creditor's count.")
    assert got["Kraken"] == [90_000_000]


def test_a_sum_the_thieves_tried_to_extort_is_not_a_loss():
    got = _losses("Kraken said on Tuesday that hackers took $2 million in bitcoin from customer accounts and then "
                  "tried to extort $15 million from the exchange, a demand it refused.")
    assert got["Kraken"] == [2_000_000]


def test_a_sum_demanded_for_silence_is_not_a_loss():
    got = _losses("Kraken lost $2 million in bitcoin to hackers on Tuesday. The intruders then emailed the exchange "
                  "demanding $15 million to stay quiet about the customer data they had copied.")
    assert got["Kraken"] == [2_000_000]


def test_an_estimated_cost_still_to_come_is_not_the_loss():
    got = _losses("Kraken said hackers stole $90 million on Tuesday. It estimated that the cost of reimbursing "
                  "customers and repairing its systems would be between roughly $100 million and $250 million.")
    assert got["Kraken"] == [90_000_000]


def test_money_the_victim_will_spend_on_remediation_is_not_the_loss():
    got = _losses("Kraken said hackers stole $90 million on Tuesday. The exchange said it will spend about "
                  "$120 million on remediation.")
    assert got["Kraken"] == [90_000_000]


def test_one_figure_after_two_victims_joined_by_and_is_neither_ones_loss():
    got = _losses("Student charged with draining Euler Finance and Cream Finance for $30 million\n\nHe took $20 "
                  "million from Euler Finance in March 2023 and $10 million from Cream Finance in October 2021.")
    assert got["Euler Finance"] == [20_000_000]
    assert got["Cream Finance"] == [10_000_000]


def test_a_coins_price_on_the_day_is_not_a_loss():
    got = _losses("Kraken said hackers stole $90 million in ether on Tuesday. The price of ether was little "
                  "changed on Wednesday at about $3,400.")
    assert got["Kraken"] == [90_000_000]
