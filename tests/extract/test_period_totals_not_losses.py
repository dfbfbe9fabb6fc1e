"""A total for a year or part of one is no incident's loss: "how thieves made off with more than $3 billion in
2023" (a roundup's headline), "drainers took $200 million in the first half of the year"."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stated_losses_by_victim

_losses = partial(stated_losses_by_victim, published=date(2024, 1, 5))


def test_a_roundup_headline_of_what_thieves_made_off_with_in_a_year_is_no_ones_loss():
    got = _losses("Phones, keys and bridges: how crypto's thieves made off with more than $3 billion in 2023\n\n"
                  "The biggest single theft of the year hit Kraken, which lost about $200 million from its hot "
                  "wallets in September.")
    assert got["Kraken"] == [200_000_000]


def test_a_half_years_total_is_no_ones_loss():
    got = _losses("Kraken lost about $90 million from its hot wallet on Tuesday. Wallet drainers had stolen some "
                  "$250 million from users in the first half of the year, one security firm said.")
    assert got["Kraken"] == [90_000_000]
