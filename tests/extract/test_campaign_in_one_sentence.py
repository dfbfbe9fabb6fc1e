"""A cryptojacking campaign told in one sentence of a roundup is an incident when that sentence names
the machine it took over; a lone passing cue without one is not, and it never outranks the story's
own incident."""

from __future__ import annotations

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _incidents(text: str) -> list[dict]:
    return to_eval("t", run(text))["incidents"]


ROUNDUP = ("Hackers stole $40 million from the Zumo exchange on 3 March 2019, police said. "
           "Investigators linked the Zumo theft to North Korea. ")


def test_one_sentence_naming_the_server_it_took_over_is_a_campaign_beside_the_named_victim():
    text = ROUNDUP + ("In a separate case, the Andariel group hacked a server of a Japanese shipping firm "
                      "in 2018 and mined 90 Monero worth about $11,000.")
    incs = {i["victim"]: i for i in _incidents(text)}
    campaign = incs["cryptojacking campaign (Japanese shipping firm server)"]
    assert campaign["type"] == "cryptojacking" and campaign["main"] is False
    assert campaign["loss_usd"] == [11000]
    assert incs["Zumo"]["main"] is True and incs["Zumo"]["loss_usd"] == [40000000]


def test_a_passing_mining_cue_without_a_machine_is_no_campaign():
    text = ROUNDUP + "Analysts said some of the hackers also mined Monero in 2018."
    assert [i["victim"] for i in _incidents(text)] == ["Zumo"]
