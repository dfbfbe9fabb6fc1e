"""Loss figures valued at the incident date, their consensus, and the differences between them.

* **Valuation**: a USD figure stands as stated; any other unit is valued in USD at the incident
  date through the valuer (ECB rates for fiat, a price provider for crypto). No price: the native
  amount stays and ``usd`` is None ("USD unknown"). A native amount stated with its conversion
  ("58 billion yen ($534 million)") counts once: the stated USD conversion is used and the
  native amount kept beside it.
* **What the consensus rests on**: figures valued at a later date ("now worth more than $25,000")
  and figures a source has since revised ("initially $31 million, now over $60 million") are
  kept and shown but not used; vague figures ("tens of millions") are used only when nothing
  sharper is stated.
* **Consensus**: each independent source (near-duplicate documents are one source) contributes
  the median of its usable USD figures; the consensus is the median of the sources weighted by
  the mean extractor confidence of their claims (every source has the same reliability weight
  1.0 otherwise); its range runs from the lowest to the highest figure it rests on (a range the
  text states, such as "tens of millions", widens it).
* **Conflicts**: two sources whose figures are more than ``LOSS_TOLERANCE`` (10%) apart after
  valuation, and whose stated bounds do not reconcile them, are flagged ($520M vs $534M is
  within rounding and conversion: not flagged). Figures more than ``OUTLIER_FACTOR`` (3x) off
  the rest are outliers: left out of the consensus and flagged for review.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from heistwatch.resolve.model import Consensus, Finding, LossFigure

LOSS_TOLERANCE = 0.10
REVISION_CUES = re.compile(
    r"\b(initially|originally|at first|first reported|first estimated|earlier estimate[sd]?|previously|"
    r"initial estimate|initial reports?|had earlier|was first put)\b", re.IGNORECASE)


def money_text(usd: float | None, unit: str = "USD", amount: float | None = None) -> str:
    if usd is None and amount is not None:
        return f"{amount:,.0f} {unit} (USD unknown)"
    assert usd is not None
    if usd >= 1e9:
        return f"${usd / 1e9:,.2f}B"
    if usd >= 1e6:
        return f"${usd / 1e6:,.1f}M"
    return f"${usd:,.0f}"


def _weighted_median(values: list[tuple[float, float]]) -> float:
    values = sorted(values)
    total = sum(w for _, w in values)
    acc = 0.0
    for i, (v, w) in enumerate(values):
        acc += w
        if acc >= total / 2:
            # exactly half: average with the next value (the ordinary median of an even count)
            if abs(acc - total / 2) < 1e-9 and i + 1 < len(values):
                return (v + values[i + 1][0]) / 2
            return v
    return values[-1][0]


def mark_revisions(figures: list[LossFigure], sentences: dict[str, str], publisher_of: dict[str, str | None]) -> list[Finding]:
    """Mark superseded figures of one source (a doc's "initially ..." or an outlet's later report).

    Returns the (unflagged) revision findings; sets ``revision``, ``note`` on the figures.
    """
    findings: list[Finding] = []
    by_doc: dict[str, list[LossFigure]] = defaultdict(list)
    for f in figures:
        if f.usd is not None:
            by_doc[f.doc].append(f)
    for doc in sorted(by_doc):
        fs = by_doc[doc]
        initial = [f for f in fs if REVISION_CUES.search(sentences.get(f.claim, ""))]
        later = [f for f in fs if f not in initial]
        if not initial or not later:
            continue
        gone = [f for f in initial if all(_apart(f, g) for g in later)]
        if not gone:
            continue
        for f in gone:
            f.revision, f.note = 0, "superseded by the same source's later figure"
        for g in later:
            g.revision = 1
        findings.append(Finding(
            kind="revision", flagged=False,
            explanation=(f"{doc} revises its own figure: initially "
                         + ", ".join(money_text(f.usd) for f in gone) + ", then "
                         + ", ".join(money_text(g.usd) for g in later) + " (a revision, not a conflict)"),
            claims=[f.claim for f in gone] + [g.claim for g in later],
        ))
    # Same outlet, reports of different days: the later report supersedes.
    by_pub: dict[str, list[LossFigure]] = defaultdict(list)
    for f in figures:
        pub = publisher_of.get(f.doc)
        if pub and f.usd is not None and f.published and f.revision is None and f.valued_at is None:
            by_pub[pub].append(f)
    for pub in sorted(by_pub):
        fs = by_pub[pub]
        days = sorted({f.published for f in fs})  # type: ignore[type-var]
        if len(days) < 2:
            continue
        last = [f for f in fs if f.published == days[-1]]
        older = [f for f in fs if f.published != days[-1] and all(_apart(f, g) for g in last)]
        if not older:
            continue
        for f in older:
            f.revision, f.note = 0, f"superseded by {pub}'s report of {days[-1]}"
        for g in last:
            g.revision = 1
        findings.append(Finding(
            kind="revision", flagged=False,
            explanation=(f"{pub} revised its figure: " + ", ".join(f"{money_text(f.usd)} ({f.published})" for f in older)
                         + " then " + ", ".join(f"{money_text(g.usd)} ({g.published})" for g in last)),
            claims=[f.claim for f in older] + [g.claim for g in last],
        ))
    return findings


def _apart(a: LossFigure, b: LossFigure) -> bool:
    assert a.usd is not None and b.usd is not None
    lo, hi = sorted((a.usd, b.usd))
    return lo <= 0 or (hi - lo) / hi > LOSS_TOLERANCE


def _bounds(f: LossFigure) -> tuple[float, float]:
    """The USD interval a figure states (its own bounds where the text gives them)."""
    assert f.usd is not None
    low = f.usd_low if f.usd_low is not None else f.usd
    high = f.usd_high if f.usd_high is not None else f.usd
    return min(low, f.usd), max(high, f.usd)


def _median(vals: list[float]) -> float:
    vals = sorted(vals)
    n = len(vals)
    return vals[n // 2] if n % 2 else (vals[n // 2 - 1] + vals[n // 2]) / 2


def _far(a: float, b: float) -> bool:
    return a <= 0 or b <= 0 or max(a, b) / min(a, b) > OUTLIER_FACTOR


OUTLIER_FACTOR = 3.0
OUTLIER_NOTE = "outlier"


def consensus(figures: list[LossFigure], confidence: dict[str, float], role: str = "loss") -> Consensus | None:
    """Consensus of the usable figures of ``role`` (sets ``used`` on the figures it rests on).

    Figures more than ``OUTLIER_FACTOR`` times off their source's median, and sources more than
    that far from the other sources' weighted median, are outliers: kept, noted, flagged, unused
    (an amount read as the loss that is not one, or a wrong figure).
    """
    cands = [f for f in figures if f.role == role and f.usd is not None and f.usd > 0 and f.revision != 0
             and f.valued_at is None and f.note is None]
    sharp = [f for f in cands if f.qualifier != "vague"]
    if sharp:
        cands = sharp
    if not cands:
        return None
    by_source: dict[str, list[LossFigure]] = defaultdict(list)
    for f in cands:
        by_source[f.source].append(f)
    reps: dict[str, tuple[float, float]] = {}
    for src in sorted(by_source):
        fs = by_source[src]
        mid = _median([f.usd for f in fs])  # type: ignore[misc]
        keep = [f for f in fs if not _far(f.usd, mid)]  # type: ignore[arg-type]
        for f in fs:
            if f not in keep:
                f.note = f"{OUTLIER_NOTE}: more than {OUTLIER_FACTOR:g}x off the other figures of {src}"
        by_source[src] = keep
        w = sum(confidence.get(f.claim, 1.0) for f in keep) / len(keep)
        reps[src] = (_median([f.usd for f in keep]), max(w, 0.01))  # type: ignore[misc]
    center = _weighted_median(list(reps.values()))
    inliers = {src for src, (v, _) in reps.items() if not _far(v, center)}
    if not inliers:  # no two sources agree within the factor: keep them all, the conflict is flagged
        inliers = set(reps)
    for src in sorted(set(reps) - inliers):
        for f in by_source[src]:
            f.note = f"{OUTLIER_NOTE}: more than {OUTLIER_FACTOR:g}x off the consensus of the other sources"
    used = [f for src in sorted(inliers) for f in by_source[src]]
    for f in used:
        f.used = True
    value = _weighted_median([reps[src] for src in sorted(inliers)])
    low = min(min(_bounds(f)[0] for f in used), value)
    high = max(max(_bounds(f)[1] for f in used), value)
    return Consensus(
        value=round(value, 2), low=round(low, 2), high=round(high, 2),
        claims=sorted(f.claim for f in used), sources=sorted(inliers),
        method=f"weighted median of {len(inliers)} independent source(s), USD at the incident date",
    )


def loss_conflicts(figures: list[LossFigure], sentences: dict[str, str], role: str = "loss") -> list[Finding]:
    """Flag sources whose used figures disagree beyond tolerance, and outlying figures."""
    used = [f for f in figures if f.used and f.role == role]
    by_source: dict[str, list[LossFigure]] = defaultdict(list)
    for f in used:
        by_source[f.source].append(f)
    out: list[Finding] = []
    if len(by_source) >= 2:
        reps = []
        for src in sorted(by_source):
            fs = sorted(by_source[src], key=lambda f: (f.usd, f.claim))
            reps.append(fs[len(fs) // 2])
        lo = min(reps, key=lambda f: (f.usd, f.claim))
        hi = max(reps, key=lambda f: (f.usd, f.claim))
        lo_b, hi_b = _bounds(lo), _bounds(hi)
        assert lo.usd is not None and hi.usd is not None
        apart = (hi.usd - lo.usd) / hi.usd if hi.usd else 0.0
        reconciled = lo_b[1] * (1 + LOSS_TOLERANCE) >= hi_b[0]
        if apart > LOSS_TOLERANCE and not reconciled:
            out.append(Finding(
                kind=role, flagged=True,
                explanation=(f"{role} figures differ by {apart:.0%} (tolerance {LOSS_TOLERANCE:.0%}): "
                             f"{_cite(lo, sentences)} vs {_cite(hi, sentences)}"),
                claims=[lo.claim, hi.claim],
            ))
    outliers = [f for f in figures if f.role == role and (f.note or "").startswith(OUTLIER_NOTE)]
    if outliers and used:
        ref = sorted(used, key=lambda f: (f.usd, f.claim))[len(used) // 2]
        out.append(Finding(
            kind=role, flagged=True,
            explanation=(f"{len(outliers)} {role} figure(s) far from the others and left out: "
                         + "; ".join(_cite(f, sentences) for f in outliers[:3])
                         + (" ..." if len(outliers) > 3 else "") + f" (consensus rests on e.g. {_cite(ref, sentences)})"),
            claims=[f.claim for f in outliers] + [ref.claim],
        ))
    return out


def valuation_notes(figures: list[LossFigure], sentences: dict[str, str], base: Consensus | None) -> list[Finding]:
    out = []
    for f in figures:
        if f.valued_at is None or f.usd is None:
            continue
        ref = f" against {money_text(base.value)} at the incident date" if base else ""
        out.append(Finding(
            kind="valuation", flagged=False,
            explanation=(f"{_cite(f, sentences)} is a value at a later date ({f.valued_at}){ref}: "
                         "explained by the valuation date, not a conflict"),
            claims=[f.claim] + (base.claims[:3] if base else []),
        ))
    return out


def _cite(f: LossFigure, sentences: dict[str, str]) -> str:
    s = sentences.get(f.claim, "").strip().replace("\n", " ")
    if len(s) > 140:
        s = s[:137] + "..."
    native = "" if f.unit == "USD" else f" ({f.amount:,.0f} {f.unit})"
    return f'{money_text(f.usd)}{native} in {f.doc} ("{s}")'


def valued_later(valued_at: str | None, incident_day: date | None) -> str | None:
    """Normalise Money.valued_at: "now"/a date well after the incident -> that label; else None."""
    if not valued_at or valued_at == "then":
        return None
    if valued_at == "now":
        return "now"
    try:
        d = date.fromisoformat(valued_at)
    except ValueError:
        return valued_at
    if incident_day is None or (d - incident_day).days > 7:
        return valued_at
    return None
