"""``heistwatch ledger``, ``incident show``, ``actor show`` and ``decide`` against a real SQLite store.

The store is seeded with extractions written by hand (our own sentences), so these tests check
the ledger commands, not the extractor.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "resolve"))

from resolve_builders import actor, aggregate, doc, usd, when  # noqa: E402

from heistwatch.cli.main import app  # noqa: E402
from heistwatch.documents.model import ParsedDocument  # noqa: E402
from heistwatch.store import open_store  # noqa: E402
from heistwatch.store.ledger import rebuild_ledger  # noqa: E402

runner = CliRunner(env={"COLUMNS": "200"})


def _records():
    return [
        doc("r1", "Hackers stole $534 million from Coincheck on January 26. The NIS said North Korea was likely behind it.",
            [("Coincheck", "exchange_hack", "2018-01-26")],
            [usd(534e6, "$534 million"), when("2018-01-26", "January 26"),
             actor("North Korea", "suspected", "North Korea", claimant="the NIS", probability="likely")],
            published="2018-01-27", publisher="Wire One"),
        doc("r2", "Coincheck Inc lost $520 million; the breach began on January 18, staff said.",
            [("Coincheck Inc.", "exchange_hack", "2018-01-18")],
            [usd(520e6, "$520 million"), when("2018-01-18", "January 18")], published="2018-01-28", publisher="Daily Two"),
        doc("r3", "Youbit lost $5 million in April; police blamed North Korea.", [("Youbit", "exchange_hack", "2017-04-22")],
            [usd(5e6, "$5 million"), actor("North Korea", "confirmed", "North Korea", claimant="police")],
            published="2017-04-28"),
        doc("r4", "Youbit closed after a second hack in December; police blamed North Korea again.",
            [("Youbit", "exchange_hack", "2017-12-19")], [actor("North Korea", "confirmed", "North Korea", claimant="police")],
            published="2017-12-20"),
        doc("r5", "The spy agency said North Korean hackers stole tens of millions of dollars in 2017.", [],
            [aggregate("North Korea", "2017", 10e6, "tens of millions of dollars")], published="2018-01-02"),
    ]


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    store = open_store(url)
    for rec in _records():
        parsed = ParsedDocument(source=f"test:{rec.key}", text=rec.text, raw=rec.text.encode(), media_type="application/json",
                                external_id=rec.key, site_name=rec.publisher, published=rec.published,
                                published_source="json" if rec.published else None)
        store.add_document(parsed, rec.extraction, content_hash=hashlib.sha256(rec.text.encode()).hexdigest())
    rebuild_ledger(store)
    store.close()
    return url


def _rows(result_text: str) -> list[dict]:
    return [json.loads(line) for line in result_text.splitlines() if line.strip()]


def test_ledger_table_and_jsonl(db, tmp_path) -> None:
    result = runner.invoke(app, ["ledger", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Coincheck" in result.output and "Youbit" in result.output and "North Korea" in result.output
    assert "Aggregate claims (not incidents)" in result.output and "r5" in result.output
    out = tmp_path / "ledger.jsonl"
    result = runner.invoke(app, ["ledger", "--db", db, "--jsonl", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out.read_text())
    assert len(rows) == 3
    cc = next(r for r in rows if r["victim"] == "Coincheck")
    assert cc["loss_usd"]["low"] == 520e6 and cc["loss_usd"]["high"] == 534e6
    assert {m["doc"] for m in cc["mentions"]} == {"r1", "r2"}
    assert {"doc": "r2", "victim": "Coincheck Inc.", "date": "2018-01-18", "type": "exchange_hack"} in cc["mentions"]
    assert cc["actors"][0]["name"] == "North Korea" and cc["actors"][0]["confidence"] == "likely"
    assert any("18 January 2018" in c for c in cc["conflicts"])


def test_incident_show_gives_every_figure_with_its_sentence(db, tmp_path) -> None:
    out = tmp_path / "l.jsonl"
    runner.invoke(app, ["ledger", "--db", db, "--jsonl", str(out)])
    cc = next(r for r in _rows(out.read_text()) if r["victim"] == "Coincheck")
    result = runner.invoke(app, ["incident", "show", cc["incident"][:9], "--db", db])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Hackers stole $534 million from Coincheck on January 26." in text
    assert "Coincheck Inc lost $520 million; the breach began on January 18, staff said." in text
    assert "CONFLICT date" in text
    assert "the NIS" in text
    result = runner.invoke(app, ["incident", "show", "inc-nope", "--db", db])
    assert result.exit_code == 1 and "no incident" in result.output


def test_actor_show_totals_per_year_and_aggregate(db) -> None:
    result = runner.invoke(app, ["actor", "show", "DPRK", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["actor"] == "North Korea"
    years = {y["year"]: y for y in data["years"]}
    assert years["2017"]["incidents"] == 2 and years["2017"]["value"] == 5e6 and years["2017"]["unknown"] == 1
    assert years["2018"]["value"] == 527e6 and years["2018"]["low"] == 520e6 and years["2018"]["high"] == 534e6
    (agg,) = data["aggregates"]
    assert agg["usd"] == 10e6 and agg["incidents_sum"]["value"] == 5e6
    table = runner.invoke(app, ["actor", "show", "North Korea", "--db", db])
    assert table.exit_code == 0 and "aggregate claim" in table.output


def test_decisions_merge_pin_reject_and_split(db, tmp_path) -> None:
    out = tmp_path / "l.jsonl"
    runner.invoke(app, ["ledger", "--db", db, "--jsonl", str(out)])
    rows = _rows(out.read_text())
    youbit = [r["incident"] for r in rows if r["victim"] == "Youbit"]
    result = runner.invoke(app, ["decide", "merge", *youbit, "--db", db])
    assert result.exit_code != 0 and "--author" in result.output
    result = runner.invoke(app, ["decide", "merge", *youbit, "--author", "ana", "--db", db])
    assert result.exit_code == 0, result.output
    runner.invoke(app, ["ledger", "--db", db, "--jsonl", str(out)])
    rows = _rows(out.read_text())
    (merged,) = [r for r in rows if r["victim"] == "Youbit"]
    cc = next(r for r in rows if r["victim"] == "Coincheck")
    result = runner.invoke(app, ["decide", "pin", cc["incident"], "loss_usd", "534000000", "--author", "bob", "--db", db])
    assert result.exit_code == 0, result.output
    show = json.loads(runner.invoke(app, ["incident", "show", cc["incident"], "--db", db, "--json"]).output)
    assert show["consensus"]["value"] == 534e6 and "pinned" in show["consensus"]["method"]
    key = next(c["key"] for c in show["claims"] if c["kind"] == "date" and c["doc"] == "r2")
    assert runner.invoke(app, ["decide", "reject-claim", key, "--author", "bob", "--db", db]).exit_code == 0
    show = json.loads(runner.invoke(app, ["incident", "show", cc["incident"], "--db", db, "--json"]).output)
    assert not any(f["kind"] == "date" and f["flagged"] for f in show["findings"])
    result = runner.invoke(app, ["decide", "split", merged["incident"], "r4", "--author", "ana", "--db", db])
    assert result.exit_code == 0, result.output
    # decisions survive a full re-resolution
    runner.invoke(app, ["ledger", "--db", db, "--rebuild", "--jsonl", str(out)])
    rows = _rows(out.read_text())
    assert len([r for r in rows if r["victim"] == "Youbit"]) == 2
    cc = next(r for r in rows if r["victim"] == "Coincheck")
    assert cc["loss_usd"]["value"] == 534e6 and cc["conflicts"] == []
    bad = runner.invoke(app, ["decide", "pin", cc["incident"], "colour", "red", "--author", "x", "--db", db])
    assert bad.exit_code == 2 and "pin needs a field" in bad.output
