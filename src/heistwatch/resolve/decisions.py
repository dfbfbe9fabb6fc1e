"""Analyst decisions, applied on top of the automatic result every time the ledger is resolved.

Decisions name what they act on by content that survives re-extraction and re-resolution, not
by incident ids alone: a mention is (document key, victim key) with its index as a tie-break, a
claim is its claim key. So a merge made today still merges the same reports after the extractor
is improved and the ledger rebuilt.

* ``merge``  target ``{"incidents": [id, id], "groups": [[mention, ...], [mention, ...]]}``: the
  incidents holding most of each group's mentions become one (it keeps the id of the larger).
* ``split``  target ``{"incident": id, "mentions": [mention, ...]}``: those mentions leave their
  incident and form one of their own (id derived from the decision).
* ``reject_claim`` target ``{"claim": claim_key}``: the claim stays visible, marked rejected, and
  is used for nothing.
* ``pin_value`` target ``{"incident": id, "mentions": [...]}``, after ``{"field": f, "value": v}`` with
  f in victim, type, date, loss_usd (optionally ``low``, ``high``, ``claim``), actors (a list).

Decisions apply in order of ``created_at`` (then id); a later pin of the same field wins.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

ACTIONS = ("merge", "split", "reject_claim", "pin_value")
# Spellings accepted on the way in (CLI verbs, API clients) -> the stored action name.
ACTION_ALIASES = {"reject-claim": "reject_claim", "reject": "reject_claim", "pin": "pin_value", "pin-value": "pin_value"}
PIN_FIELDS = ("victim", "type", "date", "loss_usd", "actors")


@dataclass(frozen=True, slots=True)
class Decision:
    action: str
    author: str
    target: dict[str, Any]
    after: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None
    id: str = ""
    before: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "action", ACTION_ALIASES.get(self.action, self.action))
        if self.action not in ACTIONS:
            raise ValueError(f"unknown decision action {self.action!r} (expected one of {', '.join(ACTIONS)})")
        if not self.author:
            raise ValueError("a decision needs an author")
        if self.action == "merge" and len(self.target.get("groups", [])) < 2:
            raise ValueError("merge needs two groups of mentions")
        if self.action == "split" and not self.target.get("mentions"):
            raise ValueError("split needs the mentions to move out")
        if self.action == "reject_claim" and not self.target.get("claim"):
            raise ValueError("reject-claim needs a claim key")
        if self.action == "pin_value":
            if self.after.get("field") not in PIN_FIELDS:
                raise ValueError(f"pin needs a field among {', '.join(PIN_FIELDS)}")
            if "value" not in self.after:
                raise ValueError("pin needs a value")
        if not self.id:
            raw = json.dumps([self.action, self.author, self.target, self.after,
                              self.created_at.isoformat() if self.created_at else None], sort_keys=True, default=str)
            object.__setattr__(self, "id", "dec-" + hashlib.sha1(raw.encode()).hexdigest()[:10])

    def sort_key(self) -> tuple:
        return (self.created_at.isoformat() if self.created_at else "", self.id)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "author": self.author, "target": self.target,
                "after": self.after, "before": self.before,
                "created_at": self.created_at.isoformat() if self.created_at else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Decision":
        ca = d.get("created_at")
        if isinstance(ca, str):
            ca = datetime.fromisoformat(ca)
        return cls(action=d["action"], author=d["author"], target=dict(d.get("target") or {}),
                   after=dict(d.get("after") or {}), created_at=ca, id=d.get("id") or "",
                   before=dict(d.get("before") or {}))


def mention_ref(doc: str, victim_key: str, index: int) -> dict[str, Any]:
    return {"doc": doc, "key": victim_key, "index": index}
