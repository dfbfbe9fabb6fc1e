"""Show where extraction predictions differ from gold, document by document.

Usage:
    python3 bench/heldout/compare.py GOLD_DIR PRED.jsonl [--scorer PATH/score.py]

For every document with a slot error it prints the slot tp/fp/fn (as the shared scorer
counts them) and the gold (G) and predicted (P) incident wherever they disagree, plus missed
gold incidents and extra predicted ones. It imports the shared scorer, so the pairing and the
counting are exactly those of `score.py extract`.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

DEFAULT_SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def load_scorer(path: Path):
    if not path.is_file():
        sys.exit(f"{path}: scorer not found (pass --scorer)")
    spec = importlib.util.spec_from_file_location("heldout_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def describe(inc: dict) -> str:
    natives = [(n.get("amount"), n.get("asset")) for n in inc.get("loss_native") or []]
    actors = [(a.get("name"), a.get("stance")) for a in inc.get("actors") or []]
    return (f"{inc.get('victim')!r} {inc.get('type')} {inc.get('date')} "
            f"usd={inc.get('loss_usd')} native={natives} actors={actors}")


def slot_counts(score, doc_id: str, doc: dict, pred: dict | None) -> tuple[int, int, int]:
    """tp/fp/fn over the five slot fields for one document, counted by the scorer itself."""
    made = []
    base = score.Counts

    class Recorded(base):
        def __init__(self) -> None:
            super().__init__()
            made.append(self)

    score.Counts = Recorded
    try:
        score.score_extract({doc_id: doc}, {doc_id: pred} if pred is not None else {})
    finally:
        score.Counts = base
    fields = made[:5]  # score_extract builds the five field counters first
    return sum(c.tp for c in fields), sum(c.fp for c in fields), sum(c.fn for c in fields)


def differs(score, g: dict, p: dict) -> bool:
    if score.date_ok(g.get("date"), p.get("date")) is False:
        return True
    if score.match_values(g.get("loss_usd") or [], p.get("loss_usd") or [], score.USD_TOLERANCE)[1:] != (0, 0):
        return True
    gn, pn = score.natives(g.get("loss_native")), score.natives(p.get("loss_native"))
    for asset in set(gn) | set(pn):
        if score.match_values(gn.get(asset, []), pn.get(asset, []), score.NATIVE_TOLERANCE)[1:] != (0, 0):
            return True
    ga = {score.actor_key(a.get("name", "")): a.get("stance") for a in g.get("actors") or []}
    pa = {score.actor_key(a.get("name", "")): a.get("stance") for a in p.get("actors") or []}
    keep_g, keep_p = score.comparable_actors(set(ga), set(pa))
    return {k: ga[k] for k in keep_g} != {k: pa[k] for k in keep_p} or g.get("type") != p.get("type")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    a = ap.parse_args(argv)
    score = load_scorer(a.scorer)
    gold = score.load_gold(a.gold)
    preds = {r["id"]: r for r in score.load_jsonl(a.pred) if "id" in r}
    total = [0, 0, 0]
    for doc_id, doc in gold.items():
        pred = preds.get(doc_id)
        tp, fp, fn = slot_counts(score, doc_id, doc, pred)
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        gl, pl = doc["gold"].get("incidents") or [], (pred or {}).get("incidents") or []
        pairs = score.pair_incidents(gl, pl)
        lines = []
        for gi, pi in pairs:
            if differs(score, gl[gi], pl[pi]):
                lines += [f"  G {describe(gl[gi])}", f"  P {describe(pl[pi])}"]
        matched_g, matched_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        lines += [f"  MISSED {describe(g)}" for gi, g in enumerate(gl) if gi not in matched_g]
        lines += [f"  EXTRA  {describe(p)}" for pi, p in enumerate(pl) if pi not in matched_p]
        if fp or fn or lines:
            print(f"{doc_id}  slots tp={tp} fp={fp} fn={fn}")
            print("\n".join(lines))
    print(f"total slots tp={total[0]} fp={total[1]} fn={total[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
