"""One entry point for "what was this amount worth in USD on that day"."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from datetime import date, datetime

import sqlalchemy as sa

from heistwatch.value.coingecko import coingecko_from_env
from heistwatch.value.fiat import EcbRates
from heistwatch.value.providers import ChainPrices, PriceProvider, StablecoinPeg
from heistwatch.value.quote import Quote
from heistwatch.value.store_prices import PricesTableMissing, StorePrices, prices_table


class Valuer:
    """Values amounts in USD at a date.

    USD is the identity; ISO 4217 currencies the ECB publishes go through :class:`EcbRates`;
    everything else is treated as a crypto ticker and asked of ``crypto`` (any
    :class:`~heistwatch.value.providers.PriceProvider`, typically a :class:`ChainPrices`).
    Returns None when no rate is known: the caller keeps the native amount and says the USD value
    is unknown. Stablecoins get no price unless a :class:`StablecoinPeg` is in the chain on purpose.
    """

    def __init__(self, crypto: PriceProvider | None = None, *, fiat: EcbRates | None = None) -> None:
        self.fiat = fiat if fiat is not None else EcbRates()
        self.crypto = crypto
        self._memo: dict[tuple[str, date], tuple[float, date, str, bool] | None] = {}

    def rate(self, unit: str, on: date) -> tuple[float, date, str, bool] | None:
        """(USD per unit, day of the rate, source, approximate) or None."""
        unit = unit.strip().upper()
        if isinstance(on, datetime):
            on = on.date()
        key = (unit, on)
        if key in self._memo:
            return self._memo[key]
        found: tuple[float, date, str, bool] | None = None
        if unit == "USD":
            found = (1.0, on, "identity", False)
        elif self.fiat.knows(unit):
            r = self.fiat.rate(unit, on)
            if r is not None:
                found = (r[0], r[1], self.fiat.source, r[2])
        elif self.crypto is not None:
            errors_before = len(getattr(self.crypto, "errors", ()))
            p = self.crypto.price(unit, on)
            if p is not None:
                found = (p.usd, p.day, p.source, p.approximate)
            elif len(getattr(self.crypto, "errors", ())) > errors_before:
                return None  # a source failed (ChainPrices.errors): unknown for now, not memoised
        self._memo[key] = found
        return found

    def usd(self, amount: float, unit: str, on: date) -> Quote | None:
        """``amount`` of ``unit`` in USD at ``on``, or None when no rate is known."""
        if amount is None or not math.isfinite(amount):
            return None
        r = self.rate(unit, on)
        if r is None:
            return None
        rate, day, source, approx = r
        return Quote(usd=amount * rate, rate=rate, rate_date=day, source=source,
                     unit=unit.strip().upper(), amount=amount, on=on, approximate=approx)


def default_valuer(
    engine: sa.Engine | str | None = None,
    *,
    tolerance_days: int = 3,
    prefer: tuple[str, ...] = (),
    env: Mapping[str, str] | None = None,
    stablecoin_peg: bool | None = None,
) -> Valuer:
    """The valuer the product uses: ECB for fiat; for crypto the store's ``prices`` table, then
    CoinGecko when configured, then (only if asked, or ``HEISTWATCH_STABLECOIN_PEG=1``) the
    USD peg for stablecoins, flagged approximate."""
    env = os.environ if env is None else env
    chain: list[PriceProvider] = []
    if isinstance(engine, str):
        engine = sa.create_engine(engine)
    if engine is not None:
        try:
            prices_table(engine)
            chain.append(StorePrices(engine, tolerance_days=tolerance_days, prefer=prefer))
        except PricesTableMissing:
            pass
    cg = coingecko_from_env(env)
    if cg is not None:
        chain.append(cg)
    if stablecoin_peg is None:
        stablecoin_peg = env.get("HEISTWATCH_STABLECOIN_PEG", "") in ("1", "true", "yes")
    if stablecoin_peg:
        chain.append(StablecoinPeg())
    return Valuer(ChainPrices(chain) if chain else None)
