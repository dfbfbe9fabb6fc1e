"""Score the ledger on ../shared/corpus/dev (or --corpus DIR) with ../shared/eval/score.py.

1. **End to end**: ingest the corpus into an empty temporary SQLite database with the real ingest
   code (extraction included; the ingest hook builds the ledger), write the ledger JSONL as
   ``heistwatch ledger --jsonl`` does, and run ``score.py ledger``.
2. **Resolver only**: turn the corpus's GOLD incidents into Extractions (one mention per gold
   incident with its victim, type and date; its USD figures and actors as claims) and resolve
   those, so clustering and consensus are scored apart from extraction quality.

Usage: .venv/bin/python bench/ledger_eval.py [--corpus DIR] [--scorer PATH] [--keep DIR] [--only gold|e2e]
       [--prices DIR ...]   (default: the CMC and Yahoo daily closes in ../shared/data; none: --prices)
       [--noise SEED ...]   (also the gold with extraction-like noise: see noisy_records)
       [--reuse DB]         (SQLite file: ingest into it when missing; when present, skip the ingest and
                             re-resolve its stored extractions, so resolver changes are compared on one
                             fixed extraction)
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def score(scorer: Path, corpus: Path, jsonl: Path) -> dict:
    out = subprocess.run([sys.executable, str(scorer), "ledger", "--gold", str(corpus), "--pred", str(jsonl), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def show(title: str, res: dict, seconds: float) -> None:
    goals = {"pairwise": 0.95, "bcubed": 0.95, "row_date_accuracy": 0.90, "row_loss_in_range": 0.90, "row_actors": 0.90}
    print(f"\n== {title} ({seconds:.1f} s)")
    for k, v in res.items():
        goal = goals.get(k)
        f1 = v[2] if isinstance(v, list) else v
        mark = "" if goal is None else ("  ok" if f1 is not None and f1 >= goal else f"  below goal {goal}")
        print(f"{k:<22}{v}{mark}")


def _date(s: str | None):
    from heistwatch.extract.model import DateValue, Granularity

    if not s:
        return None
    p = [int(x) for x in s.split("-")]
    if len(p) == 3:
        return DateValue(date(*p), date(*p), Granularity.DAY)
    if len(p) == 2:
        return DateValue(date(p[0], p[1], 1), date(p[0], p[1], calendar.monthrange(p[0], p[1])[1]), Granularity.MONTH)
    return DateValue(date(p[0], 1, 1), date(p[0], 12, 31), Granularity.YEAR)


def gold_records(corpus: Path):
    """DocumentRecords built from the gold annotations (spans are placeholders at 0: no text)."""
    from heistwatch.extract.model import (
        Attribution,
        Claim,
        ClaimKind,
        Extraction,
        IncidentMention,
        IncidentType,
        Money,
        Span,
        Stance,
    )
    from heistwatch.resolve import DocumentRecord

    out = []
    for f in sorted(corpus.glob("*.json")):
        d = json.loads(f.read_text())
        g = d.get("gold") or {}
        mentions, claims = [], []
        for i, inc in enumerate(g.get("incidents") or []):
            mentions.append(IncidentMention(i, inc["victim"], IncidentType(inc["type"]), bool(inc.get("main")),
                                            _date(inc.get("date"))))
            for v in inc.get("loss_usd") or []:
                claims.append(Claim(ClaimKind.LOSS, Money(float(v), "USD"), Span(0, 0), Span(0, 0), i))
            for a in inc.get("actors") or []:
                claims.append(Claim(ClaimKind.ACTOR, Attribution(a["name"], Stance(a["stance"])), Span(0, 0), Span(0, 0), i))
        pub = date.fromisoformat(d["published"]) if d.get("published") else None
        out.append(DocumentRecord(key=d["id"], extraction=Extraction(bool(g.get("relevant")), mentions, claims, "gold"),
                                  published=pub))
    return out


def noisy_records(records, seed: int):
    """The gold records with extraction-like noise, deterministic for a seed: a mention's date dropped
    (25%), coarsened to its month or year (20%), or replaced by its report's publication day (10%:
    a statement date); its type changed (10%); its victim called "<name> exchange" or "<name> Inc."
    (20%); an extra amount linked to it: an aggregate 20x or a recovered part 0.3x (15%)."""
    import random
    from dataclasses import replace

    from heistwatch.extract.model import Claim, ClaimKind, DateValue, Granularity, IncidentType, Money, Span

    rng = random.Random(seed)
    kinds = ["exchange_hack", "wallet_hack", "defi_exploit", "data_breach", "other"]
    out = []
    for rec in records:
        ex = rec.extraction
        mentions, claims = [], list(ex.claims)
        for m in ex.incidents:
            d = m.date
            r = rng.random()
            if d is not None and r < 0.25:
                d = None
            elif d is not None and r < 0.45 and d.start is not None and d.granularity != Granularity.YEAR:
                coarse = d.granularity == Granularity.MONTH or rng.random() < 0.5
                d = _date(d.start.isoformat()[:4] if coarse else d.start.isoformat()[:7])
            elif r < 0.55 and rec.published is not None:
                d = DateValue(rec.published, rec.published, Granularity.DAY)
            t = m.type
            if rng.random() < 0.10:
                t = IncidentType(rng.choice([k for k in kinds if k != m.type.value]))
            v = m.victim
            if rng.random() < 0.20:
                v = f"{v} exchange" if rng.random() < 0.5 else f"{v} Inc."
            mentions.append(replace(m, victim=v, type=t, date=d))
            losses = [c.value.value for c in ex.claims if c.incident == m.index and c.kind == ClaimKind.LOSS]
            if losses and rng.random() < 0.15:
                extra = losses[0] * (20 if rng.random() < 0.5 else 0.3)
                claims.append(Claim(ClaimKind.LOSS, Money(round(extra, 2), "USD"), Span(0, 0), Span(0, 0), m.index))
        out.append(replace(rec, extraction=replace(ex, incidents=mentions, claims=claims)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "dev")
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    ap.add_argument("--keep", type=Path, help="write the JSONL files here")
    ap.add_argument("--only", choices=["gold", "e2e"])
    ap.add_argument("--reuse", type=Path, help="SQLite file kept between runs (see the docstring)")
    ap.add_argument("--noise", type=int, nargs="*", metavar="SEED",
                    help="also resolve the gold with extraction-like noise (noisy_records), once per seed")
    ap.add_argument("--prices", type=Path, nargs="*",
                    default=[SHARED / "data" / "cmc-coin-history", SHARED / "data" / "yahoo-crypto-daily"],
                    help="price folders to import first (none: --prices with no value)")
    a = ap.parse_args()
    from heistwatch.resolve import Ledger

    out_dir = a.keep or Path(tempfile.mkdtemp(prefix="ledger-eval-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    if a.only != "e2e":
        t = time.perf_counter()
        ledger = Ledger.build(gold_records(a.corpus))
        path = out_dir / "ledger-gold.jsonl"
        path.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in ledger.jsonl_rows()))
        show("resolver only (gold mentions as extractions)", score(a.scorer, a.corpus, path), time.perf_counter() - t)
        for seed in a.noise or []:
            t = time.perf_counter()
            ledger = Ledger.build(noisy_records(gold_records(a.corpus), seed))
            path = out_dir / f"ledger-noise{seed}.jsonl"
            path.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in ledger.jsonl_rows()))
            show(f"resolver only, gold with extraction-like noise (seed {seed})", score(a.scorer, a.corpus, path),
                 time.perf_counter() - t)
    if a.only != "gold":
        from heistwatch.documents.ingest import ingest_documents
        from heistwatch.store import open_store
        from heistwatch.store.ledger import load_ledger, rebuild_ledger

        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            db = a.reuse.resolve() if a.reuse else Path(tmp) / "eval.db"
            reused = db.exists()
            url = f"sqlite:///{db}"
            store = open_store(url)
            if a.prices and not reused:
                # crypto closes for valuing native amounts at the incident date (heistwatch prices import)
                dirs = [str(p) for p in a.prices if p.exists()]
                if dirs:
                    done = subprocess.run([str(Path(sys.executable).with_name("heistwatch")), "prices", "import", *dirs,
                                           "--db", url], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
                    summary = (done.stdout.strip().splitlines() or ["?"])[-1]
                    print(f"imported prices from {', '.join(dirs)}: {summary}")
            if reused:
                rebuild_ledger(store)
                n_docs, n_failed, what = len(store.document_ids()), 0, "re-resolved the stored extractions of"
            else:
                # the corpus's documents only (a held-out folder also holds its README and notes)
                report = ingest_documents(store, [str(f) for f in sorted(a.corpus.glob("*.json"))])
                n_docs, n_failed, what = len(report.new), len(report.failures), "ingested"
            t_ingest = time.perf_counter() - t
            incidents = load_ledger(store)
            rows = [i.score_row() for i in incidents]
            texts = {}
            for doc_id in store.document_ids():
                info = store.document_info(doc_id)
                texts[info.doc_key] = store.document_text(doc_id)
            store.close()
        from heistwatch.resolve.trace import trace_problems

        problems = [p for inc in incidents for p in trace_problems(inc, texts)]
        figures = sum(len(i.claims) for i in incidents)
        print(f"traceability: {figures} claims behind {len(incidents)} incidents checked against the stored texts, "
              f"{len(problems)} problems" + "".join(f"\n  {p}" for p in problems[:10]))
        path = out_dir / "ledger-e2e.jsonl"
        path.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows))
        print(f"\n{what} {n_docs} documents ({n_failed} failed) in {t_ingest:.1f} s, "
              f"{len(rows)} incidents")
        show("end to end (ingest with the real extractor, ledger from the ingest hook)",
             score(a.scorer, a.corpus, path), time.perf_counter() - t)
    print(f"\nJSONL in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
