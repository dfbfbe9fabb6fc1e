"""Shared fixtures: a fresh database per test on each backend.

Tests that take ``store`` or ``db_url`` run once per backend: SQLite always, PostgreSQL when
``HEISTWATCH_TEST_PG`` holds a server URL (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``).
A database of its own is created on that server for the test session (and dropped at the end);
each test starts from empty tables. PostgreSQL runs carry the ``postgres`` marker, so
``pytest -m postgres`` runs only them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_ENV = "HEISTWATCH_TEST_PG"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(PG_ENV) else [])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgresql":
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def pg_session_url() -> Iterator[str]:
    """A PostgreSQL database created for this test session (per xdist worker)."""
    import sqlalchemy as sa

    from heistwatch.store.db import normalize_url

    base = normalize_url(os.environ[PG_ENV])
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"heistwatch_test_{worker}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(backend: str, tmp_path, request: pytest.FixtureRequest) -> str:
    """URL of an empty, migrated database on the current backend."""
    from heistwatch.store import open_store
    from heistwatch.store.schema import Base

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'heistwatch.db'}"
        open_store(url).close()
        return url
    url = request.getfixturevalue("pg_session_url")
    store = open_store(url)
    try:
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with store.engine.begin() as conn:
            conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    finally:
        store.close()
    return url


@pytest.fixture
def store(db_url: str):  # type: ignore[no-untyped-def]
    """An open :class:`heistwatch.store.Store` on an empty database."""
    from heistwatch.store import open_store

    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()
