"""The ledger: documents' claims in, incidents out; full builds and incremental updates.

>>> ledger = Ledger(valuer=None)
>>> ledger.update(records)          # doctest: +SKIP  (first call = full build)
>>> ledger.update(new_records)      # doctest: +SKIP  only the victim blocks they touch are redone

Incremental updates are exact: clustering works block by block (a block is the set of linked
victim keys, see cluster.py), a new or changed document only touches the blocks of its keys,
and analyst decisions are re-applied to the blocks they refer to every time. An incident is
rebuilt only when its members, their documents or the decisions on it changed (a signature of
those picks the cached one). So ``update(a); update(b)`` gives the same incidents, ids and
contents as one build over ``a + b``; a test checks it.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from heistwatch.extract.model import Aggregate, ClaimKind
from heistwatch.resolve import dates
from heistwatch.resolve.build import Overrides, build_incident
from heistwatch.resolve.cluster import KeyGraph, Mention, cluster_block, incident_ids, mentions_of
from heistwatch.resolve.decisions import Decision
from heistwatch.resolve.model import DocumentRecord, Incident, ValuerLike
from heistwatch.resolve.names import actor_key, actor_name


@dataclass(slots=True)
class UpdateResult:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    blocks: int = 0

    @property
    def touched(self) -> list[str]:
        return sorted(set(self.added) | set(self.changed))


@dataclass(slots=True)
class AggregateClaim:
    claim: str
    doc: str
    actor: str | None
    period: str | None
    usd: float | None
    low: float | None
    high: float | None
    surface: str
    sentence: str
    publisher: str | None
    published: str | None


def _fingerprint(rec: DocumentRecord) -> str:
    """What a document contributes, hashed: an unchanged fingerprint means nothing to redo."""
    raw = repr((rec.extraction.relevant, rec.extraction.incidents, rec.extraction.claims, rec.publisher, rec.url,
                rec.published, rec.group, rec.claim_keys, rec.title))
    h = hashlib.sha1(raw.encode())
    h.update(rec.text.encode())
    return h.hexdigest()[:16]


class Ledger:
    """Resolved incidents over a set of document records, kept up to date incrementally."""

    def __init__(self, valuer: ValuerLike | None = None, decisions: Iterable[Decision] = ()) -> None:
        self.valuer = valuer
        self.records: dict[str, DocumentRecord] = {}
        self._fp: dict[str, str] = {}
        self._mentions: dict[str, list[Mention]] = {}                 # doc -> its mentions
        self._by_key: dict[str, dict[str, Mention]] = defaultdict(dict)  # victim key -> mention id -> mention
        self._graph = KeyGraph()
        self._auto: dict[str, list[tuple[str, list[Mention]]]] = {}    # block -> (auto id, members)
        self._decisions: list[Decision] = sorted(decisions, key=Decision.sort_key)
        self._cache: dict[str, Incident] = {}
        self.incidents: dict[str, Incident] = {}
        self._blocks_of: dict[str, set[str]] = {}                     # incident id -> blocks it draws on
        self._aggregates: dict[str, list[AggregateClaim]] = {}

    # ------------------------------------------------------------------ input
    @classmethod
    def build(cls, records: Iterable[DocumentRecord], valuer: ValuerLike | None = None,
              decisions: Iterable[Decision] = ()) -> "Ledger":
        ledger = cls(valuer, decisions)
        ledger.update(records)
        return ledger

    def update(self, records: Iterable[DocumentRecord], remove: Iterable[str] = ()) -> UpdateResult:
        """Add or replace documents (by key) and drop ``remove``; redo only the blocks touched."""
        touched_keys: set[str] = set()
        old_blocks: set[str] = set()
        for key in sorted(set(remove)):
            if key in self.records:
                old_blocks |= self._forget(key)
        for rec in records:
            fp = _fingerprint(rec)
            if self._fp.get(rec.key) == fp:
                continue
            if rec.key in self.records:
                old_blocks |= self._forget(rec.key)
            self.records[rec.key] = rec
            self._fp[rec.key] = fp
            ms = mentions_of(rec)
            self._mentions[rec.key] = ms
            for m in ms:
                self._by_key[m.key][m.id] = m
                touched_keys.add(m.key)
            self._aggregates[rec.key] = aggregates_of(rec)
        if not touched_keys and not old_blocks:
            return UpdateResult()
        old_blocks |= self._graph.blocks_touching(touched_keys)
        live = {k for b in old_blocks for k in self._graph.members.get(b, set()) if self._by_key.get(k)}
        live |= {k for k in touched_keys if self._by_key.get(k)}
        for b in old_blocks:
            self._auto.pop(b, None)
        new_blocks = self._graph.rebuild(old_blocks, live)
        for bid in sorted(new_blocks):
            ms = [m for k in sorted(new_blocks[bid]) for m in self._by_key[k].values()]
            clusters = cluster_block(ms)
            self._auto[bid] = list(zip(incident_ids(bid, clusters), clusters))
        return self._assemble(old_blocks | set(new_blocks))

    def set_decisions(self, decisions: Iterable[Decision]) -> UpdateResult:
        """Replace the analyst decisions and re-apply them (blocks of old and new decisions are redone)."""
        before = self._decision_blocks()
        self._decisions = sorted(decisions, key=Decision.sort_key)
        return self._assemble(before | self._decision_blocks())

    @property
    def decisions(self) -> list[Decision]:
        return list(self._decisions)

    def _forget(self, doc: str) -> set[str]:
        blocks = set()
        for m in self._mentions.pop(doc, []):
            self._by_key[m.key].pop(m.id, None)
            if m.key in self._graph.block_of:
                blocks.add(self._graph.block_of[m.key])
            if not self._by_key[m.key]:
                del self._by_key[m.key]
        self.records.pop(doc, None)
        self._fp.pop(doc, None)
        self._aggregates.pop(doc, None)
        return blocks

    # ------------------------------------------------------------------ decisions
    def _find(self, ref: dict) -> Mention | None:
        ms = self._mentions.get(ref.get("doc", ""), [])
        same = [m for m in ms if m.key == ref.get("key")]
        if not same and ref.get("victim"):
            from heistwatch.resolve.names import victim_key

            same = [m for m in ms if m.key == victim_key(ref["victim"])]
        for m in same:
            if m.index == ref.get("index"):
                return m
        return same[0] if same else None

    def _decision_mentions(self, d: Decision) -> list[Mention]:
        refs = list(d.target.get("mentions", []))
        for g in d.target.get("groups", []):
            refs += g
        out = [self._find(r) for r in refs]
        return [m for m in out if m is not None]

    def _decision_blocks(self) -> set[str]:
        blocks = set()
        for d in self._decisions:
            for m in self._decision_mentions(d):
                b = self._graph.block_of.get(m.key)
                if b:
                    blocks.add(b)
            if d.action == "reject_claim":
                blocks |= self._claim_blocks(d.target["claim"])
        return blocks

    def _closure(self, blocks: set[str]) -> set[str]:
        """Blocks to redo together: those given, plus blocks tied to them by a decision or by an
        incident (made by a merge) drawing on several blocks."""
        ties = [set(bs) for bs in self._blocks_of.values() if len(bs) > 1]
        for d in self._decisions:
            bs = {self._graph.block_of[m.key] for m in self._decision_mentions(d) if m.key in self._graph.block_of}
            if len(bs) > 1:
                ties.append(bs)
        changed = True
        while changed:
            changed = False
            for t in ties:
                if t & blocks and not t <= blocks:
                    blocks |= t
                    changed = True
        return blocks

    def _claim_blocks(self, claim_key: str) -> set[str]:
        """Blocks of the documents holding a claim (a scan: only run when decisions change)."""
        out = set()
        for dk in sorted(self.records):
            rec = self.records[dk]
            if any(rec.claim_key(i) == claim_key for i in range(len(rec.extraction.claims))):
                out |= {self._graph.block_of[m.key] for m in self._mentions.get(dk, []) if m.key in self._graph.block_of}
        return out

    # ------------------------------------------------------------------ assembly
    def _assemble(self, blocks: set[str]) -> UpdateResult:
        blocks = self._closure(set(blocks))
        result = UpdateResult(blocks=len(blocks))
        old_ids = {iid for iid, bs in self._blocks_of.items() if bs & blocks}
        clusters: dict[str, list[Mention]] = {}
        for b in sorted(blocks):
            for iid, members in self._auto.get(b, []):
                clusters[iid] = list(members)
        where = {m.id: iid for iid, ms in clusters.items() for m in ms}
        rejected: set[str] = set()
        pins: dict[str, dict[str, dict]] = defaultdict(dict)
        applied: dict[str, list[str]] = defaultdict(list)
        for d in self._decisions:
            if d.action == "reject_claim":
                rejected.add(d.target["claim"])
                continue
            if d.action == "merge":
                targets = []
                for g in d.target["groups"]:
                    ids = [where[m.id] for m in (self._find(r) for r in g) if m is not None and m.id in where]
                    if ids:
                        targets.append(max(sorted(set(ids)), key=ids.count))
                targets = sorted(set(targets))
                if len(targets) < 2:
                    continue
                keep = max(targets, key=lambda t: (len(clusters[t]), [-ord(ch) for ch in t]))
                for t in targets:
                    if t == keep:
                        continue
                    for m in clusters.pop(t):
                        clusters[keep].append(m)
                        where[m.id] = keep
                    if t in pins:
                        pins[keep].update(pins.pop(t))
                    applied[keep] += applied.pop(t, [])
                applied[keep].append(d.id)
            elif d.action == "split":
                moving = [m for m in (self._find(r) for r in d.target["mentions"]) if m is not None and m.id in where]
                if not moving:
                    continue
                new_id = "inc-" + hashlib.sha1(d.id.encode()).hexdigest()[:10]
                for m in moving:
                    src = where[m.id]
                    clusters[src] = [x for x in clusters[src] if x.id != m.id]
                    if not clusters[src]:
                        del clusters[src]
                    else:
                        applied[src].append(d.id)
                    clusters.setdefault(new_id, []).append(m)
                    where[m.id] = new_id
                applied[new_id].append(d.id)
            elif d.action == "pin_value":
                ms = [m for m in (self._find(r) for r in d.target.get("mentions", [])) if m is not None and m.id in where]
                ids = [where[m.id] for m in ms]
                tid = max(sorted(set(ids)), key=ids.count) if ids else d.target.get("incident")
                if tid not in clusters:
                    continue
                pins[tid][d.after["field"]] = {**{k: v for k, v in d.after.items() if k != "field"},
                                               "decision": d.id, "author": d.author}
                applied[tid].append(d.id)
        previous = {iid: self.incidents.get(iid) for iid in old_ids}
        for iid in old_ids:
            self.incidents.pop(iid, None)
            self._blocks_of.pop(iid, None)
        for iid in sorted(clusters):
            members = sorted(clusters[iid], key=lambda m: (m.doc, m.index))
            docs = sorted({m.doc for m in members})
            rej: frozenset[str] = frozenset()
            if rejected:
                doc_claims = {self.records[dk].claim_key(i) for dk in docs
                              for i in range(len(self.records[dk].extraction.claims))}
                rej = frozenset(rejected & doc_claims)
            block = min(self._graph.block_of.get(m.key, m.key) for m in members)
            sig = hashlib.sha1(json.dumps([
                iid, block, [m.id for m in members], [self._fp[dk] for dk in docs], sorted(rej),
                pins.get(iid, {}), applied.get(iid, []),
            ], sort_keys=True, default=str).encode()).hexdigest()
            inc = self._cache.get(sig)
            if inc is None:
                inc = build_incident(iid, block, members, self.records, self.valuer,
                                     Overrides(rejected=rej, pins=dict(pins.get(iid, {})), decisions=applied.get(iid, [])))
                self._cache[sig] = inc
            if iid not in old_ids:
                result.added.append(iid)
            elif previous.get(iid) is not inc:
                result.changed.append(iid)
            self.incidents[iid] = inc
            self._blocks_of[iid] = {self._graph.block_of.get(m.key, m.key) for m in members}
        result.removed = sorted(old_ids - set(clusters))
        # drop cache entries no incident uses (bounded memory across many updates)
        if len(self._cache) > 2 * len(self.incidents) + 1000:
            live = {id(i) for i in self.incidents.values()}
            self._cache = {k: v for k, v in self._cache.items() if id(v) in live}
        return result

    # ------------------------------------------------------------------ output
    def sorted_incidents(self) -> list[Incident]:
        return sorted(self.incidents.values(), key=lambda i: (i.date_start or "9999", i.victim, i.id))

    def find(self, prefix: str) -> Incident | None:
        if prefix in self.incidents:
            return self.incidents[prefix]
        hits = [i for k, i in sorted(self.incidents.items()) if k.startswith(prefix)]
        return hits[0] if len(hits) == 1 else None

    def aggregates(self) -> list[AggregateClaim]:
        return [a for doc in sorted(self._aggregates) for a in self._aggregates[doc]]

    def jsonl_rows(self) -> list[dict]:
        return [i.score_row() for i in self.sorted_incidents()]


def aggregates_of(rec: DocumentRecord) -> list[AggregateClaim]:
    """The aggregate claims of one document ("Lazarus stole $1 billion in 2022"): never incidents."""
    out = []
    text = rec.text or ""
    for i, c in enumerate(rec.extraction.claims):
        if c.kind != ClaimKind.AGGREGATE or not isinstance(c.value, Aggregate):
            continue
        money = c.value.money
        usd = low = high = None
        if money is not None and money.unit == "USD":
            usd, low, high = money.value, money.low, money.high
        out.append(AggregateClaim(
            claim=rec.claim_key(i), doc=rec.key, actor=actor_name(c.value.actor) if c.value.actor else None,
            period=c.value.period, usd=usd, low=low, high=high, surface=c.span.of(text), sentence=c.sentence.of(text),
            publisher=rec.publisher, published=rec.published.isoformat() if rec.published else None,
        ))
    return out


# ---------------------------------------------------------------------- views over a ledger
def period_bounds(period: str | None) -> tuple[date, date] | None:
    """"2017" / "2017-12" / "2022-H1" / "2022-Q3" -> (first day, last day)."""
    if not period:
        return None
    p = period.strip().upper()
    try:
        if len(p) == 4 and p.isdigit():
            return date(int(p), 1, 1), date(int(p), 12, 31)
        y, rest = p[:4], p[5:]
        if rest in ("H1", "H2"):
            return (date(int(y), 1, 1), date(int(y), 6, 30)) if rest == "H1" else (date(int(y), 7, 1), date(int(y), 12, 31))
        if rest.startswith("Q") and rest[1:].isdigit():
            q = int(rest[1:])
            start = date(int(y), 3 * q - 2, 1)
            end_month = 3 * q
            d = dates.date_from_iso(f"{y}-{end_month:02d}")
            return start, d.end  # type: ignore[union-attr,return-value]
        d = dates.date_from_iso(p)
        return (d.start, d.end) if d else None  # type: ignore[return-value]
    except ValueError:
        return None


def attributed(incident: Incident, actor: str) -> bool:
    """Is ``actor`` (or, for a state, one of its groups) named for this incident, not denied, and
    shown as its actor (low-confidence links, see attribution rule 7, are not counted)?"""
    key = actor_key(actor)
    for a in incident.actors:
        if a.stance == "denied" or not a.on_row:
            continue
        if actor_key(a.actor) == key:
            return True
        try:
            from heistwatch.reference.actors import lookup

            ref = lookup(a.actor)
            state = lookup(actor)
            if ref and state and state.state and ref.country and ref.country == state.country:
                return True
        except Exception:
            pass
    return False


def actor_summary(incidents: Iterable[Incident], aggregates: Iterable[AggregateClaim], actor: str) -> dict:
    """Incidents attributed to ``actor``, totals per year with bounds, confidence, and its aggregates.

    A year's ``low``/``high`` add the incidents' consensus ranges; incidents without a USD figure
    are counted in ``unknown`` (so the total is a lower bound when ``unknown`` > 0).
    """
    name = actor_name(actor)
    incidents = sorted(incidents, key=lambda i: (i.date_start or "9999", i.victim, i.id))
    incs = [i for i in incidents if attributed(i, name)]
    years: dict[str, dict] = {}
    rows = []
    for inc in incs:
        a = next((x for x in inc.actors if actor_key(x.actor) == actor_key(name)), None)
        year = (inc.date or "")[:4] or "undated"
        y = years.setdefault(year, {"year": year, "incidents": 0, "value": 0.0, "low": 0.0, "high": 0.0, "unknown": 0})
        y["incidents"] += 1
        if inc.consensus:
            y["value"] += inc.consensus.value
            y["low"] += inc.consensus.low
            y["high"] += inc.consensus.high
        else:
            y["unknown"] += 1
        rows.append({
            "incident": inc.id, "victim": inc.victim, "date": inc.date, "type": inc.type,
            "loss_usd": inc.consensus.to_dict() if inc.consensus else None,
            "confidence": a.confidence if a else "implied by a group of this state",
            "probability": a.probability if a else None, "stance": a.stance if a else None,
            "sources": len(inc.sources),
        })
    aggs = [aggregate_view(incidents, ag) for ag in aggregates if ag.actor and actor_key(ag.actor) == actor_key(name)]
    return {"actor": name, "incidents": rows, "years": [years[k] for k in sorted(years)], "aggregates": aggs}


def aggregate_view(incidents: Iterable[Incident], ag: AggregateClaim) -> dict:
    """An aggregate claim beside the sum of the incidents attributed to its actor in its period."""
    bounds = period_bounds(ag.period)
    total = low = high = 0.0
    ids = []
    if ag.actor and bounds:
        for inc in sorted(incidents, key=lambda i: (i.date_start or "9999", i.victim, i.id)):
            if not inc.date_start or not attributed(inc, ag.actor):
                continue
            d = date.fromisoformat(inc.date_start)
            if bounds[0] <= d <= bounds[1]:
                ids.append(inc.id)
                if inc.consensus:
                    total += inc.consensus.value
                    low += inc.consensus.low
                    high += inc.consensus.high
    return {"claim": ag.claim, "doc": ag.doc, "actor": ag.actor, "period": ag.period, "usd": ag.usd,
            "low": ag.low, "high": ag.high, "sentence": ag.sentence, "publisher": ag.publisher,
            "incidents_sum": {"value": round(total, 2), "low": round(low, 2), "high": round(high, 2), "incidents": ids}}
