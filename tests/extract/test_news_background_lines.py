"""Lines news adds around a theft: the firm behind a product speaking of its own loss, a market line with a coin's
level, a platform that draws no link to a state group."""
from functools import partial

from extract_probes import incidents_by_victim

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

_incidents = partial(incidents_by_victim, headline="Theft at a crypto firm")


def test_the_company_behind_a_product_says_it_was_robbed():
    got = _incidents("Orvane, the company behind the euro-pegged token that traders use to settle across venues, "
                     "says an outside attacker took 12,400,000 EURV from its treasury wallet on Sunday.")
    assert set(got) == {"Orvane"}


def test_a_coin_s_steady_level_is_no_loss():
    got = _incidents("Hackers stole $28 million from the Quillon exchange on Tuesday. "
                     "Bitcoin was steady near $20,400 on Wednesday.")
    assert got["Quillon"]["loss_usd"] == [28000000]


def test_no_link_suggested_is_no_attribution():
    got = _incidents("Hackers stole $4 million from the Quillon exchange. "
                     "Quillon did not suggest any link to North Korea in its own case.")
    assert got["Quillon"]["actors"] == []


def test_a_link_suggested_is_still_an_attribution():
    got = _incidents("Hackers stole $4 million from the Quillon exchange. "
                     "Analysts suggested a link to North Korea's Lazarus Group.")
    assert got["Quillon"]["actors"]


def test_exchanges_listed_as_where_the_loot_went_are_no_victims():
    got = _incidents("Hackers stole $4 million from the Quillon exchange. The stolen funds were moved to other "
                     "exchanges, including Bittrex, Huobi and Binance, Quillon said.")
    assert set(got) == {"Quillon"}


def test_a_list_of_victims_after_by_stays_victims():
    got = _incidents("As reported by CoinDesk, Coinrail and Bithumb were both hacked in June, losing $40 million "
                     "and $30 million.")
    assert {"Coinrail", "Bithumb"} <= set(got)


def test_the_owner_between_figure_and_coin():
    from heistwatch.extract.money import find_amounts

    (a,) = find_amounts("The issuer said 30.95 million of its USDT tokens had been taken.")
    assert (a.money.value, a.money.unit) == (30950000.0, "USDT")
    assert not [x for x in find_amounts("An attacker took control of one of its Ethereum cold wallets.") if x.money]


def test_a_date_in_a_clause_on_the_victim_s_size_does_not_date_the_theft():
    from datetime import date

    ev = to_eval("t", run("Zentra drained\n\nZentra, a protocol that held about $1 billion in user deposits last week, "
                          "lost roughly $24 million on Monday when an attacker drained two vaults.",
                          published=date(2020, 10, 27)))
    assert ev["incidents"][0]["date"] == "2020-10-26"


def test_a_platform_named_where_a_price_was_quoted_is_no_victim():
    got = _incidents("Thieves took 24,000 coins from the Quillon exchange on Tuesday. The bitcoin price dipped on the "
                     "news to about $10.50 on Mt. Gox from around $11, a small move next to earlier hacks.")
    assert set(got) == {"Quillon"}
