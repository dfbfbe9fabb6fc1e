"""Where the ledger and the gold disagree, per gold incident (a diagnostic for bench/ledger_eval.py).

Reads a ledger JSONL (``bench/ledger_eval.py --keep DIR`` writes ``ledger-e2e.jsonl``) and the gold
corpus, groups gold mentions as ``score.py ledger`` does and prints, for every gold incident that is
split, merged with another, or has a wrong row date / loss / actors: the rows holding its mentions,
the mentions no row covers (with what the ledger says about that document), and the row's fields.
Prints figures and ids only, never article text. Marks: "!" a gold mention no row covers; "=" rows tie
for a gold mention and the scorer took the first in ledger order (a mention whose date or type is unknown).

Usage: .venv/bin/python bench/ledger_diag.py LEDGER.jsonl [--corpus DIR] [--scorer PATH] [--all]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("ledger_scorer", path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("ledger", type=Path)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "dev")
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    ap.add_argument("--all", action="store_true", help="print every gold incident, not only the wrong ones")
    a = ap.parse_args()
    sc = load_scorer(a.scorer)
    gold = sc.load_gold(a.corpus)
    rows = sc.load_jsonl(a.ledger)
    mentions = sc.gold_mentions(gold)
    glabel = sc.gold_clusters(mentions)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        for d in row.get("mentions") or []:
            if isinstance(d, dict):
                by_doc[str(d.get("doc"))].append({**row, **{k: v for k, v in d.items() if k != "doc"}})
            else:
                by_doc[str(d)].append(row)
    plabel: dict[tuple[str, int], str] = {}
    tied: set[tuple[str, int]] = set()     # the scorer's pick among equally good rows: the ledger's order
    for doc_id, i, inc in mentions:
        best, best_s = None, 0.0
        scores = []
        for row in by_doc.get(doc_id, []):
            s = sc.victim_similarity(inc.get("victim", ""), row.get("victim", ""))
            if s < 0.5:
                continue
            s += 0.5 * sc.dates_compatible(row.get("date"), inc.get("date"))
            s += 0.25 * (sc.type_family(row.get("type")) == sc.type_family(inc.get("type")))
            s += 0.1 * (row.get("date") == inc.get("date")) + 0.1 * (sc._fold(row.get("victim", "")) == sc._fold(inc.get("victim", "")))
            scores.append((s, str(row.get("incident"))))
            if s > best_s:
                best, best_s = row, s
        if best is not None:
            plabel[(doc_id, i)] = str(best.get("incident"))
            if len({r for sc_, r in scores if sc_ == best_s}) > 1:
                tied.add((doc_id, i))
    rows_by_id = {str(r["incident"]): r for r in rows}
    clusters: dict[int, list] = defaultdict(list)
    for doc_id, i, inc in mentions:
        clusters[glabel[(doc_id, i)]].append((doc_id, i, inc))
    gold_of_row: dict[str, Counter] = defaultdict(Counter)
    for k, r in plabel.items():
        gold_of_row[r][glabel[k]] += 1
    problems = Counter()
    for gl in sorted(clusters, key=lambda g: -len(clusters[g])):
        ms = clusters[gl]
        votes = Counter(plabel[(d, i)] for d, i, _ in ms if (d, i) in plabel)
        row = rows_by_id.get(max(votes, key=lambda r: (votes[r], r))) if votes else None
        incs = [x[2] for x in ms]
        best_date = max((x.get("date") or "" for x in incs), key=len) or None
        figs = sorted({float(v) for x in incs for v in x.get("loss_usd") or []})
        gact = sorted({sc.actor_key(x["name"]) for inc in incs for x in inc.get("actors") or [] if x.get("stance") != "denied"})
        pact = sorted({sc.actor_key(x["name"] if isinstance(x, dict) else x) for x in (row or {}).get("actors") or []})
        ga, pa = sc.comparable_actors(set(gact), set(pact))
        issues = []
        if len(votes) > 1:
            issues.append("split")
        if row is not None and len(gold_of_row[str(row["incident"])]) > 1:
            issues.append("merged")
        uncovered = [(d, i, inc) for d, i, inc in ms if (d, i) not in plabel]
        if uncovered:
            issues.append("uncovered")
        if best_date and not (row and sc.date_ok(best_date[:7], row.get("date"))):
            issues.append("date")
        cons = sc._consensus(row) if row else None
        if figs and not (cons is not None and min(figs) * 0.95 <= cons <= max(figs) * 1.05):
            issues.append("loss")
        if ga != pa:
            issues.append("actors")
        for x in issues:
            problems[x] += 1
        if not issues and not a.all:
            continue
        name = Counter(x.get("victim") for x in incs).most_common(1)[0][0]
        print(f"\n## {name} [{best_date}] {len(ms)} mentions: {', '.join(issues) or 'ok'}")
        print(f"   gold figures {[f'{f:,.0f}' for f in figs]}  actors {gact}")
        for rid, n in votes.most_common():
            r = rows_by_id[rid]
            other = {g: c for g, c in gold_of_row[rid].items() if g != gl}
            print(f"   row {rid} x{n}: {r.get('victim')!r} {r.get('date')} {r.get('type')} loss={r.get('loss_usd')} "
                  f"actors={[x['name'] if isinstance(x, dict) else x for x in r.get('actors') or []]} "
                  f"rows-docs={len(r.get('mentions') or [])}" + (f" ALSO other gold {sorted(other.items())}" if other else ""))
        for d, i, inc in ms:
            mark = " ! " if (d, i) not in plabel else (" = " if (d, i) in tied else "   ")
            pr = plabel.get((d, i), "-")
            said = [f"{m.get('victim')!r}/{m.get('date')}/{m.get('type')}->{r['incident'][-4:]}"
                    for r in rows for m in r.get("mentions") or [] if isinstance(m, dict) and m.get("doc") == d]
            print(f" {mark}{d}#{i} gold {inc.get('victim')!r} {inc.get('date')} {inc.get('type')} "
                  f"loss={inc.get('loss_usd')} -> {pr[-4:]} | ledger says {said}")
    print("\nproblems:", dict(problems), f"\n('!' no row covers the mention; '=' rows tie for it and the scorer took the "
          f"first in ledger order: {len(tied)} mentions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
