"""The stored ledger: incremental update after ingest equals a full rebuild; decisions persist."""

from __future__ import annotations

import hashlib

from resolve_builders import actor, doc, usd, when

from heistwatch.documents.model import ParsedDocument
from heistwatch.resolve import Decision, mention_ref
from heistwatch.resolve.model import DocumentRecord
from heistwatch.resolve.names import victim_key
from heistwatch.store.ledger import (
    load_ledger,
    rebuild_ledger,
    record_decision,
    update_ledger,
)


def put(store, rec: DocumentRecord, near: list[int] = ()) -> int:
    parsed = ParsedDocument(source=f"test:{rec.key}", text=rec.text, raw=rec.text.encode(), media_type="application/json",
                            external_id=rec.key, url=rec.url, site_name=rec.publisher, published=rec.published,
                            published_source="json" if rec.published else None)
    h = hashlib.sha256(rec.text.encode()).hexdigest()
    return store.add_document(parsed, rec.extraction, content_hash=h, near_duplicates=[(n, 0.9) for n in near])


def records():
    return [
        doc("a", "Youbit lost $5 million in April.", [("Youbit", "exchange_hack", "2017-04-22")], [usd(5e6, "$5 million")],
            published="2017-04-25", publisher="Wire"),
        doc("b", "Youbit was hacked again in December and closed.", [("Youbit", "exchange_hack", "2017-12-19")],
            published="2017-12-20"),
        doc("c", "Coincheck lost $534 million on January 26.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [usd(534e6, "$534 million"), when("2018-01-26", "January 26"),
             actor("North Korea", "suspected", "Coincheck", claimant="the NIS")], published="2018-01-27"),
        doc("d", "Coincheck Inc. lost $520 million, it said.", [("Coincheck Inc.", "exchange_hack", None)],
            [usd(520e6, "$520 million")], published="2018-01-28"),
        doc("e", "Bithumb lost $31 million, and Youbit's April loss was recalled.",
            [("Bithumb", "exchange_hack", "2018-06-19"), ("Youbit", "exchange_hack", "2017-04")],
            [usd(31e6, "$31 million")], published="2018-06-21"),
    ]


def rows(store) -> dict:
    return {r.id: (r.data, sorted(r.mentions)) for r in store.load_incidents()}


def test_incremental_store_update_equals_full_rebuild(store) -> None:
    recs = records()
    ids = [put(store, r) for r in recs[:3]]
    change = update_ledger(store, ids, valuer=False)  # empty ledger: full build
    assert len(change.saved) == 3
    later = [put(store, r) for r in recs[3:]]
    change = update_ledger(store, later, valuer=False)
    # Coincheck (d), Bithumb and Youbit (e) blocks are redone; nothing else is
    assert change.documents == 5
    incremental = rows(store)
    rebuild_ledger(store, valuer=False)
    assert rows(store) == incremental
    assert {i.victim for i in load_ledger(store)} == {"Youbit", "Coincheck", "Bithumb"}


def test_near_duplicates_share_a_source(store) -> None:
    text_a = "Acme exchange lost $10 million on March 3."
    a = doc("x1", text_a, [("Acme", "exchange_hack", "2020-03-03")], [usd(10e6, "$10 million")])
    b = doc("x2", text_a + " ", [("Acme", "exchange_hack", "2020-03-03")], [usd(10e6, "$10 million")])
    first = put(store, a)
    put(store, b, near=[first])
    (inc,) = rebuild_ledger(store, valuer=False).incidents.values()
    assert len(inc.sources) == 1 and len(inc.documents) == 2


def test_decision_recorded_in_store_survives_rebuild(store) -> None:
    recs = records()
    for r in recs:
        put(store, r)
    ledger = rebuild_ledger(store, valuer=False)
    youbit = sorted((i for i in ledger.incidents.values() if i.victim == "Youbit"), key=lambda i: i.date)
    assert len(youbit) == 2
    groups = [[mention_ref(m.doc, victim_key(m.victim), m.index) for m in i.mentions] for i in youbit]
    _, change = record_decision(store, Decision("merge", "ana", {"incidents": [i.id for i in youbit], "groups": groups}),
                                valuer=False)
    merged = [i for i in load_ledger(store) if i.victim == "Youbit"]
    assert len(merged) == 1 and merged[0].documents == ["a", "b", "e"]
    stored = store.decisions()
    assert stored[0].author == "ana" and stored[0].action == "merge"
    rebuild_ledger(store, valuer=False)
    assert [i.documents for i in load_ledger(store) if i.victim == "Youbit"] == [["a", "b", "e"]]


def test_ingest_hook_updates_the_ledger_incrementally(store, tmp_path) -> None:
    import json

    from heistwatch.documents.ingest import ingest_documents

    recs = {r.text: r for r in records()}

    def extractor(text, published=None, title=None):  # the hand-made extraction of each text
        return recs[text].extraction

    def write(name: str, batch: list[DocumentRecord]) -> str:
        path = tmp_path / name
        path.write_text("".join(json.dumps({"id": r.key, "text": r.text,
                                            "published": r.published.isoformat() if r.published else None}) + "\n"
                                for r in batch))
        return str(path)

    all_recs = list(recs.values())
    ingest_documents(store, [write("one.jsonl", all_recs[:2])], extractor=extractor)
    assert {i.victim for i in load_ledger(store)} == {"Youbit"}
    ingest_documents(store, [write("two.jsonl", all_recs[2:])], extractor=extractor)
    after_hook = rows(store)
    assert {i.victim for i in load_ledger(store)} == {"Youbit", "Coincheck", "Bithumb"}
    rebuild_ledger(store)
    assert rows(store) == after_hook
