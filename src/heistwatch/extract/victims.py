"""Victims of incidents: known platforms from the reference list, and unknown ones from how news names them.

Patterns are data (``VICTIM_PATTERNS``): each has a regular expression with a ``name`` group, and
sentences it must and must not match; ``tests/extract/test_victims.py`` runs every example.
A mention found here is only a candidate: ``incidents.py`` decides which candidates are victims of
an incident described in the text (attack words, losses, the role the name plays in the sentence).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from heistwatch.extract.model import Span
from heistwatch.extract.text import Folded, anchored, folded, hits_by_sentence
from heistwatch.reference import assets
from heistwatch.reference.actors import lookup as lookup_actor
from heistwatch.reference.places import is_demonym, is_place, place_names_alternation
from heistwatch.reference.platforms import Platform, find_platforms, lookup, told_as_platform
from heistwatch.reference.vocabulary import alternation, attack_nouns

# A proper name as news writes a company: capitalised words, CamelCase, digits, dots (Gate.io, 4E, C.R.E.A.M.).
# Possessive quantifiers and bounded repetition keep every pattern linear on hostile input
# (a 5 MB line of digits, thousands of capitalised words).
_WORD = r"(?:[A-Z](?:\w|[.\-](?=\w))*+|\d++[A-Za-z](?:\w|[.\-](?=\w))*+)"
NAME = rf"(?<![\w.\-])(?P<name>{_WORD}(?:\s(?:{_WORD}|of|de|&)){{0,5}}?(?:\s{_WORD})?)"
_NAME_CS = rf"(?-i:{NAME})"
# another name beside the one a pattern captures ("Zumo and Quidax were both hacked"), not captured itself
_OTHER_NAME = rf"(?-i:(?<![\w.\-]){_WORD}(?:\s{_WORD}){{0,2}})"
_PLATFORM_NOUN = (
    r"(?:cryptocurrency|crypto|bitcoin|digital[\s\-]currency|digital[\s\-]asset|virtual[\s\-]currency|"
    r"DeFi|decentralized|decentralised|cross[\s\-]chain|blockchain|NFT|gaming|trading|lending|"
    r"derivatives|payment|payments|\w+-based|\w+-focused|major|popular|\w+est|leading|top|small|local)?"
)
_KIND = (
    r"(?:exchange|exchanges|platform|trading\s+platform|marketplace|protocol|wallet\s+provider|wallet|bridge|"
    r"lender|lending\s+platform|casino|startup|firm|company|operator|processors?|providers?|service|network|game|project|"
    r"platforms|protocols|firms|companies|wallets|services|"
    r"market\s+maker|custodian|brokerage|broker|dex|DEX|app)"
)
# a person written as the owner of the coins: "from investor Jane Roe", "from crypto entrepreneur Jane Roe"
_PERSON_ROLE = (r"(?:(?:crypto(?:currency)?\s+|bitcoin\s+|early\s+|(?-i:[A-Z][\w\-]+)\s+)?(?:investor|entrepreneur|trader|"
                r"executive|businessman|businesswoman|collector|holder|influencer|(?:co-?)?founder)\s+)")
_KIND_PHRASE = rf"(?:{_PLATFORM_NOUN}[\s\-]*(?:[\w\-’']+\s+){{0,2}}?{_KIND}\s+)"
_ATTACK_NOUN = r"(?:" + attack_nouns(plus=("hacking", "compromise", "robbery", "raid", "drain")) + r")"
_KIND_WORDS = (r"exchange|platform|marketplace|protocol|wallet|bridge|lender|lending|casino|startup|firm|compan|"
               r"operator|processor|provider|service|network|game|project|maker|custodian|broker|dex|app")
_ATTACK_WORDS = attack_nouns(plus=("compromise", "robbery", "raid", "drain"))
_TAKEN = alternation("theft_verb", "core", plus=("steal", "stealing", "withdrawn", "lost"))
_ATTACK_VERB_PASSIVE = "(?:" + alternation("theft_verb", "hit", plus=("exploited", "compromised", "drained", "struck", "looted", "raided",
                                                                  "victimi[sz]ed")) + ")"


# A platform word written after the name, lower case: "the Zumo bridge was drained", "the Zumo exchange lost".
_OWN_KIND = (r"(?:(?:hot\s+|cold\s+|liquidity\s+)?(?:exchange|bridge|protocol|platform|wallet|casino|network|app|pool|vault|"
             r"marketplace|DEX|dex|contract|blockchain|sidechain|chain)s?)")   # (plural: "several Zumo pools were drained")
# "Zumo's 2022 hack", "Zumo's $40 million heist": a year or a sum between the name and the attack noun.
_WHEN_OR_HOW_MUCH = (r"(?:(?:19|20)\d\d|(?:US)?[$€£¥₩]\s?\d[\d.,]*+(?:\s?(?:million|billion|thousand|mn|bn|m|k)\b)?|"
                     r"\d[\d.,]*+\s?(?:million|billion)\s+(?:dollars?|euros?|yen|won))")
# Where the platform is, between its name and the verb: "Zumo in Indonesia lost", "Quidax in South Korea was hit".
_IN_PLACE = rf"(?:\s+in\s+(?-i:{place_names_alternation()}))"
# A sum, as news writes it before "from <platform>": "$60m of cryptocurrency from Zumo", "400 BTC from Zumo".
_AMOUNT = (r"(?:(?:US)?[$€£¥₩]\s?\d[\d.,]*+(?:\s?(?:million|billion|thousand|mn|bn|m|k)\b)?|"
           r"(?<![\w.,])\d[\d.,]*+\s?(?:million|billion|thousand)?\s?(?:dollars|euros|yen|won|USD|BTC|ETH|bitcoins?|ether|tokens|coins)\b)")


# What a platform's name is written with when it is what was attacked, lower case after the name: "the Zumo
# project was exploited", "the Quidax lending protocol was drained", "Moonwell token was exploited".
_ATTACKED_KIND = (r"(?:(?:(?:lending|staking|trading|investing|yield|liquidity|farming|vesting|smart|swap|fee|bridge|"
                  r"token|main|reward|NFT|DeFi|operational|team|[A-Z\d]{2,}(?:/[A-Z\d]{2,})?)\s+){0,2}(?:project|token|contracts?|pools?|vaults?|farms?|team|app|game|"
                  r"component|module|"
                  r"marketplace|router|platform|protocol|exchange|wallets?)|" + _OWN_KIND + r")")
# What a platform owns that an attack hits, written after its name with an apostrophe: "Zumo's hot wallet",
# "Quidax's systems", "Moonwell's staking contract", "Kelda's XRP Ledger wallets".
_OWN_PART = (r"(?:(?:[\w\-/.'’]+\s+){0,3}?(?-i:systems?|servers?|wallets?|contracts?|accounts?|(?:private\s+|API\s+|PGP\s+|admin\s+)?keys?|"
             r"pools?|vaults?|bridge|platform|network|treasury|infrastructure|database|website|site|front-?end|multi-?sig|"
             r"deployer|nodes?|protocol|router|farm|exchange|app|reserves?|funds|liquidity|storage|computers?|"
             r"Discord|Twitter|X\s+account|email)\b)")
# How a text says what was attacked: "was hacked", "has been drained", "suffered a flash loan exploit", "became
# the victim of a heist", "experienced a security breach", "was subjected to an attack".
_ATTACKED = (rf"(?:(?:was|were|has\s+been|had\s+been|have\s+been|got|gets|is|became|(?:has\s+|had\s+|have\s+)?(?:suffered|experienced|sustained)|"
             rf"fell\s+victim\s+to|confirmed|disclosed|reported|(?:was|were|has\s+been)\s+subjected\s+to|suffered\s+from)\s+(?:\w+\s+)?"
             rf"(?:{_ATTACK_VERB_PASSIVE}|an?\s+(?:[\w\-$.,]+\s+){{0,4}}?{_ATTACK_NOUN}|"
             rf"(?:the\s+|a\s+)?(?:latest\s+)?victim\s+of\s+(?:an?\s+|the\s+)?(?:[\w\-$.,]+\s+){{0,3}}?{_ATTACK_NOUN})\b|"
             rf"(?:has\s+|have\s+)?(?:become|became|is|was)\s+the\s+(?:latest|newest|second|third|fourth|fifth|first|last|\w+est)\s+"
             rf"(?:[\w\-]+\s+){{0,3}}?to\s+(?:be\s+|get\s+|have\s+been\s+)?(?:{_ATTACK_VERB_PASSIVE}|suffer|fall\s+victim)\b|"
             rf"suffered\s+from\s+(?:[\w\-$.,]+\s+){{0,3}}?{_ATTACK_NOUN}s?\b|"
             # "suffered a loss due to a reentrancy bug": a loss is an attack's where the sentence goes on to tell one
             rf"(?:has\s+|had\s+|have\s+)?(?:suffered|experienced|sustained|incurred)\s+(?:an?\s+)?(?:[\w\-$.,~]+\s+){{0,4}}?loss(?:es)?\b"
             rf"(?=[^.;]{{0,200}}?\b(?:exploit|attack|hack|breach|vulnerab|flaw|bug|manipulat|reentran|stol|theft|drain|flash\s?loan)))")
_BETWEEN = (r"(?:\s\((?-i:[A-Z][\w.\-]{0,15})\))?"
            r"(?:\s+on\s+(?:the\s+)?(?-i:[A-Z][\w.\-]*|[a-z]+[A-Z][\w.\-]*)(?:\s(?-i:[A-Z][\w.\-]*)){0,2}(?:\s+(?:chain|network|blockchain|mainnet))?)?"
            r"(?:,[^,]{3,100},|\s[-–—]\s[^,.;\-–—]{3,60}\s[-–—])?")
# A platform's word after its name, with what kind it is: "the Zumo decentralised exchange", "the Quidax lending
# pool" (not a token's: "the Zumo token lost 40%" is its price).
_LOST_KIND = (r"(?:(?:(?:decentrali[sz]ed|centrali[sz]ed|crypto(?:currency)?|bitcoin|lending|trading|derivatives|smart|"
              r"liquidity|staking|yield)\s+){1,2}(?:exchange|bridge|protocol|platform|wallet|casino|app|pool|vault|marketplace|"
              r"DEX|dex)s?|" + _OWN_KIND + r")")
_DAY_WORDS = (r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
              r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|the\s+(?:night|morning|weekend)")
# The same with an appositive that tells what a platform is, not a person's role ("Justin Roe, the owner of the
# exchange, confirmed the hack": the exchange's, not his).
_PERSON_ROLE_WORDS = (r"owner|shareholder|CEO|chief|founder|co-founder|head|spokes\w+|director|executive|president|chairman|"
                      r"analyst|researcher|officer|partner|engineer|manager|investor|lawyer|developer|trader")
_BETWEEN_PLATFORM = _BETWEEN.replace(r",[^,]{3,100},", rf",(?![^,]{{0,100}}?\b(?:{_PERSON_ROLE_WORDS})\b)[^,]{{3,100}},")
_SAID_WORD = r"(?:said|says|reported|reports|announced|confirmed|disclosed|admitted|revealed|stated|acknowledged)\b"
_SAID = rf"(?:has\s+|had\s+)?{_SAID_WORD}"
# (triggers are words without spaces: the sentences holding one are found with str.find, see text.SentenceHits)
# An appositive that tells what a platform is ("Zumo, a bitcoin mining pool,"), not a person's role.
_PLATFORM_APPOSITIVE = (r",\s+(?:a|an|the|one\s+of\s+the)\s+(?!(?:[\w\-]+\s+){0,3}?(?:CEO|chief|founder|co-founder|head|spokes\w+|"
                        r"director|executive|president|analyst|researcher|officer|partner|engineer|manager|investor|lawyer|"
                        # nor who watches a theft: "Kelvar, a blockchain analytics firm, said hackers stole ..."
                        r"security|cybersecurity|cyber-security|auditing|audit|analytics|forensics?|intelligence|research|"
                        r"consulting|consultancy|law|legal|compliance|tracing|monitoring|news|media)\b)"
                        rf"(?:(?:[\w\-’']+\s+){{0,5}}?(?:{_KIND}|pool|mining\s+pool|site|website|service)\s*,|"
                        # "Zumo, the company behind the dollar-pegged token that traders use ...,": the firm behind a product
                        rf"(?:[\w\-’']+\s+){{0,2}}?(?:company|firm|startup|start-up|operator|issuer|team|developer)\s+"
                        rf"(?:behind|that\s+(?:runs|operates|issues|built|developed)|which\s+(?:runs|operates|issues))\s+[^,;.]{{3,120}}?,)")
# What may follow the name of a platform with a flaw: not more of a name, not a lower-case noun that makes the name a
# modifier of what had the flaw ("a bug in the IAVL Merkle proof", unless a part of a platform: "the Zumo vault
# contract"), not an appositive that calls it a tool ("a bug in Profanity, a vanity address generator").
_FLAW_NAME_TAIL = (r"(?!\s(?-i:[A-Z\d]))"
                   r"(?!\s+(?!(?:to|that|which|and|or|by|in|on|for|from|at|as|of|allowing|enabling|letting|via|through|when|"
                   r"after|before|during|with|was|were|is|had|has|it|its|smart|contracts?|vaults?|protocol|bridge|pools?|platform|"
                   r"exchange|code|codebase|wallets?|router|network|app|staking|farm|lending|liquidity|trade|trading|token|deposit|core|v\d)\b)"
                   r"(?-i:[a-z]))"
                   r"(?!,\s+(?:an?|the)\s+[^,.;]{0,40}?\b(?:tool|generator|library|compiler|software|program|package|extension|"
                   r"plug-?in|language|SDK|utility)\b)")
_NOT_MODAL_BEFORE = r"(?<!could\s)(?<!would\s)(?<!might\s)(?<!can\s)(?<!could\shave\s)(?<!would\shave\s)(?<!might\shave\s)"


@dataclass(frozen=True, slots=True)
class VictimPattern:
    name: str
    regex: re.Pattern[str]
    strength: int                # 2 = the pattern itself says the name was attacked; 1 = it names a platform
    must_match: tuple[tuple[str, str], ...]   # (sentence, expected name)
    must_not_match: tuple[str, ...]
    trigger: re.Pattern[str] | None = None    # a cheap test a text must pass before the pattern is tried
    name_first: bool = True      # the match opens with the name; else words come before it ("the hack of <name>")
    needs: tuple[str, ...] = ()  # characters every match holds one of, as written: a segment without is not searched
    gate: Folded | None = None   # the pattern's tail alone (see _p): a segment it is not found in is not searched


def _plain_sequence(regex: str) -> bool:
    """Does ``regex`` close every group it opens and hold no alternative outside them (no "|" at depth 0)?"""
    depth, i, in_class = 0, 0, False
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if regex[i + 1:i + 2] == "^":
                i += 1
            if regex[i + 1:i + 2] == "]":   # (a "]" first in a class is a character)
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        elif c == "|" and depth == 0:
            return False
        i += 1
    return depth == 0 and not in_class


def _p(name: str, regex: str, strength: int, must: list[tuple[str, str]], must_not: list[str],
       trigger: str | None = None, needs: tuple[str, ...] = (), tail: str | None = None) -> VictimPattern:
    """``tail``: where in ``regex`` (its only occurrence) the pattern's tail starts, at a point where what comes
    before is a plain sequence (no alternative, group or look-around spans the point, and the tail refers to no
    earlier group), so every match of ``regex`` holds a match of the tail: its gate. A name-first pattern is tried at
    every capital of a sentence; its tail (the verbs after the name) is found or not at once."""
    if tail is not None:
        if regex.count(tail) != 1 or not _plain_sequence(regex[:regex.index(tail)]):
            raise ValueError(f"{name}: no tail at {tail!r}")
        tail = regex[regex.index(tail):]
    return VictimPattern(name, re.compile(regex, re.IGNORECASE), strength, tuple(must), tuple(must_not),
                         re.compile(trigger, re.IGNORECASE) if trigger else None, regex.startswith(_NAME_CS), needs,
                         folded(re.compile(tail, re.IGNORECASE)) if tail else None)


# Where a name (the ``name`` group of every pattern) can start: its first word's first character.
_NAME_START = re.compile(r"(?<![\w.\-])(?:[A-Z]|\d++[A-Za-z])")
# The same on ASCII text, written to open with a character class of capitals and digits (the look-behind after
# it): sre skips in C to the next capital or digit instead of trying the look-behind at every position.
_NAME_START_ASCII = re.compile(r"[A-Z0-9](?<![\w.\-].)(?:(?<=[A-Z])|\d*+[A-Za-z])")


def _named_after_first(segment: str) -> bool:
    """``_NAME_START.search(segment, 1) is not None``: does a name start after the segment's first character?"""
    return (_NAME_START_ASCII if segment.isascii() else _NAME_START).search(segment, 1) is not None


VICTIM_PATTERNS: tuple[VictimPattern, ...] = (
    _p("kind-before-name",
       rf"\b{_PLATFORM_NOUN}[\s\-]*{_KIND}\s+(?:called\s+|named\s+|known\s+as\s+)?{_NAME_CS}",
       1,
       [("The Tokyo-based exchange Zumo lost its hot wallet.", "Zumo"),
        ("Hackers raided cryptocurrency exchange Quidax on Friday.", "Quidax"),
        ("A DeFi protocol called Moonwell Lend was drained.", "Moonwell Lend")],
       ["The exchange said it would repay users."], trigger=_KIND_WORDS),
    _p("kind-comma-name",
       rf"\b(?:an?|the|one)\s+(?:[\w\-’']+\s+){{0,3}}?(?-i:exchange|platform|protocol|bridge|marketplace|lender|"
       rf"wallet\s+provider|casino|startup|custodian|broker|brokerage|dex|DEX),\s+{_NAME_CS}(?=,)",
       1,
       [("A Hong Kong exchange, Zumo, said hackers stole $6 million.", "Zumo"),
        ("The lending protocol, Moonwell Lend, was drained on Monday.", "Moonwell Lend")],
       ["Exchanges, Zumo, Quidax and others, were hit.", "the exchange, Zumo said, was safe"],
       trigger=_KIND_WORDS, needs=(",",)),
    _p("owned-name",
       rf"\b(?:(?:company|firm|group|entity)\s+(?:that|which)\s+(?:owns|runs|operates)|(?:owner|operator|parent(?:\s+company)?)\s+of)"
       rf"\s+(?:the\s+)?{_KIND_PHRASE}?{_NAME_CS}",
       1,
       [("Kelvar, the company that owns Zumo, said hackers drained its wallet.", "Zumo"),
        ("Kelvar, the operator of crypto exchange Quidax, confirmed the breach.", "Quidax")],
       ["the owner of the exchange said nothing"], trigger=r"\bowns\b|\bruns\b|\boperates\b|owner|operator|parent"),
    _p("name-comma-kind",
       rf"{_NAME_CS},\s+(?:(?:a|an|the|one\s+of(?:\s+the)?)\s+)?(?:(?!(?:at|of|in|for|with|on|by)\b)[\w\-’']+\s+){{0,5}}?{_KIND}\b",
       1,
       [("Zumo, South Korea's fourth-largest exchange, was hit on Tuesday.", "Zumo"),
        ("Zumo, one of Turkey's largest cryptocurrency exchanges, halted withdrawals.", "Zumo"),
        ("Quidax, a Nigerian trading platform, said funds were safe.", "Quidax")],
       ["On Tuesday, the company said nothing."], tail=r",\s+(?:(?:a|an|the|one", trigger=_KIND_WORDS, needs=(",",)),
    _p("name-kind",
       rf"{_NAME_CS}\s+(?:crypto(?:currency)?\s+|bitcoin\s+|DeFi\s+)?(?-i:exchange|Exchange|protocol|Protocol|bridge|Bridge|wallet|Wallet|platform|casino)\b",
       1,
       [("Users of the Zumo exchange could not log in.", "Zumo"),
        ("The Moonwell protocol lost funds.", "Moonwell")],
       ["the crypto exchange was hacked"], tail=r"(?-i:exchange|Exchange|", trigger=r"exchange|protocol|bridge|wallet|platform|casino"),
    _p("attack-of-name",
       rf"\b{_ATTACK_NOUN}s?\s+(?:(?:(?:that|which)\s+)?(?:occurred|happened|took\s+place|was\s+(?:carried\s+out|made|launched))\s+)?(?:of|on|at|against|targeting|affecting|involving)\s+(?:(?:users|customers|clients|holders)\s+of\s+)?(?:the\s+)?{_KIND_PHRASE}?{_NAME_CS}",
       2,
       [("The hack of Zumo shook the market.", "Zumo"),
        ("After the attack on Moonwell Lend, prices fell.", "Moonwell Lend"),
        ("the breach at crypto exchange Quidax", "Quidax"),
        ("On May 2, an exploit occurred on Moonwell, draining its pools.", "Moonwell"),
        ("Hackers launched a phishing attack targeting users of the Zumo hardware wallet.", "Zumo")],
       ["the attack on Tuesday was quick", "the hack of the exchange"], trigger=_ATTACK_WORDS),
    _p("name-attack",
       rf"{_NAME_CS}(?:['’]s)?\s+(?:{_WHEN_OR_HOW_MUCH}\s+)?(?:{_PLATFORM_NOUN}\s+)?(?:{_KIND}\s+)?(?-i:hack|Hack|heist|Heist|exploit|Exploit|breach|Breach|theft|attack|Attack|incident|hacking)\b",
       2,
       [("The Zumo hack cost users dearly.", "Zumo"),
        ("Since Quidax's exchange breach, volumes fell.", "Quidax"),
        ("Moonwell's 2022 incident showed the same bug.", "Moonwell"),
        ("Zumo’s $40 million hack was the largest that year.", "Zumo")],
       ["The Monday attack was quick."], tail=r"(?-i:hack|Hack|heist", trigger=_ATTACK_WORDS),
    _p("name-was-attacked",
       rf"{_NAME_CS}(?:\s(?-i:{_ATTACKED_KIND}))?{_IN_PLACE}?{_BETWEEN}(?:,?\s+which)?\s+{_ATTACKED}",
       2,
       [("Zumo was hacked last week.", "Zumo"),
        ("The Quidax bridge was drained of $80 million.", "Quidax"),
        ("Over the weekend, Zumo was the victim of a massive bitcoin heist.", "Zumo"),
        ("Quidax, a Nigerian platform, confirmed a breach on Wednesday.", "Quidax"),
        ("Zumo suffered a $1.6 million hack in 2019.", "Zumo"),
        ("Quidax has been exploited for $3 million.", "Quidax"),
        ("In the same week two Moonwell pools were drained of $9 million.", "Moonwell"),
        ("Moonwell suffered a flash loan exploit.", "Moonwell"),
        ("Quidax in Nigeria was hacked on Friday.", "Quidax"),
        ("The Zumo blockchain was exploited for $3.9 million.", "Zumo"),
        ("Quidax experienced a security breach that cost it 50 million tokens.", "Quidax"),
        ("The Moonwell project was exploited by a hacker.", "Moonwell"),
        ("The Zumo lending protocol was drained on Friday.", "Zumo"),
        ("Quidax has suffered a $2 million exploit.", "Quidax"),
        ("Moonwell was subjected to a flash loan attack.", "Moonwell"),
        ("Zumo suffered a loss due to a missing check, which let an attacker withdraw funds.", "Zumo"),
        ("Quidax (QDX) was exploited through a reentrancy bug.", "Quidax"),
        ("Moonwell Swap on Arbitrum was exploited for $1 million.", "Moonwell Swap"),
        ("Zumo DEX on zkSync was exploited, with one exploiter taking 800,000 USDC.", "Zumo DEX"),
        ("Zumo - one of the biggest mining pools - has been attacked.", "Zumo"),
        ("Quidax, a lending protocol built on the Zumo Smart Chain by a small team, was attacked.", "Quidax"),
        ("The Moonwell ETH/USDC pool suffered a loss of $300,000 in a price manipulation attack.", "Moonwell"),
        ("Zumo suffered from flash loan attack.", "Zumo"),
        ("Quidax has become the latest DeFi protocol to be exploited, losing $4 million.", "Quidax"),
        ("Moonwell is the victim of a $4 million exploit.", "Moonwell")],
       ["The team was hacked off by the delay", "Zumo suffered a loss of market share as prices fell.",
        "Zumo is working on the exploit fix."],
       tail=r"\s+" + _ATTACKED, trigger=r"\b(?:was|were|been|got|gets|is|became|become|suffered|fell|experienced|sustained|incurred)\b"),
    _p("stolen-from-name",
       rf"\b(?:(?:{_TAKEN})\s+(?:(?:[^.;]|\.(?=\d)){{0,80}}?\s)?|(?:thefts?|heists?)\s+(?:of\s+(?:[^.;,]|[.,](?=\d)){{0,40}}?\s)?)(?:from|out\s+of)\s+(?:the\s+)?(?:users\s+of\s+|customers\s+of\s+|{_KIND_PHRASE}|{_PERSON_ROLE})?{_NAME_CS}",
       2,
       [("Hackers stole $5 million from Zumo on Monday.", "Zumo"),
        ("The thieves behind last month's $40 million theft from Quidax moved the ether.", "Quidax"),
        ("Funds were drained from the DeFi protocol Moonwell Lend.", "Moonwell Lend"),
        ("Thieves took $3 million in tokens from investor Dana Whitfield.", "Dana Whitfield"),
        ("The exploiter took 3.5 million TRX from Zumo on Thursday.", "Zumo"),
        ("An attacker siphoned $4 million out of Quidax's liquidity pools.", "Quidax")],
       ["Funds were stolen from the exchange."], trigger=r"\bfrom\b|\bout\b"),
    _p("amount-from-name",
       rf"{_AMOUNT}(?:\s+(?:worth\s+)?(?:of|in)\s+(?:[\w\-]+\s+){{0,3}}?)?\s*from\s+(?:the\s+)?(?:users\s+of\s+|customers\s+of\s+|{_KIND_PHRASE}|{_PERSON_ROLE})?{_NAME_CS}",
       2,
       [("This included $60m of cryptocurrency from payment processor Zumo.", "Zumo"),
        ("Thieves got away with 400 BTC from Quidax.", "Quidax")],
       ["They raised $5 million from investors."], trigger=r"\bfrom\b"),
    _p("name-says-own-accounts-hacked",
       rf"{_NAME_CS}(?:,[^,]{{3,80}},)?\s+(?:said|says|disclosed|revealed|confirmed)\b[^.;]{{0,60}}?\b(?:his|her)\s+(?:own\s+)?"
       rf"(?:personal\s+)?(?:[\w\-]+\s+){{0,2}}?(?:accounts?|wallets?)\s+(?:had\s+been|have\s+been|has\s+been|were|was)\s+"
       rf"(?:hacked|accessed|compromised|drained|breached|emptied)\b",
       2,
       [("Dana Whitfield, an early investor, said on Monday that two of his personal XRP accounts had been hacked.", "Dana Whitfield")],
       ["Dana Whitfield said the exchange accounts had been hacked."], trigger=r"\b(?:his|her)\b"),
    # the second victim of a gapped list, its verb left out: "A lost $24 million in October and B nearly $20 million a
    # month later", "hackers took $5 million from A, and $2 million from B" is read by stolen-from-name
    _p("gapped-name-lost",
       rf"\b(?:lost|lose|loses|losing|was\s+drained\s+of|were\s+drained\s+of)\s+(?:[^.;]|\.(?=\d)){{0,80}}?,?\s+and\s+(?:then\s+|later\s+)?"
       rf"(?:the\s+)?{_NAME_CS}\s+(?:(?:about|around|over|more\s+than|nearly|almost|roughly|some|another|a\s+further|"
       rf"close\s+to|just\s+under|just\s+over)\s+)?{_AMOUNT}",
       2,
       [("Harvest lost $24 million in October and Moonwell nearly $20 million a month later.", "Moonwell"),
        ("Zumo lost 4,000 BTC in 2014, and Quidax about 1,200 BTC in 2016.", "Quidax")],
       ["Zumo lost $24 million and $5 million more later.", "Zumo lost $24 million and Quidax said nothing."],
       trigger=r"\blos[ets]|\blosing\b|\bdrained\b"),
    # the first of two victims told together: "Zumo and Quidax were both hacked in June" (name-was-attacked reads the
    # second)
    _p("first-of-pair-attacked",
       rf"{_NAME_CS}(?=\s+and\s+(?:the\s+)?{_OTHER_NAME}\s+(?:were|have\s+been|had\s+been)\s+(?:both\s+|also\s+|each\s+)?"
       rf"(?:hacked|exploited|drained|breached|attacked|robbed|compromised|hit)\b)",
       2,
       [("Zumo and Quidax were both hacked in June, losing $4 million and $30 million.", "Zumo")],
       ["Zumo and Quidax said they were both safe.", "Zumo and its users were told."],
       # (the attack verb, rarer than "and"; the trigger of verb-names-last, which shares its scan)
       trigger=r"\b(?:hit|hacked|attacked|breached|targeted|drained|robbed|exploited|compromised)\b"),
    # the last of the victims an attack verb takes: "hackers hit Zumo and Quidax in June"
    _p("verb-names-last",
       rf"\b(?:hit|hacked|attacked|breached|targeted|drained|robbed|exploited|compromised)\s+(?:the\s+)?"
       rf"{_OTHER_NAME}(?:,\s+(?:the\s+)?{_OTHER_NAME}){{0,4}},?\s+and\s+(?:the\s+)?{_NAME_CS}",
       2,
       [("Hackers hit Zumo and Quidax in June, stealing $4 million.", "Quidax")],
       ["Hackers hit Zumo and then left.", "The attack hit Zumo and its users."],
       trigger=r"\b(?:hit|hacked|attacked|breached|targeted|drained|robbed|exploited|compromised)\b"),
    # a participle clause on the name: "Zumo, hacked in 2021 for $40 million, is suing its insurer"
    _p("name-participle-attacked",
       rf"{_NAME_CS},\s+(?:which\s+was\s+|that\s+was\s+|itself\s+)?(?:hacked|exploited|drained|breached|robbed)\s+"
       rf"(?:in|for|on|of|last|earlier|twice|again|by|through|via)\b",
       2,
       [("Zumo, hacked in 2021 for $40 million, is suing its insurer.", "Zumo"),
        ("Quidax, drained of $3 million last year, reopened.", "Quidax")],
       ["Zumo, hacked off by the delay, quit."], trigger=r"hacked|exploited|drained|breached|robbed", needs=(",",)),
    # customers of a platform tricked out of their coins: the platform's phishing incident
    _p("name-customers-tricked",
       rf"\b(?:tricked|duped|scammed|defrauded|lured|conned|phished|swindled)\s+(?:(?:hundreds|thousands|dozens|scores|"
       rf"millions)\s+of\s+)?{_NAME_CS}\s+(?:customers|users|clients|account\s+holders|holders|investors|traders)\b",
       2,
       [("Scammers posing as support staff tricked Zumo customers into handing over $300 million.", "Zumo")],
       ["Scammers tricked customers into handing over money."],
       trigger=r"trick|duped|scam|defraud|lured|conned|phished|swindl"),
    _p("name-customers-lost",
       rf"{_NAME_CS}\s+(?:customers|users|clients|account\s+holders)\s+(?:have\s+|had\s+)?(?:lost|were\s+(?:tricked|duped|"
       rf"scammed|defrauded|phished|robbed|drained))\s+(?:(?:about|around|over|more\s+than|nearly|some|an\s+estimated)\s+)?"
       rf"(?:{_AMOUNT}|funds|coins|crypto|money|their)",
       2,
       [("Quidax users lost $5 million after a phishing attack on Monday.", "Quidax")],
       ["Zumo users lost interest in the token."],
       trigger=r"customers|users|clients|holders"),
    # the sentence's subject, robbed of what is "its": "Zumo halted withdrawals on Tuesday after hackers drained roughly
    # $52 million from its hot wallets"
    _p("subject-robbed-of-its",
       # (a subject: the name, maybe an appositive, then its own verb)
       rf"{_NAME_CS}(?:,[^,;.]{{3,80}},)?\s+(?:has\s+|had\s+|have\s+|on\s+\w+\s+)?(?:halted|suspended|froze|frozen|paused|said|says|"
       rf"confirmed|announced|reported|lost|disclosed|admitted|shut|closed|stopped|is|was|has|had|warned|told)\b"
       rf"(?:[^.;]|\.(?=\d)){{0,120}}?\b(?:drained|stole|stolen|took|taken|siphoned|swiped|"
       rf"emptied|looted|pilfered)\s+(?:[^.;]|\.(?=\d)){{0,60}}?\bfrom\s+its\s+(?:own\s+)?(?:[\w\-]+\s+){{0,2}}?"
       rf"(?:wallets?|reserves|treasury|platform|exchange|servers?|systems?|accounts?|pools?|vaults?|bridge|contracts?|"
       rf"users|customers|clients|storage|network)\b",
       2,
       [("Zumo halted withdrawals on Tuesday after hackers drained roughly $52 million from its hot wallets.", "Zumo"),
        ("ISTANBUL, July 9 (Wire) - Quidax froze trading after an attacker took $3 million from its platform.", "Quidax")],
       ["Zumo said hackers had stolen funds from its rival.", "Zumo moved $5 million from its hot wallet to cold storage."],
       tail=r"\bfrom\s+its\s+", trigger=r"\bfrom\b"),
    _p("name-lost",
       rf"{_NAME_CS}(?:\s(?-i:{_LOST_KIND}))?{_IN_PLACE}?{_BETWEEN}(?:,?\s+which)?\s+(?:has\s+|had\s+)?(?:lost|loses|losing|says\s+it\s+lost|said\s+it\s+lost)\b"
       # not a market's verdict: "lost $2 billion in market value", "lost 40% of its value"
       r"(?![^.;]{0,40}?\b(?:in|of|off)\s+(?:its\s+|their\s+)?(?:market\s+(?:value|cap\w*|worth)|share\s+value|valuation|value)\b)"
       # (not what a platform loses that no one takes: "Zumo lost access", "lost its peg", "lost market share")
       rf"(?!\s+(?:access|confidence|faith|trust|interest|patience|ground|momentum|(?:its|their|the)\s+(?:peg|lead|licen[cs]e|appeal|case)|"
       rf"(?:\w+\s+)?market\s+share))",
       2,
       [("Zumo lost 4,000 BTC to thieves.", "Zumo"),
        ("First it was the Quidax exchange, which lost over $125 million.", "Quidax"),
        ("In May, Zumo in South Korea lost $6 million from a hot wallet.", "Zumo"),
        ("The Quidax decentralised exchange on the Linea network lost about $6.8 million on June 2.", "Quidax")],
       ["the exchange lost money", "Zumo lost $2 billion in market value as prices fell.",
        "Users of Zumo lost access to their accounts while the exchange was offline.",
        "Quidax lost its peg to the dollar."], trigger=r"\blos[ti]|\bloses\b"),
    _p("headline-name-hacked",
       rf"{_NAME_CS}(?:\s(?-i:{_ATTACKED_KIND}))?\s+(?:reportedly\s+|allegedly\s+)?(?:hacked|exploited|drained|breached|robbed)"
       rf"(?:\s+(?:for|of|via|through|in\s+an?|after|by|on)\s|,\s+(?:losing|resulting|leading|draining|(?:US)?\$|\d))",
       2,
       [("Read more: Quidax reportedly hacked for $780,000", "Quidax"),
        ("Zumo drained of $3 million in bridge exploit", "Zumo"),
        ("Quidax exploited via reentrancy attack, losing $500,000", "Quidax"),
        ("Moonwell hacked in a $2 million private key compromise", "Moonwell"),
        ("Zumo lending protocol exploited on May 2, draining its pools", "Zumo"),
        ("Quidax NFT project exploited, losing 300 ETH", "Quidax")],
       ["Hackers hacked for fun.", "The bug Zumo exploited, a rounding error, was old."],
       tail=r"(?:hacked|exploited|drained|breached|robbed)", trigger=r"hacked|exploited|drained|breached|robbed"),
    _p("destroyed-held-by-name",
       rf"\b(?:destroyed|burned|burnt|wiped\s+out|incinerated)\s+(?:(?:[^.;]|\.(?=\d)){{0,60}}?\s)?(?:held\s+by|belonging\s+to|owned\s+by|"
       rf"from)\s+(?:the\s+)?(?:{_KIND_PHRASE})?(?:(?-i:[A-Z][\w.\-]*)['’]s\s+)?{_NAME_CS}",
       2,
       [("Hackers destroyed about $9 million held by Turkey's Zumo on Monday.", "Zumo"),
        ("The group burned $4 million belonging to exchange Quidax.", "Quidax")],
       ["The issuer burned the tokens to restore the peg."], trigger=r"destroyed|burn|wiped|incinerated"),
    _p("name-paid-ransom",
       rf"{_NAME_CS}(?:,[^,]{{3,60}},)?(?:\s+said\s+(?:on\s+\w+\s+)?(?:that\s+)?it)?\s+(?:(?:has|had|reportedly|later|eventually)\s+)?paid\s+"
       rf"(?:(?:the\s+)?(?:hackers|attackers|criminals|gang\s+)?(?:an?\s+|the\s+)?(?:[\w$.,\-]+\s+){{0,3}}?ransom\b|"
       # "paid $4 million in bitcoin to end the ransomware attack", "... to the criminals behind the attack"
       rf"[^.;]{{0,60}}?\bto\s+(?:(?:end|resolve|stop)\s+(?:an?\s+|the\s+|its\s+)?ransomware\b|the\s+(?:criminals|hackers|"
       rf"attackers|gang|group|extortionists)\s+behind\b))",
       2,
       [("In March, Zumo Pipeline paid a ransom of 40 bitcoin.", "Zumo Pipeline"),
        ("Quidax, a hospital operator, paid the hackers a $2 million ransom.", "Quidax"),
        ("Zumo paid $3 million in bitcoin to end a ransomware attack.", "Zumo"),
        ("Quidax said on Friday that it had paid $2 million to the hackers behind the attack.", "Quidax")],
       ["The company refused to pay a ransom.", "Zumo said it paid nothing."], trigger=r"\bpaid\b"),
    _p("hackers-hit-name",
       rf"\b(?:hackers?|attackers?|thieves|thief|cybercriminals|criminals|exploiters?)\s+(?:who\s+|that\s+)?(?:have\s+|has\s+|had\s+)?(?:hacked|hit|breached|attacked|targeted|raided|robbed|drained|exploited|struck|compromised|infiltrated|emptied|looted|broke\s+into|broken\s+into)\s+(?:the\s+)?{_KIND_PHRASE}?{_NAME_CS}",
       2,
       [("Hackers breached the crypto exchange Zumo overnight.", "Zumo"),
        ("Thieves broke into Quidax and took 25 million lira in bitcoin.", "Quidax"),
        ("Attackers drained Moonwell Lend of $2 million.", "Moonwell Lend"),
        ("She said he was the hacker who broke into Quidax in 2019.", "Quidax"),
        ("Thieves emptied Zumo's hot wallet of $4 million.", "Zumo")],
       ["Hackers hit the exchange."], trigger=r"hacker|attacker|thie|criminal|exploiter"),
    _p("name-part-attacked",
       rf"{_NAME_CS}(?:\s(?-i:{_ATTACKED_KIND}))?(?:['’]s|(?<=s)['’]|,\s+whose)\s+{_OWN_PART}\s+{_ATTACKED}",
       2,
       [("Zumo's hot wallet was compromised on Sunday, and 40 million tokens were taken.", "Zumo"),
        ("Quidax’s systems were breached by an outside attacker.", "Quidax"),
        ("Moonwell Lend's staking contract was exploited for $2 million.", "Moonwell Lend"),
        ("Kelvar's XRP Ledger wallets were drained of 20 million XRP.", "Kelvar"),
        ("Zumo's lending pool experienced a flash loan attack.", "Zumo"),
        ("The Quidax project's team wallet's private keys were compromised.", "Quidax"),
        ("Zumo, whose hot wallet was drained of $4 million, said it would repay users.", "Zumo")],
       # (a name with a platform's word is a platform of its own: "Kelvar's Zumo Protocol was exploited")
       ["Zumo's wallet was frozen by the issuer.", "Zumo's hot wallet received the funds the hackers had stolen."],
       tail=r"\s+" + _ATTACKED, trigger=r"['’]|\bwhose\b"),
    _p("name-had-stolen",
       rf"{_NAME_CS}(?:\s(?-i:{_ATTACKED_KIND}))?\s+(?:has\s+|have\s+|also\s+)?had\s+(?:(?:about|around|over|more\s+than|nearly|almost|roughly|approximately|some|"
       rf"an\s+estimated|up\s+to)\s+)?(?:{_AMOUNT}(?:\s+(?:worth\s+)?(?:of|in)\s+(?:[\w\-]+\s+){{0,3}}?)?\s*|"
       rf"(?:its|their|his|her)\s+(?:[\w\-]+\s+){{0,3}}?|(?:funds|tokens|coins|assets|crypto\w*|bitcoins?|ether)\s+)"
       rf"(?:stolen|drained|swiped|hacked|compromised|emptied|looted|siphoned|pilfered)\b",
       2,
       [("The auction site Zumo had 15 BTC stolen after its server was accessed.", "Zumo"),
        ("Quidax had its hot wallet drained overnight.", "Quidax"),
        ("Last year Moonwell had more than $3 million in crypto stolen.", "Moonwell"),
        ("The Zumo project had its treasury wallet emptied.", "Zumo")],
       ["Zumo had warned that hackers stolen keys could be used.", "Quidax had frozen the funds."],
       tail=r"(?:stolen|drained|swiped", trigger=r"\bhad\b"),
    _p("name-says-it-was-hit",
       rf"{_NAME_CS}(?:\s(?-i:{_ATTACKED_KIND}))?(?:{_PLATFORM_APPOSITIVE})?\s+{_SAID}(?:\s+on\s+\w+)?(?:\s+that)?\s+(?:"
       # "Zumo said it had been hacked", "Quidax confirmed that it was the victim of an exploit"
       rf"(?:it|they)\s+(?:(?:had|has|have)\s+been|was|were)\s+(?:hacked|breached|exploited|drained|attacked|compromised|robbed|"
       rf"targeted|(?:the\s+)?victims?\s+of|hit\s+by)\b|(?:it|they)\s+(?:had\s+|has\s+|have\s+)?suffered\b|"
       # "Zumo reported that an attacker managed to hack into their server", "... stole 900 BTC from its wallet"
       rf"(?:[^.;]|\.(?=\d)){{0,80}}?\b(?:hack(?:ed|ing)?\s+into|broke\s+into|breach(?:ed|ing)|drain(?:ed|ing)|compromis(?:ed|ing)|infiltrat(?:ed|ing)|"
       rf"emptied|accessed|gained\s+access\s+to|(?:st(?:ole|olen|ealing)|drain(?:ed|ing)|siphon(?:ed|ing)|took|swip(?:ed|ing))\s+(?:[^.;]|\.(?=\d)){{0,60}}?\bfrom|(?:taken|siphoned|swiped|missing)\s+from|"
       rf"{_ATTACK_NOUN}s?\s+(?:on|of|at|against))\s+(?:its|their)\b)",
       2,
       [("Zumo, a bitcoin mining pool, has reported that an unknown attacker managed to hack into their server.", "Zumo"),
        ("Quidax said on Tuesday that it had been hacked.", "Quidax"),
        ("Moonwell confirmed that thieves had stolen 900 BTC from its hot wallet.", "Moonwell"),
        ("Mining marketplace Zumo reported a hack on its website.", "Zumo"),
        ("Quidax said it was investigating an exploit that drained $4 million from its pools.", "Quidax"),
        ("Moonwell said an unauthorized party accessed its hot wallet and withdrew $4 million.", "Moonwell"),
        ("In February the exchange Quidax said 7,170 bitcoins, then worth $1.7 million, had been taken from its cold wallet.",
         "Quidax")],
       ["Jane Roe, the CEO of exchange Zumo, said it had been hacked.",
        "The Zumo Group said it had drained 377,000 ether from other vulnerable wallets to keep them safe.",
        "Zumo said that hackers had tried to breach other platforms."],
       tail=_SAID_WORD, trigger=_SAID_WORD),
    _p("platform-says-hackers-took",
       rf"{_NAME_CS}(?:\s(?-i:{_KIND})|{_PLATFORM_APPOSITIVE})\s+{_SAID}(?:\s+on\s+\w+)?(?:\s+that)?\s+(?:an?\s+|the\s+)?"
       rf"(?:(?:unknown|unidentified|anonymous|outside|external|North\s+Korean|[\w\-]+)\s+)?(?:hackers?|attackers?|cybercriminals|thie(?:f|ves)|"
       rf"criminals|exploiters?|intruders?)\s+(?:had\s+|have\s+|has\s+)?(?:stole|stolen|drained|hacked|breached|siphoned|took|taken|"
       rf"emptied|looted|made\s+off)\b",
       2,
       [("In July, Singapore-based Zumo exchange admitted that cybercriminals had stolen a cold wallet.", "Zumo"),
        ("Quidax, a Nigerian trading platform, said hackers stole $5 million.", "Quidax")],
       ["Kelvar, a blockchain analytics firm, said hackers stole $5 million.",
        "Jane Roe, an analyst at Kelvar, said hackers stole $5 million."],
       tail=r"(?:hackers?|attackers?|cybercriminals|", trigger=_SAID_WORD),
    _p("name-after-being-hit",
       rf"{_NAME_CS}(?:\s(?-i:{_ATTACKED_KIND}))?{_BETWEEN}\s+(?:[^.;]{{0,80}}?\s)?after\s+(?:falling\s+victim\s+to|"
       rf"being\s+(?:{_ATTACK_VERB_PASSIVE})|suffering\s+an?\s+(?:[\w\-$.,]+\s+){{0,4}}?{_ATTACK_NOUN}|"
       rf"(?:it|its\s+(?:[\w\-]+\s+){{0,2}}?(?:wallets?|bridge|contracts?|pools?|vaults?|servers?|systems?))\s+(?:was|were|had\s+been)\s+"
       rf"(?:{_ATTACK_VERB_PASSIVE}))\b",
       2,
       [("Zumo, a futures exchange built on Solana, froze its contracts after falling victim to a $1 million exploit.", "Zumo"),
        ("Quidax halted withdrawals after being hacked on Sunday.", "Quidax"),
        ("Moonwell paused its markets after suffering a $3 million flash loan attack.", "Moonwell"),
        ("Zumo shut down after its hot wallet was drained.", "Zumo")],
       ["Tether froze the funds after being asked by the police.", "Zumo froze $3 million after Quidax was hacked."],
       tail=r"after\s+(?:falling", trigger=r"\bafter\b"),
    _p("name-halted-after-attack",
       rf"{_NAME_CS}(?:\s(?-i:{_LOST_KIND}))?{_BETWEEN}\s+(?:has\s+|had\s+|have\s+)?(?:halted|suspended|paused|froze|shut|closed|stopped|"
       rf"disabled|took|went)\b[^.;]{{0,80}}?\s(?:after|following)\s+(?:what\s+(?:it|they)\s+(?:described|called|termed)\s+as\s+|"
       rf"what\s+(?:it|they)\s+said\s+was\s+)?an?\s+(?:[\w\-$.,]+\s+){{0,4}}?(?:{_ATTACK_NOUN}|cyber-?attack)s?\b"
       # the attack ends the clause or is told as the platform's own: not another's, "after a hack on a rival exchange",
       # "after an exploit drained $30 million from Quidax" ("after a cyber attack on June 4" is a day)
       rf"(?=\s*(?:[,.;:)]|$)|\s+(?:on|in|at|last|earlier|this|late|early)\s+(?:(?:{_DAY_WORDS})\b|\d|week|month|year|the\s+(?:weekend|night|morning))|"
       rf"\s+(?:that|which)\s+(?:drained|cost|took|emptied|hit)\s+(?:it|its|them|their|about|around|nearly|over|more|some|\$|US\$|€|£|\d))",
       2,
       [("Zumo, a Zurich-based exchange founded in 2016, has halted trading and withdrawals after what it described as a "
         "cyber attack on June 4.", "Zumo"),
        ("Earlier this month, the exchange Quidax halted trading after a theft.", "Quidax"),
        ("Moonwell halted withdrawals on Tuesday following a $4 million hack.", "Moonwell")],
       ["Tether froze $5 million after a hack at Zumo.", "Zumo paused deposits after a hack on a rival exchange.",
        "Zumo paused deposits of the token after an exploit drained $30 million from Quidax."],
       tail=r"(?:halted|suspended", trigger=r"\bafter\b|\bfollowing\b"),
    _p("users-of-name-lost",
       rf"\b(?:users|customers|clients|depositors|account\s+holders)\s+of\s+(?:the\s+)?{_KIND_PHRASE}?{_NAME_CS}"
       rf"(?:\s(?-i:{_ATTACKED_KIND}))?\s+(?:have\s+|had\s+)?(?:lost\b(?!\s+(?:access|confidence|faith|trust|interest|patience))|"
       rf"were\s+(?:drained|robbed|hacked)\b|had\s+(?:[^.;]{{0,40}}?\s)?(?:stolen|drained)\b)",
       2,
       [("On Sunday, users of the Zumo smart wallet lost about $5 million after an attacker bypassed its guardian.", "Zumo"),
        ("Customers of Quidax had 300 BTC stolen.", "Quidax")],
       ["Users of Zumo lost access to their accounts during the outage."],
       trigger=r"\busers|\bcustomers|\bclients|\bdepositors|\bholders"),
    _p("name-confirmed-the-attack",
       rf"{_NAME_CS}(?:\s(?-i:{_LOST_KIND}))?{_BETWEEN_PLATFORM}\s+(?:has\s+|had\s+|later\s+|publicly\s+)?(?:confirmed|disclosed|announced|acknowledged|"
       rf"admitted)\s+(?:the|an?)\s+(?:[\w\-$.,]+\s+){{0,3}}?(?:{_ATTACK_NOUN}|security\s+incident)\b"
       # its own, not another's: "confirmed the hack of Quidax" (a platform or a day may follow "on")
       rf"(?!\s+(?:of|at|against|targeting|affecting|by|on\s+(?!(?:Twitter|X|Telegram|Discord|its|their|{_DAY_WORDS})\b|\d)))",
       2,
       [("Zumo announced the hack, which took place a day after maintenance.", "Zumo"),
        ("Quidax, a Lagos-based exchange, confirmed the breach on Twitter.", "Quidax")],
       ["Zumo confirmed the hack of Quidax.", "Moonwell announced the exploit on Quidax to its users.",
        "Dana Roe, the owner of the exchange, confirmed the hack."],
       trigger=r"confirmed|disclosed|announced|acknowledged|admitted"),
    _p("exploited-flaw-in-name",
       rf"{_NOT_MODAL_BEFORE}\b(?:exploit(?:ed|ing|s)?|abus(?:ed|ing|es?)|leverag(?:ed|ing|es?)|took\s+advantage\s+of|taking\s+advantage\s+of)\s+"
       rf"(?:an?\s+|the\s+)?(?:[\w\-]+\s+){{0,3}}?(?:vulnerabilit(?:y|ies)|flaws?|bugs?|loopholes?|weakness(?:es)?)\s+"
       rf"(?:in|of|on|within|affecting)\s+(?:the\s+)?(?:official\s+)?{_KIND_PHRASE}?{_NAME_CS}{_FLAW_NAME_TAIL}",
       2,
       [("Hackers exploit a vulnerability in crowdfunding platform Zumo, stealing $2 million.", "Zumo"),
        ("The attacker exploited a rounding bug in the Quidax vault contract.", "Quidax"),
        ("An attacker was able to exploit a flaw in the Zumo trade protocol to steal trading capital.", "Zumo")],
       ["Attackers could exploit a flaw in Zumo to steal funds.",
        "A researcher reported a flaw in Quidax and was paid a bounty.",
        "The attacker likely exploited a bug in Zumo, a vanity address generator for Ethereum.",
        "The attack exploited a flaw in the Quidax Merkle proof verification system."],
       trigger=r"vulnerab|flaw|bug|loophole|weakness"),
)

# Capitalised words that are not names of victims.
NOT_NAMES = frozenset("""
to the a an this that these those it its their his her our we they he she i you in on at of for from by with and or but
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec
bitcoin ethereum ether btc eth monero xmr ripple xrp nem xem usdt usdc litecoin ltc dogecoin solana tron
crypto cryptocurrency blockchain defi nft dao web3 exchange protocol wallet bridge network platform finance
north south east west korea korean japan japanese china chinese us u.s. usa america american united states uk
europe european russia russian singapore hong kong india indian taiwan vietnam iran israel seoul tokyo
zealand australia australian canada canadian britain british germany german france french turkey turkish slovenia slovenian
government police fbi nis cia treasury court reuters bloomberg coindesk cointelegraph the block decrypt
ceo cto founder hackers hacker attackers users customers investors officials experts researchers analysts
funds tokens coins assets money millions billions thieves criminals scammers victims
total value locked bankrupt trading price prices market markets report reports data update
according however also after before while when where since following if as because though although
so yet despite during until unless whether what which who whose how why earlier later today yesterday meanwhile still then there here
new other another one two three some many most several all both each first last last week second third
four five six seven eight nine ten dozen dozens
hacked exploited drained breached attacked robbed looted embattled troubled beleaguered stricken defunct collapsed failed bankrupted struggling insolvent shuttered crippled ill-fated now-defunct disgraced
polygon arbitrum optimism op avalanche bsc tron solana cardano
hidden cobra lazarus group apt38 kimsuky andariel bluenoroff tradertraitor dprk pyongyang
security agency ministry commission authority service police department bureau
""".split())

# Capitalised words that name no victim on their own: a person by role (a headline's "Investor loses $5
# million": the victim is unnamed), an operating system or a program an attack used ("the Windows exploit"),
# a kind of attack written in capitals ("in a SIM-swap attack").
NOT_VICTIM_NOUNS = frozenset("""
investor trader user customer holder whale victim owner developer employee individual person man woman
retiree pensioner collector businessman businesswoman entrepreneur
windows linux android ios macos mac iphone ipad pc unix chrome firefox safari
sim-swap sim-swapping sim ddos ponzi dns eoa staking p2p
""".split())

# A coin's name is the victim only as its chain, bridge or network ("the Zumo bridge was drained"); alone it
# names the coins taken ("17 million Zumo were stolen", "206,000 ZUM, according to ...").
_CHAIN_KIND_AFTER = re.compile(r"\s+(?:bridge|chain|network|wallet|exchange|blockchain|mainnet)s?\b", re.IGNORECASE)

# Patterns that name a platform by its kind ("exchange Zumo", "Zumo, a lending protocol"), and the kinds of those
# who watch, trace or advise on a theft rather than suffer it (unknown names; known ones have their kind in the table).
_KIND_NAMED = frozenset({"kind-before-name", "name-comma-kind", "kind-comma-name", "name-confirmed-the-attack"})
_WATCHER_KIND = re.compile(r"\b(?:security|cybersecurity|cyber-security|auditing|audit|analytics|forensics?|intelligence|"
                           r"research|consulting|consultancy|law|legal|compliance|tracing|monitoring)\s+"
                           r"(?:[\w\-]+\s+)?(?:firm|company|startup|provider|platform|service|app)s?\b", re.IGNORECASE)

# A platform's name as where a victim lives: "Arbitrum-based protocol Zumo", "a Solana-native wallet". (Ties of
# owning or backing, "Binance-owned", "Zumo-backed", are read by incidents.py as an owner beside the victim.)
_WHERE_BUILT = re.compile(r"-(?:based|native|built|compatible|powered)\b", re.IGNORECASE)

_FIGURE_BEFORE = re.compile(r"\d(?:\s*(?:million|billion|thousand|mn|bn|m|k))?\s+$", re.IGNORECASE)


def _coin_not_platform(text: str, span: Span, name: str, strength: int) -> bool:
    """Whether an unknown name is a coin, not a platform: a ticker in capitals ("BNB") or a coin written
    after a figure ("17 million Nano"), or a coin's name only named next to a platform word ("the Nano
    protocol"; a pattern saying it was attacked keeps it: projects share their coin's name). A coin's chain,
    bridge or network may be a victim ("the Zumo bridge was drained")."""
    if _CHAIN_KIND_AFTER.match(text, span.end):
        return False
    if assets.crypto_ticker(name) is not None:
        return True
    if assets.crypto_named(name) is None:
        return False
    return strength < 2 or _FIGURE_BEFORE.search(text, max(0, span.start - 30), span.start) is not None


_PERSON_BEFORE = re.compile(
    r"\b(?:entrepreneur|founder|co-?founder|CEO|CTO|COO|CFO|chief|mogul|billionaire|investor|Mr|Ms|Mrs|Dr|analyst|"
    r"researcher|developer|spokes(?:man|woman|person)|director|executive|president|chairman|minister|secretary|"
    r"detective|sleuth|journalist|reporter|lawyer|attorney|judge|professor)\.?\s+$", re.IGNORECASE)

# patterns that name whom coins were taken from: there a person ("from investor Jane Roe") is the victim
_FROM_OWNER = frozenset({"stolen-from-name", "amount-from-name"})

_ANAPHORA_NAMES = frozenset({"company", "firm", "exchange", "platform", "protocol", "project", "network", "service"})


@lru_cache(maxsize=1)
def _known_by_letters() -> dict[str, list[str]]:
    """Known platform names and aliases of one word (six letters or more) by their sorted letters."""
    from heistwatch.reference.platforms import platforms

    out: dict[str, list[str]] = {}
    for p in platforms().values():
        for a in (p.name, *p.aliases):
            if len(a) >= 6 and a.isalpha():
                out.setdefault("".join(sorted(a.lower())), []).append(a)
    return out


def _swapped_letters(name: str) -> Platform | None:
    """The known platform a one-word name misspells by swapping two neighbouring letters ("Poloneix")."""
    if len(name) < 6 or not name.isalpha():
        return None
    low = name.lower()
    for a in _known_by_letters().get("".join(sorted(low)), []):
        al = a.lower()
        diff = [k for k in range(len(low)) if low[k] != al[k]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and low[diff[0]] == al[diff[1]] and low[diff[1]] == al[diff[0]]:
            return lookup(a)
    return None


@dataclass(frozen=True, slots=True)
class VictimMention:
    span: Span
    name: str                    # canonical name (reference list) or the name as written
    surface: str
    known: bool
    platform: Platform | None
    strength: int                # 2: a pattern says this name was attacked; 1: named as a platform only
    pattern: str                 # "known" or the pattern's name


_KIND_MODIFIERS = frozenset({"nft", "nfts", "defi", "erc20", "erc-20", "bep20", "bep-20", "erc721", "p2p"})
_HOLIDAY_WORDS = frozenset({"day", "eve", "christmas", "thanksgiving", "easter", "halloween"})


@lru_cache(maxsize=4096)
def clean_name(raw: str) -> str | None:
    """Trim a captured name to a plausible victim name, or None."""
    words = raw.strip(" .,'’").split()
    # drop trailing corporate suffixes and leading determiners and nationalities ("Italian BitGrail")
    while len(words) > 1 and (words[0].lower().strip(".,") in NOT_NAMES or is_demonym(words[0])):
        words = words[1:]
    if any(w.lower().endswith(("-based", "-headquartered", "-registered", "-listed", "-owned")) for w in words):
        return None
    while words and words[-1].lower().strip(".") in {"inc", "ltd", "co", "corp", "llc", "plc", "ag", "sa"}:
        words = words[:-1]
    while len(words) > 1 and words[-1].lower().strip(".,") in _KIND_MODIFIERS:
        words = words[:-1]   # "the Zumo NFT project", "Quidax ERC20 token": what kind, not part of the name
    if not words:
        return None
    if all(w.lower().strip(".,") in NOT_NAMES for w in words):
        return None
    if words[0].lower().strip(".,") in NOT_NAMES and len(words) == 1:
        return None
    name = " ".join(words)
    if len(name) < 3 or len(name) > 40 or name[0].isdigit():
        return None
    if is_place(name) or (len(words) == 1 and name.lower() in NOT_VICTIM_NOUNS):
        return None   # "an Italian exchange", "Zumo in Indonesia lost", "Investor loses ...", "the Windows exploit"
    if len(words) > 1 and is_demonym(words[-1]):
        return None   # "Licensed Japanese crypto exchange Zumo": a description, the name comes after it
    if words[-1].lower().strip(".,") in _HOLIDAY_WORDS:
        return None   # "hacked on New Year's Day", "a Christmas Eve exploit": a day, never a victim
    if words[-1].lower() in {"of", "de", "&"} or any(w.lower().endswith(("-linked", "-backed", "-sponsored", "-related")) for w in words):
        return None
    if lookup_actor(name) is not None:
        return None
    return name


def is_title_case(text: str, start: int, end: int) -> bool:
    """A headline written in Title Case: its capitalised words are not names."""
    words = re.findall(r"[A-Za-z][\w'’\-]*", text[start:end])
    long = [w for w in words[1:] if len(w) > 3]
    if len(long) < 3:
        return False
    return sum(1 for w in long if w[0].isupper()) / len(long) >= 0.75


def sentences_per_pattern(text: str, sentences: list[Span]) -> dict[str, set[int]]:
    """For each pattern with a trigger, the sentences where the trigger occurs (one scan of the text each)."""
    triggers: dict[tuple[str, int], re.Pattern[str]] = {}   # patterns that share a trigger share its scan
    for pat in VICTIM_PATTERNS:
        if pat.trigger is not None:
            triggers.setdefault((pat.trigger.pattern, pat.trigger.flags), pat.trigger)
    by_trigger = dict(zip(triggers, hits_by_sentence(triggers.values(), text, sentences)))
    return {pat.name: set(by_trigger[(pat.trigger.pattern, pat.trigger.flags)])
            for pat in VICTIM_PATTERNS if pat.trigger is not None}


# The patterns tried in every sentence (no trigger to test first).
UNTRIGGERED: tuple[VictimPattern, ...] = tuple(pat for pat in VICTIM_PATTERNS if pat.trigger is None)


def patterns_by_sentence(text: str, sentences: list[Span]) -> list[tuple[VictimPattern, ...]]:
    """For each sentence, the patterns worth trying in it, in the order of VICTIM_PATTERNS: those without a trigger
    and those whose trigger occurs in it (:func:`sentences_per_pattern`), for ``find_victim_candidates(tried=...)``.
    A sentence that holds no trigger gets ``UNTRIGGERED`` itself. Sentences with the same triggers share a tuple."""
    names_in: dict[int, set[str]] = {}   # sentence -> names of the patterns whose trigger it holds
    for name, hit in sentences_per_pattern(text, sentences).items():
        for i in hit:
            names_in.setdefault(i, set()).add(name)
    made: dict[frozenset[str], tuple[VictimPattern, ...]] = {}
    out: list[tuple[VictimPattern, ...]] = []
    for i in range(len(sentences)):
        names = names_in.get(i)
        if not names:
            out.append(UNTRIGGERED)
            continue
        key = frozenset(names)
        tried = made.get(key)
        if tried is None:
            tried = made[key] = tuple(pat for pat in VICTIM_PATTERNS if pat.trigger is None or pat.name in names)
        out.append(tried)
    return out


def _with_inner(regex: re.Pattern[str], matches, segment: str):
    """The matches, and where a match's name is no name ("First, it was the Zumo exchange, which lost"), the
    match that starts after that word inside it (searched only within the rejected match)."""
    for m in matches:
        yield m
        raw = m.group("name")
        if clean_name(raw) is None:
            first = raw.split()[0] if raw.split() else raw
            inner = regex.search(segment, m.start("name") + max(1, len(first)), m.end())
            if inner is not None:
                yield inner


def find_victim_candidates(text: str, start: int = 0, end: int | None = None, *,
                           known: list | None = None, unknown_names: bool | None = None,
                           patterns: set[str] | None = None,
                           tried: Sequence[VictimPattern] | None = None) -> list[VictimMention]:
    """Known and unknown platforms named in ``text[start:end]``, strongest reading per span first.

    ``known``: platform matches already found (``find_platforms`` over the whole text, so names that a
    sentence splitter cut, like "Mt. Gox", are kept). ``unknown_names``: read names the reference list
    does not know (default: unless the span is a Title Case headline). ``patterns``: the names of the
    patterns worth trying here (see :func:`sentences_per_pattern`); default: every pattern whose
    trigger occurs in the span. ``tried``: instead, the patterns to try, in the order of VICTIM_PATTERNS, their
    triggers already tested (see :func:`patterns_by_sentence`).
    """
    end = len(text) if end is None else end
    found: list[VictimMention] = []
    if known is None:
        known = find_platforms(text, start, end)
    for m in known:
        if _WHERE_BUILT.match(text, m.end):
            continue   # "Arbitrum-based protocol Zumo": where the victim lives, not the victim
        found.append(VictimMention(Span(m.start, m.end), m.platform.name, m.surface, True, m.platform, 1, "known"))
    # (start, index) of every span in ``found``, sorted, and the longest span: the overlaps of a span are looked up
    # among the few that start close before it, not in the whole list
    by_start = sorted((v.span.start, j) for j, v in enumerate(found))
    longest = max((v.span.end - v.span.start for v in found), default=0)
    segment = text[start:end]
    # a pattern with words before the name needs a name that starts after the segment's first character: most
    # sentences have none ("Regulators asked exchanges to ...") and need not be searched for "exchange <name>"
    named_later: bool | None = None
    for pat in VICTIM_PATTERNS if tried is None else tried:
        if tried is None:   # (``tried`` holds only the patterns to try)
            if patterns is not None:
                if pat.trigger is not None and pat.name not in patterns:
                    continue
            elif pat.trigger is not None and not pat.trigger.search(segment):
                continue
        if pat.needs and not any(w in segment for w in pat.needs):
            continue
        if pat.gate is not None and pat.gate.search(segment) is None:
            continue
        if not pat.name_first:
            if named_later is None:
                named_later = _named_after_first(segment)
            if not named_later:
                continue
        for m in _with_inner(pat.regex, anchored(pat.regex).finditer(segment), segment):
            raw = m.group("name")
            name = clean_name(raw)
            if not name:
                continue
            offset = raw.find(name)
            s = start + m.start("name") + max(offset, 0)
            span = Span(s, s + len(name))
            near = by_start[bisect.bisect_left(by_start, (span.start - longest - 1,)):
                            bisect.bisect_left(by_start, (span.end,))]
            overlap = [j for j in sorted(j for _, j in near)
                       if found[j].span.start < span.end and span.start < found[j].span.end]
            if overlap:
                # a known platform inside the pattern: the pattern's strength carries over
                for j in overlap:
                    k = found[j]
                    if pat.strength > k.strength:
                        found[j] = VictimMention(k.span, k.name, k.surface, k.known, k.platform, pat.strength, pat.name)
                continue
            plat = lookup(name)
            if plat is None:
                # "Zumo Exchange" -> try without the first/last word
                first = name.split()[0]
                plat = lookup(first) if len(name.split()) > 1 else None
            if plat is None:
                plat = _swapped_letters(name)   # "Poloneix": a known name with two letters swapped
            elif not told_as_platform(text, span.start, span.end, plat):
                continue   # "DAO Maker", "on the Heco network", "5,000 MIM": not the known platform itself
            if plat is None and pat.name in _KIND_NAMED and (
                    _WATCHER_KIND.search(m.group(0))
                    or _WATCHER_KIND.search(text, max(0, start + m.start() - 30), start + m.start("name"))):
                continue   # "Kelda, a blockchain security firm", "analytics firm Kelda": who watches, not the victim
            if plat is None and _coin_not_platform(text, span, name, pat.strength):
                continue   # "206,000 BNB, according to the protocol", "the Nano protocol": a coin, not a platform
            if plat is None and unknown_names is None:
                unknown_names = not is_title_case(text, start, end)   # read only when a name is unknown
            if plat is None and not unknown_names:
                continue
            if plat is None and pat.name not in _FROM_OWNER and _PERSON_BEFORE.search(text, max(0, span.start - 30), span.start):
                continue   # "entrepreneur Justin Sun": a person, not a platform (unless coins were taken from him)
            bisect.insort(by_start, (span.start, len(found)))
            longest = max(longest, span.end - span.start)
            found.append(VictimMention(span, plat.name if plat else name, name, plat is not None, plat,
                                       pat.strength, pat.name))
    found.sort(key=lambda v: (v.span.start, -v.span.end))
    out: list[VictimMention] = []
    for v in found:
        if out and v.span.start < out[-1].span.end:
            if v.strength > out[-1].strength:
                out[-1] = v
            continue
        out.append(v)
    return out
