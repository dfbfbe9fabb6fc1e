"""Crypto price providers: a protocol, an in-memory table, a chain, and a documented stablecoin peg.

A provider answers ``price(asset, on)`` with the USD close it knows for the nearest day at or
before ``on`` (within its tolerance), or None. Providers that reach a remote service raise
:class:`PriceSourceError` when the service fails (rate limited, down), so a failure is not
mistaken for "no price" and cached as such.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol, runtime_checkable


class PriceSourceError(RuntimeError):
    """A price source could not answer (network error, rate limit, server error)."""


@dataclass(frozen=True, slots=True)
class PricePoint:
    asset: str        # ticker, upper case
    day: date         # the day of the close actually used
    usd: float        # USD per unit
    source: str       # "prices:cmc", "coingecko", "memory", "peg:usd"
    approximate: bool = False

    def __post_init__(self) -> None:
        if not self.usd > 0:
            raise ValueError(f"price must be positive, got {self.usd!r} for {self.asset} on {self.day}")


@runtime_checkable
class PriceProvider(Protocol):
    """Anything that can tell the USD price of one unit of ``asset`` on (or just before) ``on``."""

    def price(self, asset: str, on: date) -> PricePoint | None: ...


class InMemoryPrices:
    """Prices held in a dict ``{(asset, day): usd}``; nearest earlier day within ``tolerance_days``."""

    def __init__(self, prices: Mapping[tuple[str, date], float] | None = None, *,
                 tolerance_days: int = 3, source: str = "memory") -> None:
        self.tolerance_days = tolerance_days
        self.source = source
        self._prices: dict[tuple[str, date], float] = {}
        for (asset, day), usd in (prices or {}).items():
            self.add(asset, day, usd)

    def add(self, asset: str, day: date, usd: float) -> None:
        if not usd > 0:
            raise ValueError(f"price must be positive, got {usd!r} for {asset} on {day}")
        self._prices[(asset.upper(), day)] = float(usd)

    def __len__(self) -> int:
        return len(self._prices)

    @classmethod
    def from_files(cls, paths: Iterable[str], *, tolerance_days: int = 3, source: str = "memory") -> "InMemoryPrices":
        """Closes read from price CSV files (any layout :mod:`heistwatch.value.price_import` reads),
        for pure use without a database (benchmarks, evaluation). Bad rows are skipped."""
        from heistwatch.value.price_import import parse_price_file

        prices = cls(tolerance_days=tolerance_days, source=source)
        for path in paths:
            for row in parse_price_file(path).rows:
                prices.add(row.asset, row.day, row.usd_close)
        return prices

    def price(self, asset: str, on: date) -> PricePoint | None:
        asset = asset.upper()
        for back in range(self.tolerance_days + 1):
            day = on - timedelta(days=back)
            usd = self._prices.get((asset, day))
            if usd is not None:
                return PricePoint(asset, day, usd, self.source)
        return None


@dataclass
class ChainPrices:
    """Ask providers in order; the first that knows a price wins.

    A provider that raises :class:`PriceSourceError` is skipped for this question and the error
    is kept in ``errors`` (most recent last) so a caller can say why a value is unknown.
    """

    providers: Sequence[PriceProvider]
    errors: list[str] = field(default_factory=list)

    def price(self, asset: str, on: date) -> PricePoint | None:
        for p in self.providers:
            try:
                found = p.price(asset, on)
            except PriceSourceError as e:
                self.errors.append(f"{type(p).__name__}: {e}")
                continue
            if found is not None:
                return found
        return None


STABLECOINS_USD: frozenset[str] = frozenset({"USDT", "USDC", "BUSD", "DAI", "TUSD", "USDP", "GUSD", "PYUSD", "FDUSD"})


class StablecoinPeg:
    """Last resort for USD stablecoins: 1.0 USD per unit, flagged ``approximate``, source ``peg:usd``.

    Off unless put in a chain on purpose: a peg is an assumption (USDT traded at 0.95-1.05 in 2018,
    UST lost its peg in 2022), so a value from it is marked as such and never silent.
    """

    source = "peg:usd"

    def __init__(self, assets: Iterable[str] = STABLECOINS_USD) -> None:
        self.assets = frozenset(a.upper() for a in assets)

    def price(self, asset: str, on: date) -> PricePoint | None:
        if asset.upper() in self.assets:
            return PricePoint(asset.upper(), on, 1.0, self.source, approximate=True)
        return None
