"""Who ties an attack to an actor sets the stance even when the tie is told as a deed, not as speech: "linked by
several analytics firms to ...", "Analysts linked that attack to ..." are analysts' readings (suspected), and
"according to" a firm of two words reads the whole name."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _actors(text: str) -> dict[str, dict[str, str]]:
    out = to_eval("t", run(text, published=date(2024, 9, 20)))
    return {i["victim"]: {a["name"]: a["stance"] for a in i["actors"]} for i in out["incidents"]}


def test_an_attack_linked_by_analytics_firms_is_suspected():
    got = _actors("Bitstamp lost about $40 million in July in an attack later linked by two blockchain analytics "
                  "firms to North Korean hackers.")
    assert got["Bitstamp"] == {"North Korea": "suspected"}


def test_analysts_linking_an_attack_is_suspected():
    got = _actors("Bitstamp lost about $40 million in July. Analysts linked that attack to North Korea as well, "
                  "and customers are still waiting for refunds.")
    assert got["Bitstamp"] == {"North Korea": "suspected"}


def test_according_to_a_two_word_analytics_firm_is_suspected():
    got = _actors("Bitstamp lost about $40 million in July. The Lazarus Group drained its hot wallet over two "
                  "hours, according to Scam Sniffer.")
    assert got["Bitstamp"] == {"Lazarus Group": "suspected"}
