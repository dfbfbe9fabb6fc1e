"""Prices from the store's ``prices`` table (asset, day, usd_close, source).

The table is created by the store's Alembic migrations; this module only reads and upserts rows,
through SQLAlchemy Core on the reflected table, so it works on SQLite and PostgreSQL alike and
does not import the store's ORM models (``value`` stays usable without the rest of the store).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from heistwatch.value.providers import PricePoint

TABLE = "prices"


class PricesTableMissing(RuntimeError):
    """The database has no ``prices`` table (run the store's migrations first)."""


@dataclass(frozen=True, slots=True)
class PriceRow:
    asset: str
    day: date
    usd_close: float
    source: str


@dataclass(slots=True)
class UpsertResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def prices_table(engine: sa.Engine) -> sa.Table:
    md = sa.MetaData()
    try:
        return sa.Table(TABLE, md, autoload_with=engine)
    except sa.exc.NoSuchTableError:
        raise PricesTableMissing(
            f"no '{TABLE}' table in {engine.url.render_as_string(hide_password=True)}: "
            "create the database with the store's migrations first"
        ) from None


class StorePrices:
    """Price provider over the ``prices`` table: the close of the nearest day at or before the date.

    ``tolerance_days`` bounds how far back it looks (default 3). When several sources have a
    close for the same day, ``prefer`` orders them (names as stored, e.g. ``["cmc", "yahoo"]``);
    the rest follow alphabetically so the choice is deterministic.
    """

    def __init__(self, engine: sa.Engine, *, tolerance_days: int = 3, prefer: Sequence[str] = ()) -> None:
        self.engine = engine
        self.tolerance_days = tolerance_days
        self.prefer = list(prefer)
        self._table: sa.Table | None = None
        self._cache: dict[tuple[str, date], PricePoint | None] = {}

    @property
    def table(self) -> sa.Table:
        if self._table is None:
            self._table = prices_table(self.engine)
        return self._table

    def _rank(self, source: str) -> tuple[int, str]:
        return (self.prefer.index(source) if source in self.prefer else len(self.prefer), source)

    def price(self, asset: str, on: date) -> PricePoint | None:
        asset = asset.upper()
        key = (asset, on)
        if key in self._cache:
            return self._cache[key]
        t = self.table
        q = sa.select(t.c.day, t.c.usd_close, t.c.source).where(
            t.c.asset == asset, t.c.day <= on, t.c.day >= on - timedelta(days=self.tolerance_days)
        )
        with self.engine.connect() as conn:
            rows = [r for r in conn.execute(q) if r.usd_close is not None and r.usd_close > 0]
        found = None
        if rows:
            best = min(rows, key=lambda r: (-_as_date(r.day).toordinal(), self._rank(r.source)))
            found = PricePoint(asset, _as_date(best.day), float(best.usd_close), f"prices:{best.source}")
        self._cache[key] = found
        return found

    def assets(self) -> list[tuple[str, str, date, date, int]]:
        """(asset, source, first day, last day, rows) for every asset and source in the table."""
        t = self.table
        q = (
            sa.select(t.c.asset, t.c.source, sa.func.min(t.c.day), sa.func.max(t.c.day), sa.func.count())
            .group_by(t.c.asset, t.c.source)
            .order_by(t.c.asset, t.c.source)
        )
        with self.engine.connect() as conn:
            return [(a, s, _as_date(lo), _as_date(hi), n) for a, s, lo, hi, n in conn.execute(q)]

    def upsert(self, rows: Iterable[PriceRow]) -> UpsertResult:
        """Insert new (asset, day, source) closes and update changed ones, in one transaction."""
        t = self.table
        result = UpsertResult()
        groups: dict[tuple[str, str], dict[date, float]] = defaultdict(dict)
        for r in rows:
            groups[(r.asset.upper(), r.source)][r.day] = float(r.usd_close)
        # heistwatch_write: the store's engines take SQLite's write lock up front (BEGIN IMMEDIATE)
        with self.engine.execution_options(heistwatch_write=True).begin() as conn:
            for (asset, source), closes in sorted(groups.items()):
                lo, hi = min(closes), max(closes)
                existing = {
                    _as_date(d): c
                    for d, c in conn.execute(
                        sa.select(t.c.day, t.c.usd_close).where(
                            t.c.asset == asset, t.c.source == source, t.c.day >= lo, t.c.day <= hi
                        )
                    )
                }
                new = []
                for day in sorted(closes):
                    close = closes[day]
                    if day not in existing:
                        new.append({"asset": asset, "day": day, "usd_close": close, "source": source})
                    elif existing[day] is None or abs(existing[day] - close) > 1e-12 * max(1.0, abs(close)):
                        conn.execute(
                            sa.update(t)
                            .where(t.c.asset == asset, t.c.source == source, t.c.day == day)
                            .values(usd_close=close)
                        )
                        result.updated += 1
                    else:
                        result.unchanged += 1
                for i in range(0, len(new), 1000):
                    conn.execute(sa.insert(t), new[i : i + 1000])
                result.inserted += len(new)
        self._cache.clear()
        return result


def _as_date(v: object) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])
