"""Heists told in plain English about platforms the reference list does not know: the story is relevant and its
victim is the platform the sentence says was attacked (sentences written for these tests, invented names)."""

from __future__ import annotations

import pytest

from heistwatch.extract.pipeline import run
from heistwatch.extract.victims import clean_name


def _victims(text: str) -> list[str]:
    return [i.victim for i in run(text).incidents]


@pytest.mark.parametrize("text, victim", [
    # the platform's own part was attacked
    ("Plumtree's systems were exploited by an outside hacker, resulting in a loss of $12 million.", "Plumtree"),
    ("Corvana's operational hot wallet was compromised, leading to the theft of 90 million tokens.", "Corvana"),
    ("Velloria’s staking contract was drained by an attacker who minted reward tokens.", "Velloria"),
    # a breach or a loss the platform experienced
    ("Brimstone Swap experienced a security breach resulting in the loss of 40 million tokens from its cold wallets.",
     "Brimstone Swap"),
    ("Nettlefield suffered a loss after an attacker abused a missing access check in its vault.", "Nettlefield"),
    ("The Quarrytown project was exploited by a hacker who drained its liquidity pool.", "Quarrytown"),
    ("Hollowmere lending protocol was exploited via a price manipulation attack, losing $800,000.", "Hollowmere"),
    # coins the platform had stolen
    ("The auction site Tindlewick had 40 BTC stolen after an intruder reached its server.", "Tindlewick"),
    # the platform reports the attack on its own machines
    ("Marlowpool, a bitcoin mining pool, has reported that an unknown attacker managed to hack into their server "
     "and stole 600 BTC.", "Marlowpool"),
    ("In May, Lisbon-based Farrowgate exchange admitted that cybercriminals had stolen a cold wallet holding "
     "300 million tokens.", "Farrowgate"),
    # the flaw the attackers used was the platform's
    ("Hackers exploit a vulnerability in crowdfunding platform Saltmarsh, stealing $3 million in ether.", "Saltmarsh"),
    ("On March 3, an exploit occurred on Dunmore Finance, draining $2 million from its pools.", "Dunmore Finance"),
    # a description before the kind is no name
    ("Licensed Japanese crypto exchange Orrinbay was hacked, and $30 million in assets was stolen.", "Orrinbay"),
])
def test_plain_heist_finds_its_victim(text: str, victim: str) -> None:
    ex = run(text)
    assert ex.relevant
    assert _victims(text)[:1] == [victim]


@pytest.mark.parametrize("text", [
    # a flaw that was never used, a tool the attacker used, a watcher's report: no platform of these was robbed
    "Attackers could exploit a flaw in Plumtree to drain user funds, a researcher warned; the bug was fixed.",
    "The attacker likely exploited a bug in Corvana, a vanity address generator, to take $2 million from a market maker.",
    "Kelvar, a blockchain analytics firm, said hackers stole $5 million from a trading desk last week.",
    "Velloria's wallet received part of the funds the hackers had stolen from a bridge.",
])
def test_not_the_platform_attacked(text: str) -> None:
    names = _victims(text)
    assert not any(n in {"Plumtree", "Corvana", "Kelvar", "Velloria"} for n in names), names


def test_a_description_ending_in_a_nationality_is_no_name() -> None:
    assert clean_name("Licensed Japanese") is None
    assert clean_name("Orrinbay") == "Orrinbay"


@pytest.mark.parametrize("text, victim", [
    ("Pellmoor, a futures exchange built on a fast chain, froze its contracts after falling victim to a $1 million exploit.",
     "Pellmoor"),
    ("Gannet Swap on Arbitrum was exploited for $700,000 through a rounding bug.", "Gannet Swap"),
    ("Rookwell (RKW) was exploited in a reentrancy attack that minted 9 million tokens.", "Rookwell"),
    ("The Sedgecombe ETH/USDC pool suffered a loss of $300,000 in a price manipulation attack.", "Sedgecombe"),
    ("Tallowby NFT project exploited, losing 120 ETH to a forged signature.", "Tallowby"),
    ("The Wrenfield project's team wallet's private keys were compromised and $150,000 was withdrawn.", "Wrenfield"),
])
def test_plain_heist_with_words_between_name_and_verb(text: str, victim: str) -> None:
    assert _victims(text)[:1] == [victim]


def test_a_kind_of_attack_in_capitals_is_no_victim() -> None:
    names = _victims("A DNS attack was made on Marrowind Finance, and one user lost 16 WBTC.")
    assert names == ["Marrowind Finance"]


_HEAD = "Hacker group behind a string of thefts named in new report\n\n"


def test_a_big_platform_robbed_as_the_service_it_runs_is_the_victim() -> None:
    # Electrum is a known platform mostly named as a bystander; "from the wallet Electrum" tells whom was robbed
    text = _HEAD + "The group stole more than $20 million in bitcoin from the popular cryptocurrency wallet Electrum, the report said."
    assert _victims(text) == ["Electrum"]


def test_a_big_platform_in_another_clause_stays_a_bystander() -> None:
    text = _HEAD + ("An attacker drained Plumtree markets that accept tokens from the derivatives exchange Coinbase as "
                    "collateral, taking $9 million.")
    assert _victims(text) == ["Plumtree"]


@pytest.mark.parametrize("text, victim", [
    ("Kelvar's Brackenridge Protocol was exploited for $90 million by a hacker.", "Brackenridge"),
    ("Hackers launched a phishing attack targeting users of the Gorsemoor hardware wallet, stealing $2 million.", "Gorsemoor"),
    ("Ashgrove DEX on zkSync was exploited, with one exploiter taking 800,000 USDC.", "Ashgrove DEX"),
    ("An attacker was able to exploit a flaw in the Pennick trade protocol to steal $250,000 of trading capital.", "Pennick"),
])
def test_more_plain_heist_forms(text: str, victim: str) -> None:
    assert _victims(text)[:1] == [victim]


def test_a_kind_word_in_capitals_is_no_name() -> None:
    # "P2P" says what kind of exchange, as "DNS" says what kind of attack
    names = _victims("Kelvar, a P2P exchange on Quarry Chain was exploited due to a missing permission check, losing $115,000.")
    assert "P2P" not in names


@pytest.mark.parametrize("text, victim", [
    # an exchange that went dark after an attack it reported
    ("Stonebury, a Geneva-based exchange founded by a former banker, has halted trading and withdrawals after what it "
     "described as a cyber attack on June 4.", "Stonebury"),
    # its users lost the coins
    ("On Sunday, users of the Harlowe smart wallet lost about $5 million after an attacker bypassed its guardian service.",
     "Harlowe"),
    # a platform with its kind and its chain before the verb
    ("The Fennimore decentralised exchange on the Quarry network lost about $6.8 million on June 2.", "Fennimore"),
    # the exchange said the coins had been taken from its wallet
    ("In February the Chinese exchange Oakhurst said 7,170 bitcoins, then worth about $1.7 million, had been taken from "
     "its cold wallet.", "Oakhurst"),
])
def test_news_forms_of_an_attacked_platform(text: str, victim: str) -> None:
    assert _victims(_HEAD + text)[:1] == [victim]


def test_halting_after_another_platforms_attack_is_no_victim() -> None:
    text = _HEAD + "Stonebury paused deposits after a hack on a rival exchange drained $4 million from Oakhurst."
    assert "Stonebury" not in _victims(text)


def test_who_moved_funds_to_safety_is_no_victim() -> None:
    text = _HEAD + ("An attacker took 150,000 ether from Harlowe's multisig wallets. The Fennick Group said it had drained "
                    "about 377,000 ether from other vulnerable wallets and would return the coins to their owners.")
    assert "Fennick Group" not in _victims(text)


def test_a_word_ending_in_related_is_no_name() -> None:
    assert clean_name("DeFi-related") is None


@pytest.mark.parametrize("text, victim", [
    ("An attacker siphoned $4 million out of Bellhaven's liquidity pools on Tuesday.", "Bellhaven"),
    ("Bellhaven has become the latest DeFi protocol to be exploited, losing $4 million on Tuesday.", "Bellhaven"),
    ("Bellhaven said it was investigating an exploit that drained $4 million from its pools.", "Bellhaven"),
    ("Thieves emptied Bellhaven's hot wallet of $4 million.", "Bellhaven"),
    ("Bellhaven halted withdrawals on Tuesday following a $4 million hack.", "Bellhaven"),
    ("Bellhaven, whose hot wallet was drained of $4 million, said it would repay users.", "Bellhaven"),
    ("Bellhaven said an unauthorized party accessed its hot wallet and withdrew $4 million.", "Bellhaven"),
    ("Bellhaven is the victim of a $4 million exploit.", "Bellhaven"),
])
def test_everyday_news_sentences_name_the_victim(text: str, victim: str) -> None:
    assert _victims(_HEAD + text)[:1] == [victim]


@pytest.mark.parametrize("text", [
    "Users moved $40 million out of Bellhaven after rumours of insolvency.",
    "Bellhaven said customers had withdrawn $4 million from its platform in a day.",
    "Bellhaven became the first exchange to be licensed in the country.",
])
def test_money_moved_or_a_first_is_no_heist(text: str) -> None:
    assert "Bellhaven" not in _victims(_HEAD + text)


def test_losing_access_or_a_peg_is_no_theft() -> None:
    text = (_HEAD + "Hackers drained about $30 million from the lending protocol Quarrel Finance on Tuesday. "
            "Users of Bellhaven lost access to their accounts while the exchange was offline. "
            "Tallowby lost its peg to the dollar for a day.")
    assert _victims(text) == ["Quarrel Finance"]


def test_pausing_after_another_platforms_exploit_is_no_victim() -> None:
    text = (_HEAD + "Hackers drained about $30 million from the lending protocol Quarrel Finance on Tuesday. "
            "Stonebury paused deposits of the token after an exploit drained $30 million from Quarrel Finance.")
    assert _victims(text) == ["Quarrel Finance"]


@pytest.mark.parametrize("text, victim", [
    ("Marlowgate announced the hack, which took place a day after it had upgraded its website.", "Marlowgate"),
    ("Tindlewick, a Lagos-based exchange, confirmed the breach on Twitter and paused withdrawals.", "Tindlewick"),
])
def test_a_platform_confirming_the_attack_is_its_victim(text: str, victim: str) -> None:
    assert _victims(_HEAD + text)[:1] == [victim]


@pytest.mark.parametrize("text", [
    "Blockchain security firm Kelvar confirmed the exploit on Twitter.",
    "Dana Roe, the owner of the exchange, confirmed the hack.",
    "Kelvar confirmed the attack on Quarrel Finance.",
])
def test_who_confirms_anothers_attack_is_no_victim(text: str) -> None:
    story = _HEAD + "Hackers drained about $30 million from the lending protocol Quarrel Finance on Tuesday. " + text
    assert _victims(story) == ["Quarrel Finance"]
