"""Read daily USD closes from CSV files into :class:`~heistwatch.value.store_prices.PriceRow`.

Three layouts, told apart by their column names (read by name, any order, any case):

- ours: ``date, asset, close`` (``usd_close`` or ``price`` also accepted for ``close``);
- CoinMarketCap history as in the Kaggle set (``coin_Bitcoin.csv``): ``Symbol, Date, Close`` with
  dates like ``2018-01-26 23:59:59`` (the close of that UTC day);
- Yahoo Finance daily (``BTC-USD_1d.csv``): ``datetime`` or ``Date`` plus ``close``/``Close``; the asset
  comes from the file name.

Bad rows do not stop the file: each is reported as ``file:line: problem``.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from heistwatch.value.store_prices import PriceRow

_YAHOO_NAME = re.compile(r"^([A-Za-z0-9]+)-USD(?:[_.-].*)?$")
_TICKER = re.compile(r"^[A-Z0-9]{1,15}$")


class PriceFileError(ValueError):
    """The file as a whole cannot be read (missing, not CSV, no usable columns)."""


@dataclass
class ParsedFile:
    path: Path
    layout: str                      # "generic" | "cmc" | "yahoo"
    rows: list[PriceRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)   # "file:line: problem"
    read: int = 0                    # data lines seen


def _col(header: dict[str, str], *names: str) -> str | None:
    for n in names:
        if n in header:
            return header[n]
    return None


def parse_price_file(path: str | Path, source: str | None = None) -> ParsedFile:
    """Parse one price CSV. ``source`` defaults to the layout's name (``cmc``, ``yahoo``, ``csv``)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise PriceFileError(f"{path}: cannot read: {e.strerror or e}") from None
    if b"\x00" in raw[:4096]:
        raise PriceFileError(f"{path}: binary file, not CSV")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise PriceFileError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    reader = csv.reader(text.splitlines())
    try:
        head = next(reader)
    except StopIteration:
        raise PriceFileError(f"{path}: empty file") from None
    header = {h.strip().lower(): h for h in head}
    index = {h: i for i, h in enumerate(head)}
    c_date = _col(header, "date", "datetime", "day", "timestamp")
    c_close = _col(header, "close", "usd_close", "price", "close_usd")
    c_asset = _col(header, "asset", "symbol", "ticker")
    if c_date is None or c_close is None:
        raise PriceFileError(f"{path}: no date and close columns (found: {', '.join(head) or 'none'})")
    fixed_asset: str | None = None
    if c_asset is not None:
        layout = "cmc" if "symbol" in header and "asset" not in header else "generic"
    else:
        m = _YAHOO_NAME.match(path.name)
        if not m:
            raise PriceFileError(f"{path}: no asset column and the file name is not like BTC-USD_1d.csv")
        layout, fixed_asset = "yahoo", m.group(1).upper()
    src = source or {"cmc": "cmc", "yahoo": "yahoo"}.get(layout, "csv")
    out = ParsedFile(path, layout)
    seen: dict[tuple[str, date], int] = {}
    for lineno, rec in enumerate(reader, start=2):
        if not rec or all(not x.strip() for x in rec):
            continue
        out.read += 1
        where = f"{path}:{lineno}"
        if len(rec) < len(head):
            out.errors.append(f"{where}: {len(rec)} fields, header has {len(head)}")
            continue
        d_raw = rec[index[c_date]].strip()
        try:
            day = date.fromisoformat(d_raw[:10])
        except ValueError:
            out.errors.append(f"{where}: bad date {d_raw!r}")
            continue
        asset = fixed_asset or rec[index[c_asset]].strip().upper()  # type: ignore[index]
        if not _TICKER.match(asset):
            out.errors.append(f"{where}: bad asset {asset!r}")
            continue
        c_raw = rec[index[c_close]].strip().replace(",", "")
        try:
            close = float(c_raw)
        except ValueError:
            out.errors.append(f"{where}: bad close {c_raw!r}")
            continue
        if not math.isfinite(close) or close <= 0:
            out.errors.append(f"{where}: close must be a positive number, got {c_raw!r}")
            continue
        key = (asset, day)
        if key in seen:
            out.errors.append(f"{where}: {asset} {day} repeats line {seen[key]}; the later close is kept")
            out.rows = [r for r in out.rows if (r.asset, r.day) != key]
        seen[key] = lineno
        out.rows.append(PriceRow(asset, day, close, src))
    return out
