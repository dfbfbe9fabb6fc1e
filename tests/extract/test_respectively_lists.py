""""A and B lost $X and $Y respectively": each figure goes to its own victim, in order."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _losses(text: str, published: date) -> dict[str, list]:
    return {i["victim"]: i["loss_usd"] for i in to_eval("t", run(text, published=published))["incidents"]}


def test_two_exchanges_hit_for_two_sums_respectively():
    text = "Exchanges Travo and Belmex were hit for about $12 million and $7 million respectively in July."
    assert _losses(text, date(2023, 9, 8)) == {"Travo": [12_000_000], "Belmex": [7_000_000]}


def test_respectively_after_a_comma_at_the_end():
    text = "Exchanges Travo and Belmex lost $12 million and $7 million, respectively."
    assert _losses(text, date(2023, 9, 8)) == {"Travo": [12_000_000], "Belmex": [7_000_000]}


def test_without_respectively_the_figures_are_not_split_by_order():
    text = "Exchanges Travo and Belmex lost $12 million and $7 million."
    got = _losses(text, date(2023, 9, 8))
    assert got.get("Belmex") != [7_000_000] or got.get("Travo") != [12_000_000]
