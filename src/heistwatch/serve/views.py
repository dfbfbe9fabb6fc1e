"""The shapes the serve stage presents: plain dicts built from the store and the ledger.

Pages, API responses and exports all read these, so one adapter (``heistwatch.serve.data``)
turns the ledger's own objects into them and nothing downstream depends on the store's tables.

IncidentView (dict), built by :func:`heistwatch.serve.data.incident_view` from
``heistwatch.resolve.Incident.to_dict()``:
    id, victim, type, date (ISO, as coarse as known), date_start, date_end, n_sources, n_documents
    loss_usd: {value, low, high, claims, method} | None     consensus figure, its range, its claims
    losses: [LossView]                                      every stated figure with its source
    recovered: [LossView], recovered_usd, net_loss_usd
    conflicts: [{field, explanation, claims}]               flagged disagreements
    explained: [{field, explanation}]                       differences explained (valuation date ...)
    attributions: [AttributionView]
    techniques: [{attack_id, name, sentence, document_id, ...}]
    indicators: [{type, value, valid, sentence, document_id, ...}]
    documents: [DocRef], pinned, decisions

LossView: claim_id (the claim key), amount, unit, low, high, qualifier, usd (at the incident
    date), usd_low, usd_high, usd_reported (a conversion the text states), rate, rate_date,
    valued_at, document_id, document_title, url, publisher, sentence, surface, in_consensus,
    note, revision, rejected

AttributionView: actor, kind ("group" | "state"), aliases, attack_id, stance, confidence
    (ICD 203 word), confidence_score (0-100), claimants, rule, on_row (supported well enough to
    be the incident's actor: ledger rows and exports show only these; see
    ``heistwatch.resolve.attribution.support``), support (why or why not), claims: [{claim_id, claimant,
    stance, hedge, probability, date, document_id, document_title, url, publisher, sentence}],
    timeline: [{date, stance, claimant}]

DocRef: id (database id), key (external id or doc-<id>), title, url, publisher, published
"""

from __future__ import annotations

from typing import Any

IncidentView = dict[str, Any]

# ICD 203 words of estimative probability with the middle of their range (percent), used for
# STIX confidence (0-100) when the ledger gives only the word.
ICD203_SCORES: dict[str, int] = {
    "almost no chance": 3,
    "very unlikely": 12,
    "unlikely": 32,
    "roughly even chance": 50,
    "likely": 62,
    "very likely": 87,
    "almost certain": 97,
}


def row_attributions(inc: IncidentView) -> list[dict[str, Any]]:
    """The attributions shown as the incident's actors: not denied and supported on the row.

    Weakly supported links (one passing mention, an actor named for another heist nearby) stay
    on the incident page for review but are not exported as the incident's attribution."""
    return [a for a in inc.get("attributions") or []
            if a.get("on_row", True) and a.get("stance") != "denied"]


def confidence_score(word: str | None, score: float | int | None = None) -> int | None:
    """A 0-100 confidence from the ledger's numeric score or, failing that, its ICD 203 word."""
    if score is not None:
        value = float(score)
        if value <= 1.0:
            value *= 100
        return max(0, min(100, round(value)))
    if word:
        return ICD203_SCORES.get(word.strip().lower())
    return None


def fmt_usd(value: float | None) -> str:
    """Short human figure: $534M, $1.2B, $13,962."""
    if value is None:
        return "unknown"
    v = float(value)
    for div, suffix in ((1e9, "B"), (1e6, "M")):
        if abs(v) >= div:
            s = f"{v / div:.2f}".rstrip("0").rstrip(".")
            return f"${s}{suffix}"
    return f"${v:,.0f}"


def fmt_amount(amount: float | None, unit: str | None) -> str:
    if amount is None:
        return "?"
    a = float(amount)
    if unit and unit.upper() == "USD":
        return fmt_usd(a)
    if abs(a) >= 1e6:
        for div, suffix in ((1e9, " billion"), (1e6, " million")):
            if abs(a) >= div:
                s = f"{a / div:.3f}".rstrip("0").rstrip(".")
                return f"{s}{suffix} {unit or ''}".strip()
    s = f"{a:,.4f}".rstrip("0").rstrip(".")
    return f"{s} {unit or ''}".strip()
