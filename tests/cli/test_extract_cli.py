"""``heistwatch extract``: files of any format in, one scorer line per document out, bad files reported."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from heistwatch.cli.main import app

runner = CliRunner()


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_extract_folder_of_mixed_formats(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("Hackers stole $5 million from the exchange Zumo on Monday.\n")
    (src / "sub" / "b.json").write_text(json.dumps({
        "id": "doc-b", "title": "Bridge drained", "published": "2022-08-02",
        "text": "Attackers drained $190 million from the Nomad bridge on Monday.",
    }))
    (src / "c.jsonl").write_text(
        json.dumps({"id": "doc-c1", "text": "The Quidax exchange was hacked; 40 BTC were stolen."}) + "\n"
        + json.dumps({"id": "doc-c2", "text": "Markets were calm on Friday."}) + "\n"
    )
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["extract", str(src), "--jsonl", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in _lines(out)}
    assert set(rows) == {str(src / "a.txt"), "doc-b", "doc-c1", "doc-c2"}
    assert rows["doc-b"]["incidents"][0]["victim"] == "Nomad"
    assert rows["doc-b"]["incidents"][0]["date"] == "2022-08-01"
    assert rows["doc-b"]["incidents"][0]["loss_usd"] == [190000000]
    assert rows["doc-c1"]["incidents"][0]["loss_native"] == [{"amount": 40, "asset": "BTC"}]
    assert rows["doc-c2"] == {"id": "doc-c2", "relevant": False, "incidents": []}
    for r in rows.values():
        assert set(r) == {"id", "relevant", "incidents"}


def test_bad_file_is_reported_and_others_kept(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Hackers stole $5 million from the exchange Zumo.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["extract", str(empty), str(good), "--jsonl", str(out)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output
    assert [r["id"] for r in _lines(out)] == [str(good)]


def test_stdout_and_claims(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Hackers stole $5 million from the exchange Zumo.\n")
    result = runner.invoke(app, ["extract", str(f), "--claims"])
    assert result.exit_code == 0
    row = json.loads(result.stdout.splitlines()[0])
    kinds = {c["kind"] for c in row["extraction"]["claims"]}
    assert {"victim", "loss", "incident_type"} <= kinds


def test_needs_paths_or_all():
    result = runner.invoke(app, ["extract"])
    assert result.exit_code != 0


def test_all_reextracts_the_store(tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    doc = tmp_path / "a.txt"
    doc.write_text("Hackers stole $5 million from the exchange Zumo on Monday.\n")
    assert runner.invoke(app, ["ingest", str(doc), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["extract", "--all", "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 already current" in result.output
    result = runner.invoke(app, ["extract", "--all", "--force", "--db", db])
    assert result.exit_code == 0 and "1 re-extracted" in result.output


def test_paths_and_all_together_is_an_error(tmp_path):
    result = runner.invoke(app, ["extract", "--all", str(tmp_path)])
    assert result.exit_code != 0
