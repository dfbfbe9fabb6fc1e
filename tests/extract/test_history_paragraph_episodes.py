"""A background paragraph on the victim's history ("It is the third time X has lost money. ... Later that year a bug
in its contracts was exploited for $8 million, much of which was later recovered.") tells earlier episodes through
all its sentences that name no victim; a trailing "much of which was later recovered" tells what became of that
loot and does not make the theft an aftermath."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

_STORY = ("Euler Finance loses $20 million to phishing attack\n\n"
          "Euler Finance lost about $20 million on Friday after an attacker stole a developer's signing key, the "
          "protocol said.\n\n"
          "It is the third time Euler Finance has lost money to attackers. In March 2021 the protocol was hit by "
          "a flash-loan attack that took about $400,000. Those losses were covered by the team. ")


def _incidents(text: str) -> list[tuple[str | None, list[float]]]:
    out = to_eval("t", run(text, published=date(2022, 11, 8)))
    return sorted(((i["date"], sorted(i["loss_usd"])) for i in out["incidents"]), key=lambda t: t[0] or "")


def test_a_later_sentence_of_the_history_paragraph_is_an_earlier_episode():
    got = _incidents(_STORY + "Later that year a bug in its token contracts was exploited for about $6 million, "
                              "much of which was later recovered.")
    assert ("2022-11-04", [20_000_000]) in got
    assert any(d is not None and d.startswith("2021") and 6_000_000 in usd for d, usd in got)


def test_a_new_paragraph_is_no_longer_the_history():
    got = _incidents(_STORY + "\n\nThe attacker also sent about $6 million through a mixer on Saturday, "
                              "investigators said.")
    assert not any(d is not None and d.startswith("2021") and 6_000_000 in usd for d, usd in got)
