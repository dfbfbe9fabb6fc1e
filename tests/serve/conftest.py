from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def seeded(store):  # type: ignore[no-untyped-def]
    """The shared ``store`` fixture (SQLite, and PostgreSQL when configured) with the test ledger."""
    from serve_seed import seed

    ids = seed(store)
    return store, ids


@pytest.fixture
def tokens(seeded):  # type: ignore[no-untyped-def]
    from heistwatch.serve.auth import create_token

    store, _ = seeded
    with store.write_session() as s:
        return {role: create_token(s, f"{role}-user", role) for role in ("viewer", "analyst", "admin")}


@pytest.fixture
def app(seeded):  # type: ignore[no-untyped-def]
    from heistwatch.serve.app import create_app

    store, _ = seeded
    return create_app(store=store, secret=b"test-secret", url_allowlist=["127.0.0.1/32"])


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c

