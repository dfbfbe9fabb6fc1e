"""Exports: STIX 2.1 validated by stix2-validator, MISP round trip, CSV/JSON/Parquet, HTML report;
from the API and the CLI."""

from __future__ import annotations

import csv
import io
import json
import re

import pyarrow.parquet as pq
import pytest
from serve_helpers import auth
from pymisp import MISPEvent
from serve_samples import incidents as sample_incidents
from typer.testing import CliRunner

from heistwatch.serve.export.misp import export_json
from heistwatch.serve.export.stix import IMPACT_EXT, INCIDENT_CORE_EXT, bundle_json, validate


def _by_type(bundle: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for o in bundle["objects"]:
        out.setdefault(o["type"], []).append(o)
    return out


def test_stix_bundle_of_samples_is_valid_and_complete():  # type: ignore[no-untyped-def]
    text = bundle_json(sample_incidents(), tlp="amber")
    result = validate(text)
    assert result.is_valid, [str(e) for e in result.errors]
    objs = _by_type(json.loads(text))
    incident = next(o for o in objs["incident"] if "Coincheck" in o["name"])
    ext = incident["extensions"][INCIDENT_CORE_EXT]
    assert ext["extension_type"] == "property-extension" and ext["incident_types"] == ["exchange_hack"]
    impacts = {o["id"]: o for o in objs["impact"]}
    assert set(ext["impact_refs"]) <= set(impacts)
    monetary = [impacts[i]["extensions"]["monetary-ext"] for i in ext["impact_refs"]]
    assert {"variety": "theft", "currency": "usd", "min_amount": 520e6, "max_amount": 534e6} in monetary
    yen = next(m for m in monetary if m.get("currency_actual") == "jpy")
    assert yen["currency"] == "usd" and yen["min_amount"] == 532e6
    assert yen["conversion_rate"] == pytest.approx(58e9 / 532e6) and yen["conversion_time"].startswith("2018-01-26")
    assert any(m["currency"] == "xem" for m in monetary)  # no price known: native amount stays
    for imp in impacts.values():
        assert IMPACT_EXT in imp["extensions"] and imp["impact_category"] == "monetary-ext"
    assert {o["name"] for o in objs["extension-definition"]} == {"Incident Core Extension", "Impact"}
    lazarus = next(o for o in objs["intrusion-set"] if o["name"] == "Lazarus Group")
    assert "Hidden Cobra" in lazarus["aliases"]
    assert objs["threat-actor"][0]["name"] == "North Korea"
    attributed = [r for r in objs["relationship"] if r["relationship_type"] == "attributed-to"]
    assert any(r["target_ref"] == lazarus["id"] and r["confidence"] == 62 for r in attributed)
    nis = next(o for o in objs["identity"] if o["name"] == "National Intelligence Service")
    assert any(r.get("created_by_ref") == nis["id"] and r["confidence"] == 50 for r in attributed)
    assert {o["name"] for o in objs["identity"]} >= {"Coincheck", "Youbit", "heistwatch"}
    ap = objs["attack-pattern"][0]
    assert ap["external_references"][0] == {"source_name": "mitre-attack", "external_id": "T1566",
                                            "url": "https://attack.mitre.org/techniques/T1566/"}
    patterns = {o["pattern"] for o in objs["indicator"]}
    assert "[domain-name:value = 'evil-wallet.example']" in patterns
    assert any(r["url"] == "https://news.example.org/a1" for r in incident["external_references"] if "url" in r)
    amber = objs["marking-definition"][0]["id"]
    assert all(amber in o.get("object_marking_refs", [amber]) for o in json.loads(text)["objects"]
               if o["type"] != "marking-definition")


def test_stix_ids_are_deterministic():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    when = datetime(2024, 1, 1, tzinfo=UTC)
    assert bundle_json(sample_incidents(), created=when) == bundle_json(sample_incidents(), created=when)


def test_misp_round_trip():  # type: ignore[no-untyped-def]
    data = json.loads(export_json(sample_incidents(), tlp="green"))
    assert len(data["response"]) == 2
    event = MISPEvent()
    event.load(data["response"][0])
    assert event.info.startswith("Crypto heist: Coincheck")
    tags = {t.name for t in event.tags}
    assert 'misp-galaxy:threat-actor="Lazarus Group"' in tags and "tlp:green" in tags
    assert 'misp-galaxy:mitre-attack-pattern="Phishing - T1566"' in tags
    values = {(a.type, a.value) for a in event.attributes}
    assert ("btc", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT") in values
    assert ("domain", "evil-wallet.example") in values
    assert ("link", "https://news.example.org/a1") in values
    actor = next(a for a in event.attributes if a.type == "threat-actor" and a.value == "Lazarus Group")
    assert 'estimative-language:likelihood-probability="likely"' in {t.name for t in actor.tags}
    again = MISPEvent()
    again.from_json(event.to_json())
    assert again.to_dict() == event.to_dict()


def test_api_exports_of_the_ledger(client, tokens):  # type: ignore[no-untyped-def]
    h = auth(tokens["viewer"])
    stix = client.get("/api/exports/stix", headers=h)
    assert stix.status_code == 200 and "attachment" in stix.headers["content-disposition"]
    result = validate(stix.text)
    assert result.is_valid, [str(e) for e in result.errors]
    names = {o.get("name") for o in stix.json()["objects"]}
    assert "Lazarus Group" in names and "National Intelligence Service" in names
    lazarus = next(o for o in stix.json()["objects"] if o["type"] == "intrusion-set")
    assert {"source_name": "mitre-attack", "external_id": "G0032",
            "url": "https://attack.mitre.org/groups/G0032/"} in lazarus["external_references"]

    only = client.get("/api/exports/stix", params={"actor": "Lazarus Group"}, headers=h).json()
    assert sum(o["type"] == "incident" for o in only["objects"]) == 1

    misp = client.get("/api/exports/misp", headers=h).json()
    for item in misp["response"]:
        MISPEvent().load(item)
    assert len(misp["response"]) == 3

    rows = list(csv.DictReader(io.StringIO(client.get("/api/exports/csv", headers=h).text)))
    assert {r["victim"] for r in rows} >= {"Coincheck", "Youbit"}
    cc = next(r for r in rows if r["victim"] == "Coincheck")
    assert cc["actors"] == "Lazarus Group" and int(cc["n_conflicts"]) == 1 and float(cc["loss_usd"]) > 5e8

    table = pq.read_table(io.BytesIO(client.get("/api/exports/parquet", headers=h).content))
    assert table.num_rows == 3 and "loss_usd_low" in table.column_names

    js = client.get("/api/exports/json", headers=h).json()
    assert len(js["incidents"]) == 3 and all(i["losses"] is not None for i in js["incidents"])

    since = client.get("/api/exports/csv", params={"since": "2018-06-01"}, headers=h).text
    assert "Coincheck" not in since and "Evilex" in since

    html = client.get("/api/exports/html", params={"actor": "Lazarus Group"}, headers=h).text
    assert "Crypto heists attributed to Lazarus Group" in html and "Plotly" in html
    assert "https://wire.example.com/cc-2" in html
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html)  # everything inline, no CDN
    assert client.get("/api/exports/xml", headers=h).status_code == 422


def test_csv_neutralises_formulas():  # type: ignore[no-untyped-def]
    from heistwatch.serve.export.tabular import to_csv

    inc = sample_incidents()[0]
    inc["victim"] = "=HYPERLINK(\"http://evil\")"
    row = next(csv.DictReader(io.StringIO(to_csv([inc]))))
    assert row["victim"].startswith("'=")


def test_cli_tokens_and_exports(seeded, tmp_path):  # type: ignore[no-untyped-def]
    from heistwatch.cli.main import app

    store, _ = seeded
    runner = CliRunner()
    db = ["--db", store.url]
    made = runner.invoke(app, ["token", "create", "ci-bot", "--role", "analyst", *db])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[0]
    assert token.startswith("hw_")
    listed = runner.invoke(app, ["token", "list", *db])
    assert "ci-bot" in listed.stdout and "analyst" in listed.stdout and token not in listed.stdout
    assert runner.invoke(app, ["token", "create", "x", "--role", "root", *db]).exit_code == 2
    assert runner.invoke(app, ["token", "revoke", "ci-bot", *db]).exit_code == 0
    assert runner.invoke(app, ["token", "revoke", "ci-bot", *db]).exit_code == 1
    from heistwatch.serve.auth import verify_token

    with store.session() as s:
        assert verify_token(s, token) is None

    out = tmp_path / "bundle.json"
    r = runner.invoke(app, ["export", "stix", str(out), "--actor", "Lazarus Group", *db])
    assert r.exit_code == 0, r.output
    assert validate(out.read_text()).is_valid
    for fmt, name in (("misp", "e.json"), ("csv", "l.csv"), ("json", "l.json"), ("parquet", "l.parquet"),
                      ("html", "r.html")):
        r = runner.invoke(app, ["export", fmt, str(tmp_path / name), "--since", "2017-01-01", *db])
        assert r.exit_code == 0, r.output
        assert (tmp_path / name).stat().st_size > 100
    assert pq.read_table(tmp_path / "l.parquet").num_rows == 3
    assert runner.invoke(app, ["export", "yaml", str(tmp_path / "x"), *db]).exit_code == 2
    assert runner.invoke(app, ["export", "csv", str(tmp_path / "x"), "--since", "last week", *db]).exit_code == 2


def test_exports_carry_only_the_actors_shown_on_the_row():  # type: ignore[no-untyped-def]
    """A weakly supported link (one passing mention) and a denied actor stay on the incident page
    for review but are not exported as the incident's attribution."""
    inc = sample_incidents()[0]
    inc["attributions"].append({"actor": "APT38", "kind": "group", "aliases": [], "confidence": "unlikely",
                                "on_row": False, "support": "named once, in a sentence about another heist",
                                "claims": [], "timeline": []})
    inc["attributions"].append({"actor": "Kimsuky", "kind": "group", "aliases": [], "stance": "denied",
                                "confidence": "remote", "claims": [], "timeline": []})
    from heistwatch.serve.export.tabular import to_csv

    (row,) = csv.DictReader(io.StringIO(to_csv([inc])))
    assert row["actors"] == "Lazarus Group; North Korea"
    objs = _by_type(json.loads(bundle_json([inc])))
    names = {o["name"] for kind in ("intrusion-set", "threat-actor") for o in objs.get(kind, [])}
    assert names == {"Lazarus Group", "North Korea"}
    event = json.loads(export_json([inc]))
    text = json.dumps(event)
    assert "Lazarus Group" in text and "APT38" not in text and "Kimsuky" not in text
