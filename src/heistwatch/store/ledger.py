"""The ledger in the database: feed the resolver from the store, save what it resolves.

* :func:`rebuild_ledger` resolves every stored extraction (with the stored analyst decisions)
  and replaces the ``incidents`` / ``incident_mentions`` tables.
* :func:`update_ledger` is the incremental path the ingest hook calls with the new (or
  re-extracted) documents: it loads only the documents of the victim blocks those documents
  touch (plus blocks tied to them by decisions), resolves them, and replaces just those incidents.
  The result equals a full rebuild (a test checks it).
* :func:`apply_decision` re-resolves the incidents a newly recorded decision refers to.
* :func:`load_ledger` reads the stored incidents back as :class:`~heistwatch.resolve.Incident`.

A document's key is its external id, else ``doc-<id>``; near-duplicate documents (linked by
ingest) share a source group ``dup-<smallest id>`` and count once as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlparse

from sqlalchemy import select

from heistwatch.resolve import AggregateClaim, Decision, DocumentRecord, Incident, Ledger
from heistwatch.resolve.cluster import KeyGraph
from heistwatch.resolve.model import ValuerLike
from heistwatch.resolve.names import victim_key
from heistwatch.store.schema import ClaimRow
from heistwatch.store.store import IncidentRecord, Store, StoredExtraction


@dataclass(slots=True)
class LedgerChange:
    """What an update did to the stored ledger."""

    documents: int = 0                 # documents resolved
    saved: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"documents": self.documents, "saved": len(self.saved), "deleted": len(self.deleted)}


def publisher_of(site_name: str | None, url: str | None) -> str | None:
    if site_name:
        return site_name.strip()
    if url:
        host = urlparse(url).netloc.lower()
        return host[4:] if host.startswith("www.") else host or None
    return None


def dup_groups(store: Store) -> dict[int, str]:
    """Document id -> near-duplicate group key for every linked document."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in store.near_duplicate_links():
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {d: f"dup-{find(d)}" for d in list(parent)}


def record_of(se: StoredExtraction, groups: dict[int, str]) -> DocumentRecord:
    info = se.document
    return DocumentRecord(
        key=info.doc_key, extraction=se.extraction, text=se.text or "",
        publisher=publisher_of(info.site_name, info.url), url=info.url, published=info.published,
        dup_group=groups.get(info.id), title=info.title, claim_keys=tuple(se.claim_keys),
    )


def load_records(store: Store, document_ids: Iterable[int] | None = None,
                 groups: dict[int, str] | None = None) -> tuple[list[DocumentRecord], dict[str, int]]:
    """Resolver records of the stored extractions (all, or of ``document_ids``) and key -> document id."""
    groups = dup_groups(store) if groups is None else groups
    records, ids = [], {}
    ids_arg = None if document_ids is None else sorted(set(document_ids))
    for se in store.load_extractions(ids_arg, relevant_only=False, with_text=True):
        if not se.extraction.incidents and not se.extraction.claims:
            continue
        rec = record_of(se, groups)
        records.append(rec)
        ids[rec.key] = se.document.id
    return records, ids


def load_decisions(store: Store) -> list[Decision]:
    """Stored decisions the resolver applies (others, such as a plain accept, are kept, not applied)."""
    out = []
    for d in store.decisions():
        try:
            out.append(Decision(action=d.action, author=d.author, target=d.target or {}, after=d.after or {},
                                created_at=d.created_at, id=f"dec-{d.id}", before=d.before or {}))
        except ValueError:
            continue
    return out


def default_valuer_for(store: Store) -> ValuerLike | None:
    try:
        from heistwatch.value import default_valuer

        return default_valuer(store.engine)
    except Exception:
        return None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text and len(text) == 10 else None


def incident_record(inc: Incident, ids: dict[str, int]) -> IncidentRecord:
    return IncidentRecord(
        id=inc.id, victim=inc.victim, type=inc.type, date_start=_day(inc.date_start), date_end=_day(inc.date_end),
        date_iso=inc.date, data=inc.to_dict(),
        mentions=sorted({(ids[m.doc], m.index) for m in inc.mentions if m.doc in ids}),
    )


def rebuild_ledger(store: Store, valuer: ValuerLike | None = None) -> Ledger:
    """Resolve everything stored and replace the stored ledger; returns the in-memory ledger."""
    valuer = default_valuer_for(store) if valuer is None else (valuer or None)
    records, ids = load_records(store)
    ledger = Ledger.build(records, valuer, load_decisions(store))
    store.save_incidents([incident_record(i, ids) for i in ledger.sorted_incidents()], replace_all=True)
    return ledger


def load_ledger(store: Store, ids: Iterable[str] | None = None) -> list[Incident]:
    """The stored incidents, in ledger order (date, victim, id)."""
    incs = [Incident.from_dict(r.data) for r in store.load_incidents(ids)]
    return sorted(incs, key=lambda i: (i.date_start or "9999", i.victim, i.id))


def _stored_index(store: Store) -> tuple[dict[str, list[dict]], dict[str, set[int]]]:
    """For every stored incident: its mentions (as the ledger records them) and its document ids.

    Reads only the ``mentions`` part of each record, not whole incidents."""
    from heistwatch.store.schema import Incident as IncidentRow
    from heistwatch.store.schema import IncidentMentionRow

    mentions: dict[str, list[dict]] = {}
    docs: dict[str, set[int]] = {}
    with store.session() as s:
        for iid, ms in s.execute(select(IncidentRow.id, IncidentRow.data["mentions"])):
            mentions[iid] = list(ms or [])
            docs[iid] = set()
        for iid, doc_id in s.execute(select(IncidentMentionRow.incident_id, IncidentMentionRow.document_id)):
            docs.setdefault(iid, set()).add(doc_id)
    return mentions, docs


def update_ledger(store: Store, document_ids: Iterable[int], valuer: ValuerLike | None = None) -> LedgerChange:
    """Bring the stored ledger up to date after ``document_ids`` were added or re-extracted."""
    document_ids = sorted(set(document_ids))
    if not document_ids:
        return LedgerChange()
    mentions_of, doc_ids_of = _stored_index(store)
    if not mentions_of:
        ledger = rebuild_ledger(store, valuer)
        return LedgerChange(documents=len(ledger.records), saved=sorted(ledger.incidents))
    valuer = default_valuer_for(store) if valuer is None else (valuer or None)
    groups = dup_groups(store)
    new_records, new_ids = load_records(store, document_ids, groups)
    decisions = load_decisions(store)

    keys_of = {iid: {victim_key(m.get("victim", "")) for m in ms} for iid, ms in mentions_of.items()}
    graph = KeyGraph()
    graph.rebuild(set(), {k for ks in keys_of.values() for k in ks})
    new_keys = {victim_key(m.victim) for r in new_records for m in r.extraction.incidents}
    wanted = set(document_ids)
    affected_blocks = graph.blocks_touching(new_keys)
    affected_blocks |= {graph.block_of[k] for iid, ds in doc_ids_of.items() if ds & wanted for k in keys_of[iid]}
    affected_keys = set(new_keys) | {k for b in affected_blocks for k in graph.members.get(b, set())}
    # decisions tie incidents (and so their blocks) together: take the closure
    while True:
        affected = {iid for iid, ks in keys_of.items() if ks & affected_keys}
        docs = {m.get("doc") for iid in affected for m in mentions_of[iid]} | {r.key for r in new_records}
        more = set()
        for d in decisions:
            refs = list(d.target.get("mentions", [])) + [r for g in d.target.get("groups", []) for r in g]
            if {r.get("doc") for r in refs} & docs:
                more |= {r.get("key") or victim_key(r.get("victim", "")) for r in refs}
        more = {k for k in more if k}
        blocks = {graph.block_of[k] for k in more if k in graph.block_of}
        grown = affected_keys | more | {k for b in blocks for k in graph.members.get(b, set())}
        if grown == affected_keys:
            break
        affected_keys = grown
    load_ids = {d for iid in affected for d in doc_ids_of[iid]} | set(document_ids)
    records, ids = load_records(store, load_ids, groups)
    ids.update(new_ids)
    ledger = Ledger.build(records, valuer, decisions)
    keep = [i for i in ledger.sorted_incidents() if {victim_key(m.victim) for m in i.mentions} & affected_keys]
    store.save_incidents([incident_record(i, ids) for i in keep], delete_ids=sorted(affected))
    return LedgerChange(documents=len(records), saved=[i.id for i in keep],
                        deleted=sorted(affected - {i.id for i in keep}))


def load_aggregates(store: Store) -> list[AggregateClaim]:
    """Aggregate claims of every stored document ("North Korea stole $X in 2017"), never incidents."""
    from heistwatch.extract.model import Aggregate, ClaimKind, value_from_dict
    from heistwatch.resolve.names import actor_name
    from heistwatch.store.schema import Document

    out = []
    with store.session() as s:
        q = (select(ClaimRow, Document.external_id, Document.id, Document.site_name, Document.url, Document.published)
             .join(Document, Document.id == ClaimRow.document_id)
             .where(ClaimRow.kind == ClaimKind.AGGREGATE.value)
             .order_by(ClaimRow.document_id, ClaimRow.position))
        for row, ext, doc_id, site, url, published in s.execute(q):
            try:
                v = value_from_dict(ClaimKind.AGGREGATE, row.value)
            except (TypeError, ValueError, KeyError):
                continue
            assert isinstance(v, Aggregate)
            m = v.money
            is_usd = m is not None and m.unit == "USD"
            out.append(AggregateClaim(
                claim=row.claim_key, doc=ext or f"doc-{doc_id}", actor=actor_name(v.actor) if v.actor else None,
                period=v.period, usd=m.value if is_usd else None, low=m.low if is_usd else None,
                high=m.high if is_usd else None, surface=row.surface, sentence=row.sentence,
                publisher=publisher_of(site, url), published=published.isoformat() if published else None,
            ))
    return out


def document_id_of(store: Store, key: str) -> int | None:
    """The document id behind a resolver key (external id, or ``doc-<id>``)."""
    if key.startswith("doc-") and key[4:].isdigit():
        return int(key[4:])
    return store.find_document(key)


def apply_decision(store: Store, decision_id: int, valuer: ValuerLike | None = None) -> LedgerChange:
    """Re-resolve the incidents a newly recorded decision refers to."""
    rec = next((d for d in store.decisions() if d.id == decision_id), None)
    if rec is None:
        raise KeyError(f"no decision {decision_id}")
    target = rec.target or {}
    refs = list(target.get("mentions", [])) + [r for g in target.get("groups", []) for r in g]
    keys = {r.get("doc") for r in refs if r.get("doc")}
    doc_ids: set[int] = set()
    with store.session() as s:
        if target.get("claim"):
            doc_ids |= set(s.scalars(select(ClaimRow.document_id).where(ClaimRow.claim_key == target["claim"])))
    for key in sorted(keys):
        found = document_id_of(store, key)
        if found is not None:
            doc_ids.add(found)
    if target.get("incident") or target.get("incidents"):
        wanted = [target["incident"]] if target.get("incident") else list(target["incidents"])
        for r in store.load_incidents(wanted):
            doc_ids |= {d for d, _ in r.mentions}
    return update_ledger(store, doc_ids, valuer)


def record_decision(store: Store, decision: Decision, valuer: ValuerLike | None = None) -> tuple[int, LedgerChange]:
    """Store an analyst decision (author, time, target, before, after) and apply it to the ledger."""
    decision_id = store.add_decision(author=decision.author, action=decision.action, target=decision.target,
                                     before=decision.before or None, after=decision.after or None)
    return decision_id, apply_decision(store, decision_id, valuer)


__all__ = ["LedgerChange", "apply_decision", "dup_groups", "load_aggregates", "load_decisions", "load_ledger", "load_records",
           "rebuild_ledger", "record_decision", "update_ledger"]
