"""Where the database is and how it is opened (URL precedence, default file, migrations)."""

from __future__ import annotations

import json
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from typer.testing import CliRunner

from heistwatch.cli.main import app
from heistwatch.store import open_store, resolve_url
from heistwatch.store.db import current_revision, head_revision, normalize_url
from heistwatch.store.schema import Base


def test_url_precedence(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("HEISTWATCH_DB", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'heistwatch' / 'heistwatch.db'}"
    monkeypatch.setenv("HEISTWATCH_DB", "sqlite:///from-env.db")
    assert resolve_url(None) == "sqlite:///from-env.db"
    assert resolve_url("sqlite:///from-option.db") == "sqlite:///from-option.db"
    monkeypatch.setenv("HEISTWATCH_DB", "  ")
    assert resolve_url(None).endswith("heistwatch/heistwatch.db")


def test_default_database_is_created_in_user_data_dir(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("HEISTWATCH_DB", raising=False)
    result = CliRunner().invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] == 0
    assert (tmp_path / "data" / "heistwatch" / "heistwatch.db").is_file()


def test_postgres_urls_use_psycopg3() -> None:
    assert normalize_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://u@h:5433/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


def test_migrations_create_the_schema_the_models_describe(store) -> None:  # type: ignore[no-untyped-def]
    """Every table, column, index and constraint of the models exists with the model's type.

    Objects only the migrations create (full-text search tables and indexes) are allowed: they
    show up as ``remove_*`` differences, which are not problems for code querying the models."""
    assert current_revision(store.engine) == head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables and "alembic_version" in tables
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    problems = [d for d in diffs if isinstance(d, list) or d[0] not in ("remove_table", "remove_index")]
    assert problems == []


def test_opening_again_is_a_no_op(db_url: str) -> None:
    for _ in range(2):
        s = open_store(db_url)
        assert current_revision(s.engine) == head_revision()
        s.close()
