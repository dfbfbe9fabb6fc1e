"""Build one :class:`Incident` from its mentions: claims with provenance, date, losses, actors."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from heistwatch.extract.model import (
    Aggregate,
    Attribution,
    ClaimKind,
    DateValue,
    Granularity,
    Indicator,
    Money,
    Technique,
)
from heistwatch.resolve import dates, losses
from heistwatch.resolve.attribution import assess, last_named, names_victim, support
from heistwatch.resolve.cluster import Mention, not_event_date
from heistwatch.resolve.model import (
    ActorClaim,
    ClaimRef,
    Consensus,
    DocumentRecord,
    Finding,
    Incident,
    LossFigure,
    MentionRef,
    ValuerLike,
    value_dict,
)
from heistwatch.resolve.names import actor_name, claimant_class, claimant_key, known_platform, victim_key

LEANS_AGAINST = 0.45   # below "roughly even chance" on the ICD 203 scale: the row does not show the actor
UNATTRIBUTED = "unattributed reports"   # every claim that names no claimant: one voice (see attribution.py)

TYPE_PREFERENCE = ["exchange_hack", "bridge_hack", "defi_exploit", "wallet_hack", "data_breach", "phishing",
                   "cryptojacking", "ransomware", "other"]


@dataclass(slots=True)
class Overrides:
    """What analyst decisions change in one incident (see decisions.py)."""

    rejected: frozenset[str] = frozenset()
    pins: dict[str, Any] = field(default_factory=dict)       # field -> {"value", "decision", "claim"?}
    decisions: list[str] = field(default_factory=list)


# unlinked claims no incident of the document adopts: tallies, and sums that are no loss
_NOT_ADOPTED = frozenset({ClaimKind.AGGREGATE, ClaimKind.FIGURE})


def claims_for(record: DocumentRecord, mention_index: int) -> list[int]:
    """Indexes of the claims of ``record`` about its mention ``mention_index``.

    Claims the extractor left unlinked belong to the document's only incident when it has one; in
    a document reporting several incidents, to the incident whose victim their sentence names when
    it names exactly one of the document's victims ("... when Platypus was drained of $8.5M").
    Tallies of many incidents and figures the extractor read as no loss ("raised $150 million in its
    token sale") belong to none.
    """
    ex = record.extraction
    only = len(ex.incidents) == 1
    named: dict[int, int | None] = {}
    if not only:
        text = record.text or ""
        victims = {m.index: [m.victim] + [n for n in [surface_name(record, m.index)] if n] for m in ex.incidents}
        for i, c in enumerate(ex.claims):
            if c.incident is None and c.kind not in _NOT_ADOPTED and text:
                sentence = c.sentence.of(text)
                hits = sorted({ix for ix, v in victims.items() if names_victim(sentence, v)})
                named[i] = hits[0] if len(hits) == 1 else None
    out = []
    for i, c in enumerate(ex.claims):
        if c.kind in _NOT_ADOPTED and c.incident is None:
            continue
        if c.kind == ClaimKind.AGGREGATE:
            continue
        if c.incident == mention_index or (c.incident is None and (only or named.get(i) == mention_index)):
            out.append(i)
    return out


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


WEAK_YEAR_VOTE = 0.3    # a mention's year that no sentence behind it ties to the victim
WEAKENED_VOTE = 0.5     # a mention's day or month it was placed without (cluster.cluster_block)


def _choose_date(cands: list[tuple[DateValue, str, float, str | None]], first_report: date | None = None,
                 earliest: bool = False) -> DateValue | None:
    """Pick the incident date from (date, source, weight, claim) candidates; see build_incident.

    ``earliest``: of the best year's months, the earliest wins, not the best supported (a data breach:
    reports date it when the data was taken, or when the leak was found or told, months later)."""
    if not cands:
        return None

    def near(prefix: str) -> int:
        """1 when the candidate lies in the 120 days before the first report (news is about recent events)."""
        if first_report is None:
            return 0
        d = dates.date_from_iso(prefix)
        return int(d is not None and d.start is not None and d.end is not None
                   and d.end >= first_report - timedelta(days=120) and d.start <= first_report + timedelta(days=2))

    months: dict[str, dict[str, float]] = defaultdict(dict)
    years: dict[str, dict[str, float]] = defaultdict(dict)
    for d, src, w, _ in cands:
        iso = d.iso() or ""
        years[iso[:4]][src] = max(years[iso[:4]].get(src, 0), w)
        if dates.rank(d) <= 1:
            months[iso[:7]][src] = max(months[iso[:7]].get(src, 0), w)
    best_year = max(sorted(years), key=lambda y: (round(sum(years[y].values()), 6), near(y)))
    in_year = {m: v for m, v in months.items() if m.startswith(best_year)}
    if not in_year:
        coarse = [d for d, *_ in cands if (d.iso() or "").startswith(best_year)]
        return min(coarse, key=lambda d: (dates.rank(d), d.start))
    best_month = min(in_year) if earliest else max(sorted(in_year), key=lambda m: (round(sum(in_year[m].values()), 6), near(m)))
    days: dict[str, dict[str, float]] = defaultdict(dict)
    for d, src, w, _ in cands:
        if d.granularity == Granularity.DAY and (d.iso() or "").startswith(best_month):
            days[d.iso()][src] = max(days[d.iso()].get(src, 0), w)  # type: ignore[index]
    if days:
        best_day = max(sorted(days), key=lambda x: (round(sum(days[x].values()), 6), near(x)))
        return dates.date_from_iso(best_day)
    return dates.date_from_iso(best_month)


def _valuation_day(d: DateValue | None, mentions: list[Mention]) -> date | None:
    if d is not None and d.start is not None:
        if d.granularity == Granularity.DAY or d.end is None:
            return d.start
        return d.start + (d.end - d.start) // 2
    pubs = [m.published for m in mentions if m.published]
    return min(pubs) if pubs else None


def surface_name(record: DocumentRecord, index: int) -> str | None:
    """The name a document first calls its mention's victim by ("Yapizon" for Youbit, "Coinus" for
    Coinis), when that surface is a name: capitalised, at most four words, no digits."""
    m = next((x for x in record.extraction.incidents if x.index == index), None)
    if m is None or m.span is None or not record.text:
        return None
    surface = record.text[m.span.start:m.span.end].strip()
    if not surface or not surface[0].isupper() or len(surface.split()) > 4 or any(ch.isdigit() for ch in surface):
        return None
    return surface


def _refers_back(live, records: Mapping[str, DocumentRecord], own: dict[str, int], victim_names: list[str]) -> set[str]:
    """Keys of the attribution claims (in documents reporting several incidents) whose sentence
    follows this incident's victim's name with no other victim of the document named in between."""
    out = set()
    for (doc, i), r in live:
        rec = records[doc]
        if r.kind != ClaimKind.ACTOR.value or len(rec.extraction.incidents) < 2 or not rec.text:
            continue
        names_of: dict[str, list[str]] = {"this": list(victim_names)}
        for m in rec.extraction.incidents:
            if m.index != own.get(doc) and m.victim not in victim_names:
                names_of.setdefault(f"other{m.index}", []).append(m.victim)
                if (n := surface_name(rec, m.index)) and n not in victim_names:
                    names_of[f"other{m.index}"].append(n)
        if last_named(rec.text, r.sentence_span[0], names_of) == "this":
            out.add(r.key)
    return out


def doc_actor_aliases(record: DocumentRecord) -> dict[str, str]:
    """Sub-groups a document gives as another name of their parent group, sub-group -> parent.

    A sentence with an actor claim for a sub-group (by the reference list, "APT38" under "Lazarus
    Group") that calls it another name ("also known as", "tracks as", "which it also calls") of its
    parent, named in that sentence or in the 300 characters before it ("the Lazarus Group, also known
    as APT38"), tells that this document means the parent whenever it names the sub-group: its claims
    of the sub-group count for the parent.
    """
    from heistwatch.resolve.attribution import ALIAS_WORDS
    from heistwatch.resolve.names import actor_key

    text = record.text or ""
    out: dict[str, str] = {}
    if not text:
        return out
    for c in record.extraction.claims:
        if not isinstance(c.value, Attribution):
            continue
        name = actor_name(c.value.actor)
        parent = _parent(name)
        if not parent or name in out:
            continue
        lo, hi = c.sentence.start, c.sentence.end
        if not ALIAS_WORDS.search(text[lo:hi]):
            continue
        try:
            from heistwatch.reference.actors import find_actors
        except Exception:
            return out
        if any(actor_key(m.actor.name) == actor_key(parent) for m in find_actors(text[max(0, lo - 300):hi])):
            out[name] = parent
    return out


# Words before a group's name that make it the parent of the group a sentence speaks of, not the
# actor: "a spin-off of the Lazarus Group", "a unit of Lazarus", "part of the Lazarus Group".
PARENT_OF = re.compile(
    r"\b(?:spin-?offs?|offshoots?|sub-?groups?|sub-?units?|units?|arms?|divisions?|factions?|branch(?:es)?|cells?|"
    r"splinter(?: groups?)?|subsets?|part|sub-?clusters?|clusters?)\s+(?:of|within|inside)\s+(?:the\s+)?"
    r"(?:(?:north\s+korea\S*|notorious|infamous|state-sponsored|dprk)\s+)*$", re.I)


def _parent_only_claims(claims: list[ActorClaim], refs: Mapping[str, ClaimRef]) -> set[str]:
    """Claims naming the actor only as the group another group belongs to (PARENT_OF before it)."""
    out = set()
    for c in claims:
        r = refs.get(c.claim)
        if r is None or not r.sentence:
            continue
        prefix = r.sentence[:max(0, r.span[0] - r.sentence_span[0])]
        if PARENT_OF.search(prefix[-60:]):
            out.add(c.claim)
    return out


def _parent(actor: str) -> str | None:
    """The group an actor belongs to in the reference list ("APT38" -> "Lazarus Group"), if any
    (a state is no group: "Lazarus Group" has none)."""
    try:
        from heistwatch.reference.actors import lookup

        ref = lookup(actor)
        parent = getattr(ref, "parent", None) if ref else None
        up = lookup(parent) if parent else None
        return parent if parent and not (up is not None and up.state) else None
    except Exception:
        return None


def _name(mentions: list[Mention]) -> str:
    """The victim's display name: the most common canonical name (the reference list's name for a
    known platform, "Coincheck" for "Coincheck Inc."), counting each source once; ties go to a
    known platform's name, then to the shorter name."""
    by_source: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        by_source[known_platform(m.victim) or m.victim].add(m.source or m.doc)
    counts = {v: len(srcs) for v, srcs in by_source.items()}
    return max(sorted(counts), key=lambda v: (counts[v], known_platform(v) == v, -len(v)))


def _type(mentions: list[Mention]) -> str:
    """The incident type most sources give (each source once), ties by TYPE_PREFERENCE."""
    counts = Counter(t for t, _ in {(m.type, m.source or m.doc) for m in mentions})
    return max(sorted(counts), key=lambda t: (counts[t], -TYPE_PREFERENCE.index(t) if t in TYPE_PREFERENCE else -99))


def build_incident(
    incident_id: str,
    block: str,
    members: list[Mention],
    records: Mapping[str, DocumentRecord],
    valuer: ValuerLike | None = None,
    overrides: Overrides | None = None,
) -> Incident:
    """Everything about one incident, each figure tied to the claims it comes from.

    Date: each source (a near-duplicate group) votes for the date it states for the incident; the
    year most sources name wins, then the month within it most sources name, then the day
    within that month most sources name (a source = a near-duplicate group; dates resolved from
    relative words such as "last Monday" weigh 0.6); ties go to a date within 120 days before the
    first report, then to the earliest. Dates of other
    sources that disagree beyond the conflict tolerance are flagged, except a date its mention may
    have taken from another event (a statement about the heist, what followed it: cluster.mentions_of).
    A date claim given only as a start ("since 2014", "traced back to 11 September") does not vote.
    """
    ov = overrides or Overrides()
    members = sorted(members, key=lambda m: (m.doc, m.index))
    refs: list[ClaimRef] = []
    by_pos: dict[tuple[str, int], ClaimRef] = {}
    mention_refs = []
    for m in members:
        rec = records[m.doc]
        mention_refs.append(MentionRef(doc=m.doc, index=m.index, victim=m.victim, type=m.type, date=dates.iso(m.date),
                                       main=m.main, source=m.source, published=_iso(m.published)))
        text = rec.text or ""
        for i in claims_for(rec, m.index):
            if (m.doc, i) in by_pos:
                continue
            c = rec.extraction.claims[i]
            key = rec.claim_key(i)
            ref = ClaimRef(
                key=key, doc=m.doc, kind=c.kind.value, value=value_dict(c.value),
                surface=c.span.of(text), sentence=c.sentence.of(text),
                span=(c.span.start, c.span.end), sentence_span=(c.sentence.start, c.sentence.end),
                mention=m.index, publisher=rec.publisher, url=rec.url, published=_iso(rec.published),
                source=rec.group, claimant=c.value.claimant if isinstance(c.value, Attribution) else None,
                confidence=c.confidence, rejected=key in ov.rejected,
            )
            refs.append(ref)
            by_pos[(m.doc, i)] = ref
    live = [(pos, r) for pos, r in sorted(by_pos.items()) if not r.rejected]
    sentences = {r.key: r.sentence for _, r in live}
    confidence = {r.key: r.confidence for _, r in live}

    # ---- date
    cands: list[tuple[DateValue, str, float, str | None]] = []
    # a mention's own date stands on the document's date claims: rejecting the claim drops it too
    rejected_dates = {(r.doc, r.mention, dates.iso(records[d].extraction.claims[i].value))  # type: ignore[arg-type]
                      for (d, i), r in sorted(by_pos.items()) if r.rejected and r.kind == ClaimKind.DATE.value}
    votes: list[tuple[DateValue, str, float, str | None]] = []
    for m in members:
        if dates.usable(m.date) and (m.doc, m.index, dates.iso(m.date)) not in rejected_dates:
            # a year no sentence ties to the victim ("half the amount of 2022") is weak evidence
            w = WEAK_YEAR_VOTE if m.weak_year else 1.0
            votes.append((m.date, m.source, w * (0.6 if m.date.relative else 1.0), None))  # type: ignore[arg-type,union-attr]
    # a day or month a mention was only placed without (the day of a statement or a detection,
    # which follows the heist closely: cluster.mentions_of) still votes, low, when no source
    # states the incident's day or month
    if votes and not any(dates.rank(d) <= 1 for d, *_ in votes):
        for m in members:
            w = m.weak_date
            if (dates.usable(w) and dates.rank(w) <= 1 and not m.weak_year  # type: ignore[arg-type]
                    and (m.doc, m.index, dates.iso(w)) not in rejected_dates):
                votes.append((w, m.source, WEAKENED_VOTE, None))  # type: ignore[arg-type]
    for (doc, i), r in live:
        if r.kind == ClaimKind.DATE.value:
            dv = records[doc].extraction.claims[i].value
            if dates.usable(dv) and not not_event_date(records[doc].text or "", r.span[0], r.span[1]):  # type: ignore[arg-type]  ("since 2014")
                cands.append((dv, r.source or doc, 0.6 if dv.relative else 1.0, r.key))  # type: ignore[arg-type,union-attr]
    findings: list[Finding] = []
    pubs = sorted(m.published for m in members if m.published)
    # each source votes once, for the date it states for the incident (its mention's date, or its
    # best date claim when the mention has none); other date claims vote only when no source states one
    chosen = _choose_date(votes or cands, pubs[0] if pubs else None, earliest=_type(members) == "data_breach")
    pinned: dict[str, Any] = {}
    if "date" in ov.pins:
        chosen = dates.date_from_iso(ov.pins["date"]["value"])
        pinned["date"] = ov.pins["date"]
    date_claims = []
    if chosen is not None:
        date_claims = sorted({k for d, _, _, k in cands if k and d.iso() and (d.iso().startswith(chosen.iso()) or chosen.iso().startswith(d.iso()))})  # type: ignore[union-attr]
        # conflicts compare the date each document states for the incident (its mention's date,
        # backed by its date claims), not every date claim an extractor linked to it
        keys_of_doc: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        for (doc, _i), r in live:
            if r.kind == ClaimKind.DATE.value and r.value.get("start"):
                keys_of_doc[(doc, dates.iso(records[doc].extraction.claims[_i].value))].append(r.key)  # type: ignore[arg-type]
        stated = [(m.date, m.doc, 1.0, (keys_of_doc.get((m.doc, dates.iso(m.date))) or [None])[0])
                  for m in members if dates.usable(m.date) and (m.doc, m.index, dates.iso(m.date)) not in rejected_dates]
        # a date the mention may have taken from another event (the day of a statement about the heist,
        # of what followed it, its document's main incident: cluster.mentions_of) raises no conflict
        weak = {(m.doc, dates.iso(m.date)) for m in members if m.inherited and dates.usable(m.date)}
        findings += _date_conflicts(chosen, stated, live, sentences, weak)  # type: ignore[arg-type]

    # ---- losses
    vday = _valuation_day(chosen, members)
    victim_names = sorted({m.victim for m in members} | {known_platform(m.victim) or m.victim for m in members}
                          | {n for m in members if (n := surface_name(records[m.doc], m.index))})
    figures = _figures(live, records, valuer, vday, victim_names, _other_episode_amounts(members, records))
    findings += losses.mark_revisions(figures, sentences, {d: records[d].publisher for d in {f.doc for f in figures}})
    cons = losses.consensus(figures, confidence, "loss", sentences, victim_names)
    if "loss_usd" in ov.pins:
        p = ov.pins["loss_usd"]
        v = float(p["value"])
        cons = Consensus(value=v, low=float(p.get("low", v)), high=float(p.get("high", v)),
                         claims=[p["claim"]] if p.get("claim") else [], sources=[],
                         method=f"pinned by analyst decision {p['decision']}")
        pinned["loss_usd"] = p
    valued = losses.valued_beside(figures)
    recovered = losses.consensus(figures, confidence, "recovery", sentences)
    losses.explain_by_price_moves(figures, valuer, vday)
    findings += losses.loss_conflicts(figures, sentences, "loss")
    findings += losses.valuation_notes(figures, sentences, cons)
    net = None
    if cons is not None and recovered is not None:
        net = round(max(cons.value - recovered.value, 0.0), 2)

    # ---- actors
    by_actor: dict[str, list[ActorClaim]] = defaultdict(list)
    techniques: dict[str, dict[str, Any]] = {}
    indicators: dict[tuple[str, str], dict[str, Any]] = {}
    doc_aliases: dict[str, dict[str, str]] = {}
    folded: dict[str, set[str]] = defaultdict(set)     # sub-group -> its claims that count for its parent
    for (doc, i), r in live:
        v = records[doc].extraction.claims[i].value
        if isinstance(v, Attribution):
            ck = claimant_key(v.claimant) or UNATTRIBUTED
            name = actor_name(v.actor)
            ac = ActorClaim(
                claim=r.key, doc=doc, source=r.source or doc, claimant=v.claimant, claimant_key=ck,
                claimant_class=claimant_class(v.claimant), stance=v.stance.value, hedge=v.hedge,
                probability=v.probability, published=r.published,
            )
            by_actor[name].append(ac)
            if doc not in doc_aliases:
                doc_aliases[doc] = doc_actor_aliases(records[doc])
            parent = doc_aliases[doc].get(name)
            if parent:      # this document uses the sub-group's name for its parent group
                by_actor[parent].append(ac)
                folded[name].add(r.key)
        elif isinstance(v, Technique):
            t = techniques.setdefault(v.attack_id, {"attack_id": v.attack_id, "name": v.name, "claims": []})
            t["claims"].append(r.key)
        elif isinstance(v, Indicator):
            ind = indicators.setdefault((v.type, v.value), {"type": v.type, "value": v.value, "valid": v.valid, "claims": []})
            ind["claims"].append(r.key)
    actors = [assess(name, cs) for name, cs in sorted(by_actor.items())]
    sole_docs = {m.doc for m in members if len(records[m.doc].extraction.incidents) == 1}
    refers_back = _refers_back(live, records, {m.doc: m.index for m in members}, victim_names)
    refs_by_key = {r.key: r for _, r in live}
    # groups named for this incident by claims of their own (not only as another name of their parent)
    own_named = {a.actor for a in actors if any(c.claim not in folded.get(a.actor, set()) for c in a.claims)}
    for a in actors:
        # a parent group named only as the group a named sub-group belongs to ("Andariel ... a spin-off
        # of the Lazarus Group") is not a second actor
        children = sorted(n for n in own_named if n != a.actor and _parent(n) == a.actor)
        parent_only = _parent_only_claims(a.claims, refs_by_key) if children else set()
        a.on_row, a.support = support(a.claims, sentences, victim_names, sole_docs,
                                      alias_claims=folded.get(a.actor, set()) | parent_only, refers_back=refers_back)
        if parent_only and not a.on_row and all(c.claim in parent_only for c in a.claims):
            a.support = f"named only as the group {', '.join(children)} belongs to, not as an actor of its own"
        if a.on_row and a.probability < LEANS_AGAINST:
            # the claimants, pooled, lean against it (a denial outweighs a suspicion): kept, not shown
            a.on_row = False
            a.support = f"the sources lean against it ({a.confidence}, {a.probability:.2f}); {a.support}"
    if "actors" in ov.pins:
        pinned["actors"] = ov.pins["actors"]
        keep = set(ov.pins["actors"]["value"])
        actors = [a for a in actors if a.actor in keep]
    actors.sort(key=lambda a: (-a.probability, a.actor))

    victim, itype = _name(members), _type(members)
    for fld in ("victim", "type"):
        if fld in ov.pins:
            pinned[fld] = ov.pins[fld]
    victim = ov.pins["victim"]["value"] if "victim" in ov.pins else victim
    itype = ov.pins["type"]["value"] if "type" in ov.pins else itype

    return Incident(
        id=incident_id, block=block, victim=victim, type=itype,
        date=chosen.iso() if chosen else None,
        date_start=_iso(chosen.start) if chosen else None, date_end=_iso(chosen.end) if chosen else None,
        mentions=mention_refs, claims=refs, losses=figures, consensus=cons, recovered=recovered, net_loss=net,
        valued=valued,
        findings=findings, actors=actors,
        techniques=[techniques[k] for k in sorted(techniques)],
        indicators=[indicators[k] for k in sorted(indicators)],
        date_claims=date_claims, pinned=pinned, decisions=list(ov.decisions),
    )


def _date_conflicts(chosen: DateValue, cands, live, sentences: dict[str, str],
                    weak: set[tuple[str, str | None]] = frozenset()) -> list[Finding]:  # type: ignore[assignment]
    """Findings for dates (from (date, document, weight, claim) candidates) that conflict with ``chosen``;
    a date only ``weak`` documents state ((document, date) pairs) raises none."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    claims_of: dict[str, list[str]] = defaultdict(list)
    values: dict[str, DateValue] = {}
    for d, doc, _, key in cands:
        iso = d.iso()
        if not iso or dates.rank(d) > 1:
            continue
        values[iso] = d
        docs_of[iso].add(doc)
        if key:
            claims_of[iso].append(key)
    out = []
    agree = sorted(docs_of.get(chosen.iso() or "", set()))
    date_keys = sorted(set(claims_of.get(chosen.iso() or "", [])))
    for iso in sorted(values):
        d = values[iso]
        if dates.conflicting(d, chosen) and not all((doc, iso) in weak for doc in docs_of[iso]):
            example = next((sentences[k] for k in claims_of[iso] if sentences.get(k)), "")
            example = example.strip().replace("\n", " ")
            if len(example) > 140:
                example = example[:137] + "..."
            out.append(Finding(
                kind="date", flagged=True,
                explanation=(f"dates disagree: {dates.human(chosen)} ({', '.join(agree) or 'consensus'}) vs "
                             f"{dates.human(d)} ({', '.join(sorted(docs_of[iso]))}"
                             + (f': "{example}"' if example else "") + ")"),
                claims=sorted(set(claims_of[iso])) + [k for k in date_keys if k not in claims_of[iso]][:1],
                documents=sorted(docs_of[iso] | set(agree)),
            ))
    return out


# "Taken together, the five incidents add up to ...", "the three thefts combined": a sum over several
# incidents (the sentence may name this one's victim too), not one incident's loss
SUM_WORDS = re.compile(r"\b(?:taken together|combined|in total|all told|altogether|add(?:s|ed)? up to|sum of)\b", re.I)
SEVERAL_EVENTS = re.compile(
    r"\b(?:the|these|those|all|both|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:\w+\s+){0,2}?"
    r"(?:incidents|thefts|hacks|attacks|heists|exploits|breaches|robberies)\b", re.I)


def _sums_several(record: DocumentRecord, sentence: str) -> bool:
    """In a report on several incidents of different victims, does the sentence state a sum over
    several incidents (SUM_WORDS and SEVERAL_EVENTS)?"""
    if not sentence or len({victim_key(m.victim) for m in record.extraction.incidents}) < 2:
        return False
    return SUM_WORDS.search(sentence) is not None and SEVERAL_EVENTS.search(sentence) is not None


def _linked_amounts(record: DocumentRecord, index: int) -> list[Money]:
    return [c.value for c in record.extraction.claims
            if c.kind == ClaimKind.LOSS and c.incident == index and isinstance(c.value, Money) and c.value.value > 0]


def _same_amount(a: Money, b: Money) -> bool:
    return a.unit == b.unit and abs(a.value - b.value) <= 0.01 * max(a.value, b.value)


def _other_episode_amounts(members: list[Mention], records: Mapping[str, DocumentRecord]) -> dict[tuple[str, int], list[Money]]:
    """Per member mention, the amounts its document links both to it and to another mention of the same
    victim that is not of this incident, when the document also links it an amount of its own: a report of
    a second theft ("hit again, weeks after the $26 million theft ... $2.8 million drained on Monday")
    recalls the first one's loss, which is the first incident's, not this one's."""
    mine = {(m.doc, m.index) for m in members}
    out: dict[tuple[str, int], list[Money]] = {}
    for m in members:
        rec = records[m.doc]
        others = [x for x in rec.extraction.incidents
                  if (m.doc, x.index) not in mine and victim_key(x.victim) == victim_key(m.victim)]
        if not others:
            continue
        own = _linked_amounts(rec, m.index)
        theirs = [a for x in others for a in _linked_amounts(rec, x.index)]
        shared = [a for a in own if any(_same_amount(a, b) for b in theirs)]
        if shared and len(shared) < len(own):
            out[(m.doc, m.index)] = shared
    return out


def _figures(live, records: Mapping[str, DocumentRecord], valuer: ValuerLike | None, vday: date | None,
             victim_names: list[str] = (), other_episode: Mapping[tuple[str, int], list[Money]] | None = None  # type: ignore[assignment]
             ) -> list[LossFigure]:
    """The incident's loss and recovery figures, valued at ``vday``. A figure equal to an amount its
    document gives as the total of several thefts, or stated in the sentence of such a total, in a
    sentence that does not name the victim (``victim_names``), is part of that total ("the 7.6
    billion won ... is now worth", "stole billions of won (around $238 million) from the
    country's exchanges"): kept and shown, not used."""
    figures: list[LossFigure] = []
    # which native figures carry a stated USD conversion (and which USD figures are conversions)
    reported: dict[tuple[str, int], float] = {}
    for (doc, i), r in live:
        c = records[doc].extraction.claims[i]
        if isinstance(c.value, Money) and c.value.paired_with is not None:
            j = c.value.paired_with
            ex = records[doc].extraction
            if 0 <= j < len(ex.claims) and isinstance(ex.claims[j].value, Money):
                other = ex.claims[j].value
                if c.value.unit != "USD" and other.unit == "USD":
                    reported[(doc, i)] = other.value
                elif c.value.unit == "USD" and other.unit != "USD":
                    reported[(doc, j)] = c.value.value
    # amounts a document states as the total of several thefts ("7.6 billion won stolen from exchanges
    # this year"): the same amount linked to one incident of that document is the total repeated
    totals: dict[str, list[Money]] = {}
    total_sentences: dict[str, set[int]] = {}
    for doc in sorted({d for (d, _), _ in live}):
        aggs = [c for c in records[doc].extraction.claims if c.kind == ClaimKind.AGGREGATE and isinstance(c.value, Aggregate)]
        totals[doc] = [c.value.money for c in aggs if c.value.money is not None]  # type: ignore[union-attr]
        total_sentences[doc] = {c.sentence.start for c in aggs}
    for (doc, i), r in live:
        c = records[doc].extraction.claims[i]
        if c.kind not in (ClaimKind.LOSS, ClaimKind.RECOVERY) or not isinstance(c.value, Money):
            continue
        mv = c.value
        f = LossFigure(
            claim=r.key, doc=doc, source=r.source or doc,
            role="loss" if c.kind == ClaimKind.LOSS else "recovery",
            amount=mv.value, unit=mv.unit, low=mv.low, high=mv.high,
            qualifier="vague" if mv.vague else mv.qualifier, published=r.published,
            valued_at=losses.valued_later(mv.valued_at, vday, r.sentence if mv.unit == "USD" else "", r.surface),
            reported_usd=reported.get((doc, i)),
        )
        if mv.unit == "USD":
            f.usd, f.usd_low, f.usd_high = mv.value, mv.low, mv.high
        elif valuer is not None and vday is not None:
            try:
                q = valuer.usd(mv.value, mv.unit, vday)
            except Exception:
                q = None
            if q is not None:
                f.usd = round(q.usd, 2)
                f.usd_low = round(mv.low * q.rate, 2) if mv.low is not None else None
                f.usd_high = round(mv.high * q.rate, 2) if mv.high is not None else None
                f.quote = q.to_dict() if hasattr(q, "to_dict") else {"rate": q.rate, "rate_date": str(q.rate_date), "source": q.source}
        if ((any(t.unit == mv.unit and t.value > 0 and abs(t.value - mv.value) / t.value <= 0.01 for t in totals[doc])
             or c.sentence.start in total_sentences[doc]) and not names_victim(r.sentence, victim_names)):
            f.note = losses.AGGREGATE_NOTE
        elif _sums_several(records[doc], r.sentence):
            f.note = losses.AGGREGATE_NOTE
        elif c.kind == ClaimKind.LOSS and any(_same_amount(mv, a) for a in (other_episode or {}).get((doc, c.incident), ())):  # type: ignore[arg-type]
            f.note = losses.OTHER_EPISODE_NOTE
        elif f.usd is None and mv.unit != "USD":
            f.note = "no price known at the incident date: USD value unknown"
        elif f.reported_usd is not None:
            f.note = "stated with its USD conversion: the conversion counts, not this figure"
        figures.append(f)
    return figures

