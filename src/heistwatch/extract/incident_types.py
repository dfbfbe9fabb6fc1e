"""Incident type from the platform's kind and the words the text uses about the incident.

Cues are data: each has words to look for and sentences it must (and must not) match; strong cues
(ransomware, cryptojacking, phishing, data breach) override the platform's default type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from heistwatch.extract.model import IncidentType
from heistwatch.extract.text import folded
from heistwatch.reference.platforms import Platform


@dataclass(frozen=True, slots=True)
class TypeCue:
    type: IncidentType
    regex: re.Pattern[str]
    strong: bool                 # overrides the platform's default type
    must_match: tuple[str, ...]
    must_not_match: tuple[str, ...]


def _cue(t: IncidentType, rx: str, strong: bool, must: list[str], must_not: list[str]) -> TypeCue:
    return TypeCue(t, re.compile(rx, re.IGNORECASE), strong, tuple(must), tuple(must_not))


TYPE_CUES: tuple[TypeCue, ...] = (
    _cue(IncidentType.RANSOMWARE, r"\bransomware\b|\bWannaCry\b|\bransom\s+(?:note|demand)", True,
         ["The ransomware encrypted hospital files.", "WannaCry spread fast."], ["They paid a fee."]),
    _cue(IncidentType.CRYPTOJACKING,
         r"\bcrypto-?jacking\b|\b(?:coin|crypto)-?miners?\b|\bmining\s+(?:malware|scripts?|software|code|bots?)\b|"
         r"\b(?:mined?|mining)\s+(?:an?\s+)?(?:[\w\-]+\s+){0,3}?(?:Monero|XMR|cryptocurrenc\w+)\b|\b(?:Monero|XMR)[\s\-]+mining\b|"
         r"\b(?:hijack\w*|infected)\s+(?:\w+\s+){0,3}(?:servers?|computers?)\s+to\s+mine\b|\billicit(?:ly)?\s+min(?:e|ing)\b",
         True,
         ["The gang mined Monero on hijacked servers.", "A cryptojacking campaign hit firms."],
         ["The exchange lists Monero."]),
    _cue(IncidentType.PHISHING,
         r"\b(?:spear-?)?phishing\b|\bfake[\s\-]+(?:[\w\-]+\s+)?(?:jobs?|recruit\w*|websites?|apps?|interviews?|offers?|profiles?|personas?)\b|\bsocial\s+engineering\b|"
         r"\bdrainer\b|\bimpersonat\w+|\bpos(?:ing|ed)\s+as\s+(?:[\w\-]+\s+){0,2}?(?:support|staff|agents?|employees?|"
         r"officials?|representatives?|investors?|recruiters?)\b|\btrick(?:ed|ing|s)?\s+(?:[\w\-]+\s+){1,4}?into\s+"
         r"(?:handing|sending|giving|revealing|sharing|signing|approving|transferring)\b",
         True,
         ["Staff got spear-phishing e-mails.", "Victims were lured by fake job offers.",
          "Scammers posing as support staff called users.", "They tricked Zumo customers into handing over keys."],
         ["The phishers left.", "The trick worked into the night."]),
    _cue(IncidentType.DATA_BREACH,
         r"\b(?:personal|customer|user)\s+(?:data|information|details|records)\b|\bdata\s+(?:breach|leak)\b|"
         r"\bleak(?:ed|ing)?\s+(?:the\s+)?(?:personal|customer|user)|\be-?mail\s+addresses\s+(?:of|were)\b|"
         r"\b(?:exposed|leaked)\s+(?:the\s+)?data\b|"
         r"\bdata\s+(?:of|on)\s+(?:more\s+than\s+|about\s+|some\s+|nearly\s+)?[\d,.]+\s*(?:thousand\s+|million\s+)?"
         r"(?:users|customers|clients|members|people)\b|"
         r"\b(?:exposed|leaked|stole|copied|obtained|accessed|took)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}?"
         r"(?:names|(?:home|postal|physical|street|mailing)\s+addresses|phone\s+numbers|dates\s+of\s+birth|"
         r"(?:identity|ID|KYC)\s+(?:documents|data|records|information))\b",
         True,
         ["The exchange leaked personal information of 31,000 users.", "A data breach exposed e-mail addresses of users.",
          "A hacked laptop exposed data of 12,000 customers.", "Thieves copied data on about 2 million users.",
          "The leak exposed the names and home addresses of 270,000 buyers.",
          "Intruders copied the KYC documents of some traders."],
         ["The hackers stole coins.", "The hackers stole funds from 40 wallet addresses.",
          "Analysts traced the thieves' addresses."]),
    _cue(IncidentType.BRIDGE_HACK, r"\bbridges?\b|\bcross-?chain\b", False,
         ["The cross-chain bridge was drained."], ["They crossed the street."]),
    _cue(IncidentType.DEFI_EXPLOIT,
         r"\bflash[\s\-]?loans?\b|\bsmart[\s\-]contracts?\b|\bDeFi\b|\blending\s+protocol\b|\bliquidity\s+pools?\b|\boracle\b|\breentrancy\b",
         False,
         ["A flash loan attack drained the pool.", "A bug in the smart contract was used."], ["The exchange was hacked."]),
    _cue(IncidentType.EXCHANGE_HACK, r"\bexchanges?\b|\btrading\s+platform\b|\bhot\s+wallets?\b", False,
         ["The exchange lost its hot wallet funds."], ["The wallet app was hacked."]),
    _cue(IncidentType.WALLET_HACK, r"\bwallet\s+(?:app|provider|software|users)\b|\bprivate\s+keys?\b|\bseed\s+phrases?\b", False,
         ["Users of the wallet app lost funds.", "Attackers obtained private keys."], ["The exchange paused trading."]),
)

_KIND_TYPE = {
    "exchange": IncidentType.EXCHANGE_HACK, "defi": IncidentType.DEFI_EXPLOIT, "bridge": IncidentType.BRIDGE_HACK,
    "wallet": IncidentType.WALLET_HACK, "casino": IncidentType.EXCHANGE_HACK, "payment": IncidentType.EXCHANGE_HACK,
}


# Platforms that hold funds: a phishing e-mail is how they were robbed, not what kind of incident it was.
_HOLDS_FUNDS = frozenset({"exchange", "defi", "bridge", "wallet", "casino", "payment", "game", "chain"})
_CAMPAIGN_TYPES = {"cryptojacking campaign": IncidentType.CRYPTOJACKING, "ransomware campaign": IncidentType.RANSOMWARE,
                   "phishing campaign": IncidentType.PHISHING, "spearphishing campaign": IncidentType.PHISHING,
                   "fake job campaign": IncidentType.PHISHING}


def _named_family(label: str) -> bool:
    """A campaign named for its malware family ("Clipper malware", "RedLine stealer")."""
    return re.fullmatch(r"\S+ (?:malware|stealer|infostealer|drainer|trojan|RAT)", label, re.IGNORECASE) is not None


# The cues found in a text, kept for the last texts read: the victims of one sentence (a roundup's list) share
# the same context, which the pipeline passes as one string, so a long sentence is searched once, not per victim.
# ``low``: ``text`` lowered exactly (see text.lowered), when the caller has it: the cue's case-sensitive twin reads
# it, finding what the cue finds in ``text``, faster.
@lru_cache(maxsize=64)
def _found(cue: int, text: str, low: str | None = None) -> bool:
    twin = folded(TYPE_CUES[cue].regex).twin
    if low is not None and twin is not None:
        return twin.search(low) is not None
    return TYPE_CUES[cue].regex.search(text) is not None


@lru_cache(maxsize=64)
def _count(cue: int, text: str, low: str | None = None) -> int:
    twin = folded(TYPE_CUES[cue].regex).twin
    if low is not None and twin is not None:
        return len(twin.findall(low))
    return len(TYPE_CUES[cue].regex.findall(text))


def infer_type(platform: Platform | None, victim_name: str, context: str, lead: str | None = None, *,
               lowered_context: str | None = None, lowered_lead: str | None = None) -> IncidentType:
    """The incident type given the victim (known platform or not) and the sentences about the incident.

    A victimless campaign takes the type of its label; a malware campaign is phishing when it lures
    its victims (fake jobs, drainer sites), else other. A platform that holds funds is not typed
    phishing for the way its keys were stolen, and is typed data_breach only when the leak leads the
    story (``lead``: the headline and the sentence that first names the victim), not when the text
    adds that user data went too.
    """
    label = victim_name.split(" (", 1)[0]   # "cryptojacking campaign (South Korean company server)"
    if platform is None and label in _CAMPAIGN_TYPES:
        return _CAMPAIGN_TYPES[label]
    if platform is None and (label == "malware campaign" or _named_family(label)):
        phishing = next(k for k, c in enumerate(TYPE_CUES) if c.type == IncidentType.PHISHING)
        return IncidentType.PHISHING if _found(phishing, context, lowered_context) else IncidentType.OTHER
    strong = [(k, c) for k, c in enumerate(TYPE_CUES) if c.strong and _found(k, context, lowered_context)]
    if platform is not None and platform.kind in _HOLDS_FUNDS:
        strong = [(k, c) for k, c in strong if c.type != IncidentType.PHISHING
                  and (c.type != IncidentType.DATA_BREACH or lead is None or _found(k, lead, lowered_lead))]
    if strong:
        return strong[0][1].type
    if platform is not None:
        return platform.type
    low = victim_name.lower()
    if "bridge" in low:
        return IncidentType.BRIDGE_HACK
    if "wallet" in low:
        return IncidentType.WALLET_HACK
    if any(w in low for w in ("finance", "protocol", "swap", "dao", "lend")):
        return IncidentType.DEFI_EXPLOIT
    counts = {c.type: _count(k, context, lowered_context) for k, c in enumerate(TYPE_CUES) if not c.strong}
    best = max(counts.items(), key=lambda kv: kv[1])
    if best[1] > 0:
        return best[0]
    return IncidentType.OTHER
