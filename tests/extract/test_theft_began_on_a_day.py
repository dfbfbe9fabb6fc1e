"""The day a theft began is its date, not the later day it was reported or counted: "the drain began late on
Tuesday", "transfers, which began on Wednesday morning". A start told by month ("the operation began in March")
may be the preparation, and gets no such weight."""

from __future__ import annotations

from datetime import date

from extract_probes import dates_by_victim as _dates


def test_the_day_a_drain_began_beats_the_day_it_was_counted():
    got = _dates("Hackers drain $6 million from Kraken users\n\nKraken said on Thursday that about $6 million had "
                 "been taken from customer accounts. Early tallies shared on Wednesday put the loss at $5 million. "
                 "The drain itself began late on Tuesday.", date(2024, 6, 13))
    assert got["Kraken"] == "2024-06-11"


def test_transfers_that_began_on_a_day_date_the_theft():
    got = _dates("Kraken loses $6 million in hot wallet breach\n\nThere was no word on Thursday about who was behind "
                 "the $6 million theft from Kraken. Analysts said the outflows, which began on Wednesday morning, moved "
                 "bitcoin and ether to outside addresses.", date(2024, 6, 13))
    assert got["Kraken"] == "2024-06-12"


def test_an_operation_said_to_have_begun_in_a_month_is_not_taken_for_the_theft_day():
    got = _dates("Kraken loses $6 million in hot wallet breach\n\nHackers stole $6 million from Kraken's hot wallet "
                 "on June 12, the exchange said. Police said the operation began in March, when a fake recruiter "
                 "contacted one of its engineers.", date(2024, 6, 13))
    assert got["Kraken"] == "2024-06-12"
