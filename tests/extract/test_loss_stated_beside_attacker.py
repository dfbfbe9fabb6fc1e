"""Loss figures told plainly beside the attack: the thief's withdrawal, the figure an attack was "for" before a
later clause returns part of it, stolen coins that were reward tokens."""

import pytest

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def main_losses(text: str) -> list[float]:
    ev = to_eval("t", run(text))
    incidents = ev.get("incidents") or []
    main = next((i for i in incidents if i.get("main")), incidents[0] if incidents else None)
    assert main is not None, text
    return main.get("loss_usd") or []


@pytest.mark.parametrize("text, usd", [
    ("Bitfinex was exploited on Sunday. The attacker withdrew about $3.4 million in stablecoins before the team "
     "paused the contracts.", 3_400_000),
    ("Kraken said hackers managed to withdraw $12 million from its hot wallet.", 12_000_000),
    ("Euler Finance was hacked by a white hat for $2.5 million, who later returned most of the funds.", 2_500_000),
    ("Curve Finance suffered an exploit that cost it $640,000 worth of staking rewards and pool liquidity.", 640_000),
    # "reward pools" are a kind of pool, no bounty
    ("An intruder hit Bitfinex's reward pools, causing $910,000 to be drained.", 910_000),
    # the thief's profit is what the attack took
    ("A flash loan attack was made on Kraken. The exploiter managed to get a profit of $612k.", 612_000),
    # one victim's running figure, not an industry tally
    ("Bitfinex was hacked on Sunday. Current losses reached $6M.", 6_000_000),
    # a freeze told before the attack it followed
    ("Kraken had to freeze its contracts after falling victim to an estimated $4 million exploit.", 4_000_000),
])
def test_loss_told_beside_the_attack(text, usd):
    assert usd in main_losses(text)


def test_users_withdrawing_their_own_funds_is_no_loss():
    text = "Bitfinex was hacked on Monday for $5 million. Worried customers withdrew $300 million from the exchange."
    assert main_losses(text) == [5_000_000]


def test_a_bounty_stays_no_loss():
    text = "Kraken lost $8 million to a hacker and offered a $1 million reward for the return of the funds."
    assert main_losses(text) == [8_000_000]


def test_funds_frozen_after_the_hack_stay_a_recovery():
    ev = to_eval("t", run("Bitfinex was hacked for $9 million. The exchange froze $3 million of the stolen funds after the hack."))
    main = next(i for i in ev["incidents"] if i.get("main"))
    assert main["loss_usd"] == [9_000_000]


def test_a_tally_of_losses_stays_no_loss_of_the_victim():
    text = "Kraken was hacked for $2 million on Monday. Crypto hack losses reached $1.7 billion in 2022."
    assert main_losses(text) == [2_000_000]


def test_combined_value_of_the_stolen_coins_is_the_loss_and_its_bulk_a_part():
    text = ("Kraken was hacked on Monday. It put the combined value of the stolen coins at about $3 million. "
            "The ether makes up the bulk of that: 90,000 ether at roughly $30 a coin is about $2.7 million.")
    assert main_losses(text) == [3_000_000]


def test_combined_losses_of_several_hacks_stay_a_tally():
    text = ("Bitfinex was hacked for $6 million on Monday. The three exchanges hit this month lost a combined "
            "$90 million.")
    assert main_losses(text) == [6_000_000]
