"""Bring the stored ledger up to date after a review decision.

The ledger stage owns persistence of the ledger; when it offers a hook (see
:func:`heistwatch.serve.review.default_apply`) that is used. This module is the fallback the
serve stage uses until then: re-resolve every stored extraction with the pure resolver
(:class:`heistwatch.resolve.Ledger`) and the stored decisions, and save the incidents.
"""

from __future__ import annotations

from datetime import date

from heistwatch.store.store import IncidentRecord, Store


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        return None


def rebuild(store: Store, valuer=None) -> int:  # type: ignore[no-untyped-def]
    """Resolve all stored extractions with all decisions and replace the stored incidents.
    Returns the number of incidents."""
    from heistwatch.resolve import Decision, DocumentRecord, Ledger

    records = []
    ids_by_key: dict[str, int] = {}
    for se in store.load_extractions(relevant_only=True, with_text=True):
        info = se.document
        key = info.doc_key
        ids_by_key[key] = info.id
        group = f"doc-{min((info.id, *se.near_duplicates))}" if se.near_duplicates else None
        records.append(
            DocumentRecord(key=key, extraction=se.extraction, text=se.text or "", publisher=info.site_name,
                           url=info.url, published=info.published, dup_group=group, title=info.title,
                           claim_keys=tuple(se.claim_keys))
        )
    decisions = []
    for d in store.decisions():
        try:
            decisions.append(Decision(action=d.action, author=d.author, target=d.target or {}, after=d.after or {},
                                      created_at=d.created_at, id=f"d{d.id}", before=d.before or {}))
        except ValueError:
            continue  # a decision the resolver does not know is kept in the table, not applied
    ledger = Ledger.build(records, valuer, decisions)
    rows = []
    for inc in ledger.sorted_incidents():
        start, end = _day(inc.date_start), _day(inc.date_end)
        rows.append(IncidentRecord(
            id=inc.id, victim=inc.victim, type=inc.type, date_start=start, date_end=end, date_iso=inc.date,
            data=inc.to_dict(),
            mentions=sorted({(ids_by_key[m.doc], m.index) for m in inc.mentions if m.doc in ids_by_key}),
        ))
    store.save_incidents(rows, replace_all=True)
    return len(rows)
