"""``heistwatch prices``: import daily USD closes into the store and look prices up at a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import sqlalchemy as sa
import typer
from rich.console import Console
from rich.table import Table

prices_app = typer.Typer(help="Crypto prices at a date: import CSV closes, show what the ledger will use.",
                         no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL (default: $HEISTWATCH_DB or the user data dir).")]


def _engine(db: str | None) -> sa.Engine:
    """The store's engine for ``--db`` / ``HEISTWATCH_DB`` / the default, migrated to the latest schema."""
    from heistwatch.store import open_store, resolve_url

    return open_store(resolve_url(db)).engine


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*.csv") if q.is_file()))
        else:
            files.append(p)
    return files


@prices_app.command("import")
def import_(
    files: Annotated[list[Path], typer.Argument(help="CSV files (date, asset, close) or CMC/Yahoo daily files; folders are searched for *.csv.")],
    source: Annotated[Optional[str], typer.Option("--source", help="Source name stored with each close (default: cmc, yahoo or csv by layout).")] = None,
    db: DbOption = None,
) -> None:
    """Upsert daily USD closes; re-importing the same file changes nothing."""
    from heistwatch.value.price_import import PriceFileError, parse_price_file
    from heistwatch.value.store_prices import PricesTableMissing, StorePrices

    engine = _engine(db)
    store = StorePrices(engine)
    try:
        store.table
    except PricesTableMissing as e:
        err.print(f"[red]error:[/] {e}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    bad_files = bad_rows = 0
    totals = [0, 0, 0]
    table = Table("file", "layout", "source", "assets", "rows", "new", "updated", "unchanged", "bad")
    for path in _expand(files):
        try:
            parsed = parse_price_file(path, source)
        except PriceFileError as e:
            err.print(f"error: {e}", markup=False, highlight=False)
            bad_files += 1
            continue
        for msg in parsed.errors[:20]:
            err.print(f"warning: {msg}", markup=False, highlight=False)
        if len(parsed.errors) > 20:
            err.print(f"warning: {path}: {len(parsed.errors) - 20} more bad rows", markup=False, highlight=False)
        bad_rows += len(parsed.errors)
        res = store.upsert(parsed.rows)
        totals[0] += res.inserted
        totals[1] += res.updated
        totals[2] += res.unchanged
        assets = ",".join(sorted({r.asset for r in parsed.rows})) or "-"
        src = parsed.rows[0].source if parsed.rows else (source or "-")
        table.add_row(str(path), parsed.layout, src, assets, str(parsed.read), str(res.inserted),
                      str(res.updated), str(res.unchanged), str(len(parsed.errors)))
    out.print(table)
    out.print(f"{totals[0]} new, {totals[1]} updated, {totals[2]} unchanged, {bad_rows} bad rows, "
              f"{bad_files} unreadable files")
    if bad_files or bad_rows:
        raise typer.Exit(1)


@prices_app.command("show")
def show(
    asset: Annotated[str, typer.Argument(help="Ticker (BTC, XEM) or ISO currency (JPY, KRW).")],
    on: Annotated[Optional[str], typer.Option("--on", help="Date YYYY-MM-DD: the price the ledger would use that day.")] = None,
    tolerance: Annotated[int, typer.Option("--tolerance", help="Days to look back for a close.")] = 3,
    db: DbOption = None,
) -> None:
    """Coverage of an asset in the store, or its USD price at a date and where it comes from."""
    from heistwatch.value import default_valuer
    from heistwatch.value.store_prices import PricesTableMissing, StorePrices

    asset = asset.strip().upper()
    engine = _engine(db)
    store = StorePrices(engine, tolerance_days=tolerance)
    try:
        coverage = [row for row in store.assets() if row[0] == asset]
    except PricesTableMissing:
        coverage = []
    if on is None:
        if not coverage:
            err.print(f"no prices stored for {asset}", markup=False, highlight=False)
            raise typer.Exit(1)
        t = Table("asset", "source", "first day", "last day", "closes")
        for a, s, lo, hi, n in coverage:
            t.add_row(a, s, lo.isoformat(), hi.isoformat(), str(n))
        out.print(t)
        return
    try:
        day = date.fromisoformat(on)
    except ValueError:
        err.print(f"error: --on {on!r} is not a date YYYY-MM-DD", markup=False, highlight=False)
        raise typer.Exit(2) from None
    valuer = default_valuer(engine, tolerance_days=tolerance)
    q = valuer.usd(1.0, asset, day)
    if q is None:
        err.print(f"no USD price known for {asset} on {day.isoformat()} (looked back {tolerance} days)",
                  markup=False, highlight=False)
        raise typer.Exit(1)
    note = " (approximate)" if q.approximate else ""
    out.print(f"{asset} {day.isoformat()}: {q.rate:,.6g} USD per unit, rate of {q.rate_date.isoformat()} "
              f"from {q.source}{note}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the main app."""
    app.add_typer(prices_app, name="prices")
