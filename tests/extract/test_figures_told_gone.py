"""A platform whose coins a background sentence tells as missing or lost is a mention of its own incident,
so its figures do not fall to the story's main incident."""
from datetime import date
from functools import partial

from extract_probes import incidents_by_victim

_incidents = partial(incidents_by_victim, headline="Thieves strike again", published=date(2019, 5, 6))


def test_coins_missing_after_a_bankruptcy_are_that_platform_s_loss():
    got = _incidents("Thieves took 310 bitcoins from the Quillon exchange on Sunday. Mt. Gox, which once handled "
                     "most bitcoin trading, filed for bankruptcy in 2014, saying 850,000 bitcoins were missing.")
    assert got["Quillon"]["loss_native"] == [{"amount": 310, "asset": "BTC"}]
    assert got["Mt. Gox"]["loss_native"] == [{"amount": 850000, "asset": "BTC"}]
    assert got["Quillon"]["main"] is True


def test_a_platform_reporting_its_coins_missing_is_the_victim():
    got = _incidents("Thieves took 310 bitcoins from the Quillon exchange on Sunday. In April the Indian exchange "
                     "Coinsecure reported 438 bitcoins missing, a loss it blamed on an insider.")
    assert got["Coinsecure"]["loss_native"] == [{"amount": 438, "asset": "BTC"}]
    assert got["Quillon"]["loss_native"] == [{"amount": 310, "asset": "BTC"}]


def test_a_platform_reporting_a_third_party_stays_a_reporter():
    got = _incidents("Thieves took 310 bitcoins from the Quillon exchange on Sunday; Coinsecure reported the "
                     "thief's deposit to the police.")
    assert set(got) == {"Quillon"}


def test_lost_in_market_value_is_no_theft_cue():
    got = _incidents("Thieves took 310 bitcoins from the Quillon exchange on Sunday. Coinbase lost $2 billion in "
                     "market value as prices fell.")
    assert set(got) == {"Quillon"}


def test_a_stablecoin_issuer_saying_its_tokens_were_taken_is_the_victim():
    got = _incidents("Tether said on Sunday that $31 million of its tokens had been taken from its treasury wallet "
                     "by an outside attacker.")
    assert set(got) == {"Tether"} and got["Tether"]["loss_usd"] == [31000000]


def test_the_coin_named_in_a_theft_is_not_the_victim():
    got = _incidents("Hackers stole $31 million in Tether from the Quillon exchange on Sunday.")
    assert set(got) == {"Quillon"}
