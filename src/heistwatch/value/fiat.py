"""Fiat to USD through the ECB reference rates bundled in the ``currencyconverter`` package.

No download at run time: the package ships ``eurofxref-hist.zip`` and we read that file. The ECB
publishes on TARGET working days only, so a weekend or holiday has no rate: we take the nearest
earlier published day (up to ``max_gap_days``) and say which day it was. A date past the end of
the bundled file uses the last published day, flagged approximate; a date before a currency's
first rate has no answer.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

from heistwatch.value.quote import Quote


@lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    # Raw rates: no interpolation, so a missing day is visible and we can report the day used.
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


class EcbRates:
    """USD per unit of a fiat currency at a date, from the ECB reference rates."""

    source = "ecb"

    def __init__(self, max_gap_days: int = 7, max_stale_days: int | None = 730) -> None:
        self.max_gap_days = max_gap_days
        self.max_stale_days = max_stale_days
        self._c = _converter()

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset(self._c.currencies)

    def knows(self, unit: str) -> bool:
        return unit.upper() in self._c.currencies

    def bounds(self, unit: str) -> tuple[date, date] | None:
        """First and last day the bundled file has a rate for ``unit`` (EUR: the file's span)."""
        unit = unit.upper()
        b = self._c.bounds.get(unit) or (self._c.bounds.get("USD") if unit == "EUR" else None)
        return (b.first_date, b.last_date) if b else None

    def rate(self, unit: str, on: date) -> tuple[float, date, bool] | None:
        """(USD per unit, day of the rate, approximate) or None when the file cannot answer."""
        unit = unit.upper()
        if unit == "USD":
            return 1.0, on, False
        if unit not in self._c.currencies:
            return None
        bu, bd = self.bounds(unit), self.bounds("USD")
        if bu is None or bd is None:
            return None
        first, last = max(bu[0], bd[0]), min(bu[1], bd[1])
        if on < first:
            return None
        approximate = False
        day = on
        if on > last:
            if self.max_stale_days is not None and (on - last).days > self.max_stale_days:
                return None
            day, approximate = last, True
        for _ in range(self.max_gap_days + 1):
            if day < first:
                return None
            try:
                r = self._c.convert(1.0, unit, "USD", date=day)
            except RateNotFoundError:
                day -= timedelta(days=1)
                continue
            return float(r), day, approximate
        return None

    def quote(self, amount: float, unit: str, on: date) -> Quote | None:
        found = self.rate(unit, on)
        if found is None:
            return None
        r, day, approx = found
        return Quote(usd=amount * r, rate=r, rate_date=day, source=self.source, unit=unit.upper(),
                     amount=amount, on=on, approximate=approx)
