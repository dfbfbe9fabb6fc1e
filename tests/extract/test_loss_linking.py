"""Which figures are an incident's loss: parts of a split loss, aggregates, moved or burned funds are not."""

from __future__ import annotations

from datetime import date

import pytest

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.money import COMPONENT_EXAMPLES, component_amounts, component_tag, find_amounts
from heistwatch.extract.pipeline import run


def losses(text: str, published: date | None = date(2024, 5, 10)) -> dict[str, list[float]]:
    """victim -> USD losses as the eval format states them."""
    out = to_eval("t", run(text, published=published))
    return {i["victim"]: sorted(i["loss_usd"]) for i in out["incidents"]}


def natives(text: str, published: date | None = date(2024, 5, 10)) -> dict[str, list[tuple[str, float]]]:
    out = to_eval("t", run(text, published=published))
    return {i["victim"]: sorted((x["asset"], x["amount"]) for x in i["loss_native"]) for i in out["incidents"]}


@pytest.mark.parametrize("sentence,n", COMPONENT_EXAMPLES)
def test_component_examples(sentence, n):
    amounts = find_amounts(sentence)
    found = component_amounts(sentence, amounts, [list(range(len(amounts)))])
    assert len(found) == n, [sentence[amounts[k].span.start:amounts[k].span.end] for k in found]
    assert all(amounts[k].money is not None and amounts[k].money.unit == "USD" for k in found)


def test_component_tags_name_the_asset_or_chain():
    s = "Bitcoin: $18 million. The rest was $9 million in USDT and $3 million on Arbitrum; 500 ETH ($1.5 million)."
    amounts = find_amounts(s)
    tags = {s[a.span.start:a.span.end]: component_tag(s, amounts, k) for k, a in enumerate(amounts)}
    assert tags["$18 million"] == "bitcoin"
    assert tags["$9 million"] == "USDT"
    assert tags["$3 million"] == "arbitrum"
    assert tags["$1.5 million"] == "ETH"


def test_per_asset_dollar_values_are_not_the_loss_but_native_amounts_are():
    text = ("Hackers drained $95 million from the Zelkova Exchange on Monday. "
            "Zelkova lost $50 million in USDT, 600 bitcoins (worth $30 million) and $15 million in ETH.")
    assert losses(text)["Zelkova"] == [95_000_000]
    assert ("BTC", 600) in natives(text)["Zelkova"]


def test_a_list_of_tokens_with_dollar_values_under_a_colon_line():
    text = ("Attackers stole about $80 million from the lending protocol Quillfire on Tuesday.\n"
            "The stolen tokens were:\n"
            "- 20k WETH ($60M)\n"
            "- 12M USDC\n"
            "- 300 WBTC ($8M)\n")
    assert losses(text)["Quillfire"] == [80_000_000]
    assert ("WBTC", 300) in natives(text)["Quillfire"]


def test_a_single_asset_theft_keeps_its_conversion():
    text = "Thieves took 2,500 BTC (about $150 million) from the exchange Orlyx on Friday, the company said."
    assert losses(text)["Orlyx"] == [150_000_000]


def test_what_became_of_the_loot_is_not_the_loss():
    text = ("Hackers stole $82 million from the Pelion Bridge on Sunday. "
            "On Tuesday the thief began to move about $40 million to a mixing service. "
            "The attacker's wallets now hold 9,000 ETH ($27 million). "
            "The hacker also burned approximately $30,000 worth of tokens by mistake.")
    assert losses(text)["Pelion"] == [82_000_000]
    assert natives(text)["Pelion"] == []


def test_a_transfer_to_the_attacker_or_out_of_the_victim_is_the_theft():
    text = ("A rogue governance vote at the lending protocol Ferrowind approved the transfer of $76 million "
            "to an attacker-controlled address on Sunday.")
    assert losses(text)["Ferrowind"] == [76_000_000]
    text = "An analyst said the hacker transferred $64 million worth of XRP out of the exchange Grivex on Friday."
    assert losses(text)["Grivex"] == [64_000_000]


def test_cryptojacking_proceeds_are_the_loss():
    text = ("A hacking group took control of a company server in Busan and used it to mine about 40 Monero coins "
            "in a cryptojacking attack, police said. The cryptojacking campaign ran for months.")
    out = to_eval("t", run(text, published=date(2019, 4, 2)))
    assert any(("XMR", 40) in {(x["asset"], x["amount"]) for x in i["loss_native"]} for i in out["incidents"])


def test_year_totals_are_not_an_incidents_loss():
    text = ("Crypto theft hits $1.7 billion in 2023, report says\n\n"
            "Hackers stole about $1.7 billion in cryptocurrency in 2023, a research firm said on Monday. "
            "The biggest single case was the theft of $200 million from the exchange Taluma in March.")
    assert losses(text, date(2024, 1, 8))["Taluma"] == [200_000_000]


def test_superlatives_and_methods_do_not_make_a_figure_an_aggregate():
    text = ("The wallet app Kestrel Wallet was hacked on Saturday. "
            "Later analysis pushed estimates above $90 million, making it one of the largest attacks on a wallet.")
    assert [v for k, v in losses(text).items() if k.startswith("Kestrel")] == [[90_000_000]]
    text = ("It recalls an earlier case in March, when Sorrel, a lending platform, was attacked with flash loan "
            "attacks, draining nearly $7.5 million.")
    assert losses(text)["Sorrel"] == [7_500_000]


def test_emptied_wallets_holding_a_sum_lose_that_sum():
    text = "Thieves emptied hot wallets of the exchange Marrow holding tokens worth about 12 million euros on Sunday."
    assert natives(text)["Marrow"] == [("EUR", 12_000_000)]


def test_a_sum_sent_or_burned_afterwards_is_not_the_loss():
    text = ("Attackers drained $120 million from the lending protocol Tamarind on Monday. "
            "About 80 ether from the attack was later sent to an address used by a mixer. "
            "The remaining $15 million in stolen tokens were burned by the protocol.")
    assert losses(text)["Tamarind"] == [120_000_000]
    assert natives(text)["Tamarind"] == []


def test_a_sum_moved_out_of_the_victims_wallet_is_the_theft():
    text = ("The exchange Quorra was hacked on Friday. "
            "Some $45 million in ether was transferred from its hot wallet to unknown addresses.")
    assert losses(text)["Quorra"] == [45_000_000]


def test_a_paragraph_about_the_incident_keeps_its_figures():
    text = ("The crypto exchange Cobaltia was hacked on Monday, the company said. "
            "About the size of the damage, security companies first reported 20 million dollars. "
            "This number was revised to over 41 million dollars the next day. "
            "Some researchers talk about as much as 55 million dollars, because the coins sat on many chains. "
            "Separately, the casino Glimmer lost $12 million to hackers in May.")
    got = losses(text)
    assert got["Cobaltia"] == [20_000_000, 41_000_000, 55_000_000]
    assert got["Glimmer"] == [12_000_000]


def test_a_bounty_in_tokens_with_its_dollar_range_is_no_loss():
    text = ("The exchange Brindle lost $70 million to hackers on Friday. "
            "An investigator earned a bounty of 40,000 XYZ tokens (approximately $21,000-$23,000) for tracing them.")
    assert losses(text)["Brindle"] == [70_000_000]
    assert natives(text)["Brindle"] == []


def test_the_rest_transferred_to_an_address_is_no_loss():
    text = ("Hackers stole $150 million from the exchange Ardent on Saturday. "
            "About $4 million in ether went first; the rest of the $146 million in other coins transferred to an unknown address.")
    assert 146_000_000 not in losses(text)["Ardent"]


def test_funds_a_backer_puts_in_are_no_loss():
    text = ("Attackers minted 90,000 wrapped ether on the Lumen bridge on Wednesday and drained it. "
            "A day later, the trading firm behind the project put 90,000 ETH of its own into the bridge.")
    assert ("ETH", 90_000) not in natives(text).get("Lumen", [])


def test_one_customers_loss_is_not_the_platforms():
    text = ("The crypto exchange Tessel was hacked on Monday and customer data was stolen, the company said. "
            "The company pledged to cover losses up to 100,000 won, though one user reportedly lost 20 million won. "
            "Another customer says he lost 900 million won, the equivalent of $800,000.")
    assert losses(text)["Tessel"] == []
    assert natives(text)["Tessel"] == []


def test_a_joint_figure_for_two_victims_and_a_spread_across_several_go_to_none():
    text = "Investigators say the same crew hacked and took some $60 million in crypto from Alphapo and CoinsPaid in July."
    got = losses(text, date(2023, 9, 7))
    assert all(v == [] for v in got.values())
    text = "Recent hacks have hit the exchanges Bitrue, BitMart and Liquid, with losses ranging from $20 million to $150 million."
    got = losses(text, date(2023, 11, 30))
    assert all(v == [] for v in got.values())


def test_a_conversion_told_after_the_swap_is_no_loss():
    text = ("Attackers minted 100,000 wrapped ether on the Sable bridge on Wednesday. "
            "They then redeemed 80,000 of those tokens for ETH worth $200 million on another network.")
    assert 200_000_000 not in losses(text).get("Sable", [])


def test_what_was_left_after_a_drop_is_no_loss():
    text = ("Hackers drained the Larch bridge on Monday. Its balance went from $150,000,000 to $2,500 within hours.")
    assert 2_500 not in losses(text).get("Larch", [])


def test_flash_loans_taken_out_are_no_loss():
    text = ("The attacker took out $900 million in flash loans and drained $80 million from the lending protocol "
            "Birchwood on Sunday.")
    assert losses(text)["Birchwood"] == [80_000_000]


def test_a_loss_split_by_chain_across_a_later_sentence():
    text = ("The exchange Copperline was hacked on Saturday; a security firm put the loss at about $180 million. "
            "It first counted only on Ethereum, where the stolen assets were worth about $100 million, and later "
            "found around $80 million stolen from Binance Smart Chain.")
    assert losses(text)["Copperline"] == [180_000_000]


def test_a_sum_accidentally_sent_elsewhere_is_no_loss():
    text = ("Hackers stole $100 million from the exchange Rowan on Friday. "
            "Additionally, $3 million in stolen tokens was accidentally sent to the token's own contract.")
    assert losses(text)["Rowan"] == [100_000_000]


def test_a_cue_beside_one_figure_is_not_read_for_its_neighbour():
    text = ("12,000 bitcoins, valued at around $300 each, so $3.6 million in all, were stolen from the exchange "
            "Pimlico on Sunday.")
    assert losses(text)["Pimlico"] == [3_600_000]
    assert natives(text)["Pimlico"] == [("BTC", 12_000)]


def test_a_coins_supply_in_circulation_is_no_loss():
    text = ("Hackers stole 500 million XYZ tokens from the exchange Quince on Friday. "
            "The token trades at just under $1 per coin, with $8 billion worth of it in total circulation.")
    assert losses(text)["Quince"] == []


def test_parts_stay_when_the_text_gives_no_total():
    text = "Hackers drained the lending protocol Wisteria on Tuesday, taking $40 million on Ethereum and $12 million on Polygon."
    assert losses(text)["Wisteria"] == [12_000_000, 40_000_000]


def test_a_figure_on_a_chain_stays_with_the_victim():
    text = "Hackers drained the lending protocol Wisteria on Tuesday, taking $40 million on Ethereum and $12 million on Arbitrum."
    assert losses(text)["Wisteria"] == [12_000_000, 40_000_000]


def test_what_a_swap_gave_and_gas_paid_are_no_loss():
    text = ("Hackers stole $30 million from the exchange Saffron on Monday. They laundered the funds by swapping "
            "9,000 LINK for 300 ETH on a decentralized exchange; one transaction cost the attacker 4 ETH in gas.")
    assert natives(text)["Saffron"] == []


def test_a_groups_total_is_no_incidents_loss():
    text = ("Report finds over $400M in crypto stolen by a single hacking group\n\n"
            "The exchange Tamsin was hacked in March for $60 million, the report says. "
            "The group's efforts have resulted in a theft of around $400 million in cryptocurrencies.")
    assert losses(text, date(2024, 6, 3))["Tamsin"] == [60_000_000]


def test_liquid_assets_a_bankrupt_platform_found_are_no_loss():
    text = ("Hackers drained $400 million from the exchange Vireo in November. "
            "Administrators said they have identified approximately $5 billion in liquid assets.")
    assert losses(text)["Vireo"] == [400_000_000]


def test_a_heist_owned_by_someone_else_keeps_its_figure_off_the_victim():
    text = "Experts suspect North Korea in the $300 million Alder hack and in South Korea's latest $90 million crypto heist."
    assert losses(text, date(2018, 2, 6)).get("Alder", []) == [300_000_000]


def test_a_day_before_a_heist_is_when_not_whose():
    text = "Regulators had warned the exchange Alder before Friday's ¥30 billion theft of its tokens."
    assert natives(text, date(2018, 1, 28))["Alder"] == [("JPY", 30_000_000_000)]
