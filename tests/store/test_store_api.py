"""The Store API the stages use. Runs on every backend."""

from __future__ import annotations

import zlib
from datetime import date

import pytest
from claim_builders import date_value, sentence_of, span_of
from sqlalchemy import select

from heistwatch.documents.model import ParsedDocument
from heistwatch.documents.text import content_hash
from heistwatch.extract.model import (
    Attribution,
    Claim,
    ClaimKind,
    Extraction,
    IncidentMention,
    IncidentType,
    Money,
    Stance,
    Victim,
)
from heistwatch.store import DuplicateDocument, IncidentRecord, claim_key
from heistwatch.store.schema import Document

TEXT = (
    "Examplex said hackers stole 5,000 BTC ($40 million) on March 2, 2021. "
    "Officials said the Lazarus Group was likely behind it."
)


def doc(text: str = TEXT, source: str = "/in/a.txt", **kw) -> ParsedDocument:  # type: ignore[no-untyped-def]
    return ParsedDocument(source=source, text=text, raw=text.encode() * 3, media_type="text/plain", **kw)


def claim(kind: ClaimKind, value: object, surface: str, **kw) -> Claim:  # type: ignore[no-untyped-def]
    span = span_of(TEXT, surface)
    return Claim(kind, value, span, sentence_of(TEXT, span.start, span.end), incident=0, **kw)


def extraction(version: str = "v1") -> Extraction:
    day = date_value("2021-03-02")
    claims = [
        claim(ClaimKind.VICTIM, Victim("Examplex", "Examplex"), "Examplex"),
        claim(ClaimKind.LOSS, Money(5000, "BTC", paired_with=2), "5,000 BTC", confidence=0.9),
        claim(ClaimKind.LOSS, Money(40e6, "USD", paired_with=1), "$40 million"),
        claim(ClaimKind.DATE, day, "March 2, 2021"),
        claim(ClaimKind.ACTOR, Attribution("Lazarus Group", Stance.SUSPECTED, hedge="likely", claimant="Officials"), "Lazarus Group"),
    ]
    mention = IncidentMention(0, "Examplex", IncidentType.EXCHANGE_HACK, True, day, span_of(TEXT, "Examplex"))
    return Extraction(True, [mention], claims, version)


def test_document_round_trip_with_claims(store) -> None:  # type: ignore[no-untyped-def]
    d = doc(external_id="e-1", url="https://n.example/x", title="T", site_name="N", published=date(2021, 3, 3), published_source="json", language="en")
    doc_id = store.add_document(d, extraction(), content_hash=content_hash(TEXT), minhash=b"\x01" * 1024)
    (stored,) = list(store.load_extractions(with_text=True))
    assert stored.document.id == doc_id and stored.document.external_id == "e-1" and stored.document.doc_key == "e-1"
    assert stored.document.published == date(2021, 3, 3) and stored.document.retrieved_at.tzinfo is not None
    assert stored.extraction.to_dict() == extraction().to_dict()
    assert [c.surface(stored.text) for c in stored.extraction.claims] == ["Examplex", "5,000 BTC", "$40 million", "March 2, 2021", "Lazarus Group"]
    assert stored.claim_keys[1] == claim_key(content_hash(TEXT), "loss", "5,000 BTC", TEXT.index("5,000 BTC"))
    assert len(set(stored.claim_keys)) == 5
    assert store.document_raw(doc_id) == d.raw
    with store.session() as s:
        assert zlib.decompress(s.scalar(select(Document.raw))) == d.raw
    assert list(store.minhashes()) == [(doc_id, b"\x01" * 1024)]
    record = store.get_document(doc_id)
    assert record.claims[4].sentence == "Officials said the Lazarus Group was likely behind it."
    assert record.claims[1].value["paired_with"] == 2
    assert store.find_document("e-1") == doc_id == store.find_document(str(doc_id))
    assert store.find_document(content_hash(TEXT)[:12]) == doc_id and store.find_document("zzz") is None


def test_same_hash_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    first = store.add_document(doc(), None, content_hash=content_hash(TEXT))
    with pytest.raises(DuplicateDocument) as err:
        store.add_document(doc(source="/in/b.txt"), extraction(), content_hash=content_hash(TEXT))
    assert err.value.document_id == first
    assert store.stats()["documents"] == 1 and store.stats()["claims"] == 0  # nothing half-written


def test_failures_keep_latest_and_clear_on_success(store) -> None:  # type: ignore[no-untyped-def]
    store.record_failure("/in/a.txt", "/in/a.txt: empty file")
    store.record_failure("/in/a.txt", "/in/a.txt: binary content, not text")
    store.record_failure("/in/feed.rss", "/in/feed.rss: not a valid RSS/Atom feed")
    assert [(s, m) for s, m, _ in store.failures()] == [
        ("/in/a.txt", "/in/a.txt: binary content, not text"),
        ("/in/feed.rss", "/in/feed.rss: not a valid RSS/Atom feed"),
    ]
    store.add_document(doc(), None, content_hash=content_hash(TEXT))
    item = doc(text="Another story about a wallet.", source="/in/feed.rss#item=1", origin="/in/feed.rss")
    store.add_document(item, None, content_hash=content_hash(item.text))
    assert store.failures() == []


def test_load_extractions_streams_in_batches_and_filters(store) -> None:  # type: ignore[no-untyped-def]
    ids = []
    for i in range(7):
        text = f"{TEXT} Item {i}."
        ext = extraction() if i % 2 == 0 else Extraction(False, [], [], "v1")
        ids.append(store.add_document(doc(text=text, source=f"/in/{i}.txt"), ext, content_hash=content_hash(text)))
    assert [s.document.id for s in store.load_extractions(batch_size=2)] == ids
    assert [s.document.id for s in store.load_extractions(relevant_only=True, batch_size=3)] == ids[::2]
    assert [s.document.id for s in store.load_extractions([ids[3], ids[1]])] == [ids[1], ids[3]]
    assert store.extraction_versions() == {i: "v1" for i in ids}


def test_replace_extraction(store) -> None:  # type: ignore[no-untyped-def]
    doc_id = store.add_document(doc(), extraction("v1"), content_hash=content_hash(TEXT))
    new = extraction("v2")
    new.claims.pop()
    store.replace_extraction(doc_id, new)
    (stored,) = list(store.load_extractions())
    assert stored.extraction.extractor_version == "v2" and len(stored.extraction.claims) == 4
    assert store.stats()["claims"] == 4 and store.stats()["extractor_versions"] == {"v2": 1}


def test_incidents_save_replace_delete(store) -> None:  # type: ignore[no-untyped-def]
    a = store.add_document(doc(), extraction(), content_hash=content_hash(TEXT))
    inc = IncidentRecord("inc-examplex-2021", "Examplex", "exchange_hack", date(2021, 3, 2), date(2021, 3, 2), "2021-03-02", {"loss_usd": 40e6}, [(a, 0)])
    store.save_incidents([inc])
    assert store.load_incidents() == [inc] and store.stats()["incidents"] == 1
    inc.data = {"loss_usd": 41e6}
    other = IncidentRecord("inc-other", "Other", None, None, None, None, {}, [])
    store.save_incidents([inc, other])
    assert [i.data for i in store.load_incidents(["inc-examplex-2021"])] == [{"loss_usd": 41e6}]
    store.save_incidents([], delete_ids=["inc-other"])
    assert [i.id for i in store.load_incidents()] == ["inc-examplex-2021"]
    store.save_incidents([other], replace_all=True)
    assert [i.id for i in store.load_incidents()] == ["inc-other"]


def test_decisions_and_prices(store) -> None:  # type: ignore[no-untyped-def]
    first = store.add_decision(author="ana", action="merge", target={"incidents": ["a", "b"]}, note="same heist")
    second = store.add_decision(author="bo", action="pin_value", target={"incident": "a", "field": "loss_usd"}, after={"value": 1.0})
    assert [(d.id, d.action, d.author) for d in store.decisions()] == [(first, "merge", "ana"), (second, "pin_value", "bo")]
    assert store.save_prices([("btc", date(2021, 3, 2), 48000.0, "test"), ("BTC", date(2021, 3, 2), 48500.0, "test")]) == 2
    assert store.price("BTC", date(2021, 3, 2)) == 48500.0
    assert store.price("ETH", date(2021, 3, 2)) is None and store.stats()["prices"] == 1
