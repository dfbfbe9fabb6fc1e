#!/usr/bin/env python3
"""Score extraction on the dev corpus with the shared scorer.

    .venv/bin/python bench/eval.py [--corpus ../shared/corpus/dev] [--scorer ../shared/eval/score.py]
                                   [--out pred.jsonl] [--errors] [--only ID]

Runs the same code as ``heistwatch extract`` (pipeline + eval format) on every document of the
corpus, writes the predictions as JSONL and prints the scorer's table. ``--errors`` also prints,
per document, the gold and predicted incidents that did not agree. Exits 0 with a message when
the shared folder is not there (a fresh clone without the evaluation data).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def published_of(doc: dict) -> date | None:
    """A corpus document's publication day, None when missing or unreadable."""
    try:
        return date.fromisoformat(str(doc["published"])[:10]) if doc.get("published") else None
    except ValueError:
        return None


def predict(doc: dict) -> dict:
    from heistwatch.extract.evalformat import to_eval
    from heistwatch.extract.pipeline import run

    ex = run(doc.get("text") or "", published=published_of(doc), title=doc.get("title"))
    return to_eval(doc["id"], ex)


def _show_errors(gold_docs: dict, preds: dict, scorer_mod) -> None:
    for doc_id, doc in sorted(gold_docs.items()):
        g = doc["gold"]
        p = preds.get(doc_id, {"relevant": False, "incidents": []})
        gi, pi = g.get("incidents") or [], p.get("incidents") or []
        pairs = scorer_mod.pair_incidents(gi, pi)
        lines = []
        if bool(g.get("relevant")) != bool(p.get("relevant")):
            lines.append(f"  relevance gold={g.get('relevant')} pred={p.get('relevant')}")
        mg, mp = {a for a, _ in pairs}, {b for _, b in pairs}
        for a, b in pairs:
            gg, pp = gi[a], pi[b]
            diffs = []
            if scorer_mod.date_ok(gg.get("date"), pp.get("date")) is False:
                diffs.append(f"date {gg.get('date')} vs {pp.get('date')}")
            gu, pu = sorted(gg.get("loss_usd") or []), sorted(pp.get("loss_usd") or [])
            if scorer_mod.match_values(gu, pu, 0.02)[1:] != (0, 0):
                diffs.append(f"usd {gu} vs {pu}")
            gn = sorted((x["asset"], x["amount"]) for x in gg.get("loss_native") or [])
            pn = sorted((x["asset"], x["amount"]) for x in pp.get("loss_native") or [])
            if [(a, round(v)) for a, v in gn] != [(a, round(v)) for a, v in pn]:
                diffs.append(f"native {gn} vs {pn}")
            ga = sorted((x["name"], x["stance"]) for x in gg.get("actors") or [])
            pa = sorted((x["name"], x["stance"]) for x in pp.get("actors") or [])
            if ga != pa:
                diffs.append(f"actors {ga} vs {pa}")
            if diffs:
                lines.append(f"  [{gg['victim']}] " + "; ".join(diffs))
        for a, gg in enumerate(gi):
            if a not in mg:
                lines.append(f"  MISSED {gg['victim']} {gg.get('date')} usd={gg.get('loss_usd')} main={gg.get('main')}")
        for b, pp in enumerate(pi):
            if b not in mp:
                lines.append(f"  EXTRA  {pp['victim']} {pp.get('date')} usd={pp.get('loss_usd')} main={pp.get('main')}")
        if lines:
            print(f"{doc_id}: {doc.get('title')}")
            print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "dev")
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    ap.add_argument("--out", type=Path, default=None, help="where to write the predictions (default: a temp file)")
    ap.add_argument("--errors", action="store_true", help="print per-document disagreements")
    ap.add_argument("--only", default=None, help="score one document id (with --errors)")
    a = ap.parse_args(argv)
    if not a.corpus.is_dir() or not a.scorer.is_file():
        print(f"bench/eval.py: no evaluation data ({a.corpus} or {a.scorer} missing); nothing to score")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    gold = {}
    for f in sorted(a.corpus.glob("*.json")):
        d = json.loads(f.read_text())
        if a.only and d["id"] != a.only:
            continue
        gold[d["id"]] = d
    t0 = time.perf_counter()
    preds = {doc_id: predict(d) for doc_id, d in gold.items()}
    elapsed = time.perf_counter() - t0
    out = a.out or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    out.write_text("".join(json.dumps(p) + "\n" for p in preds.values()))
    gold_dir = a.corpus
    if a.only:
        tmp = Path(tempfile.mkdtemp())
        for doc_id, d in gold.items():
            (tmp / f"{doc_id}.json").write_text(json.dumps(d))
        gold_dir = tmp
    res = subprocess.run([sys.executable, str(a.scorer), "extract", "--gold", str(gold_dir), "--pred", str(out)],
                         capture_output=True, text=True)
    if a.errors:
        import importlib.util

        spec = importlib.util.spec_from_file_location("score", a.scorer)
        mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
        _show_errors(gold, preds, mod)
        print()
    print(res.stdout, end="")
    if res.returncode != 0:
        print(res.stderr, file=sys.stderr, end="")
        return res.returncode
    print(f"extraction: {len(gold)} documents in {elapsed:.2f}s; predictions in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
