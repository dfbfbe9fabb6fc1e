"""Text helpers shared by the readers: normalisation, content hash, charset decoding, language,
and publication dates found in a URL or a byline."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_TRAILING_WS = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_ALL_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """The text as stored and given to the extractor: NFC, ``\\n`` line ends, no control
    characters, no trailing spaces, at most one blank line in a row, stripped."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\t", " ")
    text = _TRAILING_WS.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """Identity of a document: sha256 of its text with all whitespace runs folded to one space.

    Two copies that differ only in layout (line breaks, indentation) are the same document."""
    folded = _ALL_WS.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


class UndecodableText(ValueError):
    pass


class BinaryContent(ValueError):
    pass


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB (UTF-16/32 with a BOM is text)."""
    head = raw[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 or b == 127)
    return controls > max(4, len(head) // 100)


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_text(raw: bytes) -> tuple[str, str]:
    """Decode bytes of unknown charset; returns (text, encoding name).

    UTF-8 (with or without BOM) first; otherwise charset-normalizer's best guess, refused when
    it reads as noise. Raises :class:`BinaryContent` or :class:`UndecodableText`."""
    if looks_binary(raw):
        raise BinaryContent("binary content, not text")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"undecodable bytes: not valid {enc} at byte {exc.start}") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    high_bytes = sum(1 for b in raw if b >= 0x80)
    in_utf8 = sum(len(m) for m in _UTF8_MULTIBYTE.findall(raw))
    if in_utf8 >= 0.6 * high_bytes:
        # Real UTF-8 sequences beside invalid ones: a damaged UTF-8 file, not a legacy charset.
        raise UndecodableText(f"undecodable bytes: invalid UTF-8 at byte offset {first_bad}")
    if high_bytes <= len(raw) * 0.1:
        # Mostly ASCII with a few accented letters: a Western single-byte charset. Short samples
        # fool statistical detectors (they guess Big5 for "Börse"), so settle it directly.
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        else:
            return text, "cp1252"
        return text, "latin-1"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.chaos > 0.2:
        raise UndecodableText(f"undecodable bytes: not UTF-8 (first bad byte at offset {first_bad}) and no other encoding fits")
    return str(best), best.encoding


# --- language -------------------------------------------------------------------------------

_STOPWORDS = {
    "en": "the of and to in is that for was with on as by it from said has have at",
    "de": "der die und das ist nicht mit von den sich des auf ein eine dem für wurde",
    "fr": "le la les et des est une que dans pour qui par sur du pas au avec",
    "es": "el la los las que del por una con para es en se al fue como",
    "pt": "o os as que do da dos das uma com para em foi não por",
    "it": "il di che la è per una del della sono con non gli nel",
    "nl": "de het een van en is dat niet op te voor met zijn werd",
}
_SCRIPTS = {
    "ko": re.compile(r"[\uac00-\ud7af]"),
    "ja": re.compile(r"[\u3040-\u30ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"),
}
_STOP_SETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str | None:
    """A light guess (ISO 639-1) from the script and common function words; None when unsure."""
    sample = text[:5000]
    counts = {script: len(pattern.findall(sample)) for script, pattern in _SCRIPTS.items()}
    if counts["ja"] and counts["ja"] * 5 >= counts["zh"]:
        counts["ja"] += counts["zh"]
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 20:
        return None
    if script != "latin":
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return None
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOP_SETS.items()}
    lang, best = max(sorted(scores.items()), key=lambda kv: kv[1])
    return lang if best >= 2 and best >= 0.03 * len(words) else None


# --- publication dates ---------------------------------------------------------------------

_URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/\-_]?(0[1-9]|1[0-2])[/\-_]?(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_DATE_SEP = re.compile(r"/(20\d\d|19\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/")

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DATELINE = r"(?:[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,2},\s+)?"   # "Tokyo, " / "New York, "
_LEAD = r"^\W*(?:(?:published|posted|updated|last updated|date|on)\b:?\s*)?" + _DATELINE + _WEEKDAY
_TAIL = r"(?:\s*(?:,|at|-|–|\|)?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?)?\W*$"
_BYLINE_DATES = [
    (re.compile(_LEAD + _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TAIL, re.I), ("m", "d", "y")),
    (re.compile(_LEAD + r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(\d{4})" + _TAIL, re.I), ("d", "m", "y")),
    (re.compile(_LEAD + r"(\d{4})-(\d\d)-(\d\d)(?:[t ]\d\d:\d\d(?::\d\d)?\S*)?" + _TAIL, re.I), ("y", "m", "d")),
]


def _make_date(y: int, m: int, d: int) -> date | None:
    try:
        found = date(y, m, d)
    except ValueError:
        return None
    return found if 1990 <= found.year <= date.today().year + 1 else None


def date_from_url(url: str | None) -> date | None:
    """A full date in a URL path (``/2018/01/28/``, ``/20180128-``); month-only paths give None."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    m = _URL_DATE_SEP.search(path) or _URL_DATE.search(path)
    if not m:
        return None
    return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def date_from_text(text: str, *, max_lines: int = 12) -> date | None:
    """A byline date: a line near the top that holds a date and little else ("January 28, 2018",
    "Published: 28 Jan 2018 10:15 GMT"). Dates inside sentences are not taken: they are usually
    about the events, not the article."""
    for line in text.split("\n", max_lines)[:max_lines]:
        line = line.strip()
        if not line or len(line) > 60:
            continue
        for pattern, order in _BYLINE_DATES:
            m = pattern.match(line)
            if not m:
                continue
            parts = dict(zip(order, m.groups()))
            month = parts["m"]
            mi = _MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
            if mi is None:
                continue
            found = _make_date(int(parts["y"]), mi, int(parts["d"]))
            if found:
                return found
    return None


def headline(text: str) -> str | None:
    """The first line when it reads as a headline: short, followed by a blank line, no final period."""
    first, sep, rest = text.partition("\n")
    first = first.strip().strip("#*_ ").strip()
    if not sep or not rest.startswith("\n") or not first or len(first) > 200 or first.endswith((".", ",", ";", ":")):
        return None
    return first


def parse_iso_date(value: object) -> date | None:
    """``2018-01-28``, ``2018-01-28T10:00:00Z`` or a date; None for anything else."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
