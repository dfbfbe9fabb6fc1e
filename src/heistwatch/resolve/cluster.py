"""Group incident mentions of many documents into incidents.

1. **Blocks.** Every mention gets a victim key (:func:`heistwatch.resolve.names.victim_key`); keys
   that link (one's tokens within the other's) form a block. Only mentions in one block can be one
   incident, and a new document only touches the blocks of its keys (incremental updates).
2. **Split within a block**, deterministically: mentions are taken most precise date first
   (day, month, season, year, undated; then by date, document, index). Each joins the cluster
   that fits it, or starts a new one. A cluster fits when it is of the same type family (thefts
   of any kind are one family; data breaches, phishing, cryptojacking and ransomware each their
   own: a theft and a later data leak of one exchange are two incidents; phishing *of* an
   exchange, bridge or other fund-holding platform is how a theft was done and counts as theft;
   two mentions dated to the same day, give or take one, are one event however they are typed,
   and so are compatible mentions stating the same loss, within a factor of 1.5: a "data breach"
   that cost the same $31 million as the theft is the theft; a cluster's family is the one most
   of its mentions give, so one report's other type does not decide it; losses are compared as
   the closest pair of figures, so an aggregate or a recovered part one report links to the
   incident does not set that report apart),
   or of kin types (``BREACH_KIN``: a data breach and a phishing of one victim, one report typing the leak and
   another the staff tricked or bribed into it, when no loss sets them apart),
   its dated members are
   all within ``CLUSTER_SLACK_DAYS`` of the mention's date (``BREACH_SLACK_DAYS`` for a data breach or its kin: dated
   by when the data was taken or when the leak was found), and (for an undated mention) it is
   not dated after the document was published. A cluster does not fit when it holds a mention
   of the same document with another stated date (one article naming two Youbit hacks tells of
   two incidents; nor an undated mention of it stating another loss, off by more than 10%, when the
   dated one states one too), nor when the mention is of another incident type, or undated, *and* its
   loss is more than ``SCALE_APART`` times off the cluster's (a $30M wallet theft and a $180M wallet
   freeze; with no date of its own, a loss of another scale is all a mention says of which hack it is).
   Among fitting clusters the mention prefers one that holds no other mention of its own
   document, then the one whose losses are of the same scale (weak evidence: within a factor of
   1.5), then one with a member dated to its very day (a victim hit twice days apart), then one of its own type, then (undated mentions) one dated within ``RECENT_DAYS``
   before the document was published (news reports recent events), then the one with most
   dated members, then the largest, then the oldest. A passing mention dated the same day as its
   document's main incident (of another victim), a mention of a report on several incidents
   dated to the publication day with no date claim behind it, or one dated only by sentences on
   what followed the heist (a plea, an official finding), by the day of a statement ("the FBI said
   on Wednesday"), by a time counted from another event ("two weeks later"), or one of several dates a sentence lists
   for several victims ("attacks in April and September hit A and B"), may have inherited that date: when
   no cluster fits it with that date, it is placed as an undated mention and its date does not vote.
   A mention stating a loss that no fitting cluster shares (within 10%) but that an incident
   reported by two other sources states, and that fits that incident by another date its document
   gives it, a later one, joins it with that date (an extractor may date a new hack by a sentence
   on an older one: "hacked again ... in July last year it suffered a data breach"). Likewise a
   mention dated only to a year by sentences that do not name the victim ("half the amount of
   2022") joins, as undated, an incident of two other sources stating its loss and dated within
   ``RECENT_DAYS`` before its publication.
   Last, a mention left alone that states the loss of an incident which fits it joins it (the greedy
   order put it first, before that incident formed).
3. **Ids** derive from content: block, type family and the month of the cluster's first (most
   precise) member, with a counter only when one block has two incidents in one month; so the
   same inputs give the same ids, and adding reports of a known incident keeps its id.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date, timedelta

from heistwatch.extract.model import ClaimKind, DateValue, Granularity, Money
from heistwatch.reference.vocabulary import alternation, attack_nouns, stems, words
from heistwatch.resolve import dates
from heistwatch.resolve.model import DocumentRecord
from heistwatch.resolve.names import key_tokens, keys_link, known_platform, platform_kind, victim_key

SCALE_APART = 3.0       # loss scales this far apart, with another incident type: not one incident
RECENT_DAYS = 120       # an undated mention prefers an incident dated this close before its publication

# A data breach is dated by some reports when the data was taken and by others when the leak was found or
# disclosed, months later ("accessed in February", "discovered on June 29"): its dates may lie this far apart.
BREACH_SLACK_DAYS = 150

SEPARATE_FAMILIES = ("data_breach", "phishing", "cryptojacking", "ransomware")
# the incident types one customer-data breach is reported as (the leak, or the phishing of staff behind it)
BREACH_KIN = frozenset({"data_breach", "phishing"})


FUND_HOLDERS = ("exchange", "bridge", "defi", "wallet", "payment", "casino", "chain")


def type_family(kind: str, victim: str | None = None) -> str:
    """theft, or one of SEPARATE_FAMILIES. Phishing *of a platform that holds funds* (an exchange,
    a bridge) is how a theft was done, so it is a theft; phishing campaigns against users stay apart.
    Likewise cryptojacking named for an exchange ("the exchange, hacked twice; the hackers used
    cryptojacking malware") is the report's word for how its hackers worked, not a separate incident."""
    if kind in ("phishing", "cryptojacking") and victim and platform_kind(victim) in FUND_HOLDERS:
        return "theft"
    return kind if kind in SEPARATE_FAMILIES else "theft"


@dataclass(frozen=True, slots=True)
class Mention:
    """An incident mention with what clustering needs (derived from a DocumentRecord)."""

    doc: str
    index: int
    victim: str
    key: str
    type: str
    family: str
    date: DateValue | None
    main: bool
    published: date | None
    source: str
    scale: float | None      # median USD loss the document states for it (weak evidence; robust to other amounts)
    inherited: bool = False  # a passing mention dated the same day as its document's main incident (of another victim)
    alt_dates: tuple[DateValue, ...] = ()   # the document's other date claims for it (see cluster_block)
    figures: tuple[float, ...] = ()         # every USD loss the document states for it, sorted
    weak_year: bool = False                 # dated only to a year by sentences that do not name the victim
    weak_date: DateValue | None = None      # the date it was placed without (inherited, or a weak year): a low vote
    told_by: date | None = None             # no publication date: about when its story was written (see mentions_of)

    @property
    def id(self) -> str:
        return f"{self.doc}#{self.index}"

    def sort_key(self) -> tuple:
        d = self.date if dates.usable(self.date) else None
        return (dates.rank(d), d.start if d else date.max, d.end if d else date.max, self.doc, self.index)


NOT_VICTIM_KINDS = frozenset({"media", "security", "analytics"})


@lru_cache(maxsize=65536)
def _about_another_victim(sentence: str, victim: str) -> bool:
    """Does the sentence name a known platform other than ``victim`` and not ``victim`` itself?
    ("... after the collapse of Mt. Gox in 2014" is no date of the Coincheck hack.)"""
    if not sentence:
        return False
    try:
        from heistwatch.reference.platforms import find_platforms
    except Exception:
        return False
    from heistwatch.resolve.attribution import names_victim

    if names_victim(sentence, [victim] + ([known_platform(victim)] if known_platform(victim) else [])):
        return False
    own = known_platform(victim)
    # only platforms that are victims of heists count ("Bloomberg reported", "PeckShield said" do not)
    named = {known_platform(p.platform.name) for p in find_platforms(sentence) if p.platform.kind not in NOT_VICTIM_KINDS}
    return bool(named) and own not in named      # "Axie Infinity" names the Ronin Network


# Words before a year that make it no incident date: "traded since 2014", "founded in 2013".
NOT_EVENT_BEFORE = re.compile(
    r"\b(since|founded|established|launched|created|started|began operating|operating|in business|incorporated|"
    r"listed|opened)\b[^.;]{0,15}$", re.I)


# "over the past month", "in the last two weeks": a window ending at the report, not the day of an event
WINDOW = re.compile(
    r"\b(?:over|in|during|within|throughout|for)\s+the\s+(?:past|last|previous|preceding)\s+"
    r"(?:\w+\s+){0,2}(?:days?|weeks?|months?|years?|quarters?|decades?)\s*$", re.I)


SINCE_WHEN_AFTER = re.compile(r"\s*,?\s*when\b", re.I)


def not_event_date(text: str, start: int, end: int) -> bool:
    """Is the date at ``text[start:end]`` only a start ("since 2014", NOT_EVENT_BEFORE) or a window
    up to the report ("over the past month", WINDOW)?"""
    if not text:
        return False
    if NOT_EVENT_BEFORE.search(text[max(0, start - 40):start]):
        # "the largest since January, when Coincheck lost ...": the date of the event the clause tells
        return SINCE_WHEN_AFTER.match(text[end:end + 12]) is None
    return WINDOW.search(text[max(0, start - 30):end]) is not None


def stated_date(record: DocumentRecord, index: int, victim: str, avoid: str | None = None) -> DateValue | None:
    """The date a document states for its incident mention ``index``.

    The extractor's date for the mention, else its most precise date claim; but passed over are
    a date that only stands on sentences naming another platform (and not this victim: that
    platform's date), a date only given as a start ("traded since 2014", "founded in 2013"),
    a date no sentence of which names the victim when another date's sentence does (in a
    document reporting several incidents),
    and ``avoid``: the date of another mention of the same victim in this document (one article
    telling of two hacks of one exchange tells of two dates; an identical one was inherited).
    """
    ex = record.extraction
    text = record.text or ""
    claims = [c for c in ex.claims_of(index, ClaimKind.DATE) if dates.usable(c.value)]  # type: ignore[arg-type]

    def not_event(c) -> bool:  # type: ignore[no-untyped-def]
        return bool(text) and not_event_date(text, c.span.start, c.span.end)

    def elsewhere(iso: str | None) -> bool:
        backing = [c for c in claims if c.value.iso() == iso]  # type: ignore[union-attr]
        return bool(backing) and bool(text) and all(
            not_event(c) or _about_another_victim(c.sentence.of(text), victim) for c in backing)

    m = next((x for x in ex.incidents if x.index == index), None)
    if m is not None and dates.usable(m.date) and not elsewhere(m.date.iso()):  # type: ignore[union-attr]
        if avoid is None or m.date.iso() != avoid:  # type: ignore[union-attr]
            chosen = _named_instead(record, claims, m.date, victim) or m.date
            return _earlier_event(claims, chosen, elsewhere, text) or _before_statement(claims, chosen, elsewhere, text) or chosen
        other = [c.value for c in claims if c.value.iso() != avoid and not elsewhere(c.value.iso())]  # type: ignore[union-attr]
        return min(other, key=lambda v: (dates.rank(v), v.start)) if other else m.date  # type: ignore[arg-type,return-value]
    own = [c.value for c in claims if not elsewhere(c.value.iso()) and c.value.iso() != avoid]  # type: ignore[union-attr]
    if own:
        return min(own, key=lambda v: (dates.rank(v), v.start))  # type: ignore[arg-type,return-value]
    return None


# A sentence telling what followed a heist: a plea, an arrest, charges, an official finding, repayments (the findings of the
# shared vocabulary, searched as word beginnings, but for "named" and "determined", and "concluded" only before "that").
FOLLOW_UP = re.compile(
    r"\b(" + "|".join(stems(words("telling_verb", "finding", minus=("named", "determined", "concluded")) + (
        "plead", "pled", "arrest", "charges", "sentenc", "indict", "convict", "extradit", "court", "announced that",
        "revealed that", "concluded that", "sanction", "declared", "repay"))) + ")", re.I)


# A date that is the day of a statement, not of the heist: "the FBI said on Wednesday", "reported
# Tuesday", "On September 6, the FBI reported", "Monday, the exchange announced".
_REPORTING = "(?:" + alternation("telling_verb", "telling") + ")"
STATEMENT_BEFORE = re.compile(
    rf"\b(?:{_REPORTING}(?:\s+in\s+an?\s+(?:statement|blog post|tweet|post|filing|notice|update))?|"
    rf"(?:discovered|detected|noticed|spotted)(?:\s+[A-Za-z'’]+){{0,3}}|statement|announcement|assertion|"
    rf"advisory|press release|notice|blog post|tweet|update|disclosure)\s+"
    # "a notice posted late on Thursday", "a statement released early on Monday"
    rf"(?:(?:posted|published|issued|released|sent|put out|shared)\s+)?"
    rf"(?:(?:late|early|earlier|last)\s+)?(?:on\s+|of\s+|dated\s+)?$",
    re.I)
STATEMENT_AFTER = re.compile(rf"^(?:\s*\(\w+\))?\s*,?\s*(?:the\s+|a\s+|an\s+|its\s+)?(?:[A-Za-z][\w.&'’-]*\s+){{0,4}}{_REPORTING}\b")


# "The FBI on Monday said ...", "Harmony on Friday confirmed ...": the date sits between the speaker
# and the verb of saying
ON_BEFORE = re.compile(r"\bon\s+$", re.I)
REPORTING_NEXT = re.compile(rf"^\s*{_REPORTING}\b", re.I)


SENTENCE_OPENING = re.compile(r"(?:^|[.;:!?\n]\s*|^\s*)(?:on|in|late on|early on|late|early|earlier on)?\s*$", re.I)


# "two weeks later", "a month after", "three days before": counted from another event, not from the
# day the report was published (which is what the date was resolved against)
OTHER_ANCHOR = re.compile(r"\b(?:later|after|afterwards|before|beforehand|earlier)\s*$", re.I)


def statement_date(text: str, start: int, end: int) -> bool:
    """Is the date at ``text[start:end]`` the day something was said or reported (STATEMENT_*)?"""
    if not text:
        return False
    if STATEMENT_BEFORE.search(text[max(0, start - 30):start]):
        return True
    if ON_BEFORE.search(text[max(0, start - 4):start]) and REPORTING_NEXT.match(text[end:end + 20]):
        return True
    # "On September 6, the FBI reported ...": the date opens its sentence and a report follows
    opens = SENTENCE_OPENING.search(text[max(0, start - 20):start]) is not None or start == 0
    return opens and STATEMENT_AFTER.match(text[end:end + 50]) is not None


# "identified abnormal withdrawals", "detected suspicious outflows": the sentence tells of the heist
# being found, not of what followed it (FOLLOW_UP's "identified" is for naming the culprits)
DETECTION = re.compile(
    r"\b(?:identified|detected|discovered|noticed|spotted|flagged)\s+(?:[\"'“‘]?[\w-]+\s+){0,3}?[\"'“‘]?"
    r"(?:withdrawals?|outflows?|transfers?|transactions?|movements?|activity|"
    + attack_nouns(plus=("intrusion",), minus=("heist", "incident")) + r")\b",
    re.I)


# "According to the indictment, in April the pair drained ...": the follow-up only names the source of
# an account of the heist itself
SOURCE_PHRASE = re.compile(r"\baccording to\b[^,.;:]{0,60}", re.I)


def _follow_up_sentence(sentence: str) -> bool:
    sentence = SOURCE_PHRASE.sub(" ", sentence)
    return FOLLOW_UP.search(sentence) is not None and DETECTION.search(sentence) is None


def _follow_up_date(record: DocumentRecord, index: int, d: DateValue) -> bool:
    """Do all the date claims behind ``d`` tell what followed the heist (FOLLOW_UP), the day of a
    statement about it (:func:`statement_date`), or a time counted from another event (OTHER_ANCHOR)?"""
    text = record.text or ""
    backing = [c for c in record.extraction.claims_of(index, ClaimKind.DATE)
               if dates.usable(c.value) and c.value.iso() == d.iso()]  # type: ignore[arg-type,union-attr]
    return bool(text) and bool(backing) and all(
        _follow_up_sentence(c.sentence.of(text)) or statement_date(text, c.span.start, c.span.end)
        or OTHER_ANCHOR.search(c.span.of(text)) for c in backing)


def _other_dates(record: DocumentRecord, index: int, victim: str, chosen: DateValue | None) -> tuple[DateValue, ...]:
    """The mention's other date claims, day or month precise, that are not another platform's date
    nor a start ("since 2014"); most precise first."""
    if chosen is None:
        return ()
    text = record.text or ""
    seen = {chosen.iso()}
    out = []
    for c in record.extraction.claims_of(index, ClaimKind.DATE):
        v = c.value
        if not dates.usable(v) or dates.rank(v) > 1 or v.iso() in seen:  # type: ignore[arg-type,union-attr]
            continue
        if text and (not_event_date(text, c.span.start, c.span.end)
                     or _about_another_victim(c.sentence.of(text), victim)):
            continue
        seen.add(v.iso())  # type: ignore[union-attr]
        out.append(v)
    return tuple(sorted(out, key=lambda v: (dates.rank(v), v.start)))  # type: ignore[arg-type,union-attr]


def _weak_year(record: DocumentRecord, index: int, victim: str, d: DateValue) -> bool:
    """Is ``d`` only a year, and does no sentence behind it name the victim ("roughly half the
    amount of 2022")?"""
    text = record.text or ""
    if d.granularity != Granularity.YEAR or not text:
        return False
    from heistwatch.resolve.attribution import names_victim

    m = next((x for x in record.extraction.incidents if x.index == index), None)
    names = [victim] + ([text[m.span.start:m.span.end]] if m is not None and m.span is not None else [])
    backing = [c for c in record.extraction.claims_of(index, ClaimKind.DATE)
               if dates.usable(c.value) and c.value.iso() == d.iso()]  # type: ignore[arg-type,union-attr]
    return bool(backing) and not any(names_victim(c.sentence.of(text), names) for c in backing)


def _listed_with_others(record: DocumentRecord, index: int, d: DateValue) -> bool:
    """Does every sentence behind ``d`` state another date as well and name two or more of the
    document's victims? ("Attacks in April and September hit the exchanges A and B.") Then the
    pairing of dates and victims is the extractor's guess, not the text's."""
    text = record.text or ""
    ex = record.extraction
    if not text or len(ex.incidents) < 2:
        return False
    iso = d.iso()
    backing = [c for c in ex.claims_of(index, ClaimKind.DATE) if dates.usable(c.value) and c.value.iso() == iso]  # type: ignore[arg-type,union-attr]
    if not backing:
        return False
    from heistwatch.resolve.attribution import names_victim

    names = {}
    for x in ex.incidents:
        surface = text[x.span.start:x.span.end].strip() if x.span is not None else ""
        names[x.index] = [x.victim] + ([surface] if surface and surface[0].isupper() else [])
    for c in backing:
        lo, hi = c.sentence.start, c.sentence.end
        others = [o for o in ex.claims if o.kind == ClaimKind.DATE and dates.usable(o.value)  # type: ignore[arg-type]
                  and o.sentence.start == lo and o.value.iso() != iso and dates.rank(o.value) <= dates.rank(d)]  # type: ignore[union-attr]
        sentence = text[lo:hi]
        named = {victim_key(names[i][0]) for i in names if names_victim(sentence, names[i])}
        if not others or len(named) < 2:
            return False
    return True


def _earlier_event(claims: list, chosen: DateValue, elsewhere, text: str) -> DateValue | None:  # type: ignore[no-untyped-def]
    """When every sentence behind ``chosen`` tells what followed the heist (a plea, an arrest, an
    official finding), a date claim of the mention well before it (its most precise form) is the
    heist's: the incident comes before what is reported after it."""
    assert chosen.start is not None
    iso = chosen.iso()
    backing = [c for c in claims if c.value.iso() == iso]
    if not backing or not text or not all(_follow_up_sentence(c.sentence.of(text)) for c in backing):
        return None
    limit = chosen.start - timedelta(days=30)
    early = [c.value for c in claims if c.value.end is not None and c.value.end < limit and not elsewhere(c.value.iso())]
    if not early:
        return None
    first = min(early, key=lambda v: v.start)
    inside = [v for v in early if v.start >= first.start and v.end <= first.end]
    return min(inside, key=lambda v: (dates.rank(v), v.start))


def _before_statement(claims: list, chosen: DateValue, elsewhere, text: str) -> DateValue | None:  # type: ignore[no-untyped-def]
    """When every claim behind ``chosen`` is the day of a statement ("the FBI said on Sept. 7"), the
    mention's most precise date claim before it that is no statement day is the heist's ("a
    cyberattack on Sept. 4")."""
    iso = chosen.iso()
    backing = [c for c in claims if c.value.iso() == iso]
    if not backing or not text or not all(statement_date(text, c.span.start, c.span.end) for c in backing):
        return None
    assert chosen.start is not None
    early = [c.value for c in claims if c.value.iso() != iso and c.value.start is not None and c.value.start <= chosen.start
             and dates.rank(c.value) <= dates.rank(chosen) and not elsewhere(c.value.iso())
             and not statement_date(text, c.span.start, c.span.end)]
    return min(early, key=lambda v: (dates.rank(v), -v.start.toordinal())) if early else None


def _named_instead(record: DocumentRecord, claims: list, chosen: DateValue, victim: str) -> DateValue | None:
    """In a document reporting several incidents: when no sentence behind ``chosen`` names the
    victim but a sentence with another date as precise does, that date is the victim's."""
    if len(record.extraction.incidents) < 2 or not record.text:
        return None
    from heistwatch.resolve.attribution import names_victim

    text = record.text
    iso = chosen.iso()
    backing = [c for c in claims if c.value.iso() == iso]
    if not backing or any(names_victim(c.sentence.of(text), [victim]) for c in backing):
        return None
    # the day of a statement about the heist ("the FBI said on Monday that ... the Harmony theft")
    # names the victim too, but is not the heist's day
    better = [c.value for c in claims if c.value.iso() != iso and dates.rank(c.value) <= dates.rank(chosen)
              and names_victim(c.sentence.of(text), [victim])
              and not statement_date(text, c.span.start, c.span.end)]
    return min(better, key=lambda v: (dates.rank(v), v.start)) if better else None


def mentions_of(record: DocumentRecord) -> list[Mention]:
    """The document's incident mentions, each with the date the document states for it (:func:`stated_date`).

    Of two mentions of one victim in one document, the main one (else the first) keeps its date;
    the other avoids that date when it has a date claim of its own that differs.
    """
    ex = record.extraction
    out = []
    base = {m.index: stated_date(record, m.index, m.victim) for m in ex.incidents}
    first_of: dict[str, tuple[int, str | None]] = {}
    for m in sorted(ex.incidents, key=lambda x: (not x.main, x.index)):
        k = victim_key(m.victim)
        if k not in first_of:
            first_of[k] = (m.index, dates.iso(base[m.index]))
    main = next((x for x in ex.incidents if x.main), None)
    main_date = dates.iso(base[main.index]) if main is not None else None
    told_by = _told_by(record, base[main.index] if main is not None else None)
    for m in ex.incidents:
        k = victim_key(m.victim)
        avoid = first_of[k][1] if first_of[k][0] != m.index else None
        d = stated_date(record, m.index, m.victim, avoid) if avoid is not None else base[m.index]
        inherited = (main is not None and not m.main and k != victim_key(main.victim) and d is not None
                     and d.granularity == Granularity.DAY and dates.iso(d) == main_date)
        # or the publication day itself, with no date claim behind it
        inherited = inherited or (
            d is not None and d.granularity == Granularity.DAY and record.published is not None
            and d.start == record.published and len(ex.incidents) > 1
            and not any(dates.iso(c.value) == dates.iso(d) for c in ex.claims_of(m.index, ClaimKind.DATE)))  # type: ignore[arg-type]
        # or the day of what followed the heist (a plea, an official finding), all its sentences say
        inherited = inherited or (d is not None and _follow_up_date(record, m.index, d))
        # or one of several dates a sentence gives for several victims ("attacks in April and
        # September hit A and B": which date is whose, the sentence does not say)
        inherited = inherited or (d is not None and _listed_with_others(record, m.index, d))
        only = len(ex.incidents) == 1     # unlinked figures of a one-incident report are its incident's
        usd = [c.value.value for c in ex.claims
               if c.kind == ClaimKind.LOSS and (c.incident == m.index or (only and c.incident is None))
               and isinstance(c.value, Money) and c.value.unit == "USD" and c.value.value > 0 and not c.value.vague]
        out.append(Mention(
            doc=record.key, index=m.index, victim=m.victim, key=victim_key(m.victim), type=m.type.value,
            family=type_family(m.type.value, m.victim), date=d, main=m.main, published=record.published,
            source=record.group, scale=sorted(usd)[len(usd) // 2] if usd else None, inherited=inherited,
            alt_dates=_other_dates(record, m.index, m.victim, d) if usd else (), figures=tuple(sorted(usd)),
            weak_year=bool(usd) and d is not None and _weak_year(record, m.index, m.victim, d),
            told_by=told_by if not m.main and m.index != (main.index if main else None) else None,
        ))
    return out


TOLD_WITHIN_DAYS = 7   # news reports its main incident within days


def _told_by(record: DocumentRecord, main_date: DateValue | None) -> date | None:
    """For a document without a publication date: about when it was written, from its main incident's
    day (news tells of its incident within days; TOLD_WITHIN_DAYS). An undated passing mention in it
    ("recent breaches at A, B and C") is then of an incident before that, not of one weeks later."""
    if record.published is not None or not dates.usable(main_date) or main_date.granularity != Granularity.DAY:  # type: ignore[union-attr]
        return None
    return main_date.end + timedelta(days=TOLD_WITHIN_DAYS)  # type: ignore[union-attr,operator]


def _other_losses(a: Mention, b: Mention) -> bool:
    """Do both mentions state losses, none of one within 10% of one of the other?"""
    if not a.figures or not b.figures:
        return False
    return min(max(x, y) / min(x, y) for x in a.figures for y in b.figures) > 1.1


class _Cluster:
    __slots__ = ("members", "dated", "docs", "family", "families", "scales", "order")

    def __init__(self, first: Mention, order: int) -> None:
        self.members: list[Mention] = []
        self.dated: list[DateValue] = []
        self.docs: set[str] = set()
        self.scales: list[float] = []          # every USD figure its mentions state
        self.families: Counter[str] = Counter()
        self.family = first.family
        self.order = order
        self.add(first)

    def add(self, m: Mention) -> None:
        self.members.append(m)
        self.docs.add(m.doc)
        if dates.usable(m.date):
            self.dated.append(m.date)  # type: ignore[arg-type]
        self.scales.extend(m.figures or ((m.scale,) if m.scale else ()))
        # the type family most of its mentions give (one document's other type does not decide it)
        self.families[m.family] += 1
        first = self.members[0].family
        self.family = max(sorted(self.families), key=lambda f: (self.families[f], f == first))

    def _apart(self, m: Mention) -> float | None:
        """How far the mention's losses are from the cluster's: the smallest ratio between a figure
        of the mention and one of the cluster (an aggregate or a recovered part one report links
        to an incident does not set it apart); None when either states none."""
        mine = m.figures or ((m.scale,) if m.scale else ())
        if not mine or not self.scales:
            return None
        return min(max(a, b) / min(a, b) for a in mine for b in self.scales)

    def breach_kin(self, m: Mention) -> bool:
        """A data breach and a phishing of the same victim (staff tricked or bribed into leaking customer data):
        one report types the leak, another how it was done; neither states a loss that sets them apart."""
        kinds = {m.type, *(x.type for x in self.members)}
        return "data_breach" in kinds and kinds <= BREACH_KIN and not self.scale_off(m)

    def fits(self, m: Mention) -> bool:
        kin = m.family != self.family and self.breach_kin(m)
        if m.family != self.family and not self.same_day(m) and not self.scale_agrees(m) and not kin:
            return False
        if dates.usable(m.date):
            slack = BREACH_SLACK_DAYS if self.family == "data_breach" or kin else dates.CLUSTER_SLACK_DAYS
            if not all(dates.compatible(d, m.date, slack) for d in self.dated):
                return False
            # one document stating two dates for one victim tells of two incidents
            own = m.date.iso()  # type: ignore[union-attr]
            if any(x.doc == m.doc and dates.usable(x.date) and x.date.iso() != own for x in self.members):  # type: ignore[union-attr]
                return False
        elif not all(dates.before(m.published or m.told_by, d) for d in self.dated):
            return False
        elif any(x.doc == m.doc and dates.usable(x.date) and _other_losses(x, m) for x in self.members):
            # a document naming the victim's incident with a date and a loss, and another one without a date
            # but with another loss, tells of two incidents
            return False
        # another kind of event at another scale (a theft of $30M vs a freeze of $180M): apart; and with no
        # date of its own, a loss of another scale is all the mention says of which incident it is
        if (m.type not in {x.type for x in self.members} or not dates.usable(m.date)) and self.scale_off(m):
            return False
        return True

    def same_day(self, m: Mention) -> bool:
        """Dated to the day, within a day of a member dated to the day: one event, however typed."""
        if not dates.usable(m.date) or m.date.granularity != Granularity.DAY:  # type: ignore[union-attr]
            return False
        return any(d.granularity == Granularity.DAY and dates.gap_days(dates.interval(d), dates.interval(m.date)) <= 1  # type: ignore[arg-type]
                   for d in self.dated)

    def on_its_day(self, m: Mention) -> bool:
        """Is a member dated to the very day the mention is? (A victim hit on the 15th and again on the
        18th: a report of the second attack alone belongs with the 18th, though both fit its date.)"""
        if not dates.usable(m.date) or m.date.granularity != Granularity.DAY:  # type: ignore[union-attr]
            return False
        return any(d.granularity == Granularity.DAY and d.iso() == m.date.iso() for d in self.dated)  # type: ignore[union-attr]

    def distance(self, m: Mention) -> int | None:
        """Days between the mention's date and the nearest dated member's (None when either is undated)."""
        if not dates.usable(m.date) or not self.dated:
            return None
        return min(dates.gap_days(dates.interval(d), dates.interval(m.date)) for d in self.dated)  # type: ignore[arg-type]

    def scale_off(self, m: Mention) -> bool:
        r = self._apart(m)
        return r is not None and r > SCALE_APART

    def same_type(self, m: Mention) -> bool:
        counts = Counter(x.type for x in self.members)
        return counts.get(m.type, 0) * 2 >= len(self.members)

    def recent(self, m: Mention) -> bool:
        """Is the cluster dated within RECENT_DAYS before the (undated) mention's publication?"""
        if m.published is None or dates.usable(m.date):
            return False
        lo = m.published - timedelta(days=RECENT_DAYS)
        return any(d.start is not None and lo <= d.start <= m.published + timedelta(days=2) for d in self.dated)

    def same_loss(self, m: Mention) -> bool:
        """Does the mention state a loss the cluster's mentions state, within 10%?"""
        r = self._apart(m)
        return r is not None and r <= 1.1

    def scale_agrees(self, m: Mention) -> bool:
        r = self._apart(m)
        return r is not None and r <= 1.5


def cluster_block(mentions: list[Mention]) -> list[list[Mention]]:
    """Split one block's mentions into incidents (see module docstring); deterministic."""
    clusters: list[_Cluster] = []
    # mentions whose date may be inherited come last, once the incidents they may belong to exist
    by_doc: dict[str, list[Mention]] = {}
    for x in mentions:
        by_doc.setdefault(x.doc, []).append(x)
    for m in sorted(mentions, key=lambda x: (x.inherited, x.sort_key())):
        fits = [c for c in clusters if c.fits(m) and not _sibling_nearer(c, m, by_doc)]
        if not fits and m.inherited:
            # its date may be its document's main incident's: where no incident fits it, the
            # mention joins as an undated one would (and its date does not vote)
            bare = replace(m, date=None, weak_date=m.date)
            if any(c.fits(bare) for c in clusters):
                m = bare
                fits = [c for c in clusters if c.fits(m)]
        if m.alt_dates and not any(c.same_loss(m) for c in fits):
            # the extractor may have given the mention a date of another event its document tells
            # of ("hacked again ... in July last year, a data breach"): another date the document
            # gives it that fits an incident reported by other sources with the same loss wins; only
            # a later date (a report recalls earlier events: a date taken from such a sentence is
            # earlier than the incident's own)
            for alt in m.alt_dates:
                if m.date is not None and m.date.end is not None and alt.start is not None and alt.start <= m.date.end:
                    continue
                moved = replace(m, date=alt)
                there = [c for c in clusters if c.same_loss(m) and len(c.docs - {m.doc}) >= 2 and c.fits(moved)]
                if there:
                    m, fits = moved, there
                    break
        if m.weak_year and not any(c.same_loss(m) for c in fits):
            # a year no sentence ties to the victim ("half the amount of 2022") is weaker evidence than
            # the loss an incident reported by other sources shortly before this report states
            bare = replace(m, date=None, weak_date=m.date)
            there = [c for c in clusters if c.same_loss(bare) and len(c.docs - {m.doc}) >= 2 and c.recent(bare)
                     and c.fits(bare)]
            if there:
                m, fits = bare, there
        if fits:
            best = max(fits, key=lambda c: (m.doc not in c.docs, c.scale_agrees(m), c.on_its_day(m), c.same_type(m),
                                            c.recent(m), len(c.dated), len(c.members), -c.order))
            best.add(m)
        else:
            clusters.append(_Cluster(m, len(clusters)))
    return [c.members for c in _reseat_loners(clusters)]


EPISODE_APART_DAYS = 7   # a mention this far from an incident's dates, whose document dates the victim's other episode nearer


def _episode_date(s: Mention) -> bool:
    """Is the mention dated to its day or month (a year says too little of which episode it is)?"""
    return dates.usable(s.date) and dates.rank(s.date) <= dates.PRECISION_RANK[Granularity.MONTH]


def _gap(a: DateValue, b: DateValue) -> int:
    return dates.gap_days(dates.interval(a), dates.interval(b))


def _sibling_nearer(c: _Cluster, m: Mention, by_doc: dict[str, list[Mention]]) -> bool:
    """Does a report of two episodes of the victim say the mention is not of this incident? A report of a
    second theft weeks after the first ("hit again on Monday, weeks after February's theft") tells both:
    the mention lies more than EPISODE_APART_DAYS off the incident's dates, and either its own document
    dates the victim's other episode nearer to the incident (and that one fits it), or a member's document
    dates the victim's other episode nearer to the mention (the incident is that member's episode, not
    the mention's), though both lie within the slack of one date."""
    if not dates.usable(m.date):
        return False
    mine = c.distance(m)
    if mine is None or mine <= EPISODE_APART_DAYS:
        return False
    for s in by_doc[m.doc]:
        if s.index == m.index or not _episode_date(s) or s.date.iso() == m.date.iso():  # type: ignore[union-attr]
            continue
        theirs = c.distance(s)
        if theirs is not None and theirs < mine and c.fits(s):
            return True
    for x in c.members:
        if not dates.usable(x.date) or x.doc == m.doc:
            continue
        apart = _gap(x.date, m.date)  # type: ignore[arg-type]
        if apart <= EPISODE_APART_DAYS:
            continue
        if any(s.index != x.index and _episode_date(s) and s.date.iso() != x.date.iso()  # type: ignore[union-attr]
               and _gap(s.date, m.date) < apart for s in by_doc[x.doc]):  # type: ignore[arg-type]
            return True
    return False


def _reseat_loners(clusters: list[_Cluster]) -> list[_Cluster]:
    """A mention left alone by the greedy order (it came first, most precise, and the incident it belongs
    to formed after it) joins an incident that fits it and states its loss, within 10%: one report
    dating a breach's thefts "back to February" and others to June tell of one incident with one loss."""
    out = list(clusters)
    for lone in [c for c in clusters if len(c.members) == 1]:
        m = lone.members[0]
        there = [c for c in out if c is not lone and len(c.members) >= 2 and m.doc not in c.docs
                 and c.same_loss(m) and c.fits(m)]
        if there:
            max(there, key=lambda c: (len(c.members), -c.order)).add(m)
            out.remove(lone)
    return _reseat_inherited(out)


def _reseat_inherited(clusters: list[_Cluster]) -> list[_Cluster]:
    """A mention whose date may be inherited (see :class:`Mention`) joins, undated, the incident that fits
    it so, as it would have had that incident formed first: of two passing mentions of one old hack, the
    one dated by a sentence on what followed ("the estate began repaying creditors last week") came first
    (most precise) and stood alone with that date. Only when exactly one other incident of the block fits."""
    out = list(clusters)
    for lone in list(out):
        if len(lone.members) != 1 or not lone.members[0].inherited or not dates.usable(lone.members[0].date):
            continue
        m = lone.members[0]
        bare = replace(m, date=None, weak_date=m.date)
        there = [c for c in out if c is not lone and m.doc not in c.docs and c.fits(bare)]
        if len(there) == 1:
            there[0].add(bare)
            out.remove(lone)
    return out


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:10]


def incident_ids(block: str, clusters: list[list[Mention]]) -> list[str]:
    """Content-derived ids for one block's clusters (in the order cluster_block gives them)."""
    ids, seen = [], {}
    for members in clusters:
        first = members[0]
        anchor = first.date.iso()[:7] if dates.usable(first.date) else "undated"  # type: ignore[union-attr]
        base = _digest(block, first.family, anchor)
        n = seen.get(base, 0)
        seen[base] = n + 1
        ids.append("inc-" + (base if n == 0 else _digest(base, str(n))))
    return ids


class KeyGraph:
    """Victim keys and the blocks they form (connected components of linked keys).

    Lookups of linked keys go through a token index, so adding a key costs the keys sharing its
    tokens, not all keys.
    """

    def __init__(self) -> None:
        self.by_token: dict[str, set[str]] = {}
        self.block_of: dict[str, str] = {}        # key -> block id (smallest key of its component)
        self.members: dict[str, set[str]] = {}    # block id -> keys

    def linked(self, key: str) -> set[str]:
        toks = key_tokens(key)
        cands: set[str] = set()
        for t in toks:
            cands |= self.by_token.get(t, set())
        return {k for k in cands if k != key and keys_link(k, key)}

    def blocks_touching(self, keys: set[str]) -> set[str]:
        out = set()
        for k in keys:
            if k in self.block_of:
                out.add(self.block_of[k])
            for other in self.linked(k):
                out.add(self.block_of[other])
        return out

    def rebuild(self, old_blocks: set[str], keys: set[str]) -> dict[str, set[str]]:
        """Replace ``old_blocks`` by the components over ``keys`` (the live keys of those blocks and
        the new ones; keys of the old blocks not in ``keys`` are forgotten); return the new blocks."""
        pool = set(keys)
        stale = set(pool)
        for b in old_blocks:
            stale |= self.members.pop(b, set())
        for k in stale:
            self.block_of.pop(k, None)
            for t in key_tokens(k):
                self.by_token.setdefault(t, set()).discard(k)
        for k in pool:
            for t in key_tokens(k):
                self.by_token.setdefault(t, set()).add(k)
        parent = {k: k for k in pool}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for k in sorted(pool):
            for other in self.linked(k):
                if other in parent:
                    ra, rb = find(k), find(other)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
        comps: dict[str, set[str]] = {}
        for k in pool:
            comps.setdefault(find(k), set()).add(k)
        out = {}
        for keys_ in comps.values():
            bid = min(keys_)
            out[bid] = keys_
            self.members[bid] = keys_
            for k in keys_:
                self.block_of[k] = bid
        return out
