from __future__ import annotations

from datetime import date

import pytest

from heistwatch.value import ChainPrices, EcbRates, InMemoryPrices, Quote, StablecoinPeg, Valuer


def test_usd_is_identity():
    q = Valuer().usd(534_000_000, "usd", date(2018, 1, 26))
    assert q.usd == 534_000_000 and q.rate == 1.0 and q.source == "identity" and q.rate_date == date(2018, 1, 26)


def test_yen_at_ecb_rate_of_the_day():
    # Coincheck: 58 billion yen on 2018-01-26 is reported as about $530-534 million.
    q = Valuer().usd(58e9, "JPY", date(2018, 1, 26))
    assert q.source == "ecb" and q.rate_date == date(2018, 1, 26) and not q.approximate
    assert 525e6 < q.usd < 540e6
    assert q.rate == pytest.approx(q.usd / 58e9)


def test_won_june_2018():
    # Bithumb: 35 billion won was reported as about $31 million.
    q = Valuer().usd(35e9, "KRW", date(2018, 6, 20))
    assert 30e6 < q.usd < 33e6


def test_weekend_uses_previous_business_day_and_says_so():
    q = Valuer().usd(1000, "EUR", date(2018, 1, 28))     # a Sunday
    assert q.rate_date == date(2018, 1, 26) and q.on == date(2018, 1, 28) and q.lag_days == 2
    friday = Valuer().usd(1000, "EUR", date(2018, 1, 26))
    assert q.usd == friday.usd


def test_dates_outside_the_bundled_range():
    ecb = EcbRates()
    first, last = ecb.bounds("INR")
    assert Valuer().usd(100, "INR", first.replace(year=first.year - 1)) is None
    later = Valuer().usd(100, "EUR", date(last.year + 1, 1, 1))
    assert later is not None and later.rate_date == ecb.bounds("EUR")[1] and later.approximate
    assert Valuer().usd(100, "EUR", date(last.year + 10, 1, 1)) is None   # too stale to use


def test_crypto_nearest_earlier_day_within_tolerance():
    prices = InMemoryPrices({("XEM", date(2018, 1, 26)): 0.84}, tolerance_days=3)
    v = Valuer(prices)
    assert v.usd(523e6, "XEM", date(2018, 1, 29)).rate_date == date(2018, 1, 26)
    assert v.usd(523e6, "XEM", date(2018, 1, 30)) is None       # 4 days: beyond tolerance
    assert v.usd(523e6, "XEM", date(2018, 1, 25)) is None       # never a later day's price


def test_unknown_crypto_and_no_provider_give_none():
    assert Valuer().usd(70, "XMR", date(2017, 7, 15)) is None
    assert Valuer(InMemoryPrices()).usd(70, "XMR", date(2017, 7, 15)) is None


def test_stablecoin_has_no_price_unless_peg_is_chosen():
    on = date(2022, 3, 23)
    assert Valuer(InMemoryPrices()).usd(25.5e6, "USDC", on) is None
    q = Valuer(ChainPrices([InMemoryPrices(), StablecoinPeg()])).usd(25.5e6, "USDC", on)
    assert q.usd == 25.5e6 and q.source == "peg:usd" and q.approximate
    known = Valuer(ChainPrices([InMemoryPrices({("USDC", on): 1.001}), StablecoinPeg()])).usd(1e6, "USDC", on)
    assert known.source == "memory" and known.usd == pytest.approx(1.001e6) and not known.approximate
    assert Valuer(ChainPrices([StablecoinPeg()])).usd(1, "BTC", on) is None


def test_quote_round_trips_and_checks_invariants():
    q = Valuer().usd(58e9, "JPY", date(2018, 1, 28))
    assert Quote.from_dict(q.to_dict()) == q
    with pytest.raises(ValueError):
        Quote(usd=1, rate=0, rate_date=date(2018, 1, 1), source="ecb")
    with pytest.raises(ValueError):
        InMemoryPrices({("BTC", date(2018, 1, 1)): -5})


def test_nan_amount_gives_none():
    assert Valuer().usd(float("nan"), "USD", date(2018, 1, 1)) is None


def test_in_memory_prices_from_files(tmp_path):
    f = tmp_path / "XMR-USD_1d.csv"
    f.write_text("Date,Close\n2017-07-14,41.0\n2017-07-15,40.12\nbad,1\n")
    prices = InMemoryPrices.from_files([f])
    assert len(prices) == 2
    q = Valuer(prices).usd(70, "XMR", date(2017, 7, 16))
    assert q.rate_date == date(2017, 7, 15) and q.usd == pytest.approx(70 * 40.12)
