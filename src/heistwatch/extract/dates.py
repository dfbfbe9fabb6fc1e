"""Dates in text: absolute, partial and relative, as intervals with a granularity.

``find_dates`` runs one table-driven regex over the text (one pass, each branch a pattern of the
table below with its examples), then resolves each match: absolute dates directly; year-less
dates from a full date elsewhere in the text or from the publication date; relative ones
("last year", "Friday's theft", "over the weekend") against the publication date; and "two
months later" / "on the 26th" against the previous date mention. Without a publication date,
the ones that need it are returned with ``resolved=False`` (the span and the parts as written
are kept).

Language data (month, weekday and season words, part-of-period words, number words) are the
tables at the top; no dateparser search over the whole text (too slow for 300 documents/s).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from heistwatch.extract.model import DateValue, Granularity, Span
from heistwatch.extract.text import Dispatched, finditer_at, fold_chars, folded, lowered
from heistwatch.reference.vocabulary import attack_nouns

# --------------------------------------------------------------------------------------------
# Language data
# --------------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
    "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10,
    "Nov": 11, "Dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6,
    "Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3, "Fri": 4, "Sat": 5, "Sun": 6,
}
# Seasons (northern hemisphere, as news uses them): first and last month.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2),
}
# Parts of a year: first and last month.
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "beginning of": (1, 3), "start of": (1, 3), "mid": (5, 8), "middle of": (5, 8),
    "late": (9, 12), "end of": (10, 12), "first half of": (1, 6), "h1": (1, 6), "second half of": (7, 12),
    "h2": (7, 12),
}
# The very end of a year: "in the final hours of 2023" -> (month, day or None, granularity).
YEAR_END: dict[str, tuple[int, int | None, Granularity]] = {
    "final hours of": (12, 31, Granularity.DAY), "last hours of": (12, 31, Granularity.DAY),
    "closing hours of": (12, 31, Granularity.DAY), "final day of": (12, 31, Granularity.DAY),
    "last day of": (12, 31, Granularity.DAY), "final days of": (12, None, Granularity.MONTH),
    "last days of": (12, None, Granularity.MONTH), "closing days of": (12, None, Granularity.MONTH),
    "final weeks of": (12, None, Granularity.MONTH), "last weeks of": (12, None, Granularity.MONTH),
}
# Fixed-date holidays: (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24), "christmas day": (12, 25),
    "christmas": (12, 25), "boxing day": (12, 26), "halloween": (10, 31), "valentine's day": (2, 14),
}
QUARTERS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
COUNT_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3, "several": 3, "few": 3,
    "some": 3,
}

# The patterns, in the order the scanner tries them at one position, with examples a test runs:
# (name, must find with this surface, must not find anything in these).
PATTERN_EXAMPLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "iso": (("2018-01-26", "2018/01/26", "2018.01.26"), ("version 2018-1", "2018-01/26")),
    "dotted": (("26.01.2018",), ("1.2.3",)),
    "slash": (("1/27/2018", "27/1/2018"), ("1/2",)),
    "month_day": (("January 26, 2018", "Jan. 26", "January 26th", "Monday, January 06, 2015", "Sunday, January 4"),
                  ("Mayday 5",)),
    "day_month": (("26 January 2018", "26th of January"), ("26 Januaries",)),
    "month_year": (("June 2017", "early January 2018"), ()),
    "season": (("summer of 2017", "last summer of 2017", "winter 2014"), ()),
    "year_part": (("mid-2017", "early 2018", "the first half of 2022", "late 2019"), ()),
    "year_end": (("the final hours of 2023", "the last days of 2021"), ()),
    "holiday": (("New Year's Eve", "Christmas Day 2017"), ()),
    "quarter": (("Q3 2021", "the second quarter of 2019"), ()),
    "year_range": (("2013-2014", "between 2013 and 2014"), ()),
    "year": (("2014",), ("2,014 users", "$2014", "2000 bitcoins")),
    "month_rel": (("July last year", "December of this year"), ()),
    "month_alone": (("in December", "since March", "last May"), ("you may go", "March on")),
    "weekday": (("Monday", "Friday's", "last Tuesday"), ("monday",)),
    "relative_word": (("yesterday", "last year", "this year", "last week", "over the weekend", "earlier this year"), ()),
    "ago": (("two months ago", "3 days ago"), ()),
    # (the two below are found only with what follows them: their examples are in tests/extract/test_dates_told_in_context.py)
    "month_event": ((), ("the May 4 hack", "the June rally")),
    "month_heading": ((), ("in August. Hackers", "Zumo, August 19.")),
    "same_period": (("later that month", "in the same month", "earlier that year"), ("that monthly report",)),
    "later": (("two months later", "a week earlier", "days later", "the next day", "the following day"), ()),
    "ordinal_day": (("on the 26th", "on the 26th. from January"), ("the 2nd largest",)),
}

# --------------------------------------------------------------------------------------------
# The scanner
# --------------------------------------------------------------------------------------------

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR_DOT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\."
_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_WD_FULL = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ORD = r"(?:st|nd|rd|th)"
_NUMW = r"(?i:a\s+couple\s+of|a\s+few|several|few|some|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_YEAR = r"(?:19[7-9]\d|20\d\d)"
_PART = (r"(?i:the\s+)?(?i:early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of|first\s+half\s+of"
         r"|second\s+half\s+of)|H1|H2")

_SCAN = re.compile(
    rf"""
    (?<![\w$€£¥₩#+])(?<!\d[.,/-])
    (?:
      (?P<iso>(?P<iso_y>{_YEAR})(?P<iso_s>[-/.])(?P<iso_m>[01]?\d)(?P=iso_s)(?P<iso_d>[0-3]?\d)(?![\d-]|[./]\d))
    | (?P<dotted>(?P<dt_d>[0-3]?\d)\.(?P<dt_m>[01]?\d)\.(?P<dt_y>{_YEAR})(?![\d.]\d|\d))
    | (?P<slash>(?P<sl_a>[01]?\d|[23]\d)/(?P<sl_b>[0-3]?\d)/(?P<sl_y>{_YEAR}|\d\d)(?![\d/]))
    | (?P<month_rel>(?P<mr_m>{_MONTH_FULL})\s++(?P<mr_q>(?i:last|this|next|of\s+last|of\s+this|of\s+next))\s++(?i:year)(?![\w]))
    | (?P<month_day>(?:(?P<md_wd>{_WD})\.?,?\s*+\(?\s*+)?(?P<md_m>{_MONTH})\.?\s++(?P<md_d>[0-3]?\d){_ORD}?+(?!\d)
        (?:\s*+(?:-|to|and)\s*+(?P<md_d2>[0-3]?\d){_ORD}?+(?!\d|,\d))?
        (?:,?\s++(?P<md_y>{_YEAR})(?!\d|,\d))?)
    | (?P<day_month>(?:(?P<dm_wd>{_WD})\.?,?\s++)?(?:the\s++)?(?P<dm_d>[0-3]?\d){_ORD}?+
        (?:\s*+(?:-|to|and)\s*+(?P<dm_d2>[0-3]?\d){_ORD}?+)?\s++(?:of\s++)?(?P<dm_m>{_MONTH})\b\.?
        (?:,?\s++(?P<dm_y>{_YEAR})(?!\d|,\d))?)
    | (?P<month_year>(?:(?P<my_p>{_PART})[\s-]++)?(?P<my_m>{_MONTH})\.?,?\s++(?:of\s++)?(?P<my_y>{_YEAR})(?!\d|,\d))
    | (?P<season>(?:(?P<se_q>(?i:early|mid|late|last|this|the))[\s-]++)?(?P<se_s>(?i:spring|summer|autumn|fall|winter))
        (?:\s++of)?\s++(?P<se_y>{_YEAR})(?!\d|,\d))
    | (?P<year_part>(?P<yp_p>{_PART})[\s-]++(?:of\s++)?(?P<yp_y>{_YEAR})(?!\d|,\d))
    | (?P<year_end>(?i:in\s+)?(?i:the\s+)(?P<ye_p>(?i:final|last|closing)\s+(?i:hours|day|days|weeks)\s+of)\s++(?P<ye_y>{_YEAR})(?!\d|,\d))
    | (?P<holiday>(?P<hd_n>(?i:new\s+year's\s+eve|new\s+year's\s+day|christmas\s+eve|christmas\s+day|christmas|boxing\s+day|
        halloween|valentine's\s+day))(?![\w])(?:,?\s++(?:of\s++)?(?P<hd_y>{_YEAR})(?!\d|,\d))?)
    | (?P<quarter>(?:Q(?P<q_n>[1-4])\s*+(?P<q_y1>{_YEAR})|(?i:the\s+)?(?P<q_w>(?i:first|second|third|fourth|last))
        \s++(?i:quarter)\s++(?:of\s++)?(?P<q_y2>{_YEAR}))(?!\d|,\d))
    | (?P<year_range>(?:(?i:between|from)\s++)?(?P<yr_a>{_YEAR})\s*+(?:-|/|to|and|through)\s*+(?P<yr_b>{_YEAR}|\d\d)(?!\d|,\d|%))
    | (?P<year>(?P<y_y>{_YEAR})(?![\w%$]|[.,]\d|-\d|/\d))
    | (?P<month_alone>(?P<ma_p>(?i:in|since|during|until|till|by|from|through|throughout|early|mid|late|last|this|
        of|before|after|between|and|or|until|next|to|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of))[\s-]++
        (?P<ma_m>{_MONTH_FULL}|{_MONTH_ABBR_DOT})(?![\w])(?!\s*+\d)(?!\s++(?i:last|this|next|of\s+last|of\s+this)\s++year))
    | (?P<month_event>(?:(?i:the|its|their)\s++(?P<me_m>{_MONTH_FULL})(?!['’]s)|(?P<me_p>{_MONTH_FULL})['’]s)(?![\w])(?!\s*+\d)
        (?=\s++(?:[\w$€£¥.,\-]+\s++){{0,4}}?(?i:{attack_nouns(plus=("hacking", "robbery", "raid", "drain"))}|loss)\b))
    | (?P<month_heading>(?<=[\w.)],\s)(?P<mh_m>{_MONTH_FULL})(?=\s*+[.:](?:\s|$)))
    | (?P<weekday>(?:(?P<wd_q>(?i:last|this|past|next|late|early))\s++)?(?P<wd_d>{_WD_FULL})(?![\w])(?P<wd_s>'s)?)
    | (?P<relative_word>(?i:yesterday|today|tonight|this\s+morning|last\s+night|
        (?:earlier|later|late|early)\s+(?:this|last)\s+(?:year|month|week)|(?:this|last|past|previous)\s+(?:year|month|week)|
        (?:(?:over|during|on|at)\s++)?(?:the|this|last)\s+weekend|
        (?:last|this)\s+(?:spring|summer|autumn|fall|winter))(?![\w]))
    | (?P<ago>(?P<ag_n>{_NUMW})\s++(?P<ag_u>(?i:days?|weeks?|months?|years?))\s++(?i:ago)(?![\w]))
    | (?P<same_period>(?i:(?:(?:later|earlier)\s+(?:in\s+)?(?:that|the\s+same|that\s+same)|(?<!of\s)(?:in|during)\s+(?:that|the\s+same|that\s+same)|(?<!of\s)(?:that|the)\s+same)\s+)(?P<sp_u>(?i:month|year))(?![\w]))
    | (?P<later>(?:(?P<lt_n>{_NUMW})\s++)?(?P<lt_u>(?i:days?|weeks?|months?|years?))\s++(?P<lt_d>(?i:later|earlier|afterwards?|before|prior))(?![\w])
        | (?i:the\s+)(?P<lt_w>(?i:next|following|previous|preceding))\s++(?P<lt_wu>(?i:day|morning|week|month|year))(?![\w])
        | (?i:the\s+day\s+(?P<lt_db>before|after))(?![\w]))
    | (?P<ordinal_day>(?i:on|by|since|until|from|of)\s++the\s++(?P<od_d>[0-3]?\d){_ORD}(?![\w])
        (?:\s*+\.?\s*+(?:of|from|in)\s++(?P<od_m>{_MONTH_FULL}))?
        (?!\s*+(?i:largest|biggest|most|least|times?|place|century|centuries|anniversary|floor|round|quarter|edition|
        annual|version|generation|major|highest|lowest|best|worst|week|month|year|day|hour|minute|percentile|
        position|spot|rank|largest|consecutive|straight|member|person|attempt|incident|hack|attack|exchange|
        of\s+(?!Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))\b))
    )
    """,
    re.X,
)

# Speed: the full scanner (many branches tried at every word) only runs in windows around word
# triggers (month and weekday names, "yesterday", "summer", "mid", "between", "26th", ...): every
# pattern that needs words contains one. Patterns made of digits alone (2018-01-26, 1/27/2018,
# 2013-2014, 2014) come from a small digit scanner over the whole text; a digit match that touches
# a window widens the window instead. The result is exactly what the full scanner finds (a
# property test checks it).
_TRIGGER_WORDS = (
    "jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun q1 q2 q3 q4 h1 h2 yesterday today "
    "tonight week month year day morning night spring summer autumn fall winter christmas halloween valentine "
    "early mid late end beginning start middle half final last closing between from quarter first second "
    "third fourth"
).split()


def _trigger_regex(both_cases: bool) -> re.Pattern[str]:
    """Trigger words as a first-letter trie (much faster in sre than a flat alternation)."""
    by_first: dict[str, list[str]] = {}
    for w in _TRIGGER_WORDS:
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    parts = []
    for first, rests in sorted(by_first.items()):
        head = f"[{first}{first.upper()}]" if both_cases and first.isalpha() else first
        tail = "|".join(sorted(rests, key=len, reverse=True))
        parts.append(f"{head}(?i:{tail})" if both_cases else f"{head}(?:{tail})")
    letters = "A-Za-z" if both_cases else "a-z"
    return re.compile(rf"(?<![{letters}])(?:{'|'.join(parts)})|(?<!\d)\d{{1,2}}(?:st|nd|rd|th)\b")


_WORD_TRIGGER_LOWER = _trigger_regex(both_cases=False)   # on text.lower() (when lowering keeps offsets)
_WORD_TRIGGER = _trigger_regex(both_cases=True)
_DIGIT_SCAN = re.compile(
    rf"""
    (?<![\w$€£¥₩#+])(?<!\d[.,/-])
    (?:
      (?P<iso>(?P<iso_y>{_YEAR})(?P<iso_s>[-/.])(?P<iso_m>[01]?\d)(?P=iso_s)(?P<iso_d>[0-3]?\d)(?![\d-]|[./]\d))
    | (?P<dotted>(?P<dt_d>[0-3]?\d)\.(?P<dt_m>[01]?\d)\.(?P<dt_y>{_YEAR})(?![\d.]\d|\d))
    | (?P<slash>(?P<sl_a>[01]?\d|[23]\d)/(?P<sl_b>[0-3]?\d)/(?P<sl_y>{_YEAR}|\d\d)(?![\d/]))
    | (?P<year_range>(?P<yr_a>{_YEAR})\s*+(?:-|/|to|and|through)\s*+(?P<yr_b>{_YEAR}|\d\d)(?!\d|,\d|%))
    | (?P<year>(?P<y_y>{_YEAR})(?![\w%$]|[.,]\d|-\d|/\d))
    )
    """,
    re.X,
)
_REACH = 32   # no pattern reaches further than this (plus the rest of a word) from its nearest word trigger
_WORD_TAIL = re.compile(r"[\w']{0,24}")


# The same scans, made fast for sre: a pattern that opens with a lookbehind is tried at every position,
# one that opens with a character (class) lets sre skip in C to where that character occurs. So each
# lookbehind moves after the first character, widened by it: "c(?<![a-z](?s:.))" after a "c" is
# "(?<![a-z])c". Letter triggers and ordinal triggers ("26th") are scanned apart.
_AFTER_FIRST = r"(?<![\w$€£¥₩#+](?s:.))(?<!\d[.,/-](?s:.))"   # the scanners' lookbehinds, after a first character


def _first_char_trie(words: set[str], after_first: str) -> str:
    by_first: dict[str, set[str]] = {}
    for w in words:
        by_first.setdefault(w[0], set()).add(w[1:])
    return "(?:" + "|".join(re.escape(c) + after_first + (f"(?:{'|'.join(sorted(map(re.escape, rest), key=len, reverse=True))})"
                                                           if rest != {""} else "")
                            for c, rest in sorted(by_first.items())) + ")"


_LETTER_TRIGGER_LOWER = re.compile(_first_char_trie(set(_TRIGGER_WORDS), r"(?<![a-z](?s:.))"))
_ORDINAL_TRIGGER = re.compile(r"\d(?<!\d\d)\d?(?:st|nd|rd|th)\b")
_DIGIT_START = re.compile(r"\d" + _AFTER_FIRST)   # where a match of _DIGIT_SCAN (or a digit one of _SCAN) can begin


def _scan_dispatch() -> tuple[Dispatched, re.Pattern[str]] | None:
    """_SCAN tried only with the alternatives that fit the word at a position, and where its matches can begin."""
    try:
        d = Dispatched(_SCAN)
        letters = d.letter_starts()
        if not letters:
            return None
        return d, re.compile(_first_char_trie(letters, _AFTER_FIRST))
    except Exception:   # another Python's internals: the scanner as written
        return None


_DISPATCH = _scan_dispatch()


def _triggers(t: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of the word triggers (what _WORD_TRIGGER finds), in text order."""
    lower = t.lower()
    if len(lower) != len(t):
        return [m.span() for m in _WORD_TRIGGER.finditer(t, lo, hi)]
    spans = [m.span() for m in _LETTER_TRIGGER_LOWER.finditer(lower, lo, hi)]
    ordinals = [m.span() for m in _ORDINAL_TRIGGER.finditer(lower, lo, hi)]
    if not ordinals:
        return spans
    # neither kind overlaps itself; where the two overlap ("H12th"), the one scan took the earlier
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans + ordinals):
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def _windows(t: str, lo: int, hi: int) -> list[list[int]]:
    """Merged stretches of text within reach of a word trigger (a window never ends inside a word)."""
    out: list[list[int]] = []
    for s, e in _triggers(t, lo, hi):
        if out and s - _REACH <= out[-1][1]:
            if e + _REACH > out[-1][1]:
                out[-1][1] = _WORD_TAIL.match(t, min(hi, e + _REACH), hi).end()  # type: ignore[union-attr]
            continue
        out.append([max(lo, s - _REACH), _WORD_TAIL.match(t, min(hi, e + _REACH), hi).end()])  # type: ignore[union-attr]
    return out


def _scan_window(t: str, low: str | None, a: int, b: int) -> Iterable[re.Match[str]]:
    """= _SCAN.finditer(t, a, b): tried only where a match can begin, with the alternatives that fit there."""
    if _DISPATCH is None or low is None:
        return _SCAN.finditer(t, a, b)
    d, letters = _DISPATCH
    starts = [m.start() for m in letters.finditer(low, a, b)]
    digits = [m.start() for m in _DIGIT_START.finditer(low, a, b)]
    if digits:
        starts += digits
        starts.sort()
    out: list[re.Match[str]] = []
    nxt = a
    for p in starts:
        if p < nxt:
            continue
        m = d.match(t, low, p, b)
        if m is not None:
            out.append(m)
            nxt = m.end()
    return out


def _scan(t: str, lo: int, hi: int) -> list[re.Match[str]]:
    windows = _windows(t, lo, hi)
    outside: list[re.Match[str]] = []
    i = 0
    digit_starts = (m.start() for m in _DIGIT_START.finditer(t, lo, hi))
    for dm in finditer_at(_DIGIT_SCAN, digit_starts, t, lo, hi):   # = _DIGIT_SCAN.finditer(t, lo, hi)
        s, e = dm.span()
        while i < len(windows) and windows[i][1] < s:
            i += 1
        if i < len(windows) and windows[i][0] <= e:
            w = windows[i]
            w[0], w[1] = min(w[0], s), max(w[1], e)
            while i + 1 < len(windows) and windows[i + 1][0] <= w[1]:
                w[1] = max(w[1], windows.pop(i + 1)[1])
        else:
            outside.append(dm)
    found: list[re.Match[str]] = []
    low = lowered(t) if windows else None
    for a, b in windows:
        found.extend(_scan_window(t, low, a, b))
    if outside:
        found.extend(outside)
        found.sort(key=lambda m: m.start())
    out: list[re.Match[str]] = []
    last = -1
    for m in found:
        if m.start() >= last:
            last = m.end()
            out.append(m)
    return out


_AFTER_YEAR_UNIT = re.compile(r"\s++(?P<w>[A-Za-z][\w-]*+)")


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RelativeOffset:
    """An offset from the previous date mention: "two months later" = (2, "month", +1)."""

    amount: int | None           # None for "days later" (an unstated number)
    unit: str                    # day / week / month / year
    direction: int               # +1 later, -1 earlier


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    value: DateValue
    pattern: str                 # the name of the pattern that found it (see PATTERN_EXAMPLES)
    year: int | None = None      # parts as written (for unresolved mentions)
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    anchor: str | None = None    # what resolved it: None (absolute), "document", "published", "previous"
    relative_to_previous: RelativeOffset | None = None

    @property
    def resolved(self) -> bool:
        return self.value.resolved


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_span(y: int, m1: int, m2: int) -> tuple[date, date]:
    if m2 < m1:  # winter: December to February
        return date(y, m1, 1), _month_end(y + 1, m2)
    return date(y, m1, 1), _month_end(y, m2)


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + (d.month - 1) + n
    y, m = divmod(k, 12)
    if y < 1 or y > 9999:
        raise ValueError
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _unresolved(g: Granularity) -> DateValue:
    return DateValue(start=None, end=None, granularity=g, resolved=False)


def _count(word: str | None) -> int | None:
    if word is None:
        return 1
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    if w in ("several", "few", "a few", "some"):
        return None
    return COUNT_WORDS.get(w)


def _part(p: str | None) -> str | None:
    if not p:
        return None
    p = " ".join(p.lower().split())
    return p[4:] if p.startswith("the ") else p


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    pattern: str
    value: DateValue | None = None       # resolved already (absolute)
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day2: int | None = None
    weekday: int | None = None
    qual: str | None = None
    offset: RelativeOffset | None = None
    needs: str | None = None             # "year" / "published" / "previous"
    rel_kind: str | None = None


_VALUATION_AFTER = re.compile(r"['’]s?\s+(?:[\w\-]+\s+)?(?:prices?|rates?|values?|valuations?|exchange\s+rates?|market)\b",
                              re.IGNORECASE)


def _read(m: re.Match[str], t: str) -> _Raw | None:
    g = m.groupdict()
    name = m.lastgroup or ""
    r = _Raw(m.start(), m.end(), name)
    if name == "iso":
        d = _day(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        if d is None:
            return None
        r.value = DateValue(d, d, Granularity.DAY)
    elif name == "dotted":
        d = _day(int(g["dt_y"]), int(g["dt_m"]), int(g["dt_d"]))
        if d is None:
            return None
        r.value = DateValue(d, d, Granularity.DAY)
    elif name == "slash":
        a, b, y = int(g["sl_a"]), int(g["sl_b"]), int(g["sl_y"])
        if y < 100:
            y += 2000 if y < 70 else 1900
        mo, dd = (a, b) if a <= 12 else (b, a)
        d = _day(y, mo, dd)
        if d is None:
            return None
        r.value = DateValue(d, d, Granularity.DAY)
    elif name in ("month_day", "day_month"):
        k = "md" if name == "month_day" else "dm"
        r.month = MONTHS[g[f"{k}_m"]]
        r.day = int(g[f"{k}_d"])
        r.day2 = int(g[f"{k}_d2"]) if g[f"{k}_d2"] else None
        r.weekday = WEEKDAYS[g[f"{k}_wd"]] if g[f"{k}_wd"] else None
        if not 1 <= r.day <= 31 or (r.day2 is not None and not r.day < r.day2 <= 31):
            if r.day2 is not None and 1 <= r.day <= 31:
                r.day2 = None
            else:
                return None
        if g[f"{k}_y"]:
            r.year = int(g[f"{k}_y"])
            d = _day(r.year, r.month, r.day)
            if d is None:
                return None
            d2 = _day(r.year, r.month, r.day2) if r.day2 else d
            r.value = DateValue(d, d2 or d, Granularity.DAY)
        else:
            if _day(2000, r.month, r.day) is None:
                return None
            r.needs = "year"
    elif name == "month_year":
        r.year, r.month = int(g["my_y"]), MONTHS[g["my_m"]]
        part = _part(g["my_p"])
        a, b = date(r.year, r.month, 1), _month_end(r.year, r.month)
        if part in ("early", "beginning of", "start of"):
            b = date(r.year, r.month, 10)
        elif part in ("mid", "middle of"):
            a, b = date(r.year, r.month, 11), date(r.year, r.month, 20)
        elif part in ("late", "end of"):
            a = date(r.year, r.month, 21)
        r.value = DateValue(a, b, Granularity.MONTH)
    elif name == "season":
        y = int(g["se_y"])
        m1, m2 = SEASONS[g["se_s"].lower()]
        if m1 == 12:
            # "winter 2014" is the winter that starts at the end of 2013 or at the end of 2014:
            # news mostly means Jan-Feb of the named year.
            a, b = date(y - 1, 12, 1), _month_end(y, 2)
        else:
            a, b = _month_span(y, m1, m2)
        r.year = y
        r.value = DateValue(a, b, Granularity.SEASON)
    elif name == "year_part":
        y = int(g["yp_y"])
        m1, m2 = YEAR_PARTS[_part(g["yp_p"]) or "mid"]
        a, b = _month_span(y, m1, m2)
        r.year = y
        r.value = DateValue(a, b, Granularity.SEASON)
    elif name == "year_end":
        y = int(g["ye_y"])
        mo, dd, gran = YEAR_END[" ".join(g["ye_p"].lower().split())]
        r.year = y
        if dd is not None:
            r.value = DateValue(date(y, mo, dd), date(y, mo, dd), gran)
        else:
            r.value = DateValue(date(y, mo, 1), _month_end(y, mo), gran)
    elif name == "holiday":
        r.month, r.day = HOLIDAYS[" ".join(g["hd_n"].lower().split())]
        if g["hd_y"]:
            r.year = int(g["hd_y"])
            d = date(r.year, r.month, r.day)
            r.value = DateValue(d, d, Granularity.DAY)
        else:
            r.needs = "year"
    elif name == "quarter":
        y = int(g["q_y1"] or g["q_y2"])
        q = int(g["q_n"]) if g["q_n"] else QUARTERS[g["q_w"].lower()]
        a, b = _month_span(y, 3 * q - 2, 3 * q)
        r.year = y
        r.value = DateValue(a, b, Granularity.QUARTER)
    elif name == "year_range":
        ya = int(g["yr_a"])
        yb_s = g["yr_b"]
        yb = int(yb_s) if len(yb_s) == 4 else (ya // 100) * 100 + int(yb_s)
        if not ya < yb <= ya + 30:
            # "2017/18" style when yb < ya? not a year range: read the first as a year
            r.pattern = "year"
            r.end = m.start("yr_a") + 4
            r.year = ya
            r.value = DateValue(date(ya, 1, 1), date(ya, 12, 31), Granularity.YEAR)
            return r
        r.year = ya
        r.value = DateValue(date(ya, 1, 1), date(yb, 12, 31), Granularity.YEAR)
    elif name == "year":
        y = int(g["y_y"])
        if y < 1980 or y > 2039:
            return None
        # "2000 bitcoins", "2018 users": a number, not a year
        um = _AFTER_YEAR_UNIT.match(t, m.end(), min(len(t), m.end() + 30))
        if um and _is_unit_word(um.group("w")):
            return None
        if m.start() > 0 and t[m.start() - 1] in "$€£¥₩#":
            return None
        r.year = y
        r.value = DateValue(date(y, 1, 1), date(y, 12, 31), Granularity.YEAR)
    elif name == "month_rel":
        r.month = MONTHS[g["mr_m"]]
        r.qual = g["mr_q"].lower().split()[-1]
        r.needs = "published"
        r.rel_kind = "month"
    elif name == "month_alone":
        r.month = MONTHS[g["ma_m"].rstrip(".")]
        r.qual = _part(g["ma_p"])
        r.needs = "published"
        r.rel_kind = "month"
        # the span is the month name (and "last"/"this", which change its meaning)
        if r.qual not in ("last", "this", "next", "early", "mid", "late", "end of", "beginning of", "middle of"):
            r.start = m.start("ma_m")
    elif name in ("month_event", "month_heading"):
        # "the June theft", "February's $1.5 billion hack", a roundup's "Poly Network, August." line
        r.month = MONTHS[g["me_m"] or g["me_p"]] if name == "month_event" else MONTHS[g["mh_m"]]
        r.needs = "published"
        r.rel_kind = "month"
        r.start = m.start("me_m" if name == "month_event" and g["me_m"] else "me_p" if name == "month_event" else "mh_m")
    elif name == "same_period":
        # "later that month", "in the same year": the month or year of the date told just before
        r.offset = RelativeOffset(0, g["sp_u"].lower(), 1)
        r.needs = "previous"
    elif name == "weekday":
        r.weekday = WEEKDAYS[g["wd_d"]]
        r.qual = g["wd_q"].lower() if g["wd_q"] else None
        r.needs = "published"
        r.rel_kind = "weekday"
    elif name == "relative_word":
        r.qual = " ".join(m.group().lower().split())
        if r.qual == "today" and _VALUATION_AFTER.match(t, m.end()):
            return None   # "worth $74 million at today's prices": when a value holds, not when anything happened
        r.needs = "published"
        r.rel_kind = "word"
    elif name == "ago":
        n = _count(g["ag_n"])
        unit = g["ag_u"].lower().rstrip("s")
        r.offset = RelativeOffset(n, unit, -1)
        r.needs = "published"
        r.rel_kind = "ago"
    elif name == "later":
        if g["lt_u"]:
            n = _count(g["lt_n"]) if g["lt_n"] else None
            unit = g["lt_u"].lower().rstrip("s")
            d = g["lt_d"].lower()
            direction = 1 if d.startswith(("later", "after")) else -1
        elif g["lt_w"]:
            n, unit = 1, g["lt_wu"].lower()
            unit = "day" if unit == "morning" else unit
            direction = 1 if g["lt_w"].lower() in ("next", "following") else -1
        else:
            n, unit = 1, "day"
            direction = -1 if g["lt_db"].lower() == "before" else 1
        r.offset = RelativeOffset(n, unit, direction)
        r.needs = "previous"
    elif name == "ordinal_day":
        r.day = int(g["od_d"])
        if not 1 <= r.day <= 31:
            return None
        r.month = MONTHS[g["od_m"]] if g["od_m"] else None
        r.needs = "year" if r.month else "previous"
        r.start = m.start("od_d") - 4  # "the 26th"
        r.rel_kind = "ordinal"
    else:
        return None
    return r


def _is_unit_word(w: str) -> bool:
    """Whether "2000 <w>" is a number of things rather than a year ("2000 bitcoins", "2018 users", "2000 BTC").

    A singular name after a year is an attributive year ("the 2016 Ethereum incident").
    """
    from heistwatch.extract.money import COUNT_NOUNS
    from heistwatch.reference import assets

    low = w.lower()
    if low in COUNT_NOUNS or low in ("coins", "tokens", "percent", "pct", "units"):
        return True
    if w.isupper() and assets.unit_for_word(w) is not None:
        return True
    return low.endswith("s") and assets.unit_for_word(w) is not None


# --------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------


def _nearest_year_date(month: int, day: int, weekday: int | None, pos: int,
                       refs: list[tuple[int, date]]) -> date | None:
    """The (month, day) in the year that puts it closest to the full date nearest in the text.

    Refs are tried by distance in the text; the first that lies within a year of a candidate wins.
    """
    for _, ref in sorted(refs, key=lambda pr: abs(pr[0] - pos)):
        best: tuple[int, date] | None = None
        for y in (ref.year - 1, ref.year, ref.year + 1):
            d = _day(y, month, day)
            if d is None:
                continue
            gap = abs((d - ref).days)
            if gap > 366:
                continue
            score = gap + (0 if weekday is None or d.weekday() == weekday else 1000)
            if best is None or score < best[0]:
                best = (score, d)
        if best is not None:
            return best[1]
    return None


def _from_published(month: int, day: int, weekday: int | None, pub: date) -> date | None:
    cands = []
    for y in (pub.year, pub.year - 1):
        d = _day(y, month, day)
        if d is not None and d <= pub + timedelta(days=31):
            cands.append(d)
    if not cands:
        return None
    if weekday is not None:
        for d in cands:
            if d.weekday() == weekday:
                return d
    return cands[0]


def _weekday_before(pub: date, wd: int, strictly: bool) -> date:
    back = (pub.weekday() - wd) % 7
    if back == 0 and strictly:
        back = 7
    return pub - timedelta(days=back)


def _relative_word(q: str, pub: date) -> DateValue | None:
    q = q.replace("over ", "").replace("during ", "").replace("on ", "").replace("at ", "").strip()
    if q in ("yesterday", "last night"):
        d = pub - timedelta(days=1)
        return DateValue(d, d, Granularity.DAY, relative=True)
    if q in ("today", "tonight", "this morning"):
        return DateValue(pub, pub, Granularity.DAY, relative=True)
    words = q.split()
    last = words[-1]
    prev = any(w in ("last", "past", "previous") for w in words)
    if last == "weekend":
        # the most recent Saturday-Sunday that has started by publication
        sat = _weekday_before(pub, 5, strictly=False)
        if "last" in words and pub.weekday() >= 5:
            sat -= timedelta(days=7)
        return DateValue(sat, sat + timedelta(days=1), Granularity.DAY, relative=True)
    if last == "week":
        monday = pub - timedelta(days=pub.weekday())
        if prev:
            monday -= timedelta(days=7)
        return DateValue(monday, monday + timedelta(days=6), Granularity.DAY, relative=True)
    if last == "month":
        first = date(pub.year, pub.month, 1)
        if prev:
            first = _add_months(first, -1)
        return DateValue(first, _month_end(first.year, first.month), Granularity.MONTH, relative=True)
    if last == "year":
        y = pub.year - 1 if prev else pub.year
        a, b = date(y, 1, 1), date(y, 12, 31)
        if words[0] in ("early",):
            a, b = _month_span(y, 1, 4)
            return DateValue(a, b, Granularity.SEASON, relative=True)
        if words[0] in ("late",):
            a, b = _month_span(y, 9, 12)
            return DateValue(a, b, Granularity.SEASON, relative=True)
        if words[0] == "earlier" and not prev:
            b = pub
        return DateValue(a, b, Granularity.YEAR, relative=True)
    if last in SEASONS:
        m1, m2 = SEASONS[last]
        y = pub.year
        if m1 == 12:
            y = pub.year - 1 if pub.month <= 2 or prev else pub.year
            a, b = date(y, 12, 1), _month_end(y + 1, 2)
        else:
            if prev and pub.month <= m2 or m1 > pub.month:
                y -= 1
            a, b = _month_span(y, m1, m2)
        return DateValue(a, b, Granularity.SEASON, relative=True)
    return None


def _shift(d: date, n: int, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(days=7 * n)
    if unit == "month":
        return _add_months(d, n)
    return _add_months(d, 12 * n)


_UNIT_GRAN = {"day": Granularity.DAY, "week": Granularity.DAY, "month": Granularity.MONTH, "year": Granularity.YEAR}
_GRAN_ORDER = [Granularity.DAY, Granularity.MONTH, Granularity.SEASON, Granularity.QUARTER, Granularity.YEAR]


def _coarser(a: Granularity | None, b: Granularity | None) -> Granularity:
    ia = _GRAN_ORDER.index(a) if a else 0
    ib = _GRAN_ORDER.index(b) if b else 0
    return _GRAN_ORDER[max(ia, ib)]


def _offset_value(base: DateValue, off: RelativeOffset) -> DateValue | None:
    if not base.resolved or base.start is None or off.amount is None:
        return None
    n = off.amount * off.direction
    gran = _coarser(_UNIT_GRAN[off.unit], base.granularity)
    a = _shift(base.start, n, off.unit)
    b = _shift(base.end or base.start, n, off.unit)
    if gran == Granularity.MONTH:
        a, b = date(a.year, a.month, 1), _month_end(a.year, a.month)
    elif gran == Granularity.YEAR:
        a, b = date(a.year, 1, 1), date(b.year, 12, 31)
    return DateValue(a, b, gran, relative=True)


def _resolve(r: _Raw, published: date | None, refs: list[tuple[int, date]], years: list[tuple[int, int]],
             previous: DateMention | None, para: tuple[int, int] = (0, 0),
             ref_at: list[int] | None = None) -> DateMention:
    mk = dict(span=Span(r.start, r.end), pattern=r.pattern, year=r.year, month=r.month, day=r.day, weekday=r.weekday)
    if r.value is not None:
        return DateMention(value=r.value, **mk)
    try:
        if r.needs == "year" and r.month is not None and r.day is not None:
            # the year of a full date in the same paragraph, else of one told before it (the story's thread),
            # else of the publication; a full date only told later in the text comes last
            anchor = "document"
            at = ref_at if ref_at is not None else [pr[0] for pr in refs]   # refs are in text order
            lo, here, hi = (bisect.bisect_left(at, x) for x in (para[0], r.start, para[1]))
            d = _nearest_year_date(r.month, r.day, r.weekday, r.start, refs[max(lo, here - 3):min(hi, here + 3)])
            if d is None:
                d = _nearest_year_date(r.month, r.day, r.weekday, r.start, refs[max(0, here - 3):here])
            if d is None and published is not None:
                d = _from_published(r.month, r.day, r.weekday, published)
                anchor = "published"
            if d is None:
                d = _nearest_year_date(r.month, r.day, r.weekday, r.start, refs)
                anchor = "document"
            if d is None and years:
                # only years elsewhere: the most recent one (news tells of its latest events)
                d = _day(max(y for _, y in years), r.month, r.day)
                anchor = "document"
            if d is None:
                return DateMention(value=_unresolved(Granularity.DAY), **mk)
            d2 = _day(d.year, d.month, r.day2) if r.day2 else d
            return DateMention(value=DateValue(d, d2 or d, Granularity.DAY, relative=anchor == "published"),
                               anchor=anchor, **mk)
        if r.rel_kind == "month" and r.month is not None:
            y: int | None = None
            anchor = "published"
            if published is not None:
                y = published.year if r.month <= published.month else published.year - 1
                if r.pattern == "month_rel":
                    y = published.year + {"last": -1, "this": 0, "next": 1}[r.qual or "this"]
                elif r.qual == "last" and r.month >= published.month:
                    y = published.year - 1
                elif r.qual == "next" and r.month <= published.month:
                    y = published.year + 1
                elif r.qual == "this":
                    y = published.year
            elif r.pattern in ("month_event", "month_heading"):
                pass   # "January's hack" with no publication date: no year to tell from the calendar
            elif refs or years:
                if refs:
                    y = min(refs, key=lambda pr: abs(pr[0] - r.start))[1].year
                else:
                    y = max(yy for _, yy in years)
                if r.pattern == "month_rel":
                    y += {"last": -1, "this": 0, "next": 1}[r.qual or "this"]
                anchor = "document"
            if y is None:
                return DateMention(value=_unresolved(Granularity.MONTH), **mk)
            a, b = date(y, r.month, 1), _month_end(y, r.month)
            return DateMention(value=DateValue(a, b, Granularity.MONTH, relative=True), anchor=anchor, **mk)
        if r.rel_kind == "weekday" and r.weekday is not None:
            if published is None:
                return DateMention(value=_unresolved(Granularity.DAY), **mk)
            if r.qual == "next":
                d = published + timedelta(days=((r.weekday - published.weekday()) % 7) or 7)
            else:
                d = _weekday_before(published, r.weekday, strictly=r.qual in ("last", "past"))
            return DateMention(value=DateValue(d, d, Granularity.DAY, relative=True), anchor="published", **mk)
        if r.rel_kind == "word" and r.qual:
            if published is None:
                return DateMention(value=_unresolved(_word_granularity(r.qual)), **mk)
            v = _relative_word(r.qual, published)
            if v is None:
                return DateMention(value=_unresolved(_word_granularity(r.qual)), **mk)
            return DateMention(value=v, anchor="published", **mk)
        if r.rel_kind == "ago" and r.offset is not None:
            gran = _UNIT_GRAN[r.offset.unit]
            if published is None or r.offset.amount is None:
                return DateMention(value=_unresolved(gran), **mk)
            base = DateValue(published, published, Granularity.DAY)
            v = _offset_value(base, r.offset)
            return DateMention(value=v or _unresolved(gran), anchor="published", **mk)
        if r.needs == "previous" and r.offset is not None:
            gran = _UNIT_GRAN[r.offset.unit]
            v = _offset_value(previous.value, r.offset) if previous is not None else None
            if v is not None and published is not None and v.start is not None and v.start > published:
                # "less than 2 weeks later" counted from a day the story told: past the publication day, so
                # it counts from an event the text did not date (the offset's anchor is not the date before it)
                v = None
            return DateMention(value=v or _unresolved(gran), anchor="previous" if v else None,
                               relative_to_previous=r.offset, **mk)
        if r.rel_kind == "ordinal" and r.day is not None:
            base = previous.value if previous is not None and previous.value.resolved else None
            if base is not None and base.start is not None and base.granularity in (Granularity.DAY, Granularity.MONTH):
                d = _day(base.start.year, base.start.month, r.day)
                if d is not None:
                    return DateMention(value=DateValue(d, d, Granularity.DAY, relative=True), anchor="previous", **mk)
            if published is not None:
                d = _day(published.year, published.month, r.day)
                if d is None or d > published:
                    prev_month = _add_months(date(published.year, published.month, 1), -1)
                    d = _day(prev_month.year, prev_month.month, r.day)
                if d is not None:
                    return DateMention(value=DateValue(d, d, Granularity.DAY, relative=True), anchor="published", **mk)
            return DateMention(value=_unresolved(Granularity.DAY), **mk)
    except (ValueError, OverflowError):
        pass
    return DateMention(value=_unresolved(Granularity.DAY), **mk)


def _word_granularity(q: str) -> Granularity:
    last = q.split()[-1]
    return {"year": Granularity.YEAR, "month": Granularity.MONTH}.get(
        last, Granularity.SEASON if last in SEASONS else Granularity.DAY
    )


# "the Ronin attack in March of that year": the year of the date told just before
_THAT_YEAR = re.compile(r"\s*,?\s*(?:of\s+)?(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“(])|\n")


def _told_year(m: DateMention) -> int | None:
    """The single year a mention states (written out, or taken from "that year")."""
    v = m.value
    if v.start is None or v.end is None or v.start.year != v.end.year:
        return None
    if m.anchor is None or m.anchor == "thread":
        return v.start.year
    if m.anchor == "published" and v.granularity == Granularity.YEAR and m.month is None and m.day is None:
        return v.start.year   # "last year", "this year": one whole calendar year, named from the publication
    return None


def _thread_year(t: str, r: _Raw, mention: DateMention, m: DateMention | None) -> DateMention | None:
    """A month or day told without a year in the thread of an earlier year ("in 2022 ... in March of that year and
    in June"): the mention moved into that year, else None."""
    if r.value is not None or r.rel_kind not in ("month", None) or r.needs == "previous" or r.month is None:
        return None
    if r.rel_kind == "month" and r.qual in ("last", "this", "next"):
        return None
    v = mention.value
    if not v.resolved or v.start is None or v.end is None:
        return None
    y = _told_year(m) if m is not None else None
    if m is None or y is None:
        return None
    if r.start - m.span.end > 600:
        return None
    if _THAT_YEAR.match(t, r.end) is None:
        # a bare month in the same sentence as a date with its year, not earlier in that year's calendar; a day
        # without its year in the same sentence as a year told alone ("Last year's attacks, on February 15 and 18")
        day_in_year = r.rel_kind is None and r.needs == "year" and m.value.granularity == Granularity.YEAR
        if not (day_in_year or r.rel_kind == "month" and r.qual in (None, "in", "during")) \
                or _SENTENCE_END.search(t, m.span.end, r.start):
            return None
        if m.value.granularity != Granularity.YEAR and m.value.start is not None and r.month < m.value.start.month:
            return None
    n = y - v.start.year
    if n == 0:
        return None
    try:
        nv = DateValue(_add_months(v.start, 12 * n), _add_months(v.end, 12 * n), v.granularity, relative=True)
    except ValueError:
        return None
    return DateMention(value=nv, span=mention.span, pattern=mention.pattern, year=mention.year, month=mention.month,
                       day=mention.day, weekday=mention.weekday, anchor="thread")


def find_dates(text: str, published: date | None = None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date mention in ``text[start:end]``, in text order, resolved where it can be.

    Spans index ``text`` itself. ``published`` anchors relative mentions; year-less dates
    ("Sunday, January 4") first take their year from a full date elsewhere in the scanned text.
    """
    n = len(text)
    lo = max(0, min(start, n))
    hi = n if end is None else max(lo, min(end, n))
    t = fold_chars(text)
    raws: list[_Raw] = []
    for m in _scan(t, lo, hi):
        r = _read(m, t)
        if r is not None:
            raws.append(r)
    refs = [(r.start, r.value.start) for r in raws
            if r.value is not None and r.value.start is not None and r.value.granularity == Granularity.DAY]
    if not refs:
        refs = [(r.start, r.value.start) for r in raws
                if r.value is not None and r.value.start is not None and r.value.granularity == Granularity.MONTH]
    years = [(r.start, r.value.start.year) for r in raws
             if r.value is not None and r.value.start is not None and r.value.granularity == Granularity.YEAR
             and r.value.end is not None and r.value.end.year == r.value.start.year]
    out: list[DateMention] = []
    breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", t)]
    ref_at = [pr[0] for pr in refs]
    last_told: DateMention | None = None
    last_year: DateMention | None = None   # the last year told alone ("in 2020", "last year")
    for r in raws:
        previous = out[-1] if out else None
        k = bisect.bisect_left(breaks, r.start)
        para = (breaks[k - 1] if k else 0, breaks[k] if k < len(breaks) else len(t))
        mention = _resolve(r, published, refs, years, previous, para, ref_at)
        told = _thread_year(t, r, mention, last_told)
        if told is None and last_year is not None and last_year is not last_told:
            told = _thread_year(t, r, mention, last_year)   # "Last year's ... the April theft ... on February 15"
        if told is not None:
            mention = told
        if _told_year(mention) is not None:
            last_told = mention
            if mention.value.granularity == Granularity.YEAR:
                last_year = mention
        out.append(mention)
    return _days_before(t, _same_day_same_year(_agree_with_weekdays(out)))


# "... on Wednesday, a day after draining $600 million": the phrase dates an earlier event, counted back from the day.
DAYS_AFTER = re.compile(r"\s*,?\s*(?:just\s+|only\s+)?(?P<n>a|one|two|three|four|five|six|\d)\s+(?P<u>days?|weeks?)\s+after\b",
                        re.IGNORECASE)
_SOME_TIME_AFTER = re.compile(r"\s*,?\s*(?:just\s+|only\s+)?(?:a\s+few\s+|several\s+)?(?:days|weeks|months)\s+after\b", re.IGNORECASE)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


_FOUND_BEFORE = re.compile(r"\b(?:detected|discovered|noticed|spotted|uncovered|first\s+(?:saw|seen))\s+(?:[\w\-]+\s+){0,3}?"
                           r"(?:on|in|at|late\s+on|early\s+on)\s+(?:the\s+)?$", re.IGNORECASE)
# "the transfers took place over two hours on the evening of Sept. 14": the text says when it happened
_HAPPENED_BEFORE = re.compile(r"\b(?:took\s+place|occurred|happened|were\s+made|was\s+carried\s+out|were\s+carried\s+out|unfolded)\s+"
                              r"(?:[\w\-.]+\s+){0,8}?(?:on|in|at|during)\s+(?:the\s+)?(?:\w+\s+of\s+)?$", re.IGNORECASE)
# "the drain began late on Tuesday", "the outflows, which began on Wednesday morning": when it started, told by its
# day ("on"; "the operation began in March" may tell of its preparation), weighs less than a day told with the theft
_BEGAN_BEFORE = re.compile(r"\b(?:began|begun|started|commenced)\s+(?:[\w\-.]+\s+){0,8}?on\s+(?:the\s+)?$", re.IGNORECASE)
_RESPONSE_BEFORE = re.compile(
    r"\b(?:halted|paused|suspended|froze|frozen|went\s+offline|taken\s+offline|maintenance(?:\s+mode)?|"
    r"disabled|stopped|reopen(?:ed|s)?|resum(?:ed|es)|return(?:ed|ing)|handing\s+back|handed\s+back|gave\s+back|"
    r"refund(?:ed|ing)|reimburs(?:ed|ing)|compensat(?:ed|ing)|sued|sues|suing|arrested|charged|indicted|sentenced|"
    r"extradited|seized|recovered|clawed\s+back)\s+(?:[\w\-]+\s+){0,4}?(?:on|in|by)\s+(?:the\s+)?$", re.IGNORECASE)


# a sentence about the victim's (or its owner's) shares: the days it tells are trading days
_MARKET_SENTENCE = re.compile(r"\b(?:shares|share\s+price|stock\s+price|daily\s+(?:limit|trading\s+limit))\b(?!\s+(?:of\s+)?(?:its|the)\s+"
                              r"(?:customers|users|funds|loss))|"
                              # a coin's price move: "Litecoin fell about 4% on Friday", "the token dropped 20 percent"
                              r"\b(?:bitcoin|litecoin|ether|XRP|prices?|(?:the|its)\s+(?:[\w\-]+\s+)?(?:token|coin))\s+"
                              r"(?:fell|rose|dropped|slid|jumped|climbed|gained|tumbled|plunged|surged|sank|slumped)\s+"
                              r"(?:about\s+|nearly\s+|almost\s+|more\s+than\s+|by\s+|as\s+much\s+as\s+)?\d[\d.]*\s*(?:%|percent|per\s+cent)",
                              re.IGNORECASE)


_MARKETS: list = [None, {}]   # the text whose sentences were read, and (start, end) -> market_sentence's answer


def market_sentence(text: str, sentence: Span) -> bool:
    """Does ``sentence`` tell of shares or a coin's price move (_MARKET_SENTENCE)? Read once per sentence of the
    current text."""
    if _MARKETS[0] is not text:
        _MARKETS[0], _MARKETS[1] = text, {}
    key = (sentence.start, sentence.end)
    got = _MARKETS[1].get(key)
    if got is None:
        got = _MARKETS[1][key] = bool(_MARKET_SENTENCE.search(text, sentence.start, sentence.end))
    return got


def event_cue_score(text: str, sentence: Span, span: Span) -> float:
    """What the words around a date say of it as the incident's date: "took place on" says it (+), the day a breach
    was detected is close to it (+), the day of a response (halted, put into maintenance, began returning) or of an event told as "a day
    after" the theft comes later (-)."""
    score = 0.0
    if DAYS_AFTER.match(text, span.end, min(sentence.end, span.end + 40)) or \
            _SOME_TIME_AFTER.match(text, span.end, min(sentence.end, span.end + 40)):
        score -= 2.5
    lo = max(sentence.start, span.start - 80)
    if folded(_HAPPENED_BEFORE).search(text, lo, span.start):   # (folded: the same answer, several times faster)
        score += 2.0   # the text's own word for when it happened outranks the day it was found
    elif folded(_BEGAN_BEFORE).search(text, lo, span.start):
        score += 0.8
    elif folded(_FOUND_BEFORE).search(text, lo, span.start):
        score += 0.5   # "detected the breach on Monday": the theft's day, or the nearest the text tells
    elif folded(_RESPONSE_BEFORE).search(text, lo, span.start) or market_sentence(text, sentence):
        score -= 1.5   # (a day of the market's answer too: "its shares fell 7 percent on Thursday")
    return score


def _days_before(t: str, out: list[DateMention]) -> list[DateMention]:
    extra: list[DateMention] = []
    for m in out:
        v = m.value
        if v.granularity != Granularity.DAY or v.start is None or not v.resolved:
            continue
        a = DAYS_AFTER.match(t, m.span.end, min(len(t), m.span.end + 40))
        if a is None:
            continue
        n = _SMALL.get(a.group("n").lower()) or int(a.group("n"))
        unit = "week" if a.group("u").lower().startswith("week") else "day"
        d = v.start - timedelta(days=n * (7 if unit == "week" else 1))
        extra.append(DateMention(span=Span(a.start("n"), a.end()), value=DateValue(d, d, Granularity.DAY, relative=True),
                                 pattern="later", anchor="previous", relative_to_previous=RelativeOffset(n, unit, -1)))
    if not extra:
        return out
    return sorted([*out, *extra], key=lambda m: m.span.start)


def _same_day_same_year(out: list[DateMention]) -> list[DateMention]:
    """Year-less mentions of one day ("January 26" ... "Jan. 26") that took different years from different
    parts of the text are one day: the later year (news tells of its latest events)."""
    years: dict[tuple[int, int], set[int]] = {}
    for m in out:
        v = m.value
        if m.year is None and m.weekday is None and m.anchor == "document" and m.month and m.day and v.resolved and v.start:
            years.setdefault((m.month, m.day), set()).add(v.start.year)
    if all(len(ys) < 2 for ys in years.values()):
        return out
    fixed: list[DateMention] = []
    for m in out:
        ys = years.get((m.month or 0, m.day or 0))
        v = m.value
        if (ys and len(ys) > 1 and m.year is None and m.weekday is None and m.anchor == "document" and v.start
                and v.start.year != max(ys)):
            d = _day(max(ys), m.month, m.day)  # type: ignore[arg-type]
            if d is not None:
                m = DateMention(span=m.span, value=DateValue(d, d, Granularity.DAY, relative=v.relative),
                                pattern=m.pattern, year=None, month=m.month, day=m.day, weekday=m.weekday,
                                anchor="document", relative_to_previous=m.relative_to_previous)
        fixed.append(m)
    return fixed


def _agree_with_weekdays(out: list[DateMention]) -> list[DateMention]:
    """A year-less date whose weekday fixed its year ("Tuesday (May 7)" -> 2019) lends that year to
    the other year-less mentions of the same day ("on May 7")."""
    years: dict[tuple[int, int], int] = {}
    for m in out:
        v = m.value
        if (m.year is None and m.weekday is not None and m.month and m.day and v.resolved and v.start
                and v.start.weekday() == m.weekday):
            years.setdefault((m.month, m.day), v.start.year)
    if not years:
        return out
    fixed: list[DateMention] = []
    for m in out:
        y = years.get((m.month or 0, m.day or 0))
        v = m.value
        if (y is not None and m.year is None and m.weekday is None and m.anchor in ("document", "published")
                and v.start is not None and v.start.year != y):
            d = _day(y, m.month, m.day)  # type: ignore[arg-type]
            if d is not None:
                m = DateMention(span=m.span, value=DateValue(d, d, Granularity.DAY, relative=v.relative),
                                pattern=m.pattern, year=None, month=m.month, day=m.day, weekday=None,
                                anchor="document", relative_to_previous=m.relative_to_previous)
        fixed.append(m)
    return fixed


# A wire story's dateline: "HONG KONG, Aug 3 (Newswire) - ", "SEOUL, Nov. 27, 2019 /Agency/ -- ": the day of the
# report, written at the start of its first paragraph, never the day of the event.
_DATELINE_PLACE = re.compile(r"[ \t]*(?:(?:[A-Z][\w.'\-]*(?:/[A-Z][\w.'\-]*)?[ \t]?){1,4}(?:,[ \t]*(?:[A-Z][\w.'\-]*[ \t]?){1,3})?,[ \t]*)?")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:,[ \t]*\d{4}[ \t]*)?(?:\([^()\n]{1,40}\)|/[^/\n]{1,40}/)?[ \t]*(?:[-\u2013\u2014]{1,2})[ \t]")


def is_dateline(text: str, span: Span) -> bool:
    """Is the date at ``span`` a dateline (place, date, agency, dash at the start of a line)?"""
    lo = max(0, span.start - 80)   # a dateline's place is short: no scan back over a long line
    line = text.rfind("\n", lo, span.start)
    if line < 0 and lo > 0 or not _DATELINE_PLACE.fullmatch(text, line + 1, span.start):
        return False
    return _DATELINE_AFTER.match(text, span.end, min(len(text), span.end + 60)) is not None


def guess_published(text: str) -> date | None:
    """A stand-in publication date for a text that has none: its latest full (day) date, if any.

    News mostly states the dateline or the event's date; the latest absolute date is rarely after
    publication. Callers decide whether to use it (``find_dates`` never guesses on its own).
    """
    best: date | None = None
    t = fold_chars(text)
    for m in _scan(t, 0, len(t)):
        if m.lastgroup in ("iso", "dotted", "slash", "month_day", "day_month"):
            r = _read(m, t)
            if r is not None and r.value is not None and r.value.start is not None:
                if best is None or r.value.start > best:
                    best = r.value.start
    return best


__all__ = ["DateMention", "RelativeOffset", "find_dates", "guess_published", "is_dateline", "event_cue_score", "PATTERN_EXAMPLES", "MONTHS", "WEEKDAYS", "SEASONS"]
