"""People as victims: coins taken "from investor Jane Roe", and a person saying his or her own accounts were
hacked. A person merely quoted or named by role stays no victim."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _victims(text: str) -> dict[str, dict]:
    out = to_eval("t", run(text, published=date(2024, 11, 15)))
    return {i["victim"]: i for i in out["incidents"]}


def test_coins_taken_from_a_named_investor_make_the_investor_the_victim():
    got = _victims("Two men stole $9 million in tokens from crypto investor Dana Whitfield in April 2020 after "
                   "taking over his phone number.")
    assert set(got) == {"Dana Whitfield"}
    assert got["Dana Whitfield"]["loss_usd"] == [9000000]


def test_a_person_saying_his_accounts_were_hacked_is_the_victim():
    got = _victims("Dana Whitfield, the co-founder of a payments start-up, said on Monday that three of his "
                   "personal XRP accounts had been accessed by an intruder and $20 million in tokens moved.")
    assert "Dana Whitfield" in got


def test_a_quoted_executive_is_no_victim():
    got = _victims("Hackers stole $9 million from the Zumo exchange on Monday, founder Dana Whitfield said, "
                   "adding that his own savings were safe.")
    assert set(got) == {"Zumo"}
