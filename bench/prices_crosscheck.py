"""Import ../shared/data price files into a temporary SQLite store and check known values.

Prints: rows imported per layout and the time it took, the known closes (BTC and XEM on the
Coincheck hack day, ETH on the Ronin hack day) as the store answers them, and how far the
CoinMarketCap and Yahoo sets disagree on the days both cover (max and median relative difference
per asset). Exits non-zero when a known value is off.

    .venv/bin/python bench/prices_crosscheck.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from heistwatch.store import open_store
from heistwatch.value import StorePrices, Valuer
from heistwatch.value.price_import import parse_price_file

KNOWN = [  # (asset, day, close, source)
    ("BTC", date(2018, 1, 26), 11171.40, "cmc"),
    ("BTC", date(2018, 1, 26), 11171.40, "yahoo"),
    ("XEM", date(2018, 1, 26), 0.840, "cmc"),
    ("ETH", date(2022, 3, 23), 3031.07, "yahoo"),
    ("ETH", date(2018, 1, 26), 1055.17, "cmc"),
    ("XMR", date(2018, 1, 26), 323.68, "cmc"),
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    args = ap.parse_args()
    data = Path(args.data)
    files = sorted((data / "cmc-coin-history").glob("coin_*.csv")) + sorted((data / "yahoo-crypto-daily").glob("*-USD_1d.csv"))
    if not files:
        print(f"no price files under {data}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/prices.db"
        engine = open_store(url).engine   # the store's migrations create the prices table
        store = StorePrices(engine)
        per_layout: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        t0 = time.perf_counter()
        bad: list[str] = []
        for f in files:
            p = parse_price_file(f)
            res = store.upsert(p.rows)
            per_layout[p.layout][0] += 1
            per_layout[p.layout][1] += res.inserted
            per_layout[p.layout][2] += len(p.errors)
            bad.extend(p.errors)
        took = time.perf_counter() - t0
        for layout, (n, rows, errs) in sorted(per_layout.items()):
            print(f"{layout:6s}: {n:3d} files, {rows:7,d} closes imported, {errs} bad rows")
        print(f"import: {took:.2f} s")
        for b in bad[:5]:
            print("  bad:", b)
        t0 = time.perf_counter()
        again = sum(store.upsert(parse_price_file(f).rows).inserted for f in files)
        print(f"re-import: {again} new rows (idempotent: {again == 0}), {time.perf_counter() - t0:.2f} s")

        ok = True
        print("\nknown closes:")
        for asset, day, want, src in KNOWN:
            p = StorePrices(engine, prefer=[src], tolerance_days=0).price(asset, day)
            got = p.usd if p else None
            good = p is not None and p.source == f"prices:{src}" and abs(got - want) / want < 0.0005
            ok &= good
            print(f"  {asset:4s} {day} {src:6s} want {want:>10,.3f} got {got if got is None else f'{got:,.3f}':>10}  {'OK' if good else 'FAIL'}")

        v = Valuer(StorePrices(engine))
        q = v.usd(523_000_000, "XEM", date(2018, 1, 26))
        print(f"\nCoincheck 523M XEM on 2018-01-26: ${q.usd / 1e6:,.1f}M ({q.source}, rate {q.rate})")
        q = v.usd(173_600, "ETH", date(2022, 3, 23))
        print(f"Ronin 173,600 ETH on 2022-03-23: ${q.usd / 1e6:,.1f}M ({q.source}, rate {q.rate:,.2f})")
        q = v.usd(58e9, "JPY", date(2018, 1, 26))
        print(f"Coincheck 58 billion JPY on 2018-01-26: ${q.usd / 1e6:,.1f}M ({q.source}, rate of {q.rate_date})")

        print("\ncmc vs yahoo on shared days (relative difference of closes):")
        with engine.connect() as c:
            rows = c.execute(sa.text(
                "select a.asset, a.day, a.usd_close, b.usd_close from prices a join prices b "
                "on a.asset = b.asset and a.day = b.day where a.source = 'cmc' and b.source = 'yahoo'"
            )).all()
        diffs: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for asset, day, x, y in rows:
            diffs[asset].append((abs(x - y) / max(abs(x), abs(y)), str(day)))
        worst_all, shared, collisions = 0.0, 0, []
        for asset in sorted(diffs):
            d = diffs[asset]
            worst, wday = max(d)
            med = statistics.median(x for x, _ in d)
            flag = ""
            if med > 0.10:  # not a rounding difference: the two files price different coins
                collisions.append(asset)
                flag = "  <- ticker collision: the two sets price different assets"
            else:
                worst_all = max(worst_all, worst)
                shared += len(d)
            print(f"  {asset:5s} {len(d):5d} days  max {worst:.2e} (on {wday})  median {med:.2e}{flag}")
        print(f"  overall (without collisions): {shared:,} shared days, max relative difference {worst_all:.2e}")
        if collisions:
            print(f"  ticker collisions: {', '.join(collisions)} (import one source only, or prefer the right one)")
    print("\nresult:", "OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
