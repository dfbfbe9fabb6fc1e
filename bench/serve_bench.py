"""Serve benchmark: p50/p95 latency of the dashboard and the API on a large database.

Seeds a SQLite database with generated data (default 100,000 documents, 1,000,000 claims, about
10,000 incidents in the resolver's own record format), starts ``heistwatch serve`` in a
subprocess on 127.0.0.1, and measures pages and API calls under concurrent load (threads with
httpx, a bounded number of requests each). Prints one line per endpoint.

    .venv/bin/python bench/serve_bench.py [--docs 100000] [--claims-per-doc 10] [--threads 8]
        [--requests 40] [--db bench/out/serve.db] [--reuse]

Goal: p95 under 100 ms for the ledger page.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
VICTIMS = ["Coincheck", "Bithumb", "Youbit", "Zaif", "Binance", "KuCoin", "Ronin", "Harmony", "Poly Network",
           "Wormhole", "Nomad", "Atomic Wallet", "Stake", "CoinEx", "Alphapo", "Upbit", "Bitfinex", "Mt. Gox",
           "NiceHash", "Cryptopia", "BitGrail", "Liquid", "Bitmart", "Ascendex", "WazirX", "DMM Bitcoin"]
ACTORS = ["Lazarus Group", "North Korea", "APT38", "BlueNoroff", "Andariel", "Kimsuky"]
WORDS = ("the exchange said hackers stole funds from its hot wallet after a phishing campaign targeted staff "
         "investigators traced the coins through mixers and bridges while the platform paused withdrawals "
         "officials said the attack bore the hallmarks of a state backed group").split()
CONF = ["unlikely", "roughly even chance", "likely", "very likely", "almost certain"]


def _text(rng: random.Random, victim: str, amount: int, day: date) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(220))
    return (f"{victim} said it lost ${amount} million on {day:%B %d, %Y}. " + body.capitalize() + ".")


def seed(url: str, n_docs: int, claims_per_doc: int, docs_per_incident: int = 10, seed_value: int = 7) -> dict:
    """Bulk-insert documents, claims, incidents (resolver record format) and mentions."""
    from heistwatch.resolve.model import (
        ActorAssessment,
        ActorClaim,
        ClaimRef,
        Consensus,
        Finding,
        Incident,
        LossFigure,
        MentionRef,
    )
    from heistwatch.store import open_store
    from heistwatch.store.schema import ClaimRow, Document, ExtractionRow, IncidentMentionRow
    from heistwatch.store.schema import Incident as IncidentRow

    rng = random.Random(seed_value)
    store = open_store(url)
    eng = store.engine
    t0 = time.perf_counter()
    n_inc = max(1, n_docs // docs_per_incident)
    now = __import__("datetime").datetime.now(__import__("datetime").timezone.utc)
    base = date(2014, 1, 1)
    incidents = []
    for i in range(n_inc):
        victim = f"{rng.choice(VICTIMS)} {i // len(VICTIMS)}" if i >= len(VICTIMS) else VICTIMS[i]
        day = base + timedelta(days=rng.randrange(0, 4000))
        amount = rng.randrange(1, 600)
        actor = rng.choice(ACTORS) if rng.random() < 0.4 else None
        incidents.append((f"inc-{i:08x}", victim, day, amount, actor))
    doc_rows, claim_rows, ext_rows, mention_rows = [], [], [], []
    by_incident: dict[int, list[tuple[int, str, str]]] = {}
    chunk = 5000
    with eng.begin() as conn:
        for d in range(1, n_docs + 1):
            inc_i = (d - 1) % n_inc
            iid, victim, day, amount, actor = incidents[inc_i]
            text = _text(rng, victim, amount, day)
            key = f"b-{d:07d}"
            doc_rows.append({
                "id": d, "content_hash": f"{d:064x}", "external_id": key, "source": f"bench:{key}",
                "url": f"https://news{d % 50}.example.org/{key}", "title": f"{victim} loses ${amount} million",
                "site_name": f"Outlet {d % 50}", "published": day + timedelta(days=1 + d % 30),
                "published_source": "json", "retrieved_at": now, "language": "en", "text": text,
                "media_type": "application/json", "created_at": now,
            })
            ext_rows.append({"document_id": d, "extractor_version": "bench", "relevant": True,
                             "incidents": [{"index": 0, "victim": victim, "type": "exchange_hack", "main": True,
                                            "date": None, "span": [0, len(victim)]}], "extracted_at": now})
            mention_rows.append({"incident_id": iid, "document_id": d, "mention_index": 0})
            sentence_end = text.index(". ") + 1
            for p in range(claims_per_doc):
                kind = ("victim", "loss", "date", "actor", "technique")[p % 5] if p < 5 else "indicator"
                s0 = (p * 37) % max(1, sentence_end - 10)
                ckey = f"{d:07d}-{p:02d}"
                value = {"victim": {"name": victim, "surface": victim, "known": True},
                         "loss": {"value": amount * 1e6, "unit": "USD", "low": amount * 1e6, "high": amount * 1e6},
                         "date": {"start": day.isoformat(), "end": day.isoformat(), "granularity": "day",
                                  "resolved": True, "relative": False},
                         "actor": {"actor": actor or "North Korea", "stance": "suspected", "hedge": "likely"},
                         "technique": {"attack_id": "T1566", "name": "Phishing"},
                         "indicator": {"type": "btc-address", "value": f"1Bench{d:010d}{p:02d}", "valid": False}}[kind]
                claim_rows.append({
                    "document_id": d, "position": p, "extractor_version": "bench", "incident_index": 0, "kind": kind,
                    "value": value, "span_start": s0, "span_end": s0 + 8, "surface": text[s0:s0 + 8],
                    "sentence_start": 0, "sentence_end": sentence_end, "sentence": text[:sentence_end],
                    "confidence": 0.9, "claim_key": ckey,
                })
                if p < 4:
                    by_incident.setdefault(inc_i, []).append((d, kind, ckey))
            if len(doc_rows) >= chunk:
                conn.execute(Document.__table__.insert(), doc_rows)
                conn.execute(ExtractionRow.__table__.insert(), ext_rows)
                conn.execute(ClaimRow.__table__.insert(), claim_rows)
                doc_rows, claim_rows, ext_rows = [], [], []
        if doc_rows:
            conn.execute(Document.__table__.insert(), doc_rows)
            conn.execute(ExtractionRow.__table__.insert(), ext_rows)
            conn.execute(ClaimRow.__table__.insert(), claim_rows)
    t_docs = time.perf_counter() - t0

    inc_rows = []
    with eng.begin() as conn:
        for inc_i, (iid, victim, day, amount, actor) in enumerate(incidents):
            refs = by_incident.get(inc_i, [])
            docs = sorted({f"b-{d:07d}" for d, _, _ in refs})
            claims = [ClaimRef(key=k, doc=f"b-{d:07d}", kind=kind, value={}, surface="x", sentence="A sentence.",
                               span=(0, 1), sentence_span=(0, 11), mention=0, publisher=f"Outlet {d % 50}",
                               url=f"https://news{d % 50}.example.org/b-{d:07d}", source=f"b-{d:07d}")
                      for d, kind, k in refs]
            losses = [LossFigure(claim=k, doc=f"b-{d:07d}", source=f"b-{d:07d}", role="loss",
                                 amount=amount * 1e6 * (1 + 0.02 * (j % 3)), unit="USD", usd=amount * 1e6, used=True)
                      for j, (d, kind, k) in enumerate(refs) if kind == "loss"]
            actors = []
            if actor:
                acl = [ActorClaim(claim=k, doc=f"b-{d:07d}", source=f"b-{d:07d}", claimant="FBI", claimant_key="fbi",
                                  claimant_class="agency", stance="suspected", hedge="likely", probability="likely",
                                  published=str(day)) for d, kind, k in refs if kind == "actor"]
                actors = [ActorAssessment(actor=actor, stance="suspected", probability=0.7,
                                          confidence=rng.choice(CONF), claimants=1, claims=acl,
                                          timeline=[{"date": str(day), "stance": "suspected", "claimant": "FBI"}])]
            findings = [Finding(kind="loss", flagged=True, explanation="figures disagree", claims=[])] \
                if inc_i % 7 == 0 else []
            inc = Incident(
                id=iid, block=victim.lower(), victim=victim, type="exchange_hack", date=day.isoformat(),
                date_start=day.isoformat(), date_end=day.isoformat(),
                mentions=[MentionRef(doc=dk, index=0, victim=victim, type="exchange_hack", date=day.isoformat(),
                                     source=dk) for dk in docs],
                claims=claims, losses=losses,
                consensus=Consensus(value=amount * 1e6, low=amount * 1e6, high=amount * 1.04e6,
                                    claims=[f.claim for f in losses], sources=docs, method="bench"),
                findings=findings, actors=actors,
            )
            inc_rows.append({"id": iid, "victim": victim, "type": "exchange_hack", "date_start": day, "date_end": day,
                             "date_iso": day.isoformat(), "data": inc.to_dict(), "updated_at": now})
            if len(inc_rows) >= 2000:
                conn.execute(IncidentRow.__table__.insert(), inc_rows)
                inc_rows = []
        if inc_rows:
            conn.execute(IncidentRow.__table__.insert(), inc_rows)
        for start in range(0, len(mention_rows), 20000):
            conn.execute(IncidentMentionRow.__table__.insert(), mention_rows[start:start + 20000])
    t_all = time.perf_counter() - t0
    store.close()
    return {"documents": n_docs, "claims": n_docs * claims_per_doc, "incidents": n_inc,
            "seed_docs_s": round(t_docs, 1), "seed_total_s": round(t_all, 1)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def load(base: str, token: str, paths: list[tuple[str, str]], threads: int, requests: int) -> list[tuple[str, dict]]:
    headers = {"Authorization": f"Bearer {token}"}
    results = []
    for label, path in paths:
        times: list[float] = []
        errors = 0
        lock = threading.Lock()

        def worker(label: str = label, path: str = path) -> None:
            nonlocal errors
            with httpx.Client(base_url=base, headers=headers, timeout=60) as c:
                for _ in range(requests):
                    t = time.perf_counter()
                    r = c.get(path)
                    dt = (time.perf_counter() - t) * 1000
                    with lock:
                        times.append(dt)
                        if r.status_code != 200:
                            errors += 1

        with httpx.Client(base_url=base, headers=headers, timeout=120) as c:  # warm up
            c.get(path)
        started = time.perf_counter()
        ts = [threading.Thread(target=worker) for _ in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        wall = time.perf_counter() - started
        results.append((label, {"n": len(times), "errors": errors, "p50": statistics.median(times),
                                "p95": _pct(times, 95), "max": max(times), "rps": len(times) / wall}))
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--claims-per-doc", type=int, default=10)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--requests", type=int, default=40, help="requests per thread per endpoint")
    ap.add_argument("--db", default=str(ROOT / "bench" / "out" / "serve.db"))
    ap.add_argument("--reuse", action="store_true", help="use the database if it exists")
    args = ap.parse_args()

    db_path = Path(args.db)
    url = f"sqlite:///{db_path}"
    if not (args.reuse and db_path.exists()):
        db_path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(db_path) + suffix)
            if p.exists():
                p.unlink()
        info = seed(url, args.docs, args.claims_per_doc)
        print(f"seeded {info['documents']:,} documents, {info['claims']:,} claims, {info['incidents']:,} incidents "
              f"in {info['seed_total_s']}s ({db_path.stat().st_size / 1e6:.0f} MB)")

    from heistwatch.serve.auth import create_token
    from heistwatch.store import open_store

    store = open_store(url)
    with store.write_session() as s:
        token = create_token(s, "bench", "viewer")
    with store.session() as s:
        from sqlalchemy import select

        from heistwatch.store.schema import Incident

        some = list(s.execute(select(Incident.id).order_by(Incident.id).limit(50)).scalars())
    store.close()

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from heistwatch.cli.main import app; app()", "serve",
                             "--db", url, "--port", str(port)], cwd=ROOT,
                            env=dict(os.environ, HEISTWATCH_SECRET="bench"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        t = time.perf_counter()
        httpx.get(base + "/", headers={"Authorization": f"Bearer {token}"}, timeout=300)
        print(f"first ledger request (builds the summary cache): {(time.perf_counter() - t) * 1000:.0f} ms")
        inc = some[len(some) // 2]
        paths = [
            ("ledger page /", "/"),
            ("ledger page, filtered+sorted", "/?actor=Lazarus%20Group&sort=loss&dir=desc&page=3"),
            ("ledger page, deep page", "/?page=150"),
            ("incident page", f"/incidents/{inc}"),
            ("actor page", "/actors/Lazarus%20Group"),
            ("document page", f"/documents/{max(1, args.docs // 2)}"),
            ("API /api/incidents", "/api/incidents?per_page=50"),
            ("API /api/incidents/{id}", f"/api/incidents/{inc}"),
            ("API /api/actors/{name}", "/api/actors/Lazarus%20Group"),
            ("API /api/claims?document_id", f"/api/claims?document_id={max(1, args.docs // 3)}"),
            ("API /api/documents (list)", "/api/documents?page=10"),
            ("API /api/documents?q= (search)", "/api/documents?q=Zaif%2012"),
            ("ledger page with search", "/?q=hot%20wallet"),
        ]
        results = load(base, token, paths, args.threads, args.requests)
        print(f"{'endpoint':36} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7} errors")
        for label, r in results:
            print(f"{label:36} {r['n']:5d} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} {r['rps']:7.1f} {r['errors']}")
        ledger = results[0][1]
        print(f"goal: ledger page p95 < 100 ms -> {'met' if ledger['p95'] < 100 else 'NOT met'} "
              f"({ledger['p95']:.1f} ms, {args.threads} concurrent clients)")
        print(json.dumps({label: {k: round(v, 1) for k, v in r.items()} for label, r in results}))
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
