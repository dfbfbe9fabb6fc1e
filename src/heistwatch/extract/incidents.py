"""Which victims the text describes as attacked, and which sentence speaks of which incident.

The text names many platforms; only some were attacked. Each mention of a candidate gets evidence
from the pattern that found it ("the hack of X", "X was drained": strong), from attack words in its
sentence, and against it from roles that are not a victim's ("sent to X", "X froze the funds").
A victim with enough evidence becomes an :class:`IncidentMention`. Then every sentence gets a focus:
the incidents it names, or, when it names none but speaks of "the exchange", "the attack", "the
hackers", the incident in focus just before it. Amounts, dates and actors are linked through it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from heistwatch.extract.model import Span
from heistwatch.extract.text import folded, lowered, quick
from heistwatch.extract.victims import (
    UNTRIGGERED,
    VictimMention,
    find_victim_candidates,
    patterns_by_sentence,
)
from heistwatch.reference.actors import find_actors
from heistwatch.reference.platforms import PlatformMatch, find_platforms, lookup
from heistwatch.reference.vocabulary import attack_nouns

ATTACK_CUE = re.compile(
    r"\b(?:hack(?:s|ed|ing|er|ers)?|stole|stolen|steal(?:s|ing)?|theft|thefts|thieves|heist|exploit(?:s|ed|er|ers)?|"
    r"breach(?:ed|es)?|attack(?:s|ed|er|ers)?|drain(?:s|ed|ing)?|compromis(?:e|ed|ing)|siphon(?:ed|ing)?|"
    r"looted|loot|robbed|robbery|cyber-?attacks?|malware|malicious|cyber-?crime|(?:spear-?)?phishing|ransomware|illicit(?:ly)?|"
    r"lost|lose|loses|losing|losses|loss|missing|unauthori[sz]ed|infiltrat\w+|intrusions?|crypto-?jacking|mined|mining\s+malware|"
    r"gone|vanish\w*|disappear\w*|outflows?|(?:suspicious|unauthori[sz]ed|abnormal|irregular|large)\s+(?:withdrawals?|transfers?|transactions?)|"
    r"broken\s+into|break-?ins?|penetrat(?:ed|ing|ion)|made\s+off\s+with|swiped|pilfered|snatched|plundered|vulnerabilit(?:y|ies)|flaw|bug|cyber-?heist|scandal|meltdown|collapse[ds]?|victims?|hijack\w*|emptied|intruders?)\b",
    re.IGNORECASE,
)

# Words that tell of a loss without saying it was an attack: enough beside other evidence, weak alone.
WEAK_CUE = re.compile(
    r"\b(?:lost|lose|loses|losing|losses|loss|missing|gone|vulnerabilit(?:y|ies)|flaw|bug|scandal|meltdown|"
    r"collapse[ds]?|victims?)\b", re.IGNORECASE)

# A figure told as an estimate of a loss ("the first public figure was ...", "analysts put the total at ...")
_ESTIMATE_TALK = re.compile(r"\b(?:estimates?|estimated|figure|total|tally|toll|damage|loss|losses)\b", re.IGNORECASE)

ANAPHORA = re.compile(
    r"\b(?:the|this|that|its)\s+(?:\w+[\s\-]){0,2}?(?:exchange|company|firm|platform|site|website|protocol|project|network|bridge|"
    r"wallet|service|operator|startup|casino|" + attack_nouns(plus=("hacking", "robbery", "raid", "intrusion")) + r"|"
    r"hackers?|attackers?|thieves|thief|exploiter|adversary|culprits?|perpetrators?|crime|"
    r"stolen|loss|losses|victims?|users|customers)\b|\b(?:it|its)\b",
    re.IGNORECASE,
)

_LINK_LINE = re.compile(r"\s*[\W]*\s*(?:read\s+also|also\s+read|read\s+more|related|see\s+also|recommended|read)\s*:",
                        re.IGNORECASE)
# "the exploit", "the hack": one incident, so not a list of several victims named before
_ONE_INCIDENT_REF = re.compile(r"\b(?:the|this)\s+(?:" + attack_nouns(plus=("robbery", "raid")) + r")\b(?!\s+(?:of|on)\b)",
                               re.IGNORECASE)
_THEFT_WORD = re.compile(r"\b(?:hack\w*|st(?:ole|olen|eal\w*)|theft|thieves|thief|heist|exploit\w*|drain\w*|breach\w*|"
                         r"loot\w*|siphon\w*|robb\w*)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"\s*(?:[-*\u2022\u2013\u25cf]|\d{1,2}[.)])\s")
# A roundup's item about a platform of its own: "- Stake, September 2023: about $41 million drained"
_NAMED_ITEM = re.compile(r"\s*(?:[-*\u2022\u2013\u25cf]|\d{1,2}[.)])\s+(?-i:[A-Z][\w.\-]*)(?:\s(?-i:[A-Z][\w.\-]*)){0,3}\s*"
                         r"(?:,|\(|:|\s[\u2013\u2014-]\s)")
_HEADING_LEAD = re.compile(r"[\W\d]*(?:the\s+)?", re.IGNORECASE)   # what may come before a heading's subject


_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
# A paragraph's lead that is only a name and a date: "Zaif, September 2018.", "Quidax (March 3):"
_INLINE_LEAD = re.compile(
    rf"(?-i:[A-Z][\w.\-]*)(?:\s(?-i:[A-Z][\w.\-]*)){{0,3}}\s*(?:,\s*|\(\s*)(?:(?:early|mid|late)[\s\-]+)?"
    rf"(?:(?:{_MONTH_NAMES})(?:\s+\d{{1,2}})?(?:,?\s+(?:19|20)\d\d)?|(?:19|20)\d\d)\)?\s*[.:]\s*", re.IGNORECASE)


def inline_lead(text: str, s: Span) -> bool:
    """Is sentence ``s`` a paragraph's lead that names only a subject and a date ("Zaif, September 2018.")? Its
    section is that paragraph."""
    a = s.start
    while a > 0 and text[a - 1] in " \t":
        a -= 1
    return (a == 0 or text[a - 1] == "\n") and s.end - s.start <= 60 and _INLINE_LEAD.fullmatch(text, s.start, s.end) is not None


def opens_section(text: str, s: Span) -> bool:
    """A list item or a sub-heading: a line that starts a new part of the article ("2. Zaif (September 2018)",
    "- KuCoin, 2020: ...", "The Ronin bridge"), whose figures and dates are its own."""
    a = s.start
    while a > 0 and text[a - 1] in " \t":   # (sentences are trimmed: only blanks lie between them and a newline)
        a -= 1
    if a > 0 and text[a - 1] != "\n":
        return False   # not at the start of a line
    if _LIST_ITEM.match(text, s.start, s.end) or text.startswith(("#", "**", "__"), s.start):
        return True   # a list item, a markdown heading or a bold lead-in ("**Zaif, September 2018.** About $60M ...")
    if inline_lead(text, s):
        return True   # a roundup paragraph led by its subject and date: "Zaif, September. Hackers took ..."
    b = s.end
    while b < len(text) and text[b] in " \t":
        b += 1
    if b < len(text) and text[b] not in "\r\n":
        return False   # the line goes on: a sentence of a paragraph
    if s.end - s.start > 120:
        return False
    line = text[s.start : s.end].rstrip()
    return bool(line) and line[-1] not in ".!?:;,\"'\u201d\u2019" and len(line.split()) <= 10


@dataclass(slots=True)
class Layout:
    """Where each sentence sits in the article's layout, read once per sentence for every rule that asks (the
    plan's candidates and focus, the pipeline's groups of amounts)."""

    item: list[bool]      # a list item ("- Zaif, 2018: ...", "2. KuCoin")
    section: list[bool]   # a line that opens a section (:func:`opens_section`)
    colon: list[bool]     # ends with a colon: the line that opens a list ("Some of the largest thefts:")


def read_layout(text: str, sentences: list[Span]) -> Layout:
    return Layout(item=[_LIST_ITEM.match(text, s.start, s.end) is not None for s in sentences],
                  section=[opens_section(text, s) for s in sentences],
                  colon=[text[s.start : s.end].rstrip().endswith(":") for s in sentences])


_PLATFORM_REF = re.compile(r"\b(?:the|its)\s+(?:[\w\-]+\s+){0,2}?(?:exchange|company|firm|platform|protocol|project|network|"
                           r"bridge|wallet|service|operator|startup|casino|marketplace)\b", re.IGNORECASE)


def _told_next(text: str, sentences: list[Span], i: int, known_by: dict, amounts_in: list[bool] | None) -> bool:
    """The next sentence names no platform but tells of a theft with a figure from "the exchange": it goes on
    about the one platform this sentence names."""
    if i + 1 >= len(sentences) or known_by.get(i + 1) or not (amounts_in and amounts_in[i + 1]):
        return False
    nxt = sentences[i + 1]
    return bool(_PLATFORM_REF.search(text, nxt.start, nxt.end)) and _strong_attack(text[nxt.start : nxt.end])


_SUBJECT = re.compile(r"[^\w\n]{0,6}?(?:\d{1,2}[.)]\s+)?(?P<name>(?-i:[A-Z][\w.\-]*)(?:\s(?-i:[A-Z][\w.\-]*)){0,3})"
                      r"\s*(?:,|\(|:|\s[\u2013\u2014-]\s|\*\*|$)")


def _heading_name(text: str, s: Span, known: list) -> PlatformMatch | None:
    """A known platform whose name is a common word ("Stake", "Curve") as a heading's or list item's subject:
    "- Stake, September 2023: ...", "## Nomad (August 2022)" name the platform, not the word."""
    m = _SUBJECT.match(text, s.start, s.end)
    if m is None or any(k.start < m.end("name") and m.start("name") < k.end for k in known):
        return None
    words = m.group("name").split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        p = lookup(name)
        if p is not None:
            return PlatformMatch(m.start("name"), m.start("name") + len(name), p, name)
    return None


def _heading_subject(text: str, sentences: list[Span], i: int, v: VictimMention, layout: Layout) -> bool | None:
    """The platform a heading or list item is about: True where the section under it tells of an attack,
    False where it does not, None for a name that is no heading's subject."""
    s = sentences[i]
    if i == 0 or not layout.section[i] or not _HEADING_LEAD.fullmatch(text, s.start, v.span.start):
        return None
    for j in range(i, min(len(sentences), i + 5)):
        if j > i and layout.section[j]:
            break
        if _strong_attack(text[sentences[j].start : sentences[j].end]):
            return True
    j = i - 1   # an item of a list whose opening line tells of thefts ("Some of the year's largest thefts:")
    while j > 0 and i - j < 30 and layout.item[j]:
        j -= 1
    if layout.item[i] and j >= 0:
        opener = text[sentences[j].start : sentences[j].end].rstrip()
        return opener.endswith(":") and _strong_attack(opener)
    return False

# Phrases that make a sentence about many incidents or a period, not about one incident.
AGGREGATE_CUE = re.compile(
    r"\b(?:so\s+far\s+this\s+year|since\s+(?:19|20)\d\d|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|months)|"
    r"(?:this|last)\s+year\s+alone|cumulative|"
    r"(?:a\s+)?(?:series|string|spate|wave)\s+of|(?:several|multiple|numerous|dozens\s+of|various)\s+(?:\w+\s+)?(?:exchanges|hacks|attacks|heists)|"
    r"in\s+(?:19|20)\d\d\s+alone|throughout\s+(?:19|20)\d\d|during\s+(?:19|20)\d\d|per\s*cent\s+of\s+all|"
    # "stole $2 billion in 58 incidents", "across 30 separate hacks" (a count, not a year)
    r"(?:in|across)\s+(?!(?:19|20)\d\d\b)\d[\d,]*\s+(?:[\w\-]+\s+)?(?:" + attack_nouns(plural=True) + r")|"
    r"(?:stole|stolen|stealing)\s+(?:a\s+)?(?:record|an\s+estimated)|"
    r"(?:hacks|thefts|attacks|heists|losses)\s+(?:fell|rose|dropped|declined|jumped|climbed|doubled|halved|surged|plunged|"
    r"slumped|soared)|"
    r"(?:at\s+least|more\s+than|over|nearly|some)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+dozen|dozens\s+of|\w+\s+dozen)\s+(?:[\w\-]+\s+){0,2}?(?:" + attack_nouns(plural=True) + r")|"
    r"(?:exchanges|hacks|attacks|heists)\s+(?:in(?!\s+which)|since|this|last|worldwide|globally))\b",
    re.IGNORECASE,
)

# Roles a platform plays that make it no victim: where funds went, who froze them, who reported.
_LATER_IN_LIST = r"(?:[\w.\-]+(?:\s+[\w.\-]+)?(?:,\s+|,?\s+and\s+|\s+or\s+)){0,4}"   # "Bittrex, Huobi and " before "Binance"
_NOT_VICTIM_BEFORE = re.compile(
    r"(?:\b(?:to|into|onto|via|through|with|by|across)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    # destinations listed: "moved to other exchanges, including Bittrex, Huobi and Binance"
    r"|\b(?:to|into|onto|via|through)\s+(?:the\s+)?(?:\w+\s+){0,2}?\w+,?\s+(?:including|such\s+as|like|notably)\s+"
    + _LATER_IN_LIST +
    r"|(?:sent|moved|transferred|deposited|laundered|swapped|converted|cashed\s+out|funnel+ed|routed)\s+(?:\S+\s+){0,6}?"
    r"(?:to|into|onto|via|through|on|at)\s+(?:the\s+)?(?:\w+\s+){0,2}?" + _LATER_IN_LIST +
    r"|(?:originat\w+|stemm\w+|caused|due|because)\s+(?:with|from|in|by|to|of)\s+(?:\S+\s+){0,4}?"
    r"|\b(?:fined|sued|sanctioned|penali[sz]ed|banned|prosecuted|indicted|charged|ordered|licensed|acquired|bought)\s+"
    r"(?:the\s+)?(?:\w+\s+){0,2}?)$",
    re.IGNORECASE,
)
_NOT_VICTIM_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:,\s*)?(?:CEO|chief|founder|co-founder|spokes\w+|analysts?|researchers?|security\s+team|"
    r"froze|freez\w+|frozen|blocked|block|helped|assist\w*|blacklist\w*|flagged|tracked|traced|warned|"
    r"listed|lists|reported|report|said\s+it\s+(?:froze|had\s+frozen|would\s+help)|"
    r"(?:has\s+|had\s+)?(?:dropped|fell|rose|climbed|jumped|surged|slumped|plunged)\s+(?:by\s+)?(?:over\s+|about\s+|nearly\s+|almost\s+)?(?:USD\s*|US\$\s*|\$\s*)?\d+|"
    r"will\s+cover|covered|offered|pledged|vowed\s+to\s+help|to\s+help)\b",
    re.IGNORECASE,
)
# A platform reporting its own coins gone is no bystander that reported something: "Zumo reported 438 bitcoins missing"
# A figure and the coins or funds it counts ("850,000 bitcoins", "438 BTC of customer funds"), shared by the two
# patterns that tell coins as gone
_ROUGHLY = r"(?:(?:about|around|some|nearly|roughly|almost|over|more\s+than)\s+)?"
_FIGURE_NUMBER = r"\d[\d,.]*\s*(?:million|billion|thousand|mn|bn|m|k)?\s+"
_COINS = r"(?:coins|bitcoins?|BTC|ethers?|ETH|tokens|crypto\w*|funds|digital\s+assets)"
_REPORTED_GONE = re.compile(
    r"\s+(?:reported|reports|said|says)\s+(?:that\s+)?" + _ROUGHLY + _FIGURE_NUMBER + r"(?:[\w\-]+\s+){0,3}?" + _COINS +
    r"\s+(?:(?:were|was|had\s+gone|went|had\s+been)\s+)?(?:missing|stolen|unaccounted\s+for)\b",
    re.IGNORECASE)
# A platform named as where a price was quoted: "the coin climbed above $30 on Zumo", "dipped to about $10.50 on Zumo
# from around $11", "at the exchange rate on Zumo"
_PRICE_VENUE_BEFORE = re.compile(
    r"(?:[$€£¥₩]\s?\d[\d.,]*|\d[\d.,]*\s*(?:dollars|USD|cents))(?:\s+[\w\-]+){0,2}\s+(?:on|at)\s+(?:the\s+)?$|"
    r"\b(?:exchange\s+rate|prices?|rates?|quotes?|trading\s+price)\s+(?:on|at)\s+(?:the\s+)?$",
    re.IGNORECASE)
# Roles beside the victim: an owner or backer ("Binance-linked BNB Chain", "the network run by exchange Binance")
# and a party that got funds back from the thief ("Jump Crypto and Oasis clawed back $140 million from the hacker").
_OWNER_AFTER = re.compile(r"^-(?:linked|backed|owned|run|operated|affiliated|supported|controlled)\b|"
                          # "Zumo, the company that owns Quidax", "Zumo, the parent of Quidax": the owner, told as such
                          r"^,\s+(?:the|a|an|its)\s+(?:[\w\-]+\s+){0,3}?(?:company|firm|group|entity|operator|owner|parent)\s+"
                          r"(?:that|which)\s+(?:owns|runs|operates|controls)\b|"
                          r"^,\s+(?:the|its)\s+(?:[\w\-]+\s+){0,2}?(?:owner|operator|parent(?:\s+company)?)\s+of\b", re.IGNORECASE)
_OWNER_BEFORE = re.compile(r"\b(?:run|operated|owned|backed|controlled|developed|built|maintained|incubated|launched)\s+by\s+"
                           r"(?:the\s+)?(?:[\w\-]+\s+){0,3}?$", re.IGNORECASE)
_RESCUER_AFTER = re.compile(
    r"(?:\s*(?:and|&)\s+(?:[\w.\-]+\s+){1,4}?)?\s*(?:have\s+|has\s+|had\s+)?(?:claw(?:ed|s|ing)?\s+back|"
    r"recover(?:ed|s|ing)?|retriev(?:ed|es|ing)|reclaim(?:ed|s|ing)?|seiz(?:ed|es|ing)|rescued|counter-?hack\w*)\b"
    r"[^.;]{0,80}?\bfrom\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?(?:hackers?|attackers?|exploiters?|thie(?:f|ves))\b", re.IGNORECASE)


_FROM_BEFORE = re.compile(r"\b(?:from|of|on|at|against)\s+(?:the\s+)?(?:\w+\s+){0,2}?$", re.IGNORECASE)


# A platform named by the service it runs just before its name, in the clause that tells the theft: "stole $50
# million from the cryptocurrency wallet Zumo". Robbed as a service, it is whom, not where (see BYSTANDER); not
# "drained markets that accept tokens from the exchange Zumo" (another clause's "from").
_NAMED_AS_SERVICE = re.compile(r"\b(?:stole|stolen|steal\w*|took|taken|drained|siphoned|swiped|looted)\b"
                               r"(?:(?!\b(?:that|which|who|whose|where|to|into)\b)[^.;]){0,80}?\bfrom\s+(?:the\s+)?"
                               r"(?:[\w\-]+\s+){0,3}?(?:wallet|exchange|platform|marketplace|lender|custodian|service|app)\s+$",
                               re.IGNORECASE)
NEVER_VICTIM = frozenset({"security", "analytics", "media", "noncrypto"})   # see data/platforms.tsv
BYSTANDER = frozenset({"venue", "chain"})   # victims only when a pattern says they were attacked
# "its Arbitrum market", "their Ethereum and BNB Chain pools": a chain as where the victim's own part runs
_OWN_PART_BEFORE = re.compile(r"\b(?:its|their)\s+(?:[\w\-]+(?:\s+[\w\-]+)?\s+(?:and|&|or)\s+)?$", re.IGNORECASE)
_PART_AFTER = re.compile(r"(?:\s+(?:and|&|or)\s+[\w\-]+(?:\s+[\w\-]+)?)?\s+(?:markets?|pools?|deployments?|vaults?|"
                         r"contracts?|instances?|versions?)\b", re.IGNORECASE)


@dataclass(slots=True)
class Candidate:
    key: str
    name: str
    mentions: list[tuple[int, VictimMention, float]] = field(default_factory=list)  # (sentence, mention, evidence)
    score: float = 0.0
    base: float = 0.0
    in_title: bool = False
    strong: int = 0

    @property
    def first(self) -> VictimMention:
        return self.mentions[0][1]


def victim_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


@lru_cache(maxsize=512)
def _strong_attack(sentence: str) -> bool:
    """An attack word in the sentence other than the weak ones (read once per sentence, not per mention)."""
    attack, weak, low = folded(ATTACK_CUE).twin, folded(WEAK_CUE).twin, lowered(sentence)
    if attack is not None and weak is not None and low is not None:
        return bool(attack.search(weak.sub(" ", low)))   # the same, on the lowered sentence
    return bool(ATTACK_CUE.search(WEAK_CUE.sub(" ", sentence)))


# A platform that froze or seized the loot on its way through: "Binance's chief said his exchange had frozen $5
# million of the stolen funds". A bystander of the theft, unless the sentence tells of an attack between the two.
_FROZE_LOOT = re.compile(
    r"\b(?:froze|frozen|freez(?:e|es|ing)|block(?:ed|ing)|seiz(?:ed|ing)|intercept(?:ed|ing))\s+(?:[\w$€£¥.,\-]+\s+){0,6}?"
    r"(?:the\s+|those\s+)?(?:stolen|hacked|illicit|exploited|laundered|looted|hacker['’]s|attacker['’]s)\b", re.IGNORECASE)


# A provider whose key or software the attacker used, or a watcher: "a leaked Zumo API key", "an API key for the
# provider Zumo", "a bug in older versions of Zumo, the programming language", "Zumo said it was monitoring".
_TOOL_AFTER = re.compile(
    r"(?:\s+(?:API\s+)?(?:key|keys|credentials|token)\b|\s+(?:compiler|programming\s+language|code\s+library|library|SDK)\b|"
    r",\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,2}?(?:programming\s+language|compiler|library|SDK)\b|"
    r"\s+(?:said|says)\s+(?:it|they)\s+(?:was|were|is|are)\s+(?:monitoring|watching|tracking)\b)", re.IGNORECASE)
_TOOL_BEFORE = re.compile(r"(?:\bAPI\s+(?:key|keys|credentials|tokens?)\s+(?:for|of|to)\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}?|"
                          r"\bversions?\s+of\s+(?:the\s+)?)$", re.IGNORECASE)


def _a_tool(text: str, sentence: Span, v: VictimMention) -> bool:
    return bool(_TOOL_AFTER.match(text, v.span.end, min(sentence.end, v.span.end + 60))
                or _TOOL_BEFORE.search(text, max(sentence.start, v.span.start - 60), v.span.start))


# A known malware campaign named as where a tool came from: "EternalBlue, the exploit that was behind the WannaCry and
# NotPetya outbreaks", "the same leaked NSA tool used in WannaCry". Its name dates the tool; no incident is told.
_ORIGIN_OF_TOOL = re.compile(
    r"\b(?:exploits?|tools?|malware|vulnerabilit(?:y|ies)|flaws?|bugs?|worms?|code|kits?|techniques?|strains?|"
    r"payloads?|backdoors?|loaders?)\b[^.;]{0,90}?\b(?:behind|used\s+(?:in|by|during|for)|deployed\s+in|responsible\s+for|"
    r"(?:that|which)\s+(?:also\s+)?(?:powered|fuel+ed|caused|enabled|drove|spread))\s+(?:the\s+)?(?:(?:earlier|infamous|notorious|"
    r"global|\d{4})\s+)?(?:[\w\-]+\s+(?:and|&|or)\s+)?$", re.IGNORECASE)


def _origin_of_tool(text: str, sentence: Span, v: VictimMention) -> bool:
    """A known campaign named only as the origin of an exploit or tool another actor now uses."""
    if v.platform is None or v.platform.kind != "campaign":
        return False
    return bool(_ORIGIN_OF_TOOL.search(text, max(sentence.start, v.span.start - 180), v.span.start))


# A service a victim's own software sent its users' secrets to: "the app logged seed phrases and sent them to a
# Sentry server", "keys were uploaded to a Zumo bucket". It received or stored the data; the flaw, and the loss,
# are the sender's, so a later "the data was taken from Sentry" does not make the service the story's victim.
_SENT_TO_BEFORE = re.compile(
    r"\b(?:sent|sending|sends|logged|logging|logs|uploaded|uploading|transmitted|transmitting|stored|storing|saved|"
    r"forwarded|shipped|reported)\s+(?:[\w'’\-]+\s+){0,8}?(?:to|on|in|into|with)\s+(?:(?:a|an|the|its|their)\s+)?"
    r"(?:[\w\-]+\s+){0,2}?$", re.IGNORECASE)
_SECRET_DATA = re.compile(r"\b(?:seed\s+phrases?|mnemonic\w*|recovery\s+phrases?|private\s+keys?|passwords?|credentials|"
                          r"secrets?|logs?|logging\s+data|user\s+data|personal\s+data)\b", re.IGNORECASE)


def _data_sinks(text: str, sentences: list[Span], cands: dict[str, Candidate]) -> list[Candidate]:
    """The candidates users' secrets were sent to or stored on, told in any sentence that names them (only sentences
    with a word of such data are read, and all names in one pass: linear in the text)."""
    told = [s for s in sentences if folded(_SECRET_DATA).search(text, s.start, s.end)]
    if not told:
        return []
    owner: dict[str, Candidate] = {}
    for c in cands.values():
        for n in (c.name, *(v.surface for _, v, _ in c.mentions)):
            owner.setdefault(n, c)
    if not owner:
        return []
    found: dict[int, Candidate] = {}
    for s in told:
        for at, name in _whole_names(text, s, owner):
            c = owner[name]
            if id(c) not in found and _SENT_TO_BEFORE.search(text, max(s.start, at - 120), at) \
                    and _SECRET_DATA.search(text, s.start, at):
                found[id(c)] = c
    return list(found.values())


def _whole_names(text: str, s: Span, names: Iterable[str]) -> list[tuple[int, str]]:
    """Where the names stand as whole words in the sentence, left to right, the longest at each place and none
    inside another found: what one alternation of the names (longest first) would find, without compiling a
    pattern for every document."""
    hits: list[tuple[int, int, str]] = []
    for n in names:
        i = text.find(n, s.start, s.end)
        while i != -1:
            j = i + len(n)
            if not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")) and \
                    not (j < s.end and (text[j].isalnum() or text[j] == "_")):
                hits.append((i, -len(n), n))
            i = text.find(n, i + 1, s.end)
    out: list[tuple[int, str]] = []
    end = -1
    for i, neg, n in sorted(hits):
        if i >= end:
            out.append((i, n))
            end = i - neg
    return out


def _froze_the_loot(text: str, sentence: Span, v: VictimMention) -> bool:
    m = folded(_FROZE_LOOT).search(text, v.span.end, min(sentence.end, v.span.end + 160))   # (its span only)
    return m is not None and not folded(ATTACK_CUE).search(text[v.span.end : m.start()])


def mention_evidence(text: str, sentence: Span, v: VictimMention, attack: bool) -> float:
    """How strongly this mention reads as the victim of an attack (may be negative)."""
    score = 0.0
    if v.strength >= 2:
        score += 3.0
    elif attack:
        strong = _strong_attack(text[sentence.start : sentence.end])
        score += (1.5 if v.known else 1.0) if strong else (1.0 if v.known else 0.75)
    else:
        score += 0.25 if v.known else 0.0
    if v.strength < 2:
        before = text[max(sentence.start, v.span.start - 60) : v.span.start]
        after = text[v.span.end : min(sentence.end, v.span.end + 40)]
        # (folded: the same answers as the patterns, several times faster)
        if folded(_NOT_VICTIM_BEFORE).search(before) and not folded(_FROM_BEFORE).search(before):
            score -= 1.0
        if _PRICE_VENUE_BEFORE.search(before):
            score -= 1.5   # "climbed above $30 on Mt. Gox", "the exchange rate on Mt. Gox": where a price was quoted
        if (folded(_NOT_VICTIM_AFTER).search(after) and not _REPORTED_GONE.match(text, v.span.end, sentence.end)) \
                or _froze_the_loot(text, sentence, v):
            score -= 1.5
        if _OWNER_AFTER.match(after) or folded(_OWNER_BEFORE).search(before) or _a_tool(text, sentence, v) or _origin_of_tool(text, sentence, v) or \
                _RESCUER_AFTER.match(text, v.span.end, min(sentence.end, v.span.end + 160)):
            score = min(score, 0.0) - 0.5   # the owner of the victim or the one who got the funds back
    return score


# A sentence that goes on with the one before it ("This includes $60m from A and $100m from B").
_CONTINUES = re.compile(r"\s*(?:this|these|that|those|it|they)\s+(?:\w+\s+)?includ\w*|\s*(?:among\s+(?:them|those|these)|including|of\s+(?:this|that|these))\b",
                        re.IGNORECASE)
# Moves of money that are not a theft from the platform ("withdrew $5 million from Zumo", "borrowed $1 billion
# from Aave"), against verbs of theft; the nearest verb before the name decides.
_MOVE_OR_TAKE = re.compile(
    r"\b(?:(?P<take>st(?:ole|olen|eal\w*)|t(?:ook|aken)|drain\w*|siphon\w*|loot\w*|lost|los(?:e|ing)|hack\w*|exploit\w*|"
    r"swiped|pilfered|robbed|theft|heist|attack\w*)|"
    r"withdr[ae]w\w*|mov(?:e|ed|ing)|transferr?\w*|sen[dt]|rais\w*|receiv\w*|borrow\w*|b(?:uy|ought)|"
    r"purchas\w*|deposit\w*|redeem\w*|invest\w*|acqui\w*|secur\w*|recover\w*|return\w*|refund\w*|"
    r"seiz\w*|fr[oe]ze\w*|support|funding|financ\w*|(?:flash[\s\-]?)?loan\w*|capital|bail\w*|grants?|compensat\w*)\b",
    re.IGNORECASE)


# A figure told as gone, the weak words made firm by the sum beside them: "saying about 850,000 bitcoins were
# missing", "reported 438 bitcoins missing", "lost 3,000 BTC of customer funds". (Not "lost $2 billion in market value":
# the unit after the figure must be coins or funds.)
_FIGURE_GONE = re.compile(
    _FIGURE_NUMBER + r"(?:[\w\-]+\s+){0,3}?" + _COINS +
    r"\s+(?:(?:were|was|are|is|had\s+gone|have\s+gone|went|had\s+been|have\s+been)\s+)?(?:missing|unaccounted\s+for)\b|"
    r"\b(?:lost|losing|loses)\s+" + _ROUGHLY + r"[$€£¥₩]?" + _FIGURE_NUMBER + r"(?:worth\s+of\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:(?:customer|user|client)s?['’]?\s+funds|" + _COINS + r")\b",
    re.IGNORECASE)


def _sum_taken_from(text: str, sentences: list[Span], attack: list[bool], i: int, v: VictimMention) -> bool:
    """"$60m from Zumo" names a victim where the sentence (or the one it continues) tells of a theft."""
    s = sentences[i]
    verbs = list(_MOVE_OR_TAKE.finditer(text, s.start, v.span.start))
    if verbs and verbs[-1].group("take") is None:
        return False
    if attack[i]:
        return True
    return i > 0 and attack[i - 1] and _CONTINUES.match(text, s.start, s.end) is not None


# A platform named as the yardstick of the story's own incident: "a Mt. Gox-level meltdown", "the biggest theft since
# the Mt. Gox collapse", "a Coincheck-style hack", "worse than Mt. Gox", "surpasses the 2014 Mt. Gox collapse". The
# name stands for that platform's own (earlier) incident: a mention of it, never the story's main one, and the
# story's figures, dates and actors in the sentence are not its.
_YARDSTICK_NOUN = (r"(?:hack|hacks|hacking|heist|theft|breach|exploit|attack|collapse|meltdown|implosion|debacle|fiasco|"
                   r"disaster|failure|bankruptcy|insolvency|scandal|incident|robbery|raid|loss|losses)")
_COMPARED_BEFORE = re.compile(
    r"(?:(?P<since>\b(?:biggest|largest|worst|greatest|costliest|deadliest|highest|heaviest|gravest|most\s+[\w\-]+)\s+"
    r"(?:[\w\-]+\s+){0,4}?since)|"
    r"(?P<than>\b(?:worse|bigger|larger|greater|costlier|deadlier|higher|more\s+[\w\-]+|smaller|less\s+[\w\-]+)\s+than"
    r"(?:\s+(?:that|those)\s+(?:of|at|suffered\s+by))?)|"
    r"\b(?:surpass(?:es|ed|ing)?|eclips(?:es|ed|ing|e)|dwarf(?:s|ed|ing)?|outstrip(?:s|ped|ping)?|overtak(?:es|en|ing|e)|"
    r"overtook|exceed(?:s|ed|ing)?|tops|topped|topping)"
    r")\s+(?:the\s+|an?\s+)?(?:(?:19|20)\d\d\s+|(?:US)?\$\s?\d[\d.,]*\s?(?:million|billion|mn|bn|m)?\s+)?$",
    re.IGNORECASE)
# "-level", "-style", "-sized", "'s-scale": the word after a yardstick name that makes it a measure
_MEASURE_WORD = r"(?:-|\s)(?:level|style|like|sized?|scale|esque|type|magnitude|calibre|caliber)\b"
_COMPARED_AFTER = re.compile(rf"(?:['’]s)?{_MEASURE_WORD}", re.IGNORECASE)
# the words after a yardstick name that are still its phrase: "... Mt. Gox collapse in 2014", "the Coincheck hack"
_COMPARED_TAIL = re.compile(
    rf"(?:['’]s)?(?:{_MEASURE_WORD})?"
    rf"(?:\s+(?:[\w\-]+\s+){{0,2}}?{_YARDSTICK_NOUN}\b)?"
    rf"(?:,?\s+(?:in|of)\s+(?:(?:early|mid|late)[\s\-]+)?(?:(?:January|February|March|April|May|June|July|August|September|"
    rf"October|November|December)\s+)?(?:19|20)\d\d\b)?", re.IGNORECASE)


def yardstick_phrase(text: str, sentence: Span, v: VictimMention) -> tuple[int, int] | None:
    """The span of the comparison phrase when mention ``v`` names a platform only as the yardstick of another
    incident ("a Mt. Gox-level meltdown", "the largest since the Coincheck hack in 2018", "worse than Mt. Gox"),
    else None."""
    before = folded(_COMPARED_BEFORE).search(text, max(sentence.start, v.span.start - 80), v.span.start)
    after = _COMPARED_AFTER.match(text, v.span.end, sentence.end)
    if before is None and after is None:
        return None
    tail = _COMPARED_TAIL.match(text, v.span.end, sentence.end)
    return (before.start() if before is not None else v.span.start, tail.end() if tail is not None else v.span.end)


_YARDSTICK_NOUN_RX = re.compile(rf"\b{_YARDSTICK_NOUN}\b", re.IGNORECASE)
# the yardstick goes on as a clause of its own: "since Mt. Gox collapsed in 2014", "than Zumo, which lost $80 million"
_OWN_CLAUSE_AFTER = re.compile(
    r"\s*(?:,\s*(?:which|when|whose|where|after)\b|(?:has\s+|had\s+)?(?:lost|loses|was|were|suffered|saw|went|"
    r"collapsed|imploded|failed|filed|declared|shut|closed|disclosed|reported|admitted|got|fell|became|is)\b)",
    re.IGNORECASE)


def tells_own_clause(text: str, sentence: Span, phrase: tuple[int, int]) -> bool:
    """Does the yardstick's phrase go on with a clause of its own ("since Poly Network lost $611 million")? Then
    that clause's figures and dates are the yardstick's, read as any victim's."""
    return _OWN_CLAUSE_AFTER.match(text, phrase[1], sentence.end) is not None


def _told_as_incident(text: str, sentence: Span, v: VictimMention, phrase: tuple[int, int], attack: bool) -> bool:
    """Does a yardstick phrase stand for the platform's incident: its own noun ("the Mt. Gox collapse", "a
    Coincheck-style hack"), or a comparison of the story's incident with the platform ("worse than Mt. Gox",
    "the biggest theft since Mt. Gox") in a sentence on an attack?"""
    if _YARDSTICK_NOUN_RX.search(text, v.span.end, phrase[1]):
        return True
    before = folded(_COMPARED_BEFORE).search(text, max(sentence.start, v.span.start - 80), v.span.start)
    if before is None or not (before.group("since") or before.group("than")):
        return False
    return attack or bool(_ONE_INCIDENT_REF.search(text, sentence.start, sentence.end))


@dataclass(slots=True)
class IncidentPlan:
    """What incidents.py decided: the candidates that are victims and each sentence's focus."""

    victims: list[Candidate]
    mentions: dict[int, list[tuple[VictimMention, int]]]  # sentence -> [(mention, victim index)]
    focus: list[list[int]]                                # sentence -> victim indices in focus
    main: list[bool]
    attack: list[bool]                                    # sentence -> holds an attack word
    layout: Layout                                        # sentence -> list item, section, colon
    # comparison phrases naming another incident as a yardstick: (sentence, start, end, victim index), by start
    yardsticks: list[tuple[int, int, int, int]] = field(default_factory=list)


def _merge_into_longer_names(cands: dict[str, Candidate]) -> None:
    """Unknown names go to a name their key starts with ("Coincheck Inc" -> "Coincheck", "JBS USA" -> "JBS"), trying the names with
    the most mentions first. The keys a name's key starts are found in the sorted keys, not among all of them:
    a text naming thousands of platforms stays linear."""
    if all(c.first.known for c in cands.values()):
        return   # only unknown names are merged: a text naming known platforms only has none to move
    order = {k: n for n, k in enumerate(cands)}   # merged in the order the names were found
    ordered = sorted(cands)
    for k in sorted(cands, key=lambda k: (-len(cands[k].mentions), k)):
        c = cands.get(k)
        if c is None or len(k) < 3:
            continue
        longer = []
        j = bisect.bisect_left(ordered, k)
        while j < len(ordered) and ordered[j].startswith(k):
            k2 = ordered[j]
            # a short name ("JBS") takes only a longer name adding whole words ("JBS USA"), not "JBSX"
            whole = len(k) >= 4 or (k2 in cands and cands[k2].name.lower().startswith(c.name.lower() + " "))
            if k2 != k and whole and k2 in cands and not cands[k2].first.known:
                longer.append(k2)
            j += 1
        for k2 in sorted(longer, key=order.__getitem__):
            c.mentions.extend(cands.pop(k2).mentions)


def _merge_into_known_names(cands: dict[str, Candidate]) -> None:
    """An unknown name that is part of a known one ("Orbit" beside "Orbit Chain") is that platform: the first known
    one (by key) with a name or alias holding all its words. The known names are looked up by one of those words."""
    unknown = [k for k in sorted(cands) if not cands[k].first.known and len(k) >= 4]
    if not unknown:
        return   # (the known names' words are read only when there is a name to look up)
    holding: dict[str, list[tuple[str, set[str]]]] = {}   # word -> (known key, words of a name of it), by key
    for kk in sorted(k for k, c in cands.items() if c.first.known):
        kc = cands[kk]
        for name in [kc.name, *(kc.first.platform.aliases if kc.first.platform else ())]:
            words = set(re.findall(r"[a-z0-9]+", name.lower()))
            for w in words:
                holding.setdefault(w, []).append((kk, words))
    for k in unknown:
        c = cands[k]   # (each merge removes only the name merged)
        words = set(re.findall(r"[a-z0-9]+", c.name.lower()))
        if not words:
            continue
        kk = next((kk for kk, theirs in holding.get(min(words), []) if words <= theirs), None)
        if kk is not None:
            cands[kk].mentions.extend(cands.pop(k).mentions)


def _demote_data_sinks(text: str, sentences: list[Span], cands: dict[str, Candidate]) -> None:
    """A service that only received the victim's data is no victim beside the one whose flaw sent it there."""
    sinks = _data_sinks(text, sentences, cands) if cands else []
    if not sinks:
        return
    others = [c for c in cands.values() if c not in sinks and any(ev >= 1.5 for _, _, ev in c.mentions)]
    if not others:
        return   # the service is the only platform told of: its own breach
    for c in sinks:
        c.mentions = [(i, v, min(ev, 0.5)) for i, v, ev in c.mentions]


def plan_incidents(text: str, sentences: list[Span], *, title: str | None = None,
                   amounts_in: list[bool] | None = None, threshold: float = 2.0,
                   known_threshold: float = 1.5) -> IncidentPlan:
    attack = [bool(folded(ATTACK_CUE).search(text, s.start, s.end)) for s in sentences]
    layout = read_layout(text, sentences)
    cands: dict[str, Candidate] = {}
    per_sentence: dict[int, list[VictimMention]] = {}
    known_all = find_platforms(text)
    known_by: dict[int, list] = {}
    k = 0
    for i, s in enumerate(sentences):
        while k < len(known_all) and known_all[k].start < s.end:
            if known_all[k].start >= s.start or i == 0:
                known_by.setdefault(i, []).append(known_all[k])
            k += 1
    for i, s in enumerate(sentences):
        if i > 0 and layout.section[i]:
            m = _heading_name(text, s, known_by.get(i, []))
            if m is not None:
                known_by.setdefault(i, []).insert(0, m)
    tried_in = patterns_by_sentence(text, sentences)
    moved_from: set[int] = set()   # mentions where money moved from, not stolen from (shares no evidence)
    yardstick: dict[int, tuple[int, int, int]] = {}   # id(mention) -> (sentence, start, end) of its comparison phrase
    headed, plain_heads = 0, []    # headings over a section on an attack; headings of known platforms over others
    for i, s in enumerate(sentences):
        tried = tried_in[i]
        if tried is UNTRIGGERED and not known_by.get(i):
            continue   # no trigger and no known platform here: find_victim_candidates would find nothing
        found = find_victim_candidates(text, s.start, max(s.end, max((m.end for m in known_by.get(i, [])), default=0)),
                                       known=known_by.get(i, []), tried=tried)
        if not found:
            continue
        per_sentence[i] = found
        money_here = bool(amounts_in and amounts_in[i])
        for v in found:
            if v.platform is not None and v.platform.kind in NEVER_VICTIM:
                continue
            ev = mention_evidence(text, s, v, attack[i])
            if 0 <= ev < 1.5 and v.strength < 2 and len(found) == 1 and _told_next(text, sentences, i, known_by, amounts_in):
                ev = 1.5 if v.known else 1.0   # "Then came Bitfinex. An intruder took $72 million from the exchange."
            heading = _heading_subject(text, sentences, i, v, layout) if ev >= 0 and v.strength < 2 and not (
                v.platform is not None and v.platform.kind in BYSTANDER) else None
            if heading:
                ev = max(ev, 2.0 if v.known else 1.5)   # "3. Upbit (November 2019)" over a paragraph on its theft
                headed += 1
            elif heading is False and v.known:
                plain_heads.append(v)
            if v.pattern == "amount-from-name" and not _sum_taken_from(text, sentences, attack, i, v):
                ev = min(ev, 0.25 if v.known else 0.0)   # "$5 million from Zumo" is a theft only where the text tells of one
                moved_from.add(v.span.start)
            if v.platform is not None and v.platform.kind in BYSTANDER and (
                    v.strength < 2 or v.pattern == "stolen-from-name") and not (
                    v.pattern == "stolen-from-name" and _NAMED_AS_SERVICE.search(text, max(s.start, v.span.start - 160), v.span.start)):
                ev = min(ev, 0.75)   # "funds taken from BNB Chain": the chain is where, not whom
            if v.platform is not None and v.platform.kind in BYSTANDER and _OWN_PART_BEFORE.search(
                    text, max(s.start, v.span.start - 40), v.span.start) and _PART_AFTER.match(text, v.span.end, s.end):
                ev = min(ev, 0.0)   # "$4.5 million from its Arbitrum market": the victim's own market on that chain
            if money_here and ev > 0 and attack[i] and (_strong_attack(text[s.start : s.end])
                                                        or folded(_FIGURE_GONE).search(text, s.start, s.end)):
                ev += 0.5
            phrase = yardstick_phrase(text, s, v)
            if phrase is not None:
                yardstick[id(v)] = (i, *phrase)
                if v.known and _told_as_incident(text, s, v, phrase, attack[i]):
                    ev = max(ev, known_threshold)   # "a Mt. Gox-level meltdown" speaks of Mt. Gox's own collapse
            key = victim_key(v.name)
            c = cands.get(key)
            if c is None:
                c = cands[key] = Candidate(key, v.name)
            c.mentions.append((i, v, ev))
    _demote_data_sinks(text, sentences, cands)
    if headed >= 2 and plain_heads:
        # the items of a roundup are alike: beside two items on a theft, a platform heading the others is a victim too
        plain = {id(v) for v in plain_heads}
        for c in cands.values():
            c.mentions = [(j, v, max(ev, 1.5) if id(v) in plain else ev) for j, v, ev in c.mentions]
    # merge unknown names into known ones that share the first word ("Coincheck Inc" -> "Coincheck")
    _merge_into_longer_names(cands)
    _merge_into_known_names(cands)
    title_text = title or ""
    title_attack = bool(ATTACK_CUE.search(title_text))
    for c in cands.values():
        c.mentions.sort(key=lambda t: t[1].span.start)
        evs = sorted((ev for _, _, ev in c.mentions), reverse=True)
        # the best mentions count fully, repeats count less
        c.score = c.base = sum(ev if n < 2 else ev * 0.5 for n, ev in enumerate(evs))
        c.strong = sum(1 for _, v, _ in c.mentions if v.strength >= 2)
        if title_text:
            names = {c.name, *(v.surface for _, v, _ in c.mentions)}
            if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", title_text) for n in names):
                c.in_title = True
                in_head = [ev for i, _, ev in c.mentions if i == 0]
                if c.base > 0 and not (in_head and max(in_head) <= 0 and title_text.strip() in text[sentences[0].start : sentences[0].end]):
                    # a name whose every mention plays another role ("a tool called X") stays out, and so does one
                    # whose headline mention does ("Binance-linked BNB Chain paused")
                    c.score += 2.0 if title_attack else 0.5
    # names listed together ("the Alphapo, CoinsPaid and Atomic Wallet hacks") share the strongest evidence
    for i, found in per_sentence.items():
        for a, b in zip(found, found[1:]):
            gap = text[a.span.end : b.span.start]
            if re.fullmatch(r"(?:\s*\([^()]{0,40}\))?\s*(?:,|and|&|or|,\s*and|as\s+well\s+as)\s*", gap):
                ca, cb = cands.get(victim_key(a.name)), cands.get(victim_key(b.name))
                if ca is None or cb is None or ca is cb or a.span.start in moved_from or b.span.start in moved_from:
                    continue
                ea = max((ev for j, v, ev in ca.mentions if v is a), default=0.0)
                eb = max((ev for j, v, ev in cb.mentions if v is b), default=0.0)
                best = max(ea, eb)
                ca.mentions = [(j, v, best if v is a else ev) for j, v, ev in ca.mentions]
                cb.mentions = [(j, v, best if v is b else ev) for j, v, ev in cb.mentions]
    for c in cands.values():
        evs = sorted((ev for _, _, ev in c.mentions), reverse=True)
        c.score = sum(ev if n < 2 else ev * 0.5 for n, ev in enumerate(evs)) + (c.score - c.base)
    def needed(c: Candidate) -> float:
        p = c.first.platform
        if p is not None and p.kind in BYSTANDER:
            return threshold + 0.5
        return known_threshold if c.first.known else threshold

    victims = sorted((c for c in cands.values() if c.score >= needed(c)), key=lambda c: c.first.span.start)
    if not victims and sum(attack) >= 3 and any(amounts_in or []) and sum(
            1 for s in sentences if _THEFT_WORD.search(text, s.start, s.end)) >= 2:
        # a heist story that never says "X was hacked" in one sentence: the only platform it names is the victim
        named = sorted((c for c in cands.values() if c.first.known and c.score > 0
                        and c.first.platform is not None and c.first.platform.kind not in BYSTANDER),
                       key=lambda c: (-c.score, c.first.span.start))
        if len(named) == 1 or len(named) > 1 and named[0].score >= 2 * named[1].score:
            victims = [named[0]]
    campaign = _campaign(text, sentences, attack)
    if campaign is not None and not victims and not any(amounts_in or []) and _addresses_reader(text) \
            and not folded(_DONE_HARM).search(text) and not find_actors(text):
        campaign = None   # a guide to how drainers or phishing work: it speaks to the reader, tells no sum, no harm done
    if campaign is not None:
        named = {i for c in victims for i, _, _ in c.mentions}
        own = [m for m in campaign.mentions if m[0] not in named]
        kinds = {c.first.platform.type for c in victims if c.first.platform is not None}
        # beside named victims, a campaign needs sentences of its own and must not be one of them
        # (or one sentence that names the machine it took over: "mined Monero on a server of a company")
        told = len(own) >= 2 or len(own) == 1 and _names_target(text, sentences[own[0][0]])
        # a headline on the campaign ("Fake recruiters, real malware: ...") makes it the story's own, whatever
        # other victims it names in passing; not a headline that names the victim the attack hit ("Zumo paid
        # $11 million to end ransomware attack": that victim's attack, no campaign beside it)
        headline = not any(c.in_title for c in victims) and _headline_cue(text, sentences, title, campaign)
        if not victims or ((campaign.key == victim_key("cryptojacking campaign") and told or headline)
                           and campaign_type(campaign.name) not in kinds):
            campaign.mentions = own if victims else campaign.mentions
            victims = sorted([*victims, campaign], key=lambda c: c.first.span.start)
    mentions: dict[int, list[tuple[VictimMention, int]]] = {}
    yardsticks: list[tuple[int, int, int, int]] = []
    for n, c in enumerate(victims):
        for i, v, _ in c.mentions:
            got = yardstick.get(id(v))
            if got is not None and not tells_own_clause(text, sentences[i], got[1:]):
                yardsticks.append((*got, n))   # a yardstick is no name the sentence's claims attach to
            else:
                mentions.setdefault(i, []).append((v, n))
    for i in mentions:
        mentions[i].sort(key=lambda t: t[0].span.start)
    yardsticks.sort(key=lambda t: (t[1], t[2]))
    # main subject: in the title, or the strongest; never a platform named only as a yardstick
    only_yardstick = [all(id(v) in yardstick for _, v, _ in c.mentions) for c in victims]
    main = [False] * len(victims)
    eligible = [n for n in range(len(victims)) if not only_yardstick[n]]
    if eligible:
        titled = [n for n in eligible if victims[n].in_title]
        if titled:
            for n in titled:
                main[n] = True
        else:
            best = max(eligible, key=lambda n: (victims[n].score, -n))
            main[best] = True
            for n in eligible:
                c = victims[n]
                if c.score >= 0.8 * victims[best].score and c.strong >= 1:
                    main[n] = True
    lead = max((n for n in range(len(victims)) if main[n]), key=lambda n: (victims[n].score, -n), default=None)
    # focus: the incidents a sentence names; else "the exchange"/"the attack" and figures stay with the
    # incident just named, and fall back to the main incident
    focus: list[list[int]] = []
    last: list[int] = []
    last_at = named_at = -99
    money = amounts_in or [False] * len(sentences)
    # a heading or list item opens a section: what it names stays in focus in the sentences under it, and the
    # story's lead does not reach back before the section that first names it (a roundup's intro is no one's)
    section: list[int] = []
    section_at = -99
    named_sections = 0   # headings so far that name an incident: under one that names none, no lead either
    lead_from = 0
    if lead is not None:
        # (a headline naming the lead does not open the body: "From A to B: the year thieves took $3 billion")
        body = [j for j, _, _ in victims[lead].mentions if j > 0 or not title] or [victims[lead].mentions[0][0]]
        if layout.section[body[0]]:
            lead_from = body[0]
    inline_section = False
    for i, s in enumerate(sentences):
        named_here = mentions.get(i)
        here = sorted({n for _, n in named_here}) if named_here else []
        if inline_section and section and "\n" in text[sentences[i - 1].end : s.start]:
            section, last = [], []   # a paragraph led by "Zaif, September." ends with the paragraph
        if i > 0 and layout.section[i] and (here or not layout.item[i]):
            inline_section = inline_lead(text, s)
            if section and not here:
                last = []   # a new heading that names none: the incident of the section before is done
            section, section_at = here, i
            named_sections += bool(here)
        if here:
            focus.append(here)
            if not _LINK_LINE.match(text, s.start, s.end) and not (i == 0 and title and len(here) > 1):
                # ("Read also: ..." names another article's story; a headline naming several victims, "From A to
                # B: the year thieves took $3 billion", says nothing of which one the body's first lines are about)
                last, last_at = here, i
                named_at = i
            continue
        # speaks of the incident in focus: an attack word, a figure, or "the exchange", "the attack", "it" (those
        # read only where an incident is near enough in focus to be kept)
        speaks_on = bool(attack[i] or money[i])
        if not speaks_on and (last and i - last_at <= 2 and i - named_at <= 4 or section and i - section_at <= 12):
            speaks_on = folded(ANAPHORA).search(text, s.start, s.end) is not None
        # the lead (the headline counts as the story's): not before the section that first names it, nor under a
        # heading that names none once headings name incidents
        lead_ok = lead is not None and (i >= lead_from or i == 0) and not (named_sections and section_at >= 0 and not section)
        if focus and focus[-1] and (layout.item[i] or layout.colon[i]) \
                and not _NAMED_ITEM.match(text, s.start, s.end):
            focus.append(list(focus[-1]))   # a list and the line that opens it continue the sentence before
        elif last and i - last_at <= 2 and i - named_at <= 4 and speaks_on:
            if len(last) > 1 and lead is not None and lead not in last and _ONE_INCIDENT_REF.search(text, s.start, s.end):
                focus.append([lead])   # after "A and B were hit too", "the exploit" is still the story's own
            else:
                focus.append(list(last))
                last_at = i   # a paragraph that keeps speaking of the incident keeps it in focus
        elif section and i - section_at <= 12 and speaks_on:
            focus.append(list(section))   # "4. KuCoin (September 2020)" ... "The Singapore-based exchange first put ..."
        elif lead_ok and attack[i]:
            focus.append([lead])
        elif lead_ok and money[i] and _ESTIMATE_TALK.search(text, s.start, s.end):
            focus.append([lead])   # "The first public figure was about $60 million": an estimate of the story's loss
            last, last_at = [lead], i
        else:
            focus.append([])
    return IncidentPlan(victims, mentions, focus, main, attack, layout, yardsticks)


# Attacks without one victim platform: a campaign against many (cryptojacking, ransomware, phishing, malware).
CAMPAIGN_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cryptojacking campaign", re.compile(
        r"\bcrypto-?jacking\b|\b(?:coin|crypto)-?miners?\b|\bmining\s+(?:malware|scripts?|software|code|bots?)\b|"
        r"\b(?:mined?|mining)\s+(?:an?\s+)?(?:[\w\-]+\s+){0,3}?(?:Monero|XMR|cryptocurrenc\w+|crypto\w*)\b|"
        r"\b(?:Monero|XMR)[\s\-]+mining\b", re.IGNORECASE)),
    ("ransomware campaign", re.compile(r"\bransomware\b", re.IGNORECASE)),
    ("fake job campaign", re.compile(r"\b(?:fake|fraudulent|bogus|sham)\s+(?:job|recruit\w*|interview\w*|hiring|employers?)\b|"
                                     r"\bjob\s+offers?\b|\bpos(?:ing|ed|es?)\s+as\s+(?:\w+\s+)?recruiters?\b", re.IGNORECASE)),
    ("phishing campaign", re.compile(r"\b(?:spear-?)?phishing\b", re.IGNORECASE)),
    ("malware campaign", re.compile(
        r"\b(?:clipper|clipboard|infostealers?|info-?stealers?|drainer|trojan\w*|stealer|malware)\b", re.IGNORECASE)),
)
# Words (lower case) of which every match of a campaign cue holds one: a text holding none is not scanned for it.
_CAMPAIGN_WORDS: dict[str, tuple[str, ...]] = {
    "cryptojacking campaign": ("jacking", "mine", "mining"),   # ("miner", "mined" hold "mine")
    "ransomware campaign": ("ransomware",),
    "fake job campaign": ("fake", "job"),
    "phishing campaign": ("phishing",),
    "malware campaign": ("clipper", "clipboard", "stealer", "drainer", "trojan", "malware"),
}


def _holds_any(low: str | None, words: tuple[str, ...], start: int = 0, end: int | None = None) -> bool:
    """Does ``low`` (a text lowered by ``text.lowered``) hold one of ``words`` inside ``[start, end)``? A cheap
    necessary test before a case-insensitive pattern whose every match holds one; True when ``low`` is None (the
    text could not be lowered exactly, so the test cannot rule anything out)."""
    if low is None:
        return True
    end = len(low) if end is None else end
    return any(low.find(w, start, end) >= 0 for w in words)


def campaign_type(label: str) -> str:
    """The incident type (value) a campaign label stands for."""
    return {"cryptojacking campaign": "cryptojacking", "ransomware campaign": "ransomware",
            "phishing campaign": "phishing", "spearphishing campaign": "phishing",
            "fake job campaign": "phishing"}.get(label.split(" (", 1)[0], "other")


# What a campaign took over, as news names it: "a server at a South Korean company", "a Kubernetes console at
# Tesla", "a South Korean company server". The victim of a campaign is that machine and its owner.
_MACHINE = r"(?:servers?|computers?|machines?|(?:\w+\s+)?consoles?|cloud\s+accounts?|cloud\s+servers?|PCs?|workstations?)"
_OWNER_NOUN = r"(?:company|firm|corporation|business|organi[sz]ation|hospital|university|agency|bank|exchange)"
_TARGET_OF = re.compile(
    rf"\b(?:a|an|the|its|their)\s+(?P<thing>(?:[\w\-]+\s+){{0,2}}?{_MACHINE})\s+(?:at|of|belonging\s+to|owned\s+by|run\s+by)\s+"
    rf"(?:an?\s+|the\s+)?(?P<owner>(?:[\w\-]+\s+){{0,2}}?{_OWNER_NOUN}|(?-i:[A-Z][\w.\-]*)(?:\s(?-i:[A-Z][\w.\-]*)){{0,2}})\b",
    re.IGNORECASE)
_OWNER_FIRST = re.compile(
    rf"\b(?:a|an|the)\s+(?P<owner>(?:[\w\-]+\s+){{0,2}}?{_OWNER_NOUN})(?:['’]s)?\s+(?P<thing>{_MACHINE})\b", re.IGNORECASE)
_MACHINE_WORDS = ("server", "computer", "machine", "console", "cloud", "pc", "workstation")   # one is in each _MACHINE


def _headline_cue(text: str, sentences: list[Span], title: str | None, campaign: Candidate) -> bool:
    """Is the text's first line its headline, and does it use the campaign's own words ("Fake recruiters ...")?"""
    if title is None or not sentences or text[sentences[0].start : sentences[0].end] != title.strip():
        return False
    label = campaign.mentions[0][1].name if campaign.mentions else ""
    cues = dict(CAMPAIGN_CUES)
    rx = cues.get(label) or cues.get(label.replace("spearphishing", "phishing"))
    return rx is not None and rx.search(text, sentences[0].start, sentences[0].end) is not None


def _names_target(text: str, s: Span) -> bool:
    """Does the sentence name a machine a campaign took over and its owner ("a server of a South Korean company")?"""
    return any(rx.search(text, s.start, s.end) for rx in (_TARGET_OF, _OWNER_FIRST))


def _campaign_target(text: str, sentences: list[Span], at: list[int]) -> str | None:
    """The machine a campaign took over and its owner ("South Korean company server"), from its sentences."""
    near = sorted({j for i in at for j in (i, i - 1, i + 1) if 0 <= j < len(sentences)}, key=lambda j: (j not in at, j))
    low = lowered(text)
    for i in near:
        s = sentences[i]
        if not _holds_any(low, _MACHINE_WORDS, s.start, s.end):
            continue   # both patterns name the machine
        found = [m for rx in (_TARGET_OF, _OWNER_FIRST) for m in rx.finditer(text, s.start, s.end)]
        if found:
            m = min(found, key=lambda m: m.start())
            owner = " ".join(m.group("owner").split())
            thing = " ".join(m.group("thing").split())
            return f"{owner} {thing}"
    return None


# A malware family as news names it: "the Clipper malware", "the RedLine stealer", "Inferno Drainer". A campaign
# of one named family is that family's, not a generic "malware campaign" (which would merge unrelated ones).
_FAMILY = re.compile(r"\b(?P<name>(?-i:[A-Z][A-Za-z0-9]+(?:[\-][A-Za-z0-9]+)?))\s+(?P<kind>malware|stealer|infostealer|drainer|"
                     r"trojan|clipper|ransomware|RAT)\b", re.IGNORECASE)
_NOT_FAMILY = frozenset({
    "the", "this", "that", "these", "those", "a", "an", "new", "crypto", "cryptocurrency", "bitcoin", "wallet", "android",
    "windows", "ios", "mac", "macos", "linux", "mobile", "north", "south", "korean", "russian", "chinese", "iranian",
    "such", "same", "other", "custom", "known", "sophisticated", "malicious", "its", "their", "his", "her", "our",
})
MALWARE_KINDS = ("malware", "stealer", "infostealer", "drainer", "trojan", "clipper", "ransomware", "RAT")


def _malware_family(text: str, sentences: list[Span]) -> str | None:
    """The one malware family a campaign story names ("Clipper malware"), not at a sentence's start nor an
    actor's or a platform's name; None when it names none or several."""
    from heistwatch.reference.actors import find_actors

    starts = {s.start for s in sentences}
    names: dict[str, str] = {}
    for m in _FAMILY.finditer(text):
        word = m.group("name")
        if m.start() in starts or word.lower() in _NOT_FAMILY or find_actors(word) or lookup(word) is not None:
            continue
        kind = m.group("kind")
        names.setdefault(word.lower(), f"{word} {'malware' if kind.lower() in ('malware', 'clipper') else kind}")
    return next(iter(names.values())) if len(names) == 1 else None


_CRYPTO_WORD = re.compile(r"\b(?:crypto\w*|bitcoins?|btc|ether(?:eum)?|eth|monero|xmr|tokens?|coins?|blockchain|"
                          r"wallets?|defi|nfts?|stablecoins?|usdt|tether|exchanges?)\b", re.IGNORECASE)


# Harm a campaign did, told as done: what a story about one says and a guide to its tricks does not.
_DONE_HARM = re.compile(r"\b(?:stole|stolen|drained|siphoned|swiped|looted|emptied|lost|infected|netted|made\s+off\s+with|"
                        r"encrypted|extorted|mined|broken\s+into|broke\s+into)\b", re.IGNORECASE)


_YOU = re.compile(r"\byour?\b", re.IGNORECASE)


def _addresses_reader(text: str) -> bool:
    """Does the text speak to its reader ("connect your wallet", "you can revoke"), as a guide does and news does not?"""
    n = 0
    for _ in _YOU.finditer(text):
        n += 1
        if n >= 3:
            return True
    return False


def _campaign(text: str, sentences: list[Span], attack: list[bool]) -> Candidate | None:
    """A victimless campaign when the text keeps describing one kind of attack."""
    best: tuple[int, int, str, list[tuple[int, re.Match[str]]]] | None = None
    starts = [s.start for s in sentences]
    low = lowered(text)
    for rank, (label, rx) in enumerate(CAMPAIGN_CUES):
        if not _holds_any(low, _CAMPAIGN_WORDS[label]):
            continue
        hits = []
        seen: set[int] = set()
        for m in quick(rx).finditer(text):   # spans only: the words are read from text below
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or i in seen or m.end() > sentences[i].end or not attack[i]:
                continue
            seen.add(i)
            hits.append((i, m))
        # (one sentence is enough when it names the machine the attack took over: "a server of a company")
        enough = len(hits) >= 2 or len(hits) == 1 and _names_target(text, sentences[hits[0][0]])
        if enough and (best is None or len(hits) >= best[0] * 2):   # the more specific label wins
            best = (len(hits), rank, label, hits)
    if best is None or not folded(_CRYPTO_WORD).search(text):
        return None   # ransomware or phishing that never touches crypto is not this ledger's business
    _, _, label, hits = best
    if label == "phishing campaign" and any(m.group(0).lower().startswith("spear") for _, m in hits):
        label = "spearphishing campaign"   # the text's own word for it
    target = _campaign_target(text, sentences, [i for i, _ in hits])
    family = _malware_family(text, sentences) if label == "malware campaign" else None
    name = family or (f"{label} ({target})" if target else label)
    c = Candidate(victim_key(family or label), name)
    for i, m in hits:
        v = VictimMention(Span(m.start(), m.end()), label, text[m.start() : m.end()], False, None, 2, "campaign")
        c.mentions.append((i, v, 3.0))
    c.score = 3.0 * len(hits) if len(hits) >= 2 else 1.0   # one sentence: told in passing
    c.strong = len(hits)
    return c


def is_aggregate_sentence(text: str, sentence: Span) -> bool:
    return bool(folded(AGGREGATE_CUE).search(text, sentence.start, sentence.end))
