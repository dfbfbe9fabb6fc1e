"""Read side of the serve stage: the store's documents and claims and the ledger's incidents,
turned into the plain dicts of ``heistwatch.serve.views``.

The ledger keeps each incident as ``Incident.to_dict()`` in ``incidents.data``. Listing pages
need only a summary of each; parsing every JSON blob per request would not scale, so
:class:`LedgerCache` keeps the summaries in memory and rebuilds them when the incidents table
changes (row count or newest ``updated_at`` differ) or a decision is recorded.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from heistwatch.serve.views import ICD203_SCORES, IncidentView, confidence_score, fmt_usd
from heistwatch.store.schema import ClaimRow, Decision, Document, DocumentLink, Incident, IncidentMentionRow

CONFIDENCE_ORDER = list(ICD203_SCORES)
SORT_KEYS = ("date", "victim", "type", "loss", "actors", "sources", "conflicts")
MAX_PER_PAGE = 200


def doc_key(doc: Document) -> str:
    """The key the resolver knows a document by: its external id, else ``doc-<id>``."""
    return doc.external_id or f"doc-{doc.id}"


def doc_ref(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "key": doc_key(doc),
        "title": doc.title,
        "url": doc.url,
        "publisher": doc.site_name,
        "published": doc.published.isoformat() if doc.published else None,
    }


def _aliases(name: str) -> tuple[list[str], bool, str | None]:
    try:
        from heistwatch.reference.actors import lookup
    except ImportError:  # pragma: no cover - reference data always ships
        return [], False, None
    actor = lookup(name)
    if actor is None:
        return [], False, None
    return [a for a in actor.aliases if a != actor.name], actor.state, actor.attack_id


def _doc_lookup(session: Session, keys: set[str]) -> dict[str, dict[str, Any]]:
    """Document refs by resolver key (external id or ``doc-<id>``)."""
    out: dict[str, dict[str, Any]] = {}
    if not keys:
        return out
    ids = sorted(int(k[4:]) for k in keys if k.startswith("doc-") and k[4:].isdigit())
    ext = sorted(k for k in keys if not (k.startswith("doc-") and k[4:].isdigit()))
    cols = (Document.id, Document.external_id, Document.title, Document.url, Document.site_name, Document.published)
    queries = [select(*cols).where(Document.id.in_(ids[i:i + 500])) for i in range(0, len(ids), 500)]
    queries += [select(*cols).where(Document.external_id.in_(ext[i:i + 500])) for i in range(0, len(ext), 500)]
    for row in (r for query in queries for r in session.execute(query)):
        ref = {
            "id": row.id,
            "key": row.external_id or f"doc-{row.id}",
            "title": row.title,
            "url": row.url,
            "publisher": row.site_name,
            "published": row.published.isoformat() if row.published else None,
        }
        out[ref["key"]] = ref
        out.setdefault(f"doc-{row.id}", ref)
    return out


def incident_view(data: dict[str, Any], docs: dict[str, dict[str, Any]]) -> IncidentView:
    """IncidentView of one ``Incident.to_dict()``; ``docs`` maps document keys to refs."""
    claims = {c["key"]: c for c in data.get("claims", [])}

    def doc_of(key: str | None) -> dict[str, Any]:
        return docs.get(key or "", {"id": key, "key": key, "title": None, "url": None, "publisher": None})

    def loss_view(fig: dict[str, Any]) -> dict[str, Any]:
        claim = claims.get(fig.get("claim"), {})
        d = doc_of(fig.get("doc") or claim.get("doc"))
        quote = fig.get("quote") or {}
        return {
            "claim_id": fig.get("claim"),
            "amount": fig.get("amount"),
            "unit": fig.get("unit"),
            "low": fig.get("low"),
            "high": fig.get("high"),
            "qualifier": fig.get("qualifier"),
            "usd": fig.get("usd"),
            "usd_low": fig.get("usd_low"),
            "usd_high": fig.get("usd_high"),
            "usd_reported": fig.get("reported_usd"),
            "rate": quote.get("rate"),
            "rate_date": quote.get("rate_date"),
            "valued_at": fig.get("valued_at"),
            "document_id": d["id"],
            "document_title": d.get("title"),
            "url": d.get("url") or claim.get("url"),
            "publisher": claim.get("publisher") or d.get("publisher"),
            "sentence": claim.get("sentence"),
            "surface": claim.get("surface"),
            "in_consensus": bool(fig.get("used")),
            "note": fig.get("note"),
            "revision": fig.get("revision"),
            "rejected": bool(claim.get("rejected")),
        }

    losses = [loss_view(f) for f in data.get("losses", []) if f.get("role", "loss") == "loss"]
    recovered = [loss_view(f) for f in data.get("losses", []) if f.get("role") == "recovery"]
    # rejected figures stay visible (marked), though the ledger uses them for nothing
    shown = {f.get("claim") for f in data.get("losses", [])}
    for c in data.get("claims", []):
        if c.get("rejected") and c.get("kind") in ("loss", "recovery") and c["key"] not in shown:
            v = c.get("value") or {}
            view = loss_view({"claim": c["key"], "doc": c.get("doc"), "amount": v.get("value"), "unit": v.get("unit"),
                              "low": v.get("low"), "high": v.get("high"), "qualifier": v.get("qualifier"),
                              "role": c["kind"], "note": "rejected by an analyst"})
            (losses if c["kind"] == "loss" else recovered).append(view)

    attributions = []
    for a in data.get("actors", []):
        aliases, state, attack_id = _aliases(a["actor"])
        a_claims = []
        for ac in a.get("claims", []):
            claim = claims.get(ac.get("claim"), {})
            d = doc_of(ac.get("doc"))
            a_claims.append(
                {
                    "claim_id": ac.get("claim"),
                    "claimant": ac.get("claimant"),
                    "stance": ac.get("stance"),
                    "hedge": ac.get("hedge"),
                    "probability": ac.get("probability"),
                    "date": ac.get("published"),
                    "document_id": d["id"],
                    "document_title": d.get("title"),
                    "url": d.get("url"),
                    "publisher": claim.get("publisher") or d.get("publisher"),
                    "sentence": claim.get("sentence"),
                }
            )
        attributions.append(
            {
                "actor": a["actor"],
                "kind": "state" if state else "group",
                "aliases": aliases,
                "attack_id": attack_id,
                "stance": a.get("stance"),
                "confidence": a.get("confidence"),
                "confidence_score": confidence_score(a.get("confidence"), a.get("probability")),
                "claimants": a.get("claimants"),
                "rule": a.get("rule"),
                "on_row": a.get("on_row", True),
                "support": a.get("support") or "",
                "claims": a_claims,
                "timeline": a.get("timeline", []),
            }
        )

    def with_sentence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for item in items:
            item = dict(item)
            claim = claims.get(item.get("claim") or item.get("claim_key") or "", {})
            if claim:
                item.setdefault("sentence", claim.get("sentence"))
                item.setdefault("document_id", doc_of(claim.get("doc"))["id"])
                for k, v in (claim.get("value") or {}).items():
                    item.setdefault(k, v)
            out.append(item)
        return out

    consensus = data.get("consensus")
    doc_keys = sorted({m["doc"] for m in data.get("mentions", [])})
    loss_groups = group_figures(losses)
    sources = {m.get("source") or m["doc"] for m in data.get("mentions", [])}
    return {
        "id": data["id"],
        "victim": data["victim"],
        "type": data.get("type"),
        "date": data.get("date"),
        "date_start": data.get("date_start"),
        "date_end": data.get("date_end"),
        "n_sources": len(sources),
        "n_documents": len(doc_keys),
        "loss_usd": (
            {"value": consensus["value"], "low": consensus.get("low"), "high": consensus.get("high"),
             "claims": consensus.get("claims", []), "method": consensus.get("method")}
            if consensus else None
        ),
        "losses": losses,
        "loss_groups": loss_groups,
        "recovered": recovered,
        "recovered_usd": data.get("recovered"),
        "net_loss_usd": data.get("net_loss"),
        "conflicts": [
            {"field": f.get("kind"), "explanation": f.get("explanation"), "claims": f.get("claims", []), "values": []}
            for f in data.get("findings", []) if f.get("flagged")
        ],
        "explained": [
            {"field": f.get("kind"), "explanation": f.get("explanation")}
            for f in data.get("findings", []) if not f.get("flagged")
        ],
        "attributions": attributions,
        "techniques": with_sentence(data.get("techniques", [])),
        "indicators": with_sentence(data.get("indicators", [])),
        "documents": [doc_of(k) for k in doc_keys],
        "pinned": data.get("pinned", {}),
        "decisions": data.get("decisions", []),
    }


def group_figures(losses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures stated alike (same amount and unit) grouped, each group keeping all its sources;
    groups the consensus rests on first, then by number of sources."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for loss in losses:
        key = (loss.get("amount"), (loss.get("unit") or "").upper(), loss.get("qualifier"), bool(loss.get("rejected")))
        g = groups.setdefault(key, {"amount": loss.get("amount"), "unit": loss.get("unit"),
                                    "qualifier": loss.get("qualifier"), "usd": loss.get("usd"),
                                    "usd_reported": loss.get("usd_reported"), "rejected": bool(loss.get("rejected")),
                                    "in_consensus": False, "items": []})
        g["items"].append(loss)
        g["in_consensus"] = g["in_consensus"] or bool(loss.get("in_consensus"))
        if g["usd"] is None:
            g["usd"] = loss.get("usd")
        if g["usd_reported"] is None:
            g["usd_reported"] = loss.get("usd_reported")
    return sorted(groups.values(), key=lambda g: (g["rejected"], not g["in_consensus"], -len(g["items"]),
                                                  -(g["usd"] or 0)))


# ---------------------------------------------------------------- ledger summaries


@dataclass(slots=True)
class Summary:
    id: str
    victim: str
    type: str
    date: str | None
    year: int | None
    loss_usd: float | None
    loss_low: float | None
    loss_high: float | None
    actors: list[dict[str, Any]]
    n_sources: int
    n_conflicts: int
    best_confidence: int  # index in CONFIDENCE_ORDER (-1 = no attribution)
    documents: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "victim": self.victim, "type": self.type, "date": self.date, "year": self.year,
            "loss_usd": self.loss_usd, "loss_low": self.loss_low, "loss_high": self.loss_high,
            "actors": self.actors, "n_sources": self.n_sources, "n_conflicts": self.n_conflicts,
        }


def summarize(data: dict[str, Any]) -> Summary:
    consensus = data.get("consensus") or {}
    actors = [
        {"actor": a["actor"], "confidence": a.get("confidence"), "stance": a.get("stance")}
        for a in data.get("actors", [])
        if a.get("stance") != "denied" and a.get("on_row", True)
    ]
    best = max((CONFIDENCE_ORDER.index(a["confidence"]) for a in actors if a["confidence"] in CONFIDENCE_ORDER),
               default=-1)
    date_text = data.get("date")
    year = int(date_text[:4]) if date_text and date_text[:4].isdigit() else None
    mentions = data.get("mentions", [])
    return Summary(
        id=data["id"],
        victim=data["victim"],
        type=data.get("type") or "other",
        date=date_text,
        year=year,
        loss_usd=consensus.get("value"),
        loss_low=consensus.get("low"),
        loss_high=consensus.get("high"),
        actors=actors,
        n_sources=len({m.get("source") or m["doc"] for m in mentions}),
        n_conflicts=sum(1 for f in data.get("findings", []) if f.get("flagged")),
        best_confidence=best,
        documents=sorted({m["doc"] for m in mentions}),
    )


SUMMARY_FIELDS = ("consensus", "actors", "findings", "mentions")


class LedgerCache:
    """In-memory summaries of all incidents, kept in step with the incidents table.

    Every request checks a cheap stamp (row count, newest ``updated_at``, newest decision; the
    ``ix_incidents_updated_at`` index answers it); when it moved, only incidents whose
    ``updated_at`` changed are read again, and only the parts of their record a summary needs.
    The stamp is checked at most every ``recheck`` seconds; changes made through this app
    (decisions, ingest) call :meth:`invalidate`, so they show at once.
    """

    def __init__(self, engine: Engine, recheck: float = 1.0) -> None:
        self.engine = engine
        self.recheck = recheck
        self._checked = 0.0
        self._lock = threading.Lock()
        self._stamp: tuple[Any, ...] | None = None
        self._versions: dict[str, Any] = {}
        self._by_id: dict[str, Summary] = {}
        self._rows: list[Summary] = []
        self._by_doc: dict[str, list[Summary]] = {}
        self._actors: dict[str, list[Summary]] = {}
        self._memo: dict[Any, Any] = {}   # sorted orders and facets of the current rows

    def invalidate(self) -> None:
        with self._lock:
            self._stamp = None

    def _current_stamp(self, session: Session) -> tuple[Any, ...]:
        count, newest = session.execute(select(func.count(Incident.id), func.max(Incident.updated_at))).one()
        decisions = session.execute(select(func.max(Decision.id))).scalar()
        return (count, str(newest), decisions)

    def _load(self, session: Session, ids: list[str]) -> list[Summary]:
        cols = [Incident.id, Incident.victim, Incident.type, Incident.date_iso] + [
            Incident.data[f].label(f) for f in SUMMARY_FIELDS]
        out = []
        for start in range(0, len(ids), 500):
            for row in session.execute(select(*cols).where(Incident.id.in_(ids[start:start + 500]))):
                data = {"id": row.id, "victim": row.victim, "type": row.type, "date": row.date_iso}
                for f in SUMMARY_FIELDS:
                    data[f] = getattr(row, f) or ([] if f != "consensus" else None)
                out.append(summarize(data))
        return out

    def rows(self, session: Session) -> list[Summary]:
        now = time.monotonic()
        with self._lock:
            if self._stamp is not None and now - self._checked < self.recheck:
                return self._rows
        stamp = self._current_stamp(session)
        with self._lock:
            self._checked = now
            if stamp == self._stamp:
                return self._rows
            versions_before = dict(self._versions)
            by_id = dict(self._by_id)
        versions = {i: str(u) for i, u in session.execute(select(Incident.id, Incident.updated_at))}
        changed = sorted(i for i, u in versions.items() if versions_before.get(i) != u)
        for gone in set(by_id) - set(versions):
            by_id.pop(gone, None)
        for summary in self._load(session, changed):
            by_id[summary.id] = summary
        rows = sorted(by_id.values(), key=lambda s: (s.date or "", s.victim, s.id), reverse=True)
        by_doc: dict[str, list[Summary]] = defaultdict(list)
        actors: dict[str, list[Summary]] = defaultdict(list)
        for s in rows:
            for d in s.documents:
                by_doc[d].append(s)
            for a in s.actors:
                actors[a["actor"]].append(s)
        with self._lock:
            self._rows, self._by_doc, self._actors = rows, dict(by_doc), dict(actors)
            self._by_id, self._versions, self._stamp = by_id, versions, stamp
            self._memo = {}
        return rows

    def memo(self, session: Session, key: Any, compute: Any) -> Any:
        """``compute(rows)`` for the current rows, computed once per change of the ledger."""
        rows = self.rows(session)
        memo = self._memo
        if key in memo:
            return memo[key]
        value = compute(rows)
        if len(memo) < 512:  # bounded: filters are few in practice, the memo resets on every change
            memo[key] = value
        return value

    def sorted_rows(self, session: Session, sort: str, direction: str) -> list[Summary]:
        return self.memo(session, ("sort", sort, direction), lambda rows: sort_rows(rows, sort, direction))

    def by_doc(self, session: Session) -> dict[str, list[Summary]]:
        self.rows(session)
        return self._by_doc

    def by_actor(self, session: Session) -> dict[str, list[Summary]]:
        self.rows(session)
        return self._actors


@dataclass(slots=True)
class LedgerQuery:
    actor: str | None = None
    year: int | None = None
    type: str | None = None
    conflicts: bool = False
    confidence: str | None = None     # minimum ICD 203 word
    since: date | None = None
    until: date | None = None
    sort: str = "date"
    dir: str = "desc"
    page: int = 1
    per_page: int = 50

    def params(self) -> dict[str, Any]:
        return {
            "actor": self.actor, "year": self.year, "type": self.type, "conflicts": "1" if self.conflicts else None,
            "confidence": self.confidence, "sort": self.sort, "dir": self.dir,
        }


def _in_period(s: Summary, since: date | None, until: date | None) -> bool:
    if since is None and until is None:
        return True
    if not s.date:
        return False
    start = s.date + ("-01-01" if len(s.date) == 4 else "-01" if len(s.date) == 7 else "")
    end = s.date + ("-12-31" if len(s.date) == 4 else "-31" if len(s.date) == 7 else "")
    if since and end < since.isoformat():
        return False
    if until and start > until.isoformat():
        return False
    return True


def filter_rows(rows: list[Summary], q: LedgerQuery) -> list[Summary]:
    out = rows
    if q.actor:
        out = [s for s in out if any(a["actor"] == q.actor for a in s.actors)]
    if q.year:
        out = [s for s in out if s.year == q.year]
    if q.type:
        out = [s for s in out if s.type == q.type]
    if q.conflicts:
        out = [s for s in out if s.n_conflicts]
    if q.confidence in CONFIDENCE_ORDER:
        floor = CONFIDENCE_ORDER.index(q.confidence)  # type: ignore[arg-type]
        if q.actor:
            out = [s for s in out if any(a["actor"] == q.actor and a["confidence"] in CONFIDENCE_ORDER
                                         and CONFIDENCE_ORDER.index(a["confidence"]) >= floor for a in s.actors)]
        else:
            out = [s for s in out if s.best_confidence >= floor]
    if q.since or q.until:
        out = [s for s in out if _in_period(s, q.since, q.until)]
    return out


def sort_rows(rows: list[Summary], sort: str, direction: str) -> list[Summary]:
    reverse = direction != "asc"
    keys = {
        "date": lambda s: (s.date or "", s.victim.lower(), s.id),
        "victim": lambda s: (s.victim.lower(), s.date or "", s.id),
        "type": lambda s: (s.type, s.date or "", s.id),
        "loss": lambda s: (s.loss_usd if s.loss_usd is not None else -1.0, s.id),
        "actors": lambda s: (s.best_confidence, ",".join(a["actor"] for a in s.actors), s.id),
        "sources": lambda s: (s.n_sources, s.date or "", s.id),
        "conflicts": lambda s: (s.n_conflicts, s.date or "", s.id),
    }
    return sorted(rows, key=keys.get(sort, keys["date"]), reverse=reverse)


def ledger_page(cache: LedgerCache, session: Session, q: LedgerQuery) -> dict[str, Any]:
    key = ("filtered", q.actor, q.year, q.type, q.conflicts, q.confidence, q.since, q.until, q.sort, q.dir)
    rows = cache.memo(session, key, lambda _r: filter_rows(cache.sorted_rows(session, q.sort, q.dir), q))
    per_page = max(1, min(q.per_page, MAX_PER_PAGE))
    pages = max(1, math.ceil(len(rows) / per_page))
    number = max(1, min(q.page, pages))
    chunk = rows[(number - 1) * per_page : number * per_page]
    return {"total": len(rows), "pages": pages, "number": number, "per_page": per_page,
            "rows": [s.as_dict() for s in chunk]}


def facets(cache: LedgerCache, session: Session) -> dict[str, Any]:
    def compute(rows: list[Summary]) -> dict[str, Any]:
        return {
            "actors": sorted({a["actor"] for s in rows for a in s.actors}),
            "years": sorted({s.year for s in rows if s.year}, reverse=True),
            "types": sorted({s.type for s in rows}),
            "confidences": CONFIDENCE_ORDER,
        }

    return cache.memo(session, "facets", compute)


def load_incident(session: Session, incident_id: str) -> dict[str, Any] | None:
    row = session.get(Incident, incident_id)
    return dict(row.data) if row is not None else None


def get_incident(session: Session, incident_id: str) -> IncidentView | None:
    data = load_incident(session, incident_id)
    if data is None:
        return None
    keys = {m["doc"] for m in data.get("mentions", [])} | {c["doc"] for c in data.get("claims", [])}
    return incident_view(data, _doc_lookup(session, keys))


def iter_incident_views(session: Session, ids: list[str] | None = None, q: LedgerQuery | None = None,
                        cache: LedgerCache | None = None, batch: int = 200) -> Iterator[IncidentView]:
    """Full views of many incidents (exports) in ledger order (date, victim, id), ``batch`` at a
    time so memory stays flat on a large ledger; filtered by ``q`` (with ``cache``) when given."""
    if q is not None and cache is not None:
        ids = [s.id for s in filter_rows(cache.rows(session), q)]
    order = select(Incident.id, Incident.date_iso, Incident.victim)
    rows = session.execute(order).all() if ids is None else [
        r for start in range(0, len(ids), 500)
        for r in session.execute(order.where(Incident.id.in_(ids[start:start + 500])))]
    ordered = [r.id for r in sorted(rows, key=lambda r: (r.date_iso or "", r.victim, r.id))]
    for start in range(0, len(ordered), batch):
        chunk = ordered[start:start + batch]
        datas = {d["id"]: d for (d,) in session.execute(select(Incident.data).where(Incident.id.in_(chunk)))}
        keys: set[str] = set()
        for d in datas.values():
            keys |= {m["doc"] for m in d.get("mentions", [])} | {c["doc"] for c in d.get("claims", [])}
        docs = _doc_lookup(session, keys)
        for iid in chunk:
            if iid in datas:
                yield incident_view(datas[iid], docs)


def incident_views(session: Session, ids: list[str] | None = None, q: LedgerQuery | None = None,
                   cache: LedgerCache | None = None) -> list[IncidentView]:
    """:func:`iter_incident_views` as a list."""
    return list(iter_incident_views(session, ids, q, cache))


# ---------------------------------------------------------------- actors


def actor_view(cache: LedgerCache, session: Session, name: str) -> dict[str, Any] | None:
    """An actor's incidents, totals per year with bounds (computed once per ledger change)."""
    if name not in cache.by_actor(session):
        return None
    return cache.memo(session, ("actor", name), lambda _rows: _actor_view(cache, session, name))


def _actor_view(cache: LedgerCache, session: Session, name: str) -> dict[str, Any] | None:
    rows = cache.by_actor(session).get(name)
    aliases, state, attack_id = _aliases(name)
    if not rows:
        return None
    incidents = []
    years: dict[int, dict[str, Any]] = {}
    for s in sorted(rows, key=lambda s: (s.date or "", s.id)):
        mine = next(a for a in s.actors if a["actor"] == name)
        incidents.append({"id": s.id, "victim": s.victim, "date": s.date, "type": s.type, "loss_usd": s.loss_usd,
                          "loss_low": s.loss_low, "loss_high": s.loss_high,
                          "confidence": mine["confidence"], "stance": mine["stance"]})
        if s.year is None:
            continue
        y = years.setdefault(s.year, {"year": s.year, "count": 0, "total": 0.0, "low": 0.0, "high": 0.0,
                                      "unknown": 0, "aggregates": []})
        y["count"] += 1
        if s.loss_usd is None:
            y["unknown"] += 1
        else:
            y["total"] += s.loss_usd
            y["low"] += s.loss_low if s.loss_low is not None else s.loss_usd
            y["high"] += s.loss_high if s.loss_high is not None else s.loss_usd
    year_list = [years[k] for k in sorted(years)]
    return {
        "name": name,
        "aliases": aliases,
        "state": state,
        "attack_id": attack_id,
        "incidents": incidents,
        "years": year_list,
        "total_usd": sum(y["total"] for y in year_list),
        "total_low": sum(y["low"] for y in year_list),
        "total_high": sum(y["high"] for y in year_list),
    }


def actor_aggregates(store: Any, name: str) -> list[dict[str, Any]]:
    """Aggregate claims about ``name`` ("North Korean hackers stole $X in 2017, says the NIS"),
    kept apart from the incidents (see :func:`heistwatch.store.ledger.load_aggregates`)."""
    try:
        from heistwatch.store.ledger import load_aggregates
    except ImportError:  # pragma: no cover
        return []
    mine = [ag for ag in load_aggregates(store) if ag.actor == name]
    if not mine:
        return []
    with store.session() as session:
        docs = _doc_lookup(session, {ag.doc for ag in mine})
    out = []
    for ag in mine:
        figure = fmt_usd(ag.usd) if ag.usd is not None else ag.surface
        out.append({"claim": ag.claim, "doc": ag.doc, "document_id": docs.get(ag.doc, {}).get("id"),
                    "period": ag.period, "usd": ag.usd, "low": ag.low,
                    "high": ag.high, "surface": ag.surface, "sentence": ag.sentence, "publisher": ag.publisher,
                    "published": ag.published,
                    "text": f"{ag.publisher or ag.doc}: {figure} ({ag.period or 'no period'})"})
    return out


def with_aggregates(actor: dict[str, Any], aggregates: list[dict[str, Any]]) -> dict[str, Any]:
    """A copy of an actor view with its aggregate claims beside the years they speak of."""
    years = {y["year"]: dict(y, aggregates=[]) for y in actor["years"]}
    undated = []
    for ag in aggregates:
        period = ag.get("period") or ""
        if period[:4].isdigit():
            year = int(period[:4])
            years.setdefault(year, {"year": year, "count": 0, "total": 0.0, "low": 0.0, "high": 0.0, "unknown": 0,
                                    "aggregates": []})["aggregates"].append(ag)
        else:
            undated.append(ag)
    return dict(actor, years=[years[k] for k in sorted(years)], aggregates=aggregates, undated_aggregates=undated)


def actor_charts(actor: dict[str, Any]) -> dict[str, Any]:
    """Plotly figure specs (data + layout) for the actor page and report."""
    years = actor["years"]
    xs = [str(y["year"]) for y in years]
    totals = [y["total"] for y in years]
    bar = {
        "data": [
            {"type": "bar", "x": xs, "y": totals, "name": "consensus total",
             "error_y": {"type": "data", "symmetric": False,
                         "array": [max(0.0, y["high"] - y["total"]) for y in years],
                         "arrayminus": [max(0.0, y["total"] - y["low"]) for y in years]},
             "marker": {"color": "#1f5fbf"}},
        ],
        "layout": {"title": {"text": "Losses per year (USD, with bounds)"}, "margin": {"t": 40, "l": 70, "r": 10, "b": 40},
                   "yaxis": {"title": {"text": "USD"}}, "xaxis": {"type": "category"}, "height": 320},
    }
    claimed = [(str(y["year"]), g) for y in years for g in y.get("aggregates", []) if g.get("usd") is not None]
    if claimed:
        bar["data"].append({
            "type": "scatter", "mode": "markers", "name": "aggregate claims", "x": [x for x, _ in claimed],
            "y": [g["usd"] for _, g in claimed], "text": [g["text"] for _, g in claimed],
            "marker": {"symbol": "diamond", "size": 12, "color": "#b3541e"},
        })
        bar["layout"]["showlegend"] = True
        bar["layout"]["legend"] = {"orientation": "h", "y": -0.15}
    pts = [i for i in actor["incidents"] if i["date"]]
    timeline = {
        "data": [
            {"type": "scatter", "mode": "markers", "x": [i["date"] for i in pts],
             "y": [i["loss_usd"] if i["loss_usd"] is not None else 0 for i in pts],
             "text": [f"{i['victim']} ({i['confidence'] or 'unknown'})" for i in pts],
             "marker": {"size": 10, "color": "#b3541e"}, "name": "incidents"},
        ],
        "layout": {"title": {"text": "Incidents over time"}, "margin": {"t": 40, "l": 70, "r": 10, "b": 40},
                   "yaxis": {"title": {"text": "USD"}, "type": "log"},
                   "xaxis": {"type": "date", **time_range([i["date"] for i in pts])}, "height": 320},
    }
    return {"years": bar, "timeline": timeline}


def time_range(dates: list[str]) -> dict[str, Any]:
    """An x-axis range with half a year either side, so one point does not zoom to milliseconds."""
    days = []
    for d in dates:
        text = d + ("-07-01" if len(d) == 4 else "-15" if len(d) == 7 else "")
        try:
            days.append(date.fromisoformat(text[:10]))
        except ValueError:
            continue
    if not days:
        return {}
    from datetime import timedelta

    return {"range": [(min(days) - timedelta(days=183)).isoformat(), (max(days) + timedelta(days=183)).isoformat()]}


def actors_list(cache: LedgerCache, session: Session) -> list[dict[str, Any]]:
    out = []
    for name, rows in sorted(cache.by_actor(session).items()):
        out.append({"name": name, "count": len(rows), "total": sum(s.loss_usd or 0 for s in rows),
                    "years": sorted({s.year for s in rows if s.year})})
    out.sort(key=lambda a: (-a["count"], a["name"]))
    return out


# ---------------------------------------------------------------- documents and claims


def _snippet(text: str, q: str | None, width: int = 160) -> str:
    if not text:
        return ""
    if q:
        i = text.lower().find(q.lower())
        if i >= 0:
            start = max(0, i - width // 2)
            return ("…" if start else "") + text[start : start + width] + "…"
    return text[:width] + ("…" if len(text) > width else "")


def search_documents(session: Session, q: str | None, *, page: int = 1, per_page: int = 25) -> dict[str, Any]:
    """Documents whose title or text contains ``q`` (case-insensitive), newest first."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    cols = (Document.id, Document.external_id, Document.title, Document.url, Document.site_name,
            Document.published, func.substr(Document.text, 1, 4000).label("head"))
    query = select(*cols)
    count = select(func.count(Document.id))
    if q:
        cond, fts_count = _text_condition(session, q)
        query, count = query.where(cond), count.where(cond)
        if fts_count is not None:  # the FTS table counts its matches without touching documents
            count = fts_count
    total = session.execute(count).scalar() or 0
    pages = max(1, math.ceil(total / per_page))
    number = max(1, min(page, pages))
    # newest first, undated last (SQLite already sorts NULL last in DESC and can then use the index)
    published = Document.published.desc()
    if session.get_bind().dialect.name != "sqlite":
        published = published.nullslast()
    rows = session.execute(query.order_by(published, Document.id.desc())
                           .limit(per_page).offset((number - 1) * per_page)).all()
    n_claims = dict(session.execute(
        select(ClaimRow.document_id, func.count()).where(ClaimRow.document_id.in_([r.id for r in rows]))
        .group_by(ClaimRow.document_id)).all()) if rows else {}
    out = []
    for r in rows:
        out.append({"id": r.id, "key": r.external_id or f"doc-{r.id}", "title": r.title, "url": r.url,
                    "publisher": r.site_name, "published": r.published.isoformat() if r.published else None,
                    "snippet": _snippet(r.head or "", q), "n_claims": n_claims.get(r.id, 0)})
    return {"total": total, "pages": pages, "number": number, "per_page": per_page, "rows": out}


_FTS: dict[str, bool] = {}


def _has_fts(session: Session) -> bool:
    """Whether the full-text index of migration 0003 is there (SQLite FTS5 table / PostgreSQL GIN)."""
    bind = session.get_bind()
    key = str(bind.url)
    if key not in _FTS:
        from sqlalchemy import inspect

        if bind.dialect.name == "sqlite":
            _FTS[key] = "documents_fts" in inspect(bind).get_table_names()
        elif bind.dialect.name == "postgresql":
            _FTS[key] = any(ix["name"] == "ix_documents_fts" for ix in inspect(bind).get_indexes("documents"))
        else:
            _FTS[key] = False
    return _FTS[key]


def _text_condition(session: Session, q: str) -> tuple[Any, Any]:
    """(condition on documents, cheaper count statement or None) for documents matching ``q``:
    the words of ``q`` in this order, the last one as a prefix ("58 bill" finds "58 billion yen"),
    through the full-text index; substring search without it."""
    import re

    from sqlalchemy import Integer, column, literal_column, text

    words = re.findall(r"\w+", q)
    dialect = session.get_bind().dialect.name
    if words and _has_fts(session):
        if dialect == "sqlite":
            phrase = '"' + " ".join(words).replace('"', '""') + '" *'
            cond = Document.id.in_(text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :phrase")
                                   .bindparams(phrase=phrase).columns(column("rowid", Integer)))
            return cond, text("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :phrase").bindparams(
                phrase=phrase)
        prefix = " <-> ".join(w.replace("'", "") for w in words) + ":*"
        vector = literal_column("to_tsvector('simple', coalesce(documents.title, '') || ' ' || documents.text)")
        return vector.op("@@")(func.to_tsquery("simple", prefix)), None
    pattern = f"%{_escape_like(q)}%"
    return or_(Document.title.ilike(pattern, escape="\\"), Document.text.ilike(pattern, escape="\\")), None


def _escape_like(q: str) -> str:
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def claim_label(kind: str, value: dict[str, Any]) -> str:
    """A short human reading of a claim's value."""
    from heistwatch.serve.views import fmt_amount

    if kind in ("loss", "recovery", "figure"):
        return fmt_amount(value.get("value"), value.get("unit")) + (
            f" ({value['qualifier']})" if value.get("qualifier") else "")
    if kind == "date":
        s, e = value.get("start"), value.get("end")
        return s if s == e else f"{s} – {e}"
    if kind == "actor":
        return f"{value.get('actor')} [{value.get('stance')}{', ' + value['hedge'] if value.get('hedge') else ''}]" + (
            f" per {value['claimant']}" if value.get("claimant") else "")
    if kind == "victim":
        return str(value.get("name"))
    if kind == "technique":
        return f"{value.get('attack_id')} {value.get('name')}"
    if kind == "indicator":
        return f"{value.get('type')}: {value.get('value')}"
    if kind == "incident_type":
        return str(value.get("type"))
    if kind == "accounts":
        return f"{value.get('value')} {value.get('what')}"
    if kind == "share":
        return f"{value.get('percent')}% of {value.get('of')}"
    return ", ".join(f"{k}={v}" for k, v in sorted(value.items()) if v is not None)[:120]


def claim_dict(row: ClaimRow) -> dict[str, Any]:
    return {
        "id": row.id, "key": row.claim_key, "document_id": row.document_id, "kind": row.kind, "value": row.value,
        "span": [row.span_start, row.span_end], "sentence_span": [row.sentence_start, row.sentence_end],
        "surface": row.surface, "sentence": row.sentence, "confidence": row.confidence,
        "incident_index": row.incident_index, "extractor_version": row.extractor_version,
        "label": claim_label(row.kind, row.value or {}),
    }


def claim_status(session: Session, keys: list[str]) -> dict[str, str]:
    """The latest review decision per claim key: accepted, edited or rejected."""
    if not keys:
        return {}
    status: dict[str, str] = {}
    wanted = set(keys)
    rows = session.execute(select(Decision.action, Decision.target, Decision.after)
                           .where(Decision.action.in_(("reject-claim", "pin"))).order_by(Decision.id))
    for action, target, after in rows:
        key = (target or {}).get("claim")
        if key in wanted:
            status[key] = "rejected" if action == "reject-claim" else (after or {}).get("review", "pinned")
    return status


def segments(text: str, spans: list[tuple[int, int, str, Any, str]]) -> list[dict[str, Any]]:
    """Split ``text`` into plain and highlighted runs. ``spans`` are (start, end, kind, claim id,
    label); overlaps keep the earlier, longer span."""
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, kind, claim_id, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start < pos or end <= start or end > len(text):
            continue
        if start > pos:
            out.append({"text": text[pos:start], "kind": None})
        out.append({"text": text[start:end], "kind": kind, "claim_id": claim_id, "label": label})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "kind": None})
    return out


def document_view(cache: LedgerCache, session: Session, doc_id: int) -> dict[str, Any] | None:
    doc = session.get(Document, doc_id)
    if doc is None:
        return None
    ref = doc_ref(doc)
    rows = list(session.execute(select(ClaimRow).where(ClaimRow.document_id == doc.id)
                                .order_by(ClaimRow.span_start, ClaimRow.position)).scalars())
    claims = [claim_dict(r) for r in rows]
    status = claim_status(session, [c["key"] for c in claims])
    feeds = cache.by_doc(session).get(ref["key"], [])
    by_index: dict[int, Summary] = {}
    mention_rows = session.execute(
        select(IncidentMentionRow.mention_index, IncidentMentionRow.incident_id)
        .where(IncidentMentionRow.document_id == doc.id)).all()
    summaries = {s.id: s for s in feeds}
    for index, incident_id in mention_rows:
        if incident_id in summaries:
            by_index[index] = summaries[incident_id]
    for c in claims:
        c["status"] = status.get(c["key"])
        s = by_index.get(c["incident_index"]) if c["incident_index"] is not None else None
        c["incident_id"] = s.id if s else None
        c["incident_victim"] = s.victim if s else None
    dups = sorted({o for (o,) in session.execute(select(DocumentLink.other_id).where(
        DocumentLink.document_id == doc.id, DocumentLink.kind == "near_duplicate"))})
    ref.update(
        text=doc.text,
        incidents=[{"id": s.id, "victim": s.victim, "date": s.date} for s in feeds],
        duplicate_of=dups,
        language=doc.language,
        source=doc.source,
    )
    spans = [(c["span"][0], c["span"][1], c["kind"], c["key"], c["label"]) for c in claims]
    return {"doc": ref, "claims": claims, "segments": segments(doc.text, spans),
            "kinds": sorted({c["kind"] for c in claims})}


def decisions_for(session: Session, incident_id: str | None = None, limit: int = 200,
                  claim_keys: set[str] | None = None) -> list[dict[str, Any]]:
    """Decisions, newest first; with ``incident_id`` only those naming it or one of ``claim_keys``."""
    rows = session.execute(select(Decision).order_by(Decision.id.desc()).limit(5000)).scalars()
    out = []
    for d in rows:
        target = d.target or {}
        if incident_id and incident_id not in (target.get("incident"), *(target.get("incidents") or [])) \
                and target.get("claim") not in (claim_keys or set()):
            continue
        out.append(decision_dict(d))
        if len(out) >= limit:
            break
    return out


def decision_dict(d: Decision) -> dict[str, Any]:
    return {"id": d.id, "author": d.author, "created_at": d.created_at.isoformat() if d.created_at else None,
            "action": d.action, "target": d.target, "before": d.before, "after": d.after, "note": d.note}
