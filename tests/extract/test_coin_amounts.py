"""Coin amounts as news writes them: a coin's name in any case after a figure ("17 million Nano", "3 million
Dai"), a ticker in capitals ("40,000 NEAR", "2 million ONE"), and not an ordinary word that shares a ticker's
letters ("near", "one", "gas") written in lower case."""

from __future__ import annotations

import pytest

from heistwatch.extract.money import find_amounts
from heistwatch.reference.assets import all_assets


def _units(text: str) -> list[tuple[float, str]]:
    return [(a.money.value, a.money.unit) for a in find_amounts(text) if a.money is not None]


@pytest.mark.parametrize(("text", "expected"), [
    ("The exchange said 4 million Nano had gone missing.", (4_000_000, "NANO")),
    ("A holder lost 8.2 million Dai in the attack.", (8_200_000, "DAI")),
    ("The attacker took 120,500 BNB from the pool.", (120_500, "BNB")),
    ("Hackers drained 40,000 NEAR from the bridge.", (40_000, "NEAR")),
    ("About 2 million ONE were moved out.", (2_000_000, "ONE")),
    ("The thief swapped 3,100 stETH for ether.", (3_100, "stETH")),   # as written: no listed spelling
    ("Some 900,000 Filecoin were taken.", (900_000, "FIL")),
    ("The drainer took 1.5 million PYUSD.", (1_500_000, "PYUSD")),
])
def test_coin_amounts_read_with_their_asset(text: str, expected: tuple[float, str]) -> None:
    assert expected in _units(text)


@pytest.mark.parametrize("text", [
    "Prices fell 5 percent near 2 million users' deadline.",
    "It cost 20 gas per call, one user said.",
    "Volume came to 3 million one day and 4 million the next.",
])
def test_ordinary_words_are_not_tickers(text: str) -> None:
    assert not any(unit in {"NEAR", "GAS", "ONE"} for _, unit in _units(text))


def test_stablecoins_and_top_coins_are_in_the_table():
    codes = {a.code for a in all_assets()}
    assert {"DAI", "USDT", "USDC", "TUSD", "FDUSD", "PYUSD", "BNB", "NANO", "SUI", "PEPE"} <= codes


@pytest.mark.parametrize(("text", "expected"), [
    ("Hackers drained 12 million Shiba Inu tokens from the pool.", (12_000_000, "SHIB")),
    ("Some 1.2 million OP were moved to a new address.", (1_200_000, "OP")),
    ("The exploiter took 3.5 million Tron and 600 Bitcoin Cash.", (3_500_000, "TRX")),
])
def test_coin_names_of_several_words_and_short_tickers(text: str, expected: tuple[float, str]) -> None:
    assert expected in _units(text)
