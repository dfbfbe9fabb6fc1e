"""Check find_amounts / find_dates against the gold figures of the dev corpus.

Reads ../shared/corpus/dev/*.json (third-party text: read here, never copied into the repo) and
prints, for the gold loss_usd, loss_native and date values of every incident: how many are among
what the finders return (recall), plus how many money amounts were found that no gold figure
matches (an upper bound on false amounts: many are real amounts that are not losses).

    .venv/bin/python bench/probe_amounts.py [--corpus DIR] [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from heistwatch.extract.dates import find_dates
from heistwatch.extract.money import find_amounts

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
TOL = 0.02


def close(a: float, b: float) -> bool:
    return a == b or (a > 0 and b > 0 and abs(a - b) / max(a, b) <= TOL)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--misses", action="store_true", help="print every gold figure not found")
    args = ap.parse_args(argv)
    files = sorted(args.corpus.glob("*.json"))
    if not files:
        print(f"no documents in {args.corpus}", file=sys.stderr)
        return 1
    usd_gold = usd_hit = nat_gold = nat_hit = date_gold = date_hit = 0
    money_found = money_unmatched = 0
    misses: list[str] = []
    for f in files:
        doc = json.loads(f.read_text("utf-8"))
        text = doc.get("text") or ""
        pub = date.fromisoformat(doc["published"]) if doc.get("published") else None
        amounts = [a for a in find_amounts(text) if a.money is not None]
        dates = find_dates(text, pub)
        usd = [a.money.value for a in amounts if a.money.unit == "USD"]
        nat: dict[str, list[float]] = {}
        for a in amounts:
            if a.money.unit != "USD":
                nat.setdefault(a.money.unit, []).append(a.money.value)
        gold_usd: list[float] = []
        gold_nat: list[tuple[str, float]] = []
        for inc in doc.get("gold", {}).get("incidents", []):
            for v in inc.get("loss_usd") or []:
                gold_usd.append(float(v))
                usd_gold += 1
                if any(close(float(v), x) for x in usd):
                    usd_hit += 1
                else:
                    misses.append(f"{doc['id']} USD {v:,.0f}")
            for item in inc.get("loss_native") or []:
                gold_nat.append((item["asset"], float(item["amount"])))
                nat_gold += 1
                if any(close(float(item["amount"]), x) for x in nat.get(item["asset"], [])):
                    nat_hit += 1
                else:
                    misses.append(f"{doc['id']} {item['asset']} {item['amount']:,}")
            g = inc.get("date")
            if g:
                date_gold += 1
                isos = [d.value.iso() for d in dates if d.value.resolved]
                if any(i and i[: len(g)] == g for i in isos):
                    date_hit += 1
                else:
                    misses.append(f"{doc['id']} date {g} (found {sorted(set(i for i in isos if i))[:6]})")
        for a in amounts:
            money_found += 1
            m = a.money
            if m.unit == "USD":
                ok = any(close(m.value, g) for g in gold_usd)
            else:
                ok = any(close(m.value, g) for asset, g in gold_nat if asset == m.unit)
            money_unmatched += not ok
    pct = lambda a, b: f"{a}/{b} = {a / b:.3f}" if b else "n/a"  # noqa: E731
    print(f"documents                    {len(files)}")
    print(f"gold loss_usd found          {pct(usd_hit, usd_gold)}")
    print(f"gold loss_native found       {pct(nat_hit, nat_gold)}")
    print(f"gold dates among found       {pct(date_hit, date_gold)}")
    print(f"money amounts found          {money_found} ({money_unmatched} match no gold loss figure)")
    if args.misses:
        for line in misses:
            print("  miss:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
