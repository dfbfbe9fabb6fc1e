"""Attributions: which threat actor the text ties to an incident, with what stance, hedge and claimant.

Stance comes from the hedge nearest the actor's name in its sentence (``reference/estimative``):
"might be", "believed to", "likely" -> suspected; "confirmed", "attributed", "was behind" -> confirmed;
"not responsible", "ruled out" -> denied; a plain statement of fact -> confirmed. The claimant is who
says it ("the spy agency said", "according to Chainalysis"); news outlets that merely report the
claim ("Bloomberg reported that ...") are publishers, not claimants, and are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from heistwatch.extract.model import Attribution, Span, Stance
from heistwatch.extract.text import folded, started
from heistwatch.reference.actors import ActorMatch, find_actors
from heistwatch.reference.actors import lookup as lookup_actor
from heistwatch.reference.estimative import HedgeMatch, find_hedges
from heistwatch.reference.vocabulary import alternation, attack_nouns

# News outlets: they report claims, they do not make them.
_KNOWN_PUBLISHERS = (
    "Reuters", "Bloomberg", "CoinDesk", "Cointelegraph", "Decrypt", "The Block", "Yonhap", "Associated Press",
    "AP", "AFP", "BBC", "CNN", "CNBC", "Wall Street Journal", "WSJ", "Financial Times", "FT", "New York Times",
    "Washington Post", "Guardian", "Forbes", "TechCrunch", "ZDNet", "BleepingComputer", "Bleeping Computer",
    "The Record", "The Verge", "Wired", "Nikkei", "Korea Herald", "Korea Times", "JoongAng", "Chosun",
    "Kyodo", "NHK", "Business Insider", "Fortune", "Axios", "The Hacker News", "Dark Reading", "SecurityWeek",
    "CyberScoop", "Bitcoinist", "CryptoSlate", "Crypto Briefing", "Daily Hodl", "Decrypt Media",
)

_SPEECH = "(?:" + alternation("telling_verb", "claim") + ")"
_CLAIMANT_NOUNS = (
    r"(?:agency|agencies|service|police|firm|firms|researchers|researcher|officials|official|source|sources|"
    r"analysts|analyst|investigators|experts|expert|company|exchange|intelligence|government|ministry|"
    r"prosecutors|authorities|lawmakers|lawmaker|department|bureau|FBI|NIS|CISA|Treasury|team|report)"
)
_SUBJECT = (
    r"(?P<who>(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w.\-’']*\s+|(?:of|for|and|&)\s+|[a-z][\w\-]*\s+){0,5}?"
    rf"(?:[A-Z][\w.\-]*[\w]|{_CLAIMANT_NOUNS}))"
)
_CLAIMANT_RES = (
    re.compile(rf"\b[Aa]ccording\s+to\s+{_SUBJECT}(?!\w|[ \t]+[A-Z][a-z])"),   # (the whole name: "Scam Sniffer", not "Scam")
    # ("analysts increasingly say", "officials have long suspected")
    re.compile(rf"{_SUBJECT}(?:\s*,[^,]{{2,60}},)?\s+(?:(?:has|have|had|also|now|increasingly|widely|privately|"
               rf"publicly|generally|still|repeatedly|previously|long|later|separately|independently)\s+){{0,2}}{_SPEECH}\b"),
    re.compile(rf"\b(?:{_SPEECH})\s+by\s+{_SUBJECT}"),
)


# who made an attribution told as a deed, not as speech: "analysts linked the attack to ...", "an attack later linked
# by several analytics firms to ..." (read only where such a verb occurs)
_TYING = r"(?:linked|tied|attributed|traced|pinned|connected)"
_TYING_WORD = re.compile(rf"\b{_TYING}\b")
_TIED = re.compile(rf"\b{_TYING}\s+(?:it|the|that|this|them)\b")   # how every match of _TIER_RES[0] ends
_TIER_RES = (
    re.compile(rf"{_SUBJECT}\s+(?:(?:have|had|has|also|later|quickly|since)\s+){{0,2}}{_TYING}\s+(?:it|the|that|this|them)\b"),
    re.compile(rf"\b{_TYING}\s+(?:(?:later|since|quickly|also)\s+)?by\s+{_SUBJECT}"),
)

_SPEECH_END = re.compile(rf"{_SPEECH}\b")


@lru_cache(maxsize=16)
def _ends_in_speech(source: str) -> bool:
    """Does every match of this pattern end with a speech verb (a sequence ending in ``_SPEECH\\b``, no lookahead)?"""
    from re import _constants, _parser

    if not source.endswith(rf"{_SPEECH}\b") or "(?=" in source or "(?!" in source:
        return False
    data = _parser.parse(source).data
    return not (len(data) == 1 and data[0][0] is _constants.BRANCH)


def _claimant_finditer(rx: re.Pattern[str], seg: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(seg)``. A pattern whose matches end with a speech verb runs only up to the last speech
    verb in ``seg`` (no match can end later), and not at all where there is none: most sentences naming
    an actor quote nobody, and the speaker pattern is slow."""
    if rx is _TIER_RES[0]:
        # who "linked the attack to": a match ends with one of _TIED and starts at most nine runs before it
        first = last = None
        for last in _TIED.finditer(seg):
            if first is None:
                first = last
        if first is None or last is None:
            return iter(())
        return rx.finditer(seg, _runs_before(seg, first.start()), last.end())
    if not _ends_in_speech(rx.pattern):
        return rx.finditer(seg)
    first = last = None
    for last in _SPEECH_END.finditer(seg):
        if first is None:
            first = last
    if first is None or last is None:
        return iter(())
    return rx.finditer(seg, _speaker_from(rx, seg, first.start()), last.end())


# Between where a match of the speaker pattern (_CLAIMANT_RES[1]) starts and its speech verb lie at most
# an article, five words, the speaker's last word and two adverbs, each a run of characters without
# whitespace: nine runs, unless the ", ... ," aside (which needs two commas) stands between. The same nine
# runs stand before the verb of the tier pattern (_TIER_RES[0], no aside).
_SPEAKER_RUNS = 9


def _speaker_from(rx: re.Pattern[str], seg: str, verb: int) -> int:
    """Where a match of ``rx`` in ``seg`` can start at the earliest, given the first speech verb at ``verb``.

    For the speaker pattern: the start of the ninth run of non-space characters before that verb (no later
    match can start before it either), so the slow pattern is not tried at every character of a long
    sentence's opening; for any other pattern, 0."""
    if rx is not _CLAIMANT_RES[1] or seg.count(",") >= 2:
        return 0
    return _runs_before(seg, verb)


def _runs_before(seg: str, verb: int) -> int:
    """The start of the ``_SPEAKER_RUNS``-th run of non-space characters before ``verb`` (or a little before it), or 0."""
    runs = seg[:verb].rsplit(None, _SPEAKER_RUNS)
    return len(runs[0]) if len(runs) > _SPEAKER_RUNS else 0


@dataclass(frozen=True, slots=True)
class AttributionMention:
    span: Span
    attribution: Attribution
    match: ActorMatch


_PUBLISHERS = frozenset(p.lower() for p in _KNOWN_PUBLISHERS)
_PUBLISHER_HEADS = tuple(p.lower() + " " for p in _KNOWN_PUBLISHERS)   # "reuters ", ...: a publisher's name, then more
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_LEADING_WORDS = re.compile(r"^(?:(?:that|and|but|while|as|the|a|an)\s+)+", re.IGNORECASE)


def _is_publisher(who: str) -> bool:
    w = _ARTICLE.sub("", who.strip()).lower()
    return w in _PUBLISHERS or w.startswith(_PUBLISHER_HEADS)


def find_claimant(text: str, sentence: Span, before: int) -> str | None:
    """Who makes the claim at ``before`` in ``sentence``: the last speaker who is not a news outlet."""
    return _Speakers(text, sentence).nearest(before)


class _Speakers:
    """The speakers of one sentence, read once; :meth:`nearest` picks the one for a claim at a position."""

    def __init__(self, text: str, sentence: Span) -> None:
        seg = text[sentence.start : sentence.end]
        self.offset = sentence.start
        found: list[tuple[int, int, str]] = []   # (where the name starts in the sentence, reading order, name)
        tiers = _TIER_RES if _TYING_WORD.search(seg) else ()
        for rx in (*_CLAIMANT_RES, *tiers):
            for m in _claimant_finditer(rx, seg):   # = rx.finditer(seg)
                who = m.group("who").strip()
                if _is_publisher(who) or not who or len(who) > 70:
                    continue
                if who.lower() in {"it", "he", "she", "they", "we", "i"}:
                    continue
                who = _LEADING_WORDS.sub("", who)
                found.append((m.start("who"), len(found), who))
        # the first read of each position stands for it: the score depends on the position only
        first: dict[int, tuple[int, str]] = {}
        for pos, order, who in found:
            first.setdefault(pos, (order, who))
        self.positions = sorted(first)
        self.first = first

    def nearest(self, before: int) -> str | None:
        # score = -distance, and -200 more for a speaker after the actor (that only counts for "according
        # to" / "by"): the best is the nearest before or the nearest after; on a tie, the one read first
        cut = before - self.offset
        k = bisect_right(self.positions, cut)
        options = []
        if k > 0:
            pos = self.positions[k - 1]
            options.append((pos - cut, -self.first[pos][0], self.first[pos][1]))
        if k < len(self.positions):
            pos = self.positions[k]
            options.append((cut - pos - 200, -self.first[pos][0], self.first[pos][1]))
        return max(options)[2] if options else None


# "North Korea has repeatedly denied ...", "Pyongyang has previously denied ...": the words between the accused
# and its denial
_ACCUSED_GAP = re.compile(r"[\s,]*(?:(?:has|have|had|again|flatly|repeatedly|strongly|previously|consistently|always|"
                          r"long|routinely|publicly|vehemently|categorically|so\s+far|in\s+the\s+past)\s*)*")


class _Hedges:
    """The hedges of one sentence as ``find_hedges`` gives them (in order, never overlapping: their starts and ends
    both ascend), with their starts and ends for bisection, so that each actor of a sentence naming thousands
    reads only the hedges of its clause near its name."""

    __slots__ = ("all", "starts", "ends", "longest")

    def __init__(self, hedges: list[HedgeMatch]) -> None:
        self.all = hedges
        self.starts = [h.start for h in hedges]
        self.ends = [h.end for h in hedges]
        self.longest = max((h.end - h.start for h in hedges), default=0)

    def within(self, c: Span) -> tuple[int, int]:
        """The hedges inside ``c``: ``all[lo:hi]``."""
        lo = bisect_left(self.starts, c.start)
        return lo, max(lo, bisect_right(self.ends, c.end))


def _standing_denial(text: str, sentence: Span, match: ActorMatch, hedges: list[HedgeMatch] | _Hedges) -> bool:
    """"North Korea has repeatedly denied taking part in cyber theft": the accused's standing denial of hacking in
    general, said of no one incident, is no attribution at all.

    Only the first hedge after the name can be the denial: the words between the name and a later one hold the
    first, and no hedge is made of _ACCUSED_GAP's words (tests/extract/test_hedge_lookups.py)."""
    hs = hedges if isinstance(hedges, _Hedges) else _Hedges(hedges)
    k = bisect_left(hs.starts, match.end)
    if k == len(hs.all):
        return False
    h = hs.all[k]
    c = actor_clause(text, sentence, Span(match.start, match.end))
    if h.hedge.stance == Stance.DENIED and h.end <= c.end and _ACCUSED_GAP.fullmatch(text, match.end, h.start):
        return not refers_to_incident(text, Span(h.start, c.end))
    return False


_MEMBERSHIP = re.compile(
    r"\s*,?\s*(?:(?:is|are|was|were)\s+(?:(?:widely\s+|generally\s+|also\s+)?(?:believed|thought|said|understood|"
    r"considered|reported|seen|known)\s+to\s+be\s+|also\s+|now\s+)?)(?:(?:a\s+)?part|an?\s+(?:unit|sub-?unit|subgroup|sub-group|division|arm|branch|faction|cell|offshoot|"
    r"cluster|team|member|component|splinter)|one|members?)\s+(?:of|within)\s+(?:the\s+)?(?:wider\s+|broader\s+|larger\s+|"
    r"North\s+Korea['’]s\s+|notorious\s+)?", re.I)


# "no one has formally attributed that theft to North Korea", "has not been linked to any group", "has yet to be
# attributed": the text says the attribution is NOT made
_NOT_ATTRIBUTED = re.compile(
    r"\b(?:(?:no\s+one|nobody|no\s+(?:government|agency|group|firm|company|authority|official|country))\s+has\s+(?:yet\s+)?"
    r"(?:[a-z]+ly\s+)?(?:attributed|blamed|linked|tied|pinned|connected|named)|"
    r"(?:has|have|had|was|were)\s+(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:[a-z]+ly\s+)?(?:attributed|linked|tied|pinned|blamed|"
    r"connected)|(?:has|have)\s+yet\s+to\s+be\s+(?:[a-z]+ly\s+)?(?:attributed|linked|tied|pinned|blamed)|"
    r"no\s+(?:formal\s+|official\s+|public\s+)?attribution|"
    # "Zumo did not suggest any link to North Korea", "police have not blamed Lazarus"
    r"(?:did|does|do|has|have|had)\s+not\s+(?:[a-z]+ly\s+)?(?:suggest|allege|claim|point\s+to|mention|cite|blame|accuse)\w*)\b", re.I)


_NEGS: list = [None, {}]   # the text whose clauses were searched, and (start, end) -> _NOT_ATTRIBUTED's match or None


def _not_attributed(text: str, sentence: Span, match: ActorMatch, hedges: list[HedgeMatch] | _Hedges) -> bool:
    """Does the actor's clause say the incident has NOT been attributed (and weigh it no other way)?"""
    c = actor_clause(text, sentence, Span(match.start, match.end))
    if _NEGS[0] is not text:
        _NEGS[0], _NEGS[1] = text, {}
    key = (c.start, c.end)
    if key not in _NEGS[1]:   # the actors of one clause share its search
        _NEGS[1][key] = folded(_NOT_ATTRIBUTED).search(text, c.start, c.end)   # spans only are read
    neg = _NEGS[1][key]
    if neg is None:
        return False
    hs = hedges if isinstance(hedges, _Hedges) else _Hedges(hedges)
    lo, hi = hs.within(c)
    # another hedge of the clause weighs it: one that ends before the negation or starts 3 or more after it (the
    # clause's hedges are in order, so the first and the last tell)
    return not (lo < hi and (hs.ends[lo] <= neg.start() or hs.starts[hi - 1] >= neg.end() + 3))


def _in_clause(text: str, sentence: Span, match: ActorMatch, hedges: list[HedgeMatch]) -> list[HedgeMatch]:
    """The hedges of the clause naming the actor: "the FBI said Lazarus stole $41 million, and investigators are
    looking into whether North Korea was behind another theft" -- the second clause's doubt is not the first's."""
    c = actor_clause(text, sentence, Span(match.start, match.end))
    return [h for h in hedges if h.start >= c.start and h.end <= c.end]


def _stance_for(text: str, sentence: Span, match: ActorMatch, hedges: list[HedgeMatch]) -> tuple[Stance, str | None, str | None]:
    """The stance the hedges of the actor's clause (``hedges``, in ``find_hedges`` order) take on it."""
    hs = _Hedges(hedges)
    return _stance_near(text, match, hs, 0, len(hedges))


def _stance_near(text: str, match: ActorMatch, hs: _Hedges, lo: int, hi: int) -> tuple[Stance, str | None, str | None]:
    """The stance the hedges ``hs.all[lo:hi]`` (the actor's clause) take on the actor: the nearest one decides.

    The hedges are ranked by distance from the name; only those within ``reach`` characters are read, and the
    reach grows (to the whole clause at most) until it holds the deciding hedge and every hedge of doubt that
    could overrule it: a clause naming thousands of actors costs each of them its neighbourhood only."""
    if lo >= hi:
        return Stance.CONFIRMED, None, "almost certain"

    def dist(h: HedgeMatch) -> int:
        if h.end <= match.start:
            return match.start - h.end
        if h.start >= match.end:
            return h.start - match.end + 10   # hedges before the name weigh a little more
        return 0

    def kept(h: HedgeMatch) -> bool:
        # "carried out by Lazarus and Andariel, linked to the RGB": a phrase set off after the name describes the
        # group, it does not weigh the attribution
        if h.start >= match.end and h.hedge.stance == Stance.SUSPECTED and _TIES.match(h.hedge.phrase) \
                and _APPOSITIVE.fullmatch(text, match.end, h.start):
            return False
        # "the theft from the Ronin bridge linked to the game Axie Infinity": a hedge that ties a thing to a product
        # or a company describes that thing, not the actor named before it
        return not (h.start >= match.end and _TIES.match(h.hedge.phrase) and _TO_A_THING.match(text, h.end))

    reach = 64
    while True:
        a = max(lo, bisect_left(hs.starts, match.start - reach - hs.longest))
        b = min(hi, bisect_right(hs.starts, match.end + reach))
        whole = a == lo and b == hi
        # the clause's hedges ranked by distance, exact up to ``reach`` (all of them once ``whole``)
        ranked = sorted((h for h in hs.all[a:b] if kept(h) and (whole or dist(h) <= reach)),
                        key=lambda h: (dist(h), h.start))
        if whole and not ranked:
            return Stance.CONFIRMED, None, "almost certain"
        for h in ranked:
            # "North Korea denied" is the accused denying, not the text clearing them
            if h.hedge.stance == Stance.DENIED and h.start >= match.end and \
                    _ACCUSED_GAP.fullmatch(text, match.end, h.start):
                continue
            # a hedge of doubt lies within dist(h) + len(h) + 40 of the name: all of them must be in reach
            if not whole and dist(h) + (h.end - h.start) + 40 > reach:
                break
            # a confirmation nearest the name holds, unless a word of doubt governs it ("believed to have
            # carried out", "similar patterns to hacks carried out by") or sits as close to the name
            if h.hedge.stance == Stance.CONFIRMED:
                doubt = [x for x in ranked if x.hedge.stance == Stance.SUSPECTED and (
                    dist(x) <= dist(h) + 15 or (x.end <= h.start and h.start - x.end <= 40))]
                if doubt:
                    d = doubt[0]
                    return Stance.SUSPECTED, d.hedge.phrase, d.hedge.word
            return h.hedge.stance, text[h.start:h.end], h.hedge.word
        else:
            if whole:
                return Stance.SUSPECTED, None, "likely"
        reach *= 4


_TIES = re.compile(r"(?:linked|tied|associated|connected)\b")
_APPOSITIVE = re.compile(r"(?:\s*(?:,|and|&)\s*[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)*\s*,\s*")
# Who makes a claim that stays a suspicion however firmly put: analysts, researchers, blockchain-analytics and
# security firms. Officials, police, prosecutors and the victim itself make findings.
_ANALYST = re.compile(
    r"\b(?:analysts?|researchers?|experts?|sleuths?|analytics|security\s+(?:firms?|companies|company|researchers?)|"
    r"blockchain\s+(?:firms?|investigators?|intelligence)|on-?chain|Elliptic|Chainalysis|TRM(?:\s+Labs)?|"
    r"SlowMist|PeckShield|CertiK|Arkham|ZachXBT|Merkle\s+Science|Mandiant|Kaspersky|Group-IB|Recorded\s+Future|"
    r"Crystal\s+Blockchain|BlockSec|Cyvers|Halborn|Beosin|Immunefi|MistTrack|Lookonchain|Whale\s+Alert|"
    r"anti-?scam|anti-?fraud|Scam\s*Sniffer)\b",
    re.IGNORECASE)
_OFFICIAL = re.compile(r"\b(?:" + alternation("claimant_noun", "official") + r")\b", re.IGNORECASE)
# ... unless the firm states a finding outright ("security firms have confirmed", "X is responsible for")
_FIRM_FINDING = re.compile(r"(?:confirm\w*|responsible|definitive|proof|proved|proven)\b", re.IGNORECASE)
_TO_A_THING = re.compile(r"(?:\s+(?:to|with))?\s+(?:the\s+|a\s+|an\s+)?(?:popular\s+|online\s+|blockchain\s+|crypto\s+|mobile\s+)?"
                         r"(?:game|project|platform|exchange|company|protocol|app|token|blockchain|startup|metaverse|"
                         r"NFT|wallet\s+(?:app|provider)|brand)\b", re.IGNORECASE)


# Who voices a blame that is talk, not a finding: "some posts on social media", "several users", "rumours".
_HEARSAY = re.compile(r"\b(?:(?:some|several|many|a\s+few|other)\s+(?:[\w\-]+\s+)?(?:posts|users|commentators|observers|"
                      r"people|accounts|traders|influencers|tweets)|social\s+media|rumou?rs?|(?:online\s+)?speculation)\b",
                      re.IGNORECASE)


_HEARD: list = [None, {}]   # the text whose sentences were searched, and (start, end) -> _HEARSAY's first match


def _hearsay_before(text: str, sentence: Span, pos: int) -> str | None:
    """The words of ``_HEARSAY.search(text, sentence.start, pos)``, or None.

    Read from the sentence's first match (searched once per sentence: each of its actors asks) where cutting the
    text at ``pos`` cannot change it: the match ends by ``pos`` (or starts after it) and the cut does not split a
    word. Otherwise searched up to ``pos`` as written."""
    if _HEARD[0] is not text:
        _HEARD[0], _HEARD[1] = text, {}
    key = (sentence.start, sentence.end)
    if key not in _HEARD[1]:
        _HEARD[1][key] = _HEARSAY.search(text, sentence.start, sentence.end)
    first = _HEARD[1][key]
    split = 0 < pos < len(text) and _word_char(text[pos - 1]) and _word_char(text[pos])
    if split or first is not None and first.start() < pos < first.end():
        m = _HEARSAY.search(text, sentence.start, pos)
        return None if m is None else m.group(0)
    return first.group(0) if first is not None and first.end() <= pos else None


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def find_attributions(text: str, sentence: Span, matches: list[ActorMatch] | None = None) -> list[AttributionMention]:
    """Every threat actor named in ``sentence`` with the stance the sentence takes on it.

    ``matches``: the actor names already found in the sentence (the pipeline finds them once per text).
    """
    if matches is None:
        matches = find_actors(text, sentence.start, sentence.end)
    if not matches:
        return []
    hedges = _Hedges(find_hedges(text, sentence.start, sentence.end))
    out = []
    speakers: _Speakers | None = None
    said_officially: list[bool] = []   # does the sentence name an official source? (read once, if asked)

    def official() -> bool:
        if not said_officially:
            said_officially.append(bool(_OFFICIAL.search(text, sentence.start, sentence.end)))
        return said_officially[0]

    question = text[sentence.start : sentence.end].rstrip().endswith("?")
    # "TraderTraitor is believed to be part of the Lazarus Group": which group belongs to which, not who did it
    membership: set[int] = set()
    for k in range(len(matches) - 1):
        if _MEMBERSHIP.fullmatch(text, matches[k].end, matches[k + 1].start):
            membership |= {k, k + 1}
    for k, m in enumerate(matches):
        if k in membership or _not_attributed(text, sentence, m, hedges):
            continue
        if _standing_denial(text, sentence, m, hedges) and not (
                lookup_actor(m.actor.name) is None and not m.actor.state and person_stance(text, m) == Stance.DENIED):
            continue   # (a person the text made a suspect, denying it, answers the suspicion: kept as a denial)
        # (= _stance_for(text, sentence, m, _in_clause(text, sentence, m, hedges.all)))
        stance, hedge, word = _stance_near(text, m, hedges, *hedges.within(actor_clause(text, sentence, Span(m.start, m.end))))
        if stance == Stance.CONFIRMED and (question or (
                lookup_actor(m.actor.name) is None and person_stance(text, m) == Stance.SUSPECTED)):
            # "Is North Korea behind the hack?", "an exit scam conducted by Sun": asked or claimed, not established
            stance, hedge, word = Stance.SUSPECTED, hedge or ("?" if question else None), "likely"
        elif lookup_actor(m.actor.name) is None and m.actor.parent is None and not m.actor.state \
                and person_stance(text, m) == Stance.DENIED:
            stance, hedge, word = Stance.DENIED, hedge or "maintained", "remote"   # a person maintaining innocence
        elif stance == Stance.SUSPECTED and not question and lookup_actor(m.actor.name) is None and m.actor.parent is None \
                and not m.actor.state and person_stance(text, m) == Stance.CONFIRMED:
            # "X told the judge he was the hacker ..., ending years of speculation": his own admission or a court's
            # finding outweighs a hedge elsewhere in the sentence
            stance, hedge, word = Stance.CONFIRMED, None, "almost certain"
        if speakers is None:
            speakers = _Speakers(text, sentence)
        claimant = speakers.nearest(m.start)   # = find_claimant(text, sentence, m.start)
        if claimant and find_actors(claimant):
            claimant = None
        talk = _hearsay_before(text, sentence, m.start) if stance == Stance.CONFIRMED else None
        if talk is not None:
            # "Some posts on social media blamed ...", "rumours pinned it on ...": talk, not a finding
            stance, hedge, word = Stance.SUSPECTED, hedge or talk, "likely"
        if stance == Stance.CONFIRMED and claimant and _ANALYST.search(claimant) and not _OFFICIAL.search(claimant) \
                and not (hedge and _FIRM_FINDING.match(hedge)) and not official():
            # "Elliptic said ...", "researchers say ...": an analytics firm's or analysts' reading, not an official finding
            stance, hedge, word = Stance.SUSPECTED, hedge or claimant, "likely"
        if stance == Stance.CONFIRMED and _KIT.fullmatch(m.surface):
            # a drainer kit named as the tool used (known or not) points at its operators, who stay suspects
            stance, hedge, word = Stance.SUSPECTED, hedge or claimant, "likely"
        out.append(AttributionMention(
            Span(m.start, m.end),
            Attribution(actor=m.actor.name, stance=stance, hedge=hedge, probability=word, claimant=claimant,
                        surface_actor=m.surface),
            m,
        ))
    return out


# Clauses about an actor's habits or record, not about one incident: "North Korea is known to target exchanges",
# "North Korean groups target crypto platforms, stealing billions", "crypto stolen last year by North Korea".
_BACKGROUND = re.compile(
    r"\b(?:exchanges|platforms|attacks|heists|hacks|thefts|companies|firms|institutions|banks|organi[sz]ations|"
    r"businesses|(?:is|are|was|were|has\s+been|have\s+been)\s+known|"
    r"has\s+(?:been\s+)?(?:stolen|targeting|targeted|linked|behind)|have\s+(?:been\s+)?stolen|"
    r"history|previous(?:ly)?|in\s+the\s+past|since|years|programs?|regime|sanctions|"
    r"billions|(?:last|this|every|each|a)\s+year|is\s+targeting|are\s+targeting|target\s+(?:crypto|\w+\s+)?\w+s\b)\b",
    re.IGNORECASE,
)
# Words that tie a clause to one incident: "the attack", "this hack", "the exchange", "its wallets".
_THIS_INCIDENT = re.compile(
    r"\b(?:the|this|that|its|their|last\s+\w+['’]s|the\s+(?:latest|recent))\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:" + attack_nouns(plus=("hacking", "compromise", "robbery", "raid", "intrusion")) + r"|"
    r"exchange|platform|protocol|bridge|wallets?|funds|loot)(?![\w-])",
    re.IGNORECASE,
)
_CLAUSE_CUT = re.compile(r"[;:]|[,—–]\s*(?:but|while|whereas|although|though|and|yet)\b|\b(?:but|whereas)\b|\s[—–]\s")


def refers_to_incident(text: str, span: Span) -> bool:
    """Does ``span`` point at one incident ("the attack", "this hack", "the exchange", "its wallets")?"""
    return bool(_THIS_INCIDENT.search(text, span.start, span.end))


_CUTS: list = [None, {}]   # the text whose sentences' clause cuts are kept, and (start, end) -> (starts, ends)


def _clause_cuts(text: str, sentence: Span) -> tuple[list[int], list[int]]:
    """Starts and ends of the _CLAUSE_CUT matches of ``sentence``, found once per sentence of the current text."""
    if _CUTS[0] is not text:
        _CUTS[0], _CUTS[1] = text, {}
    key = (sentence.start, sentence.end)
    got = _CUTS[1].get(key)
    if got is None:
        ms = list(_CLAUSE_CUT.finditer(text, sentence.start, sentence.end))
        got = _CUTS[1][key] = ([m.start() for m in ms], [m.end() for m in ms])
    return got


def actor_clause(text: str, sentence: Span, span: Span) -> Span:
    """The clause of ``sentence`` around the actor name at ``span`` (cut at ';', ', but', ', while', dashes)."""
    starts, ends = _clause_cuts(text, sentence)
    # the cuts do not overlap, so their starts and their ends both ascend
    j = bisect_right(ends, span.start)          # the cuts that end before the name
    lo = ends[j - 1] if j else sentence.start
    k = bisect_left(starts, span.end)           # the first cut that starts after it
    hi = starts[k] if k < len(starts) else sentence.end
    return Span(lo, max(lo, hi))


def is_background(text: str, sentence: Span, span: Span) -> bool:
    """Does the clause naming this actor speak of its habits or record rather than of one incident?

    Such a clause has a word of habit or record, nothing that points at one incident ("the attack",
    "the exchange") and no attributing phrase ("believed to", "was behind", "linked to").
    """
    c = actor_clause(text, sentence, span)
    said = None
    for said in _SAID.finditer(text, c.start, span.start):
        pass
    if said is not None:
        # "Security firms that analysed the code said it contained the X kit": who speaks is not what is said
        c = Span(said.end(), c.end)
    if _BACKGROUNDS[0] is not text:
        _BACKGROUNDS[0], _BACKGROUNDS[1] = text, {}
    key = (c.start, c.end)
    got = _BACKGROUNDS[1].get(key)
    if got is None:   # the actors of one clause share the answer
        got = _BACKGROUNDS[1][key] = (bool(folded(_BACKGROUND).search(text, c.start, c.end))
                                      and not folded(_THIS_INCIDENT).search(text, c.start, c.end)
                                      and not find_hedges(text, c.start, c.end))
    return got


_SAID = re.compile(r"\b(?:said|says|say|told\s+\w+|wrote|writes|stated|noted|added)\b")
_BACKGROUNDS: list = [None, {}]   # the text whose clauses were read, and (start, end) -> is_background's answer


# A named person the text holds responsible: "Is Justin Sun behind the hack?", "Ilya Lichtenstein admitted he
# hacked Bitfinex", "suspect Sun's involvement", "an exit scam conducted by Sun". Only under these phrasings, so
# executives and analysts quoted in the story are not read as culprits.
_LOW = "a-zß-öø-ÿā-ž"   # lower-case letters, accented ones too ("Karpelès", "Kovač")
_WORD = rf"[A-Z][{_LOW}]+(?:[\-'][A-Z]?[{_LOW}]+)?"
# name words stand on one line (a headline ending in a name is not part of it); a middle initial
# ("Charles O. Parks") and a generational suffix ("Parks III") belong to the name
_INITIAL = r"(?:[ \t]+[A-Z]\.)?"
_SUFFIX = r"(?:[ \t]+(?:Jr\.|Sr\.|II|III|IV)(?![A-Za-z]))?"
_PERSON = rf"(?P<name>{_WORD}{_INITIAL}(?:[ \t]+{_WORD}){{1,2}}{_SUFFIX})"
_SURNAME = rf"(?P<name>[A-Z][{_LOW}]{{2,}}(?:[ \t]+{_WORD}){{0,2}})"
_NAMED = rf"(?P<name>{_WORD}(?:{_INITIAL}(?:[ \t]+{_WORD}){{1,2}}{_SUFFIX})?)"   # a full name or a surname alone
# what an attacker is charged with
_CRIME = (r"(?:hack(?:ed|ing)?|st(?:ole|ealing)|theft|breach(?:ed|ing)?|siphon(?:ed|ing)?|br(?:oke|eaking)\s+into|"
          r"gain(?:ed|ing)\s+access|exploit(?:ed|ing)?|drain(?:ed|ing)?|(?:de)?fraud(?:ed|ing)?|scheme)")
# "prosecutors charged two men, A B and C D, with hacking ...": the charge words before the names and what they are
# charged with after them (not laundering), shared by the cues for the first and the second name
_CHARGED = (r"\b(?:charged|indicted|(?:charges|an\s+indictment)\s+against)\s+(?:(?:two|three|four|a|an|the)\s+)?"
            r"(?:[\w\-]+\s+){0,3}?")
_PLAIN_NAME = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}"
_CHARGED_WITH = (r",?\s+(?:with|alleging|accusing|over|for)\b(?:(?!launder)[^.;]){0,80}?\b(?:hack(?:ed|ing)?|"
                 r"st(?:ole|ealing)|theft|breach(?:ed|ing)?|siphon(?:ed|ing)?|br(?:oke|eaking)\s+into|gain(?:ed|ing)\s+access)\b")
# What a court finds a person did to a platform (the two conviction cues below; the first also takes "fraud", "scheme")
_CONVICTED_OF = (r"hack(?:ed|ing|s)?|st(?:ole|ealing)|thefts?|breach(?:ed|ing|es)?|exploit(?:ed|ing|s)?|attack(?:s|ed|ing)?|manipulat\w+|"
                 r"drain(?:ed|ing)?|embezzl\w+|misappropriat\w+|defraud\w*|fraud")

# Parts of person cues (below) that are rare in news and found fast on their own: a cue holding one is run only
# where it is found (see _CUE_GATES); the cue itself opens with a name and would be tried at every capital.
_GONE_WITH_FUNDS = (r"(?:vanished|disappeared|fled|absconded|went\s+missing|went\s+into\s+hiding)\b"
                    r"[^.;]{0,80}?\b(?:funds|money|coins|bitcoins?|crypto\w*|assets|deposits|savings|proceeds|millions|keys)\b")
_AUTHORITIES_SAY = (r"(?:[Pp]rosecutors|[Pp]olice|[Ii]nvestigators|[Aa]uthorities|[Tt]he\s+(?:indictment|complaint|charge\s+sheet))"
                    r"\s+(?:say|says|said|allege|alleges|alleged|claim|claims|claimed|contend|contends)\s+")

_PERSON_CUES: tuple[tuple[re.Pattern[str], Stance], ...] = (
    (re.compile(rf"\b(?:Is|Was|Could|Did)\s+{_PERSON}\s+(?:be\s+)?(?i:behind|responsible\s+for)\b"), Stance.SUSPECTED),
    # (a plea to fraud counts, one to laundering alone does not: "pleaded guilty to a wire fraud conspiracy")
    (re.compile(rf"{_PERSON}(?:,[^,.;]{{1,60}},)?\s+(?:has\s+|had\s+)?(?:(?:admitted|admits|confessed|confesses|"
                rf"pleaded\s+guilty|pleads\s+guilty)\b[^.;]{{0,120}}?\b(?:hack(?:ed|ing)?|st(?:ole|ealing)|theft|"
                rf"breach(?:ed)?|exploit(?:ed|ing)?|br(?:oke|eaking)\s+into)|pleade?d?s?\s+guilty\b(?:(?!launder)[^.;]){{0,80}}?"
                rf"\bfraud)\b"), Stance.CONFIRMED),
    # "Ilya Lichtenstein, the tech entrepreneur who admitted breaking into the exchange"
    (re.compile(rf"{_PERSON},\s+(?:the|a|an)\s+[^,.;]{{0,60}}?\bwho\s+(?:has\s+|had\s+)?(?:admitted|confessed|"
                rf"pleaded\s+guilty\s+to)\s+(?:to\s+)?(?:hack(?:ing)?|st(?:ole|ealing)|br(?:oke|eaking)\s+into|"
                rf"carrying\s+out|orchestrating)\b"), Stance.CONFIRMED),
    # "prosecutors charged two Russian nationals, Alexey Bilyuchenko and Aleksandr Verner, alleging that they had
    # hacked the exchange": charged, not convicted
    (re.compile(rf"{_CHARGED}(?:nationals?|men|man|suspects?|people|individuals|hackers?|citizens?|residents?),?\s+{_PERSON}"
                rf"(?=(?:\s+and\s+{_PLAIN_NAME})?{_CHARGED_WITH})"), Stance.SUSPECTED),
    (re.compile(rf"{_CHARGED}(?:nationals|men|suspects|people|individuals|hackers|citizens|residents),?\s+"
                rf"{_PLAIN_NAME}\s+and\s+{_PERSON}(?={_CHARGED_WITH})"), Stance.SUSPECTED),
    # "Mark Karpeles, the chief executive, always maintained he had not taken the coins": the accused denying,
    # told as the story's record of a person cleared or maintaining innocence
    (re.compile(rf"{_PERSON}(?:,[^,.;]{{1,60}},)?\s+(?:has\s+|had\s+)?(?:always\s+|long\s+|consistently\s+)?"
                rf"(?:maintained|insisted|denied)\s+(?:that\s+)?(?:he|she|they)\s+(?:had|has|was|were|did)\s+(?:not|never)\s+"
                rf"(?:taken|stolen|hacked|been\s+involved|involved|behind|responsible|st(?:ole|eal)|take)\b"), Stance.DENIED),
    # "Jane Roe has always denied stealing the coins", or the denial told of the person the sentence before ends on
    # ("Suspicion fell on its founder, Jane Roe. She has always denied any involvement.")
    (re.compile(rf"{_PERSON}(?:(?:,[^,.;]{{1,60}},)?|\.\s+(?:He|She))\s+(?:has\s+|had\s+)?(?:always\s+|long\s+|consistently\s+|repeatedly\s+)?"
                rf"(?:denied|denies)\s+(?:taking|stealing|hacking|any\s+(?:involvement|role|wrongdoing)|involvement|wrongdoing|"
                rf"(?:any\s+)?part\s+in)\b"), Stance.DENIED),
    # "John Doe told a federal judge that he was the hacker who broke into the exchange": a confession in court
    (re.compile(rf"{_PERSON}(?:,[^,.;]{{1,60}},)?\s+(?:told|informed)\s+(?:a|the)\s+(?:[\w\-]+\s+){{0,2}}?(?:judge|court|jury)\b"
                rf"[^.;]{{0,80}}?\bthat\s+(?:he|she)\s+(?:was\s+the\s+(?:[\w\-]+\s+)?(?:hacker|thief|attacker|person|man|woman|one)\s+"
                rf"(?:who|behind)|had\s+(?:hacked|stolen|broken\s+into)|hacked|stole|broke\s+into)\b"), Stance.CONFIRMED),
    # "John Doe, 41, is accused of defrauding the exchange", "Doe was charged in federal court with wire fraud": a
    # person the authorities charge with the attack (not with laundering its proceeds) is a suspect
    (re.compile(rf"{_NAMED}(?:,[^,.;]{{1,60}})?,?\s+(?:is|was|has\s+been|had\s+been)\s+(?:accused|charged|indicted)\b"
                rf"(?:(?!launder)[^.;]){{0,100}}?\b(?:{_CRIME}|embezzl\w+|misappropriat\w+|defraud\w*)\b"), Stance.SUSPECTED),
    # the boss or insider gone with the funds: "its founder, Jane Roe, vanished along with the funds", "founder Jane Roe
    # fled the country with the money", "Jane Roe, who ran the exchange, disappeared with customers' coins"
    (re.compile(rf"{_PERSON}(?:,[^.;]{{1,80}}?,)?,?\s+(?:has\s+|had\s+|then\s+|later\s+|reportedly\s+|allegedly\s+)?"
                rf"{_GONE_WITH_FUNDS}"),
     Stance.SUSPECTED),
    # "police arrested a former employee, Jane Roe, on suspicion of taking the coins"
    # ("police in Lisbon arrested Jane Roe, 27, on suspicion of carrying out the attack")
    (re.compile(rf"\b(?:arrested|detained|apprehended|held)\s+(?:(?:a|an|the|its)\s+[^,.;]{{0,40}}?,\s+)?{_PERSON}"
                rf"(?:,[ \t]+(?:\d{{1,3}}|aged[ \t]+\d{{1,3}}|[^,.;]{{1,60}}?),)?,?\s+"
                rf"(?:on\s+suspicion\s+of|over|in\s+connection\s+with|for|accused\s+of|suspected\s+of)\b[^.;]{{0,80}}?"
                rf"\b(?:{_CRIME}|taking|embezzl\w+|misappropriat\w+|defraud\w*|fraud|attacks?|heists?)"), Stance.SUSPECTED),
    # "John Doe, 27, was arrested in Lisbon in connection with the theft", "Doe was extradited to face charges over the
    # hack": held for the attack (not for laundering its proceeds), not convicted
    (re.compile(rf"{_PERSON}(?:,[^,.;]{{1,60}},)?\s+(?:was|has\s+been|had\s+been|is\s+being)\s+(?:arrested|detained|"
                rf"extradited|apprehended)\b(?:(?!launder)[^.;]){{0,100}}?\b(?:on\s+suspicion\s+of|in\s+connection\s+with|"
                rf"over|for|to\s+face\s+charges)\b(?:(?!launder)[^.;]){{0,80}}?\b(?:{_CRIME}|attacks?|heists?)\b"),
     Stance.SUSPECTED),
    # "Prosecutors say John Doe stole the coins with a borrowed password": an allegation made of a named person
    (re.compile(rf"\b{_AUTHORITIES_SAY}(?:that\s+)?{_PERSON}\s+"
                rf"(?:had\s+|has\s+)?(?:stole|hacked|drained|exploited|siphoned|broke\s+into|carried\s+out|orchestrated|"
                rf"masterminded)\b"), Stance.SUSPECTED),
    # "Jane Roe, who founded the exchange in 2019, allegedly moved the coins to her own wallets"
    (re.compile(rf"{_PERSON}(?:,[^.;]{{1,80}}?,)?\s+(?:is\s+alleged\s+to\s+have|allegedly|is\s+accused\s+of\s+having|"
                rf"is\s+suspected\s+of\s+having)\s+(?:transferred|moved|stolen|stole|taken|took|siphoned|embezzled|"
                rf"diverted|drained|misappropriated|transferring|moving|stealing|taking|siphoning|embezzling|diverting|draining)\b"),
     Stance.SUSPECTED),
    (re.compile(rf"\b(?:suspect|suspects|suspected|suspecting|speculate|speculated)\s+(?:that\s+)?{_SURNAME}(?:['’]s)?\s+"
                rf"(?:involvement|role|hand|was\s+behind|is\s+behind|of\s+(?:orchestrating|staging|faking))\b"),
     Stance.SUSPECTED),
    (re.compile(rf"\b(?:exit\s+scam|inside\s+job|self-?hack|fake\s+hack|heist|hack|attack|theft)\s+"
                rf"(?:was\s+|had\s+been\s+)?(?:conducted|orchestrated|masterminded|staged|perpetrated)\s+by\s+{_SURNAME}\b"),
     Stance.SUSPECTED),
    # "a jury convicted Jane Roe of fraud over her attack on the exchange", "Court finds Jane Roe guilty over the
    # $5 million theft", "John Doe was convicted of stealing ...": a court's finding
    # ("a judge sentenced John Doe, a former engineer, to four years in prison for attacks on two exchanges")
    (re.compile(rf"\b(?:convicted|convicts|finds|found|sentenced|sentences)\s+{_PERSON}(?:,[^,.;]{{1,60}},)?\s+"
                rf"(?:to\s+[^,.;]{{1,60}}?\s+)?(?:guilty\s+)?(?:of|over|for|in)\b"
                rf"[^.;]{{0,120}}?\b(?:{_CONVICTED_OF}|fraud|scheme)\b"), Stance.CONFIRMED),
    (re.compile(rf"{_PERSON}(?:,[^,.;]{{1,60}},)?\s+(?:was|has\s+been|had\s+been|is)\s+(?:convicted|found\s+guilty|sentenced)\b"
                rf"[^.;]{{0,120}}?\b(?:{_CONVICTED_OF})\b"), Stance.CONFIRMED),
    # "Suspicion among users quickly fell on Jane Roe, the founder": talk that points at a person, not a finding
    (re.compile(rf"\b(?:[Ss]uspicions?|[Bb]lame|[Ff]ingers)\b[^.;]{{0,60}}?\b(?:fell|falls|fallen|turned|turns|focused|"
                rf"focuses|centred|centered|settled|pointed|point|rests?|rested)\s+(?:quickly\s+|squarely\s+)?(?:on|at|to)\s+"
                rf"{_PERSON}"), Stance.SUSPECTED),
    # "Roe has said from the start that outsiders took the coins and denies any wrongdoing": a person (a full name or
    # the surname of one named earlier) whose denial ends a clause of their own
    (re.compile(rf"{_NAMED}\s+(?:has|had|have|says|said|insists|insisted|maintains|maintained|argues|argued|blames|"
                rf"blamed)\b[^.;]{{0,160}}?\s(?:and|but)\s+(?:has\s+|had\s+)?(?:always\s+|consistently\s+|repeatedly\s+)?"
                rf"(?:denies|denied)\s+(?:any\s+)?(?:wrongdoing|involvement|role|responsibility|(?:taking|stealing|hacking)\b)"),
     Stance.DENIED),
)
# a word each cue of _PERSON_CUES (same order) cannot match without: a cue is tried only where one occurs
_PERSON_NEEDS: tuple[tuple[str, ...], ...] = (
    ("Is", "Was", "Could", "Did"), ("admit", "confess", "plead"), ("admitted", "confessed", "pleaded"),
    ("charge", "indict"), ("charge", "indict"), ("maintained", "insisted", "denied"), ("denied", "denies"),
    ("told", "informed"), ("accused", "charged", "indicted"),
    ("vanished", "disappeared", "fled", "absconded", "went"), ("arrested", "detained", "apprehended", "held"),
    ("arrested", "detained", "extradited", "apprehended"), ("say", "said", "allege", "claim", "contend"),
    ("alleg", "accused of having", "suspected of having"), ("suspect", "speculate"),
    ("conducted", "orchestrated", "masterminded", "staged", "perpetrated"),
    ("convict", "find", "found", "sentence"), ("convicted", "found", "sentenced"), ("uspicion", "lame", "ingers"),
    ("denies", "denied"),
)
# the parts of each cue (same order) found before it is run: every match of the cue holds a match of each
_CUE_GATES: tuple[tuple[re.Pattern[str], ...], ...] = tuple(
    tuple(re.compile(part) for part in (_GONE_WITH_FUNDS, _AUTHORITIES_SAY) if part in rx.pattern) for rx, _ in _PERSON_CUES)
# "an indictment charges Jane Roe, of Denver, John Doe, 31, and Ann Poe with wire fraud", "prosecutors accuse John
# Doe, of Leeds, of exploiting the protocol": one charge verb before a list of named people, each perhaps followed by
# an age or a home town, then what they are charged with (the attack, not laundering its proceeds)
_LISTED_APPOSITIVE = r"(?:,[ \t]+(?:\d{1,3}|aged[ \t]+\d{1,3}|of[ \t]+[A-Z][\w\-]*(?:(?:[ \t]+|,[ \t]+)[A-Z][\w\-]*){0,3}?))?"
_LISTED_PERSON = rf"{_WORD}{_INITIAL}(?:[ \t]+{_WORD}){{1,2}}{_SUFFIX}"
# (who they are may stand between the names and the charge: ", both of whom studied in Boston,", ", who ran the bot,")
_LISTED_WHO = r"(?:,[ \t]+(?:(?:both|all|each|neither|none)[ \t]+of[ \t]+(?:whom|them)|who)\b[^.;]{1,100}?)?"
_CHARGE_LIST = re.compile(
    rf"\b(?:charge[ds]?|charging|indict(?:ed|s)?|accuse[ds]?|accusing)\s+(?:(?:two|three|four|five|a|an|the)\s+)?"
    rf"(?:[\w\-]+\s+){{0,3}}?(?:(?:nationals?|men|man|wom[ae]n|suspects?|people|individuals|hackers?|citizens?|"
    rf"residents?|defendants?|brothers?|sisters?|siblings|cousins|twins|friends|partners|developers?|engineers?|"
    rf"programmers?|students?|founders?|traders?),?\s+)?"
    rf"(?P<list>{_LISTED_PERSON}{_LISTED_APPOSITIVE}(?:(?:,[ \t]+and|,|[ \t]+and)[ \t]+{_LISTED_PERSON}{_LISTED_APPOSITIVE}){{0,5}})"
    rf"{_LISTED_WHO},?\s+(?:with|of|over|for|in\s+connection\s+with)\b(?:(?!launder)[^.;]){{0,100}}?\b{_CRIME}\b")
_LISTED_NAME = re.compile(rf"(?P<name>{_LISTED_PERSON}){_LISTED_APPOSITIVE}")


def _charged_in_list(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The names of the people a charge verb names in a list (_CHARGE_LIST), as matches with a ``name`` group."""
    if "charg" not in text[start:end] and "indict" not in text[start:end] and "accus" not in text[start:end]:
        return
    for m in _CHARGE_LIST.finditer(text, start, end):
        yield from _LISTED_NAME.finditer(text, m.start("list"), m.end("list"))


_NOT_PERSON_WORDS = frozenset(
    """The This That These Those North South East West Korean Korea Japan Chinese China Russian Russia United States
    American Federal Department National Security Bureau Agency Group Labs Lab Inc Ltd Exchange Network Finance
    Protocol Bridge Chain Capital Bank Service Services Intelligence Police Ministry Office Court Times Post News
    Analytics Research Foundation Team Crypto Bitcoin Ethereum Blockchain DeFi Global Digital Asset Assets Markets
    Heco Wallet Wallets Binance Coinbase Security Cyber Hackers Hacker Attackers Investigators Researchers""".split()
)


def _person_ok(name: str) -> bool:
    words = name.split()
    return not any(w in _NOT_PERSON_WORDS for w in words) and not find_actors(name)


def find_person_actors(text: str, start: int = 0, end: int | None = None) -> list[ActorMatch]:
    """People the text holds responsible for an attack (see _PERSON_CUES), as actor matches.

    A surname alone ("conducted by Sun") is named by the full name written earlier in the text ("Justin Sun").
    Each match's actor carries the stance its phrasing takes in ``Actor.parent`` = None and ``state`` False.
    """
    from heistwatch.reference.actors import Actor
    from heistwatch.reference.platforms import find_platforms

    end = len(text) if end is None else end
    out: list[ActorMatch] = []
    segment = text[start:end]
    cued = [rx.finditer(text, start, end) for k, (rx, _) in enumerate(_PERSON_CUES)
            if (k >= len(_PERSON_NEEDS) or any(w in segment for w in _PERSON_NEEDS[k]))
            and all(started(g).search(text, start, end) is not None for g in _CUE_GATES[k])]
    seen: set[tuple[int, int]] = set()
    for found in [*cued, _charged_in_list(text, start, end)]:
        for m in found:
            name = m.group("name")
            if " " not in name:
                full = re.search(rf"\b[A-Z][{_LOW}]+{_INITIAL}\s+{re.escape(name)}\b{_SUFFIX}", text[: m.start("name")])
                if full is None:
                    continue
                name = full.group(0)
            if not _person_ok(name) or find_platforms(name) or (m.start("name"), m.end("name")) in seen:
                continue
            seen.add((m.start("name"), m.end("name")))
            actor = Actor(name=name, country=None, state=False, attack_id=None, parent=None, aliases=(name,))
            out.append(ActorMatch(m.start("name"), m.end("name"), actor, m.group("name")))
    out.extend(_deeds_told_later(text, out, end))
    out.extend(_denials_told_later(text, out, end))
    out.extend(_drainer_kits(text, start, end, seen))
    out.extend(_named_groups(text, start, end, seen))
    out.sort(key=lambda a: a.start)
    return out


# A drainer kit sold as a service, named as the tool of thefts ("built with Venom Drainer", "Inferno Drainer helped
# thieves take ..."): its operators are the suspects
_KIT = re.compile(rf"\b(?P<name>(?!(?:The|A|An|This|That|Wallet|Crypto|Token|NFT|Each|Every|One)\b)[A-Z][{_LOW}]+[ \t]+Drainer)\b")


def _drainer_kits(text: str, start: int, end: int, seen: set[tuple[int, int]]) -> list[ActorMatch]:
    """Drainer kits named in ``text[start:end]`` that the actor table does not know, as actor matches (suspected)."""
    from heistwatch.reference.actors import Actor

    if "Drainer" not in text[start:end]:
        return []
    out = []
    for m in _KIT.finditer(text, start, end):
        name = m.group("name")
        if (m.start(), m.end()) in seen or find_actors(name):
            continue
        actor = Actor(name=name, country=None, state=False, attack_id=None, parent=None, aliases=(name,))
        out.append(ActorMatch(m.start(), m.end(), actor, name))
    return out


# A group the actor table does not know, named by what it is: "the hacker group Coinhoarder", "a cybercrime gang
# called Crypto Cartel", "Coinhoarder, a Ukrainian hacking group", "the Bitkeeper hacking crew". The name is one or
# two capitalised words (quoted or not); its stance comes from the sentence, like any actor's. One person behind an
# alias is named the same way ("a hacker using the alias 'Vortex'", "a vendor known as DarkMango").
_GROUP_NOUN = r"(?:hacker|hacking|hackers'|cyber-?criminal|cybercrime|criminal|threat|ransomware|extortion|APT)[ \t]+" \
              r"(?:group|gang|collective|crew|outfit|syndicate|ring|actor)"
_GROUP_NAME = rf"[\"“'‘]?(?P<{{}}>[A-Z][\w\-]*[{_LOW}\d][\w\-]*(?:[ \t]+[A-Z][\w\-]*[{_LOW}\d][\w\-]*)?)[\"”'’]?"
# how one person or group is said to be called: "using the alias", "known as", "calling itself"
_CALLED = (r"(?:(?:using|under|with)[ \t]+the[ \t]+(?:alias|name|handle|pseudonym|moniker|username)|known[ \t]+as|"
           r"who[ \t]+(?:goes|went)[ \t]+by|calling[ \t]+(?:himself|herself|themselves|itself)|dubbed|nicknamed)")
_NAMED_GROUPS = (   # each found on its own: "the Ukrainian hacker group Coinhoarder" must not hide behind "the ... group"
    re.compile(rf"\b{_GROUP_NOUN}[ \t]+(?:(?:called|named|dubbed|known[ \t]+as)[ \t]+)?{_GROUP_NAME.format('name')}"),
    re.compile(rf"(?<![\w\-]){_GROUP_NAME.format('name')},[ \t]+(?:an?|the)[ \t]+(?:[\w\-]+[ \t]+){{0,2}}?{_GROUP_NOUN}\b"),
    re.compile(rf"\b[Tt]he[ \t]+{_GROUP_NAME.format('name')}[ \t]+{_GROUP_NOUN}\b"),
    # one person behind an alias: "a hacker using the alias 'Vortex'", "a forum vendor known as DarkMango"
    # (and a group by its own name: "a group calling itself Dark Harbor")
    re.compile(rf"\b(?:hacker|attacker|vendor|seller|scammer|fraudster|thief|user|developer|individual|person|actor|"
               rf"group|gang|collective|crew)s?[ \t]+{_CALLED}[ \t]+{_GROUP_NAME.format('name')}"),
)
# What each of _NAMED_GROUPS holds (same order), found first in the span: a pattern is not run where it is not found
# (the group nouns and the words of an alias are rare; the patterns would scan the whole text)
_GROUP_NOUN_FOUND = re.compile(_GROUP_NOUN)
_CALLED_FOUND = re.compile(_CALLED)
_NAMED_GROUP_GATES = (_GROUP_NOUN_FOUND, _GROUP_NOUN_FOUND, _GROUP_NOUN_FOUND, _CALLED_FOUND)
_NOT_GROUP_NAMES = frozenset("""The A An This That These Those It Its Their Which Who Whose Has Have Had Was Were Is Are
    Last Earlier Later Another Same One Two Three Some Several Many Most Other Such Each Every In On At By For From With
    Group Gang Hackers Hacker Attackers Researchers Investigators Police Officials Crypto Bitcoin Ethereum""".split())


def _named_groups(text: str, start: int, end: int, seen: set[tuple[int, int]]) -> list[ActorMatch]:
    """Groups named in ``text[start:end]`` by a group noun (_NAMED_GROUPS) that the actor table does not know."""
    from heistwatch.reference.actors import Actor
    from heistwatch.reference.places import is_place
    from heistwatch.reference.platforms import find_platforms

    segment = text[start:end].lower()
    if not any(w in segment for w in ("group", "gang", "collective", "crew", "outfit", "syndicate", "ring", "actor",
                                      "alias", "known as", "name", "handle", "pseudonym", "moniker", "goes by", "went by",
                                      "calling", "dubbed", "nicknamed")):
        return []
    out = []
    found = {id(g): started(g).search(text, start, end) is not None for g in set(_NAMED_GROUP_GATES)}
    tried = [rx for rx, gate in zip(_NAMED_GROUPS, _NAMED_GROUP_GATES) if found[id(gate)]]
    for m in (m for rx in tried for m in rx.finditer(text, start, end)):
        name = m.group("name")
        a, b = m.span("name")
        words = name.split()
        if ((a, b) in seen or words[0] in _NOT_GROUP_NAMES or is_place(name) or is_place(words[0])
                or find_actors(name) or find_platforms(name)):
            continue
        seen.add((a, b))
        actor = Actor(name=name, country=None, state=False, attack_id=None, parent=None, aliases=(name,))
        out.append(ActorMatch(a, b, actor, name))
    return sorted(out, key=lambda x: x.start)


# "According to the indictment, Roe exploited the protocol's contracts in May": a person the text has already charged,
# confessed or convicted, named again by surname as the doer of an attack
_DEED = re.compile(r"\s+(?:(?:allegedly|also|then|later|first|is\s+(?:accused|alleged)\s+(?:of|to\s+have))\s+)?"
                   r"(?:exploit(?:ed|ing)|hack(?:ed|ing)|st(?:ole|ealing)|drain(?:ed|ing)|siphon(?:ed|ing)|"
                   r"br(?:oke|eaking)\s+into|attack(?:ed|ing))\b")


def _deeds_told_later(text: str, people: list[ActorMatch], end: int) -> list[ActorMatch]:
    """Later mentions of ``people`` (found by a cue) by surname alone as the doers of an attack (_DEED)."""
    out: list[ActorMatch] = []
    firsts: dict[str, ActorMatch] = {}
    for p in sorted(people, key=lambda a: a.start):
        firsts.setdefault(p.actor.name, p)
    taken = {(p.start, p.end) for p in people}
    for name, first in firsts.items():
        words = [w for w in name.split() if not re.fullmatch(r"Jr\.|Sr\.|II|III|IV|[A-Z]\.", w)]
        surname = words[-1]
        for m in re.finditer(rf"\b{re.escape(surname)}\b", text[:end]):
            if m.start() <= first.start or (m.start(), m.end()) in taken or not _DEED.match(text, m.end()):
                continue
            out.append(ActorMatch(m.start(), m.end(), first.actor, surname))
    return out


# "Suspicion fell on Jane Roe ... Roe rejected that in an interview": a suspect named again by surname as denying
_DENIAL = re.compile(r"(?:,[^,.;]{1,60},)?\s+(?:has\s+|had\s+)?(?:always\s+|flatly\s+|firmly\s+|strongly\s+|repeatedly\s+)?"
                     r"(?:rejected|rejects|denied|denies|dismissed|dismisses|disputed|disputes)\s+(?:that|this|it|the|those|these|"
                     r"any|all|claims|suggestions|accusations|allegations|speculation)\b")


def _denials_told_later(text: str, people: list[ActorMatch], end: int) -> list[ActorMatch]:
    """Later mentions by surname alone of ``people`` a cue made suspects, told as denying (_DENIAL)."""
    out: list[ActorMatch] = []
    taken = {(p.start, p.end) for p in people}
    for name, first in {p.actor.name: p for p in sorted(people, key=lambda a: a.start, reverse=True)}.items():
        words = [w for w in name.split() if not re.fullmatch(r"Jr\.|Sr\.|II|III|IV|[A-Z]\.", w)]
        if len(words) < 2 or _KIT.fullmatch(name) or person_stance(text, first) != Stance.SUSPECTED:
            continue
        for m in re.finditer(rf"\b{re.escape(words[-1])}\b", text[:end]):
            if m.start() > first.start and (m.start(), m.end()) not in taken and _DENIAL.match(text, m.end()):
                out.append(ActorMatch(m.start(), m.end(), first.actor, words[-1]))
    return out


def person_stance(text: str, match: ActorMatch) -> Stance | None:
    """The stance the phrasing that found a person (find_person_actors) takes, if it is one of them."""
    for rx, stance in _PERSON_CUES:
        for m in rx.finditer(text, max(0, match.start - 120), min(len(text), match.end + 160)):
            if m.start("name") == match.start:
                return stance
    for m in _charged_in_list(text, max(0, match.start - 400), min(len(text), match.end + 400)):
        if m.start("name") == match.start:
            return Stance.SUSPECTED
    if _KIT.fullmatch(match.surface):
        return Stance.SUSPECTED   # a drainer kit: its operators are suspects, whoever names the kit
    if " " not in match.surface and " " in match.actor.name and _DENIAL.match(text, match.end):
        return Stance.DENIED   # (found only after the same person was named a suspect: _denials_told_later)
    if " " not in match.surface and " " in match.actor.name and _DEED.match(text, match.end):
        # a surname told as the doer of an attack: the stance of the cue that named the person first
        first = next((p for p in find_person_actors(text, 0, match.start) if p.actor.name == match.actor.name
                      and p.start < match.start), None)
        return None if first is None else person_stance(text, first)
    return None
