"""Check that every figure an incident shows goes back to claims: document, span and sentence."""

from __future__ import annotations

from collections.abc import Mapping

from heistwatch.resolve.model import Incident


def trace_problems(inc: Incident, texts: Mapping[str, str]) -> list[str]:
    """What cannot be traced in ``inc`` (empty when everything can). ``texts``: document key -> text."""
    out: list[str] = []
    refs = {c.key: c for c in inc.claims}
    docs = set(inc.documents)

    def bad(msg: str) -> None:
        out.append(f"{inc.id}: {msg}")

    for c in inc.claims:
        text = texts.get(c.doc)
        if c.doc not in docs:
            bad(f"claim {c.key} from {c.doc}, which is not a mention of the incident")
        if text is None:
            bad(f"claim {c.key}: no text for {c.doc}")
            continue
        if text[c.span[0]:c.span[1]] != c.surface:
            bad(f"claim {c.key}: span {c.span} of {c.doc} is not {c.surface!r}")
        if text[c.sentence_span[0]:c.sentence_span[1]] != c.sentence:
            bad(f"claim {c.key}: sentence span {c.sentence_span} of {c.doc} does not hold its sentence")
        if not (c.sentence_span[0] <= c.span[0] <= c.span[1] <= c.sentence_span[1]):
            bad(f"claim {c.key}: span outside its sentence")
    for f in inc.losses:
        ref = refs.get(f.claim)
        if ref is None or ref.doc != f.doc or ref.kind not in ("loss", "recovery"):
            bad(f"loss figure {f.amount} {f.unit} has no loss claim behind it")
        elif ref.value.get("value") != f.amount or ref.value.get("unit") != f.unit:
            bad(f"loss figure {f.amount} {f.unit} differs from its claim {ref.value}")
    for name, cons in (("consensus", inc.consensus), ("recovered", inc.recovered)):
        if cons is None:
            continue
        if "pinned" in cons.method:
            if not inc.pinned.get("loss_usd", {}).get("decision") and name == "consensus":
                bad("pinned consensus without its decision")
            continue
        used = [f for f in inc.losses if f.claim in cons.claims]
        if not used or len(used) != len(cons.claims):
            bad(f"{name} rests on claims that are not loss figures of the incident")
            continue
        values = [f.usd for f in used if f.usd is not None]
        bounds = values + [b for f in used for b in (f.usd_low, f.usd_high) if b is not None]
        if not (min(bounds) - 0.01 <= cons.low <= cons.value <= cons.high <= max(bounds) + 0.01):
            bad(f"{name} {cons.value} ({cons.low}-{cons.high}) outside the figures it rests on")
        if set(cons.sources) != {f.source for f in used}:
            bad(f"{name} sources differ from the sources of its figures")
    for k in inc.date_claims:
        if k not in refs or refs[k].kind != "date":
            bad(f"date claim {k} is not a date claim of the incident")
    if inc.date and "date" not in inc.pinned and not inc.date_claims:
        if not any(m.date and (m.date.startswith(inc.date) or inc.date.startswith(m.date)) for m in inc.mentions):
            bad(f"date {inc.date} stated by no mention and no date claim")
    for a in inc.actors:
        if not a.claims:
            bad(f"actor {a.actor} without claims")
        for c in a.claims:
            if c.claim not in refs or refs[c.claim].kind != "actor" or refs[c.claim].doc != c.doc:
                bad(f"actor {a.actor}: claim {c.claim} is not an actor claim of {c.doc}")
    for finding in inc.findings:
        if not finding.claims and not finding.documents:
            bad(f"finding without claims or documents: {finding.explanation[:60]}")
        if any(k not in refs for k in finding.claims) or not set(finding.documents) <= docs:
            bad(f"finding refers to claims or documents outside the incident: {finding.explanation[:60]}")
    return out
