"""Dashboard pages and review forms through HTTP (the browser tests drive the same in chromium)."""

from __future__ import annotations

import re

from serve_helpers import auth


def _login(client, token):  # type: ignore[no-untyped-def]
    r = client.post("/login", data={"token": token, "next": "/"}, follow_redirects=False)
    assert r.status_code == 303


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)


def _incident_id(client, token):  # type: ignore[no-untyped-def]
    return client.get("/api/incidents", params={"actor": "Lazarus Group"}, headers=auth(token)).json()["rows"][0]["id"]


def test_review_forms_edit_merge_split(client, tokens):  # type: ignore[no-untyped-def]
    inc_id = _incident_id(client, tokens["viewer"])
    _login(client, tokens["analyst"])
    page = client.get(f"/incidents/{inc_id}").text
    csrf = _csrf(page)
    key = re.search(r'action="/review/claims/([0-9a-f]+)"', page).group(1)
    inc = client.get(f"/api/incidents/{inc_id}").json()
    usd_key = next(l["claim_id"] for l in inc["losses"] if l["unit"] == "USD")
    r = client.post(f"/review/claims/{usd_key}", data={"csrf": csrf, "action": "edit", "value": "$531M",
                                                       "back": f"/incidents/{inc_id}"}, follow_redirects=False)
    assert r.status_code == 303 and "Recorded" in r.headers["location"].replace("%20", " ")
    assert client.get(f"/api/incidents/{inc_id}").json()["loss_usd"]["value"] == 531e6
    bad = client.post(f"/review/claims/{key}", data={"csrf": csrf, "action": "edit", "value": "lots",
                                                     "back": f"/incidents/{inc_id}"}, follow_redirects=True)
    assert "Not recorded" in bad.text

    youbit = next(x for x in client.get("/api/incidents").json()["rows"] if x["victim"] == "Youbit")
    r = client.post("/review/merge", data={"csrf": csrf, "incident": inc_id, "other": youbit["id"], "note": "same"},
                    follow_redirects=True)
    assert r.status_code == 200 and "Recorded: merge" in r.text
    assert client.get("/api/incidents").json()["total"] == 2
    merged = next(x for x in client.get("/api/incidents").json()["rows"] if x["n_sources"] == 3)
    page = client.get(f"/incidents/{merged['id']}").text
    doc_ids = re.findall(r'name="documents" value="(\d+)"', page)
    assert len(doc_ids) == 3
    youbit_doc = client.get("/api/documents", params={"q": "Youbit"}).json()["rows"][0]["id"]
    r = client.post("/review/split", data={"csrf": _csrf(page), "incident": merged["id"],
                                           "documents": [str(youbit_doc)]}, follow_redirects=True)
    assert "Recorded: split" in r.text
    assert client.get("/api/incidents").json()["total"] == 3
    decisions = client.get("/api/decisions").json()
    assert [d["action"] for d in decisions[:3]] == ["split", "merge", "pin"]
    assert all(d["author"] == "analyst-user" for d in decisions)


def test_viewer_cannot_review(client, tokens):  # type: ignore[no-untyped-def]
    inc_id = _incident_id(client, tokens["viewer"])
    _login(client, tokens["viewer"])
    page = client.get(f"/incidents/{inc_id}").text
    assert "/review/" not in page
    r = client.post("/review/merge", data={"csrf": _csrf(page), "incident": inc_id, "other": "x"},
                    follow_redirects=False)
    assert r.status_code == 403
    assert client.get("/api/decisions").json() == []


def test_pages_render(client, tokens, seeded):  # type: ignore[no-untyped-def]
    _, ids = seeded
    _login(client, tokens["viewer"])
    for path in ("/", "/?sort=victim&dir=asc", "/?conflicts=1", "/?year=2017", "/?confidence=likely", "/?q=Coincheck",
                 "/?page=99", "/actors", "/actors/Lazarus%20Group", "/documents", "/documents?q=yen",
                 f"/documents/{ids['t-cc-1']}", "/exports", "/reports/actor/Lazarus%20Group",
                 "/reports/period?since=2018-01-01", "/api/docs"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert "Content-Security-Policy" in r.headers
    assert client.get("/incidents/nope").status_code == 404
    assert client.get("/actors/Nobody").status_code == 404
    assert client.get("/documents/999999").status_code == 404
    assert client.get("/static/plotly.min.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/../app.py").status_code == 404
    conflicts_only = client.get("/?conflicts=1").text
    assert "Coincheck" in conflicts_only and "Youbit" not in conflicts_only


def test_ledger_rows_show_only_supported_actors():  # type: ignore[no-untyped-def]
    """The ledger row (and its actor filter) lists the actors the resolver put on the row; a weak
    link stays on the incident page with the reason it is not on the row."""
    from heistwatch.serve.data import summarize

    data = {"id": "inc-1", "victim": "Examplex", "date": "2021-05", "actors": [
        {"actor": "Lazarus Group", "stance": "suspected", "confidence": "likely", "on_row": True},
        {"actor": "APT38", "stance": "suspected", "confidence": "unlikely", "on_row": False,
         "support": "named once, for another heist"},
        {"actor": "Kimsuky", "stance": "denied", "confidence": "remote"},
    ]}
    assert [a["actor"] for a in summarize(data).actors] == ["Lazarus Group"]
