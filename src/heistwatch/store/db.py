"""Where the database is, and opening it.

The database is a SQLAlchemy URL: the ``--db`` option, else the ``HEISTWATCH_DB`` environment
variable, else a SQLite file in the user's data directory (``platformdirs``). PostgreSQL works
through the same URL (``postgresql://...`` is run with psycopg 3).

:func:`open_store` brings the schema to the newest Alembic revision before returning, so every
command works on a fresh or an older database without a separate ``migrate`` step.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

ENV_VAR = "HEISTWATCH_DB"
MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK_KEY = 0x6865697374  # "heist": serialises concurrent migrations on PostgreSQL


def default_url() -> str:
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('heistwatch', appauthor=False)) / 'heistwatch.db'}"


def resolve_url(cli_value: str | None) -> str:
    """The database URL to use: ``--db`` value, else ``$HEISTWATCH_DB``, else the default SQLite file."""
    for candidate in (cli_value, os.environ.get(ENV_VAR)):
        if candidate and candidate.strip():
            return candidate.strip()
    return default_url()


def normalize_url(url: str) -> URL:
    """Parse a URL; plain ``postgresql://`` / ``postgres://`` use psycopg 3 (the installed driver)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return normalize_url(url).render_as_string(hide_password=True)


def _sqlite_on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling defers it oddly).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=60000")
    mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "memory":
        cur.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a crash (kill -9) never leaves a half-written transaction; only an OS crash
        # may lose the last commits.
        cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_on_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # Writers take the write lock up front so two processes never deadlock upgrading read locks.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("heistwatch_write") else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings heistwatch relies on (SQLite: WAL, foreign keys)."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        kwargs: dict = {"connect_args": {"timeout": 60, "check_same_thread": False}}
        if not database or database == ":memory:":
            kwargs["poolclass"] = StaticPool
        else:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", normalize_url(url).render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Run the Alembic migrations up to head (no-op when already there)."""
    head = head_revision()
    if current_revision(engine) == head:
        return
    cfg = alembic_config()
    with engine.execution_options(heistwatch_write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
