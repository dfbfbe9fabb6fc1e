"""Extraction -> the scorer's per-document format."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import actor_eval_name, to_eval
from heistwatch.extract.model import (
    Attribution, Claim, ClaimKind, DateValue, Extraction, Granularity, IncidentMention, IncidentType, Money, Span, Stance,
)
from heistwatch.extract.pipeline import run


def _claim(kind, value, incident=0):
    return Claim(kind, value, Span(0, 1), Span(0, 1), incident)


def test_fields_and_filters():
    ex = Extraction(
        relevant=True,
        incidents=[IncidentMention(0, "Zumo", IncidentType.EXCHANGE_HACK, True,
                                   DateValue(date(2018, 1, 1), date(2018, 1, 31), Granularity.MONTH), Span(0, 4))],
        claims=[
            _claim(ClaimKind.LOSS, Money(534e6, "USD")),
            _claim(ClaimKind.LOSS, Money(534e6, "USD")),                        # repeated: once
            _claim(ClaimKind.LOSS, Money(58e9, "JPY")),
            _claim(ClaimKind.LOSS, Money(31.6e6, "USD", 1e7, 1e8, "tens of millions", vague=True)),  # vague: out
            _claim(ClaimKind.LOSS, Money(9e8, "USD", valued_at="now")),         # today's value: out
            _claim(ClaimKind.RECOVERY, Money(1e6, "USD")),                      # recovered: out
            _claim(ClaimKind.ACTOR, Attribution("Hidden Cobra", Stance.SUSPECTED)),
            _claim(ClaimKind.ACTOR, Attribution("Lazarus Group", Stance.SUSPECTED)),
            _claim(ClaimKind.LOSS, Money(1e6, "USD"), incident=None),           # unlinked: out
        ],
    )
    row = to_eval("doc-1", ex)
    assert row["id"] == "doc-1" and row["relevant"] is True
    (inc,) = row["incidents"]
    assert inc["victim"] == "Zumo" and inc["type"] == "exchange_hack" and inc["date"] == "2018-01"
    assert inc["loss_usd"] == [534000000]
    assert inc["loss_native"] == [{"amount": 58000000000, "asset": "JPY"}]
    assert inc["actors"] == [{"name": "Lazarus Group", "stance": "suspected"}]


def test_actor_names_for_the_scorer():
    assert actor_eval_name("APT38") == "Lazarus Group"
    assert actor_eval_name("TraderTraitor") == "Lazarus Group"
    assert actor_eval_name("Silent Chollima") == "Andariel"


def test_pipeline_output_is_json_ready():
    import json

    row = to_eval("x", run("Hackers drained 500 ETH from the bridge Zumo Bridge on 3 May 2022.", published=date(2022, 5, 4)))
    assert json.loads(json.dumps(row)) == row
    assert row["incidents"][0]["date"] == "2022-05-03"
    assert row["incidents"][0]["loss_native"] == [{"amount": 500, "asset": "ETH"}]
