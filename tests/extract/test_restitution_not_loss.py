"""Restitution a court orders is paid back to the victim, not an amount stolen."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def test_restitution_is_not_the_loss():
    out = to_eval("t", run("Hackers stole $12 million from the Zumo exchange in March 2019. The man who ran the "
                           "scheme was ordered on Monday to pay $9 million in restitution to Zumo.",
                           published=date(2024, 11, 15)))
    got = {i["victim"]: i["loss_usd"] for i in out["incidents"]}
    assert got["Zumo"] == [12000000]
