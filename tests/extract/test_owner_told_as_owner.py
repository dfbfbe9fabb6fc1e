"""A company told as the owner or operator of the platform that was hit ("Kelvar, the company that owns
Tarmo"; "Kelvar, the parent of Tarmo") is not a second victim: the platform is."""

from __future__ import annotations

from extract_probes import losses_by_victim


def test_company_that_owns_the_exchange_is_not_a_second_victim():
    text = ("Kelvar, the Maltese company that owns Tarmo, said on Friday that hackers had drained "
            "$40 million from the exchange's hot wallet.")
    assert losses_by_victim(text) == {"Tarmo": [40_000_000]}


def test_parent_of_the_exchange_is_not_a_second_victim():
    text = ("Kelvar, the parent company of Tarmo, said on Friday that hackers had drained $40 million from "
            "Tarmo's hot wallet.")
    assert losses_by_victim(text) == {"Tarmo": [40_000_000]}
