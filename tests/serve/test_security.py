"""Ingest-by-URL address checks, sessions, CSRF, escaping."""

from __future__ import annotations

import http.server
import threading
import time

import pytest
from serve_helpers import auth
from sqlalchemy import func, select

from heistwatch.serve.security import URLAllowList, UnsafeURL, check_url, read_session, sign_session
from heistwatch.store.schema import Document


def fake_resolver(table):  # type: ignore[no-untyped-def]
    return lambda host, port: table[host]


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/", "javascript:alert(1)", "data:text/html,hi",
    "http://127.0.0.1/", "http://localhost/", "http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.5.4/",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fe80::1]/", "http://0.0.0.0/",
    "http://[::ffff:127.0.0.1]/", "http://user:pw@example.com/", "http:///nohost",
])
def test_refused_urls(url):  # type: ignore[no-untyped-def]
    with pytest.raises(UnsafeURL):
        check_url(url, resolver=fake_resolver({"localhost": ["127.0.0.1"], "example.com": ["93.184.216.34"]}))


def test_every_address_of_a_name_is_checked():  # type: ignore[no-untyped-def]
    resolver = fake_resolver({"mixed.example": ["93.184.216.34", "10.0.0.7"], "public.example": ["93.184.216.34"]})
    with pytest.raises(UnsafeURL, match="10.0.0.7"):
        check_url("https://mixed.example/a", resolver=resolver)
    assert check_url("https://public.example/a", resolver=resolver) == "https://public.example/a"


def test_allow_list_by_network_or_host():  # type: ignore[no-untyped-def]
    resolver = fake_resolver({"intranet.local": ["10.0.0.7"]})
    assert check_url("http://127.0.0.1:8080/x", URLAllowList.parse(["127.0.0.1/32"]), resolver=resolver)
    assert check_url("http://intranet.local/x", URLAllowList.parse(["intranet.local"]), resolver=resolver)
    assert check_url("http://intranet.local/x", URLAllowList.parse(["10.0.0.0/8"]), resolver=resolver)
    with pytest.raises(UnsafeURL):
        check_url("http://intranet.local/x", URLAllowList.parse(["192.168.0.0/16"]), resolver=resolver)
    with pytest.raises(UnsafeURL):  # the allow-list never opens other schemes
        check_url("file:///etc/passwd", URLAllowList.parse(["127.0.0.1/32"]))


def test_session_cookie_signature_and_expiry():  # type: ignore[no-untyped-def]
    value = sign_session({"tid": 3, "iat": int(time.time())}, b"k1")
    assert read_session(value, b"k1", max_age=60)["tid"] == 3
    assert read_session(value, b"other", max_age=60) is None
    body, mac = value.split(".")
    forged = sign_session({"tid": 1, "iat": int(time.time())}, b"guess").split(".")[0] + "." + mac
    assert read_session(forged, b"k1", max_age=60) is None
    old = sign_session({"tid": 3, "iat": int(time.time()) - 100}, b"k1")
    assert read_session(old, b"k1", max_age=60) is None
    assert read_session("garbage", b"k1", max_age=60) is None


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/redirect-private":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/secret")
            self.end_headers()
            return
        if self.path == "/redirect-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        body = (b"<html><head><title>Bitgrail loses Nano</title></head><body><article><p>The Italian exchange "
                b"BitGrail said on February 8, 2018 that 17 million Nano tokens, worth about $170 million, "
                b"were missing.</p></article></body></html>")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # type: ignore[no-untyped-def]
        pass


@pytest.fixture
def local_site():  # type: ignore[no-untyped-def]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _count(store) -> int:  # type: ignore[no-untyped-def]
    with store.session() as s:
        return s.execute(select(func.count()).select_from(Document)).scalar()


def test_ingest_by_url(seeded, tokens, local_site):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from heistwatch.serve.app import create_app

    store, _ = seeded
    h = auth(tokens["analyst"])
    # without an allow-list the local server is refused and nothing is stored
    with TestClient(create_app(store=store, secret=b"s")) as c:
        r = c.post("/api/documents/url", json={"url": local_site + "/article.html"}, headers=h)
        assert r.status_code == 400 and "non-public" in r.json()["detail"]
        for bad in ("file:///etc/passwd", "ftp://127.0.0.1/x", "http://169.254.169.254/"):
            assert c.post("/api/documents/url", json={"url": bad}, headers=h).status_code == 400
    assert _count(store) == 4
    with TestClient(create_app(store=store, secret=b"s", url_allowlist=["127.0.0.1/32"])) as c:
        r = c.post("/api/documents/url", json={"url": local_site + "/article.html"}, headers=h)
        assert r.status_code == 201, r.text
        assert len(r.json()["new"]) == 1
        # a redirect to a private address or another scheme is checked like the first URL
        assert c.post("/api/documents/url", json={"url": local_site + "/redirect-private"}, headers=h).status_code == 400
        assert c.post("/api/documents/url", json={"url": local_site + "/redirect-file"}, headers=h).status_code == 400
        assert c.post("/api/documents/url", json={"url": local_site + "/x"}, headers=auth(tokens["viewer"])).status_code == 403
    assert _count(store) == 5
    with store.session() as s:
        doc = s.execute(select(Document).order_by(Document.id.desc()).limit(1)).scalar()
        assert "BitGrail" in doc.text and doc.url.startswith(local_site)


def test_dashboard_session_csrf_and_revocation(client, tokens, seeded):  # type: ignore[no-untyped-def]
    from heistwatch.serve.auth import revoke_token

    store, _ = seeded
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login")
    r = client.post("/login", data={"token": "hw_wrong", "next": "/"}, follow_redirects=False)
    assert r.status_code == 401 and "hw_session" not in r.cookies
    r = client.post("/login", data={"token": tokens["analyst"], "next": "https://evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"  # no open redirect
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/").status_code == 200
    inc = client.get("/api/incidents", params={"actor": "Lazarus Group"}).json()["rows"][0]
    # a form post without the CSRF token is refused and records nothing
    r = client.post("/review/merge", data={"incident": inc["id"], "other": "x"}, follow_redirects=False)
    assert r.status_code == 403
    # API writes through a browser session need the CSRF header too
    r = client.post("/api/decisions", json={"action": "merge", "target": {"incidents": [inc["id"], "x"]}})
    assert r.status_code == 403
    assert client.get("/api/decisions").json() == []
    with store.write_session() as s:
        revoke_token(s, "analyst-user")
    assert client.get("/", follow_redirects=False).status_code == 303  # revoking ends the session
    assert client.get("/api/incidents", headers=auth(tokens["analyst"])).status_code == 401


def test_pages_escape_document_text(client, tokens, seeded):  # type: ignore[no-untyped-def]
    _, ids = seeded
    h = auth(tokens["viewer"])
    page = client.get(f"/documents/{ids['t-hostile']}", headers=h)
    assert page.status_code == 200
    html = page.text
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned=1" in html
    assert "<img src=x" not in html and 'href="javascript:' not in html.lower()
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for path in ("/", "/?q=pwned", "/documents"):
        body = client.get(path, headers=h).text
        assert "<script>window" not in body and "<img src=x" not in body, path
    csv = client.get("/api/exports/csv", headers=h).text
    assert "<img" in csv  # data is data in exports; escaping is the page's job
