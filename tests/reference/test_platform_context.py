"""A known platform's name counts only where it names the platform: not inside a longer name, not as a
coin counted, not as the chain where something ran."""

import pytest

from heistwatch.extract.victims import find_victim_candidates
from heistwatch.reference.platforms import find_platforms, told_as_platform


def platform_names(text: str) -> list[str]:
    return [m.platform.name for m in find_platforms(text)]


def victim_names(text: str) -> list[str]:
    return [v.name for v in find_victim_candidates(text)]


@pytest.mark.parametrize("text, absent", [
    # a common-word alias with another capitalised word beside it is part of that longer name
    ("Thieves emptied the launchpad platform DAO Maker of $3 million last week.", {"The DAO", "MakerDAO"}),
    ("Funds held in the firm's XRP Ledger wallets were moved by an intruder.", {"Ledger"}),
    # a number before a ticker: the coin counted, not the platform
    ("The intruder walked off with 2,100,000.50 MIM and 900 ETH.", {"Abracadabra"}),
    ("The attacker minted 4 million MIM tokens.", {"Abracadabra"}),
    # the chain where a protocol runs or an exploit took place
    ("A lending app on the Heco network was drained of $2 million.", {"HTX"}),
    ("A small derivatives protocol on Arbitrum lost $1 million to a price manipulation.", {"Arbitrum"}),
    # ... also as an item of a list of chains
    ("Its vaults on Polygon and BNB Chain had been drained by Tuesday.", {"BNB Chain"}),
    # a chain's name on the victim's own part that runs there
    ("The key that controlled the BSC and Polygon deployments was stolen.", {"BNB Chain"}),
    # a known name made of common words, written in lower case to describe another name
    ("Zentra yield protocol was exploited through a reentrancy bug.", {"Yield Protocol"}),
    # a chain word in lower case after the name: the name's chain, where the victim ran
    ("The Zentra swap on the Heco chain's busiest exchange was drained on Friday.", {"HTX"}),
    # another body bearing the name
    ("Zentra thanked the HECO White Hat Security Alliance for its help.", {"HTX"}),
])
def test_known_name_that_is_not_the_platform(text, absent):
    assert not absent & set(platform_names(text))
    assert not absent & set(victim_names(text))


@pytest.mark.parametrize("text, present", [
    ("The Curve Finance pools were drained.", "Curve"),
    ("The Stake casino lost $41 million.", "Stake"),
    ("Hackers stole $10 million from the crypto casino Stake.", "Stake"),
    ("The Maker DAO team said no vaults were touched.", "MakerDAO"),
    ("Funds were taken. Maker DAO said its vaults were safe.", "MakerDAO"),   # a sentence's first word is no name part
    # a headline in Title Case: capitals beside a name tell nothing
    ("Hackers Target Ledger Wallet Owners With Fake Update", "Ledger"),
    # years and dates before a name are not amounts
    ("In May 2019 Binance lost 7,000 bitcoin.", "Binance"),
    ("On March 13, 2023, Euler Finance was drained.", "Euler Finance"),
    ("More than 100 Bithumb customers filed a complaint.", "Bithumb"),
    ("Investigators tied the $54M CoinEx hack to a known group.", "CoinEx"),
    # the attack on a chain names the chain as the victim
    ("The attacks on Zentra and Heco Chain showed how fragile bridges are.", "HTX"),
    ("The attack on Arbitrum cost users $5 million.", "Arbitrum"),
])
def test_known_name_that_is_the_platform(text, present):
    assert present in platform_names(text)


def test_told_as_platform_reads_the_name_in_place():
    text = "Users of the Heco network and of Binance were warned."
    heco = text.index("Heco")
    assert told_as_platform(text, heco, heco + 4)   # "of the Heco network": no location preposition
    text = "The bug was exploited on the Heco network."
    heco = text.index("Heco")
    assert not told_as_platform(text, heco, heco + 4)
