"""Amounts in text: money (fiat and crypto), shares ("17% of its assets") and counts ("31,000 users").

``find_amounts`` scans for a quantity core (digits, number words, vague quantities) with one
linear regex, then reads a bounded window on each side of it: a currency symbol and qualifier
before, a magnitude, unit, percent sign or counted noun after. Every regex uses possessive
quantifiers or bounded windows, so the scan is linear in the length of the text (no
catastrophic backtracking on a 5 MB line of digits or 100,000 currency symbols).

Language data (qualifiers, magnitudes, vague quantities, counted nouns) are the tables below,
each with examples that ``tests/extract/test_money.py`` runs; units come from
``heistwatch.reference.assets``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from heistwatch.extract.model import Count, Money, Share, Span
from heistwatch.extract.text import Needled, fold_chars, folded, lowered
from heistwatch.reference import assets
from heistwatch.reference.vocabulary import alternation, attack_nouns

# --------------------------------------------------------------------------------------------
# Language data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Qualifier:
    """Words before a figure that turn it into bounds.

    kind: "low" (the figure is a lower bound), "high" (an upper bound), "near" (an upper bound
    the truth is close to: low = 90%), "approx" (+-10%).
    """

    words: tuple[str, ...]
    kind: str
    examples: tuple[str, ...] = ()


QUALIFIERS: tuple[Qualifier, ...] = (
    Qualifier(
        ("more than", "over", "at least", "upwards of", "upward of", "in excess of", "north of", "exceeding",
         "above", "greater than", "no less than", "not less than", "a minimum of", "well over", "just over",
         "well above", "more then"),
        "low",
        ("more than $25,000", "over 19,000 BTC", "at least 31,000 users", "upwards of $5m", "in excess of $1 billion"),
    ),
    Qualifier(
        ("up to", "as much as", "as many as", "less than", "fewer than", "under", "below", "no more than",
         "not more than", "at most", "a maximum of", "well under", "well below"),
        "high",
        ("up to 19,000 BTC", "as much as $500 million", "less than 7%", "under $2 million"),
    ),
    Qualifier(
        ("nearly", "almost", "close to", "just under", "just shy of", "shy of", "approaching", "just below"),
        "near",
        ("nearly $100 million", "almost 600 bitcoins", "close to ¥58 billion"),
    ),
    Qualifier(
        ("about", "around", "approximately", "approx.", "approx", "roughly", "some", "an estimated", "estimated",
         "est.", "circa", "ca.", "~", "an approximate", "in the region of", "in the neighborhood of",
         "in the neighbourhood of", "something like", "round about", "a reported", "reportedly"),
        "approx",
        ("about $534 million", "roughly 17 billion won", "some 30,000 people", "an estimated $40 million",
         "~$5m"),
    ),
)

# Magnitude words after a figure. Abbreviations (``abbrev=True``) only count when a currency
# unit is present, so "5m" of a distance or "2 k" in a list do not become amounts.
MAGNITUDES: dict[str, tuple[int, bool]] = {
    "trillion": (10**12, False), "trillions": (10**12, False), "tn": (10**12, True), "trn": (10**12, True),
    "billion": (10**9, False), "billions": (10**9, False), "bn": (10**9, True), "bln": (10**9, True),
    "b": (10**9, True),
    "million": (10**6, False), "millions": (10**6, False), "mn": (10**6, True), "mln": (10**6, True),
    "mil": (10**6, True), "m": (10**6, True),
    "thousand": (10**3, False), "thousands": (10**3, False), "k": (10**3, True),
    "hundred": (100, False),
    "crore": (10**7, False), "crores": (10**7, False), "lakh": (10**5, False), "lakhs": (10**5, False),
}
MAGNITUDE_EXAMPLES = {
    "$1.5bn": 1.5e9, "US$5m": 5e6, "$5.2 million": 5.2e6, "$50k": 5e4, "$3M": 3e6, "$2B": 2e9, "₹200 crore": 2e9,
    "5 mln dollars": 5e6, "$1.2 trillion": 1.2e12, "two thousand bitcoins": 2000, "half a billion dollars": 5e8,
    "three hundred and twenty million dollars": 3.2e8, "two hundred fifty-five thousand euros": 255e3,
    "a hundred million yen": 1e8,
}

# Vague quantities: (lower factor, upper factor) times the magnitude that follows.
VAGUE_PLURAL = {  # "tens of millions"
    "tens": (10, 100), "hundreds": (100, 1000), "dozens": (24, 144), "scores": (40, 200),
}
VAGUE_BARE = {  # "millions of dollars" (no multiplier word)
    "hundreds": (100, 1000), "thousands": (10**3, 10**4), "millions": (10**6, 10**7),
    "billions": (10**9, 10**10), "trillions": (10**12, 10**13),
}
VAGUE_FEW = {  # "a few million", "several billion"
    "a few": (2, 6), "few": (2, 6), "several": (3, 9), "a couple of": (2, 3), "a couple": (2, 3),
    "a handful of": (2, 6),
}
VAGUE_EXAMPLES = {
    "tens of millions of dollars": (1e7, 1e8), "hundreds of millions of dollars": (1e8, 1e9),
    "millions of dollars": (1e6, 1e7), "tens of billions of won": (1e10, 1e11), "a few million dollars": (2e6, 6e6),
    "several billion yen": (3e9, 9e9), "thousands of users": (1e3, 1e4),
}

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "a dozen": 12, "dozen": 12,
}
FRACTIONS: dict[str, float] = {
    "half a": 0.5, "a half": 0.5, "half of a": 0.5, "a quarter of a": 0.25, "quarter of a": 0.25,
    "a third of a": 1 / 3, "three quarters of a": 0.75,
}

# Nouns whose count the text states ("more than 31,000 users").
COUNT_NOUNS: tuple[str, ...] = (
    "users", "customers", "clients", "accounts", "people", "persons", "individuals", "investors", "traders",
    "holders", "wallets", "victims", "members", "subscribers", "players", "depositors",
    "records", "account holders", "user accounts", "customer accounts", "employees",
)
COUNT_EXAMPLES = {
    "more than 31,000 users": 31000, "some 30,000 people": 30000, "personal information of 36,000 customers": 36000,
    "31,000 South Korean users": 31000,
}

# Sentences in which nothing is an amount (years, dates, times, phone numbers, versions, "$BTC").
NOT_AMOUNT_EXAMPLES: tuple[str, ...] = (
    "The exchange was founded in 2017 in Seoul.",
    "The attack began on January 26, 2018 at 3 am.",
    "It happened on 26 January 2018.",
    "Call the hotline at 555-1234 before 5 pm.",
    "Traders piled into $BTC and $ETH on the news.",
    "The wallet app reached version 2.5 last week.",
    "The firm has 12 offices and 3 data centres.",
    "API keys, 2FA codes and the 3CRV pool were named.",
    "It said the fix would take about ONE WEEK.",
    "The 2014 Bitcoin crash hurt many traders.",
    "Staff found one of its wallets compromised.",
    "Over 150 Ethereum-based tokens were listed.",
)

PERCENT_EXAMPLES = {"17% of its assets": 17, "17 percent of its total assets": 17, "seven percent of all the NEM tokens": 7}

# Context words near an amount.
RECOVERY_WORDS = (
    "recovered", "recover", "recovering", "recovery", "returned", "return", "returning", "frozen", "froze",
    "freeze", "freezing", "seized", "seize", "seizing", "seizure", "clawed back", "claw back", "retrieved",
    "got back", "gave back", "given back", "give back", "sent back", "handed back", "restored", "blocked",
    "came back", "come back", "comes back", "coming back", "flowed back", "flowing back",
)
REFUND_WORDS = ("refund", "refunded", "refunds", "reimburse", "reimbursed", "compensate", "compensated",
                "compensation", "repay", "repaid", "pay back", "paid back", "cover the losses", "cover losses",
                "cover the loss", "cover user losses", "cover customer losses")

# --------------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AmountContext:
    """What the words around an amount say about it (hints: the assembly decides)."""

    now_worth: bool = False      # "now worth more than $25,000", "$X at today's prices"
    at_the_time: bool = False    # "worth $5.2 million at the time"
    recovered: bool = False      # returned, frozen, recovered, seized (and not negated)
    refunded: bool = False       # refund/reimburse/compensate customers
    stated_range: bool = False   # "$5-6 million", "between $5 million and $6 million"
    per_unit: bool = False       # a price: "$275 each", "$11.33 per ether", "a price of $5,000"
    initial: bool = False        # an earlier figure: "initially $31 million", "first reported as $30m"
    revised: bool = False        # a later figure: "later revised to $60 million", "now estimated at"
    reward: bool = False         # a bounty or reward: "offered a $1 million bounty", "a 5% reward"
    funding: bool = False        # money raised or put in: "raised $150 million", "5 billion yen of support"
    market: bool = False         # market size, price or volume: "market value of $900 million", "volume near $400m"
    moved: bool = False          # what became of the loot: "moved $48 million to a mixer", "burned $40,000 worth of ether",
                                 # "now holds 26,000 ETH", "received tokens worth $150 million"
    theft: bool = False          # a verb of theft governs it: "stole $5 million", "emptied wallets holding $5 million"


@dataclass(frozen=True, slots=True)
class AmountMention:
    """One amount in the text. Exactly one of ``money``, ``share``, ``count`` is set."""

    span: Span
    money: Money | None = None
    share: Share | None = None
    count: Count | None = None
    pair: int | None = None      # index, in the same result list, of the conversion stated beside it
    context: AmountContext = field(default_factory=AmountContext)

    def __post_init__(self) -> None:
        if (self.money is not None) + (self.share is not None) + (self.count is not None) != 1:
            raise ValueError("AmountMention needs exactly one of money, share, count")

    @property
    def now_worth(self) -> bool:
        return self.context.now_worth

    @property
    def recovered(self) -> bool:
        return self.context.recovered

    @property
    def kind(self) -> str:
        return "money" if self.money is not None else "share" if self.share is not None else "count"


# --------------------------------------------------------------------------------------------
# Regexes (built once from the tables)
# --------------------------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, any run of spaces where a word has one."""
    parts = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUM = (
    rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    rf"|nineteen|ten|{_ONES}|a\s+dozen|dozen|an?(?=\s+(?:hundred|thousand|million|billion|trillion)\b))"
)
_WORDNUM_REST = (  # what may follow "hundred": "one hundred and ninety", "two hundred fifty-five"
    rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    rf"|nineteen|ten|{_ONES})"
)
_MAG_FULL = "trillions?|billions?|millions?|thousands?|hundred|crores?|lakhs?"
_MAG_ABBR = "tn|trn|bn|bln|mn|mln|mil|[kKmMbB]"

# The quantity core, as two scanners whose first character is cheap to test (sre then skips
# every other position in C): figures starting with a digit, and number words.
_NUM_CORE = re.compile(
    rf"""
    (?P<num>\d(?<![\d.,'_-]\d)(?<![a-oq-rt-z]\d)(?<!(?<!R)[ps]\d)
        (?:\d{{0,2}}(?:[ \u00a0\u202f]\d{{3}}){{2,}}+(?!\d)|\d*+(?:,\d{{3}}(?!\d))*+(?:\.\d++)?))
    (?:(?:\s?+|-)(?P<mag>(?i:(?:hundred\s+)?(?:{_MAG_FULL}))(?![A-Za-z])|(?:(?i:tn|trn|bn|bln|mn|mln|mil)|[kKmMbB])(?![A-Za-z])))?
    """,
    re.X,
)
_WORD_CORE = re.compile(
    rf"""
    (?=[hHaAqQtTdDsSfFmMbBoOeEnNcC])(?<![\w'-])
    (?:
        (?P<frac>{_alt(FRACTIONS)})\s+(?P<fmag>trillion|billion|million|thousand)\b
      | (?P<vq>tens|hundreds|dozens|scores)\s+of\s+(?P<vqmag>trillions|billions|millions|thousands)\b
      | (?P<few>{_alt(VAGUE_FEW)})\s+(?P<fewmag>trillion|billion|million|thousand|hundred)\b
      | (?P<bare>hundreds|thousands|millions|billions|trillions)(?=\s+of\s)
      | (?P<wnum>{_WORDNUM})\b(?:\s+(?P<whund>hundred)\b(?:\s+(?:and\s+)?(?P<wrest>{_WORDNUM_REST})\b)?)?
        (?:\s+(?P<wmag>trillion|billion|million|thousand)\b)?
    )
    """,
    re.I | re.X,
)
_NO_GROUPS = dict.fromkeys(
    ("num", "mag", "frac", "fmag", "vq", "vqmag", "few", "fewmag", "bare", "wnum", "whund", "wrest", "wmag")
)


def _cores(t: str, lo: int, hi: int) -> list[re.Match[str]]:
    found = list(_NUM_CORE.finditer(t, lo, hi))
    words = list(folded(_WORD_CORE).matches(t, lo, hi))   # = _WORD_CORE.finditer(t, lo, hi), found folded
    if words:
        found.extend(words)
        found.sort(key=lambda m: m.start())
    return found


_QUAL_WORD = {w: q.kind for q in QUALIFIERS for w in q.words}
_QUAL_RE = re.compile(rf"(?:(?<![\w])|(?<=~))(?P<q>{_alt(_QUAL_WORD)})\s*+$", re.I)
_PREFIX_RE = re.compile(rf"(?<![A-Za-z])(?P<sym>{_alt(assets.symbol_surfaces())})\s?+$")


@lru_cache(maxsize=1)
def _unit_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = re.compile(rf"(?P<u>{_alt(assets.word_surfaces())})(?![\w])", re.I)
    codes = re.compile(rf"(?P<u>{_alt(assets.code_surfaces())})(?=s?+(?![\w]))s?+")
    paren = re.compile(rf"\s*+\(\s*+(?P<u>{_alt(assets.code_surfaces())})\s*+\)")
    return words, codes, paren


# Words in capitals that follow numbers without being tickers ("10 AM", "3 GB", "2 FBI agents").
NOT_TICKERS = frozenset(
    """AM PM GMT UTC EST EDT PST PDT CST CET CEST BST KST JST IST HKT SGT AEST AEDT MSK GB MB KB TB PB GHZ MHZ
    CEO CFO CTO COO FBI CIA NSA NIS SEC DOJ CFTC FINRA IRS USA UK EU UN US UAE USSR NATO IT PR BC AD BCE CE
    NFT NFTS DAO DEX CEX API IP VPN DDOS KYC AML OTC ATM ETF IPO GDP HQ PDF PC TV PHD MBA LLC INC LTD PLC
    CORP CO AG SA NV BV GMBH APT TA UNC DPRK ROK PRC KOSPI NASDAQ NYSE TSE KRX COVID SARS MP AI ML DNS URL
    HTTP HTTPS SMS OTP PIN ID KPA RGB CPU GPU RAM SSD USB AMD NEW ALL THE AND FOR NOT BUT ARE WAS NOR YET
    OF TO IN ON AT BY OR AN AS IS IT WEEK WEEKS DAY DAYS YEAR YEARS MONTH MONTHS HOUR HOURS MINUTES TIMES
    PEOPLE USERS PERCENT MILLION BILLION THOUSAND DOLLARS WON YEN EUROS HACK HACKS HACKED STOLEN LOST FROM
    WITH THAT THIS WERE WILL HAS HAVE HAD ITS OUR NEWS UPDATE BREAKING EXCLUSIVE READ MORE""".split()
)
_FIAT_CODES = frozenset(a.code for a in assets.all_assets() if a.kind == "fiat")
_TICKER_LIKE = re.compile(r"(?P<u>[a-z]{1,3}[A-Z][A-Z0-9]{1,5}|[A-Z][A-Z0-9]{2,5})(?![\w])")
_THINGS_AFTER_UNIT = re.compile(
    r"(?:-based|-linked|-related|-denominated|-backed|-pegged|-focused|-themed)?\s++(?P<noun>wallets|addresses|accounts|"
    r"users|holders|investors|traders|exchanges|transactions|miners|nodes|ATMs|companies|firms|startups|projects|"
    r"developers|customers|clients|platforms|apps|contracts|tokens|pools|funds|futures|ETFs|options)\b",
    re.I,
)
_UNITS_OF = re.compile(r"units?\s++of\s++", re.I)
_FINITE_THEFT = re.compile(r"\b(?:" + alternation("theft_verb", "core", plus=("grabbed", "emptied", "made\\s+off\\s+with"),
                                                  minus=("stolen",)) + r")\b", re.I)
_UNIT_ADJ = re.compile(r"(?:new|newly[- ]minted|freshly[- ]minted|fresh|minted|additional|extra|stolen)\s++(?=[A-Za-z])", re.I)
_GENERIC_COINS = re.compile(r"\s++(?:(?:of\s+(?:the|its|their)\s+|stolen\s+|new\s+)?)(?:coins|tokens)(?![\w])", re.I)
_THEFT_WORDS = re.compile(r"\b(?:stole|stolen|steal|theft|hack(?:ed|ers?)?|drain(?:ed|ing)?|lost|loss|missing|taken|took|"
                          r"siphon(?:ed)?|looted|minted|created|exploit(?:ed)?|heist)\b", re.I)
_TOKEN_SUFFIX = re.compile(r"\s++(?:coins?|tokens?)(?![\w])", re.I)
_PERCENT = re.compile(r"\s*+(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points\b)", re.I)
_SHARE_OF = re.compile(r"\s++of\s++(?P<of>[^\n]{1,80})", re.I)
_COUNT_RE = re.compile(
    rf"\s++(?:of\s++(?:(?:its|their|the|his|her|our)\s++)?)?(?:(?:[A-Z][\w'-]*+|[a-z]+-[a-z]+|registered|affected|"
    rf"individual|unique|active|retail|existing|Korean|Japanese|South|Chinese|local|foreign|premium|"
    rf"verified|customer|user|email|e-mail|crypto|bitcoin|exchange|platform|company|other)\s++){{0,2}}"
    rf"(?P<noun>{_alt(COUNT_NOUNS)})(?![\w])"
)
_OF_UNIT = re.compile(r"\s++of\s++", re.I)
_OR_MORE = re.compile(r"(?:\s*+\+|-plus\b|\s++or\s++more\b|\s++and\s++more\b|\s++plus\b)", re.I)
_RANGE = re.compile(
    r"\s*+(?:-|to|and)\s*+(?P<sym>\$|US\$|€|£|¥|₩)?\s*+(?P<num2>\d++(?:,\d{3}(?!\d))*+(?:\.\d++)?)"
)
_RANGE_MAG = re.compile(rf"\s?+(?P<mag>(?:{_MAG_FULL})(?![a-z])|(?:{_MAG_ABBR})(?![A-Za-z]))")
_MONTHS_BEFORE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*+\.?,?\s++(?:the\s++)?$"
)
_MONTHS_AFTER = re.compile(
    r"(?:st|nd|rd|th)?\s*+(?:of\s++)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*+\b"
)
_TIME_AFTER = re.compile(r"\s*+(?:[ap]\.?m\.?(?![a-z])|o'clock|GMT|UTC|:\d)", re.I)
_NOW_BEFORE = re.compile(
    r"(?:\b(?:now|currently|today|presently)\s++(?:be\s++)?(?:worth|valued|equivalent)|"
    r"\bworth\s++(?:now|today)|\bwould\s++(?:now\s++)?be\s++(?:worth|valued)|\b(?:current|today's)\s++value\b)"
    r"[^.;]{0,30}$",
    re.I,
)
_NOW_AFTER = re.compile(
    r"^[\s,)]*+(?:at\s++(?:today's|current|present)\s++(?:prices?|rates?|values?|exchange\s+rates?)|"
    r"(?:today|now)\b(?!\s++(?:worth|valued|equivalent|at))|"
    r"in\s++today's\b|at\s++the\s++current\b)",
    re.I,
)
_FX_NOW = re.compile(r"^[\s,)]*+at\s++(?:the\s++)?(?:current|today's|present)\s++exchange\s+rates?\b", re.I)
_THEN_AFTER = re.compile(r"^[\s,)]*+(?:at\s++the\s++time|at\s++that\s++time|then\b|at\s++the\s++time\s++of)", re.I)
_THEN_BEFORE = re.compile(r"\b(?:then|at\s+the\s+time)\s++(?:worth|valued)[^.;]{0,20}$", re.I)
_PER_UNIT_AFTER = re.compile(r"^\s*+(?:each\b|apiece\b|a\s+piece\b|per\s+(?:coin|token|unit|share|bitcoin|ether|BTC|ETH|[A-Z]{3,5})\b|/\s*(?:coin|token|BTC|ETH)\b)", re.I)
_PER_UNIT_BEFORE = re.compile(r"\b(?:price\s+of|priced\s+at|trading\s+at|traded\s+at|trades\s+at|to\s+a\s+(?:high|low)\s+of|(?:rose|rises|fell|falls|dropped|drops|climbed|jumped|surged|plunged|slumped|tumbled|declined|crashed|crashes|slid)\s+(?:[\w.%]+\s+){0,4}?to)\s*+$", re.I)
_ESTIMATE_RISE = re.compile(r"\b(?:estimates?|estimated\s+(?:loss|losses|damage)|damage|loss(?:es)?|tally|toll|haul)\b[^.;$€£¥]{0,40}$", re.I)
_PRICE_TALK = re.compile(r"\b(?:price|prices|priced|per|each|market|bitcoin|ether|BTC|ETH|trading|traded|shares?|stock)\b", re.I)
_WHOLE_OF = re.compile(r"\b(?:all|most|much|part|some|half|bulk|rest|portion|share|majority|none)\s+of\s+the\s*+$", re.I)
_RATE_BEFORE = re.compile(r"(?:(?:US)?\$|€|£|¥)\s?1(?:\.00?)?\s*+(?:=|equals)\s*+$|\b1\s+(?:USD|EUR|GBP|JPY|dollar|euro|yen)\s*+(?:=|equals)\s*+$", re.I)
_INITIAL_BEFORE = re.compile(
    r"\b(?:initially|originally|at\s+first|first\s+(?:reported|estimated|put|pegged|said)|earlier\s+estimates?|"
    r"previously\s+(?:reported|estimated|put)|initial\s+(?:estimates?|reports?|figures?))\b[^.;]{0,40}$",
    re.I,
)
_REVISED_BEFORE = re.compile(
    r"\b(?:later\s+(?:revised|raised|updated|lowered|put)|revised\s+(?:up|down|upward|downward)?|raised\s+(?:the|its)\s+"
    r"estimate|updated\s+(?:figure|estimate|tally)|now\s+(?:estimated|believed|thought|put|says?)|new\s+estimates?)"
    r"\b[^.;]{0,40}$",
    re.I,
)
# (not "reward" naming a kind of pool or token: "the reward pools", "its rewards contract")
_REWARD_RE = re.compile(r"\b(?:bount(?:y|ies)|rewards?(?![\s\-]+(?:pools?|contracts?|tokens?|vaults?|distributors?|"
                        r"mechanisms?|programs?|programmes?|system)\b)|white[- ]?hat\s+(?:fee|bounty|reward)|finder'?s\s+fee)\b", re.I)
_BOUNTY_ON = re.compile(r"\s*+(?:on|for)\s++(?:the\s++)?", re.I)
_FUNDING_BEFORE = re.compile(
    r"\b(?:raised|raises|raising|fundraising|funding\s+(?:of|round)|seed\s+round|series\s+[a-e]\s+round|invested|"
    r"investment\s+of|financial\s+support\s+of|capital\s+injection\s+of|bailout\s+of|(?:a|its)\s+valuation\s+of|"
    r"valued\s+(?:the\s+company|it)\s+at)\b[^.;]{0,30}$|"
    # "a capital injection that local media put at about 55 billion yen", "injected 55 billion yen into the firm"
    r"\b(?:capital\s+injection|bail-?out|rescue\s+(?:package|loan|fund))\b[^.;]{0,50}$|"
    r"\b(?:inject(?:ed|s|ing)?|pump(?:ed|s|ing)?)\s+(?:(?:another|a\s+further|an\s+additional|about|around|roughly|some|"
    r"nearly|almost|over|more\s+than)\s+)?$",
    re.I,
)
_FUNDING_AFTER = re.compile(r"[\s,]*+(?:in\s+(?:a\s+)?(?:funding|seed|series|financing|investment)|from\s+investors|"
                            r"of\s+(?:its|their|his|her|our)\s+own)\b", re.I)
_MARKET_BEFORE = re.compile(
    r"\b(?:market\s+cap(?:itali[sz]ation)?\s+of|trading\s+volumes?\s+(?:of|near|around|at)|daily\s+volumes?\s+of|"
    r"total\s+value\s+locked\s+of|TVL\s+of|price\s+(?:of|to|at)|(?:tops|topped|crossed|breached)|"
    r"(?:rose|rises|climbed|jumped|surged|touched|fell|dropped|slid|plunged)(?:\s+(?:above|below|past|to|over|at))?|"
    r"(?:traded|trading|trades)\s+(?:above|below|at|near)|"
    r"(?:crypto|cryptocurrency|stablecoin|token)\s+market\s+is\s+(?:now\s+)?worth|inflows\s+of|"
    # a coin's price: "with bitcoin racing past $15,000", "bitcoin at $9,000", "ether trading near $1,800"
    r"\b(?:bitcoin|ether|ethereum|BTC|ETH|XRP|solana|dogecoin|the\s+(?:coin|token|cryptocurrency)|prices?)\s+"
    r"(?:(?:[a-z]+(?:ing|ed)|rose|fell|broke|hit|hits|sat|sits|tops|topped|trades|hovers|slid|"
    r"(?:was|is|were|stood|stands|held|holds|stayed|remained)(?:\s+(?:steady|flat|stable|firm|little\s+changed|unchanged))?)\s+"
    r"(?:past|above|beyond|through|over|below|under|near|around|at|to)|at|above|below))"
    r"\s*+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|over|under)\s+)?$",
    re.I,
)
# A figure told as a market's or a share's worth after it: "lost $2 billion in market value", "shed $400m of its
# market capitalisation", "wiped $1 billion off its market cap".
_MARKET_AFTER = re.compile(r"\s*+(?:in|of|off|from)\s+(?:its\s+|their\s+|the\s+(?:company's\s+|firm's\s+)?)?"
                           r"(?:market\s+(?:value|cap(?:itali[sz]ation)?|worth)|stock\s+market\s+value|share\s+value|"
                           r"shareholder\s+value|valuation)\b", re.I)
_RANGE_GAP = re.compile(r"\s*+(?:-|to|and)\s*+$", re.I)
_RANGE_BEFORE = re.compile(r"\b(?:between|from)\s*+$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s*+$", re.I)
_RECOVERY_RE = re.compile(rf"\b(?:{_alt(RECOVERY_WORDS)})\b", re.I)
_REFUND_RE = re.compile(rf"\b(?:{_alt(REFUND_WORDS)})\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|yet\s+to|unable\s+to|failed\s+to|n't|without)\b[^.;,]{0,25}$", re.I)
_PAIR_GAP_WORDS = frozenset(
    """or worth valued at equivalent equal to then which is was were i.e the of about roughly around
    approximately some nearly almost over more than estimated an a as time currently now that in
    value according generated generating amounting amounted totaling totalling totaled totalled
    for equivalent little just slightly bit""".split()
)
_PAIR_GAP_PUNCT = re.compile(r"[\s()\[\],:/\-]+")

_CLAUSE_START = re.compile(r"[.!?;\n](?=\s)|\n")


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


def _decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
    except InvalidOperation:
        return None


def _word_value(w: str) -> int | None:
    w = " ".join(w.lower().replace("-", " ").split())
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _mag_value(m: str) -> tuple[int, bool]:
    m = " ".join(m.split())
    factor = 1
    if m.lower().startswith("hundred "):
        factor = 100
        m = m.split(" ", 1)[1]
    key = m if m in MAGNITUDES else m.lower()
    if key in ("m", "b", "k") or m in ("M", "B", "K"):
        key = m.lower()
    value, abbrev = MAGNITUDES.get(key, (1, False))
    return value * factor, abbrev


def _num(x: Decimal | float) -> float:
    f = float(x)
    return float(int(f)) if f.is_integer() else f


def _represent(low: float, high: float) -> float:
    g = math.sqrt(low * high)
    digits = 2 - int(math.floor(math.log10(g)))
    return _num(round(g, digits))


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    kind: str                       # money / share / count
    value: float
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    vague: bool = False
    approximate: bool = False
    share_of: str | None = None
    count_what: str | None = None
    stated_range: bool = False


def _match_unit(t: str, pos: int, end: int, allow_unlisted: bool = False) -> tuple[str, int] | None:
    """A unit word/code right at ``pos`` (after optional spaces): (code, end offset).

    Also reads "70 units of Monero", "two million (BNB)", "523 million NEMs" and tickers that are
    not in the reference list but are written like one ("36 million BEAN", "73,800 wstETH",
    "640 billion PEPE tokens").
    """
    words, codes, paren = _unit_res()
    p = pos
    while p < end and p < pos + 3 and t[p] in " \t":
        p += 1
    um = _UNITS_OF.match(t, p, min(end, p + 16))
    if um:
        p = um.end()
    am = _UNIT_ADJ.match(t, p, min(end, p + 24))
    if am:
        p = am.end()   # "2 million new BNB tokens", "5,000 stolen ETH"
    closing = False
    if p < end and t[p] == "(":
        p += 1
        closing = True
    best: tuple[str, int] | None = None
    m = codes.match(t, p, end)
    if m:
        best = (assets.unit_for_word(m.group("u")) or m.group("u"), m.end())
    elif allow_unlisted and p > pos:
        m = _TICKER_LIKE.match(t, p, min(end, p + 12))
        if m and m.group("u") not in NOT_TICKERS and m.group("u").upper() not in NOT_TICKERS:
            known = assets.unit_for_word(m.group("u").upper()) if m.group("u")[:1].islower() else None
            if known or m.group("u").upper() not in _FIAT_CODES:
                best = (known or m.group("u"), m.end())
    m2 = folded(words).match(t, p, end)   # = words.match(t, p, end); the word is read from t
    if m2 and (best is None or m2.end() > best[1]):
        code = assets.unit_for_word(t[m2.start("u") : m2.end("u")])
        if code:
            best = (code, m2.end())
    if best is None:
        return None
    code, q = best
    if closing:
        if q < end and t[q] == ")":
            q += 1
        else:
            return None
    pm = paren.match(t, q, min(end, q + 16))
    if pm:
        code = assets.unit_for_word(pm.group("u")) or code
        q = pm.end()
    tm = _TOKEN_SUFFIX.match(t, q, min(end, q + 10))
    if tm and not assets.is_fiat(code):
        q = tm.end()
    return code, q


# The last word of every qualifier: _QUAL_RE can only match where the text before the figure ends with one.
_QUAL_ENDS = tuple(sorted({w.split()[-1] for w in _QUAL_WORD}))


def _qualifier_before(t: str, pos: int, lo: int) -> tuple[str, str, int] | None:
    a = max(lo, pos - 28)
    tail = t[a:pos].rstrip()
    if tail.isascii() and not tail.lower().endswith(_QUAL_ENDS):
        return None   # (beyond ASCII, case-insensitive matching is not lower(): the pattern decides)
    m = folded(_QUAL_RE).search(t, a, pos)   # = _QUAL_RE.search(t, a, pos); the group is read lower-cased
    if not m:
        return None
    words = " ".join(m.group("q").lower().split())
    return words, _QUAL_WORD.get(words, "approx"), m.start()


def _bounds(value: float, kind: str | None) -> tuple[float | None, float | None, bool]:
    if kind == "low":
        return value, None, False
    if kind == "high":
        return None, value, False
    if kind == "near":
        return _num(round(value * 0.9, 6)), value, True
    if kind == "approx":
        return _num(round(value * 0.9, 6)), _num(round(value * 1.1, 6)), True
    return value, value, False


def _parse_at(t: str, m: re.Match[str], lo: int, hi: int) -> _Raw | None:
    s, e = m.start(), m.end()
    g = {**_NO_GROUPS, **m.groupdict()}
    # ---- the figure itself
    abbrev = False
    vague: tuple[float, float] | None = None
    is_year_like = False
    plain_digits = False
    if g["num"]:
        if len(g["num"]) > 24:      # a serial number or a hash, not an amount
            return None
        base = _decimal(g["num"])
        if base is None:
            return None
        mag = 1
        if g["mag"]:
            mag, abbrev = _mag_value(g["mag"])
        value = base * mag
        plain_digits = not g["mag"]
        is_year_like = plain_digits and re.fullmatch(r"(?:19[5-9]\d|20\d\d)", g["num"]) is not None
    elif g["frac"]:
        value = Decimal(str(FRACTIONS[" ".join(g["frac"].lower().split())])) * _mag_value(g["fmag"])[0]
    elif g["vq"]:
        lo_f, hi_f = VAGUE_PLURAL[g["vq"].lower()]
        mag = _mag_value(g["vqmag"].lower().rstrip("s"))[0]
        vague = (lo_f * mag, hi_f * mag)
        value = Decimal(0)
    elif g["few"]:
        lo_f, hi_f = VAGUE_FEW[" ".join(g["few"].lower().split())]
        mag = _mag_value(g["fewmag"].lower())[0]
        vague = (lo_f * mag, hi_f * mag)
        value = Decimal(0)
    elif g["bare"]:
        vague = VAGUE_BARE[g["bare"].lower()]
        value = Decimal(0)
    else:
        wv = _word_value(g["wnum"])
        if wv is None:
            return None
        if g["wnum"].lower() in ("a", "an") and not (g["wmag"] or g["whund"]):
            return None
        if g["whund"]:
            wv = wv * 100 + (_word_value(g["wrest"]) or 0 if g["wrest"] else 0)
        value = Decimal(wv) * (_mag_value(g["wmag"])[0] if g["wmag"] else 1)

    # ---- dates and times are not amounts
    if g["num"] and plain_digits:
        if _MONTHS_BEFORE.search(t, max(lo, s - 12), s) or _MONTHS_AFTER.match(t, e, min(hi, e + 16)):
            return None
        if _TIME_AFTER.match(t, e, min(hi, e + 8)):
            return None

    # ---- before: currency symbol, then qualifier
    start = s
    prefix_code: str | None = None
    if s > lo:
        pm = _PREFIX_RE.search(t, max(lo, s - 7), s)
        if pm:
            prefix_code = assets.unit_for_symbol(pm.group("sym"))
            if prefix_code:
                start = pm.start()
    # a letter glued to the figure ("v2", "A4") means it is not an amount
    if start == s and s > lo and (t[s - 1].isalpha() or t[s - 1] in "$#@/"):
        return None

    # ---- after: range, "of" (vague), unit / percent / counted noun
    pos = e
    stated_range = False
    range_high: Decimal | None = None
    if g["num"] and not g["mag"]:
        rm = _RANGE.match(t, pos, min(hi, pos + 30))
        if rm:
            n2 = _decimal(rm.group("num2"))
            after = rm.end()
            mm = _RANGE_MAG.match(t, after, min(hi, after + 12))
            # "$5-6 million", "5,000-6,000 BTC", "10-15%": a range needs a magnitude or a unit after it
            # (else "2017-2018" or "555-1234" would be one)
            unit_next = mm is None and (
                _match_unit(t, after, hi) is not None or _PERCENT.match(t, after, min(hi, after + 24)) is not None
            )
            if n2 is not None and (mm or unit_next) and n2 > base:
                mag2, abbrev = _mag_value(mm.group("mag")) if mm else (1, False)
                value = base * mag2
                range_high = n2 * mag2
                pos = mm.end() if mm else after
                stated_range = True
                plain_digits = False
                is_year_like = False
    if vague is not None or (g["wmag"] and g["wnum"]):
        om = _OF_UNIT.match(t, pos, min(hi, pos + 6))
        if om:
            pos_of = om.end()
        else:
            pos_of = None
    else:
        pos_of = None

    unit: str | None = prefix_code
    end = pos
    if pos_of is not None:
        um = _match_unit(t, pos_of, hi)
        if um and unit is None:
            unit, end = um
    if unit is None or (prefix_code and end == pos):
        um = _match_unit(t, pos, hi, allow_unlisted=bool(g["num"]) and prefix_code is None)
        if um and (unit is None or um[0] == unit):
            unit, end = um[0], um[1]

    if unit is None and prefix_code is None and (g["num"] or g["wnum"] and g["wmag"]) and not is_year_like:
        # (not "one of its Ethereum cold wallets")
        # "30.95 million of its USDT tokens", "3.2 million of Bancor's own BNT": the owner between figure and coin
        om = _OF_OWNER.match(t, pos, min(hi, pos + 40))
        if om:
            um = _match_unit(t, om.end(), hi, allow_unlisted=True)
            if um and (assets.is_crypto(um[0]) or um[0].isupper() and not assets.is_fiat(um[0])):
                unit, end = um
    if unit is None and prefix_code is None and g["num"] and value >= 100 and not is_year_like:
        # "nearly 120,000 coins", "some 2,000 tokens": the asset named just before, in a sentence about a theft
        gm = _GENERIC_COINS.match(t, pos, min(hi, pos + 30))
        if gm and _THEFT_WORDS.search(t, max(lo, s - 150), min(hi, gm.end() + 60)):
            words = _unit_res()[0]
            named = [assets.unit_for_word(t[w.start("u") : w.end("u")]) for w in folded(words).finditer(t, max(lo, s - 250), s)
                     if w.start() == 0 or not t[w.start() - 1].isalnum()]
            named = [c for c in named if c and assets.is_crypto(c)]
            if named and len(set(named[-2:])) == 1:
                unit, end = named[-1], gm.end()

    kind = "money"
    share_of = count_what = None
    if unit is not None and prefix_code is None:
        # "6 Bitcoin wallets", "two Ethereum addresses": a count of things named after the asset
        nm = _THINGS_AFTER_UNIT.match(t, end, min(hi, end + 30))
        if nm:
            noun = nm.group("noun").lower()
            if noun in COUNT_NOUNS and not (vague is None and value <= 1):
                unit, kind, count_what, end = None, "count", noun, nm.end()
            else:
                return None
    if kind == "count":
        if is_year_like:
            return None
    elif unit is None:
        pc = _PERCENT.match(t, pos, min(hi, pos + 24)) if vague is None else None
        if pc:
            kind = "share"
            end = pc.end()
            so = _SHARE_OF.match(t, end, min(hi, end + 80))
            if so:
                share_of = _clean_of(so.group("of"))
                if share_of:
                    end = _end_of_phrase(t, so.start(), so.end(), share_of)
        else:
            cm = _COUNT_RE.match(t, pos, min(hi, pos + 60))
            if not cm:
                return None
            kind = "count"
            count_what = " ".join(cm.group("noun").lower().split())
            end = cm.end()
            if abbrev or (vague is None and value <= 1):
                return None
        if is_year_like:
            return None
    else:
        if abbrev and unit is None:
            return None
        if is_year_like and prefix_code is None and not t[s:end].rstrip().endswith("s"):
            return None

    # ---- qualifier before, "or more" after
    qual = _qualifier_before(t, start, lo)
    qual_words = qual_kind = None
    if qual:
        qual_words, qual_kind, start = qual
    om = _OR_MORE.match(t, end, min(hi, end + 12)) if qual is None else None
    if om and kind != "share":
        qual_words, qual_kind = om.group(0).strip().lower(), "low"
        end = om.end()

    v = _num(value)
    raw = _Raw(start=start, end=end, kind=kind, value=v, unit=unit, share_of=share_of, count_what=count_what)
    raw.qualifier = qual_words
    if vague is not None:
        raw.vague = True
        raw.low, raw.high = _num(vague[0]), _num(vague[1])
        raw.value = _represent(raw.low, raw.high)
        raw.approximate = True
        if qual_kind == "low":
            raw.high = None
        elif qual_kind == "high":
            raw.low = None
        raw.qualifier = qual_words or " ".join(t[s:e].lower().split())
    elif range_high is not None:
        raw.low, raw.high = v, _num(range_high)
        raw.value = _num(range_high)
        raw.qualifier = qual_words or "range"
        raw.stated_range = stated_range
    else:
        raw.low, raw.high, raw.approximate = _bounds(v, qual_kind)
    if v <= 0 and not raw.vague:
        return None
    return raw


_OF_STOP = frozenset(
    """in on at from that which was were is are and held stored to by for after before when while as with
    during since it they its' than or but worth valued into had has have could would will be been being
    taking following now currently then per - had""".split()
)
_OF_DET = ("all of the ", "all the ", "all of ", "all ", "its ", "the ", "their ", "his ", "her ", "our ", "a ", "an ")


def _clean_of(phrase: str) -> str | None:
    words = []
    for w in phrase.split():
        bare = w.strip(".,;:!?)\"'")
        if bare.lower() in _OF_STOP or not bare:
            break
        words.append(bare)
        if bare != w:
            break
    text = " ".join(words)
    low = text.lower()
    changed = True
    while changed:
        changed = False
        for d in _OF_DET:
            if low.startswith(d):
                text, low = text[len(d):], low[len(d):]
                changed = True
    return text or None


def _end_of_phrase(t: str, a: int, b: int, phrase: str) -> int:
    i = t.find(phrase.split()[-1], a, b)
    return i + len(phrase.split()[-1]) if i >= 0 else a


def _clause_bounds(t: str, s: int, e: int, lo: int, hi: int) -> tuple[int, int]:
    left = lo
    for ch in (". ", "; ", "\n", "! ", "? "):
        i = t.rfind(ch, max(lo, s - 200), s)
        if i >= 0 and i + 1 > left:
            left = i + 1
    right = min(hi, e + 200)
    for ch in (". ", "; ", "\n", "! ", "? "):
        i = t.find(ch, e, right)
        if i >= 0:
            right = i
    return left, right


# The verb that governs a figure: the last one before it in its clause ("began to move about $48 million",
# "has offloaded 640 billion PEPE, valued at $7.6 million"). A verb of moving, holding or destroying funds says
# the figure is what became of the loot; a verb of theft after it ("moved the stolen $5 million") wins back.
_GOVERNING_VERB = re.compile(
    r"\b(?:(?P<move>(?P<out>move[sd]?|moving|transferr(?:ed|ing)|sent|send(?:s|ing)?|rout(?:ed|ing)|"
    r"funnel+(?:ed|ing)|bridg(?:ed|ing))|swapp(?:ed|ing)|swaps?|convert(?:ed|ing|s)?|launder(?:ed|ing|s)?|"
    r"offload(?:ed|ing|s)?|dump(?:ed|ing|s)?|sold|sell(?:s|ing)?|deposit(?:ed|ing|s)|receiv(?:ed|es|ing)|"
    r"redeem(?:ed|ing|s)?|burn(?:ed|t|ing|s)?|hold(?:s)?|held|in\s+control\s+of|direct(?:ed|ing)|"
    r"cash(?:ed|ing)\s+out|exchang(?:ed|ing)|mix(?:ed|ing)|tumbl(?:ed|ing)|process(?:ed|es|ing)?)|"
    r"(?P<theft>(?P<verb>st(?:ole|olen|eal(?:s|ing)?)|drain(?:ed|ing|s)?|took|taken|tak(?:es|ing)|siphon(?:ed|ing|s)?|"
    r"looted|lost|los(?:es|ing)|hacked|exploited|made\s+off|swiped|pilfered|snatched|grabbed|emptied|min(?:e|ed|ing))|"
    r"loss(?:es)?|hacks?|exploits?|theft|heist))\b",
    re.I,
)
_TO_THIEF = re.compile(r"[^.;]{0,12}?\bto\s+(?:an?\s+|the\s+|their\s+)?(?:[\w\-]+\s+)?(?:attacker|hacker|exploiter|thie(?:f|ves))|"
                       # "transferred $182 million of its assets to their own wallet", "sent $90 million to addresses
                       # from which they can never be retrieved": moved out of the victim's reach, the theft itself
                       r"[^.;]{0,60}?\bto\s+(?:(?:their|his|her|the\s+(?:attacker|hacker|exploiter|thief)['’]s)\s+own\s+"
                       r"(?:[\w\-]+\s+)?(?:wallets?|address(?:es)?|accounts?)\b|(?:an?\s+|the\s+)?(?:[\w\-]+\s+)?address(?:es)?\s+"
                       r"(?:(?:that\s+)?(?:nobody|no\s+one)\s+(?:controls|can\s+access)|(?:from\s+which|where)\s+[^.;]{0,40}?"
                       r"\b(?:never|cannot|can\s+not|can['’]t)\b))", re.I)
_OUT_OF_VICTIM = re.compile(r"[^.;]{0,40}?\b(?:out\s+of|from)\s+(?!(?:the\s+|an?\s+)?(?:attacker|hacker|exploiter|thie)\w*)", re.I)
_DESTINATION = re.compile(r"[^.;]{0,60}?\b(?:to|into|onto|through|via)\b", re.I)
_PASSIVE_MOVE = re.compile(
    r"[^.;]{0,40}?\b(?:(?:was|were|had\s+been|has\s+been|have\s+been|being|got)\s+(?:later\s+|then\s+|"
    r"[a-z]+ly\s+)?(?:sent|moved|transferred|bridged|swapped|laundered|burned|burnt|converted|"
    r"deposited|routed|funnel+ed|mixed|exchanged|cashed\s+out)\b|"
    r"(?:sent|moved|transferred|bridged|routed|funnel+ed)\s+(?:on\s+|later\s+|then\s+)?(?:to|into|through|via)\b|"
    r"went\s+(?:straight\s+|directly\s+)?(?:to|into)\b)", re.I)   # "$250,000 went to a donation address"
# "$455 million that passed through the mixer", "$20 million which flowed into Tornado Cash": funds told by
# where they went, not a loss
_PASSED_THROUGH = re.compile(
    r"\s*,?\s*(?:that|which)\s+(?:had\s+|has\s+|have\s+|later\s+|then\s+|eventually\s+)*(?:passed|flowed|went|ran|"
    r"moved|(?:was|were)\s+(?:later\s+|then\s+|[a-z]+ly\s+)?(?:funnel+ed|routed|laundered|mixed|sent|moved|"
    r"washed|channel+ed|cycled))\s+(?:through|into|via|to)\b", re.I)
# "laundered $96 million of funds taken in the Harmony hack, and at least $7.8 million from the Nomad heist":
# a figure coordinated with the one before it shares that figure's verb
_COORDINATED = re.compile(r",?\s+and\s+(?:(?:at\s+least|about|around|roughly|nearly|almost|some|another|"
                          r"a\s+further|more\s+than|over|up\s+to)\s+)?$", re.I)
_CONVERTED_FROM = re.compile(r"\s*+(?:(?:for|into|to)\s++(?:[\w\-]+\s++){1,3}?(?:worth|valued\s+at)|for|into)\s*+$", re.I)
_TAG = re.compile(r"<[^<>]{0,300}>")
_HAS_PASSED = Needled(_PASSED_THROUGH).may_match     # see _HAS_NOW below
_HAS_PASSIVE = Needled(_PASSIVE_MOVE).may_match


_HEIST_NOUN_AFTER = re.compile(r"\s+(?:(?:crypto(?:currency)?|bridge|exchange|flash[\s\-]loan|DeFi|wallet)\s+)?"
                               r"(?:" + attack_nouns(plus=("robbery",), minus=("attack", "incident")) + r")\b", re.I)


# the attack a recovery or freeze came after: "after falling victim to", "after losing", "after being hacked for"
_AFTER_ATTACK = re.compile(r"\bafter\s+(?:(?:the|it|its|they|their|an?)\s+)?(?:falling\s+victim\s+to|losing|lost|"
                           r"being\s+(?:hacked|exploited|drained|robbed)|suffer(?:ing|ed)|was\s+(?:hacked|exploited|drained))\b", re.I)
# a share the thief was offered to keep: "offering to let them keep 10% of the stolen assets, about $950,000"
_KEEP_OFFERED = re.compile(r"\b(?:offer\w*|let(?:ting)?|allow\w*|invit\w*)\s+(?:[\w\-]+\s+){0,3}?(?:to\s+)?keep\b[^.;]{0,80}$", re.I)
# "was exploited for $250k", "was attacked by a white hat hacker for ~$8.8M": the figure of the attack
_ATTACKED_FOR = re.compile(r"\b(?:exploited|attacked|hacked|drained|robbed|breached)\b[^.;]{0,50}?\bfor\s+(?:about\s+|around\s+|"
                           r"roughly\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|some\s+|~\s*)?$", re.I)
# "$375,000 worth of farm rewards": the coins taken were reward tokens, no bounty
_OF_OWNER = re.compile(r"\s+of\s+(?:its|their|his|her|the\s+(?:[\w\-]+\s+)?[\w\-]+['’]s|(?-i:[A-Z])[\w.\-]*['’]s)\s+(?:own\s+)?",
                       re.I)
_WORTH_OF_REWARDS = re.compile(r"\s*(?:\S+\s+)?worth\s+of\s+(?:[\w\-]+\s+){0,2}?rewards?\b", re.I)
_LATER_CLAUSE = re.compile(r"\b(?:who|which|but|and|then|later|before|after|although|though|while|whereas)\b", re.I)


# a new clause with its own subject after the figure: ", and Zumo said users would be repaid", "; customers will be
# reimbursed": the refund is told of the loss, the figure stays what was lost
_NEW_CLAUSE = re.compile(r";|,\s*(?:and|but|while|whereas)\s+(?!(?:was|were|is|are|will|would|has|have|had)\b)", re.I)


def _refund_of_this(after: str) -> bool:
    """A refund word after the figure that speaks of it ("$5 million in compensation"), not one in a clause of its own."""
    m = _REFUND_RE.search(after)
    if m is None:
        return False
    return not _NEW_CLAUSE.search(after, 0, m.start())


def _governing(t: str, raws: list[_Raw], i: int, pairs: dict[int, int], c_lo: int) -> str | None:
    """"move" when a verb of moving, holding or destroying governs this figure, "theft" when a verb of theft
    does (see _GOVERNING_VERB), else None."""
    r = raws[i]
    if _HEIST_NOUN_AFTER.match(t, r.end, min(len(t), r.end + 40)):
        return "theft"   # "February's $1.5 billion theft": the size of a theft, whatever verb comes before
    head = i - 1 if pairs.get(i) == i - 1 else i   # "N tokens worth $X": the verb governs N
    # "redeemed 93,750 WETH for ETH worth $248 million": the verb governs the figure the conversion is told of
    if head == i and i > 0 and _CONVERTED_FROM.match(t, raws[i - 1].end, r.start):
        head = i - 1
    before_end = raws[head].start
    prev_end = raws[head - 1].end if head > 0 else 0
    seg = t[max(c_lo, prev_end, before_end - 120) : before_end]
    if "<" in seg:
        seg = _TAG.sub(" ", seg)
    seg = seg[-70:]
    last = None
    for m in folded(_GOVERNING_VERB).finditer(seg):   # = _GOVERNING_VERB.finditer(seg): same spans, groups set alike
        last = m
    if last is None or last.group("move") is None and not last.group("verb"):
        low = lowered(t)
        if _HAS_PASSED(low, r.end, min(len(t), r.end + 80)) and _PASSED_THROUGH.match(t, r.end, min(len(t), r.end + 80)):
            return "move"
        if head > 0 and prev_end > c_lo and _COORDINATED.search(t, prev_end, before_end) \
                and not any(v.group("move") or v.group("verb")
                            for v in _GOVERNING_VERB.finditer(t, r.end, min(len(t), r.end + 40))):
            prev = _governing(t, raws, head - 1, pairs, c_lo)
            if prev == "move":
                return prev
        # "about 100 ether from the attack was sent to an address", "the remaining $102 million were burned"
        pm = _PASSIVE_MOVE.match(t, r.end, min(len(t), r.end + 80)) if _HAS_PASSIVE(low, r.end, min(len(t), r.end + 80)) else None
        if pm and not _OUT_OF_VICTIM.match(t, pm.end(), min(len(t), pm.end() + 40)):
            return "move"
        return None
    if last.group("move") is None:
        return "theft"
    if _TO_THIEF.match(t, r.end, min(len(t), r.end + 150)):
        return "theft"   # "the transfer of $182 million to an attacker-controlled address" is the theft
    # "transferred $110 million out of the exchange": taken from the victim, with nowhere it went
    if last.group("out") is not None and _OUT_OF_VICTIM.match(t, r.end, min(len(t), r.end + 60)) \
            and not _DESTINATION.match(t, r.end, min(len(t), r.end + 60)):
        return "theft"
    return "move"


# Most context patterns find nothing near most amounts: each runs only when one of the words every
# match of it holds is in its window of the lowered text (see text.Needled; exact, and several times cheaper).
_HAS_NOW = Needled(_NOW_BEFORE).may_match
_HAS_THEN = Needled(_THEN_BEFORE).may_match
_HAS_RECOVERY = Needled(_RECOVERY_RE).may_match
_HAS_REFUND = Needled(_REFUND_RE).may_match
_HAS_PER_UNIT = Needled(_PER_UNIT_BEFORE).may_match
_HAS_RATE = Needled(_RATE_BEFORE).may_match
_HAS_INITIAL = Needled(_INITIAL_BEFORE).may_match
_HAS_REVISED = Needled(_REVISED_BEFORE).may_match
_HAS_REWARD = Needled(_REWARD_RE).may_match
_HAS_KEEP = Needled(_KEEP_OFFERED).may_match
_HAS_FUNDING = Needled(_FUNDING_BEFORE).may_match
_HAS_MARKET = Needled(_MARKET_BEFORE).may_match
_HAS_ESTIMATE = Needled(_ESTIMATE_RISE).may_match


def _context(t: str, raws: list[_Raw], i: int, lo: int, hi: int, pairs: dict[int, int] | None = None,
             low: str | None = None) -> AmountContext:
    """What the words around ``raws[i]`` say of it; ``low`` is ``lowered(t)`` (None: every pattern runs)."""
    r = raws[i]
    c_lo, c_hi = _clause_bounds(t, r.start, r.end, lo, hi)
    left_lim = max(c_lo, raws[i - 1].end if i > 0 else lo, r.start - 80)
    right_lim = min(c_hi, raws[i + 1].start if i + 1 < len(raws) else hi, r.end + 80)
    before = t[left_lim:r.start]
    after = t[r.end:right_lim]
    now = bool((_HAS_NOW(low, left_lim, r.start) and _NOW_BEFORE.search(before)) or _NOW_AFTER.match(after))
    if now and r.unit and r.unit != "USD" and assets.is_fiat(r.unit) and i > 0 and raws[i - 1].unit == "USD" \
            and _FX_NOW.match(after):
        now = False   # "$55 million, or about 1.8 billion lira at current exchange rates": the loss converted, not its worth today
    then = bool(_THEN_AFTER.match(after) or (_HAS_THEN(low, left_lim, r.start) and _THEN_BEFORE.search(before)))
    recovered = False
    for src, base in ((before, left_lim), (after, r.end)):
        if not _HAS_RECOVERY(low, base, base + len(src)):
            continue
        for m in _RECOVERY_RE.finditer(src):
            if src.startswith(" from", m.end()):   # "recover from a $72 million hack"
                continue
            if not _NEGATION.search(t, max(lo, base + m.start() - 30), base + m.start()):
                recovered = True
                break
    if recovered and not _RECOVERY_RE.search(after[:40]):
        last_rec = None
        for last_rec in _RECOVERY_RE.finditer(before):
            pass
        if last_rec is not None and _AFTER_ATTACK.search(before, last_rec.end()):
            recovered = False   # "froze its contracts after falling victim to a $1 million exploit": the loss, then the freeze
    if recovered and _WHOLE_OF.search(before):
        recovered = False   # "practically all of the $600 million had come back": the loss named whole, of which some came back
    refunded = bool((_HAS_REFUND(low, left_lim, r.start) and _REFUND_RE.search(before))
                    or (_HAS_REFUND(low, r.end, right_lim) and _refund_of_this(after)))
    per_unit = bool(_PER_UNIT_AFTER.match(after) or (_HAS_PER_UNIT(low, left_lim, r.start) and _PER_UNIT_BEFORE.search(before))
                    or (_HAS_RATE(low, max(lo, r.start - 16), r.start)
                        and _RATE_BEFORE.search(t, max(lo, r.start - 16), r.start)))   # "($1 = 112.3 yen)": an exchange rate
    initial = bool(_HAS_INITIAL(low, left_lim, r.start) and _INITIAL_BEFORE.search(before))
    revised = bool(_HAS_REVISED(low, left_lim, r.start) and _REVISED_BEFORE.search(before))
    near_before, near_after = before[-60:], after[:40]
    nb_lo, na_hi = r.start - len(near_before), r.end + len(near_after)
    rm = None
    if _HAS_REWARD(low, nb_lo, r.start):
        for rm in _REWARD_RE.finditer(near_before):
            pass
    # "a 5% bounty on $114M stolen": the amount the bounty is a share of, not the bounty
    keep_lo = max(lo, r.start - 120)
    reward = bool((_HAS_KEEP(low, keep_lo, r.start) and _KEEP_OFFERED.search(t, keep_lo, r.start))
                  or (rm and not _BOUNTY_ON.fullmatch(near_before, rm.end()))
                  or (_HAS_REWARD(low, r.end, na_hi) and _REWARD_RE.search(near_after)
                      and not _WORTH_OF_REWARDS.match(near_after)))
    if reward:
        recovered = False   # "offered $10 million to return the funds": the offer, not a recovery
    funding = bool((_HAS_FUNDING(low, nb_lo, r.start) and _FUNDING_BEFORE.search(near_before))
                   or _FUNDING_AFTER.match(near_after))
    market = bool(_HAS_MARKET(low, max(lo, r.start - 40), r.start) and folded(_MARKET_BEFORE).search(t, max(lo, r.start - 40), r.start)) \
        or _MARKET_AFTER.match(near_after) is not None
    if per_unit or market:
        em = _ESTIMATE_RISE.search(before) if _HAS_ESTIMATE(low, left_lim, r.start) else None
        if em and not _PRICE_TALK.search(em.group(0)) and not _PER_UNIT_AFTER.match(after):
            per_unit = market = False   # "estimates of the damage have climbed to more than $70 million": the loss, revised
            revised = True
    governing = _governing(t, raws, i, pairs or {}, c_lo)
    moved, theft = governing == "move", governing == "theft"
    if theft and recovered and not _RECOVERY_RE.search(after[:30]):
        last_rec = None
        for last_rec in _RECOVERY_RE.finditer(before):
            pass
        if last_rec is not None and _FINITE_THEFT.search(before, last_rec.end()):
            recovered = False   # "froze deposits and withdrawals after finding that hackers had taken 119,756 bitcoins"
    if (theft or _ATTACKED_FOR.search(before)) and recovered and not _RECOVERY_RE.search(before):
        first = _RECOVERY_RE.search(after)
        if first is not None and _LATER_CLAUSE.search(after, 0, first.start()):
            recovered = False   # "lost $610 million to a hacker who later returned almost all of it": lost, then returned
    return AmountContext(now_worth=now, at_the_time=then, recovered=recovered, refunded=refunded, moved=moved, theft=theft,
                         stated_range=r.stated_range, per_unit=per_unit, initial=initial, revised=revised,
                         reward=reward, funding=funding, market=market)


def _pairable(t: str, a: _Raw, b: _Raw) -> bool:
    if a.kind != "money" or b.kind != "money" or a.unit == b.unit or a.unit is None or b.unit is None:
        return False
    if not (assets.is_fiat(a.unit) or assets.is_fiat(b.unit)):
        return False
    gap = t[a.end:b.start]
    if len(gap) > 60:
        return False
    words = [w for w in _PAIR_GAP_PUNCT.split(gap.lower()) if w]
    return len(words) <= 6 and all(w.strip(".'") in _PAIR_GAP_WORDS for w in words)


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[AmountMention]:
    """Every money amount, share and count in ``text[start:end]``, in text order.

    Spans index ``text`` itself. A conversion stated beside an amount ("58 billion yen ($534
    million)", "19,000 BTC, approximately $5.2 million") is linked both ways through ``pair``.
    """
    n = len(text)
    lo = max(0, min(start, n))
    hi = n if end is None else max(lo, min(end, n))
    t = fold_chars(text)
    raws: list[_Raw] = []
    last_end = lo
    for m in _cores(t, lo, hi):
        if m.start() < last_end:
            continue
        r = _parse_at(t, m, lo, hi)
        if r is None:
            continue
        if r.start < last_end:
            r.start = max(r.start, last_end)
            while r.start < m.start() and t[r.start].isspace():
                r.start += 1
        raws.append(r)
        last_end = r.end
    pairs: dict[int, int] = {}
    for i in range(len(raws) - 1):
        if i not in pairs and _pairable(t, raws[i], raws[i + 1]):
            pairs[i] = i + 1
            pairs[i + 1] = i
    # "between $100 million and $110 million", "$5 million to $6 million": a stated range
    range_pairs: list[int] = []
    for i in range(len(raws) - 1):
        a, b = raws[i], raws[i + 1]
        if (a.kind == b.kind == "money" and a.unit == b.unit and b.end - a.start < 120
                and _RANGE_GAP.match(t, a.end, b.start) and a.value < b.value):
            gap = t[a.end:b.start].strip().lower()
            if gap in ("-", "to") or _RANGE_BEFORE.search(t, max(lo, a.start - 12), a.start):
                a.stated_range = b.stated_range = True
                range_pairs.append(i)
    low = lowered(t) if raws else None
    ctxs = [_context(t, raws, i, lo, hi, pairs, low) for i in range(len(raws))]
    # "a bounty of 50,000 ARKM ($31,500-$32,000)": a conversion and both ends of a range share what the words
    # around them say the sum is
    for i in sorted({*range_pairs, *(min(x, y) for x, y in pairs.items())}):
        a, b = ctxs[i], ctxs[i + 1]
        shared = {f: getattr(a, f) or getattr(b, f) for f in ("recovered", "refunded", "reward", "funding", "moved")}
        ctxs[i], ctxs[i + 1] = replace(a, **shared), replace(b, **shared)
        if a.now_worth and raws[i + 1].unit and assets.is_fiat(raws[i + 1].unit):
            # "would now be worth 1.47 trillion won, or a little over $1 billion": the conversion is today's value too
            ctxs[i + 1] = replace(ctxs[i + 1], now_worth=True)
    # "19,000 BTC - valued at around $275 each": a price is no conversion of the figure beside it
    for i in [i for i, j in pairs.items() if ctxs[i].per_unit or ctxs[j].per_unit]:
        pairs.pop(i, None)
    # "TVL fell from $190 million to $1,794": the figure after "to" is what was left, a value, not a sum taken
    for i in range(len(raws) - 1):
        a, b = raws[i], raws[i + 1]
        if a.kind == b.kind == "money" and a.unit == b.unit and b.value < a.value \
                and re.fullmatch(r"\s*to\s*", t[a.end:b.start], re.I) and _FROM_BEFORE.search(t, max(lo, a.start - 8), a.start):
            ctxs[i + 1] = replace(ctxs[i + 1], market=True)
    out: list[AmountMention] = []
    for i, r in enumerate(raws):
        span = Span(r.start, r.end)
        ctx = ctxs[i]
        if r.kind == "money":
            money = Money(
                value=r.value, unit=r.unit or "", low=r.low, high=r.high, qualifier=r.qualifier, vague=r.vague,
                approximate=r.approximate, valued_at="now" if ctx.now_worth else ("then" if ctx.at_the_time else None),
            )
            out.append(AmountMention(span=span, money=money, pair=pairs.get(i), context=ctx))
        elif r.kind == "share":
            out.append(AmountMention(span=span, share=Share(percent=r.value, of=r.share_of), context=ctx))
        else:
            out.append(AmountMention(
                span=span, count=Count(value=r.value, low=r.low, high=r.high, what=r.count_what or "users"),
                context=ctx,
            ))
    return out


# --------------------------------------------------------------------------------------------
# Components of a loss
# --------------------------------------------------------------------------------------------

# Chains a loss is split across ("$56 million on Ethereum, $48 million on Tron").
CHAIN_NAMES: tuple[str, ...] = (
    "Ethereum", "Bitcoin", "Tron", "BNB Chain", "BNB Smart Chain", "Binance Smart Chain", "BSC", "Polygon", "Poly",
    "Arbitrum", "Optimism", "Avalanche", "Solana", "Fantom", "Base", "Cronos", "Gnosis", "Heco", "Klaytn",
    "Moonriver", "Moonbeam", "Aptos", "Sui", "Linea", "zkSync", "Blast", "Litecoin", "XRP Ledger", "Ripple",
)
# A figure told as one asset's or one chain's part of a loss, when the text splits the loss into several.
COMPONENT_EXAMPLES: tuple[tuple[str, int], ...] = (
    # (sentence, how many of its dollar figures are components)
    ("The thief took $40 million in USDT, 500 bitcoins (worth $20 million) and $9 million in ETH.", 3),
    ("Losses were $30 million on Ethereum and $12 million on BNB Chain.", 2),
    ("The damage fell mostly on the Ethereum ($50 million) and Tron ($30 million) networks.", 2),
    ("The wallets now hold 20,000 ETH ($60 million) and about $15 million of the DAI stablecoin.", 2),
    ("It took $70 million worth of its stable coins, $12 million of its ether and another $9 million in smaller tokens.", 3),
    ("The stolen assets included $16 million from Arbitrum.", 1),
    ("The bulk of the loot, worth about $90 million, was in staked ether.", 1),
    ("Hackers stole $80 million in ether from the bridge.", 0),
    ("The hacker drained $197 million in cryptocurrencies, including $20 million in USDC.", 1),
    ("Hackers stole 4,000 BTC (about $5.5 million) from the exchange.", 0),
    ("The first malicious transaction drained over $11 million in USDT.", 1),
)

_COMPONENT_HEAD = re.compile(r"\s*+(?:worth\s++|(?:stolen|taken|drained|lost)\s++)?(?:of|in|on|from)\s++", re.I)
_COMPONENT_ON = re.compile(r"\bon\s++(?:the\s++)?(?P<w>[A-Z][\w\-]*+(?:\s++[A-Z][\w\-]*+){0,2})\b[^.;$€£¥]{0,70}$")
_COMPONENT_WORD = re.compile(r"[A-Za-z][\w\-]*+(?:['’]s)?")
_COMPONENT_LABEL = re.compile(r"(?P<w>[A-Za-z][\w\- ]{1,30}?)\s*+(?::|\()\s*+$")
_COMPONENT_CUE = re.compile(
    r"(?:\b(?:includ(?:ed|ing|es)|comprising|consisting\s+of|of\s+which)\s++|"
    r"\b(?:the\s++)?(?:bulk|majority|rest|remainder|portion|part)\s++of\s++(?:(?:the|its|their|[\w\-]+['’]s)\s++){0,2}"
    r"(?:[\w\-]+\s++){0,2}?(?:loot|funds|assets|haul|tokens|coins|proceeds)\s*+[—–,\-]*\s*+(?:worth\s++|valued\s++at\s++)?)$",
    re.I,
)
_ONE_TRANSACTION = re.compile(
    r"\b(?:the|a|its|one)\s+(?:first|second|third|fourth|fifth|last|final|largest|biggest|single)\s+(?:[\w\-]+\s+)?"
    r"(?:transactions?|transfers?|withdrawals?|tx)\b[^.;]{0,70}$", re.I)
_STABLE = re.compile(r"stable\s*-?coins?", re.I)
_ANOTHER = re.compile(r"\b(?:another|a\s+further|an\s+additional)\s*+$", re.I)


@lru_cache(maxsize=1)
def _chain_names() -> dict[str, str]:
    return {" ".join(c.lower().split()): c for c in CHAIN_NAMES}


def _crypto_name(words: list[str]) -> str | None:
    """The asset or chain that one, two or three words at the start of ``words`` name, if any."""
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        phrase = " ".join(words[:n])
        if _STABLE.fullmatch(phrase):
            return "stablecoins"
        chain = _chain_names().get(phrase.lower())
        if chain:
            return chain.lower()
        code = assets.unit_for_word(phrase)
        if code and assets.is_crypto(code):
            return code
        if n == 1 and re.fullmatch(r"(?:[a-z]{1,2})?[A-Z][A-Z0-9]{2,5}", phrase) and phrase not in NOT_TICKERS \
                and phrase not in _FIAT_CODES:
            return phrase
    return None


def component_tag(text: str, amounts: list[AmountMention], k: int, lo: int = 0) -> str | None:
    """The asset or chain a dollar figure is told for ("$32.7 million in USDT" -> "USDT"), else None.

    Read from the conversion paired with it ("443 bitcoins (worth $16.5 million)"), the words after
    it ("in USDT", "worth of its bitcoin", "on BSC", "of the dai stablecoin") or a label before it
    ("Bitcoin: $18 million", "Ethereum ($56 million)"). ``lo`` bounds the look-back (sentence start).
    """
    a = amounts[k]
    if a.money is None or a.money.unit != "USD":
        return None
    if a.pair is not None and amounts[a.pair].money is not None and amounts[a.pair].money.unit \
            and not assets.is_fiat(amounts[a.pair].money.unit):
        return amounts[a.pair].money.unit
    t = text
    end = a.span.end
    nxt = amounts[k + 1].span.start if k + 1 < len(amounts) else len(t)
    # "$11 million USDT"
    after = t[end : min(len(t), end + 60, nxt)]
    m = re.match(r"\s++([A-Za-z][\w]*+)", after)
    if m:
        tag = _crypto_name([m.group(1)])
        if tag and tag != "stablecoins":
            return tag
    hm = _COMPONENT_HEAD.match(after)
    if hm:
        words = [w.rstrip("’'s") if w.endswith(("'s", "’s")) else w
                 for w in _COMPONENT_WORD.findall(after[hm.end() : hm.end() + 50].replace("“", " ").replace("”", " "))]
        words = [w for w in words if w]
        # skip determiners and up to two modifiers: "the algorithmic stablecoin DAI", "Wintermute's stable coins"
        for i in range(min(4, len(words))):
            tag = _crypto_name(words[i:])
            if tag:
                return tag
    prev = amounts[k - 1].span.end if k > 0 else 0
    before = t[max(lo, prev, a.span.start - 40) : a.span.start]
    lm = _COMPONENT_LABEL.search(before)
    if lm:
        words = lm.group("w").split()
        for i in range(len(words)):
            tag = _crypto_name(words[i:])
            if tag:
                return tag
    # "calculated the loss only on Ethereum, where assets worth $100 million were taken"
    om = _COMPONENT_ON.search(t, max(lo, prev, a.span.start - 110), a.span.start)
    if om:
        tag = _crypto_name(om.group("w").split())
        if tag is not None and tag.lower() in _chain_names():
            return tag
    return None


def component_amounts(text: str, amounts: list[AmountMention], groups: list[list[int]]) -> set[int]:
    """Dollar figures that are parts of a loss split by asset or chain, not the loss itself.

    ``groups``: indices into ``amounts`` read together (one sentence, or a list with the line that opens it),
    each group holding amounts of one incident. A group is a breakdown when two or more of its dollar figures
    are told for different assets or chains; then those figures, and "another $X" beside them, are parts.
    A single tagged figure is a part when the words before it say so ("including $20 million in USDC",
    "the bulk of the loot, worth $135 million").
    """
    out: set[int] = set()
    for group in groups:
        tags = {k: component_tag(text, amounts, k) for k in group}
        tagged = {k: v for k, v in tags.items() if v is not None}
        if len(set(tagged.values())) >= 2:
            out.update(tagged)
            for k in group:
                a = amounts[k]
                if k not in tagged and a.money is not None and a.money.unit == "USD" and \
                        _ANOTHER.search(text, max(0, a.span.start - 20), a.span.start):
                    out.add(k)
        for k in group:
            a = amounts[k]
            if a.money is None or a.money.unit != "USD" or k in out:
                continue
            if folded(_COMPONENT_CUE).search(text, max(0, a.span.start - 80), a.span.start) and (
                    k in tagged or re.search(r"\b(?:bulk|majority|rest|remainder|portion|part)\b",
                                             text[max(0, a.span.start - 80) : a.span.start], re.I)):
                out.add(k)
            elif folded(_ONE_TRANSACTION).search(text, max(0, a.span.start - 90), a.span.start):
                out.add(k)   # "the first malicious transaction drained over $11 million"
    return out
