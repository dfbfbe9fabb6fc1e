"""Analyst review: validate a decision, record it (who, when, before, after) and bring the
ledger up to date at once.

The API and the forms speak in review actions; what is stored is the ledger's own decision
vocabulary (:mod:`heistwatch.resolve.decisions`), so re-resolution applies it:

============== ======================================= =========================================
review action  request (target / after)                stored decision
============== ======================================= =========================================
reject_claim   {"claim": KEY}                          reject-claim {"claim": KEY}
accept_claim   {"claim": KEY, "incident": ID?}         pin: the incident's field takes this
                                                       claim's value (loss_usd, date, victim,
                                                       type, actors)
edit_claim     {"claim": KEY, "incident": ID?},        pin: the field takes the corrected value
               after {"value": V}
pin_value      {"incident": ID, "field": F},           pin {"field": F, "value": V}
               after {"value": V}
merge          {"incidents": [ID, ID, ...]}            merge with each incident's mentions as a group
split          {"incident": ID, "documents": [DOC]}    split: those documents' mentions move out
============== ======================================= =========================================

``KEY`` is a claim's ``claim_key`` (stable across re-extraction); ``DOC`` a document key
(external id or ``doc-<id>``); values: ``loss_usd`` a USD number, ``date`` ISO (YYYY[-MM[-DD]]),
``type`` an incident type, ``victim`` a name, ``actors`` a list of names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select

from heistwatch.serve.data import load_incident, summarize
from heistwatch.store.schema import ClaimRow, IncidentMentionRow
from heistwatch.store.store import Store

ACTIONS = ("accept_claim", "reject_claim", "edit_claim", "pin_value", "merge", "split")
PIN_FIELDS = ("loss_usd", "date", "type", "victim", "actors")
FIELD_OF_KIND = {"loss": "loss_usd", "date": "date", "victim": "victim", "incident_type": "type", "actor": "actors"}


class ReviewError(ValueError):
    """The decision cannot be recorded; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def _claim(store: Store, key: str) -> ClaimRow:
    with store.session() as s:
        row = s.execute(select(ClaimRow).where(ClaimRow.claim_key == key).order_by(ClaimRow.id).limit(1)).scalar()
    if row is None:
        raise ReviewError(f"no claim with key {key!r}", 404)
    return row


def _incident(store: Store, incident_id: Any) -> dict[str, Any]:
    if not isinstance(incident_id, str) or not incident_id:
        raise ReviewError("target needs an incident id")
    with store.session() as s:
        data = load_incident(s, incident_id)
    if data is None:
        raise ReviewError(f"no incident {incident_id!r}", 404)
    return data


def _incident_of_claim(store: Store, row: ClaimRow) -> dict[str, Any]:
    if row.incident_index is None:
        raise ReviewError("this claim is not linked to an incident; name one in target.incident")
    with store.session() as s:
        ids = sorted(s.execute(select(IncidentMentionRow.incident_id).where(
            IncidentMentionRow.document_id == row.document_id,
            IncidentMentionRow.mention_index == row.incident_index)).scalars())
    if not ids:
        raise ReviewError("the incident this claim feeds is not in the ledger; name one in target.incident")
    return _incident(store, ids[0])


def mention_refs(data: dict[str, Any], docs: set[str] | None = None) -> list[dict[str, Any]]:
    """The ledger's references to an incident's mentions (those of ``docs`` only, when given)."""
    from heistwatch.resolve.names import victim_key

    return [
        {"doc": m["doc"], "key": victim_key(m["victim"]), "index": m["index"], "victim": m["victim"]}
        for m in data.get("mentions", [])
        if docs is None or m["doc"] in docs
    ]


_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}


def parse_usd(value: Any) -> float | None:
    """A USD amount from a number or from text an analyst types: "534000000", "$534M",
    "534 million", "1.2bn USD". None when it is not one (or names another currency)."""
    import re

    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value or "").strip().lower().replace(",", "")
    m = re.fullmatch(r"(?:us)?\$?\s*(\d+(?:\.\d+)?)\s*(k|thousand|m|mn|million|b|bn|billion)?\s*(?:usd|dollars?)?", text)
    if not m:
        return None
    return float(m.group(1)) * _SCALE.get(m.group(2) or "", 1.0)


def _field_value(fld: str, value: Any, data: dict[str, Any]) -> Any:
    """Check (and normalise) a pinned value for ``fld``."""
    from heistwatch.extract.model import IncidentType

    if fld == "loss_usd":
        number = parse_usd(value)
        if number is None:
            raise ReviewError("loss_usd must be an amount in US dollars, e.g. 534000000, $534M or 534 million")
        if number < 0:
            raise ReviewError("loss_usd cannot be negative")
        return number
    if fld == "date":
        text = str(value or "").strip()
        try:
            if len(text) == 4:
                date(int(text), 1, 1)
            elif len(text) == 7:
                date(int(text[:4]), int(text[5:7]), 1)
            else:
                date.fromisoformat(text)
        except ValueError:
            raise ReviewError("date must be YYYY, YYYY-MM or YYYY-MM-DD") from None
        return text
    if fld == "type":
        try:
            return IncidentType(str(value)).value
        except ValueError:
            raise ReviewError(f"type must be one of {', '.join(t.value for t in IncidentType)}") from None
    if fld == "victim":
        text = str(value or "").strip()
        if not text or len(text) > 200:
            raise ReviewError("victim must be a name (1 to 200 characters)")
        return text
    if fld == "actors":
        names = value if isinstance(value, list) else [v.strip() for v in str(value or "").split(",")]
        names = [str(n).strip() for n in names if str(n).strip()]
        if any(len(n) > 200 for n in names):
            raise ReviewError("actor names are at most 200 characters")
        return names
    raise ReviewError(f"field must be one of {', '.join(PIN_FIELDS)}")


def _current(fld: str, data: dict[str, Any]) -> Any:
    if fld == "loss_usd":
        return (data.get("consensus") or {}).get("value")
    if fld == "actors":
        return [a["actor"] for a in data.get("actors", []) if a.get("stance") != "denied"]
    return data.get(fld)


def _accepted_value(row: ClaimRow, data: dict[str, Any]) -> tuple[str, Any]:
    fld = FIELD_OF_KIND.get(row.kind)
    if fld is None:
        raise ReviewError(f"accepting a {row.kind} claim has no ledger field to settle; "
                          "reject the claims that are wrong instead")
    value = row.value or {}
    if fld == "loss_usd":
        figure = next((f for f in data.get("losses", []) if f.get("claim") == row.claim_key), None)
        usd = (figure or {}).get("usd")
        if usd is None and (value.get("unit") or "").upper() == "USD":
            usd = value.get("value")
        if usd is None:
            raise ReviewError("this figure has no known USD value; use edit with a USD figure")
        return fld, float(usd)
    if fld == "date":
        start, end = value.get("start"), value.get("end")
        gran = value.get("granularity")
        if not start:
            raise ReviewError("this date claim is unresolved; use edit with a date")
        return fld, start if gran == "day" else start[:7] if gran == "month" else start[:4] if end != start else start
    if fld == "victim":
        return fld, value.get("name")
    if fld == "type":
        return fld, value.get("type")
    actors = _current("actors", data)
    name = value.get("actor")
    return fld, sorted(set(actors) | ({name} if name else set()))


def translate(store: Store, action: str, target: dict[str, Any], after: dict[str, Any] | None
              ) -> tuple[str, dict[str, Any], dict[str, Any] | None, dict[str, Any]]:
    """(stored action, stored target, stored after, before) for a review action. Raises ReviewError."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
    if not isinstance(target, dict):
        raise ReviewError("target must be an object")
    if action in ("accept_claim", "reject_claim", "edit_claim"):
        key = target.get("claim")
        if not isinstance(key, str) or not key:
            raise ReviewError("target.claim (a claim key) is required")
        row = _claim(store, key)
        before_claim = {"kind": row.kind, "value": row.value, "surface": row.surface, "sentence": row.sentence,
                        "document_id": row.document_id}
        if action == "reject_claim":
            stored = {"claim": key}
            if target.get("incident"):
                stored["incident"] = _incident(store, target["incident"])["id"]
            return "reject-claim", stored, None, before_claim
        data = _incident(store, target["incident"]) if target.get("incident") else _incident_of_claim(store, row)
        if action == "accept_claim":
            fld, value = _accepted_value(row, data)
        else:
            if not after or "value" not in after:
                raise ReviewError("edit_claim needs after.value: the corrected value")
            fld = FIELD_OF_KIND.get(row.kind)
            if fld is None:
                raise ReviewError(f"a {row.kind} claim cannot be edited into the ledger; reject it instead")
            value = _field_value(fld, after["value"], data)
        stored_after = {"field": fld, "value": value, "claim": key,
                        "review": "accepted" if action == "accept_claim" else "edited"}
        return ("pin", {"incident": data["id"], "mentions": mention_refs(data), "claim": key}, stored_after,
                {**before_claim, "incident": data["id"], "field": fld, "ledger_value": _current(fld, data)})
    if action == "pin_value":
        data = _incident(store, target.get("incident"))
        fld = target.get("field")
        if fld not in PIN_FIELDS:
            raise ReviewError(f"target.field must be one of {', '.join(PIN_FIELDS)}")
        if not after or "value" not in after:
            raise ReviewError("pin_value needs after.value")
        value = _field_value(fld, after["value"], data)
        return ("pin", {"incident": data["id"], "mentions": mention_refs(data)}, {"field": fld, "value": value},
                {"field": fld, "value": _current(fld, data)})
    if action == "merge":
        ids = target.get("incidents")
        if not isinstance(ids, list) or len(ids) < 2 or len(set(ids)) != len(ids):
            raise ReviewError("merge needs target.incidents: two or more different incident ids")
        datas = [_incident(store, i) for i in ids]
        return ("merge", {"incidents": list(ids), "groups": [mention_refs(d) for d in datas]}, None,
                {"incidents": [summarize(d).as_dict() for d in datas]})
    data = _incident(store, target.get("incident"))
    docs = target.get("documents")
    known = sorted({m["doc"] for m in data.get("mentions", [])})
    if not isinstance(docs, list) or not docs:
        raise ReviewError("split needs target.documents: the documents whose mentions move out")
    unknown = sorted(set(map(str, docs)) - set(known))
    if unknown:
        raise ReviewError(f"documents not in incident {data['id']}: {', '.join(unknown)}")
    if set(docs) == set(known):
        raise ReviewError("a split must leave at least one document in the incident")
    return ("split", {"incident": data["id"], "mentions": mention_refs(data, set(docs))}, None,
            {"documents": known})


def default_apply(store: Store) -> Callable[[int], None] | None:
    """The ledger stage's hook that re-resolves what a newly recorded decision touches
    (:func:`heistwatch.store.ledger.apply_decision`)."""
    try:
        from heistwatch.store import ledger
    except ImportError:  # pragma: no cover - the ledger stage ships with the package
        return None
    fn = getattr(ledger, "apply_decision", None)
    if not callable(fn):  # pragma: no cover
        return None
    return lambda decision_id: _call(fn, store, decision_id)


def _call(fn: Callable[..., Any], store: Store, decision_id: int) -> None:
    import inspect

    params = [p for p in inspect.signature(fn).parameters.values()
              if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(params) >= 2:
        fn(store, decision_id)
    else:
        fn(store)


def record(
    store: Store,
    *,
    author: str,
    action: str,
    target: dict[str, Any],
    after: dict[str, Any] | None = None,
    note: str | None = None,
    apply: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Validate, store the decision, then apply it to the ledger. Returns the stored decision."""
    stored_action, stored_target, stored_after, before = translate(store, action, target, after)
    decision_id = store.add_decision(author=author, action=stored_action, target=stored_target, before=before,
                                     after=stored_after, note=(note or None))
    hook = apply or default_apply(store)
    if hook is not None:
        hook(decision_id)
    return {"id": decision_id, "author": author, "review_action": action, "action": stored_action,
            "target": stored_target, "before": before, "after": stored_after, "note": note,
            "applied": hook is not None}
