"""Loss figures valued at the incident date, their consensus, and the differences between them.

* **Valuation**: a USD figure stands as stated; any other unit is valued in USD at the incident
  date through the valuer (ECB rates for fiat, a price provider for crypto). No price: the native
  amount stays and ``usd`` is None ("USD unknown"). A native amount stated with its conversion
  ("58 billion yen ($534 million)") counts once: the stated USD conversion is used and the
  native amount kept beside it.
* **What the consensus rests on**: figures valued at a later date ("now worth more than $25,000")
  and figures a source has since revised ("initially $31 million, now over $60 million") are
  kept and shown but not used; vague figures ("tens of millions") are used only when nothing
  sharper is stated; nor is an amount its document gives as the total of several thefts
  (``AGGREGATE_NOTE``, see ``build._figures``).
* **Consensus**: the figures sources state in money (USD as reported, conversions included;
  fiat such as yen at the ECB rate) when any source states one; crypto amounts valued at the
  incident date are then shown beside it (:func:`valued_beside`) and neither join it nor
  conflict with it (a coin's price moves: 70 XMR are $2,000 at one date and $25,000 at another). Among those, the figure the most independent sources agree on (near-duplicate documents
  are one source; every source has reliability weight 1.0, scaled by the extractor's confidence
  in its claim), within ``LOSS_TOLERANCE`` (10%); the consensus value is the weighted median
  of the agreeing sources' figures and its range runs over them (see :func:`consensus`).
* **Conflicts**: a source none of whose figures agrees with the consensus is flagged when its
  figure is within ``OUTLIER_FACTOR`` (3x) of it ($400M vs $534M); $520M vs $534M agrees within
  rounding and conversion and is not flagged. Figures further off are listed as outliers (most
  often an amount that is not the loss) without a flag.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import date, timedelta

from heistwatch.resolve.attribution import names_victim
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
        # a vague amount ("tens of millions") or a total of several thefts revises no figure
        later = [f for f in fs if f not in initial and f.qualifier != "vague" and f.note != AGGREGATE_NOTE]
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
AGGREGATE_NOTE = "the amount its document gives as the total of several thefts: not this incident's loss"
OTHER_EPISODE_NOTE = "its document states it for the victim's other incident, and another loss for this one"
VALUED_NOTE = "valued at the incident date: shown beside the consensus, which rests on the figures sources state in money"


# Dollar stablecoins: an amount of them is an amount of dollars.
STABLECOINS = frozenset({"USDT", "USDC", "DAI", "BUSD", "TUSD", "USDP", "PYUSD", "FDUSD", "GUSD", "USDD"})


def is_crypto(unit: str) -> bool:
    """A coin or token (its price moves by the day), not a currency (USD, a dollar stablecoin, or a
    fiat currency at the ECB rate)."""
    if unit == "USD" or unit.upper() in STABLECOINS:
        return False
    try:
        from heistwatch.reference.assets import is_fiat

        return not is_fiat(unit)
    except Exception:
        return len(unit) != 3 or not unit.isalpha()


def valued_beside(figures: list[LossFigure], role: str = "loss") -> Consensus | None:
    """The crypto amounts (BTC, XEM, ...) valued at the incident date, beside a consensus that rests
    on the figures sources state in money: the median over sources of each source's median."""
    by_source: dict[str, list[float]] = defaultdict(list)
    claims = []
    for f in figures:
        if f.role == role and f.note == VALUED_NOTE and f.usd is not None and f.usd > 0:
            by_source[f.source].append(f.usd)
            claims.append(f.claim)
    if not by_source:
        return None
    reps = [_median(v) for _, v in sorted(by_source.items())]
    value = _median(reps)
    return Consensus(
        value=round(value, 2), low=round(min(reps), 2), high=round(max(reps), 2), claims=sorted(claims),
        sources=sorted(by_source),
        method=f"native amounts of {len(by_source)} source(s) valued in USD at the incident date; median of the sources",
    )


def _agrees(f: LossFigure, center: float) -> bool:
    """Does figure ``f`` (with its stated bounds) agree with ``center`` within LOSS_TOLERANCE?"""
    low, high = _bounds(f)
    return low * (1 - LOSS_TOLERANCE) <= center <= high * (1 + LOSS_TOLERANCE)


def _own_dollars(figures: list[LossFigure]) -> list[LossFigure]:
    """Of one source's agreeing figures, the ones it states in USD when it states any: "Rs 20 crore, about
    $3.3 million" gives the reporter's own dollar figure, which our rate for the rupees would only blur."""
    usd = [f for f in figures if f.unit == "USD"]
    return usd or figures


def consensus(figures: list[LossFigure], confidence: dict[str, float], role: str = "loss",
              sentence_of: dict[str, str] | None = None, victim_names: list[str] | None = None) -> Consensus | None:
    """Consensus of the usable figures of ``role`` (sets ``used`` and ``note`` on the figures).

    Every usable figure is a candidate; its support is the summed weight of the independent
    sources that state a figure agreeing with it (within ``LOSS_TOLERANCE``, or inside a range
    the text states), then the number of distinct sentences stating one, then whether a sentence
    stating one names the victim by a proper name (``victim_names``: "a flaw let an attacker
    take $30 million from X" over "a rescue group said it drained $75 million from other
    wallets"), then the larger figure
    (the headline loss of a report is rarely its smallest amount).
    The best-supported candidate wins; the consensus is the weighted median, over the sources
    that agree with it, of each source's agreeing figures (its USD ones, when it states a figure
    in USD beside one in another currency), and its range runs over those
    figures. This keeps the figure most outlets report even when an extractor links other
    amounts of an article (a recovered sum, a price, a fine) to the incident.
    """
    sentence_of = sentence_of or {}
    # only proper names: a description ("phishing campaign", "crypto whale") names no one in particular
    proper = [n for n in victim_names or () if any(ch.isupper() for ch in n)]
    cands = [f for f in figures if f.role == role and f.usd is not None and f.usd > 0 and f.revision != 0
             and f.valued_at is None and f.note is None]
    sharp = [f for f in cands if f.qualifier != "vague"]
    if sharp:
        cands = sharp
    stated = [f for f in cands if not is_crypto(f.unit)]
    if stated and len(stated) < len(cands):
        # figures sources state in money (USD, or yen at the ECB rate) make the consensus; crypto
        # amounts valued at the incident date are shown beside it (valued_beside), not mixed in
        for f in cands:
            if is_crypto(f.unit):
                f.note = VALUED_NOTE
        cands = stated
    if not cands:
        return None
    weight: dict[str, float] = {}
    for f in cands:
        weight[f.source] = max(weight.get(f.source, 0.0), confidence.get(f.claim, 1.0), 0.01)

    def support(c: LossFigure) -> tuple:
        assert c.usd is not None
        agreeing = [f for f in cands if _agrees(f, c.usd)]
        # each source weighs by the extractor's confidence in its agreeing claims: of two amounts one
        # report links to the incident, the one linked surely ("drained $3.6 million from X") outweighs
        # the one linked by guess ("the judge ordered him to forfeit $12.3 million")
        per_source: dict[str, float] = {}
        for f in agreeing:
            per_source[f.source] = max(per_source.get(f.source, 0.0), confidence.get(f.claim, 1.0), 0.01)
        # a figure and its conversion in one sentence ("100,000 won, about $87") are one statement
        statements = {(f.doc, sentence_of.get(f.claim, f.claim)) for f in agreeing}
        named = bool(proper) and any(names_victim(s, proper) for _, s in statements)
        # then a figure the source states in USD over one converted from another currency at a rate
        return (round(sum(per_source.values()), 6), len(statements), named, c.unit == "USD", c.usd)

    ordered = sorted(cands, key=lambda f: (f.usd, f.claim))
    center = max(ordered, key=support)
    assert center.usd is not None
    used = [f for f in cands if _agrees(f, center.usd)]
    by_source: dict[str, list[LossFigure]] = defaultdict(list)
    for f in used:
        by_source[f.source].append(f)
    reps = [(_median([f.usd for f in _own_dollars(fs)]), weight[src]) for src, fs in sorted(by_source.items())]  # type: ignore[misc]
    for f in used:
        f.used = True
    for f in cands:
        if not f.used:
            f.note = (f"{OUTLIER_NOTE}: more than {OUTLIER_FACTOR:g}x off the consensus" if _far(f.usd, center.usd)  # type: ignore[arg-type]
                      else "disagrees with the consensus")
    value = _weighted_median(reps)
    low = min(min(_bounds(f)[0] for f in used), value)
    high = max(max(_bounds(f)[1] for f in used), value)
    return Consensus(
        value=round(value, 2), low=round(low, 2), high=round(high, 2),
        claims=sorted(f.claim for f in used), sources=sorted(by_source),
        method=(f"best-supported figure: {len(by_source)} of {len(weight)} independent source(s) agree within "
                f"{LOSS_TOLERANCE:.0%}; weighted median of theirs, USD at the incident date"),
    )


def loss_conflicts(figures: list[LossFigure], sentences: dict[str, str], role: str = "loss") -> list[Finding]:
    """Flag sources whose figures disagree with the consensus (and none agrees); note outliers.

    A source that states the consensus figure and also other amounts is not in conflict (its
    other amounts are other things: a recovered sum, a price). A source none of whose figures
    agree is flagged when its figure is within ``OUTLIER_FACTOR`` of the consensus (a real
    disagreement, such as $400M vs $534M), and listed as an outlier, unflagged, beyond that
    (more likely an amount that is not this loss).
    """
    used = [f for f in figures if f.used and f.role == role]
    if not used:
        return []
    agreeing_sources = {f.source for f in used}
    ref = sorted(used, key=lambda f: (f.usd, f.claim))[len(used) // 2]
    assert ref.usd is not None
    dissent = [f for f in figures if f.role == role and not f.used and f.usd is not None and f.note
               and not f.note.startswith("superseded") and f.note not in (VALUED_NOTE, AGGREGATE_NOTE, OTHER_EPISODE_NOTE)
               and f.source not in agreeing_sources]
    close = [f for f in dissent if not _far(f.usd, ref.usd)]  # type: ignore[arg-type]
    far = [f for f in dissent if _far(f.usd, ref.usd)]  # type: ignore[arg-type]
    out: list[Finding] = []
    if close:
        close.sort(key=lambda f: (-abs(math.log(f.usd / ref.usd)), f.claim))  # type: ignore[operator]
        worst = close[0]
        apart = abs(worst.usd - ref.usd) / max(worst.usd, ref.usd)  # type: ignore[operator]
        out.append(Finding(
            kind=role, flagged=True,
            explanation=(f"{role} figures differ by {apart:.0%} (tolerance {LOSS_TOLERANCE:.0%}): "
                         f"{_cite(ref, sentences)} vs {'; '.join(_cite(f, sentences) for f in close[:3])}"
                         + (" ..." if len(close) > 3 else "")),
            claims=[ref.claim] + [f.claim for f in close],
        ))
    if far:
        out.append(Finding(
            kind="outlier", flagged=False,
            explanation=(f"{len(far)} {role} figure(s) more than {OUTLIER_FACTOR:g}x off the consensus, left out "
                         f"(probably other amounts): " + "; ".join(_cite(f, sentences) for f in far[:3])
                         + (" ..." if len(far) > 3 else "")),
            claims=[f.claim for f in far] + [ref.claim],
        ))
    return out


def explain_by_price_moves(figures: list[LossFigure], valuer, incident_day: date | None) -> None:  # type: ignore[no-untyped-def]
    """A USD figure that disagrees with the consensus but equals a crypto amount of the incident
    valued on the day its report was published (or the day before: the last close), within
    LOSS_TOLERANCE, is a value at a later date: the coin's price moved between the theft and the
    report ("523 million NEM, $534 million on the day, about $400 million once the price fell").
    It is marked ``valued_at`` so it is explained (valuation_notes), not flagged."""
    if valuer is None or incident_day is None:
        return
    coins = sorted({(f.unit, f.amount) for f in figures
                    if f.role == "loss" and f.unit != "USD" and is_crypto(f.unit) and f.usd is not None and f.revision != 0})
    if not coins:
        return
    for f in figures:
        if not (f.role == "loss" and f.unit == "USD" and not f.used and f.usd and f.valued_at is None
                and f.note == "disagrees with the consensus" and f.published):
            continue
        try:
            pub = date.fromisoformat(f.published)
        except ValueError:
            continue
        if (pub - incident_day).days < 1:
            continue
        for unit, amount in coins:
            hit = None
            for day in (pub, pub - timedelta(days=1)):
                try:
                    q = valuer.usd(amount, unit, day)
                except Exception:
                    q = None
                if q is not None and abs(q.usd - f.usd) / max(q.usd, f.usd) <= LOSS_TOLERANCE:
                    hit = (day, q.usd)
                    break
            if hit:
                f.valued_at = (f"{hit[0].isoformat()} (the report's day or the close before it: {amount:,.0f} {unit} "
                               f"were worth {money_text(hit[1])} then)")
                f.note = None
                break


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


# "now worth more than $25,000", "currently valued at", "worth about $9 million today"
LATER_VALUE_CUES = re.compile(
    r"\b(?:now|currently|today|at (?:current|today's) prices)\b[^.;]{0,30}\b(?:worth|valued|value)\b|"
    r"\b(?:worth|valued at|value of)\b[^.;]{0,40}\b(?:today|now|currently|at current prices)\b",
    re.IGNORECASE)


def valued_later(valued_at: str | None, incident_day: date | None, sentence: str = "", surface: str = "") -> str | None:
    """Normalise Money.valued_at: "now"/a date well after the incident -> that label; else None.

    When the extractor left it unset, a sentence that says the amount is worth that *now*
    ("the coins are now worth more than $25,000") marks a USD figure as valued later."""
    if not valued_at and surface and sentence:
        at = sentence.find(surface)
        window = sentence[max(0, at - 60): at + len(surface) + 30] if at >= 0 else ""
        if window and LATER_VALUE_CUES.search(window):
            return "now"
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
