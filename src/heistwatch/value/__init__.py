"""Values at a date: fiat through the ECB reference rates, crypto through price providers.

The ledger asks one question: what was this amount worth in US dollars on that day? The answer
is a :class:`Quote` that says which rate was used, from which day and from which source, so a
figure in the ledger can always be traced back to the price behind it.

    >>> from datetime import date
    >>> from heistwatch.value import Valuer, InMemoryPrices
    >>> v = Valuer(crypto=InMemoryPrices({("XEM", date(2018, 1, 26)): 0.84}))
    >>> round(v.usd(523_000_000, "XEM", date(2018, 1, 26)).usd)
    439320000
"""

from __future__ import annotations

from heistwatch.value.coingecko import CoinGeckoClient, CoinGeckoError, coingecko_from_env
from heistwatch.value.fiat import EcbRates
from heistwatch.value.providers import (
    ChainPrices,
    InMemoryPrices,
    PricePoint,
    PriceProvider,
    PriceSourceError,
    StablecoinPeg,
)
from heistwatch.value.quote import Quote
from heistwatch.value.store_prices import StorePrices
from heistwatch.value.valuer import Valuer, default_valuer

__all__ = [
    "ChainPrices",
    "CoinGeckoClient",
    "CoinGeckoError",
    "EcbRates",
    "InMemoryPrices",
    "PricePoint",
    "PriceProvider",
    "PriceSourceError",
    "Quote",
    "StablecoinPeg",
    "StorePrices",
    "Valuer",
    "coingecko_from_env",
    "default_valuer",
]
