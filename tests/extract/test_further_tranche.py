"""One more tranche of a loss told in parts ("they took a further 300,000 SOL, worth $40 million") is not
the loss when the text states the whole; a victim's own figure introduced by "a further" in a sentence naming it
stays that victim's."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stated_losses_by_victim

_losses = partial(stated_losses_by_victim, published=date(2024, 3, 1))


def test_a_further_tranche_leaves_the_incident_when_the_whole_is_stated():
    got = _losses("Kraken hacker takes $60 million in two waves\n\nAn intruder used a stolen key to take $20 million "
                  "from Kraken's hot wallet. Two days later they took a further 300,000 SOL, worth about $40 million "
                  "at the time. In all the attacker made off with $60 million.")
    assert got["Kraken"] == [20_000_000, 60_000_000]


def test_a_further_figure_in_a_sentence_naming_its_victim_stays():
    got = _losses("Attackers took $80 million from the Ronin bridge and a further $12 million from Kraken's hot "
                  "wallets on Tuesday.")
    assert got["Kraken"] == [12_000_000]
