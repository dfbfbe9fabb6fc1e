"""Dates as intervals with a granularity: when two reported dates can be one incident, and when
they disagree.

Clustering is lenient (``CLUSTER_SLACK_DAYS``): "2018-01" is compatible with "2018-01-26", and
"January 18" with "January 26" (the same heist reported with a wrong day is still the same
heist). Conflicts are strict: two dates conflict when their intervals are more than
``CONFLICT_SLACK_DAYS`` apart (one day of slack for time zones: a hack late on the 25th UTC is
the 26th in Seoul), so "January 18" vs "January 26" is flagged while "2018-01" vs "2018-01-26" is
not.
"""

from __future__ import annotations

from datetime import date, timedelta

from heistwatch.extract.model import DateValue, Granularity

CLUSTER_SLACK_DAYS = 45
CONFLICT_SLACK_DAYS = 1

PRECISION_RANK = {
    Granularity.DAY: 0,
    Granularity.MONTH: 1,
    Granularity.SEASON: 2,
    Granularity.QUARTER: 2,
    Granularity.YEAR: 3,
    None: 4,
}


def usable(d: DateValue | None) -> bool:
    return d is not None and d.resolved and d.start is not None


def interval(d: DateValue) -> tuple[date, date]:
    assert d.start is not None
    return d.start, d.end or d.start


def rank(d: DateValue | None) -> int:
    if not usable(d):
        return 4
    return PRECISION_RANK.get(d.granularity, 3)  # type: ignore[union-attr]


def gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def compatible(a: DateValue | None, b: DateValue | None, slack: int = CLUSTER_SLACK_DAYS) -> bool:
    if not usable(a) or not usable(b):
        return True
    return gap_days(interval(a), interval(b)) <= slack  # type: ignore[arg-type]


def conflicting(a: DateValue, b: DateValue) -> bool:
    return gap_days(interval(a), interval(b)) > CONFLICT_SLACK_DAYS


def iso(d: DateValue | None) -> str | None:
    return d.iso() if usable(d) else None  # type: ignore[union-attr]


def human(d: DateValue) -> str:
    """"26 January 2018", "January 2018", "2018" (what a reader would check in the article)."""
    s = d.start
    assert s is not None
    if d.granularity == Granularity.DAY:
        return f"{s.day} {s.strftime('%B')} {s.year}"
    if d.granularity == Granularity.MONTH:
        return f"{s.strftime('%B')} {s.year}"
    if d.granularity in (Granularity.SEASON, Granularity.QUARTER) and d.end:
        return f"{s.strftime('%B')}-{d.end.strftime('%B')} {s.year}"
    return str(s.year)


def before(published: date | None, d: DateValue | None) -> bool:
    """Could an incident dated ``d`` be reported in a document published on ``published``?"""
    if published is None or not usable(d):
        return True
    return d.start <= published + timedelta(days=2)  # type: ignore[union-attr,operator]


def date_from_iso(text: str | None) -> DateValue | None:
    """Parse the ledger's ISO forms back to an interval."""
    if not text:
        return None
    import calendar

    parts = text.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return DateValue(date(y, 1, 1), date(y, 12, 31), Granularity.YEAR)
    m = int(parts[1])
    if len(parts) == 2:
        return DateValue(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), Granularity.MONTH)
    d = date(y, m, int(parts[2]))
    return DateValue(d, d, Granularity.DAY)
