"""Indicators of compromise in report text: addresses, transaction and file hashes, domains, IPs, e-mail.

``find_indicators(text)`` returns ``(Span, Indicator)`` pairs in text order. Formats with a
checksum are verified (Base58Check for legacy Bitcoin addresses, bech32/bech32m for ``bc1``
addresses, EIP-55 for mixed-case Ethereum addresses); an indicator whose checksum fails is still
reported, with ``valid=False``, because a mistyped address in a report is still a lead.

How it stays linear: one pass with a tokenizer made of possessive character-class runs joined by
separators (``.``, ``@`` and their defanged forms ``[.]``, ``(.)``, ``[dot]``, ``[@]``, ``[at]``);
each token is then classified by plain Python checks. No pattern can backtrack over more than
one token. Hex strings that could be either a transaction hash or a file hash are told apart by
the words just before them ("SHA-256", "md5", "hash of the file", "transaction").

Values are normalised so the same indicator compares equal across documents: Ethereum addresses,
hashes, bech32 addresses, domains and e-mail addresses in lower case with defanging removed; legacy
Bitcoin addresses as written (Base58 is case-sensitive). :func:`eip55` gives the checksummed form.

Types: ``btc-address``, ``eth-address``, ``tx-hash``, ``md5``, ``sha1``, ``sha256``, ``domain``,
``ipv4``, ``ipv6``, ``email``.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from heistwatch.extract.model import Indicator, Span
from heistwatch.extract.text import folded

# -- checksums ---------------------------------------------------------------------------------

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}


def base58check_ok(s: str) -> bool:
    """True when ``s`` is Base58Check with a valid checksum and a mainnet P2PKH/P2SH version byte."""
    n = 0
    for ch in s:
        v = _B58_INDEX.get(ch)
        if v is None:
            return False
        n = n * 58 + v
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    raw = b"\x00" * (len(s) - len(s.lstrip("1"))) + body
    if len(raw) != 25:
        return False
    payload, check = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != check:
        return False
    return payload[0] in (0x00, 0x05)


_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONST, _BECH32M_CONST = 1, 0x2BC830A3


def _bech32_polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def segwit_ok(addr: str) -> bool:
    """True when ``addr`` is a valid mainnet segwit address (BIP 173 bech32 for v0, BIP 350 bech32m for v1+)."""
    if addr.lower() != addr and addr.upper() != addr:
        return False
    a = addr.lower()
    pos = a.rfind("1")
    hrp, data_part = a[:pos], a[pos + 1 :]
    if hrp != "bc" or len(data_part) < 6 or len(a) > 90:
        return False
    try:
        data = [_BECH32_CHARSET.index(c) for c in data_part]
    except ValueError:
        return False
    const = _bech32_polymod([ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data)
    if not data[:-6]:
        return False
    version = data[0]
    if version > 16 or const != (_BECH32_CONST if version == 0 else _BECH32M_CONST):
        return False
    acc = bits = 0
    prog: list[int] = []
    for v in data[1:-6]:
        acc = (acc << 5) | v
        bits += 5
        while bits >= 8:
            bits -= 8
            prog.append((acc >> bits) & 0xFF)
    if bits >= 5 or (acc << (8 - bits)) & 0xFF and bits:
        return False
    if not 2 <= len(prog) <= 40:
        return False
    return version != 0 or len(prog) in (20, 32)


def keccak256(data: bytes) -> bytes:
    from Crypto.Hash import keccak

    return keccak.new(digest_bits=256, data=data).digest()


def eip55(address: str) -> str:
    """The EIP-55 mixed-case checksum form of a ``0x`` + 40 hex Ethereum address."""
    hexpart = address[2:].lower()
    h = keccak256(hexpart.encode("ascii")).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(hexpart))


def eth_checksum_ok(address: str) -> bool:
    """All-lower or all-upper addresses carry no checksum (valid); mixed case must match EIP-55."""
    hexpart = address[2:]
    if hexpart.lower() == hexpart or hexpart.upper() == hexpart:
        return True
    return eip55(address) == "0x" + hexpart


# -- tokenizer ---------------------------------------------------------------------------------

_RUN = r"[A-Za-z0-9_%+\-]++"
_SEP = r"(?:\[\.\]|\(\.\)|\[dot\]|\(dot\)|\[@\]|\(@\)|\[at\]|\(at\)|\.|@)"
_TOKEN = re.compile(rf"{_RUN}(?:{_SEP}{_RUN})*+", re.IGNORECASE)
_SEP_SPLIT = re.compile(rf"({_SEP})", re.IGNORECASE)
# the tokens find_indicators classifies, and only those: one with a separator or a run of 14+ characters
# (a token always starts after a non-run character, so the look-behind finds the same tokens as _TOKEN)
_LIKELY_TOKEN = re.compile(rf"(?<![A-Za-z0-9_%+\-])(?:{_RUN}(?:{_SEP}{_RUN})++|[A-Za-z0-9_%+\-]{{14,}}+)",
                           re.IGNORECASE)
_IPV6_RUN = re.compile(r"(?<![0-9A-Za-z_:.])[0-9A-Fa-f:]{3,}+(?![0-9A-Za-z_.])")
_HEX = re.compile(r"[0-9a-fA-F]+")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", re.IGNORECASE)
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}")

_DEFANGED_DOT = {"[.]", "(.)", "[dot]", "(dot)"}
_DEFANGED_AT = {"[@]", "(@)", "[at]", "(at)"}

# Two-label names with these TLDs are usually file names ("setup.py", "invoice.zip", "notes.md"):
# taken as domains only when defanged or written as a URL host ("//host").
_FILE_LIKE_TLDS = frozenset({"py", "md", "sh", "pl", "rs", "ps", "zip", "mov", "so", "cc", "ai", "cs", "go", "rb", "js"})


@lru_cache(maxsize=1)
def tlds() -> frozenset[str]:
    raw = resources.files("heistwatch.reference").joinpath("data/tlds.txt").read_text("utf-8")
    return frozenset(x.strip() for x in raw.splitlines() if x.strip() and not x.startswith("#"))


# Context words (lower case) read in the ~80 characters before a bare hex string.
_CTX_WINDOW = 80
_CTX_MD5 = re.compile(r"\bmd-?5\b")
_CTX_SHA1 = re.compile(r"\bsha-?1\b")
_CTX_SHA256 = re.compile(r"\bsha-?256\b")
_CTX_TX = re.compile(r"\b(?:tx|txid|txn|txhash|transaction|transactions|transfer)\b")
_CTX_FILE = re.compile(r"\b(?:hash|hashes|file|files|malware|sample|samples|payload|binary|executable|dll|installer|ioc|iocs)\b")


@dataclass(frozen=True, slots=True)
class IndicatorExample:
    """One documented behaviour of the extractor, checked by the tests."""

    text: str
    found: tuple[tuple[str, str, bool], ...]   # (type, value, valid) expected, in order; () = nothing


# The extractor's documented examples (our own sentences; addresses are well-known public ones or
# made by changing one character of one to break its checksum).
EXAMPLES: tuple[IndicatorExample, ...] = (
    IndicatorExample("The genesis block pays 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa.",
                     (("btc-address", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", True),)),
    IndicatorExample("Funds went to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb, a typo of a famous address.",
                     (("btc-address", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", False),)),
    IndicatorExample("A P2SH address: 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy.",
                     (("btc-address", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", True),)),
    IndicatorExample("Segwit: bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 and BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4.",
                     (("btc-address", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", True),
                      ("btc-address", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", True))),
    IndicatorExample("A bad copy bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5 fails its checksum.",
                     (("btc-address", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", False),)),
    IndicatorExample("Taproot output bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297 received it.",
                     (("btc-address", "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297", True),)),
    IndicatorExample("The hacker's wallet 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed signed it.",
                     (("eth-address", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", True),)),
    IndicatorExample("A mistyped 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD fails EIP-55.",
                     (("eth-address", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", False),)),
    IndicatorExample("Lower case 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359 has no checksum to fail.",
                     (("eth-address", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", True),)),
    IndicatorExample("See transaction 0xc28fad5e8d5e0ce6a2eaf67b6687be5d58113e16be590824d6cfa1a94467d0b7 on Etherscan.",
                     (("tx-hash", "0xc28fad5e8d5e0ce6a2eaf67b6687be5d58113e16be590824d6cfa1a94467d0b7", True),)),
    IndicatorExample("The txid was 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b.",
                     (("tx-hash", "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b", True),)),
    IndicatorExample("The dropper (SHA-256: E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855) beacons home.",
                     (("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", True),)),
    IndicatorExample("MD5 d41d8cd98f00b204e9800998ecf8427e and SHA1 da39a3ee5e6b4b0d3255bfef95601890afd80709.",
                     (("md5", "d41d8cd98f00b204e9800998ecf8427e", True),
                      ("sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709", True))),
    IndicatorExample("Build id d41d8cd98f00b204e9800998ecf8427e appears in the footer.", ()),
    IndicatorExample("The phishing site coinbase-verify[.]com and hxxps://wallet-update.example[.]net/login were seized.",
                     (("domain", "coinbase-verify.com", True), ("domain", "wallet-update.example.net", True))),
    IndicatorExample("Mt.Gox and Mt. Gox lost bitcoin; see setup.py, invoice.zip and report.pdf, e.g. the U.S. case.", ()),
    IndicatorExample("The exchange was hacked.Now it is closed; Binance.US and ASP.NET are not domains here.", ()),
    IndicatorExample("Crypto.com and Stake.com are victims named as brands; stake.com is written as a domain.",
                     (("domain", "stake.com", True),)),
    IndicatorExample("Traffic went to https://update.cryptoexchange.io/setup.zip and to www.blockchain-jobs.co.uk.",
                     (("domain", "update.cryptoexchange.io", True), ("domain", "www.blockchain-jobs.co.uk", True))),
    IndicatorExample("C2 servers at 185.220.101[.]4 and 203.0.113.77, not 256.1.1.1 or version 1.2.3.",
                     (("ipv4", "185.220.101.4", True), ("ipv4", "203.0.113.77", True))),
    IndicatorExample("An IPv6 host 2001:db8::ff00:42:8329 answered; the clock read 10:30:45.",
                     (("ipv6", "2001:db8::ff00:42:8329", True),)),
    IndicatorExample("Recruiters wrote from hr.team@crypto-careers.net and jobs[at]fake-recruit[.]org.",
                     (("email", "hr.team@crypto-careers.net", True), ("email", "jobs@fake-recruit.org", True))),
)


def _hex_context(text: str, start: int) -> str:
    return text[max(0, start - _CTX_WINDOW) : start].lower()


def _classify_hex(text: str, start: int, h: str) -> str | None:
    """Type of a bare hex string by its length and the words before it, or None (not an indicator)."""
    ctx = _hex_context(text, start)
    n = len(h)
    if n == 32:
        return "md5" if _CTX_MD5.search(ctx) or _CTX_FILE.search(ctx) else None
    if n == 40:
        return "sha1" if _CTX_SHA1.search(ctx) or _CTX_FILE.search(ctx) else None
    if n == 64:
        # the nearest explicit name wins: "SHA-256" over "transaction" only if it is closer
        best: tuple[int, str] | None = None
        for rx, kind in ((_CTX_SHA256, "sha256"), (_CTX_TX, "tx-hash"), (_CTX_MD5, None), (_CTX_SHA1, None)):
            for m in rx.finditer(ctx):
                if best is None or m.start() >= best[0]:
                    best = (m.start(), kind or "")
        if best is not None and best[1]:
            return best[1]
        if best is None and _CTX_FILE.search(ctx) and not re.search(r"\b(?:block|wallet|address)\b", ctx):
            return "sha256"
        return "tx-hash"
    return None


def _domain(labels: list[str], *, defanged: bool, url_host: bool) -> str | None:
    """The normalised domain when ``labels`` form one, else None."""
    if len(labels) < 2:
        return None
    tld = labels[-1]
    if not (tld.islower() or defanged) or tld.lower() not in tlds():
        return None
    if not all(_LABEL.fullmatch(lab) for lab in labels):
        return None
    low = [lab.lower() for lab in labels]
    if len(labels) == 2 and low[-1] in _FILE_LIKE_TLDS and not (defanged or url_host):
        return None
    if not defanged and not url_host and len(labels) == 2 and labels[0][:1].isupper():
        return None  # a brand written as a name ("Crypto.com", "Stake.com", "Block.one"), not an indicator
    return ".".join(low)


def _classify_token(text: str, start: int, tok: str) -> tuple[str, str, bool] | None:
    parts = _SEP_SPLIT.split(tok)
    runs, seps = parts[0::2], [s.lower() for s in parts[1::2]]
    if not seps:
        return _classify_run(text, start, tok)
    at = [i for i, s in enumerate(seps) if s == "@" or s in _DEFANGED_AT]
    defanged = any(s in _DEFANGED_DOT or s in _DEFANGED_AT for s in seps)
    if at:
        if len(at) != 1:
            return None
        i = at[0]
        local = "".join(r + ("." if j < i else "") for j, r in enumerate(runs[: i + 1]))
        if any(seps[j] != "." for j in range(i)) or not _EMAIL_LOCAL.fullmatch(local):
            return None
        dom = _domain(runs[i + 1 :], defanged=True, url_host=True)
        if dom is None or not (runs[-1].islower() or runs[-1].isupper()):
            return None
        return ("email", f"{local.lower()}@{dom}", True)
    if all(r.isdigit() for r in runs):
        if len(runs) == 4 and all(len(r) <= 3 and int(r) <= 255 for r in runs):
            return ("ipv4", ".".join(str(int(r)) for r in runs), True)
        return None
    url_host = text[max(0, start - 2) : start] == "//"
    if text[max(0, start - 1) : start] == "/" and not url_host:
        return None  # a path component ("/files/setup.zip"), not a host
    dom = _domain(runs, defanged=defanged, url_host=url_host)
    return ("domain", dom, True) if dom else None


def _classify_run(text: str, start: int, run: str) -> tuple[str, str, bool] | None:
    n = len(run)
    if run[:2] in ("0x", "0X") and _HEX.fullmatch(run, 2):
        if n == 42:
            return ("eth-address", run.lower(), eth_checksum_ok(run))
        if n == 66:
            return ("tx-hash", run.lower(), True)
        return None
    if n in (32, 40, 64) and _HEX.fullmatch(run) and any(c.isdigit() for c in run) and any(c.isalpha() for c in run):
        kind = _classify_hex(text, start, run)
        return (kind, run.lower(), True) if kind else None
    low = run.lower()
    if low.startswith("bc1") and 14 <= n <= 74 and (run.islower() or run.isupper()):
        if all(c in _BECH32_CHARSET for c in low[3:]):
            ok = segwit_ok(run)
            if ok or n in (42, 62):
                return ("btc-address", low, ok)
        return None
    if run[0] in "13" and 26 <= n <= 35 and all(c in _B58_INDEX for c in run):
        if base58check_ok(run):
            return ("btc-address", run, True)
        digits = sum(c.isdigit() for c in run)
        if digits >= 2 and any(c.islower() for c in run) and any(c.isupper() for c in run):
            return ("btc-address", run, False)
    return None


_HEX_OR_COLON = frozenset("0123456789abcdefABCDEF:")


def _ipv6_runs(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_IPV6_RUN.finditer(text)`` that hold a colon (the others are never an address).

    A match is a whole run of hex digits and colons (its look-behind refuses a start inside one), so the
    runs are found from the colons with ``str.find`` and the pattern is tried once at each run's start:
    most texts hold few colons, and a scan of the whole text by the pattern tries every position."""
    n = len(text)
    i = text.find(":")
    while i >= 0:
        s = i
        while s > 0 and text[s - 1] in _HEX_OR_COLON:
            s -= 1
        m = _IPV6_RUN.match(text, s)
        if m is not None:
            yield m
            e = m.end()
        else:
            e = i + 1
            while e < n and text[e] in _HEX_OR_COLON:
                e += 1
        i = text.find(":", e)


def find_indicators(text: str) -> list[tuple[Span, Indicator]]:
    """Every indicator in ``text`` with the span of its surface form, in text order."""
    found: list[tuple[Span, Indicator]] = []
    for m in folded(_LIKELY_TOKEN).finditer(text):
        start = m.start()
        tok = text[start : m.end()]
        # trim leading "+%-_" and trailing "-" / "_" that prose glues to a token
        lead = len(tok) - len(tok.lstrip("+%-_"))
        tok, start = tok[lead:], start + lead
        tok = tok.rstrip("-_")
        if len(tok) < 3:
            continue
        if len(tok) < 14 and "." not in tok and "@" not in tok and "[" not in tok and "(" not in tok:
            continue   # a plain word: too short for an address or a hash, no separator for a host or an e-mail
        got = _classify_token(text, start, tok)
        if got is not None:
            kind, value, valid = got
            found.append((Span(start, start + len(tok)), Indicator(kind, value, valid)))
    for m in _ipv6_runs(text):   # = the matches of _IPV6_RUN.finditer(text) that hold a colon
        cand = m.group()
        if cand.count(":") < 2 or not any(c in "0123456789abcdefABCDEF" for c in cand):
            continue
        if "::" not in cand and cand.count(":") != 7:
            continue
        try:
            ip = ipaddress.IPv6Address(cand)
        except ValueError:
            continue
        found.append((Span(m.start(), m.end()), Indicator("ipv6", ip.compressed, True)))
    found.sort(key=lambda p: (p[0].start, p[0].end))
    return found
