"""Attribution confidence: the claims about one actor and one incident, pooled on the ICD 203 scale.

Rules (each claim is an :class:`~heistwatch.extract.model.Attribution` with its claimant):

1. **A claim's probability** is the midpoint of its ICD 203 word when the extractor mapped the
   hedge to one ("likely" -> 0.675); otherwise it follows the stance: confirmed 0.90 (stated as
   fact or officially attributed), suspected 0.65, denied 0.10.
2. **Independent claimants count once.** Claims are grouped by claimant (folded: "the NIS",
   "South Korea's National Intelligence Service" are one), so an intelligence agency quoted by
   Bloomberg, Reuters and Yonhap is one claimant. Claims that name no claimant ("North Korea is
   believed to be behind the hack") are together one claimant, "unattributed reports": outlets
   repeating an attribution without saying whose it is most often repeat one another, and
   counting each as independent would turn an echo into certainty (near-duplicate documents are
   one source in any case). Within a claimant the latest claims (by the document's publication
   date) are its current belief; claims of one day average.
3. **Weights by claimant class**: official bodies (intelligence services, police, ministries,
   courts, the FBI, the UN panel) 1.0; security and blockchain-analytics firms 0.8; companies
   (the victim itself, an exchange) 0.6; unattributed reports (no claimant named) 0.5;
   anonymous sources 0.4.
4. **Pooling** adds the weighted log-odds of the claimants' probabilities:
   ``logit(P) = sum(w_i * logit(p_i))``, P clamped to [0.01, 0.99]. Two official confirmations
   give "almost certain"; one outlet's suspicion "likely"; a denial pulls the figure down.
5. **Reading**: P is named by its ICD 203 word; the pooled stance is ``disputed`` when the
   claimants' current beliefs include both a denial and an attribution, ``confirmed`` when
   P >= 0.80 and at least one claimant confirmed, ``denied`` when every current belief is a
   denial and P < 0.45, otherwise ``suspected``.
6. **Timeline**: the pooled reading after each publication date, so an analyst sees what was
   believed when (suspected, then confirmed, later disputed).
7. **On the row** (:func:`support`): every assessed actor is kept with its claims, but the ledger
   row shows it as the incident's actor only when a claim (a) names it in a sentence that names
   the victim, (b) follows the victim's name with no other victim of the document in between and
   speaks of the attack, or (c) comes from a report about this incident only and speaks of the
   attack; or two independent single-incident sources name it. Names: a document that gives a
   sub-group as another name of its parent ("the Lazarus Group, also known as APT38") means the
   parent whenever it names the sub-group, so those claims count for the parent; a group named
   only as the one a named sub-group belongs to ("an offshoot of the Lazarus Group") is not shown
   as a second actor. Nor is an actor whose pooled probability is below 0.45 (the sources lean
   against it: a denial outweighs a suspicion), whatever its pooled stance.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from heistwatch.reference.vocabulary import stems, words
from heistwatch.resolve.model import ActorAssessment, ActorClaim

STANCE_PROBABILITY = {"confirmed": 0.90, "suspected": 0.65, "denied": 0.10}
CLASS_WEIGHT = {"official": 1.0, "security": 0.8, "company": 0.6, "unknown": 0.5, "anonymous": 0.4}

_FALLBACK_SCALE = (
    ("almost no chance", 0.01, 0.05), ("very unlikely", 0.05, 0.20), ("unlikely", 0.20, 0.45),
    ("roughly even chance", 0.45, 0.55), ("likely", 0.55, 0.80), ("very likely", 0.80, 0.95),
    ("almost certain", 0.95, 0.99),
)


def _scale() -> tuple[tuple[str, float, float], ...]:
    try:
        from heistwatch.reference.estimative import scale

        return tuple((lv.word, lv.low, lv.high) for lv in scale())
    except Exception:
        return _FALLBACK_SCALE


def word_for(p: float) -> str:
    """The ICD 203 word whose band holds ``p``."""
    bands = _scale()
    for word, low, high in bands:
        if low <= p < high:
            return word
    return bands[-1][0] if p >= bands[-1][1] else bands[0][0]


def claim_probability(stance: str, probability_word: str | None) -> float:
    if probability_word:
        for word, low, high in _scale():
            if probability_word.lower() == word:
                return (low + high) / 2
        try:
            from heistwatch.reference.estimative import probability_range

            r = probability_range(probability_word)
            if r:
                return (r[0] + r[1]) / 2
        except Exception:
            pass
    return STANCE_PROBABILITY.get(stance, 0.5)


def _logit(p: float) -> float:
    p = min(max(p, 0.01), 0.99)
    return math.log(p / (1 - p))


def pool(claims: list[ActorClaim]) -> tuple[float, str, int]:
    """Pooled probability, stance and number of independent claimants (rules 2-5)."""
    by_claimant: dict[str, list[ActorClaim]] = defaultdict(list)
    for c in claims:
        by_claimant[c.claimant_key].append(c)
    total = 0.0
    stances = set()
    for key in sorted(by_claimant):
        cs = by_claimant[key]
        latest = max(c.published or "" for c in cs)
        current = [c for c in cs if (c.published or "") == latest]
        p = sum(claim_probability(c.stance, c.probability) for c in current) / len(current)
        stances |= {c.stance for c in current}
        total += CLASS_WEIGHT.get(current[0].claimant_class, 0.5) * _logit(p)
    prob = min(max(1 / (1 + math.exp(-total)), 0.01), 0.99)
    if "denied" in stances and stances - {"denied"}:
        stance = "disputed"
    elif prob >= 0.80 and "confirmed" in stances:
        stance = "confirmed"
    elif prob < 0.45 and "denied" in stances:
        stance = "denied"
    else:
        stance = "suspected"
    return round(prob, 4), stance, len(by_claimant)


def assess(actor: str, claims: list[ActorClaim]) -> ActorAssessment:
    claims = sorted(claims, key=lambda c: (c.published or "9999", c.doc, c.claim))
    prob, stance, n = pool(claims)
    timeline = []
    dates_seen = sorted({c.published for c in claims if c.published})
    for d in dates_seen:
        so_far = [c for c in claims if c.published and c.published <= d]
        p, s, k = pool(so_far)
        said = [c for c in claims if c.published == d]
        timeline.append({
            "date": d, "stance": s, "probability": p, "confidence": word_for(p), "claimants": k,
            "said": [{"claim": c.claim, "doc": c.doc, "claimant": c.claimant, "stance": c.stance, "hedge": c.hedge}
                     for c in said],
        })
    undated = [c for c in claims if not c.published]
    if undated:
        timeline.append({
            "date": None, "stance": stance, "probability": prob, "confidence": word_for(prob), "claimants": n,
            "said": [{"claim": c.claim, "doc": c.doc, "claimant": c.claimant, "stance": c.stance, "hedge": c.hedge}
                     for c in undated],
        })
    return ActorAssessment(
        actor=actor, stance=stance, probability=prob, confidence=word_for(prob), claimants=n,
        claims=claims, timeline=timeline,
        rule=f"weighted log-odds pooling of {n} independent claimant(s); see heistwatch.resolve.attribution",
    )


# A sentence speaks of an attack, a theft or its authors (rule 7b): every attack noun of the shared vocabulary
# (searched as a word beginning: "hack" also finds "hackers") and the words of thieves, blame and attribution.
ATTACK_WORDS = re.compile(
    r"\b(" + "|".join(stems(words("attack_noun") + (
        "thie[fv]", "stol[ei]", "steal", "behind", "responsib", "attribut", "blam", "suspect", "perpetrat", "carried out",
        "launder", "adversar", "compromis", "culprit", "link", "orchestrat", "target", "malware", "phish", "loot",
        "siphon", "operation", "work of", "campaign", "robb",
        # a court's or a prosecutor's word on the person: "had pleaded guilty to a wire fraud conspiracy"
        "plead", "guilty", "convict", "indict", "sentenc", "fraud"))) + ")",
    re.I,
)
# A sentence gives an actor as another name of a group (rule 7, last paragraph).
ALIAS_WORDS = re.compile(r"(known as|\ba\.?k\.?a\b|\balias\b|also called|track(s|ed)? as|referred to as|dubbed|"
                         r"\balso\s+(?:calls|call|refers?\s+to\s+as)\b)", re.I)


def _fold(text: str) -> str:
    from heistwatch.resolve.names import fold

    return fold(text)


def name_forms(name: str) -> set[str]:
    """Folded forms of a victim name a sentence may use: the name, the name without generic words,
    and its first distinctive word ("Harmony Horizon Bridge" -> "harmony horizon bridge",
    "harmony horizon", "harmony")."""
    from heistwatch.resolve.names import GENERIC_WORDS, WEAK_TOKENS

    full = _fold(re.sub(r"\([^)]*\)", " ", name))
    core = " ".join(t for t in full.split() if t not in GENERIC_WORDS)
    out = {f for f in (full, core) if len(f) >= 3}
    first = next((t for t in core.split() if len(t) >= 4 and t not in WEAK_TOKENS and not t.isdigit()), None)
    if first:
        out.add(first)
    return out


def names_victim(sentence: str, victim_names: Iterable[str]) -> bool:
    """Does the sentence name one of the victim's names (whole words, generic words aside)?"""
    names = list(victim_names)
    text = f" {_fold(sentence)} "
    if any(f" {form} " in text for name in names for form in name_forms(name)):
        return True
    # another name the reference list knows ("Axie Infinity" for the Ronin Network)
    from heistwatch.resolve.names import known_platform

    own = {known_platform(n) for n in names} - {None}
    if not own:
        return False
    try:
        from heistwatch.reference.platforms import find_platforms
    except Exception:
        return False
    return any(known_platform(p.platform.name) in own for p in find_platforms(sentence))


def last_named(text: str, before: int, names_of: Mapping[str, Iterable[str]], window: int = 800) -> str | None:
    """Which of ``names_of`` (label -> names) is named last in the ``window`` characters before
    ``before``? (what "the attack" in a sentence refers back to)"""
    folded = f" {_fold(text[max(0, before - window):before])} "
    best, best_at = None, -1
    for label in sorted(names_of):
        for name in names_of[label]:
            for form in name_forms(name):
                at = folded.rfind(f" {form} ")
                if at > best_at:
                    best, best_at = label, at
    return best


def support(claims: list[ActorClaim], sentences: Mapping[str, str], victim_names: Iterable[str],
            sole_docs: set[str], alias_claims: set[str] = frozenset(), refers_back: set[str] = frozenset()) -> tuple[bool, str]:
    """Is the actor of these claims shown as the incident's actor? (rule 7) -> (on_row, reason).

    ``refers_back``: claims whose sentence follows a mention of this incident's victim, with no
    other victim of the document named in between (so "the attack" in it is this one).
    ``alias_claims``: claims that do not show the actor as an actor of its own: claims of a
    sub-group in a document that gives it as another name of its parent group ("Lazarus Group,
    which the FBI tracks as APT38"; they count for the parent), or claims naming a group only as
    the group a named sub-group belongs to ("a spin-off of the Lazarus Group").
    """
    names = sorted(set(victim_names))
    usable = [c for c in claims if c.claim not in alias_claims]
    if not usable:
        return False, "named only as another name of its parent group, whose claims these are"
    for c in usable:
        if not sentences.get(c.claim, "").strip():
            return True, f"no sentence to check ({c.doc}): the extractor's link stands"
        if names_victim(sentences.get(c.claim, ""), names):
            return True, f"named in a sentence that names the victim ({c.doc})"
    for c in usable:
        if c.claim in refers_back and ATTACK_WORDS.search(sentences.get(c.claim, "")):
            return True, f"named for the attack in a sentence that follows the victim's name ({c.doc})"
    for c in usable:
        if c.doc in sole_docs and ATTACK_WORDS.search(sentences.get(c.claim, "")):
            return True, f"named for the attack in a document about this incident only ({c.doc})"
    sole_sources = sorted({c.source for c in usable if c.doc in sole_docs})
    if len(sole_sources) >= 2:
        return True, f"named by {len(sole_sources)} independent sources about this incident only"
    return False, ("named only in documents about several incidents, in sentences that do not name the victim: "
                   "kept as a low-confidence claim, not shown as the incident's actor")
