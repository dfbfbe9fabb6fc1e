"""A wire story whose subject is robbed of what is 'its', told after a dateline, with a background line on another
platform's collapse."""
from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

_STORY = """Turkish exchange Vellora freezes withdrawals after $52 million hot wallet breach

ISTANBUL, July 9 (Wire) - Vellora, one of Turkey's largest cryptocurrency exchanges, halted deposits and withdrawals on Tuesday after what it called "unusual activity" drained roughly $52 million from its hot wallets overnight.

The company said cold wallets holding most customer assets were untouched. The incident is the second major theft from a Turkish platform in three years, after the collapse of Pennant in 2021.
"""


def test_the_subject_robbed_of_its_wallets_is_the_one_victim_dated_by_its_day():
    (inc,) = to_eval("t", run(_STORY, published=date(2024, 7, 10)))["incidents"]
    assert inc["victim"] == "Vellora" and inc["date"] == "2024-07-09" and inc["loss_usd"] == [52000000]


def test_a_subject_moving_its_own_funds_is_no_victim():
    got = to_eval("t", run("Vellora moves reserves\n\nVellora said on Monday it had moved $5 million from its hot "
                           "wallet to cold storage.", published=date(2024, 7, 10)))
    assert got["incidents"] == []
