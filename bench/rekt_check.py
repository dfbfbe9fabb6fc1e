#!/usr/bin/env python3
"""Check extraction against the REKT database's own summaries (real text nobody tuned on).

    .venv/bin/python bench/rekt_check.py [--data ../shared/data/rekt-database] [--misses FIELD]
                                         [--limit N] [--min-usd 100000]

The REKT database (``../shared/data/rekt-database``, see its SOURCE.md) gives, for each hack,
the project's name, a date, the USD lost and a "quick summary" paragraph of at most 400
characters written by De.Fi's editors. Those summaries are real prose about real heists, in a
terser register than news, and no rule of heistwatch was written from them, so they are a
check of how the extractor generalises, with labels that come for free:

- **rows**: thefts and exploits (no honeypots, rug pulls or abandoned projects) of at least
  ``--min-usd``, whose summary names the project (its first word, three letters or more).
- **relevant**: the extractor calls the summary a heist story.
- **victim**: the main incident's victim is the project (the shared scorer's name similarity).
- **loss**: among rows whose summary states a USD figure within 5% of the database's figure, the
  main incident carries a USD loss within 5% of it.
- **date**: among rows whose summary names the month (and year, when it gives one) of the
  database's date, the main incident's date falls in that month. The database's date is often the
  disclosure day, so only the month is compared.

Each figure is a share of its rows. ``--misses victim`` (or relevant, loss, date) lists the rows
that failed, with what the extractor found, to read for error classes. The texts stay in
``../shared``: nothing here is copied into the project. Exits 0 with a message when the shared
folder is not there.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

_SKIP_TYPES = {"Honeypot", "Rugpull", "Abandoned"}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_USD = re.compile(r"(?:US)?\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m|mn|million|b|bn|billion)?\b", re.I)
_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}


def _load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _names_project(row: dict) -> bool:
    key = re.split(r"[\s.]", row["project_name"].lower())[0]
    return len(key) >= 3 and key in row["quick_summary"].lower()


def _stated_usd(text: str) -> list[float]:
    """USD figures written with a dollar sign in the summary (a rough reading, for labelling)."""
    out = []
    for m in _USD.finditer(text):
        try:
            v = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        out.append(v * _SCALE.get((m.group(2) or "").lower(), 1.0))
    return out


def _names_month(text: str, iso: str) -> bool:
    if len(iso) < 7:
        return False
    low = text.lower()
    month = _MONTHS[int(iso[5:7]) - 1]
    if not re.search(rf"\b(?:{month}|{month[:3]}\.?)\b", low):
        return False
    years = set(re.findall(r"\b(?:19|20)\d\d\b", low))
    return not years or iso[:4] in years


def _close(a: float, b: float, tol: float = 0.05) -> bool:
    return abs(a - b) <= tol * max(abs(b), 1.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "rekt-database")
    ap.add_argument("--misses", choices=["relevant", "victim", "loss", "date"])
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument("--min-usd", type=float, default=1e5)
    args = ap.parse_args(argv)
    path = args.data / "rekt-database-trimmed.csv"
    if not path.exists():
        print(f"no REKT data at {path}: nothing to check")
        return 0
    scorer = _load_scorer()
    sys.path.insert(0, str(ROOT / "src"))
    from heistwatch.extract.evalformat import to_eval
    from heistwatch.extract.pipeline import run

    with path.open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh)
                if r["scam_type"] not in _SKIP_TYPES and r["funds_lost_usd"]
                and float(r["funds_lost_usd"]) >= args.min_usd and _names_project(r)]
    tally = {"relevant": [0, 0], "victim": [0, 0], "loss": [0, 0], "date": [0, 0]}
    misses: list[str] = []
    for r in rows:
        text = r["quick_summary"]
        ev = to_eval(r["id"], run(text))
        incidents = ev.get("incidents") or []
        main_inc = next((i for i in incidents if i.get("main")), incidents[0] if incidents else None)
        found = [f"{i['victim']} [{i.get('date')}] {i.get('loss_usd')}" for i in incidents]
        checks: dict[str, bool] = {"relevant": bool(ev.get("relevant"))}
        checks["victim"] = bool(main_inc) and scorer.victim_similarity(r["project_name"], main_inc["victim"]) >= 0.5
        lost = float(r["funds_lost_usd"])
        if any(_close(v, lost) for v in _stated_usd(text)):
            checks["loss"] = bool(main_inc) and any(_close(float(v), lost) for v in main_inc.get("loss_usd") or [])
        if _names_month(text, r["date"]):
            checks["date"] = bool(main_inc) and (main_inc.get("date") or "")[:7] == r["date"][:7]
        for name, ok in checks.items():
            tally[name][0] += ok
            tally[name][1] += 1
        if args.misses and args.misses in checks and not checks[args.misses]:
            misses.append(f"- {r['project_name']} ({r['date']}, ${lost:,.0f}) found {found}\n    {text}")
    print(f"REKT summaries: {len(rows)} rows (thefts and exploits of ${args.min_usd:,.0f}+ naming the project)")
    for name, (ok, n) in tally.items():
        share = ok / n if n else 0.0
        print(f"  {name:<9} {share:.3f}  ({ok}/{n})")
    if misses:
        print(f"\nmisses on {args.misses} ({len(misses)}; first {args.limit}):")
        print("\n".join(misses[:args.limit]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
