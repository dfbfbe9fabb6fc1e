"""Options and helpers shared by the command groups (``--db``, opening the store, errors)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///file.db, postgresql://user@host/db). "
        "Default: $HEISTWATCH_DB, else a SQLite file in the user data directory.",
        show_default=False,
    ),
]


def _output_width() -> int | None:
    """Rich lays tables out for 80 columns when output is not a terminal; the ledger's eight
    columns need more, so pipes, files and CI logs get 160 unless $COLUMNS says otherwise."""
    if os.environ.get("COLUMNS") or sys.stdout.isatty():
        return None
    return 160


console = Console(width=_output_width())
err_console = Console(stderr=True)


def open_db(db: str | None):  # type: ignore[no-untyped-def]
    """Open the store named by ``--db`` / ``$HEISTWATCH_DB`` / the default; exit 2 with one line if it fails."""
    from heistwatch.store import display_url, open_store, resolve_url

    url = resolve_url(db)
    try:
        return open_store(url)
    except Exception as exc:  # bad URL, server down, unreadable file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        err_console.print(f"[red]error:[/red] cannot open database {escape(display_url(url))}: {escape(first)}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
