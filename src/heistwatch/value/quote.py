"""The answer to "what was this worth in USD on that day", with the rate that produced it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Quote:
    """``amount`` of ``unit`` valued at ``rate`` USD per unit, the rate taken on ``rate_date``.

    ``source`` says where the rate came from: ``"identity"`` (the amount was already USD),
    ``"ecb"`` (European Central Bank reference rate), ``"prices:<name>"`` (the ``prices`` table,
    ``<name>`` being the import's source), ``"coingecko"``, ``"memory"`` or
    ``"peg:usd"`` (a stablecoin valued at its 1.0 peg because no price was known: approximate).
    """

    usd: float
    rate: float
    rate_date: date
    source: str
    unit: str = "USD"
    amount: float | None = None
    on: date | None = None          # the date asked for; rate_date may be earlier (nearest known day)
    approximate: bool = False       # True when the rate is a stand-in (peg fallback, date clamped to range)

    def __post_init__(self) -> None:
        if not self.rate > 0:
            raise ValueError(f"rate must be positive, got {self.rate!r}")
        if not self.source:
            raise ValueError("a quote needs a source")

    @property
    def lag_days(self) -> int | None:
        """How many days before the asked date the rate was taken (0 = same day)."""
        return None if self.on is None else (self.on - self.rate_date).days

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["rate_date"] = self.rate_date.isoformat()
        d["on"] = self.on.isoformat() if self.on else None
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quote":
        data = dict(data)
        data["rate_date"] = date.fromisoformat(data["rate_date"])
        if data.get("on"):
            data["on"] = date.fromisoformat(data["on"])
        return cls(**data)
