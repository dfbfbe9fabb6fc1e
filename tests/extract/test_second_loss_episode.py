""""It was X's second loss this year. In March, ...": the figure of the earlier loss is its own incident."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def test_possessive_second_loss_splits_off_the_earlier_episode():
    text = ("Lendra, a lending protocol, said on Friday that hackers drained $30 million from its markets on October 3.\n\n"
            "It was Lendra's second loss this year. In March, an attacker used a pricing bug to take about $2 million.")
    got = sorted((i["date"], i["loss_usd"]) for i in to_eval("t", run(text, published=date(2024, 10, 20)))["incidents"]
                 if i["victim"] == "Lendra")
    assert got == [("2024-03", [2_000_000]), ("2024-10-03", [30_000_000])]
