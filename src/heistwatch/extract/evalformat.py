"""An Extraction in the per-document format of ``../shared/eval/score.py extract``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from heistwatch.extract.model import Attribution, ClaimKind, Extraction, Money, Stance
from heistwatch.reference.actors import is_north_korean, lookup as lookup_actor

DROP_IMPLIED_STATE = False

# Groups the scorer knows under another name: APT38 is Lazarus Group's financial arm in news usage.
_EVAL_NAME = {"APT38": "Lazarus Group"}


def actor_eval_name(actor: str) -> str:
    a = lookup_actor(actor)
    name = a.name if a else actor
    return _EVAL_NAME.get(name, name)


def _stance(votes: list[tuple[Stance, bool]]) -> Stance:
    """The stance the text takes overall: claims carrying a hedge count more than bare mentions."""
    weight: Counter[Stance] = Counter()
    for stance, hedged in votes:
        weight[stance] += 1.0 if hedged else 0.3
    if weight[Stance.DENIED] and weight[Stance.DENIED] >= max(weight[Stance.CONFIRMED], weight[Stance.SUSPECTED]):
        return Stance.DENIED
    if weight[Stance.CONFIRMED] > weight[Stance.SUSPECTED]:
        return Stance.CONFIRMED
    return Stance.SUSPECTED if weight[Stance.SUSPECTED] else Stance.CONFIRMED


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def to_eval(doc_id: str, ex: Extraction) -> dict[str, Any]:
    incidents = []
    for incident in ex.incidents:
        usd: list[float] = []
        native: list[dict[str, Any]] = []
        actors: dict[str, list[tuple[Stance, bool]]] = {}
        for c in ex.claims_of(incident.index):
            if c.kind == ClaimKind.LOSS and isinstance(c.value, Money):
                m = c.value
                if m.vague or not m.unit or m.valued_at == "now":
                    continue   # ranges and today's value of the loot are not the stated loss
                if m.unit == "USD":
                    if not any(abs(u - m.value) <= 1e-6 * max(u, 1) for u in usd):
                        usd.append(m.value)
                elif not any(x["asset"] == m.unit and abs(x["amount"] - m.value) <= 1e-6 * max(m.value, 1) for x in native):
                    native.append({"amount": _num(m.value), "asset": m.unit})
            elif c.kind == ClaimKind.ACTOR and isinstance(c.value, Attribution):
                actors.setdefault(actor_eval_name(c.value.actor), []).append((c.value.stance, c.value.hedge is not None))
        if DROP_IMPLIED_STATE and any(k != "North Korea" and is_north_korean(k) for k in actors):
            actors.pop("North Korea", None)   # implied by the North Korean group named
        incidents.append({
            "victim": incident.victim,
            "type": incident.type.value,
            "date": incident.date.iso() if incident.date else None,
            "loss_usd": [_num(u) for u in usd],
            "loss_native": native,
            "actors": [{"name": k, "stance": _stance(v).value} for k, v in sorted(actors.items())],
            "main": incident.main,
        })
    return {"id": doc_id, "relevant": ex.relevant, "incidents": incidents}
