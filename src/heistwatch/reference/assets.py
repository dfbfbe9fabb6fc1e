"""Units of money: fiat currencies (ISO 4217) and crypto assets (tickers), with how text writes them.

The data lives in ``data/assets.json``; this module only loads and indexes it. A *surface* is a
way the text writes a unit: a symbol before the figure (``$``, ``US$``, ``¥``), a word after it
(``dollars``, ``yen``, ``bitcoins``, ``Monero coins``: case-insensitive) or a code/ticker
(``USD``, ``BTC``, ``NEM``: case-sensitive, upper case only, so "dot" or "sol" in prose are
not read as Polkadot or Solana).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

AssetKind = Literal["fiat", "crypto"]


@dataclass(frozen=True, slots=True)
class Asset:
    code: str                     # ISO 4217 code or canonical ticker
    name: str
    kind: AssetKind
    symbols: tuple[str, ...]      # written before the figure ("$", "US$", "₿")
    words: tuple[str, ...]        # written after the figure, any case ("dollars", "bitcoins")
    codes: tuple[str, ...]        # codes/tickers, upper case only ("USD", "BTC", "XBT", "NEM")
    examples: tuple[str, ...]     # phrases that must parse to this code


@dataclass(frozen=True, slots=True)
class _Index:
    assets: dict[str, Asset]
    words: dict[str, str]         # casefolded word -> code
    codes: dict[str, str]         # exact code/ticker -> canonical code
    symbols: dict[str, str]       # exact symbol -> code


@lru_cache(maxsize=1)
def _index() -> _Index:
    raw = json.loads(resources.files("heistwatch.reference").joinpath("data/assets.json").read_text("utf-8"))
    assets: dict[str, Asset] = {}
    words: dict[str, str] = {}
    codes: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for kind in ("fiat", "crypto"):
        for entry in raw[kind]:
            code = entry["code"]
            own_codes = tuple(entry.get("codes") or entry.get("tickers") or [])
            if code not in own_codes:
                own_codes = (code, *own_codes)
            asset = Asset(
                code=code,
                name=entry["name"],
                kind=kind,  # type: ignore[arg-type]
                symbols=tuple(entry.get("symbols", [])),
                words=tuple(entry.get("words", [])),
                codes=own_codes,
                examples=tuple(entry.get("examples", [])),
            )
            if code in assets:
                raise ValueError(f"assets.json: duplicate code {code}")
            assets[code] = asset
            for w in asset.words:
                words.setdefault(w.casefold(), code)
            for c in asset.codes:
                codes.setdefault(c, code)
            for s in asset.symbols:
                symbols.setdefault(s, code)
    return _Index(assets, words, codes, symbols)


def get(code: str) -> Asset | None:
    """The asset with this canonical code (or any code/ticker it goes by), else None."""
    idx = _index()
    canon = idx.codes.get(code.upper()) if code else None
    return idx.assets.get(canon) if canon else None


def normalise_code(code: str) -> str:
    """Canonical code for a code or ticker ("XBT" -> "BTC", "RMB" -> "CNY"); unknown codes upper-cased."""
    asset = get(code)
    return asset.code if asset else code.upper()


def is_fiat(code: str) -> bool:
    asset = get(code)
    return asset is not None and asset.kind == "fiat"


def is_crypto(code: str) -> bool:
    asset = get(code)
    return asset is not None and asset.kind == "crypto"


def all_assets() -> list[Asset]:
    """Every known asset, fiat first, in file order."""
    return list(_index().assets.values())


def unit_for_word(surface: str) -> str | None:
    """Code for a unit word or code as written after a figure ("dollars", "BTC", "Monero coins")."""
    idx = _index()
    code = idx.codes.get(surface)
    if code:
        return code
    return idx.words.get(" ".join(surface.split()).casefold())


def unit_for_symbol(surface: str) -> str | None:
    """Code for a symbol written before a figure ("$", "US$", "¥", "€")."""
    idx = _index()
    return idx.symbols.get(surface) or idx.symbols.get(" ".join(surface.split()))


@lru_cache(maxsize=1)
def _crypto_names() -> dict[str, str]:
    out: dict[str, str] = {}
    for a in _index().assets.values():
        if a.kind == "crypto":
            for w in (a.name, *a.words):
                out.setdefault(" ".join(w.casefold().split()), a.code)
    return out


def crypto_named(name: str) -> str | None:
    """The crypto asset a name is written for: its name or a unit word in any case ("Nano", "Tether"), or a
    ticker in capitals ("BNB", "DAI"); else None."""
    return crypto_ticker(name) or _crypto_names().get(" ".join(name.casefold().split()))


def crypto_ticker(name: str) -> str | None:
    """The crypto asset whose ticker ``name`` is, as written (case-sensitive: "BNB", "stETH"); else None."""
    idx = _index()
    code = idx.codes.get(name)
    return code if code is not None and idx.assets[code].kind == "crypto" else None


def word_surfaces() -> list[str]:
    """Unit words (case-insensitive), longest first, for building a regex."""
    return sorted(_index().words, key=lambda w: (-len(w), w))


def code_surfaces() -> list[str]:
    """Codes and tickers (case-sensitive), longest first."""
    return sorted(_index().codes, key=lambda w: (-len(w), w))


def symbol_surfaces() -> list[str]:
    """Prefix symbols, longest first."""
    return sorted(_index().symbols, key=lambda w: (-len(w), w))
