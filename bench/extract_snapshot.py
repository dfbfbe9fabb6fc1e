"""Snapshot of the extractor's whole output, to prove that a speed change changes nothing.

Runs ``extract_document`` over the dev corpus (when ../shared is there), every own-words
held-out set under bench/ and a slice of the synthetic benchmark corpus, and writes one
canonical JSON line per document (``Extraction.to_dict``). ``--compare OLD`` then reports
every document whose output differs, with the first differing claims.

    .venv/bin/python bench/extract_snapshot.py --out /tmp/before.jsonl
    ... change the code ...
    .venv/bin/python bench/extract_snapshot.py --out /tmp/after.jsonl --compare /tmp/before.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from eval import published_of  # noqa: E402 (bench/ is on sys.path)

DEV = BENCH.parents[1] / "shared" / "corpus" / "dev"


def _corpus_docs(folder: Path, label: str) -> Iterator[tuple[str, str, date | None, str | None]]:
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        yield f"{label}/{path.stem}", doc.get("text") or "", published_of(doc), doc.get("title")


def documents(synthetic_bytes: int) -> Iterator[tuple[str, str, date | None, str | None]]:
    if DEV.is_dir():
        yield from _corpus_docs(DEV, "dev")
    for folder in sorted(BENCH.glob("heldout*")):
        if folder.is_dir():
            yield from _corpus_docs(folder, folder.name)
    from extract_bench import synth_documents  # noqa: E402 (bench/ is on sys.path)

    for i, (text, pub) in enumerate(synth_documents(synthetic_bytes)):
        yield f"synthetic/{i:05d}", text, pub, None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--compare", type=Path, help="an earlier snapshot to diff against")
    ap.add_argument("--synthetic-kb", type=int, default=1500, help="synthetic text to include (KB)")
    args = ap.parse_args(argv)

    from heistwatch.extract import extract_document

    with args.out.open("w", encoding="utf-8") as out:
        n = 0
        for doc_id, text, pub, title in documents(args.synthetic_kb * 1000):
            ex = extract_document(text, published=pub, title=title)
            out.write(json.dumps({"id": doc_id, "extraction": ex.to_dict()}, sort_keys=True, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} documents -> {args.out}")
    if not args.compare:
        return 0
    old = {json.loads(line)["id"]: line for line in args.compare.read_text(encoding="utf-8").splitlines()}
    new = {json.loads(line)["id"]: line for line in args.out.read_text(encoding="utf-8").splitlines()}
    differing = [k for k in sorted(old.keys() | new.keys()) if old.get(k) != new.get(k)]
    for k in differing[:10]:
        a = json.loads(old[k])["extraction"] if k in old else {}
        b = json.loads(new[k])["extraction"] if k in new else {}
        print(f"DIFFERS {k}")
        for field in sorted(a.keys() | b.keys()):
            if a.get(field) != b.get(field):
                la, lb = a.get(field) or [], b.get(field) or []
                if isinstance(la, list) and isinstance(lb, list):
                    only_a = [x for x in la if x not in lb][:2]
                    only_b = [x for x in lb if x not in la][:2]
                    print(f"  {field}: before only {json.dumps(only_a)[:600]}")
                    print(f"  {field}: after only  {json.dumps(only_b)[:600]}")
                else:
                    print(f"  {field}: {json.dumps(la)[:300]} -> {json.dumps(lb)[:300]}")
    print(f"{len(differing)} of {len(old.keys() | new.keys())} documents differ")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
