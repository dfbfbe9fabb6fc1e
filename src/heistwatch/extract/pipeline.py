"""The extraction pipeline: one document's text in, every claim it makes out, linked to incidents.

Order: sentences -> amounts, dates, victim candidates -> incidents and each sentence's focus
(``incidents.py``) -> claims linked through the focus (victims, type, losses, recoveries, shares,
counts, dates, attributions, techniques, indicators, aggregates) -> each incident's date.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from heistwatch.extract import incidents as inc
from heistwatch.extract.actors import (
    find_attributions,
    find_claimant,
    find_person_actors,
    is_background,
    person_stance,
    refers_to_incident,
)
from heistwatch.extract.incident_types import infer_type
from heistwatch.extract.incidents import _holds_any
from heistwatch.extract.model import (
    Aggregate,
    Attribution,
    Claim,
    ClaimKind,
    DateValue,
    Extraction,
    Granularity,
    IncidentMention,
    IncidentTypeValue,
    Money,
    Span,
    Stance,
    Victim,
)
from heistwatch.extract.money import AmountMention, component_amounts, find_amounts
from heistwatch.extract.text import Needled, folded, lowered, split_sentences
from heistwatch.extract.victims import VictimMention
from heistwatch.reference.assets import is_fiat
from heistwatch.reference.platforms import find_platforms
from heistwatch.reference.actors import find_actors
from heistwatch.reference.estimative import find_hedges
from heistwatch.reference.vocabulary import alternation, attack_nouns

try:  # written by the primitives stage
    from heistwatch.extract.dates import event_cue_score, find_dates, is_dateline, market_sentence
except ImportError:  # pragma: no cover - until dates.py lands
    find_dates = None  # type: ignore[assignment]
try:
    from heistwatch.extract.techniques import find_techniques
except ImportError:  # pragma: no cover
    find_techniques = None  # type: ignore[assignment]
try:
    from heistwatch.extract.indicators import find_indicators
except ImportError:  # pragma: no cover
    find_indicators = None  # type: ignore[assignment]

# Words beside a figure that say it is not the amount stolen.
NOT_A_LOSS = re.compile(
    r"\b(?:market\s+(?:cap|capitali[sz]ation|value)|valuation|volume|revenue|revenues|profit|profits|"
    r"raised|raise|funding|funded|financing|fine|fined|penalty|penalties|restitution|judgm?ents?|judgements?|verdicts?|bounty|"
    r"reward(?![\s\-]+(?:pools?|contracts?|tokens?|vaults?|distributors?|mechanisms?|programs?|programmes?|system)\b)|"
    r"salary|budget|insurance\s+fund|"
    r"reserves?|in\s+deposits|assets\s+under|IPO|invest(?:ed|ment|ments)|price|priced|trading\s+at|traded\s+at|"
    r"per\s+(?:coin|token|share|bitcoin|day|month|year)|each|fees?|settlement|settle|compensat\w+|reimburs\w+|"
    r"refund\w*|bail\w*|loan\s+of|borrow\w*|capital\s+of|worth\s+of\s+trad\w+|daily|monthly|annual|"
    r"jumped|fell|dropped|rose|surged|plunged|slumped|climbed|high\s+of|low\s+of|insurance|policy|covering|coverage|"
    r"tax|taxes|locked|TVL|total\s+value|payout|paid\s+out|claims?\s+for|traded|trades|trading|crowdfund\w*|"
    r"moratorium|creditors?|debts?|liabilit\w+|deposited|deposits?|(?<!flash\s)(?<!flash-)loans?(?!\s+(?:attacks?|exploits?))|lent|withdrew|purchased|bought|sold|"
    r"holds?|holding|remains|swapped|converted|laundered|"
    r"bridged|offloaded|flash-?loan(?:ed|ing)|minted|redeemed|received|offer\w*|keep|recover\w*|froze|frozen|seized|"
    r"returned|secured|securing|burn\w*|ransom|contains|currently|support|replenish\w*|inject\w*|backstop\w*|"
    r"own\s+funds|could\s+not\s+withdraw|unable\s+to\s+withdraw|flash\s+loans|balance|"
    r"in\s+(?:total\s+)?circulation|(?:total|circulating|token)\s+supply|in\s+gas|gas\s+fees?|liquid\s+assets)\b",
    re.IGNORECASE,
)
_TODAY_AFTER = re.compile(r"[^.;]{0,25}?\b(?:today|at\s+current\s+prices|at\s+today['’]s\s+prices|at\s+the\s+current\s+(?:exchange\s+)?rate|"
                          r"at\s+current\s+(?:exchange\s+)?rates?)\b", re.IGNORECASE)
_WOULD_BEFORE = re.compile(r"\b(?:would|will)\s+(?:now\s+)?(?:be|have\s+been)\s+(?:worth|valued)|\bwould\s+exceed|\bnow\s+worth",
                           re.IGNORECASE)
# the thief as the subject of a withdrawal: "the attacker withdrew", "hackers managed to withdraw"
_THIEF_WITHDREW = re.compile(r"\b(?:hackers?|attackers?|exploiters?|thie(?:f|ves)|intruders?|culprits?)\s+(?:(?:then|later|also|"
                             r"quickly|was\s+able\s+to|were\s+able\s+to|managed\s+to|could)\s+)*(?:withdr(?:ew|aw)|"
                             r"(?:made|make|got|get|netted|net|pocketed|reaped|earned|walked\s+away\s+with)\s+(?:an?\s+)?"
                             r"(?:(?:estimated|total|net)\s+)?profits?\s+(?:of|worth))\s+"
                             r"(?:(?:about|around|roughly|nearly|almost|over|more\s+than|some|an\s+estimated)\s+)?$", re.IGNORECASE)
_NEW_CLAUSE_AFTER = re.compile(r"\b(?:who|which|but|although|though|whereas)\s+(?:then|later|subsequently|eventually|has|have|had)\b",
                               re.IGNORECASE)
_MOVED_BEFORE = re.compile(r"\b(?:moved|moving|moves|transferred|transferring|transfers|sent|sending|sends|"
                           r"routed|funnel+ed|deposited|bridged)\b", re.IGNORECASE)
_TO_AFTER = re.compile(r"[^.;]{0,45}?\b(?:to|into|onto|through|via)\b", re.IGNORECASE)

_ATTACK_NEAR = re.compile(
    r"\b(?:stole|stolen|steal|theft|heist|hack(?:ed)?|drain(?:ed|ing)?|lost|loses|lose|losing|loss|losses|missing|exploit(?:ed)?|"
    r"siphon(?:ed|ing)?|taken|took(?!\s+out)|looted|swiped)\b",
    re.IGNORECASE,
)


def _sentence_of(sentences: list[Span], pos: int) -> int:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if pos < s.start:
            hi = mid - 1
        elif pos >= s.end:
            lo = mid + 1
        else:
            return mid
    return max(0, min(len(sentences) - 1, lo - 1))


def _sentences(text: str) -> list[Span]:
    spans = [s for s in split_sentences(text) if s.end > s.start]
    return spans or [Span(0, len(text))]


_ELSEWHERE = re.compile(r"\s*[\W]*\s*(?:read\s+also|also\s+read|read\s+more|related|see\s+also|recommended|read)\s*:", re.IGNORECASE)

_NAME_NEXT = re.compile(r"^\s*(?:worth\s+of\s+)?(?:(?!(?:and|or|but|while|whereas|as|to|than|after|before|when|since|"
                        r"then|so|if|because)\b)[a-z]+\s+){0,2}$")   # "the $300 million DMM Bitcoin theft"
_POINTS_AHEAD = re.compile(r"^[^.;()]{0,30}?\b(?:from|at|on|of|in|against|targeting)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?$",
                           re.IGNORECASE)


_ON_CHAIN = re.compile(r"\bon\s+(?:the\s+)?$", re.IGNORECASE)   # "$12 million on Arbitrum": where, not whom
# More runs of non-blanks than _POINTS_AHEAD (30 characters, a preposition, "the", three words) or _NAME_NEXT
# (four words) can span: a gap that long fits neither.
_GAP_WORDS = 24


class _Named:
    """The victim mentions of one sentence (``plan.mentions[i]``, in order of start) arranged for the look-ups
    made for each figure, date and actor in it ("the nearest name before this figure", "a name within 40
    characters after it"): a bisection each instead of a scan of every name, so that a sentence listing
    thousands of victims with their losses is read in linear time."""

    __slots__ = ("here", "starts", "ends", "max_end_upto", "max_end", "first", "incidents", "in_order")

    def __init__(self, here: list[tuple[VictimMention, int]]) -> None:
        self.here = here
        self.starts = [v.span.start for v, _ in here]                 # ascending (here is sorted by start)
        self.ends = sorted((v.span.end, n) for v, n in here)          # (end, incident) ascending
        self.max_end_upto: list[int] = []                             # [k]: the largest end among here[:k + 1]
        top = -1
        for v, _ in here:
            top = max(top, v.span.end)
            self.max_end_upto.append(top)
        self.max_end = top
        self.first = min(((v.span.start, n) for v, n in here), default=None)   # the earliest name and its incident
        self.incidents = {n for _, n in here}                         # the incidents named
        self.in_order = sorted(self.incidents)

    def starting_in(self, lo: int, hi: int) -> bool:
        """Does a name start in ``[lo, hi)``?"""
        k = bisect.bisect_left(self.starts, lo)
        return k < len(self.starts) and self.starts[k] < hi

    def overlapping(self, lo: int, hi: int) -> bool:
        """Does a name overlap ``[lo, hi)``?"""
        k = bisect.bisect_left(self.starts, hi)   # here[:k] start before hi
        return k > 0 and self.max_end_upto[k - 1] > lo

    def first_from(self, pos: int) -> int:
        """The index in ``here`` of the first name that starts at or after ``pos`` (``len(here)`` if none)."""
        return bisect.bisect_left(self.starts, pos)

    def nearest_before(self, pos: int) -> int | None:
        """The incident of the name that ends last at or before ``pos`` (the least incident on a tie), else None."""
        k = bisect.bisect_right(self.ends, (pos, 1 << 62))
        if k == 0:
            return None
        return self.ends[bisect.bisect_left(self.ends, (self.ends[k - 1][0],))][1]


_NAMED: list = [None, {}]   # the plan whose sentences were indexed, and sentence -> _Named


def _named(plan: inc.IncidentPlan, i: int) -> _Named | None:
    """``_Named`` of sentence ``i`` of ``plan`` (None when it names no victim), built once per plan."""
    if _NAMED[0] is not plan:
        _NAMED[0], _NAMED[1] = plan, {}
    got = _NAMED[1].get(i)
    if got is None:
        here = plan.mentions.get(i)
        if not here:
            return None
        got = _NAMED[1][i] = _Named(here)
    return got


_EMPTY_NAMED = _Named([])


def _tokens_over(text: str, limit: int) -> bool:
    """Does ``text`` hold more than ``limit`` runs of non-blanks?"""
    return len(text.split(None, limit)) > limit


# beside _ATTACK_NEAR, nouns that tell a clause is a victim's story: "last October's $130 million attack on A"
_CLAUSE_ATTACK = re.compile(r"\b(?:attack(?:s|ed)?|breach(?:es|ed)?|compromised|collapse|disappearance|destroyed)\b",
                            re.IGNORECASE)


def _in_clause(text: str, s: Span, here: list, pos: int, others_told: bool = True) -> list:
    """The mentions of the clause holding ``pos`` where the sentence tells several victims' stories as clauses
    ("A lost $126 million in July, and in the same month B was drained of $70 million"): a figure or date in
    one clause is that clause's victim's, not the nearest name before it. The clause must tell of a loss and
    name a victim; with ``others_told``, every other victim must be told in a clause with a verb of loss of its
    own. Else all of ``here`` (the same list object). See ``_Clauses``: read once per sentence."""
    k = _clauses_of_sentence(text, s, here).owner(pos, others_told)
    return here if k is None else _CLAUSE_OF[1][(s.start, s.end)].inside[k]


class _Clauses:
    """One sentence's victim mentions (``here``) cut at its clause joins (_CLAUSE_JOIN), for ``_in_clause``: the
    clauses, the mentions of each, whether each tells of a loss, and whether each may own its figures while the
    others' victims are told elsewhere. Built once per sentence, so that each figure and date of a sentence
    listing thousands of victims costs a bisection."""

    __slots__ = ("text", "here", "clauses", "starts", "inside", "incidents", "lossy", "owns", "bare")

    def __init__(self, text: str, s: Span, here: list) -> None:
        self.text, self.here = text, here
        self.clauses: list[tuple[int, int]] = []
        if len({n for _, n in here}) >= 2:
            cuts = [s.start] + [m.end() for m in _CLAUSE_JOIN.finditer(text, s.start, s.end)] + [s.end]
            if len(cuts) >= 3:
                self.clauses = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
        self.starts = [a for a, _ in self.clauses]
        v_starts = [v.span.start for v, _ in here]
        self.inside = [here[bisect.bisect_left(v_starts, a) : bisect.bisect_left(v_starts, b)] for a, b in self.clauses]
        self.incidents = [{n for _, n in ins} for ins in self.inside]
        self.lossy: dict[int, bool] = {}
        self.owns: dict[int, bool] = {}
        self.bare: set[int] | None = None   # the victims of the clauses with no word of loss

    def _lossy(self, k: int) -> bool:
        """Does clause ``k`` tell of a loss: a word of its own, or a gapped clause after one that does (walked
        back without recursion: a sentence may chain thousands of gapped clauses)."""
        got = self.lossy.get(k)
        if got is not None:
            return got
        chain: list[int] = []
        j = k
        while True:
            known = self.lossy.get(j)
            if known is not None:
                got = known
                break
            a, b = self.clauses[j]
            if folded(_ATTACK_NEAR).search(self.text, a, b) or _CLAUSE_ATTACK.search(self.text, a, b):
                got = self.lossy[j] = True
                break
            if j > 0 and _GAPPED_CLAUSE.match(self.text, a, b) is not None:
                chain.append(j)   # as lossy as the clause before it
                j -= 1
                continue
            got = self.lossy[j] = False
            break
        for c in chain:
            self.lossy[c] = got
        return got

    def _owns(self, k: int) -> bool:
        """Are the victims of every clause with no word of loss also clause ``k``'s (``k`` tells a loss)? Their union
        is gathered once per sentence, so each question costs a set comparison, not a pass over the clauses."""
        if self.bare is None:
            self.bare = set()
            for j in range(len(self.clauses)):
                if self.inside[j] and not self._lossy(j):
                    self.bare.update(self.incidents[j])
        mine = self.incidents[k]
        return len(self.bare) <= len(mine) and self.bare <= mine

    def owner(self, pos: int, others_told: bool) -> int | None:
        """The clause whose mentions stand for the sentence's at ``pos``, else None (all of them)."""
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0 or pos >= self.clauses[k][1] or not self.inside[k] or not self._lossy(k):
            return None
        if others_told:
            ok = self.owns.get(k)
            if ok is None:
                ok = self.owns[k] = self._owns(k)
            if not ok:
                return None
        return k


_CLAUSE_OF: list = [None, {}]   # the text whose sentences were cut, and (start, end) -> _Clauses


def _clauses_of_sentence(text: str, s: Span, here: list) -> _Clauses:
    if _CLAUSE_OF[0] is not text:
        _CLAUSE_OF[0], _CLAUSE_OF[1] = text, {}
    got = _CLAUSE_OF[1].get((s.start, s.end))
    if got is None or got.here is not here:
        got = _CLAUSE_OF[1][(s.start, s.end)] = _Clauses(text, s, here)
    return got


def _named_at(plan: inc.IncidentPlan, i: int, text: str, s: Span, pos: int, others_told: bool = True) -> _Named | None:
    """``_named(plan, i)``, or the index of the mentions of the clause of ``pos`` where ``_in_clause`` narrows
    the sentence's to them."""
    named = _named(plan, i)
    if named is None:
        return None
    k = _clauses_of_sentence(text, s, named.here).owner(pos, others_told)
    if k is None:
        return named
    key = (i, k)
    got = _NAMED[1].get(key)
    if got is None:
        got = _NAMED[1][key] = _Named(_CLAUSE_OF[1][(s.start, s.end)].inside[k])
    return got


def _nearest_incident(plan: inc.IncidentPlan, i: int, pos: int, text: str | None = None, end: int | None = None,
                      sentence: Span | None = None) -> int | None:
    named = _named(plan, i)
    if named is not None and text is not None and sentence is not None:
        named = _named_at(plan, i, text, sentence, pos)   # (= _in_clause(text, sentence, here, pos))
    if named is not None:
        if text is not None and end is not None:
            # "$620 million from Axie Infinity": the name after the figure owns it
            for k in range(named.first_from(end), len(named.here)):
                v, n = named.here[k]
                gap = text[end : v.span.start]
                if (_POINTS_AHEAD.match(gap) or _NAME_NEXT.match(gap)) and not _CLAUSE_JOIN.search(gap) and not (
                        v.platform is not None and v.platform.kind in inc.BYSTANDER and _ON_CHAIN.search(gap)):
                    return n
                if _tokens_over(gap, _GAP_WORDS):
                    break   # the gaps to the names further on only grow, and no longer one fits either pattern
        before = named.nearest_before(pos)
        if before is not None:
            return before
        assert named.first is not None
        return named.first[1]
    if plan.focus[i]:
        return plan.focus[i][-1] if len(plan.focus[i]) > 1 else plan.focus[i][0]
    return None


# "the 2014 disappearance of $470 million from the Mt. Gox exchange", "the 2016 hack of Bitfinex": a date
# written before the attack noun belongs to the name that follows it.
_DATE_THEN_ATTACK = re.compile(
    r"^\s*(?:[\w\-]+\s+){0,2}?(?:" + attack_nouns(plus=("hacking", "robbery", "raid", "drain")) + r"|disappearance|collapse|"
    r"loss)\b[^.;()]{0,70}?\b(?:of|from|at|on|against)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?$",
    re.IGNORECASE)


# A date told right after another party's name and the event that befell it: "after the collapse of Thodex in 2021"
_OTHER_PARTY_BEFORE = re.compile(
    r"\b(?:collapse|failure|bankruptcy|demise|shutdown|closure|downfall|implosion|insolvency)\s+of\s+(?:the\s+)?"
    r"(?P<who>(?-i:[A-Z])[\w.\-]*(?:\s+(?-i:[A-Z])[\w.\-]*){0,2})\s+(?:in|on|back\s+in|during|last|earlier\s+in)\s+$",
    re.IGNORECASE)
_HAS_OTHER_PARTY = Needled(_OTHER_PARTY_BEFORE).may_match   # its event word ("collapse"), looked for first


def _date_owner(plan: inc.IncidentPlan, i: int, start: int, end: int, text: str, sentence: Span | None = None) -> int | None:
    """The incident a date speaks of: the name its attack noun points to, else the nearest incident (of its own
    clause where the sentence tells several victims' stories as clauses)."""
    named = _named(plan, i)
    lo = max(0, start - 60)
    other = _OTHER_PARTY_BEFORE.search(text, lo, start) if _HAS_OTHER_PARTY(lowered(text), lo, start) else None
    if other is not None and not find_platforms(other.group("who")) and (
            named is None or not any(v.span.start <= other.start("who") < v.span.end for v, _ in named.here)):
        return None   # "after the collapse of Thodex in 2021": the date of a party the story does not take as a victim
    if named is None:
        return _nearest_incident(plan, i, start)
    if sentence is not None:
        mine = _named_at(plan, i, text, sentence, start, others_told=False)
        if mine is not named and mine is not None:   # (= _in_clause(..., others_told=False) narrowed the mentions)
            for k in range(mine.first_from(end), len(mine.here)):
                v, n = mine.here[k]
                gap = text[end : v.span.start]
                if _DATE_THEN_ATTACK.match(gap):
                    return n
                if _tokens_over(gap, 48):
                    break
            before = mine.nearest_before(start)
            assert mine.first is not None
            return before if before is not None else mine.first[1]
    for k in range(named.first_from(end), len(named.here)):
        v, n = named.here[k]
        gap = text[end : v.span.start]
        if _DATE_THEN_ATTACK.match(gap):
            return n
        if _tokens_over(gap, 48):
            break   # more words than _DATE_THEN_ATTACK spans (three, 70 characters, four more): so for every name after
    if i > 0 and plan.focus[i - 1] and named.starts[0] >= end:
        # "The outflow, detected on Friday, is the largest since ... from Coincheck in 2018": the date is the
        # story's incident's, the name after the comparison another one's
        if _COMPARED.search(text, end, named.starts[0]):
            prev = plan.focus[i - 1][-1]
            if prev not in named.incidents:
                return prev
    return _nearest_incident(plan, i, start)


def _yardstick_at(plan: inc.IncidentPlan, start: int, end: int) -> int | None:
    """The incident named as a yardstick by the comparison phrase holding ``[start, end)``, else None."""
    ys = plan.yardsticks
    if not ys:
        return None
    k = bisect.bisect_right(ys, (start, 1 << 62), key=lambda t: (t[1], t[2])) - 1
    while k >= 0:
        _, a, b, n = ys[k]
        if a <= start and end <= b:
            return n
        k -= 1
        if k >= 0 and ys[k][2] < start and ys[k][1] < a - 200:
            break
    return None


_COMPARED = re.compile(r"\b(?:since|than|surpass\w*|eclips\w*|overtak\w*|dwarf\w*|rivals?|rivalled|after\s+the)\b",
                       re.IGNORECASE)


_PAID_RANSOM_BEFORE = re.compile(r"\bpaid\s+(?:the\s+)?(?:hackers|attackers|criminals|gang\s+)?(?:an?\s+|the\s+)?ransom\s+"
                                 r"(?:of\s+|worth\s+|totalling\s+)?(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+)?$",
                                 re.IGNORECASE)
_MONEY_IN_AFTER = re.compile(r"\s*(?:[\w\-]+\s+)?(?:(?:financing|funding|credit\s+line|investment|bailout|rescue)\b|"
                             r"(?<!flash\s)(?<!flash-)loans?\b(?!\s+(?:attacks?|exploits?)))",
                             re.IGNORECASE)


_WORTH_BETWEEN = re.compile(r"\s*(?:of\s+(?:it|them|those|the\s+[\w\-]+)\s*)?[,(]?\s*(?:(?:then|at\s+the\s+time)\s+)?(?:worth|valued\s+at)\s*$", re.IGNORECASE)


def _converts_recovered(text: str, amounts: list[AmountMention], k: int) -> bool:
    """"clawed back 40 bitcoins of it, then worth about $1.2 million": the value of a recovered figure is recovered
    too (the words before the coins are the dollar figure's as well)."""
    a = amounts[k]
    if a.pair is not None:
        head: AmountMention | None = amounts[a.pair]
    else:
        head = amounts[k - 1] if k > 0 else None
        if head is not None and not _WORTH_BETWEEN.match(text, head.span.end, a.span.start):
            head = None   # (the span may hold "about": what is left between is only "then worth")
    return head is not None and head.span.start < a.span.start and head.context.recovered and not head.context.reward


_OF_IT_CLAUSE = re.compile(r"[^,;.]{0,40}?,\s*(?:when|which|whose|where|after)\b")


def _told_of_other_platform(text: str, s: Span, a: AmountMention, victim: str) -> bool:
    """In a sentence naming no victim, a figure in a clause opened on another known platform ("the collapse of
    Mt. Gox last February, when the exchange said 850,000 bitcoins had gone missing") is that platform's, not the
    incident's told in other sentences."""
    low = victim.lower()
    for m in find_platforms(text, s.start, a.span.start):
        if m.platform.kind in inc.BYSTANDER or m.surface.lower() in low or low in m.surface.lower():
            continue
        if _OF_IT_CLAUSE.match(text, m.end, a.span.start):
            return True
    return False


_RANSOM_PAID = re.compile(r"\b(?:paid|pay|paying|pays)\s+(?:a|the|its)\s+ransom\s+(?:payment\s+)?(?:of|worth)\s+"
                          r"(?:about|around|roughly|some|nearly|almost|more\s+than|over|at\s+least)?\s*$", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


def _respective(text: str, s: Span, here: list, amounts: list[AmountMention], ks: list[int]) -> dict[int, int]:
    """"A and B were hit for $60 million and $37 million respectively": the n-th figure of a unit is the n-th
    victim's, when the sentence says "respectively" and names as many victims as it gives figures in that unit."""
    word = folded(_RESPECTIVELY).search(text, s.start, s.end)
    if word is None:
        return {}
    order: list[int] = []
    for _, n in sorted(here, key=lambda x: x[0].span.start):
        if n not in order:
            order.append(n)
    if len(order) < 2:
        return {}
    by_unit: dict[str, list[int]] = {}
    for k in ks:
        m = amounts[k].money
        if m is not None and amounts[k].span.start < word.start():
            by_unit.setdefault(m.unit, []).append(k)
    out: dict[int, int] = {}
    for unit_ks in by_unit.values():
        if len(unit_ks) == len(order):
            out.update(zip(sorted(unit_ks, key=lambda k: amounts[k].span.start), order))
    return out


# Figures news gives beside a theft that are not what was taken (each checked by _other_figure):
# a shortfall of a failed firm ("an $8 billion hole in its balance sheet", "the gap between deposits and assets ...
# put it at $8 billion"), told with no word of theft in its sentence unless the word sits right beside the figure
_SHORTFALL = re.compile(r"\b(?:shortfall|deficit|black\s+hole|hole\s+in|gap\s+between|insolven\w+|"
                        r"(?:owed|owes|owe)\s+(?:to\s+)?(?:its\s+)?(?:customers|creditors|users|depositors))\b", re.IGNORECASE)
_SHORTFALL_AFTER = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:hole|shortfall|deficit|gap)\b", re.IGNORECASE)
# a demand made, not met ("tried to extort $20 million", "demanding $20 million", "asked for a $5 million ransom")
_DEMANDED_BEFORE = re.compile(r"\b(?:extort(?:ed|ing)?|demand(?:ed|ing|s)?|ask(?:ed|ing)\s+for|sought|seeking)\s+"
                              r"(?:(?:an?|the)\s+)?(?:ransom\s+(?:of\s+)?)?(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+|"
                              r"as\s+much\s+as\s+|up\s+to\s+|more\s+than\s+)?$", re.IGNORECASE)
# a cost still to come ("expects the incident to cost it $180 million", "clean-up would cost between ...", "will spend")
_COST_AHEAD = re.compile(r"\b(?:cost|costs|costing|spend|spending|expenses?|remediat\w+|clean(?:ing)?[\s-]+up|reimburs\w+)\b",
                         re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|would|expects?|expected|could|may|might)\b", re.IGNORECASE)
# one figure for several incidents ("exploiting two protocols for a combined $65 million")
_COMBINED_BEFORE = re.compile(r"\b(?:combined|together|between\s+them|in\s+all)\s+(?:of\s+)?(?:about\s+|around\s+|roughly\s+|"
                              r"some\s+|nearly\s+|more\s+than\s+|over\s+)?$", re.IGNORECASE)
_SEVERAL_TOLD = re.compile(r"\b(?:two|three|four|five|both|several|multiple)\s+(?:[\w\-]+\s+){0,3}?(?:protocols|exchanges|platforms|"
                           r"projects|companies|firms|bridges|incidents|attacks|hacks|thefts|exploits|heists|victims)\b",
                           re.IGNORECASE)
# a coin's price told in a sentence about the market, with no word of theft ("ether was little changed at $3,550")
_PRICE_TALK = re.compile(r"\b(?:the\s+price\s+of|little\s+changed|changes?\s+hands|changed\s+hands|"
                         r"(?:was|were|is)\s+trading\s+(?:at|around|near)|traded\s+(?:at|around|near))\b", re.IGNORECASE)


# the market's size named before a figure, with no money that left it in between ("TVL dropped to $71 million"; not
# "TVL dropped, with net outflows of $81 million")
_MARKET_SIZE_BEFORE = re.compile(r"\b(?:total\s+value\s+locked|TVL|market\s+(?:cap|capitali[sz]ation))\b"
                                 r"(?![^.;]*\b(?:outflows?|drain\w*|loss\w*|stolen|withdr\w*|took|taken)\b)[^.;]*$", re.IGNORECASE)


# a coin's level in the market: "Ether was close to $2,200", "with bitcoin just under $22,000"
# (the level word may be the figure's own qualifier: "Ether was [close to $2,200]")
_COIN_LEVEL_BEFORE = re.compile(r"\b(?:bitcoin|ether|ethereum|BTC|ETH|solana|SOL|XRP|BNB)\s+(?:(?:was|were|is|stood|traded|trading|"
                                r"fell|rose|slipped|climbed|hovered|sat|held|closed|ended)\s+(?:(?:just|slightly|still)\s+)?"
                                r"(?:(?:close\s+to|near|under|over|around|at|above|below)\s+)?|(?:(?:just|slightly|still)\s+)?"
                                r"(?:close\s+to|near|under|over|around|at|above|below)\s+)(?:about\s+|roughly\s+)?$", re.IGNORECASE)


_COIN_BEFORE = re.compile(r"\b(?:bitcoin|ether|ethereum|BTC|ETH|solana|SOL|XRP|BNB)\s+$", re.IGNORECASE)
# a coin's name, which both patterns above need: looked for first in the lowered window
_HAS_COIN = Needled(_COIN_BEFORE).may_match
_LEVEL_START = re.compile(r"(?:just\s+|slightly\s+|still\s+)?(?:close\s+to|near|under|over|around|above|below)\b", re.IGNORECASE)


_FLAGS: list = [None, {}]   # the text whose sentences were read, and (start, end) -> _sentence_flags' answer


def _sentence_flags(text: str, sentence: Span) -> tuple[bool, bool, bool, bool]:
    """(has a word of theft, a shortfall word, several incidents told, price talk) for ``sentence``, read once per
    sentence of the current text: a sentence listing thousands of figures asks for each."""
    if _FLAGS[0] is not text:
        _FLAGS[0], _FLAGS[1] = text, {}
    key = (sentence.start, sentence.end)
    got = _FLAGS[1].get(key)
    if got is None:
        a, b = sentence.start, sentence.end
        got = _FLAGS[1][key] = (bool(folded(_ATTACK_NEAR).search(text, a, b)), bool(folded(_SHORTFALL).search(text, a, b)),
                                bool(folded(_SEVERAL_TOLD).search(text, a, b)), bool(folded(_PRICE_TALK).search(text, a, b)))
    return got


def _other_figure(text: str, sentence: Span, a: AmountMention) -> bool:
    """Is this figure one that news tells beside a theft but that is not the amount taken: a failed firm's shortfall,
    a demand that was made (not paid), a cost still to come, one total for several incidents, a coin's price?"""
    before = text[max(sentence.start, a.span.start - 160) : a.span.start]
    near_before = before[-45:]
    theft_words, shortfall, several, price = _sentence_flags(text, sentence)
    if _SHORTFALL_AFTER.match(text, a.span.end) or (shortfall and not theft_words):
        return True
    if folded(_DEMANDED_BEFORE).search(near_before) and not re.search(r"\bpaid\b", near_before, re.IGNORECASE):
        return True
    if folded(_COST_AHEAD).search(before) and _FUTURE.search(before) and not a.context.theft:
        return True
    if several and _COMBINED_BEFORE.search(near_before):
        return True
    if _HAS_COIN(lowered(text), a.span.start - len(near_before), a.span.start) and (
            _COIN_LEVEL_BEFORE.search(near_before)
            or (_COIN_BEFORE.search(near_before) and _LEVEL_START.match(text, a.span.start))):
        return True   # "with bitcoin just under $22,000": a coin's price
    if not theft_words and _MARKET_SIZE_BEFORE.search(before):
        return True   # "Total value locked in DeFi protocols stood near $90 billion": the market's size
    return price and not theft_words


_FURTHER_BEFORE = re.compile(r"\b(?:a\s+further|an\s+additional|a\s+second\s+batch\s+of|another)\s+"
                             r"(?:(?:about|around|roughly|some|nearly)\s+)?$", re.IGNORECASE)


def _further(text: str, sentence: Span, amounts: list[AmountMention], k: int) -> bool:
    """"minted a further 1.59 billion tokens, worth about $253 million": one more tranche of a loss told in parts (the
    figure, or the figure it converts, follows "a further", "an additional", "another"). Read only in sentences naming
    no victim: "$87 million from A and a further $13.6 million from B" is B's whole loss."""
    a = amounts[k]
    starts = [a.span.start] + ([amounts[a.pair].span.start] if a.pair is not None else [])
    return any(_FURTHER_BEFORE.search(text, max(sentence.start, h - 30), h) for h in starts)


# A figure the sentence goes on to explain as a market's loss, not the theft's
_FIGURE_WAS_MARKET = re.compile(
    r"\b(?:a|the|that|this)\s+(?:figure|number|sum|amount|estimate|total)\s+(?:that\s+|which\s+)?(?:reflect\w*|represent\w*|"
    r"measur\w*|refer\w*\s+to|describ\w*|(?:was|is)\s+based\s+on|captur\w*|count\w*)\b[^.;]{0,60}?\b"
    r"(?:market\s+(?:value|cap\w*)|valuation|token['’]s\s+(?:price|value))", re.IGNORECASE)


def _is_loss(text: str, sentence: Span, a: AmountMention, head: int | None = None,
             between: tuple[int, int] | None = None) -> bool:
    """Is this figure (read in ``sentence``) an amount stolen? ``head``: where the figure it converts starts;
    ``between``: the end of the figure before it and the start of the one after (other than its conversion),
    so that a cue beside a neighbour ("$275 each") is not read as this figure's."""
    lo = max(sentence.start, a.span.start - 45)
    hi = min(sentence.end, a.span.end + 35)
    if between is not None:
        lo, hi = max(lo, between[0]), min(hi, max(a.span.end, between[1]))
    window_before = text[lo : a.span.start]
    window_after = text[a.span.end : hi]
    if between is not None and lo == between[0]:
        # "$275 each, so $5 million together": the words that close the figure before belong to it
        window_before = re.sub(r"^\s*(?:each|apiece|a\s+piece|per\s+[\w-]+)\b", " ", window_before, flags=re.IGNORECASE)
    if a.money is not None and a.money.unit == "USD" and a.money.value < 1000:
        return False   # a price ("$147 per ether"), not a theft
    if a.context.moved:
        return False   # "began to move $48 million to a mixer", "burned $40,000 worth of ether": what became of it
    h = a.span.start if head is None else min(head, a.span.start)
    if _ONE_USER.search(text, max(sentence.start, h - 60), h):
        return False   # "one user claims to have lost 1.2 billion won": one customer's loss, not the platform's
    if _PART_OF_TOTAL.search(text, max(sentence.start, h - 60), h) or _OF_IT_AFTER.match(text, a.span.end, sentence.end):
        return False   # "Of the total, 4.5 billion yen belonged to customers", "the five largest victims alone accounting
                       # for $17 million", "4.5 billion yen of it": a part of the loss, not the loss
    if a.context.reward or a.context.funding or a.context.market or a.context.per_unit:
        return False   # "a bounty of 50,000 ARKM ($31,500-$32,000)", "put 120,000 ETH of its own into the bridge"
    if a.money is not None and _other_figure(text, sentence, a):
        return False   # a shortfall, a demand, a cost to come, a combined total, a price
    if _FIGURE_WAS_MARKET.search(text, a.span.end, min(sentence.end, a.span.end + 200)):
        return False   # "a "$200 million attack", a figure that reflected how much the token's market value had lost"
    if folded(_TODAY_AFTER).match(text, a.span.end, min(sentence.end, a.span.end + 40)) and not (
            a.money is not None and a.money.valued_at != "now" and is_fiat(a.money.unit)) or \
            folded(_WOULD_BEFORE).search(window_before) or a.context.now_worth:
        return False   # what the loot would be worth today, not what was lost
    if not a.context.theft and folded(_MOVED_BEFORE).search(window_before[-40:]) and \
            folded(_TO_AFTER).match(text, a.span.end, min(sentence.end, a.span.end + 60)):
        return False   # "moved $48 million to a new wallet": where the loot went, not what was lost
    if _PAID_RANSOM_BEFORE.search(window_before):
        return True   # "the company paid a ransom of 75 bitcoin": what the payer lost
    if _MONEY_IN_AFTER.match(window_after):
        return False   # "took a $120 million financing package": money that came in, whatever the verb
    if _RANSOM_PAID.search(window_before):
        return True   # "paid a ransom of $4 million": what the victim lost to the extortion
    if _THIEF_WITHDREW.search(window_before):
        return True   # "the hacker withdrew about $1.9M": taken by the thief, not a user's own withdrawal
    own_after = window_after[:40]
    cut = _NEW_CLAUSE_AFTER.search(own_after)
    if cut is not None:
        own_after = own_after[: cut.start()]   # "for $8.8M, who then returned most of it": the next clause's verb
    if folded(NOT_A_LOSS).search(own_after) or folded(NOT_A_LOSS).search(window_before[-30:]) and not (a.context.theft or a.context.revised):
        return bool(folded(_ATTACK_NEAR).search(window_before[-20:] + " " + window_after[:10]))
    return True


def _amount_groups(text: str, sentences: list[Span], amounts_by_sentence: list[list[int]],
                   plan: inc.IncidentPlan) -> list[list[int]]:
    """Amounts read together: one sentence, or a list with the line that opens it; split by incident in focus."""
    blocks: list[list[int]] = []
    opened = False
    layout = plan.layout
    for i in range(len(sentences)):
        item = layout.item[i]
        if blocks and item and opened:
            blocks[-1].append(i)
        else:
            blocks.append([i])
        opened = item or layout.colon[i]
    groups: list[list[int]] = []
    for block in blocks:
        by_target: dict[int | None, list[int]] = {}
        for i in block:
            if not amounts_by_sentence[i]:
                continue
            # the sentence's target, found once for all its amounts (None for "each amount its own group")
            ms = plan.mentions.get(i)
            own = bool(ms) and len({n for _, n in ms}) != 1
            target = None if own else _nearest_incident(plan, i, 0) if not ms else min(n for _, n in ms)
            for k in amounts_by_sentence[i]:
                by_target.setdefault(-1 - k if own else target, []).append(k)
        groups.extend(ks for ks in by_target.values() if ks)
    return groups


# A sentence about the incidents just named: "Both are widely attributed to ...", "Both attacks were ...".
_BOTH = re.compile(r"\s*(?:[\W]*\s*)(?:both|the\s+two)\b(?!\s+(?:of\s+)?(?:the\s+)?(?:hackers|attackers|groups|firms|companies)\b)",
                   re.IGNORECASE)


_BOTH_INSIDE = re.compile(r"\b(?:both|the\s+two)\s+(?:incidents|attacks|thefts|hacks|heists|breaches|exploits|cases|"
                          r"exchanges|platforms|protocols|bridges)\b", re.IGNORECASE)
# Where a sentence tells two victims' stories joined as clauses ("A lost $320M in February, and B was drained of
# $100M in June, an attack that analysts tied to Lazarus"), an actor named in one clause is that clause's victim's.
# A clause whose verb is left out, told by its victim and figure after "and": "A lost $24 million in October and B
# nearly $20 million a month later" (gapping); it tells a loss when the clause before it does.
_GAPPED = (r"(?:then\s+|later\s+)?(?:the\s+)?(?-i:[A-Z])[\w.\-]*(?:\s+(?-i:[A-Z])[\w.\-]*){0,3}\s+(?:(?:about|around|over|"
           r"more\s+than|nearly|almost|roughly|some|another|a\s+further|close\s+to|just\s+under|just\s+over)\s+)?"
           r"(?:US)?[$€£¥₩]?\s?\d")
_GAPPED_CLAUSE = re.compile(r"\s*" + _GAPPED, re.IGNORECASE)
_CLAUSE_JOIN = re.compile(r";|,\s*(?:and|while|whereas|but)\s+(?!(?:the\s+)?(?:other|others)\b)|\s+and\s+(?=" + _GAPPED + ")",
                          re.IGNORECASE)


def _own_clause(text: str, s: Span, here: list, span: Span, targets: list[int]) -> list[int]:
    named = {n for _, n in here}
    if len(named) < 2:
        return targets
    clauses, starts, owners = _clauses_of(text, s, here)
    if len(clauses) < 2:
        return targets
    k = bisect.bisect_right(starts, span.start) - 1
    if k < 0 or span.start >= clauses[k].end:
        return targets
    inside = owners.get(k)
    if inside is None:
        return targets
    return sorted(n for n in targets if n in inside) or targets


_CLAUSES: list = [None, {}]   # the text whose sentences were cut, and (start, end) -> (clauses, owners)


def _clauses_of(text: str, s: Span, here: list) -> tuple[list[Span], list[int], dict[int, set[int]]]:
    """Sentence ``s`` cut at its clause joins (_CLAUSE_JOIN), and for each clause that names a victim and may own
    the actors in it, the incidents it names: every other victim must be told in a clause of its own, with its own
    verb of loss ("lost", "was drained"). Found once per sentence of the current text, not per actor."""
    if _CLAUSES[0] is not text:
        _CLAUSES[0], _CLAUSES[1] = text, {}
    key = (s.start, s.end)
    got = _CLAUSES[1].get(key)
    if got is None:
        cuts = [s.start] + [m.end() for m in _CLAUSE_JOIN.finditer(text, s.start, s.end)] + [s.end]
        clauses = [Span(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
        told: list[set[int]] = [set() for _ in clauses]
        starts = [c.start for c in clauses]
        for v, n in here:
            k = bisect.bisect_right(starts, v.span.start) - 1
            if k >= 0 and v.span.start < clauses[k].end:
                told[k].add(n)
        # the clauses naming victims without a verb of loss: an owner must name all their victims itself
        bare = [j for j, (c, theirs) in enumerate(zip(clauses, told)) if theirs and not folded(_ATTACK_NEAR).search(text, c.start, c.end)]
        owners: dict[int, set[int]] = {}
        for k, inside in enumerate(told):
            if inside and all(j == k or not (told[j] - inside) for j in bare):
                owners[k] = inside
        got = _CLAUSES[1][key] = (clauses, starts, owners)
    return got


def _last_named(plan: inc.IncidentPlan, i: int, count: int) -> list[int]:
    """The last ``count`` distinct incidents named before sentence ``i`` (within four sentences), else []."""
    seen: list[int] = []
    for j in range(i - 1, max(-1, i - 5), -1):
        for _, n in sorted(plan.mentions.get(j, []), key=lambda t: -t[0].span.start):
            if n not in seen:
                seen.append(n)
        if len(seen) >= count:
            return sorted(seen[:count])
    return []


# A victim named only as a point of comparison: "sent to an address used in the Ronin bridge hack",
# "due to similar attack behavior to the Stake.com incident". When the sentence also speaks of "the attack"
# (the story's own), an attribution in it belongs to the incident in focus, not to the one compared with.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:used\s+in|seen\s+in|similar\s+(?:[\w\-]+\s+){0,3}?to|like|same\s+(?:[\w\-]+\s+){0,3}?as|reminiscent\s+of|"
    r"resembl\w+|as\s+in|as\s+with|compared\s+(?:to|with)|mirror\w*|echo\w*|recall\w*)\s+"
    r"(?:the\s+|an?\s+)?(?:[\w.$\-]+\s+){0,2}?$", re.IGNORECASE)
_REFERENCE_AFTER = re.compile(r"(?:['’]s)?\s*(?:[\w\-]+\s+){0,2}?(?:" + attack_nouns() + r")\b",
                              re.IGNORECASE)
_THIS_ATTACK = re.compile(r"\b(?:the|this|its)\s+(?:[\w\-]+\s+)?(?:" + attack_nouns() + r")\b",
                          re.IGNORECASE)


def _compared_only(text: str, s: Span, here: list) -> set[int]:
    """Incidents named in sentence ``s`` only as a point of comparison (see _REFERENCE_BEFORE), when it also
    speaks of the story's own attack outside those phrases."""
    refs: dict[int, list[tuple[int, int]]] = {}
    plain: set[int] = set()
    for v, n in here:
        cue = folded(_REFERENCE_BEFORE).search(text, max(s.start, v.span.start - 60), v.span.start)
        tail = _REFERENCE_AFTER.match(text, v.span.end, min(s.end, v.span.end + 40))
        if cue and tail:
            refs.setdefault(n, []).append((cue.start(), tail.end()))
        else:
            plain.add(n)
    spans = [x for n in refs for x in refs[n]]
    own = any(not any(a <= m.start() < b for a, b in spans) for m in folded(_THIS_ATTACK).finditer(text, s.start, s.end))
    return set(refs) - plain if own else set()


def _neighbours(amounts: list[AmountMention], money_idx: list[int], k: int) -> tuple[int, int]:
    """The end of the money figure before ``amounts[k]`` and the start of the one after, skipping its own
    conversion (shares and counts do not cut: "recovered 84% ($239 million)"). ``money_idx``: the indices of
    money amounts, in order."""
    a = amounts[k]
    p = bisect.bisect_left(money_idx, k)
    prev = next((j for j in reversed(money_idx[max(0, p - 2) : p]) if j != a.pair and amounts[j].pair != k), None)
    nxt = next((j for j in money_idx[p + 1 : p + 3] if j != a.pair and amounts[j].pair != k), None)
    return (amounts[prev].span.end if prev is not None else 0,
            amounts[nxt].span.start if nxt is not None else 1 << 62)


_OWNER_BEFORE = re.compile(r"(?P<owner>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})['’]s\s+(?:(?:latest|recent|biggest|largest|"
                           r"new|previous|earlier|own)\s+)?$")
_WHEN_WORD = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
                        r"August|September|October|November|December|Today|Yesterday|Week|Month|Year|\d{4}", re.IGNORECASE)
_HEIST_AFTER = re.compile(r"\s+(?:[\w\-]+\s+)?(?:" + attack_nouns(plus=("robbery",), minus=("incident",)) + r")\b",
                          re.IGNORECASE)


# "exceeds that of", "larger than", "the previous record set by": what follows is another incident, told for scale
_COMPARISON = re.compile(
    r"\b(?:(?:exceed|surpass|eclips|dwarf|outstrip|overtak|top)\w*\s+(?:that|those|the\s+(?:previous\s+)?(?:record|loss|losses|"
    r"theft|hack|heist))\b|(?:bigger|larger|greater|worse|more|less|smaller)\s+than\s+(?:that|those|the)\b|"
    r"(?:previous|prior|former)\s+record|compared\s+(?:with|to)\b)", re.IGNORECASE)


# "in March this year", "late last year": a date, not the period of a tally
_DATED_YEAR = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                         r"spring|summer|autumn|fall|winter|earlier|later|early|late|mid-?)\s+$", re.IGNORECASE)


_OWN_LOSSES_BEFORE = re.compile(r"\b(?:current|its|their|the\s+(?:exchange|platform|protocol|project|company|bridge)['’]s)\s+$",
                                re.IGNORECASE)


def _aggregate_near(near: str) -> bool:
    for m in folded(_AGGREGATE_NEAR).finditer(near):
        if re.fullmatch(r"(?:this|last)\s+year", m.group(0), re.IGNORECASE) and folded(_DATED_YEAR).search(near, 0, m.start()):
            continue
        if _OWN_LOSSES_BEFORE.search(near, 0, m.start()) and re.match(r"(?:losses|theft)\b", m.group(0), re.IGNORECASE):
            continue   # "Current losses reached $8M", "its losses climbed to": one victim's running figure, no tally
        return True
    return False


# a word every _COMPARISON match holds (lower case): a sentence with none of them has no comparison to scan for
_COMPARISON_WORDS = ("exceed", "surpass", "eclips", "dwarf", "outstrip", "overtak", "top", "than", "record", "compared")
_COMPARES: list = [None, {}]   # the text whose sentences were checked, and (start, end) -> may hold a comparison


def _may_compare(text: str, s: Span) -> bool:
    if _COMPARES[0] is not text:
        _COMPARES[0], _COMPARES[1] = text, {}
    key = (s.start, s.end)
    got = _COMPARES[1].get(key)
    if got is None:
        seg = text[s.start : s.end]
        low = seg.lower()
        # on ASCII text lowering is exact; elsewhere case-insensitive matching may fold other letters: scan anyway
        got = _COMPARES[1][key] = not seg.isascii() or any(w in low for w in _COMPARISON_WORDS)
    return got


def _last_comparison(text: str, s: Span, before: int) -> tuple[int, int] | None:
    """The span of the last match of ``_COMPARISON.finditer(text, s.start, before)``, or None.

    Read from the sentence's own matches (found once, see ``_comparisons``) where cutting the text at ``before``
    cannot change them: no match reaches ``before`` and the cut does not split a word (a word boundary the cut
    would make). Otherwise the sentence is scanned up to ``before`` as written."""
    found = _comparisons(text, s)
    if not found:
        return None
    k = bisect.bisect_left(found, (before,))   # found[:k] start before the cut
    touching = k > 0 and found[k - 1][1] >= before   # (matches do not overlap: only the last can reach it)
    if touching or 0 < before < len(text) and _WORD_CHAR(text[before - 1]) and _WORD_CHAR(text[before]):
        cue = None
        for cue in folded(_COMPARISON).finditer(text, s.start, before):   # spans as _COMPARISON's
            pass
        return None if cue is None else cue.span()
    return found[k - 1] if k > 0 else None


def _WORD_CHAR(c: str) -> bool:
    return c.isalnum() or c == "_"


_COMPARED_IN: list = [None, {}]   # the text whose sentences were scanned, and (start, end) -> _COMPARISON's spans


def _comparisons(text: str, s: Span) -> list[tuple[int, int]]:
    """The spans of ``_COMPARISON.finditer`` over sentence ``s``, found once per sentence of the current text
    (every figure of the sentence asks for the last one before it)."""
    if _COMPARED_IN[0] is not text:
        _COMPARED_IN[0], _COMPARED_IN[1] = text, {}
    key = (s.start, s.end)
    got = _COMPARED_IN[1].get(key)
    if got is None:
        got = _COMPARED_IN[1][key] = [m.span() for m in folded(_COMPARISON).finditer(text, s.start, s.end)]
    return got


def _past_comparison(text: str, s: Span, a: AmountMention, named: _Named) -> bool:
    """Is the figure told after a comparison with another incident that the sentence names no victim of between
    the two (so nothing here owns it)?"""
    if not _may_compare(text, s):
        return False
    cue = _last_comparison(text, s, a.span.start)
    if cue is None:
        return False
    return not named.starting_in(cue[1], a.span.start) and not named.starting_in(a.span.end, a.span.end + 40)


def _owned_by_other(text: str, s: Span, a: AmountMention, named: _Named) -> bool:
    """Is the figure the size of a heist owned by someone the sentence does not name as a victim?"""
    if not _HEIST_AFTER.match(text, a.span.end, min(s.end, a.span.end + 40)):
        return False
    om = _OWNER_BEFORE.search(text, max(s.start, a.span.start - 50), a.span.start)
    if om is None or _WHEN_WORD.fullmatch(om.group("owner").split()[-1]):
        return False   # "Friday's $500 million theft" is when, not whose
    return not named.overlapping(om.start("owner"), om.end("owner"))


# One customer's loss inside a platform's incident: "one user reportedly lost 10 million won".
_PART_OF_TOTAL = re.compile(
    r"\b(?:bulk|majority)\s+of\s+(?:that|it|this|the\s+total)\b[^.;]{0,60}$|(?:\bof\s+(?:the\s+(?:total|sum|amount|loot|haul|figure)|that(?:\s+(?:total|sum|amount|figure))?|this|which)\s*,?\s*|"
    r"\bthe\s+(?:\w+\s+)?(?:largest|biggest|top)\s+(?:(?:single|individual)\s+)?(?:victims?|losers?|users?|customers?|"
    r"wallets?|accounts?|holders?)\b[^.;]{0,40})$", re.IGNORECASE)
_OF_IT_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?of\s+(?:it|that|this|them|which|the\s+total)\b(?!\s+(?:was|were)\s+(?:stolen|taken))",
                          re.IGNORECASE)
_ONE_USER = re.compile(r"\b(?:one|a\s+single|another)\s+(?:[\w\-]+\s+)?(?:user|customer|investor|trader|client|depositor|wallet|holder)\b"
                       r"[^.;,]{0,40}$", re.IGNORECASE)
_JOINT_AFTER = re.compile(r"\s*(?:(?:of|in)\s+(?:[\w\-]+\s+){0,3}?)?(?:from|at|of|stolen\s+from|taken\s+from)\s+(?:the\s+)?"
                          r"(?:[\w\-]+\s+){0,3}?$", re.IGNORECASE)
_JOINT_BEFORE = re.compile(r"\s+(?:for|of)\s+(?:(?:a|an)\s+)?(?:combined\s+|total\s+(?:of\s+)?)?(?:about\s+|around\s+|roughly\s+|"
                           r"some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?", re.IGNORECASE)
_RANGING = re.compile(r"\b(?:ranging|ranged|range|varying|varied)\s+(?:from\s+)?(?:about\s+|around\s+)?$", re.IGNORECASE)


_FROM_TO: list = [None, {}]   # the text whose sentences were read, and id(_Named) -> (its _Named, the ends below)


def _from_to_before(text: str, s: Span, named: _Named, pos: int) -> bool:
    """Do two names of different incidents told as "from A to B" both end by ``pos``? (Of the names ending by
    ``pos``, in order, two neighbours with " to " between them and "from" before the first.)

    The ends of the second names of such pairs are found once per sentence; where the names' ends do not ascend
    with their starts (overlapping mentions), the names before ``pos`` are paired as written."""
    if _FROM_TO[0] is not text:
        _FROM_TO[0], _FROM_TO[1] = text, {}
    got = _FROM_TO[1].get(id(named))
    if got is None or got[0] is not named:
        here = named.here
        ascending = all(here[k][0].span.end <= here[k + 1][0].span.end for k in range(len(here) - 1))
        ends = [v2.span.end for (v1, n1), (v2, n2) in zip(here, here[1:]) if _from_to(text, s, v1, n1, v2, n2)] \
            if ascending else None
        got = _FROM_TO[1][id(named)] = (named, ends)
    ends = got[1]
    if ends is not None:
        return bool(ends) and min(ends) <= pos
    prior = [(v, n) for v, n in named.here if v.span.end <= pos]
    return any(_from_to(text, s, v1, n1, v2, n2) for (v1, n1), (v2, n2) in zip(prior, prior[1:]))


def _from_to(text: str, s: Span, v1, n1: int, v2, n2: int) -> bool:
    return n1 != n2 and re.fullmatch(r"\s+to\s+", text[v1.span.end : v2.span.start]) is not None and \
        re.search(r"\bfrom\s+(?:the\s+)?$", text[max(s.start, v1.span.start - 12) : v1.span.start], re.IGNORECASE) is not None


def _shared_by_several(text: str, s: Span, a: AmountMention, named: _Named) -> bool:
    """A figure told of several victims at once: "$60 million of virtual currency from A and B" (a joint total),
    "breaches at A, B and C, with losses ranging from $8 million to $28 million" (a spread across them)."""
    if len(named.incidents) < 2:
        return False
    k = named.first_from(a.span.end)   # the names after the figure: named.here[k:]
    if k + 2 <= len(named.here):
        (v0, n0), (v1, n1) = named.here[k], named.here[k + 1]
        if _JOINT_AFTER.match(text, a.span.end, v0.span.start) and n0 != n1 \
                and re.fullmatch(r"\s*(?:,|and|&)\s*", text[v0.span.end : v1.span.start]):
            return True
    if k >= 2:
        (v0, n0), (v1, n1) = named.here[k - 2], named.here[k - 1]
        if n0 != n1 and re.fullmatch(r"\s*(?:,|and|&)\s*", text[v0.span.end : v1.span.start]) \
                and _JOINT_BEFORE.fullmatch(text, v1.span.end, a.span.start):
            return True   # "exploiting A and B for $65 million": one figure for both
    if _from_to_before(text, s, named, a.span.start):
        return True   # "From A to B: the year thieves took $3.2 billion": a span of victims, and its total
    before = text[max(s.start, a.span.start - 30) : a.span.start]
    return a.context.stated_range and bool(_RANGING.search(before) or re.search(r"\bto\s*$", before)) and \
        named.max_end <= a.span.start


# An amount that sums many thefts or a period: "has stolen over $200 million this year".
_AGGREGATE_NEAR = re.compile(
    r"\b(?:(?:this|last|per|a|each|every)\s+year|so\s+far\s+this\s+year|notorious|history\s+of|"
    r"since\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?:19|20)\d\d|in\s+(?:19|20)\d\d\s+alone|over\s+the\s+(?:past|last)|cumulative|"
    r"combined(?!\s+value\s+of\s+(?:the\s+|its\s+|their\s+)?(?:stolen|missing|lost|drained|taken|hacked))|altogether|"
    r"all\s+(?:of\s+)?(?:those|these|the)\s+(?:hacks|attacks|heists|thefts)|worldwide|globally|spree|"
    r"(?:" + alternation("theft_verb", "core", plus=("steal", "pilfered", "lost", r"made\s+off\s+with"), minus=("took", "drained", "swiped"))
    + r")\s+(?:[^.;]|\.(?=\d)){0,60}?\b(?:in|during|for|since)\s+(?:19|20)\d\d(?!\s*[,-]?\s*\d)|"
    r"(?:theft|thefts|hacks|losses|stolen\s+funds|crime)\s+(?:hits?|reach(?:es|ed)?|tops?|topped|total(?:s|led|ed)?|surpass(?:es|ed)|"
    r"exceed(?:s|ed)|climb(?:s|ed)|soar(?:s|ed)|jump(?:s|ed)|rose|rises)|"
    r"so\s+far\s+in\s+(?:19|20)\d\d|(?:19|20)\d\d\s+alone|"
    r"(?:in|during|over|for)\s+the\s+(?:first|second|third|fourth|last|latest)\s+(?:half|quarter)\s+of|as\s+a\s+whole|"
    r"running\s+tally|(?:crypto|cryptocurrency|defi|industry|sector)[\s\-]+(?:hack\s+|theft\s+)?losses|"
    r"losses\s+to\s+(?:hacks|exploits|thefts|attacks|scams)|"
    r"stolen\s+by\s+(?:a|one|the)\s+(?:single\s+)?(?:[\w\-]+\s+)?(?:group|gang|actor|crew)|"
    r"(?:group|gang|crew)['’]s\s+(?:efforts|activities|operations|campaigns?|haul)|"
    r"(?:through|from|in|across|via|suffering|among|(?<!one\s)(?<!among\s)of|with(?=\s+\d))\s+(?:\d+\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:cyber-?)?(?:hacks|scams|incidents|heists|attacks|exploits|thefts)|"
    # "58 suspected North Korean cyberattacks", "between 2017 and 2023", "has generated an estimated $2 billion"
    r"(?<![\d,.$])\d+\s+(?:[\w\-]+\s+){0,4}?(?:cyber-?)?(?:hacks|heists|attacks|thefts|breaches|exploits|incidents)|"
    r"between\s+(?:19|20)\d\d\s+and\s+(?:19|20)\d\d|"
    # (not what one attack brought its thief: "the attack netted the attacker about $45 million")
    r"(?<!attack\s)(?<!exploit\s)(?<!hack\s)(?<!heist\s)(?<!theft\s)(?<!attacker\s)(?<!hacker\s)(?<!exploiter\s)(?<!thief\s)"
    r"(?:generated|generating|amassed|netted|reaped|raked\s+in))\b",
    re.IGNORECASE,
)


def _date_score(text: str, s: Span, d, attack: bool, victim_here: bool, published: date | None) -> float:
    v: DateValue = d.value
    if not v.resolved or v.start is None:
        return -99
    score = 0.0
    # (a word of loss in a sentence on the market is the price's: "Litecoin fell 4% on Friday and tiny coins lost half
    # their value")
    score += 2.0 if attack and not market_sentence(text, s) else 0.0
    score += 1.0 if victim_here else 0.0
    score += {Granularity.DAY: 0.6, Granularity.MONTH: 0.4, Granularity.SEASON: 0.2, Granularity.QUARTER: 0.2,
              Granularity.YEAR: 0.0}.get(v.granularity, 0.0)  # type: ignore[arg-type]
    if published and v.start > published:
        score -= 5
    # a line holding only a date is a dateline, not the incident's date
    if len(text[s.start : s.end].strip()) <= (d.span.end - d.span.start) + 12:
        score -= 3
    if getattr(d, "anchor", None) is None:
        score += 0.3   # written out in full
    if d.span.start < 60 and published is not None and v.start == published:
        score -= 3   # the dateline at the top of the text
    elif is_dateline(text, d.span):
        score -= 3   # "HONG KONG, Aug 3 (Newswire) - ...": the report's day, after a headline and byline
    score += event_cue_score(text, s, d.span)   # "detected on Monday" +, "halted on Thursday", "a day after" -
    owner = "'s" if text[d.span.start : d.span.end].endswith(("'s", "’s")) else ""   # the span may hold the 's
    if folded(_POSSESSIVE_ATTACK).match(owner + text[d.span.end : min(s.end, d.span.end + 40)]):
        score += 1.5   # "last Friday's raid"
    elif folded(_THE_BEFORE).search(text, max(s.start, d.span.start - 8), d.span.start) and \
            folded(_ATTACK_NEXT).match(text, d.span.end, min(s.end, d.span.end + 40)):
        score += 1.5   # "the October 16 exploit", "its March 2022 hack"
    if _REPORTING_AFTER.match(text, d.span.end, min(s.end, d.span.end + 60)) or \
            _AUTHORITY_NEXT.match(text, d.span.end, min(s.end, d.span.end + 60)) or (
            _OPENS_SENTENCE.fullmatch(text, s.start, d.span.start)
            and folded(_AUTHORITY_TOLD).match(text, d.span.end, min(s.end, d.span.end + 160))):
        told = folded(_SAID_DETECTED).match(text, d.span.end, min(s.end, d.span.end + 80))
        if told is None or _DAY_WORD.search(text, told.end(), s.end):
            score -= 2   # "On Wednesday the FBI blamed ...": when it was said
        # (not "On Tuesday, CoinEx said it had detected ...", the day told of no other: the day it was found)
    if folded(_REPORTING_BEFORE).search(text, max(s.start, d.span.start - 30), d.span.start):
        score -= 2   # "an update on December 6", "said on Monday": when it was told, not when it happened
    if folded(_SINCE_BEFORE).search(text, max(s.start, d.span.start - 30), d.span.start):
        score -= 2   # "more than $2 billion since 2017": where a tally starts, not a theft's date
    if folded(_DATE_FIELD).search(text, max(s.start, d.span.start - 50), d.span.start):
        score += 3   # "Date of Incident: July 18, 2024": a write-up's own field for it
    if folded(_REGULATOR_ACTED).search(text, max(s.start, d.span.start - 120), d.span.start):
        score -= 3   # "regulators issued orders to several exchanges, Zumo among them, in June": a supervisor's act
    held = _HOLDING_CLAUSE.search(text, max(s.start, d.span.start - 120), d.span.start)
    if held is not None and not folded(inc.ATTACK_CUE).search(text, held.start(), d.span.start):
        score -= 2   # "Zumo, a protocol that held $1 billion in deposits last week, lost $24 million on Monday"
    return score


# A clause describing the victim's size or business, before a date of its own: the date is of that, not of the theft.
_HOLDING_CLAUSE = re.compile(
    r",\s+(?:[\w\-]+\s+){0,4}?(?:that|which|who)\s+(?:had\s+|has\s+|once\s+)?(?:held|holds|managed|manages|boasted|"
    r"counted|handled|handles|processed|raised|launched|listed|attracted|was\s+valued|was\s+worth|had\s+grown|grew)\b[^,;]*$",
    re.IGNORECASE)


# A supervisor acting on platforms, in the clause before a date: the date is of that act, not of a theft.
_REGULATOR_ACTED = re.compile(
    r"\b(?:issued|imposed|handed\s+down|served|sent)\s+(?:[\w\-]+\s+){0,3}?(?:orders?|fines?|penalt(?:y|ies)|"
    r"warnings?|notices?|sanctions?|directives?)\b(?:(?![.;]).)*$|"
    r"\b(?:was|were)\s+(?:fined|ordered\s+to|inspected|licen[cs]ed|registered)\b(?:(?![.;]).)*$",
    re.IGNORECASE)


_DATE_FIELD = re.compile(r"\b(?:date|when|time)\s+(?:of\s+(?:the\s+)?)?(?:" + attack_nouns(plus=("compromise",)) + r")\s*"
                         r"[:\-–—]\s*$|\b(?:" + attack_nouns() + r")\s+date\s*[:\-–—]\s*$", re.IGNORECASE)


_COMMA_NEXT = re.compile(r"\s*,")
_OPENS_SENTENCE = re.compile(r"\W*(?:(?:in|on|by|during|later\s+in|then\s+in|and\s+in)\s+)?", re.IGNORECASE)
# "In December, the National Police Agency, with the FBI, announced that ...": an authority telling, later.
_AUTHORITY_TOLD = re.compile(
    r"\s*(?:of\s+(?:the\s+)?same\s+year\s*)?,?\s*(?:the\s+)?(?:[\w.\-]+\s+){0,5}?(?:"
    + alternation("claimant_noun", "tells")
    + r")\b[^;]{0,90}?\b(?:" + alternation("telling_verb", "finding", plus=("said", "announced", "confirmed", "revealed")) + r")\b",
    re.IGNORECASE)
_POSSESSIVE_ATTACK = re.compile(
    r"['’]s?\s+(?:\w+\s+){0,2}?(?:" + attack_nouns(plus=("hacking", "robbery", "raid")) + r")\b", re.IGNORECASE)
_SAID_DETECTED = re.compile(r"\s*,?\s*(?:the\s+)?(?:[\w.\-]+\s+){1,4}?(?:" + alternation("telling_verb", "core") + r")\s+"
                            r"(?:that\s+)?(?:it|they)\s+(?:had\s+|has\s+)?(?:detected|discovered|noticed|spotted|identified)\b",
                            re.IGNORECASE)
_DAY_WORD = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|overnight|"
                       r"January|February|March|April|May|June|July|August|September|October|November|December|"
                       r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
_SINCE_BEFORE = re.compile(r"\b(?:since|starting\s+in)\s+(?:early\s+|late\s+|mid-?\s*|the\s+(?:start|beginning|end|middle)\s+of\s+)?$",
                           re.IGNORECASE)
_THE_BEFORE = re.compile(r"\b(?:the|its|their|this|that)\s+$", re.IGNORECASE)
_ATTACK_NEXT = re.compile(r"\s+(?:[\w\-]+\s+){0,1}?(?:" + attack_nouns(plus=("hacking", "robbery", "raid", "drain"), minus=("incident",)) + r")\b",
                          re.IGNORECASE)
_REPORTING_AFTER = re.compile(
    r"\s*,?\s*(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,4}(?:(?:formally|officially|publicly|jointly|finally|later|also)\s+)?(?:"
    + alternation("telling_verb", "telling", plus=("warned", "blamed", "attributed", "charged", "arrested"),
                  minus=("reports", "announces", "wrote", "tweeted", "posted", "added", "noted")) + r")\b")

# "on Friday prosecutors said": an authority's telling right after the day, with no comma ("in November 2019,
# police said" is a tag on the sentence and leaves the date to its theft)
_AUTHORITY_NEXT = re.compile(r"\s+(?:US\s+|federal\s+)?(?:" + alternation("claimant_noun", "bare_plural") + r")\s+"
                            r"(?:(?:formally|officially|publicly|jointly|later|also)\s+)?(?:"
                            + alternation("telling_verb", "core", plus=("revealed", "disclosed", "blamed", "attributed", "charged"),
                                          minus=("says", "reported")) + r")\b", re.IGNORECASE)
_REPORTING_BEFORE = re.compile(
    r"\b(?:update[sd]?|announce(?:d|ment)?|statement|report(?:ed)?|"
    + alternation("telling_verb", "telling", minus=("reported", "reports", "announced", "announces", "stated", "tweeted", "issued",
                                                   "added", "noted"))   # (report(?:ed)?, announce..., tweet(?:ed)? have theirs)
    + r"|tweet(?:ed)?|admit(?:ted|s)?|acknowledged|conceded|blog\s+post|press\s+release|as\s+of|filed|pleaded\s+guilty|sentenced|arrested|"
    r"charged|indicted|convicted|extradited|ruled|hearing|blamed|attributed|attribution|comment|no\s+word|surfaced|emerged|"
    r"came\s+to\s+light)"
    r"\s+(?:\w+\s+)?(?:on|in|of|dated)?\s*$|"
    r"\b(?:notice|letter|message|filing|announcement|statement|post)\s+(?:to|for)\s+(?:\w+\s+){1,2}(?:on|dated)\s*$",
    re.IGNORECASE,
)


# A group named in an earlier sentence, referred to again ("the same group", "the gang", "these hackers").
_GROUP_REF = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:same\s+|notorious\s+|infamous\s+|north\s+korean\s+|hacking\s+|state-backed\s+)*"
    r"(?:group|gang|collective|unit|crew|syndicate|hackers|attackers|actors|threat\s+actors?)\b", re.IGNORECASE)
_THEY_TAIL = (r"(?P<who>they|they['’]ve|they\s+have|they\s+had|they['’]d)\s+(?:[a-z]+\s+){0,2}?(?:"
              + alternation("theft_verb", "core", minus=("took", "taken", "swiped"),
                            plus=("hacked", "robbed", "raided", "breached", "exploited", "blown\\s+through", "made\\s+off\\s+with",
                                  "pulled\\s+off")) + r")\b")
_THEY_TOOK = re.compile(r"(?:[,;:]\s*|\b(?:and|but|also|already)\s+)" + _THEY_TAIL, re.IGNORECASE)
_THEY_FIRST = re.compile(r"\W*" + _THEY_TAIL, re.IGNORECASE)   # at the start of the sentence
# "Weeks later he used a flash loan to drain $3 million from B": the person the text has just charged or convicted,
# told as the doer of the next attack (a few words of means may stand between the pronoun and the theft verb)
_HE_TOOK = re.compile(r"\b(?P<who>he|she)\s+(?:(?!said\b|says\b|told\b|denied\b|returned\b)[a-z]+\s+){0,6}?(?:"
                      + alternation("theft_verb", "core", minus=("took", "taken", "swiped"),
                                    plus=("hacked", "robbed", "raided", "breached", "exploited", "made\\s+off\\s+with", "steal"))
                      + r"|drain|siphon|loot|hack|rob|exploit)\b")
_ATTRIBUTING_PHRASES = frozenset({
    "linked to", "linked the", "tied to", "attributed", "attributes", "attribution", "blamed", "blames", "was behind",
    "were behind", "is behind", "are behind", "responsible for", "suspected", "believed to", "accused", "officially linked",
    "officially attributed", "formally attributed", "carried out", "perpetrated", "hallmarks of", "hallmark of",
    "have linked", "has linked", "had linked", "linked both",
})

# Sentences about an actor's habits, not about this incident.
_BACKGROUND = re.compile(
    r"\b(?:exchanges|attacks|heists|hacks|thefts|companies|firms|institutions|banks|organi[sz]ations|"
    r"(?:is|are|was|were)\s+known|has\s+(?:been\s+)?(?:stolen|targeting|targeted|linked|behind)|have\s+(?:been\s+)?stolen|"
    r"notorious|infamous\s+for|history|previous(?:ly)?|in\s+the\s+past|since|years|programs?|regime|sanctions)\b",
    re.IGNORECASE,
)

_RANK = {Granularity.DAY: 4, Granularity.MONTH: 3, Granularity.SEASON: 2, Granularity.QUARTER: 2, Granularity.YEAR: 1}


def _choose_date(scored: list[tuple[float, Claim]], text: str | None = None) -> DateValue | None:
    """The incident's date: the best-supported mention, refined by a more precise one inside it."""
    if not scored:
        return None
    scored = sorted(scored, key=lambda x: (-x[0], x[1].span.start))
    best_score, best = scored[0]
    bv: DateValue = best.value  # type: ignore[assignment]
    for sc, c in scored[1:]:
        v: DateValue = c.value  # type: ignore[assignment]
        if v.start is None or bv.start is None or bv.end is None or v.end is None:
            continue
        if sc < best_score - 2.5 and (text is None or not folded(_THEFT).search(text, c.sentence.start, c.sentence.end)):
            continue   # (a weaker mention still refines where its sentence tells of the theft: "taken in November 2019")
        if sc < best_score and text is not None and _RESPONSE_DAY.search(text, max(c.sentence.start, c.span.start - 40), c.span.start):
            continue   # "it lost the coins in January ... reopened on January 9": the day of a response dates no theft
        if bv.start <= v.start and v.end <= bv.end and (_RANK.get(v.granularity, 0) > _RANK.get(bv.granularity, 0) or (
                v.granularity == bv.granularity == Granularity.DAY and v.start == v.end and bv.end > bv.start
                and sc >= best_score - 1.5)):
            bv = v   # (also a day about as well supported inside "last week" or "over the weekend")
    return bv


# The day of a response to a theft, after it ("reopened on January 9"); a detection day is not one of them.
_RESPONSE_DAY = re.compile(r"\b(?:returned|recovered|repaid|compensat\w*|reimburs\w*|bankrupt\w*|filed|resum\w+|reopen\w*|"
                           r"relaunch\w*|fined|sued|charged|indicted|sentenced|arrested)\b", re.IGNORECASE)


# Sentences telling of a theft itself (not its aftermath), and words that say a victim was hit more than once.
_THEFT = re.compile(r"\b(?:hack(?:ed|ing|ers?)?|stole|stolen|steal\w*|theft|heist|exploit(?:ed)?|breach(?:ed)?|attack(?:ed|ers?)?|"
                    r"drain(?:ed)?|robbed|looted|compromised|lost|thieves|took|taken|swiped|siphoned|made\s+off)\b", re.IGNORECASE)
_AFTERMATH = re.compile(r"\b(?:returned|recovered|repaid|repay\w*|compensat\w*|reimburs\w*|bankrupt\w*|filed|"
                        r"discovered|detected|noticed|spotted|uncovered|found\s+out|"
                        r"resum\w+|reopen\w*|fined|sued|charged|indicted|sentenced|arrested|relaunch\w*)\b", re.IGNORECASE)
_WHICH_LATER = re.compile(r",\s+(?:(?:much|most|all|some|part|half|none|the\s+bulk)\s+of\s+)?which\s+(?:\w+\s+){0,2}?"
                          r"(?:was|were|has\s+been|had\s+been|have\s+been)\s+(?:since\s+|later\s+|eventually\s+)?"
                          r"(?:returned|recovered|repaid|frozen|refunded|reimbursed)\b", re.IGNORECASE)
_OTHER_INCIDENT = re.compile(r"\b(?:follows?|followed|another|separate|smaller|larger|previous|earlier|prior|"
                             r"second|first|also)\b", re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:once\s+before|before|earlier|previous|prior|separate|first|after|also)\b|"
                      r"\bthe\s+[A-Za-z]+\s+(?:\w+\s+)?(?:" + attack_nouns(minus=("exploit",)) + r")\b", re.IGNORECASE)
_AGAIN = re.compile(r"\b(?:" + alternation("theft_verb", "hit") + r")\s+(?:twice|again|once\s+before|before|"
                    r"for\s+the\s+second\s+time)\b|\bsecond\s+(?:" + attack_nouns(minus=("exploit", "incident")) + r"|time|loss)\b|"
                    r"\b(?:earlier|previous|prior|separate|first)\s+(?:\w+\s+)?(?:" + attack_nouns(minus=("exploit",)) + r")\b|"
                    r"\b(?!(?:last|this|next|that|same|previous|the)\b)(?:\w+|\d+)\s+months?\s+(?:after|earlier|before)\b|"
                    r"\bthe\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                    r"spring|summer|autumn|fall|winter)\s+(?:\w+\s+)?(?:" + attack_nouns(minus=("exploit",)) + r")\b|"
                    r"\balso\s+(?:was|been|fell)\s+(?:a\s+)?victim|"
                    r"\balso\s+(?:suffered|saw|had)\s+(?:an?\s+)?(?:smaller|separate|earlier|previous|prior|second)\s+(?:[\w\-]+\s+)?"
                    r"(?:" + attack_nouns() + r")\b",
                    re.IGNORECASE)


# Words that put a date in an earlier episode of the victim, not in the incident the text reports.
# _PAST_HERE: the whole sentence ("X was previously hacked in July 2017"); _PAST_AFTER: dates after the
# cue ("This is not X's first attack: it lost $19 million in August"); _PAST_NEXT: the sentence after
# ("This is the second time hackers hit X. In April, thieves took ...").
_PAST_HERE = re.compile(
    r"\b(?:previously|once\s+before)\b(?!\s+(?:known|called|named|branded|a|an|the|part|owned|run|said|stated|announced|denied))|"
    r"\b(?:" + alternation("theft_verb", "hit", plus=("exploited",)) + r")\s+(?:\w+\s+)?before\b|"
    r"\b(?:an?|the|its|their)\s+(?:earlier|previous|prior)\s+(?:[\w\-]+\s+){0,2}?(?:" + attack_nouns() + r")\b",
    re.IGNORECASE)
_PAST_AFTER = re.compile(r"\bnot\s+(?:[\w.\-’']+\s+){1,3}?first\b|"
                         r"\bhad\s+already\s+(?:been\s+)?(?:" + alternation("theft_verb", "hit", plus=("exploited", "lost")) + r")\b|"
                         r"\bseparate\s+(?:[\w\-]+\s+){0,2}?(?:" + attack_nouns() + r")\b|"
                         + _PAST_HERE.pattern, re.IGNORECASE)
# a word of which every match of _PAST_HERE and _PAST_AFTER holds one ("previously" holds "previous")
_PAST_WORDS = ("first", "already", "separate", "previous", "before", "earlier", "prior")
_PAST_NEXT = re.compile(r"\b(?:the|a|its|their|\w+['’]s)\s+(?:second|third|fourth|fifth)\s+(?:" + attack_nouns(minus=("incident",)) + r"|time|loss)\b|" + _PAST_AFTER.pattern,
                        re.IGNORECASE)


def _lead(plan: inc.IncidentPlan) -> int | None:
    """The story's own incident: the strongest of the main ones."""
    return max((n for n, m in enumerate(plan.main) if m), key=lambda n: (plan.victims[n].score, -n), default=None)


# "in its first hacking attack" in a story of a victim hacked "for the second time": the earlier one
_ITS_FIRST = re.compile(r"\b(?:its|their)\s+first\s+(?:[\w\-]+\s+)?(?:" + attack_nouns() + r")\b",
                        re.IGNORECASE)
_SECOND_ONE = re.compile(r"\bsecond\s+(?:[\w\-]+\s+)?(?:" + attack_nouns() + r"|time|loss)\b|"
                         r"\b(?:" + alternation("theft_verb", "hit", minus=("targeted",)) + r")\s+(?:again|twice)\b", re.IGNORECASE)
_PASTS: list = [None, {}]   # the text whose sentences were read, and (start, end) -> _past_cues of the sentence


def _past_cues(text: str, s: Span) -> tuple[bool, bool]:
    """(sentence ``s`` tells of an earlier episode by _PAST_HERE, or by _ITS_FIRST in a story of a second attack;
    ``_PAST_AFTER`` may occur in it), read once per sentence of the current text (each of its dates asks): a
    sentence without any of _PAST_WORDS is not searched at all."""
    if _PASTS[0] is not text:
        _PASTS[0], _PASTS[1] = text, {}
    key = (s.start, s.end)
    got = _PASTS[1].get(key)
    if got is None:
        if not _holds_any(lowered(text), _PAST_WORDS, s.start, s.end):
            got = (False, False)
        else:
            here = folded(_PAST_HERE).search(text, s.start, s.end) is not None or (
                folded(_ITS_FIRST).search(text, s.start, s.end) is not None and _second_one(text))
            got = (here, True)
        _PASTS[1][key] = got
    return got


def _second_one(text: str) -> bool:
    """``_SECOND_ONE`` anywhere in the text (searched once per text)."""
    if _PASTS[0] is not text:
        _PASTS[0], _PASTS[1] = text, {}
    got = _PASTS[1].get("second")
    if got is None:
        got = _PASTS[1]["second"] = folded(_SECOND_ONE).search(text) is not None
    return got


def _past_episode(text: str, sentences: list[Span], plan: inc.IncidentPlan, c: Claim) -> bool:
    """Does this date claim tell of an earlier episode (see _PAST_HERE and friends)?"""
    s = c.sentence
    here, after = _past_cues(text, s)
    if here or after and folded(_PAST_AFTER).search(text, s.start, c.span.start):
        return True
    i = _sentence_of(sentences, c.span.start)
    if i > 0 and not plan.mentions.get(i):
        # "It is the third time X has lost money. In 2020 the protocol ... Later that year a bug ... was exploited":
        # the history the paragraph opened goes on through its sentences that name no victim
        for j in range(i - 1, max(-1, i - 5), -1):
            prev = sentences[j]
            if folded(_PAST_NEXT).search(text, prev.start, prev.end):
                return True
            if plan.mentions.get(j) or "\n" in text[prev.end : sentences[j + 1].start]:
                break
    return False


# "the exchange", "the same site" before a cue like "a month after": the victim itself (a bare "It comes a
# month after" with a victim named after it tells how long after that victim's incident the story's came).
_NOUN_ANAPHORA = re.compile(inc.ANAPHORA.pattern.replace(r"|\b(?:it|its)\b", ""), re.IGNORECASE)
assert _NOUN_ANAPHORA.pattern != inc.ANAPHORA.pattern

_YEAR_AGO = re.compile(r"\b(?:last|previous|prior)\s+year\b|\byears?\s+(?:ago|earlier|before)\b", re.IGNORECASE)
_BOTH_ON = re.compile(r"\b(?:both|all|each|all\s+three|all\s+of\s+them)\s+(?:\w+\s+)?(?:on|in|during)\s+$", re.IGNORECASE)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_RANGE_FROM = re.compile(rf"\s*(?:to|until|till|through|-|–)\s+(?:(?:early|mid|late|the\s+end\s+of)[\s\-]+)?(?:{_MONTHS}|\d)",
                         re.IGNORECASE)
_RANGE_TO = re.compile(r"\b(?:to|until|till|through)\s+$", re.IGNORECASE)

AGAIN_SPLIT = True
ATTRIBUTING = True   # attributing sentences without a named victim go to the main incident


def _month_index(v: DateValue) -> tuple[int, bool]:
    assert v.start is not None
    month_level = v.granularity in (Granularity.DAY, Granularity.MONTH)
    return (v.start.year * 12 + v.start.month if month_level else v.start.year), month_level


# "the April attack", "that March 2022 hack": an incident called by its month.
_MONTH_ATTACK = re.compile(rf"\b(?:the|that|this|its|their)\s+(?P<month>{_MONTHS})\s+(?:(?:19|20)\d\d\s+)?(?:[\w\-]+\s+)?"
                           r"(?:" + attack_nouns(plus=("robbery", "raid")) + r")\b", re.IGNORECASE)


def _told_by_month(text: str, claims: list[Claim], n: int, episode: DateValue, base: DateValue | None) -> set[Span]:
    """Sentences of incident ``n``'s claims that call an incident by the month of ``episode`` ("North Korea
    was behind the April attack") when the incident's own date is another month: they tell of that episode."""
    if episode.start is None or episode.granularity not in (Granularity.DAY, Granularity.MONTH):
        return set()
    if base is not None and base.start is not None and base.start.month == episode.start.month:
        return set()
    month = episode.start.strftime("%B").lower()
    out: set[Span] = set()
    for s in {c.sentence for c in claims if c.incident == n}:
        for hit in _MONTH_ATTACK.finditer(text, s.start, s.end):
            if hit.group("month").lower() == month:
                out.add(s)
    return out


# "In one of those breaches, in June 2018, hackers took $31 million, and in another, in March, ...": the words
# that open the clause of another episode, between the sentence's first date and the next.
_ANOTHER = re.compile(r"\b(?:another|the\s+other|a\s+second|the\s+second|a\s+separate|a\s+later)\b", re.IGNORECASE)


def _another_clause(text: str, sentences: list[Span], plan: inc.IncidentPlan, n: int, c: Claim,
                    date_claims: list[tuple[float, int, Claim]]) -> int | None:
    """Where the clause of another episode starts, when a date claim of incident ``n`` follows an earlier date
    of ``n`` in its sentence and "another"/"a second" comes between them, and the sentence is about ``n``
    alone (named or in focus); else None."""
    i = _sentence_of(sentences, c.span.start)
    named = _named(plan, i)
    if plan.focus[i] != [n] and (set() if named is None else named.incidents) != {n}:
        return None
    before = [x.span.end for _, t, x in date_claims if t == n and x.sentence == c.sentence and x.span.end <= c.span.start]
    if not before:
        return None
    cue = None
    for cue in _ANOTHER.finditer(text, max(before), c.span.start):
        pass
    return cue.start() if cue is not None else None


# "X, the lending protocol that lost $16 million in April, has been exploited a second time, losing $1.2 million on
# Thursday": a relative clause on the victim's name tells its earlier episode; the main clause, told as a repeat,
# tells the story's own
_RELATIVE_PAST = re.compile(r",\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,4}?(?:that|which)\s+(?:had\s+)?(?:already\s+)?"
                            r"(?:lost|was\s+(?:hacked|drained|exploited|robbed|attacked)|suffered|had\s+\$)[^;]*?,\s+")
_REPEAT_AFTER = re.compile(r"(?:has|had|was|were|is)\s+(?:been\s+)?(?:\w+\s+)?(?:hacked|exploited|drained|attacked|hit|robbed)\s+"
                           r"(?:again|a\s+second\s+time|for\s+the\s+second\s+time|once\s+more)\b"
                           # "has suffered a second breach", "has now suffered another exploit"
                           r"|(?:has|had)\s+(?:now\s+)?suffered\s+(?:a\s+second|another|a\s+fresh|a\s+new)\s+(?:[\w\-]+\s+)?"
                           r"(?:breach|hack|attack|exploit|theft)\b")


def _relative_episode(text: str, sentence: Span, plan: inc.IncidentPlan, i: int, n: int, pos: int) -> Span | None:
    """The relative clause on a name of incident ``n``'s victim in sentence ``i`` that holds ``pos`` and tells an
    earlier episode (_RELATIVE_PAST, followed by a main clause told as a repeat, _REPEAT_AFTER), or None."""
    for v, k in plan.mentions.get(i, []):
        if k != n or v.span.end > pos:
            continue
        m = _RELATIVE_PAST.match(text, v.span.end, sentence.end)
        if m is not None and m.start() < pos < m.end() and _REPEAT_AFTER.match(text, m.end(), sentence.end):
            return Span(m.start(), m.end())
    return None


def _split_episodes(text: str, sentences: list[Span], incidents: list[IncidentMention], claims: list[Claim],
                    date_claims: list[tuple[float, int, Claim]], plan: inc.IncidentPlan,
                    guessed: set[int] | None = None, also_past: set[int] | None = None,
                    told_past: dict[int, bool] | None = None) -> list[Claim]:
    """One victim hit twice ("hacked in April and again in December") is two incidents.

    Dates of theft sentences linked to one incident that lie two months or more apart (or in
    another year) from the incident's own date start another incident of the same victim; the
    claims of those sentences move to it. Without such dates, words like "hacked twice" or "the
    earlier attack" still tell of a second incident, which is added without figures. ``told_past``: id of a date
    claim -> _past_episode of it, where the caller has read it.
    """
    from dataclasses import replace

    guessed = guessed or set()
    lead = _lead(plan)

    def guessed_from_publication(i: IncidentMention) -> bool:
        return i.index in guessed

    again: dict[tuple[int, int], re.Match[str] | None] = {}   # the cue of each sentence, read once
    told_past = {} if told_past is None else told_past   # id of a date claim -> _past_episode of it, read once

    def past_episode(c: Claim) -> bool:
        got = told_past.get(id(c))
        if got is None:
            got = told_past[id(c)] = _past_episode(text, sentences, plan, c)
        return got

    dates_of: dict[int, list[tuple[float, Claim]]] = {}   # incident -> its scored date claims, in order
    for sc, t, c in date_claims:
        dates_of.setdefault(t, []).append((sc, c))
    # where each incident's claims sit in ``claims`` (ascending), kept as claims move to new incidents in place,
    # so that each incident reads its own claims, not the whole list
    at: dict[int | None, list[int]] = {}
    for k, c in enumerate(claims):
        at.setdefault(c.incident, []).append(k)
    claims = list(claims)

    def mine(n: int) -> list[Claim]:
        return [claims[k] for k in at.get(n, [])]

    def move(n: int, m: int, which) -> None:
        """Claims of incident ``n`` for which ``which(claim)`` holds go to incident ``m`` (in place)."""
        stay, gone = [], []
        for k in at.get(n, []):
            (gone if which(claims[k]) else stay).append(k)
        for k in gone:
            claims[k] = replace(claims[k], incident=m)
        at[n] = stay
        at[m] = sorted([*at.get(m, []), *gone])

    def add(c: Claim) -> None:
        at.setdefault(c.incident, []).append(len(claims))
        claims.append(c)

    own: dict[int, list[tuple[float, int, Claim]]] = {}

    def own_dates(n: int) -> list[tuple[float, int, Claim]]:
        """The scored date claims of incident ``n`` as ``date_claims`` holds them (for _another_clause)."""
        got = own.get(n)
        if got is None:
            got = own[n] = [(sc, n, c) for sc, c in dates_of.get(n, [])]
        return got

    dated_months: dict[Span, list[DateValue]] = {}   # sentence -> the values of its date claims (none are added here)
    for c in claims:
        if c.kind == ClaimKind.DATE:
            dated_months.setdefault(c.sentence, []).append(c.value)  # type: ignore[arg-type]

    for n in range(len(incidents)):
        base = incidents[n]
        if plan.victims[n].first.pattern == "campaign":
            continue
        dated = base.date is not None and base.date.start is not None
        b_idx, b_month = _month_index(base.date) if dated else (0, False)  # type: ignore[arg-type]
        episodes: dict[int, list[Claim]] = {}
        base_sentences = {c.sentence for sc, c in dates_of.get(n, []) if c.value == base.date
                          and not past_episode(c) and id(c) not in (also_past or ())}
        past_keys: set[int] = set()
        cut: dict[Span, int] = {}   # a sentence that tells two episodes: where the other one starts
        relative: dict[Span, Span] = {}   # a sentence whose relative clause on the victim tells the earlier episode
        for sc, c in dates_of.get(n, []):
            v: DateValue = c.value  # type: ignore[assignment]
            if v.start is None or not v.resolved:
                continue
            rel = _relative_episode(text, c.sentence, plan, _sentence_of(sentences, c.span.start), n, c.span.start) \
                if c.sentence in base_sentences else None
            if sc < 2.0 and rel is None:
                continue
            another = _another_clause(text, sentences, plan, n, c, own_dates(n))
            if c.sentence in base_sentences and another is None and rel is None:
                continue
            seg = text[c.sentence.start : c.sentence.end]
            tail = _WHICH_LATER.search(seg)
            if tail is not None and c.span.start - c.sentence.start < tail.start():
                seg = seg[: tail.start()]   # "..., much of which was later recovered": what became of the loot
            if not folded(_THEFT).search(seg) or folded(_AFTERMATH).search(seg):
                continue
            if _RANGE_TO.search(text, max(c.sentence.start, c.span.start - 12), c.span.start) or \
                    _RANGE_FROM.match(text, c.span.end, min(c.sentence.end, c.span.end + 40)):
                continue   # "from May to October": a stretch of the same incident, not another one
            i = _sentence_of(sentences, c.span.start)
            told = past_episode(c)
            past = told or id(c) in (also_past or ())
            named = _named(plan, i)
            if (named is None or n not in named.incidents) and not told and another is None:
                continue   # the victim must be named beside the other date, or the text says it was an earlier one
            idx, month = _month_index(v)
            if not dated:
                if past and n == lead:   # the report's own incident has no date; this one is an earlier episode
                    key = idx if month else v.start.year * 12
                    episodes.setdefault(key, []).append(c)
                    past_keys.add(key)
                continue
            if not month and not _AGAIN.search(seg) and not past:
                continue
            if month and b_month:
                # a month apart is the same incident reported later, unless the text says it is another one
                far = abs(idx - b_idx) >= (1 if past or _OTHER_INCIDENT.search(seg) else 2)
                key = idx
            else:
                far = v.start.year != base.date.start.year or past and month and idx != b_idx  # type: ignore[union-attr]
                key = v.start.year * 12 + (v.start.month if month else 0)
            if rel is not None:
                far, past = True, True
            if far:
                key = key if month else v.start.year * 12
                episodes.setdefault(key, []).append(c)
                if another is not None:
                    cut[c.sentence] = another
                if rel is not None:
                    relative[c.sentence] = rel
                if past:
                    past_keys.add(key)
        moved_any = False
        if guessed_from_publication(base):
            # the base date was only a guess: the dated theft sentence dates this incident instead
            now = {k: e for k, e in episodes.items() if k not in past_keys}
            if now:
                key = max(now, key=lambda k: (len(now[k]), k))
                best = max(now[key], key=lambda c: _RANK.get(c.value.granularity, 0))  # type: ignore[union-attr]
                base.date = best.value  # type: ignore[assignment]
            episodes = {k: e for k, e in episodes.items() if k in past_keys}
            if not episodes:
                continue
        merged: dict[int, list[Claim]] = {}
        for key in sorted(episodes):
            near = next((k for k in merged if abs(k - key) <= 3), None)
            merged.setdefault(key if near is None else near, []).extend(episodes[key])
        episodes = merged
        chosen = sorted(episodes, key=lambda k: (-len(episodes[k]), k))[:2]
        # a sentence that dates two episodes ("$19 million in August and $37 million in February"):
        # each claim goes with the nearest of its dates
        dated_in: dict[Span, list[tuple[int, int]]] = {}
        for key in chosen:
            for d in episodes[key]:
                dated_in.setdefault(d.sentence, []).append((d.span.start, key))

        def owner(c: Claim) -> int | None:
            opts = dated_in.get(c.sentence)
            if not opts:
                return None
            if c.sentence in cut and c.span.start < cut[c.sentence]:
                return None   # before "and in another, ...": the clause of the incident's own date
            if c.sentence in relative and not relative[c.sentence].start <= c.span.start < relative[c.sentence].end:
                return None   # outside "X, the protocol that lost $16 million in April,": the story's own episode
            return min(opts, key=lambda o: (abs(o[0] - c.span.start), o[0]))[1]

        for key in chosen:
            dates = episodes[key]
            m = len(incidents)
            best = max(dates, key=lambda c: _RANK.get(c.value.granularity, 0))  # type: ignore[union-attr]
            in_sentences = {c.sentence for c in mine(n) if owner(c) == key}
            first_victim = next((c for c in mine(n) if c.kind == ClaimKind.VICTIM
                                 and c.sentence in in_sentences and owner(c) == key), None)
            incidents.append(IncidentMention(index=m, victim=base.victim, type=base.type, main=False,
                                             date=best.value,  # type: ignore[arg-type]
                                             span=first_victim.span if first_victim else best.span))
            move(n, m, lambda c: owner(c) == key)
            told = _told_by_month(text, mine(n), n, best.value, base.date)  # type: ignore[arg-type]
            if told:
                move(n, m, lambda c: c.sentence in told and c.kind != ClaimKind.VICTIM)
            if first_victim is None:
                add(Claim(ClaimKind.VICTIM, Victim(base.victim, best.surface(text), False), best.span,
                          best.sentence, m, confidence=0.4))
            add(Claim(ClaimKind.INCIDENT_TYPE, IncidentTypeValue(base.type), best.span, best.sentence, m, 0.5))
            moved_any = True
        if moved_any or not AGAIN_SPLIT:
            continue
        def again_in(s: Span) -> re.Match[str] | None:
            key = (s.start, s.end)
            if key not in again:   # = _AGAIN.search(text, s.start, s.end), found folded (most sentences: by the twin alone)
                again[key] = next(folded(_AGAIN).matches(text, s.start, s.end), None) \
                    if folded(_AGAIN).search(text, s.start, s.end) is not None else None
            return again[key]

        def earlier_first(c: Claim) -> tuple[int, int]:
            cue = again_in(c.sentence)
            return (0 if cue and _EARLIER.search(cue.group(0)) else 1, c.span.start)

        # (only claims of sentences with a cue can start an episode: the others are not sorted nor read further)
        for c in sorted((c for c in mine(n) if c.incident == n and again_in(c.sentence) is not None), key=earlier_first):
            cue = again_in(c.sentence)
            # the victim (or "the exchange", "it") comes before the cue: "the same site suffered a separate hack"
            anywhere = cue is not None and re.match(r"(?i)the\s", cue.group(0)) is not None
            if cue is not None and base.date is not None and base.date.start is not None and any(
                    x.start is not None
                    and abs(_month_index(x)[0] - _month_index(base.date)[0]) <= 1  # type: ignore[arg-type]
                    and _month_index(x)[1] == _month_index(base.date)[1]  # type: ignore[arg-type]
                    for x in dated_months.get(c.sentence, [])):
                cue = None   # "the October 16 incident" is this one
            if cue is not None and not inc.ANAPHORA.search(text, c.sentence.start, cue.start()) and not any(
                    (anywhere or v.span.end <= cue.start()) and v.span.start >= c.sentence.start
                    for v, k in plan.mentions.get(_sentence_of(sentences, c.span.start), []) if k == n):
                cue = None
            if cue is not None and re.search(r"(?i)months?\s+(?:after|earlier|before)", cue.group(0)) and not \
                    _NOUN_ANAPHORA.search(text, c.sentence.start, cue.start()) and any(
                    v.span.start >= cue.end() for v, k in plan.mentions.get(_sentence_of(sentences, c.span.start), [])):
                cue = None   # "It comes a month after Zumo also lost ...": the story's distance to Zumo's one incident
            if cue is not None:
                m = len(incidents)
                span = Span(cue.start(), cue.end())
                incidents.append(IncidentMention(index=m, victim=base.victim, type=base.type, main=False, span=span))
                if _EARLIER.search(cue.group(0)):
                    # "had been hacked once before in April when ...": that sentence tells of the earlier one
                    sentence = c.sentence
                    move(n, m, lambda x: x.sentence == sentence and x.kind != ClaimKind.VICTIM)
                add(Claim(ClaimKind.VICTIM, Victim(base.victim, cue.group(0), False), span, c.sentence, m, 0.4))
                add(Claim(ClaimKind.INCIDENT_TYPE, IncidentTypeValue(base.type), span, c.sentence, m, 0.4))
                break
    return claims


# "It comes a month after Zumo lost $300 million", "less than two weeks after Quidax was hit": an older
# incident dated by its distance from the story's own.
_WHILE_AFTER = re.compile(
    r"\b(?:(?:just|only|less\s+than|more\s+than|about|nearly|barely|roughly|some|around)\s+)?"
    r"(?P<n>a\s+few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|several|\d{1,2})\s+"
    r"(?P<u>days?|weeks?|months?)\s+(?:after|since)\b", re.IGNORECASE)
_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "a few": 3, "several": 3}


def _dated_by_the_story(text: str, sentences: list[Span], incidents: list[IncidentMention],
                        claims: list[Claim], guessed: set[int]) -> list[Claim]:
    """Date claims for undated incidents named right after "N weeks/months after", counted back from the story's date."""
    from datetime import timedelta

    out: list[Claim] = []

    def anchoring(x: IncidentMention) -> bool:
        return x.main and x.index not in guessed and x.date is not None and x.date.start is not None

    # the dated main incidents, by position in ``incidents`` (one dated below joins them), and each one's victim claims
    anchors = [k for k, x in enumerate(incidents) if anchoring(x)]
    victim_claims: dict[int | None, list[Claim]] = {}
    for c in claims:
        if c.kind == ClaimKind.VICTIM:
            victim_claims.setdefault(c.incident, []).append(c)
    for pos, m in enumerate(incidents):
        if m.date is not None and m.index not in guessed:
            continue
        mains = [incidents[k] for k in anchors[:2] if incidents[k] is not m][:1]
        if not mains:
            continue
        anchor = mains[0].date
        assert anchor is not None and anchor.start is not None
        for c in victim_claims.get(m.index, []):
            hit = None
            for w in _WHILE_AFTER.finditer(text, max(c.sentence.start, c.span.start - 90), c.span.start):
                if not re.search(r"[.;]", text[w.end() : c.span.start]):
                    hit = w
            if hit is None:
                continue
            n = _SMALL_NUMBERS.get(" ".join(hit.group("n").lower().split())) or int(hit.group("n"))
            unit = hit.group("u").lower().rstrip("s")
            days = n * {"day": 1, "week": 7, "month": 30}[unit]
            then = anchor.start - timedelta(days=days)
            start = then.replace(day=1)
            end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            value = DateValue(start, end, Granularity.MONTH, resolved=True, relative=True)
            if unit == "day" and anchor.granularity == Granularity.DAY and anchor.start == anchor.end and \
                    not re.match(r"(?:less|more|about|nearly|roughly|some|around|a\s+few|several)\b", hit.group(0), re.IGNORECASE):
                value = DateValue(then, then, Granularity.DAY, resolved=True, relative=True)   # "just 10 days after"
            m.date = value
            if anchoring(m):   # (it was not before: undated, or its date a guess)
                bisect.insort(anchors, pos)
            out.append(Claim(ClaimKind.DATE, value, Span(hit.start(), hit.end()), c.sentence, m.index, 0.4))
            break
    return out


_LEAKED = re.compile(r"\b(?:leak\w*|stolen|stole|expos\w+|compromis\w+|taken|accessed|breach\w*|dumped|sold|"
                     r"obtained|hacked)\b", re.IGNORECASE)
_LATER = re.compile(r"\b(?:(?:\w+|\d+)\s+(?:days?|weeks?|months?|years?)\s+later|later|subsequently|afterwards?|"
                    r"(?:\w+|\d+)\s+(?:days?|weeks?|months?)\s+after\s+(?:the|that|this)\s+(?:\w+\s+)?(?:" + attack_nouns(minus=("exploit", "incident")) + r"))\b",
                    re.IGNORECASE)


def _headline_restates(text: str, sentences: list[Span], claims: list[Claim]) -> list[Claim]:
    """A headline's dollar figure that restates a body figure (within 10%: headlines round, "more than $70
    million" over "now worth more than $73 million") of another episode of the victim, and no figure of its
    own incident, is that episode's: "Youbit shuts after second hack - lost more than $70 million"."""
    from dataclasses import replace

    head = sentences[0] if sentences else None
    if head is None or not text[head.end : head.end + 2].lstrip(" \t").startswith("\n"):
        return claims   # no headline line of its own
    # (a body figure that is no loss counts: "now worth more than $73 million" is what the headline rounds)
    usd = [c for c in claims if c.kind in (ClaimKind.LOSS, ClaimKind.FIGURE) and isinstance(c.value, Money)
           and c.value.unit == "USD" and not c.value.vague and c.value.value > 0]
    moves: dict[int, int] = {}
    for k, c in enumerate(claims):
        if c not in usd or c.sentence != head or c.incident is None:
            continue
        v = c.value.value  # type: ignore[union-attr]
        same = [b for b in usd if b.sentence != head and abs(b.value.value - v) <= 0.1 * max(v, b.value.value)]  # type: ignore[union-attr]
        if not same or any(b.incident == c.incident for b in same):
            continue
        owners = {x.incident for b in same for x in claims if x.sentence == b.sentence and x.incident is not None
                  and x.kind in (ClaimKind.LOSS, ClaimKind.VICTIM)}
        if len(owners) == 1 and c.incident not in owners:
            moves[k] = owners.pop()  # type: ignore[assignment]
    return [replace(c, incident=moves[k]) if k in moves else c for k, c in enumerate(claims)] if moves else claims


def _later_leak(text: str, sentences: list[Span], incidents: list[IncidentMention], claims: list[Claim],
                plan: inc.IncidentPlan) -> list[Claim]:
    """"Two months later, the personal data of 31,000 users was leaked": a data breach of the victim just
    told of, after its theft, is an incident of its own (a theft and a later leak stay apart)."""
    from dataclasses import replace

    from heistwatch.extract.incident_types import TYPE_CUES
    from heistwatch.extract.model import IncidentType

    leak = next(c.regex for c in TYPE_CUES if c.type == IncidentType.DATA_BREACH)
    for i in range(1, len(sentences)):
        s = sentences[i]
        if plan.mentions.get(i):
            continue
        named = _named(plan, i - 1)   # the sentence before names one victim (asked first: most sentences fail here)
        before = named.in_order if named is not None else []
        if len(before) != 1 or before[0] >= len(plan.victims):
            continue
        if not folded(leak).search(text, s.start, s.end) or not folded(_LEAKED).search(text, s.start, s.end) or \
                folded(_LATER).search(text, s.start, s.end) is None:
            continue
        base = incidents[before[0]]
        if base.type in (IncidentType.DATA_BREACH, IncidentType.PHISHING, IncidentType.CRYPTOJACKING,
                         IncidentType.RANSOMWARE) or plan.victims[before[0]].first.pattern == "campaign":
            continue
        m = len(incidents)
        cue = leak.search(text, s.start, s.end)
        assert cue is not None
        span = Span(cue.start(), cue.end())
        year = None
        if base.date is not None and base.date.start is not None:
            y = base.date.start.year
            year = DateValue(date(y, 1, 1), date(y, 12, 31), Granularity.YEAR, resolved=True, relative=True)
        incidents.append(IncidentMention(index=m, victim=base.victim, type=IncidentType.DATA_BREACH, main=False,
                                         date=year, span=span))
        claims = [replace(c, incident=m) if c.sentence == s and c.incident in (None, base.index) else c for c in claims]
        claims.append(Claim(ClaimKind.VICTIM, Victim(base.victim, cue.group(0), False), span, s, m, 0.4))
        claims.append(Claim(ClaimKind.INCIDENT_TYPE, IncidentTypeValue(IncidentType.DATA_BREACH), span, s, m, 0.5))
    return claims


# "Investigators said there was no hard evidence of that", "the claim could not be verified": the sentence after
# a blame says it is unproven
_DOUBT_NEXT = re.compile(
    r"\b(?:no\s+(?:hard|firm|concrete|conclusive|direct|clear|solid|public)\s+(?:evidence|proof)|"
    r"(?:could|can)\s*(?:not|n['’]t)\s+(?:be\s+)?(?:independently\s+)?(?:confirm|verif)\w*|(?:remains?|is|was)\s+unconfirmed|"
    r"(?:has|have)\s+not\s+been\s+(?:independently\s+)?(?:confirmed|verified))", re.IGNORECASE)


def _doubted_next(text: str, sentences: list[Span], actor_matches: dict[int, list], claims: list[Claim]) -> list[Claim]:
    """A blame stated as fact in one sentence and called unproven in the next (which names no actor) is a suspicion."""
    from dataclasses import replace

    doubted = {sentences[i] for i in actor_matches if i + 1 < len(sentences) and i + 1 not in actor_matches
               and folded(_DOUBT_NEXT).search(text, sentences[i + 1].start, sentences[i + 1].end)}
    if not doubted:
        return claims
    return [replace(c, value=replace(c.value, stance=Stance.SUSPECTED, probability="likely"))  # type: ignore[arg-type]
            if c.kind == ClaimKind.ACTOR and c.sentence in doubted and c.value.stance == Stance.CONFIRMED  # type: ignore[union-attr]
            else c for c in claims]


_COARSE_RELATIVE = ("ago", "relative_word")


def _coarse_from_latest_day(text: str, found: list) -> list:
    """A report with no publication date was written soon after the latest day it states: "four years ago",
    "earlier this month" are counted from that day (month and year mentions only; a weekday or "yesterday"
    needs the real day)."""
    from heistwatch.extract.dates import guess_published

    day = guess_published(text)
    if day is None:
        return found
    again = {(d.span.start, d.span.end): d for d in find_dates(text, day)}
    out = []
    for d in found:
        g = again.get((d.span.start, d.span.end))
        if not d.value.resolved and d.pattern in _COARSE_RELATIVE and g is not None and g.value.resolved and \
                g.value.granularity in (Granularity.MONTH, Granularity.YEAR, Granularity.SEASON):
            d = g
        out.append(d)
    return out


def _same_group_in_clause(text: str, sentences: list[Span], plan: inc.IncidentPlan, actor_matches: dict[int, list],
                          claims: list[Claim]) -> list[Claim]:
    """"The FBI said Lazarus stole $41 million from A in September, and analysts linked the same group to the $54
    million taken from B": "the same group" in a later clause is the actor an earlier clause named, for the victim
    that later clause names, with the stance of its own attributing words."""
    out: list[Claim] = []
    for i in sorted(actor_matches):
        s = sentences[i]
        here = plan.mentions.get(i, [])
        named = [c for c in claims if c.kind == ClaimKind.ACTOR and c.sentence == s and c.incident is not None]
        if len({n for _, n in here}) < 2 or not named:
            continue
        cuts = [s.start] + [m.end() for m in _CLAUSE_JOIN.finditer(text, s.start, s.end)] + [s.end]
        for ref in folded(_GROUP_REF).finditer(text, s.start, s.end):
            clause = next(((a, b) for a, b in zip(cuts, cuts[1:]) if a <= ref.start() < b), None)
            before = [c for c in named if c.span.end <= ref.start()]
            if clause is None or not before or before[-1].span.start >= clause[0]:
                continue   # the actor must be named in an earlier clause
            actor = before[-1].value.actor  # type: ignore[union-attr]
            has = {c.incident for c in claims if c.kind == ClaimKind.ACTOR and c.value.actor == actor}  # type: ignore[union-attr]
            theirs = sorted({n for v, n in here if clause[0] <= v.span.start < clause[1]} - has)
            hedges = [h for h in find_hedges(text, clause[0], clause[1])
                      if h.hedge.phrase in _ATTRIBUTING_PHRASES or h.hedge.stance == Stance.DENIED]
            if not theirs or not hedges:
                continue
            h = min(hedges, key=lambda h: abs(h.start - ref.start()))
            att = Attribution(actor=actor, stance=h.hedge.stance, hedge=text[h.start:h.end], probability=h.hedge.word,
                              claimant=find_claimant(text, s, ref.start()), surface_actor=ref.group(0))
            out.extend(Claim(ClaimKind.ACTOR, att, Span(ref.start(), ref.end()), s, n, 0.5) for n in theirs)
    return out


# ", which has targeted exchanges in Asia for years", ", the outfit that has hit exchanges since 2017": a relative
# clause after the actor's name, up to the words of a tally
_ACTOR_RELATIVE = re.compile(r",\s*(?:which|who|that|(?:the|a|an)\s+[^,;.]{0,60}?\bthat)\b[^;.]*$")


def _tally_describes_actor(text: str, s: Span, atts: list) -> bool:
    """Are the sentence's words of a tally ("has targeted exchanges in Asia for years") only a relative clause telling
    the record of an actor the sentence ties to the story with a hedge ("the funds moved like those in previous
    attacks attributed to Lazarus, which has targeted exchanges in Asia for years")?"""
    m = folded(inc.AGGREGATE_CUE).search(text, s.start, s.end)
    if m is None:
        return False
    before = [a for a in atts if a.span.end <= m.start() and a.attribution.hedge is not None]
    return any(_ACTOR_RELATIVE.match(text, a.span.end, m.start()) for a in before)


def _court_person(text: str, matches: list) -> bool:
    """Is one of these actor matches a person the text confesses, charges or convicts ("Jane Roe, 30, had pleaded
    guilty to wire fraud")? Such a sentence tells of the story's incident though it names no attack."""
    return any(not am.actor.state and am.actor.parent is None and am.actor.attack_id is None
               and am.actor.country is None and person_stance(text, am) is not None for am in matches)


# A story that says no funds were lost (a flaw fixed before anyone used it, a bounty paid for it) is not about
# a theft, however much it speaks of attacks and sums: it counts against a story with no incident.
_NOTHING_LOST = re.compile(
    r"\b(?:no\s+(?:user|customer|client|investor|depositor)?s?['’]?\s*(?:funds|assets|money|coins|tokens|deposits)\s+"
    r"(?:were|was|have\s+been|had\s+been|are|is)\s+(?:ever\s+)?(?:lost|stolen|taken|drained|affected|at\s+risk)|"
    r"nothing\s+(?:was|had\s+been|has\s+been)\s+(?:lost|stolen|taken)|"
    r"(?:was|were|had|has|have)\s+never\s+(?:been\s+)?(?:exploited|used\s+by\s+(?:an\s+)?attackers?)|"
    r"(?:was|were|had|has|have)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:exploited|hacked|breached)|"
    r"(?:all\s+)?(?:user|customer|client)s?['’]?\s+(?:funds|assets)\s+(?:are|were|remain|remained)\s+(?:safe|secure|intact)|"
    r"\bden(?:y|ies|ied)\s+(?:any\s+|a\s+|the\s+)?(?:\w+\s+)?(?:hack|breach|exploit)(?:\s+rumou?rs|\s+claims|\s+reports)?|"
    r"before\s+(?:any\s+|an\s+|the\s+)?(?:attackers?|hackers?|bad\s+actors?|malicious\s+actors?|criminals)\s+could)\b",
    re.IGNORECASE)
# A theft told as done: "hackers stole", "the exchange was drained", "it lost $5 million"; ...
_THEFT_VERB = re.compile(r"\b(?:stole|stolen|drained|hacked|siphoned|looted|swiped|robbed|lost|made\s+off\s+with|"
                         r"exploited\s+for|emptied)\b", re.IGNORECASE)
# ... unless the words just before make it a might-have-been or a denial ("could have stolen", "no funds
# were lost", "was never drained", "before anyone drained"), within its clause.
_UNREAL_BEFORE = re.compile(r"\b(?:could|would|might|may|can|cannot|not|never|no|nothing|without|before|if|"
                            r"unless|whether|avoid|avoided|prevent|prevented)\b[^.;:!?]*$", re.IGNORECASE)


# The one who took or lost the funds, as a story of a done theft names them: "the thief returned", "the victim
# fell for a scheme", "scammed out of".
_ONE_WHO_TOOK = re.compile(r"\b(?:the|a)\s+(?:thief|thieves|scammers?|victims?)\b(?!\s+(?:could|would|might|may)\b)|"
                           r"\bfell\s+(?:victim\s+to|for)\b|\bscammed\s+out\s+of\b", re.IGNORECASE)


def _theft_told(text: str) -> bool:
    """Whether ``text`` tells a theft as done, not as what could have happened or did not."""
    for m in _THEFT_VERB.finditer(text):
        if _UNREAL_BEFORE.search(text, max(0, m.start() - 40), m.start()) is None:
            return True
    return False


# A total over a period or an industry, told with no one hit: "hacks drained $1.7 billion from crypto platforms last
# year, according to ...", "thieves took $2 billion in 2023". It tells of no theft a story without incidents is about.
_PERIOD = re.compile(r"\b(?:(?:last|this|the\s+past|the\s+previous)\s+(?:year|quarter|half)|(?:in|during|throughout|for)\s+"
                     r"(?:(?:the\s+(?:first|second)\s+(?:half|quarter)\s+of\s+)?(?:19|20)\d\d)|so\s+far\s+this\s+year|"
                     r"year[\s-]to[\s-]date|annually|a\s+year|per\s+year|each\s+year)\b", re.IGNORECASE)
_GENERIC_TAKERS = re.compile(r"\b(?:hacks|hackers|thieves|attackers|exploits|thefts|heists|scammers|criminals|"
                             r"attacks|breaches|cybercriminals)\b", re.IGNORECASE)


def _period_total(text: str, s: Span) -> bool:
    """A sentence telling what thieves in general took over a period (an industry total), or an aggregate cue."""
    return inc.is_aggregate_sentence(text, s) or bool(
        _PERIOD.search(text, s.start, s.end) and _GENERIC_TAKERS.search(text, s.start, s.end))


def _without_period_totals(text: str, sentences: list[Span]) -> str:
    """``text`` with its period-total sentences blanked (same length, so positions hold)."""
    parts, last = [], 0
    for s in sentences:
        if _period_total(text, s):
            parts.append(text[last : s.start])
            parts.append(" " * (s.end - s.start))
            last = s.end
    parts.append(text[last:])
    return "".join(parts)


class _AggregateSentences:
    """``inc.is_aggregate_sentence`` of each sentence, read the first time a figure, date or actor of the sentence
    asks: most sentences hold none, and the cue is a long pattern."""

    __slots__ = ("text", "sentences", "known")

    def __init__(self, text: str, sentences: list[Span]) -> None:
        self.text = text
        self.sentences = sentences
        self.known: list[bool | None] = [None] * len(sentences)

    def __getitem__(self, i: int) -> bool:
        got = self.known[i]
        if got is None:
            got = self.known[i] = inc.is_aggregate_sentence(self.text, self.sentences[i])
        return got


def run(text: str, *, published: date | None = None, title: str | None = None) -> Extraction:
    from heistwatch.extract import EXTRACTOR_VERSION

    if not text or not text.strip():
        return Extraction(relevant=False, extractor_version=EXTRACTOR_VERSION)
    sentences = _sentences(text)
    n_sent = len(sentences)
    amounts = find_amounts(text)
    amount_sentence = [_sentence_of(sentences, a.span.start) for a in amounts]   # amount -> its sentence
    amounts_by_sentence: list[list[int]] = [[] for _ in range(n_sent)]
    for k, i in enumerate(amount_sentence):
        amounts_by_sentence[i].append(k)
    has_money = [any(amounts[k].money is not None and not amounts[k].money.vague for k in ks)
                 for ks in amounts_by_sentence]
    if title is None:
        first = text.strip().split("\n", 1)[0]
        title = first if len(first) < 200 else None
    plan = inc.plan_incidents(text, sentences, title=title, amounts_in=has_money)
    attack = plan.attack
    aggregate = _AggregateSentences(text, sentences)

    claims: list[Claim] = []
    incidents: list[IncidentMention] = []
    # victims told in the same sentences get the same context (and lead) string: infer_type reads each text once
    contexts: dict[tuple[int, ...], str] = {}
    leads: dict[int, str] = {}
    low_text = lowered(text)
    low_contexts: dict[tuple[int, ...], str] = {}
    low_leads: dict[int, str] = {}
    for n, c in enumerate(plan.victims):
        told = tuple(i for i, _, _ in c.mentions[:6])
        context = contexts.get(told)
        if context is None:
            context = contexts[told] = " ".join(text[sentences[i].start : sentences[i].end] for i in told)
            if low_text is not None:   # the same, lowered: the document's lowered sentences joined
                low_contexts[told] = " ".join(low_text[sentences[i].start : sentences[i].end] for i in told)
        lead = leads.get(told[0])
        if lead is None:
            lead = leads[told[0]] = (title or "") + " " + text[sentences[told[0]].start : sentences[told[0]].end]
            low_title = lowered(title or "")
            if low_text is not None and low_title is not None:
                low_leads[told[0]] = low_title + " " + low_text[sentences[told[0]].start : sentences[told[0]].end]
        itype = infer_type(c.first.platform, c.name, context, lead, lowered_context=low_contexts.get(told),
                           lowered_lead=low_leads.get(told[0]))
        first = c.first
        incidents.append(IncidentMention(index=n, victim=c.name, type=itype, main=plan.main[n], span=first.span))
        for i, v, ev in c.mentions:
            claims.append(Claim(ClaimKind.VICTIM, Victim(c.name, v.surface, v.known), v.span, sentences[i], n,
                                confidence=round(min(1.0, max(0.1, 0.3 + 0.2 * ev)), 2)))
        claims.append(Claim(ClaimKind.INCIDENT_TYPE, IncidentTypeValue(itype), first.span,
                            sentences[c.mentions[0][0]], n, confidence=0.7))

    # amounts
    usd_in = [sum(1 for k in ks if amounts[k].money is not None and amounts[k].money.unit == "USD")
              for ks in amounts_by_sentence]
    parts = component_amounts(text, amounts, _amount_groups(text, sentences, amounts_by_sentence, plan))
    aggregate_money: set[int] = set()   # sentences whose figure was read as a total of many thefts or a period
    money_idx = [j for j, x in enumerate(amounts) if x.money is not None]
    part_claims: set[int] = set()   # indices into claims of dollar parts of a split loss
    respective: dict[int, int] = {}   # amount -> incident, from "respectively" lists
    for i, ks in enumerate(amounts_by_sentence):
        if ks and plan.mentions.get(i):
            respective.update(_respective(text, sentences[i], plan.mentions[i], amounts, ks))
    for k, a in enumerate(amounts):
        i = amount_sentence[k]
        s = sentences[i]
        link_line = _ELSEWHERE.match(text, s.start, s.end) is not None
        own = {inc for _, inc in plan.mentions.get(i, [])} if link_line else set()
        if link_line and len(own) != 1:
            continue   # "Read also: ..." points at another article, naming no one victim of its own
        target = _nearest_incident(plan, i, a.span.start, text, a.span.end, s)
        if link_line and target not in own:
            continue   # a figure of a linked story belongs only to the victim that line names
        if aggregate[i] and not plan.mentions.get(i):
            target = None
        named = _named(plan, i) or _EMPTY_NAMED
        if a.money is not None and target is not None and not plan.mentions.get(i) and \
                _told_of_other_platform(text, s, a, plan.victims[target].name):
            target = None   # "memories of the collapse of Mt. Gox last year, when it said 850,000 bitcoins were gone"
        if a.money is not None and target is not None and _past_comparison(text, s, a, named):
            target = None   # "the loss exceeds that of Mt. Gox, which ... had lost $480 million": the other one's figure
        if a.money is not None and target is not None and _owned_by_other(text, s, a, named):
            target = None   # "South Korea's latest $238 million heist": the heist of an owner who is no victim here
        if k in respective:
            target = respective[k]   # "A and B lost $60 million and $37 million respectively"
        yard = _yardstick_at(plan, a.span.start, a.span.end)
        if yard is not None:
            target = yard   # "bigger than the $35 million Zumo hack": the yardstick's own figure
        elif a.money is not None and _shared_by_several(text, s, a, named):
            target = None   # "$60 million from A and B", "A, B and C, with losses ranging from $8M to $28M"
        # (a name within 70 characters is checked first: it rules the tally out without reading the words)
        if a.money is not None and target is not None and not named.starting_in(a.span.start - 69, a.span.start + 70) \
                and _aggregate_near(text[max(s.start, a.span.start - 70) : min(s.end, a.span.end + 70)]):
            target = None
            aggregate_money.add(i)
        if a.money is not None:
            if (a.context.recovered or a.context.refunded or _converts_recovered(text, amounts, k)) and not a.context.funding:
                kind = ClaimKind.RECOVERY   # (money raised to repay users is funding: no recovery, no loss)
            elif not _is_loss(text, s, a, amounts[a.pair].span.start if a.pair is not None else None,
                              _neighbours(amounts, money_idx, k)):
                # "raised $150 million in its token sale", a price, a market value: no loss of anyone's, and
                # told as such, so that no reader takes it for the story's loss
                kind = ClaimKind.FIGURE
                target = None
            elif usd_in[i] >= 4 and a.money.unit == "USD":
                kind = ClaimKind.LOSS   # four or more dollar figures in one sentence: a breakdown, not the loss
                target = None
            else:
                kind = ClaimKind.LOSS
                if target is not None and (k in parts or not plan.mentions.get(i) and _further(text, s, amounts, k)):
                    part_claims.add(len(claims))   # one asset's or chain's part, or one more tranche ("a further
                                                   # 1.5 billion tokens"): dropped below if a total is stated
            if target is None and kind != ClaimKind.RECOVERY and aggregate[i]:   # (a tally's figure, loss or not)
                claims.append(Claim(ClaimKind.AGGREGATE, Aggregate(actor=None, period=None, money=a.money), a.span, s,
                                    None, confidence=0.5))
                continue
            conf = 0.8 if target is not None and attack[i] else 0.5
            claims.append(Claim(kind, a.money, a.span, s, target, confidence=conf))
        elif a.share is not None:
            claims.append(Claim(ClaimKind.SHARE, a.share, a.span, s, target, confidence=0.6))
        elif a.count is not None:
            claims.append(Claim(ClaimKind.ACCOUNTS, a.count, a.span, s, target, confidence=0.6))
    # the dollar parts of a split loss ("$32.7M in USDT, $12.7M in ETH") leave the incident when the text also
    # states a dollar figure for the whole; without one they are all the text says
    whole = {c.incident for n, c in enumerate(claims) if c.kind == ClaimKind.LOSS and n not in part_claims
             and c.incident is not None and getattr(c.value, "unit", None) == "USD"}
    if part_claims:
        from dataclasses import replace as _replace

        claims = [_replace(c, incident=None, confidence=0.4) if n in part_claims and c.incident in whole else c
                  for n, c in enumerate(claims)]

    # dates
    date_claims: list[tuple[float, int, Claim]] = []
    if find_dates is not None:
        found_dates = find_dates(text, published)
        if published is None and any(not d.value.resolved and d.pattern in _COARSE_RELATIVE for d in found_dates):
            found_dates = _coarse_from_latest_day(text, found_dates)
        date_sentence = [_sentence_of(sentences, d.span.start) for d in found_dates]   # date -> its sentence
        dates_in: dict[int, int] = {}
        for k in date_sentence:
            dates_in[k] = dates_in.get(k, 0) + 1
        for d, i in zip(found_dates, date_sentence):
            s = sentences[i]
            targets: list[int | None] = [_date_owner(plan, i, d.span.start, d.span.end, text, s)]
            # (= _in_clause(text, s, plan.mentions.get(i, []), d.span.start, others_told=False), indexed)
            ix = _named(plan, i)
            ix = _named_at(plan, i, text, s, d.span.start, others_told=False) if ix is not None else _EMPTY_NAMED
            assert ix is not None
            here = ix.here
            named = ix.in_order
            if len(named) > 1 and dates_in.get(i) == 1 and (ix.starts[0] >= d.span.end or ix.max_end <= d.span.start):
                targets = list(named)   # "hacks in 2019 include A, B and C": the one date holds for all
            if len(named) > 1 and _BOTH_ON.search(text, max(s.start, d.span.start - 20), d.span.start):
                targets = list(named)   # "$60 million from A and $37 million from B, both on July 22"
            whole = _named(plan, i)
            if whole is not None and len(whole.in_order) > len(named) and dates_in.get(i) == 1 and \
                    _OPENS_SENTENCE.fullmatch(text, s.start, d.span.start) and _COMMA_NEXT.match(text, d.span.end) and \
                    whole.starts[0] >= d.span.end:
                targets = list(whole.in_order)   # "In March, A lost $11 million, and B lost $16 million": both in March
            if aggregate[i] and not here:
                targets = [None]
            yard = _yardstick_at(plan, d.span.start, d.span.end)
            if yard is not None:
                targets = [yard]   # "the largest since the Zumo hack in 2018": the yardstick's own date
            if i + 1 < n_sent and dates_in.get(i) == 1 and not dates_in.get(i + 1) and plan.mentions.get(i + 1) and \
                    inc._CONTINUES.match(text, sentences[i + 1].start, sentences[i + 1].end):
                # "... stolen $200m so far in 2023. This includes $60m from A and $100m from B": A and B in 2023
                targets = [*(t for t in targets if t is not None),
                           *sorted({n for _, n in plan.mentions[i + 1]} - set(targets))] or [None]
            for target in targets:
                claim = Claim(ClaimKind.DATE, d.value, d.span, s, target, confidence=0.7 if attack[i] else 0.4)
                claims.append(claim)
                if target is not None:
                    date_claims.append((_date_score(text, s, d, attack[i], bool(here), published), target, claim))
    guessed: set[int] = set()
    # (read once per date claim: _split_episodes asks again)
    told_past = {id(c): _past_episode(text, sentences, plan, c) for _, _, c in date_claims}
    past = {key for key, told in told_past.items() if told}
    # "in July last year" beside the incident's own date: an earlier episode (alone, it may be the story's date)
    year_ago: set[int] = set()
    scored_for: dict[int, list[tuple[float, Claim]]] = {}   # incident -> its scored date claims, in order
    for sc, t, c in date_claims:
        scored_for.setdefault(t, []).append((sc, c))
    for n in range(len(incidents)):
        mine = [c for _, c in scored_for.get(n, []) if id(c) not in past]
        ago = {id(c) for c in mine if _YEAR_AGO.search(text, c.span.start, c.span.end)}
        if ago and any(id(c) not in ago and c.value.resolved and not folded(_AFTERMATH).search(text, c.sentence.start, c.sentence.end)  # type: ignore[union-attr]
                       for c in mine):
            year_ago |= ago
    past |= year_ago
    lead = _lead(plan)
    for n, incident in enumerate(incidents):
        mine = [(sc, c) for sc, c in scored_for.get(n, []) if sc > -50]
        now = [(sc, c) for sc, c in mine if id(c) not in past]
        # a date of an earlier episode ("it was previously hacked in 2017") never dates the report's own incident
        incident.date = _choose_date(now if now or n == lead else mine, text)
        d = incident.date
        if (incident.main and published is not None and d is not None and d.start is not None and d.end is not None
                and d.granularity in (Granularity.YEAR, Granularity.MONTH) and d.start <= published <= d.end):
            # "the largest hack of 2022 so far" in a report of 3 February 2022: the report's day is the
            # nearest the text comes (and still lies inside what it says)
            incident.date = None
        if incident.date is None and incident.main and published is not None:
            # news reports its main incident within days: the publication date is the best guess
            incident.date = DateValue(published, published, Granularity.DAY, resolved=True, relative=True)
            guessed.add(n)

    # actors
    actor_matches: dict[int, list] = {}
    for am in sorted([*find_actors(text), *find_person_actors(text)], key=lambda m: (m.start, m.end)):
        actor_matches.setdefault(_sentence_of(sentences, am.start), []).append(am)
    compared = {i: _compared_only(text, sentences[i], here) for i, here in plan.mentions.items()}
    redirect: dict[int, list[int]] = {}   # sentence -> the story's incident when the one named was only compared with
    for i in range(len(sentences)):
        if compared.get(i) and not {n for _, n in plan.mentions[i]} - compared[i]:
            redirect[i] = redirect.get(i - 1) or [n for n in (plan.focus[i - 1] if i else []) if n not in compared[i]] \
                or [n for n, m in enumerate(plan.main) if m and n not in compared[i]]
        elif i and not plan.mentions.get(i) and i - 1 in redirect and plan.focus[i] == plan.focus[i - 1]:
            redirect[i] = redirect[i - 1]   # "the transfer was a decoy": still the story's incident
    mains = [n for n, m in enumerate(plan.main) if m]
    for i in sorted(actor_matches):
        s = sentences[i]
        inside = [am for am in actor_matches[i] if am.end <= s.end]
        atts = find_attributions(text, s, inside) if inside else []
        if not atts:
            continue
        targets = redirect.get(i) or sorted({n for _, n in plan.mentions.get(i, [])}) or list(plan.focus[i])
        if not plan.mentions.get(i) and i > 0 and plan.focus[i - 1] and plan.focus[i - 1] != plan.focus[i] \
                and "\n" not in text[sentences[i - 1].end : s.start] and any(a.attribution.hedge for a in atts):
            # "Elliptic said the laundering matched the Lazarus Group's past behavior": an attribution with no
            # name of its own speaks of the incident its paragraph is telling
            targets = list(plan.focus[i - 1])
        attributing = any(a.attribution.hedge is not None for a in atts)
        if not targets and not aggregate[i] and len(mains) >= 1 and (attack[i] or ATTRIBUTING and attributing
                                                                     or _court_person(text, inside)):
            targets = mains
        if (i in aggregate_money or aggregate[i] and not _tally_describes_actor(text, s, atts)) and not plan.mentions.get(i):
            targets = []
        if not plan.mentions.get(i) and any(amounts[k].share is not None for k in amounts_by_sentence[i]) \
                and not refers_to_incident(text, s):
            targets = []   # "17% of it can be credited to the Lazarus Group": a share of a total, not one incident
        both = bool(_BOTH.match(text, s.start, s.end))
        if both or _BOTH_INSIDE.search(text, s.start, s.end):
            # "Both were attributed to ...", "researchers have linked both incidents to ...": the two just named
            targets = _last_named(plan, i, 2) or targets
            both = True
        named_here = bool(plan.mentions.get(i))
        for att in atts:
            mine = targets if both or redirect.get(i) else _own_clause(text, s, plan.mentions.get(i, []), att.span, targets)
            if not named_here and not both and targets and is_background(text, s, att.span):
                claims.append(Claim(ClaimKind.ACTOR, att.attribution, att.span, s, None, 0.3))
                continue   # "North Korea is known to target exchanges": the actor's record, not this incident
            if not targets:
                money = next((amounts[k].money for k in amounts_by_sentence[i] if amounts[k].money), None)
                if money is not None:
                    claims.append(Claim(ClaimKind.AGGREGATE, Aggregate(actor=att.attribution.actor, period=None,
                                                                       money=money), att.span, s, None, 0.5))
                else:
                    claims.append(Claim(ClaimKind.ACTOR, att.attribution, att.span, s, None, 0.4))
                continue
            for n in mine:
                claims.append(Claim(ClaimKind.ACTOR, att.attribution, att.span, s, n, 0.7))

    # "the same group was linked to two thefts in July": the group is the actor named just before
    actor_said: dict[Span, Attribution] = {}   # sentence -> the last actor claim's attribution made in it
    for c in claims:
        if c.kind == ClaimKind.ACTOR:
            actor_said[c.sentence] = c.value  # type: ignore[assignment]
    named_at = sorted(i for i in actor_matches if sentences[i] in actor_said)
    for i, s in enumerate(sentences):
        if i in actor_matches or not named_at:
            continue
        prev = named_at[bisect.bisect_left(named_at, i - 2) : bisect.bisect_left(named_at, i)]   # 0 < i - k <= 2
        ref = folded(_GROUP_REF).search(text, s.start, s.end) if prev else None
        # "they've already stolen $100 million from the Harmony bridge": the group just named, of the victims named here
        took = (_THEY_FIRST.match(text, s.start, s.end) or _THEY_TOOK.search(text, s.start, s.end)) \
            if prev and ref is None and plan.mentions.get(i) else None
        if took is None and prev and ref is None and plan.mentions.get(i) and _court_person(text, actor_matches[prev[-1]]):
            took = _HE_TOOK.search(text, s.start, s.end)
        if ref is None and took is None:
            continue
        if took is not None:
            targets = sorted({n for _, n in plan.mentions[i]})
            before = actor_said[sentences[prev[-1]]]   # (this loop adds claims only to sentences naming no actor)
            stance = before.stance if took.group("who").lower() in ("he", "she") else Stance.CONFIRMED  # type: ignore[union-attr]
            att = Attribution(actor=before.actor, stance=stance, hedge=None,  # type: ignore[union-attr]
                              probability="almost certain" if stance == Stance.CONFIRMED else "likely",
                              claimant=None, surface_actor=took.group("who"))
            for n in targets:
                claims.append(Claim(ClaimKind.ACTOR, att, Span(took.start("who"), took.end("who")), s, n, 0.4))
            continue
        assert ref is not None
        hedges = [h for h in find_hedges(text, s.start, s.end) if h.hedge.phrase in _ATTRIBUTING_PHRASES
                  or h.hedge.stance == Stance.DENIED]
        targets = sorted({n for _, n in plan.mentions.get(i, [])}) or list(plan.focus[i])
        if not hedges or not targets:
            continue
        before = actor_said[sentences[prev[-1]]]
        h = min(hedges, key=lambda h: abs(h.start - ref.start()))
        att = Attribution(actor=before.actor, stance=h.hedge.stance, hedge=text[h.start:h.end], probability=h.hedge.word,  # type: ignore[union-attr]
                          claimant=find_claimant(text, s, ref.start()), surface_actor=ref.group(0))
        for n in targets:
            claims.append(Claim(ClaimKind.ACTOR, att, Span(ref.start(), ref.end()), s, n, 0.5))

    claims.extend(_same_group_in_clause(text, sentences, plan, actor_matches, claims))
    claims = _doubted_next(text, sentences, actor_matches, claims)

    # techniques and indicators (other stage's finders), linked through the focus
    if find_techniques is not None:
        for span, tech in find_techniques(text):
            i = _sentence_of(sentences, span.start)
            claims.append(Claim(ClaimKind.TECHNIQUE, tech, span, sentences[i], _nearest_incident(plan, i, span.start), 0.6))
    if find_indicators is not None:
        for span, ind in find_indicators(text):
            i = _sentence_of(sentences, span.start)
            claims.append(Claim(ClaimKind.INDICATOR, ind, span, sentences[i], _nearest_incident(plan, i, span.start), 0.6))

    claims = _split_episodes(text, sentences, incidents, claims, date_claims, plan, guessed, year_ago, told_past)
    claims = _later_leak(text, sentences, incidents, claims, plan)
    if len(incidents) > len(plan.victims):
        claims = _headline_restates(text, sentences, claims)
    if len(incidents) > len(plan.victims):
        score_of = {(c.span, c.sentence): sc for sc, _, c in date_claims}
        dated_claims: dict[int | None, list[Claim]] = {}   # incident -> its date claims, in order
        for c in claims:
            if c.kind == ClaimKind.DATE:
                dated_claims.setdefault(c.incident, []).append(c)
        for n, incident in enumerate(incidents):
            if n in guessed:
                continue
            mine = [(score_of.get((c.span, c.sentence), 0.0), c) for c in dated_claims.get(n, [])]
            chosen = _choose_date([(sc, c) for sc, c in mine if sc > -50], text)
            if chosen is not None or n < len(plan.victims):
                incident.date = chosen if chosen is not None else incident.date
    claims.extend(_dated_by_the_story(text, sentences, incidents, claims, guessed))
    claims.sort(key=lambda c: (c.span.start, c.span.end, c.kind.value, -1 if c.incident is None else c.incident))
    if folded(_NOTHING_LOST).search(text) is not None and not _theft_told(text):
        # a flaw found and fixed, a bounty paid: its "could have drained $40 million" is no incident
        return Extraction(relevant=False, extractor_version=EXTRACTOR_VERSION)
    # (with no incident, attack talk and sums count only where a theft is told as done: not a price story's
    # "hack fears", not what "could have" been stolen)
    relevant = bool(incidents)
    if not relevant and sum(attack) >= 3 and any(a.money is not None for a in amounts):
        told = _without_period_totals(text, sentences)   # a funding story's "hacks drained $1.7 billion last year"
        relevant = _theft_told(told) or _ONE_WHO_TOOK.search(told) is not None
    return Extraction(relevant=relevant, incidents=incidents, claims=claims, extractor_version=EXTRACTOR_VERSION)
