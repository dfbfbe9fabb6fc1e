"""Browser tests: the real server (``heistwatch serve``) in a subprocess on 127.0.0.1 and Debian's
chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "serve"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A seeded SQLite database, an analyst and a viewer token, and the server running on it."""
    from serve_seed import seed

    from heistwatch.serve.auth import create_token
    from heistwatch.store import open_store

    path = tmp_path_factory.mktemp("browser") / "hw.db"
    url = f"sqlite:///{path}"
    store = open_store(url)
    seed(store)
    with store.write_session() as s:
        tokens = {"analyst": create_token(s, "ann analyst", "analyst"), "viewer": create_token(s, "vic viewer", "viewer")}
    store.close()
    port = _free_port()
    env = dict(os.environ, HEISTWATCH_SECRET="browser-test-secret")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from heistwatch.cli.main import app; app()", "serve", "--db", url,
         "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/login", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("server did not start: " + (proc.stdout.read().decode() if proc.stdout else ""))
    try:
        yield {"base": base, "tokens": tokens, "db": url}
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
