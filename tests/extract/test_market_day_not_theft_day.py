"""A day told of the victim's or its owner's shares ("its shares lost a fifth of their value on Friday") is a
trading day, not the day of the theft."""

from __future__ import annotations

from datetime import date

from extract_probes import dates_by_victim as _dates


def test_a_day_told_of_falling_shares_does_not_date_the_theft():
    got = _dates("Kraken loses $30 million in hot wallet theft\n\nKraken's parent said on Friday that $30 million "
                 "had been taken. Engineers say the hackers drained the hot wallet on Thursday morning. Kraken "
                 "shares lost about a fifth of their value on Friday.", date(2024, 6, 14))
    assert got["Kraken"] == "2024-06-13"
