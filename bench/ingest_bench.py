#!/usr/bin/env python3
"""Ingest speed on SQLite: the dev corpus (when ../shared is there) and 10,000 generated documents.

Prints wall time, documents/s and peak memory for each run, with the real extractor and with a
no-op extractor (to separate reading + dedup + near-duplicate + storage from extraction).

    .venv/bin/python bench/ingest_bench.py [--n 10000] [--db-dir DIR] [--no-extract-only]
        [--pg postgresql://postgres@127.0.0.1:5432/postgres]   # also on PostgreSQL (a scratch database)
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from heistwatch.documents.ingest import ingest_documents
from heistwatch.extract.model import Extraction
from heistwatch.store import open_store

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "corpus" / "dev"

VICTIMS = [
    "Examplex", "Coinbridge", "Tokenvault", "Samplefi", "Demotrade", "Northbank Crypto", "Hashport",
    "Ledgerline", "Orbit Swap", "Bluewave Exchange", "Kettle Finance", "Quarry Protocol", "Mintgate",
]
PLACES = ["Singapore", "Seoul", "Tokyo", "London", "Hong Kong", "Zurich", "Istanbul", "Sydney"]
KINDS = ["exchange", "lending protocol", "cross-chain bridge", "wallet provider", "trading platform"]
ASSETS = [("bitcoin", 40000), ("ether", 2500), ("USDT", 1), ("XRP", 0.5), ("BNB", 300)]
ACTORS = ["the Lazarus Group", "North Korean hackers", "an unknown attacker", "a former employee"]
HEDGES = ["are believed to be", "may have been", "were confirmed to be", "were not thought to be"]
FILLER = [
    "Withdrawals were paused while engineers checked the remaining wallets.",
    "The company said customer balances would be covered from its reserves.",
    "Blockchain analysts traced part of the funds to a mixing service.",
    "Police in {place} said they had opened an investigation.",
    "Trading resumed two days later after a security review.",
    "The firm had passed an external audit earlier in the year.",
    "Users were asked to change their passwords and enable two-factor authentication.",
    "Regulators asked the platform to submit a report within a week.",
]


def news_text(rng: random.Random, i: int) -> tuple[str, str, date]:
    victim = rng.choice(VICTIMS) + ("" if rng.random() < 0.7 else f" {i % 97}")
    place, kind = rng.choice(PLACES), rng.choice(KINDS)
    asset, price = rng.choice(ASSETS)
    amount = rng.randint(10, 90000)
    usd = amount * price / 1e6
    day = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3000))
    title = f"{victim} loses {amount:,} {asset} in {rng.choice(['hack', 'exploit', 'breach', 'theft'])}"
    paras = [
        f"{victim}, a {place}-based {kind}, said on {day.strftime('%A')} that attackers had taken "
        f"{amount:,} {asset}, worth about ${usd:,.1f} million, from its hot wallet on {day.strftime('%B %d, %Y')}.",
        " ".join(rng.sample(FILLER, 3)).format(place=place),
        f"Investigators said {rng.choice(ACTORS)} {rng.choice(HEDGES)} responsible, citing report number {i}.",
        " ".join(rng.sample(FILLER, 4)).format(place=place),
    ]
    return title, "\n\n".join([title] + paras), day


def generate(path: Path, n: int, seed: int = 7) -> int:
    """n JSON lines: ~93% distinct, ~5% near copies (edited), ~2% exact copies."""
    rng = random.Random(seed)
    lines: list[str] = []
    texts: list[str] = []
    for i in range(n):
        roll = rng.random()
        if texts and roll < 0.02:
            text = rng.choice(texts)
            title = text.split("\n", 1)[0]
            published = None
        elif texts and roll < 0.07:
            base = rng.choice(texts)
            text = "Wire report. " + base.replace("said on", "announced on", 1) + "\n\n(Reporting by a wire service.)"
            title = base.split("\n", 1)[0]
            published = None
        else:
            title, text, day = news_text(rng, i)
            published = (day + timedelta(days=1)).isoformat()
            texts.append(text)
        lines.append(json.dumps({"id": f"gen-{i:05d}", "title": title, "published": published, "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(len(x) for x in lines)


def noop_extractor(text: str, **_: object) -> Extraction:
    return Extraction(relevant=False, extractor_version="noop")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(label: str, paths: list[str], db: Path | str, extractor=None) -> None:  # type: ignore[no-untyped-def]
    if isinstance(db, Path):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{db}"
    else:
        url = db
        _pg_reset(url)
    store = open_store(url)
    started, cpu_started = time.perf_counter(), time.process_time()
    report = ingest_documents(store, paths, extractor=extractor, run_hook=False)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    stats = store.stats()
    store.close()
    seen = len(report.new) + len(report.duplicates)
    print(
        f"{label:<44} {took:8.2f} s  {seen / took:8.1f} docs/s  (CPU {cpu:7.2f} s, {seen / cpu:7.1f} docs/CPU-s)  "
        f"new {len(report.new):>6}  dup {len(report.duplicates):>5}  near {len(report.near_duplicates):>5}  "
        f"failed {len(report.failures):>3}  claims {stats['claims']:>7}  peak RSS {peak_mb():7.0f} MB  "
        + (f"db {db.stat().st_size / 2**20:6.1f} MB" if isinstance(db, Path) else "")
    )


def _pg_reset(url: str) -> None:
    """Drop and recreate the scratch database named in ``url``."""
    import sqlalchemy as sa

    from heistwatch.store.db import normalize_url

    target = normalize_url(url)
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{target.database}"')
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="generated documents (default 10000)")
    parser.add_argument("--db-dir", type=Path, default=None, help="where the SQLite files go (default: a temp dir)")
    parser.add_argument("--no-extract-only", action="store_true", help="skip the runs with the real extractor")
    parser.add_argument("--pg", metavar="URL", help="also run on this PostgreSQL server (uses a scratch database heistwatch_bench)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="heistwatch-bench-") as tmp:
        work = args.db_dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"ingest benchmark (SQLite in {work}), one process")
        if DEV.is_dir():
            n_dev = len(list(DEV.glob("*.json")))
            mb = sum(p.stat().st_size for p in DEV.glob("*.json")) / 2**20
            print(f"dev corpus: {n_dev} files, {mb:.1f} MB")
            if not args.no_extract_only:
                run("dev corpus, real extractor", [str(DEV)], work / "dev.db")
            run("dev corpus, no-op extractor", [str(DEV)], work / "dev-noop.db", noop_extractor)
        else:
            print(f"dev corpus: {DEV} not found, skipped")
        gen = work / "generated.jsonl"
        size = generate(gen, args.n)
        print(f"generated: {args.n} documents, {size / 2**20:.1f} MB JSONL")
        if not args.no_extract_only:
            run(f"{args.n} generated, real extractor", [str(gen)], work / "gen.db")
        run(f"{args.n} generated, no-op extractor", [str(gen)], work / "gen-noop.db", noop_extractor)
        if args.pg:
            from heistwatch.store.db import normalize_url

            pg = normalize_url(args.pg).set(database="heistwatch_bench").render_as_string(hide_password=False)
            if DEV.is_dir() and not args.no_extract_only:
                run("PostgreSQL: dev corpus, real extractor", [str(DEV)], pg)
            run(f"PostgreSQL: {args.n} generated, no-op extractor", [str(gen)], pg, noop_extractor)
        started = time.perf_counter()
        store = open_store(f"sqlite:///{work / 'gen-noop.db'}")
        again = ingest_documents(store, [str(gen)], extractor=noop_extractor, run_hook=False)
        store.close()
        took = time.perf_counter() - started
        print(f"{'re-ingest of the same file (all duplicates)':<44} {took:8.2f} s  {args.n / took:8.1f} docs/s  new {len(again.new)}")


if __name__ == "__main__":
    main()
