"""The REST API against the real app and a real database (SQLite; PostgreSQL when configured)."""

from __future__ import annotations

from serve_helpers import auth
from sqlalchemy import func, select

from heistwatch.store.schema import Decision, Document


def _coincheck(client, token):  # type: ignore[no-untyped-def]
    rows = client.get("/api/incidents", params={"actor": "Lazarus Group"}, headers=auth(token)).json()["rows"]
    assert len(rows) == 1
    return client.get(f"/api/incidents/{rows[0]['id']}", headers=auth(token)).json()


def test_reads_need_a_viewer_token(client, tokens):  # type: ignore[no-untyped-def]
    for path in ("/api/incidents", "/api/actors", "/api/documents", "/api/claims", "/api/decisions",
                 "/api/exports/csv"):
        assert client.get(path).status_code == 401, path
        assert client.get(path, headers=auth("hw_wrong")).status_code == 401, path
        assert client.get(path, headers={"Authorization": "Basic abc"}).status_code == 401, path
        assert client.get(path, headers=auth(tokens["viewer"])).status_code == 200, path
    assert client.get("/api/me", headers=auth(tokens["viewer"])).json()["role"] == "viewer"


def test_public_read_opens_reads_not_writes(seeded, tokens):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from heistwatch.serve.app import create_app

    store, _ = seeded
    with TestClient(create_app(store=store, public_read=True, secret=b"s")) as c:
        assert c.get("/api/incidents").status_code == 200
        assert c.get("/").status_code == 200
        r = c.post("/api/decisions", json={"action": "merge", "target": {"incidents": ["a", "b"]}})
        assert r.status_code == 401
        # a wrong token is still refused, not treated as anonymous
        assert c.get("/api/incidents", headers=auth("hw_wrong")).status_code == 401


def test_ledger_filters_sort_and_pagination(client, tokens):  # type: ignore[no-untyped-def]
    h = auth(tokens["viewer"])
    all_rows = client.get("/api/incidents", headers=h).json()
    assert all_rows["total"] == 3
    assert [r["date"] for r in all_rows["rows"]] == sorted((r["date"] for r in all_rows["rows"]), reverse=True)
    by_loss = client.get("/api/incidents", params={"sort": "loss", "dir": "asc"}, headers=h).json()["rows"]
    assert [r["loss_usd"] for r in by_loss] == sorted(r["loss_usd"] for r in by_loss)
    assert client.get("/api/incidents", params={"year": 2017}, headers=h).json()["rows"][0]["victim"] == "Youbit"
    assert client.get("/api/incidents", params={"conflicts": True}, headers=h).json()["total"] == 1
    assert client.get("/api/incidents", params={"type": "other"}, headers=h).json()["total"] == 1
    assert client.get("/api/incidents", params={"confidence": "very likely"}, headers=h).json()["total"] == 1
    assert client.get("/api/incidents", params={"since": "2019-01-01"}, headers=h).json()["total"] == 1
    page2 = client.get("/api/incidents", params={"per_page": 2, "page": 2}, headers=h).json()
    assert page2["pages"] == 2 and len(page2["rows"]) == 1
    assert client.get("/api/incidents", params={"per_page": 100000}, headers=h).status_code == 422


def test_incident_traces_every_figure_to_its_sentence(client, tokens):  # type: ignore[no-untyped-def]
    inc = _coincheck(client, tokens["viewer"])
    assert inc["victim"] == "Coincheck" and inc["n_sources"] == 2
    units = sorted(l["unit"] for l in inc["losses"])
    assert units == ["JPY", "USD"]
    for loss in inc["losses"]:
        assert loss["sentence"] and loss["publisher"] and loss["document_id"]
    jpy = next(l for l in inc["losses"] if l["unit"] == "JPY")
    assert 4e8 < jpy["usd"] < 6e8  # 58 billion yen valued at the ECB rate of the incident date
    assert inc["conflicts"] and inc["conflicts"][0]["field"] == "date"
    att = inc["attributions"][0]
    assert att["actor"] == "Lazarus Group" and "Hidden Cobra" in att["aliases"]
    assert {c["claimant"] for c in att["claims"]} == {"National Intelligence Service", "officials"}
    assert [t["stance"] for t in att["timeline"]] == ["suspected", "confirmed"]
    assert inc["techniques"][0]["attack_id"] == "T1566"
    assert inc["indicators"][0]["value"] == "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"
    assert client.get("/api/incidents/nope", headers=auth(tokens["viewer"])).status_code == 404


def test_actor_totals_per_year(client, tokens):  # type: ignore[no-untyped-def]
    h = auth(tokens["viewer"])
    assert [a["name"] for a in client.get("/api/actors", headers=h).json()] == ["Lazarus Group"]
    actor = client.get("/api/actors/Lazarus Group", headers=h).json()
    year = actor["years"][0]
    assert year["year"] == 2018 and year["count"] == 1
    assert year["low"] <= year["total"] <= year["high"]
    # the agency's aggregate claim sits beside the year's sum, not in it
    assert [(a["usd"], a["period"], a["publisher"]) for a in year["aggregates"]] == [(200e6, "2018", "Example Wire")]
    assert year["total"] < 6e8
    assert client.get("/api/actors/Nobody", headers=h).status_code == 404


def test_documents_search_and_claims(client, tokens, seeded):  # type: ignore[no-untyped-def]
    _, ids = seeded
    h = auth(tokens["viewer"])
    found = client.get("/api/documents", params={"q": "58 billion"}, headers=h).json()
    assert [d["key"] for d in found["rows"]] == ["t-cc-1"]
    assert client.get("/api/documents", params={"q": "100%_"}, headers=h).json()["total"] == 0
    prefix = client.get("/api/documents", params={"q": "Coinch"}, headers=h).json()
    assert sorted(d["key"] for d in prefix["rows"]) == ["t-cc-1", "t-cc-2"]  # words and a prefix, any case
    assert client.get("/api/documents", params={"q": "billion 58"}, headers=h).json()["total"] == 0
    doc = client.get(f"/api/documents/{ids['t-cc-1']}", headers=h).json()
    assert doc["text"].startswith("Tokyo exchange Coincheck")
    for claim in doc["claims"]:
        assert doc["text"][claim["span"][0]:claim["span"][1]] == claim["surface"]
    claims = client.get("/api/claims", params={"document_id": ids["t-cc-1"], "kind": "loss"}, headers=h).json()
    assert claims["total"] == 1 and claims["rows"][0]["surface"] == "58 billion yen"
    one = client.get(f"/api/claims/{claims['rows'][0]['id']}", headers=h).json()
    assert one["label"] == "58 billion JPY"


def test_writes_need_analyst_and_change_nothing_otherwise(client, tokens, seeded):  # type: ignore[no-untyped-def]
    store, _ = seeded
    inc = _coincheck(client, tokens["viewer"])
    key = next(l["claim_id"] for l in inc["losses"] if l["unit"] == "JPY")
    body = {"action": "reject_claim", "target": {"claim": key}}
    assert client.post("/api/decisions", json=body).status_code == 401
    assert client.post("/api/decisions", json=body, headers=auth("hw_forged")).status_code == 401
    assert client.post("/api/decisions", json=body, headers=auth(tokens["viewer"])).status_code == 403
    files = {"file": ("a.txt", b"Some exchange lost $5 million to hackers on May 1, 2020.", "text/plain")}
    assert client.post("/api/documents/upload", files=files, headers=auth(tokens["viewer"])).status_code == 403
    with store.session() as s:
        assert s.execute(select(func.count()).select_from(Decision)).scalar() == 0
        assert s.execute(select(func.count()).select_from(Document)).scalar() == 4
    assert _coincheck(client, tokens["viewer"]) == inc


def test_reject_claim_is_recorded_and_applied(client, tokens):  # type: ignore[no-untyped-def]
    inc = _coincheck(client, tokens["viewer"])
    assert inc["loss_usd"]["low"] < 534e6
    key = next(l["claim_id"] for l in inc["losses"] if l["unit"] == "JPY")
    r = client.post("/api/decisions", json={"action": "reject_claim", "target": {"claim": key}, "note": "double count"},
                    headers=auth(tokens["analyst"]))
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["action"] == "reject-claim" and out["before"]["surface"] == "58 billion yen" and out["applied"]
    after = _coincheck(client, tokens["viewer"])
    assert after["loss_usd"]["value"] == after["loss_usd"]["low"] == 534e6
    assert next(l for l in after["losses"] if l["unit"] == "JPY")["rejected"]
    listed = client.get("/api/decisions", headers=auth(tokens["viewer"])).json()
    assert listed[0]["author"] == "analyst-user" and listed[0]["note"] == "double count"


def test_pin_accept_and_bad_decisions(client, tokens):  # type: ignore[no-untyped-def]
    h = auth(tokens["analyst"])
    inc = _coincheck(client, tokens["viewer"])
    r = client.post("/api/decisions", json={"action": "pin_value", "target": {"incident": inc["id"], "field": "date"},
                                            "after": {"value": "2018-01-26"}}, headers=h)
    assert r.status_code == 201, r.text
    assert r.json()["before"] == {"field": "date", "value": "2018-01-18"}
    assert _coincheck(client, tokens["viewer"])["date"] == "2018-01-26"
    usd = next(l["claim_id"] for l in inc["losses"] if l["unit"] == "USD")
    r = client.post("/api/decisions", json={"action": "accept_claim", "target": {"claim": usd}}, headers=h)
    assert r.status_code == 201, r.text
    assert r.json()["after"]["value"] == 534e6
    assert _coincheck(client, tokens["viewer"])["loss_usd"]["value"] == 534e6
    bad = [
        ({"action": "nope", "target": {}}, 422),
        ({"action": "reject_claim", "target": {}}, 422),
        ({"action": "reject_claim", "target": {"claim": "no-such-key"}}, 404),
        ({"action": "pin_value", "target": {"incident": inc["id"], "field": "date"}, "after": {"value": "soon"}}, 422),
        ({"action": "pin_value", "target": {"incident": inc["id"], "field": "colour"}, "after": {"value": 1}}, 422),
        ({"action": "merge", "target": {"incidents": [inc["id"]]}}, 422),
        ({"action": "split", "target": {"incident": inc["id"], "documents": ["t-cc-1", "t-cc-2"]}}, 422),
    ]
    for body, status in bad:
        assert client.post("/api/decisions", json=body, headers=h).status_code == status, body


def test_merge_and_split(client, tokens):  # type: ignore[no-untyped-def]
    h = auth(tokens["analyst"])
    v = auth(tokens["viewer"])
    rows = client.get("/api/incidents", headers=v).json()["rows"]
    cc = next(r for r in rows if r["victim"] == "Coincheck")
    yb = next(r for r in rows if r["victim"] == "Youbit")
    r = client.post("/api/decisions", json={"action": "merge", "target": {"incidents": [cc["id"], yb["id"]]}}, headers=h)
    assert r.status_code == 201, r.text
    assert client.get("/api/incidents", headers=v).json()["total"] == 2
    merged = [x for x in client.get("/api/incidents", headers=v).json()["rows"] if x["n_sources"] == 3]
    assert len(merged) == 1
    merged = merged[0]
    r = client.post("/api/decisions", json={"action": "split",
                                            "target": {"incident": merged["id"], "documents": ["t-yb-1"]}}, headers=h)
    assert r.status_code == 201, r.text
    assert client.get("/api/incidents", headers=v).json()["total"] == 3


def test_body_size_limit(seeded, tokens):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from heistwatch.serve.app import create_app

    store, _ = seeded
    with TestClient(create_app(store=store, secret=b"s", max_body=2000, max_upload=5000)) as c:
        big = {"action": "merge", "target": {"incidents": ["x" * 5000, "y"]}}
        r = c.post("/api/decisions", json=big, headers=auth(tokens["analyst"]))
        assert r.status_code == 413
        files = {"file": ("big.txt", b"word " * 3000, "text/plain")}
        assert c.post("/api/documents/upload", files=files, headers=auth(tokens["analyst"])).status_code == 413
        with store.session() as s:
            assert s.execute(select(func.count()).select_from(Document)).scalar() == 4


def test_upload_ingests_a_document(client, tokens, seeded):  # type: ignore[no-untyped-def]
    store, _ = seeded
    text = b"The exchange Zaif said on September 20, 2018 that hackers stole $60 million from its hot wallet."
    files = {"file": ("zaif.txt", text, "text/plain")}
    r = client.post("/api/documents/upload", files=files, headers=auth(tokens["analyst"]))
    assert r.status_code == 201, r.text
    assert len(r.json()["new"]) == 1
    again = client.post("/api/documents/upload", files=files, headers=auth(tokens["analyst"]))
    assert again.status_code == 201 and again.json()["duplicate"] == r.json()["new"]
    empty = client.post("/api/documents/upload", files={"file": ("e.txt", b"   ", "text/plain")},
                        headers=auth(tokens["analyst"]))
    assert empty.status_code == 422
    with store.session() as s:
        assert s.execute(select(func.count()).select_from(Document)).scalar() == 5
    found = client.get("/api/documents", params={"q": "Zaif"}, headers=auth(tokens["viewer"])).json()
    assert [d["id"] for d in found["rows"]] == r.json()["new"]  # the search index follows new documents
    # ingest runs the extractor and updates the ledger: the new incident is listed at once
    victims = {x["victim"] for x in client.get("/api/incidents", headers=auth(tokens["viewer"])).json()["rows"]}
    assert "Zaif" in victims


def test_openapi_documents_the_api(client):  # type: ignore[no-untyped-def]
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/incidents", "/api/incidents/{incident_id}", "/api/actors/{name}", "/api/documents",
                 "/api/documents/upload", "/api/documents/url", "/api/claims", "/api/decisions", "/api/exports/{fmt}"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/decisions"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/decisions" in docs.text and "cdn" not in docs.text.lower()


def test_parse_usd():  # type: ignore[no-untyped-def]
    from heistwatch.serve.review import parse_usd

    assert parse_usd("$534M") == 534e6
    assert parse_usd("534 million") == 534e6
    assert parse_usd("1.2bn USD") == 1.2e9
    assert parse_usd("534,000,000") == 534e6
    assert parse_usd(12) == 12.0
    assert parse_usd("58 billion yen") is None and parse_usd("soon") is None and parse_usd(True) is None


def test_edit_claim_pins_the_corrected_value(client, tokens):  # type: ignore[no-untyped-def]
    inc = _coincheck(client, tokens["viewer"])
    usd = next(l["claim_id"] for l in inc["losses"] if l["unit"] == "USD")
    r = client.post("/api/decisions", json={"action": "edit_claim", "target": {"claim": usd},
                                            "after": {"value": "$530 million"}}, headers=auth(tokens["analyst"]))
    assert r.status_code == 201, r.text
    assert r.json()["after"] == {"field": "loss_usd", "value": 530e6, "claim": usd, "review": "edited"}
    assert r.json()["before"]["ledger_value"] == inc["loss_usd"]["value"]
    assert _coincheck(client, tokens["viewer"])["loss_usd"]["value"] == 530e6
