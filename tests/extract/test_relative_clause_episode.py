"""A victim's earlier episode told in a relative clause on its name ("X, the exchange that lost $5 million in
March, has been hacked again, losing $800,000 on Monday") is its own incident with that clause's figure and
month; the main clause's figure and day stay with the story's incident."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _incidents(text: str, published: date) -> list[tuple[str, str | None, list[float]]]:
    out = to_eval("t", run(text, published=published))
    return sorted(((i["victim"], i["date"], sorted(i["loss_usd"])) for i in out["incidents"]), key=lambda t: (t[0], t[1] or ""))


def test_the_relative_clause_tells_the_earlier_episode():
    got = _incidents("Bitstamp hacked again\n\nBitstamp, the exchange that lost $5 million to a wallet breach in "
                     "March, has been hacked a second time, losing about $800,000 on Monday after an attacker "
                     "took over a withdrawal server.", date(2024, 6, 12))
    assert ("Bitstamp", "2024-06-10", [800_000]) in got
    assert ("Bitstamp", "2024-03", [5_000_000]) in got


def test_a_relative_clause_without_a_repeat_is_the_same_incident():
    got = _incidents("Bitstamp, the exchange that lost $5 million to a wallet breach on Monday, said it was "
                     "working with the police.", date(2024, 6, 12))
    assert got == [("Bitstamp", "2024-06-10", [5_000_000])]


def test_a_second_breach_suffered_is_a_repeat_too():
    got = _incidents("Kraken-like swap desk breached again\n\nSwapLane, the anonymous swap service that lost about "
                     "$9 million in January, has suffered a second breach, with roughly $1.1 million drained from "
                     "its hot wallets on Tuesday.", date(2023, 3, 9))
    assert ("SwapLane", "2023-03-07", [1_100_000]) in got
    assert ("SwapLane", "2023-01", [9_000_000]) in got
